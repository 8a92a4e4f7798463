"""首页's reading through libpq's C API (``db.libpq``): values read as psycopg reads them, the
same snapshot and grants, and psycopg's way taken whenever libpq cannot be (none found, a
login refused, an answer of a type it does not read)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jianfu.db import libpq, plain_server
from jianfu.services import first_screen_plain

TODAY = dt.date.today()


def _both(url):
    """A libpq and a psycopg reading of ``url``'s server (each in its snapshot)."""
    where = plain_server.address(url)
    a = plain_server.connect(where, ("libpq",))
    b = plain_server.connect(where, ("psycopg",))
    assert isinstance(a, libpq.LibpqReads)
    assert isinstance(b, plain_server.ServerReads)
    return a, b


TYPED = (
    "SELECT NULL::int, NULL::text, DATE '2024-02-29', 12.50::numeric, "
    "sum(x)::numeric, 7::int2, 2147483648::int8, 3::int4, true, false, "
    "'清溪镇 \"a\" %'::varchar, ''::text, TIMESTAMP '2024-03-01 08:09:10.5', "
    "1.25::float8, count(*) FROM (VALUES (1), (2)) v(x)"
)


def test_values_are_read_as_psycopg_reads_them(pg_county):
    a, b = _both(pg_county.urls["clerk"])
    try:
        row = a.execute(TYPED).fetchone()
        assert row == b.execute(TYPED).fetchone()
        assert row[:4] == (None, None, dt.date(2024, 2, 29), Decimal("12.50"))
        assert type(row[3]) is Decimal and type(row[2]) is dt.date
        assert row[5:12] == (7, 2147483648, 3, True, False, '清溪镇 "a" %', "")
        assert row[12] == dt.datetime(2024, 3, 1, 8, 9, 10, 500000)
        # parameters as psycopg sends them: texts read as the column's type, lists as arrays
        sql = (
            "SELECT ?::date + 1, ? = ANY(?::bigint[]), ?, ?, ?::int IS NULL, "
            "(SELECT count(*) FROM unnest(?::text[]))"
        )
        values = (TODAY.isoformat(), 3, [1, 2, 3], False, 40000, None, ['a"b', "c\\d", "e,f"])
        got = a.execute(sql, values).fetchall()
        assert got == b.execute(sql, values).fetchall()
        assert got == [(TODAY + dt.timedelta(days=1), True, False, 40000, True, 3)]
        # a statement with % (psycopg's %% kept) reads alike
        like = "SELECT count(*) FROM unit WHERE name LIKE '%镇'"
        assert a.execute(like).fetchall() == b.execute(like).fetchall()
    finally:
        a.close()
        b.close()


def test_the_snapshot_and_the_login_are_the_same(pg_county):
    a, b = _both(pg_county.urls["clerk"])
    try:
        for sql in (
            "SELECT current_user, current_setting('transaction_isolation'), "
            "current_setting('transaction_read_only'), current_setting('search_path')",
            # row-level security: the clerk sees its township's rows only, through either
            "SELECT count(*) FROM task_request",
        ):
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall()
        assert a.execute("SELECT current_setting('transaction_isolation')").fetchone() == (
            "repeatable read",
        )
        with pytest.raises(libpq.Error):  # read only
            a.execute("CREATE TEMP TABLE x (i int)")
    finally:
        a.close()
        b.close()


def test_an_answer_of_a_type_not_read_here_is_read_through_psycopg(pg_county, monkeypatch):
    """A type libpq's reading does not convert: 首页 is read again through psycopg, the same."""
    url = pg_county.urls["clerk"]
    monkeypatch.setattr(plain_server, "TRANSPORTS", ("psycopg",))
    expected = first_screen_plain.read_server(url, TODAY)
    monkeypatch.setattr(plain_server, "TRANSPORTS", ("libpq", "psycopg"))
    a, b = _both(url)
    try:
        with pytest.raises(libpq.UnreadError):
            a.execute("SELECT '{1,2}'::int[]")
    finally:
        a.close()
        b.close()
    opened = []
    real = plain_server.connect

    def noting(where, transports=None):
        reads = real(where, transports)
        opened.append(type(reads).__name__)
        return reads

    monkeypatch.setattr(plain_server, "connect", noting)
    monkeypatch.delitem(libpq.CONVERTERS, 1082)  # dates: every case's received_on
    read = first_screen_plain.read_server(url, TODAY)
    assert opened == ["LibpqReads", "ServerReads"]
    assert read == expected


def _counting_attempts(monkeypatch) -> dict[str, int]:
    """How many connections libpq's reading and psycopg's tried (made or not)."""
    import psycopg

    tried = {"libpq": 0, "psycopg": 0}
    real_libpq, real_psycopg = libpq.connect, psycopg.connect

    def through_libpq(params, timeout):
        tried["libpq"] += 1
        return real_libpq(params, timeout)

    def through_psycopg(*args, **kwargs):
        tried["psycopg"] += 1
        return real_psycopg(*args, **kwargs)

    monkeypatch.setattr(libpq, "connect", through_libpq)
    monkeypatch.setattr(psycopg, "connect", through_psycopg)
    return tried


