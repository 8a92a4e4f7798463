"""Kept from review 57 of a reading of the residents' own WeChat group (村民群, 居民微信群, 你们村
群) read out before apps and groups are looked for, every 群 of a notice taken as it where it
names no other group (tried on 2026-12-08 from misses on eval_holdout65 and 68; open sets +2 −0;
never merged). A reviewer's own notices and a county's items (nothing from tests/data): the
reading admitted nine negative notices and left thirteen unlisted — a department's own 居民群
the villages must fill (进群人数每天报), a township's group called 居民群 where cadres are given
tasks, a later bare 群 that is the township's (转发后在群里报一下), groups the reading did not
know (网格群, 村书记群) — and it ran on the lists' negative items too.

- test_negative_notice_still_refused, test_negative_item_naming_residents_group_still_met,
  test_group_burden_still_read: negative notices and their group evidence kept (any new reading
  of residents' groups must keep them so).
- test_listed_notice_not_refused: the village telling or hearing its residents through their
  group, still refused (expected failures until a reading that is safe).
"""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict
from jianfu.domain.normalize import normalize

ITEMS = [
    (
        "duty",
        "建立覆盖各村民小组的村民微信群，通过村民微信群、公开栏等方式开展村务公开，发布村务通知",
    ),
    ("duty", "开展村务公开、财务公开，接受村民监督"),
    ("duty", "组织开展志愿服务活动，招募登记志愿者"),
    ("duty", "调解村民之间的民间纠纷，维护村内和谐稳定"),
    ("duty", "收集反映村民意见建议和诉求，及时向上级反映"),
    ("assist", "协助做好防汛预警信息发布和危险区域群众转移避险"),
    ("assist", "协助开展反诈宣传"),
    ("assist", "协助做好征兵宣传和兵役登记"),
    ("assist", "协助开展义务教育控辍保学和防溺水宣传教育"),
    ("assist", "协助做好城乡居民医疗保险参保缴费宣传动员"),
    (
        "negative",
        "不得通过微信工作群、政务APP向村（社区）随意下达任务，不得要求村（社区）干部即时回复、截图留痕",
    ),
    ("negative", "不得要求村（社区）拉群建群，不得下达进群人数、关注量、下载量等指标"),
    ("negative", "不得以转发量、点赞量、阅读量等对村（社区）进行考核排名"),
]

#: a county whose negative item names the residents' group itself
ITEMS_NAMING_GROUP = [
    ("duty", "开展村务公开、财务公开，接受村民监督"),
    ("assist", "协助开展反诈宣传"),
    ("assist", "协助做好城乡居民医疗保险参保缴费宣传动员"),
    ("negative", "不得要求村（社区）在村民微信群、家长群中转发点赞，不得以转发量、点赞量考核"),
    ("negative", "不得以村民微信群进群人数、入群率等考核村（社区）"),
    ("negative", "不得要求村（社区）干部在村民群内24小时在线、即时回复"),
]


@pytest.fixture(scope="module")
def county() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in ITEMS], SEED_KINDS)


@pytest.fixture(scope="module")
def county_naming_group() -> Matcher:
    return Matcher([ListItem(kind=k, name=n) for k, n in ITEMS_NAMING_GROUP], SEED_KINDS)


def _said(r) -> tuple:
    return (r.verdict, r.best.item.name if r.best else None, r.demands)


