"""The period report made from counted figures: plain Python (no SQLAlchemy).

``ReportService.build`` reads through the ORM; 首页 at start-up (``services.first_screen_plain``)
reads the same rows through ``sqlite3`` before SQLAlchemy is imported. Both count the sources
with :func:`count` and make the report with :func:`assemble`, so both show the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Protocol

from jianfu.domain.period_report import (
    COLUMN_KEYS,
    VILLAGE_ROWS,
    Figures,
    PeriodReport,
    ReportRow,
    UnitSpan,
    merge_department_flags,
    units_in_period,
)
from jianfu.domain.periods import Period
from jianfu.domain.progress import Progress
from jianfu.domain.report_counting import PerUnit, township_key

#: The sources, in the order they are counted (the progress dialog names them).
SOURCE_STEPS = ("村(社区)", "事项和准入审批", "证明", "牌子", "其他负担")


class Sources(Protocol):
    """What the report counts, read from the flows' tables (one period's days at a time)."""

    def task_figures(
        self,
        start: dt.date,
        end: dt.date,
        towns: Collection[int],
        villages: Sequence[UnitSpan],
        in_period: Collection[int],
    ) -> tuple[PerUnit, Counter[str], Counter[str]]: ...

    def certificate_figures(
        self, start: dt.date, end: dt.date, towns: Collection[int]
    ) -> tuple[PerUnit, Counter[str]]: ...

    def board_figures(self, start: dt.date, end: dt.date, towns: Collection[int]) -> PerUnit: ...

    def burden_figures(self, start: dt.date, end: dt.date, towns: Collection[int]) -> PerUnit: ...


class Counted:
    """Figures of one span of days: per village, township-level task counts, departments."""

    def __init__(self) -> None:
        self.per_unit: dict[int, Counter[str]] = {}
        self.distinct: Counter[str] = Counter()
        self.unlisted_by_department: Counter[str] = Counter()
        self.forbidden_by_agency: Counter[str] = Counter()

    def add(self, figures: dict[int, Counter[str]]) -> None:
        _sum_into(self.per_unit, figures.items())

    def figures(self, unit_id: int) -> Figures:
        counts = self.per_unit.get(unit_id, Counter())
        return Figures({k: int(counts.get(k, 0)) for k in COLUMN_KEYS})

    def by_row(self, row_of: Mapping[int, int | None]) -> dict[int, Figures]:
        """The villages' figures summed into the report's rows (villages, townships …)."""
        sums: dict[int, Counter[str]] = {}
        _sum_into(
            sums,
            (
                (row, counts)
                for uid, counts in self.per_unit.items()
                if (row := row_of.get(uid)) is not None
            ),
        )
        return {row: Figures({k: int(c.get(k, 0)) for k in COLUMN_KEYS}) for row, c in sums.items()}

    def total(self, row_of: Mapping[int, int | None]) -> Figures:
        """The sum over the villages that have a row (records of other units are not counted)."""
        return Figures.total(self.by_row(row_of).values())


def _sum_into(
    sums: dict[int, Counter[str]], figures: Iterable[tuple[int, Mapping[str, int]]]
) -> None:
    """Add each unit's ``figures`` into ``sums`` (a city's 3,000 villages, four sources, two
    periods: one Counter made per unit, not one per addition, and no ``Counter.update``)."""
    for uid, counts in figures:
        mine = sums.get(uid)
        if mine is None:
            sums[uid] = Counter(counts)  # copied: the caller's counts stay as they are
        elif mine.keys().isdisjoint(counts):  # another source's columns: added as they are
            dict.update(mine, counts)
        else:
            for key, n in counts.items():
                mine[key] += n


def step(progress: Progress | None, done: int, message: str) -> None:
    if progress is not None:
        progress.step(done, len(SOURCE_STEPS), f"正在统计：{message}")


def count(
    sources: Sources,
    period: Period,
    towns: Sequence[int],
    villages: Sequence[UnitSpan],
    progress: Progress | None = None,
) -> Counted:
    """Every source's figures over ``period`` for the villages of ``towns``."""
    counted = Counted()
    present = {u.unit_id for u in villages if u.in_period(period)}  # a set: no order wanted
    start, end = period.start, period.end
    step(progress, 1, "事项和准入审批")
    tasks, distinct, unlisted = sources.task_figures(start, end, towns, villages, present)
    counted.add(tasks)
    counted.distinct.update(distinct)
    counted.unlisted_by_department.update(unlisted)
    step(progress, 2, "证明")
    certificates, agencies = sources.certificate_figures(start, end, towns)
    counted.add(certificates)
    counted.forbidden_by_agency.update(agencies)
    step(progress, 3, "牌子")
    counted.add(sources.board_figures(start, end, towns))
    step(progress, 4, "其他负担")
    counted.add(sources.burden_figures(start, end, towns))
    return counted


