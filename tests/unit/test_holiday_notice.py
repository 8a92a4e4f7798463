"""The State Council's holiday notice read into days, checked against ``chinesecalendar``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.holiday_notice import ScheduleDay, parse_notice, schedule_from_days
from jianfu.domain.workdays import DaySource, WorkdayCalendar

D = dt.date
NOTICES = Path(__file__).parents[1] / "data" / "holiday_notices"
PACKAGE_YEARS = range(2004, 2027)

#: Where the notice and the package disagree, with the notice's own words. The 2006 notice
#: says "12月31日（星期六）上班" (2005-12-31); the package has that Saturday as a rest day.
KNOWN_PACKAGE_DIFFERENCES = {2006: {"workdays": {D(2005, 12, 31)}}}


def package_days(year: int) -> tuple[set[dt.date], set[dt.date]]:
    """The package's weekdays off and weekend days worked that the notice of ``year`` governs.

    A notice governs its year up to 27 December plus the end of December before (its 元旦);
    the package knows nothing before 2004.
    """
    lo, hi = max(D(year - 1, 12, 28), D(2004, 1, 1)), D(year, 12, 27)
    off, work = set(), set()
    day = lo
    while day <= hi:
        worked = chinese_calendar.is_workday(day)
        if not worked and day.weekday() < 5:
            off.add(day)
        elif worked and day.weekday() >= 5:
            work.add(day)
        day += dt.timedelta(days=1)
    return off, work


@pytest.mark.parametrize("year", PACKAGE_YEARS)
def test_every_notice_gives_the_package_days(year: int) -> None:
    schedule = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert schedule.year == year
    off, work = package_days(year)
    known = KNOWN_PACKAGE_DIFFERENCES.get(year, {})
    got_off, got_work = set(schedule.holidays), set(schedule.workdays)
    assert got_off ^ off == known.get("holidays", set())
    assert got_work ^ work == known.get("workdays", set())
    assert len(got_off) >= 10  # a real year: never a handful of days


def test_the_2006_difference_is_the_notice_words() -> None:
    text = (NOTICES / "2006.txt").read_text(encoding="utf-8")
    assert "12月31日（星期六）上班" in text
    assert not chinese_calendar.is_workday(D(2005, 12, 31))
    days = parse_notice(text).by_day()
    assert days[D(2005, 12, 31)].is_workday


def test_wording_variants() -> None:
    text = """国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。鼓励各单位安排职工在除夕（2月16日）休息。
