"""The demo county's lists: each item's 责任单位 is a department of the county (or the city)
that issues the list, never an office of a township, which the county's list binds and which
answers to it (LZ13 and XZ08 named 清溪镇党政综合办公室, XZ29 清溪镇平安建设办公室)."""

from __future__ import annotations

import json

from jianfu.demo.county import TOWNSHIPS
from jianfu.demo.lists import load_demo_lists
from jianfu.demo.resources import demo_file


def test_every_item_of_the_county_list_names_a_county_or_city_department():
    settings = json.loads(demo_file("township.json").read_text("utf-8"))["settings"]
    county, city = settings["county_name"], settings["city_name"]
    townships = {settings["township_name"], *(t.name for t in TOWNSHIPS)}
    _edition, items = load_demo_lists(demo_file("county_lists.json"))
    assert items
    for item in items:
        assert item.department.startswith((county, city)), (item.number, item.department)
        assert not any(t in item.department for t in townships), (item.number, item.department)
    departments = {i.number: i.department for i in items}
    assert departments["LZ13"] == "南屏县民政局"
    assert departments["XZ08"] == "南屏县人民武装部"
    assert departments["XZ29"] == "南屏县委政法委员会"
