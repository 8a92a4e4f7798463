"""首页 read through ``sqlite3`` before SQLAlchemy loads (``services.first_screen_plain``) is
what the ORM's reading shows (``load_dashboard`` through the services), figure by figure and
reminder by reminder, on the demo and on an empty database, on many days, and so is 首页 read
again with the database open (``MainWindow.first_screen_on``: after a save, at the close); and a
start with nothing kept shows it before SQLAlchemy is imported."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from jianfu.services import first_screen_plain
from jianfu.services.dashboard import load_dashboard

TODAY = dt.date.today()
#: today, the next days (deadlines come due), the quarter's last and next days, a past quarter
DAYS = sorted(
    {
        TODAY,
        TODAY + dt.timedelta(days=3),
        TODAY + dt.timedelta(days=20),
        TODAY + dt.timedelta(days=95),
        TODAY - dt.timedelta(days=120),
        dt.date(TODAY.year, 12, 31),
        dt.date(TODAY.year, 1, 1),
    }
)


def _orm_window(qtbot, ctx):
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(Services.create(ctx))
    window.tasks.wait_all()
    return window


def _plain(path, day, demo=False):
    from jianfu.ui.dashboard.widget import view_of
    from jianfu.ui.main_window import file_first_screen

    read = first_screen_plain.read(path, day, demo=demo)
    assert read is not None
    return file_first_screen(view_of(read.dashboard), read.township_name, str(path))


def _json(shown):
    return json.loads(json.dumps(shown, ensure_ascii=False))


def _compare(qtbot, ctx, days=DAYS):
    path = ctx.database.sqlite_path
    if path is None:
        pytest.skip("a server database is read through the ORM")
    window = _orm_window(qtbot, ctx)
    ctx.database.close()  # the ORM's writes (if any) are in the file, as at a start
    for day in days:
        orm = _json(window.first_screen_of(load_dashboard(window.services, today=day)))
        plain = _json(_plain(path, day))
        assert plain == orm, day
        # read again with the database open (after a save, at the close) alike
        assert _json(window.first_screen_on(day)) == orm, day
    return _json(window.first_screen_on(TODAY))


def test_the_demo_reads_the_same_through_sqlite3(qtbot, demo_ctx):
    shown = _compare(qtbot, demo_ctx)
    view = shown["view"]
    assert any(value for value, *_ in view["cards"].values())  # figures, not zeros
    assert view["reminders"] and view["villages"]["names"]


def test_more_records_of_every_kind_read_the_same(qtbot, demo_ctx):
    """Deadlines due, a task past its end, requests waiting, a failed backup, two days off."""
    from jianfu.services.backup import BackupStatus, _save_status
    from jianfu.services.registry import Services

    services = Services.create(demo_ctx)
    cases = services.cases.page(_case_filter(), 0, 100).rows
    assert cases  # the demo has cases waiting: their deadlines move with the days
    path = demo_ctx.database.sqlite_path
    if path is not None:
        _save_status(path, BackupStatus(False, "2026-01-02 03:04", "磁盘已满"))
        with demo_ctx.unit_of_work() as s:
            from jianfu.db.models_tasks import WorkdayOverrideRow

            s.add(WorkdayOverrideRow(day=TODAY + dt.timedelta(days=1), is_workday=False, note=""))
            s.add(WorkdayOverrideRow(day=TODAY + dt.timedelta(days=2), is_workday=True, note=""))
    shown = _compare(qtbot, demo_ctx)
    assert any(r["kind"] == "自动备份" for r in shown["view"]["reminders"])


def _case_filter():
    from jianfu.db.repositories.tasks import CaseFilter
    from jianfu.domain.cases import PENDING_STATUSES

    return CaseFilter(statuses=tuple(PENDING_STATUSES))


def test_an_empty_database_reads_the_same_through_sqlite3(qtbot, ctx):
    shown = _compare(qtbot, ctx, [TODAY])
    assert "本期暂无数据" in shown["view"]["status"]


def test_the_stored_values_it_names_are_the_domains():
    from jianfu.db import plain_reads
    from jianfu.db.repositories import settings as settings_repo
    from jianfu.db.repositories import tasks as tasks_repo
    from jianfu.db.repositories.boards import TAKES_DOWN
    from jianfu.domain.boards import BoardStatus
    from jianfu.domain.certificates import Outcome
    from jianfu.domain.matching import Verdict
    from jianfu.domain.tasks import TaskDecision

    assert Outcome.PENDING.value == plain_reads.CERT_PENDING
    assert Outcome.ISSUED.value == plain_reads.CERT_ISSUED
    assert Outcome.CONSULTED.value == plain_reads.CERT_CONSULTED
    assert Outcome.REFUSED.value == plain_reads.CERT_REFUSED
    assert Verdict.UNLISTED.value == plain_reads.VERDICT_UNLISTED
    assert plain_reads.TAKES_DOWN == TAKES_DOWN
    assert (
        TaskDecision.IN_LIST.value,
        TaskDecision.UNLISTED.value,
        TaskDecision.NEGATIVE.value,
    ) == (plain_reads.TASK_IN_LIST, plain_reads.TASK_UNLISTED, plain_reads.TASK_NEGATIVE)
    assert (
        BoardStatus.PENDING.value,
        BoardStatus.DISPOSED.value,
        BoardStatus.RELAPSED.value,
    ) == (plain_reads.BOARD_PENDING, plain_reads.BOARD_DISPOSED, plain_reads.BOARD_RELAPSED)
    assert plain_reads.SETTINGS_PREFIX == settings_repo.PREFIX
    assert plain_reads.VILLAGE_SEPARATOR == tasks_repo.VILLAGE_SEPARATOR


def test_a_file_it_may_not_read_is_left_to_the_orm(tmp_path, ctx):
    assert first_screen_plain.read(tmp_path / "none.db") is None
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert first_screen_plain.read(tmp_path / "junk.db") is None
    path = ctx.database.sqlite_path
    if path is None:
        return
    assert first_screen_plain.read(path, demo=True) is None  # the demo fills it first
    ctx.database.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'older'")
    con.commit()
    con.close()
    assert first_screen_plain.read(path) is None  # to be upgraded first


def test_a_file_at_a_schema_read_alike_reads_as_at_the_head(demo_ctx):
    """``SCHEMA_READ_ALIKE``: the revisions straight back from the head whose file reads as at
    the head (the first start after such an upgrade shows 首页 read before the migration):
    the demo taken back to each reads the same, and the one before them is left to the ORM."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from jianfu.db.migrate import alembic_config
    from jianfu.db.schema_version import SCHEMA_HEAD, SCHEMA_READ_ALIKE

    path = demo_ctx.database.sqlite_path
    if path is None:
        pytest.skip("a server database is read through the ORM")
    demo_ctx.database.close()
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    chain, revision = [], script.get_revision(SCHEMA_HEAD).down_revision
    for _ in SCHEMA_READ_ALIKE:
        chain.append(revision)
        revision = script.get_revision(revision).down_revision
    assert tuple(chain) == SCHEMA_READ_ALIKE  # back from the head, without a gap
    days = [TODAY, TODAY - dt.timedelta(days=120)]
    at_head = [_json(_plain(path, day)) for day in days]
    engine = create_engine(f"sqlite:///{path}")
    try:
        for older in (*SCHEMA_READ_ALIKE, revision):
            with engine.begin() as con:
                cfg.attributes["connection"] = con
                command.downgrade(cfg, str(older))
            if older == revision:
                assert first_screen_plain.read(path) is None  # to be upgraded first
            else:
                assert [_json(_plain(path, day)) for day in days] == at_head, older
    finally:
        engine.dispose()
