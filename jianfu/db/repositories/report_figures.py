"""Figures for the period statistics report, counted in SQL from the flows' tables.

Each function returns ``{unit_id: {column key: count}}`` for one source, so the report
service adds them up without knowing the tables. Counting follows the flows' own rules:
boards and other burdens through those ledgers' own counting functions; certificates as the
register counts them (by request date; its columns only, grouped in SQL, tested equal to the
register's statistics); tasks by the date they were received and case decisions by the date
of the step.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import TypeVar, overload

from sqlalchemy import Row, and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from jianfu.db.models import AuditRow, UnitRow
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_burdens import BurdenRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, CaseStepRow, TaskRequestRow, TaskVillageRow
from jianfu.db.plain_reads import FIRST_RECORD_COLUMNS
from jianfu.db.repositories import boards as boards_repo
from jianfu.db.repositories import burdens as burdens_repo
from jianfu.db.repositories.units import VILLAGE_TYPES
from jianfu.domain import report_counting as counting
from jianfu.domain.certificates import Outcome
from jianfu.domain.period_report import UnitSpan
from jianfu.domain.tasks import TaskDecision
from jianfu.domain.verdicts import Verdict

PerUnit = counting.PerUnit


@overload
def _day(value: dt.datetime | dt.date) -> dt.date: ...
@overload
def _day(value: None) -> None: ...
def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _day_end(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


# ---------------------------------------------------------------- villages


def unit_spans(
    session: Session, parent_ids: Collection[int], types: Collection[str] = VILLAGE_TYPES
) -> list[UnitSpan]:
    """The units of ``types`` under ``parent_ids`` (by default the villages/communities of
    those townships) with the day each joined (if after set-up) and left (if so).

    Units entered on the day their parent was set up in the app have always existed as far
    as the report knows; one added later joined on the day it was added. A deactivated
    (撤并/停用) unit left on the day of its last 停用 in the audit trail.
    """
    rows: list[Row[int, str, str, int, bool, dt.datetime, dt.datetime, int | None]] = []
    for chunk in _chunks(list(parent_ids)):
        rows += session.execute(
            select(
                UnitRow.id,
                UnitRow.name,
                UnitRow.type,
                UnitRow.sort_order,
                UnitRow.active,
                UnitRow.created_at,
                UnitRow.updated_at,
                UnitRow.parent_id,
            ).where(UnitRow.parent_id.in_(chunk), UnitRow.type.in_(list(types)))
        ).all()
    if not rows:
        return []
    inactive = [str(r.id) for r in rows if not r.active]
    removed: dict[str, dt.date] = {}
    for entity_ids in _chunks(inactive):
        for entity_id, at in session.execute(
            select(AuditRow.entity_id, func.max(AuditRow.at))
            .where(
                AuditRow.entity == "unit",
                AuditRow.action == "停用",
                AuditRow.entity_id.in_(entity_ids),
            )
            .group_by(AuditRow.entity_id)
        ):
            removed[entity_id] = _day(at)
    return counting.unit_spans(rows, removed)


def ancestors(session: Session, unit_ids: Collection[int]) -> dict[int, int | None]:
    """Every unit above ``unit_ids`` (and they themselves) mapped to its parent."""
    parents: dict[int, int | None] = {}
    todo = set(unit_ids)
    while todo:
        found: list[Row[int, int | None]] = []
        for chunk in _chunks(sorted(todo)):
            found += session.execute(
                select(UnitRow.id, UnitRow.parent_id).where(UnitRow.id.in_(chunk))
            ).all()
        parents.update(dict(found))
        todo = {p for _uid, p in found if p is not None and p not in parents}
    return parents


# ---------------------------------------------------------------- sources in use


def sources_in_use(session: Session, township_ids: Collection[int]) -> dict[str, bool]:
    """Which flows have any record at all in these townships (a ledger not kept yet is
    reported as such)."""
    ids = list(township_ids)

    def any_row(
        model: type[
            TaskRequestRow | AdmissionCaseRow | SignboardRow | CertificateRequestRow | BurdenRow
        ],
    ) -> bool:
        return (
            session.execute(select(model.id).where(model.township_id.in_(ids)).limit(1)).first()
            is not None
        )

    return {
        "事项审核和准入审批": any_row(TaskRequestRow) or any_row(AdmissionCaseRow),
        "牌子台账": any_row(SignboardRow),
        "证明台账": any_row(CertificateRequestRow),
        "其他负担台账": any_row(BurdenRow),
    }


_Ledger = TaskRequestRow | AdmissionCaseRow | SignboardRow | CertificateRequestRow | BurdenRow


def first_record_days(session: Session, township_ids: Collection[int]) -> dict[str, dt.date]:
    """Each ledger's first recorded day in these townships, by the names of
    :func:`sources_in_use` (a ledger with no record is absent): the day a task or case was
    received, a board registered or disposed, a certificate requested, a burden dealt with
    or entered."""
    ids = list(township_ids)
    models: dict[str, type[_Ledger]] = {
        m.__tablename__: m
        for m in (TaskRequestRow, AdmissionCaseRow, SignboardRow, CertificateRequestRow, BurdenRow)
    }
    out: dict[str, dt.date] = {}
    # (the ledgers' columns are the plain start-up read's, so that both read the same days)
    for name, columns in FIRST_RECORD_COLUMNS.items():
        days = []
        for table, column in columns:
            model = models[table]
            col = getattr(model, column)
            for chunk in _chunks(ids):
                day = session.execute(
                    select(func.min(col)).where(model.township_id.in_(chunk))
                ).scalar()
                if day is not None:
                    days.append(_day(day))
        if days:
            out[name] = min(days)
    return out


# ---------------------------------------------------------------- tasks and cases


def task_figures(
    session: Session,
    start: dt.date,
    end: dt.date,
    township_ids: Collection[int],
    villages: Sequence[UnitSpan],
    in_period: Collection[int],
) -> tuple[PerUnit, Counter[str], Counter[str]]:
    """Per village: 清单内, 新申请准入, 批准, 不批准, 退出, 发现未准入下派.

    Counts the tasks and cases of ``township_ids``; ``villages`` are those townships'
    villages, ``in_period`` the ids of the ones that existed in the period. A task or case for
    all villages counts once for each village of its own township that existed in the period;
    a case names its villages, looked up in its own township (two townships may both have a
    东岭村). Also returns the counts of the townships (each task or case once) and, per
    department, the tasks pushed down without admission (负面 or 清单外 with no admission case).
    """
    towns = list(township_ids)
    t = TaskRequestRow
    has_case = select(AdmissionCaseRow.id).where(AdmissionCaseRow.task_id == t.id).exists()
    unadmitted = or_(
        t.decision == TaskDecision.NEGATIVE.value,
        and_(t.decision == TaskDecision.UNLISTED.value, ~has_case),
    )
    kind = case(
        (t.decision == TaskDecision.IN_LIST.value, "tasks_listed"),
        (unadmitted, "tasks_unadmitted"),
        else_="",
    )
    tasks: list[Row[int, bool, str, str, int | None]] = []
    for chunk in _chunks(towns):
        tasks += session.execute(
            select(t.id, t.all_villages, t.department, kind, t.township_id).where(
                t.received_on.between(start, end), t.township_id.in_(chunk)
            )
        ).all()
    links: dict[int, list[int]] = defaultdict(list)
    ids = [tid for tid, all_villages, _dep, key, _town in tasks if key and not all_villages]
    for chunk in _chunks(ids):
        for task_id, unit_id in session.execute(
            select(TaskVillageRow.task_id, TaskVillageRow.unit_id).where(
                TaskVillageRow.task_id.in_(chunk)
            )
        ):
            links[task_id].append(unit_id)
    c = AdmissionCaseRow
    cases: list[Row[int, str, bool | None, int | None]] = []
    for chunk in _chunks(towns):
        cases += session.execute(
            select(c.id, c.villages, TaskRequestRow.all_villages, c.township_id)
            .outerjoin(TaskRequestRow, TaskRequestRow.id == c.task_id)
            .where(c.received_on.between(start, end), c.township_id.in_(chunk))
        ).all()
    decided = counting.DECIDED
    s = CaseStepRow
    steps: list[Row[int, str, str, bool | None, int | None]] = []
    for chunk in _chunks(towns):
        steps += session.execute(
            select(c.id, s.status, c.villages, TaskRequestRow.all_villages, c.township_id)
            .join(c, c.id == s.case_id)
            .outerjoin(TaskRequestRow, TaskRequestRow.id == c.task_id)
            .where(
                s.status.in_(list(decided)),
                s.at >= dt.datetime.combine(start, dt.time()),
                s.at < _day_end(end),
                c.township_id.in_(chunk),
            )
        ).all()
    return counting.tally_tasks(
        tasks,
        links,
        cases,
        steps,
        villages,
        in_period,
    )


_T = TypeVar("_T")


def _chunks(ids: Sequence[_T], size: int = 900) -> Iterable[Sequence[_T]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# ---------------------------------------------------------------- certificates


def certificate_figures(
    session: Session, start: dt.date, end: dt.date, township_ids: Collection[int]
) -> tuple[PerUnit, Counter[str]]:
    """Per village of ``township_ids``: 出具, 不予出具, 清单外, as the certificate register
    counts them (by request date, as ``certificates.figures`` does; the same as
    ``plain_reads.ReportSources.certificate_figures`` reads for 首页); and the agencies that
    asked for certificates on the may-not-issue list."""
    t = CertificateRequestRow
    towns = list(township_ids)
    period = (t.request_date >= start, t.request_date <= end)
    issued = (Outcome.ISSUED.value, Outcome.CONSULTED.value)
    out: PerUnit = defaultdict(Counter)
    agencies: Counter[str] = Counter()

    # the register's counting (certificates.figures), but only the report's columns: grouped
    # in SQL, not a register's statistics for every village made and then read back
    def counted(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    # one row per village (at a city 3,000, not one per village, outcome and verdict)
    per_village = (
        counted(t.outcome.in_(issued)),
        counted(t.outcome == Outcome.REFUSED.value),
        counted(t.verdict == Verdict.UNLISTED.value),
    )
    for chunk in _chunks(towns):
        for village_id, n_issued, n_refused, n_unlisted in session.execute(
            select(t.village_id, *per_village)
            .where(*period, t.township_id.in_(chunk))
            .group_by(t.village_id)
        ):
            if village_id is None:
                continue
            c = out[village_id]
            c["certs_issued"] += int(n_issued)
            c["certs_refused"] += int(n_refused)
            c["certs_unlisted"] += int(n_unlisted)
        for agency, n in session.execute(
            select(t.agency, func.count())
            .where(
                *period,
                t.township_id.in_(chunk),
                t.verdict == Verdict.FORBIDDEN.value,
                t.agency != "",
            )
            .group_by(t.agency)
        ):
            agencies[agency] += n
    return out, agencies


# ---------------------------------------------------------------- signboards


def board_figures(
    session: Session, start: dt.date, end: dt.date, township_ids: Collection[int]
) -> PerUnit:
    """Per village: 期初, 清理, 新增(经批准), 期末 (quantities), as the board ledger counts.

    Boards found hanging again in the period (反弹) are in 期末 but in no other column; the
    ledger's own counts keep ``期末 = 期初 - 清理 + 新增 + 反弹``.
    """
    return board_figures_of(session, [(start, end)], township_ids)[0]


def board_figures_of(
    session: Session, spans: Sequence[tuple[dt.date, dt.date]], township_ids: Collection[int]
) -> list[PerUnit]:
    """``board_figures`` of each span of days, the boards read once for all."""
    out: list[PerUnit] = []
    for counts in boards_repo.village_counts_of(session, spans, township_ids):
        figures: PerUnit = defaultdict(Counter)
        for village_id, (before, cleaned, added, _relapsed, now) in counts.items():
            c = figures[village_id]
            c["boards_opening"] += before
            c["boards_cleaned"] += cleaned
            c["boards_added"] += added
            c["boards_closing"] += now
        out.append(figures)
    return out


# ---------------------------------------------------------------- other burdens


def burden_figures(
    session: Session, start: dt.date, end: dt.date, township_ids: Collection[int]
) -> PerUnit:
    """Per village: 机制 现有/撤并, 报表台账, 工作群/APP, 督查检查考核 (what is left at the end).

    撤并 counts what was merged or cancelled in the period (both take the mechanism away).
    """
    records = burdens_repo.all_records(session, township_ids=township_ids)
    return counting.burden_figures(records, start, end)
