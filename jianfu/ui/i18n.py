"""Qt's own Chinese translations, so standard dialogs and buttons speak Chinese."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: Labels Qt's own Chinese catalogue lacks (the file dialog's, with their mnemonics).
_MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    # the file dialog's 类型 column (a folder said "Folder")
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
    # the print dialog's 选项 >> (its choices 全部页面/奇数页/偶数页 are translated)
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
    # 属性 of the printer (the page setup)
    ("QPageSetupWidget", "Page &order:"): "页面顺序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张纸页数(&P)：",
}


class _Supplement(QTranslator):
    """Answers only for the few labels in ``_MISSING``; Qt asks it before its own catalogue."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt goes on to the next catalogue only for a null string
        return _MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_chinese(app: QCoreApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN (and friends) into ``app``; returns the translators kept alive.
    (Chinese text is sorted by ``domain.collation``, ICU's pinyin order, as on the server.)"""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            kept.append(translator)
    supplement = _Supplement(app)
    app.installTranslator(supplement)  # installed last, so asked first
    kept.append(supplement)
    return kept
