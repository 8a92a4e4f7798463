"""Kept from the second review of the reading of borrowing pushed on villages (43f4e2a, taken
back like 713d524): a reviewer's own sentences, nothing from tests/data, and a county's items
written as counties publish them.

- test_residents_and_collective_loans_are_not_refused: listed notices (a household borrowing,
  the village reporting who needs a loan, the collective's own loan) the narrowed reading refused.
- test_a_vote_named_does_not_hide_a_debt_pushed_down: negative notices citing a vote; three no
  reading finds yet (expected failures), one found as before.
- test_debts_pushed_on_villages_still_missed: negative notices no reading finds yet (expected
  failures: lending the collective's money out, a mortgage, cadres lending to the village).
"""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict
from jianfu.domain.normalize import normalize

ITEMS = [
    ("negative", "不得要求村级组织垫付资金、举借债务或自筹配套资金"),
    ("assist", "协助金融机构开展农村金融服务和小额信贷政策宣传"),
    ("assist", "协助开展信用村、信用户评定和信用村创建"),
    ("assist", "协助做好创业担保贷款、生源地助学贷款的宣传和申请引导"),
    ("assist", "协助做好脱贫人口小额信贷发放和到期还款提醒"),
    ("duty", "发展壮大村级集体经济，管理村集体资产资源"),
    ("duty", "村级重大事项按四议两公开程序民主决策"),
    ("duty", "清理化解村级债务，规范村级财务管理"),
    ("duty", "管理使用村级互助资金"),
    ("assist", "协助做好农村住房建设管理"),
    ("duty", "组织召开村民代表会议，讨论决定村内重大事项"),
]


@pytest.fixture(scope="module")
def county() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in ITEMS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- LISTED. At 43f4e2a~1: no COSTS, never NEGATIVE. At 43f4e2a: COSTS (words) -> NEGATIVE.
@pytest.mark.parametrize(
    "text",
    [
        # the household sits between the village and 向 (any word but 帮/协助/督促/...): its loan
        "各村符合条件的脱贫户可向农商银行贷款5万元发展产业，财政全额贴息，请村里摸底后报乡农经站。",
        "请各村动员脱贫户向信用社贷款发展产业，县里全额贴息。",  # 动员 (parent 清单外)
        # parent ADMITTED
        "镇乡村振兴办：请各村组织返乡创业人员向银行贷款对接会报名，名额每村3个。",
        "各村鼓励种粮大户向县农商银行贷款购置农机，县里给予贴息。",
        "张大爷家翻建房屋，村里跟他说可以向信用社贷款，利息有补贴。",
        # 本村/全村 ([^ ]村) + 向…贷款/借款 的农户: households counted, a relative clause
        "本村向信用社贷款的42户农户今年已全部按时还款，被评为信用村。",
        "全村向银行借款的农户名单请网格员逐户核对，下周信用社上门评级。",
        # another verb between 向 and the loan not on the list (报送, 反映, 解读, 发放)
        "请各村向信用社报送有贷款需求的农户名单，周五前交镇金融服务站。",
        "请各村向农商行反映群众贷款难的问题，金融服务站周四集中收集。",
        "请各村向群众解读创业担保贷款政策，把申请条件讲清楚。",  # parent ADMITTED
        "各村向村民发放贷款贴息明白卡，每户一张。",
        # the collective's own loan: voted but written 贷50万 (not masked), or filed without
        # the vote words
        "经村民代表会议表决同意，村集体向县农商银行贷50万元建设冷库，已报镇经管站备案。",
        "村集体经济合作社向农商银行贷款200万元建设光伏电站，已经镇经管站审核备案，收益归村集体。",
    ],
)
def test_residents_and_collective_loans_are_not_refused(county, text) -> None:
    assert Demand.COSTS not in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)


# ---- NEGATIVE hidden by `_OWN_LOAN` (a vote word anywhere masks every 借款/贷款/举债).
@pytest.mark.parametrize(
    "text",
    [
        # the vote cited as cover (ADMITTED on 代表会议 at main and parent)
        pytest.param(
            "经村民代表会议表决后，村集体向信用社贷款80万元入股镇平台公司，年底保底分红，请各村照此办理。",
            marks=pytest.mark.xfail(strict=True, reason="not read yet"),
        ),
        # 代表会议 named for something else in another sentence (ADMITTED)
        pytest.param(
            "请各村本周召开村民代表会议传达文件精神。另：示范村项目资金缺口，各村先向信用社贷款把路修起来，项目批下来再还。",
            marks=pytest.mark.xfail(strict=True, reason="not read yet"),
        ),
        # REGRESSION: NEGATIVE at the parent (借款也要先干起来), ADMITTED at main
        "工程要赶在检查前完工，资金缺口借款也要先干起来，钱到了再还。事后补开村民代表会议表决手续。",
        # 民主决策 as a slogan hides 以个人名义借款 (清单外)
        pytest.param(
            "镇里要求各村坚持民主决策，同时动员村干部以个人名义借款入股镇里的光伏合作社。",
            marks=pytest.mark.xfail(strict=True, reason="not read yet"),
        ),
    ],
)
def test_a_vote_named_does_not_hide_a_debt_pushed_down(county, text) -> None:
    assert Demand.COSTS in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# ---- NEGATIVE, missed at main and at the parent (lower priority).
@pytest.mark.parametrize(
    "text",
    [
        "各村用村办公楼做抵押向农商行贷款，筹措产业园配套资金。",  # 农商行 not 银行; 抵押
        "请各村把集体经济账上的钱先借给镇农业公司周转，年底归还。",  # 借给 (ADMITTED 集体经济)
        "请各村从集体账上借钱给镇里招引的企业，用作流动资金，明年还本付息。",  # 借钱给
        "为完成招商任务，各村至少向企业借出集体资金20万元。",  # 借出
        "村干部先凑一凑，每人借两万给村里，把工程款先付了。",  # cadres lend to the village
    ],
)
@pytest.mark.xfail(strict=True, reason="debts pushed on villages in these words: not read yet")
def test_debts_pushed_on_villages_still_missed(county, text) -> None:
    assert Demand.COSTS in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)
