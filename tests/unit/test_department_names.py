"""A list's 责任单位 as written, matched to the department table."""

from __future__ import annotations

from jianfu.domain.departments import match_department, name_forms

DEPARTMENTS = [
    (1, "南屏县民政局", "民政局"),
    (2, "南屏县委宣传部", "宣传部"),
    (3, "南屏县应急管理局", "应急局"),
    (4, "宁川市民政局", ""),
]


def test_forms_with_the_county_prefix_left_out_or_kept_as_xian() -> None:
    assert name_forms("南屏县民政局", "", "南屏县") == {"南屏县民政局", "县民政局", "民政局"}
    assert name_forms("南屏县委宣传部", "宣传部", "南屏县") == {
        "南屏县委宣传部",
        "县委宣传部",
        "宣传部",
    }


def test_match_by_full_name_short_name_and_prefix() -> None:
    for written, want in (
        ("南屏县民政局", 1),
        ("县民政局", 1),
        ("县委宣传部", 2),
        ("宣传部", 2),
        ("应急局", 3),
        ("县应急管理局", 3),
        ("宁川市民政局", 4),
    ):
        assert match_department(written, DEPARTMENTS, "南屏县") == want, written


def test_an_ambiguous_or_unknown_name_matches_nothing() -> None:
    two = [*DEPARTMENTS, (5, "南屏县民政局婚姻登记处", "民政局")]
    assert match_department("民政局", two, "南屏县") is None
    assert match_department("县文旅局", DEPARTMENTS, "南屏县") is None
    assert match_department("", DEPARTMENTS, "南屏县") is None
