"""The 牌子 prints of the county reviewer or the city's mechanism are titled with their county
or city (the city's 销号清单 said 清溪镇牌子清理销号清单 over every township's boards) and
signed by the person who made them, not by the first township's 填表人."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.db.township import ConnectedPerson
from jianfu.domain.boards import BoardInput
from jianfu.services.boards import BoardsService
from tests.conftest import put_under_county, same_village_twice

TODAY = dt.date.today()


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def test_the_county_reviewers_closeout_is_the_countys(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
        town_name = town.name
    start = dt.date(TODAY.year - 1, 1, 1)
    clerk = BoardsService(demo_ctx).print_closeout(start, TODAY)
    assert f"{town_name}牌子清理销号清单" in _text(clerk)  # the township's own, as before
    demo_ctx.person = person
    text = _text(BoardsService(demo_ctx).print_closeout(start, TODAY))
    assert "南屏县牌子清理销号清单" in text
    assert f"{town_name}牌子清理销号清单" not in text


def test_the_county_reviewers_closeout_is_signed_by_the_reviewer_not_a_townships_clerk(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "周审核")
    start = dt.date(TODAY.year - 1, 1, 1)
    clerk = _text(BoardsService(demo_ctx).print_closeout(start, TODAY))
    # the township's own: its 填表人, 审核人 and telephone from its settings, as before
    assert "填表人：林晓燕" in clerk and "审核人：陈建华" in clerk and "0593-6123456" in clerk
    demo_ctx.person = person
    text = _text(BoardsService(demo_ctx).print_closeout(start, TODAY))
    assert "填表人：周审核" in text
    # the township's clerk, reviewer and telephone sign no county's print (no such line at all)
    assert "填表人：林晓燕" not in text and "陈建华" not in text and "0593-6123456" not in text


def test_the_county_reviewers_inventory_of_a_village_names_its_own_township(demo_ctx):
    """Printed by the county, another township's 清溪村 was headed with the first township's
    name (清溪镇) and signed by its clerk."""
    person, town_name, village_id = same_village_twice(demo_ctx)
    service = BoardsService(demo_ctx)
    service.add_board(BoardInput(village_id, "石门乡清溪村综治中心", category="门牌"))
    demo_ctx.person = person
    text = _text(service.print_inventory(village_id))
    assert "石门乡清溪村牌子台账" in text
    assert town_name not in text
    assert "填表人：周审核" in text and "填表人：林晓燕" not in text


def test_the_county_reviewers_closeout_names_each_villages_township(demo_ctx):
    """Two townships' 清溪村 were two rows of 清溪村 in the county's 销号清单."""
    person, town_name, village_id = same_village_twice(demo_ctx)
    service = BoardsService(demo_ctx)
    service.add_board(
        BoardInput(village_id, "便民服务牌", category="门牌", disposition="摘除", disposed_on=TODAY)
    )
    start = dt.date(TODAY.year - 1, 1, 1)
    assert f"{town_name}清溪村" not in _text(service.print_closeout(start, TODAY))  # as before
    demo_ctx.person = person
    text = _text(service.print_closeout(start, TODAY))
    assert "石门乡清溪村便民服务牌" in text  # the village with its township, then the board
    assert f"{town_name}清溪村" in text
    assert text.index("石门乡清溪村") > text.rindex(f"{town_name}清溪村")  # township by township
