"""Task requests (事项审核): what a department asks the villages to do, and the clerk's finding.

Every notice that reaches the township is recorded once, with the matcher's verdict and the
clerk's decision: on a list (the item is named), on the negative list (refused, citing the
item), or on no list (an admission case is opened, see :mod:`jianfu.domain.cases`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from jianfu.domain.demands import Demand
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.lists import ItemNature, KindMeaning
from jianfu.domain.text import check_length, check_required, clean
from jianfu.domain.verdicts import Verdict

if TYPE_CHECKING:
    from jianfu.domain.matching import CheckResult  # the matcher loads when a check runs

TITLE_MAX = 200
DOCUMENT_NUMBER_MAX = 60
DEPARTMENT_MAX = 60
TEXT_MAX = 20_000
NOTES_MAX = 1000


class TaskDecision(StrEnum):
    """The clerk's finding on a task; the value is what is shown and stored."""

    IN_LIST = "清单内"
    UNLISTED = "清单外"
    NEGATIVE = "负面"

    @property
    def label(self) -> str:
        """The finding as a clerk says it."""
        return {
            TaskDecision.IN_LIST: "清单内事项（准入）",
            TaskDecision.UNLISTED: "清单外事项（需报批）",
            TaskDecision.NEGATIVE: "负面清单事项（拒绝）",
        }[self]

    @classmethod
    def from_verdict(cls, verdict: Verdict) -> TaskDecision:
        """The decision the matcher's verdict suggests."""
        return {
            Verdict.ADMITTED: cls.IN_LIST,
            Verdict.NEGATIVE: cls.NEGATIVE,
        }.get(verdict, cls.UNLISTED)


#: the kind's meaning the item a finding cites must have (清单外 cites none)
CITED_MEANING: Mapping[TaskDecision, KindMeaning] = MappingProxyType(
    {TaskDecision.IN_LIST: KindMeaning.ADMITTED, TaskDecision.NEGATIVE: KindMeaning.REFUSE}
)


def finding_mismatch(
    decision: TaskDecision | None, item_name: str, kind_name: str, meaning: str | None
) -> str:
    """What is wrong when a recorded finding cites an item of another list (负面 with a
    协助办理事项, 清单内 with a negative one), or ''. The form refuses that since 2026-12-07;
    records saved before it keep it until the clerk corrects them."""
    wanted = CITED_MEANING.get(decision) if decision else None
    if wanted is None or not item_name or meaning is None or meaning == wanted.value:
        return ""
    return f"审核结论“{decision}”与对应清单事项“{item_name}”（{kind_name or '其他类别'}）不符"


class TaskDemand(StrEnum):
    """What a task demands of the villages (several may apply); the value is what is shown
    and stored (joined by 、, see :func:`demands_text`)."""

    FORMS = "报表台账"
    SIGNBOARDS = "挂牌"
    MECHANISM = "工作机制/专人专岗"
    ASSESSMENT = "考核评比/督查检查"
    APPS = "工作群/APP"
    CERTIFICATES = "证明"
    # the other forms the check reads (domain.demands.Demand), by the check's own names: a
    # notice's 代填问卷, 迎检作秀 … was read and shown in the check's lines but had no box, so
    # the record said nothing of it and the clerk could neither keep nor clear it
    PLEDGE = "责任状"
    QUOTA = "指标/任务数/摊派"
    COSTS = "转嫁费用"
    COLLECTION = "代收代缴"
    TICKETS = "12345工单承办"
    INVESTMENT = "招商引资"
    ENFORCEMENT = "执法"
    DEMOLITION = "征地拆迁"
    MEETING = "参加会议"
    HOSPITALITY = "招待接待"
    OFF_HOURS = "非工作时间派活"
    RELAY = "会议文件层层传达"
    SECONDMENT = "借调抽调"
    SHOW = "迎检作秀"
    SURVEY = "代答测评/代填问卷"
    # photos and check-ins as proof of work: read by the check as 拍照留痕/打卡 and shown so in
    # its lines, it ticked 工作群/APP; last, so that the boxes and codes before it stay as they were
    TRACE = "拍照留痕/打卡"


