"""Ctrl+Enter does a form dialog's main action from a multi-line box, as desktop forms do;
Enter there still starts a new line. A case step's opinion could be sent only by tabbing to
the button and pressing Enter (seen at 1366×768, 2026-12)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.services.cases import CaseFilter


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_enter_in_the_opinion_records_the_step(window, qtbot, type_text, key):
    from jianfu.ui.cases.dialogs import StepDialog

    service = window.services.cases
    case = next(
        s.case
        for s in service.page(CaseFilter(), 0, 50).rows
        if CaseAction.RETURN_FOR_CORRECTION in s.case.allowed_actions()
    )
    step = StepDialog(service, case, CaseAction.RETURN_FOR_CORRECTION, window)
    qtbot.addWidget(step)
    step.show()
    qtbot.waitExposed(step)
    step.activateWindow()
    qtbot.waitUntil(step.isActiveWindow)
    step.comment_edit.setFocus()
    type_text(step.comment_edit, "请补充")
    qtbot.keyClick(step.comment_edit, Qt.Key.Key_Return)  # a new line, the dialog stays
    type_text(step.comment_edit, "经费来源的文件")
    assert step.isVisible()
    assert step.comment_edit.toPlainText() == "请补充\n经费来源的文件"
    ok = step.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "Ctrl+Enter" in ok.toolTip()
    qtbot.keyClick(step.comment_edit, key, Qt.KeyboardModifier.ControlModifier)
    assert not step.isVisible()
    assert step.result_value.status is CaseStatus.RETURNED
    assert step.result_value.history[-1].comment == "请补充\n经费来源的文件"
    # and the case's 办理经过 shows it on its two lines (they ran into one)
    cases = window.show_screen("cases")
    cases.refresh(select_id=case.id)
    qtbot.waitUntil(lambda: "经费来源的文件" in cases.detail.toPlainText())
    assert "请补充\n经费来源的文件" in cases.detail.toPlainText()


def test_ctrl_enter_with_a_problem_keeps_the_dialog_and_says_it(window, qtbot):
    from jianfu.ui.cases.dialogs import StepDialog

    service = window.services.cases
    case = next(
        s.case
        for s in service.page(CaseFilter(), 0, 50).rows
        if CaseAction.RETURN_FOR_CORRECTION in s.case.allowed_actions()
    )
    step = StepDialog(service, case, CaseAction.RETURN_FOR_CORRECTION, window)
    qtbot.addWidget(step)
    step.show()
    qtbot.waitExposed(step)
    step.activateWindow()
    qtbot.waitUntil(step.isActiveWindow)
    step.comment_edit.setFocus()
    qtbot.keyClick(step.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert step.isVisible() and "须写明理由" in step.error_text("comment")
