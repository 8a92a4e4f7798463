"""Where the keyboard is after the clerk acts: a step done on a case leaves the cursor on
that case (walk at 1366x768, 2026-12: it went back to the navigation on the left)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from jianfu.domain.cases import CaseAction
from jianfu.ui.cases.dialogs import StepDialog
from tests.ui.conftest import read_screen


def _when_open(kind: type, act) -> None:
    """Call ``act(dialog)`` on the modal dialog of ``kind`` as soon as it is open."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, look)
            return
        act(dialog)

    QTimer.singleShot(0, look)


def _case_with(page, action: CaseAction):
    """A case the clerk can do ``action`` on, selected."""
    for row in range(page.model.rowCount()):
        summary = page.model.row_at(row)
        page.select_case(summary.case.id)
        if action in page.action_buttons:
            return summary
    raise AssertionError(f"no case offers {action}")


def test_after_a_step_the_cursor_is_on_the_case_acted_on(window, qtbot):
    page = read_screen(window, qtbot, "cases")
    action = CaseAction.SUBMIT_COUNTY_REVIEW
    summary = _case_with(page, action)
    button = page.action_buttons[action]
    qtbot.waitUntil(button.isVisible, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    button.setFocus()  # the clerk clicked it (or pressed its Alt key)
    qtbot.waitUntil(button.hasFocus, timeout=5000)

    def opinion(dialog: StepDialog) -> None:
        dialog.comment_edit.setPlainText("同意报送")
        dialog.accept()

    _when_open(StepDialog, opinion)
    button.click()
    assert "已办理" in page.last_message
    window.activateWindow()  # as the window system does once the dialog is gone
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert QApplication.focusWidget() is page.table, QApplication.focusWidget()
    shown = page.selected()
    assert shown is not None and shown.case.id == summary.case.id
    assert page.table.currentIndex().row() == page.table.selectionModel().selectedRows()[0].row()
    assert shown.case.status is not summary.case.status  # the step was done on it
