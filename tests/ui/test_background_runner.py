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


def test_garbage_is_collected_on_the_gui_thread_only(qtbot, qapp) -> None:
    """Work that makes cyclic garbage on a worker sets off no collection there (a closed
    widget destroyed off the GUI thread crashes Qt); the GUI thread collects before the next
    task, as the app does from the end of its start-up."""
    import gc

    from jianfu.ui.background import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    gui = threading.get_ident()
    threads: list[int] = []

    def seen(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    def work(_progress) -> int:
        for _ in range(50_000):  # far past generation 0's threshold, were collection on
            a: list[object] = []
            a.append(a)
        return 1

    gc.callbacks.append(seen)
    try:
        runner = TaskRunner(pool=QThreadPool())
        with qtbot.waitSignal(runner.run(work).sig_finished, timeout=30000):
            pass
        assert threads and all(t == gui for t in threads)  # the one before the task
        threads.clear()
        runner.run(lambda _p: 0)  # the next task: the worker's garbage collected here
        assert threads == [gui]
        assert runner.wait_all()
    finally:
        gc.callbacks.remove(seen)
    assert not gc.isenabled()


def test_before_a_task_only_what_is_new_is_collected_and_the_timer_collects_all(
    qtbot, qapp
) -> None:
    """A whole collection before every task looked at every object the app holds (60-230 ms
    once a city's screens were open); the young generations hold the garbage made since the
    last collection, a worker's included. The timer still collects everything."""
    import gc
    import weakref

    from jianfu.ui import background
    from jianfu.ui.background import YOUNG, collect_on_gui_thread

    collect_on_gui_thread(qapp)
    generations: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    class Node:
        pass

    made: list[weakref.ref] = []

    def work(_progress) -> int:
        node = Node()
        node.me = node  # type: ignore[attr-defined]  # a cycle: only the collector frees it
        made.append(weakref.ref(node))
        return 1

    gc.callbacks.append(seen)
    try:
        runner = TaskRunner(pool=QThreadPool())
        with qtbot.waitSignal(runner.run(work).sig_finished, timeout=30000):
            pass
        assert made[0]() is not None  # nothing collected it on the worker
        generations.clear()
        runner.run(lambda _p: 0)
        assert generations == [YOUNG] and YOUNG < 2
        assert made[0]() is None  # the worker's garbage is gone
        assert runner.wait_all()
        generations.clear()
        assert background._collector is not None
        background._collector.timeout.emit()  # the timer's collection: every generation
        assert generations == [2]
    finally:
        gc.callbacks.remove(seen)
