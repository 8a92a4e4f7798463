"""Demo certificate requests (证明事项) of the last months, with their outcomes."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Mapping

from sqlalchemy import select

from jianfu.db.models import UnitRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.township import township_id_of_session
from jianfu.domain.certificates import (
    CertificateInput,
    CertificateRequest,
    Consultation,
    Outcome,
    OutcomeInput,
    id_check_char,
)
from jianfu.domain.errors import ValidationError
from jianfu.domain.matching import Verdict
from jianfu.services.certificates import CertificatesService
from jianfu.services.context import AppContext

_DEMO_REQUESTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # applicant, village, subject, purpose, agency, outcome hint
    (
        "林秀英",
        "清溪村",
        "收养登记需要的婚姻状况和抚养教育能力证明",
        "办理收养登记",
        "南屏县民政局",
        "issue",
    ),
    ("陈国平", "上洋村", "单身证明", "办理贷款", "宁川农商银行清溪支行", "refuse"),
    ("黄美玲", "城南社区", "开个无犯罪记录证明", "应聘", "宁川市某物业公司", "refuse"),
    (
        "郑志强",
        "下岐村",
        "加入茶叶合作社要证明我有土地承包经营权",
        "加入农民专业合作社",
        "清溪茶叶专业合作社",
        "issue",
    ),
    ("吴桂花", "溪口村", "我妈还活着的证明，领养老金用", "领取养老金", "南屏县社保中心", "refuse"),
    ("张建华", "镇中社区", "家庭经济困难证明", "子女助学贷款", "国家开发银行助学贷款", "refuse"),
    (
        "刘淑珍",
        "东山村",
        "证明我和去世父亲的关系，领丧葬补助金",
        "申领丧葬补助金",
        "南屏县社保中心",
        "issue",
    ),
    (
        "许文彬",
        "后垅村",
        "证明我家老房子是祖上传下来的",
        "办理房屋翻建",
        "南屏县自然资源局",
        "consult",
    ),
    ("陈丽娟", "城南社区", "婚姻状况证明", "办理银行按揭", "宁川农商银行清溪支行", "refuse"),
    ("王德明", "坑头村", "身份证丢了的遗失证明", "补办身份证", "", "refuse"),
    ("李春生", "岭下村", "无犯罪记录证明", "参军政审", "宁川市某保安公司", "refuse"),
    (
        "杨晓红",
        "溪滨社区",
        "学生参加社区志愿服务的社会实践证明",
        "学校社会实践考核",
        "南屏县第一中学",
        "issue",
    ),
    (
        "蔡金水",
        "石门村",
        "证明家里有人生病住院",
        "申请保险理赔",
        "某人寿保险公司宁川分公司",
        "refuse",
    ),
    ("郭春梅", "龙井村", "证明店铺经营场所", "办理营业执照", "", "refuse"),
    ("方志远", "清溪村", "入党积极分子政审证明", "发展党员政治审查", "南屏县委组织部", "issue"),
    ("邱玉兰", "上洋村", "单身证明", "办理信用卡", "宁川农商银行清溪支行", "refuse"),
    ("苏建国", "镇中社区", "证明我在本社区居住满三年", "子女入学", "南屏县教育局", "refer"),
    ("叶淑华", "下岐村", "生存证明", "领取企业年金", "某人寿保险公司宁川分公司", "refuse"),
    (
        "谢𠮷",
        "东山村",
        "继承房子没有公证书，要亲属关系证明",
        "不动产继承登记",
        "南屏县不动产登记中心",
        "issue",
    ),
    (
        "龚䶮",
        "城南社区",
        "证明我是这个孩子的监护人，办房产登记",
        "代被监护人办理不动产登记",
        "南屏县不动产登记中心",
        "pending",
    ),
    ("彭秋菊", "溪口村", "婚姻状况证明", "贷款审批", "宁川农商银行清溪支行", "refuse"),
    ("罗永福", "后垅村", "证明村道边的林地界址", "林权纠纷调解", "", "pending"),
)

#: More requests for the county demo's other townships: each draws its own mix from these and
#: the ones above, so no two townships' registers look alike.
_MORE_REQUESTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("", "", "低保申请需要的家庭人口和收入情况证明", "申请最低生活保障", "南屏县民政局", "issue"),
    ("", "", "开个单身证明，相亲网站要", "婚恋网站实名认证", "某婚恋服务公司", "refuse"),
    ("", "", "证明我是独生子女，领奖励金", "申领独生子女父母奖励", "南屏县卫生健康局", "issue"),
    ("", "", "证明这辆电动车是我的", "办理电动自行车上牌", "", "refuse"),
    ("", "", "亲属关系证明", "办理银行存款继承", "宁川农商银行", "issue"),
    ("", "", "证明我没有违法违纪行为", "报考公务员政审", "", "refuse"),
    ("", "", "残疾人两项补贴要的家庭情况证明", "申请残疾人补贴", "南屏县残疾人联合会", "issue"),
    ("", "", "证明我家房子在这里，孩子上学要", "子女入学", "南屏县教育局", "refer"),
    ("", "", "健在证明", "领取养老金资格认证", "南屏县社保中心", "refuse"),
    ("", "", "证明我的学历", "应聘", "某物流公司", "refuse"),
)

_SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢郭洪邱曾廖赖徐周叶苏庄吕江何罗高潘朱钟彭胡施余卢梁赵柯魏"
_GIVEN = (
    "秀英", "国平", "美玲", "志强", "桂花", "建华", "淑珍", "文彬", "丽娟", "德明", "春生",
    "晓红", "金水", "春梅", "志远", "玉兰", "建国", "淑华", "秋菊", "永福", "海燕", "丽萍",
    "志明", "雅婷", "俊杰", "思远", "宏伟", "桂英", "少华", "明辉", "碧云", "水生",
)  # fmt: skip

#: Valid demo ID numbers are generated (region 350921 = a county code pattern, fictional).
_DEMO_REGION = "350921"


def demo_id(n: int, variant: int = 0) -> str:
    """A valid, fictional ID number: the ``n``-th applicant of the demo township, or of the
    county demo's ``variant``-th other township (other birth dates, so other numbers)."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=397 * n + 61 * variant)
    first17 = f"{_DEMO_REGION}{birth:%Y%m%d}{100 + (n * 7 + variant * 13) % 900:03d}"
    return first17 + id_check_char(first17)


