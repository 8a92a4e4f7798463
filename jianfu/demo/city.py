"""A city-sized demo database: thousands of villages and years of records, for benchmarks.

``seed_demo_city`` first seeds the ordinary demo township (settings, departments, the lists in
force, the flows' own demo records), puts it under 南屏县 in 宁川市, adds the city's other
counties and townships and their villages, then writes the bulk straight into the flows' tables
with SQLAlchemy Core inserts in batches. Every record belongs to the township of its village
(tasks and cases to a township drawn at random, their villages from that township), so the
row-level policies of a shared server see a real city. Everything is drawn from one seeded
``random.Random``, and dates count back from ``today``: the same seed and day give the same
database.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from jianfu.db.models import (
    DepartmentRow,
    ListEditionRow,
    ListItemRow,
    ListKindRow,
    TownshipOwnedMixin,
    UnitRow,
)
from jianfu.db.models_boards import BoardCategoryRow, SignboardRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import (
    AdmissionCaseRow,
    CaseStepRow,
    TaskCandidateRow,
    TaskRequestRow,
    TaskVillageRow,
)
from jianfu.db.repositories import audit
from jianfu.db.repositories.tasks import next_serial
from jianfu.db.township import township_id_of_session
from jianfu.domain.boards import BoardStatus, Disposition, Placement
from jianfu.domain.cases import CaseAction, CaseStatus, MechanismLevel
from jianfu.domain.certificates import Outcome, id_check_char, mask_id_number
from jianfu.domain.errors import ConflictError
from jianfu.domain.lists import EditionStatus, ItemNature, ItemStatus, KindMeaning
from jianfu.domain.matching import Verdict
from jianfu.domain.tasks import TaskDecision, TaskDemand, demands_text
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext

#: Full-size counts (``scale=1``).
CITY_COUNTIES = 10
CITY_TOWNSHIPS = 150
CITY_VILLAGES = 3_000
CITY_BOARDS = 100_000
CITY_CERTIFICATES = 300_000
CITY_TASKS = 20_000
CITY_CASES = 600

BATCH = 5_000
SEED = 20261122
YEARS = 3  # records spread over this many years back from today

_OPERATOR = "城市规模演示"
_CITY = "宁川市"
_COUNTIES = (
    "南屏县",
    "东岚区",
    "北岭县",
    "西溪县",
    "青山县",
    "白水县",
    "霞川县",
    "金溪县",
    "石城县",
    "云岭县",
)
_TOWN_SUFFIX = ("镇", "镇", "乡", "街道")
_CLERKS = ("林晓燕", "陈建华", "王丽萍", "张志强", "刘海燕", "黄文斌")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
_GIVEN = "建国华丽英明伟芳秀娟敏静强磊军洋勇艳杰涛超霞平刚桂兰志红海燕文斌晓玉梅春"
_PLACE_A = "东西南北上下前后大小新老青白石金银桃李杨柳梅竹松岭溪塘湖山河田坑洋坪"
_PLACE_B = "头尾口湾坑坪洋垄岗墩坂厝埔洲寨峰林桥园庄里"
_BOARD_NAMES = (
    "{v}党群服务中心",
    "{v}综治中心",
    "{v}新时代文明实践站",
    "{v}便民服务站",
    "{v}妇女之家",
    "{v}关工委工作站",
    "{v}退役军人服务站",
    "{v}法律顾问室",
    "{v}老年人协会",
    "{v}志愿服务站",
    "{v}网格化管理工作站",
    "{v}禁毒工作站",
    "{v}应急管理服务站",
    "{v}调解委员会",
    "{v}卫生室",
)
_ROOMS = ("", "一楼大厅", "二楼办公室", "会议室", "档案室", "便民服务大厅")
_SUBJECTS = (
    "居住证明",
    "亲属关系证明",
    "家庭经济困难证明",
    "无犯罪记录证明",
    "房屋权属证明",
    "婚姻状况证明",
    "出生证明",
    "务农证明",
    "收入证明",
    "养殖证明",
)
_PURPOSES = ("办理社保", "子女入学", "申请助学金", "银行贷款", "办理低保", "房屋登记", "")
_AGENCIES = ("", "", "县人社局", "县教育局", "某农商银行", "某保险公司", "县民政局", "县自然资源局")
_TASK_WORDS = (
    "人口普查入户登记",
    "农村人居环境整治检查",
    "防汛备汛隐患排查",
    "森林防火宣传",
    "城乡居民医保参保动员",
    "耕地抛荒摸底",
    "燃气安全排查",
    "反诈宣传进村入户",
    "电动自行车充电设施统计",
    "食品安全宣传周",
    "秸秆禁烧巡查",
    "文明城市创建测评",
    "老年人意外伤害保险推广",
    "农房安全隐患排查",
    "网格员信息采集",
)


#: where the city's cases stand: waiting at the township, the county, the mechanism, decided
_FATES = (
    CaseStatus.RECEIVED,
    CaseStatus.COUNTY_REVIEW,
    CaseStatus.MECHANISM_REVIEW,
    CaseStatus.APPROVED,
    CaseStatus.REFUSED,
)
_UP = (
    (CaseStatus.RECEIVED, CaseAction.RECEIVE),
    (CaseStatus.TOWNSHIP_OPINION, CaseAction.SUBMIT_TOWNSHIP_OPINION),
    (CaseStatus.COUNTY_REVIEW, CaseAction.SUBMIT_COUNTY_REVIEW),
    (CaseStatus.MECHANISM_REVIEW, CaseAction.REFER_TO_MECHANISM),
)
#: each fate's history
_STEPS = {
    CaseStatus.RECEIVED: _UP[:1],
    CaseStatus.COUNTY_REVIEW: _UP[:3],
    CaseStatus.MECHANISM_REVIEW: _UP,
    CaseStatus.APPROVED: (*_UP, (CaseStatus.APPROVED, CaseAction.APPROVE)),
    CaseStatus.REFUSED: (*_UP, (CaseStatus.REFUSED, CaseAction.REFUSE)),
}


@dataclass(frozen=True)
class _Item:
    id: int
    name: str
    kind: str
    meaning: str
    nature: str | None
    alternative: str


def seed_demo_city(
    ctx: AppContext,
    *,
    scale: float = 1.0,
    seed: int = SEED,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Fill an empty database at city size; returns how many rows each table got.

    ``scale`` multiplies every count (``0.01`` gives a small database for tests). Refused with
    a ``ConflictError`` when the database already holds data.
    """
    from jianfu.demo.township import has_data, seed_demo

    say = progress or (lambda _msg: None)
    if has_data(ctx):
        raise ConflictError("数据库中已有数据，不能填入城市规模演示数据；请指定一个新的数据库文件")
    today = today or dt.date.today()
    rng = random.Random(seed)
    say("填入演示乡镇（设置、部门、施行中的清单）……")
    seed_demo(ctx)
    counts: dict[str, int] = {}
    wanted_counties = max(2, round(CITY_COUNTIES * scale))
    wanted_towns = max(wanted_counties, round(CITY_TOWNSHIPS * scale))
    with ctx.unit_of_work() as s:
        counts["县(市、区)"], counts["乡镇(街道)"] = _counties_and_townships(
            s, rng, wanted_counties, wanted_towns
        )
        counts["村(社区)"] = _villages(s, rng, max(wanted_towns, round(CITY_VILLAGES * scale)))
    say(
        f"县(市、区)：{counts['县(市、区)']} 个，乡镇(街道)：{counts['乡镇(街道)']} 个，"
        f"村(社区)：{counts['村(社区)']} 个"
    )
    numbering_by_township = ctx.database.engine.dialect.name != "sqlite"
    with ctx.unit_of_work() as s:
        villages = _village_ids(s)
        items = _items(s)
        departments = list(s.execute(select(DepartmentRow.id, DepartmentRow.name)).all())
    start = today.replace(year=today.year - YEARS)
    span = (today - start).days

    def day() -> dt.date:
        return start + dt.timedelta(days=rng.randrange(span + 1))

    with ctx.unit_of_work() as s:
        counts["挂牌"] = _boards(s, rng, villages, day, today, round(CITY_BOARDS * scale))
    say(f"挂牌：{counts['挂牌']} 块")
    with ctx.unit_of_work() as s:
        counts["证明申请"] = _certificates(
            s,
            rng,
            villages,
            items,
            day,
            today,
            round(CITY_CERTIFICATES * scale),
            say,
            by_township=numbering_by_township,
        )
    say(f"证明申请：{counts['证明申请']} 件")
    with ctx.unit_of_work() as s:
        counts["工作事项"], unlisted = _tasks(
            s, rng, villages, items, departments, day, round(CITY_TASKS * scale)
        )
    say(f"工作事项：{counts['工作事项']} 件")
    with ctx.unit_of_work() as s:
        counts["准入申请"] = _cases(s, rng, unlisted, today, round(CITY_CASES * scale))
        audit.record(
            s,
            operator=ctx.operator,
            action="导入城市规模演示数据",
            entity="demo",
            after={"scale": scale, "seed": seed, **counts},
        )
    say(f"准入申请：{counts['准入申请']} 件")
    return counts


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(s: Session, table: type, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    town_id = township_id_of_session(s) if issubclass(table, TownshipOwnedMixin) else None
    for batch in _batches(rows):
        if town_id is not None:  # a bulk insert skips the flush that fills it
            batch = [r if r.get("township_id") else {**r, "township_id": town_id} for r in batch]
        s.execute(insert(table), batch)
        n += len(batch)
    return n


@dataclass(frozen=True)
class _Village:
    id: int
    name: str
    township_id: int


def _village_ids(s: Session) -> list[_Village]:
    """Every village of the city with its township, in the order they were made."""
    kinds = [t.value for t in UnitType.village_types()]
    return [
        _Village(*r)
        for r in s.execute(
            select(UnitRow.id, UnitRow.name, UnitRow.parent_id)
            .where(UnitRow.type.in_(kinds))
            .order_by(UnitRow.id)
        ).all()
    ]


def _township_ids(s: Session) -> list[int]:
    return list(
        s.execute(
            select(UnitRow.id).where(UnitRow.type == UnitType.TOWNSHIP.value).order_by(UnitRow.id)
        ).scalars()
    )


def _counties_and_townships(
    s: Session, rng: random.Random, counties: int, townships: int
) -> tuple[int, int]:
    """The city, its counties (the demo township's 南屏县 first) and their townships."""
    first = s.execute(
        select(UnitRow).where(UnitRow.type == UnitType.TOWNSHIP.value).order_by(UnitRow.id)
    ).scalar_one()
    city = UnitRow(name=_CITY, type=UnitType.CITY.value, sort_order=10)
    s.add(city)
    s.flush()
    county_ids = []
    for n in range(counties):
        name = _COUNTIES[n] if n < len(_COUNTIES) else f"{_COUNTIES[n % len(_COUNTIES)][:2]}{n}县"
        county = UnitRow(
            name=name, type=UnitType.COUNTY.value, parent_id=city.id, sort_order=(n + 1) * 10
        )
        s.add(county)
        s.flush()
        county_ids.append(county.id)
    first.parent_id = county_ids[0]
    names = {first.name}
    for n in range(1, townships):
        while True:
            name = rng.choice(_PLACE_A) + rng.choice(_PLACE_B) + rng.choice(_TOWN_SUFFIX)
            if name not in names:
                break
        names.add(name)
        s.add(
            UnitRow(
                name=name,
                type=UnitType.TOWNSHIP.value,
                parent_id=county_ids[n % counties],
                sort_order=(n // counties + 1) * 10,
            )
        )
    s.flush()
    return counties, townships


def _villages(s: Session, rng: random.Random, wanted: int) -> int:
    """Villages up to ``wanted`` in all, dealt to the townships in turn (the demo's kept)."""
    towns = _township_ids(s)
    existing = {v.name for v in _village_ids(s)}
    order = len(existing)
    rows = []
    kinds = (UnitType.VILLAGE, UnitType.VILLAGE, UnitType.RURAL_COMMUNITY, UnitType.URBAN_COMMUNITY)
    others = towns[1:] or towns
    while len(existing) < wanted:
        kind = rng.choice(kinds)
        stem = rng.choice(_PLACE_A) + rng.choice(_PLACE_B)
        name = stem + ("村" if kind == UnitType.VILLAGE else "社区")
        if name in existing:
            name = f"{stem}{rng.choice('一二三四五六七八九')}{name[len(stem) :]}"
        if name in existing:
            name = f"{stem}第{len(existing)}{name[len(stem) + 1 :]}"
        existing.add(name)
        order += 1
        rows.append(
            {
                "parent_id": others[len(rows) % len(others)],
                "name": name,
                "type": kind.value,
                "sort_order": order * 10,
                "active": True,
                "notes": "",
                "version": 1,
            }
        )
    return _insert(s, UnitRow, rows) + (len(existing) - len(rows))


def _items(s: Session) -> list[_Item]:
    rows = s.execute(
        select(
            ListItemRow.id,
            ListItemRow.name,
            ListKindRow.code,
            ListKindRow.meaning,
            ListItemRow.nature,
            ListItemRow.alternative_detail,
        )
        .join(ListKindRow, ListItemRow.kind_id == ListKindRow.id)
        .join(ListEditionRow, ListItemRow.edition_id == ListEditionRow.id)
        .where(ListEditionRow.status == EditionStatus.IN_FORCE.value)
        .where(ListItemRow.status == ItemStatus.VALID.value)
        .order_by(ListItemRow.id)
    ).all()
    items = [_Item(*r) for r in rows]
    if not items:
        raise ConflictError("没有施行中的清单，无法生成城市规模演示数据")
    return items


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))


