"""The 事项审核 and 准入审批 screens, driven as a clerk would."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from jianfu.domain.cases import PENDING_STATUSES, CaseAction, CaseStatus, format_date
from jianfu.domain.tasks import TaskDecision, TaskDemand
from jianfu.services.cases import CaseFilter
from jianfu.services.tasks import TaskFilter
from jianfu.ui.cases.dialogs import OpenCaseDialog, StepDialog, date_value
from jianfu.ui.intake.check_panel import DEBOUNCE_MS

pytestmark = pytest.mark.usefixtures("qtbot")

ADMITTED = "请各村(社区)协助开展城乡居民基本医疗保险参保登记工作，做好宣传动员。"
NEGATIVE = "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。"
UNLISTED = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送。"


@pytest.fixture
def intake(window):
    return window.show_screen("tasks")


def test_the_verdict_follows_typing_after_a_pause(intake, qtbot, type_text):
    panel = intake.check_panel
    assert "等待输入" in panel.verdict_label.text()
    panel.editor.setFocus()
    type_text(panel.editor, "请各村协助开展城乡居民基本医疗保险参保登记")
    assert panel.timer.isActive()  # debounced: not checked on every key
    qtbot.waitUntil(lambda: panel.result is not None, timeout=DEBOUNCE_MS * 10)
    assert panel.verdict_label.text().startswith("清单内事项（准入）")
    assert panel.candidates.rowCount() == 5
    assert "医疗保险" in panel.candidates.item(0, 0).text()
    assert any("医疗保险" in w or "参保登记" in w for w in panel.highlighted_words())
    assert intake.decision() is TaskDecision.IN_LIST


def test_bad_texts_get_a_message_not_a_crash(intake):
    panel = intake.check_panel
    panel.set_text("，。！？")
    assert panel.result is None and panel.verdict_label.text()
    panel.set_text("Please send the weekly report.")
    assert "不是中文" in panel.words_label.text()


def test_record_a_task_and_find_it_in_the_register(intake, window):
    intake.check_panel.set_text(ADMITTED)
    intake.title_edit.setText("关于做好城乡居民医保参保登记的通知")
    intake.department_combo.setEditText("南屏县医疗保障局")
    intake.number_edit.setText("南医保〔2026〕99号")
    intake.demand_checks[next(iter(intake.demand_checks))].setChecked(True)
    task = intake.record()
    assert task is not None and task.data.decision is TaskDecision.IN_LIST
    assert "医疗保险" in task.data.item_name
    assert "已登记" in intake.last_message
    assert intake.check_panel.text() == ""  # the form is ready for the next notice
    assert intake.department_combo.currentText() == ""  # not carried over to the next notice
    intake.department_combo.setEditText("南屏县民政局")
    intake.clear_button.click()
    assert intake.department_combo.currentText() == ""
    intake.tabs.setCurrentIndex(1)
    intake.search_edit.setText("南医保〔2026〕99号")
    intake.refresh_register()
    assert intake.model.total == 1
    assert intake.model.row_at(0).id == task.id
    intake.search_edit.setText("")
    intake.decision_filter.setCurrentText("负面")
    intake.refresh_register()
    decisions = {intake.model.row_at(r).data.decision for r in range(intake.model.rowCount())}
    assert decisions == {TaskDecision.NEGATIVE}


def test_bad_dates_show_next_to_the_field_and_save_nothing(intake, window):
    before = window.services.tasks.page(TaskFilter()).total
    intake.check_panel.set_text(UNLISTED)
    intake.title_edit.setText("关于充电桩摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    intake.start_edit.setDate(QDate(2026, 12, 10))
    intake.end_edit.setDate(QDate(2026, 12, 1))
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    assert intake.record() is None
    assert "不能早于开始日期" in intake.fields.error_text("end_date")
    assert window.services.tasks.page(TaskFilter()).total == before
    intake.all_villages_check.setChecked(False)
    intake.end_edit.setDate(QDate(2026, 12, 31))
    assert intake.fields.error_text("end_date") == ""  # put right: no longer said
    assert intake.record() is None
    assert "请选择涉及的村(社区)" in intake.fields.error_text("villages")


def test_negative_task_refusal_is_printed(intake, window, tmp_path, qtbot):
    intake.check_panel.set_text(NEGATIVE)
    assert intake.decision() is TaskDecision.NEGATIVE
    intake.title_edit.setText("关于配合做好征收拆迁动员的函")
    intake.department_combo.setEditText("南屏县住房和城乡建设局")
    task = intake.record()
    assert task is not None
    pdf = tmp_path / "refusal.pdf"
    intake.save_pdf(pdf, lambda: window.services.tasks.print_negative_refusal(task.id))
    qtbot.waitUntil(lambda: "已保存到" in intake.last_message, timeout=20000)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_receive_an_unlisted_task_and_move_the_case(intake, window, qtbot):
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩使用情况摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    task = intake.record()
    assert task is not None and task.case_id is None
    cases = window.pages["cases"]
    service = window.services.cases

    dialog = OpenCaseDialog(service, task.id, service.request_for_task(task.id), cases)
    qtbot.addWidget(dialog)
    dialog.start_edit.setDate(QDate.currentDate().addDays(3))
    dialog.accept()
    assert "最早可定于" in dialog.error_text("start_date")
    assert dialog.result_value is None
    assert "审批应于" in dialog.deadline_label.text()
    # 于每周五前报送: the task was recorded 长期, and the request says so
    assert dialog.nature_combo.currentText() == "长期"
    assert dialog.error_text("nature") == ""
    dialog.short_notice_check.setChecked(True)
    dialog.funding_edit.setText("县发改局按每村 2000 元拨付")
    dialog.accept()
    case = dialog.result_value
    assert case is not None and case.status is CaseStatus.RECEIVED

    cases.refresh(select_id=case.id)
    assert cases.selected().case.id == case.id
    assert set(cases.action_buttons) == {
        CaseAction.SUBMIT_TOWNSHIP_OPINION,
        CaseAction.RETURN_FOR_CORRECTION,
    }
    assert case.serial_number in cases.detail.toPlainText()

    step = StepDialog(service, case, CaseAction.RETURN_FOR_CORRECTION, cases)
    qtbot.addWidget(step)
    step.accept()
    assert "须写明理由" in step.error_text("comment")
    step.comment_edit.setPlainText("请补充经费来源的文件")
    step.accept()
    assert step.result_value.status is CaseStatus.RETURNED
    cases.refresh()
    assert set(cases.action_buttons) == {CaseAction.RESUBMIT}
    # what to correct stands under 当前环节, not only in the history's last row
    above_history = cases.detail.toPlainText().split("办理经过")[0]
    assert "需补正的材料（" in above_history and "请补充经费来源的文件" in above_history
    returned = step.result_value
    again = StepDialog(service, returned, CaseAction.RESUBMIT, cases)
    qtbot.addWidget(again)
    assert again.asked_label is not None
    # what was asked for, beside the box saying it came
    assert again.asked_label.text().startswith("请补充经费来源的文件（")
    again.comment_edit.setPlainText("已补充县发改局经费文件")
    again.accept()
    assert again.result_value.status is CaseStatus.RECEIVED
    cases.refresh()
    assert "需补正的材料" not in cases.detail.toPlainText().split("办理经过")[0]


def test_the_case_is_named_for_the_work_and_proposes_the_earliest_start(intake, window, qtbot):
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("南屏县发展和改革局关于开展充电桩使用情况摸底的紧急通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    task = intake.record()
    assert task is not None and task.data.start_date is None  # the notice names no start
    service = window.services.cases
    request = service.request_for_task(task.id)
    dialog = OpenCaseDialog(service, task.id, request, window.pages["cases"])
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "充电桩使用情况摸底"
    earliest = service.deadlines(request.received_on, request.received_on).earliest_start
    assert earliest > request.received_on
    assert dialog.request().start_date == earliest
    assert "（已提前 30 个工作日，应提前 30 个）" in dialog.deadline_label.text()
    # a later 收文日期 moves the proposal with it, while the clerk has not changed it
    dialog.received_edit.setDate(QDate(2026, 12, 6))
    assert dialog.request().start_date == dt.date(2027, 1, 18)
    # both stay the clerk's to change
    dialog.title_edit.setText("电动自行车充电桩使用情况摸底")
    later = earliest + dt.timedelta(days=7)
    dialog.start_edit.setDate(QDate(later.year, later.month, later.day))
    assert dialog.request().title == "电动自行车充电桩使用情况摸底"
    assert dialog.request().start_date == later
    dialog.nature_combo.setCurrentText("长期")
    dialog.accept()
    case = dialog.result_value
    assert case is not None and case.request.title == "电动自行车充电桩使用情况摸底"
    assert case.request.start_date == later


def _record_unlisted_ending_in_two_weeks(intake):
    """An unlisted notice recorded with its end 13 days after it was received: (task, received
    on, end)."""
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩使用情况摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    received = date_value(intake.received_edit)
    end = received + dt.timedelta(days=13)
    intake.end_edit.setDate(QDate(end.year, end.month, end.day))
    task = intake.record()
    assert task is not None and task.data.end_date == end
    return task, received, end


def test_a_date_problem_goes_away_when_the_date_it_is_about_is_changed(intake, window, qtbot):
    """The clerk puts the start after the notice's end: 受理 says the end is before the start;
    the clerk moves the start, and that problem went on saying 不能早于开始日期（the old
    start）(walked 2026-12). Likewise the start's too-short notice once the clerk ticks
    通知期不足，仍然受理."""
    task, received, end = _record_unlisted_ending_in_two_weeks(intake)
    service = window.services.cases
    dialog = OpenCaseDialog(service, task.id, service.request_for_task(task.id), intake)
    qtbot.addWidget(dialog)
    dialog.nature_combo.setCurrentText("临时")
    late = end + dt.timedelta(days=3)  # a start after the end, the clerk's own
    dialog.start_edit.setDate(QDate(late.year, late.month, late.day))
    dialog.accept()
    assert dialog.result_value is None
    assert "不能早于开始日期" in dialog.error_text("end_date")
    start = received + dt.timedelta(days=1)
    dialog.start_edit.setDate(QDate(start.year, start.month, start.day))
    assert dialog.error_text("end_date") == ""
    dialog.accept()
    assert dialog.result_value is None
    assert "应至少提前" in dialog.error_text("start_date")
    dialog.short_notice_check.click()
    assert dialog.error_text("start_date") == ""
    dialog.accept()
    assert dialog.result_value is not None
    assert dialog.result_value.request.start_date == start


def test_the_earliest_start_is_proposed_after_the_notices_own_end_too(intake, window, qtbot):
    """A notice received on 7 December wants the work done by 20 December. The dialog left
    the start 未定 (walked 2026-12), and 受理 only said 开始日期不能为空, with no date to go
    by; it proposes the earliest start with 30 working days' notice and says in the 期限 note
    that it is after the notice's end, and 受理 says the end is before it: the clerk moves the
    end (the department's dates), or writes a start and receives it on short notice."""
    task, received, end = _record_unlisted_ending_in_two_weeks(intake)
    service = window.services.cases
    request = service.request_for_task(task.id)
    earliest = service.deadlines(request.received_on, request.received_on).earliest_start
    assert earliest > end
    dialog = OpenCaseDialog(service, task.id, request, intake)
    qtbot.addWidget(dialog)
    assert dialog.request().start_date == earliest
    note = dialog.deadline_label.text()
    assert f"开始日期须不早于 {earliest:%Y-%m-%d}" in note
    assert "已按此填入开始日期，晚于通知的结束日期" in note
    assert f"（{end.year}年{end.month}月{end.day}日）" in note
    assert "通知期不足，仍然受理" in note
    dialog.nature_combo.setCurrentText("临时")
    dialog.accept()
    assert dialog.result_value is None
    assert dialog.error_text("start_date") == ""
    assert "不能早于开始日期" in dialog.error_text("end_date")
    # the department moves its end: the problem and the note's advice go
    later = earliest + dt.timedelta(days=30)
    dialog.end_edit.setDate(QDate(later.year, later.month, later.day))
    assert dialog.error_text("end_date") == ""
    assert "已按此填入" not in dialog.deadline_label.text()
    assert dialog.request().start_date == earliest
    # or the township receives it on short notice, with the start the clerk writes
    dialog.end_edit.setDate(QDate(end.year, end.month, end.day))
    assert "已按此填入" in dialog.deadline_label.text()
    start = received + dt.timedelta(days=1)
    dialog.start_edit.setDate(QDate(start.year, start.month, start.day))
    assert "已按此填入" not in dialog.deadline_label.text()
    dialog.short_notice_check.setChecked(True)
    dialog.accept()
    case = dialog.result_value
    assert case is not None
    assert (case.request.start_date, case.request.end_date) == (start, end)


def test_overdue_cases_stand_out_with_a_reminder(qtbot, window):
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    # the rows are read as the screen is built, the reminders off the GUI thread
    assert cases.model.rowCount() > 0
    qtbot.waitUntil(lambda: cases.reminder_label.text() != "")
    text = cases.reminder_label.text()
    assert "逾期未决 1 件" in text  # the demo's case still waiting since weeks ago
    overdue = [
        cases.model.row_at(r)
        for r in range(cases.model.rowCount())
        if cases.model.row_at(r).overdue
    ]
    assert len(overdue) == 1 and overdue[0].due < dt.date.today()


NOTICE_FILE = """南屏县应急管理局文件
南应急〔2026〕41号
南屏县应急管理局关于开展汛期安全隐患排查的通知
各村(社区)：
请各村每天在镇工作群内上传巡查照片并打卡，月底前填报隐患排查台账。
南屏县应急管理局
2026年6月3日
"""


def test_a_notice_file_fills_text_title_number_department_and_demands(intake, tmp_path):
    path = tmp_path / "汛期排查.txt"
    path.write_text(NOTICE_FILE, encoding="utf-8")
    assert intake.open_notice(str(path))
    assert "上传巡查照片" in intake.check_panel.text()
    assert intake.title_edit.text() == "南屏县应急管理局关于开展汛期安全隐患排查的通知"
    assert intake.number_edit.text() == "南应急〔2026〕41号"
    assert intake.department_combo.currentText() == "南屏县应急管理局"
    ticked = {d for d, box in intake.demand_checks.items() if box.isChecked()}
    assert {TaskDemand.FORMS, TaskDemand.APPS} <= ticked
    assert "工作群" in intake.check_panel.words_label.text()


def test_an_unreadable_notice_file_says_why_and_changes_nothing(intake, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    intake.check_panel.set_text("原来的通知内容：组织开展爱国卫生运动")
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    assert not intake.open_notice(str(path))
    assert shown and "扫描件.pdf" in shown[0]
    assert intake.check_panel.text() == "原来的通知内容：组织开展爱国卫生运动"


def test_local_synonyms_dialog_adds_and_removes_and_the_check_uses_them(window, qtbot):
    from jianfu.ui.intake.synonyms import SynonymsDialog

    service = window.services.tasks
    item = "开展群众性文化体育活动"
    dialog = SynonymsDialog(item, service.synonyms_of, service.add_synonym, service.remove_synonym)
    qtbot.addWidget(dialog)
    dialog.word_edit.setText("龙舟赛")
    dialog.add_button.click()
    assert dialog.words() == ["龙舟赛"]
    result = service.check("请各村端午节前组队参加全县龙舟赛")
    assert result.best is not None and result.best.item.name == item
    dialog.list.setCurrentRow(0)
    dialog.remove_button.click()
    assert dialog.words() == []


def test_a_field_problem_goes_away_when_the_field_is_changed(intake):
    from jianfu.domain.errors import FieldProblem, ValidationError

    intake.fields.show_problems(
        ValidationError([FieldProblem("title", "文件标题不能为空"), FieldProblem("notes", "太长")])
    )
    assert intake.fields.error_text("title") == "文件标题不能为空"
    intake.title_edit.setFocus()
    intake.title_edit.insert("关于")  # typing, as the clerk does
    assert intake.fields.error_text("title") == ""
    assert intake.fields.error_text("notes") == "太长"  # other fields keep theirs


def test_department_completion_matches_anywhere_and_the_short_name(intake, qtbot):
    combo = intake.department_combo
    completer = combo.completer()

    def offered(typed: str) -> list[str]:
        completer.setCompletionPrefix(typed)
        model = completer.completionModel()
        return [model.index(i, 0).data() for i in range(model.rowCount())]

    assert "南屏县应急管理局" in offered("应急")  # inside the name, not only at its start
    assert "南屏县人力资源和社会保障局" in offered("人社局")  # its 简称
    assert offered("人社局") == ["南屏县人力资源和社会保障局"]
    completer.setCompletionPrefix("人社局")
    assert completer.pathFromIndex(completer.completionModel().index(0, 0)) == (
        "南屏县人力资源和社会保障局"  # the full name goes into the field
    )


def test_a_step_someone_recorded_first_is_refused_with_who_and_the_dialog_closes(
    window, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    service = window.services.cases
    summary = next(
        s
        for s in service.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    stale = summary.case
    service.advance(stale.id, CaseAction.SUBMIT_COUNTY_REVIEW, stale.version, comment="报县")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    step = StepDialog(service, stale, CaseAction.RETURN_FOR_CORRECTION, cases)
    qtbot.addWidget(step)
    step.comment_edit.setPlainText("补材料")
    step.accept()
    assert step.result() == 0 and step.result_value is None
    assert shown and "刚被" in shown[0] and "“县级审核”" in shown[0] and "未保存" in shown[0]
    # the opinion typed is not lost with the dialog: it is on the clipboard, and the box says so
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "补材料"
    assert "剪贴板" in shown[0]


def test_opinion_dialog_tab_moves_on_and_esc_asks_before_dropping_the_text(
    window, qtbot, type_text, monkeypatch
):
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    service = window.services.cases
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    case = next(s.case for s in rows if s.case.allowed_actions())
    action = case.allowed_actions()[0]
    step = StepDialog(service, case, action, cases)
    qtbot.addWidget(step)
    step.show()
    qtbot.waitExposed(step)
    step.comment_edit.setFocus()
    type_text(step.comment_edit, "同意")
    qtbot.keyClick(step.comment_edit, Qt.Key.Key_Tab)
    assert step.comment_edit.toPlainText() == "同意"  # no tab typed into the opinion
    assert step.focusWidget() is not step.comment_edit
    answers = iter([False, True])
    monkeypatch.setattr(type(step), "confirm_discard", lambda self: next(answers))
    qtbot.keyClick(step, Qt.Key.Key_Escape)
    assert step.isVisible()  # "继续填写": the opinion stays
    qtbot.keyClick(step, Qt.Key.Key_Escape)
    assert not step.isVisible()
    # An untouched dialog closes on Esc without a question.
    plain = StepDialog(service, case, action, cases)
    qtbot.addWidget(plain)
    plain.show()
    monkeypatch.setattr(type(plain), "confirm_discard", lambda self: pytest.fail("asked"))
    qtbot.keyClick(plain, Qt.Key.Key_Escape)
    assert not plain.isVisible()


def test_on_a_shared_server_the_clerk_sends_the_case_up_without_writing_the_county_opinion(
    window, qtbot, monkeypatch
):
    service = window.services.cases
    case = next(s.case for s in service.page(CaseFilter(), 0, 50).rows if s.case.allowed_actions())
    monkeypatch.setattr(service.ctx, "person", object())  # a login on the county's server
    step = StepDialog(service, case, CaseAction.SUBMIT_COUNTY_REVIEW, None)
    qtbot.addWidget(step)
    labels = " ".join(w.text() for w in step.findChildren(QLabel))
    assert "报送说明" in labels and "县级审核意见" not in labels
    assert step.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "报县级审核"


def test_in_a_townships_own_file_submitting_to_the_county_asks_for_a_note_not_its_opinion(
    window, qtbot
):
    """提交县级审核 asked the township's clerk for a 县级审核意见 before the county had seen
    the case; the county's opinion is written on 报协调机制, the one the 审批表 prints."""
    service = window.services.cases
    assert not service.across_levels
    case = next(
        s.case
        for s in service.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    step = StepDialog(service, case, CaseAction.SUBMIT_COUNTY_REVIEW, None)
    qtbot.addWidget(step)
    labels = " ".join(w.text() for w in step.findChildren(QLabel))
    assert "报送说明" in labels and "县级审核意见" not in labels
    case = service.advance(case.id, CaseAction.SUBMIT_COUNTY_REVIEW, case.version, comment="附材料")
    refer = StepDialog(service, case, CaseAction.REFER_TO_MECHANISM, None)
    qtbot.addWidget(refer)
    assert "县级审核意见" in " ".join(w.text() for w in refer.findChildren(QLabel))
    case = service.advance(case.id, CaseAction.REFER_TO_MECHANISM, case.version, comment="")
    sheet = service.approval_sheet_data(case.id)
    assert sheet.county_opinion == ""  # the note is not the county's opinion: the line for the pen
    assert sheet.county_signed.startswith(case.history[-1].operator)


def test_the_step_column_names_the_step_short_and_the_detail_names_the_mechanism(window, qtbot):
    service = window.services.cases
    case = next(
        s.case
        for s in service.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    case = service.advance(case.id, CaseAction.SUBMIT_COUNTY_REVIEW, case.version)
    service.advance(case.id, CaseAction.REFER_TO_MECHANISM, case.version)
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    cases.refresh()
    model = cases.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = header.index("当前环节")

    def shown() -> set[str]:
        return {model.data(model.index(r, column)) for r in range(model.rowCount())}

    # at 1366 px the mechanism's whole name (党建引领基层治理协调机制审批) was cut off
    qtbot.waitUntil(lambda: "协调机制审批" in shown(), timeout=20000)
    assert service.get(case.id).status is CaseStatus.MECHANISM_REVIEW
    assert not any(text.endswith("协调机制审批") and text != "协调机制审批" for text in shown())


def test_the_history_keeps_each_operator_name_on_one_line(window, qtbot):
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    service = window.services.cases
    summary = next(s for s in service.page(CaseFilter(), 0, 50).rows if s.case.history)
    html = cases._detail_html(summary)
    # a narrow detail pane broke 林晓燕 into 林晓 / 燕
    assert f"<td style='white-space:nowrap'>{summary.case.history[0].operator}</td>" in html


def test_the_history_shows_no_login_name_as_the_handler(window, qtbot, demo_ctx, monkeypatch):
    """A step done under the computer's login (no 填表人 in 乡镇设置) showed 经办人 root in
    the history pane, and （root，…） beside what to correct, where the prints leave it blank."""
    from jianfu.services import context

    monkeypatch.setattr(context.getpass, "getuser", lambda: "root")
    demo_ctx.operator = context.default_operator()
    service = window.services.cases
    summary = next(
        s
        for s in service.page(CaseFilter(), 0, 50).rows
        if CaseAction.RETURN_FOR_CORRECTION in s.case.allowed_actions()
    )
    case = service.advance(
        summary.case.id,
        CaseAction.RETURN_FOR_CORRECTION,
        summary.case.version,
        comment="请补充经费来源的文件",
    )
    cases = window.show_screen("cases")
    cases.refresh(select_id=case.id)
    qtbot.waitUntil(lambda: not cases.model.reloading)
    assert cases.select_case(case.id)
    said = cases.detail.toPlainText()
    assert "请补充经费来源的文件" in said
    assert "root" not in said
    above = said.split("办理经过")[0]
    assert f"需补正的材料（{format_date(dt.date.today())}）" in above
    step = StepDialog(service, service.get(case.id), CaseAction.RESUBMIT, cases)
    qtbot.addWidget(step)
    assert step.asked_label is not None and "root" not in step.asked_label.text()


def test_the_detail_pane_breaks_no_date_and_no_step_inside(window, qtbot):
    """A reviewer's narrow detail pane (1366 px, the cases' columns wide) broke
    2026年12月9日 至 2027年2月17 / 日, 2026年11月10日（已逾期 19 个工 / 作日） and 提交乡镇意 /
    见; a copy of the pane carries none of the joiners that keep them whole."""
    from PySide6.QtGui import QTextDocument

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    service = window.services.cases
    summary = next(
        s
        for s in service.page(CaseFilter(), 0, 50).rows
        if s.due is not None and s.case.request.end_date is not None and len(s.case.history) > 1
    )
    whole = [
        format_date(summary.case.request.received_on),
        format_date(summary.case.request.start_date),
        format_date(summary.case.request.end_date),
        format_date(summary.due),
        f"（{summary.deadline_text}）",
        *{cases._step_text(s.action) for s in summary.case.history if "，" not in s.action},
    ]
    for width in range(320, 480, 10):  # the pane at 1366 px: about 350
        doc = QTextDocument()
        doc.setHtml(cases._detail_html(summary))
        doc.setTextWidth(width)
        doc.size()  # laid out
        lines: list[str] = []
        block = doc.begin()
        while block.isValid():
            layout = block.layout()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
            block = block.next()
        shown = [line.replace("\u2060", "").replace("\u00a0", " ").strip() for line in lines]
        for text in whole:
            for a, b in pairwise(shown):
                joined = a + b
                at = joined.find(text)
                assert not (0 <= at < len(a) < at + len(text)), (width, text, a, b)
    # what is copied is the plain text
    assert cases.select_case(summary.case.id)
    cases.detail.selectAll()
    copied = cases.detail.createMimeDataFromSelection().text()
    assert "\u2060" not in copied and format_date(summary.due) in copied


def test_the_sender_a_pasted_notice_names_fills_the_department(intake):
    intake.check_panel.set_text(
        "县应急管理局：请各村开展汛期地质灾害隐患点巡查，发现险情立即报告。"
    )
    assert intake.department_combo.currentText() == "南屏县应急管理局"
    intake.department_combo.setEditText("南屏县水利局")  # the clerk's own choice is kept
    intake.check_panel.set_text("人社局：请各村摸排本村返乡农民工的就业意向。")
    assert intake.department_combo.currentText() == "南屏县水利局"
    intake.department_combo.setEditText("")
    intake.check_panel.set_text("人社局：请各村摸排本村返乡农民工的就业意向。")
    assert intake.department_combo.currentText() == "南屏县人力资源和社会保障局"  # its 简称


def test_a_pasted_notice_from_a_body_not_in_the_departments_fills_it_as_written(intake):
    """南屏县文化和旅游局 is not one of the demo's departments: the field stayed empty although
    the notice's header and signature name it (an opened file filled it)."""
    intake.check_panel.set_text(
        "南屏县文化和旅游局\n关于请各村(社区)开展乡村民宿客源统计的通知\n南文旅〔2026〕31号\n"
        "各乡镇人民政府：\n请各村(社区)安排专人每周逐户统计民宿入住人数并报送。\n"
        "南屏县文化和旅游局\n2026年12月1日"
    )
    assert intake.department_combo.currentText() == "南屏县文化和旅游局"
    intake.department_combo.setEditText("县文旅局")  # the clerk's own writing is kept
    intake.check_panel.set_text(intake.check_panel.text() + "\n")
    assert intake.department_combo.currentText() == "县文旅局"


def test_a_resent_notice_fills_department_and_number_from_the_earlier_record(intake):
    """A notice recognised as one recorded before (事项审核's precedent) fills 下派部门 and
    文号 from that record when they are empty, never over what the clerk typed."""
    intake.check_panel.set_text(UNLISTED)
    intake.title_edit.setText("关于统计电动自行车充电桩的通知")
    intake.department_combo.setEditText("南屏县消防救援大队")
    intake.number_edit.setText("南消〔2026〕7号")
    assert intake.record() is not None
    resent = UNLISTED.replace("每周五", "每周四")
    intake.check_panel.set_text(resent)
    assert intake.check_panel.result.precedent is not None  # recognised as the same notice
    assert intake.department_combo.currentText() == "南屏县消防救援大队"
    assert intake.number_edit.text() == "南消〔2026〕7号"
    # What the clerk typed stays.
    intake.reset_form()
    intake.department_combo.setEditText("南屏县应急管理局")
    intake.number_edit.setText("南应急〔2026〕3号")
    intake.check_panel.set_text(resent)
    assert intake.check_panel.result.precedent is not None
    assert intake.department_combo.currentText() == "南屏县应急管理局"
    assert intake.number_edit.text() == "南应急〔2026〕3号"
    # Only what is empty is filled.
    intake.reset_form()
    intake.number_edit.setText("南消〔2027〕1号")
    intake.check_panel.set_text(resent)
    assert intake.department_combo.currentText() == "南屏县消防救援大队"
    assert intake.number_edit.text() == "南消〔2027〕1号"


def test_a_decision_due_in_december_does_not_warn_of_next_years_holidays(intake, window, qtbot):
    """Received on 6 December 2026: the decision is due on 25 December, on the official
    calendar; the next year's schedule (not known yet) concerns only the earliest start
    date, 30 working days on, and is named for it once a start date is given."""
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩使用情况摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    task = intake.record()
    service = window.services.cases
    request = service.request_for_task(task.id)
    dialog = OpenCaseDialog(service, task.id, request, window.pages["cases"])
    qtbot.addWidget(dialog)
    dialog.received_edit.setDate(QDate(2026, 12, 6))
    dialog.start_edit.set_value(None)  # no start date yet (未定)
    text = dialog.deadline_label.text()
    assert "2026-12-25" in text
    assert "2027年" not in text, text
    dialog.start_edit.setDate(QDate(2027, 2, 1))
    text = dialog.deadline_label.text()
    assert "2027-01-18" in text and "最早开始日期为估算" in text and "2027年" in text, text


def test_choosing_another_filter_selects_no_case_the_clerk_did_not_pick(window, qtbot):
    """The filter's new index was taken for a case id (``refresh(select_id=index)``): choosing
    办理中, the second filter, selected case no. 1 in place of the approved case shown."""
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    cases.filter_combo.setCurrentText("全部案件")
    index = cases.filter_combo.findText("办理中")
    status = {
        cases.model.row_at(r).case.id: cases.model.row_at(r).case.status
        for r in range(cases.model.rowCount())
    }
    assert status.get(index) in PENDING_STATUSES  # a case whose id is the filter's index
    assert cases.select_case(next(i for i, st in status.items() if st is CaseStatus.APPROVED))
    cases.filter_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: not cases.model.reloading)  # a filter's cases: read on a worker
    assert cases.filter_combo.currentText() == "办理中"
    assert cases.selected() is None  # the approved case is not 办理中; none other is picked
    assert "在左侧选择一个案件" in cases.detail.toPlainText()


def test_an_approved_task_goes_into_the_work_list_draft_not_the_latest_draft(
    window, qtbot, monkeypatch
):
    """列入清单草稿 took the last draft of any list: with a draft of the certificate list made
    after the work list's, the approved task was put into the certificate list."""
    from PySide6.QtWidgets import QMessageBox

    from jianfu.domain.lists import ListEdition

    lists = window.services.lists
    work = lists.create_edition(ListEdition(name="工作事项清单(2027年草稿)", document="work"))
    cert_document = next(d.code for d in lists.documents() if d.code != "work")
    lists.create_edition(ListEdition(name="证明事项清单(2027年草稿)", document=cert_document))
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    cases.filter_combo.setCurrentText("全部案件")
    approved = next(
        cases.model.row_at(r).case
        for r in range(cases.model.rowCount())
        if cases.model.row_at(r).case.status is CaseStatus.APPROVED
    )
    assert cases.select_case(approved.id)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    told: list[str] = []
    for box in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, box, lambda _p, _t, text, *a: told.append(text))
    cases.add_to_list.click()
    assert told == []
    assert asked and "工作事项清单(2027年草稿)" in asked[0]
    from jianfu.services.lists import ItemFilter

    names = [i.name for i in lists.items_page(ItemFilter(edition_id=work.id)).rows]
    assert approved.request.title in names


def test_clear_asks_before_dropping_a_notice_not_recorded(intake, monkeypatch):
    """清空 (Alt+L, beside 登记事项's Alt+R) emptied a pasted notice and its form at once."""
    from jianfu.ui.intake.screen import IntakeWidget

    asked: list[str] = []
    monkeypatch.setattr(IntakeWidget, "confirm_clear", lambda self, text: asked.append(text))
    intake.check_panel.set_text("关于开展村级龙舟赛的通知：请各村组队参加。")
    intake.title_edit.setText("关于开展村级龙舟赛的通知")
    intake.clear_button.click()  # 返回 (the stub answers None): all stays
    assert asked == ["事项审核：通知“关于开展村级龙舟赛的通知”尚未登记"]
    assert intake.check_panel.text().startswith("关于开展村级龙舟赛的通知")
    assert intake.title_edit.text() == "关于开展村级龙舟赛的通知"
    monkeypatch.setattr(IntakeWidget, "confirm_clear", lambda self, text: True)
    intake.clear_button.click()  # 清空
    assert intake.check_panel.text() == "" and intake.title_edit.text() == ""
    monkeypatch.setattr(IntakeWidget, "confirm_clear", lambda self, text: asked.append(text))
    intake.clear_button.click()  # nothing to lose: no question
    assert len(asked) == 1


def test_opening_a_notice_file_over_one_not_recorded_asks(intake, tmp_path, monkeypatch):
    """打开通知文件 (or a file dropped on the notice) put the file over a notice pasted and
    not recorded, title, 文号 and department included, without a word."""
    from jianfu.ui.intake.screen import IntakeWidget

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        IntakeWidget, "confirm_replace", lambda self, text, name: asked.append((text, name))
    )
    path = tmp_path / "汛期排查.txt"
    path.write_text(NOTICE_FILE, encoding="utf-8")
    assert intake.open_notice(str(path))  # an empty form: no question
    assert asked == []
    intake.reset_form()
    intake.check_panel.set_text("关于开展村级龙舟赛的通知：请各村组队参加。")
    intake.number_edit.setText("南体〔2026〕3号")
    assert not intake.open_notice(str(path))  # 返回 (the stub answers None)
    assert asked == [("事项审核：通知“关于开展村级龙舟赛的通知”尚未登记", "汛期排查.txt")]
    assert intake.check_panel.text().startswith("关于开展村级龙舟赛的通知")
    assert intake.number_edit.text() == "南体〔2026〕3号"
    monkeypatch.setattr(IntakeWidget, "confirm_replace", lambda self, text, name: True)
    assert intake.open_notice(str(path))  # 打开
    assert intake.number_edit.text() == "南应急〔2026〕41号"


def test_the_screen_reads_its_cases_off_the_gui_thread_and_selects_a_case_asked_meanwhile(
    window, qtbot, monkeypatch
):
    """准入审批 built by the window reads its cases on a worker (the GUI thread lays the
    screen out meanwhile); a case asked for before they arrive (首页's reminder of a case
    opens the screen on it) is selected when they do."""

    window.tasks.wait_all()  # 首页's figures (their reminders read the cases too)
    qtbot.wait(20)
    service = window.services.cases
    wanted = service.page(CaseFilter()).rows[-1].case.id
    on_gui = _threads_of_page(service, monkeypatch)
    cases = window.show_screen("cases")
    assert cases.model.rowCount() == 0 and cases.model.reloading
    assert cases.select_case(wanted)
    qtbot.waitUntil(lambda: not cases.model.reloading)
    assert on_gui == [False]
    assert cases.model.rowCount() > 1
    selected = cases.selected()
    assert selected is not None and selected.case.id == wanted
    assert selected.case.serial_number in cases.detail.toPlainText()


def _threads_of_page(service, monkeypatch) -> list[bool]:
    """Record, for each call of ``service.page`` from now on, whether it ran on the GUI thread."""
    import threading

    on_gui: list[bool] = []
    page = service.page

    def read(*args, **kwargs):
        on_gui.append(threading.current_thread() is threading.main_thread())
        return page(*args, **kwargs)

    monkeypatch.setattr(service, "page", read)
    return on_gui


def test_the_register_is_read_off_the_gui_thread_and_a_task_asked_meanwhile_selected(
    window, qtbot, monkeypatch
):
    """事项审核 built by the window reads its register on a worker; a task asked for before
    the rows arrive (首页's reminder of a task) is selected when they do."""

    window.tasks.wait_all()  # 首页's figures
    qtbot.wait(20)
    service = window.services.tasks
    wanted = service.page(TaskFilter()).rows[-1].id
    on_gui = _threads_of_page(service, monkeypatch)
    intake = window.show_screen("tasks")
    assert intake.model.rowCount() == 0 and intake.model.reloading
    assert intake.select_task(wanted)
    qtbot.waitUntil(lambda: not intake.model.reloading)
    assert on_gui == [False]
    assert intake.model.rowCount() > 1
    selected = intake.selected_task()
    assert selected is not None and selected.id == wanted


def test_a_search_or_a_filter_reads_the_cases_off_the_gui_thread_not_the_reminders(
    window, qtbot, monkeypatch
):
    """The reminders and the estimates count every open case whatever is searched: a search
    typed or a filter chosen reads the list alone, on a worker (each read the city's 440 open
    cases again for the reminders, and the list on the GUI thread)."""
    import threading

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)
    qtbot.waitUntil(lambda: cases.reminder_label.text() != "")
    window.tasks.wait_all()
    qtbot.wait(20)
    service = window.services.cases
    reads: list[tuple[str, bool]] = []

    def spy(name, method):
        def read(*args, **kwargs):
            reads.append((name, threading.current_thread() is threading.main_thread()))
            return method(*args, **kwargs)

        return read

    monkeypatch.setattr(service, "page", spy("page", service.page))
    both = service.reminders_and_estimates
    monkeypatch.setattr(service, "reminders_and_estimates", spy("reminders", both))
    reminded = cases.reminder_label.text()
    approved = next(
        cases.model.row_at(r).case
        for r in range(cases.model.rowCount())
        if cases.model.row_at(r).case.status is CaseStatus.APPROVED
    )
    word = approved.request.title[:4]
    cases.search_edit.setText(word)
    qtbot.waitUntil(lambda: reads == [("page", False)] and not cases.model.reloading)
    titles = [cases.model.row_at(r).case.request.title for r in range(cases.model.rowCount())]
    assert titles and all(word in title for title in titles)
    cases.filter_combo.setCurrentText("批准准入")
    qtbot.waitUntil(lambda: len(reads) == 2 and not cases.model.reloading)
    assert reads == [("page", False), ("page", False)]
    statuses = {cases.model.row_at(r).case.status for r in range(cases.model.rowCount())}
    assert statuses == {CaseStatus.APPROVED}
    assert cases.reminder_label.text() == reminded
    cases.refresh()  # 刷新 reads both
    qtbot.waitUntil(lambda: any(name == "reminders" for name, _ in reads))


def test_an_empty_case_list_says_why_and_what_to_do(window, qtbot, type_text):
    """A search that found no case left 在左侧选择一个案件 beside an empty list, and 办理：
    still said what the case shown before allowed."""
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)
    cases.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: not cases.model.reloading and cases.model.rowCount() > 0)
    refused = next(
        cases.model.row_at(r).case
        for r in range(cases.model.rowCount())
        if cases.model.row_at(r).case.status is CaseStatus.REFUSED
    )
    assert cases.select_case(refused.id)
    assert "已办结" in cases.actions_title.text()
    cases.search_edit.setFocus()
    type_text(cases.search_edit, "没有这个事项")
    qtbot.waitUntil(lambda: cases.model.rowCount() == 0 and not cases.model.reloading)
    text = cases.detail.toPlainText()
    assert "没有与“没有这个事项”相符的案件" in text and "在左侧选择" not in text
    assert "全部案件" not in text  # the filter is 全部案件 already
    assert cases.actions_title.text() == "办理："
    cases.search_edit.clear()
    cases.filter_combo.setCurrentText("已退出")  # the demo has none
    qtbot.waitUntil(lambda: cases.model.rowCount() == 0 and not cases.model.reloading)
    assert "没有“已退出”的案件" in cases.detail.toPlainText()
    cases.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: cases.model.rowCount() > 0 and not cases.model.reloading)
    assert "在左侧选择一个案件" in cases.detail.toPlainText()
    # searched within a filter: the filter is named, and 全部案件 offered
    cases.filter_combo.setCurrentText("办理中")
    cases.search_edit.setFocus()
    type_text(cases.search_edit, "没有这个事项")
    qtbot.waitUntil(lambda: cases.model.rowCount() == 0 and not cases.model.reloading)
    assert "在“办理中”中没有与“没有这个事项”相符的案件" in cases.detail.toPlainText()
    assert "全部案件" in cases.detail.toPlainText()


