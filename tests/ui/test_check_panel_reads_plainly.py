"""The check's lines read plainly beside the form: the notice's words as it writes them, the
demands by the names of the boxes they tick, one bracket after the verdict (a walk at
1366x768 with notices of its own)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("qtbot")

#: A notice asking for check-ins in an APP, ranked and assessed.
CHECK_INS = (
    "南屏县文明办关于开展“文明实践周周打卡”活动的通知\n"
    "请各村(社区)每周组织志愿服务活动不少于2次，活动现场拍照上传至“志愿南屏”APP打卡，"
    "并在村级工作群内转发活动信息。县文明办每周通报各村打卡排名，排名情况纳入年度考核。"
)
#: A notice on nothing listed, read with little certainty on the demo lists.
OLD_THINGS = (
    "南屏县文化体育和旅游局关于征集县博物馆农耕文化老物件的通知\n"
    "请各村(社区)动员村民捐赠或出借老农具、老家具、老照片等老物件，逐件登记名称、年代和"
    "捐赠人，于2027年1月15日前集中送交县博物馆。"
)


def test_the_words_matched_are_the_notices_own(window):
    """命中词 said app for the notice's APP (the check's lower case)."""
    panel = window.show_screen("tasks").check_panel
    panel.set_text(CHECK_INS)
    lines = panel.words_label.text()
    matched = next(line for line in lines.splitlines() if line.startswith("命中词："))
    assert "APP" in matched and "app" not in matched


def test_the_demands_are_named_as_the_boxes_they_tick(window):
    """The line said 考核评比/排名/通报 and 工作群/APP下载注册 beside the ticked boxes
    考核评比/督查检查 and 工作群/APP."""
    intake = window.show_screen("tasks")
    intake.check_panel.set_text(CHECK_INS)
    line = next(
        x for x in intake.check_panel.words_label.text().splitlines() if x.startswith("通知对村")
    )
    said = set(line.split("：", 1)[1].split("、"))
    ticked = {box.text() for box in intake.demand_checks.values() if box.isChecked()}
    assert said == ticked and "考核评比/督查检查" in said


def test_a_doubtful_verdict_says_so_without_a_second_bracket(window):
    panel = window.show_screen("tasks").check_panel
    panel.set_text(OLD_THINGS)
    text = panel.verdict_label.text()
    assert "把握不大，请人工核对" in text
    assert "）（" not in text


def test_the_item_the_verdict_rests_on_is_marked_and_said_so(window):
    """A cited negative item sat above a listed one scored higher, with nothing on screen to
    say why (a walk): the row the verdict rests on is bold, and its tooltip says why."""
    panel = window.show_screen("tasks").check_panel
    panel.set_text(CHECK_INS)
    result = panel.result
    assert result is not None and result.candidates
    first = panel.candidates.item(0, 0)
    assert first.font().bold()
    assert first.toolTip().startswith("审核结论依据此事项")
    if any(c.score > result.candidates[0].score for c in result.candidates[1:]):
        assert "负面清单" in panel.candidates.item(0, 2).toolTip()
    assert not panel.candidates.item(1, 0).font().bold()


def test_no_row_is_marked_when_the_notice_is_on_no_list(window):
    from jianfu.domain.verdicts import Verdict

    panel = window.show_screen("tasks").check_panel
    panel.set_text("请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送。")
    assert panel.result is not None and panel.result.verdict is Verdict.UNLISTED
    assert panel.candidates.rowCount() and not panel.candidates.item(0, 0).font().bold()


def test_an_item_cited_by_an_earlier_decision_says_so() -> None:
    """A resent notice is cited for the item the clerk confirmed, whatever scores more."""
    import datetime as dt

    from jianfu.domain.lists import ListItem
    from jianfu.domain.matching import Candidate, CheckResult
    from jianfu.domain.precedents import Precedent
    from jianfu.domain.verdicts import Verdict
    from jianfu.ui.intake.check_panel import _cited_note

    confirmed = Candidate(ListItem("duty", "组织开展群众性文化体育活动"), "duty", 60.0, ())
    other = Candidate(ListItem("assist", "协助开展全民健身活动"), "assist", 80.0, ())
    precedent = Precedent("通知", confirmed.item.name, "duty", dt.date(2026, 3, 1))
    result = CheckResult(Verdict.ADMITTED, (confirmed, other), precedent=precedent)
    assert _cited_note(result) == "审核结论依据此事项：与以往登记并确认的事项相同"
    assert _cited_note(CheckResult(Verdict.ADMITTED, (other, confirmed))) == "审核结论依据此事项"
    assert _cited_note(CheckResult(Verdict.UNLISTED, (other, confirmed))) == ""
