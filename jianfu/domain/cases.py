"""Admission cases (准入审批): a task on no list, from receipt to the mechanism's decision.

A case moves along a chain of review steps and ends approved (批准准入, later 已退出) or
refused (不予准入); any review step may send it back for more material (退回补正), after
which it is received again. The transitions are a table here, so the UI, the CLI and the
services all obey the same rules.

The chain depends on the level of the coordination mechanism (a setting):

* 市 or 县: 已受理 → 乡镇意见 → 县级审核 → 协调机制审批. At 县 level the 县级审核 step is the
  review office's first check before the mechanism meets (reference/domain.md §3.4); at 市
  level it is the county's review before the case goes up. There is no separate 市级 step,
  because the township never sees one: the city mechanism is the last step either way.
* 乡镇: 已受理 → 乡镇意见 → 协调机制审批 — the levels above the township are skipped.

A case keeps the level and the decision time limit that applied when it was received, so
a later change of the settings does not break the cases already under way.

Deadlines count working days on :class:`WorkdayCalendar`: the decision is due
``decision_working_days`` after the clock starts (the date received, or the date the
corrected material was received again after 退回补正); while a case waits for the department's
correction the clock is stopped and the case is never overdue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from jianfu.domain.errors import FieldProblem, JianfuError, ValidationError
from jianfu.domain.item_nature import ItemNature
from jianfu.domain.text import check_length, check_required, clean, with_texts
from jianfu.domain.workdays import WorkdayCalendar, WorkdayResult

if TYPE_CHECKING:
    from jianfu.domain.settings import TownshipSettings

# ---------------------------------------------------------------- statuses and actions


class CaseStatus(StrEnum):
    """Where a case stands; the value is what the clerk sees and what is stored."""

    RECEIVED = "已受理"
    TOWNSHIP_OPINION = "乡镇意见"
    COUNTY_REVIEW = "县级审核"
    MECHANISM_REVIEW = "协调机制审批"
    APPROVED = "批准准入"
    REFUSED = "不予准入"
    RETURNED = "退回补正"
    WITHDRAWN = "已退出"

    @property
    def label(self) -> str:
        """The long name used in print-outs (乡镇(街道)意见)."""
        return "乡镇(街道)意见" if self is CaseStatus.TOWNSHIP_OPINION else self.value


class CaseAction(StrEnum):
    """What the clerk records to move a case on; ``RECEIVE`` only opens a case."""

    RECEIVE = "受理"
    SUBMIT_TOWNSHIP_OPINION = "提交乡镇意见"
    SUBMIT_COUNTY_REVIEW = "提交县级审核"
    REFER_TO_MECHANISM = "报协调机制"
    APPROVE = "批准"
    REFUSE = "不予准入"
    RETURN_FOR_CORRECTION = "退回补正"
    RESUBMIT = "补正后重新受理"
    WITHDRAW = "退出"


class MechanismLevel(StrEnum):
    """The level of the coordination mechanism that approves (``TownshipSettings``)."""

    CITY = "市"
    COUNTY = "县"
    TOWNSHIP = "乡镇"


#: Statuses after which nothing more can happen.
TERMINAL_STATUSES: frozenset[CaseStatus] = frozenset({CaseStatus.REFUSED, CaseStatus.WITHDRAWN})

#: Statuses where the case waits for a review step, so the decision deadline runs.
PENDING_STATUSES: frozenset[CaseStatus] = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.TOWNSHIP_OPINION,
        CaseStatus.COUNTY_REVIEW,
        CaseStatus.MECHANISM_REVIEW,
    }
)

#: The forward action that brings a case into each review step.
_ACTION_INTO: dict[CaseStatus, CaseAction] = {
    CaseStatus.TOWNSHIP_OPINION: CaseAction.SUBMIT_TOWNSHIP_OPINION,
    CaseStatus.COUNTY_REVIEW: CaseAction.SUBMIT_COUNTY_REVIEW,
    CaseStatus.MECHANISM_REVIEW: CaseAction.REFER_TO_MECHANISM,
}

#: Actions whose step must say why (what to correct, why refused, why withdrawn).
ACTIONS_NEEDING_COMMENT: frozenset[CaseAction] = frozenset(
    {CaseAction.RETURN_FOR_CORRECTION, CaseAction.REFUSE, CaseAction.WITHDRAW}
)


#: The box a step's comment is written in (the step dialog's label), kept with each step
#: written since migration 0037 (``CaseStep.written_as``): the 审批表 tells by it what the
#: comment was asked for. 提交县级审核 asks for a 报送说明; before db6744d a township's own file
#: asked for the 县级审核意见 there (``COUNTY_OPINION``), which 0037 marks on those steps.
COUNTY_OPINION = "县级审核意见"
COMMENT_LABELS: Mapping[CaseAction, str] = MappingProxyType(
    {
        CaseAction.SUBMIT_TOWNSHIP_OPINION: "乡镇(街道)意见",
        # what the township says on sending the case up (the county has not seen it yet: its
        # opinion is written on 报协调机制, and the 审批表 prints that one)
        CaseAction.SUBMIT_COUNTY_REVIEW: "报送说明",
        CaseAction.REFER_TO_MECHANISM: COUNTY_OPINION,
        CaseAction.APPROVE: "审批意见",
        CaseAction.REFUSE: "不予准入理由",
        CaseAction.RETURN_FOR_CORRECTION: "需补正的材料",
        CaseAction.WITHDRAW: "退出原因",
    }
)


def comment_label(action: CaseAction) -> str:
    """What the box of ``action``'s comment is called (办理意见 when it has no name of its own)."""
    return COMMENT_LABELS.get(action, "办理意见")


