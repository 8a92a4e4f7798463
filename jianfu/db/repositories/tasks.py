"""Task requests, admission cases and workday overrides: rows ↔ domain objects, queries."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy import case as sa_case
from sqlalchemy.orm import QueryableAttribute, Session, aliased, selectinload

from jianfu.db.models import ListKindRow, UnitRow
from jianfu.db.models_tasks import (
    AdmissionCaseRow,
    CaseStepRow,
    TaskCandidateRow,
    TaskRequestRow,
    TaskVillageRow,
    WorkdayOverrideRow,
)
from jianfu.db.repositories._search import contains_any
from jianfu.domain.cases import (
    AdmissionCase,
    ApprovalConditions,
    CaseAction,
    CaseInput,
    CaseStatus,
    CaseStep,
    MechanismLevel,
)
from jianfu.domain.collation import sorted_texts
from jianfu.domain.lists import ItemNature, KindMeaning
from jianfu.domain.paging import Page
from jianfu.domain.tasks import (
    CandidateSnapshot,
    Task,
    TaskDecision,
    TaskInput,
    demands_text,
    finding_mismatch,
    parse_demands,
)
from jianfu.domain.units import UnitType, township_label
from jianfu.domain.verdicts import Verdict

VILLAGE_SEPARATOR = "、"

# ---------------------------------------------------------------- tasks


@dataclass(frozen=True)
class TaskFilter:
    """What the recorded-tasks list shows."""

    query: str = ""
    decision: TaskDecision | None = None
    department: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    #: only records whose finding cites an item of another list (:func:`finding_mismatch`)
    mismatched: bool = False


def task_to_domain(row: TaskRequestRow, village_names: dict[int, str]) -> Task:
    """A task row (with its candidates and villages loaded) as a domain object."""
    data = TaskInput(
        title=row.title,
        department=row.department,
        received_on=row.received_on,
        decision=TaskDecision(row.decision),
        text=row.text,
        document_number=row.document_number,
        all_villages=row.all_villages,
        villages=tuple(
            sorted(
                (village_names.get(link.unit_id, "") for link in row.village_links),
            )
        ),
        start_date=row.start_date,
        end_date=row.end_date,
        nature=ItemNature(row.nature) if row.nature else None,
        demands=parse_demands(row.demands),
        notes=row.notes,
        item_id=row.item_id,
        item_name=row.item_name,
        item_kind=row.item_kind,
        verdict=Verdict(row.verdict) if row.verdict else None,
        candidates=tuple(
            CandidateSnapshot(c.item_name, c.kind, c.score, c.item_id) for c in row.candidates
        ),
    )
    return Task(
        id=row.id,
        data=data,
        recorded_by=row.recorded_by,
        recorded_at=row.created_at,
        version=row.version,
        township_id=row.township_id,
    )


def new_task_row(data: TaskInput, unit_ids: list[int], department_id: int | None,
                 operator: str) -> TaskRequestRow:  # fmt: skip
    """A row for a cleaned task input."""
    assert data.received_on is not None and data.decision is not None
    row = TaskRequestRow(
        title=data.title,
        department=data.department,
        department_id=department_id,
        document_number=data.document_number,
        received_on=data.received_on,
        text=data.text,
        all_villages=data.all_villages,
        start_date=data.start_date,
        end_date=data.end_date,
        nature=data.nature.value if data.nature else None,
        demands=demands_text(data.demands),
        notes=data.notes,
        verdict=data.verdict.value if data.verdict else None,
        decision=data.decision.value,
        item_id=data.item_id,
        item_name=data.item_name,
        item_kind=data.item_kind,
        recorded_by=operator,
    )
    row.candidates = [
        TaskCandidateRow(rank=n, item_id=c.item_id, item_name=c.item, kind=c.kind, score=c.score)
        for n, c in enumerate(data.candidates, start=1)
    ]
    row.village_links = [TaskVillageRow(unit_id=u) for u in unit_ids]
    return row


def village_names(
    session: Session, township_id: int | None = None, ids: Collection[int] | None = None
) -> dict[int, str]:
    """Every village's id → name, or those of ``township_id`` (the townships are no villages),
    or only those of ``ids``."""
    stmt = select(UnitRow.id, UnitRow.name).where(
        UnitRow.type.in_([t.value for t in UnitType.village_types()])
    )
    if township_id is not None:
        stmt = stmt.where(UnitRow.parent_id == township_id)
    if ids is not None:
        stmt = stmt.where(UnitRow.id.in_(sorted(ids)))
    return {r.id: r.name for r in session.execute(stmt.order_by(UnitRow.sort_order, UnitRow.id))}


def _task_filtered(f: TaskFilter) -> Select[TaskRequestRow]:
    stmt = select(TaskRequestRow)
    if f.query:
        columns = (
            TaskRequestRow.title,
            TaskRequestRow.department,
            TaskRequestRow.document_number,
            TaskRequestRow.item_name,
            TaskRequestRow.notes,
        )
        stmt = stmt.where(contains_any(columns, f.query, ignore_case=False))
    if f.decision is not None:
        stmt = stmt.where(TaskRequestRow.decision == f.decision.value)
    if f.department:
        stmt = stmt.where(TaskRequestRow.department == f.department)
    if f.received_from is not None:
        stmt = stmt.where(TaskRequestRow.received_on >= f.received_from)
    if f.received_to is not None:
        stmt = stmt.where(TaskRequestRow.received_on <= f.received_to)
    if f.mismatched:
        stmt = stmt.where(_mismatched())
    return stmt


def _mismatched() -> ColumnElement[bool]:
    """The record's finding cites an item of another list's kind (负面 with a 协助办理事项,
    清单内 with a negative one), as :func:`finding_mismatch` says in words."""
    t, k = TaskRequestRow, ListKindRow
    wrong = or_(
        and_(t.decision == TaskDecision.IN_LIST.value, k.meaning != KindMeaning.ADMITTED.value),
        and_(t.decision == TaskDecision.NEGATIVE.value, k.meaning != KindMeaning.REFUSE.value),
    )
    return and_(t.item_name != "", select(k.id).where(k.code == t.item_kind, wrong).exists())


def count_mismatched(session: Session) -> int:
    """How many records (that the connected person sees) cite an item of another list."""
    stmt = select(func.count()).select_from(TaskRequestRow).where(_mismatched())
    return session.execute(stmt).scalar_one()


def _kinds_by_code(session: Session) -> dict[str, tuple[str, str]]:
    """Every list kind's name and meaning by its code (a handful of rows)."""
    rows = session.execute(select(ListKindRow.code, ListKindRow.name, ListKindRow.meaning))
    return {r.code: (r.name, r.meaning) for r in rows}


