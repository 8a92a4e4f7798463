"""A review's sentences on the reading of households' schemes and warning plates (demands.py).

A village rating its own households by a scheme (积分存折, 积分卡, 星级文明户 …) rates by the
scheme, not an assessment of the village; a plate that says a warning at a hazard is no office
board. A reviewer wrote the sentences below, the county's items as counties publish them (nothing
from tests/data), to find where those readings misfire: notices rating villages over a
households' scheme in other words (镇里评比打分, 哪个村, 五星支部, 前三名的村), and offices'
plates whose names hold a warning word (警示教育基地, 危险品管理站). Each failed on the first
version of the readings and must stay negative.
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
    ("duty", "开展星级文明户、美丽庭院、五好家庭评选活动"),
    ("duty", "加强村党组织建设，开展党员教育管理和党员积分制管理"),
    ("duty", "制定和修订村规民约、村民自治章程"),
    ("assist", "协助开展农村人居环境整治"),
    ("assist", "协助开展新时代文明实践和移风易俗活动"),
    ("assist", "协助开展防溺水宣传教育，在危险水域设置警示标志"),
    ("assist", "协助开展禁毒宣传教育"),
    ("assist", "协助开展安全生产隐患排查和宣传"),
    ("assist", "协助开展地质灾害隐患点巡查监测"),
    ("assist", "协助开展秸秆禁烧宣传和巡查"),
    ("negative", "不得要求村（社区）开展各类考核评比、排名通报，不得以村（社区）为单位打分排名"),
    ("negative", "不得要求村（社区）挂牌，不得要求在村（社区）悬挂各类机构牌子、制度上墙"),
    ("negative", "不得向村（社区）下达各类指标任务、比例要求"),
    ("negative", "不得要求村（社区）承担招商引资、协税护税任务"),
]


@pytest.fixture(scope="module")
def tasks() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in TASKS], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- Part 1: a township or county rating VILLAGES over a households' scheme, said in words
# _VILLAGES_RATED does not know; NEGATIVE at the parent, admitted or unlisted at 5bb9534.
@pytest.mark.parametrize(
    "text",
    [
        # admitted at 5bb9534 (the worst)
        "各村积分制推行情况镇里要比一比哪个村搞得好，年底评出三个优秀村给予奖励。",
        "请各村在工作群里晒一晒本村星级文明户评定成绩，镇里按评定结果给村里打分。",
        "镇里对各村积分超市运营情况实行星级评定，评为五星支部的给予奖补，一星的村书记要作说明。",
        "@各村书记 积分超市这个月兑换量最低的三个村，周一来镇里说明情况，镇里要打分的。",
        "积分制管理纳入村级党组织星级评定，星级低的村党组织书记要作表态发言。",
        "各村人居环境整治实行月评比，评比结果上红黑榜，各村要结合积分超市调动群众积极性。",
        "镇里开展五星支部创建，各村星级文明户占比作为评星依据，评不上三星的村扣分。",
        "县里评选积分制管理红旗村，各村积分超市兑换率低于60%的不得参评，镇里评比打分。",
        # unlisted at 5bb9534
        "每月公布各村积分存折发放户数，发得少的村在全镇红黑榜上亮相。",
        "镇党建办电话：各村积分制推进情况下周镇里派人到村打分，打完分按分数高低公布。",
        "爱心超市建设情况镇里每季度评比一次，落后村书记在例会上发言。",
        "镇纪委将对各村积分卡发放情况进行检查，发现弄虚作假的村扣分。",
        "各村的积分办法执行得好坏，镇里按季度打分，得分进村干部年终奖励。",
    ],
)
def test_villages_rated_over_a_households_scheme_are_still_assessed(tasks, text) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text
    r = tasks.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# the assessment form lost where the verdict was already wrong at the parent
@pytest.mark.parametrize(
    "text",
    [
        "县文明办将对各乡镇、各村的星级文明户评选工作进行打分，前三名的村授予流动红旗。",
        "各村星级文明户评选数量不少于农户总数的20%，完不成的村年底评议打折扣。",
    ],
)
def test_villages_rated_keep_their_assessment_form(text) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text


# ---- Part 2: an office's plate whose name holds a warning word (警示教育基地, 危险品管理站)
# read as a warning plate at a hazard; NEGATIVE at the parent, admitted or unlisted at 5bb9534.
@pytest.mark.parametrize(
    "text",
    [
        "各村在村委会门口挂一块安全生产警示教育基地牌子。",  # admitted at 5bb9534
        "各村统一挂上危险品管理站标牌，镇里下周来看。",
        "各村设警示教育室，门口挂警示教育室标牌。",
        "请各村挂上地质灾害危险点监测站牌子，牌子样式见群里。",
        "各村挂个廉政警示教育点标牌，拍照发群里。",
    ],
)
def test_an_offices_plate_with_a_warning_word_is_still_a_board(tasks, text) -> None:
    hit = find_demands(normalize(text)).get(Demand.SIGNBOARD)
    assert hit is not None and hit.strength == 2, (text, hit)
    r = tasks.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# the board lost altogether where the parent had it only weakly (设/放 a station's plate)
@pytest.mark.parametrize(
    "text",
    [
        "每个村设一块禁毒警示教育站牌子，统一尺寸。",
        "各村放一块安全警示教育中心牌子在村部大厅。",
    ],
)
def test_a_stations_plate_set_up_keeps_its_board(text) -> None:
    assert Demand.SIGNBOARD in find_demands(normalize(text)), text