#: What the comment of a step that must say why is called where the case is shown.
_REASON_NAMES: dict[CaseAction, str] = {
    CaseAction.RETURN_FOR_CORRECTION: "需补正的材料",
    CaseAction.REFUSE: "不予准入理由",
    CaseAction.WITHDRAW: "退出原因",
}


def mechanism_level(value: str | MechanismLevel) -> MechanismLevel:
    """``value`` as a level, or ``ValidationError`` for anything but 市、县、乡镇."""
    try:
        return MechanismLevel(value)
    except ValueError:
        raise ValidationError(
            FieldProblem("mechanism_level", f"协调机制层级只能是 市、县 或 乡镇（现为“{value}”）")
        ) from None


def review_chain(level: str | MechanismLevel = MechanismLevel.COUNTY) -> tuple[CaseStatus, ...]:
    """The review steps from receipt to the mechanism, for a mechanism at ``level``."""
    if mechanism_level(level) is MechanismLevel.TOWNSHIP:
        return (CaseStatus.RECEIVED, CaseStatus.TOWNSHIP_OPINION, CaseStatus.MECHANISM_REVIEW)
    return (
        CaseStatus.RECEIVED,
        CaseStatus.TOWNSHIP_OPINION,
        CaseStatus.COUNTY_REVIEW,
        CaseStatus.MECHANISM_REVIEW,
    )


def _build_table(level: MechanismLevel) -> Mapping[CaseStatus, Mapping[CaseAction, CaseStatus]]:
    chain = review_chain(level)
    table: dict[CaseStatus, dict[CaseAction, CaseStatus]] = {s: {} for s in CaseStatus}
    for here, there in pairwise(chain):
        table[here][_ACTION_INTO[there]] = there
    table[CaseStatus.MECHANISM_REVIEW][CaseAction.APPROVE] = CaseStatus.APPROVED
    table[CaseStatus.MECHANISM_REVIEW][CaseAction.REFUSE] = CaseStatus.REFUSED
    for step in chain:
        table[step][CaseAction.RETURN_FOR_CORRECTION] = CaseStatus.RETURNED
    table[CaseStatus.RETURNED][CaseAction.RESUBMIT] = CaseStatus.RECEIVED
    table[CaseStatus.APPROVED][CaseAction.WITHDRAW] = CaseStatus.WITHDRAWN
    return MappingProxyType({s: MappingProxyType(a) for s, a in table.items()})