def _with_mismatch(task: Task, kinds: dict[str, tuple[str, str]]) -> Task:
    d = task.data
    if not d.item_kind or d.decision is TaskDecision.UNLISTED:
        return task
    name, meaning = kinds.get(d.item_kind, ("", None))
    found = finding_mismatch(d.decision, d.item_name, name, meaning)
    return replace(task, mismatch=found) if found else task


#: The recorded tasks' order, newest first: (received on, id)
TaskKey = tuple[dt.date, int]


def tasks_page(session: Session, f: TaskFilter, offset: int, limit: int) -> Page[Task]:
    """One page of recorded tasks, newest first, with each one's case id and status."""
    return tasks_page_after(session, f, offset, limit)[0]


def tasks_page_after(
    session: Session,
    f: TaskFilter,
    offset: int,
    limit: int,
    after: TaskKey | None = None,
    *,
    with_county: bool = False,
) -> tuple[Page[Task], TaskKey | None]:
    """One page of recorded tasks, newest first, and the key of its last row; each task's
    township led by its county with ``with_county`` (:func:`township_names`).

    Given ``after``, the key (received on, id) of the previous page's last row, the page starts
    right after it (keyset, from that day on in the received_on index); else it skips
    ``offset`` rows.
    """
    t = TaskRequestRow
    stmt = _task_filtered(f)
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    paged = stmt.options(selectinload(t.candidates), selectinload(t.village_links)).order_by(
        t.received_on.desc(), t.id.desc()
    )
    if after is not None:
        paged = paged.where(t.received_on <= after[0], tuple_(t.received_on, t.id) < after)
    else:
        paged = paged.offset(offset)
    rows = session.execute(paged.limit(limit)).scalars().all()
    names = _linked_village_names(session, rows)
    cases = case_ids_for_tasks(session, [r.id for r in rows])
    towns = township_names(session, {r.township_id for r in rows}, with_county=with_county)
    kinds = _kinds_by_code(session) if rows else {}
    out = []
    for row in rows:
        task = replace(task_to_domain(row, names), township=towns.get(row.township_id, ""))
        task = _with_mismatch(task, kinds)
        case = cases.get(row.id)
        if case:
            task = _with_case(task, case)
        out.append(task)
    last = (rows[-1].received_on, rows[-1].id) if rows else None
    return Page(out, total, offset), last


