"""Kept from review 55 of a reading of certificate requests for the village's act in another body's
procedure (公示, 初审 or an opinion signed, 介绍信, 核实, 上门 read as the allowed item naming
the act, even over a forbidden paper of the same field; tried on 2026-12-08, open sets +18 −0,
never merged): a reviewer's own requests and four county lists written as counties publish them,
nothing from tests/data. The reviewer found seventeen requests for a forbidden or unlisted paper
that the reading called 可出具 (the act told as background, 公示期过了; a second ask naming the
paper without 证明, 开个死亡的; the paper's content in the act, 无犯罪记录的介绍信; 确认 of
确认书 or the resident's own 我想确认; a bank loan meeting 助学贷款 by 贷款).

- test_no_forbidden_or_unlisted_paper_admitted_by_an_act: each keeps its verdict (any new
  reading of acts must keep them so).
- test_an_allowed_act_is_not_missed: requests for the allowed act still refused on the forbidden
  paper of the field (expected failures until a reading that is safe).
"""

from __future__ import annotations

import pytest

from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict

LISTS = {
    "A": [  # disability, kinship, survival
        ("cert_allowed", "残疾人证新办、换领的，村（居）委会对申请人基本情况进行初审并签署意见"),
        ("cert_allowed", "困难残疾人生活补贴和重度残疾人护理补贴审核结果在村（居）务公开栏公示"),
        (
            "cert_allowed",
            "城乡居民养老保险待遇领取资格认证，行动不便的由村（居）委会工作人员上门认证",
        ),
        ("cert_allowed", "办理户口登记项目变更时，村（居）委会对申请人家庭成员情况进行核实"),
        ("cert_forbidden", "残疾等级证明"),
        ("cert_forbidden", "亲属关系证明"),
        ("cert_forbidden", "健在证明（生存证明）"),
        ("cert_forbidden", "出生证明"),
        ("cert_forbidden", "死亡证明"),
    ],
    "B": [  # minimum living, crime, marriage, residence, income
        (
            "cert_allowed",
            "申请最低生活保障的，村（居）委会协助乡镇人民政府对申请人家庭收入、财产状况进行核实，"
            "并将初审结果张榜公示",
        ),
        ("cert_allowed", "本村村民外出务工、经商需要的，出具介绍信"),
        ("cert_allowed", "居住证申领时，村（社区）对申领人实际居住情况进行核查确认"),
        ("cert_forbidden", "无犯罪记录证明"),
        ("cert_forbidden", "婚姻状况证明（未婚、离婚、丧偶证明）"),
        ("cert_forbidden", "居住证明"),
        ("cert_forbidden", "个人收入证明"),
        ("cert_forbidden", "家庭经济困难证明"),
    ],
    "C": [  # support, homestead, birth, death
        ("cert_allowed", "特困人员救助供养申请，村（居）委会入户调查后签署审核意见"),
        ("cert_allowed", "农村村民宅基地申请，经村民小组讨论后在本村张贴公示"),
        ("cert_allowed", "无《出生医学证明》的出生登记，村（居）委会对出生情况进行核实"),
        ("cert_allowed", "城乡居民死亡后申领丧葬补助金的，村（居）委会核实死亡情况"),
        ("cert_allowed", "八十周岁以上老年人申领高龄补贴的，村（居）委会上门核查"),
        ("cert_forbidden", "出生证明"),
        ("cert_forbidden", "死亡证明（由医疗机构或公安机关出具）"),
        ("cert_forbidden", "健在证明"),
        ("cert_forbidden", "亲属关系证明"),
        ("cert_forbidden", "收入证明"),
    ],
    "D": [  # conscription, student loan, public housing
        ("cert_allowed", "应征青年政治审查中，村（居）委会对其本人现实表现签署政审意见"),
        ("cert_allowed", "生源地信用助学贷款申请人家庭经济情况，由村（居）委会核实并盖章"),
        ("cert_allowed", "申请公共租赁住房的，村（社区）对申请人住房及收入情况进行初审并张贴公示"),
        ("cert_allowed", "参加高考政审的考生，村（居）委会出具思想品德鉴定意见"),
        ("cert_forbidden", "无犯罪记录证明"),
        ("cert_forbidden", "收入证明"),
        ("cert_forbidden", "住房情况证明（无房证明）"),
        ("cert_forbidden", "婚姻状况证明"),
        ("cert_forbidden", "残疾证明"),
    ],
}


