"""Closing the main window while its daily backup runs: no crash, no file half written."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

from jianfu import files
from jianfu.db import migrate
from jianfu.domain.progress import Progress
from jianfu.services import backup
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow


class _SlowProgress(Progress):
    """The copy's progress, a few milliseconds per step (one page each): the copy is still
    running whenever the test closes the window, however fast the machine."""

    def __init__(self, real: Progress, copying: threading.Event) -> None:
        super().__init__()
        self._real = real
        self._copying = copying

    def cancel(self) -> None:
        self._real.cancel()

    @property
    def cancelled(self) -> bool:
        return self._real.cancelled

    def step(self, done: int, total: int = 0, message: str = "") -> None:
        self._copying.set()
        for _ in range(5):
            if self._real.cancelled:
                break
            time.sleep(0.01)
        self._real.step(done, total, message)


def test_closing_the_window_during_the_daily_backup_cancels_its_copy_cleanly(
    qtbot, demo_ctx, monkeypatch
):
    """The window closes during the copy: the copy stops, the backup folder holds neither a
    backup nor a temporary file, nothing is recorded as failed, and the next start makes
    the day's backup whole. (Before, the window waited for the whole copy and its check, and
    a window closed before its first screen was filled started its backup afterwards.)"""
    if not demo_ctx.database.is_sqlite:
        pytest.skip("a shared PostgreSQL database has no daily backup of a file")
    database = demo_ctx.database.sqlite_path
    folder = database.parent / "backups"
    copying = threading.Event()
    slow = [True]
    real_copy = backup.copy_sqlite

    def slow_copy(source, target, progress=None, **kwargs):
        if slow[0]:  # slowed also when no progress is handed in (nothing can cancel it)
            progress = _SlowProgress(progress or Progress(), copying)
        return real_copy(source, target, progress, **kwargs)

    monkeypatch.setattr(backup, "copy_sqlite", slow_copy)
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(copying.is_set, timeout=60_000)
    assert window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # close waited for it
    left = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert left == []
    assert not any(files.is_temp(p) for p in database.parent.iterdir())
    assert backup.last_backup_status(database) is None
    # the next start: the day's backup is made (not taken as done by a cancelled one)
    slow[0] = False
    again = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: bool(backup.daily_backups(database, folder)), timeout=60_000)
    again.tasks.wait_all()
    made = backup.daily_backups(database, folder)
    assert len(made) == 1
    assert backup.inspect_backup(made[0]).audit_entries > 0
    assert backup.last_backup_status(database).ok
    again.close()


def _let_go(window: MainWindow, how: str) -> None:
    """The window goes as ``how`` says, then whatever it ran in the background is waited for."""
    if how == "closed":  # the clerk closes it: its close event stops the backup and waits
        assert window.close()
    elif how == "quit":  # the app quits with the window open: no close event (app.run_gui)
        window.stop_background()
    else:  # deleted without a close event (a parent destroyed, deleteLater)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(window)
        assert QThreadPool.globalInstance().waitForDone(60_000)


@pytest.mark.parametrize("how", ["closed", "quit", "deleted"])
def test_a_window_gone_during_the_backups_check_stops_the_check_too(
    qtbot, demo_ctx, monkeypatch, how
):
    """The copy is whole and its check waits for another Alembic run (a start-up upgrade,
    another window's check) when the window goes: the check stops (before, a close waited
    until the other run ended, up to 30 s, and the task still ran after it; a deleted window's
    backup went on), the unchecked copy goes, the older backup stays, and Alembic's lock is
    left to its holder alone."""
    if not demo_ctx.database.is_sqlite:
        pytest.skip("a shared PostgreSQL database has no daily backup of a file")
    database = demo_ctx.database.sqlite_path
    folder = database.parent / "backups"
    older = backup.daily_backup_if_due(
        database, folder, keep=7, now=dt.datetime.now() - dt.timedelta(days=2)
    )
    assert older is not None
    before = sorted(p.name for p in folder.iterdir())
    backup.forget_expected_schemas()  # the check migrates a scratch database again
    checking = threading.Event()
    real_inspect = backup.inspect_backup

    def inspect_backup(path, **kwargs):
        checking.set()
        return real_inspect(path, **kwargs)

    monkeypatch.setattr(backup, "inspect_backup", inspect_backup)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:  # the other Alembic run, longer than any close should wait
        with migrate.ALEMBIC_LOCK:
            holding.set()
            release.wait(120)

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert holding.wait(60)
        window = MainWindow(Services.create(demo_ctx))
        if how != "deleted":
            qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(checking.is_set, timeout=60_000)
        _let_go(window, how)
        # the backup's task has ended while the other run still holds the lock: a check
        # that went on would still be waiting for it
        assert QThreadPool.globalInstance().activeThreadCount() == 0
        assert other.is_alive()
    finally:
        release.set()
        other.join()
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not any(files.is_temp(p) for p in database.parent.iterdir())
    assert backup.last_backup_status(database) is None
    assert backup.inspect_backup(older).audit_entries > 0
    assert migrate.ALEMBIC_LOCK.acquire(blocking=False)  # nobody holds it now
    migrate.ALEMBIC_LOCK.release()
    # the next start makes the day's backup beside the older one
    again = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: len(backup.daily_backups(database, folder)) == 2, timeout=60_000)
    again.tasks.wait_all()
    assert backup.last_backup_status(database).ok
    again.close()


def test_a_window_closed_before_its_first_screen_is_filled_starts_no_backup(
    qtbot, demo_ctx, monkeypatch
):
    """首页's figures arriving after the window closed started the daily backup of a closed
    window, beside the next window's (two checks of copies at once crashed the process).
    Since a closed window's runner delivers nothing of the work still running, the figures
    do not arrive at all; either way no backup starts."""
    started: list[object] = []
    monkeypatch.setattr(
        backup, "run_daily_backup", lambda ctx, now=None, progress=None: started.append(ctx)
    )
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    first = window.pages["dashboard"]
    filled = [False]
    first.sig_loaded.connect(lambda *_a: filled.__setitem__(0, True))
    first.sig_load_failed.connect(lambda *_a: filled.__setitem__(0, True))
    assert getattr(first, "loading", False)  # its figures are read on a worker
    window.close()
    assert window.tasks.wait_all(60_000)
    qtbot.wait(0)
    assert started == []
    assert not filled[0]  # nothing of a closed window's reading is delivered
