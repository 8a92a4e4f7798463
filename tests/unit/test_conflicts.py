"""Comparing the record as opened, as typed and as another clerk saved it."""

from __future__ import annotations

from jianfu.domain.conflicts import compare_versions
from jianfu.domain.units import Unit, UnitInput, UnitType


def test_only_changed_fields_with_who_changed_them():
    opened = Unit(1, "东山村", UnitType.VILLAGE, 10, True, "原备注", 1)
    theirs = Unit(1, "东山村", UnitType.URBAN_COMMUNITY, 10, True, "对方的备注", 2)
    mine = UnitInput("东山新村", UnitType.VILLAGE, 10, "我的备注")
    rows = {r.field: r for r in compare_versions(opened, mine, theirs)}
    assert set(rows) == {"name", "type", "notes"}
    assert (rows["name"].label, rows["name"].mine, rows["name"].theirs) == (
        "名称",
        "东山新村",
        "东山村",
    )
    assert rows["name"].mine_changed and not rows["name"].theirs_changed and not rows["name"].clash
    assert rows["type"].theirs == "城市社区" and rows["type"].theirs_changed
    assert not rows["type"].clash
    assert rows["notes"].clash


def test_same_change_by_both_is_no_clash_and_labels_can_be_given():
    opened = UnitInput("甲村", notes="")
    both = UnitInput("甲村", notes="同样的")
    (row,) = compare_versions(opened, both, both, labels={"notes": "说明"})
    assert row.label == "说明" and not row.clash
    assert compare_versions(opened, opened, opened) == []
