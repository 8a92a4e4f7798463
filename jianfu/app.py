"""Composition root: Qt application -> main window -> database -> services.

The window frame is shown first and the database is opened right after, so the clerk sees
the app at once; SQLAlchemy's import and the migration check happen behind a "正在打开数据库"
page instead of before any window appears.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jianfu.domain.errors import JianfuError
from jianfu.paths import resources_dir
from jianfu.ui.i18n import install_chinese
from jianfu.ui.main_window import MainWindow

if TYPE_CHECKING:
    from jianfu.services.context import AppContext

#: Set to 1 to quit once the first screen is filled (used to measure cold start).
QUIT_AFTER_START_ENV = "JIANFU_QUIT_AFTER_START"
#: Set to 1 to print "shown" and "ready" on stderr when those moments come (benchmark).
STARTUP_MARKS_ENV = "JIANFU_STARTUP_MARKS"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese standard dialogs and a readable default font size."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("jianfu")
    app.setApplicationDisplayName("减负")
    app.setOrganizationName("jianfu")
    app.setDesktopFileName("jianfu")  # the menu entry jianfu.desktop, for the task bar's icon
    icon = resources_dir() / "icons" / "jianfu-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    install_chinese(app)
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    return app


def open_context(url: str | None, demo: bool) -> AppContext:
    """Open the chosen database; the demo one is filled on first run."""
    from jianfu.services.database import open_app
    from jianfu.services.demo import seed_demo

    ctx = open_app(url, demo=demo)
    if demo:
        seed_demo(ctx)
    return ctx


def _mark(what: str) -> None:
    if os.environ.get(STARTUP_MARKS_ENV) == "1":
        sys.stderr.write(what + "\n")
        sys.stderr.flush()


def run_gui(url: str | None = None, *, demo: bool = False) -> int:
    """Start the desktop app; returns the process exit code."""
    from jianfu.logs import setup_logging
    from jianfu.ui.widgets.error_box import install_excepthook

    setup_logging()
    install_excepthook()
    app = make_application()
    window = MainWindow()
    window.show()
    _mark("shown")
    opened: list[AppContext] = []

    def attach() -> None:
        from jianfu.services.registry import Services

        try:
            ctx = open_context(url, demo)
        except JianfuError as err:
            QMessageBox.critical(window, "无法打开数据库", str(err))
            app.exit(1)
            return
        opened.append(ctx)
        window.attach(Services.create(ctx))
        _mark("ready")
        if os.environ.get(QUIT_AFTER_START_ENV) == "1":
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, attach)
    code = app.exec()
    for ctx in opened:
        ctx.database.close()
    return code
