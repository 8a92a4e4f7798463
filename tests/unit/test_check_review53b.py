"""Kept from review 53b of a reading of households the village rates itself (ba900f5, then
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
    ("duty", "落实门前三包责任制，组织农户开展门前三包评比"),
    ("duty", "推行村级积分制管理，开展积分评定和积分超市兑换"),
    ("duty", "开展文明户、星级文明户、美丽庭院评选表彰"),
    ("duty", "开展农户环境卫生红黑榜评比并张榜公示"),
    ("duty", "组织开展村民道德评议和移风易俗"),
    ("duty", "组织召开村民代表会议，讨论决定村内重大事项"),
    ("duty", "落实村务公开，接受群众监督"),
    ("duty", "修订完善村规民约"),
    ("assist", "协助开展农村人居环境整治和村庄清洁行动"),
    ("assist", "协助开展农村生活垃圾分类和户厕改造"),
    ("assist", "协助做好秸秆禁烧、森林防火宣传巡查"),
    ("assist", "协助做好城乡居民医保参保动员"),
    (
        "negative",
        "不得对村（社区）开展考核评比、排名通报，不得以村（社区）为单位打分排名，"
        "不得以群众满意度测评结果考核村（社区）干部",
    ),
    ("negative", "不得向村（社区）下达指标任务、比例要求"),
    ("negative", "不得要求村（社区）通过政务APP、微信群打卡签到、晒工作留痕"),
]


@pytest.fixture(scope="module")
def tasks() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in TASKS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- NEGATIVE. At 2a52923~1: NEGATIVE, ASSESSMENT 2 (评比/打分). At 2a52923: no ASSESSMENT.
@pytest.mark.parametrize(
    "text",
    [
        # ADMITTED at main. The rater is in the opening clause and `_sender_dropped` removes it
        # with the clause (乡/所/办/局/镇 inside its first 24 characters: 乡里, 厕所, 城乡 ...).
        "乡里下周派人到各户看卫生，请各村组织人把各户先过一遍，重点看柴草堆、粪堆、垃圾堆，"
        "评比结果贴在公开栏，到时候差得多的，村子年底工作经费少拨。",
        "市文明办下周来人看各户庭院，请各村组织人把各户先过一遍，重点看柴草堆、粪堆、垃圾堆，"
        "评比打分结果贴公开栏，到时候看下来问题多的，村子今年文明创建资金就不给了。",
        "镇里定了下月抽几户看厕所，请本村先组织人看一遍各户，重点看粪池、蹲位、冲水，"
        "评比打分结果贴公开栏，到时候不过关的多，村里年底的环境整治奖励就取消。",
        "区卫健局这周派工作组入户看厕所，请各村组织人先过一遍各户，重点看粪池、蹲位、冲水，"
        "评比结果贴在公开栏，看下来问题户多的，村子年底改厕补助减半。",
        "市里下周来人随机看各户厕所，请本村先组织人过一遍，重点看粪池、蹲位、冲水，"
        "评比打分结果贴公开栏，到时候看下来问题多的，村子年底改厕补助减半。",
        "区里派人查城乡环境，各户门口一家家看，请本村先组织人过一遍，重点看柴草堆、粪堆、垃圾堆，"
        "评比打分结果贴公开栏，看下来差的，村子年底环境整治经费减半。",
        # ADMITTED at main. A rater the guard does not know (我带队, 督导组, 镇上, 纪委书记,
        # 镇政府办公室) and the village judged in words it lacks (哪些村, 村子, 两委成员,
        # 村委委员, 工作经费/补贴/工资 减半/少发, 挂在一起).
        "镇党委书记：下周我带队到各村看农户庭院卫生，请各村先组织评一遍，评比结果贴公开栏，"
        "到时候哪些村差我心里有数。",
        "县督导组下周到村里随机看农户厕所使用情况，请各村先自己评一遍打分，督导组看了打分低的，"
        "村里年底工作经费减半。",
        "镇政府办公室：请各村组织农户开展门前三包评比打分，评比结果与两委成员的工作补贴直接挂在一起。",
        "乡纪委书记：请本村组织人看一遍各户门前三包，重点看乱堆乱放、乱搭乱建，"
        "评比打分结果作为村委委员年底奖励的主要依据。",
        "镇上这次人居环境督导：请本村组织人看一遍各户，重点看柴草堆、粪堆、垃圾堆，"
        "评比打分结果贴公开栏，镇上看了问题多的，两委成员年底工资少发。",
        # 清单外 at main
        "镇政府决定，今年卫生户评比由各村先评，评出的户报上来后镇政府再统一复核，"
        "复核不合格户多的，村里流动红旗收回。",
        "镇党委定了：本村农户满意度由村民代表评议后打分，分数直接定村组干部的误工补贴。",
        "@所有人 镇上月底下来看各户卫生，请村里组织各组长先评比打分一遍，到时候看得差的，"
        "咱村今年的流动红旗就没了。",
    ],
)
def test_villages_rated_through_households_stay_negative(tasks, text) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text
    r = tasks.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# ---- LISTED: the village's (or community's) own rating of its households, still read as an
# assessment, at main and at 2a52923~1. The word that keeps it is noted.
@pytest.mark.parametrize(
    "text",
    [
        # `_RATER_ABOVE` matching inside another word: 区 in 社区, 站 in 便民服务站, 所 in 厕所,
        # 中心 in 党群服务中心 (that one also names no household as a word)
        "社区组织居民开展楼道卫生评比，每栋楼评出卫生户，评比结果在社区公开栏公示。",
        "本社区今年开展最美家庭评选，请各楼栋长推荐，评选结果在社区公开栏公示。",
        "村里组织各户门前卫生评比，每月一次，评比结果贴在村便民服务站门口。",
        "村里组织各户户厕卫生评比，每月评一次，评比结果贴在公开栏，厕所干净的户奖励一桶油。",
        "本村门前三包评比每月一次，评比结果在村党群服务中心门口公示。",
        # assessment words outside `_HOUSEHOLD_RATINGS` (扣5分, 垫底, 作检讨) or in the older
        # guard (通报 on the village's own loudspeaker)
        "本村积分制管理细则：参加义务劳动一次加2分，乱倒垃圾一次扣5分，年底积分最高的户评为文明户。",
        "村里每月对各户门前三包评比打分，连续三个月打分垫底的户取消年底分红资格。",
        "我们村道德评议会本季度评议了8户，评出孝顺媳妇2名，不赡养老人的1户在评议会上作检讨。",
        "村两委会议研究决定：全村农户卫生评比每月一次，评比情况在村广播里通报一下。",
    ],
)
@pytest.mark.xfail(strict=True, reason="the village's own rating of households: not read yet")
def test_the_villages_own_rating_of_households_is_not_refused(tasks, text) -> None:
    assert Demand.ASSESSMENT not in find_demands(normalize(text)), text
    r = tasks.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)
