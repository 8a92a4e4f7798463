"""What every flow screen does alike: tell the clerk in the status bar, write a PDF off the
GUI thread; and the base of the ledger screens (清单, 牌子, 证明, 其他负担), which run their
work off the GUI thread, import, export and print their files, and tell the clerk the same
way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMessageBox, QWidget

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.domain.progress import Progress
from jianfu.ui.background import TaskHandle, TaskRunner
from jianfu.ui.glyphs import missing_characters, search_note

STATUS_MS = 8000

#: The tables an import reads; the first filter shows every one of them (a county's CSV was
#: hidden behind Excel's).
TABLE_FILES = (
    "表格文件 (*.xlsx *.xlsm *.xls *.csv);;Excel 表格 (*.xlsx *.xlsm *.xls);;"
    "CSV 文件 (*.csv);;所有文件 (*)"
)
XLSX_FILES = "Excel 表格 (*.xlsx)"
IMPORT_CANCELLED = "已取消导入，没有保存任何内容"


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


def note_missing_in_search(edit: QLineEdit, screen: QWidget) -> None:
    """Say in the status line (and ``screen``'s ``last_message``), once, that a character
    typed into the search box ``edit`` has no installed font: the box shows a box, the search
    still looks for the character itself. Said again only for a character not yet said while
    it stayed in the box (not at every key, nor in a tooltip the clerk would have to find)."""
    said: set[str] = set()

    def check(text: str) -> None:
        missing = missing_characters(text)
        new = [ch for ch in missing if ch not in said]
        said.clear()
        said.update(missing)
        if new:
            notify(screen, search_note(text))

    edit.textChanged.connect(check)


def safe_file_name(name: str) -> str:
    """``name`` with each character a file name may not hold (``\\/:*?"<>|``) made a ``-``."""
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name)


def _pdf_written(path: Path, make: Callable[[], bytes]) -> Callable[[object], str]:
    """Work for a runner: build the PDF with ``make``, write it whole to ``path``, its path."""

    def work(_progress: object) -> str:
        files.save_bytes(path, make())
        return str(path)

    return work


def save_pdf(widget: QWidget, runner: TaskRunner, path: Path, make: Callable[[], bytes]) -> None:
    """Build a PDF with ``make`` off the GUI thread, write it whole to ``path``, tell the clerk."""
    runner.run_with_dialog(
        widget,
        "正在生成 PDF…",
        _pdf_written(path, make),
        lambda saved: notify(widget, f"已保存到 {saved}"),
        failed(widget, "未能生成 PDF"),
    )


def print_pdf(
    widget: QWidget,
    runner: object,
    title: str,
    suggested: str,
    make: Callable[[], bytes],
    on_saved: Callable[[str], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> object:
    """Build the PDF off the GUI thread, then show it in the print preview (打印 / 另存为PDF)."""
    from jianfu.ui.widgets.printing import PdfPreviewDialog  # Qt's printing: not at start-up

    def done(data: bytes) -> None:
        saved = PdfPreviewDialog.ask(widget, data, title, suggested)
        if saved is not None:
            notify(widget, f"已保存到 {saved}")
            if on_saved is not None:
                on_saved(str(saved))

    return runner.run_with_dialog(  # type: ignore[attr-defined]
        widget, "正在生成 PDF…", lambda _progress: make(), done, on_error or failed(widget, title)
    )


def asking_if_unprintable(
    widget: QWidget,
    title: str,
    again: Callable[[], None],
    otherwise: Callable[[BaseException], None] | None = None,
) -> Callable[[BaseException], None]:
    """An error handler for a print made with ``allow_missing=False``: a refusal naming the
    characters no installed font has (UnprintableError) asks 仍要打印吗？ and 是 calls ``again``
    (the print made with ``allow_missing=True``, □ where they stand), 否 does nothing; any other
    error goes to ``otherwise`` (:func:`failed` with ``title`` unless given)."""
    show_failure = otherwise or failed(widget, title)

    def ask(exc: BaseException) -> None:
        from jianfu.reports.fonts import UnprintableError  # reportlab: not at start-up

        if not isinstance(exc, UnprintableError):
            show_failure(exc)
            return
        answer = QMessageBox.question(
            widget,
            "有字无法打印",
            f"{exc}\n\n仍要打印吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            again()

    return ask


def print_pdf_asking(
    widget: QWidget,
    runner: object,
    title: str,
    suggested: str,
    make: Callable[[bool], bytes],
    on_saved: Callable[[str], None] | None = None,
) -> object:
    """:func:`print_pdf` of ``make(allow_missing)``, asking first when no installed font has a
    character of it: made with ``False``, a refusal naming the characters (UnprintableError)
    asks 仍要打印吗？, and 是 makes it again with ``True`` (□ where they stand). Every print of
    residents' names goes through here, so none prints □ without asking."""

    def again() -> None:
        widget.current_task = print_pdf(  # type: ignore[attr-defined]
            widget, runner, title, suggested, lambda: make(True), on_saved
        )

    ask = asking_if_unprintable(widget, title, again)
    return print_pdf(widget, runner, title, suggested, lambda: make(False), on_saved, ask)


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

    def _import_read(
        self,
        title: str,
        busy: str,
        read: Callable[[Path, Progress], Any],
        on_read: Callable[[Any], None],
        file_filter: str = TABLE_FILES,
    ) -> None:
        """导入, its first half: the clerk picks a file (``title`` the dialog's), read off the
        GUI thread (``busy`` on the progress dialog) into the preview ``on_read`` shows."""
        from jianfu.ui.widgets.printing import open_file_name

        path, _ = open_file_name(self, title, "", file_filter)
        if not path:
            return
        self._run(
            busy,
            lambda progress: read(Path(path), progress),
            on_done=on_read,
            on_error=self._failed("无法读取文件"),
        )

    def _import_save(
        self, busy: str, save: Callable[[Progress], Any], on_done: Callable[[Any], None]
    ) -> None:
        """导入, its second half: the previewed rows saved off the GUI thread, all or none."""
        self._run(busy, save, on_done=on_done, on_error=self._failed("导入失败，没有保存任何内容"))

    def _import_cancelled(self) -> None:
        self._notify(IMPORT_CANCELLED)

    def _export_xlsx(
        self,
        title: str,
        suggested: str,
        write: Callable[[Path, Progress], object],
        error: str = "未能导出",
    ) -> None:
        """导出: the clerk picks where (``suggested`` the name offered), ``write`` writes the
        workbook there off the GUI thread; an error in a box titled ``error``."""
        from jianfu.ui.widgets.printing import save_file_name

        target, _ = save_file_name(self, title, suggested, XLSX_FILES)
        if not target:
            return
        path = Path(target)

        def work(progress: Progress) -> str:
            write(path, progress)
            return str(path)

        self._run(
            "正在导出 Excel…", work, on_done=self._on_file_saved, on_error=self._failed(error)
        )

    def _print_previewed(self, title: str, suggested: str, make: Callable[[], bytes]) -> None:
        """A print: ``make`` builds the PDF off the GUI thread, then the print preview shows it
        (打印 / 另存为PDF, ``suggested`` the name offered), as every print of the app; a saved
        file is told (``sig_file_saved``)."""
        self.current_task = print_pdf(  # type: ignore[assignment]
            self, self._tasks, title, suggested, make, on_saved=self._on_file_saved
        )

    def _print_previewed_asking(
        self, title: str, suggested: str, make: Callable[[bool], bytes]
    ) -> None:
        """:meth:`_print_previewed` of ``make(allow_missing)``, asking first as
        :func:`print_pdf_asking` does: made with ``False``, a refusal naming the characters no
        font has asks 仍要打印吗？ (nothing shown yet), 是 previews it made with ``True``."""
        self.current_task = print_pdf_asking(  # type: ignore[assignment]
            self, self._tasks, title, suggested, make, on_saved=self._on_file_saved
        )
