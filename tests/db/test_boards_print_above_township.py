"""The 牌子 prints of the county reviewer or the city's mechanism are titled with their county
or city (the city's 销号清单 said 清溪镇牌子清理销号清单 over every township's boards)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.db.township import ConnectedPerson
from jianfu.services.boards import BoardsService
from tests.conftest import put_under_county

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
