"""One year's official holiday schedule (the days the State Council's notice names).

The working-day calendar (``domain.workdays``) and 首页's start-up reading
(``db.plain_reads``) need only these two records, not the notice's reader
(``domain.holiday_notice``, which compiles its patterns when imported and re-exports them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ScheduleDay:
    """One day the notice names: a day off or a (make-up) working day, and why."""

    day: dt.date
    is_workday: bool
    note: str = ""


@dataclass(frozen=True)
class HolidaySchedule:
    """One year's official schedule: every day the notice names, in date order.

    Days it does not name follow the week (Monday–Friday worked). ``days`` may include the end
    of December of the year before (the 元旦 of ``year`` often starts there).
    """

    year: int
    days: tuple[ScheduleDay, ...]

    def by_day(self) -> dict[dt.date, ScheduleDay]:
        """The named days by date."""
        return {d.day: d for d in self.days}

    @property
    def holidays(self) -> tuple[dt.date, ...]:
        """Weekdays (Monday–Friday) off: the days that change a count of working days."""
        return tuple(d.day for d in self.days if not d.is_workday and d.day.weekday() < 5)

    @property
    def workdays(self) -> tuple[dt.date, ...]:
        """Weekend days worked (调休 make-up days)."""
        return tuple(d.day for d in self.days if d.is_workday and d.day.weekday() >= 5)