#: The demands the check reads from a notice -> the boxes of the intake form (each has one).
_FROM_DEMAND: dict[Demand, TaskDemand] = {
    Demand.FORMS: TaskDemand.FORMS,
    Demand.SIGNBOARD: TaskDemand.SIGNBOARDS,
    Demand.MECHANISM: TaskDemand.MECHANISM,
    Demand.ASSESSMENT: TaskDemand.ASSESSMENT,
    Demand.APPS: TaskDemand.APPS,
    Demand.TRACE: TaskDemand.TRACE,
    Demand.CERTIFICATE: TaskDemand.CERTIFICATES,
    Demand.PLEDGE: TaskDemand.PLEDGE,
    Demand.QUOTA: TaskDemand.QUOTA,
    Demand.COSTS: TaskDemand.COSTS,
    Demand.COLLECTION: TaskDemand.COLLECTION,
    Demand.TICKETS: TaskDemand.TICKETS,
    Demand.INVESTMENT: TaskDemand.INVESTMENT,
    Demand.ENFORCEMENT: TaskDemand.ENFORCEMENT,
    Demand.DEMOLITION: TaskDemand.DEMOLITION,
    Demand.MEETING: TaskDemand.MEETING,
    Demand.HOSPITALITY: TaskDemand.HOSPITALITY,
    Demand.OFF_HOURS: TaskDemand.OFF_HOURS,
    Demand.RELAY: TaskDemand.RELAY,
    Demand.SECONDMENT: TaskDemand.SECONDMENT,
    Demand.SHOW: TaskDemand.SHOW,
    Demand.SURVEY: TaskDemand.SURVEY,
}


def task_demands(demands: tuple[Demand, ...]) -> tuple[TaskDemand, ...]:
    """The intake form's boxes for the demands the check found, in the form's order."""
    got = {_FROM_DEMAND[d] for d in demands if d in _FROM_DEMAND}
    return tuple(d for d in TaskDemand if d in got)


def demands_text(demands: tuple[TaskDemand, ...]) -> str:
    """Demands as stored and shown: 报表台账、挂牌."""
    return "、".join(d.value for d in demands)


def parse_demands(text: str) -> tuple[TaskDemand, ...]:
    """The demands in a stored text; unknown words are ignored."""
    known = {d.value: d for d in TaskDemand}
    return tuple(known[p] for p in (text or "").split("、") if p in known)


@dataclass(frozen=True)
class CandidateSnapshot:
    """A matcher candidate as it was when the task was recorded (the list may change later)."""

    item: str
    kind: str
    score: float
    item_id: int | None = None


