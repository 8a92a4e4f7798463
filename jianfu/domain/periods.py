"""Reporting periods: a month, quarter, half-year, year or any range of days.

Codes are what the clerk types on the command line (``2026Q3``, ``2026M07``, ``2026H1``,
``2026``); labels are what the print-outs say (2026年第三季度). Dates are inclusive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError

_NUMERALS = "零一二三四五六七八九十"

#: The earliest and latest years a period may fall in (typing slips such as 20266 are refused).
MIN_YEAR, MAX_YEAR = 2000, 2099


class PeriodKind(StrEnum):
    """How long a period is; the value is what the clerk reads."""

    MONTH = "月度"
    QUARTER = "季度"
    HALF = "半年"
    YEAR = "年度"
    RANGE = "自定时段"


@dataclass(frozen=True)
class Period:
    """A reporting period from ``start`` to ``end``, both days included."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        """The short code: 2026Q3, 2026M07, 2026H1, 2026 or 20260701-20260815."""
        y, m = self.start.year, self.start.month
        if self.kind is PeriodKind.MONTH:
            return f"{y}M{m:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{y}Q{(m - 1) // 3 + 1}"
        if self.kind is PeriodKind.HALF:
            return f"{y}H{1 if m <= 6 else 2}"
        if self.kind is PeriodKind.YEAR:
            return str(y)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    @property
    def label(self) -> str:
        """The period as a title says it: 2026年第三季度, 2026年7月, 2026年上半年, 2026年."""
        y, m = self.start.year, self.start.month
        if self.kind is PeriodKind.MONTH:
            return f"{y}年{m}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{y}年第{_NUMERALS[(m - 1) // 3 + 1]}季度"
        if self.kind is PeriodKind.HALF:
            return f"{y}年{'上' if m <= 6 else '下'}半年"
        if self.kind is PeriodKind.YEAR:
            return f"{y}年"
        return f"{chinese_date(self.start)}至{chinese_date(self.end)}"

    @property
    def span_text(self) -> str:
        """The dates covered, for a subtitle: 2026年7月1日至9月30日."""
        end = (
            f"{self.end.month}月{self.end.day}日"
            if self.end.year == self.start.year
            else chinese_date(self.end)
        )
        return f"{chinese_date(self.start)}至{end}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before; for a range, as many days just before."""
        if self.kind is PeriodKind.RANGE:
            end = self.start - dt.timedelta(days=1)
            return Period(PeriodKind.RANGE, end - dt.timedelta(days=self.days - 1), end)
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}.get(self.kind, 12)
        y, m = _add_months(self.start.year, self.start.month, -months)
        return _calendar_period(self.kind, y, m, months)

    def next(self) -> Period:
        """The period of the same kind just after."""
        if self.kind is PeriodKind.RANGE:
            start = self.end + dt.timedelta(days=1)
            return Period(PeriodKind.RANGE, start, start + dt.timedelta(days=self.days - 1))
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}.get(self.kind, 12)
        y, m = _add_months(self.start.year, self.start.month, months)
        return _calendar_period(self.kind, y, m, months)

    def __str__(self) -> str:
        return self.label


