"""Migration 0029's index counts a person's boards by status (首页: waiting for review, flagged,
relapsed) from the index alone on a shared server, where the login sees its townships' boards.

On the demo: the counts, through the ORM and through 首页's plain reading, are the same at 0028
(no such index) as at 0029, and the migration goes down and up again. On PostgreSQL, as a
township clerk's and the county reviewer's logins (row-level security on the township), each
board count of the plain reading is planned as an index-only scan of the new index (with the
sequential and bitmap scans switched off, so that the planner's choice on a small table does
not hide which columns the statement needs, and the table's other indexes dropped in a
transaction rolled back: on a county this small another would do). Speed: the statements timed as
``tests/bench/startup.py --database`` starts them.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from jianfu.db import plain_reads, plain_server
from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.services.registry import Services
from tests.conftest import RecordingReads, read_plain

INDEX = "ix_signboard_township_status"


def _counts(ctx) -> list[object]:
    services = Services.create(ctx)
    orm = [services.boards.waiting_review(), services.boards.attention()]
    plain = read_plain(
        ctx,
        lambda con: [
            plain_reads.boards_with_status(con, "已处置"),
            plain_reads.board_attention(con),
        ],
    )
    assert plain == orm
    return orm


def _has_index(ctx) -> bool:
    with ctx.database.engine.connect() as con:
        return INDEX in {i["name"] for i in inspect(con).get_indexes("signboard")}


def test_the_counts_are_the_same_without_the_index_and_it_goes_down_and_up(demo_ctx):
    assert SCHEMA_HEAD >= "0029"
    at_head = _counts(demo_ctx)
    assert _has_index(demo_ctx)
    assert at_head[0] and all(at_head[1])  # the demo has boards of each kind

    cfg = alembic_config()
    with demo_ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0028")
    assert not _has_index(demo_ctx)
    assert _counts(demo_ctx) == at_head

    upgrade(demo_ctx.database.engine)
    assert _has_index(demo_ctx)
    assert _counts(demo_ctx) == at_head


def test_a_persons_board_counts_read_the_index_alone(pg_county):
    from sqlalchemy import create_engine

    engine = create_engine(pg_county.url)  # the owner's, to plan as each login
    try:
        # the planner's figures of the table and which of its pages are all visible, as a
        # server's autovacuum keeps them (the county was just written)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("VACUUM ANALYZE signboard")
        for who in ("clerk", "reviewer"):
            where = plain_server.address(pg_county.urls[who])
            assert where is not None
            reads = plain_server.connect(where)
            assert reads is not None, who
            try:
                plain = RecordingReads(reads)
                waiting = plain_reads.boards_with_status(plain, "已处置")
                flagged, relapsed = plain_reads.board_attention(plain)
            finally:
                reads.close()
            assert len(plain.sent) == 3
            assert waiting + flagged + relapsed > 0, who  # it sees its boards
            with engine.connect() as con, con.begin() as tx:
                # every other index of the table goes (in a transaction rolled back): the
                # owner's on status alone would do on a county this small, and which of the
                # township indexes is cheapest depends on how many of the table's pages are
                # marked all visible yet (a VACUUM cannot mark them while another session's
                # snapshot is older, as under a parallel test run). With this index alone the
                # planner makes one path of it, an index-only scan if the index can answer
                # the count alone and a plain index scan if not: the plan says which.
                others = con.exec_driver_sql(
                    "SELECT indexrelid::regclass::text FROM pg_index"
                    " WHERE indrelid = 'signboard'::regclass"
                    " AND indexrelid::regclass::text <> %s"
                    " AND indexrelid NOT IN (SELECT conindid FROM pg_constraint)",
                    (INDEX,),
                ).scalars()
                for other in list(others):
                    con.exec_driver_sql(f"DROP INDEX {other}")
                con.exec_driver_sql(f'SET LOCAL ROLE "{pg_county.logins[who]}"')
                con.exec_driver_sql("SET LOCAL enable_seqscan = off")
                con.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
                for statement, params in plain.sent:
                    sql = f"EXPLAIN {statement.replace('?', '%s')}"
                    plan = "\n".join(con.exec_driver_sql(sql, params).scalars())
                    assert f"Index Only Scan using {INDEX}" in plan, (who, statement, plan)
                tx.rollback()
    finally:
        engine.dispose()
