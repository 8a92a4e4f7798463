"""Kept from review 56 of three readings of forms of work (tried on 2026-12-08 from
eval_holdout66's misses, never merged: open sets +4 −0, all on the set they were read from): the
cadres' 刷脸 said alone, a headcount in a group (拉进…群…人数), and money asked of the village for
an event (会务费, 冠名, 出点钱). A reviewer's own notices and a county's items (nothing from
tests/data); the review found 23 listed notices the readings refused — pensioners' 刷脸认证 at
their doors, 群 of 群众 and 报 of 报名 across a clause, fees borne by the organiser or the
village's own 一事一议 — since the normaliser turns punctuation into spaces and the readings'
windows crossed clauses.

- test_listed_notice_not_refused: each listed notice stays unrefused (any new reading of these
  forms must keep them so).
- test_negative_notice_in_these_forms_is_refused: negative notices in these forms still missed
  (expected failures until a reading that is safe).
"""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict
from jianfu.domain.normalize import normalize

ITEMS = [
    ("duty", "建立村（社区）干部坐班值班制度，做好村务值班和便民服务"),
    ("duty", "开展村务公开、财务公开，通过公开栏、村民微信群等方式公开村务信息"),
    ("duty", "组织开展村民喜闻乐见的群众性文化体育活动"),
    ("duty", "发展壮大村级集体经济，管理村集体资产、资源，组织村股份经济合作社开展经营"),
    ("duty", "村内兴办公益事业所需资金，经村民会议讨论决定，实行一事一议筹资筹劳"),
    ("assist", "协助做好城乡居民基本养老保险待遇领取资格认证，为行动不便的老人提供上门认证服务"),
    ("assist", "协助做好城乡居民医疗保险参保缴费宣传动员"),
    ("assist", "协助做好救灾物资发放和受灾群众生活安置"),
    ("assist", "协助做好农民专业合作社、家庭农场培育发展"),
    ("negative", "不得要求村（社区）干部通过刷脸打卡、定位签到等方式考勤"),
    ("negative", "不得要求村（社区）拉群建群，不得下达进群人数、关注量、下载量等指标"),
    (
        "negative",
        "不得向村（社区）摊派赞助、捐款，不得以任何名义向村（社区）收取费用或转嫁经费负担",
    ),
]


@pytest.fixture(scope="module")
def county() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in ITEMS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)

# (demand wrongly read, notice): each refused by the readings tried, none before them.
T, A, C = Demand.TRACE, Demand.APPS, Demand.COSTS

