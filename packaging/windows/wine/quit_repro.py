"""The smallest program that shows why jianfu.exe did not end under wine (README.md, "Windows").

Run with the Windows Python that packaging/build-windows prepares, from the repository root:

    export WINEPREFIX=/var/cache/jianfu/windows/wine WINEDEBUG=-all
    export WINEDLLOVERRIDES="mscoree,mshtml,wbemprox="
    PY=/var/cache/jianfu/windows/python3.12/python.exe
    /usr/lib/wine/wine64 $PY packaging/windows/wine/quit_repro.py widget-quit

A window is shown and a timer quits 0.2 s later; each step prints the seconds since start. With
no X display wine loads no display driver (it logs "Application tried to create a window, but
no driver could be loaded"), and then `widget-quit` and `widget-close` never get past
QApplication.quit(), using CPU, and the process must be killed (a watchdog thread is to print
the main thread's stack after 6 s; it sometimes does, pointing at app.quit()), while `bare`,
`widget-hide`, `widget-exit` and `qwindow-quit` end at once. With DISPLAY set to an X server
(Xvfb) `widget-quit` ends (2 s inside quit with no window manager, 0.01 s with openbox), and with
WINEQT_QPA_PLATFORM=offscreen at once (wine hands QT_* variables on only with a WINE prefix).
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

T0 = time.time()


def log(*what: object) -> None:
    sys.stdout.write(" ".join([f"{time.time() - T0:5.2f}", *map(str, what)]) + "\n")
    sys.stdout.flush()


def main(how: str) -> None:
    app = QApplication([])
    log("platform", app.platformName())
    window: QWidget | QWindow | None = None
    if how.startswith("qwindow"):
        window = QWindow()
    elif how.startswith("widget"):
        window = QWidget()
    if window is not None:
        window.resize(200, 100)
        window.show()
        log("shown")

    def stop() -> None:
        log("timer:", how)
        if how.endswith("-hide") and window is not None:
            window.hide()
        elif how.endswith("-close") and window is not None:
            window.close()
        if how.endswith("-exit"):
            app.exit(0)
        else:
            app.quit()
        log("quit returned")

    QTimer.singleShot(200, stop)
    faulthandler.dump_traceback_later(6)
    log("exec returned", app.exec())
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "widget-quit")
