"""Use cases for the period statistics report (统计报表): build it, print it, export it.

The figures come from the flows' ledgers (tasks and admission cases, signboards,
certificates, other burdens), counted per village for the period, the previous period and
the cumulative span since the baseline date of the settings. A ledger that holds no record
at all yet is named in the report's notes, and its columns show zeros.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from sqlalchemy.orm import Session

from jianfu.db.models import UnitRow
from jianfu.db.repositories import report_figures as repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import connected_person, township_id_of_session
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.period_report import (
    COLUMN_KEYS,
    COUNTY_ROWS,
    TOWNSHIP_ROWS,
    VILLAGE_ROWS,
    Figures,
    PeriodReport,
    ReportRow,
    UnitSpan,
    merge_department_flags,
    units_in_period,
)
from jianfu.domain.periods import Period, PeriodKind, current_period, date_range
from jianfu.domain.progress import Progress
from jianfu.domain.units import UnitType
from jianfu.services import audit_anchor
from jianfu.services.context import AppContext

#: The sources, in the order they are counted (the progress dialog names them).
SOURCE_STEPS = ("村(社区)", "事项和准入审批", "证明", "牌子", "其他负担")


def _today() -> dt.date:
    return dt.date.today()


class _Counted:
    """Figures of one span of days: per village, township-level task counts, departments."""

    def __init__(self) -> None:
        self.per_unit: dict[int, Counter[str]] = {}
        self.distinct: Counter[str] = Counter()
        self.unlisted_by_department: Counter[str] = Counter()
        self.forbidden_by_agency: Counter[str] = Counter()

    def add(self, figures: dict[int, Counter[str]]) -> None:
        for uid, counts in figures.items():
            self.per_unit.setdefault(uid, Counter()).update(counts)

    def figures(self, unit_id: int) -> Figures:
        counts = self.per_unit.get(unit_id, Counter())
        return Figures({k: int(counts.get(k, 0)) for k in COLUMN_KEYS})

    def by_row(self, row_of: Mapping[int, int | None]) -> dict[int, Figures]:
        """The villages' figures summed into the report's rows (villages, townships …)."""
        sums: dict[int, Counter[str]] = {}
        for uid, counts in self.per_unit.items():
            row = row_of.get(uid)
            if row is not None:
                sums.setdefault(row, Counter()).update(counts)
        return {row: Figures({k: int(c.get(k, 0)) for k in COLUMN_KEYS}) for row, c in sums.items()}

    def total(self, row_of: Mapping[int, int | None]) -> Figures:
        """The sum over the villages that have a row (records of other units are not counted)."""
        return Figures.total(self.by_row(row_of).values())


_VILLAGE_TYPES = frozenset(t.value for t in UnitType.village_types())
#: the rows of a county's or city's report: its townships, its counties
_ROW_TYPES = (UnitType.COUNTY.value, UnitType.TOWNSHIP.value)


def _rows_of(
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


class ReportService:
    """The period statistics report and the figures of the dashboard."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # ---------------------------------------------------------------- periods

    @staticmethod
    def current_period(
        today: dt.date | None = None, kind: PeriodKind = PeriodKind.QUARTER
    ) -> Period:
        """The period of ``kind`` that contains today."""
        return current_period(today or _today(), kind)

    # ---------------------------------------------------------------- the report

    def build(
        self,
        period: Period,
        *,
        unit: int | str | None = None,
        today: dt.date | None = None,
        progress: Progress | None = None,
    ) -> PeriodReport:
        """The report for ``period``.

        ``unit`` (an id or a name) is the reporting unit: a township gets one row per village
        that existed in the period, a county one row per township and a city one row per
        county, each summing its villages. Without it: the connected person's unit on a shared
        server, else the township of the database.
        """
        made_on = today or _today()
        with self.ctx.unit_of_work() as s:
            _step(progress, 0, "村(社区)")
            target = self._target(s, unit)
            # A township's report is signed with that township's own settings (its preparer,
            # reviewer, phone); a county's or a city's rows carry no township's signature.
            own = target is None or target.type == UnitType.TOWNSHIP.value
            if target is not None and own:
                settings = settings_repo.load_for(s, target.id)
            elif target is None:
                settings = settings_repo.load_township(s)
            else:
                settings = settings_repo.load_defaults(s)
            if target is None:
                towns: list[int] = []
            elif target.type == UnitType.TOWNSHIP.value:
                towns = [target.id]
            else:
                towns = units_repo.townships_below(s, target.id)
            villages = repo.unit_spans(s, towns)
            row_of: dict[int, int | None]  # village -> the row it is summed into
            if target is None or target.type == UnitType.TOWNSHIP.value:
                row_spans, row_of = villages, {v.unit_id: v.unit_id for v in villages}
                row_label = VILLAGE_ROWS
            else:
                row_spans = repo.unit_spans(s, [target.id], _ROW_TYPES)
                row_of = _rows_of(villages, row_spans, repo.ancestors(s, towns))
                row_label = COUNTY_ROWS if target.type == UnitType.CITY.value else TOWNSHIP_ROWS
            current = self._count(s, period, towns, villages, progress)
            previous_period = period.previous()
            previous = self._count(s, previous_period, towns, villages, None)
            baseline = _baseline(settings.report_baseline)
            cumulative = None
            if baseline is not None and baseline <= period.end:
                since = date_range(baseline, period.end)
                cumulative = self._count(s, since, towns, villages, None).total(row_of)
            in_use = repo.sources_in_use(s, towns)
            anchor = audit_anchor.current(s).short()
            name = target.name if target is not None else settings.township_name
        figures = current.by_row(row_of)
        present = Counter(
            row_of[v.unit_id] for v in units_in_period(villages, period) if v.unit_id in row_of
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
        _step(progress, len(SOURCE_STEPS), "完成")
        return PeriodReport(
            township=name,
            period=period,
            rows=rows,
            previous_period=previous_period,
            previous_total=previous.total(row_of),
            baseline=baseline if cumulative is not None else None,
            cumulative=cumulative,
            departments=merge_department_flags(
                current.unlisted_by_department, current.forbidden_by_agency
            ),
            missing_sources=tuple(name for name, used in in_use.items() if not used),
            distinct_tasks=Figures(dict(current.distinct)),
            preparer=settings.preparer if own else "",
            reviewer=settings.reviewer if own else "",
            phone=settings.phone if own else "",
            made_on=made_on,
            audit_anchor=anchor,
            row_label=row_label,
        )

    def reporting_units(self) -> list[tuple[int, str]]:
        """Above the township: the units the connected person may report on, their own first,
        then those below it (a county's townships; a city's counties and their townships),
        as (id, label). At a township (or on a file): [] — its report is the only one."""
        person = self.ctx.person
        if (
            getattr(person, "role", None) in (None, "clerk")
            or getattr(person, "unit_id", None) is None
        ):
            return []
        with self.ctx.unit_of_work() as s:
            top = s.get(UnitRow, getattr(person, "unit_id", None))
            if top is None or top.type in (UnitType.TOWNSHIP.value, *_VILLAGE_TYPES):
                return []
            out = [(top.id, f"{top.name}（全{'市' if top.type == UnitType.CITY.value else '县'}）")]
            levels = [top.id]
            while levels:
                children = repo.unit_spans(s, levels, _ROW_TYPES)
                children.sort(key=lambda u: (u.sort_order, u.name, u.unit_id))
                # a city's counties, each followed by its townships
                by_parent: dict[int | None, list[UnitSpan]] = {}
                for child in children:
                    by_parent.setdefault(child.parent_id, []).append(child)
                inserted: list[tuple[int, str]] = []
                for uid, label in out:
                    inserted.append((uid, label))
                    for child in by_parent.get(uid, []):
                        indent = "　" * (label.count("　") + 1)
                        inserted.append((child.unit_id, f"{indent}{child.name}"))
                out = inserted
                levels = [c.unit_id for c in children if c.type != UnitType.TOWNSHIP.value]
            return out

    def _target(self, s: Session, unit: int | str | None) -> UnitRow | None:
        """The reporting unit (see ``build``), checked against the connected person's unit."""
        person = self.ctx.person or connected_person(s)
        if unit is None:
            if person is not None and person.unit_id is not None:
                return s.get(UnitRow, person.unit_id)
            town = township_id_of_session(s)
            return s.get(UnitRow, town) if town is not None else None
        if isinstance(unit, int):
            row = s.get(UnitRow, unit)
            if row is None:
                raise NotFoundError(f"没有编号为 {unit} 的单位")
        else:
            row = units_repo.named_one(s, unit, empty="请填写要统计的单位名称，如 南屏县。")
        if row.type in _VILLAGE_TYPES:
            raise ValidationError(
                FieldProblem(
                    "unit",
                    f"“{row.name}”是{row.type}，统计表按乡镇(街道)、县(市、区)或市编制，"
                    "请填它所属的乡镇(街道)。",
                )
            )
        if person is not None and person.role != "admin" and person.unit_id is not None:
            chain = repo.ancestors(s, [row.id])
            at: int | None = row.id
            while at is not None and at != person.unit_id:
                at = chain.get(at)
            if at is None:
                raise ValidationError(
                    FieldProblem(
                        "unit",
                        f"“{row.name}”不在您的单位（{person.unit_name}）之内："
                        "只能统计本单位及下级单位的数据。",
                    )
                )
        return row

    def _count(
        self,
        s: Session,
        period: Period,
        towns: Sequence[int],
        villages: Sequence[UnitSpan],
        progress: Progress | None,
    ) -> _Counted:
        counted = _Counted()
        present = [u.unit_id for u in units_in_period(villages, period)]
        start, end = period.start, period.end
        _step(progress, 1, "事项和准入审批")
        tasks, distinct, unlisted = repo.task_figures(s, start, end, towns, villages, present)
        counted.add(tasks)
        counted.distinct.update(distinct)
        counted.unlisted_by_department.update(unlisted)
        _step(progress, 2, "证明")
        certificates, agencies = repo.certificate_figures(s, start, end, towns)
        counted.add(certificates)
        counted.forbidden_by_agency.update(agencies)
        _step(progress, 3, "牌子")
        counted.add(repo.board_figures(s, start, end, towns))
        _step(progress, 4, "其他负担")
        counted.add(repo.burden_figures(s, start, end, towns))
        return counted

    # ---------------------------------------------------------------- outputs

    def pdf(
        self,
        report: PeriodReport,
        *,
        situation: str | None = None,
        fonts: object | None = None,
    ) -> bytes:
        """The printed report (landscape A4); ``situation`` replaces the draft paragraph."""
        from jianfu.reports.period_report import build_period_report_pdf

        return build_period_report_pdf(report, fonts=fonts, situation=situation)  # type: ignore[arg-type]

    def xlsx(
        self,
        report: PeriodReport,
        target: str | os.PathLike[str] | BinaryIO,
        *,
        situation: str | None = None,
    ) -> None:
        """The same table as an Excel workbook for upward submission."""
        from jianfu.interchange.report_export import export_period_report

        export_period_report(target, report, situation=situation)


def _baseline(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:  # saved by an older version without the check: no cumulative figures
        return None


def _step(progress: Progress | None, done: int, message: str) -> None:
    if progress is not None:
        progress.step(done, len(SOURCE_STEPS), f"正在统计：{message}")