def test_a_case_whose_township_opinion_is_given_says_it_waits_to_be_sent_up(
    window, qtbot, monkeypatch
):
    """提交乡镇意见, then 报县级审核: two steps, and between them 当前环节 said 乡镇(街道)意见,
    as if the township's opinion were still missing. The list, the detail, the register of
    事项审核 and the printed 办理记录 say the case waits to be sent up; the history keeps the
    step's name, and the guide (F1) says it with the buttons the screen shows."""
    from jianfu.ui.help_dialog import guide_text

    service = window.services.cases
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    (row,) = [r for r, s in enumerate(rows) if s.case.status is CaseStatus.TOWNSHIP_OPINION]
    case = rows[row].case
    model = cases.model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(row, heads.index("当前环节")).data() == "待报县级审核"
    assert cases.select_case(case.id)
    said = cases.detail.toPlainText()
    above, history = said.split("办理经过")
    given = case.history[-1]
    assert given.action is CaseAction.SUBMIT_TOWNSHIP_OPINION
    assert "当前环节：待报县级审核" in above and "乡镇(街道)意见\n" not in above
    when = f"{given.at.year}年{given.at.month}月{given.at.day}日"
    # a township's own file: the clerk records the county's review on sending it
    then = "请按下方“提交县级审核”报送。"
    assert f"乡镇(街道)意见已提交（{given.operator}，{when}），{then}" in above
    assert cases.action_buttons[CaseAction.SUBMIT_COUNTY_REVIEW].text().startswith("提交县级审核")
    assert "提交乡镇意见" in history  # the step keeps its name
    printed = service.history_data(case.id)
    assert printed.status == "待报县级审核"
    assert [st.step for st in printed.steps][-1] == "乡镇(街道)意见"
    # the task's register in 事项审核 says the same
    intake = window.show_screen("tasks")
    qtbot.waitUntil(lambda: not intake.model.reloading)
    tasks = [intake.model.row_at(r) for r in range(intake.model.rowCount())]
    assert {t.case_status_label for t in tasks if t.case_id == case.id} == {"待报县级审核"}
    # the guide names the state and the buttons, the shared server's too
    section = guide_text().split("\n## 准入审批\n")[1].split("\n## ")[0]
    for words in ("待报县级审核", "**提交乡镇意见**", "**报县级审核**", "**提交县级审核**"):
        assert words in section, words
    # on the county's server the clerk sends it up without the county's opinion
    monkeypatch.setattr(service.ctx, "person", object())
    cases.refresh(select_id=case.id)
    assert "请按下方“报县级审核”报送。" in cases.detail.toPlainText()
    assert cases.action_buttons[CaseAction.SUBMIT_COUNTY_REVIEW].text().startswith("报县级审核")


