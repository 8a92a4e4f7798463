"""Kept from review 54 of the reading of borrowing pushed on villages (713d524, taken back, then
read narrowly): a reviewer's own sentences, nothing from tests/data, and a county's items written
as counties publish them.

- test_listed_loan_work_is_not_a_debt_passed_down: listed notices (residents' loans publicised,
  the village learning from others, the collective's own voted loan) the first reading refused.
- test_debts_pushed_on_villages_are_negative: negative notices (guarantees, mortgages of the
  collective's assets) no reading finds yet: expected failures.
"""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict
from jianfu.domain.normalize import normalize

ITEMS = [
    ("negative", "不得要求村（社区）垫付资金、举借债务或自筹配套资金"),
    ("assist", "协助金融机构开展金融知识宣传和小额信贷政策宣传"),
    ("assist", "协助开展信用村、信用户评定创建工作"),
    ("assist", "协助做好创业担保贷款、生源地助学贷款政策宣传和申请引导"),
    ("assist", "协助做好扶贫小额信贷发放和到期还款提醒"),
    ("duty", "发展壮大村级集体经济，管理村集体资产资源"),
    ("duty", "村级重大事项按四议两公开程序民主决策"),
    ("duty", "管理使用村级扶贫互助资金"),
    ("assist", "协助做好农村住房建设管理和危房改造"),
    ("assist", "协助做好道路积雪清扫和防灾减灾"),
    ("duty", "组织开展农民培训和农民夜校"),
    ("duty", "学习借鉴先进村经验，开展农村人居环境整治"),
    ("duty", "以村委会名义办理贷款、担保，用印前须经村民会议或村民代表会议表决"),
]


@pytest.fixture(scope="module")
def county() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in ITEMS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- LISTED. At 713d524~1: no COSTS. At 713d524: COSTS (the words shown) -> NEGATIVE.
@pytest.mark.parametrize(
    "text",
    [
        # 各村/村干部 向 X 宣传/推荐/学习 ... 贷/借 (the third or second alternative: any 借 or
        # 贷款 within 8 characters after 向, whatever the verb between)
        "请各村向农户宣传小额贷款政策，有需求的登记后报镇农经站。",  # 各村向农户宣传小额贷款
        "请各村向村民宣传创业担保贷款政策，符合条件的返乡人员可到县人社局申请。",
        "县农商行下周到各村开展信用村评定，请各村向信用社推荐有贷款需求的种养大户。",
        "请各村向先进村学习借鉴经验，把人居环境整治工作抓实抓细。",  # 借 of 借鉴
        "镇党委：村干部要向优秀企业家学习借鉴经营理念，带头发展集体经济。",  # 企业家学习借
        # the village helping a household (帮他/督促 between the village and 向)
        "请村干部督促到期借款户按时向银行还贷，避免产生逾期影响信用。",  # 向银行还贷
        "村民张某建房资金不足，村里帮他向信用社申请贷款5万元，已放款。",
        # the collective's own loan, voted and filed
        "经村民代表会议表决通过，村集体向县农商银行贷款30万元建设冷库，已报镇经管站备案并张榜公示。",
        "各村以村委会名义向银行借款或对外担保的，须先经村民代表会议表决后方可用印。",
        # the bank invited to talk, a subsidised-loan quota won for residents
        "村里找信用社来讲贷款政策，周六上午在村部会议室，请各户派一人参加。",
        "村里向县里争取到贴息贷款指标，有意发展养殖的农户可以来村部报名。",
        "村里找个人把小额贷款政策给大家讲一讲，下周三晚上在文化广场。",  # 找个人 = someone
        # 借 of a thing, not money: 借用, 借几台, 借书, 借调
        "村里向企业借用场地举办农民夜校，请各组长通知村民参加。",
        "各村找企业借几台铲车，明天一早统一清理主干道积雪。",
        "农家书屋：请各村找个人管借书登记，每周开放不少于两天。",
        "各村向县图书馆借调一批新书充实农家书屋，轮流流转。",
    ],
)
def test_listed_loan_work_is_not_a_debt_passed_down(county, text) -> None:
    assert Demand.COSTS not in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)


# ---- NEGATIVE, missed at main and at the parent (no COSTS; verdict noted).
@pytest.mark.parametrize(
    "text",
    [
        "请村集体为镇招商引进的农业公司向信用社贷款提供担保。",  # ADMITTED (创业担保贷款)
        "各村要用村集体资产抵押向银行融资，确保项目配套资金按时到位。",  # ADMITTED (集体经济)
        "请各村把集体账上的钱借给镇里的项目公司周转三个月，年底归还。",  # 清单外
        "村里打借条向村民借钱，先把村道硬化工程款付了，上面补助下来再还。",  # 清单外
        "各村以村集体名义向农商行融资100万元，统一入股县城投公司。",  # 清单外
        "工程款暂时结不了，各村先跟施工队签欠款协议，明年财政资金到了再结。",  # 清单外
        "村书记先个人掏钱把护栏安装费付了，镇里年底给报。",  # 清单外
        "请各村以集体土地经营权抵押贷款，用于高标准农田配套建设。",  # ADMITTED (集体经济)
        "镇里要求村两委成员每人向亲戚朋友借2万元，凑齐光伏项目首付款。",  # 清单外
        "乡镇府通知：示范村创建资金缺口由各村通过村级融资平台举债解决。",  # 清单外
    ],
)
@pytest.mark.xfail(strict=True, reason="debts pushed on villages in these words: not read yet")
def test_debts_pushed_on_villages_are_negative(county, text) -> None:
    assert Demand.COSTS in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)
