"""首页 read from a SQLite file before SQLAlchemy is imported (a start with nothing kept).

When ``services.first_screen`` has nothing to show (the first start, after another program
wrote, a crash, an upgrade, a longer absence), the start-up reads 首页 here through
``db.plain_reads`` (``sqlite3``) and shows it, and only then opens the database through the
ORM for the other screens. :func:`load_dashboard` itself makes 首页 from what it reads: the
objects below answer it as the services would (the same period report through
``services.report_rows``, the same reminders through the domain's rules), so the figures are
those the ORM's reading gives (``tests/db/test_first_screen_plain.py`` compares both).

Only a file at this version's schema is read here, or at an older one that reads alike
(``db.schema_version.SCHEMA_READ_ALIKE``: it is upgraded after 首页 is shown); a file to be
created, filled (the demo's first start) or upgraded from further back is opened through the
ORM first, then read here. A server database is read through the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from jianfu.db import plain_reads as reads
from jianfu.domain.board_reminders import attention_lines
from jianfu.domain.cases import PENDING_STATUSES, CaseStatus, Reminder, days_left, reminders
from jianfu.domain.paging import Page
from jianfu.domain.period_report import VILLAGE_ROWS, PeriodReport
from jianfu.domain.periods import Period
from jianfu.domain.progress import Progress
from jianfu.domain.workdays import estimate_warning, warning_years
from jianfu.services import report_rows
from jianfu.services.dashboard import Dashboard, load_dashboard

if TYPE_CHECKING:
    from jianfu.services.registry import Services


@dataclass(frozen=True)
class PlainFirstScreen:
    """首页 as read, and the township's name for the window's title."""

    dashboard: Dashboard
    township_name: str


def read(
    path: Path, today: dt.date | None = None, *, demo: bool = False
) -> PlainFirstScreen | None:
    """首页 of the SQLite file ``path`` as of ``today``; ``None`` when the file is not one
    this reader may read (missing, not at this version's schema or one read alike, not a
    database) or, for the ``demo``, one the start fills first (``demo.township.has_data``)."""
    if not path.is_file():
        return None
    con = reads.connect(path)
    if con is None:
        return None
    try:
        with _snapshot(con):
            if demo and not reads.has_data(con):
                return None
            town = reads.township(con)
            plain = _Plain(con, town, path)
            dashboard = load_dashboard(cast("Services", plain), today=today)
            return PlainFirstScreen(dashboard, reads.township_name(con, town))
    except sqlite3.Error:
        return None
    finally:
        con.close()


@contextmanager
def _snapshot(con: sqlite3.Connection) -> Iterator[None]:
    """Every query in one read transaction: one moment's figures, as one unit of work reads."""
    con.execute("BEGIN")
    try:
        yield
    finally:
        con.rollback()


class _Plain:
    """What :func:`load_dashboard` asks of the services, read with ``db.plain_reads``."""

    def __init__(self, con: sqlite3.Connection, town: tuple[int, str] | None, path: Path) -> None:
        self.report = _Report(con, town)
        self.cases = _Cases(con)
        self.tasks = _Tasks(con)
        self.boards = _Boards(con)
        self.certificates = _Certificates(con)
        self.ctx = _Context(path)


@dataclass(frozen=True)
class _Database:
    sqlite_path: Path


class _Context:
    def __init__(self, path: Path) -> None:
        self.database = _Database(path)


class _Report:
    """``ReportService.build`` for the file's township (首页's reading: the figures, not the
    cumulative span, the missing ledgers or the signatures, which 首页 does not show)."""

    def __init__(self, con: sqlite3.Connection, town: tuple[int, str] | None) -> None:
        self.con, self.town = con, town

    def build(
        self, period: Period, *, today: dt.date | None = None, progress: Progress | None = None
    ) -> PeriodReport:
        # no township yet (nothing entered): no village, the defaults' name
        towns = [self.town[0]] if self.town is not None else []
        report_rows.step(progress, 0, "村(社区)")
        villages = reads.unit_spans(self.con, towns)
        row_of: dict[int, int | None] = {v.unit_id: v.unit_id for v in villages}
        sources = reads.ReportSources(self.con)
        current = report_rows.count(sources, period, towns, villages, progress)
        previous = report_rows.count(sources, period.previous(), towns, villages)
        return report_rows.assemble(
            name=self.town[1] if self.town else reads.township_name(self.con, None),
            period=period,
            villages=villages,
            row_spans=villages,
            row_of=row_of,
            row_label=VILLAGE_ROWS,
            current=current,
            previous=previous,
            made_on=today or dt.date.today(),
        )


class _Cases:
    """``CasesService`` of a township's own file (no queue of a level above)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    @staticmethod
    def queue() -> tuple[CaseStatus, ...]:
        return ()

    def reminders(self, today: dt.date, within: int = 3) -> list[Reminder]:
        pending = [st.value for st in PENDING_STATUSES]
        cases = reads.cases(self.con, pending, today)
        calendar = reads.calendar(self.con)
        ids = {c.township_id for c in cases if c.township_id is not None}
        towns = reads.unit_names(self.con, ids) if len(ids) > 1 else {}
        found = reminders(cases, today, calendar, within)
        if not towns:  # one township's list: its name would only repeat on every line
            return found
        return [
            replace(r, township=towns.get(r.case.township_id, "") if r.case else "") for r in found
        ]

    def estimated_deadlines(self, today: dt.date) -> tuple[int, str]:
        """``CasesService.estimated_deadlines``: the pending cases' deadline warnings."""
        calendar = reads.calendar(self.con)
        cases = reads.cases(self.con, [st.value for st in PENDING_STATUSES], None)
        cases.sort(key=lambda c: (c.request.received_on, c.id or 0), reverse=True)
        warnings = [days_left(c, today, calendar).warning for c in cases[:10_000]]
        warnings = [w for w in warnings if w]
        years = sorted({y for w in warnings for y in warning_years(w)})
        return len(warnings), estimate_warning(years)


class _Tasks:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def past_end(self, today: dt.date, limit: int | None = None) -> list[reads.PastEnd]:
        return reads.past_end_tasks(self.con, today, limit)


class _Boards:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def waiting_review(self) -> int:
        return reads.boards_with_status(self.con, reads.BOARD_DISPOSED)

    def reminders(self) -> list[str]:
        return attention_lines(*reads.board_attention(self.con))


class _Certificates:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def waiting_for_signature(self, limit: int) -> Page[Any]:
        rows, total = reads.certificates_waiting(self.con, limit)
        return Page(list(rows), total, 0)
