"""What every flow screen does alike: tell the clerk in the status bar, write a PDF off the
GUI thread; and the base of the ledger screens (清单, 牌子, 证明, 其他负担), which run their
work off the GUI thread and tell the clerk the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.domain.progress import Progress
from jianfu.ui.background import TaskHandle, TaskRunner

STATUS_MS = 8000


def notify(widget: QWidget, text: str) -> None:
    """Show ``text`` in the window's status bar and keep it as ``widget.last_message``."""
    widget.last_message = text  # type: ignore[attr-defined]
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


def failed(widget: QWidget, title: str) -> Callable[[BaseException], None]:
    """An error handler for background work: a message box the clerk can read."""

    def show(exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, JianfuError) else f"出现意外错误：{exc!r}"
        widget.last_message = text  # type: ignore[attr-defined]
        QMessageBox.warning(widget, title, text)

    return show


def save_pdf(widget: QWidget, runner: TaskRunner, path: Path, make: Callable[[], bytes]) -> None:
    """Build a PDF with ``make`` off the GUI thread, write it whole to ``path``, tell the clerk."""

    def work(_progress: object) -> str:
        files.save_bytes(path, make())
        return str(path)

    runner.run_with_dialog(
        widget,
        "正在生成 PDF…",
        work,
        lambda saved: notify(widget, f"已保存到 {saved}"),
        failed(widget, "未能生成 PDF"),
    )


class FlowScreen(QWidget):
    """A ledger screen: its background work (``_run``), its errors (``_failed``), its messages
    (``_notify`` in the status bar, ``_tell`` in a box) and the files it saves. A subclass sets
    ``_tasks``, ``last_message`` and ``current_task`` in its ``__init__``."""

    sig_file_saved = Signal(str)
    """A file was written (its path)."""

    _tasks: TaskRunner
    last_message: str
    current_task: TaskHandle | None

    def _run(
        self,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> TaskHandle:
        """Run ``fn`` off the GUI thread with a cancellable progress dialog."""
        self.current_task = self._tasks.run_with_dialog(self, title, fn, on_done, on_error)
        return self.current_task

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        return failed(self, title)

    def _tell(self, title: str, text: str) -> None:
        self.last_message = text
        QMessageBox.information(self, title, text)

    def _notify(self, text: str) -> None:
        notify(self, text)

    def _on_file_saved(self, path: str) -> None:
        self._notify(f"已保存到 {path}")
        self.sig_file_saved.emit(path)
