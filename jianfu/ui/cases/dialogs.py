"""Dialogs of the 准入审批 screen: receive a case, record a step (工作日设置: calendar_dialog)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from jianfu.domain.cases import (
    ACTIONS_NEEDING_COMMENT,
    AdmissionCase,
    ApprovalConditions,
    CaseAction,
    CaseInput,
    comment_label,
    format_date,
)
from jianfu.domain.errors import ConflictError, JianfuError
from jianfu.domain.lists import ItemNature
from jianfu.services.cases import CasesService
from jianfu.services.context import printed_name
from jianfu.ui.glyphs import stored_text_label
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.dates import date_edit as date_edit  # (re-exported: they live there)
from jianfu.ui.widgets.dates import date_value as date_value
from jianfu.ui.widgets.form import FormDialog, NoteLabel


def who_when(operator: str, at: dt.datetime) -> str:
    """“林晓燕，2026年12月7日”, or the date alone for a step done under the computer's login
    (root, Administrator): a login is no 经办人, as the prints leave it blank."""
    name = printed_name(operator)
    return f"{name}，{format_date(at.date())}" if name else format_date(at.date())


def nature_of(combo: QComboBox) -> ItemNature | None:
    """The nature chosen in a combo whose item data are the natures' values."""
    value = combo.currentData()
    return ItemNature(value) if value else None


