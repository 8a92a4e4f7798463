"""A review's requests on where a death happened (cert_facts: 死亡 医疗卫生机构, 死亡 家中).

A death said to happen in a hospital is the lists' 死于医疗卫生机构, whose paper the hospital
issues; a death at home may be the village's. A reviewer wrote these requests and five lists as
counties publish them (nothing from tests/data) to find where the reading misfires: a relative's
death in hospital told as the background of another certificate (kinship, residence, hardship),
a death on the way to hospital or at home after it, a staff compound, a beast at a vet's, 老人家
of "the old man". Each failed on the first version of the reading.
"""

from __future__ import annotations

import pytest

from jianfu.domain.cert_facts import certificate_facts
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict

HOSPITAL = "死亡 医疗卫生机构"
HOME = "死亡 家中"

# A: the village certifies a natural death at home; a death in hospital is the hospital's.
LIST_A = [
    ("cert_allowed", "村民在家中正常死亡且未经医疗卫生机构救治的死亡情况证明"),
    ("cert_allowed", "亲属关系证明（用于办理继承、领取抚恤金等）"),
    ("cert_allowed", "家庭经济困难情况证明"),
    ("cert_allowed", "居住情况证明"),
    ("cert_allowed", "养殖户畜禽死亡情况证明（用于政策性养殖保险理赔）"),
    (
        "cert_forbidden",
        "在医疗卫生机构内死亡人员的死亡证明（由医疗卫生机构出具《居民死亡医学证明（推断）书》）",
    ),
    ("cert_forbidden", "非正常死亡证明（由公安机关出具）"),
    ("cert_forbidden", "出生医学证明"),
    ("cert_forbidden", "无犯罪记录证明"),
]
# B: no death paper from the village at all (改由卫生院签发); kinship is the police's.
LIST_B = [
    (
        "cert_forbidden",
        "死亡证明（改由乡镇卫生院、医疗卫生机构签发《居民死亡医学证明（推断）书》）",
    ),
    ("cert_forbidden", "亲属关系证明（由公安机关依户籍档案出具）"),
    ("cert_allowed", "村民居住情况证明"),
    ("cert_allowed", "申请低保、医疗救助的家庭经济状况证明"),
    ("cert_allowed", "赡养、抚养、扶养关系证明"),
    ("cert_forbidden", "婚姻状况证明"),
]
# D: the village's paper outside a medical institution (home, on the way), and where the
# institution's paper cannot be had (abroad, elsewhere, lost).
LIST_D = [
    (
        "cert_allowed",
        "村民在医疗卫生机构以外（含家中、送医途中）正常死亡，无法取得死亡医学证明的，"
        "村委会出具死亡情况证明",
    ),
    (
        "cert_allowed",
        "在境外或外地医疗机构死亡、原死亡医学证明遗失且无法补办的，村委会出具死亡情况说明",
    ),
    ("cert_forbidden", "在医疗卫生机构内死亡的死亡医学证明（由该医疗卫生机构出具）"),
    ("cert_allowed", "与死者的亲属关系证明（用于继承、抚恤）"),
    ("cert_allowed", "家庭经济困难证明"),
]
# E: no death paper from the village at all; kinship allowed.
LIST_E = [
    (
        "cert_forbidden",
        "死亡证明（改由乡镇卫生院、医疗卫生机构签发《居民死亡医学证明（推断）书》）",
    ),
    ("cert_allowed", "亲属关系证明"),
    ("cert_allowed", "村民居住情况证明"),
    ("cert_allowed", "家庭经济困难证明"),
    ("cert_forbidden", "婚姻状况证明"),
]
LISTS = {"A": LIST_A, "B": LIST_B, "D": LIST_D, "E": LIST_E}


def _check(list_name: str, text: str):  # type: ignore[no-untyped-def]
    items = [ListItem(kind=kind, name=name) for kind, name in LISTS[list_name]]
    return Matcher(items, SEED_KINDS).check_certificate(text)


# --- 1. A relative's death in hospital told as background for another certificate --------
@pytest.mark.parametrize(
    ("list_name", "text", "item_start"),
    [
        ("E", "我爸去年在县医院去世了，现在银行取存款要证明我是他儿子。", "亲属关系证明"),
        ("A", "我爸去年在县医院去世了，现在银行取存款要证明我是他儿子。", "亲属关系证明"),
        ("D", "我爸去年在县医院去世了，现在银行取存款要证明我是他儿子。", "与死者的亲属关系"),
        ("A", "老伴在市医院病逝后，领抚恤金要村里证明我们是夫妻。", "亲属关系证明"),
        ("D", "老伴在市医院病逝后，领抚恤金要村里证明我们是夫妻。", "与死者的亲属关系"),
        (
            "D",
            "我爸在县医院去世后留下一套房，我们兄妹要办继承，村里开个亲属关系证明。",
            "与死者的亲属关系",
        ),
    ],
)
def test_kinship_after_a_death_in_hospital_is_still_allowed(
    list_name: str, text: str, item_start: str
) -> None:
    """Was ALLOWED (kinship item); 6152979 says FORBIDDEN on the hospital's death item."""
    result = _check(list_name, text)
    assert result.verdict is Verdict.ALLOWED, (result.verdict, result.best)
    assert result.best is not None and result.best.item.name.startswith(item_start)