def _linked_village_names(session: Session, rows: Sequence[TaskRequestRow]) -> dict[int, str]:
    """The names of the villages these tasks name, not of a city's 3,000 (a page of 200 tasks,
    or 首页's first few, read them all)."""
    linked = {link.unit_id for r in rows for link in r.village_links}
    return village_names(session, ids=linked) if linked else {}


def _with_case(task: Task, case: tuple[int, str, str, str]) -> Task:
    case_id, status, serial, level = case
    return replace(task, case_id=case_id, case_status=status, case_serial=serial, case_level=level)


def case_ids_for_tasks(
    session: Session, task_ids: list[int]
) -> dict[int, tuple[int, str, str, str]]:
    """task id → (case id, case status, its 编号, its mechanism's level) for the tasks that
    have a case."""
    if not task_ids:
        return {}
    case = AdmissionCaseRow
    rows = session.execute(
        select(case.task_id, case.id, case.status, case.serial_number, case.level).where(
            case.task_id.in_(task_ids)
        )
    )
    return {r.task_id: (r.id, r.status, r.serial_number or "", r.level) for r in rows}


def get_task(session: Session, task_id: int, *, with_county: bool = False) -> Task | None:
    """One task with its case, or ``None``; its township led by its county with
    ``with_county`` (:func:`township_names`)."""
    row = session.get(TaskRequestRow, task_id)
    if row is None:
        return None
    task = task_to_domain(row, _linked_village_names(session, [row]))
    towns = township_names(session, {row.township_id}, with_county=with_county)
    task = replace(task, township=towns.get(row.township_id, ""))
    task = _with_mismatch(task, _kinds_by_code(session))
    case = case_ids_for_tasks(session, [task_id]).get(task_id)
    return _with_case(task, case) if case else task


def latest_with_text(session: Session, text: str) -> Task | None:
    """The newest recorded task whose notice is ``text`` (a precedent's record), or ``None``."""
    task_id = session.execute(
        select(TaskRequestRow.id)
        .where(TaskRequestRow.text.in_({text, text.strip()}))
        .order_by(TaskRequestRow.received_on.desc(), TaskRequestRow.id.desc())
        .limit(1)
    ).scalar()
    return get_task(session, task_id) if task_id is not None else None


