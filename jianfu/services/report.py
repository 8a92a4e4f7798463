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
from collections.abc import Collection, Mapping, Sequence
from typing import BinaryIO

from sqlalchemy.orm import Session

from jianfu.db.models import UnitRow
from jianfu.db.repositories import report_figures as repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import connected_person, township_id_of_session
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.period_report import (
    COUNTY_ROWS,
    TOWNSHIP_ROWS,
    VILLAGE_ROWS,
    PeriodReport,
    UnitSpan,
)
from jianfu.domain.periods import Period, PeriodKind, current_period, date_range
from jianfu.domain.progress import Progress
from jianfu.domain.report_counting import PerUnit
from jianfu.domain.units import UnitType
from jianfu.services import audit_anchor
from jianfu.services import report_rows as rows
from jianfu.services.context import AppContext
from jianfu.services.report_rows import SOURCE_STEPS


def _today() -> dt.date:
    return dt.date.today()


_VILLAGE_TYPES = frozenset(t.value for t in UnitType.village_types())
#: the rows of a county's or city's report: its townships, its counties
_ROW_TYPES = (UnitType.COUNTY.value, UnitType.TOWNSHIP.value)


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
                row_of = rows.rows_of(villages, row_spans, repo.ancestors(s, towns))
                row_label = COUNTY_ROWS if target.type == UnitType.CITY.value else TOWNSHIP_ROWS
            baseline = _baseline(settings.report_baseline)
            since = None
            if baseline is not None and baseline <= period.end:
                since = date_range(baseline, period.end)
            spans = [(p.start, p.end) for p in (period, period.previous(), since) if p]
            # the boards' standing counts of every span at once: one reading of the area's
            # boards (a city's 100,000), not one per span
            boards = repo.board_figures_of(s, spans, towns)
            sources = _Sources(s, dict(zip(spans, boards, strict=True)))
            current = rows.count(sources, period, towns, villages, progress)
            previous = rows.count(sources, period.previous(), towns, villages, None)
            cumulative = None
            if since is not None:
                cumulative = rows.count(sources, since, towns, villages, None).total(row_of)
            in_use = repo.sources_in_use(s, towns)
            first_records = repo.first_record_days(s, towns)
            anchor = audit_anchor.current(s).short()
            name = target.name if target is not None else settings.township_name
        report = rows.assemble(
            name=name,
            period=period,
            villages=villages,
            row_spans=row_spans,
            row_of=row_of,
            row_label=row_label,
            current=current,
            previous=previous,
            baseline=baseline,
            cumulative=cumulative,
            missing_sources=tuple(name for name, used in in_use.items() if not used),
            preparer=settings.preparer if own else "",
            reviewer=settings.reviewer if own else "",
            phone=settings.phone if own else "",
            made_on=made_on,
            audit_anchor=anchor,
            first_records=first_records,
        )
        _step(progress, len(SOURCE_STEPS), "完成")
        return report

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

    def counted_townships(self) -> tuple[int, ...]:
        """The townships whose villages the report of ``build`` without a unit counts (the
        person's unit, else the database's township), when the database holds several: 首页
        lists the reminders of these alone, as its figures count them (a city's SQLite trial
        file counted its first township and listed every township's reminders). ``()`` when
        it holds one township or none: nothing to leave out."""
        with self.ctx.unit_of_work() as s:
            if units_repo.township_count(s) <= 1:
                return ()
            target = self._target(s, None)
            if target is None:
                return ()
            if target.type == UnitType.TOWNSHIP.value:
                return (target.id,)
            return tuple(units_repo.townships_below(s, target.id))

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
    rows.step(progress, done, message)


class _Sources:
    """The report's sources read through the ORM (``report_rows.Sources``)."""

    def __init__(
        self, session: Session, boards: Mapping[tuple[dt.date, dt.date], PerUnit] | None = None
    ) -> None:
        self.session = session
        self._boards = boards or {}

    def task_figures(
        self,
        start: dt.date,
        end: dt.date,
        towns: Collection[int],
        villages: Sequence[UnitSpan],
        in_period: Collection[int],
    ) -> tuple[PerUnit, Counter[str], Counter[str]]:
        return repo.task_figures(self.session, start, end, towns, villages, in_period)

    def certificate_figures(
        self, start: dt.date, end: dt.date, towns: Collection[int]
    ) -> tuple[PerUnit, Counter[str]]:
        return repo.certificate_figures(self.session, start, end, towns)

    def board_figures(self, start: dt.date, end: dt.date, towns: Collection[int]) -> PerUnit:
        known = self._boards.get((start, end))
        return known if known is not None else repo.board_figures(self.session, start, end, towns)

    def burden_figures(self, start: dt.date, end: dt.date, towns: Collection[int]) -> PerUnit:
        return repo.burden_figures(self.session, start, end, towns)
