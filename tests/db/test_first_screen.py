"""首页 kept at close (services.first_screen): shown at the next start only while nothing that
it shows can have changed; any write, another day, a new backup outcome or a newer app
makes the start read the database again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import sys
import time

import pytest

from jianfu.services import first_screen

#: The day every reading and keeping here is given: the test never asks the clock, so a run
#: that crosses midnight keeps and loads the same days (the app's own day is its default).
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def path(ctx):
    if ctx.database.sqlite_path is None:
        pytest.skip("kept beside a SQLite file; a server is always read")
    return ctx.database.sqlite_path


def _keep(ctx, path, shown=None, today=DAY) -> bool:
    return first_screen.keep_at_close(
        path, lambda _day: shown or {"figures": [1, 2]}, ctx.database.close, today
    )


def test_kept_at_close_and_shown_while_nothing_changed(ctx, path):
    assert first_screen.load(path, today=DAY) is None  # nothing kept yet
    assert _keep(ctx, path)
    assert first_screen.load(path, today=DAY) == {"figures": [1, 2]}
    assert os.stat(first_screen.snapshot_file(path)).st_mode & 0o077 == 0  # names, like the db
    # reading it (the app opens and reads, writes nothing) keeps it current: not read again
    from jianfu.services.settings import SettingsService

    SettingsService(ctx).load()

    def read_again(_day):
        raise AssertionError("read although nothing changed")

    assert first_screen.keep_at_close(path, read_again, ctx.database.close, DAY)
    assert first_screen.load(path, today=DAY) == {"figures": [1, 2]}


def test_a_save_through_the_app_makes_the_next_start_read(demo_ctx, path):
    from jianfu.services.settings import SettingsService

    ctx = demo_ctx
    assert _keep(ctx, path)
    settings = SettingsService(ctx)
    settings.save(dataclasses.replace(settings.load(), township_name="青山镇"))
    assert first_screen.load(path, today=DAY) is None  # the write waits in the WAL
    ctx.database.close()
    assert first_screen.load(path, today=DAY) is None  # and is in the file once it is closed
    assert _keep(ctx, path, {"figures": [3]})  # the close after a write reads afresh
    assert first_screen.load(path, today=DAY) == {"figures": [3]}


def test_a_write_by_another_program_makes_the_next_start_read(ctx, path):
    assert _keep(ctx, path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 7")  # any write at all
    con.commit()
    con.close()
    assert first_screen.load(path, today=DAY) is None


def test_kept_for_the_next_days_each_as_read_on_it(ctx, path):
    days = []

    def read(day):
        days.append(day)
        return {"day": day.isoformat()}

    assert first_screen.keep_at_close(path, read, ctx.database.close, DAY)
    ahead = first_screen.DAYS_AHEAD
    assert days == [DAY + dt.timedelta(days=n) for n in range(ahead + 1)]
    for day in days:
        assert first_screen.load(path, today=day) == {"day": day.isoformat()}
    assert first_screen.load(path, today=DAY + dt.timedelta(days=ahead + 1)) is None
    assert first_screen.load(path, today=DAY - dt.timedelta(days=1)) is None
    # a close a day later with nothing written reads the days from then on afresh
    days.clear()
    tomorrow = DAY + dt.timedelta(days=1)
    assert first_screen.keep_at_close(path, read, ctx.database.close, tomorrow)
    assert days == [tomorrow + dt.timedelta(days=n) for n in range(ahead + 1)]
    assert first_screen.load(path, today=tomorrow + dt.timedelta(days=ahead)) is not None


def test_first_screen_read_as_of_a_day_never_looks_at_the_clock(demo_ctx):
    """What is kept for the coming days is what reading on that day shows: the reading
    depends on the day it is given, never on the day it runs."""
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.registry import Services

    services = Services.create(demo_ctx)
    load_dashboard(services, today=DAY)  # imports and first readings outside the trace
    # the calendar's clock (the pool's time.time() for connection ages is not a day)
    clock = {
        (id(dt.date), "today"),
        (id(dt.datetime), "now"),
        (id(dt.datetime), "today"),
        (id(dt.datetime), "utcnow"),
        (id(time), "localtime"),
    }
    looked: list[str] = []

    def profile(frame, event, arg):
        if event == "c_call" and (id(getattr(arg, "__self__", None)), arg.__name__) in clock:
            looked.append(f"{arg.__name__} in {frame.f_code.co_filename}:{frame.f_lineno}")

    sys.setprofile(profile)
    try:
        dashboard = load_dashboard(services, today=DAY + dt.timedelta(days=2))
    finally:
        sys.setprofile(None)
    assert dashboard.today == DAY + dt.timedelta(days=2)
    # the audit anchor notes when it was taken; the report keeps only its count and hash
    assert [w for w in looked if "audit_anchor.py" not in w] == []


def test_another_day_a_new_backup_outcome_or_another_version_is_read(ctx, path, monkeypatch):
    assert _keep(ctx, path)
    assert first_screen.load(path, today=DAY + dt.timedelta(days=10)) is None
    assert first_screen.load(path, today=DAY) is not None
    status = path.parent / f".{path.stem}.backup-status.json"
    from jianfu.services.backup import status_file

    assert status_file(path) == status  # the same file the backups write
    status.write_text(json.dumps({"ok": False, "when": "今天", "message": "磁盘已满"}), "utf-8")
    assert first_screen.load(path, today=DAY) is None
    assert _keep(ctx, path)
    monkeypatch.setattr(first_screen, "__version__", "99.0")
    assert first_screen.load(path, today=DAY) is None


def test_nothing_is_kept_while_another_connection_has_writes_waiting(ctx, path):
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("PRAGMA user_version = 7")
    other.commit()  # in the WAL, which stays while ``other`` is open
    try:
        assert not _keep(ctx, path)
        assert not first_screen.snapshot_file(path).exists()
    finally:
        other.close()


def test_a_write_while_it_reads_is_not_kept(ctx, path):
    def read(_day):
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 7")
        con.commit()
        con.close()
        return {"figures": [1]}

    assert not first_screen.keep_at_close(path, read, ctx.database.close, DAY)
    assert first_screen.load(path, today=DAY) is None
