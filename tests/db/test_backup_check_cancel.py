"""Cancelling a backup's check: it stops inside the integrity check, while it waits for
another Alembic run and between the scratch migrations, leaving nothing behind."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from jianfu.db import migrate
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.progress import Cancelled, Progress
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput
from jianfu.services import audit_anchor, backup
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


@pytest.fixture
def town(tmp_path):
    """A closed database with two villages."""
    path = tmp_path / "town.db"
    ctx = open_app(str(path))
    SettingsService(ctx).save(TownshipSettings(township_name="清溪镇"))
    for name in ("东山村", "西岭村"):
        UnitsService(ctx).add_unit(UnitInput(name))
    ctx.database.close()
    return path


class _CancelledAfter(Progress):
    """Cancelled from the ``after``-th look at its flag on (a look from SQLite's progress
    handler, from Alembic's step between migrations, or while waiting for the lock); its
    ``step`` does not raise, so only those looks can stop the work."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.looks = 0
        self._after = after

    @property
    def cancelled(self) -> bool:
        self.looks += 1
        return self.looks >= self._after

    def step(self, done: int, total: int = 0, message: str = "") -> None:
        return None


def _lock_is_free() -> bool:
    """Whether another thread can take Alembic's lock at once (the lock is re-entrant, so the
    test's own thread would always get it)."""
    got: list[bool] = []

    def take() -> None:
        ok = migrate.ALEMBIC_LOCK.acquire(blocking=False)
        got.append(ok)
        if ok:
            migrate.ALEMBIC_LOCK.release()

    t = threading.Thread(target=take)
    t.start()
    t.join()
    return got == [True]


def test_the_scratch_migrations_stop_between_steps_and_keep_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    backup.forget_expected_schemas()
    progress = _CancelledAfter(3)
    with pytest.raises(Cancelled):
        backup.expected_schema(SCHEMA_HEAD, progress)
    assert progress.looks >= 3
    assert list(tmp_path.iterdir()) == []  # the scratch database is gone
    assert _lock_is_free()
    # nothing half-made was kept: the next run migrates the whole way
    whole = backup.expected_schema(SCHEMA_HEAD)
    assert {"alembic_version", "unit", "audit_log"} <= set(whole)


def test_a_check_waiting_for_another_alembic_run_stops_when_cancelled(town, monkeypatch):
    backup.forget_expected_schemas()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:  # another run of Alembic (a start-up upgrade, another check)
        with migrate.ALEMBIC_LOCK:
            holding.set()
            release.wait(60)

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert holding.wait(60)
        progress = Progress()
        outcome: list[object] = []

        def check() -> None:
            try:
                outcome.append(backup.inspect_backup(town, progress=progress))
            except Cancelled as exc:  # anything else leaves outcome empty
                outcome.append(exc)

        checker = threading.Thread(target=check)
        checker.start()
        progress.cancel()
        checker.join(60)
        assert not checker.is_alive()  # stopped while the other run still holds the lock
        assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    finally:
        release.set()
        other.join()
    assert _lock_is_free()


def test_the_integrity_check_is_interrupted_by_a_cancel(town, monkeypatch):
    monkeypatch.setattr(backup, "CHECK_VM_STEPS", 1)
    with pytest.raises(Cancelled):
        backup.inspect_backup(town, progress=_CancelledAfter(1))
    assert backup.inspect_backup(town).units == 2  # only read: still whole


def test_a_daily_backup_cancelled_during_its_check_leaves_the_older_backups(
    town, tmp_path, monkeypatch
):
    folder = tmp_path / "backups"
    day = dt.datetime(2026, 3, 2, 9, 0)
    older = backup.daily_backup_if_due(town, folder, keep=3, now=day - dt.timedelta(days=2))
    assert older is not None
    before = sorted(p.name for p in folder.iterdir())
    backup.forget_expected_schemas()
    progress = _CancelledAfter(3)  # the copy ran whole (its steps do not raise here)
    with pytest.raises(Cancelled):
        backup.daily_backup_if_due(town, folder, keep=1, now=day, progress=progress)
    assert sorted(p.name for p in folder.iterdir()) == before  # no new file, no new anchor
    assert backup.daily_backups(town, folder) == [older]
    assert backup.inspect_backup(older).units == 2
    assert audit_anchor.read(audit_anchor.backup_anchor_file(Path(older))) is not None
    assert _lock_is_free()
    # the next start makes the day's backup and only then rotates the older one away
    made = backup.daily_backup_if_due(town, folder, keep=1, now=day)
    assert made is not None and backup.daily_backups(town, folder) == [made]
