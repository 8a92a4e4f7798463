"""Reporting periods: codes, labels, previous periods, ranges and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.periods import (
    PeriodKind,
    current_period,
    date_range,
    parse_period,
    parse_range,
    quarter,
)

D = dt.date


@pytest.mark.parametrize(
    ("code", "kind", "start", "end", "label"),
    [
        ("2026Q3", PeriodKind.QUARTER, D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
        ("2026q1", PeriodKind.QUARTER, D(2026, 1, 1), D(2026, 3, 31), "2026年第一季度"),
        ("2026M07", PeriodKind.MONTH, D(2026, 7, 1), D(2026, 7, 31), "2026年7月"),
        ("2028M2", PeriodKind.MONTH, D(2028, 2, 1), D(2028, 2, 29), "2028年2月"),
        ("2026H1", PeriodKind.HALF, D(2026, 1, 1), D(2026, 6, 30), "2026年上半年"),
        ("2026H2", PeriodKind.HALF, D(2026, 7, 1), D(2026, 12, 31), "2026年下半年"),
        ("2026", PeriodKind.YEAR, D(2026, 1, 1), D(2026, 12, 31), "2026年"),
        (" 2026年季4 ", PeriodKind.QUARTER, D(2026, 10, 1), D(2026, 12, 31), "2026年第四季度"),
    ],
)
def test_codes_parse_to_periods_with_labels(code, kind, start, end, label):
    period = parse_period(code)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "不能为空"),
        ("2026Q5", "季度只能是 1 到 4"),
        ("2026Q0", "季度只能是 1 到 4"),
        ("2026M13", "月份只能是 01 到 12"),
        ("2026H3", "H1（上半年）或 H2（下半年）"),
        ("1999", "年份应在 2000 到 2099 之间"),
        ("Q3 2026", "无法识别"),
        ("2026-07", "无法识别"),
    ],
)
def test_bad_codes_say_what_is_wrong(code, message):
    with pytest.raises(ValidationError) as err:
        parse_period(code)
    assert message in str(err.value)
    assert err.value.problems[0].field == "period"


def test_previous_periods_cross_year_boundaries():
    assert parse_period("2026Q1").previous() == parse_period("2025Q4")
    assert parse_period("2026M01").previous() == parse_period("2025M12")
    assert parse_period("2026H1").previous() == parse_period("2025H2")
    assert parse_period("2026").previous() == parse_period("2025")
    assert parse_period("2025Q4").next() == parse_period("2026Q1")


def test_a_range_goes_back_by_its_own_length():
    period = parse_range("2026-07-10", "2026/7/19")
    assert period.kind is PeriodKind.RANGE and period.days == 10
    prev = period.previous()
    assert (prev.start, prev.end) == (D(2026, 6, 30), D(2026, 7, 9))
    assert period.label == "2026年7月10日至2026年7月19日"
    assert period.span_text == "2026年7月10日至7月19日"


def test_a_range_that_is_a_calendar_period_becomes_it():
    assert date_range(D(2026, 7, 1), D(2026, 9, 30)) == quarter(2026, 3)
    assert parse_range("20260401", "2026年4月30日").kind is PeriodKind.MONTH
    # Two months is no calendar period; Q2-Q3 neither.
    assert date_range(D(2026, 7, 1), D(2026, 8, 31)).kind is PeriodKind.RANGE
    assert date_range(D(2026, 4, 1), D(2026, 9, 30)).kind is PeriodKind.RANGE
    assert date_range(D(2026, 7, 5), D(2026, 7, 5)).days == 1


def test_a_range_ending_before_it_starts_is_refused_in_chinese():
    with pytest.raises(ValidationError) as err:
        parse_range("2026-09-30", "2026-07-01")
    assert "结束日期（2026年7月1日）早于开始日期（2026年9月30日）" in str(err.value)
    assert err.value.for_field("end")


def test_bad_dates_name_the_field():
    with pytest.raises(ValidationError) as err:
        parse_range("2026-02-30", "")
    assert "开始日期“2026-02-30”不是有效日期" in err.value.for_field("start")
    assert err.value.for_field("end") == "结束日期不能为空"


def test_current_period_contains_today():
    today = D(2026, 8, 15)
    assert current_period(today) == quarter(2026, 3)
    assert current_period(today, PeriodKind.MONTH).code == "2026M08"
    assert current_period(today, PeriodKind.HALF).code == "2026H2"
    assert current_period(today, PeriodKind.YEAR).code == "2026"
