"""打印 and 另存为PDF: the print dialog with a preview of the PDF's pages, and a save dialog that
starts in the folder used last (or 文档), never the program's folder, in Chinese everywhere.

The pages are the very PDF the program writes (rasterised with PDFium at the printer's
resolution), so what prints is what is saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QLocale,
    QMarginsF,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSettings,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QFileDialog,
    QFileSystemModel,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QWidget,
)

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.ui.glyphs import noted_html

_LAST_FOLDER_KEY = "files/last_folder"
#: Enough for print quality and a preview that stays quick on long registers.
_MAX_DPI = 300


def _settings() -> QSettings:
    from jianfu.ui.widgets.prefs import ui_settings

    return ui_settings()


def last_folder() -> Path:
    """The folder a file was last saved to or opened from, or the user's 文档 (Documents)."""
    saved = _settings().value(_LAST_FOLDER_KEY, "")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


def remember_folder(path: Path) -> None:
    """Start the next file dialog in ``path``'s folder."""
    _settings().setValue(_LAST_FOLDER_KEY, str(path.parent))


def dialog_options() -> QFileDialog.Option:
    """Qt's own dialog off Windows and macOS: it speaks Chinese through the app's translator,
    where a desktop's native dialog may follow another language."""
    if sys.platform in ("win32", "darwin"):
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


#: The file dialog's size: room for the folder tree, the long Chinese file names and their
#: dates, within the screen (Qt's own dialog opened at about 520×340 on a 1366×768 screen).
DIALOG_SIZE = QSize(960, 620)
#: The places on the dialog's left (计算机, the home folder, 文档).
PLACES_WIDTH = 150
#: At most this share of the screen's free area.
DIALOG_SCREEN_SHARE = 0.85


def dialog_size(available: QRect) -> QSize:
    """The file dialog's size on a screen whose free area is ``available``."""
    return QSize(
        min(DIALOG_SIZE.width(), int(available.width() * DIALOG_SCREEN_SHARE)),
        min(DIALOG_SIZE.height(), int(available.height() * DIALOG_SCREEN_SHARE)),
    )


class FileDialogs:
    """The app's file dialogs: ``QFileDialog``'s static functions, same arguments and results,
    but Qt's own dialog opens at a sensible size (:func:`dialog_size`) instead of its small
    default. A desktop's native dialog (Windows, macOS) keeps the size the system gives it.
    Tests replace these functions, never ``QFileDialog``'s."""

    @staticmethod
    def getSaveFileName(  # QFileDialog's name
        parent: QWidget | None,
        caption: str,
        directory: str,
        file_filter: str,
        options: QFileDialog.Option = QFileDialog.Option(0),  # noqa: B008
    ) -> tuple[str, str]:
        """Where to save a file; ``("", "")`` when cancelled."""
        if not options & QFileDialog.Option.DontUseNativeDialog:
            return QFileDialog.getSaveFileName(
                parent, caption, directory, file_filter, options=options
            )
        paths, chosen = _run_dialog(
            parent,
            caption,
            directory,
            file_filter,
            options,
            QFileDialog.FileMode.AnyFile,
            save=True,
        )
        return (paths[0] if paths else ""), chosen

    @staticmethod
    def getOpenFileName(
        parent: QWidget | None,
        caption: str,
        directory: str,
        file_filter: str,
        options: QFileDialog.Option = QFileDialog.Option(0),  # noqa: B008
    ) -> tuple[str, str]:
        """One file to open; ``("", "")`` when cancelled."""
        if not options & QFileDialog.Option.DontUseNativeDialog:
            return QFileDialog.getOpenFileName(
                parent, caption, directory, file_filter, options=options
            )
        paths, chosen = _run_dialog(
            parent, caption, directory, file_filter, options, QFileDialog.FileMode.ExistingFile
        )
        return (paths[0] if paths else ""), chosen

    @staticmethod
    def getOpenFileNames(
        parent: QWidget | None,
        caption: str,
        directory: str,
        file_filter: str,
        options: QFileDialog.Option = QFileDialog.Option(0),  # noqa: B008
    ) -> tuple[list[str], str]:
        """Files to open; ``([], "")`` when cancelled."""
        if not options & QFileDialog.Option.DontUseNativeDialog:
            return QFileDialog.getOpenFileNames(
                parent, caption, directory, file_filter, options=options
            )
        return _run_dialog(
            parent, caption, directory, file_filter, options, QFileDialog.FileMode.ExistingFiles
        )


