"""The other burdens: entry rules, clean-up actions, ledger words, and period counts."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.burdens import (
    DEFAULT_BURDEN_TYPES,
    BurdenInput,
    BurdenRecord,
    CleanupAction,
    count_period,
    parse_action,
    resolve_type,
)
from jianfu.domain.errors import ValidationError

TODAY = dt.date(2026, 6, 30)
CODES = [t.code for t in DEFAULT_BURDEN_TYPES]


def entry(**kw) -> BurdenInput:
    base = {"unit_id": 1, "type": "form", "name": "安全隐患排查月报表"}
    return BurdenInput(**{**base, **kw})


def problems(data: BurdenInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        data.cleaned(CODES, TODAY)
    return {p.field: p.message for p in info.value.problems}


def test_default_types_are_the_four_kinds_the_report_counts():
    assert [(t.code, t.name) for t in DEFAULT_BURDEN_TYPES] == [
        ("mechanism", "工作机制/专人专岗"),
        ("form", "报表台账"),
        ("channel", "工作群/政务APP"),
        ("inspection", "督查检查/考核评比/观摩"),
    ]


def test_a_good_entry_is_trimmed():
    data = entry(name="  防汛值班工作群\u3000", department=" 县水利局 ", type="channel").cleaned(
        CODES, TODAY
    )
    assert (data.name, data.department) == ("防汛值班工作群", "县水利局")


def test_missing_village_type_and_name_are_named_per_field():
    found = problems(BurdenInput(unit_id=None, type="", name="  "))
    assert found == {"unit": "请选择村(社区)", "type": "请选择类别", "name": "名称不能为空"}


def test_unknown_type_and_overlong_fields():
    found = problems(entry(type="boards", department="部" * 61, basis="依" * 501))
    assert found["type"] == "没有“boards”这个类别"
    assert found["department"] == "要求部门不能超过 60 个字（现有 61 个）"
    assert "依据文件不能超过 500 个字" in found["basis"]


def test_clean_up_date_may_not_lie_in_the_future():
    found = problems(entry(action=CleanupAction.MERGED, action_date=dt.date(2026, 7, 1)))
    assert found == {"action_date": "清理日期 2026-07-01 晚于今天，不能预填"}
    # today itself is fine
    entry(action=CleanupAction.MERGED, action_date=TODAY).cleaned(CODES, TODAY)


def test_an_action_needs_a_date_and_a_date_needs_an_action():
    assert problems(entry(action=CleanupAction.CANCELLED)) == {
        "action_date": "已选“取消”，请填写清理日期"
    }
    assert "请选择清理方式" in problems(entry(action_date=TODAY))["action"]
    # 保留 without a date is allowed: the burden simply stays
    entry(action=CleanupAction.KEPT).cleaned(CODES, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("撤并", CleanupAction.MERGED),
        ("已合并", CleanupAction.MERGED),
        ("整合至综合网格", CleanupAction.MERGED),
        ("取消", CleanupAction.CANCELLED),
        ("已撤销", CleanupAction.CANCELLED),
        ("保留", CleanupAction.KEPT),
        ("继续保留", CleanupAction.KEPT),
        ("", None),
        ("待清理", None),
        ("未处置", None),
    ],
)
def test_clean_up_words_as_ledgers_write_them(text, expected):
    assert parse_action(text) is expected


def test_an_unknown_clean_up_word_says_what_is_allowed():
    with pytest.raises(ValueError, match="清理方式应为“撤并”“取消”或“保留”，现为“研究中”"):
        parse_action("研究中")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("工作机制/专人专岗", "mechanism"),
        ("专人专岗", "mechanism"),
        ("报表", "form"),
        ("台账", "form"),
        ("微信群", "channel"),
        ("政务app", "channel"),
        ("观摩", "inspection"),
        ("考核评比", "inspection"),
        ("inspection", "inspection"),
        ("牌子", None),
        ("", None),
    ],
)
def test_types_are_read_by_name_code_or_alias(text, code):
    assert resolve_type(text, DEFAULT_BURDEN_TYPES) == code


def rec(n, unit, kind, action=None, on=None) -> BurdenRecord:
    return BurdenRecord(n, unit, f"村{unit}", kind, f"负担{n}", action=action, action_date=on)


def test_counts_for_a_period():
    start, end = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    records = [
        rec(1, 1, "mechanism"),  # never cleaned: before and now
        rec(2, 1, "mechanism", CleanupAction.MERGED, dt.date(2026, 3, 31)),  # gone before
        rec(3, 1, "mechanism", CleanupAction.MERGED, dt.date(2026, 4, 1)),  # merged in period
        rec(4, 1, "mechanism", CleanupAction.CANCELLED, dt.date(2026, 6, 30)),  # cancelled
        rec(5, 1, "mechanism", CleanupAction.CANCELLED, dt.date(2026, 7, 1)),  # after: still now
        rec(6, 1, "mechanism", CleanupAction.KEPT, dt.date(2026, 1, 5)),  # kept: now
        rec(7, 2, "form"),
        rec(8, 2, "form", CleanupAction.CANCELLED, dt.date(2026, 5, 5)),
    ]
    counts = count_period(
        records, [(1, "村1"), (2, "村2"), (3, "村3")], DEFAULT_BURDEN_TYPES, start, end
    )
    m = counts.village("村1").of("mechanism")
    assert (m.before, m.merged, m.cancelled, m.kept, m.now) == (5, 1, 1, 1, 3)
    assert m.cleaned == 2
    f = counts.village("村2").of("form")
    assert (f.before, f.cleaned, f.now) == (2, 1, 1)
    # a village without entries is still a row, with zeros for every type
    assert [v.unit_name for v in counts.villages] == ["村1", "村2", "村3"]
    assert all(counts.village("村3").of(c).before == 0 for c in CODES)
    total = counts.total
    assert total.unit_name == "合计"
    assert (total.overall.before, total.overall.cleaned, total.overall.now) == (7, 3, 4)
    for v in [*counts.villages, total]:
        for c in CODES:
            x = v.of(c)
            assert x.before == x.cleaned + x.now


def test_counts_refuse_an_end_before_the_start():
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        count_period([], [], DEFAULT_BURDEN_TYPES, dt.date(2026, 2, 1), dt.date(2026, 1, 1))
