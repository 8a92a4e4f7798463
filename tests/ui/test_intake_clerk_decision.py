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


def _pick_candidate(intake, qtbot, row: int) -> None:
    table = intake.check_panel.candidates
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_clerks_candidate_is_recorded_not_the_best_one(intake, qtbot):
    panel = intake.check_panel
    panel.set_text(ADMITTED)
    assert panel.candidates.rowCount() >= 2
    picked = panel.result.candidates[1].item
    _pick_candidate(intake, qtbot, 1)
    assert "（在左侧候选事项中可改选）" in intake.item_label.text()
    assert picked.name in intake.item_label.text()
    intake.title_edit.setText("关于做好城乡居民医保参保登记的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    task = intake.record()  # checks the notice again before saving
    assert task is not None
    assert task.data.item_id == picked.id
    assert task.data.item_name == picked.name


def test_editing_the_notice_keeps_the_clerks_candidate(intake, qtbot):
    panel = intake.check_panel
    panel.set_text(ADMITTED)
    picked = panel.result.candidates[1].item
    _pick_candidate(intake, qtbot, 1)
    panel.editor.setPlainText(ADMITTED + "请于本月底前完成。")
    panel.check_now()
    assert picked.id in [c.item.id for c in panel.result.candidates]
    assert intake._chosen_candidate().item.id == picked.id
    panel.set_text("请各村(社区)做好农村低保对象的入户核查。")  # another notice: the best again
    assert panel.selected_candidate() == 0


def test_tab_in_the_notice_moves_on_and_types_no_tab(intake, qtbot):
    panel = intake.check_panel
    panel.set_text(ADMITTED)
    panel.editor.setFocus()
    qtbot.waitUntil(panel.editor.hasFocus)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Tab)
    assert panel.text() == ADMITTED  # the notice recorded is the one pasted
    assert not panel.editor.hasFocus()


def test_a_notice_recorded_before_is_not_recorded_again_without_asking(intake, qtbot, monkeypatch):
    """The same notice (same 文号) opened again was recorded a second time without a word,
    and counted twice in the report."""
    from jianfu.ui.intake.screen import IntakeWidget

    asked = []
    answer = [False]
    monkeypatch.setattr(
        IntakeWidget, "confirm_again", lambda self, earlier: asked.append(earlier) or answer[0]
    )

    def fill() -> None:
        intake.check_panel.set_text(ADMITTED)
        intake.title_edit.setText("关于做好城乡居民医保参保登记的通知")
        intake.department_combo.setEditText("南屏县医疗保障局")
        intake.number_edit.setText("南医保〔2026〕99号")

    fill()
    first = intake.record()
    assert first is not None and asked == []
    fill()
    intake.number_edit.setText("南医保〔2026〕 99号")  # typed with a space: the same 文号
    assert intake.record() is None
    assert [e.id for e in asked] == [first.id]
    assert intake.title_edit.text() == "关于做好城乡居民医保参保登记的通知"  # the form stays
    answer[0] = True
    again = intake.record()
    assert again is not None and again.id != first.id


def test_an_unlisted_verdict_with_near_items_says_how_to_take_one(intake, qtbot):
    """Under 清单外 with near items the panel says how the clerk takes one of them (select the
    row, then 清单内事项 on the right), and doing so records that item."""
    from jianfu.ui.intake.check_panel import UNLISTED_NEAR_HINT

    panel = intake.check_panel
    panel.set_text("镇民政办电话：下坝村有位独居老人这几天没见出门，请村里今天上门看看。")
    assert intake.decision() is TaskDecision.UNLISTED
    assert panel.candidates.rowCount() > 0
    assert UNLISTED_NEAR_HINT in panel.words_label.text()
    _pick_candidate(intake, qtbot, 0)
    picked = panel.candidates.item(0, 0).text()
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.IN_LIST], Qt.MouseButton.LeftButton)
    intake.title_edit.setText("关于上门看望独居老人的电话通知")
    intake.department_combo.setEditText("清溪镇民政办")
    task = intake.record()
    assert task is not None
    assert task.data.decision is TaskDecision.IN_LIST
    assert task.data.item_name == picked
    panel.set_text(ADMITTED)
    assert UNLISTED_NEAR_HINT not in panel.words_label.text()


#: a payment drive: the check reads 代收代缴 in it (负面) and the assisting item beside it
COLLECTED = (
    "关于做好2027年度城乡居民医保征缴工作的通知。各村(社区)要通过村民微信群、广播和入户走访等"
    "方式，动员村(居)民按时缴费，摸清本村未缴费人员底数，协助核对名单，做到应保尽保。"
    "征缴期间各村(社区)每周五前将征缴进度报乡镇医保经办窗口。"
)


def _rows_of_kind(intake, kind: str) -> list[int]:
    return [r for r, c in enumerate(intake.check_panel.result.candidates) if c.kind == kind]