#: level -> status -> action -> next status. Statuses absent from a chain have no actions.
TRANSITIONS: Mapping[MechanismLevel, Mapping[CaseStatus, Mapping[CaseAction, CaseStatus]]] = (
    MappingProxyType({level: _build_table(level) for level in MechanismLevel})
)


class IllegalTransitionError(JianfuError):
    """An action that the case's current step does not allow; nothing was changed."""

    def __init__(
        self,
        status: CaseStatus,
        action: CaseAction,
        allowed: tuple[CaseAction, ...],
        level: str | MechanismLevel = MechanismLevel.COUNTY,
    ) -> None:
        self.status = status
        self.action = action
        self.allowed = allowed
        if allowed:
            tail = "可以办理：" + "、".join(f"“{a}”" for a in allowed)
        elif status in TERMINAL_STATUSES:
            tail = "该案件已办结，不能再办理任何环节"
        else:
            tail = "按所设协调机制层级，审批流程中没有这一环节"
        standing = standing_label(status, level)
        super().__init__(f"当前环节为“{standing}”，不能办理“{action}”；{tail}")


def allowed_actions(
    status: CaseStatus, level: str | MechanismLevel = MechanismLevel.COUNTY
) -> tuple[CaseAction, ...]:
    """The actions the clerk may record at ``status``, forward actions first."""
    return tuple(TRANSITIONS[mechanism_level(level)][status])


def next_status(
    status: CaseStatus, action: CaseAction, level: str | MechanismLevel = MechanismLevel.COUNTY
) -> CaseStatus:
    """The status after ``action``, or ``IllegalTransitionError`` naming what is allowed."""
    options = TRANSITIONS[mechanism_level(level)][status]
    if action not in options:
        raise IllegalTransitionError(status, action, tuple(options), level)
    return options[action]


def is_terminal(status: CaseStatus) -> bool:
    """True when nothing more can happen to a case at ``status``."""
    return status in TERMINAL_STATUSES


#: A history step's action on a shared server, where each level records its own step: the
#: clerk sends the case up, the county reviewer writes the county's opinion on referring it.
_ACTIONS_ACROSS_LEVELS = {
    CaseAction.SUBMIT_COUNTY_REVIEW: "报县级审核",
    CaseAction.REFER_TO_MECHANISM: "县级审核，报协调机制",
}


def action_text(action: CaseAction, across_levels: bool) -> str:
    """What a step of the history did, as the screen and the printed 办理记录 say it."""
    return _ACTIONS_ACROSS_LEVELS.get(action, action.value) if across_levels else action.value


def status_label(status: CaseStatus, settings: TownshipSettings) -> str:
    """The step's name with the mechanism's own name, e.g. 县减负工作组审批."""
    if status is CaseStatus.MECHANISM_REVIEW and settings.mechanism_name:
        return f"{settings.mechanism_name}审批"
    return status.label


def standing_label(
    status: CaseStatus,
    level: str | MechanismLevel = MechanismLevel.COUNTY,
    settings: TownshipSettings | None = None,
) -> str:
    """Where a case stands, as 当前环节 says it: the step it waits for. A case reaches 乡镇意见
    when the township's opinion is given, and then waits to be sent up by a step of its own
    (报县级审核, or 报协调机制 where the mechanism is the township's): the step's name
    (乡镇(街道)意见) read as if that opinion were still missing, so it says 待报县级审核 or
    待报协调机制. Every other status is its step's name (``status_label`` with ``settings``:
    the mechanism's own name)."""
    if status is CaseStatus.TOWNSHIP_OPINION:
        if CaseStatus.COUNTY_REVIEW in review_chain(level):
            return "待报县级审核"
        return "待报协调机制"
    return status_label(status, settings) if settings is not None else status.label


# ---------------------------------------------------------------- input