@pytest.mark.parametrize(
    ("list_name", "text", "verdict"),
    [
        # D has no residence item: unlisted (was unlisted; 6152979: forbidden)
        ("D", "外公在镇卫生院走了以后，舅舅一直住在他的老房子里，要开居住证明。", Verdict.UNLISTED),
        # a non-death 没了 after a hospital (was allowed; 6152979: forbidden)
        ("D", "我因为在医院住院半年工作都没了，申请医疗救助要开家庭困难证明。", Verdict.ALLOWED),
    ],
)
def test_a_hospital_in_another_certificate_s_story_is_no_death_paper(
    list_name: str, text: str, verdict: Verdict
) -> None:
    result = _check(list_name, text)
    assert result.verdict is verdict, (result.verdict, result.best)


# --- 2. Deaths NOT in a hospital though a hospital is named ---------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "我爸在送往县医院的路上就没了，120来得太晚，村里能开个死亡证明吗？",
        "姥姥在去医院的路上走的，到了医生说人已经不行了，要村里开死亡证明。",
        "我妈在医院放弃治疗后回家走的，销户要村里出个死亡证明。",
        "老爷子在医院看完病回家当晚就没了，要村里开个死亡证明。",
        "爷爷在村诊所打完针回家就没了，要村里开个死亡证明。",
        "我爸在县医院家属院的家里去世的，是正常死亡，要村里开证明。",
    ],
)
def test_a_death_on_the_way_or_at_home_after_hospital_is_the_village_s_on_list_d(
    text: str,
) -> None:
    """List D lets the village certify a death outside a medical institution (home, on the
    way): was ALLOWED, 6152979 says FORBIDDEN."""
    assert HOSPITAL not in certificate_facts(text)
    result = _check("D", text)
    assert result.verdict is Verdict.ALLOWED, (result.verdict, result.best)


def test_a_hospital_named_as_a_relative_s_workplace_is_not_where_the_death_was() -> None:
    text = "在医院上班的表哥说姥爷走了，我们要去殡仪馆，村里开个证明。"
    assert HOSPITAL not in certificate_facts(text)
    assert _check("D", text).verdict is not Verdict.FORBIDDEN


# --- 3. The list's own exception for a hospital's paper that cannot be had ----------------
@pytest.mark.parametrize(
    "text",
    [
        "我儿子在日本的医院去世了，那边医院的证明丢了补不了，派出所销户让村里出个说明。",
        "父亲在外省一家医院去世，死亡医学证明弄丢了，医院已经关门补不了，村里能出个死亡情况说明吗？",
    ],
)
def test_a_lost_paper_of_a_distant_hospital_meets_the_list_s_exception(text: str) -> None:
    """Was ALLOWED on D's item for deaths abroad/elsewhere with the paper lost; 6152979 says
    FORBIDDEN on the general hospital item."""
    result = _check("D", text)
    assert result.verdict is Verdict.ALLOWED, (result.verdict, result.best)
    assert result.best is not None and result.best.item.name.startswith("在境外或外地")


# --- 4. A beast's death at a vet's ----------------------------------------------------------
def test_a_sow_that_died_at_the_vet_s_is_the_livestock_item() -> None:
    text = "我家的母猪在兽医诊所抢救无效死了，保险公司理赔要村里出个证明。"
    assert HOSPITAL not in certificate_facts(text)
    result = _check("A", text)  # was ALLOWED (livestock item); 6152979: FORBIDDEN
    assert result.verdict is Verdict.ALLOWED, (result.verdict, result.best)
    assert result.best is not None and result.best.item.name.startswith("养殖户畜禽")


@pytest.mark.parametrize(
    ("list_name", "text"),
    [
        ("B", "我家的母猪在兽医诊所抢救无效死了，保险公司理赔要村里出个证明。"),
        ("D", "我家的母猪在兽医诊所抢救无效死了，保险公司理赔要村里出个证明。"),
        ("A", "我家的狗在宠物医院没了，小区物业要村里开个证明注销狗证。"),
        ("B", "我家的狗在宠物医院没了，小区物业要村里开个证明注销狗证。"),
        ("D", "我家的狗在宠物医院没了，小区物业要村里开个证明注销狗证。"),
    ],
)
def test_a_beast_s_death_is_no_resident_s_death_certificate(list_name: str, text: str) -> None:
    """Was UNLISTED; 6152979 says FORBIDDEN on a resident's death item."""
    assert _check(list_name, text).verdict is Verdict.UNLISTED


# --- 5. 老人家 "the old man" read as "the old man's home" (在老人家去世以后/前) ----------------
def test_before_the_old_man_died_is_not_a_death_at_home() -> None:
    """老人家 of "the old man" is no home: a care (赡养) certificate asked, no death at home."""
    text = "我在老人家去世前一直照顾他，要村里开个赡养关系证明。"
    assert HOME not in certificate_facts(text)


@pytest.mark.parametrize("list_name", ["A", "D"])
def test_after_the_old_man_died_kinship_stays_the_kinship_item(list_name: str) -> None:
    """Verdict unchanged (ALLOWED) but 6152979 puts the home-death item first: the clerk is
    shown a death paper for a kinship request."""
    text = "在老人家去世以后，他的房子要过户给我，村里开个我是他儿子的证明。"
    assert HOME not in certificate_facts(text)
    result = _check(list_name, text)
    assert result.verdict is Verdict.ALLOWED
    assert result.best is not None and "亲属关系" in result.best.item.name
