"""Qt's own dialogs speak Chinese, including the labels Qt's catalogue lacks."""

from __future__ import annotations

import re

import pytest

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from jianfu.ui.i18n import install_chinese

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_the_file_dialog_has_no_english_label(qtbot):
    app = QApplication.instance()
    kept = install_chinese(app)
    try:
        dialog = QFileDialog(None, "保存报表", "", "PDF 文件 (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
        shown = [t for t in texts if t]
        assert "查找范围(&I)：" in shown and "文件类型(&T)：" in shown
        assert not [t for t in shown if LATIN_WORD.search(t.replace("&", ""))], shown
        # strings nobody translated still come through unchanged
        assert QApplication.translate("jianfu", "not translated") == "not translated"
    finally:
        for translator in kept:
            app.removeTranslator(translator)


def test_the_file_dialogs_type_column_says_folder_in_chinese(qtbot, tmp_path):
    """The 类型 column of Qt's file dialog said "Folder" for every folder."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtGui import QAbstractFileIconProvider

    app = QApplication.instance()
    kept = install_chinese(app)
    try:
        provider = QAbstractFileIconProvider()
        assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"
    finally:
        for translator in kept:
            app.removeTranslator(translator)


# the page setup of the PDF printer, which Qt says it cannot set up natively
@pytest.mark.qt_log_ignore("QPageSetupDialog: Cannot be used on non-native printers")
def test_the_print_dialogs_have_no_english_label(qtbot):
    """打印's 选项 >> said "Page Set:", the printer's 属性 "Page order:" and "Pages per
    sheet:" (seen under X at 1366×768 printing a 不予出具证明告知书)."""
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
    from PySide6.QtWidgets import QGroupBox

    app = QApplication.instance()
    kept = install_chinese(app)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        for dialog in (QPrintDialog(printer), QPageSetupDialog(printer)):
            qtbot.addWidget(dialog)
            dialog.show()
            widgets = dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)
            texts = [w.text() for w in widgets]
            texts += [w.title() for w in dialog.findChildren(QGroupBox)]
            shown = [t.replace("&", "") for t in texts if t]
            assert shown
            assert not [t for t in shown if LATIN_WORD.search(t.replace("PDF", ""))], shown
            dialog.close()
    finally:
        for translator in kept:
            app.removeTranslator(translator)