TITLE_MAX = 200
DEPARTMENT_MAX = 60
DOCUMENT_NUMBER_MAX = 60
BASIS_MAX = 1000
CONTENT_MAX = 2000
LONG_FIELD_MAX = 1000
SHORT_FIELD_MAX = 500
CONTACT_MAX = 40
PHONE_MAX = 30
VILLAGE_NAME_MAX = 60
VILLAGES_MAX = 1000
OPERATOR_MAX = 40
COMMENT_MAX = 1000

_PHONE = re.compile(r"^[0-9０-９\-－ ()（）转]*$")

#: Natures whose task must end: a temporary or staged task lapses at its end date.
_NEEDS_END = frozenset({ItemNature.TEMPORARY, ItemNature.STAGED})


def format_date(day: dt.date) -> str:
    """A date as the clerk writes it: 2026年3月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    """A case's 实施期限: 2026年12月26日 至 2027年3月16日, or 2026年12月26日起 for a task with
    no end (a long-term one read as if it lasted that one day), or 未定."""
    if end is None:
        return f"{format_date(start)}起" if start else "未定"
    return f"{format_date(start) if start else '未定'} 至 {format_date(end)}"


def _check_dates(
    start: dt.date | None, end: dt.date | None, nature: ItemNature | None
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if start is None:
        problems.append(FieldProblem("start_date", "开始日期不能为空"))
    if start is not None and end is not None and end < start:
        problems.append(
            FieldProblem(
                "end_date",
                f"结束日期（{format_date(end)}）不能早于开始日期（{format_date(start)}）",
            )
        )
    if end is None and nature in _NEEDS_END:
        problems.append(FieldProblem("end_date", f"{nature}事项须填写结束日期"))
    return problems


@dataclass(frozen=True)
class CaseInput:
    """What a department asks the villages to do, as the clerk typed it from the notice."""

    title: str
    department: str
    content: str  # 村(社区)承担的具体工作
    villages: tuple[str, ...]
    start_date: dt.date | None
    received_on: dt.date
    nature: ItemNature | None = None
    end_date: dt.date | None = None
    document_number: str = ""  # 文号
    basis: str = ""  # 设定依据
    delegated_powers: str = ""  # 下放权限 (权随责走)
    funding: str = ""  # 经费 (费随事转)
    support: str = ""  # 人员 / 培训 / 设备保障
    assessment: str = ""  # 考核方式
    contact: str = ""
    phone: str = ""
    department_id: int | None = None

    LABELS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "title": "事项名称",
            "department": "申请单位",
            "content": "村(社区)承担的具体工作",
            "villages": "涉及村(社区)",
            "start_date": "开始日期",
            "received_on": "收文日期",
            "nature": "事项性质",
            "end_date": "结束日期",
            "document_number": "文号",
            "basis": "设定依据",
            "delegated_powers": "下放权限",
            "funding": "经费保障",
            "support": "人员培训及保障",
            "assessment": "考核方式",
            "contact": "联系人",
            "phone": "联系电话",
        }
    )

    def cleaned(
        self,
        calendar: WorkdayCalendar,
        settings: TownshipSettings,
        *,
        accept_short_notice: bool = False,
    ) -> CaseInput:
        """A trimmed copy, or ``ValidationError`` naming every bad field.

        A start date with less notice than ``settings.notice_working_days`` is refused with
        the earliest compliant start, unless the clerk chose to receive the case anyway
        (``accept_short_notice``): the department may still have to be told to start later.
        """
        texts = {
            name: clean(getattr(self, name))
            for name in ("title", "department", "content", "document_number", "basis",
                         "delegated_powers", "funding", "support", "assessment", "contact",
                         "phone")
        }  # fmt: skip
        labels = self.LABELS
        problems: list[FieldProblem] = []
        for name, limit in (("title", TITLE_MAX), ("department", DEPARTMENT_MAX),
                            ("content", CONTENT_MAX)):  # fmt: skip
            problems += check_required(name, labels[name], texts[name], limit)
        for name, limit in (("document_number", DOCUMENT_NUMBER_MAX), ("basis", BASIS_MAX),
                            ("delegated_powers", LONG_FIELD_MAX), ("funding", SHORT_FIELD_MAX),
                            ("support", SHORT_FIELD_MAX), ("assessment", SHORT_FIELD_MAX),
                            ("contact", CONTACT_MAX), ("phone", PHONE_MAX)):  # fmt: skip
            problems += check_length(name, labels[name], texts[name], limit)
        if not _PHONE.match(texts["phone"]):
            problems.append(FieldProblem("phone", "联系电话只能包含数字、横线、括号和“转”"))

        villages = tuple(dict.fromkeys(v for v in (clean(v) for v in self.villages) if v))
        if not villages:
            problems.append(FieldProblem("villages", "涉及村(社区)至少选一个"))
        elif len(villages) > VILLAGES_MAX:
            problems.append(FieldProblem("villages", f"涉及村(社区)不能超过 {VILLAGES_MAX} 个"))
        long_names = [v for v in villages if len(v) > VILLAGE_NAME_MAX]
        if long_names:
            problems.append(
                FieldProblem(
                    "villages",
                    f"村(社区)名称不能超过 {VILLAGE_NAME_MAX} 个字：{long_names[0][:20]}…",
                )
            )

        if self.nature is None:
            problems.append(FieldProblem("nature", "事项性质不能为空（长期、阶段或临时）"))
        problems += _check_dates(self.start_date, self.end_date, self.nature)
        if self.start_date is not None and not accept_short_notice:
            deadlines = case_deadlines(self.received_on, self.start_date, calendar, settings)
            if not deadlines.notice_ok:
                problems.append(FieldProblem("start_date", deadlines.notice_message))
        if problems:
            raise ValidationError(problems)
        return with_texts(replace(self, villages=villages), texts)


@dataclass(frozen=True)
class ApprovalConditions:
    """What the mechanism approved: the period, conditions, funds and staff (费随事转)."""

    start_date: dt.date | None
    end_date: dt.date | None = None
    conditions: str = ""
    funding: str = ""
    staffing: str = ""

    def cleaned(self, nature: ItemNature | None = None) -> ApprovalConditions:
        """A trimmed copy, or ``ValidationError``; funds must be stated (write 无 if none)."""
        texts = {n: clean(getattr(self, n)) for n in ("conditions", "funding", "staffing")}
        problems = _check_dates(self.start_date, self.end_date, nature)
        problems += check_length("conditions", "准入条件", texts["conditions"], LONG_FIELD_MAX)
        if not texts["funding"]:
            problems.append(
                FieldProblem("funding", "经费保障不能为空（费随事转；不需要经费请写“无”）")
            )
        problems += check_length("funding", "经费保障", texts["funding"], SHORT_FIELD_MAX)
        problems += check_length("staffing", "人员保障", texts["staffing"], SHORT_FIELD_MAX)
        if problems:
            raise ValidationError(problems)
        return with_texts(self, texts)


# ---------------------------------------------------------------- the case and its history


@dataclass(frozen=True)
class CaseStep:
    """One step of a case's history: the status it reached, by whom, when and why."""

    status: CaseStatus
    action: CaseAction
    at: dt.datetime
    operator: str
    comment: str = ""
    #: the box the comment was written in (``comment_label``); "" when nothing was written or
    #: the step is older than migration 0037, which kept no such thing
    written_as: str = ""


