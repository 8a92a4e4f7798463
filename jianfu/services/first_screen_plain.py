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
ORM first, then read here.

A server database at this version's schema is read here too (:func:`read_server`), through
plain psycopg as the connected login (``db.plain_server``: the server's grants and row-level
security decide what it sees), for a person of a township (乡镇经办) and one above it (县级审核,
协调机制 of a county or a city): their level's report and reminders, as ``load_dashboard``
makes them through the services; and for the database's owner (its first township's report
and that township's reminders, as on a file). An administrator and a login that is no person of
the database are read through the ORM, as before.

Once the database is open, 首页 is read again the same way when a save changes it or the
clerk shows it again (:func:`read_dashboard`, :func:`read_open`), on a connection of the
app's own pool as the same login: what it shows after a save is what a fresh start would
show. The ORM's ``ReportService.build`` counts the printed report (统计报表);
``tests/db/test_home_figures_agree.py`` holds both to the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from jianfu.db import plain_reads as reads
from jianfu.domain.board_reminders import attention_lines
from jianfu.domain.case_levels import ROLE_LABELS
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
from jianfu.services.dashboard import Dashboard, load_dashboard

if TYPE_CHECKING:
    import sqlite3

    from jianfu.db import plain_server
    from jianfu.db.engine import Database
    from jianfu.db.libpq import LibpqReads
    from jianfu.db.plain_server import ServerReads
    from jianfu.db.township import ConnectedPerson
    from jianfu.services.registry import Services


@dataclass(frozen=True)
class PlainFirstScreen:
    """首页 as read, and the township's name for the window's title (on a server: the
    window's title, who is connected and where, and whether the person works above a
    township, as ``MainWindow`` says them once the database is open)."""

    dashboard: Dashboard
    township_name: str
    database: str = ""
    above: bool = False


#: the people whose 首页 is read here on a server (``services.cases``' queues of each)
SERVER_QUEUES: dict[str, tuple[CaseStatus, ...]] = {
    "clerk": (),
    "reviewer": (CaseStatus.COUNTY_REVIEW,),
    "mechanism": (CaseStatus.MECHANISM_REVIEW,),
}
#: the units each works for (a clerk its township; the levels above a county or a city)
_UNITS = {
    "clerk": (UnitType.TOWNSHIP.value,),
    "reviewer": (UnitType.COUNTY.value, UnitType.CITY.value),
    "mechanism": (UnitType.COUNTY.value, UnitType.CITY.value),
}


def read(
    path: Path, today: dt.date | None = None, *, demo: bool = False
) -> PlainFirstScreen | None:
    """首页 of the SQLite file ``path`` as of ``today``; ``None`` when the file is not one
    this reader may read (missing, not at this version's schema or one read alike, not a
    database) or, for the ``demo``, one the start fills first (``demo.township.has_data``)."""
    if not path.is_file():
        return None
    import sqlite3  # a file's: not loaded for a server's start

    con = reads.connect(path)
    if con is None:
        return None
    try:
        with _snapshot(con):
            if demo and not reads.has_data(con):
                return None
            return _read_file(con, path, today)
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _read_file(
    con: sqlite3.Connection, path: Path, today: dt.date | None, progress: Progress | None = None
) -> PlainFirstScreen | None:
    """首页 of the SQLite file ``path`` read on ``con`` (in a snapshot): its township's."""
    town = reads.township(con)
    target = (*town, UnitType.TOWNSHIP.value) if town is not None else None
    plain = _Plain(con, target, path)
    dashboard = load_dashboard(cast("Services", plain), today=today, progress=progress)
    if dashboard.problems:  # a reminder not read: the ORM reads 首页 instead
        return None
    return PlainFirstScreen(dashboard, reads.township_name(con, town))


def read_server(
    url: str,
    today: dt.date | None = None,
    *,
    opened: tuple[plain_server.ServerAddress, ServerReads | LibpqReads] | None = None,
) -> PlainFirstScreen | None:
    """首页 of the server database ``url`` as of ``today``, read as its login; ``None`` when
    it is read through the ORM instead (see the module docstring, ``db.plain_server``).
    ``opened``: ``plain_server.open_ahead(url, today)`` already called (the start sends the
    statements, then imports this module while the server answers them)."""
    from jianfu.db import plain_server

    if opened is None:
        opened = plain_server.open_ahead(url, today)
        if opened is None:
            return None
    where, con = opened
    again = False
    try:
        read = _read_server(con, plain_server.person(con), where.description, today)
    except con.errors as exc:
        read = None
        # an answer libpq's reading does not convert: read through psycopg, as before it
        again = isinstance(exc, con.retry)
    finally:
        con.close()
    if again:
        return _read_through_psycopg(url, today)
    if read is None:
        if con.sent:  # perhaps what was sent ahead failed: the next start asks as it goes
            plain_server.forget_statements(where)
    elif con.asked != con.sent:
        plain_server.keep_statements(where, con.asked, today)
    return read


