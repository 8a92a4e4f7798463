"""Readings tried after eval_holdout47's measure and taken back after a review (2026-12-07):
each of these sentences (the reviewer's own, with county-style list items written out below;
nothing from tests/data) went wrong with them and is right without them.

- 通报 at a meeting read as news told to the village's own (a township's circular masked);
- figures asked again (刚报过…重填, 分两份交, 表头各不相同) where a correction is asked, the burden
  lifted or residents apply;
- a count of votes reported, residents' points, 晒 of drying read as quotas and assessments;
- 出资/投工/投劳 read as a village's own 筹资筹劳 where the township levies them;
- 官司/出庭 read as the litigation a recommendation of an agent serves, allowing character papers;
- 孩子是我们生的 read as a birth outside a hospital.
"""

from __future__ import annotations

import pytest

from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict

TASKS = [
    ("duty", "组织召开村民会议、村民代表会议，讨论决定涉及村民利益的事项"),
    ("duty", "村内兴办公益事业实行一事一议，经村民会议议定后组织筹资筹劳"),
    ("duty", "开展村务公开、财务公开，接受村民监督"),
    ("duty", "推行乡村治理积分制，组织开展村民积分评定和积分超市兑换"),
    ("duty", "组织开展村民委员会换届选举"),
    ("duty", "发展壮大村级集体经济，管理村集体资产"),
    ("duty", "加强村党组织建设，开展党员教育管理和党员积分制管理"),
    ("assist", "协助开展农村人居环境整治"),
    ("assist", "协助做好粮食生产和秋粮收购工作"),
    ("assist", "协助做好冬春农田水利基本建设"),
    ("assist", "协助开展新时代文明实践和移风易俗活动"),
    ("assist", "协助开展政策性农业保险宣传和投保工作"),
    ("assist", "协助做好惠农补贴的宣传、申报和公示"),
    ("assist", "协助开展防汛抗旱和地质灾害防治"),
    ("assist", "协助开展全民健身和群众性文体活动"),
    ("negative", "不得要求村（社区）开展各类考核评比、排名通报"),
    ("negative", "不得要求村（社区）承担招商引资、协税护税任务"),
    ("negative", "不得向村（社区）摊派各类费用，不得要求村（社区）出资赞助各类活动"),
    ("negative", "不得要求村（社区）重复填报、多头报送各类报表台账"),
    ("negative", "不得要求村（社区）在政务新媒体和APP上刷点赞量、阅读量、学习积分"),
    ("negative", "不得要求村（社区）干部参加与其工作无关的各类会议"),
]

CERTS = [
    ("cert_allowed", "村(居)委会在诉讼中推荐公民作代理人的推荐函"),
    ("cert_allowed", "在医疗机构外分娩的新生儿出生情况证明（用于办理出生医学证明）"),
    ("cert_allowed", "村民外出务工需要的务工证明"),
    ("cert_allowed", "低保家庭申请救助的家庭经济状况证明"),
    ("cert_allowed", "村民宅基地建房申请的村级审查意见"),
    ("cert_forbidden", "亲属关系证明"),
    ("cert_forbidden", "亲子关系证明"),
    ("cert_forbidden", "收养关系证明"),
    ("cert_forbidden", "婚姻状况证明"),
    ("cert_forbidden", "无违法犯罪记录证明"),
    ("cert_forbidden", "个人现实表现证明"),
    ("cert_forbidden", "房屋产权证明"),
    ("cert_forbidden", "申请法律援助所需的经济困难证明"),
    ("cert_forbidden", "申请司法救助所需的家庭经济困难证明"),
    ("cert_forbidden", "个人收入证明"),
    ("cert_forbidden", "户籍证明"),
    ("cert_forbidden", "独生子女证明"),
    ("cert_forbidden", "计划生育情况证明"),
    ("cert_forbidden", "非因本人原因未参加生育登记的证明"),
]


@pytest.fixture(scope="module")
def tasks() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in TASKS], SEED_KINDS)


@pytest.fixture(scope="module")
def certs() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in CERTS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- 081632c: 通报 at a meeting of the township or county masked as the village's own --------
# (the lookbehind's [^ ]{0,4} swallows 干部大 / 大, and 人大代表 ends in 代表): a circular naming
# the villages (通报各村…) read as news told to the village's members. All NEGATIVE at 91806ad.
@pytest.mark.parametrize(
    "text",
    [
        "在全镇党员干部大会上通报各村秸秆禁烧情况。",
        "镇人大代表大会上通报各村秋粮收购完成情况，落后的村要作表态发言。",
        "镇里召开党员代表会通报各村人居环境整治排位。",
        "镇里开干部群众大会通报各村防汛检查情况，点到的村要当场表态。",
        "县里召开全县党员代表大会上通报了各村防汛工作落实情况。",
    ],
)
def test_a_circular_at_the_townships_meeting_is_still_a_circular(tasks, text) -> None:
    r = tasks.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# ---- 081632c: 表头各不相同 / 分两份交 / 刚…过…重填 where no figures are asked again ---------
