"""Working days on China's official calendar, for admission deadlines (30 / 15 working days).

Each day has one source, in this order:

1. a local override (the township's own day off or working day);
2. an imported schedule: the State Council's notice for that year, read and saved by a clerk
   (see :mod:`jianfu.domain.holiday_notice`); for its year it wins over the package;
3. the ``chinesecalendar`` package, for the years it knows (2004–2026 in 1.11.0);
4. an estimate: Monday–Friday minus the statutory holidays of the year (the 13 days of the
   national holiday rules as revised in 2024: 元旦, 除夕 and 春节's first three days, 清明,
   劳动节's two days, 端午, 中秋, 国庆节's three days), the lunar ones by their dates. How
   the State Council will join them to weekends, and which weekend days will be worked
   instead (调休), cannot be guessed, so every deadline that touches an estimated day carries a
   warning.

The last days of December belong to the next year's notice (its 元旦 often starts there), so
they are estimated when the next year is unknown.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import chinese_calendar

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.holiday_schedule import HolidaySchedule, ScheduleDay

#: A search for the next working day gives up after this many days (all days overridden off).
_MAX_SEARCH_DAYS = 3660
_MAX_SEARCH_YEARS = 11  # more than _MAX_SEARCH_DAYS


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
        return estimate_warning(self.uncovered_years)


#: December days from here on belong to the next year's notice (元旦 may start on the 28th).
NEXT_NOTICE_FROM = (12, 28)


class DaySource(StrEnum):
    """Where a day's status comes from."""

    LOCAL = "local"
    IMPORTED = "imported"
    PACKAGE = "package"
    ESTIMATED = "estimated"

    @property
    def label(self) -> str:
        """The source in Chinese, for the calendar dialog."""
        return {
            "local": "本地设置",
            "imported": "已导入的国务院通知",
            "package": "内置日历",
            "estimated": "估计（未收录）",
        }[self.value]


def estimate_warning(years: tuple[int, ...] | list[int]) -> str:
    """The warning for deadlines counted over estimated years, empty when there are none."""
    if not years:
        return ""
    text = "、".join(f"{y}年" for y in years)
    return (
        f"{text}的节假日安排尚未收录，期限按周一至周五扣除法定节假日估算（不含调休）；"
        "请在“工作日设置”中导入国务院办公厅的节假日安排通知"
    )


def fixed_holidays(year: int) -> tuple[dt.date, ...]:
    """The holidays fixed on the Gregorian calendar (元旦, 劳动节, 国庆节) of ``year``."""
    may = (1, 2) if year >= 2025 else (1,) if year >= 2008 else (1, 2, 3)
    return (
        dt.date(year, 1, 1),
        *(dt.date(year, 5, d) for d in may),
        *(dt.date(year, 10, d) for d in (1, 2, 3)),
    )


