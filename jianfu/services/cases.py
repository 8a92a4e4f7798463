"""Use cases of admission cases (准入审批): open, move along, remind, print, add to a list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from jianfu.db import locks
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow, WorkdayOverrideRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import calendar as calendar_repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import tasks as repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.repositories.tasks import CaseFilter
from jianfu.db.township import UNREGISTERED
from jianfu.domain.case_levels import ROLE_STEPS
from jianfu.domain.cases import (
    COUNTY_OPINION,
    PENDING_STATUSES,
    AdmissionCase,
    ApprovalConditions,
    CaseAction,
    CaseDeadlines,
    CaseInput,
    CaseStatus,
    MechanismLevel,
    Reminder,
    action_text,
    case_deadlines,
    days_left,
    decision_due,
    format_date,
    period_text,
    reminders,
    standing_label,
    status_label,
    village_work_from_notice,
)
from jianfu.domain.errors import (
    ConflictError,
    FieldProblem,
    JianfuError,
    NotFoundError,
    ValidationError,
)
from jianfu.domain.lists import ListItem
from jianfu.domain.notices import notice_contact, work_name
from jianfu.domain.paging import Page
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.tasks import TaskDecision
from jianfu.domain.text import clean, with_id_numbers_masked
from jianfu.domain.workdays import WorkdayCalendar, estimate_warning
from jianfu.domain.workdays import warning_years as _years_in
from jianfu.services.context import AppContext, printed_name
from jianfu.services.lists import ListsService
from jianfu.services.people import lists_townships, write_refusal
from jianfu.services.records import load_for_update
from jianfu.services.units import counties_named

if TYPE_CHECKING:
    from jianfu.reports.approval_sheet import ApprovalSheetData
    from jianfu.reports.case_history import CaseHistoryData
    from jianfu.reports.letter import NoticeLetter

__all__ = ["CaseFilter", "CaseSummary", "CasesService", "WorkdayOverride"]

#: More villages than this print as "全部 N 个村(社区)" when they are all of them.
_LIST_VILLAGES_UP_TO = 8


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


#: the forward steps of the flow, in order
_FORWARD = (
    CaseAction.RECEIVE,
    CaseAction.SUBMIT_TOWNSHIP_OPINION,
    CaseAction.SUBMIT_COUNTY_REVIEW,
    CaseAction.REFER_TO_MECHANISM,
)
#: on a shared server, what each person's role may record: the steps of their level
#: (``domain.case_levels``, which the server's triggers of migration 0018 mirror), and the
#: clerk receives cases
_ROLE_ACTIONS = {
    role: frozenset(action for _from, action, _to in steps)
    | (frozenset({CaseAction.RECEIVE}) if role == "clerk" else frozenset())
    for role, steps in ROLE_STEPS.items()
}


#: what the clerk reads for each role
ROLE_LABELS = {"clerk": "乡镇经办", "reviewer": "县级审核", "mechanism": "协调机制"}
#: the statuses that wait for each level above the township
_QUEUES = {
    "reviewer": (CaseStatus.COUNTY_REVIEW,),
    "mechanism": (CaseStatus.MECHANISM_REVIEW,),
}


@dataclass(frozen=True)
class CaseSummary:
    """A case with its decision deadline as of today, for lists and reminders."""

    case: AdmissionCase
    due: dt.date | None  # None once decided or while returned for correction
    days_left: int | None
    overdue: bool
    warning: str = ""
    township: str = ""  # the township the case belongs to (shown above the township level)
    #: its township's name for the coordination mechanism (协调机制审批 → 县减负工作组审批)
    mechanism_name: str = ""

    @property
    def deadline_text(self) -> str:
        """还剩 3 个工作日 / 今天到期 / 已逾期 2 个工作日, or empty."""
        if self.due is None or self.days_left is None:
            return ""
        if self.overdue:
            return f"已逾期 {max(-self.days_left, 1)} 个工作日"
        if self.days_left == 0:
            return "今天到期"
        return f"还剩 {self.days_left} 个工作日"


@dataclass(frozen=True)
class WorkdayOverride:
    """A local exception to the official calendar."""

    day: dt.date
    is_workday: bool
    note: str = ""


class CasesService:
    """Admission cases for tasks on no list, with deadlines in working days."""

    def __init__(
        self,
        ctx: AppContext,
        lists: ListsService,
        now: Callable[[], dt.datetime] = _now,
    ) -> None:
        self.ctx = ctx
        self.lists = lists
        self.now = now

    # ---------------------------------------------------------------- calendar

    def calendar(self) -> WorkdayCalendar:
        """Imported schedules, the package and this township's overrides."""
        with self.ctx.unit_of_work() as s:
            return self._calendar(s)

    def overrides(self) -> list[WorkdayOverride]:
        """The local overrides, by date."""
        with self.ctx.unit_of_work() as s:
            return [WorkdayOverride(d, w, n) for d, (w, n) in repo.overrides(s).items()]

    def set_override(self, day: dt.date, is_workday: bool, note: str = "") -> WorkdayOverride:
        """Make ``day`` a working day or a day off, whatever the official calendar says."""
        note = clean(note)
        if len(note) > 100:
            raise ValidationError(FieldProblem("note", "说明不能超过 100 字"))
        with self.ctx.unit_of_work() as s:
            row = s.get(WorkdayOverrideRow, day)
            before = {"is_workday": row.is_workday, "note": row.note} if row else None
            if row is None:
                row = WorkdayOverrideRow(day=day)
                s.add(row)
            row.is_workday, row.note = is_workday, note
            audit.record(
                s,
                operator=self.ctx.operator,
                action="设置工作日",
                entity="workday_override",
                entity_id=None,
                before=before,
                after={"day": day.isoformat(), "is_workday": is_workday, "note": note},
            )
            return WorkdayOverride(day, is_workday, note)

    def set_override_range(
        self, first: dt.date, last: dt.date, is_workday: bool, note: str = ""
    ) -> list[WorkdayOverride]:
        """Make each day from ``first`` to ``last`` a working day or a day off (one audit entry)."""
        note = clean(note)
        if len(note) > 100:
            raise ValidationError(FieldProblem("note", "说明不能超过 100 字"))
        if last < first:
            raise ValidationError(FieldProblem("last", "结束日期不能早于开始日期"))
        if (last - first).days >= 366:
            raise ValidationError(FieldProblem("last", "一次最多设置一年（366 天）"))
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        with self.ctx.unit_of_work() as s:
            before = {}
            for day in days:
                row = s.get(WorkdayOverrideRow, day)
                if row is None:
                    row = WorkdayOverrideRow(day=day)
                    s.add(row)
                else:
                    before[day.isoformat()] = {"is_workday": row.is_workday, "note": row.note}
                row.is_workday, row.note = is_workday, note
            audit.record(
                s,
                operator=self.ctx.operator,
                action="设置工作日",
                entity="workday_override",
                entity_id=None,
                before=before or None,
                after={
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "is_workday": is_workday,
                    "note": note,
                },
            )
        return [WorkdayOverride(d, is_workday, note) for d in days]

    def remove_override(self, day: dt.date) -> None:
        """Go back to the official calendar for ``day``."""
        with self.ctx.unit_of_work() as s:
            row = s.get(WorkdayOverrideRow, day)
            if row is None:
                return
            audit.record(
                s,
                operator=self.ctx.operator,
                action="取消工作日设置",
                entity="workday_override",
                entity_id=None,
                before={"day": day.isoformat(), "is_workday": row.is_workday, "note": row.note},
            )
            s.delete(row)

    def deadlines(self, received: dt.date, start: dt.date) -> CaseDeadlines:
        """The notice check and the decision due date for a request."""
        with self.ctx.unit_of_work() as s:
            return case_deadlines(
                received, start, self._calendar(s), settings_repo.load_township(s)
            )

    def settings(self) -> TownshipSettings:
        """The township settings (levels, the mechanism's name, time limits)."""
        with self.ctx.unit_of_work() as s:
            return settings_repo.load_township(s)

    # ---------------------------------------------------------------- opening and moving

    def request_for_task(self, task_id: int) -> CaseInput:
        """A case request filled from a recorded task, for the clerk to complete; its title is
        the name of the work the notice asks for (关于开展……的通知 named the notice)."""
        with self.ctx.unit_of_work() as s:
            task = repo.get_task(s, task_id)
            if task is None:
                raise NotFoundError("找不到这条事项记录。")
            villages = task.data.villages
            if task.data.all_villages:
                town = s.get(TaskRequestRow, task_id)
                township_id = town.township_id if town is not None else None
                villages = tuple(repo.village_names(s, township_id).values())
        d = task.data
        contact, phone = notice_contact(d.text)  # 联系人：王丽，电话：6120088
        return CaseInput(
            title=work_name(d.title),  # the work, not the notice: 关于开展X的通知 → X
            department=d.department,
            content=village_work_from_notice(d.text),
            villages=villages,
            start_date=d.start_date,
            received_on=d.received_on or self.now().date(),
            nature=d.nature,
            end_date=d.end_date,
            document_number=d.document_number,
            contact=contact,
            phone=phone,
        )

    def open_case(
        self,
        task_id: int,
        request: CaseInput,
        *,
        accept_short_notice: bool = False,
        comment: str = "",
    ) -> AdmissionCase:
        """Receive (已受理) the task recorded as 清单外; one case per task."""
        with self.ctx.unit_of_work() as s:
            calendar = self._calendar(s)
            task = s.get(TaskRequestRow, task_id)
            if task is None:
                raise NotFoundError("找不到这条事项记录。")
            # the case is the task's township's, under its time limits (an administrator may
            # receive it for any township; a clerk sees only their own tasks)
            settings = self._township_settings(s, task.township_id)
            if task.decision != TaskDecision.UNLISTED.value:
                raise ValidationError(
                    FieldProblem(
                        "decision",
                        f"只有清单外事项才需要准入审批（这条事项的审核结论是“{task.decision}”）",
                    )
                )
            # The year's next 受理编号 and "one case per task" are read, then written: a
            # colleague receiving a case at the same moment waits for this one.
            locks.serialise(s, locks.CASE_SERIAL, request.received_on.year)
            if repo.case_ids_for_tasks(s, [task_id]):
                raise ConflictError("这条事项已经受理过准入申请，不能重复受理。")
            request = request.cleaned(calendar, settings, accept_short_notice=accept_short_notice)
            if request.department_id is None:
                request = replace(request, department_id=task.department_id)
            case = AdmissionCase.open(
                request, at=self.now(), operator=self.ctx.operator, settings=settings,
                comment=comment,
            )  # fmt: skip
            case = replace(
                case,
                task_id=task_id,
                serial_number=repo.next_serial(s, request.received_on.year),
            )
            row = repo.new_case_row(case)
            row.township_id = task.township_id
            s.add(row)
            s.flush()
            saved = repo.case_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="受理准入申请",
                entity="admission_case",
                entity_id=row.id,
                after=_audit_view(saved),
            )
            return saved

    def advance(
        self,
        case_id: int,
        action: CaseAction,
        expected_version: int,
        *,
        comment: str = "",
        conditions: ApprovalConditions | None = None,
    ) -> AdmissionCase:
        """Record one step; an illegal step, a step above the person's level or a stale case
        changes nothing."""
        self._check_role(action)
        try:
            return self._advance(case_id, action, expected_version, comment, conditions)
        except ConflictError as exc:
            raise self._taken(case_id, action) from exc

    def _taken(self, case_id: int, action: CaseAction) -> ConflictError:
        """Someone else moved the case first: say who, what and where it stands now."""
        try:
            now = self.get(case_id)
        except JianfuError:
            return ConflictError("这个案件刚被其他人办理过，本次未保存。请刷新后查看。")
        last = now.history[-1]
        return ConflictError(
            f"案件“{now.request.title}”刚被{last.operator}办理过"
            f"（{last.at:%Y-%m-%d %H:%M}“{last.action}”，"
            f"现为“{standing_label(now.status, now.level)}”），"
            f"您的“{action}”未保存。请刷新后查看。"
        )

    def _advance(
        self,
        case_id: int,
        action: CaseAction,
        expected_version: int,
        comment: str,
        conditions: ApprovalConditions | None,
    ) -> AdmissionCase:
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, AdmissionCaseRow, case_id, expected_version, "准入审批案件")
            before = repo.case_to_domain(row)
            after = before.advance(
                action,
                at=max(self.now(), before.history[-1].at),
                operator=self.ctx.operator,
                comment=comment,
                conditions=conditions,
            )
            repo.apply_advance(row, after)
            s.flush()
            saved = repo.case_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action=f"准入审批：{action}",
                entity="admission_case",
                entity_id=row.id,
                before=_audit_view(before),
                after=_audit_view(saved),
            )
            return saved

    def forward(self, case_id: int, opinion: str) -> AdmissionCase:
        """Record the connected person's opinion and send the case on to the next level.

        The next step follows from the case's status (乡镇意见 → 县级审核 → 协调机制); on a
        shared server each person may only act at their own level (the database checks too).
        """
        case = self.get(case_id)
        forward = [a for a in case.allowed_actions() if a in _FORWARD]
        if not forward:
            raise ValidationError(
                FieldProblem(
                    "status", f"案件 {case_id} 现为“{case.status}”，没有可以上报的下一环节"
                )
            )
        self._check_role(forward[0])
        return self.advance(case_id, forward[0], case.version, comment=clean(opinion))

    def decide(
        self,
        case_id: int,
        approve: bool,
        opinion: str,
        conditions: ApprovalConditions | None = None,
    ) -> AdmissionCase:
        """The mechanism's decision; 批准 takes the requested period and funds unless given."""
        case = self.get(case_id)
        action = CaseAction.APPROVE if approve else CaseAction.REFUSE
        self._check_role(action)
        if approve and conditions is None:
            r = case.request
            conditions = ApprovalConditions(
                start_date=r.start_date, end_date=r.end_date, conditions=clean(opinion),
                funding=r.funding,
            )  # fmt: skip
        return self.advance(
            case_id,
            action,
            case.version,
            comment=clean(opinion),
            conditions=conditions if approve else None,
        )

    @property
    def across_levels(self) -> bool:
        """A shared server where the county reviewer records the county's step himself."""
        return self.ctx.person is not None

    @property
    def role(self) -> str | None:
        """The connected person's role on a shared server (clerk, reviewer …); None: all steps."""
        role = getattr(self.ctx.person, "role", None)
        return None if role in (None, "admin") else str(role)

    def actions_for(self, case: AdmissionCase) -> list[CaseAction]:
        """The steps the case allows that the connected person may record."""
        role = self.role
        allowed = case.allowed_actions()
        if role is None:
            return list(allowed)
        # the level's own steps from this status only, as the server's trigger has them: the
        # reviewer returns a case at 县级审核, not one still at the township
        mine = {(old, action) for old, action, _new in ROLE_STEPS.get(role, frozenset())}
        return [a for a in allowed if (case.status, a) in mine]

    def queue(self) -> tuple[CaseStatus, ...]:
        """The statuses waiting for the connected person (``()``: a township's own work)."""
        return _QUEUES.get(self.role or "", ())

    def queue_count(self, townships: tuple[int, ...] = ()) -> int:
        """How many cases wait in the connected person's queue (0: no queue, a township's;
        of ``townships`` only when given)."""
        statuses = self.queue()
        if not statuses:
            return 0
        f = CaseFilter(statuses=statuses, townships=townships)
        with self.ctx.unit_of_work() as s:
            return repo.cases_page(s, f, 0, 0).total

    def _check_role(self, action: CaseAction) -> None:
        role = self.role
        if role is None:
            return  # one township's own file, the owner, or an administrator
        allowed = _ROLE_ACTIONS.get(role, frozenset())
        if role == UNREGISTERED:
            raise ValidationError(FieldProblem("status", write_refusal(self.ctx.person)))
        if action not in allowed:
            who = ROLE_LABELS.get(role, role)
            raise ValidationError(FieldProblem("status", f"{who}人员不能办理“{action}”这一环节"))

    # ---------------------------------------------------------------- reading

    def get(self, case_id: int) -> AdmissionCase:
        """One case with its whole history."""
        with self.ctx.unit_of_work() as s:
            row = s.get(AdmissionCaseRow, case_id)
            if row is None:
                raise NotFoundError(f"找不到编号为 {case_id} 的准入审批案件。")
            return repo.case_to_domain(row)

    def summary(self, case: AdmissionCase, today: dt.date | None = None) -> CaseSummary:
        """The case's deadline as of ``today``."""
        return self._summaries([case], self.calendar(), today or self.now().date())[0]

    def page(
        self,
        f: CaseFilter,
        offset: int = 0,
        limit: int = 200,
        today: dt.date | None = None,
    ) -> Page[CaseSummary]:
        """One page of cases, newest first, each with its deadline; above the township the
        cases waiting for the connected person's level come first, the nearest deadline (the
        longest overdue) first (newest first put the most overdue at the bottom). ``f.sort``
        (a header clicked) orders them all by that column instead; by 审批期限 the cases under
        review by their deadline, then the others (no deadline runs) newest first."""
        today = today or self.now().date()
        # by 审批期限 the cases under review (a deadline runs) first, by it; else a level's
        # queue, unless a header orders the list
        queue = frozenset(() if f.sort else self.queue())
        first = PENDING_STATUSES if f.sort == "due" else queue
        mine = tuple(st for st in (f.statuses or tuple(CaseStatus)) if st in first)
        with self.ctx.unit_of_work() as s:
            calendar = self._calendar(s)
            if mine:
                found, total = self._queue_first(s, f, mine, offset, limit, calendar, today)
            else:
                page = repo.cases_page(s, f, offset, limit)
                found, total = self._summaries(page.rows, calendar, today), page.total
            cases = [summary.case for summary in found]
            towns = self._township_names(s, {c.township_id for c in cases})
            # each case's own township's settings, whoever reads it (the levels above too)
            ids = {c.township_id for c in cases if c.township_id is not None}
            mechanisms = settings_repo.field_of_townships(s, "mechanism_name", ids)
        rows = [
            replace(
                summary,
                township=towns.get(summary.case.township_id, ""),
                mechanism_name=str(mechanisms.get(summary.case.township_id or 0) or ""),
            )
            for summary in found
        ]
        return Page(rows, total, offset)

    def _queue_first(
        self,
        s: Session,
        f: CaseFilter,
        mine: tuple[CaseStatus, ...],
        offset: int,
        limit: int,
        calendar: WorkdayCalendar,
        today: dt.date,
    ) -> tuple[list[CaseSummary], int]:
        """The rows ``offset`` to ``offset + limit`` of the cases waiting at ``mine`` (all read:
        a deadline follows from each case's history and the calendar, not from one column),
        most urgent first (``f.descending``: the farthest deadline first), then the other
        cases ``f`` selects, newest first; and the total."""
        waiting = sorted(
            self._summaries(repo.cases_of(s, replace(f, statuses=mine)), calendar, today),
            key=_urgency,
            reverse=f.descending,
        )
        found = waiting[offset : offset + limit]
        total = len(waiting)
        rest = tuple(st for st in (f.statuses or tuple(CaseStatus)) if st not in mine)
        if rest:
            page = repo.cases_page(
                s,
                replace(f, statuses=rest, sort="", descending=False),
                max(offset - total, 0),
                limit - len(found),
            )
            found += self._summaries(page.rows, calendar, today)
            total += page.total
        return found, total

    def reminders(
        self, today: dt.date | None = None, within: int = 3, townships: tuple[int, ...] = ()
    ) -> list[Reminder]:
        """Cases overdue or due within ``within`` working days, and approvals past their end
        (of ``townships`` only when given: 首页's, those its figures count)."""
        today = today or self.now().date()
        statuses = self.queue() or tuple(PENDING_STATUSES)
        with self.ctx.unit_of_work() as s:
            cases = repo.reminder_candidates(
                s,
                [st.value for st in statuses],
                today,
                expired=not self.queue(),
                townships=townships,
            )
            calendar = self._calendar(s)
            ids: set[int | None] = {c.township_id for c in cases if c.township_id is not None}
            # a list of several townships' cases names each case's, also when only one
            # township's are due now (the reviewer read a bare title once two were dealt with)
            several = len(ids) > 1 or lists_townships(self.ctx)
            towns = self._township_names(s, ids) if ids and several else {}
        return _named(reminders(cases, today, calendar, within), towns)

    def estimated_deadlines(
        self, today: dt.date | None = None, townships: tuple[int, ...] = ()
    ) -> tuple[int, str]:
        """How many pending cases have an estimated deadline, and the warning to show (of
        ``townships`` only when given)."""
        f = CaseFilter(statuses=tuple(PENDING_STATUSES), townships=townships)
        page = self.page(f, 0, 10_000, today)
        return _estimates([s.warning for s in page.rows])

    def reminders_and_estimates(
        self, today: dt.date | None = None, within: int = 3
    ) -> tuple[list[Reminder], tuple[int, str]]:
        """``reminders()`` and ``estimated_deadlines()`` from one reading of the open cases:
        准入审批 shows both, and each read the open cases with their histories on its own (the
        estimates with their townships' names and settings, for their warnings alone)."""
        today = today or self.now().date()
        queue = self.queue()
        pending = [st.value for st in PENDING_STATUSES]
        with self.ctx.unit_of_work() as s:
            cases = repo.reminder_candidates(s, pending, today, expired=not queue)
            calendar = self._calendar(s)
            # the levels above are reminded of their own queue; the estimates count every
            # pending case, as the list of pending cases shows them
            mine = [c for c in cases if c.status in queue] if queue else cases
            ids: set[int | None] = {c.township_id for c in mine if c.township_id is not None}
            several = len(ids) > 1 or lists_townships(self.ctx)
            towns = self._township_names(s, ids) if ids and several else {}
        found = _named(reminders(mine, today, calendar, within), towns)
        warnings = [days_left(c, today, calendar).warning for c in cases if c.is_pending]
        return found, _estimates(warnings)

    # ---------------------------------------------------------------- into the next list

    def add_to_edition(self, case_id: int, edition_id: int, kind: str = "assist") -> ListItem:
        """Add an approved task as an item of a draft list edition (the next edition)."""
        case = self.get(case_id)
        if case.status is not CaseStatus.APPROVED:
            raise ValidationError(
                FieldProblem("status", f"只有已批准准入的事项才能列入清单（当前为“{case.status}”）")
            )
        if case.list_item_id is not None:
            raise ConflictError("这个事项已经列入过清单，不能重复列入。")
        r, c = case.request, case.conditions
        assert c is not None
        item = self.lists.save_item(
            ListItem(
                kind=kind,
                name=r.title,
                content=r.content,
                basis=r.basis or r.document_number,
                department=r.department,
                nature=r.nature,
                funding=c.funding,
                notes=f"经准入审批批准（编号 {case.serial_number}）"
                + (f"；{c.conditions}" if c.conditions else ""),
                edition_id=edition_id,
            )
        )
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, AdmissionCaseRow, case_id, case.version, "准入审批案件")
            row.list_item_id = item.id
            audit.record(
                s,
                operator=self.ctx.operator,
                action="列入清单",
                entity="admission_case",
                entity_id=case_id,
                after={"list_item_id": item.id, "edition_id": edition_id},
            )
        return item

    # ---------------------------------------------------------------- prints

    def approval_sheet_data(self, case_id: int) -> ApprovalSheetData:
        """The 审批表 filled from the case; opinions come from the steps' comments."""
        from jianfu.reports.approval_sheet import ApprovalSheetData

        case = self.get(case_id)
        with self.ctx.unit_of_work() as s:  # the case's township's settings, at every level
            settings = self._township_settings(s, case.township_id)
            town, county = (
                units_repo.township_and_county(s, case.township_id)
                if case.township_id is not None
                else ("", "")
            )
        # the township that sends the sheet, by its unit (else its settings); led by its
        # county where the case goes above the township (南屏县清溪镇): there it is one of many
        town = town or settings.township_name
        if case.level is not MechanismLevel.TOWNSHIP and town:
            town = f"{county or settings.county_name}{town}"
        r = case.request
        opinions = {step.action: step.comment for step in case.history}
        decision = opinions.get(CaseAction.APPROVE) or opinions.get(CaseAction.REFUSE) or ""
        steps = {step.action: step for step in case.history}

        def signed(*actions: CaseAction) -> str:
            """Who recorded the level's opinion in the app and when (the latest such step)."""
            step = next((steps[a] for a in actions if a in steps), None)
            if step is None:
                return ""
            # a login name (root) is no 经办人: room to write the name by hand instead
            name = printed_name(step.operator) or "　" * 4
            return f"{name}　{format_date(step.at.date())}"

        # the county's opinion is written on referring the case to the mechanism (by the county
        # reviewer, or in a township's own file by its clerk); what was written on sending it
        # up is the township's 报送说明, never the county's opinion. Only a case of a township's
        # own file from before db6744d, whose clerk wrote the county's opinion in the box of
        # 提交县级审核 that then said so (marked by migration 0037), prints that one, and only
        # when 报协调机制 says nothing
        county_step = CaseAction.REFER_TO_MECHANISM
        sent_up = steps.get(CaseAction.SUBMIT_COUNTY_REVIEW)
        if (
            not opinions.get(CaseAction.REFER_TO_MECHANISM)
            and sent_up is not None
            and sent_up.comment
            and sent_up.written_as == COUNTY_OPINION
        ):
            county_step = CaseAction.SUBMIT_COUNTY_REVIEW

        start, end = r.start_date, r.end_date
        funding, support = r.funding, r.support
        if case.conditions is not None:
            start = case.conditions.start_date or start
            end = case.conditions.end_date or end
            funding = case.conditions.funding or funding
            support = case.conditions.staffing or support
            # the mechanism's conditions (每季度报送一次…) were nowhere on the sheet the
            # township hands the department: they go under its opinion
            terms = case.conditions.conditions.strip()
            if terms and terms not in decision:
                decision = f"{decision}\n准入条件：{terms}" if decision else f"准入条件：{terms}"
        sheet = ApprovalSheetData(
            item_name=r.title,
            # the county the township's unit is under, where known (a city's other counties'
            # townships keep no settings of their own); else what the settings say
            region=county or settings.county_name or settings.city_name,
            township=town,
            applicant_unit=r.department,
            contact_person=r.contact,
            contact_phone=r.phone,
            serial_number=case.serial_number,
            filled_on=r.received_on,
            basis=" ".join(dict.fromkeys(x for x in (r.document_number, r.basis) if x)),
            nature=r.nature.value if r.nature else "",
            village_work=r.content,
            villages=self._villages_text(r.villages),
            village_count=len(r.villages),
            start_date=start,
            end_date=end,
            delegated_powers=r.delegated_powers,
            funding=funding,
            support=support,
            assessment=r.assessment,
            township_opinion=opinions.get(CaseAction.SUBMIT_TOWNSHIP_OPINION, ""),
            county_opinion=opinions.get(county_step, ""),
            mechanism_opinion=decision,
            township_signed=signed(CaseAction.SUBMIT_TOWNSHIP_OPINION),
            county_signed=signed(county_step),  # who wrote the opinion printed, and when
            mechanism_signed=signed(CaseAction.APPROVE, CaseAction.REFUSE),
            mechanism_name=settings.mechanism_name or "协调机制",
            notes=self._deadline_note(case),
        )
        # the sheet goes to the county: an ID number typed into an opinion is masked there
        return with_id_numbers_masked(sheet)

    def _deadline_note(self, case: AdmissionCase) -> str:
        """审批期限 for a pending case, saying when it is an estimate (for the 备注 row)."""
        summary = self.summary(case)
        if summary.due is None:
            return ""
        text = f"审批期限：{format_date(summary.due)}"
        if summary.warning:  # one line, so that the sheet stays on one page
            years = "、".join(f"{y}年" for y in _years_in(summary.warning))
            text += f"（估计日期：{years}节假日安排尚未导入）"
        return text

    def print_approval_sheet(
        self, case_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The 审批表 as PDF bytes; refused with UnprintableError when no installed font has
        a character of it, unless ``allow_missing`` (then it prints as □)."""
        from jianfu.reports.approval_sheet import build_approval_sheet_pdf
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of

        font_set = fonts or find_fonts()
        data = self.approval_sheet_data(case_id)
        refuse_unprintable(font_set, text_of(data), allow_missing)  # type: ignore[arg-type]
        return build_approval_sheet_pdf(data, fonts=font_set)  # type: ignore[arg-type]

    def refusal_letter(self, case_id: int) -> NoticeLetter:
        """The 不予准入告知书 to the department, for a refused case."""
        from jianfu.reports.letter import NoticeLetter

        case = self.get(case_id)
        if case.status is not CaseStatus.REFUSED:
            raise ValidationError(
                FieldProblem(
                    "status", f"只有“不予准入”的案件才能出具告知书（当前为“{case.status}”）"
                )
            )
        with self.ctx.unit_of_work() as s:  # the case's township's letter, at every level
            settings = self._township_settings(s, case.township_id)
        r = case.request
        reason = next(
            (st.comment for st in reversed(case.history) if st.action is CaseAction.REFUSE), ""
        )
        mechanism = settings.mechanism_name or "协调机制"
        doc = f"（{r.document_number}）" if r.document_number else ""
        phone = f"（电话：{settings.phone}）" if settings.phone else ""
        issuer = f"{settings.township_name}党委组织办" if settings.township_name else ""
        decided = case.history[-1].at.date()
        letter = NoticeLetter(
            title="村(社区)工作事项不予准入告知书",
            document_number=f"编号：{case.serial_number}" if case.serial_number else "",
            addressee=r.department,
            paragraphs=(
                f"贵单位于{format_date(r.received_on)}提出的“{r.title}”{doc}准入申请收悉。"
                f"该事项不在本地区村(社区)工作事项准入清单之内，清单外事项须经{mechanism}"
                f"审批方可交由村(社区)承担。该机制于{format_date(decided)}审议，决定不予准入"
                + (f"，理由是：{_reason(reason)}。" if _reason(reason) else "。"),
                "该项工作请由贵单位依职责自行承担。村(社区)可以拒绝承担不予准入的事项，"
                "贵单位不得要求村(社区)承担，不得就该事项对村(社区)进行考核、评比、通报或要求"
                "提供台账资料。",
                "如确需村(社区)协助，可在补充完善依据、经费和人员保障后重新提出申请。"
                f"如有疑问，请与{settings.township_name or '乡镇(街道)'}党委组织办联系{phone}。"
                "特此告知。",
            ),
            issuer=issuer,
            date=decided,
        )
        return with_id_numbers_masked(letter)

    def print_refusal_letter(
        self, case_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The 不予准入告知书 as PDF bytes; refused like :meth:`print_approval_sheet`."""
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of
        from jianfu.reports.letter import build_letter_pdf

        font_set = fonts or find_fonts()
        letter = self.refusal_letter(case_id)
        refuse_unprintable(font_set, text_of(letter), allow_missing)  # type: ignore[arg-type]
        return build_letter_pdf(letter, fonts=font_set)  # type: ignore[arg-type]

    def history_data(self, case_id: int) -> CaseHistoryData:
        """The case's request and every step, for printing."""
        from jianfu.reports.case_history import CaseHistoryData, HistoryStep

        case = self.get(case_id)
        above = lists_townships(self.ctx)
        with self.ctx.unit_of_work() as s:  # the case's township's settings, at every level
            settings = self._township_settings(s, case.township_id)
            # printed above the township: whose case, as the list names it (南屏县/城关镇 for
            # a city: its counties have townships of one name)
            town = self._township_names(s, {case.township_id}) if above else {}
        r = case.request
        period = period_text(r.start_date, r.end_date)
        township = town.get(case.township_id, "")
        facts: list[tuple[str, str]] = [
            *([("乡镇(街道)", township)] if township else []),
            ("申请单位", r.department),
            ("文号", r.document_number or "—"),
            ("收文日期", format_date(r.received_on)),
            ("实施期限", period),
            ("涉及村(社区)", self._villages_text(r.villages)),
        ]
        if case.conditions is not None:
            c = case.conditions
            facts.append(("准入条件", c.conditions or "—"))
            facts.append(("经费保障", c.funding))
            facts.append(("人员保障", c.staffing or "—"))
        summary = self.summary(case)
        if summary.due is not None:
            estimate = f"；估计日期：{summary.warning}" if summary.warning else ""
            facts.append(
                ("审批期限", f"{format_date(summary.due)}（{summary.deadline_text}{estimate}）")
            )
        steps = [
            HistoryStep(
                st.at,
                status_label(st.status, settings),
                action_text(st.action, self.across_levels),
                printed_name(st.operator),
                st.comment,
            )
            for st in case.history
        ]
        history = CaseHistoryData(
            title=r.title,
            serial_number=case.serial_number,
            facts=facts,
            steps=steps,
            status=standing_label(case.status, case.level, settings),
            printed_on=self.now().date(),
        )
        return with_id_numbers_masked(history)

    def print_history(
        self, case_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The case history as PDF bytes; refused like :meth:`print_approval_sheet`."""
        from jianfu.reports.case_history import build_case_history_pdf
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of

        font_set = fonts or find_fonts()
        data = self.history_data(case_id)
        refuse_unprintable(font_set, text_of(data), allow_missing)  # type: ignore[arg-type]
        return build_case_history_pdf(data, fonts=font_set)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- helpers

    def _township_names(self, s: Session, ids: set[int | None]) -> dict[int | None, str]:
        """The townships ``ids`` as the lists name the cases' townships: each led by its
        county (南屏县/城关镇) where the reader's area holds more than one (a city's mechanism,
        a city's file): a township's name repeats across counties, and two 石门乡 were one."""
        return repo.township_names(s, ids, with_county=counties_named(self.ctx, s))

    @staticmethod
    def _calendar(s: Session) -> WorkdayCalendar:
        return calendar_repo.calendar(s)

    @staticmethod
    def _township_settings(s: Session, township_id: int | None) -> TownshipSettings:
        """A record's own township's settings (the session's when it has none)."""
        if township_id is None:
            return settings_repo.load_township(s)
        return settings_repo.load_for(s, township_id)

    def _villages_text(self, villages: tuple[str, ...]) -> str:
        if len(villages) <= _LIST_VILLAGES_UP_TO:
            return "、".join(villages)
        # The sheet adds the count: 清溪村、溪口村……等（共13个）
        return "、".join(villages[:_LIST_VILLAGES_UP_TO]) + "等"

    @staticmethod
    def _summaries(
        cases: list[AdmissionCase], calendar: WorkdayCalendar, today: dt.date
    ) -> list[CaseSummary]:
        out = []
        for case in cases:
            if not case.is_pending:
                out.append(CaseSummary(case, None, None, False))
                continue
            due = decision_due(case, calendar)
            left = days_left(case, today, calendar)
            assert isinstance(due.value, dt.date) and isinstance(left.value, int)
            out.append(CaseSummary(case, due.value, left.value, today > due.value, left.warning))
        return out


def _urgency(summary: CaseSummary) -> tuple[dt.date, dt.date, int]:
    """The order of the cases waiting for a level: due first, then received first."""
    case = summary.case
    return (summary.due or dt.date.max, case.request.received_on, case.id or 0)


def _named(found: list[Reminder], towns: dict[int | None, str]) -> list[Reminder]:
    """Each reminder led by its case's township when the list spans several."""
    if not towns:  # one township's list: its name would only repeat on every line
        return found
    return [replace(r, township=towns.get(r.case.township_id, "") if r.case else "") for r in found]


def _estimates(warnings: list[str]) -> tuple[int, str]:
    """How many deadlines are estimates, and the warning naming their years."""
    warnings = [w for w in warnings if w]
    years = sorted({y for w in warnings for y in _years_in(w)})
    return len(warnings), estimate_warning(years)


def _reason(comment: str) -> str:
    """The mechanism's reason for a refusal, as the letter quotes it: without its closing
    full stop and without a closing 不予准入 the letter has just said."""
    text = comment.strip().rstrip("。.；; ")
    for ending in ("，故不予准入", "，不予准入", "，决定不予准入", "不予准入"):
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)].rstrip("，,。 ")
            break
    return text


def _audit_view(case: AdmissionCase) -> dict[str, object]:
    """The case for the audit trail: its status, request and conditions (not the history)."""
    r = case.request
    return {
        "serial_number": case.serial_number,
        "status": case.status.value,
        "title": r.title,
        "department": r.department,
        "received_on": r.received_on.isoformat(),
        "start_date": r.start_date.isoformat() if r.start_date else None,
        "end_date": r.end_date.isoformat() if r.end_date else None,
        "villages": len(r.villages),
        "last_step": {
            "action": case.history[-1].action.value,
            "operator": case.history[-1].operator,
            "comment": case.history[-1].comment,
        },
        "conditions": (
            None
            if case.conditions is None
            else {
                "start": str(case.conditions.start_date),
                "end": str(case.conditions.end_date),
                "conditions": case.conditions.conditions,
                "funding": case.conditions.funding,
                "staffing": case.conditions.staffing,
            }
        ),
    }