@dataclass(frozen=True)
class TaskInput:
    """A task as the clerk records it from the notice."""

    title: str  # document title (文件标题) or the task's name
    department: str
    received_on: dt.date | None
    decision: TaskDecision | None
    text: str = ""  # the notice text that was checked
    document_number: str = ""  # 文号
    all_villages: bool = True
    villages: tuple[str, ...] = ()  # chosen villages when not all
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    nature: ItemNature | None = None
    demands: tuple[TaskDemand, ...] = ()
    notes: str = ""
    item_id: int | None = None  # the confirmed list item (清单内 / 负面)
    item_name: str = ""
    item_kind: str = ""
    verdict: Verdict | None = None  # what the matcher said
    candidates: tuple[CandidateSnapshot, ...] = ()

    LABELS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "title": "文件标题",
            "department": "下派部门",
            "received_on": "收文日期",
            "decision": "审核结论",
            "text": "通知内容",
            "document_number": "文号",
            "villages": "涉及村(社区)",
            "start_date": "开始日期",
            "end_date": "结束日期",
            "nature": "事项性质",
            "demands": "对村(社区)的要求",
            "notes": "备注",
            "item_name": "对应清单事项",
        }
    )

    def cleaned(self, today: dt.date) -> TaskInput:
        """A trimmed copy, or ``ValidationError`` naming every bad field."""
        labels = self.LABELS
        title, department = clean(self.title), clean(self.department)
        number, notes = clean(self.document_number), clean(self.notes)
        text = (self.text or "").strip()
        problems: list[FieldProblem] = []
        problems += check_required("title", labels["title"], title, TITLE_MAX)
        problems += check_required("department", labels["department"], department, DEPARTMENT_MAX)
        problems += check_length("document_number", labels["document_number"], number,
                                 DOCUMENT_NUMBER_MAX)  # fmt: skip
        problems += check_length("notes", labels["notes"], notes, NOTES_MAX)
        if len(text) > TEXT_MAX:
            problems.append(
                FieldProblem("text", f"通知内容不能超过 {TEXT_MAX} 字（现有 {len(text)} 字）")
            )
        if self.received_on is None:
            problems.append(FieldProblem("received_on", "收文日期不能为空"))
        elif self.received_on > today:
            problems.append(
                FieldProblem("received_on", f"收文日期（{self.received_on}）不能晚于今天")
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            problems.append(
                FieldProblem(
                    "end_date",
                    f"结束日期（{self.end_date}）不能早于开始日期（{self.start_date}）",
                )
            )
        if self.nature in (ItemNature.TEMPORARY, ItemNature.STAGED) and self.end_date is None:
            problems.append(FieldProblem("end_date", f"{self.nature}事项须填写结束日期"))
        villages = tuple(dict.fromkeys(v for v in (clean(v) for v in self.villages) if v))
        if not self.all_villages and not villages:
            problems.append(FieldProblem("villages", "请选择涉及的村(社区)，或选“全部村(社区)”"))
        if self.decision is None:
            problems.append(FieldProblem("decision", "请确认审核结论：清单内、清单外或负面"))
        elif self.decision is not TaskDecision.UNLISTED and self.item_id is None:
            what = "清单内事项" if self.decision is TaskDecision.IN_LIST else "负面清单事项"
            problems.append(
                FieldProblem("item_name", f"结论为“{self.decision}”时须选定对应的{what}")
            )
        if problems:
            raise ValidationError(problems)
        cleaned = replace(
            self,
            title=title,
            department=department,
            document_number=number,
            notes=notes,
            text=text,
            villages=() if self.all_villages else villages,
        )
        if self.decision is TaskDecision.UNLISTED:
            return replace(cleaned, item_id=None, item_name="", item_kind="")
        return cleaned


@dataclass(frozen=True)
class Task:
    """A recorded task request."""

    id: int
    data: TaskInput
    recorded_by: str
    recorded_at: dt.datetime
    case_id: int | None = None
    case_status: str = ""
    #: the case's 编号 (2026-004), as the screens and the 审批表 name it; '' without a case
    case_serial: str = ""
    #: the level of the mechanism the case goes to (市, 县, 乡镇), which names its next step
    case_level: str = ""
    version: int = 1
    #: the township the task was recorded for, and its name (read for the levels above)
    township_id: int | None = None
    township: str = ""
    #: the finding cites an item of another list (:func:`finding_mismatch`); '' when it fits
    mismatch: str = ""

    @property
    def case_status_label(self) -> str:
        """Where its admission case stands as 准入审批 says it (待报县级审核 once the
        township's opinion is given, not the stored 乡镇意见); '' without a case."""
        from jianfu.domain.cases import CaseStatus, standing_label

        try:
            return standing_label(CaseStatus(self.case_status), self.case_level or "县")
        except ValueError:
            return self.case_status

    @property
    def villages_text(self) -> str:
        """全部村(社区) or the chosen names."""
        return "全部村(社区)" if self.data.all_villages else "、".join(self.data.villages)


def is_past_end(task: Task, today: dt.date) -> bool:
    """True for a temporary or staged task whose end date has passed (to be withdrawn)."""
    end = task.data.end_date
    return (
        end is not None
        and end < today
        and task.data.nature in (ItemNature.TEMPORARY, ItemNature.STAGED)
    )


def snapshot_candidates(result: CheckResult) -> tuple[CandidateSnapshot, ...]:
    """The result's candidates, kept with the task."""
    return tuple(
        CandidateSnapshot(c.item.name, c.kind, round(float(c.score), 1), c.item.id)
        for c in result.candidates
    )