#: The Gregorian dates (MMDD) of 春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) by year:
#: facts of the Chinese calendar, computed with the ``lunar-python`` library and checked against
#: a second converter (``zhdate``) and, for the years it knows, against ``chinesecalendar``'s
#: official holidays (tests/unit/test_workdays.py). Not a dependency: the table is the result.
_LUNAR_FESTIVALS: dict[int, tuple[str, str, str]] = {
    2008: ("0207", "0608", "0914"),
    2009: ("0126", "0528", "1003"),
    2010: ("0214", "0616", "0922"),
    2011: ("0203", "0606", "0912"),
    2012: ("0123", "0623", "0930"),
    2013: ("0210", "0612", "0919"),
    2014: ("0131", "0602", "0908"),
    2015: ("0219", "0620", "0927"),
    2016: ("0208", "0609", "0915"),
    2017: ("0128", "0530", "1004"),
    2018: ("0216", "0618", "0924"),
    2019: ("0205", "0607", "0913"),
    2020: ("0125", "0625", "1001"),
    2021: ("0212", "0614", "0921"),
    2022: ("0201", "0603", "0910"),
    2023: ("0122", "0622", "0929"),
    2024: ("0210", "0610", "0917"),
    2025: ("0129", "0531", "1006"),
    2026: ("0217", "0619", "0925"),
    2027: ("0206", "0609", "0915"),
    2028: ("0126", "0528", "1003"),
    2029: ("0213", "0616", "0922"),
    2030: ("0203", "0605", "0912"),
    2031: ("0123", "0624", "1001"),
    2032: ("0211", "0612", "0919"),
    2033: ("0131", "0601", "0908"),
    2034: ("0219", "0620", "0927"),
    2035: ("0208", "0610", "0916"),
    2036: ("0128", "0530", "1004"),
    2037: ("0215", "0618", "0924"),
    2038: ("0204", "0607", "0913"),
    2039: ("0124", "0527", "1002"),
    2040: ("0212", "0614", "0920"),
    2041: ("0201", "0603", "0910"),
    2042: ("0122", "0622", "0928"),
    2043: ("0210", "0611", "0917"),
    2044: ("0130", "0531", "1005"),
    2045: ("0217", "0619", "0925"),
    2046: ("0206", "0608", "0915"),
    2047: ("0126", "0529", "1004"),
    2048: ("0214", "0615", "0922"),
    2049: ("0202", "0604", "0911"),
    2050: ("0123", "0623", "0930"),
    2051: ("0211", "0613", "0919"),
    2052: ("0201", "0601", "0907"),
    2053: ("0219", "0620", "0926"),
    2054: ("0208", "0610", "0916"),
    2055: ("0128", "0530", "1005"),
    2056: ("0215", "0617", "0924"),
    2057: ("0204", "0606", "0913"),
    2058: ("0124", "0625", "1002"),
    2059: ("0212", "0614", "0921"),
    2060: ("0202", "0603", "0909"),
}


def _on(year: int, mmdd: str) -> dt.date:
    return dt.date(year, int(mmdd[:2]), int(mmdd[2:]))


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory days off of ``year`` by name, as the national holiday rules set them
    (《全国年节及纪念日放假办法》 as revised in 2024, in force from 2025: 13 days; before, 11),
    without the State Council's joining them to weekends. The lunar days are known from 2008
    to 2060; outside that only the Gregorian ones (元旦, 劳动节, 国庆节)."""
    days = dict.fromkeys(fixed_holidays(year)[:1], "元旦")
    days.update((d, "劳动节") for d in fixed_holidays(year) if d.month == 5)
    days.update((d, "国庆节") for d in fixed_holidays(year) if d.month == 10)
    lunar = _LUNAR_FESTIVALS.get(year)
    if lunar is None:
        return days
    new_year, dragon_boat, mid_autumn = (_on(year, mmdd) for mmdd in lunar)
    # 除夕 to 初三 from 2025; 初一 to 初三 from 2014; 除夕 to 初二 before
    span = range(-1, 3) if year >= 2025 else range(3) if year >= 2014 else range(-1, 2)
    days.update((new_year + dt.timedelta(days=n), "春节") for n in span)
    qingming = [
        d
        for d, _name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
        if _name == "清明"
    ]
    days.update((d, "清明节") for d in qingming)
    days[dragon_boat] = "端午节"
    days[mid_autumn] = "中秋节"
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class DayInfo:
    """One day: working or not, where that comes from, and a note (the festival, the reason)."""

    day: dt.date
    is_workday: bool
    source: DaySource
    note: str = ""


#: The package's festival names in Chinese.
_PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@lru_cache(maxsize=64)
def _ordinal_of_new_year(year: int) -> int:
    """``date(year, 1, 1).toordinal()``."""
    return dt.date(year, 1, 1).toordinal()


@lru_cache(maxsize=64)
def _package_covers(year: int) -> bool:
    """Whether ``chinesecalendar`` knows the holidays of ``year``."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=8192)
def _package_detail(day: dt.date) -> tuple[bool, object]:
    """``chinesecalendar``'s (holiday?, name) of ``day``, in a year the package covers
    (``_package_covers``). Read from the package's tables as its ``get_holiday_detail`` reads
    them, without its check of the year, which takes the least and the greatest of all its
    holidays on every call (25 ms for the three years of days 首页's deadlines count, on
    every start); the screens ask for the same days again with each new calendar."""
    if day in chinese_calendar.workdays:
        return False, chinese_calendar.workdays[day]
    if day in chinese_calendar.holidays:
        return True, chinese_calendar.holidays[day]
    return day.weekday() > 4, None


