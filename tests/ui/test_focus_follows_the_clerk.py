"""Where the keyboard is after the clerk acts (walk at 1366x768, 2026-12): a click on 事项审核
puts the cursor in the notice, so that Ctrl+V pastes it (it stayed in the navigation and
nothing happened); a step done on a case leaves the cursor on that case (it went back to the
navigation on the left)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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


NOTICE = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送。"


def _active(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def _row_of(window, key: str) -> int:
    nav = window.nav
    return next(r for r in range(nav.count()) if nav.item(r).data(Qt.ItemDataRole.UserRole) == key)


def _click(window, qtbot, key: str) -> None:
    """Click the screen ``key``'s name in the navigation."""
    nav = window.nav
    centre = nav.visualItemRect(nav.item(_row_of(window, key))).center()
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.current_screen() == key


def test_a_click_on_the_check_puts_the_cursor_in_the_notice_and_ctrl_v_pastes_it(window, qtbot):
    _active(window, qtbot)
    window.nav.setFocus()
    _click(window, qtbot, "tasks")
    editor = window.pages["tasks"].check_panel.editor
    assert QApplication.focusWidget() is editor
    QApplication.clipboard().setText(NOTICE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == NOTICE
    # a screen of lists has no first field: the keyboard stays in the navigation
    _click(window, qtbot, "cases")
    assert window.nav.hasFocus()


def test_the_arrow_keys_still_walk_the_screens_and_enter_goes_into_one(window, qtbot):
    _active(window, qtbot)
    nav = window.nav
    nav.setCurrentRow(_row_of(window, "lists"))
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert window.current_screen() == "tasks"
    assert nav.hasFocus()  # shown, not entered: the next arrow goes on
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert window.current_screen() == "cases"
    qtbot.keyClick(nav, Qt.Key.Key_Up)
    assert window.current_screen() == "tasks" and nav.hasFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.pages["tasks"].check_panel.editor
    # Ctrl+3 opens it as a click does
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "dashboard" and nav.hasFocus()
    qtbot.keyClick(nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pages["tasks"].check_panel.editor


def test_the_register_in_front_keeps_the_cursor_off_the_hidden_notice(window, qtbot):
    _active(window, qtbot)
    page = window.show_screen("tasks")
    page.tabs.setCurrentIndex(1)  # 已登记事项
    window.nav.setCurrentRow(_row_of(window, "dashboard"))
    window.nav.setFocus()
    _click(window, qtbot, "tasks")
    assert window.nav.hasFocus()


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
