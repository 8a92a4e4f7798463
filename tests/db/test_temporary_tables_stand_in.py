"""A login's temporary table does not stand in for a table the row-level policies or the
SECURITY DEFINER helpers read (migration 0028): PostgreSQL looks a bare table name up in the
session's temporary schema first unless ``pg_temp`` is named in the path, and every login may
create temporary tables. A clerk of 石门乡 who made a temporary ``app_user`` naming themselves
an administrator read 清溪镇's certificate requests and tasks (with psql, as another tool would)
and got their ids from ``jianfu_certificate_candidates``.

Runs only against a server (``JIANFU_TEST_DATABASE_URL``)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

FORGED = (
    "CREATE TEMPORARY TABLE {name} AS SELECT * FROM public.{name} WHERE false",
    "INSERT INTO app_user (login, role, unit_id, active, display_name) "
    "SELECT current_user, 'admin', min(id), true, '冒充' FROM public.unit",
)


def _connect(url: str):
    import psycopg

    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password,
        autocommit=True,
    )  # fmt: skip


def _seen(con) -> tuple[int, int, int, int]:
    one = [
        "SELECT count(*) FROM certificate_request",
        "SELECT count(*) FROM task_request",
        "SELECT count(*) FROM admission_case",
        "SELECT count(*) FROM jianfu_certificate_candidates('证明')",
    ]
    return tuple(con.execute(sql).fetchone()[0] for sql in one)  # type: ignore[return-value]


def test_a_temporary_app_user_changes_nothing_a_clerk_sees(pg_county):
    with _connect(pg_county.url) as owner:  # 清溪镇 has them: the test has something to hide
        assert owner.execute("SELECT count(*) FROM certificate_request").fetchone()[0] > 0
        assert owner.execute("SELECT count(*) FROM task_request").fetchone()[0] > 0
    with _connect(pg_county.urls["clerk_b"]) as con:
        before = _seen(con)
        assert before == (0, 0, 0, 0)  # 石门乡 has recorded nothing
        con.execute(FORGED[0].format(name="app_user"))
        con.execute(FORGED[1])
        assert _seen(con) == before
        # nor is the clerk an administrator to the write policies
        assert con.execute("SELECT jianfu_is_admin()").fetchone()[0] is False


def test_every_function_that_reads_a_table_has_its_search_path_pinned(pg_county):
    pure = {"jianfu_short_grams", "jianfu_case_name", "jianfu_role_label", "jianfu_case_steps"}
    with _connect(pg_county.url) as con:
        rows = con.execute(
            "SELECT p.proname, p.proconfig FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace "
            "AND p.proname LIKE 'jianfu\\_%'"
        ).fetchall()
    assert len(rows) > 15
    for name, config in rows:
        if name in pure:
            continue
        assert config is not None and "search_path=public, pg_temp" in config, name
