"""Deleting a board or a burden entry asks, and Enter and Esc keep the record: the question's
是 was its default, so an Enter pressed in haste deleted it (seen at 1366×768, 2026-12)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.mark.parametrize("key", ["burdens", "boards"])
@pytest.mark.parametrize("press", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_delete_asks_and_enter_or_esc_keeps_the_record(window, qtbot, key, press, monkeypatch):
    page = window.show_screen(key)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    page.view.selectRow(0)
    first = page.selected()[0]
    total = page.model.total
    seen: list[tuple[str, str, str]] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append((box.text(), box.defaultButton().text(), box.escapeButton().text()))
        QTest.keyClick(box, press)  # in haste

    QTimer.singleShot(0, answer)
    page.delete_button.click()
    assert first.name in seen[0][0] and "确定删除" in seen[0][0]
    assert seen[0][1] == seen[0][2] == "不删除(&N)"
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    assert page.model.total == total  # kept
    monkeypatch.setattr(type(page), "confirm_delete", lambda self, text: True)  # 删除
    page.view.selectRow(0)
    page.delete_button.click()
    qtbot.waitUntil(lambda: page.model.total == total - 1, timeout=20000)