def _text_box(text: str = "", height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setFixedHeight(height)
    return box


class OpenCaseDialog(FormDialog):
    """Receive (受理) an unlisted task as an admission case; the request is prefilled."""

    def __init__(
        self, service: CasesService, task_id: int, request: CaseInput, parent: QWidget | None
    ) -> None:
        super().__init__("受理准入申请", parent)
        # wide enough that the 期限 note and the villages wrap into few lines: with a problem
        # line it stayed on a 1366×768 screen's foot at 620
        self.setMinimumWidth(920)
        self._service, self._task_id, self._request = service, task_id, request
        self.title_edit = self.add_field("title", "事项名称", QLineEdit(request.title))
        self.department_edit = self.add_field(
            "department", "申请单位", QLineEdit(request.department)
        )
        self.content_edit = self.add_field(
            "content", "村(社区)承担的具体工作", _text_box(request.content, 80)
        )
        self.number_edit = self.add_field(
            "document_number", "文号", QLineEdit(request.document_number)
        )
        self.basis_edit = self.add_field("basis", "设定依据", QLineEdit(request.basis))
        self.nature_combo = QComboBox()
        self.nature_combo.addItem("未定", None)
        for nature in ItemNature:
            self.nature_combo.addItem(nature.value, nature.value)
        if request.nature is not None:
            self.nature_combo.setCurrentText(request.nature.value)
        self.add_field("nature", "事项性质", self.nature_combo)
        self.received_edit = self.add_field(
            "received_on", "收文日期", date_edit(request.received_on, optional=False)
        )
        # The notice names no start: the earliest with enough notice is proposed, also when
        # the notice's own end comes before it (the 期限 note says so: _short_notice_text), and
        # the proposal follows the 收文日期 until the clerk changes the start.
        self._start_follows = request.start_date is None
        self._proposed_start = (
            self._earliest_start(request.received_on) if self._start_follows else None
        )
        self.start_edit = self.add_field(
            "start_date", "开始日期", date_edit(request.start_date or self._proposed_start)
        )
        self.end_edit = self.add_field(
            "end_date",
            "结束日期",
            date_edit(request.end_date, related=lambda: date_value(self.start_edit)),
        )
        self.deadline_label = NoteLabel()
        self.add_field("deadline", "期限", self.deadline_label)
        self.funding_edit = self.add_field("funding", "经费保障", QLineEdit(request.funding))
        self.support_edit = self.add_field("support", "人员培训及保障", QLineEdit(request.support))
        self.assessment_edit = self.add_field(
            "assessment", "考核方式", QLineEdit(request.assessment)
        )
        self.contact_edit = self.add_field("contact", "联系人", QLineEdit(request.contact))
        self.phone_edit = self.add_field("phone", "联系电话", QLineEdit(request.phone))
        villages = NoteLabel(f"{len(request.villages)} 个：{'、'.join(request.villages)}")
        self.add_field("villages", "涉及村(社区)", villages)
        self.short_notice_check = QCheckBox("通知期不足，仍然受理（须另行告知部门推迟开始日期）")
        self.add_field("accept_short_notice", "", self.short_notice_check)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("受理")
        # 结束日期 before 开始日期 is put right at either; too little notice at the 收文日期,
        # the start, or by receiving the case anyway
        self.fields.clear_with("end_date", "start_date")
        self.fields.clear_with("start_date", "received_on", "accept_short_notice")
        self.received_edit.dateChanged.connect(self._follow)
        for edit in (self.received_edit, self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._show_deadlines)
        self._show_deadlines()

    def _earliest_start(self, received: dt.date) -> dt.date | None:
        """The first start date with enough notice after ``received``: the date proposed when
        the notice names none (it stays editable; 未定 clears it)."""
        try:
            return self._service.deadlines(received, received).earliest_start
        except JianfuError:
            return None

    def showEvent(self, event: QShowEvent) -> None:
        """Override: the deadline note of the proposed start (three lines with an estimate) is
        shown whole once the dialog has its width; it was cut at the top and bottom."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_height)

    def _follow(self) -> None:
        """The 收文日期 changed: a start the dialog proposed is proposed again."""
        received = date_value(self.received_edit)
        if received is None or not self._start_follows:
            return
        if date_value(self.start_edit) != self._proposed_start:
            self._start_follows = False  # the clerk chose a start: it stays
            return
        self._proposed_start = self._earliest_start(received)
        if isinstance(self.start_edit, DateEdit):
            self.start_edit.set_value(self._proposed_start)

    def _short_notice_text(self, start: dt.date | None) -> str:
        """The 期限 note's advice when the start proposed (the earliest with enough notice) is
        after the notice's own end (received 7 December, work done by 20 December): 受理 says
        the end is before the start, where the notice and the notice rule part, and which gives
        way is the clerk's to settle (the department moves its dates, or the township receives
        the case on short notice). Left 未定, the start gave the clerk no date to go by."""
        end = date_value(self.end_edit)
        if start is None or end is None or start <= end or not self._start_follows:
            return ""
        if start != self._proposed_start:
            return ""
        return (
            f"已按此填入开始日期，晚于通知的结束日期（{format_date(end)}）：请与申请单位核实"
            "起止日期；如仍按原日期受理，请改填开始日期并勾选下方“通知期不足，仍然受理”"
        )

    def _show_deadlines(self) -> None:
        received, start = date_value(self.received_edit), date_value(self.start_edit)
        if received is None:
            return
        try:
            d = self._service.deadlines(received, start or received)
        except JianfuError as err:
            self.deadline_label.setText(str(err))
            return
        limit = self._service.settings().decision_working_days
        text = f"审批应于 {d.decision_due:%Y-%m-%d} 前作出（{limit} 个工作日）"
        if start is not None:
            text += (
                f"；开始日期须不早于 {d.earliest_start:%Y-%m-%d}"
                f"（已提前 {d.notice_given} 个工作日，应提前 {d.notice_required} 个）"
            )
        # Only the dates shown: without a start date the notice check (30 working days, into
        # next year in December) is not shown, and its year is no reason to warn.
        if short := self._short_notice_text(start):
            text += f"\n{short}"
        if d.decision_warning:
            text += f"\n{d.decision_warning}"
        elif (start is not None or short) and d.warning:  # the due date is sure, the start not
            text += f"\n最早开始日期为估算：{d.warning}"
        self.deadline_label.setText(text)
        if self.isVisible():
            self.fit_height()  # a longer deadline note is shown whole

    def request(self) -> CaseInput:
        """The request as the dialog shows it."""
        return replace(
            self._request,
            title=self.title_edit.text(),
            department=self.department_edit.text(),
            content=self.content_edit.toPlainText(),
            document_number=self.number_edit.text(),
            basis=self.basis_edit.text(),
            nature=ItemNature(self.nature_combo.currentData() or "")
            if self.nature_combo.currentData()
            else None,
            received_on=date_value(self.received_edit) or self._request.received_on,
            start_date=date_value(self.start_edit),
            end_date=date_value(self.end_edit),
            funding=self.funding_edit.text(),
            support=self.support_edit.text(),
            assessment=self.assessment_edit.text(),
            contact=self.contact_edit.text(),
            phone=self.phone_edit.text(),
        )

    def save(self) -> AdmissionCase:
        """Override: receive the case."""
        return self._service.open_case(
            self._task_id,
            self.request(),
            accept_short_notice=self.short_notice_check.isChecked(),
        )


class StepDialog(FormDialog):
    """Record one step of a case: an opinion, and for 批准 the approved conditions."""

    def __init__(
        self,
        service: CasesService,
        case: AdmissionCase,
        action: CaseAction,
        parent: QWidget | None,
    ) -> None:
        ok_text = str(action)
        if action is CaseAction.SUBMIT_COUNTY_REVIEW and service.across_levels:
            ok_text = "报县级审核"  # the title said 提交县级审核 over a 报县级审核 button
        # the case's title in the dialog, not in its title: the window manager draws a title
        # in its own font, where a character only the app's fonts have is a box
        super().__init__(ok_text, parent)
        self.setMinimumWidth(560)
        self._service, self._case, self._action = service, case, action
        self.case_title = stored_text_label(case.request.title, "case_title")
        self.fields.form.addRow("事项名称", self.case_title)
        self.asked_label: QLabel | None = None
        if action is CaseAction.RESUBMIT and (standing := case.standing_reason) is not None:
            # what was asked for, beside the box that says it has been supplied
            name, step = standing
            self.asked_label = QLabel(f"{step.comment}（{who_when(step.operator, step.at)}）")
            self.asked_label.setWordWrap(True)
            self.add_field("asked", name, self.asked_label)
        hint = "（必填）" if action in ACTIONS_NEEDING_COMMENT else "（选填）"
        # the box's name, kept with the step (what the 审批表 prints as whose opinion)
        label = comment_label(action)
        self.comment_edit = self.add_field("comment", label + hint, _text_box("", 80))
        self.approval: dict[str, QWidget] = {}
        if action is CaseAction.APPROVE:
            r = case.request
            self.approval = {
                "start_date": self.add_field("start_date", "准入开始日期", date_edit(r.start_date)),
                "end_date": self.add_field("end_date", "准入结束日期", date_edit(r.end_date)),
                "conditions": self.add_field("conditions", "准入条件", _text_box("", 50)),
                "funding": self.add_field("funding", "经费保障（费随事转）", QLineEdit(r.funding)),
                "staffing": self.add_field("staffing", "人员保障", QLineEdit(r.support)),
            }
            self.fields.share_problem_line("at", "comment")
            self.fields.clear_with("end_date", "start_date")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)

    def conditions(self) -> ApprovalConditions | None:
        """The approved conditions (批准 only)."""
        if not self.approval:
            return None
        a = self.approval
        return ApprovalConditions(
            start_date=date_value(a["start_date"]),  # type: ignore[arg-type]
            end_date=date_value(a["end_date"]),  # type: ignore[arg-type]
            conditions=a["conditions"].toPlainText(),  # type: ignore[attr-defined]
            funding=a["funding"].text(),  # type: ignore[attr-defined]
            staffing=a["staffing"].text(),  # type: ignore[attr-defined]
        )

    def on_conflict(self, err: ConflictError) -> None:
        """Override: someone else moved the case first; say who and close (the list reloads)."""
        self.conflict_message = str(err)
        typed = self.comment_edit.toPlainText().strip()
        if typed:  # the opinion went with the dialog: it is kept for the step done again
            QGuiApplication.clipboard().setText(typed)
            self.conflict_message += "\n您填写的意见已复制到剪贴板，重新办理时可粘贴（Ctrl+V）。"
        QMessageBox.warning(self, "未能办理", self.conflict_message)
        self.fields.edited = False  # told already: close without asking to discard
        self.reject()

    def save(self) -> AdmissionCase:
        """Override: record the step."""
        return self._service.advance(
            self._case.id or 0,
            self._action,
            self._case.version,
            comment=self.comment_edit.toPlainText(),
            conditions=self.conditions(),
        )
