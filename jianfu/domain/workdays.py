"""Working days on China's official calendar, for admission deadlines (30 / 15 working days).

Holidays and 调休 make-up working days come from the ``chinesecalendar`` package, which covers
only the years the State Council has announced (2004–2026 in the installed version). The
clerk's own overrides (a local day off, a make-up day the package does not know yet) always
win. For a year the package does not cover, the calendar falls back to Monday–Friday plus the
overrides and says so, so that the screen can warn that the deadline is an estimate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar

from jianfu.domain.errors import FieldProblem, ValidationError

#: A search for the next working day gives up after this many days (all days overridden off).
_MAX_SEARCH_DAYS = 3660


@dataclass(frozen=True)
class WorkdayResult:
    """A date or a count, and the years it touched that the official calendar does not cover."""

    value: dt.date | int
    uncovered_years: tuple[int, ...] = ()

    @property
    def estimated(self) -> bool:
        """True when part of the count used the Monday–Friday fallback."""
        return bool(self.uncovered_years)

    @property
    def warning(self) -> str:
        """A message for the clerk, empty when the official calendar covered every day."""
        if not self.uncovered_years:
            return ""
        years = "、".join(f"{y}年" for y in self.uncovered_years)
        return f"{years}的法定节假日和调休安排尚未收录，按周一至周五推算，请核对后在日历中修正"


@lru_cache(maxsize=64)
def _package_covers(year: int) -> bool:
    """Whether ``chinesecalendar`` knows the holidays of ``year``."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkdayCalendar:
    """Official working days plus local overrides (date -> is a working day)."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self.overrides: dict[dt.date, bool] = dict(overrides or {})
        self._known: dict[dt.date, bool] = {}  # days already looked up (a calendar is short-lived)

    def covered(self, year: int) -> bool:
        """True when the official calendar of ``year`` is known (not a weekday guess)."""
        return _package_covers(year)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (overrides first, then the official calendar)."""
        if day in self.overrides:
            return self.overrides[day]
        known = self._known.get(day)
        if known is None:
            if self.covered(day.year):
                known = chinese_calendar.is_workday(day)
            else:
                known = day.weekday() < 5
            self._known[day] = known
        return known

    def uncovered_years(self, a: dt.date, b: dt.date) -> tuple[int, ...]:
        """The years between ``a`` and ``b`` (inclusive, either order) without official data."""
        lo, hi = sorted((a.year, b.year))
        return tuple(y for y in range(lo, hi + 1) if not self.covered(y))

    def deadline(self, start: dt.date, n: int) -> WorkdayResult:
        """The date ``n`` working days after ``start`` (before it when ``n`` < 0).

        ``start`` itself is not counted, so a task received on Friday with a 1-day limit is
        due on the next working day. ``n == 0`` gives ``start``.
        """
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        day = start
        searched = 0
        while remaining:
            day += dt.timedelta(days=step)
            searched += 1
            if self.is_workday(day):
                remaining -= 1
                searched = 0
            elif searched > _MAX_SEARCH_DAYS:
                raise ValidationError(
                    FieldProblem("overrides", "日历中连续十年没有工作日，请检查自定义的休息日设置")
                )
        return WorkdayResult(day, self.uncovered_years(start, day))

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``start``; see :meth:`deadline` for the warning."""
        value = self.deadline(start, n).value
        assert isinstance(value, dt.date)
        return value

    def count_between(self, a: dt.date, b: dt.date) -> WorkdayResult:
        """Working days after ``a`` up to and including ``b`` (negative when ``b`` < ``a``)."""
        lo, hi = sorted((a, b))
        count = 0
        day = lo + dt.timedelta(days=1)
        while day <= hi:
            count += self.is_workday(day)
            day += dt.timedelta(days=1)
        return WorkdayResult(count if b >= a else -count, self.uncovered_years(a, b))

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b``; the inverse of adding them."""
        value = self.count_between(a, b).value
        assert isinstance(value, int)
        return value
