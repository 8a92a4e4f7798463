"""The official working-day calendar: import the State Council's notice, show a year, count.

One source of truth per year: an imported schedule (stored in the database, so a shared county
database gives every township the same) wins over the built-in package for its year; the
package fills the years it knows; any other year is an estimate and says so. The township's
local overrides stay on top (see :class:`jianfu.services.cases.CasesService`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jianfu.db.repositories import audit
from jianfu.db.repositories import calendar as repo
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.holiday_notice import HolidaySchedule, parse_notice
from jianfu.domain.workdays import DaySource, WorkdayCalendar, WorkdayResult
from jianfu.services.context import AppContext

__all__ = ["CalendarService", "ImportedYear", "YearView"]

#: Years a schedule may be imported for (a typo such as 2207 is refused).
_YEARS = range(2000, 2101)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class YearView:
    """One year's official calendar: where it comes from, weekdays off, weekend days worked."""

    year: int
    source: DaySource
    holidays: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]

    def as_json(self) -> dict[str, object]:
        """The form ``jianfu calendar show --json`` prints."""
        return {
            "year": self.year,
            "source": self.source.value,
            "holidays": [d.isoformat() for d in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
        }


@dataclass(frozen=True)
class ImportedYear:
    """An imported schedule's year and where it came from."""

    year: int
    source: str
    imported_by: str
    imported_at: dt.datetime


class CalendarService:
    """Imported holiday schedules and the calendar deadlines count on."""

    def __init__(self, ctx: AppContext, now: Callable[[], dt.datetime] = _now) -> None:
        self.ctx = ctx
        self.now = now

    def calendar(self) -> WorkdayCalendar:
        """Imported schedules, the package, and this township's overrides."""
        with self.ctx.unit_of_work() as s:
            return repo.calendar(s)

    def year(self, year: int) -> YearView:
        """The official calendar of ``year`` (local overrides left out)."""
        cal = self.calendar()
        off, work = cal.year_days(year)
        return YearView(year, cal.year_source(year), tuple(off), tuple(work))

    def after(self, start: dt.date, n: int) -> WorkdayResult:
        """The date ``n`` working days after ``start``, with a warning if estimated."""
        return self.calendar().deadline(start, n)

    def imported(self) -> list[ImportedYear]:
        """The imported schedules, by year."""
        with self.ctx.unit_of_work() as s:
            return [ImportedYear(*row) for row in repo.imported(s)]

    # ---------------------------------------------------------------- reading (no saving)

    @staticmethod
    def read_text(text: str, year: int | None = None) -> HolidaySchedule:
        """Read a pasted notice, for the preview; nothing is saved."""
        return parse_notice(text, year)

    @staticmethod
    def read_file(path: str | Path) -> HolidaySchedule:
        """Read a notice file or a table, for the preview; nothing is saved."""
        from jianfu.interchange.holiday_files import read_holiday_file  # Excel: on first use

        return read_holiday_file(path)

    # ---------------------------------------------------------------- saving

    def save(self, schedule: HolidaySchedule, source: str) -> None:
        """Store ``schedule`` as its year's official schedule (replacing an earlier import)."""
        if schedule.year not in _YEARS:
            raise ValidationError(FieldProblem("year", f"{schedule.year}年不是有效的年份"))
        with self.ctx.unit_of_work() as s:
            old = repo.get(s, schedule.year)
            before = None
            if old is not None:
                before = {"source": old.source, **_days_view(repo.schedules(s)[schedule.year])}
            repo.replace(s, schedule, source, self.ctx.operator, self.now())
            audit.record(
                s,
                operator=self.ctx.operator,
                action="导入节假日安排",
                entity="official_schedule",
                entity_id=schedule.year,
                before=before,
                after={"source": source, **_days_view(schedule)},
            )

    def import_file(self, path: str | Path) -> HolidaySchedule:
        """Read and save a file in one go (the command line); nothing is saved on error."""
        schedule = self.read_file(path)
        self.save(schedule, Path(path).name)
        return schedule

    def remove(self, year: int) -> None:
        """Forget the imported schedule of ``year`` (the package or the estimate applies again)."""
        with self.ctx.unit_of_work() as s:
            row = repo.get(s, year)
            if row is None:
                raise NotFoundError(f"{year}年没有导入过节假日安排。")
            before = {"source": row.source, **_days_view(repo.schedules(s)[year])}
            s.delete(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="删除节假日安排",
                entity="official_schedule",
                entity_id=year,
                before=before,
            )


def _days_view(schedule: HolidaySchedule) -> dict[str, object]:
    return {
        "year": schedule.year,
        "holidays": [d.isoformat() for d in schedule.holidays],
        "workdays": [d.isoformat() for d in schedule.workdays],
        "days": len(schedule.days),
    }
