"""Composition root: Qt application -> main window -> database -> services.

The window frame is shown first and the database is opened on a worker thread, so the clerk
sees the app at once; SQLAlchemy's import, the migration check and the demo's first filling
happen behind a "正在打开数据库…" line that says what is going on, not behind a blank window.
Services, ReportLab and Excel reading are imported when a screen first needs them.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jianfu.domain.errors import JianfuError, PasswordRefusedError
from jianfu.paths import resources_dir
from jianfu.ui.glyphs import use_rare_character_fonts
from jianfu.ui.i18n import install_chinese
from jianfu.ui.main_window import MainWindow

if TYPE_CHECKING:
    from jianfu.domain.progress import Progress
    from jianfu.services.context import AppContext

#: Set to 1 to quit once the first screen is filled (used to measure cold start).
QUIT_AFTER_START_ENV = "JIANFU_QUIT_AFTER_START"
#: Set to 1 to print "shown", "ready", "open" (and with the above "quit"), then "peak KiB" and
#: "closed" on stderr when those moments come (benchmarks, the Windows smoke test).
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
    # names with characters of CJK Extension B (谢𠮷): from an installed font that has them
    use_rare_character_fonts(app)
    return app


def open_context(url: str | None, demo: bool, progress: Progress | None = None) -> AppContext:
    """Open the chosen database; the demo one is filled on first run (saying so on ``progress``)."""
    from jianfu.services.database import open_app

    def upgrading(_backup: Path) -> None:  # a file at an older schema, copied, is upgraded
        if progress is not None:
            progress.step(0, 0, "正在升级数据库结构（已先备份）…")

    if progress is not None:
        progress.step(0, 0, "正在打开数据库…")
    ctx = open_app(url, demo=demo, on_backup=upgrading)
    if demo:
        from jianfu.demo.township import seed_demo
        from jianfu.services.settings import use_preparer_as_operator

        if seed_demo(ctx, progress):  # the 填表人 came with the demo's settings
            use_preparer_as_operator(ctx)
    return ctx


def _mark(what: str) -> None:
    if os.environ.get(STARTUP_MARKS_ENV) == "1" and sys.stderr is not None:  # None: no console
        sys.stderr.write(what + "\n")
        sys.stderr.flush()


def _peak_kib() -> int:
    """This process's peak resident memory in KiB (Linux counts it from this program's start;
    ``ru_maxrss`` would include what the parent had when it started us)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows has neither /proc nor resource: no figure
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _collect_garbage_again() -> None:
    """The end of start-up: what start-up made stays, garbage is collected on the GUI thread
    from now on (``jianfu.ui.background.collect_on_gui_thread``)."""
    from jianfu.ui.background import collect_on_gui_thread

    app = QApplication.instance()
    if app is not None:
        collect_on_gui_thread(app)


def _plain_file(url: str | None, demo: bool) -> Path | None:
    """The SQLite file the start opens, if it is a file that exists (else ``None``)."""
    from jianfu.services.database import plain_file

    path = plain_file(url, demo=demo)
    return path if path is not None and path.is_file() else None


def _kept_first_screen(window: MainWindow, url: str | None, demo: bool) -> bool:
    """Show 首页 as it was at the last close if nothing has changed it since (see
    ``services.first_screen``); False when it must be read from the database."""
    from jianfu.services.database import plain_file

    path = plain_file(url, demo=demo)
    if path is None:  # a server: read on every start, nothing kept (nor its module loaded)
        return False
    from jianfu.services import first_screen

    kept = first_screen.load(path)
    if kept is None:
        return False
    try:
        window.show_kept_first_screen(kept)
    except (KeyError, TypeError, ValueError):  # not what this version writes: read it
        import logging

        logging.getLogger("jianfu").warning("the kept first screen was not usable", exc_info=True)
        return False
    return True


def _read_first_screen(path: Path, demo: bool) -> dict[str, Any] | None:
    """首页 of the SQLite file ``path`` read through ``sqlite3`` before SQLAlchemy is imported
    (``services.first_screen_plain``; on a worker thread), as ``show_kept_first_screen`` shows
    it; ``None`` when it must be read through the ORM (a file to create, upgrade or fill)."""
    from jianfu.services import first_screen_plain
    from jianfu.ui.dashboard.widget import view_of
    from jianfu.ui.main_window import file_first_screen

    read = first_screen_plain.read(path, demo=demo)
    if read is None:
        return None
    return file_first_screen(view_of(read.dashboard), read.township_name, str(path))