def _run_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str,
    file_filter: str,
    options: QFileDialog.Option,
    mode: QFileDialog.FileMode,
    *,
    save: bool = False,
) -> tuple[list[str], str]:
    """Qt's own file dialog, sized for the screen it opens on; the files and the filter chosen."""
    start = Path(directory) if directory else Path.home()
    folder, name = (start, "") if start.is_dir() else (start.parent, start.name)
    dialog = QFileDialog(parent, caption, str(folder), file_filter)
    dialog.setOptions(options)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    if name:
        dialog.selectFile(name)
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:
        dialog.resize(dialog_size(screen.availableGeometry()))
    _widen_parts(dialog)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return [], ""
        return dialog.selectedFiles(), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


#: The file list's columns that Qt writes in the system's locale: 大小 and 修改日期.
_SIZE_COLUMN, _DATE_COLUMN = 1, 3


class _ChineseFileDetails(QStyledItemDelegate):
    """The file list's 大小 and 修改日期 in the app's locale (中文: 2026/12/7 09:16, 45 字节).

    Qt's file model writes them in the system's locale, not the app's default: under a C or
    English system locale (LANG=C.UTF-8, a server's) 修改日期 read "7 12 2026 09:16"."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Override: the size and date written by ``QLocale()``."""
        super().initStyleOption(option, index)
        model = index.model()
        if not isinstance(model, QFileSystemModel):
            return
        if index.column() == _DATE_COLUMN:
            when = model.lastModified(QModelIndex(index))
            if when.isValid():
                option.text = QLocale().toString(when, QLocale.FormatType.ShortFormat)
        elif index.column() == _SIZE_COLUMN and not model.isDir(QModelIndex(index)):
            option.text = QLocale().formattedDataSize(model.size(QModelIndex(index)))


def _widen_parts(dialog: QFileDialog) -> None:
    """The file names take the list's width, and size, type and date show whole; the places
    on the left show their names (计算机, not 计…)."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        tree.setItemDelegate(_ChineseFileDetails(tree))
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, header.count()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2:
        splitter.setSizes([PLACES_WIDTH, max(dialog.width() - PLACES_WIDTH, PLACES_WIDTH)])


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> Path | None:
    """Ask where to save ``suggested`` (a file name); ``None`` when the clerk cancels."""
    start = str(last_folder() / suggested)
    target, _ = FileDialogs.getSaveFileName(
        parent, title, start, file_filter, options=dialog_options()
    )
    if not target:
        return None
    path = Path(target)
    remember_folder(path)
    return path


def save_file_name(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> tuple[str, str]:
    """``QFileDialog.getSaveFileName`` starting in the last folder used (or 文档), never the
    program's folder, in Chinese; the folder chosen is remembered."""
    start = str(last_folder() / suggested) if suggested else str(last_folder())
    target, chosen = FileDialogs.getSaveFileName(
        parent, title, start, file_filter, options=dialog_options()
    )
    if target:
        remember_folder(Path(target))
    return target, chosen


def open_file_name(
    parent: QWidget | None, title: str, start: str, file_filter: str
) -> tuple[str, str]:
    """``QFileDialog.getOpenFileName`` starting in the last folder used (or 文档). A ``start``
    folder that exists is used instead, and the folder chosen there is not remembered (the
    fonts' folder is not where the next import is)."""
    own = bool(start) and Path(start).is_dir()
    path, chosen = FileDialogs.getOpenFileName(
        parent, title, start if own else str(last_folder()), file_filter, options=dialog_options()
    )
    if path and not own:
        remember_folder(Path(path))
    return path, chosen