def _step(
    status: CaseStatus, action: CaseAction, at: dt.datetime, operator: str, comment: str
) -> CaseStep:
    """A new step, with the box its comment was written in."""
    return CaseStep(status, action, at, operator, comment, comment_label(action) if comment else "")


def _check_step(
    action: CaseAction, at: dt.datetime, operator: str, comment: str, after: dt.datetime | None
) -> list[FieldProblem]:
    problems = check_required("operator", "经办人", operator, OPERATOR_MAX)
    problems += check_length("comment", "办理意见", comment, COMMENT_MAX)
    if action in ACTIONS_NEEDING_COMMENT and not comment:
        problems.append(FieldProblem("comment", f"“{action}”须写明理由"))
    if after is not None and at < after:
        problems.append(
            FieldProblem(
                "at", f"办理时间（{at:%Y-%m-%d %H:%M}）不能早于上一环节（{after:%Y-%m-%d %H:%M}）"
            )
        )
    return problems


@dataclass(frozen=True)
class AdmissionCase:
    """A task awaiting (or past) admission; immutable: each step returns a new case."""

    request: CaseInput
    history: tuple[CaseStep, ...]
    level: MechanismLevel = MechanismLevel.COUNTY
    decision_working_days: int = 15
    conditions: ApprovalConditions | None = None
    id: int | None = None
    version: int = 1
    task_id: int | None = None  # the recorded task the case was opened for
    serial_number: str = ""  # e.g. 2026-007, printed on the approval sheet
    list_item_id: int | None = None  # the item it became in a later list edition
    township_id: int | None = None  # the township (unit) the case belongs to

    @classmethod
    def open(
        cls,
        request: CaseInput,
        *,
        at: dt.datetime,
        operator: str,
        settings: TownshipSettings,
        comment: str = "",
    ) -> AdmissionCase:
        """Receive a cleaned request as a new case, with the level and limit now in force."""
        operator, comment = clean(operator), clean(comment)
        problems = _check_step(CaseAction.RECEIVE, at, operator, comment, None)
        if problems:
            raise ValidationError(problems)
        step = _step(CaseStatus.RECEIVED, CaseAction.RECEIVE, at, operator, comment)
        return cls(
            request=request,
            history=(step,),
            level=mechanism_level(settings.mechanism_level),
            decision_working_days=settings.decision_working_days,
        )

    @property
    def status(self) -> CaseStatus:
        """The status reached by the last step."""
        return self.history[-1].status

    @property
    def standing_reason(self) -> tuple[str, CaseStep] | None:
        """Why the case stands where it does when a step had to say why: 需补正的材料,
        不予准入理由 or 退出原因 with the step that said it; ``None`` at any other status."""
        step = self.history[-1]
        name = _REASON_NAMES.get(step.action)
        return (name, step) if name and step.comment else None

    @property
    def is_pending(self) -> bool:
        """True while a review step is under way (the decision deadline runs)."""
        return self.status in PENDING_STATUSES

    @property
    def is_terminal(self) -> bool:
        """True when nothing more can happen."""
        return is_terminal(self.status)

    def allowed_actions(self) -> tuple[CaseAction, ...]:
        """The actions the clerk may record now."""
        return allowed_actions(self.status, self.level)

    @property
    def clock_start(self) -> dt.date:
        """The day the decision clock started: received, or received again after 补正."""
        for index in range(len(self.history) - 1, 0, -1):
            step = self.history[index]
            if step.status is CaseStatus.RECEIVED:
                return step.at.date()
        return self.request.received_on

    def advance(
        self,
        action: CaseAction,
        *,
        at: dt.datetime,
        operator: str,
        comment: str = "",
        conditions: ApprovalConditions | None = None,
    ) -> AdmissionCase:
        """The case after ``action``; raises and changes nothing when anything is wrong.

        ``conditions`` are required with 批准 and refused with any other action.
        """
        new_status = next_status(self.status, action, self.level)
        operator, comment = clean(operator), clean(comment)
        problems = _check_step(action, at, operator, comment, self.history[-1].at)
        cleaned_conditions = self.conditions
        if action is CaseAction.APPROVE:
            if conditions is None:
                problems.append(FieldProblem("conditions", "批准准入须填写准入期限和经费保障"))
            else:
                try:
                    cleaned_conditions = conditions.cleaned(self.request.nature)
                except ValidationError as err:
                    problems += err.problems
        elif conditions is not None:
            problems.append(FieldProblem("conditions", f"“{action}”不填写准入条件"))
        if problems:
            raise ValidationError(problems)
        step = _step(new_status, action, at, operator, comment)
        return replace(self, history=(*self.history, step), conditions=cleaned_conditions)


