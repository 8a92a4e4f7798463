"""What 首页 reads from a SQLite file through Python's ``sqlite3``, or from a server through
plain ``psycopg`` (``db.plain_server``), without SQLAlchemy.

Importing SQLAlchemy and mapping the models costs about twice a bare window's start
(``tests/bench/startup.py``). So a start with nothing kept (``services.first_screen``) reads
首页's figures and reminders with these queries, shows them, and only then loads the ORM for
the rest. Each function asks what its repository function asks (named in its docstring), in
the values SQLAlchemy stores on SQLite (dates as ISO text, booleans as 0/1), and hands its rows
to the same plain counting (``domain.report_counting``) and domain objects; the start-up test
compares the two readings figure by figure (``tests/db/test_first_screen_plain.py``).

Read only (``mode=ro``); a file at another schema than this version's (or one that reads alike:
``db.schema_version.SCHEMA_READ_ALIKE``) is not read here. The queries take ``?`` marks and
only values both drivers bind alike (dates as ISO text, which PostgreSQL takes as a date;
booleans as parameters, not as 0/1), and the readers of values take both drivers' answers (ISO
text from SQLite, ``date``/``datetime`` from psycopg). On a server each query runs as the
connected login: its grants and row-level security decide what it sees, as for the ORM.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jianfu.db.schema_version import SCHEMA_HEAD, SCHEMA_READ_ALIKE
from jianfu.domain import report_counting as counting
from jianfu.domain.burden_counts import BurdenRecord, CleanupAction
from jianfu.domain.cases import (
    AdmissionCase,
    ApprovalConditions,
    CaseAction,
    CaseInput,
    CaseStatus,
    CaseStep,
    MechanismLevel,
)
from jianfu.domain.holiday_schedule import HolidaySchedule, ScheduleDay
from jianfu.domain.item_nature import ItemNature
from jianfu.domain.period_report import UnitSpan
from jianfu.domain.units import UnitType, township_label
from jianfu.domain.workdays import WorkdayCalendar

if TYPE_CHECKING:
    import sqlite3

#: values of ``domain.certificates``' Outcome, ``domain.matching``' Verdict, ``domain.tasks``'
#: TaskDecision, ``domain.boards``' BoardStatus and Disposition, as stored (those modules take
#: as long to import as the rest of 首页; tests check these are still their values)
CERT_PENDING, CERT_ISSUED, CERT_CONSULTED, CERT_REFUSED = (
    "待办理",
    "出具",
    "议事协商后出具",
    "不予出具并告知替代途径",
)
VERDICT_UNLISTED = "unlisted"
TASK_IN_LIST, TASK_UNLISTED, TASK_NEGATIVE = "清单内", "清单外", "负面"
BOARD_PENDING, BOARD_DISPOSED, BOARD_RELAPSED = "待处置", "已处置", "复查反弹"
#: ``db.repositories.boards.TAKES_DOWN``: 摘除 and 合并 take a board down
TAKES_DOWN = ("摘除", "合并")

VILLAGE_TYPES = tuple(t.value for t in UnitType.village_types())
#: settings keys (``db.repositories.settings.PREFIX``)
SETTINGS_PREFIX = "township."
#: ``db.repositories.tasks.VILLAGE_SEPARATOR``
VILLAGE_SEPARATOR = "、"


class Connection(Protocol):
    """What the readers ask of a connection: ``sqlite3.Connection``, or a psycopg connection
    behind ``db.plain_server.ServerReads`` (``?`` marks)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


def connect(path: Path) -> sqlite3.Connection | None:
    """``path`` opened read-only, or ``None`` when it is not at this version's schema or one
    read alike (``SCHEMA_READ_ALIKE``; else it must be upgraded first) or cannot be read."""
    import sqlite3  # a file's: a server's start reads through psycopg

    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        con.close()
        return None
    if row is None or (row[0] != SCHEMA_HEAD and row[0] not in SCHEMA_READ_ALIKE):
        con.close()
        return None
    return con


# ---------------------------------------------------------------- values as SQLAlchemy stores


def _date(value: str | dt.date | None) -> dt.date | None:
    return None if value is None else _day(value)