def _read_through_psycopg(url: str, today: dt.date | None) -> PlainFirstScreen | None:
    """:func:`read_server` through psycopg alone."""
    from jianfu.db import plain_server

    opened = plain_server.open_ahead(url, today, transports=("psycopg",))
    return read_server(url, today, opened=opened) if opened is not None else None


def read_open(
    database: Database,
    today: dt.date | None = None,
    *,
    person: ConnectedPerson | None = None,
    progress: Progress | None = None,
) -> Dashboard | None:
    """首页 of the open ``database`` read as a start reads it (:func:`read`, :func:`read_server`:
    the same statements and counting), on a connection of the app's pool, as its login; for
    首页 read again after a save. ``None`` where a start reads it through the ORM too (an
    administrator, a login that is no person of the database, a reminder not read), and where
    the services act for another ``person`` than the login's (``AppContext.person``; on a
    file, any: a file has no persons): the ORM reads 首页 for them."""
    path = database.sqlite_path
    if path is not None and person is not None:
        return None
    pool_con = database.engine.raw_connection()
    try:
        raw = pool_con.driver_connection
        if path is not None:
            import sqlite3

            con = cast("sqlite3.Connection", raw)
            try:
                with _snapshot(con):
                    read = _read_file(con, path, today, progress)
            except sqlite3.Error:
                return None
        else:
            import psycopg

            from jianfu.db import plain_server

            try:
                with plain_server.snapshot(raw) as server:
                    read = None
                    found = plain_server.person(server) if server is not None else None
                    if server is not None and _same_person(found, person):
                        description = database.description
                        read = _read_server(server, found, description, today, progress)
            except psycopg.Error:
                pool_con.invalidate()  # dropped or refused: not handed to the next user
                return None
    finally:
        pool_con.close()
    return read.dashboard if read is not None else None


def _same_person(found: plain_server.Person | None, acting: ConnectedPerson | None) -> bool:
    """The login's person (``None``: the owner, or no person) is the one the services act as."""
    if found is None or acting is None:
        return found is None and acting is None
    return (found.login, found.role, found.unit_id) == (acting.login, acting.role, acting.unit_id)


def read_dashboard(
    services: Services, *, today: dt.date | None = None, progress: Progress | None = None
) -> Dashboard:
    """首页 as a start reads it (:func:`read_open`: plain statements on a connection of the
    open database; above the township the server adds each township's villages up), for 首页
    read again after a save or when shown again; through the services (``load_dashboard``,
    the ORM) where a start reads it so too: an administrator, a login that is no person of the
    database, a flow whose reminders could not be read."""
    ctx = services.ctx
    read = read_open(ctx.database, today, person=ctx.person, progress=progress)
    if read is not None:
        return read
    return load_dashboard(services, today=today, progress=progress)


def _read_server(
    con: ServerReads | LibpqReads,
    person: plain_server.Person | None,
    description: str,
    today: dt.date | None,
    progress: Progress | None = None,
) -> PlainFirstScreen | None:
    """首页 of the server read on ``con`` (in a snapshot) as its login, whose ``person`` it
    is (``plain_server.person``): the person's level's, or the owner's
    (:func:`_read_as_owner`); ``None`` where the ORM reads it."""
    if person is None:
        return _read_as_owner(con, description, today, progress)
    if person.unit_type not in _UNITS.get(person.role, ()):
        return None
    plain = _Plain(
        con,
        (person.unit_id, person.unit_name, person.unit_type),
        None,
        queue=SERVER_QUEUES[person.role],
        area=person.unit_id,
        server=True,
    )
    dashboard = load_dashboard(cast("Services", plain), today=today, progress=progress)
    if dashboard.problems:
        # a reminder not read (the server dropped the connection, a statement refused,
        # and every statement after it in the snapshot): load_dashboard would show the
        # error's text in place of the reminders; the ORM reads 首页 instead
        return None
    if person.role == "clerk":  # MainWindow's title: the township's name of its settings
        title = reads.township_name(con, (person.unit_id, person.unit_name))
    else:  # the county or city it works for
        title = person.unit_name
    operator = person.display_name[:40]  # services.settings.use_preparer_as_operator
    who = f"当前用户：{operator}（{ROLE_LABELS[person.role]}，{person.unit_name}）"
    return PlainFirstScreen(
        dashboard,
        title,
        f"{who}　数据库：{description}",
        above=person.role != "clerk",
    )