# ---------------------------------------------------------------- deadlines


def _warning(*results: WorkdayResult) -> str:
    years = tuple(sorted({y for r in results for y in r.uncovered_years}))
    return WorkdayResult(0, years).warning


@dataclass(frozen=True)
class CaseDeadlines:
    """The notice check and the decision due date for a request received on ``received``."""

    received: dt.date
    start: dt.date
    notice_required: int  # working days of notice the settings ask for
    notice_given: int  # working days after ``received`` up to and including ``start``
    earliest_start: dt.date  # the first start date with enough notice
    decision_due: dt.date
    warning: str = ""  # non-empty when a year is not in the official calendar
    #: the warning for the decision due date alone (the other covers the notice check too,
    #: whose 30 working days may reach a year the due date does not)
    decision_warning: str = ""

    @property
    def notice_ok(self) -> bool:
        """True when the department gave enough notice."""
        return self.start >= self.earliest_start

    @property
    def notice_message(self) -> str:
        """Why the notice is too short and the earliest compliant start; empty when fine."""
        if self.notice_ok:
            return ""
        if self.start <= self.received:
            given = (
                f"开始日期（{format_date(self.start)}）"
                f"不晚于收文日期（{format_date(self.received)}）"
            )
        else:
            given = (
                f"开始日期（{format_date(self.start)}）距收文日期（{format_date(self.received)}）"
                f"只有 {self.notice_given} 个工作日"
            )
        return (
            f"{given}，应至少提前 {self.notice_required} 个工作日申请；"
            f"按法定节假日和调休安排，最早可定于 {format_date(self.earliest_start)} 开始"
        )