class WorkdayCalendar:
    """Official working days plus local overrides (date -> is a working day).

    ``schedules`` are the imported notices by year; they win over the package for their year.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, bool] | None = None,
        schedules: Mapping[int, HolidaySchedule] | None = None,
    ) -> None:
        self.overrides: dict[dt.date, bool] = dict(overrides or {})
        self.schedules: dict[int, HolidaySchedule] = dict(schedules or {})
        self._named: dict[dt.date, ScheduleDay] = {}
        for year in sorted(self.schedules):  # a later notice wins for a day both name
            self._named.update(self.schedules[year].by_day())
        self._known: dict[dt.date, bool] = {}  # days already looked up (a calendar is short-lived)
        # working days of each year counted up to each of its days, made when first needed
        self._running: dict[int, list[int]] = {}
        # ``uncovered_years`` by the span's first and last year and whether it reaches the
        # last one's 28 December
        self._uncovered: dict[tuple[int, int, bool], tuple[int, ...]] = {}
        self._deadlines: dict[tuple[dt.date, int], WorkdayResult] = {}  # ``deadline``'s answers

    def year_source(self, year: int) -> DaySource:
        """Where the official calendar of ``year`` comes from (imported, package, estimated)."""
        if year in self.schedules:
            return DaySource.IMPORTED
        if _package_covers(year):
            return DaySource.PACKAGE
        return DaySource.ESTIMATED

    def covered(self, year: int) -> bool:
        """True when the official calendar of ``year`` is known (not a weekday guess)."""
        return self.year_source(year) is not DaySource.ESTIMATED

    def official(self, day: dt.date) -> DayInfo:
        """The day on the official calendar (local overrides left out)."""
        named = self._named.get(day)
        if named is not None:
            return DayInfo(day, named.is_workday, DaySource.IMPORTED, named.note)
        source = self.year_source(day.year)
        if (day.month, day.day) >= NEXT_NOTICE_FROM and not self.covered(day.year + 1):
            source = DaySource.ESTIMATED  # the next notice may still move this day
        if source is DaySource.PACKAGE or (
            source is DaySource.ESTIMATED and _package_covers(day.year)
        ):
            on, name = _package_detail(day)
            note = _PACKAGE_NAMES.get(str(name), str(name)) if name else ""
            if name and not on:
                note += "调休上班"
            return DayInfo(day, not on, source, note)
        if source is DaySource.ESTIMATED and (name := statutory_holidays(day.year).get(day)):
            return DayInfo(day, False, source, f"{name}（法定节假日，调休待通知）")
        return DayInfo(day, day.weekday() < 5, source)

    def info(self, day: dt.date) -> DayInfo:
        """The day with local overrides on top."""
        if day in self.overrides:
            return DayInfo(day, self.overrides[day], DaySource.LOCAL, "")
        return self.official(day)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (overrides first, then the official calendar)."""
        if day in self.overrides:
            return self.overrides[day]
        known = self._known.get(day)
        if known is None:
            known = self.official(day).is_workday
            self._known[day] = known
        return known

    def year_days(self, year: int) -> tuple[list[dt.date], list[dt.date]]:
        """The official weekdays off and weekend days worked of ``year`` (overrides left out)."""
        off: list[dt.date] = []
        work: list[dt.date] = []
        day = dt.date(year, 1, 1)
        while day.year == year:
            worked = self.official(day).is_workday
            if not worked and day.weekday() < 5:
                off.append(day)
            elif worked and day.weekday() >= 5:
                work.append(day)
            day += dt.timedelta(days=1)
        return off, work

    def uncovered_years(self, a: dt.date, b: dt.date) -> tuple[int, ...]:
        """The years whose estimated days lie between ``a`` and ``b`` (inclusive, either order).

        The end of December counts for the next year when that one is unknown.
        """
        lo, hi = (a, b) if a <= b else (b, a)
        # the answer depends only on these (首页 asks it twice for every open case)
        key = (lo.year, hi.year, (hi.month, hi.day) >= NEXT_NOTICE_FROM)
        found = self._uncovered.get(key)
        if found is None:
            years = {y for y in range(lo.year, hi.year + 1) if not self.covered(y)}
            # each year's 31 December is on or after ``lo``; its tail from 28 December is
            # within the span for every year before ``hi``'s, and for ``hi``'s from the 28th
            for y in range(lo.year, hi.year + (1 if key[2] else 0)):
                if not self.covered(y + 1):
                    years.add(y + 1)
            found = self._uncovered[key] = tuple(sorted(years))
        return found

    def deadline(self, start: dt.date, n: int) -> WorkdayResult:
        """The date ``n`` working days after ``start`` (before it when ``n`` < 0).

        ``start`` itself is not counted, so a task received on Friday with a 1-day limit is
        due on the next working day. ``n == 0`` gives ``start``.
        """
        found = self._deadlines.get((start, n))
        if found is not None:  # 首页 asks for each open case's due date twice
            return found
        # found in the running counts per year; stepping day by day (the screens ask for
        # the due date of every open case) only when the answer lies years away
        day = self._deadline_by_counts(start, n)
        if day is None or abs((day - start).days) > _MAX_SEARCH_DAYS:
            day = self._deadline_by_steps(start, n)
        found = self._deadlines[start, n] = WorkdayResult(day, self.uncovered_years(start, day))
        return found

    def _deadline_by_counts(self, start: dt.date, n: int) -> dt.date | None:
        """:meth:`deadline`'s date by bisecting each year's running counts; ``None`` past the
        years a deadline may lie in."""
        if n == 0:
            return start
        if n > 0:
            year, need = start.year, self._worked_in_year_upto(start) + n
            while need > self._running_of(year)[-1]:
                need -= self._running_of(year)[-1]
                year += 1
                if year - start.year > _MAX_SEARCH_YEARS:
                    return None
        else:
            before = start - dt.timedelta(days=1)
            year, need = before.year, self._worked_in_year_upto(before) + n + 1
            while need < 1:
                year -= 1
                if start.year - year > _MAX_SEARCH_YEARS:
                    return None
                need += self._running_of(year)[-1]
        return dt.date(year, 1, 1) + dt.timedelta(days=bisect_left(self._running_of(year), need))

    def _deadline_by_steps(self, start: dt.date, n: int) -> dt.date:
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
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``start``; see :meth:`deadline` for the warning."""
        value = self.deadline(start, n).value
        assert isinstance(value, dt.date)
        return value

    def _running_of(self, year: int) -> list[int]:
        """For each day of ``year``, the working days from 1 January up to and including it."""
        running = self._running.get(year)
        if running is None:
            running, count = [], 0
            d = dt.date(year, 1, 1)
            while d.year == year:
                count += self.is_workday(d)
                running.append(count)
                d += dt.timedelta(days=1)
            self._running[year] = running
        return running

    def _worked_in_year_upto(self, day: dt.date) -> int:
        """Working days from 1 January of ``day``'s year up to and including ``day``."""
        return self._running_of(day.year)[day.toordinal() - _ordinal_of_new_year(day.year)]

    def count_between(self, a: dt.date, b: dt.date) -> WorkdayResult:
        """Working days after ``a`` up to and including ``b`` (negative when ``b`` < ``a``)."""
        lo, hi = sorted((a, b))
        # by running counts per year, not day by day: 首页 counts the days left of every
        # open case (at city scale 700 cases, 380,000 days looked at, 0.4 s)
        count = self._worked_in_year_upto(hi) - self._worked_in_year_upto(lo)
        for year in range(lo.year, hi.year):
            count += self._running_of(year)[-1]  # up to its 31 December
        return WorkdayResult(count if b >= a else -count, self.uncovered_years(a, b))

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b``; the inverse of adding them."""
        value = self.count_between(a, b).value
        assert isinstance(value, int)
        return value


def warning_years(warning: str) -> list[int]:
    """The years a deadline warning names (2027年、2028年的…)."""
    head = warning.split("的", 1)[0]
    return [int(part[:4]) for part in head.split("、") if part[:4].isdigit()]
