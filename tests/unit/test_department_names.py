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


def test_xian_before_the_short_name_of_a_government_department() -> None:
    """县里的清单 writes 县卫健局 for 南屏县卫生健康局 (简称 卫健局); 县委 departments keep
    县委 (县宣传部 is no form of 南屏县委宣传部)."""
    departments = [*DEPARTMENTS, (5, "南屏县卫生健康局", "卫健局")]
    assert match_department("县卫健局", departments, "南屏县") == 5
    assert match_department("县应急局", departments, "南屏县") == 3
    assert "县宣传部" not in name_forms("南屏县委宣传部", "宣传部", "南屏县")


def test_xian_wei_before_the_short_name_of_a_party_committee_department() -> None:
    """The demo's boards say 县委政法委 for 南屏县委政法委员会 (简称 政法委): it was saved as
    typed beside the full name (the entry grid offered both), as 县委编办 would be."""
    departments = [*DEPARTMENTS, (6, "南屏县委政法委员会", "政法委")]
    assert match_department("县委政法委", departments, "南屏县") == 6
    assert "县委政法委" in name_forms("南屏县委政法委员会", "政法委", "南屏县")
    assert "县委编办" in name_forms("南屏县委机构编制委员会办公室", "编办", "南屏县")
    assert "县政法委" not in name_forms("南屏县委政法委员会", "政法委", "南屏县")
