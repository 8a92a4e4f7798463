"""Composition root: Qt application -> database -> services -> main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from jianfu.domain.errors import JianfuError
from jianfu.services.context import AppContext
from jianfu.services.database import open_app
from jianfu.services.demo import seed_demo
from jianfu.ui.i18n import install_chinese
from jianfu.ui.main_window import MainWindow

#: Set to 1 to quit as soon as the main window is shown (used to measure cold start).
QUIT_AFTER_START_ENV = "JIANFU_QUIT_AFTER_START"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese standard dialogs and a readable default font size."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("jianfu")
    app.setApplicationDisplayName("减负")
    app.setOrganizationName("jianfu")
    install_chinese(app)
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    return app


def open_context(url: str | None, demo: bool) -> AppContext:
    """Open the chosen database; the demo one is filled on first run."""
    ctx = open_app(url, demo=demo)
    if demo:
        seed_demo(ctx)
    return ctx


def run_gui(url: str | None = None, *, demo: bool = False) -> int:
    """Start the desktop app; returns the process exit code."""
    app = make_application()
    try:
        ctx = open_context(url, demo)
    except JianfuError as err:
        QMessageBox.critical(None, "无法打开数据库", str(err))
        return 1
    window = MainWindow(ctx)
    window.show()
    if os.environ.get(QUIT_AFTER_START_ENV) == "1":
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    ctx.database.close()
    return code