def case_deadlines(
    received: dt.date, start: dt.date, calendar: WorkdayCalendar, settings: TownshipSettings
) -> CaseDeadlines:
    """The notice check and the decision due date, with the calendar's warning."""
    earliest = calendar.deadline(received, settings.notice_working_days)
    given = calendar.count_between(received, start)
    due = calendar.deadline(received, settings.decision_working_days)
    assert isinstance(earliest.value, dt.date)
    assert isinstance(given.value, int)
    assert isinstance(due.value, dt.date)
    return CaseDeadlines(
        received=received,
        start=start,
        notice_required=settings.notice_working_days,
        notice_given=given.value,
        earliest_start=earliest.value,
        decision_due=due.value,
        warning=_warning(earliest, given, due),
        decision_warning=_warning(due),
    )


def decision_due(case: AdmissionCase, calendar: WorkdayCalendar) -> WorkdayResult:
    """The date the decision is due: ``decision_working_days`` after the clock started."""
    return calendar.deadline(case.clock_start, case.decision_working_days)


def days_left(case: AdmissionCase, today: dt.date, calendar: WorkdayCalendar) -> WorkdayResult:
    """Working days from ``today`` to the due date; negative when overdue, 0 on the day."""
    return _days_left_to(decision_due(case, calendar), today, calendar)


def _days_left_to(
    due: WorkdayResult, today: dt.date, calendar: WorkdayCalendar
) -> WorkdayResult:
    """:func:`days_left` of a case whose ``decision_due`` is ``due``."""
    assert isinstance(due.value, dt.date)
    left = calendar.count_between(today, due.value)
    if not due.uncovered_years or due.uncovered_years == left.uncovered_years:
        return left
    years = tuple(sorted(set(due.uncovered_years) | set(left.uncovered_years)))
    return WorkdayResult(left.value, years)


def is_overdue(case: AdmissionCase, today: dt.date, calendar: WorkdayCalendar) -> bool:
    """True when a case still under review has passed its decision due date."""
    if not case.is_pending:
        return False
    due = decision_due(case, calendar).value
    assert isinstance(due, dt.date)
    return today > due


class ReminderKind(StrEnum):
    """Why a case is on the reminders list."""

    DECISION = "审批期限"
    EXPIRED = "准入期满"