def _id_number(rng: random.Random) -> str:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 65))
    first17 = f"350921{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _boards(s, rng, villages, day, today, wanted) -> int:
    categories = list(
        s.execute(select(BoardCategoryRow.id).order_by(BoardCategoryRow.sort_order)).scalars()
    )
    statuses = (BoardStatus.PENDING, BoardStatus.DISPOSED, BoardStatus.CLOSED, BoardStatus.RELAPSED)

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(wanted):
            village = villages[n % len(villages)]
            uid, vname = village.id, village.name
            status = rng.choices(statuses, (0.35, 0.3, 0.3, 0.05))[0]
            registered = day()
            done = status != BoardStatus.PENDING
            disposed = (
                min(registered + dt.timedelta(days=rng.randrange(1, 120)), today) if done else None
            )
            relapsed = status == BoardStatus.RELAPSED
            disposition = rng.choice(list(Disposition)) if done else None
            yield {
                "township_id": village.township_id,
                "unit_id": uid,
                "name": rng.choice(_BOARD_NAMES).format(v=vname),
                "category_id": rng.choice(categories),
                "placement": rng.choice(list(Placement)).value,
                "room": rng.choice(_ROOMS),
                "department": "",
                "basis": "",
                "size_material": rng.choice(
                    ("", "60×40cm 铝板", "80×50cm 不锈钢", "120×80cm 木板")
                ),
                "quantity": rng.choice((1, 1, 1, 2)),
                "disposition": disposition.value if disposition else None,
                "disposed_on": disposed,
                "status": status.value,
                "registered_on": registered,
                "approved_addition": rng.random() < 0.02,
                "approval_document": "",
                "first_reviewer": rng.choice(_CLERKS) if done else "",
                "second_reviewer": rng.choice(_CLERKS) if status == BoardStatus.CLOSED else "",
                "notes": "",
                "allowed": disposition == Disposition.KEEP,
                "relapse_count": 1 if relapsed else 0,
                "relapsed_on": min(disposed + dt.timedelta(days=30), today)
                if relapsed and disposed
                else None,
                "last_inspected_on": disposed,
                "photo_count": 0,
                "version": 1,
            }

    return _insert(s, SignboardRow, rows())


