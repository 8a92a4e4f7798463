"""事项审核: the finding the clerk chooses is the one recorded; the check only presets it."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.domain.tasks import TaskDecision

pytestmark = pytest.mark.usefixtures("qtbot")

ADMITTED = "请各村(社区)协助开展城乡居民基本医疗保险参保登记工作，做好宣传动员。"


@pytest.fixture
def intake(window):
    return window.show_screen("tasks")


def test_the_clerks_finding_is_recorded_not_the_checks(intake, qtbot):
    intake.check_panel.set_text(ADMITTED)
    assert intake.decision() is TaskDecision.IN_LIST
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.UNLISTED], Qt.MouseButton.LeftButton)
    assert intake.decision() is TaskDecision.UNLISTED
    intake.title_edit.setText("关于做好城乡居民医保参保登记的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    task = intake.record()
    assert task is not None
    assert task.data.decision is TaskDecision.UNLISTED


def test_editing_the_notice_keeps_the_clerks_finding(intake, qtbot):
    panel = intake.check_panel
    panel.set_text(ADMITTED)
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.NEGATIVE], Qt.MouseButton.LeftButton)
    panel.editor.setPlainText(ADMITTED + "请于本月底前完成。")
    panel.check_now()
    assert intake.decision() is TaskDecision.NEGATIVE


def test_an_emptied_notice_leaves_no_finding_preset(intake):
    panel = intake.check_panel
    panel.set_text(ADMITTED)
    assert intake.decision() is TaskDecision.IN_LIST
    panel.editor.clear()
    panel.check_now()
    assert intake.decision() is None
    panel.set_text(ADMITTED)  # a new notice: the check presets again
    assert intake.decision() is TaskDecision.IN_LIST
