"""Imported official holiday schedules and the calendar built from them: rows ↔ domain objects."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jianfu.db.models_tasks import OfficialDayRow, OfficialScheduleRow
from jianfu.db.repositories import tasks as tasks_repo
from jianfu.domain.holiday_notice import HolidaySchedule, ScheduleDay
from jianfu.domain.workdays import WorkdayCalendar


def schedules(session: Session) -> dict[int, HolidaySchedule]:
    """Every imported schedule by year."""
    rows = session.execute(
        select(OfficialScheduleRow).options(selectinload(OfficialScheduleRow.days))
    ).scalars()
    return {r.year: _to_domain(r) for r in rows}


def imported(session: Session) -> list[tuple[int, str, str, dt.datetime]]:
    """(year, source, imported_by, imported_at) of every imported schedule, by year."""
    rows = session.execute(select(OfficialScheduleRow).order_by(OfficialScheduleRow.year))
    return [(r.year, r.source, r.imported_by, r.imported_at) for r in rows.scalars()]


def get(session: Session, year: int) -> OfficialScheduleRow | None:
    """The imported schedule of ``year`` (with its days), or ``None``."""
    return session.get(OfficialScheduleRow, year)


def replace(
    session: Session, schedule: HolidaySchedule, source: str, operator: str, at: dt.datetime
) -> None:
    """Store ``schedule`` as its year's, replacing what was there."""
    row = session.get(OfficialScheduleRow, schedule.year)
    if row is not None:
        session.delete(row)
        session.flush()
    row = OfficialScheduleRow(
        year=schedule.year, source=source[:200], imported_by=operator[:40], imported_at=at
    )
    row.days = [
        OfficialDayRow(day=d.day, is_workday=d.is_workday, note=d.note[:60]) for d in schedule.days
    ]
    session.add(row)


#: The calendars built last, by the overrides and schedules they were built from. A calendar
#: works out the running count of working days of each year it is asked about, and remembers
#: its deadlines: a new one for every reading (准入审批's list and its reminders, 首页's) did
#: it all again, each day of three to five years looked up (at city scale most of the
#: reminders' time). The overrides and schedules are read every time, so a change saved by
#: anyone is counted on at the next reading. The one used longest ago goes first.
_BUILT: dict[tuple[object, ...], WorkdayCalendar] = {}
_BUILT_KEPT = 4
_BUILT_LOCK = threading.Lock()


def calendar(session: Session) -> WorkdayCalendar:
    """The calendar the deadlines count on: imported schedules, the package, local overrides.

    The same calendar for the same overrides and schedules (it is not to be changed: its
    answers are remembered)."""
    overrides = {d: w for d, (w, _n) in tasks_repo.overrides(session).items()}
    found = schedules(session)
    key = (tuple(sorted(overrides.items())), tuple(found[year] for year in sorted(found)))
    with _BUILT_LOCK:
        built = _BUILT.pop(key, None)
        if built is not None:  # kept as the one used last: the oldest used goes first
            _BUILT[key] = built
    if built is None:
        built = WorkdayCalendar(overrides, found)
        with _BUILT_LOCK:
            built = _BUILT.setdefault(key, built)
            while len(_BUILT) > _BUILT_KEPT:
                del _BUILT[next(iter(_BUILT))]  # the oldest
    return built


def _to_domain(row: OfficialScheduleRow) -> HolidaySchedule:
    return HolidaySchedule(
        row.year, tuple(ScheduleDay(d.day, d.is_workday, d.note) for d in row.days)
    )
