"""Qt's own Chinese translations, so standard dialogs and buttons speak Chinese."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def install_chinese(app: QCoreApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN (and friends) into ``app``; returns the translators kept alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            kept.append(translator)
    return kept