def rows_of(
    villages: Iterable[UnitSpan], rows: Iterable[UnitSpan], parents: Mapping[int, int | None]
) -> dict[int, int | None]:
    """Each village mapped to the row it is summed into: its township, or that one's county."""
    row_ids = {r.unit_id for r in rows}
    out: dict[int, int | None] = {}
    for v in villages:
        at = v.parent_id
        while at is not None and at not in row_ids:
            at = parents.get(at)
        out[v.unit_id] = at
    return out


def township_rows(
    towns: Iterable[int], rows: Iterable[UnitSpan], parents: Mapping[int, int | None]
) -> dict[int, int | None]:
    """The row each township's villages are summed into (:func:`rows_of`), by the key of
    figures a source has already added up per township (``report_counting.township_key``)."""
    row_ids = {r.unit_id for r in rows}
    out: dict[int, int | None] = {}
    for town in towns:
        at: int | None = town
        while at is not None and at not in row_ids:
            at = parents.get(at)
        out[township_key(town)] = at
    return out


def assemble(
    *,
    name: str,
    period: Period,
    villages: Sequence[UnitSpan],
    row_spans: Sequence[UnitSpan],
    row_of: Mapping[int, int | None],
    row_label: str,
    current: Counted,
    previous: Counted,
    baseline: dt.date | None = None,
    cumulative: Figures | None = None,
    missing_sources: tuple[str, ...] = (),
    preparer: str = "",
    reviewer: str = "",
    phone: str = "",
    made_on: dt.date,
    audit_anchor: str = "",
    first_records: Mapping[str, dt.date] | None = None,
) -> PeriodReport:
    """The report of ``period`` from its figures (``current``) and the previous period's."""
    figures = current.by_row(row_of)
    present = Counter(  # counted per row: the villages need no print order
        row_of[v.unit_id] for v in villages if v.unit_id in row_of and v.in_period(period)
    )
    shown = {u.unit_id: u for u in units_in_period(row_spans, period)}
    # A unit outside the period that still has figures in it is shown, not dropped.
    for span in row_spans:
        if span.unit_id not in shown and not figures.get(span.unit_id, Figures()).is_empty:
            shown[span.unit_id] = span
    ordered = sorted(shown.values(), key=lambda u: (u.sort_order, u.name, u.unit_id))
    rows = [
        ReportRow(
            u.unit_id,
            u.name,
            u.type,
            figures.get(u.unit_id, Figures()),
            u.note(period),
            present[u.unit_id] if row_label != VILLAGE_ROWS else None,
        )
        for u in ordered
    ]
    return PeriodReport(
        township=name,
        period=period,
        rows=rows,
        previous_period=period.previous(),
        previous_total=previous.total(row_of),
        baseline=baseline if cumulative is not None else None,
        cumulative=cumulative,
        departments=merge_department_flags(
            current.unlisted_by_department, current.forbidden_by_agency
        ),
        missing_sources=missing_sources,
        distinct_tasks=Figures(dict(current.distinct)),
        preparer=preparer,
        reviewer=reviewer,
        phone=phone,
        made_on=made_on,
        audit_anchor=audit_anchor,
        row_label=row_label,
        first_records=dict(first_records or {}),
    )
