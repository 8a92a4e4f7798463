"""打印 shows the PDF's own pages in the print preview; 另存为PDF starts in the last folder."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QToolBar

from jianfu.reports.letter import NoticeLetter, build_letter_pdf
from jianfu.ui.widgets import printing
from jianfu.ui.widgets.printing import FileDialogs, PdfPreviewDialog, ask_save_path, render_pdf


def _letter_pdf() -> bytes:
    import datetime as dt

    letter = NoticeLetter(
        title="关于不予承接负面清单事项的告知书",
        addressee="南屏县民政局",
        paragraphs=("清溪镇于2026年3月2日收到贵单位下发的通知。" * 40,) * 3,
        issuer="清溪镇党委组织办",
        date=dt.date(2026, 3, 5),
    )
    return build_letter_pdf(letter)


def _ink(page) -> float:
    """Share of the page that is not white."""
    pil = page.render(scale=0.5).to_pil().convert("L")
    dark = sum(pil.histogram()[:160])
    return dark / (pil.width * pil.height)


def test_printing_paints_every_page_of_the_pdf(qapp, tmp_path):
    data = _letter_pdf()
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages >= 2
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    assert render_pdf(printer, data) == pages
    printed = pdfium.PdfDocument(out.read_bytes())
    assert len(printed) == pages
    original = pdfium.PdfDocument(data)
    for i in range(pages):  # the printed page carries the text's ink, not a blank sheet
        ink, expected = _ink(printed[i]), _ink(original[i])
        assert expected > 0.001 and abs(ink - expected) < 0.3 * expected


def test_the_preview_offers_save_as_pdf(qtbot, tmp_path):
    data = _letter_pdf()
    dialog = PdfPreviewDialog(data, "打印拒绝告知书", "拒绝告知书-7.pdf")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印拒绝告知书（打印预览）"
    toolbar = dialog.findChild(QToolBar)
    assert dialog.save_action in toolbar.actions()
    assert dialog.save_action.text() == "另存为PDF…"
    dialog.save_to(tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == data
    # the preview stays open after saving: its title says it is saved, a line under the pages
    # where (the file's name may hold a resident's, drawn there by the app's fonts)
    assert dialog.windowTitle() == "打印拒绝告知书（打印预览）— 已保存"
    assert dialog.saved_label.isVisibleTo(dialog)
    assert dialog.saved_label.text() == f"已保存到 {tmp_path / 'a.pdf'}"


def test_the_save_dialog_starts_in_the_last_folder_used(monkeypatch, tmp_path):
    store: dict[str, object] = {}

    class FakeSettings:
        def value(self, key, default=None):
            return store.get(key, default)

        def setValue(self, key, value):
            store[key] = value

    monkeypatch.setattr(printing, "_settings", FakeSettings)
    asked: list[str] = []
    chosen = tmp_path / "归档" / "告知书.pdf"
    chosen.parent.mkdir()

    def fake(parent, title, start, file_filter, options=None):
        asked.append(start)
        return str(chosen), file_filter

    monkeypatch.setattr(FileDialogs, "getSaveFileName", staticmethod(fake))
    first = ask_save_path(None, "另存为PDF", "告知书.pdf", "PDF 文件 (*.pdf)")
    assert first == chosen
    assert Path(asked[0]).parent != Path.cwd()  # never the program's folder
    assert Path(asked[0]).name == "告知书.pdf"
    ask_save_path(None, "另存为PDF", "审批表.pdf", "PDF 文件 (*.pdf)")
    assert Path(asked[1]) == chosen.parent / "审批表.pdf"


def test_export_and_import_dialogs_start_in_the_last_folder_not_the_programs(
    window, monkeypatch, tmp_path
):

    from jianfu.ui.widgets.printing import remember_folder

    folder = tmp_path / "导出"
    folder.mkdir()
    remember_folder(folder / "上次.pdf")
    starts = []
    fake = staticmethod(lambda _p, _t, start, *a, **k: starts.append(start) or ("", ""))
    monkeypatch.setattr(FileDialogs, "getSaveFileName", fake)
    monkeypatch.setattr(FileDialogs, "getOpenFileName", fake)
    burdens = window.show_screen("burdens")
    burdens.export_button.click()
    burdens.import_button.click()
    assert starts == [str(folder / starts[0].split("/")[-1]), str(folder)]
    assert starts[0].endswith(".xlsx")


def test_the_file_dialogs_open_at_a_sensible_size(qtbot, tmp_path):
    """Qt's own file dialog opens at about 960×620 on a 1366×768 screen (its default was
    about 520×340), never larger than the screen; the start folder and name are kept."""
    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from jianfu.ui.widgets.printing import dialog_size

    assert dialog_size(QRect(0, 0, 1366, 728)).toTuple() == (960, 618)
    assert dialog_size(QRect(0, 0, 800, 600)).toTuple() == (680, 510)
    seen = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen["size"] = dialog.size().toTuple()
        seen["folder"] = dialog.directory().absolutePath()
        seen["name"] = dialog.selectedFiles()
        dialog.reject()

    QTimer.singleShot(0, look)
    screen = QApplication.primaryScreen().availableGeometry()
    target, chosen = FileDialogs.getSaveFileName(
        None,
        "另存为PDF",
        str(tmp_path / "审批表.pdf"),
        "PDF 文件 (*.pdf)",
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    assert (target, chosen) == ("", "")
    assert seen["size"] == dialog_size(screen).toTuple()
    assert seen["size"][0] > 600
    assert seen["folder"] == str(tmp_path)
    assert seen["name"][0].endswith("审批表.pdf")


def test_the_preview_prints_a_landscape_pdf_on_a_landscape_a4_sheet(qtbot):
    """A landscape register (证明登记簿, 其他负担台账) was previewed and printed shrunk onto a
    portrait sheet; a portrait letter stays portrait. The paper is the PDF's (A4)."""
    from PySide6.QtGui import QPageLayout, QPageSize

    from jianfu.reports.base import OfficialDocument
    from jianfu.reports.period_report import build_period_report_pdf
    from tests.reports.period_samples import make_report

    assert OfficialDocument  # the reports' own page set-up makes both PDFs
    wide = build_period_report_pdf(make_report(3))
    for data, orientation in (
        (wide, QPageLayout.Orientation.Landscape),
        (_letter_pdf(), QPageLayout.Orientation.Portrait),
    ):
        dialog = PdfPreviewDialog(data, "打印", "a.pdf")
        qtbot.addWidget(dialog)
        layout = dialog._printer.pageLayout()
        assert layout.orientation() == orientation
        assert layout.pageSize().id() == QPageSize.PageSizeId.A4


