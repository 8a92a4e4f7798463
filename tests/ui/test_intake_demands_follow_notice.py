"""事项审核: the ticks under 对村(社区)的要求 follow the notice as it stands, not every notice
pasted or half typed before it; what the clerk ticks or clears stays the clerk's."""

from __future__ import annotations

import pytest

from jianfu.domain.tasks import TaskDemand

FORMS_NOTICE = "南屏县民政局：请各村每月填报《村级留守儿童关爱台账》并报送乡镇。"
BOARD_NOTICE = "请各村在村部悬挂“河长制工作站”牌子。"
PLAIN_NOTICE = "请各村协助开展低保家庭入户核查。"


@pytest.fixture
def intake(window):
    return window.show_screen("tasks")


def _ticked(intake) -> set[TaskDemand]:
    return {d for d, box in intake.demand_checks.items() if box.isChecked()}


def test_a_notice_pasted_over_another_does_not_keep_the_first_ones_demands(intake):
    intake.check_panel.set_text(FORMS_NOTICE)
    assert _ticked(intake) == {TaskDemand.FORMS}
    intake.check_panel.set_text(PLAIN_NOTICE)  # pasted over it, without 清空
    # the 报表台账 of the notice before stayed ticked and went into the record
    assert _ticked(intake) == set()
    intake.check_panel.set_text(BOARD_NOTICE)
    assert TaskDemand.SIGNBOARDS in _ticked(intake)
    assert TaskDemand.FORMS not in _ticked(intake)


def test_what_the_clerk_ticks_or_clears_stays_through_the_next_checks(intake):
    intake.check_panel.set_text(FORMS_NOTICE)
    intake.demand_checks[TaskDemand.FORMS].click()  # the clerk: not a form after all
    intake.demand_checks[TaskDemand.CERTIFICATES].click()  # and it asks for a certificate
    intake.check_panel.set_text(FORMS_NOTICE + "请于月底前报送。")  # the text edited on
    assert _ticked(intake) == {TaskDemand.CERTIFICATES}
    intake.clear_button.click()  # the next notice starts afresh
    intake.check_panel.set_text(FORMS_NOTICE)
    assert _ticked(intake) == {TaskDemand.FORMS}


def test_the_cited_item_shows_its_basis_department_and_the_words_it_matched(intake):
    """The verdict's item came with its name only: its basis and the matched words were in a
    tooltip of the candidates' table. The one the clerk picks shows them, and so does a
    runner-up picked instead."""
    intake.check_panel.set_text(FORMS_NOTICE)
    result = intake.check_panel.result
    assert result is not None and len(result.candidates) >= 2
    shown = intake.item_label.text()
    best = result.candidates[0]
    assert best.item.name in shown
    assert best.item.basis and best.item.basis[:20] in shown
    assert "命中：" + "、".join(best.matched[:2]) in shown
    other = result.candidates[1]
    intake.check_panel.candidates.selectRow(1)
    assert other.item.name in intake.item_label.text()
    assert intake.item_label.toolTip() == other.item.basis


def test_a_notice_file_opened_starts_from_its_own_demands(intake, tmp_path):
    """The ticks the clerk set for a notice not recorded stayed on the next one opened from a
    file (the finding and the cited item start over; the demands did not)."""
    intake.check_panel.set_text(FORMS_NOTICE)
    intake.demand_checks[TaskDemand.CERTIFICATES].click()
    intake.demand_checks[TaskDemand.FORMS].click()
    notice = tmp_path / "通知.txt"
    notice.write_text(BOARD_NOTICE, encoding="utf-8")
    assert intake.open_notice(str(notice))
    assert TaskDemand.CERTIFICATES not in _ticked(intake)
    assert TaskDemand.SIGNBOARDS in _ticked(intake)
    intake.check_panel.set_text(FORMS_NOTICE)  # and this one's form is ticked again
    assert TaskDemand.FORMS in _ticked(intake)


def test_a_notice_file_opened_does_not_keep_the_department_typed_for_the_one_before(
    intake, tmp_path
):
    """The 下派部门 starts empty for every notice (the last one carried over filed the next
    notice under the wrong department); a file whose header names none kept it."""
    intake.check_panel.set_text(PLAIN_NOTICE)
    intake.department_combo.setEditText("南屏县民政局")
    notice = tmp_path / "通知.txt"
    notice.write_text("请各村(社区)做好秸秆禁烧宣传。", encoding="utf-8")
    assert intake.open_notice(str(notice))
    assert intake.department_combo.currentText() == ""


SURVEY_NOTICE = "平安建设测评前，请各村替外出农户把满意度问卷填完，12月20日前报送。"


def test_every_demand_the_check_reads_has_a_box_the_clerk_sees_and_can_clear(window, intake, qtbot):
    """The check read 代答测评/代填问卷 (迎检作秀, 参加会议 …) and said so in its lines, but the
    form had no box for it: the record said nothing of it. Each has a box now, ticked from the
    notice, cleared by the clerk; the form with all of them still shows 登记事项 at 1366×768
    once a notice is checked."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea

    from jianfu.domain.demands import Demand
    from jianfu.domain.tasks import task_demands

    window.showNormal()
    window.resize(1366, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=3000)
    assert set(intake.demand_checks) == set(task_demands(tuple(Demand)))
    for demand, box in intake.demand_checks.items():
        assert box.text() == demand.value
    intake.check_panel.set_text(SURVEY_NOTICE)
    assert Demand.SURVEY in intake.check_panel.result.demands
    assert TaskDemand.SURVEY in _ticked(intake)
    intake.demand_checks[TaskDemand.SURVEY].click()  # the clerk: not so
    intake.check_panel.set_text(SURVEY_NOTICE + "请按时完成。")
    assert TaskDemand.SURVEY not in _ticked(intake)
    qtbot.wait(300)  # the layout requests the cited item posted
    scroll = intake.record_button.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    viewport = scroll.viewport()
    for widget in (intake.record_button, *intake.demand_checks.values()):
        shown = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        assert viewport.rect().contains(shown), widget.text()
