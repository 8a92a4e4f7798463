"""Reading the fact a resident asks the village to vouch for (是她儿子 → 亲属关系)."""

from __future__ import annotations

import pytest

from jianfu.domain.cert_facts import certificate_facts
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("银行让村里开个我是她儿子的证明", "亲属关系"),
        ("要证明他是我的亲生父亲", "亲属关系"),
        ("证明我和我爸是父子关系", "亲属关系"),
        ("开发商要村委会证明我在村里没有房子", "财产"),
        ("证明我名下有一辆车", "财产"),
        ("驾校要村里证明我在本村住了半年", "居住"),
    ],
)
def test_the_fact_is_read_from_how_the_statement_is_built(text: str, fact: str) -> None:
    assert fact in certificate_facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "我是我弟弟的监护人，要办房产登记",  # the relative owns what he is: not kinship
        "我爸上个月去世了，要开死亡证明",  # a relative named, no relation vouched for
        "银行要证明我家房子没有邻里纠纷",  # the house is the subject, not owned or not
        "我是村里的保洁员",
    ],
)
def test_other_statements_are_no_such_fact(text: str) -> None:
    assert certificate_facts(text) == [] or "亲属关系" not in certificate_facts(text)


def test_a_colloquial_request_finds_its_certificate() -> None:
    items = [
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ListItem(kind="cert_forbidden", name="居民财产证明"),
        ListItem(kind="cert_allowed", name="居（租）住证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    kin = matcher.check_certificate("我想去银行取我妈存折里的钱，银行让村里开个我是她儿子的证明。")
    assert kin.verdict is Verdict.FORBIDDEN
    assert kin.best is not None and kin.best.item.name == "亲属关系证明"
    house = matcher.check_certificate("我在城里买房，开发商要村委会证明我在村里没有房子。")
    assert house.verdict is Verdict.FORBIDDEN
    assert house.best is not None and house.best.item.name == "居民财产证明"