def _read_as_owner(
    con: ServerReads | LibpqReads,
    description: str,
    today: dt.date | None,
    progress: Progress | None = None,
) -> PlainFirstScreen | None:
    """The database's owner (or a superuser): the first township's report and its
    reminders, as on a file (``township_id_of_session``); ``None`` for a login that
    is no person of the database and does not own it (read through the ORM)."""
    from jianfu.db import plain_server

    login = plain_server.owner_login(con)
    if login is None:
        return None
    town = reads.township(con)
    target = (*town, UnitType.TOWNSHIP.value) if town is not None else None
    plain = _Plain(con, target, None)
    dashboard = load_dashboard(cast("Services", plain), today=today, progress=progress)
    if dashboard.problems:  # as in read_server
        return None
    # MainWindow's title: the settings of the owner's scope (``settings._scope``): the
    # defaults' when the database holds several townships, else its township's
    several = reads.township_count(con) > 1
    title = reads.township_name(con, None if several else town)
    who = f"当前用户：{login}（数据库所有者，管理员）"  # ``people.describe_connected``
    return PlainFirstScreen(dashboard, title, f"{who}　数据库：{description}")


@contextmanager
def _snapshot(con: sqlite3.Connection) -> Iterator[None]:
    """Every query in one read transaction: one moment's figures, as one unit of work reads."""
    con.execute("BEGIN")
    try:
        yield
    finally:
        con.rollback()


#: (id, name, type) of the unit whose report 首页 shows
Target = tuple[int, str, str]


class _Plain:
    """What :func:`load_dashboard` asks of the services, read with ``db.plain_reads``."""

    def __init__(
        self,
        con: reads.Connection,
        target: Target | None,
        path: Path | None,
        *,
        queue: tuple[CaseStatus, ...] = (),
        area: int | None = None,
        server: bool = False,
    ) -> None:
        self.report = _Report(con, target, server=server)
        self.cases = _Cases(con, queue, area)
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
    villages, a county's townships or a city's counties, each summing its villages. Above the
    township the server adds the villages up per township, and on a ``server`` (at this
    version's schema) counts the boards from the changes it keeps per township and month (0035)."""

    def __init__(
        self, con: reads.Connection, target: Target | None, *, server: bool = False
    ) -> None:
        self.con, self.target, self.server = con, target, server

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
        above = target is not None and target[2] != township
        if target is None or not above:
            row_spans, row_label = villages, VILLAGE_ROWS
            row_of = {v.unit_id: v.unit_id for v in villages}
        else:
            row_types = (UnitType.COUNTY.value, township)
            row_spans = reads.unit_spans(self.con, [target[0]], row_types)
            parents = reads.ancestors(self.con, towns)
            row_of = report_rows.rows_of(villages, row_spans, parents)
            # the sources' sums per township (below) go to the row of its villages
            row_of.update(report_rows.township_rows(towns, row_spans, parents))
            row_label = COUNTY_ROWS if target[2] == UnitType.CITY.value else TOWNSHIP_ROWS
        # above the township the server adds the villages up into their townships
        sources = reads.ReportSources(self.con, by_township=above, standing=self.server)
        # both periods' sources read at once (the boards as the service reads them)
        spans = [(p.start, p.end) for p in (period, period.previous())]
        sources.read_spans(spans, towns)
        current = report_rows.count(sources, period, towns, villages, progress)
        previous = report_rows.count(sources, period.previous(), towns, villages)
        # 上期无记录 where a ledger began after the previous period (ReportService.build's)
        first_records = reads.first_record_days(self.con, towns)
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
            first_records=first_records,
        )


class _Cases:
    """``CasesService``: a township's own cases, or the queue of a level above (the reviewer's
    县级审核, the mechanism's 协调机制审批) on a server."""

    def __init__(
        self, con: reads.Connection, queued: tuple[CaseStatus, ...] = (), area: int | None = None
    ) -> None:
        """``area``: the unit of the person reading (``None``: the whole database's)."""
        self.con, self.queued, self.area = con, queued, area
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
        statuses = [st.value for st in self.queued or PENDING_STATUSES]
        # the levels above see only what waits for them, not approvals past their end
        cases = self._cases(statuses, None if self.queued else today, townships)
        calendar = self._workdays()
        ids = {c.township_id for c in cases if c.township_id is not None}
        # above the township each case names its township (``people.lists_townships``)
        several = len(ids) > 1 or bool(self.queued)
        # each led by its county where the reader's area holds several (CasesService's)
        with_county = bool(ids and several) and reads.counties_in_area(self.con, self.area) > 1
        towns = reads.unit_names(self.con, ids, with_county=with_county) if ids and several else {}
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
        cases = self._cases([st.value for st in PENDING_STATUSES], None, townships)
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