def _certificates(s, rng, villages, items, day, today, wanted, say, *, by_township) -> int:
    """Requests numbered per township and year on a server; on SQLite, whose register keeps
    one numbering per file (one township), per year across the whole city."""
    allowed = [i for i in items if i.meaning == KindMeaning.MAY_ISSUE.value]
    forbidden = [i for i in items if i.meaning == KindMeaning.MAY_NOT_ISSUE.value]
    dates = sorted(day() for _ in range(wanted))
    seqs: dict[tuple[int | None, int], int] = {}
    for town, year, seq in s.execute(
        select(
            CertificateRequestRow.township_id,
            CertificateRequestRow.year,
            func.max(CertificateRequestRow.seq),
        ).group_by(CertificateRequestRow.township_id, CertificateRequestRow.year)
    ).all():
        key = (town if by_township else None, year)
        seqs[key] = max(seqs.get(key, 0), seq)

    def rows() -> Iterator[dict[str, Any]]:
        for n, when in enumerate(dates):
            village = rng.choice(villages)
            key = (village.township_id if by_township else None, when.year)
            seqs[key] = seqs.get(key, 0) + 1
            pick = rng.random()
            item: _Item | None = None
            if pick < 0.6 and allowed:
                item, verdict = rng.choice(allowed), Verdict.ALLOWED
            elif pick < 0.85 and forbidden:
                item, verdict = rng.choice(forbidden), Verdict.FORBIDDEN
            else:
                verdict = Verdict.UNLISTED
            pending = (today - when).days < 3 and rng.random() < 0.5
            if pending:
                outcome = Outcome.PENDING
            elif verdict == Verdict.ALLOWED:
                outcome = Outcome.ISSUED
            elif verdict == Verdict.FORBIDDEN:
                outcome = Outcome.REFUSED
            else:
                outcome = rng.choice((Outcome.CONSULTED, Outcome.REFERRED))
            number = _id_number(rng) if rng.random() < 0.75 else ""
            candidates = (
                [{"item": item.name, "kind": item.kind, "score": 0.9, "item_id": item.id}]
                if item
                else []
            )
            yield {
                "township_id": village.township_id,
                "year": when.year,
                "seq": seqs[key],
                "request_date": when,
                "applicant_name": _person(rng),
                "id_number": number,
                "id_masked": mask_id_number(number),
                "village_id": village.id,
                "subject": item.name if item else rng.choice(_SUBJECTS),
                "purpose": rng.choice(_PURPOSES),
                "agency": rng.choice(_AGENCIES),
                "check_verdict": verdict.value,
                "candidates": json.dumps(candidates, ensure_ascii=False),
                "verdict": verdict.value,
                "item_id": item.id if item else None,
                "item_name": item.name if item else "",
                "item_kind": item.kind if item else "",
                "outcome": outcome.value,
                "outcome_date": None
                if pending
                else min(when + dt.timedelta(days=rng.randrange(3)), today),
                "basis": "",
                "alternative": item.alternative if outcome == Outcome.REFUSED and item else "",
                "referred_to": "县公安局" if outcome == Outcome.REFERRED else "",
                "fact": "经核对，情况属实"
                if outcome in (Outcome.ISSUED, Outcome.CONSULTED)
                else "",
                "handler": rng.choice(_CLERKS),
                "signer": "" if pending else "陈建华",
                "sealed": outcome in (Outcome.ISSUED, Outcome.CONSULTED),
                "attachments": "",
                "notes": "",
                "consult_date": when if outcome == Outcome.CONSULTED else None,
                "consult_participants": "村民小组长、村务监督委员会成员"
                if outcome == Outcome.CONSULTED
                else "",
                "consult_agreed": True if outcome == Outcome.CONSULTED else None,
                "consult_signer": "陈建华" if outcome == Outcome.CONSULTED else "",
                "version": 1,
            }
            if n and n % 50_000 == 0:
                say(f"  证明申请已写入 {n} 件……")

    return _insert(s, CertificateRequestRow, rows())