def _place(township: str) -> str:
    """清溪镇 -> 清溪, 桃源街道 -> 桃源: how local banks and stations are named after it."""
    for suffix in ("街道", "镇", "乡"):
        if township.endswith(suffix) and len(township) > len(suffix):
            return township[: -len(suffix)]
    return township


def _variant_requests(variant: int, township: str) -> list[tuple[str, str, str, str, str, str]]:
    """The requests of the county demo's ``variant``-th other township: its own draw of
    subjects in its own order, its own applicants, and agencies named after its place."""
    rng = random.Random(20260301 + 7919 * variant)
    pool = list(_DEMO_REQUESTS) + list(_MORE_REQUESTS)
    chosen = rng.sample(pool, 14 + 3 * (variant % 3))
    given = rng.sample(_GIVEN, len(chosen))
    place = _place(township)
    out = []
    # nobody applies in two townships: not the demo township's applicants, nor the earlier
    # townships' of the county demo
    taken = {r[0] for r in _DEMO_REQUESTS}
    for earlier in range(1, variant):
        taken.update(r[0] for r in _variant_requests(earlier, township))
    for n, (_name, _village, subject, purpose, agency, hint) in enumerate(chosen):
        at = variant * 11 + n * 5
        applicant = _SURNAMES[at % len(_SURNAMES)] + given[n]
        while applicant in taken:
            at += 1
            applicant = _SURNAMES[at % len(_SURNAMES)] + given[n]
        taken.add(applicant)
        agency = agency.replace("清溪", place)
        if agency == "宁川农商银行":
            agency = f"宁川农商银行{place}支行"
        out.append((applicant, "", subject, purpose, agency, hint))
    return out