@pytest.fixture(scope="module")
def matchers() -> dict[str, Matcher]:
    return {
        k: Matcher([ListItem(kind=a, name=n) for a, n in v], SEED_KINDS) for k, v in LISTS.items()
    }


# The worst kind: a forbidden paper (or an unlisted one) called 可出具 by the act rule.
# (county, request, what it should be)
WORST = [
    # act told as background / done by another body
    ("A", "残疾护理补贴公示了，可是保险公司还要村里出个我哥残疾等级的材料。", Verdict.FORBIDDEN),
    ("A", "公示期过了，残联说让村里把评残结果写个东西盖章，我好拿去单位报销。", Verdict.FORBIDDEN),
    ("C", "宅基地公示期间有人说我不是本村的，村里能确认一下我跟我爸的关系吗", Verdict.FORBIDDEN),
    # a second ask in the same request names the forbidden paper without the word 证明
    ("A", "残疾人证换领要村里初审，残联还要附一份残疾等级的说明，村里写一下。", Verdict.FORBIDDEN),
    ("C", "高龄补贴要村里上门核查，顺便开个老人健在的东西给保险公司。", Verdict.FORBIDDEN),
    ("C", "特困供养要村里签意见，银行又说要村里把我家里人的收入情况写一下。", Verdict.FORBIDDEN),
    ("A", "我妈死了，户口要注销，派出所让村里核实一下，开个死亡的。", Verdict.FORBIDDEN),
    # the act asked is the vehicle of the forbidden paper's content
    ("B", "外出务工要村里开个无犯罪记录的介绍信，工地上要。", Verdict.FORBIDDEN),
    ("C", "我奶奶的宅基地要过户给我，要村里张贴公示我是她唯一的孙子。", Verdict.FORBIDDEN),
    # the act word inside another word / the resident's own verb
    ("B", "拆迁补偿确认书上要村里盖章，写清楚我家实际居住的人口。", Verdict.FORBIDDEN),
    (
        "C",
        "我是上门女婿，老丈人八十多了领高龄补贴，村里能写个我跟他是啥关系的吗",
        Verdict.FORBIDDEN,
    ),
    ("B", "我想确认一下，村里现在还能开居住的不？租房要用。", Verdict.FORBIDDEN),
    # an allowed item of another procedure met by one weak shared word beside the act
    ("D", "银行办贷款要村里核实我的收入情况并盖章。", Verdict.FORBIDDEN),
    ("D", "买房贷款银行要村里核实我家的经济收入，盖个章。", Verdict.FORBIDDEN),
    ("D", "我想在县城租房子住，房东让村里核实一下我家的收入。", Verdict.FORBIDDEN),
    ("B", "我在外地住了两年了，那边社区让老家村里确认一下我不在村里住了。", Verdict.FORBIDDEN),
    # unlisted before (the scope rule: 按清单只为落户出具, 本申请用于危房改造), allowed now
    ("A", "我家申请危房改造，镇上让村里核实一下家庭成员，写个材料。", Verdict.UNLISTED),
]


@pytest.mark.parametrize(("county", "text", "should"), WORST)
def test_no_forbidden_or_unlisted_paper_admitted_by_an_act(
    matchers: dict[str, Matcher], county: str, text: str, should: Verdict
) -> None:
    r = matchers[county].check_certificate(text)
    assert r.verdict is not Verdict.ALLOWED, (r.verdict, r.best and r.best.item.name, r.note)
    assert r.verdict is should, (r.verdict, r.best and r.best.item.name, r.note)


# Lower priority: a request for an allowed act still missed (the forbidden paper of the field
# wins), because the act is said in words ACTS does not hold (签字 on the 意见 line, 审一下,
# 出具…意见).
MISSED = [
    ("A", "我妈办残疾证，表上村委会意见那一栏要签字盖章。", 0),
    ("A", "我儿子新办残疾人证，村里先审一下，盖个章签个字。", 0),
    ("D", "孩子要上高中，学校让村里出具思想品德的意见，他没犯过事。", 3),
]


@pytest.mark.xfail(strict=True, reason="the village's act in a procedure: not read yet")
@pytest.mark.parametrize(("county", "text", "item"), MISSED)
def test_an_allowed_act_is_not_missed(
    matchers: dict[str, Matcher], county: str, text: str, item: int
) -> None:
    r = matchers[county].check_certificate(text)
    assert r.verdict is Verdict.ALLOWED, (r.verdict, r.best and r.best.item.name, r.note)
    assert r.best is not None and r.best.item.name == LISTS[county][item][1]
