"""Migration 0030's index of the tasks 首页 reminds of once past their end date (temporary and
staged in-list tasks): the reminders are the same at 0029 (no such index) as at 0030, through
the ORM and through 首页's plain reading, and the migration goes down and up again; its
condition names the values the reading asks for. On PostgreSQL the owner's statement (no
township: every task) and a clerk's and the reviewer's (row-level security on the township)
are planned on the index (the sequential scan switched off and the table's other indexes
dropped in a transaction rolled back, so that the planner's choice on a small county does not
hide whether the index can serve them). Speed: the migration's docstring.
"""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect

from jianfu.db import plain_reads, plain_server
from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models_tasks import PAST_END_WHERE
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.lists import ItemNature
from jianfu.domain.tasks import TaskDecision
from jianfu.services.registry import Services
from tests.conftest import RecordingReads, read_plain

INDEX = "ix_task_request_past_end"
OTHER_INDEXES = (
    "ix_task_request_decision",
    "ix_task_request_township_id",
    "ix_task_request_township_received",
    "ix_task_request_received",
)
#: far enough on for some of the demo's temporary and staged tasks to have ended
LATER = dt.date.today() + dt.timedelta(days=3 * 365)


def _past_end(ctx) -> list[tuple[int, dt.date | None]]:
    services = Services.create(ctx)
    orm = [(t.id, t.data.end_date) for t in services.tasks.past_end(LATER)]
    plain = read_plain(
        ctx, lambda con: [(t.id, t.end_date) for t in plain_reads.past_end_tasks(con, LATER, None)]
    )
    assert plain == orm
    return orm


def _has_index(ctx) -> bool:
    with ctx.database.engine.connect() as con:
        return INDEX in {i["name"] for i in inspect(con).get_indexes("task_request")}


def test_the_condition_names_what_the_reminders_ask_for():
    wanted = (TaskDecision.IN_LIST, ItemNature.TEMPORARY, ItemNature.STAGED)
    expected = "decision = '{}' AND nature IN ('{}', '{}')".format(*wanted)
    assert expected == PAST_END_WHERE


def test_the_reminders_are_the_same_without_the_index_and_it_goes_down_and_up(demo_ctx):
    assert SCHEMA_HEAD >= "0030"
    at_head = _past_end(demo_ctx)
    assert _has_index(demo_ctx)
    assert at_head  # the demo has such tasks once their end has passed

    cfg = alembic_config()
    with demo_ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0029")
    assert not _has_index(demo_ctx)
    assert _past_end(demo_ctx) == at_head

    upgrade(demo_ctx.database.engine)
    assert _has_index(demo_ctx)
    assert _past_end(demo_ctx) == at_head


def test_each_persons_statement_is_planned_on_the_index(pg_county):
    from sqlalchemy import create_engine

    engine = create_engine(pg_county.url)  # the owner's, to plan as each login
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("VACUUM ANALYZE task_request")
        for who in ("owner", "clerk", "reviewer"):
            url = pg_county.url if who == "owner" else pg_county.urls[who]
            where = plain_server.address(url)
            assert where is not None
            reads = plain_server.connect(where)
            assert reads is not None, who
            try:
                plain = RecordingReads(reads)
                found = plain_reads.past_end_tasks(plain, LATER, 20)
            finally:
                reads.close()
            assert len(plain.sent) == 1
            assert found, who  # it sees some
            with engine.connect() as con, con.begin() as tx:
                # the other indexes would do on a county this small: without them, the plan
                # shows that the statement's values meet the index's condition
                for other in OTHER_INDEXES:
                    con.exec_driver_sql(f"DROP INDEX {other}")
                if who != "owner":
                    con.exec_driver_sql(f'SET LOCAL ROLE "{pg_county.logins[who]}"')
                con.exec_driver_sql("SET LOCAL enable_seqscan = off")
                statement, params = plain.sent[0]
                sql = f"EXPLAIN {statement.replace('?', '%s')}"
                plan = "\n".join(con.exec_driver_sql(sql, params).scalars())
                assert INDEX in plan, (who, plan)
                tx.rollback()
    finally:
        engine.dispose()