def _day(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def _datetime(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _stamp(at: dt.datetime) -> str:
    """A DateTime bound as SQLAlchemy binds it on SQLite."""
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(ids: Sequence[Any], size: int = 900) -> Iterable[Sequence[Any]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _of_townships(townships: Sequence[int]) -> tuple[str, tuple[Any, ...]]:
    """`` AND township_id IN (…)`` and its values for ``townships``; nothing when empty."""
    if not townships:
        return "", ()
    return f" AND township_id IN ({_marks(len(townships))})", tuple(townships)


# ---------------------------------------------------------------- the township and its name


def has_data(con: Connection) -> bool:
    """``demo.township.has_data``: the file holds villages or departments."""
    unit = con.execute("SELECT 1 FROM unit WHERE parent_id IS NOT NULL LIMIT 1").fetchone()
    return (
        unit is not None or con.execute("SELECT 1 FROM department LIMIT 1").fetchone() is not None
    )


def township(con: Connection) -> tuple[int, str] | None:
    """The township of the file (``db.township.township_id_of_session``): the first unit of
    type 乡镇(街道)."""
    row = con.execute(
        "SELECT id, name FROM unit WHERE type = ? ORDER BY id LIMIT 1",
        (UnitType.TOWNSHIP.value,),
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def township_count(con: Connection) -> int:
    """``units.township_count``."""
    row = con.execute("SELECT count(id) FROM unit WHERE type = ?", (UnitType.TOWNSHIP.value,))
    return int(row.fetchone()[0])


def township_name(con: Connection, town: tuple[int, str] | None) -> str:
    """The 乡镇(街道)名称 of the settings (``settings.load_for``): its own, else its unit's
    name, else the defaults'."""
    key = SETTINGS_PREFIX + "township_name"
    if town is not None:
        own = con.execute(
            'SELECT value FROM setting WHERE township_id = ? AND "key" = ?', (town[0], key)
        ).fetchone()
        return str(json.loads(own[0])) if own else town[1]
    default = con.execute(
        'SELECT value FROM setting WHERE township_id IS NULL AND "key" = ?', (key,)
    ).fetchone()
    return str(json.loads(default[0])) if default else ""


# ---------------------------------------------------------------- the period report


def unit_spans(
    con: Connection, parent_ids: Collection[int], types: Sequence[str] = VILLAGE_TYPES
) -> list[UnitSpan]:
    """``report_figures.unit_spans``."""
    rows: list[counting.UnitRowValues] = []
    for chunk in _chunks(list(parent_ids)):
        for uid, name, type_, order, active, created, updated, parent in con.execute(
            "SELECT id, name, type, sort_order, active, created_at, updated_at, parent_id "
            f"FROM unit WHERE parent_id IN ({_marks(len(chunk))}) "
            f"AND type IN ({_marks(len(types))})",
            (*chunk, *types),
        ):
            rows.append(
                (
                    uid,
                    name,
                    type_,
                    order,
                    bool(active),
                    _datetime(created),
                    _datetime(updated),
                    parent,
                )
            )
    if not rows:
        return []
    inactive = [str(r[0]) for r in rows if not r[4]]
    removed: dict[str, dt.date] = {}
    for ids in _chunks(inactive):
        for entity_id, at in con.execute(
            "SELECT entity_id, max(at) FROM audit_log WHERE entity = 'unit' AND action = '停用' "
            f"AND entity_id IN ({_marks(len(ids))}) GROUP BY entity_id",
            tuple(ids),
        ):
            removed[entity_id] = _day(at)
    return counting.unit_spans(rows, removed)


def townships_below(con: Connection, unit_id: int) -> list[int]:
    """``units.townships_below``: the townships at or below ``unit_id``."""
    township = UnitType.TOWNSHIP.value
    rows = con.execute(
        "WITH RECURSIVE below(id, type) AS (SELECT id, type FROM unit WHERE id = ? "
        "UNION ALL SELECT u.id, u.type FROM unit u JOIN below b ON u.parent_id = b.id "
        "AND b.type <> ?) SELECT id FROM below WHERE type = ? ORDER BY id",
        (unit_id, township, township),
    )
    return [int(r[0]) for r in rows]


def ancestors(con: Connection, unit_ids: Collection[int]) -> dict[int, int | None]:
    """``report_figures.ancestors``: every unit above ``unit_ids`` (and they) to its parent."""
    parents: dict[int, int | None] = {}
    todo = set(unit_ids)
    while todo:
        found: list[tuple[int, int | None]] = []
        for chunk in _chunks(sorted(todo)):
            found += [
                (int(uid), parent)
                for uid, parent in con.execute(
                    f"SELECT id, parent_id FROM unit WHERE id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            ]
        parents.update(dict(found))
        todo = {p for _uid, p in found if p is not None and p not in parents}
    return parents


def unit(con: Connection, unit_id: int) -> tuple[int, str, str] | None:
    """One unit: (id, name, type)."""
    row = con.execute("SELECT id, name, type FROM unit WHERE id = ?", (unit_id,)).fetchone()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


#: the column a task counts in (``report_figures.task_figures``' ``kind``), and its values
_TASK_KEY = (
    "CASE WHEN t.decision = ? THEN 'tasks_listed' "
    "WHEN (t.decision = ? OR (t.decision = ? AND NOT EXISTS "
    "(SELECT c.id FROM admission_case c WHERE c.task_id = t.id))) "
    "THEN 'tasks_unadmitted' ELSE '' END"
)
_TASK_KEY_VALUES = (TASK_IN_LIST, TASK_NEGATIVE, TASK_UNLISTED)


Span = tuple[dt.date, dt.date]
#: a township's tasks of one span as the server adds them up: (what, township or department,
#: the task's column, how many, how many for all villages); what: "town" (each task once by
#: its township), "villages" (each village a task names, by the village's township) or
#: "department" (the tasks pushed down without admission, by department)
TaskSums = list[tuple[str, Any, str, int, int]]


def _which_span(column: str, spans: Sequence[Span]) -> tuple[str, tuple[Any, ...]]:
    """SQL giving the index of the span of ``spans`` holding ``column``'s day, and its values."""
    whens = " ".join(f"WHEN {column} BETWEEN ? AND ? THEN {i}" for i in range(len(spans)))
    return f"CASE {whens} END", tuple(_iso(d) for span in spans for d in span)


def _whole_months(span: Span) -> bool:
    """A span from the first day of a month to the last day of a month."""
    start, end = span
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start <= end


def _disjoint(spans: Sequence[Span]) -> bool:
    """Spans that share no day (each day's record counts in one of them at most)."""
    ordered = sorted(spans)
    return all(a[1] < b[0] for a, b in pairwise(ordered))


class ReportSources:
    """The period report's sources (``report_rows.Sources``), each as
    ``report_figures`` counts it.

    ``by_township``: for a report whose rows are townships or counties (a reviewer's, the
    mechanism's 首页), the server adds the villages' figures up into their townships (the
    village's parent, keyed by the township's id): a city's quarter comes back as 150
    townships' sums, not as 3,000 villages' (or one row per village, outcome and verdict).
    ``standing`` (on a server, by township): the boards of spans of whole months from the
    changes the server keeps per township and month (migration 0035), of other spans from the
    sums it keeps per village (0032), not from every board of the area, and the certificates
    of whole months from the counts it keeps per village and month (0034).
    The villages counted are those the per-village reading counts (the units of a village's
    type under ``towns``); each township's sums are keyed by ``report_counting.township_key``
    and the report's rows sum them as they sum villages (``report_rows.township_rows``).

    :meth:`read_spans` reads the sources of several spans (首页's quarter and the one
    before) at once, one statement per source for all of them, and the burdens' ledger, which
    every span counts, once; each span is then counted from what was read.
    """

    def __init__(
        self, con: Connection, *, by_township: bool = False, standing: bool = False
    ) -> None:
        self.con = con
        self.by_township = by_township
        self.standing = standing
        self.boards: dict[Span, counting.PerUnit] = {}
        self._cases: dict[Span, tuple[list[counting.CaseValues], list[counting.StepValues]]] = {}
        self._tasks: dict[Span, TaskSums] = {}
        self._certificates: dict[Span, counting.PerUnit] = {}
        self._burdens: tuple[tuple[int, ...], list[BurdenRecord]] | None = None

    def read_spans(self, spans: Sequence[Span], towns: Collection[int]) -> None:
        """The sources of each span read at once (the boards by :meth:`read_boards`; by
        township the tasks, cases and certificates too, when the spans share no day); the
        figures of each are then those :meth:`task_figures` and the others give for it."""
        self.read_boards(spans, towns)
        if not (self.by_township and len(spans) > 1 and _disjoint(spans)):
            return
        town_ids = list(towns)
        self._cases.update(self._case_rows(spans, town_ids))
        self._tasks.update(self._task_sums(spans, town_ids))
        self._certificates.update(self._certificate_sums(spans, town_ids))

    def task_figures(
        self,
        start: dt.date,
        end: dt.date,
        towns: Collection[int],
        villages: Sequence[UnitSpan],
        in_period: Collection[int],
    ) -> tuple[counting.PerUnit, Counter[str], Counter[str]]:
        """``report_figures.task_figures``."""
        con, span = self.con, (_iso(start), _iso(end))
        town_ids = list(towns)
        tasks: list[counting.TaskValues] = []
        links: dict[int, list[int]] = defaultdict(list)
        if not self.by_township:
            for chunk in _chunks(town_ids):
                for tid, everywhere, department, key, town in con.execute(
                    f"SELECT t.id, t.all_villages, t.department, {_TASK_KEY}, t.township_id "
                    f"FROM task_request t WHERE t.received_on BETWEEN ? AND ? "
                    f"AND t.township_id IN ({_marks(len(chunk))})",
                    (*_TASK_KEY_VALUES, *span, *chunk),
                ):
                    tasks.append((tid, bool(everywhere), department, key, town))
            ids = [tid for tid, everywhere, _d, key, _t in tasks if key and not everywhere]
            for chunk in _chunks(ids):
                for task_id, unit_id in con.execute(
                    "SELECT task_id, unit_id FROM task_village "
                    f"WHERE task_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                ):
                    links[task_id].append(unit_id)
        known = self._cases.get((start, end))
        if known is None:
            known = self._case_rows([(start, end)], town_ids)[(start, end)]
        cases, steps = known
        out, distinct, by_department = counting.tally_tasks(
            tasks, links, cases, steps, villages, in_period
        )
        if self.by_township:
            sums = self._tasks.get((start, end))
            if sums is None:
                sums = self._task_sums([(start, end)], town_ids)[(start, end)]
            by_department = _tally_by_township(sums, town_ids, villages, in_period, out, distinct)
        return out, distinct, by_department

    def _case_rows(
        self, spans: Sequence[Span], towns: Sequence[int]
    ) -> dict[Span, tuple[list[counting.CaseValues], list[counting.StepValues]]]:
        """The cases received in each span and the steps that decided a case in it."""
        out: dict[Span, tuple[list[counting.CaseValues], list[counting.StepValues]]] = {
            span: ([], []) for span in spans
        }
        first, last = min(s for s, _e in spans), max(e for _s, e in spans)
        which, values = _which_span("c.received_on", spans)
        for chunk in _chunks(towns):
            for i, cid, villages_text, everywhere, town in self.con.execute(
                f"SELECT {which}, c.id, c.villages, t.all_villages, c.township_id "
                "FROM admission_case c LEFT OUTER JOIN task_request t ON t.id = c.task_id "
                "WHERE c.received_on BETWEEN ? AND ? "
                f"AND c.township_id IN ({_marks(len(chunk))})",
                (*values, _iso(first), _iso(last), *chunk),
            ):
                if i is not None:
                    out[spans[i]][0].append((cid, villages_text, _bool(everywhere), town))
        decided = list(counting.DECIDED)

        def stamp(day: dt.date) -> str:
            return _stamp(dt.datetime.combine(day, dt.time()))

        bounds = [(stamp(s), stamp(e + dt.timedelta(days=1))) for s, e in spans]
        whens = " ".join(f"WHEN s.at >= ? AND s.at < ? THEN {i}" for i in range(len(spans)))
        lowest, highest = min(b[0] for b in bounds), max(b[1] for b in bounds)
        for chunk in _chunks(towns):
            for i, cid, status, villages_text, everywhere, town in self.con.execute(
                f"SELECT CASE {whens} END, c.id, s.status, c.villages, t.all_villages, "
                "c.township_id FROM case_step s JOIN admission_case c ON c.id = s.case_id "
                "LEFT OUTER JOIN task_request t ON t.id = c.task_id "
                f"WHERE s.status IN ({_marks(len(decided))}) AND s.at >= ? AND s.at < ? "
                f"AND c.township_id IN ({_marks(len(chunk))})",
                (*(b for pair in bounds for b in pair), *decided, lowest, highest, *chunk),
            ):
                if i is not None:
                    out[spans[i]][1].append((cid, status, villages_text, _bool(everywhere), town))
        return out

    def _task_sums(self, spans: Sequence[Span], towns: Sequence[int]) -> dict[Span, TaskSums]:
        """The tasks received in each span added up by the server per township (each task
        once, and how many for all villages), per township of the villages a task names (a
        village of a village's type), and the tasks pushed down without admission per
        department: ``TaskSums``."""
        out: dict[Span, TaskSums] = {span: [] for span in spans}
        first, last = min(s for s, _e in spans), max(e for _s, e in spans)
        which, values = _which_span("t.received_on", spans)
        within = (*_TASK_KEY_VALUES, _iso(first), _iso(last))
        for chunk in _chunks(towns):
            marks = _marks(len(chunk))
            for i, town, key, n, everywhere in self.con.execute(
                f"SELECT {which}, t.township_id, {_TASK_KEY}, count(*), "
                "coalesce(sum(CASE WHEN t.all_villages THEN 1 ELSE 0 END), 0) "
                "FROM task_request t WHERE t.received_on BETWEEN ? AND ? "
                f"AND t.township_id IN ({marks}) GROUP BY 1, 2, 3",
                (*values, *within, *chunk),
            ):
                if i is not None and key:
                    out[spans[i]].append(("town", town, key, int(n), int(everywhere)))
            for i, town, key, n in self.con.execute(
                f"SELECT {which}, v.parent_id, {_TASK_KEY}, count(*) FROM task_request t "
                "JOIN task_village tv ON tv.task_id = t.id JOIN unit v ON v.id = tv.unit_id "
                "WHERE t.received_on BETWEEN ? AND ? "
                f"AND t.township_id IN ({marks}) AND t.all_villages = ? "
                f"AND v.type IN ({_marks(len(VILLAGE_TYPES))}) GROUP BY 1, 2, 3",
                (*values, *within, *chunk, False, *VILLAGE_TYPES),
            ):
                if i is not None and key:
                    out[spans[i]].append(("villages", town, key, int(n), 0))
            for i, department, key, n in self.con.execute(
                f"SELECT {which}, t.department, {_TASK_KEY}, count(*) FROM task_request t "
                "WHERE t.received_on BETWEEN ? AND ? "
                f"AND t.township_id IN ({marks}) AND t.decision IN (?, ?) GROUP BY 1, 2, 3",
                (*values, *within, *chunk, TASK_NEGATIVE, TASK_UNLISTED),
            ):
                if i is not None and key == "tasks_unadmitted":
                    out[spans[i]].append(("department", department, key, int(n), 0))
        return out

    def certificate_figures(
        self, start: dt.date, end: dt.date, towns: Collection[int]
    ) -> tuple[counting.PerUnit, Counter[str]]:
        """``report_figures.certificate_figures`` (the villages' columns; the agencies, which
        首页 does not show, are not read)."""
        town_ids = list(towns)
        if self.by_township:
            known = self._certificates.get((start, end))
            if known is None:
                known = self._certificate_sums([(start, end)], town_ids)[(start, end)]
            return known, Counter()
        out: counting.PerUnit = defaultdict(Counter)
        for chunk in _chunks(town_ids):
            for village_id, outcome, verdict, n in self.con.execute(
                "SELECT village_id, outcome, verdict, count(*) FROM certificate_request "
                "WHERE request_date >= ? AND request_date <= ? "
                f"AND township_id IN ({_marks(len(chunk))}) "
                "GROUP BY village_id, outcome, verdict",
                (_iso(start), _iso(end), *chunk),
            ):
                if village_id is None:
                    continue
                c = out[village_id]
                c["certs_issued"] += n if outcome in (CERT_ISSUED, CERT_CONSULTED) else 0
                c["certs_refused"] += n if outcome == CERT_REFUSED else 0
                c["certs_unlisted"] += n if verdict == VERDICT_UNLISTED else 0
        return out, Counter()

    def _certificate_sums(
        self, spans: Sequence[Span], towns: Sequence[int]
    ) -> dict[Span, counting.PerUnit]:
        """``certificate_figures`` of each span added up by the server into each village's
        township."""
        wanted = set(towns)
        out: dict[Span, counting.PerUnit] = {span: defaultdict(Counter) for span in spans}
        first, last = min(s for s, _e in spans), max(e for _s, e in spans)
        if self.standing and all(_whole_months(span) for span in spans):
            self._certificate_months(spans, towns, out)
            return out
        which, values = _which_span("c.request_date", spans)
        for chunk in _chunks(towns):
            for i, town, issued, refused, unlisted in self.con.execute(
                f"SELECT {which}, v.parent_id, "
                "coalesce(sum(CASE WHEN c.outcome IN (?, ?) THEN 1 ELSE 0 END), 0), "
                "coalesce(sum(CASE WHEN c.outcome = ? THEN 1 ELSE 0 END), 0), "
                "coalesce(sum(CASE WHEN c.verdict = ? THEN 1 ELSE 0 END), 0) "
                "FROM certificate_request c JOIN unit v ON v.id = c.village_id "
                "WHERE c.request_date >= ? AND c.request_date <= ? "
                f"AND c.township_id IN ({_marks(len(chunk))}) "
                f"AND v.type IN ({_marks(len(VILLAGE_TYPES))}) GROUP BY 1, 2",
                (
                    *values,
                    CERT_ISSUED,
                    CERT_CONSULTED,
                    CERT_REFUSED,
                    VERDICT_UNLISTED,
                    _iso(first),
                    _iso(last),
                    *chunk,
                    *VILLAGE_TYPES,
                ),
            ):
                if i is None or town not in wanted:
                    continue
                c = out[spans[i]][counting.township_key(town)]
                c["certs_issued"] += int(issued)
                c["certs_refused"] += int(refused)
                c["certs_unlisted"] += int(unlisted)
        return out

    def _certificate_months(
        self, spans: Sequence[Span], towns: Sequence[int], out: dict[Span, counting.PerUnit]
    ) -> None:
        """:meth:`_certificate_sums` of spans of whole months from the counts the server keeps
        per township, month and village (migration 0034, in the transaction of each change of
        a request): the same requests counted (those with a township of ``towns`` and a village
        of a village's type, by the village's township), without reading them."""
        wanted = set(towns)
        first, last = min(s for s, _e in spans), max(e for _s, e in spans)
        which, values = _which_span("m.month", spans)
        for chunk in _chunks(towns):
            for i, town, issued, refused, unlisted in self.con.execute(
                f"SELECT {which}, v.parent_id, coalesce(sum(m.issued), 0), "
                "coalesce(sum(m.refused), 0), coalesce(sum(m.unlisted), 0) "
                "FROM certificate_month m JOIN unit v ON v.id = m.village_id "
                f"WHERE m.month BETWEEN ? AND ? AND m.township_id IN ({_marks(len(chunk))}) "
                f"AND v.type IN ({_marks(len(VILLAGE_TYPES))}) GROUP BY 1, 2",
                (*values, _iso(first), _iso(last), *chunk, *VILLAGE_TYPES),
            ):
                if i is None or town not in wanted:
                    continue
                c = out[spans[i]][counting.township_key(town)]
                c["certs_issued"] += int(issued)
                c["certs_refused"] += int(refused)
                c["certs_unlisted"] += int(unlisted)

    def board_figures(
        self, start: dt.date, end: dt.date, towns: Collection[int]
    ) -> counting.PerUnit:
        """``report_figures.board_figures`` (``boards.village_counts``); a span read before
        by :meth:`read_boards` is not read again."""
        known = self.boards.get((start, end))
        if known is not None:
            return known
        spans = [(start, end)]
        return board_figures_of(self.con, spans, towns, self.by_township, self.standing)[0]

    def read_boards(self, spans: Sequence[tuple[dt.date, dt.date]], towns: Collection[int]) -> None:
        """The boards' figures of each span read in one statement (``board_figures_of``)."""
        read = board_figures_of(self.con, spans, towns, self.by_township, self.standing)
        self.boards.update(zip(spans, read, strict=True))

    def burden_figures(
        self, start: dt.date, end: dt.date, towns: Collection[int]
    ) -> counting.PerUnit:
        """``report_figures.burden_figures`` (``burdens.all_records``, ledger order): the
        ledger is read once for every span counted."""
        key = tuple(towns)
        if self._burdens is None or self._burdens[0] != key:
            self._burdens = (key, self._burden_records(key))
        return counting.burden_figures(self._burdens[1], start, end)

    def _burden_records(self, towns: Sequence[int]) -> list[BurdenRecord]:
        records: list[BurdenRecord] = []
        for chunk in _chunks(list(towns)):
            for row in self.con.execute(
                "SELECT b.id, b.unit_id, u.name, bt.code, b.name, b.department, b.frequency, "
                "b.basis, b.action, b.action_date, b.notes, b.version FROM burden b "
                "JOIN unit u ON b.unit_id = u.id JOIN burden_type bt ON b.type_id = bt.id "
                f"WHERE b.township_id IN ({_marks(len(chunk))}) "
                "ORDER BY u.sort_order, u.id, bt.sort_order, b.id",
                tuple(chunk),
            ):
                bid, unit_id, unit_name, code, name, department, frequency, basis = row[:8]
                action, action_date, notes, version = row[8:]
                records.append(
                    BurdenRecord(
                        id=bid,
                        unit_id=unit_id,
                        unit_name=unit_name,
                        type=code,
                        name=name,
                        department=department,
                        frequency=frequency,
                        basis=basis,
                        action=CleanupAction(action) if action else None,
                        action_date=_date(action_date),
                        notes=notes,
                        version=version,
                    )
                )
        return records


def _tally_by_township(
    sums: TaskSums,
    towns: Collection[int],
    villages: Sequence[UnitSpan],
    in_period: Collection[int],
    out: counting.PerUnit,
    distinct: Counter[str],
) -> Counter[str]:
    """The tasks' part of ``tally_tasks`` from the server's sums per township
    (``ReportSources._task_sums``): a task for all villages counts once for each village of its
    township that existed in the period, another once for each village it names (a village of
    ``towns``, in its township's sum); ``distinct`` counts each task once. Returns, per
    department, the tasks pushed down without admission."""
    existed, wanted = set(in_period), set(towns)
    present = Counter(v.parent_id for v in villages if v.unit_id in existed)
    by_department: Counter[str] = Counter()
    for what, where, key, n, everywhere in sums:
        if what == "town":
            distinct[key] += n
            if everywhere and present[where]:
                out[counting.township_key(where)][key] += everywhere * present[where]
        elif what == "villages":
            if where in wanted:
                out[counting.township_key(where)][key] += n
        else:
            by_department[where] += n
    return by_department


def _board_columns(
    spans: Sequence[tuple[dt.date, dt.date]], every_span_by_its_end: bool
) -> tuple[list[str], list[Any]]:
    """期初, 清理, 新增(经批准), 期末 of each span as SQL sums of quantities (``boards.
    _count_columns``), and their values: of the boards registered by the span's end for a span
    ending before the last (the statement reads the boards registered by the last day), or for
    every span (``every_span_by_its_end``: the statement reads later ones too)."""
    takes_down = _marks(len(TAKES_DOWN))
    last = max(end for _start, end in spans)
    columns: list[str] = []
    params: list[Any] = []
    for start, end in spans:
        eve = start - dt.timedelta(days=1)
        by = end if end < last or every_span_by_its_end else None

        def qsum(cond: str, values: Sequence[Any], by: dt.date | None = by) -> None:
            if by is not None:
                cond, values = f"registered_on <= ? AND {cond}", (_iso(by), *values)
            columns.append(f"coalesce(sum(CASE WHEN {cond} THEN quantity ELSE 0 END), 0)")
            params.extend(values)

        def hanging(day: dt.date) -> tuple[str, tuple[Any, ...]]:  # boards._hanging
            return (
                "((approved_addition = ? OR registered_on <= ?) AND "
                f"(disposition IS NULL OR disposition NOT IN ({takes_down}) "
                "OR disposed_on IS NULL OR disposed_on > ? OR (relapsed_on IS NOT NULL "
                "AND relapsed_on >= disposed_on AND relapsed_on <= ?)))",
                (False, _iso(day), *TAKES_DOWN, _iso(day), _iso(day)),
            )

        qsum(*hanging(eve))
        qsum(
            f"disposition IN ({takes_down}) AND disposed_on BETWEEN ? AND ?",
            (*TAKES_DOWN, _iso(start), _iso(end)),
        )
        qsum(
            "approved_addition = ? AND registered_on BETWEEN ? AND ?",
            (True, _iso(start), _iso(end)),
        )
        qsum(*hanging(end))
    return columns, params


def _add_board_sums(figures: counting.PerUnit, unit: int, sums: Sequence[Any]) -> None:
    before, cleaned, added, now = sums
    c = figures[unit]
    c["boards_opening"] += int(before)
    c["boards_cleaned"] += int(cleaned)
    c["boards_added"] += int(added)
    c["boards_closing"] += int(now)


def board_figures_of(
    con: Connection,
    spans: Sequence[tuple[dt.date, dt.date]],
    towns: Collection[int],
    by_township: bool = False,
    standing: bool = False,
) -> list[counting.PerUnit]:
    """``report_figures.board_figures_of``: ``board_figures`` of each span, the area's boards
    read once for all (``boards.village_counts_of``: a span ending before the last counts only
    the boards registered by its end); ``by_township``: the villages' sums added up by the
    server into their townships (``ReportSources``); ``standing`` (with it, on a server at
    this version's schema): spans of whole months from the changes it keeps per township and
    month (:func:`_monthly_board_figures`, migration 0035), others without reading every board
    (:func:`_standing_board_figures`, 0032 and 0034)."""
    if by_township and standing:
        if all(_whole_months(span) for span in spans):
            return _monthly_board_figures(con, spans, towns)
        return _standing_board_figures(con, spans, towns)
    last = max(end for _start, end in spans)
    columns, params = _board_columns(spans, every_span_by_its_end=False)
    out: list[counting.PerUnit] = [defaultdict(Counter) for _ in spans]
    wanted = set(towns)
    for chunk in _chunks(list(towns)):
        if by_township:  # the column names are signboard's alone (not unit's)
            sql = (
                f"SELECT v.parent_id, {', '.join(columns)} FROM signboard "
                "JOIN unit v ON v.id = signboard.unit_id WHERE registered_on <= ? "
                f"AND township_id IN ({_marks(len(chunk))}) "
                f"AND v.type IN ({_marks(len(VILLAGE_TYPES))}) GROUP BY v.parent_id"
            )
            values: tuple[Any, ...] = (*params, _iso(last), *chunk, *VILLAGE_TYPES)
        else:
            sql = (
                f"SELECT unit_id, {', '.join(columns)} FROM signboard WHERE registered_on <= ? "
                f"AND township_id IN ({_marks(len(chunk))}) GROUP BY unit_id"
            )
            values = (*params, _iso(last), *chunk)
        for unit, *sums in con.execute(sql, values):
            if by_township:
                if unit not in wanted:
                    continue
                unit = counting.township_key(unit)
            for i, figures in enumerate(out):
                _add_board_sums(figures, unit, sums[4 * i : 4 * i + 4])
    return out


#: a board's quantity if it hangs on every day after all of its own days, else 0 (taken down
#: on a known day and not found hanging again since): migration 0032's ``STEADY``
_STEADY = (
    "CASE WHEN disposition IN (?, ?) AND disposed_on IS NOT NULL AND NOT (relapsed_on IS NOT "
    "NULL AND relapsed_on >= disposed_on) THEN 0 ELSE quantity END"
)


def _standing_board_figures(
    con: Connection, spans: Sequence[tuple[dt.date, dt.date]], towns: Collection[int]
) -> list[counting.PerUnit]:
    """``board_figures_of`` by township without reading every board of the area.

    A board none of whose days (registered, taken down, found hanging again) comes after
    ``since``, the day before the first span, counts alike on every day the spans ask about:
    its quantity in both standing figures if it still hangs (``_STEADY``), nothing if it was
    taken down for good, and nothing in 清理 or 新增, whose days lie in a span. The server keeps
    the sum of ``_STEADY`` over every board of each township and village in ``board_standing``
    (migration 0032, in the transaction of each change of a board). So each standing figure is
    that sum, less ``_STEADY`` of the boards with a later day, plus what those count as before;
    only they are read (by the latest of their days, from migration 0034's index alone; the
    server's GREATEST passes over NULLs), every span counting the boards registered by its end.
    One statement reads both, each board and each village's sum joined to its village and
    added up into the village's township at once (not per village first: 3,000 groups
    sorted, then joined again)."""
    since = _iso(min(start for start, _end in spans) - dt.timedelta(days=1))
    columns, params = _board_columns(spans, every_span_by_its_end=True)
    out: list[counting.PerUnit] = [defaultdict(Counter) for _ in spans]
    wanted = set(towns)
    sums = [f"coalesce(sum({_STEADY}), 0) AS c0"]
    sums += [f"{column} AS c{i}" for i, column in enumerate(columns, 1)]
    added = ", ".join(f"coalesce(l.c{i}, 0)" for i in range(len(sums)))
    villages = _marks(len(VILLAGE_TYPES))
    for chunk in _chunks(list(towns)):
        marks = _marks(len(chunk))
        # each board joined to its village and added up into the village's township at once
        # (the later boards read from the index alone: migration 0034's on the township and
        # the latest of the three days), the kept sums likewise; the two by township
        for town, quantity, *later in con.execute(
            "WITH s AS (SELECT v.parent_id AS town, sum(b.quantity) AS q FROM board_standing b "
            f"JOIN unit v ON v.id = b.unit_id WHERE b.township_id IN ({marks}) "
            f"AND v.type IN ({villages}) GROUP BY v.parent_id), "
            f"l AS (SELECT v.parent_id AS town, {', '.join(sums)} FROM signboard "
            "JOIN unit v ON v.id = signboard.unit_id "
            "WHERE GREATEST(registered_on, disposed_on, relapsed_on) > ? "
            f"AND signboard.township_id IN ({marks}) AND v.type IN ({villages}) "
            "GROUP BY v.parent_id) "
            f"SELECT coalesce(s.town, l.town), coalesce(s.q, 0), {added} "
            "FROM s FULL OUTER JOIN l ON l.town = s.town",
            (*chunk, *VILLAGE_TYPES, *TAKES_DOWN, *params, since, *chunk, *VILLAGE_TYPES),
        ):
            if town not in wanted:
                continue
            base, *figures = (int(n) for n in later)
            old = int(quantity) - base  # the boards with no day after ``since``
            for i, per_unit in enumerate(out):
                before, cleaned, added_, now = figures[4 * i : 4 * i + 4]
                _add_board_sums(
                    per_unit,
                    counting.township_key(town),
                    (old + before, cleaned, added_, old + now),
                )
    return out


#: a board taken down before the day it was registered, whose changes are not kept per month
#: (migration 0035's ``DOWN_BEFORE_REGISTERED``, written alike so that its partial index serves)
_DOWN_BEFORE_REGISTERED = (
    f"disposition IN ({', '.join(repr(d) for d in TAKES_DOWN)}) AND disposed_on < registered_on"
)
#: a month's change of the boards standing (0035's ``board_month``)
_NET = "m.added + m.found_hanging - m.taken_down + m.hanging_again"
#: what the counting of the boards reads (``_board_columns``)
_BOARD_READ = "registered_on, approved_addition, disposition, disposed_on, relapsed_on, quantity"


def _monthly_board_figures(
    con: Connection, spans: Sequence[tuple[dt.date, dt.date]], towns: Collection[int]
) -> list[counting.PerUnit]:
    """``board_figures_of`` by township for spans of whole months from the changes the server
    keeps per township and month (migration 0035, in the transaction of each change of a
    board or a village), without reading the boards.

    A board (not taken down before it was registered) hangs on a day by +quantity from the
    day it was registered, -quantity from the day it was taken down, +quantity from the day it
    was found hanging again (on or after that). So, for a span of whole months from ``p`` to
    ``e``, each span counting the boards registered by its end (``_board_columns``): 期末 is
    the sum of the changes of the months up to ``e``; 期初 that of the months before ``p``,
    plus the boards registered in the span that are no approved addition (found hanging when
    registered, so hanging before it); 清理 the boards taken down in the span's months; 新增
    the approved additions registered in them. ``board_month`` keeps, per township, month and
    township of the village (its parent: the townships' sums, as ``_standing_board_figures``
    adds them up), those four quantities for the boards of a village's type, ``board_town``
    the sum of the changes of all months; the months from the first span's on are read (the
    sums up to a day are the whole sum less the months after it). The few boards taken down
    before they were registered are counted from the boards as before (found by 0035's
    partial index), in the same statement."""
    columns, params = _board_columns(spans, every_span_by_its_end=True)
    first = _iso(min(start for start, _end in spans))
    later: list[str] = []  # per span: the changes from p on, found, taken down, added, after e
    values: list[Any] = []
    figures: list[str] = []
    for i, (start, end) in enumerate(spans):
        p, e = _iso(start), _iso(end)
        later += [
            f"sum(CASE WHEN m.month >= ? THEN {_NET} ELSE 0 END) AS p{i}",
            f"sum(CASE WHEN m.month BETWEEN ? AND ? THEN m.found_hanging ELSE 0 END) AS f{i}",
            f"sum(CASE WHEN m.month BETWEEN ? AND ? THEN m.taken_down ELSE 0 END) AS d{i}",
            f"sum(CASE WHEN m.month BETWEEN ? AND ? THEN m.added ELSE 0 END) AS a{i}",
            f"sum(CASE WHEN m.month > ? THEN {_NET} ELSE 0 END) AS e{i}",
        ]
        values += [p, p, e, p, e, p, e, e]
        figures += [
            f"coalesce(t.q, 0) - coalesce(k.p{i}, 0) + coalesce(k.f{i}, 0)",
            f"coalesce(k.d{i}, 0)",
            f"coalesce(k.a{i}, 0)",
            f"coalesce(t.q, 0) - coalesce(k.e{i}, 0)",
        ]
    out: list[counting.PerUnit] = [defaultdict(Counter) for _ in spans]
    wanted = set(towns)
    villages = _marks(len(VILLAGE_TYPES))
    for chunk in _chunks(list(towns)):
        marks = _marks(len(chunk))
        for town, *sums in con.execute(
            "WITH t AS (SELECT town_id, sum(standing) AS q FROM board_town "
            f"WHERE township_id IN ({marks}) GROUP BY town_id), "
            f"k AS (SELECT m.town_id, {', '.join(later)} FROM board_month m "
            f"WHERE m.township_id IN ({marks}) AND m.month >= ? GROUP BY m.town_id) "
            f"SELECT coalesce(t.town_id, k.town_id), {', '.join(figures)} "
            "FROM t FULL OUTER JOIN k ON k.town_id = t.town_id "
            # the odd boards, each with its village's township (none: a village of no
            # village's type); none at all as a rule, so no village is read for them
            f"UNION ALL SELECT o.town, {', '.join(columns)} FROM (SELECT {_BOARD_READ}, "
            f"(SELECT v.parent_id FROM unit v WHERE v.id = b.unit_id AND v.type IN ({villages})) "
            f"AS town FROM signboard b WHERE {_DOWN_BEFORE_REGISTERED} "
            f"AND b.township_id IN ({marks})) o WHERE o.town IS NOT NULL GROUP BY o.town",
            (*chunk, *values, *chunk, first, *params, *VILLAGE_TYPES, *chunk),
        ):
            if town not in wanted:
                continue
            for i, per_unit in enumerate(out):
                _add_board_sums(per_unit, counting.township_key(town), sums[4 * i : 4 * i + 4])
    return out


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


# ---------------------------------------------------------------- reminders


def calendar(con: Connection) -> WorkdayCalendar:
    """``calendar.calendar``: imported schedules and local overrides."""
    overrides = {
        _day(day): bool(w)
        for day, w in con.execute("SELECT day, is_workday FROM workday_override ORDER BY day")
    }
    days: dict[int, list[ScheduleDay]] = defaultdict(list)
    for year, day, w, note in con.execute(
        "SELECT year, day, is_workday, note FROM official_day ORDER BY year, day"
    ):
        days[year].append(ScheduleDay(_day(day), bool(w), note))
    schedules = {
        year: HolidaySchedule(year, tuple(days.get(year, ())))
        for (year,) in con.execute("SELECT year FROM official_schedule")
    }
    return WorkdayCalendar(overrides, schedules)


_CASE_COLUMNS = (
    "id, status, level, decision_working_days, serial_number, title, department, department_id, "
    "content, villages, received_on, start_date, end_date, nature, document_number, basis, "
    "delegated_powers, funding, support, assessment, contact, phone, approved_start, "
    "approved_end, conditions, approved_funding, staffing, list_item_id, version, task_id, "
    "township_id"
)


def cases(
    con: Connection,
    pending: Sequence[str],
    today: dt.date | None,
    townships: Sequence[int] = (),
) -> list[AdmissionCase]:
    """``tasks.reminder_candidates``: the cases of the ``pending`` statuses and, given
    ``today``, the approved ones whose approved period ended before it (of ``townships``
    only when given)."""
    where = f"status IN ({_marks(len(pending))})"
    params: tuple[Any, ...] = tuple(pending)
    if today is not None:
        where = f"({where} OR (status = ? AND approved_end < ?))"
        params = (*params, CaseStatus.APPROVED.value, _iso(today))
    mine, towns = _of_townships(townships)
    where, params = where + mine, (*params, *towns)
    rows = con.execute(
        f"SELECT {_CASE_COLUMNS} FROM admission_case WHERE {where}", params
    ).fetchall()
    steps: dict[int, list[CaseStep]] = defaultdict(list)
    ids = [r[0] for r in rows]
    for chunk in _chunks(ids):
        for case_id, status, action, at, operator, comment in con.execute(
            "SELECT case_id, status, action, at, operator, comment FROM case_step "
            f"WHERE case_id IN ({_marks(len(chunk))}) ORDER BY case_id, seq",
            tuple(chunk),
        ):
            steps[case_id].append(
                CaseStep(CaseStatus(status), CaseAction(action), _datetime(at), operator, comment)
            )
    out = []
    for r in rows:
        (cid, _status, level, working_days, serial, title, department, department_id) = r[:8]
        (content, villages, received_on, start_date, end_date, nature, document_number) = r[8:15]
        (basis, delegated, funding, support, assessment, contact, phone) = r[15:22]
        (approved_start, approved_end, conditions, approved_funding, staffing) = r[22:27]
        (list_item_id, version, task_id, township_id) = r[27:]
        request = CaseInput(
            title=title,
            department=department,
            content=content,
            villages=tuple(v for v in villages.split(VILLAGE_SEPARATOR) if v),
            start_date=_date(start_date),
            received_on=_day(received_on),
            nature=ItemNature(nature) if nature else None,
            end_date=_date(end_date),
            document_number=document_number,
            basis=basis,
            delegated_powers=delegated,
            funding=funding,
            support=support,
            assessment=assessment,
            contact=contact,
            phone=phone,
            department_id=department_id,
        )
        approved = None
        if conditions is not None:
            approved = ApprovalConditions(
                start_date=_date(approved_start),
                end_date=_date(approved_end),
                conditions=conditions,
                funding=approved_funding,
                staffing=staffing,
            )
        out.append(
            AdmissionCase(
                request=request,
                history=tuple(steps.get(cid, ())),
                level=MechanismLevel(level),
                decision_working_days=working_days,
                conditions=approved,
                id=cid,
                version=version,
                task_id=task_id,
                serial_number=serial,
                list_item_id=list_item_id,
                township_id=township_id,
            )
        )
    return out


def case_count(con: Connection, statuses: Sequence[str], townships: Sequence[int] = ()) -> int:
    """``tasks.cases_page``'s total of a filter by status (and townships) alone."""
    mine, towns = _of_townships(townships)
    row = con.execute(
        f"SELECT count(id) FROM admission_case WHERE status IN ({_marks(len(statuses))}){mine}",
        (*statuses, *towns),
    ).fetchone()
    return int(row[0])


def unit_names(
    con: Connection, ids: Collection[int], *, with_county: bool = False
) -> dict[int | None, str]:
    """``tasks.township_names``: with_county, each led by its county (南屏县/城关镇)."""
    wanted = list(ids)
    if not wanted:
        return {}
    if not with_county:
        rows = con.execute(f"SELECT id, name FROM unit WHERE id IN ({_marks(len(wanted))})", wanted)
        return dict(rows)
    named = con.execute(
        "SELECT u.id, u.name, p.name FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "
        f"WHERE u.id IN ({_marks(len(wanted))})",
        wanted,
    )
    return {i: township_label(name, up or "") for i, name, up in named}


def counties_in_area(con: Connection, unit_id: int | None) -> int:
    """``units.counties_in_area``: how many counties hold the townships at or below
    ``unit_id`` (every township's when ``None``)."""
    township = UnitType.TOWNSHIP.value
    if unit_id is None:
        row = con.execute(
            "SELECT COUNT(DISTINCT parent_id) FROM unit WHERE type = ? AND parent_id IS NOT NULL",
            (township,),
        )
        return int(row.fetchone()[0])
    counties: set[int] = set()
    for chunk in _chunks(townships_below(con, unit_id)):
        counties.update(
            int(parent)
            for (parent,) in con.execute(
                f"SELECT DISTINCT parent_id FROM unit WHERE id IN ({_marks(len(chunk))}) "
                "AND parent_id IS NOT NULL",
                tuple(chunk),
            )
        )
    return len(counties)


@dataclass(frozen=True)
class PastEnd:
    """A task past its end date, as 首页 lists it (``tasks.past_end_tasks``)."""

    id: int
    title: str
    department: str
    end_date: dt.date | None

    @property
    def data(self) -> PastEnd:  # read as ``Task.data`` is
        return self


def past_end_tasks(
    con: Connection, today: dt.date, limit: int | None, townships: Sequence[int] = ()
) -> list[PastEnd]:
    """``tasks.past_end_tasks``: temporary and staged in-list tasks past their end date."""
    mine, towns = _of_townships(townships)
    params: tuple[Any, ...] = (
        _iso(today),
        ItemNature.TEMPORARY.value,
        ItemNature.STAGED.value,
        TASK_IN_LIST,
        *towns,
    )
    rows = con.execute(
        "SELECT id, title, department, end_date FROM task_request "
        f"WHERE end_date < ? AND nature IN (?, ?) AND decision = ?{mine} ORDER BY end_date, id"
        + ("" if limit is None else " LIMIT ?"),
        params if limit is None else (*params, limit),
    )
    return [PastEnd(tid, title, department, _date(end)) for tid, title, department, end in rows]


#: Each ledger's columns of a first recorded day: name -> (table, column); read here and by
#: ``report_figures.first_record_days`` (the ORM's), so that both find the same days
FIRST_RECORD_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "事项审核和准入审批": (("task_request", "received_on"), ("admission_case", "received_on")),
    "牌子台账": (("signboard", "registered_on"), ("signboard", "disposed_on")),
    "证明台账": (("certificate_request", "request_date"),),
    "其他负担台账": (("burden", "action_date"), ("burden", "created_at")),
}


def first_record_days(con: Connection, townships: Sequence[int]) -> dict[str, dt.date]:
    """``report_figures.first_record_days``: each ledger's first recorded day in these
    townships (a ledger with no record is absent; no township, none)."""
    ids = list(townships)
    out: dict[str, dt.date] = {}
    for name, columns in FIRST_RECORD_COLUMNS.items():
        days = []
        for table, column in columns:
            for chunk in _chunks(ids):
                day = con.execute(
                    f"SELECT min({column}) FROM {table} "
                    f"WHERE township_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                ).fetchone()[0]
                if day is not None:
                    days.append(_day(day))
        if days:
            out[name] = min(days)
    return out


def boards_with_status(con: Connection, status: str, townships: Sequence[int] = ()) -> int:
    """``boards.count`` of a filter by status (and townships) alone."""
    mine, towns = _of_townships(townships)
    return int(
        con.execute(
            f"SELECT count(*) FROM signboard WHERE status = ?{mine}", (status, *towns)
        ).fetchone()[0]
    )


def board_attention(con: Connection, townships: Sequence[int] = ()) -> tuple[int, int]:
    """``boards.attention``: (flagged boards not dealt with, relapsed boards)."""
    mine, towns = _of_townships(townships)
    flagged = con.execute(
        f"SELECT count(*) FROM signboard WHERE status = ? AND allowed = ?{mine}",
        (BOARD_PENDING, False, *towns),
    ).fetchone()[0]
    return int(flagged), boards_with_status(con, BOARD_RELAPSED, townships)


@dataclass(frozen=True)
class Waiting:
    """A certificate request 首页 lists (``CertificateRequest``'s fields it reads)."""

    id: int
    applicant_name: str
    subject: str


def certificates_waiting(
    con: Connection, limit: int, townships: Sequence[int] = ()
) -> tuple[list[Waiting], int]:
    """``certificates.page_after`` of 待办理 清单外 requests, newest first: the first
    ``limit`` and how many there are (of ``townships`` only when given)."""
    mine, towns = _of_townships(townships)
    where = "outcome = ? AND verdict = ?" + mine
    params = (CERT_PENDING, VERDICT_UNLISTED, *towns)
    rows = [
        Waiting(*r)
        for r in con.execute(
            f"SELECT id, applicant_name, subject FROM certificate_request WHERE {where} "
            "ORDER BY request_date DESC, year DESC, seq DESC, id DESC LIMIT ?",
            (*params, limit),
        )
    ]
    if len(rows) < limit:
        return rows, len(rows)
    total = con.execute(f"SELECT count(id) FROM certificate_request WHERE {where}", params)
    return rows, int(total.fetchone()[0])