def _tasks(s, rng, villages, items, departments, day, wanted):
    by_town: dict[int, list[int]] = {}
    for v in villages:
        by_town.setdefault(v.township_id, []).append(v.id)
    towns = sorted(by_town)
    admitted = [i for i in items if i.meaning == KindMeaning.ADMITTED.value]
    negative = [i for i in items if i.meaning == KindMeaning.REFUSE.value]
    first = s.execute(select(func.max(TaskRequestRow.id))).scalar_one() or 0
    plans: list[tuple[TaskDecision, _Item | None, list[int]]] = []

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(wanted):
            pick = rng.random()
            item: _Item | None = None
            if pick < 0.75 and admitted:
                decision, item, verdict = (
                    TaskDecision.IN_LIST,
                    rng.choice(admitted),
                    Verdict.ADMITTED,
                )
            elif pick < 0.82 and negative:
                decision, item, verdict = (
                    TaskDecision.NEGATIVE,
                    rng.choice(negative),
                    Verdict.NEGATIVE,
                )
            else:
                decision, verdict = TaskDecision.UNLISTED, Verdict.UNLISTED
            town = rng.choice(towns)
            everyone = rng.random() < 0.6
            links = (
                []
                if everyone
                else sorted({rng.choice(by_town[town]) for _ in range(rng.randint(1, 5))})
            )
            plans.append((decision, item, links))
            dep_id, dep = rng.choice(departments)
            received = day()
            words = rng.choice(_TASK_WORDS)
            nature = item.nature if item and item.nature else rng.choice(list(ItemNature)).value
            # of the first six boxes, as drawn before the others had boxes (the same city)
            demands = rng.sample(list(TaskDemand)[:6], rng.randint(0, 2))
            yield {
                "township_id": town,
                "title": f"关于开展{words}工作的通知",
                "department": dep,
                "department_id": dep_id,
                "document_number": f"〔{received.year}〕{n % 300 + 1}号",
                "received_on": received,
                "text": f"请各村(社区)配合做好{words}工作，按时报送情况。",
                "all_villages": everyone,
                "start_date": received,
                "end_date": received + dt.timedelta(days=rng.choice((30, 90, 180))),
                "nature": nature,
                "demands": demands_text(tuple(demands)),
                "notes": "",
                "verdict": verdict.value,
                "decision": decision.value,
                "item_id": item.id if item else None,
                "item_name": item.name if item else "",
                "item_kind": item.kind if item else "",
                "recorded_by": rng.choice(_CLERKS),
                "version": 1,
            }

    count = _insert(s, TaskRequestRow, rows())
    ids = list(
        s.execute(
            select(TaskRequestRow.id).where(TaskRequestRow.id > first).order_by(TaskRequestRow.id)
        ).scalars()
    )
    candidates = (
        {
            "task_id": tid,
            "rank": 1,
            "item_id": item.id,
            "item_name": item.name,
            "kind": item.kind,
            "score": 0.9,
        }
        for tid, (_d, item, _l) in zip(ids, plans, strict=True)
        if item is not None
    )
    _insert(s, TaskCandidateRow, candidates)
    links = (
        {"task_id": tid, "unit_id": uid}
        for tid, (_d, _i, units) in zip(ids, plans, strict=True)
        for uid in units
    )
    _insert(s, TaskVillageRow, links)
    unlisted = [
        tid for tid, (d, _i, _l) in zip(ids, plans, strict=True) if d == TaskDecision.UNLISTED
    ]
    return count, unlisted


