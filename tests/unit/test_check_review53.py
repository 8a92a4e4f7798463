"""Kept from review 53 of a reading of households the village rates itself (ba900f5, then
2a52923; both taken back): a reviewer's own sentences, nothing from tests/data, and a county's
items written as counties publish them.

- test_villages_rated_through_households_stay_negative: negative notices, villages or their
  cadres judged by those above through their households' rating; the reading lost their
  assessment (and admitted most). Any new reading must keep them negative.
- test_the_villages_own_rating_of_households_is_not_refused: listed notices, the village's own
  rating of its households, still refused: expected failures until a reading that is safe.
"""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict
from jianfu.domain.normalize import normalize

TASKS = [
    ("duty", "组织召开村民会议、村民代表会议，讨论决定涉及村民利益的事项"),
    ("duty", "开展村务公开、财务公开，接受村民监督"),
    ("duty", "推行乡村治理积分制，组织开展村民积分评定和积分超市兑换"),
    ("duty", "开展星级文明户、美丽庭院、五好家庭、最美家庭评选活动"),
    ("duty", "落实门前三包责任制，组织开展农户门前三包检查评比"),
    ("duty", "开展农户庭院环境卫生红黑榜评比，张榜公示"),
    ("duty", "组织村民代表对村务工作和村干部进行民主评议"),
    ("duty", "开展村民道德评议，推进移风易俗"),
    ("duty", "制定和修订村规民约、村民自治章程"),
    ("assist", "协助开展农村人居环境整治、村庄清洁行动和垃圾分类"),
    ("assist", "协助开展农村改厕和厕所粪污治理"),
    ("assist", "协助开展秸秆禁烧宣传和巡查"),
    ("assist", "协助做好城乡居民医疗保险参保缴费宣传动员"),
    ("assist", "协助开展防止返贫动态监测和帮扶"),
    ("assist", "协助开展反诈宣传"),
    ("assist", "协助开展森林防火宣传，发现火情及时报告"),
    (
        "negative",
        "不得要求村（社区）开展各类考核评比、排名通报，不得以村（社区）为单位打分排名，"
        "不得将群众满意度测评结果作为对村（社区）干部考核的依据",
    ),
    ("negative", "不得向村（社区）下达各类指标任务、比例要求"),
    ("negative", "不得要求村（社区）通过微信群、政务APP打卡签到、晒工作留痕"),
]


@pytest.fixture(scope="module")
def tasks() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in TASKS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- NEGATIVE: villages, communities or their cadres rated by those above through households.
# At ba900f5~1: NEGATIVE with ASSESSMENT (打分/扣分, strength 2). At main: no ASSESSMENT.
@pytest.mark.parametrize(
    "text",
    [
        # ADMITTED at main (the worst: a negative task admitted)
        "区农业农村局将上门查看部分住户改厕使用情况，按使用率打分，打分高低决定下批改厕资金分到村里多少。",
        "农户垃圾分类做得好不好，区城管局每周打分，分数按村汇总后在全区大会上公布。",
        # 清单外 at main
        "工作队每月随机抽几户看卫生，当场给村里打分，月底汇总报镇党委。",
        "每发现一户垃圾乱倒，所在村要被扣分，年底一并算账。",
        "村民满意度电话回访由区里统一组织，回访后打分，分高分低直接关系村里年终奖补。",
        "县里委托电话回访了辖区居民，东湖、西岭两村满意度打分靠后，两村支书下周一到镇党委表态发言。",
        "市里暗中走访住户打分这事，结果要跟你们村两委年终报酬挂上钩，请各村高度重视。",
        "住户卫生打分由区爱卫办负责，打分后排出各村座次，座次靠后的下个月重点盯。",
        "区里派人上门看各家卫生并打分，不及格户超过五户，村里亮黄牌。",
        "社区书记年底述职时，居民满意度测评打分低的社区要专门说明。",
        "镇里定了：村主任、会计的年终奖由村民评议打分确定，打分低的扣一半。",
    ],
)
def test_villages_rated_through_households_stay_negative(tasks, text) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text
    r = tasks.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# ---- LISTED: the village's own rating of its households, still read as an assessment and
# refused (NEGATIVE) at main and at ba900f5~1. The word that keeps the assessment is noted.
@pytest.mark.parametrize(
    "text",
    [
        # 评比组 (_VILLAGES_JUDGED)
        "村里组织党员、村民代表组成评比组，每月对各户门前卫生打一次分，评比结果贴在公开栏。",
        # 村书记 (_VILLAGES_RATED): the village's own secretary collecting the forms
        "门前三包评比每月一次，评比表交村书记汇总，差的户上黑榜。",
        # 成绩 (_VILLAGES_JUDGED)
        "本村卫生红黑榜本月评比成绩已出，红榜12户，黑榜3户，请户主来村部看。",
        # 依据 (_VILLAGES_JUDGED), 通报 to the villagers' assembly (_VILLAGES_RATED, not _INFORMED)
        "依据村规民约，村里每季度对农户门前卫生评比打分，评比情况在村民大会上通报。",
        # 陪同 (_VILLAGES_JUDGED)
        "请各位村民小组长周六陪同评比小组到各户看门前三包，评比结果周一贴出来。",
        # 奖金 (_VILLAGES_JUDGED)
        "今年道德评议会评出孝老爱亲户6户，颁发奖金每户200元，在村广场表彰。",
        # 依据 (_VILLAGES_JUDGED): the village's own dividend
        "村民代表会议决定：每季度评比一次卫生户，评比结果作为年底分红奖励的依据。",
        # 晒 (_VILLAGES_RATED): put up on the village's own board
        "本村门前三包评比结果在村务公开栏晒一晒，好的户表扬，差的户提醒。",
    ],
)
@pytest.mark.xfail(strict=True, reason="the village's own rating of households: not read yet")
def test_the_villages_own_rating_of_households_is_not_refused(tasks, text) -> None:
    assert Demand.ASSESSMENT not in find_demands(normalize(text)), text
    r = tasks.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)
