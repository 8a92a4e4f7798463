"""Comparing two list editions: pairing items, withdrawn items, field changes."""

from __future__ import annotations

import datetime as dt

from jianfu.domain.list_diff import diff_editions, field_text, normalise_name
from jianfu.domain.lists import SEED_KINDS, ItemNature, ItemStatus, ListItem, Scope


def item(name: str, kind: str = "duty", number: str = "", **kw) -> ListItem:
    return ListItem(kind, name, number=number, **kw)


def test_identical_editions_have_no_differences() -> None:
    items = [item("调解民间纠纷", content="组织调解"), item("组织村民会议")]
    diff = diff_editions(items, list(items), old_name="2025年版", new_name="2026年版")
    assert diff.is_empty
    assert (diff.old_name, diff.new_name) == ("2025年版", "2026年版")


def test_renumbering_alone_is_not_a_change() -> None:
    old = [item("调解民间纠纷", number="1"), item("组织村民会议", number="2")]
    new = [
        item("新增事项", number="1"),
        item("调解民间纠纷", number="2"),
        item("组织村民会议", number="3"),
    ]
    diff = diff_editions(old, new)
    assert [i.name for i in diff.added] == ["新增事项"]
    assert diff.removed == ()
    assert diff.changed == ()


def test_changed_fields_are_listed_with_labels_and_values() -> None:
    old = [item("协助参保登记", "assist", content="入户宣传", department="县人社局")]
    new = [item("协助参保登记", "assist", content="入户宣传、收集名单", department="县医保局")]
    diff = diff_editions(old, new)
    (change,) = diff.changed
    assert [(c.field, c.label, c.old, c.new) for c in change.changes] == [
        ("content", "事项内容", "入户宣传", "入户宣传、收集名单"),
        ("department", "责任单位", "县人社局", "县医保局"),
    ]


def test_a_renamed_item_is_paired_by_its_number() -> None:
    old = [item("协助开展人口普查", "assist", "XZ-3")]
    new = [item("协助开展全国人口普查入户登记", "assist", "XZ-3")]
    diff = diff_editions(old, new)
    assert not diff.added and not diff.removed
    (change,) = diff.changed
    assert change.changes[0].label == "事项名称"


def test_an_item_moved_to_another_list_shows_the_kind_names() -> None:
    old = [item("代收代缴费用", "assist")]
    new = [item("代收代缴费用", "negative")]
    diff = diff_editions(old, new, kinds=SEED_KINDS)
    (change,) = diff.changed
    assert (change.changes[0].label, change.changes[0].old, change.changes[0].new) == (
        "类别",
        "协助办理事项",
        "负面事项",
    )
    assert diff.kind_name("negative") == "负面事项"


def test_withdrawn_items_count_as_removed() -> None:
    old = [item("开展创建评比"), item("调解民间纠纷")]
    new = [
        item("开展创建评比", status=ItemStatus.WITHDRAWN, withdrawn_on=dt.date(2026, 7, 1)),
        item("调解民间纠纷"),
    ]
    diff = diff_editions(old, new)
    assert [i.name for i in diff.removed] == ["开展创建评比"]
    assert diff_editions(old, new, include_withdrawn=True).removed == ()


def test_full_width_and_spaces_do_not_separate_items() -> None:
    assert normalise_name("村（社区） 事项") == normalise_name("村(社区)事项")
    diff = diff_editions([item("村（社区）议事协商")], [item("村(社区)议事协商")])
    assert diff.is_empty


def test_duplicate_names_are_paired_by_number() -> None:
    old = [item("入户走访", number="1", content="甲"), item("入户走访", number="2", content="乙")]
    new = [item("入户走访", number="1", content="甲"), item("入户走访", number="2", content="丙")]
    diff = diff_editions(old, new)
    (change,) = diff.changed
    assert (change.old.number, change.changes[0].old, change.changes[0].new) == ("2", "乙", "丙")


def test_field_text_prints_enums_tuples_and_dates() -> None:
    it = item(
        "事项",
        nature=ItemNature.STAGED,
        scopes=(Scope.VILLAGE, Scope.URBAN_COMMUNITY),
        withdrawn_on=dt.date(2026, 1, 5),
    )
    assert field_text(it, "nature") == "阶段"
    assert field_text(it, "scopes") == "村、城市社区"
    assert field_text(it, "withdrawn_on") == "2026年1月5日"
    assert field_text(it, "alternative_route") == ""
