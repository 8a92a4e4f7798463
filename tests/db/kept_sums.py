"""What the tests of the sums the server keeps (migrations 0032, 0034, 0035: board_standing,
certificate_month, board_month and board_town) share: a plain psycopg connection to a test
server's address, a connection that notes what it is sent, and the check that each person reads
only their townships' rows and nobody writes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import psycopg
import pytest
from sqlalchemy.engine import make_url


def connect(url: str, **kwargs) -> psycopg.Connection:
    """A psycopg connection to the SQLAlchemy address ``url``."""
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, **kwargs)


class Traced:
    """A connection that notes the statements sent."""

    def __init__(self, con) -> None:
        self.con, self.sent = con, []

    def execute(self, sql: str, parameters=(), /):
        self.sent.append(sql)
        return self.con.execute(sql, parameters)


def assert_read_by_township_and_written_by_none(
    pg_county,
    owner,
    kept: Callable[[psycopg.Connection], dict],
    same: Callable[[psycopg.Connection], dict],
    writes: Iterable[str],
    also: Callable[[psycopg.Connection, dict], None] | None = None,
) -> None:
    """Each person of the county reads the kept rows of their own townships (清溪镇 holds all the
    county's records, 石门乡's clerk sees none of them) and none of ``writes`` is allowed;
    ``also`` checks more on each person's connection and rows."""
    before = same(owner)
    writes = tuple(writes)
    seen = {}
    for who in ("clerk", "clerk_b", "reviewer", "mechanism"):
        with connect(pg_county.urls[who], autocommit=True) as con:
            seen[who] = kept(con)
            if also is not None:
                also(con, seen[who])
            for statement in writes:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    con.execute(statement)
    assert seen["clerk"] == before  # 清溪镇's own: all the county's records are its
    assert seen["clerk_b"] == {}  # 石门乡's clerk sees nothing of 清溪镇's
    assert seen["reviewer"] == before == seen["mechanism"]
    assert same(owner) == before
