"""Qt's own dialogs speak Chinese, including the labels Qt's catalogue lacks."""

from __future__ import annotations

import re

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