def _serials(s: Session, received: list[tuple[dt.date, int]]) -> dict[int, str]:
    """Task id → the 受理编号 its case gets: each year's cases numbered in the order they
    were received (2026-001, 2026-002 …), after the numbers the year has already (the
    ordinary demo's cases), as ``next_serial`` numbers a case a township receives."""
    out: dict[int, str] = {}
    following: dict[int, int] = {}
    for day, tid in sorted(received):
        year = day.year
        if year not in following:
            following[year] = int(next_serial(s, year).rpartition("-")[2])
        out[tid] = f"{year}-{following[year]:03d}"
        following[year] += 1
    return out


def _cases(s, rng, unlisted, today, wanted) -> int:
    chosen = unlisted[:wanted]
    tasks = (
        {
            r.id: r
            for r in s.execute(
                select(
                    TaskRequestRow.id,
                    TaskRequestRow.title,
                    TaskRequestRow.department,
                    TaskRequestRow.department_id,
                    TaskRequestRow.received_on,
                    TaskRequestRow.text,
                    TaskRequestRow.nature,
                    TaskRequestRow.township_id,
                ).where(TaskRequestRow.id.in_(chosen))
            )
        }
        if chosen
        else {}
    )
    first = s.execute(select(func.max(AdmissionCaseRow.id))).scalar_one() or 0
    serials = _serials(s, [(tasks[tid].received_on, tid) for tid in chosen])
    fates = []
    rows = []
    for tid in chosen:
        t = tasks[tid]
        fate = rng.choice(_FATES)
        if (today - t.received_on).days < 20 and fate in (CaseStatus.APPROVED, CaseStatus.REFUSED):
            fate = CaseStatus.RECEIVED
        fates.append((fate, t.received_on))
        approved = fate == CaseStatus.APPROVED
        rows.append(
            {
                "township_id": t.township_id,
                "task_id": tid,
                "status": fate.value,
                "level": MechanismLevel.COUNTY.value,
                "decision_working_days": 20,
                "serial_number": serials[tid],
                "title": t.title,
                "department": t.department,
                "department_id": t.department_id,
                "content": t.text,
                "villages": "全体村(社区)",
                "received_on": t.received_on,
                "nature": t.nature,
                "document_number": "",
                "basis": "",
                "delegated_powers": "",
                "funding": "",
                "support": "",
                "assessment": "",
                "contact": "",
                "phone": "",
                "approved_start": t.received_on if approved else None,
                "approved_end": t.received_on + dt.timedelta(days=365) if approved else None,
                "approved_funding": "",
                "staffing": "",
                "version": 1,
            }
        )
    count = _insert(s, AdmissionCaseRow, rows)
    ids = list(
        s.execute(
            select(AdmissionCaseRow.id)
            .where(AdmissionCaseRow.id > first)
            .order_by(AdmissionCaseRow.id)
        ).scalars()
    )
    steps = []
    for cid, (fate, received) in zip(ids, fates, strict=True):
        at = dt.datetime.combine(received, dt.time(9))
        for seq, (status, action) in enumerate(_STEPS[fate], start=1):
            steps.append((cid, seq, status, action, at + dt.timedelta(days=3 * (seq - 1))))
    _insert(
        s,
        CaseStepRow,
        (
            {
                "case_id": cid,
                "seq": seq,
                "status": status.value,
                "action": action.value,
                "at": at,
                "operator": _OPERATOR,
                "comment": "",
            }
            for cid, seq, status, action, at in steps
        ),
    )
    return count