def test_the_file_dialog_writes_dates_and_sizes_in_chinese(qtbot, tmp_path):
    """Qt's own file dialog wrote 修改日期 in the system's locale: "7 12 2026 09:16" under
    LANG=C.UTF-8, and sizes as "45 bytes"."""
    import datetime as dt
    import os

    from PySide6.QtCore import QLocale, QModelIndex, QTimer
    from PySide6.QtWidgets import (
        QApplication,
        QFileDialog,
        QFileSystemModel,
        QStyleOptionViewItem,
        QTreeView,
    )

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # as the app
    made = tmp_path / "审批表.pdf"
    made.write_bytes(b"x" * 45)
    when = dt.datetime(2026, 12, 7, 9, 16).timestamp()
    os.utime(made, (when, when))
    seen: dict[str, str] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        assert isinstance(model, QFileSystemModel)
        index = model.index(str(made))
        if not index.isValid() or not model.lastModified(index).isValid():
            QTimer.singleShot(20, look)
            return
        for col, key in ((1, "size"), (3, "date")):
            option = QStyleOptionViewItem()
            cell = model.index(index.row(), col, QModelIndex(index.parent()))
            tree.itemDelegate().initStyleOption(option, cell)
            seen[key] = option.text
        dialog.reject()

    QTimer.singleShot(0, look)
    try:
        FileDialogs.getOpenFileName(
            None,
            "导入",
            str(tmp_path),
            "PDF 文件 (*.pdf)",
            options=QFileDialog.Option.DontUseNativeDialog,
        )
    finally:
        QLocale.setDefault(before)
    assert seen == {"size": "45 字节", "date": "2026/12/7 09:16"}
