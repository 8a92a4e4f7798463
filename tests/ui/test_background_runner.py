"""Work run off the GUI thread: its result reaches the screen that started it, or, when
that screen (or dialog) was deleted meanwhile, nobody, and the work is asked to stop."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from jianfu.domain.progress import Cancelled, Progress
from jianfu.ui.background import TaskHandle, TaskRunner


def _flush() -> None:
    """Deliver what the workers posted (queued calls) and the deferred deletions."""
    QCoreApplication.sendPostedEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


class _BlockedWork:
    """Work that waits until released, then takes one progress step and returns 42."""

    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.ended: list[str] = []

    def __call__(self, progress) -> int:
        self.started.set()
        self.release.wait(10)
        try:
            progress.step(1, 2, "一半")
        except Cancelled:
            self.ended.append("cancelled")
            raise
        self.ended.append("returned")
        return 42


def test_work_whose_runner_was_deleted_stops_and_raises_nothing(qtbot) -> None:
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    work = _BlockedWork()
    runner.run(work)
    assert work.started.wait(10)
    shiboken6.delete(runner)  # the screen (and its runner, handles) is deleted
    work.release.set()
    assert pool.waitForDone(10000)
    _flush()
    assert work.ended == ["cancelled"]  # pytest-qt fails on any error it raised


def test_a_dialog_deleted_while_its_task_runs_is_told_nothing(qtbot) -> None:
    """``run_with_dialog`` on a dialog deleted without a close event (deleteLater): the
    result reached the progress dialog and the callback of a deleted widget (RuntimeError:
    Internal C++ object already deleted); now the work is cancelled and nothing is told."""
    pool = QThreadPool()
    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner(window, pool=pool)
    dialog = QDialog(window)
    label = QLabel(dialog)
    work = _BlockedWork()
    told: list[object] = []

    def done(result: object) -> None:
        told.append(result)
        label.setText(f"已完成 {result}")

    runner.run_with_dialog(dialog, "正在处理…", work, done, told.append)
    assert work.started.wait(10)
    dialog.deleteLater()  # no close event: its parent's code let it go
    _flush()
    assert not shiboken6.isValid(dialog)
    work.release.set()
    assert pool.waitForDone(10000)
    _flush()
    assert told == []
    assert work.ended == ["cancelled"]


def test_a_read_of_a_deleted_screen_is_dropped(qtbot) -> None:
    """A screen's ``LatestRead`` whose screen is destroyed while the read runs (its parent
    window deleted): the answer reached the screen's deleted widgets."""
    from jianfu.ui.changes import LatestRead

    pool = QThreadPool()
    keeper = QObject()
    runner = TaskRunner(keeper, pool=pool)
    window = QWidget()
    screen = QWidget(window)
    label = QLabel(screen)
    read = LatestRead(runner, screen)
    work = _BlockedWork()
    shown: list[object] = []

    def show(answer: object) -> None:
        shown.append(answer)
        label.setText(str(answer))

    read.run(lambda: work(Progress()), show, shown.append)
    assert work.started.wait(10)
    shiboken6.delete(window)  # the screen goes with its window, without a close event
    work.release.set()
    assert pool.waitForDone(10000)
    _flush()
    assert shown == []


def test_a_paged_model_deleted_while_it_reloads_gets_no_rows(qtbot) -> None:
    from jianfu.domain.paging import Page
    from jianfu.ui.models.paged_table import Column, PagedTableModel

    pool = QThreadPool()
    keeper = QObject()
    runner = TaskRunner(keeper, pool=pool)
    work = _BlockedWork()
    fetched: list[int] = []

    def fetch(_query: str, offset: int, _limit: int) -> Page[str]:
        fetched.append(work(Progress()))
        return Page(["东山村", "西岭村"], 2, offset)

    screen = QWidget()
    model = PagedTableModel([Column("名称", str)], fetch, runner=runner, parent=screen)
    model.reload(background=True)
    assert work.started.wait(10)
    shiboken6.delete(screen)
    work.release.set()
    assert pool.waitForDone(10000)
    _flush()
    assert fetched == [42]  # read, and dropped: pytest-qt fails on the RuntimeError


def test_work_of_a_living_owner_reports_as_before(qtbot) -> None:
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    owner = QObject()
    work = _BlockedWork()
    handle = runner.run(work, owner=owner)
    assert handle.parent() is owner
    progressed: list[tuple] = []
    handle.sig_progressed.connect(lambda *a: progressed.append(a))
    with qtbot.waitSignal(handle.sig_finished, timeout=10000) as got:
        work.release.set()
    assert got.args == [42] and handle.done
    assert progressed == [(1, 2, "一半")]
    assert work.ended == ["returned"]


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


def test_finished_handles_leave_their_owner_once_delivered(qtbot) -> None:
    """A screen that reads often (a search per keystroke, a page per scroll) kept every
    finished task's handle as its child until the screen itself went: they are let go once
    the result (or the error) was handed over."""
    from jianfu.domain.errors import JianfuError

    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    owner = QObject()
    got: list[object] = []

    def fail(_progress) -> int:
        raise JianfuError("坏")

    for i in range(5):
        handle = runner.run(lambda _progress, i=i: i, owner=owner)
        handle.sig_finished.connect(got.append)
    failing = runner.run(fail, owner=owner)
    failing.sig_failed.connect(lambda exc: got.append(type(exc).__name__))
    assert pool.waitForDone(10000)
    _flush()
    assert sorted(map(str, got)) == ["0", "1", "2", "3", "4", "JianfuError"]
    assert owner.findChildren(TaskHandle) == []
    assert runner.findChildren(TaskHandle) == []
    assert runner._running == set()


def test_a_stopped_runner_starts_no_work(qtbot) -> None:
    """The window closed: a search whose delay ran out after it started a read on the
    database being closed (its error reached whatever ran next)."""
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    ran: list[int] = []
    told: list[object] = []
    runner.stop()
    handle = runner.run(lambda progress: ran.append(1))
    handle.sig_finished.connect(told.append)
    handle.sig_failed.connect(told.append)
    assert pool.waitForDone(10000)
    _flush()
    assert ran == [] and told == []


def test_closing_the_window_stops_its_runner(window, qtbot) -> None:
    ran: list[int] = []
    window.close()
    window.tasks.run(lambda progress: ran.append(1))
    assert window.tasks.wait_all()
    _flush()
    assert ran == []


def test_a_stopped_runner_delivers_nothing_of_work_already_running(qtbot) -> None:
    """The window closed while a page was being read: the read failed as the database went
    (a clean CI run saw its error raised in the next test's setup). Nothing is delivered."""
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    work = _BlockedWork()
    told: list[object] = []

    def fails(progress) -> None:
        work(progress)
        raise RuntimeError("the connection was closed")

    handle = runner.run(fails)
    handle.sig_finished.connect(told.append)
    handle.sig_failed.connect(told.append)
    assert work.started.wait(10)
    runner.stop()
    work.release.set()
    assert pool.waitForDone(10000)
    _flush()
    assert told == []
    assert runner.findChildren(TaskHandle) == []