"""
    s = parse_notice(text)
    days = s.by_day()
    assert days[D(2026, 2, 23)].note == "春节" and not days[D(2026, 2, 23)].is_workday
    assert days[D(2026, 2, 14)].is_workday and days[D(2026, 2, 14)].note == "春节调休上班"
    assert s.workdays == (D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28))
    # 补休, 与周末连休, 不调休, the old 其中…调至… breakdown, cross-month and cross-year ranges
    assert parse_notice("一、元旦：1月1日放假，1月2日（星期一）补休。", year=2017).holidays == (
        D(2017, 1, 2),
    )
    assert parse_notice("四、劳动节：5月1日放假，与周末连休。", year=2017).holidays == (
        D(2017, 5, 1),
    )
    assert parse_notice("一、元旦：1月1日（周三）放假1天，不调休。", year=2025).holidays == (
        D(2025, 1, 1),
    )
    s = parse_notice(
        "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n"
        "六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。",
        year=2023,
    )
    assert D(2023, 1, 2) in s.holidays and D(2023, 9, 29) in s.holidays
    assert D(2023, 10, 6) in s.holidays and s.by_day()[D(2023, 10, 1)].note == "中秋节、国庆节"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("二、春节：2月15日（周一）至23日放假调休，共9天。", "2月15日是星期日"),
        ("二、春节：2月15日至23日放假调休，共8天。", "共8天"),
        ("二、春节：2月15日至23日过节。", "看不懂"),
        ("二、春节：2月30日放假。", "不是有效的日期"),
        ("二、春节：另行通知。", "没有读到"),
        ("二、春节：2月15日至23日放假。2月15日上班。", "既是放假又是上班"),
    ],
)
def test_a_notice_not_read_completely_is_refused(text: str, message: str) -> None:
    notice = "国务院办公厅关于2026年部分节假日安排的通知\n" + text
    with pytest.raises(ValidationError, match=message) as err:
        parse_notice(notice)
    assert str(err.value).startswith("第 2 行“二、春节：")  # the line, as the clerk wrote it


def test_a_notice_without_a_year_is_refused() -> None:
    with pytest.raises(ValidationError, match="年份"):
        parse_notice("二、春节：2月15日至23日放假调休，共9天。")


def test_table_rows_make_a_schedule() -> None:
    s = schedule_from_days(
        2027, [ScheduleDay(D(2027, 2, 8), False, "春节"), ScheduleDay(D(2027, 2, 20), True, "")]
    )
    assert s.holidays == (D(2027, 2, 8),) and s.workdays == (D(2027, 2, 20),)
    with pytest.raises(ValidationError, match="既是放假又是上班"):
        schedule_from_days(
            2027, [ScheduleDay(D(2027, 2, 8), False), ScheduleDay(D(2027, 2, 8), True)]
        )
    with pytest.raises(ValidationError, match="不在2027年"):
        schedule_from_days(2027, [ScheduleDay(D(2029, 2, 8), False)])


def test_imported_schedule_wins_and_estimates_say_so() -> None:
    """A made-up 2027 schedule (test fixture, not an official notice) over the estimate."""
    test_2027 = parse_notice((NOTICES / "test_2027_schedule.txt").read_text(encoding="utf-8"))
    bare = WorkdayCalendar()
    assert bare.year_source(2027) is DaySource.ESTIMATED
    assert bare.year_source(2026) is DaySource.PACKAGE
    assert not bare.is_workday(D(2027, 1, 1))  # 元旦, a fixed-date holiday
    assert not bare.is_workday(D(2027, 10, 1))
    assert not bare.is_workday(D(2027, 2, 8))  # 春节's 初三, a statutory day
    assert bare.is_workday(D(2027, 2, 9))  # how the break is joined to weekends is not guessed
    before = bare.deadline(D(2027, 1, 20), 15)
    assert before.value == D(2027, 2, 12) and before.uncovered_years == (2027,)
    assert "导入" in before.warning
    # the end of December waits for the next year's notice
    assert bare.official(D(2026, 12, 30)).source is DaySource.ESTIMATED
    assert bare.deadline(D(2026, 12, 1), 20).uncovered_years == (2027,)  # 29 Dec
    assert bare.deadline(D(2026, 12, 1), 15).uncovered_years == ()  # 22 Dec

    cal = WorkdayCalendar(schedules={2027: test_2027})
    assert cal.year_source(2027) is DaySource.IMPORTED
    after = cal.deadline(D(2027, 1, 20), 15)
    assert after.value == D(2027, 2, 17) and not after.estimated  # 2月14日 (Sunday) is worked
    assert cal.official(D(2027, 2, 8)).note == "春节"
    off, work = cal.year_days(2027)
    assert off == list(test_2027.holidays) and work == list(test_2027.workdays)
    # local overrides stay on top
    local = WorkdayCalendar({D(2027, 2, 14): False}, schedules={2027: test_2027})
    assert local.info(D(2027, 2, 14)).source is DaySource.LOCAL
    assert local.deadline(D(2027, 1, 20), 15).value == D(2027, 2, 18)


def test_an_imported_year_wins_over_the_package() -> None:
    s = schedule_from_days(2026, [ScheduleDay(D(2026, 3, 2), False, "测试")])
    cal = WorkdayCalendar(schedules={2026: s})
    assert not cal.is_workday(D(2026, 3, 2))
    assert cal.is_workday(D(2026, 2, 16))  # the package's 春节 no longer applies to 2026
    assert cal.official(D(2026, 2, 16)).source is DaySource.IMPORTED
