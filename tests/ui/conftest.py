"""Helpers for the pytest-qt tests."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch):
    """Closing a form (or the window) with typed text would ask in a modal box; tests that
    check it patch it."""
    from jianfu.ui.widgets.form import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)
    # the same for the main window closed with a notice not recorded (at each test's end)
    from jianfu.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "confirm_close", lambda self, unsaved: True)
    from jianfu.ui.boards.dialogs import AllowedSetDialog

    monkeypatch.setattr(AllowedSetDialog, "confirm_discard", lambda self: True)
    # a notice whose 文号 is recorded already is recorded again when a test says so
    from jianfu.ui.intake.screen import IntakeWidget

    monkeypatch.setattr(IntakeWidget, "confirm_again", lambda self, earlier: True)
    monkeypatch.setattr(IntakeWidget, "confirm_clear", lambda self, unsaved: True)
    monkeypatch.setattr(IntakeWidget, "confirm_replace", lambda self, unsaved, name: True)
    # 工作日设置 closed with a range typed or a notice read and not saved
    from jianfu.ui.cases.calendar_dialog import WorkdaysDialog

    monkeypatch.setattr(WorkdaysDialog, "confirm_close", lambda self, lines: True)


@pytest.fixture
def type_text():
    """Types text key by key (``qtbot.keyClicks`` aborts the run on non-ASCII text)."""
    return _type_text


@pytest.fixture
def window(qtbot, demo_ctx):
    """The main window on the demo township."""
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    w = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.tasks.wait_all()


@pytest.fixture
def window_as(qtbot, demo_ctx):
    """``window_as(person)``: the main window on the demo database as ``person`` (a
    ``ConnectedPerson``, e.g. of ``tests.conftest.person_under_county``), shown; the windows'
    background work is waited for at the test's end."""
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def open_window(person) -> MainWindow:
        demo_ctx.person = person
        w = MainWindow(Services.create(demo_ctx))
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
        return w

    yield open_window
    for w in windows:
        w.tasks.wait_all()


def read_screen(window, qtbot, key: str):
    """``window``'s screen ``key``, shown, once its list is read (on a worker)."""
    page = window.show_screen(key)
    qtbot.waitUntil(lambda: not page.model.reloading)
    return page
