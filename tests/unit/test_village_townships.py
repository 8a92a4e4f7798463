"""A village named with its township, and villages put township by township, for the lists,
prints and exports of several townships (one rule for the screens and the services)."""

from __future__ import annotations

from jianfu.domain.units import Unit, UnitType, VillageTownships, village_label


def _village(id_: int, name: str, township: str = "") -> Unit:
    return Unit(id_, name, UnitType.VILLAGE, id_, True, township=township)


def test_a_village_is_led_by_its_township_only_when_it_has_one():
    assert village_label("石门乡", "清溪村") == "石门乡 清溪村"
    assert village_label("石门乡", "清溪村", "\u2028") == "石门乡\u2028清溪村"
    assert village_label("", "清溪村") == "清溪村"


def test_villages_of_two_townships_are_told_apart_and_put_township_by_township():
    places = VillageTownships.of(
        [
            _village(3, "清溪村", "清溪镇"),
            _village(1, "龙潭村", "清溪镇"),
            _village(2, "清溪村", "石门乡"),
        ]
    )
    assert [places.label(i, "清溪村") for i in (3, 2)] == ["清溪镇 清溪村", "石门乡 清溪村"]
    assert places.township(2) == "石门乡"
    assert places.township(99) == places.township(None) == ""  # unknown: the name alone
    assert places.label(99, "别处村") == "别处村"
    items = [(2, "a"), (99, "x"), (3, "b"), (1, "c"), (2, "d"), (None, "y")]
    # township by township in the listed order; one village's items keep theirs; unknown last
    assert places.in_order(items, lambda i: i[0]) == [
        (3, "b"),
        (1, "c"),
        (2, "a"),
        (2, "d"),
        (99, "x"),
        (None, "y"),
    ]


def test_at_a_township_no_village_is_named_with_a_township():
    places = VillageTownships.of([_village(1, "清溪村"), _village(2, "龙潭村")])
    assert places.label(1, "清溪村") == "清溪村"
    assert VillageTownships().label(1, "清溪村") == "清溪村"
    assert VillageTownships().in_order([(2, "a"), (1, "b")], lambda i: i[0]) == [(2, "a"), (1, "b")]
