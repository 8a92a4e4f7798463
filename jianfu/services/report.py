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
from collections.abc import Iterable
from typing import BinaryIO

from sqlalchemy.orm import Session

from jianfu.db.repositories import report_figures as repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.domain.period_report import (
    COLUMN_KEYS,
    Figures,
    PeriodReport,
    ReportRow,
    UnitSpan,
    merge_department_flags,
    units_in_period,
)
from jianfu.domain.periods import Period, PeriodKind, current_period, date_range
from jianfu.domain.progress import Progress
from jianfu.services import audit_anchor
from jianfu.services.context import AppContext

#: The sources, in the order they are counted (the progress dialog names them).
SOURCE_STEPS = ("村(社区)", "事项和准入审批", "证明", "牌子", "其他负担")


def _today() -> dt.date:
    return dt.date.today()


class _Counted:
    """Figures of one span of days: per village, township-level task counts, departments."""

    def __init__(self) -> None:
        self.per_unit: dict[int, Counter] = {}
        self.distinct: Counter = Counter()
        self.unlisted_by_department: Counter = Counter()
        self.forbidden_by_agency: Counter = Counter()

    def add(self, figures: dict[int, Counter]) -> None:
        for uid, counts in figures.items():
            self.per_unit.setdefault(uid, Counter()).update(counts)

    def figures(self, unit_id: int) -> Figures:
        counts = self.per_unit.get(unit_id, Counter())
        return Figures({k: int(counts.get(k, 0)) for k in COLUMN_KEYS})

    def total(self) -> Figures:
        return Figures.total(self.figures(uid) for uid in self.per_unit)


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
        today: dt.date | None = None,
        progress: Progress | None = None,
    ) -> PeriodReport:
        """The report for ``period``: every village that existed in it, and the totals."""
        made_on = today or _today()
        with self.ctx.unit_of_work() as s:
            settings = settings_repo.load_township(s)
            _step(progress, 0, "村(社区)")
            spans = repo.unit_spans(s)
            current = self._count(s, period, spans, progress)
            previous_period = period.previous()
            previous = self._count(s, previous_period, spans, None)
            baseline = _baseline(settings.report_baseline)
            cumulative = None
            if baseline is not None and baseline <= period.end:
                cumulative = self._count(s, date_range(baseline, period.end), spans, None).total()
            in_use = repo.sources_in_use(s)
            anchor = audit_anchor.current(s).short()
        shown = {u.unit_id: u for u in units_in_period(spans, period)}
        # A village outside the period that still has figures in it is shown, not dropped.
        for span in spans:
            if span.unit_id not in shown and not current.figures(span.unit_id).is_empty:
                shown[span.unit_id] = span
        ordered = sorted(shown.values(), key=lambda u: (u.sort_order, u.name, u.unit_id))
        rows = [
            ReportRow(u.unit_id, u.name, u.type, current.figures(u.unit_id), u.note(period))
            for u in ordered
        ]
        _step(progress, len(SOURCE_STEPS), "完成")
        return PeriodReport(
            township=settings.township_name,
            period=period,
            rows=rows,
            previous_period=previous_period,
            previous_total=previous.total(),
            baseline=baseline if cumulative is not None else None,
            cumulative=cumulative,
            departments=merge_department_flags(
                current.unlisted_by_department, current.forbidden_by_agency
            ),
            missing_sources=tuple(name for name, used in in_use.items() if not used),
            distinct_tasks=Figures(dict(current.distinct)),
            preparer=settings.preparer,
            reviewer=settings.reviewer,
            phone=settings.phone,
            made_on=made_on,
            audit_anchor=anchor,
        )

    def _count(
        self, s: Session, period: Period, spans: Iterable[UnitSpan], progress: Progress | None
    ) -> _Counted:
        counted = _Counted()
        units = [u.unit_id for u in units_in_period(spans, period)]
        start, end = period.start, period.end
        _step(progress, 1, "事项和准入审批")
        tasks, distinct, unlisted = repo.task_figures(s, start, end, units)
        counted.add(tasks)
        counted.distinct.update(distinct)
        counted.unlisted_by_department.update(unlisted)
        _step(progress, 2, "证明")
        certificates, agencies = repo.certificate_figures(s, start, end)
        counted.add(certificates)
        counted.forbidden_by_agency.update(agencies)
        _step(progress, 3, "牌子")
        counted.add(repo.board_figures(s, start, end))
        _step(progress, 4, "其他负担")
        counted.add(repo.burden_figures(s, start, end))
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