def _server_url(url: str | None, demo: bool) -> str | None:
    """The server address the start opens (``None`` for a file, and for the demo, which the
    start may have to fill first)."""
    from jianfu.services.database import resolve_url

    chosen = None if demo else resolve_url(url)
    return chosen if chosen is not None and "://" in chosen else None


def _read_server_first_screen(url: str) -> dict[str, Any] | None:
    """首页 of the server database ``url`` read through plain psycopg as its login, before
    SQLAlchemy is imported (``first_screen_plain.read_server``; on a worker thread), as
    ``show_kept_first_screen`` shows it; ``None`` when the ORM reads it (see there)."""
    from jianfu.db import plain_server

    # connected, and the statements of the last start's reading sent: the server answers
    # them while 首页's modules are imported here
    opened = plain_server.open_ahead(url)
    if opened is None:
        return None
    from jianfu.services import first_screen_plain
    from jianfu.ui.dashboard.widget import view_of
    from jianfu.ui.main_window import server_first_screen

    read = first_screen_plain.read_server(url, opened=opened)
    if read is None:
        return None
    return server_first_screen(
        view_of(read.dashboard), read.township_name, read.database, read.above
    )


def _read_when_open(url: str | None, demo: bool) -> dict[str, Any] | None:
    """首页 read through ``sqlite3`` once ``open_context`` has upgraded (or created and, for
    the demo, filled) the SQLite file, which the reading before it could not read; ``None``
    for a server, or when it cannot be read so (then 首页 is read through the ORM)."""
    path = _plain_file(url, demo)
    if path is None:
        return None
    try:
        return _read_first_screen(path, demo)
    except Exception:  # a bug here must not stop the start: the ORM reads it instead
        import logging

        logging.getLogger("jianfu").warning("首页 read from the opened file", exc_info=True)
        return None


def _close(ctx: AppContext, window: MainWindow, code: int) -> None:
    """Close the database; a SQLite file's first screen is kept for the next start."""
    path = ctx.database.sqlite_path
    if (
        path is None
        or code != 0
        or window.restored  # the file was replaced: its old 首页 is not kept for it
        or window.services is None
        or window.services.ctx is not ctx
    ):
        ctx.database.close()
        return
    from jianfu.services import first_screen

    try:
        first_screen.keep_at_close(path, window.first_screen_on, ctx.database.close)
    except Exception:  # the next start reads the database instead
        import logging

        logging.getLogger("jianfu").warning("the first screen was not kept", exc_info=True)
        ctx.database.close()


def _ask_password(window: MainWindow, refused: PasswordRefusedError, url: str | None) -> str | None:
    """The server address with the password the person typed, or ``None`` when they chose
    退出 (``PasswordDialog.ask``)."""
    from jianfu.services.database import resolve_url, with_password
    from jianfu.ui.widgets.password_dialog import PasswordDialog

    address = resolve_url(url)
    if address is None:  # a file never asks for a password
        return None
    window.set_loading("等待输入密码…")
    password = PasswordDialog.ask(window, refused.login, refused.server, wrong=refused.wrong)
    return with_password(address, password) if password is not None else None


