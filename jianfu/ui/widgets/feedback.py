"""What every flow screen does alike: tell the clerk in the status bar, write a PDF off the
GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.ui.background import TaskRunner

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
