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


def test_a_module_imported_after_the_ui_is_not_read_for_pyside_features(tmp_path, monkeypatch):
    """PySide6 read the source of every module imported after it (to see whether it switched
    on a ``__feature__``); the app uses none, and ``jianfu.ui`` stops the scan."""
    import inspect

    from jianfu.ui import qt_binding

    feature = sys.modules["shibokensupport.feature"]  # this PySide reads sources: not here
    assert feature._mod_uses_pyside is qt_binding._uses_pyside_without_features
    (tmp_path / "jianfu_probe_module.py").write_text("from PySide6.QtCore import QObject\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[object] = []
    real = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or real(obj))
    probe = __import__("jianfu_probe_module")  # through PySide's __import__, as any import
    monkeypatch.delitem(sys.modules, "jianfu_probe_module")
    assert read == []
    assert callable(probe.QObject().objectName)  # Qt's own names: no feature switched on
