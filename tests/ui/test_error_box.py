"""An unexpected error on the GUI thread: logged, and shown in Chinese with its details."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from jianfu.logs import setup_logging
from jianfu.ui.widgets import error_box

ID = "350102199003071234"


def test_uncaught_error_shows_a_chinese_box_and_copies_masked_details(qtbot, monkeypatch):
    shown: list[QMessageBox] = []
    real = error_box.show_error
    monkeypatch.setattr(error_box, "show_error", lambda *a: shown.append(real(*a)) or shown[-1])
    path = setup_logging()
    try:
        raise KeyError(f"没有 {ID}")
    except KeyError:
        error_box._hook(*sys.exc_info())
    assert len(shown) == 1
    box = shown[0]
    qtbot.addWidget(box)
    assert box.windowTitle() == "程序出错"
    assert "意外错误" in box.text() and str(path) in box.informativeText()
    assert ID not in box.detailedText() and "3501**********1234" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "复制详情")
    copy.click()
    assert "KeyError" in QApplication.clipboard().text()
    assert box.isVisible()  # copying does not close the box
    for handler in logging.getLogger("jianfu").handlers:
        handler.flush()
    assert "KeyError" in path.read_text("utf-8")