def test_the_finding_follows_the_item_the_clerk_picks(intake, qtbot):
    """A 协助办理事项 picked beside the check's 负面 stayed 负面: recorded so, its refusal letter
    called the assisting task a negative-list item."""
    panel = intake.check_panel
    panel.set_text(COLLECTED)
    assisting, negative = _rows_of_kind(intake, "assist"), _rows_of_kind(intake, "negative")
    assert assisting and negative  # the finding the check presets is the check's (either)
    _pick_candidate(intake, qtbot, assisting[0])
    assert intake.decision() is TaskDecision.IN_LIST
    _pick_candidate(intake, qtbot, negative[0])
    assert intake.decision() is TaskDecision.NEGATIVE
    _pick_candidate(intake, qtbot, assisting[0])
    panel.editor.setPlainText(COLLECTED + "请于本月底前完成。")  # the clerk's, kept
    panel.check_now()
    assert intake.decision() is TaskDecision.IN_LIST
    picked = panel.result.candidates[assisting[0]].item.name
    intake.title_edit.setText("关于做好2027年度城乡居民医保征缴工作的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    task = intake.record()
    assert task is not None and task.data.decision is TaskDecision.IN_LIST
    assert task.data.item_name == picked


def test_under_unlisted_a_picked_item_changes_no_finding(intake, qtbot):
    intake.check_panel.set_text(COLLECTED)
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.UNLISTED], Qt.MouseButton.LeftButton)
    _pick_candidate(intake, qtbot, _rows_of_kind(intake, "assist")[0])
    assert intake.decision() is TaskDecision.UNLISTED


def test_a_finding_set_against_its_item_is_said_at_the_item(intake, qtbot):
    """The clerk picks the assisting item, then sets 负面 by hand: nothing is recorded and
    the item's field says why."""
    intake.check_panel.set_text(COLLECTED)
    _pick_candidate(intake, qtbot, _rows_of_kind(intake, "assist")[0])
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.NEGATIVE], Qt.MouseButton.LeftButton)
    intake.title_edit.setText("关于做好2027年度城乡居民医保征缴工作的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    assert intake.record() is None
    said = intake.fields.error_text("item_name")
    assert "是协助办理事项，与审核结论“负面”不符" in said and "请改选负面清单中的事项" in said


def test_the_items_problem_goes_when_the_finding_or_the_item_changes(intake, qtbot):
    """The red 所选“…”是协助办理事项，与审核结论“负面”不符 stayed under the item after the clerk
    set 清单内, which put it right."""
    intake.check_panel.set_text(COLLECTED)
    assisting, negative = _rows_of_kind(intake, "assist"), _rows_of_kind(intake, "negative")
    intake.title_edit.setText("关于做好2027年度城乡居民医保征缴工作的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")

    def refused() -> None:
        _pick_candidate(intake, qtbot, assisting[0])
        qtbot.mouseClick(intake.decision_buttons[TaskDecision.NEGATIVE], Qt.MouseButton.LeftButton)
        assert intake.record() is None and "不符" in intake.fields.error_text("item_name")

    refused()
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.IN_LIST], Qt.MouseButton.LeftButton)
    assert intake.fields.error_text("item_name") == ""
    refused()
    _pick_candidate(intake, qtbot, negative[0])
    assert intake.fields.error_text("item_name") == ""


def test_marking_a_synonym_says_where_it_can_be_removed(intake, qtbot, monkeypatch):
    """记为同义词 asked …（同义词保存在数据库中，可在此随时删除）: a yes/no box is no place to
    remove anything. It names the candidates' menu, where 本地同义词… lists and removes them."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    intake.check_panel.set_text(COLLECTED)
    intake.check_panel.editor.sig_synonym_requested.emit("征缴")
    assert len(asked) == 1 and "可在此" not in asked[0]
    assert "在左侧候选事项上点右键，选“本地同义词…”删除" in asked[0]


def test_the_forms_problem_is_said_before_asking_about_a_notice_recorded_before(
    intake, qtbot, monkeypatch
):
    """这份通知已登记过 … 仍要登记吗 came first; answered yes, the item's problem came next."""
    intake.check_panel.set_text(COLLECTED)
    _pick_candidate(intake, qtbot, _rows_of_kind(intake, "assist")[0])
    intake.title_edit.setText("关于做好2027年度城乡居民医保征缴工作的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    intake.number_edit.setText("南医保〔2026〕41号")
    assert intake.record() is not None  # recorded once
    asked: list[object] = []
    monkeypatch.setattr(type(intake), "confirm_again", lambda self, e: asked.append(e) or True)
    intake.check_panel.set_text(COLLECTED)
    _pick_candidate(intake, qtbot, _rows_of_kind(intake, "assist")[0])
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.NEGATIVE], Qt.MouseButton.LeftButton)
    intake.title_edit.setText("关于做好2027年度城乡居民医保征缴工作的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    intake.number_edit.setText("南医保〔2026〕41号")
    assert intake.record() is None
    assert asked == [] and "不符" in intake.fields.error_text("item_name")
    qtbot.mouseClick(intake.decision_buttons[TaskDecision.IN_LIST], Qt.MouseButton.LeftButton)
    assert intake.record() is not None and len(asked) == 1  # asked once, when it is right
