"""Migration 0031's index of the tasks' departments: 事项审核's departments (the table's, then
the others seen on tasks) are the same at 0030 (no such index, read by ``SELECT DISTINCT``)
as at 0031 (the index walked from one department to the next), in the same order, and the
migration goes down and up again. On PostgreSQL the owner's reading and a clerk's and the
reviewer's (row-level security on the township) see the departments of the tasks they may
read, and walk the index (the sequential scan switched off and the table's other indexes
dropped in a transaction rolled back). Speed: the migration's docstring.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models_tasks import TaskRequestRow
from jianfu.db.repositories import tasks as repo
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.collation import sorted_texts
from jianfu.services.registry import Services

INDEX = "ix_task_request_department"
OTHER_INDEXES = (
    "ix_task_request_decision",
    "ix_task_request_township_id",
    "ix_task_request_township_received",
    "ix_task_request_received",
    "ix_task_request_department_id",
    "ix_task_request_item_id",
)


def _distinct(session: Session) -> list[str]:
    """The departments as read before 0031 (by pinyin)."""
    department = TaskRequestRow.department
    return sorted_texts(session.execute(select(department).distinct()).scalars())


def _has_index(ctx) -> bool:
    with ctx.database.engine.connect() as con:
        return INDEX in {i["name"] for i in inspect(con).get_indexes("task_request")}


def test_the_departments_are_the_same_without_the_index_and_it_goes_down_and_up(demo_ctx):
    assert SCHEMA_HEAD >= "0031"
    services = Services.create(demo_ctx)
    with demo_ctx.unit_of_work() as s:
        seen = repo.task_departments(s)
        assert seen == _distinct(s)
    assert len(seen) > 1  # the demo's tasks come from several departments
    offered = services.tasks.departments()
    assert _has_index(demo_ctx)

    cfg = alembic_config()
    with demo_ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0030")
    assert not _has_index(demo_ctx)
    assert services.tasks.departments() == offered

    upgrade(demo_ctx.database.engine)
    assert _has_index(demo_ctx)
    assert services.tasks.departments() == offered


def test_no_tasks_no_departments(ctx):
    with ctx.unit_of_work() as s:
        assert repo.task_departments(s) == []


def test_each_persons_reading_walks_the_index(pg_county):
    from sqlalchemy import create_engine, event

    owner = create_engine(pg_county.url)
    try:
        with owner.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("VACUUM ANALYZE task_request")
        with owner.connect() as con:
            every = sorted_texts(
                set(con.execute(text("SELECT department FROM task_request")).scalars())
            )
        for who in ("owner", "clerk", "clerk_b", "reviewer"):
            engine = owner if who == "owner" else create_engine(pg_county.urls[who])
            sent: list[tuple[str, object]] = []
            def record(_c, _u, statement, params, *_args, sent=sent) -> None:
                sent.append((statement, params))

            event.listen(engine, "before_cursor_execute", record)
            try:
                with Session(engine) as s:
                    found = repo.task_departments(s)
                    assert found == _distinct(s), who
            finally:
                if engine is not owner:
                    engine.dispose()
            assert set(found) <= set(every), who
            if who in ("owner", "reviewer"):
                assert found == every, who  # every township's tasks
            statement, params = sent[0]
            with owner.connect() as con, con.begin() as tx:
                # the other indexes would do on a county this small: without them, the plan
                # shows that the walk can take each next department from the index
                for other in OTHER_INDEXES:
                    con.exec_driver_sql(f"DROP INDEX {other}")
                if who != "owner":
                    con.exec_driver_sql(f'SET LOCAL ROLE "{pg_county.logins[who]}"')
                con.exec_driver_sql("SET LOCAL enable_seqscan = off")
                sql = f"EXPLAIN (ANALYZE, COSTS OFF) {statement}"
                plan = "\n".join(con.exec_driver_sql(sql, params).scalars())
                assert plan.count(INDEX) >= 2, (who, plan)  # the first and each next
                tx.rollback()
    finally:
        owner.dispose()
