"""Demo certificate requests (证明事项) of the last months, with their outcomes."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from sqlalchemy import select

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

#: Valid demo ID numbers are generated (region 350921 = a county code pattern, fictional).
_DEMO_REGION = "350921"


def demo_id(n: int) -> str:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=397 * n)
    first17 = f"{_DEMO_REGION}{birth:%Y%m%d}{100 + n * 7 % 900:03d}"
    return first17 + id_check_char(first17)


def seed_demo_certificates(ctx: AppContext, *, today: dt.date | None = None) -> int:
    """Fill the register with requests of the last months; returns how many were added.

    Does nothing when the township's register already has requests or no certificate list is
    in force. A township with none of the demo villages gets the requests on its own villages.
    """
    service = CertificatesService(ctx)
    with ctx.unit_of_work() as s:
        mine = CertificateRequestRow.township_id == township_id_of_session(s)
        if s.execute(select(CertificateRequestRow.id).where(mine).limit(1)).first() is not None:
            return 0
    if not service.certificate_items():
        return 0
    today = today or dt.date.today()
    ordered = service.villages()
    villages = {v.name: v.id for v in ordered}
    names = list(dict.fromkeys(r[1] for r in _DEMO_REQUESTS))
    if ordered and not villages.keys() & set(names):
        # another township of the county demo: its own villages take the requests in turn
        villages = {name: ordered[n % len(ordered)].id for n, name in enumerate(names)}
    rng = random.Random(20260301)
    added = 0
    for n, (name, village, subject, purpose, agency, hint) in enumerate(_DEMO_REQUESTS):
        if village not in villages:
            continue
        day = today - dt.timedelta(days=(len(_DEMO_REQUESTS) - n) * 5 + rng.randint(0, 3))
        request = service.register(
            CertificateInput(
                request_date=day,
                applicant_name=name,
                subject=subject,
                village_id=villages[village],
                id_number=demo_id(n) if n % 4 != 3 else "",
                purpose=purpose,
                agency=agency,
                handler="林晓燕",
                unlisted=hint == "consult",
            ),
            today=today,
        )
        added += 1
        done = min(day + dt.timedelta(days=rng.randint(0, 2)), today)
        outcome = _demo_outcome(hint, request, done)
        if outcome is not None:
            # When the check put a request elsewhere than the hint, it stays pending.
            with contextlib.suppress(ValidationError):
                service.record_outcome(request.id, outcome, request.version, today=today)
    return added


def _demo_outcome(hint: str, request: CertificateRequest, day: dt.date) -> OutcomeInput | None:
    if hint == "issue" and request.verdict == Verdict.ALLOWED:
        return OutcomeInput(
            Outcome.ISSUED,
            day,
            signer="陈建华",
            fact="经核对户籍和村档案，情况属实",
            sealed=True,
        )
    if hint == "refuse" or (hint == "issue" and request.verdict == Verdict.FORBIDDEN):
        if request.verdict != Verdict.FORBIDDEN:
            return None
        return OutcomeInput(Outcome.REFUSED, day, signer="陈建华")
    if hint == "consult":
        return OutcomeInput(
            Outcome.CONSULTED,
            day,
            signer="陈建华",
            fact="位于本村后垅自然村的老房子系其祖父于1982年建造，经村民小组议事核实",
            sealed=True,
            consultation=Consultation(
                day, "村两委成员5人、村民代表7人、村法律顾问", True, "陈建华"
            ),
        )
    if hint == "refer":
        return OutcomeInput(Outcome.REFERRED, day, referred_to="清溪派出所")
    return None