def chinese_date(day: dt.date) -> str:
    """2026年7月1日 (no leading zeros, as official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    y, m = _add_months(year, month, 1)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


def _calendar_period(kind: PeriodKind, year: int, month: int, months: int) -> Period:
    ey, em = _add_months(year, month, months - 1)
    return Period(kind, dt.date(year, month, 1), _month_end(ey, em))


def month(year: int, m: int) -> Period:
    return _calendar_period(PeriodKind.MONTH, year, m, 1)


def quarter(year: int, q: int) -> Period:
    return _calendar_period(PeriodKind.QUARTER, year, 3 * (q - 1) + 1, 3)


def half_year(year: int, h: int) -> Period:
    return _calendar_period(PeriodKind.HALF, year, 6 * (h - 1) + 1, 6)


def whole_year(year: int) -> Period:
    return _calendar_period(PeriodKind.YEAR, year, 1, 12)


def current_period(today: dt.date, kind: PeriodKind = PeriodKind.QUARTER) -> Period:
    """The period of ``kind`` that contains ``today`` (a range means the quarter)."""
    if kind is PeriodKind.MONTH:
        return month(today.year, today.month)
    if kind is PeriodKind.HALF:
        return half_year(today.year, 1 if today.month <= 6 else 2)
    if kind is PeriodKind.YEAR:
        return whole_year(today.year)
    return quarter(today.year, (today.month - 1) // 3 + 1)


_CODE = re.compile(
    r"^(?P<year>\d{4})(?:年)?"
    r"(?:(?P<q>[Qq季])(?P<qn>\d)|(?P<m>[Mm月])(?P<mn>\d{1,2})|(?P<h>[Hh])(?P<hn>\d))?$"
)

PERIOD_HINT = "应写成 2026Q3（季度）、2026M07（月）、2026H1（半年）或 2026（全年）"


def parse_period(text: str, field: str = "period") -> Period:
    """A period from its code; raises ``ValidationError`` with a Chinese message on ``field``."""
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        raise ValidationError(FieldProblem(field, f"统计期间不能为空，{PERIOD_HINT}"))
    match = _CODE.match(raw)
    if match is None:
        raise ValidationError(FieldProblem(field, f"统计期间“{text}”无法识别，{PERIOD_HINT}"))
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            FieldProblem(field, f"统计期间“{text}”的年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间")
        )
    if match["q"]:
        n = int(match["qn"])
        if not 1 <= n <= 4:
            raise ValidationError(FieldProblem(field, f"统计期间“{text}”：季度只能是 1 到 4"))
        return quarter(year, n)
    if match["m"]:
        n = int(match["mn"])
        if not 1 <= n <= 12:
            raise ValidationError(FieldProblem(field, f"统计期间“{text}”：月份只能是 01 到 12"))
        return month(year, n)
    if match["h"]:
        n = int(match["hn"])
        if n not in (1, 2):
            raise ValidationError(
                FieldProblem(field, f"统计期间“{text}”：半年只能是 H1（上半年）或 H2（下半年）")
            )
        return half_year(year, n)
    return whole_year(year)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def parse_date(text: str, field: str, label: str) -> dt.date:
    """A date typed as 2026-07-01, 2026/7/1, 20260701 or 2026年7月1日."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(FieldProblem(field, f"{label}不能为空"))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                break
            return day
    raise ValidationError(
        FieldProblem(field, f"{label}“{text}”不是有效日期，应写成 2026-07-01 这样的格式")
    )


def date_range(start: dt.date, end: dt.date) -> Period:
    """A period of any length; the end must not be before the start.

    A range that is exactly a month, quarter, half-year or year becomes that period, so its
    title and its previous period read naturally.
    """
    if end < start:
        raise ValidationError(
            FieldProblem(
                "end",
                f"结束日期（{chinese_date(end)}）早于开始日期（{chinese_date(start)}），请检查统计时段",
            )
        )
    if start.day == 1 and end == _month_end(end.year, end.month) and start.year == end.year:
        months = end.month - start.month + 1
        kinds = {
            1: PeriodKind.MONTH,
            3: PeriodKind.QUARTER,
            6: PeriodKind.HALF,
            12: PeriodKind.YEAR,
        }
        kind = kinds.get(months)
        if kind is not None and (start.month - 1) % months == 0:
            return Period(kind, start, end)
    return Period(PeriodKind.RANGE, start, end)


def parse_range(start_text: str, end_text: str) -> Period:
    """A period from two typed dates (``--from`` / ``--to``)."""
    problems: list[FieldProblem] = []
    days: list[dt.date] = []
    for text, field, label in ((start_text, "start", "开始日期"), (end_text, "end", "结束日期")):
        try:
            days.append(parse_date(text, field, label))
        except ValidationError as err:
            problems += err.problems
    if problems:
        raise ValidationError(problems)
    return date_range(days[0], days[1])