def seed_demo_certificates(
    ctx: AppContext,
    *,
    today: dt.date | None = None,
    variant: int = 0,
    people: Mapping[str, str] | None = None,
) -> int:
    """Fill the register with requests of the last months; returns how many were added.

    Does nothing when the township's register already has requests or no certificate list is
    in force. ``variant`` 0 is the demo township; the county demo's other townships (1, 2, …)
    each get their own requests, applicants, dates and ID numbers on their own villages,
    registered by their clerk and signed by their reviewer (``people``: "clerk", "signer").
    """
    service = CertificatesService(ctx)
    with ctx.unit_of_work() as s:
        town_id = township_id_of_session(s)
        mine = CertificateRequestRow.township_id == town_id
        if s.execute(select(CertificateRequestRow.id).where(mine).limit(1)).first() is not None:
            return 0
        town = s.get(UnitRow, town_id) if town_id is not None else None
        township = town.name if town is not None else "清溪镇"
    if not service.certificate_items():
        return 0
    today = today or dt.date.today()
    who = {"clerk": "林晓燕", "signer": "陈建华", **(people or {})}
    ordered = service.villages()
    requests = list(_DEMO_REQUESTS) if variant == 0 else _variant_requests(variant, township)
    if variant:  # the township's own villages take the requests in a shuffled turn
        turn = random.Random(variant).sample(ordered, len(ordered)) if ordered else []
        requests = [
            (r[0], turn[n % len(turn)].name if turn else "", *r[2:]) for n, r in enumerate(requests)
        ]
    villages = {v.name: v.id for v in ordered}
    unit_names = {v.id: v.name for v in ordered}
    names = list(dict.fromkeys(r[1] for r in requests))
    if ordered and not villages.keys() & set(names):
        # a township without the demo's villages: its own villages take the requests in turn
        villages = {name: ordered[n % len(ordered)].id for n, name in enumerate(names)}
    rng = random.Random(20260301 + variant)
    place = _place(township)
    added = 0
    for n, (name, village, subject, purpose, agency, hint) in enumerate(requests):
        if village not in villages:
            continue
        day = today - dt.timedelta(days=(len(requests) - n) * 5 + rng.randint(0, 3))
        request = service.register(
            CertificateInput(
                request_date=day,
                applicant_name=name,
                subject=subject,
                village_id=villages[village],
                id_number=demo_id(n, variant) if n % 4 != 3 else "",
                purpose=purpose,
                agency=agency,
                handler=who["clerk"],
                unlisted=hint == "consult",
            ),
            today=today,
        )
        added += 1
        done = min(day + dt.timedelta(days=rng.randint(0, 2)), today)
        unit = unit_names.get(villages[village], village)
        outcome = _demo_outcome(hint, request, done, who["signer"], place, unit)
        if outcome is not None:
            # When the check put a request elsewhere than the hint, it stays pending.
            with contextlib.suppress(ValidationError):
                service.record_outcome(request.id, outcome, request.version, today=today)
    return added


#: {事由} of an issued demo certificate, fitting its item's model text (the certificate reads
#: "与被继承人关系为：父子。情况属实。", not "…关系为：经核对户籍和村档案，情况属实。情况属实。")
_ISSUED_FACTS: tuple[tuple[str, str], ...] = (
    ("继承", "父子（被继承人为申请人之父）"),
    ("土地承包", "加入茶叶专业合作社"),
    ("收养", "已婚，夫妻双方身体健康，有稳定收入和住房，具备抚养教育能力"),
    ("政治审查", "遵纪守法，积极参加村(社区)公益活动，无违法违纪记录"),
    ("社会实践", "2026年暑假在社区参加志愿服务 10 天，表现良好"),
)


def _issued_fact(item_name: str, village: str = "后垅村") -> str:
    """{事由} of an issued demo certificate, in the words of its unit: a village's certificate
    speaks of 村 and its archive, a community's of 社区."""
    unit = "社区" if village.endswith("社区") else "村"
    fact = next(
        (fact for word, fact in _ISSUED_FACTS if word in item_name), "经核对户籍和村档案，情况属实"
    )
    return fact.replace("村(社区)", unit).replace("村档案", f"{unit}档案")


def _demo_outcome(
    hint: str,
    request: CertificateRequest,
    day: dt.date,
    signer: str = "陈建华",
    place: str = "清溪",
    village: str = "后垅村",
) -> OutcomeInput | None:
    if hint == "issue" and request.verdict == Verdict.ALLOWED:
        return OutcomeInput(
            Outcome.ISSUED,
            day,
            signer=signer,
            fact=_issued_fact(request.item_name, village),
            sealed=True,
        )
    if hint == "refuse" or (hint == "issue" and request.verdict == Verdict.FORBIDDEN):
        if request.verdict != Verdict.FORBIDDEN:
            return None
        return OutcomeInput(Outcome.REFUSED, day, signer=signer)
    if hint == "consult":
        return OutcomeInput(
            Outcome.CONSULTED,
            day,
            signer=signer,
            fact=(
                "位于本村后垅自然村的老房子系其祖父于1982年建造，经村民小组议事核实"
                if village == "后垅村"
                else f"位于{village}的老房子系其祖父于1980年代建造，经村民小组议事核实"
            ),
            sealed=True,
            consultation=Consultation(day, "村两委成员5人、村民代表7人、村法律顾问", True, signer),
        )
    if hint == "refer":
        return OutcomeInput(Outcome.REFERRED, day, referred_to=f"{place}派出所")
    return None
