"""Areas of village work met by the everyday words of their tasks (jianfu/domain/thesaurus.py)."""

from __future__ import annotations

import pytest

from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict

DUTIES = (
    "办理本居住地区居民的公共事务和公益事业",
    "开展便民利民的社区服务活动，可以兴办有关的服务事业",
    "协助维护社会秩序",
    "调解民事纠纷",
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([ListItem(kind="duty", name=n) for n in DUTIES], SEED_KINDS)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("县公安局：节前请各村组织联防队夜间巡逻，发现可疑人员及时报警。", "协助维护社会秩序"),
        ("街道：庙会期间请社区安排人手协助维持秩序。", "协助维护社会秩序"),
        ("街道：请社区联系志愿者，每月一次为高龄老人上门理发。", DUTIES[1]),
        ("县民政局：请有条件的社区开办老年助餐点。", DUTIES[1]),
        ("镇政府：今年一事一议项目修村里的排水沟，请各村组织实施。", DUTIES[0]),
    ],
)
def test_a_task_word_finds_its_area(matcher: Matcher, text: str, item: str) -> None:
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == item


def test_a_place_of_the_townships_service_is_not_the_committees_service(matcher) -> None:
    # 便民服务点 here is where the township serves: the notice is about driving licences
    result = matcher.check("县车管所：请各村通知驾驶证过期的村民到乡镇便民服务点换领。")
    assert result.verdict is Verdict.UNLISTED
