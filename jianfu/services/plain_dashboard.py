"""What ``services.dashboard.load_dashboard`` asks of the services, answered with
``db.plain_reads``' queries on a SQLite file (``sqlite3``) or a server (``db.plain_server``),
for 首页 read before SQLAlchemy loads (``services.first_screen_plain``).

The objects below answer it as the services would (the same period report through
``services.report_rows``, the same reminders through the domain's rules), so the figures are
those the ORM's reading gives. A module of its own so that a start on a server connects and
sends its statements ahead before these modules load (``first_screen_plain.read_server``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jianfu.db import plain_reads as reads
from jianfu.domain.board_reminders import attention_lines
from jianfu.domain.cases import (
    PENDING_STATUSES,
    AdmissionCase,
    CaseStatus,
    Reminder,
    days_left,
    reminders,
)
from jianfu.domain.paging import Page
from jianfu.domain.period_report import COUNTY_ROWS, TOWNSHIP_ROWS, VILLAGE_ROWS, PeriodReport
from jianfu.domain.periods import Period
from jianfu.domain.progress import Progress
from jianfu.domain.units import UnitType
from jianfu.domain.workdays import WorkdayCalendar, estimate_warning, warning_years
from jianfu.services import report_rows

#: the people whose 首页 is read here on a server (``services.cases``' queues of each)
SERVER_QUEUES: dict[str, tuple[CaseStatus, ...]] = {
    "clerk": (),
    "reviewer": (CaseStatus.COUNTY_REVIEW,),
    "mechanism": (CaseStatus.MECHANISM_REVIEW,),
}
#: the units each works for (a clerk its township; the levels above a county or a city)
UNITS = {
    "clerk": (UnitType.TOWNSHIP.value,),
    "reviewer": (UnitType.COUNTY.value, UnitType.CITY.value),
    "mechanism": (UnitType.COUNTY.value, UnitType.CITY.value),
}


#: (id, name, type) of the unit whose report 首页 shows
Target = tuple[int, str, str]


class Plain:
    """What :func:`load_dashboard` asks of the services, read with ``db.plain_reads``."""

    def __init__(
        self,
        con: reads.Connection,
        target: Target | None,
        path: Path | None,
        *,
        queue: tuple[CaseStatus, ...] = (),
    ) -> None:
        self.report = _Report(con, target)
        self.cases = _Cases(con, queue)
        self.tasks = _Tasks(con)
        self.boards = _Boards(con)
        self.certificates = _Certificates(con)
        self.ctx = _Context(path)


@dataclass(frozen=True)
class _Database:
    sqlite_path: Path | None


class _Context:
    def __init__(self, path: Path | None) -> None:
        self.database = _Database(path)


class _Report:
    """``ReportService.build`` for ``target`` (首页's reading: the figures, not the cumulative
    span, the missing ledgers or the signatures, which 首页 does not show): a township's
    villages, a county's townships or a city's counties, each summing its villages."""

    def __init__(self, con: reads.Connection, target: Target | None) -> None:
        self.con, self.target = con, target

    def counted_townships(self) -> tuple[int, ...]:
        """``ReportService.counted_townships``: the townships ``build`` counts, when the
        database holds several (首页's reminders are theirs); ``()`` when it holds one."""
        if self.target is None or reads.township_count(self.con) <= 1:
            return ()
        if self.target[2] == UnitType.TOWNSHIP.value:
            return (self.target[0],)
        return tuple(reads.townships_below(self.con, self.target[0]))

    def build(
        self, period: Period, *, today: dt.date | None = None, progress: Progress | None = None
    ) -> PeriodReport:
        report_rows.step(progress, 0, "村(社区)")
        target, township = self.target, UnitType.TOWNSHIP.value
        if target is None:  # no township yet (nothing entered): no village, the defaults' name
            towns: list[int] = []
        elif target[2] == township:
            towns = [target[0]]
        else:
            towns = reads.townships_below(self.con, target[0])
        villages = reads.unit_spans(self.con, towns)
        row_of: dict[int, int | None]
        if target is None or target[2] == township:
            row_spans, row_label = villages, VILLAGE_ROWS
            row_of = {v.unit_id: v.unit_id for v in villages}
        else:
            row_types = (UnitType.COUNTY.value, township)
            row_spans = reads.unit_spans(self.con, [target[0]], row_types)
            row_of = report_rows.rows_of(villages, row_spans, reads.ancestors(self.con, towns))
            row_label = COUNTY_ROWS if target[2] == UnitType.CITY.value else TOWNSHIP_ROWS
        sources = reads.ReportSources(self.con)
        # the boards of both periods read at once, as the service reads them
        spans = [(p.start, p.end) for p in (period, period.previous())]
        sources.read_boards(spans, towns)
        current = report_rows.count(sources, period, towns, villages, progress)
        previous = report_rows.count(sources, period.previous(), towns, villages)
        return report_rows.assemble(
            name=target[1] if target else reads.township_name(self.con, None),
            period=period,
            villages=villages,
            row_spans=row_spans,
            row_of=row_of,
            row_label=row_label,
            current=current,
            previous=previous,
            made_on=today or dt.date.today(),
        )


class _Cases:
    """``CasesService``: a township's own cases, or the queue of a level above (the reviewer's
    县级审核, the mechanism's 协调机制审批) on a server."""

    def __init__(self, con: reads.Connection, queued: tuple[CaseStatus, ...] = ()) -> None:
        self.con, self.queued = con, queued
        # read once for both reminders and the deadlines' warnings (one reading's snapshot)
        self._calendar: WorkdayCalendar | None = None
        self._read: tuple[list[AdmissionCase], dt.date | None, tuple[int, ...]] | None = None

    def _workdays(self) -> WorkdayCalendar:
        if self._calendar is None:
            self._calendar = reads.calendar(self.con)
        return self._calendar

    def _cases(
        self, statuses: list[str], today: dt.date | None, townships: tuple[int, ...]
    ) -> list[AdmissionCase]:
        """``reads.cases``; the pending ones again from the cases the reminders read."""
        read = self._read
        if read is not None and read[1] is not None and read[2] == townships and not self.queued:
            return [c for c in read[0] if c.status.value in statuses]
        cases = reads.cases(self.con, statuses, today, townships)
        self._read = (cases, today, townships)
        return cases

    def queue(self) -> tuple[CaseStatus, ...]:
        return self.queued

    def queue_count(self, townships: tuple[int, ...] = ()) -> int:
        """``CasesService.queue_count``."""
        if not self.queued:
            return 0
        return reads.case_count(self.con, [st.value for st in self.queued], townships)

    def reminders(
        self, today: dt.date, within: int = 3, townships: tuple[int, ...] = ()
    ) -> list[Reminder]:
        # in one order on every start (a frozenset's order changes from run to run): the
        # statement is then the one the last start sent ahead (``plain_server.send_ahead``)
        statuses = sorted(st.value for st in self.queued or PENDING_STATUSES)
        # the levels above see only what waits for them, not approvals past their end
        cases = self._cases(statuses, None if self.queued else today, townships)
        calendar = self._workdays()
        ids = {c.township_id for c in cases if c.township_id is not None}
        # above the township each case names its township (``people.lists_townships``)
        several = len(ids) > 1 or bool(self.queued)
        towns = reads.unit_names(self.con, ids) if ids and several else {}
        found = reminders(cases, today, calendar, within)
        if not towns:  # one township's list: its name would only repeat on every line
            return found
        return [
            replace(r, township=towns.get(r.case.township_id, "") if r.case else "") for r in found
        ]

    def estimated_deadlines(
        self, today: dt.date, townships: tuple[int, ...] = ()
    ) -> tuple[int, str]:
        """``CasesService.estimated_deadlines``: the pending cases' deadline warnings."""
        calendar = self._workdays()
        cases = self._cases(sorted(st.value for st in PENDING_STATUSES), None, townships)
        cases.sort(key=lambda c: (c.request.received_on, c.id or 0), reverse=True)
        warnings = [days_left(c, today, calendar).warning for c in cases[:10_000]]
        warnings = [w for w in warnings if w]
        years = sorted({y for w in warnings for y in warning_years(w)})
        return len(warnings), estimate_warning(years)


class _Tasks:
    def __init__(self, con: reads.Connection) -> None:
        self.con = con

    def past_end(
        self, today: dt.date, limit: int | None = None, townships: tuple[int, ...] = ()
    ) -> list[reads.PastEnd]:
        return reads.past_end_tasks(self.con, today, limit, townships)


class _Boards:
    def __init__(self, con: reads.Connection) -> None:
        self.con = con

    def waiting_review(self, townships: tuple[int, ...] = ()) -> int:
        return reads.boards_with_status(self.con, reads.BOARD_DISPOSED, townships)

    def reminders(self, townships: tuple[int, ...] = ()) -> list[str]:
        return attention_lines(*reads.board_attention(self.con, townships))


class _Certificates:
    def __init__(self, con: reads.Connection) -> None:
        self.con = con

    def waiting_for_signature(self, limit: int, townships: tuple[int, ...] = ()) -> Page[Any]:
        rows, total = reads.certificates_waiting(self.con, limit, townships)
        return Page(list(rows), total, 0)