def past_end_tasks(
    session: Session, today: dt.date, limit: int | None = None, townships: Collection[int] = ()
) -> list[Task]:
    """Temporary and staged in-list tasks whose end date has passed, longest past first
    (the first ``limit`` of them; of ``townships`` only when given)."""
    mine = [TaskRequestRow.township_id.in_(list(townships))] if townships else []
    rows = (
        session.execute(
            select(TaskRequestRow)
            .where(
                TaskRequestRow.end_date < today,
                TaskRequestRow.nature.in_([ItemNature.TEMPORARY.value, ItemNature.STAGED.value]),
                TaskRequestRow.decision == TaskDecision.IN_LIST.value,
                *mine,
            )
            .options(
                selectinload(TaskRequestRow.candidates), selectinload(TaskRequestRow.village_links)
            )
            .order_by(TaskRequestRow.end_date, TaskRequestRow.id)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    names = _linked_village_names(session, rows)
    return [task_to_domain(r, names) for r in rows]


def task_departments(session: Session) -> list[str]:
    """Departments that appear on recorded tasks, by name (pinyin).

    Found by walking ``ix_task_request_department`` (0031) from each department to the least
    one after it, not by reading every task for their distinct departments (a city's 20,000
    tasks for some thirty departments); the same names, sorted by pinyin.
    """
    task = TaskRequestRow.__table__
    walk = select(func.min(task.c.department).label("name")).cte("walk", recursive=True)
    after = select(func.min(task.c.department)).where(task.c.department > walk.c.name)
    walk = walk.union_all(select(after.scalar_subquery()).where(walk.c.name.is_not(None)))
    names = session.execute(select(walk.c.name).where(walk.c.name.is_not(None))).scalars()
    return sorted_texts(names)  # walked in the index's order, shown by pinyin


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class CaseFilter:
    """What the cases list shows, and in what order (``sort``: one of ``CASE_SORTS``, by a
    column's header; empty: the list's own order, newest first, or a level's queue first)."""

    query: str = ""
    statuses: tuple[CaseStatus, ...] = ()
    sort: str = ""
    descending: bool = False
    #: only these townships' cases (empty: every one the session reads)
    townships: tuple[int, ...] = ()


#: The orders the cases list offers by its headers: 审批期限 (``due``) is ordered by the
#: service (a deadline follows from a case's history and the calendar), the others in SQL.
CASE_SORTS = ("serial", "township", "title", "department", "received", "status", "due")

#: 当前环节 in the order a case goes through them (the text's order put 不予准入 first)
_STATUS_ORDER = (
    CaseStatus.RECEIVED,
    CaseStatus.TOWNSHIP_OPINION,
    CaseStatus.COUNTY_REVIEW,
    CaseStatus.MECHANISM_REVIEW,
    CaseStatus.RETURNED,
    CaseStatus.APPROVED,
    CaseStatus.REFUSED,
    CaseStatus.WITHDRAWN,
)


def case_to_domain(row: AdmissionCaseRow) -> AdmissionCase:
    """A case row (with its steps) as a domain object."""
    statuses, actions = _STATUSES, _ACTIONS
    history = tuple(
        CaseStep(statuses[s.status], actions[s.action], s.at, s.operator, s.comment, s.written_as)
        for s in row.steps
    )
    return _case_of(row, history)


#: The steps' statuses and actions by their stored values (an enum's call looks its value up
#: on each of a city's 1,800 steps)
_STATUSES = {status.value: status for status in CaseStatus}
_ACTIONS = {action.value: action for action in CaseAction}


def _case_of(row: Any, history: tuple[CaseStep, ...]) -> AdmissionCase:
    """A case as a domain object from its columns (an ORM row or a plain row read with
    ``_cases_read``) and its steps in order."""
    nature = ItemNature(row.nature) if row.nature else None
    request = CaseInput(
        title=row.title,
        department=row.department,
        content=row.content,
        villages=tuple(v for v in row.villages.split(VILLAGE_SEPARATOR) if v),
        start_date=row.start_date,
        received_on=row.received_on,
        nature=nature,
        end_date=row.end_date,
        document_number=row.document_number,
        basis=row.basis,
        delegated_powers=row.delegated_powers,
        funding=row.funding,
        support=row.support,
        assessment=row.assessment,
        contact=row.contact,
        phone=row.phone,
        department_id=row.department_id,
    )
    conditions = None
    if row.conditions is not None:
        conditions = ApprovalConditions(
            start_date=row.approved_start,
            end_date=row.approved_end,
            conditions=row.conditions,
            funding=row.approved_funding,
            staffing=row.staffing,
        )
    return AdmissionCase(
        request=request,
        history=history,
        level=MechanismLevel(row.level),
        decision_working_days=row.decision_working_days,
        conditions=conditions,
        id=row.id,
        version=row.version,
        task_id=row.task_id,
        serial_number=row.serial_number,
        list_item_id=row.list_item_id,
        township_id=row.township_id,
    )


def new_case_row(case: AdmissionCase) -> AdmissionCaseRow:
    """A row for a newly opened case (its first step included)."""
    r = case.request
    row = AdmissionCaseRow(
        task_id=case.task_id,
        status=case.status.value,
        level=case.level.value,
        decision_working_days=case.decision_working_days,
        serial_number=case.serial_number,
        title=r.title,
        department=r.department,
        department_id=r.department_id,
        content=r.content,
        villages=VILLAGE_SEPARATOR.join(r.villages),
        received_on=r.received_on,
        start_date=r.start_date,
        end_date=r.end_date,
        nature=r.nature.value if r.nature else None,
        document_number=r.document_number,
        basis=r.basis,
        delegated_powers=r.delegated_powers,
        funding=r.funding,
        support=r.support,
        assessment=r.assessment,
        contact=r.contact,
        phone=r.phone,
    )
    row.steps = [_step_row(n, step) for n, step in enumerate(case.history, start=1)]
    return row


def _step_row(seq: int, step: CaseStep) -> CaseStepRow:
    return CaseStepRow(
        seq=seq,
        status=step.status.value,
        action=step.action.value,
        at=step.at,
        operator=step.operator,
        comment=step.comment,
        written_as=step.written_as,
    )


def apply_advance(row: AdmissionCaseRow, case: AdmissionCase) -> None:
    """Store the step ``case`` added to ``row``'s history, its status and conditions."""
    done = len(row.steps)
    for seq, step in enumerate(case.history[done:], start=done + 1):
        row.steps.append(_step_row(seq, step))
    row.status = case.status.value
    if case.conditions is not None:
        c = case.conditions
        row.approved_start, row.approved_end = c.start_date, c.end_date
        row.conditions, row.approved_funding, row.staffing = c.conditions, c.funding, c.staffing


def _case_filtered(f: CaseFilter) -> Select[AdmissionCaseRow]:
    stmt = select(AdmissionCaseRow)
    if f.query:
        columns = (
            AdmissionCaseRow.title,
            AdmissionCaseRow.department,
            AdmissionCaseRow.document_number,
            AdmissionCaseRow.serial_number,
        )
        stmt = stmt.where(contains_any(columns, f.query, ignore_case=False))
    if f.statuses:
        stmt = stmt.where(AdmissionCaseRow.status.in_([s.value for s in f.statuses]))
    if f.townships:
        stmt = stmt.where(AdmissionCaseRow.township_id.in_(f.townships))
    return stmt


def cases_page(session: Session, f: CaseFilter, offset: int, limit: int) -> Page[AdmissionCase]:
    """One page of cases, newest first, or in the order ``f.sort`` names (rows equal in it
    newest first)."""
    stmt = _case_filtered(f)
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    newest = (AdmissionCaseRow.received_on.desc(), AdmissionCaseRow.id.desc())
    keys = _sort_keys(f.sort)
    if keys and f.sort == "township":
        stmt = stmt.outerjoin(UnitRow, UnitRow.id == AdmissionCaseRow.township_id)
    order = [k.desc() if f.descending else k.asc() for k in keys]
    paged = stmt.order_by(*order, *newest).offset(offset).limit(limit)
    return Page(_cases_read(session, paged), total, offset)


def _sort_keys(sort: str) -> list[ColumnElement[Any] | QueryableAttribute[Any]]:
    """The columns a header's order sorts the cases by (none: newest first)."""
    case = AdmissionCaseRow
    if sort == "serial":
        # 2026-001 … 2026-999, 2026-1000: by year, then the number (as text 2026-1000 came
        # before 2026-999)
        serial = case.serial_number
        return [func.substr(serial, 1, 4), func.length(serial), serial]
    if sort == "township":
        return [UnitRow.sort_order, UnitRow.id]  # the townships in the county's order
    if sort == "status":
        steps = {status.value: i for i, status in enumerate(_STATUS_ORDER)}
        return [sa_case(steps, value=case.status, else_=len(steps))]
    column: dict[str, QueryableAttribute[Any]] = {
        # Chinese text by pinyin: by its stored key (``db.sort_keys``, 0033)
        "title": case.title_key,
        "department": case.department_key,
        "received": case.received_on,
    }
    return [column[sort]] if sort in column else []


def cases_of(session: Session, f: CaseFilter) -> list[AdmissionCase]:
    """Every case ``f`` selects, in no particular order (the queue of a level above the
    township, which the service orders by deadline)."""
    return _cases_read(session, _case_filtered(f))


def reminder_candidates(
    session: Session,
    pending: list[str],
    today: dt.date,
    *,
    expired: bool = True,
    townships: Collection[int] = (),
) -> list[AdmissionCase]:
    """Cases under review, and approved cases whose approved period has ended (for reminders;
    ``expired=False`` leaves those out: the levels above see only what waits for them); of
    ``townships`` only when given."""
    where: ColumnElement[bool] = AdmissionCaseRow.status.in_(pending)
    if expired:
        where = or_(
            where,
            (AdmissionCaseRow.status == CaseStatus.APPROVED.value)
            & (AdmissionCaseRow.approved_end < today),
        )
    if townships:
        where = where & AdmissionCaseRow.township_id.in_(list(townships))
    return _cases_read(session, select(AdmissionCaseRow).where(where))


@lru_cache(maxsize=8)
def _plain_rows(columns: tuple[str, ...]) -> type[Any]:
    """A named tuple of ``columns`` (the columns of a table, read as plain rows)."""
    return namedtuple("PlainRow", columns)


#: Cases whose steps are asked for in one statement (the ORM's selectin loads batched alike).
_STEPS_AT_ONCE = 500


def _cases_read(session: Session, stmt: Select[AdmissionCaseRow]) -> list[AdmissionCase]:
    """The cases ``stmt`` selects, with their steps, as domain objects: their columns and
    their steps read as plain rows, not as ORM objects (the reminders read every open case,
    at city scale 440 with 1,800 steps: building and tracking them took most of the time)."""
    case, step = AdmissionCaseRow.__table__, CaseStepRow.__table__
    result = session.execute(stmt.with_only_columns(*case.c))
    # as named tuples: a row's column read by name costs about six times one of theirs, and
    # a case is made from some thirty (the reminders' 440 cases, the list's 200)
    plain = _plain_rows(tuple(result.keys()))
    rows = [plain._make(row) for row in result.all()]
    steps: dict[int, list[CaseStep]] = {row.id: [] for row in rows}
    ids = list(steps)
    statuses, actions = _STATUSES, _ACTIONS
    columns = (step.c.case_id, step.c.status, step.c.action, step.c.at, step.c.operator)
    for i in range(0, len(ids), _STEPS_AT_ONCE):
        chunk = ids[i : i + _STEPS_AT_ONCE]
        # the steps' columns unpacked from whole fetched rows, not each looked up by name on a
        # row fetched one at a time (the reminders' 1,800 steps: about half their reading)
        found = session.execute(
            select(*columns, step.c.comment, step.c.written_as)
            .where(step.c.case_id.in_(chunk))
            .order_by(step.c.case_id, step.c.seq)
        ).all()
        for case_id, status, action, at, operator, comment, written_as in found:
            history = steps[case_id]
            history.append(
                CaseStep(statuses[status], actions[action], at, operator, comment, written_as)
            )
    return [_case_of(row, tuple(steps[row.id])) for row in rows]


def township_names(
    session: Session, ids: set[int | None], *, with_county: bool = False
) -> dict[int | None, str]:
    """The names of the units ``ids`` (the townships cases belong to); ``with_county``: each
    led by its county, 南屏县/城关镇 (where the reader's area holds several counties)."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    if not with_county:
        rows = session.execute(select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(wanted)))
        return {row.id: row.name for row in rows}
    county = aliased(UnitRow)
    named = session.execute(
        select(UnitRow.id, UnitRow.name, county.name)
        .outerjoin(county, county.id == UnitRow.parent_id)
        .where(UnitRow.id.in_(wanted))
    )
    return {i: township_label(name, up or "") for i, name, up in named}


def next_serial(session: Session, year: int) -> str:
    """The next serial number of the year: 2026-001, 2026-002 … 2026-999, 2026-1000 (the
    longest number first: as text 2026-999 comes after 2026-1000)."""
    prefix = f"{year}-"
    serial = AdmissionCaseRow.serial_number
    last = session.execute(
        select(serial)
        .where(serial.like(f"{prefix}%"))
        .order_by(func.length(serial).desc(), serial.desc())
        .limit(1)
    ).scalar_one_or_none()
    n = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{n:03d}"


# ---------------------------------------------------------------- workday overrides


def overrides(session: Session) -> dict[dt.date, tuple[bool, str]]:
    """day → (is a working day, note)."""
    return {
        r.day: (r.is_workday, r.note)
        for r in session.execute(select(WorkdayOverrideRow).order_by(WorkdayOverrideRow.day))
        .scalars()
        .all()
    }
