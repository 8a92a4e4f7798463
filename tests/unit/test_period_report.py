"""The period report model: totals, change, villages joining/leaving, the draft paragraph."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.period_report import (
    COLUMN_KEYS,
    COLUMNS,
    GROUPS,
    DepartmentFlag,
    Figures,
    PeriodReport,
    ReportRow,
    UnitSpan,
    group_spans,
    merge_department_flags,
    units_in_period,
)
from jianfu.domain.periods import parse_period
from jianfu.domain.settings import TownshipSettings

Q3 = parse_period("2026Q3")


def _report(rows, previous=None, **kw) -> PeriodReport:
    return PeriodReport(
        township="清溪镇",
        period=Q3,
        rows=rows,
        previous_period=Q3.previous(),
        previous_total=previous or Figures(),
        **kw,
    )


def test_columns_follow_the_quarterly_table():
    assert GROUPS == ("工作事项", "机制", "牌子", "证明", "报表台账", "工作群/APP", "督查检查考核")
    assert [c.label for c in COLUMNS if c.group == "工作事项"] == [
        "清单内",
        "新申请准入",
        "批准",
        "不批准",
        "退出",
        "发现未准入下派",
    ]
    assert [c.label for c in COLUMNS if c.group == "牌子"] == [
        "期初",
        "清理",
        "新增(经批准)",
        "期末",
    ]
    assert [c.label for c in COLUMNS if c.group == "证明"] == ["出具", "不予出具", "清单外"]
    assert group_spans()[:3] == [("工作事项", 0, 5), ("机制", 6, 7), ("牌子", 8, 11)]
    assert group_spans()[-1] == ("督查检查考核", 17, 17)


def test_figures_add_subtract_and_treat_missing_as_zero():
    a = Figures({"boards_cleaned": 3, "tasks_listed": 2})
    b = Figures({"boards_cleaned": 1, "forms": 4})
    assert (a + b)["boards_cleaned"] == 4 and (a + b)["forms"] == 4
    assert (a - b).values["forms"] == -4
    assert Figures().is_empty and not a.is_empty
    assert len(a.as_list()) == len(COLUMN_KEYS)
    with pytest.raises(KeyError):
        a["no_such_column"]


def test_totals_and_change_against_the_previous_period():
    rows = [
        ReportRow(1, "东村", "村", Figures({"boards_cleaned": 5, "tasks_unadmitted": 1})),
        ReportRow(2, "西社区", "城市社区", Figures({"boards_cleaned": 2, "certs_refused": 3})),
    ]
    report = _report(rows, Figures({"boards_cleaned": 10, "certs_refused": 1}))
    assert report.total["boards_cleaned"] == 7
    assert report.total["certs_refused"] == 3
    assert report.change["boards_cleaned"] == -3
    assert report.change["certs_refused"] == 2
    assert report.title == "清溪镇2026年第三季度村(社区)减负工作情况统计表"
    text = report.summary_text()
    assert "2026年第三季度（2026年7月1日至9月30日），清溪镇共有村(社区)2个" in text
    assert "清理7块" in text
    assert "发现未经准入擅自下派事项1项" in text
    assert "与2026年第二季度相比" in text
    assert "清理牌子减少3块" in text and "不予出具证明增加2件" in text


def test_units_joining_or_leaving_mid_period():
    units = [
        UnitSpan(1, "东村", "村", 10),
        UnitSpan(2, "新城社区", "城市社区", 20, added_on=dt.date(2026, 8, 10)),
        UnitSpan(3, "老村", "村", 30, removed_on=dt.date(2026, 7, 20)),
        UnitSpan(4, "早撤村", "村", 40, removed_on=dt.date(2026, 6, 30)),
        UnitSpan(5, "未来社区", "城市社区", 50, added_on=dt.date(2026, 10, 1)),
        UnitSpan(6, "首日村", "村", 60, added_on=dt.date(2026, 7, 1)),
    ]
    shown = units_in_period(units, Q3)
    assert [u.name for u in shown] == ["东村", "新城社区", "老村", "首日村"]
    assert shown[1].note(Q3) == "8月10日新设"
    assert shown[2].note(Q3) == "7月20日撤并(停用)"
    assert shown[3].note(Q3) == ""  # there for the whole period
    rows = [ReportRow(u.unit_id, u.name, u.type, Figures(), u.note(Q3)) for u in shown]
    report = _report(rows)
    assert report.notes == ["新城社区：8月10日新设", "老村：7月20日撤并(停用)"]
    text = report.summary_text()
    assert "其中本期新设新城社区" in text and "本期撤并(停用)老村" in text


def test_an_empty_period_gives_a_plain_sentence():
    report = _report([ReportRow(1, "东村", "村", Figures())])
    assert report.is_empty
    text = report.summary_text()
    assert "本期各村(社区)暂无减负工作数据记录。" in text
    assert "相比" not in text
    no_villages = _report([])
    assert "共有村(社区)0个" in no_villages.summary_text()


def test_cumulative_departments_and_missing_sources_in_the_paragraph():
    rows = [ReportRow(1, "东村", "村", Figures({"boards_cleaned": 1}))]
    flags = merge_department_flags({"县住建局": 2, "县民政局": 0}, {"县公安局": 1, "县住建局": 1})
    assert flags == [
        DepartmentFlag("县住建局", 2, 1),
        DepartmentFlag("县公安局", 0, 1),
    ]
    report = _report(
        rows,
        baseline=dt.date(2026, 1, 1),
        cumulative=Figures({"boards_cleaned": 40, "mechanisms_merged": 6}),
        departments=flags,
        missing_sources=("证明台账",),
    )
    text = report.summary_text()
    assert "自2026年1月1日以来，累计清理牌子40块，撤并工作机制6个" in text
    assert "县住建局（未经准入下派事项2项，要求出具不应出具的证明1件）" in text
    assert "本期有2个部门和单位" in text
    assert report.notes == ["证明台账尚未启用，相应栏目按0填报。"]


def test_baseline_setting_is_checked():
    base = TownshipSettings(township_name="清溪镇")
    assert base.report_baseline == ""
    assert base.cleaned().report_baseline == ""
    assert (
        TownshipSettings(township_name="清溪镇", report_baseline=" 2026-01-01 ")
        .cleaned()
        .report_baseline
        == "2026-01-01"
    )
    with pytest.raises(ValidationError) as err:
        TownshipSettings(township_name="清溪镇", report_baseline="明年").cleaned()
    assert "统计累计起始日期" in err.value.for_field("report_baseline")


def test_the_baseline_date_is_read_as_every_date_field_and_a_wrong_one_named() -> None:
    """2026-13-01 was refused with “应写成 2026-01-01 这样的格式”, which is how it was written."""
    from jianfu.domain.settings import TownshipSettings

    written = TownshipSettings(township_name="清溪镇", report_baseline="2026年1月1日").cleaned()
    assert written.report_baseline == "2026-01-01"
    with pytest.raises(ValidationError) as err:
        TownshipSettings(township_name="清溪镇", report_baseline="2026-13-01").cleaned()
    assert "“2026-13-01”不是有效日期" in err.value.for_field("report_baseline")


def test_a_previous_period_before_a_ledgers_first_record_is_not_compared():
    """The year 2026 against 2025: 上期合计 showed 牌子期末 0 beside 2026's 期初 245 (boards
    registered in 2026 that existed before), and the draft said 期末牌子增加145块."""
    rows = [ReportRow(1, "东村", "村", Figures({"boards_closing": 145, "certs_refused": 3}))]
    first = {"牌子台账": dt.date(2026, 7, 10), "证明台账": dt.date(2026, 3, 2)}
    report = _report(rows, Figures({"certs_refused": 1}), first_records=first)
    assert report.uncompared == {
        "boards_opening",
        "boards_cleaned",
        "boards_added",
        "boards_closing",
    }
    closing = COLUMN_KEYS.index("boards_closing")
    refused = COLUMN_KEYS.index("certs_refused")
    assert report.previous_cells()[closing] == "—" and report.previous_cells()[refused] == "1"
    assert report.change_cells(str)[closing] == "—" and report.change_cells(str)[refused] == "2"
    note = "牌子台账自2026年7月10日起登记，上期（2026年第二季度）无记录，相应栏目不作比较"
    assert any(n.startswith(note) and "“—”" in n for n in report.notes)
    text = report.summary_text()
    assert "期末牌子增加" not in text and "不予出具证明增加2件" in text
    assert note + "。" in text
    # no ledger recorded anything before the period: nothing is compared at all
    boards = [ReportRow(1, "东村", "村", Figures({"boards_closing": 145}))]
    report = _report(boards, first_records={"牌子台账": dt.date(2026, 7, 10)})
    text = report.summary_text()
    assert "相比" not in text and "持平" not in text
    assert "本软件自2026年7月10日起登记，上期（2026年第二季度）无记录，不作比较。" in text
    # a ledger that recorded in the previous period is compared as before
    report = _report(rows, first_records={"牌子台账": dt.date(2026, 6, 30)})
    assert not report.uncompared and "期末牌子增加145块" in report.summary_text()
    assert not [n for n in report.notes if "无记录" in n]
