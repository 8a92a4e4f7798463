"""Unexpected errors: logged, then shown in Chinese with the details one click away.

Installed as ``sys.excepthook`` (and for threads) by the app, so that an error in a slot or a
worker neither vanishes (no console on Windows) nor kills the window with a bare traceback.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jianfu.logs import log_file, scrub

log = logging.getLogger("jianfu.ui")


def show_error(parent: QWidget | None, exc: BaseException, details: str) -> QMessageBox:
    """A non-blocking Chinese error box with a 复制详情 button and the log's place."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("程序出错")
    box.setText("程序遇到意外错误，刚才的操作可能没有完成。已保存的数据不受影响。")
    box.setInformativeText(
        f"错误：{type(exc).__name__}：{scrub(str(exc))[:200]}\n详情已记入日志：{log_file()}"
    )
    box.setDetailedText(scrub(details))
    copy = box.addButton("复制详情", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(scrub(details)))
    box.setModal(False)
    box.show()
    return box


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    details = "".join(traceback.format_exception(kind, exc, tb))
    log.error("未处理的错误", exc_info=(kind, exc, tb))
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # not on the GUI thread: the log has it
    show_error(QApplication.activeWindow(), exc, details)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.error(
            "线程 %s 中未处理的错误",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )


def install_excepthook() -> None:
    """Route every uncaught exception to the log and, on the GUI thread, to an error box."""
    sys.excepthook = _hook
    threading.excepthook = _thread_hook
