"""Questions that could lose the clerk's work or take a record out of use: Enter and Esc both
keep what the clerk has (seen at 1366×768, 2026-12)."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def _answer_with(press: Qt.Key, seen: list[tuple[str, str, str]]) -> None:
    """Answers the next question box with ``press``, noting its text and default buttons."""

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append((box.text(), box.defaultButton().text(), box.escapeButton().text()))
        QTest.keyClick(box, press)

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("press", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_the_dispose_dialog_asks_before_dropping_a_reviewer_typed(qtbot, type_text, press):
    """批量处置 closed on Esc and dropped the 初审人 typed without a word."""
    from jianfu.ui.boards.dialogs import DisposeDialog

    dialog = DisposeDialog(selected=2, matching=5, today=dt.date(2026, 5, 6))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reviewer.setFocus()
    type_text(dialog.reviewer, "王建国")
    seen: list[tuple[str, str, str]] = []
    _answer_with(press, seen)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen and "放弃" in seen[0][0]
    assert seen[0][1] == seen[0][2] == "继续填写(&C)"
    assert dialog.isVisible() and dialog.reviewer.text() == "王建国"
    dialog.confirm_discard = lambda: True  # 放弃
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_dispose_dialog_closes_without_asking_when_nothing_was_changed(qtbot, monkeypatch):
    from jianfu.ui.boards.dialogs import DisposeDialog

    dialog = DisposeDialog(selected=2, matching=5, today=dt.date(2026, 5, 6))
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(DisposeDialog, "confirm_discard", lambda self: pytest.fail("asked"))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize("key", ["units", "departments"])
@pytest.mark.parametrize("press", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_deactivating_asks_and_enter_or_esc_keeps_it_in_use(window, qtbot, key, press):
    """停用 a village or a department: the question's 是 was its default, so an Enter pressed
    in haste took it out of every choice."""
    page = window.show_screen(key)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    page.view.selectRow(0)
    record = page.selected()
    assert record.active and page.toggle_button.text() == "停用"
    seen: list[tuple[str, str, str]] = []
    _answer_with(press, seen)
    page.toggle_button.click()
    assert record.name in seen[0][0] and "确定停用" in seen[0][0]
    assert seen[0][1] == seen[0][2] == "不停用(&N)"
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == record.id)
    assert page.model.row_at(row).active  # still in use
