"""Working-day calendar: official holidays, 调休, local overrides and uncovered years."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.workdays import WorkdayCalendar

D = dt.date


@pytest.fixture
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def test_spring_festival_2026(cal: WorkdayCalendar) -> None:
    # Holiday Sun 15 Feb – Mon 23 Feb 2026; make-up working Saturdays 14 and 28 Feb.
    assert all(not cal.is_workday(D(2026, 2, d)) for d in range(15, 24))
    assert cal.is_workday(D(2026, 2, 14))
    assert cal.is_workday(D(2026, 2, 28))
    assert not cal.is_workday(D(2026, 2, 21))  # an ordinary Saturday inside the holiday


def test_deadline_across_spring_festival(cal: WorkdayCalendar) -> None:
    # Received Thu 12 Feb: Fri 13, Sat 14 (make-up) = 2; then Tue 24 … Fri 27 = 6; Sat 28 = 7.
    assert cal.add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 14)
    assert cal.add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    assert cal.add_working_days(D(2026, 2, 12), 7) == D(2026, 2, 28)
    assert cal.add_working_days(D(2026, 2, 12), 8) == D(2026, 3, 2)
    result = cal.deadline(D(2026, 2, 12), 15)
    assert result.value == D(2026, 3, 11)
    assert not result.estimated
    assert result.warning == ""


def test_make_up_saturday_counts(cal: WorkdayCalendar) -> None:
    # National Day 2026: Sat 10 Oct is a make-up working day.
    assert cal.is_workday(D(2026, 10, 10))
    assert cal.add_working_days(D(2026, 10, 9), 1) == D(2026, 10, 10)
    assert cal.working_days_between(D(2026, 10, 9), D(2026, 10, 12)) == 2


def test_between_is_the_inverse_of_adding(cal: WorkdayCalendar) -> None:
    start = D(2025, 12, 20)
    for n in (0, 1, 5, 15, 30, 60):
        end = cal.add_working_days(start, n)
        assert cal.working_days_between(start, end) == n
    assert cal.working_days_between(D(2026, 3, 11), D(2026, 2, 12)) == -15
    assert cal.add_working_days(D(2026, 3, 11), -15) == D(2026, 2, 12)


def test_counting_between_agrees_with_looking_at_every_day() -> None:
    import random

    local = WorkdayCalendar({D(2026, 3, 2): False, D(2026, 2, 21): True, D(2027, 1, 2): True})
    rng = random.Random(18)
    spans = [(D(2025, 12, 31), D(2026, 1, 1)), (D(2026, 1, 1), D(2026, 1, 1))]
    spans += [(D(2026, 2, 20), D(2026, 3, 2)), (D(2024, 2, 28), D(2031, 3, 1))]
    for _ in range(200):
        a = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 8))
        spans.append((a, a + dt.timedelta(days=rng.randrange(-800, 800))))
    for a, b in spans:
        lo, hi = sorted((a, b))
        days = (lo + dt.timedelta(days=i) for i in range(1, (hi - lo).days + 1))
        one_by_one = sum(local.is_workday(d) for d in days)
        assert local.working_days_between(a, b) == (one_by_one if b >= a else -one_by_one)


def test_deadlines_agree_with_stepping_day_by_day() -> None:
    import random

    local = WorkdayCalendar({D(2026, 3, 2): False, D(2026, 2, 21): True, D(2027, 1, 2): True})

    def stepping(start: dt.date, n: int) -> dt.date:
        day, step, remaining = start, (1 if n >= 0 else -1), abs(n)
        while remaining:
            day += dt.timedelta(days=step)
            remaining -= local.is_workday(day)
        return day

    rng = random.Random(18)
    cases = [
        (D(2025, 12, 31), 1),
        (D(2026, 1, 1), -1),
        (D(2026, 12, 31), 400),
        (D(2024, 5, 5), 3000),  # years away: found by stepping
        (D(2035, 1, 1), -2900),
        (D(2026, 2, 22), -1),
    ]
    for _ in range(300):
        start = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 8))
        cases.append((start, rng.choice([0, 1, 2, 5, 15, 20, 30, 250, -1, -3, -15, -260])))
    for start, n in cases:
        result = local.deadline(start, n)
        assert result.value == stepping(start, n), (start, n)
        assert result.uncovered_years == local.uncovered_years(start, result.value)


def test_overrides_win() -> None:
    local = WorkdayCalendar({D(2026, 3, 2): False, D(2026, 2, 21): True})
    assert not local.is_workday(D(2026, 3, 2))
    assert local.is_workday(D(2026, 2, 21))
    assert local.add_working_days(D(2026, 2, 20), 1) == D(2026, 2, 21)


def test_uncovered_year_falls_back_and_says_so(cal: WorkdayCalendar) -> None:
    assert cal.covered(2026)
    assert not cal.covered(2030)
    assert not cal.covered(2003)
    assert cal.is_workday(D(2030, 1, 2))  # a Wednesday, weekday guess
    assert not cal.is_workday(D(2030, 1, 5))  # a Saturday
    result = cal.deadline(D(2026, 12, 24), 30)
    assert result.estimated
    assert 2027 in result.uncovered_years
    assert "2027年" in result.warning
    counted = cal.count_between(D(2029, 12, 31), D(2030, 1, 7))
    assert counted.value == 4  # 2030-01-01 (元旦, a fixed-date holiday) is estimated off
    assert counted.uncovered_years == (2029, 2030)


def test_overrides_apply_in_uncovered_years() -> None:
    local = WorkdayCalendar({D(2030, 1, 1): False})
    assert not local.is_workday(D(2030, 1, 1))
    assert local.add_working_days(D(2029, 12, 31), 1) == D(2030, 1, 2)


def test_calendar_without_working_days_is_refused() -> None:
    start = D(2030, 1, 1)
    never = WorkdayCalendar({start + dt.timedelta(days=i): False for i in range(1, 3700)})
    with pytest.raises(ValidationError, match="没有工作日"):
        never.add_working_days(start, 1)


def test_statutory_holidays_are_days_off_in_every_year_the_package_knows() -> None:
    """The lunar table and the rules of each period (11 days to 2024, 13 from 2025) checked
    against the official schedules ``chinesecalendar`` holds: every statutory day was off."""
    import chinese_calendar

    from jianfu.domain.workdays import statutory_holidays

    for year in range(2008, 2027):
        days = statutory_holidays(year)
        # 13 days from 2025, 11 before (fewer dates when 中秋 falls in 国庆节, as in 2009)
        assert len(days) == (13 if year >= 2025 else 11) or D(year, 10, 3) >= max(
            d for d, name in days.items() if name == "中秋节"
        ) >= D(year, 10, 1), year
        for day, name in days.items():
            assert chinese_calendar.is_holiday(day), (day, name)
    assert set(statutory_holidays(2027).values()) == {
        "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"
    }  # fmt: skip


def test_an_estimated_year_keeps_its_lunar_holidays(cal: WorkdayCalendar) -> None:
    assert not cal.covered(2027)
    eve = cal.info(D(2027, 2, 5))  # 除夕, a Friday
    assert not eve.is_workday and "春节" in eve.note
    assert not cal.is_workday(D(2027, 6, 9))  # 端午, a Wednesday
    assert not cal.is_workday(D(2027, 9, 15))  # 中秋, a Wednesday
    assert cal.is_workday(D(2027, 2, 9))  # make-up days and joined weekends are not guessed
    assert "调休" in cal.deadline(D(2027, 1, 20), 15).warning


def test_the_package_read_from_its_tables_says_what_it_says_itself() -> None:
    """``_package_detail`` reads ``chinesecalendar``'s tables without its costly check of the
    year: the same (holiday?, name) as its ``get_holiday_detail`` on every day it covers."""
    import chinese_calendar

    from jianfu.domain.workdays import _package_covers, _package_detail

    years = [y for y in range(2000, 2035) if _package_covers(y)]
    assert years and years[0] <= 2008 and 2026 in years
    for year in years:
        day = D(year, 1, 1)
        while day.year == year:
            holiday, name = chinese_calendar.get_holiday_detail(day)
            assert _package_detail(day) == (bool(holiday), name), day
            day += dt.timedelta(days=1)


def _uncovered_day_by_day(cal: WorkdayCalendar, a: dt.date, b: dt.date) -> tuple[int, ...]:
    """``uncovered_years`` as it was first written: each year of the span not covered, and
    the next year of each year whose 28–31 December the span reaches, when not covered."""
    lo, hi = sorted((a, b))
    years = {y for y in range(lo.year, hi.year + 1) if not cal.covered(y)}
    for y in range(lo.year, hi.year + 1):
        if lo <= D(y, 12, 31) and hi >= D(y, 12, 28) and not cal.covered(y + 1):
            years.add(y + 1)
    return tuple(sorted(years))


def test_uncovered_years_as_counted_day_by_day(cal: WorkdayCalendar) -> None:
    # the answer is kept per (first year, last year, reaches 28 December): every span from
    # and to the days around the years' ends, before, inside and after the package's years
    days = [
        D(y, m, d)
        for y in (2002, 2003, 2004, 2024, 2025, 2026, 2027, 2028)
        for m, d in ((1, 1), (6, 30), (12, 27), (12, 28), (12, 31))
    ]
    for a in days:
        for b in days:
            assert cal.uncovered_years(a, b) == _uncovered_day_by_day(cal, a, b), (a, b)
    assert cal.uncovered_years(D(2026, 12, 27), D(2026, 12, 27)) == ()
    assert cal.uncovered_years(D(2026, 12, 27), D(2026, 12, 28)) == (2027,)


def test_a_deadline_asked_again_is_the_same() -> None:
    asked = WorkdayCalendar()
    for start in (D(2026, 2, 12), D(2026, 12, 24), D(2029, 12, 31)):
        for n in (-20, 0, 1, 15, 30):
            first = asked.deadline(start, n)
            assert asked.deadline(start, n) == first == WorkdayCalendar().deadline(start, n)