def _ask_twice_then_print(page, qtbot, monkeypatch, service, method, click) -> None:
    """Click a print whose text holds 𠮷 on a machine without a font for it: it asks, prints
    nothing on 否, and on 是 the □ version (as the certificates screen's prints do)."""
    from PySide6.QtWidgets import QMessageBox

    from jianfu.ui.widgets.printing import PdfPreviewDialog
    from tests.ui.unprintable import answering, refused_until_allowed

    made: list[bool] = []
    monkeypatch.setattr(service, method, refused_until_allowed(made))
    asked = answering(monkeypatch, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    previews: list[bytes] = []
    monkeypatch.setattr(
        PdfPreviewDialog, "ask", classmethod(lambda _cls, _w, data, *_a: previews.append(data))
    )
    click()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    assert "“𠮷”（U+20BB7）" in asked[0] and "仍要打印吗" in asked[0]
    page._runner.wait_all()
    assert made == [False] and previews == []  # 否: nothing printed
    click()
    qtbot.waitUntil(lambda: previews == [b"%PDF-1.4"], timeout=10000)
    assert made == [False, False, True] and len(asked) == 2


@pytest.mark.parametrize(
    ("button", "method"),
    [
        ("print_sheet", "print_approval_sheet"),
        ("print_history", "print_history"),
        ("print_refusal", "print_refusal_letter"),
    ],
)
def test_every_case_print_with_a_missing_character_asks_first(
    window, qtbot, monkeypatch, button, method
):
    """准入审批's prints printed □ without asking: each now asks as 证明's prints do."""
    service = window.services.cases
    page = window.show_screen("cases")
    rows = service.page(CaseFilter(), 0, 200).rows
    wanted = CaseStatus.REFUSED if method == "print_refusal_letter" else None
    case = next(s.case for s in rows if wanted is None or s.case.status is wanted)
    qtbot.waitUntil(
        lambda: page.select_case(case.id) and page.selected() is not None, timeout=10000
    )
    qtbot.waitUntil(lambda: getattr(page, button).isEnabled(), timeout=5000)
    _ask_twice_then_print(page, qtbot, monkeypatch, service, method, getattr(page, button).click)


def test_the_negative_refusal_with_a_missing_character_asks_first(
    intake, window, qtbot, monkeypatch
):
    """事项审核's 打印拒绝告知书 printed □ without asking: it now asks as 证明's prints do."""
    intake.check_panel.set_text(NEGATIVE)
    intake.title_edit.setText("关于配合做好征收拆迁动员的函")
    intake.department_combo.setEditText("南屏县住房和城乡建设局")
    task = intake.record()
    assert task is not None
    intake.refresh_register()
    qtbot.waitUntil(lambda: intake.select_task(task.id), timeout=10000)
    qtbot.waitUntil(lambda: intake.refusal_button.isEnabled(), timeout=5000)
    service = window.services.tasks
    click = intake.refusal_button.click
    _ask_twice_then_print(intake, qtbot, monkeypatch, service, "print_negative_refusal", click)


def test_the_case_takes_the_contact_and_phone_the_notice_gives(intake, window, qtbot):
    """The 准入申请 left 联系人 and 联系电话 empty though the notice named them."""
    intake.check_panel.set_text(UNLISTED + "\n联系人：王丽，电话：0593-6120088\n")
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩使用情况摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    task = intake.record()
    assert task is not None
    service = window.services.cases
    dialog = OpenCaseDialog(service, task.id, service.request_for_task(task.id), intake)
    qtbot.addWidget(dialog)
    assert dialog.contact_edit.text() == "王丽"
    assert dialog.request().phone == "0593-6120088"


def test_an_approved_case_names_its_funding_once(window, qtbot):
    """After 批准 the detail showed 经费保障 (the request's) and 批准经费 (the approval's)
    with the same text, as the 批准 dialog starts from the request's (walked 2026-12). It
    shows 经费保障 once, as approved, and the request's beside it only where they differ."""
    from dataclasses import replace

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    cases.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: not cases.model.reloading)
    summary = next(
        cases.model.row_at(r)
        for r in range(cases.model.rowCount())
        if cases.model.row_at(r).case.status is CaseStatus.APPROVED
    )
    case = summary.case
    assert case.conditions is not None and case.request.funding
    same = replace(case, conditions=replace(case.conditions, funding=case.request.funding))
    text = _detail_text(cases, replace(summary, case=same))
    assert text.count("经费保障") == 1 and "批准经费" not in text
    assert text.count(case.request.funding) == 1
    other = replace(case, conditions=replace(case.conditions, funding="县财政按每村1000元拨付"))
    text = _detail_text(cases, replace(summary, case=other))
    assert text.count("经费保障") == 1 and "批准经费" not in text
    assert f"县财政按每村1000元拨付（申请：{case.request.funding}）" in text


def _detail_text(cases, summary) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(cases._detail_html(summary))
    return doc.toPlainText()


def test_a_doc_notice_is_listed_and_the_clerk_told_to_save_it_as_docx(
    intake, tmp_path, monkeypatch
):
    """打开通知文件 hid .doc notices (a clerk's folder looked empty) and a dropped one got
    不支持“通知.doc”这种文件 with no way on."""
    from PySide6.QtWidgets import QMessageBox

    from jianfu.ui.intake import screen

    assert "*.doc " in screen.NOTICE_FILTER and "*.wps)" in screen.NOTICE_FILTER
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    path = tmp_path / "南医保〔2026〕41号.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert intake.open_notice(str(path)) is False
    assert len(said) == 1 and "是旧版 Word（.doc）文件" in said[0]
    assert "“另存为”.docx 后再打开" in said[0]