# ---- NEGATIVE now (APPS 2); the reading tried ADMITTED them or left them UNLISTED (no APPS).
NEGATIVE = [
    # ADMITTED by the reading tried (the worst)
    # a department's own group of residents, the villages made to fill it
    "县医保局建了城乡居民医保缴费居民群，请各村协助做好参保缴费宣传动员，把本村未缴费居民全部拉进群，进群人数每天报。",
    "县反诈中心建了反诈宣传居民群，请各村协助开展反诈宣传，把本村村民全部拉进群，明天报进群人数。",
    "县防指建了防汛预警居民群，各村村干部和网格员全部加入，县防指在群里布置任务。",
    # 村民群 named once, then the township's group called 群 (the "only group" rule)
    "防汛预警已发到各村，请各村转发到村民群并提醒危险区域群众转移，转发后在群里报一下。",
    "村务公开内容发到村民群后，各村要在群里上报发布情况，镇纪委随时抽查。",
    "各村志愿服务活动要在村民群里发布，活动结束后在群里报参加人数，镇文明办汇总。",
    "请各村协助做好征兵宣传，把征兵公告转发到村民群，转完后在群里报一下。",
    # another group named, but not one _OTHER_GROUP knows (网格群, 村书记群)
    "各村网格员每天在村民群和网格群里上报防汛巡查和群众转移情况。",
    "请各村在村民群发布反诈宣传后，到村书记群里上报发布情况。",
    # UNLISTED by the reading tried
    "县医保局建了医保政策居民群，各村要把本村参保居民全部拉进群，周五前报进群人数。",
    "县融媒体中心建了“乡村振兴居民群”，各村要动员村民进群，每村进群不少于户籍户数的一半。",
    "请各村把村干部、网格员全部拉进“反诈居民群”，进群后在群里报到。",
    "县公安局建了反诈居民群，各村干部要全部加入，不要退群，县公安局随时查看在群情况。",
    "各村网格员每天要在村民群和网格群里上报巡查情况。",
    "各村书记今晚8点前在村民群里发红包动员群众进群，入群人数明早报到两委群。",
    "村民群要保持在群，本村干部不准退群，镇里随时抽查群成员。",
    "今天下午各村在村民群里发防汛预警，发完在群里回复，镇防汛办6点前统计。",
    "各村村民群群主由村书记担任，镇里建立各村群主群，群主每天在群里报村民群新增人数。",
    "镇里组建了各村村民群管理员群，管理员要在群里即时回复镇里的通知。",
    "各村村干部加入本村村民群后在群里报到，镇组织办核查。",
    "各村书记要把镇长拉进本村村民群，镇长在群里布置的工作要第一时间回复。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative_notice_still_refused(county, text) -> None:
    assert Demand.APPS in find_demands(normalize(text)), text
    r = county.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


def test_negative_item_naming_residents_group_still_met(county_naming_group) -> None:
    text = "村干部要在村民群里即时回复群众咨询，镇里每天抽查回复情况。"
    r = county_naming_group.check(text)
    assert r.verdict is Verdict.NEGATIVE, _said(r)


# ---- NEGATIVE (held by another form too); their APPS 2 evidence the reading tried lost.
HELD = [
    "村民群活跃度纳入村级考核，每月统计村干部在群里的发言条数。",
    "各村今晚把防诈骗提示发到村民群，发完后在群里接龙报告，镇综治办9点前统计。",
    "镇党政办电话：明天上午各村在村民群里发布疫苗接种通知，发完在群里报一下，没报的通报。",
    "各村务必在本周日前让每户至少一人加入村民微信群，镇里逐村核查入群户数，未达标的约谈村书记。",
    "县文明办要求各村每周在村民群内发布志愿服务图片不少于5条，并在群里报条数。",
    "镇里新建了各村村民代表群，请各村把村民群里的代表都拉进来，今天必须拉满。",
    "请各村把反诈宣传海报转发到村民群，每天上午在群里报转发条数，镇综治办排名通报。",
]


@pytest.mark.parametrize("text", HELD)
def test_group_burden_still_read(text) -> None:
    hit = find_demands(normalize(text)).get(Demand.APPS)
    assert hit is not None and hit.strength == 2, (text, hit)


# ---- LISTED: still NEGATIVE (lower priority).
LISTED = [
    "村里组织周六义务清扫，愿意参加的志愿者请在村民群里接龙报名。",  # TRACE 接龙
    "防溺水安全提醒已发家长群，请各位家长在群里回复收到，确保每个孩子都知道。",  # 回复收到
    "今晚有暴雨，住在河边的村民请注意，在村里的群里回复一下是否需要帮忙转移。",  # 村里的群
    "本周六社区组织志愿者清理楼道，请各楼栋长在楼栋群里发动居民报名，在群里报名即可。",  # 楼栋群
    "镇里的防汛通知已转到工作群，村民群里也发一下，住低洼处的群众在群里报一下家里人数，方便转移。",
    "各组长在本组群里提醒大家：防汛转移时听从指挥，有困难的在群里报给组长。",  # 本组群
    "村里新建了村民交流群，大家有事可以在群里反映，村干部看到会回复。",  # 村民交流群
    "村里的反诈宣传视频已发到村民群，请大家转给家里老人看，有问题在群里回复。",  # TRACE 视频发到
]


@pytest.mark.xfail(strict=True, reason="the residents' own group: not read yet")
@pytest.mark.parametrize("text", LISTED)
def test_listed_notice_not_refused(county, text) -> None:
    r = county.check(text)
    assert r.verdict is not Verdict.NEGATIVE, _said(r)
