"""How the period report counts the rows the flows' tables hold: plain Python, shared by the
two readers of those rows (``db.repositories.report_figures`` through SQLAlchemy, and
``db.plain_reads`` through ``sqlite3`` for 首页 at start-up), so both count alike.

Each function takes the rows as tuples of plain values (dates as ``datetime.date``) and
returns ``{unit_id: {column key: count}}`` or what the report needs besides.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from jianfu.domain.burden_counts import (
    CHANNEL,
    FORM,
    INSPECTION,
    MECHANISM,
    BurdenRecord,
    count_period,
)
from jianfu.domain.cases import CaseStatus
from jianfu.domain.period_report import UnitSpan

PerUnit = dict[int, Counter[str]]

#: a unit row: id, name, type, sort_order, active, created_at, updated_at, parent_id
UnitRowValues = tuple[int, str, str, int, bool, dt.datetime, dt.datetime, int | None]
#: a task: id, for all villages, department, its column ("" when it counts in none), township
TaskValues = tuple[int, bool, str, str, int | None]
#: a case: id, its villages (、-separated), its task's all_villages (None: no task), township
CaseValues = tuple[int, str, bool | None, int | None]
#: a decision step: case id, status, then the case's values as above
StepValues = tuple[int, str, str, bool | None, int | None]

#: the statuses of a case step that decide it, and the column each counts in
DECIDED = {
    CaseStatus.APPROVED.value: "tasks_approved",
    CaseStatus.REFUSED.value: "tasks_refused",
    CaseStatus.WITHDRAWN.value: "tasks_withdrawn",
}


def township_key(town: int) -> int:
    """The key of a township's figures when the server has added its villages' up (above the
    township: ``db.plain_reads.ReportSources``' ``by_township``): minus the township's id, so
    that it never stands for a record of the township's own unit, which the report counts in
    no row and which keeps the unit's id."""
    return -town


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def unit_spans(rows: Sequence[UnitRowValues], removed: Mapping[str, dt.date]) -> list[UnitSpan]:
    """The spans of the units ``rows``; ``removed`` is the day of each inactive unit's last
    停用 in the audit trail, by the unit's id as text.

    Units entered on the day their parent was set up in the app have always existed as far
    as the report knows; one added later joined on the day it was added. A deactivated unit
    with no 停用 in the trail left on the day it was last changed.
    """
    setup_day: dict[int | None, dt.date] = {}
    for r in rows:
        day = _day(r[5])
        if r[7] not in setup_day or day < setup_day[r[7]]:
            setup_day[r[7]] = day
    spans = []
    for uid, name, type_, sort_order, active, created_at, updated_at, parent_id in rows:
        created = _day(created_at)
        spans.append(
            UnitSpan(
                unit_id=uid,
                name=name,
                type=type_,
                sort_order=sort_order,
                added_on=created if created > setup_day[parent_id] else None,
                removed_on=None if active else removed.get(str(uid), _day(updated_at)),
                parent_id=parent_id,
            )
        )
    return spans


def _spread(out: PerUnit, key: str, units: Iterable[int], n: int = 1) -> None:
    for uid in units:
        out[uid][key] += n


def tally_tasks(
    tasks: Sequence[TaskValues],
    links: Mapping[int, Sequence[int]],
    cases: Sequence[CaseValues],
    steps: Sequence[StepValues],
    villages: Sequence[UnitSpan],
    in_period: Collection[int],
) -> tuple[PerUnit, Counter[str], Counter[str]]:
    """Per village: 清单内, 新申请准入, 批准, 不批准, 退出, 发现未准入下派.

    ``links`` are the villages each task names (for a task not for all villages). A task or
    case for all villages counts once for each village of its own township that existed in the
    period (``in_period``); a case names its villages, looked up in its own township (two
    townships may both have a 东岭村). Also returns the counts of the townships (each task or
    case once) and, per department, the tasks pushed down without admission.
    """
    present = set(in_period)
    everywhere_of: dict[int | None, list[int]] = defaultdict(list)
    names: dict[tuple[int | None, str], int] = {}
    for v in villages:
        names[(v.parent_id, v.name)] = v.unit_id
        if v.unit_id in present:
            everywhere_of[v.parent_id].append(v.unit_id)
    out: PerUnit = defaultdict(Counter)
    distinct: Counter[str] = Counter()
    by_department: Counter[str] = Counter()
    for tid, all_villages, department, key, town in tasks:
        if not key:
            continue
        if all_villages:
            _spread(out, key, everywhere_of.get(town, ()))
        else:
            _spread(out, key, links.get(tid, ()))
        distinct[key] += 1
        if key == "tasks_unadmitted":
            by_department[department] += 1

    def case_units(villages_text: str, all_villages: bool | None, town: int | None) -> list[int]:
        if all_villages:
            return everywhere_of.get(town, [])
        return [names[(town, n)] for n in (villages_text or "").split("、") if (town, n) in names]

    for _cid, villages_text, everywhere, town in cases:
        _spread(out, "tasks_applied", case_units(villages_text, everywhere, town))
        distinct["tasks_applied"] += 1
    seen: set[tuple[int, str]] = set()
    for cid, status, villages_text, everywhere, town in steps:
        if (cid, status) in seen:  # a case decided twice counts once per kind
            continue
        seen.add((cid, status))
        _spread(out, DECIDED[status], case_units(villages_text, everywhere, town))
        distinct[DECIDED[status]] += 1
    return out, distinct, by_department


def burden_figures(records: Iterable[BurdenRecord], start: dt.date, end: dt.date) -> PerUnit:
    """Per village: 机制 现有/撤并, 报表台账, 工作群/APP, 督查检查考核 (what is left at the end).

    撤并 counts what was merged or cancelled in the period (both take the mechanism away).
    """
    counts = count_period(records, [], [], start, end)
    out: PerUnit = defaultdict(Counter)
    for village in counts.villages:
        if village.unit_id is None:
            continue
        c = out[village.unit_id]
        c["mechanisms_existing"] = village.of(MECHANISM).now
        c["mechanisms_merged"] = village.of(MECHANISM).cleaned
        c["forms"] = village.of(FORM).now
        c["channels"] = village.of(CHANNEL).now
        c["inspections"] = village.of(INSPECTION).now
    return out
