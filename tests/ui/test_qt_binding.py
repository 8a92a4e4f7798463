"""The Qt binding itself must not corrupt the interpreter (a regression of PySide6 6.12.0)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n))
    # A correct binding leaves None's count alone (give or take a few objects created meanwhile);
    # PySide6 6.12.0 on Python 3.11 dropped one reference per call and later aborted the app.
    assert abs(sys.getrefcount(None) - before) < 100