@pytest.mark.parametrize(
    "text",
    [
        # the duplicate removed, not asked (unlisted at 91806ad)
        "各村前期报来的低保台账表头各不相同，县民政局已统一为一张表，今后只报这一张，不再另报。",
        # residents hand in two copies, not the village (unlisted at 91806ad)
        "县农业农村局、县财政局两个部门联合审核耕地地力补贴，农户自己分两份交申请表到镇便民服务中心。",
        # told NOT to fill again (admitted / unlisted at 91806ad)
        "上周已经填过的农业保险投保农户不用重填，只报本周新增户数。",
        "上次已经交过的房屋安全排查表，没有变化的不用重新填，有变化的重新报。",
        # a correction of an error (admitted at 91806ad)
        "昨天刚填过的秋粮收购进度表有误，请更正后重填。",
    ],
)
def test_no_figures_asked_again_is_no_repeated_reporting(tasks, text) -> None:
    r = tasks.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)


# ---- 081632c: 投票数报 / 积分达到N分 / 晒…分数 in their other senses ----------------------------
@pytest.mark.parametrize(
    "text",
    [
        # an election's votes (admitted at 91806ad)
        "村委会换届选举结束后，请各村当天将投票数报镇换届选举工作指导组备案。",
        "村委会换届投票结束，请将各选区投票数报镇选举办。",
        # residents' points schemes (admitted at 91806ad)
        "推行积分超市，村民积分达到50分的可到超市兑换日用品，积分每季度公示一次。",
        "垃圾分类积分制：农户每月积分达到20分的，可到积分超市兑换洗衣粉。",
        # households' washing hung tidily, the village's own points (admitted at 91806ad)
        "村里每月上门查看环境卫生，衣被晾晒整齐得分，积分可到超市兑换。",
        # grain dried, its moisture (admitted at 91806ad)
        "秋粮收购前请各村提醒农户把玉米晒干，晒后水分数值在14%以下的按一等价收购。",
    ],
)
def test_votes_points_and_drying_in_their_other_senses_are_admitted(tasks, text) -> None:
    r = tasks.check(text)
    assert r.verdict is Verdict.ADMITTED, _said(r)


def test_election_votes_reported_are_no_quota(tasks) -> None:
    r = tasks.check("村委会选举的投票数报镇里后，由镇选举工作指导组统一公布选举结果。")
    assert r.verdict is not Verdict.NEGATIVE, _said(r)


# ---- e7f385f: 出资/投工/投劳 of a township's levy read as the villages' own 筹资筹劳 -----------
@pytest.mark.parametrize(
    "text",
    [
        "镇里组织春节联欢晚会，节目经费各村出资，演员由各村投工投劳解决。",
        "县里搞植树造林，树苗由各村出资购买，每个劳动力投工两天。",
        "镇敬老院扩建，各村投工投劳，建材款由各村出资。",
        "镇里举办农民运动会，各村出资并组织村民投工搭建场地。",
    ],
)
def test_a_levy_of_money_and_labour_on_villages_is_no_fundraising_of_their_own(tasks, text) -> None:
    r = tasks.check(text)
    assert r.verdict is not Verdict.ADMITTED, _said(r)


# ---- 7620b37: 出庭 / 官司 with 推荐 allow the agent's recommendation for a character paper ----
# (a witness, a defendant or a party wanting a reference; unlisted at 081632c)
@pytest.mark.parametrize(
    "text",
    [
        "我是被告要出庭，想请村委会写个推荐材料，证明我没有犯罪前科。",
        "我儿子要出庭作证，法院让村里写个推荐，证明他平时表现好。",
        "我女儿出庭作证，法院让村委会出个推荐，说她为人老实。",
        "我被人告了下周要出庭，单位让村里写个推荐信，证明我平时表现好。",
        "打官司要用，请村委会写个推荐，证明我人品好。",
        "我家官司开庭，法官让村里出个推荐，证明我儿子平时没有打架斗殴。",
        "官司上要用，村委会能不能推荐一下，说明我一直在村里务农没出去过。",
    ],
)
def test_a_character_reference_for_a_lawsuit_is_no_agents_recommendation(certs, text) -> None:
    r = certs.check_certificate(text)
    assert r.verdict is not Verdict.ALLOWED, _said(r)


# ---- ea831b0: 孩子是我们生的 makes any newborn's paper the out-of-hospital birth paper -------
# (nothing says where the child was born; unlisted at 7620b37)
@pytest.mark.parametrize(
    "text",
    [
        "孩子是我们俩生的，新生儿落户要村里开个情况证明。",
        "孩子是我们俩生的，新生儿办医保要村里开个证明。",
        "孩子是我们俩生的，新生儿上户口要村委会出个证明。",
        "这孩子是我生的，新生儿落户派出所要村里出个证明。",
    ],
)
def test_parentage_said_is_no_birth_outside_a_hospital(certs, text) -> None:
    r = certs.check_certificate(text)
    assert r.verdict is not Verdict.ALLOWED, _said(r)
