"""Work run off the GUI thread outlives the screen that started it without an error."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThreadPool

from jianfu.ui.background import TaskRunner


def test_work_that_ends_after_its_screen_closed_raises_nothing(qtbot) -> None:
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    started, release = threading.Event(), threading.Event()
    ended: list[int] = []

    def work(progress) -> int:
        started.set()
        release.wait(10)
        progress.step(1, 2, "一半")  # reports progress to a screen that is gone
        ended.append(1)
        return 42

    runner.run(work)
    assert started.wait(10)
    shiboken6.delete(runner)  # the screen (and its runner, handles, signals) is closed
    release.set()
    assert pool.waitForDone(10000)
    assert ended == [1]  # the work ran to its end; pytest-qt fails on any error it raised


def test_work_that_ends_while_its_screen_is_open_reports_its_result(qtbot) -> None:
    runner = TaskRunner(pool=QThreadPool())
    handle = runner.run(lambda progress: 7)
    with qtbot.waitSignal(handle.sig_finished, timeout=10000) as got:
        pass
    assert got.args == [7]