def run_gui(url: str | None = None, *, demo: bool = False) -> int:
    """Start the desktop app; returns the process exit code.

    The window is shown first, with 首页 as it was at the last close when nothing has changed
    since (``services.first_screen``); the database is opened (created, upgraded, the demo
    filled) on a worker thread while the window says what is happening, then the screens are
    built (首页 read from the database unless it was shown already).
    """
    from jianfu.logs import record_crashes, setup_logging
    from jianfu.ui.widgets.error_box import install_excepthook

    setup_logging()
    record_crashes()
    install_excepthook()
    # Start-up makes a few hundred thousand objects (Qt, SQLAlchemy, the models) that live as
    # long as the app: no collection while they are made, then they are moved out of the
    # collector's sight, so each later collection (one per background task) scans only what
    # came after (a full one took 50-70 ms of the GUI thread here).
    gc.disable()
    app = make_application()
    window = MainWindow()
    window.show()
    _mark("shown")
    opened: list[AppContext] = []
    kept = _kept_first_screen(window, url, demo)
    if kept:
        _mark("ready")  # 首页's figures and reminders, as the database holds them now

    def first_screen_filled() -> None:
        _collect_garbage_again()
        if not kept:
            _mark("ready")
        _mark("open")  # the database is open: every screen can be used
        if os.environ.get(QUIT_AFTER_START_ENV) == "1":
            _mark("quit")  # asked to quit: app.exec() is to return next
            QTimer.singleShot(0, app.quit)
        else:  # the other screens' code loaded while the clerk reads 首页
            window.preload_screens()

    def attach(ctx: AppContext) -> None:
        from jianfu.services.registry import Services

        opened.append(ctx)
        window.attach(Services.create(ctx))
        window.when_first_screen_filled(first_screen_filled)

    def failed(exc: object) -> None:
        nonlocal url
        if isinstance(exc, PasswordRefusedError):
            # the server wants this login's password (or refused the one given): asked for,
            # and the start begins again with it; 退出 ends the app as any refusal does
            again = _ask_password(window, exc, url)
            if again is not None:
                url = again
                start()
                return
            _collect_garbage_again()
            app.exit(1)
            return
        _collect_garbage_again()
        if isinstance(exc, JianfuError):
            QMessageBox.critical(window, "无法打开数据库", str(exc))
        else:  # a bug: logged with its traceback, the clerk gets its first line
            import logging

            logging.getLogger("jianfu").error(
                "opening the database failed", exc_info=exc if isinstance(exc, Exception) else None
            )
            QMessageBox.critical(window, "无法打开数据库", f"程序出错：{type(exc).__name__}：{exc}")
        app.exit(1)

    def show_read(shown: dict[str, Any] | None) -> None:
        """首页 read from the file through sqlite3 (if it could be): shown before the rest."""
        nonlocal kept
        if shown is None:
            return
        try:
            window.show_kept_first_screen(shown)
        except (KeyError, TypeError, ValueError):  # a bug: read through the ORM instead
            import logging

            logging.getLogger("jianfu").warning("首页 read from the file", exc_info=True)
        else:
            kept = True
            _mark("ready")

    def open_database() -> None:
        read_after = not kept  # a file the first reading could not read: at an older schema

        def work(progress: Progress) -> tuple[AppContext, dict[str, Any] | None]:
            ctx = open_context(url, demo, progress)
            # upgraded, created or filled: 首页 read through sqlite3 as on any other start,
            # not through the ORM after the screens are built
            return ctx, _read_when_open(url, demo) if read_after else None

        def opened(result: tuple[AppContext, dict[str, Any] | None]) -> None:
            ctx, shown = result
            if not kept:
                show_read(shown)
            attach(ctx)

        handle = window.tasks.run(work)
        if not kept:
            handle.sig_progressed.connect(
                lambda _done, _total, message: window.set_loading(message)
            )
        handle.sig_finished.connect(opened)
        handle.sig_failed.connect(failed)

    def read_first(shown: dict[str, Any] | None) -> None:
        """首页 read from the file (or not): shown, then the database opened for the rest."""
        show_read(shown)
        open_database()

    def start() -> None:
        path = None if kept else _plain_file(url, demo)
        server = None if kept or path is not None else _server_url(url, demo)
        if path is not None:  # nothing kept: 首页 read from the file through sqlite3, before
            # SQLAlchemy loads
            plain = window.tasks.run(lambda _progress: _read_first_screen(path, demo))
            plain.sig_finished.connect(read_first)
            plain.sig_failed.connect(lambda _exc: read_first(None))  # logged by the runner
        elif server is not None:  # a server: 首页 read through plain psycopg as the same login
            plain = window.tasks.run(lambda _progress: _read_server_first_screen(server))
            plain.sig_finished.connect(read_first)
            # the server unreachable or refusing the login: said at once (not waited for
            # twice); anything else is logged by the runner and read through the ORM
            plain.sig_failed.connect(
                lambda exc: failed(exc) if isinstance(exc, JianfuError) else read_first(None)
            )
        else:
            open_database()

    start()
    try:
        code = app.exec()
        # also when the app quit with the window open (no close event): the daily backup is
        # cancelled and the rest waited for before the database closes
        if not window.stop_background():
            import logging

            logging.getLogger("jianfu").warning("background work still running at exit")
    finally:
        gc.enable()
    if os.environ.get(STARTUP_MARKS_ENV) == "1":
        _mark(f"peak {_peak_kib()}")
    for ctx in opened:
        _close(ctx, window, code)
    # app.exec() returned and the database is closed: what is left is the process's own exit
    # (the Windows smoke test under wine tells a hang in Qt's loop from one after it by this)
    _mark("closed")
    return code
