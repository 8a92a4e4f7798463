"""The 其他负担 ledger printed by the county reviewer or the city's mechanism: titled with
their county or city (it said the first township's name, 清溪镇村(社区)其他负担台账, over every
township's villages), each village led by its township, the townships one after another."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.db.township import ConnectedPerson
from jianfu.services.burdens import BurdensService
from tests.conftest import put_under_county

TODAY = dt.date.today()


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def test_the_county_reviewers_ledger_is_the_countys_and_names_each_township(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
        town_name = town.name
    clerk = BurdensService(demo_ctx).print_ledger(None, dt.date(TODAY.year, 1, 1), TODAY)
    assert f"{town_name}村(社区)其他负担台账" in _text(clerk)  # the township's own, as before
    assert f"{town_name}清溪村" not in _text(clerk)
    demo_ctx.person = person
    text = _text(BurdensService(demo_ctx).print_ledger(None, dt.date(TODAY.year, 1, 1), TODAY))
    assert "南屏县村(社区)其他负担台账" in text
    assert f"{town_name}村(社区)其他负担台账" not in text
    assert f"{town_name}清溪村" in text  # in the summary and as the heading of its entries


def test_the_county_reviewers_ledger_is_signed_by_the_reviewer_not_a_townships_clerk(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "周审核")
    start = dt.date(TODAY.year, 1, 1)
    clerk = _text(BurdensService(demo_ctx).print_ledger(None, start, TODAY))
    # the township's own: its 填表人, 审核人 and telephone from its settings, as before
    assert "填表人：林晓燕" in clerk and "审核人：陈建华" in clerk and "0593-6123456" in clerk
    demo_ctx.person = person
    text = _text(BurdensService(demo_ctx).print_ledger(None, start, TODAY))
    assert "填表人：周审核" in text
    # the township's clerk, reviewer and telephone sign no county's print (no such line at all)
    assert "填表人：林晓燕" not in text and "陈建华" not in text and "0593-6123456" not in text