def open_file_names(
    parent: QWidget | None, title: str, _start: str, file_filter: str
) -> tuple[list[str], str]:
    """``QFileDialog.getOpenFileNames`` starting in the last folder used (or 文档)."""
    paths, chosen = FileDialogs.getOpenFileNames(
        parent, title, str(last_folder()), file_filter, options=dialog_options()
    )
    if paths:
        remember_folder(Path(paths[0]))
    return paths, chosen


def render_pdf(printer: QPrinter, data: bytes) -> int:
    """Paint every page of the PDF ``data`` onto ``printer``; the number of pages."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    painter = QPainter()
    if not painter.begin(printer):
        raise JianfuError("打印机无法开始打印，请检查打印机是否连接。")
    try:
        dpi = min(printer.resolution(), _MAX_DPI)
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        for index in range(len(pdf)):
            if index:
                printer.newPage()
            pil = pdf[index].render(scale=dpi / 72).to_pil().convert("RGB")
            buffer = pil.tobytes()
            image = QImage(
                buffer, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888
            ).copy()  # own the pixels: the buffer goes away
            fit = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * fit, image.height() * fit
            painter.drawImage(QRectF(area.x(), area.y(), w, h), image)
        return len(pdf)
    finally:
        painter.end()
        pdf.close()


def write_pdf(path: Path, data: bytes) -> None:
    """Write the PDF whole (nothing half-written on a full disk)."""
    files.save_bytes(path, data)


def set_paper_of(printer: QPrinter, data: bytes) -> None:
    """The printer's paper and orientation those of the PDF's first page: a landscape register
    was previewed and printed shrunk onto a portrait sheet (and on Letter where the system's
    default paper is Letter)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if not len(pdf):
            return
        width, height = pdf[0].get_size()
    finally:
        pdf.close()
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setPageSize(size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )


class PdfPreviewDialog(QPrintPreviewDialog):
    """The print dialog's preview of a PDF, with 打印 and 另存为PDF on its tool bar."""

    def __init__(
        self, data: bytes, title: str, suggested: str, parent: QWidget | None = None
    ) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(suggested).stem)
        printer.setFullPage(True)  # the PDF's pages carry their own margins
        set_paper_of(printer, data)
        printer.setPageMargins(QMarginsF(0, 0, 0, 0))
        super().__init__(printer, parent)
        self._printer = printer
        self.setWindowTitle(f"{title}（打印预览）")
        self.data, self.suggested, self.title = data, suggested, title
        self.saved_to: Path | None = None
        self.paintRequested.connect(lambda p: render_pdf(p, self.data))
        toolbar = self.findChild(QToolBar)
        self.save_action = QAction("另存为PDF…", self)
        self.save_action.setToolTip("把这份文件保存为 PDF（可发给他人或以后再打印）")
        self.save_action.triggered.connect(self._on_save_action_triggered)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
        # where the file was saved, under the pages once saved: its name may hold a resident's
        # name, drawn here by the app's fonts (the title is drawn by the window manager's)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_to")
        self.saved_label.hide()
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.saved_label)
        self.resize(900, 700)

    def _on_save_action_triggered(self) -> None:
        path = ask_save_path(self, "另存为PDF", self.suggested, "PDF 文件 (*.pdf)")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        """Write the PDF to ``path``."""
        write_pdf(path, self.data)
        self.saved_to = path
        # the preview stays open: say here that the file was written (the status line says it
        # only once the preview is closed), and where under the pages, not in the title
        self.setWindowTitle(f"{self.title}（打印预览）— 已保存")
        self.saved_label.setText(noted_html(f"已保存到 {path}"))
        self.saved_label.setTextFormat(Qt.TextFormat.RichText)
        self.saved_label.show()

    @classmethod
    def ask(cls, parent: QWidget | None, data: bytes, title: str, suggested: str) -> Path | None:
        """Show the preview until the clerk prints, saves or closes it; the saved path, if any."""
        dialog = cls(data, title, suggested, parent)
        dialog.exec()
        return dialog.saved_to