@dataclass(frozen=True)
class Reminder:
    """One line of the reminders list: which case, by when, and how urgent."""

    kind: ReminderKind
    case_id: int | None
    title: str
    department: str
    status: CaseStatus
    due: dt.date
    days_left: int  # negative: working days overdue
    overdue: bool
    text: str  # 还剩 3 个工作日 / 今天到期 / 已逾期 2 个工作日
    warning: str = ""
    case: AdmissionCase | None = field(default=None, compare=False, repr=False)
    #: the case's township, named when the reminders span several (a county's or city's list)
    township: str = ""

    @property
    def heading(self) -> str:
        """The title, led by the township when one is named: 南屏镇：关于……的通知."""
        return f"{self.township}：{self.title}" if self.township else self.title


def _urgency_text(left: int, overdue: bool, due: dt.date) -> str:
    if overdue:
        if left < 0:
            return f"已逾期 {-left} 个工作日"
        return f"已逾期（期限为 {format_date(due)}）"
    if left == 0:
        return "今天到期"
    return f"还剩 {left} 个工作日"


def reminders(
    cases: Iterable[AdmissionCase],
    today: dt.date,
    calendar: WorkdayCalendar,
    within: int = 3,
) -> list[Reminder]:
    """Overdue cases and those due within ``within`` working days, most urgent first.

    Approved temporary or staged tasks whose end date has passed are listed too, so the
    clerk records their exit (已退出).
    """
    found: list[Reminder] = []
    for case in cases:
        if case.is_pending:
            due_result = decision_due(case, calendar)
            left_result = _days_left_to(due_result, today, calendar)
            due, left = due_result.value, left_result.value
            assert isinstance(due, dt.date) and isinstance(left, int)
            overdue = today > due
            if not overdue and left > within:
                continue
            kind, text = ReminderKind.DECISION, _urgency_text(left, overdue, due)
            warning = left_result.warning
        elif (
            case.status is CaseStatus.APPROVED
            and case.conditions is not None
            and case.conditions.end_date is not None
            and case.conditions.end_date < today
        ):
            due = case.conditions.end_date
            counted = calendar.count_between(today, due)
            assert isinstance(counted.value, int)
            left, overdue, warning = counted.value, True, counted.warning
            kind = ReminderKind.EXPIRED
            text = f"准入期限已于 {format_date(due)} 届满，请办理退出"
        else:
            continue
        found.append(
            Reminder(
                kind=kind,
                case_id=case.id,
                title=case.request.title,
                department=case.request.department,
                status=case.status,
                due=due,
                days_left=left,
                overdue=overdue,
                text=text,
                warning=warning,
                case=case,
            )
        )
    found.sort(key=lambda r: (r.due, r.kind != ReminderKind.DECISION, r.title, r.case_id or 0))
    return found


#: The 审批表's 具体工作 cell holds about this many characters and the sheet stays one page.
VILLAGE_WORK_LIMIT = 300
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;])|\n+")
_FOR_VILLAGES = re.compile(r"村|社区|居委会|网格")
_TITLE = re.compile(r"^\s*关于[^。\n]{0,80}?的通知[：:]?\s*")
_TITLE_LINE = re.compile(r"[^。；]{0,40}关于[^。；]{0,80}的(?:通知|函|意见|方案)")
_ENDS = tuple("。；！？!?;：:")


def village_work_from_notice(text: str, limit: int = VILLAGE_WORK_LIMIT) -> str:
    """What a notice asks the villages to do: its sentences naming 村/社区, up to ``limit``
    characters (the first sentences when none does). The whole pasted notice would push the
    审批表 onto a second page; the clerk completes the rest in the form."""
    body = _TITLE.sub("", text or "", count=1)
    sentences = [s.strip() for s in _SENTENCE_END.split(body) if s and s.strip()]
    # a title under the sender's name is no work of the villages' (村级 in it named them)
    sentences = [s for s in sentences if not _TITLE_LINE.fullmatch(s)]
    chosen = [s for s in sentences if _FOR_VILLAGES.search(s)] or sentences
    out = ""
    for sentence in chosen:
        if not sentence.endswith(_ENDS):  # a line of its own: not run into the next one
            sentence += "。"
        if out and len(out) + len(sentence) > limit:
            break
        out += sentence
    return out[:limit]