def test_a_refused_login_is_said_at_once(pg_county, monkeypatch):
    """libpq's connection refused: said as the ORM says it, without psycopg trying again."""
    from sqlalchemy.engine import make_url

    from jianfu.domain.errors import DatabaseError

    tried = _counting_attempts(monkeypatch)
    nobody = make_url(pg_county.url).set(username="no_such_login_here").render_as_string(False)
    with pytest.raises(DatabaseError) as refused:
        first_screen_plain.read_server(nobody)
    assert tried == {"libpq": 1, "psycopg": 0}
    assert "无法连接数据库服务器" in str(refused.value)
    assert "服务器上没有登录名“no_such_login_here”" in str(refused.value)


def test_a_server_not_reached_is_said_after_one_attempt(monkeypatch):
    """A wrong port in the server login: 首页's reading through libpq waited for its connect
    timeout, then psycopg tried and waited again (about 10 s before the clerk saw why). The
    first attempt's failure is said, as psycopg's was. (A port nothing listens on: refused at
    once, so the test counts the attempts instead of timing them.)"""
    import socket

    from jianfu.domain.errors import DatabaseError

    with socket.socket() as s:  # a port free now: nothing listens on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tried = _counting_attempts(monkeypatch)
    url = f"postgresql+psycopg://clerk:secret@127.0.0.1:{port}/jianfu"
    with pytest.raises(DatabaseError) as refused:
        first_screen_plain.read_server(url)
    assert tried == {"libpq": 1, "psycopg": 0}
    said = str(refused.value)
    assert said.startswith(f"无法连接数据库服务器 PostgreSQL：clerk@127.0.0.1:{port}/jianfu：")
    assert "连接被拒绝：服务器没有运行，或地址、端口不对" in said
    assert "secret" not in said
    # where libpq itself cannot (an option this libpq does not know): psycopg tries, and says
    tried.update(libpq=0, psycopg=0)
    monkeypatch.setattr(libpq, "_known_keywords", lambda lib: frozenset())
    with pytest.raises(DatabaseError) as refused:
        first_screen_plain.read_server(url)
    assert tried == {"libpq": 1, "psycopg": 1}
    assert "连接被拒绝" in str(refused.value)


def test_an_option_libpq_does_not_know_is_left_to_psycopg():
    if libpq.load() is None:
        pytest.skip("no libpq")
    known = libpq._known_keywords(libpq.load())
    assert {"host", "port", "user", "password", "dbname", "connect_timeout"} <= known
    assert libpq.connect({"host": "127.0.0.1", "no_such_option": "1"}, 5) is None


def test_without_libpq_the_reading_is_psycopgs(pg_county, monkeypatch):
    url = pg_county.urls["reviewer"]
    with_libpq = first_screen_plain.read_server(url, TODAY)
    monkeypatch.setattr(libpq, "_candidates", lambda: ["/no/such/libpq.so.5"])
    monkeypatch.setattr(libpq, "_tried", False)
    monkeypatch.setattr(libpq, "_lib", None)
    assert libpq.load() is None
    where = plain_server.address(url)
    reads = plain_server.connect(where)
    assert isinstance(reads, plain_server.ServerReads)
    reads.close()
    assert first_screen_plain.read_server(url, TODAY) == with_libpq
    assert with_libpq is not None


def test_the_libpq_found_is_the_systems_or_psycopg_binarys(monkeypatch):
    import sys

    found = list(libpq._candidates())
    assert found[0] == libpq.SONAMES[sys.platform]
    bundled = [f for f in found if "psycopg_binary" in f]
    assert bundled  # psycopg-binary's, found without importing it
    assert libpq.load() is not None
    assert libpq.load().PQlibVersion() >= libpq.MIN_VERSION
    # no system libpq: psycopg-binary's is loaded
    monkeypatch.setattr(libpq, "SONAMES", {})
    monkeypatch.setattr(libpq, "_tried", False)
    monkeypatch.setattr(libpq, "_lib", None)
    assert libpq.load()._name == bundled[0]


@pytest.mark.parametrize(
    ("sql", "numbered"),
    [
        ("SELECT 1", "SELECT 1"),
        ("SELECT %s, %s", "SELECT $1, $2"),
        ("SELECT '%%a' || %s WHERE x LIKE '%%s'", "SELECT '%a' || $1 WHERE x LIKE '%s'"),
    ],
)
def test_psycopgs_marks_in_libpqs_form(sql, numbered):
    assert libpq.numbered(sql) == numbered
