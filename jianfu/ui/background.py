"""Running long work off the GUI thread, with progress and cancel.

The work is an ordinary function (a service call) that takes a ``Progress``; it runs on a
``QThreadPool`` worker, and its result or error comes back to the GUI thread through queued
signals. ``run_with_dialog`` shows a progress dialog with a Cancel button on top.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from jianfu.domain.errors import JianfuError
from jianfu.domain.progress import Cancelled, Progress

log = logging.getLogger("jianfu.ui.background")

#: how often cyclic garbage is collected on the GUI thread once ``collect_on_gui_thread``
#: has turned automatic collection off (besides the collection before every task)
COLLECT_EVERY_MS = 30_000

#: the generations collected before each task once the GUI thread collects alone (the
#: objects made since the last collection; what survives it waits for the timer)
YOUNG = 1

_collector: QTimer | None = None


def collect_on_gui_thread(app: QCoreApplication) -> None:
    """From now on, collect cyclic garbage on the GUI thread only.

    Python's automatic collection runs on whichever thread happens to allocate when a
    threshold is crossed: with work on the background pool, that is often a worker. A closed
    Qt widget caught in a cycle is then destroyed off the GUI thread, which crashes Qt (seen
    as a segfault inside a daily backup's migration check). So automatic collection stays
    off, what exists now (start-up's objects) is moved out of the collector's sight, and the
    GUI thread collects before every background task (``TaskRunner.run``) and on a timer.
    """
    global _collector
    gc.disable()
    gc.freeze()
    if _collector is None:
        _collector = QTimer(app)
        _collector.setInterval(COLLECT_EVERY_MS)
        _collector.timeout.connect(gc.collect)
        _collector.start()


def collects_on_gui_thread() -> bool:
    """Whether ``collect_on_gui_thread`` is in force (the GUI thread collects)."""
    return _collector is not None


class _Postman(QObject):
    """Carries what workers report to the GUI thread. One per application, a child of it, so
    it is never deleted while a worker may post to it (the application waits for the pool
    before its children go); the report is handed to its task's handle there, if the handle
    still exists (``TaskHandle``)."""

    sig_posted = Signal(object, str, object)
    """(ticket, kind, arguments) posted by a worker."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.sig_posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def _on_posted(self, ticket: _Ticket, kind: str, args: tuple[object, ...]) -> None:
        handle = ticket.handle
        if not shiboken6.isValid(handle):  # its owner was destroyed while the work ran
            log.debug("后台任务的结果无人接收（启动它的界面已关闭）：%s", kind)
            return
        handle.receive(kind, args)


_postman: _Postman | None = None


def _postman_of_app() -> _Postman:
    """The application's postman, made on the GUI thread the first time a task starts."""
    global _postman
    if _postman is None or not shiboken6.isValid(_postman):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("background tasks need a QApplication")
        _postman = _Postman(app)
    return _postman


class _Ticket:
    """A task's address on the GUI thread (plain Python: a worker may hold it safely)."""

    __slots__ = ("handle",)

    def __init__(self, handle: TaskHandle) -> None:
        self.handle = handle


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.progress = Progress(on_step=lambda d, t, m: self._tell("progressed", d, t, m))
        self._fn = fn
        self._postman = _postman_of_app()
        self.ticket: _Ticket | None = None

    def _tell(self, kind: str, *args: object) -> None:
        """Post one report to the GUI thread (dropped there if the handle is gone)."""
        try:
            self._postman.sig_posted.emit(self.ticket, kind, args)
        except RuntimeError:  # the application itself is gone
            log.debug("后台任务结束时，程序已关闭（%s）", kind)

    def run(self) -> None:
        """Override: call the work and report how it ended."""
        try:
            result = self._fn(self.progress)
        except BaseException as exc:
            if not isinstance(exc, (JianfuError, Cancelled)):
                log.error("后台任务出错", exc_info=exc)
            self._tell("failed", exc)
        else:
            self._tell("finished", result)
        finally:
            self.ticket = None  # the handle is not kept from here by the pool's runnable


class TaskHandle(QObject):
    """One running task: its signals, and ``cancel()``.

    The handle belongs to whoever started the task (``TaskRunner.run``'s ``owner``, else the
    runner). Destroyed with its owner while the work runs (a dialog deleted, a screen's parent
    destroyed, with or without a close event), it cancels the work (it stops at its next
    step) and nothing is delivered: the signals are gone with it, so no slot runs on a
    deleted widget. Once the result or the error has been delivered, the handle deletes
    itself (later, on the event loop): only its Python attributes (``done``) stay readable.
    """

    sig_progressed = Signal(int, int, str)
    """Progress (done, total, message), on the GUI thread."""
    sig_finished = Signal(object)
    """The result, on the GUI thread."""
    sig_failed = Signal(object)
    """The exception, on the GUI thread."""

    def __init__(self, progress: Progress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._progress = progress
        self.done = False
        self._dropped = False
        # a plain function, not a method of this handle: it runs while the handle is deleted
        self.destroyed.connect(lambda *_a: progress.cancel())

    def cancel(self) -> None:
        """Ask the work to stop at its next progress step."""
        self._progress.cancel()

    def drop(self) -> None:
        """Cancel the work and deliver nothing more of it (its runner was stopped)."""
        self._dropped = True
        self.cancel()

    def receive(self, kind: str, args: tuple[object, ...]) -> None:
        """A worker's report, on the GUI thread (``_Postman``)."""
        if self._dropped:
            if kind != "progressed":
                self.done = True
                self.setParent(None)
                self.deleteLater()
            return
        if kind == "progressed":
            self.sig_progressed.emit(*args)
            return
        self.done = True
        try:
            if kind == "finished":
                self.sig_finished.emit(args[0])
            else:
                self.sig_failed.emit(args[0])
        finally:
            # Delivered: let go of the handle, which its owner would otherwise keep as a
            # child until the owner itself goes (a search per keystroke, a page per scroll
            # piled up handles on a screen open all day). Out of the owner's children first:
            # the slots it lets go when deleted may hold the last reference to its owner,
            # whose deletion would then delete it a second time (a crash). Python references
            # to it still read ``done``; ``cancel()`` does nothing once the work has ended.
            self.setParent(None)
            self.deleteLater()


class TaskRunner(QObject):
    """Starts work on a thread pool and hands back a ``TaskHandle``."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[TaskHandle] = set()
        self._stopped = False

    def stop(self) -> None:
        """Start no more work, and deliver nothing of the work still running: the window
        closes and its database with it (a search's delay running out after the close would
        start a read on a connection being closed; a page read when the close came failed as
        the connection went, and its error reached whatever ran next)."""
        self._stopped = True
        for handle in list(self._running):
            if shiboken6.isValid(handle):
                handle.drop()

    def run(self, fn: Callable[[Progress], Any], owner: QObject | None = None) -> TaskHandle:
        """Start ``fn(progress)`` in the background.

        The handle (and so the delivery of progress and result) belongs to ``owner`` (the
        widget or object whose slots take the result), else to the runner: destroyed, it
        cancels the work and drops what the work reports.
        """
        # NOTE: collect cyclic garbage here, on the GUI thread (see collect_on_gui_thread:
        # automatic collection is off, so the worker's Python code cannot set one off and
        # destroy closed Qt widgets off the GUI thread). During start-up nothing is collected.
        # Once the GUI thread collects alone, only what is new since the last collection is
        # looked at here; the timer looks at everything (a whole collection before every
        # task took 60-230 ms on a city's data once a few screens had been opened).
        if collects_on_gui_thread():
            gc.collect(YOUNG)
        elif gc.isenabled():
            gc.collect()
        job = _Job(fn)
        handle = TaskHandle(job.progress, owner if owner is not None else self)
        if self._stopped:
            handle.cancel()  # never started, nothing delivered
            return handle
        job.ticket = _Ticket(handle)
        self._running.add(handle)
        handle.sig_finished.connect(lambda _r: self._running.discard(handle))
        handle.sig_failed.connect(lambda _e: self._running.discard(handle))
        handle.destroyed.connect(lambda *_a: self._running.discard(handle))
        self._pool.start(job)
        return handle

    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until every task has ended (used when the window closes, and in tests)."""
        return self._pool.waitForDone(msecs)

    def run_with_dialog(
        self,
        parent: QWidget,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> TaskHandle:
        """Run ``fn`` with a modal progress dialog whose Cancel button stops it."""
        dialog = QProgressDialog(title, "取消", 0, 0, parent)
        dialog.setWindowTitle(title)
        # Wide enough for the title bar to show the whole title (buttons and icon beside it).
        dialog.setMinimumWidth(max(360, dialog.fontMetrics().horizontalAdvance(title) + 180))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        handle = self.run(fn, owner=parent)  # deleted with it: nothing told, work stopped

        def progressed(done: int, total: int, message: str) -> None:
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if message:
                dialog.setLabelText(message)

        def finished(result: object) -> None:
            dialog.close()
            on_done(result)

        def failed(exc: object) -> None:
            dialog.close()
            if not isinstance(exc, Cancelled):
                on_error(exc)  # type: ignore[arg-type]

        handle.sig_progressed.connect(progressed)
        handle.sig_finished.connect(finished)
        handle.sig_failed.connect(failed)
        dialog.canceled.connect(handle.cancel)
        return handle