# (demand wrongly read, notice). Verdict at 84562c5~1 noted; NEGATIVE at 84562c5 for all.
LISTED = [
    # ---- TRACE: 刷脸 with no attendance in it
    # pension certification at the door (ADMITTED before)
    (T, "本月养老金资格认证还没做的，村干部带上手机上门刷脸，一户都不能漏。"),
    # old-age allowance check (UNLISTED before)
    (T, "村干部用手机给本村高龄补贴对象刷脸，完成年度资格核验。"),
    # window crosses a clause: normalised stops are spaces (ADMITTED before)
    (T, "社区工作者周三进小区，为未认证人员刷脸完成养老待遇资格认证。"),
    # 刷脸就医, medical insurance promotion (UNLISTED before)
    (T, "村支书带头在村卫生室刷脸就医，动员大家激活医保电子凭证。"),
    # a face-scan door lock, crosses a clause (UNLISTED before)
    (T, "经村两委会议研究，在村部大门安装刷脸门禁，晚上10点后凭脸进出。"),
    # the village's own rangers (每天N次刷脸; 考勤 only is read out by _NOT_TRACE) (UNLISTED before)
    (T, "护林员巡山每天两次刷脸，月底村里按记录发放护林补贴。"),
    # the village's own duty roster, decided and published by itself (ADMITTED before)
    (T, "村两委决定：今后村干部值班一律到村部刷脸登记，值班表每月在公开栏公布。"),
    # ---- APPS: 拉进/拉入 …群 … 报 / a count described
    # 报 as "tell me"; the village's own group (ADMITTED before)
    (A, "请各位组长把本组外出务工人员拉进村务公开群，方便大家看公示，拉完跟我报一下。"),
    # 报名 (ADMITTED before)
    (A, "参加县里广场舞比赛的队员请拉进“舞蹈队群”，报名截止到本周五。"),
    # 拉进村 … 群众 … 报: no group at all (ADMITTED before)
    (A, "救灾物资今天拉进村，请群众到村部领取，领取情况报镇民政办。"),
    (A, "化肥已经拉进村部仓库，群众凭卡领取，领完把名单报给镇农办。"),
    # the clinic's own group counted, no target (UNLISTED before)
    (A, "村卫生室建了慢病随访群，村医统计一下入群人数，方便安排下月随访。"),
    # ---- COSTS: fee names said alone, money the village decides itself
    # fee borne by the organiser; villages free (UNLISTED before)
    (C, "县文旅局举办“村晚”大赛，各村免费报名参演，冠名费用由主办方统一招商解决。"),
    (C, "本次县农民运动会不收报名费，会务费由县体育局承担，欢迎各村组队参加。"),
    # 不收取 more than four characters before the fee (UNLISTED before)
    (C, "本次比赛不收取报名费和会务费，各村自愿参加。"),
    (C, "合作社组织本村农产品参加省农博会，参展费由县农业农村局全额补贴。"),
    # sponsorship received by the village (UNLISTED before)
    (C, "本村春节联欢晚会由在外乡贤赞助，赞助费全部用于演出服装和奖品，账目张榜公布。"),
    # income of the collective (ADMITTED before)
    (C, "村集体经济合作社承接县里展会的宣传服务，宣传服务费按合同结算，收入归集体。"),
    # the villagers' own decision (ADMITTED before)
    (C, "修村组道路，经村民代表会议决定，让村里出点钱，其余部分一事一议筹资。"),
    (C, "村民们商量，请村集体出些钱把文化广场的路灯修好。"),
    # donors naming a room of the village's hall (UNLISTED before)
    (C, "文化礼堂建设经村民会议决定向乡贤募捐，乡贤出一万元以上的可冠名一间活动室。"),
    # a county event free to join; prize money after 协办单位 (UNLISTED before)
    (C, "主办：县文旅局 协办单位：城关镇，一等奖奖金3000元，欢迎各村组队免费参赛。"),
    # the village names its own contest (ADMITTED before)
    (C, "本村“丰收杯”篮球赛由村集体冠名，奖金5000元从集体经营收入中列支，经村民代表会议通过。"),
]


@pytest.mark.parametrize(("demand", "text"), LISTED)
def test_listed_notice_not_refused(county, demand, text) -> None:
    assert demand not in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)


MISSED = [
    (T, "镇里要求：村干部上下班都要人脸识别，每天不少于两次。"),
    (T, "从下周起，各村干部每天到镇便民中心刷个脸再回村。"),
    # the cadre word more than 12 characters before 刷脸
    (T, "村两委成员每天早中晚在“智慧党建”APP上刷脸定位。"),
    (T, "工作日每天上午、下午各刷脸一次，镇纪委随机抽查。"),
    (A, "每个村加群人数不少于常住户数的80%，下周通报。"),
    (A, "反诈宣传群扫码入群率要达到90%以上。"),
    (C, "县里办美食节，请各村认领一个展位，展位费2000元，本周内交到镇财政所。"),
    (C, "这次晚会镇里经费紧张，各村多少表示一下，每村出两千块，挂个支持单位。"),
    (C, "镇里办龙舟赛，找各村拉赞助，每村至少五千。"),
]


@pytest.mark.xfail(strict=True, reason="these forms in these words: not read yet")
@pytest.mark.parametrize(("demand", "text"), MISSED)
def test_negative_notice_in_these_forms_is_refused(county, demand, text) -> None:
    assert demand in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)
