"""Daily backups that keep going: named per database, checked, not stopped by a bad or
future-dated file, and a failure shown on 首页."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput
from jianfu.services.backup import (
    daily_backup_if_due,
    daily_backups,
    inspect_backup,
    last_backup_status,
    run_daily_backup,
)
from jianfu.services.dashboard import _backup
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService

DAY = dt.datetime(2026, 3, 1, 9, 0)


def _make(path: Path, village: str) -> Path:
    ctx = open_app(str(path))
    SettingsService(ctx).save(TownshipSettings(township_name="清溪镇"))
    UnitsService(ctx).add_unit(UnitInput(village))
    ctx.database.close()
    return path


@pytest.fixture
def two(tmp_path) -> tuple[Path, Path]:
    return _make(tmp_path / "jianfu.db", "东山村"), _make(tmp_path / "jianfu-2.db", "西岭村")


def test_rotating_one_database_never_touches_anothers_backups(two, tmp_path):
    first, second = two
    folder = tmp_path / "backups"
    theirs = [
        daily_backup_if_due(second, folder, keep=5, now=DAY + dt.timedelta(days=n))
        for n in range(3)
    ]
    for n in range(6):
        daily_backup_if_due(first, folder, keep=1, now=DAY + dt.timedelta(days=n))
    assert all(p is not None and p.exists() for p in theirs)
    assert daily_backups(second, folder) == theirs
    assert len(daily_backups(first, folder)) == 1
    assert inspect_backup(daily_backups(first, folder)[0]).units == 1


def test_a_future_dated_backup_does_not_stop_later_ones(two, tmp_path):
    first, _ = two
    folder = tmp_path / "backups"
    made = daily_backup_if_due(first, folder, keep=2, now=DAY)
    future = folder / "jianfu-20991231-235959-daily.db"
    shutil.copyfile(made, future)
    later = [
        daily_backup_if_due(first, folder, keep=2, now=DAY + dt.timedelta(days=n))
        for n in (1, 2, 3)
    ]
    assert all(p is not None for p in later)  # one made each day
    assert daily_backups(first, folder) == [*later[-2:], future]
    assert future.exists()  # left alone: it is not ours to judge
    assert not made.exists()  # rotation still works around it


def test_a_corrupt_backup_with_todays_name_does_not_stop_todays(two, tmp_path):
    first, _ = two
    folder = tmp_path / "backups"
    folder.mkdir()
    broken = folder / f"jianfu-{DAY:%Y%m%d}-080000-daily.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)  # cut off
    made = daily_backup_if_due(first, folder, keep=3, now=DAY)
    assert made is not None and inspect_backup(made).units == 1
    assert not broken.exists()  # a broken copy is not kept in place of a good one
    same_second = daily_backup_if_due(first, folder, keep=3, now=DAY + dt.timedelta(days=1))
    same_second.write_bytes(b"garbage")
    again = daily_backup_if_due(first, folder, keep=3, now=DAY + dt.timedelta(days=1))
    assert again == same_second and inspect_backup(again).units == 1


def test_a_failed_backup_shows_on_the_dashboard(tmp_path):
    path = _make(tmp_path / "jianfu.db", "东山村")
    (tmp_path / "backups").write_text("这里本该是文件夹")  # the backup cannot be written
    ctx = open_app(str(path))
    try:
        assert run_daily_backup(ctx, now=DAY) is None
        status = last_backup_status(path)
        reminders = _backup(Services.create(ctx), DAY.date())
        assert reminders and reminders[0].urgent and "自动备份失败" in reminders[0].text
        assert status is not None and not status.ok
    finally:
        ctx.database.close()
    assert not list(tmp_path.glob(".jianfu-*"))


def test_a_good_backup_clears_the_notice_and_is_private(tmp_path):
    path = _make(tmp_path / "jianfu.db", "东山村")
    folder = tmp_path / "backups"
    folder.mkdir()
    (tmp_path / ".jianfu.backup-status.json").write_text(
        '{"ok": false, "when": "2026-02-28 09:00", "message": "磁盘已满"}', "utf-8"
    )
    assert not last_backup_status(path).ok
    ctx = open_app(str(path))
    try:
        assert _backup(Services.create(ctx), DAY.date())
        made = run_daily_backup(ctx, now=DAY)
        assert made is not None and last_backup_status(path).ok
        assert _backup(Services.create(ctx), DAY.date()) == []
        if os.name != "nt":
            assert made.stat().st_mode & 0o777 == 0o600
    finally:
        ctx.database.close()
