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


class _Signals(QObject):
    sig_progressed = Signal(int, int, str)
    """The work reported (done, total, message)."""
    sig_finished = Signal(object)
    """The work returned this result."""
    sig_failed = Signal(object)
    """The work raised this exception (``Cancelled`` when the clerk cancelled)."""


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = signals
        self.progress = Progress(on_step=lambda d, t, m: self._tell("sig_progressed", d, t, m))
        self._fn = fn

    def _tell(self, signal: str, *args: object) -> None:
        """Emit one of the job's signals, unless whoever started the work is gone.

        The signals belong to the task's handle, which belongs to the screen's runner: when
        the screen was closed while the work ran, the signals' C++ object is deleted and
        there is nobody left to tell (the work itself has finished or failed as usual).
        """
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:
            log.debug("后台任务结束时，启动它的界面已关闭（%s）", signal)

    def run(self) -> None:
        """Override: call the work and report how it ended."""
        try:
            result = self._fn(self.progress)
        except BaseException as exc:
            if not isinstance(exc, (JianfuError, Cancelled)):
                log.error("后台任务出错", exc_info=exc)
            self._tell("sig_failed", exc)
        else:
            self._tell("sig_finished", result)


class TaskHandle(QObject):
    """One running task: its signals, and ``cancel()``."""

    sig_progressed = Signal(int, int, str)
    """Progress (done, total, message), on the GUI thread."""
    sig_finished = Signal(object)
    """The result, on the GUI thread."""
    sig_failed = Signal(object)
    """The exception, on the GUI thread."""

    def __init__(self, job: _Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.done = False
        job.signals.sig_progressed.connect(self.sig_progressed)
        job.signals.sig_finished.connect(self._on_job_finished)
        job.signals.sig_failed.connect(self._on_job_failed)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress step."""
        self._job.progress.cancel()

    def _on_job_finished(self, result: object) -> None:
        self.done = True
        self.sig_finished.emit(result)

    def _on_job_failed(self, exc: object) -> None:
        self.done = True
        self.sig_failed.emit(exc)


class TaskRunner(QObject):
    """Starts work on a thread pool and hands back a ``TaskHandle``."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[TaskHandle] = set()

    def run(self, fn: Callable[[Progress], Any]) -> TaskHandle:
        """Start ``fn(progress)`` in the background."""
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
        signals = _Signals()
        job = _Job(fn, signals)
        handle = TaskHandle(job, self)
        signals.setParent(handle)
        self._running.add(handle)
        handle.sig_finished.connect(lambda _r: self._running.discard(handle))
        handle.sig_failed.connect(lambda _e: self._running.discard(handle))
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
        handle = self.run(fn)

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
