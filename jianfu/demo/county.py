"""A county demo on a shared PostgreSQL: 宁川市 → 南屏县 → four townships, and a login per role.

The first township (清溪镇) is the ordinary demo township; the other three get villages of their
own and the same kinds of records, written as the database's owner acting for each township in
turn (``AppContext.acting_for``). Their admission cases are carried to every state, so the
county reviewer and the city's coordination mechanism each find cases waiting for them and
cases decided both ways. The county's lists are the lists in force: they apply to every
township below it. Then one login role per person is added through the people service: a clerk
for each township, the county's reviewer, the city's mechanism and an administrator.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import func, select, text

from jianfu.db.models import UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as settings_repo
from jianfu.demo.boards import seed_demo_boards
from jianfu.demo.burdens import seed_demo_burdens
from jianfu.demo.certificates import seed_demo_certificates
from jianfu.demo.tasks import seed_demo_tasks
from jianfu.domain.errors import ConflictError, FieldProblem, ValidationError
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext
from jianfu.services.people import ROLES, PeopleService

CITY = "宁川市"
COUNTY = "南屏县"
MECHANISM = "宁川市党建引领基层治理协调机制"

#: why the county demo needs a server (the CLI says it before touching any file)
SQLITE_REFUSED = (
    "县级演示数据需要共享的 PostgreSQL 数据库：它给每个乡镇的经办人员、县级审核和协调机制"
    "各建一个登录账号，由数据库按人限定能看和能改的记录；SQLite 文件只供一个乡镇在本机使用。"
    "请用 --database postgresql+psycopg://用户@主机/数据库名 指定一个新建的空数据库。"
)

_V, _R, _U = UnitType.VILLAGE, UnitType.RURAL_COMMUNITY, UnitType.URBAN_COMMUNITY


@dataclass(frozen=True)
class _Township:
    name: str
    login: str  # the stem of its clerk's login
    clerk: str
    villages: tuple[tuple[str, UnitType], ...]  # () for the ordinary demo township
    #: one plan per demo task (``jianfu.demo.tasks.PLANS``): where its case is carried
    plans: tuple[str | None, ...]
    #: who signs its certificates (its settings' 审核人), and its office's phone
    reviewer: str = ""
    phone: str = ""


TOWNSHIPS = (
    _Township("清溪镇", "qingxi", "林晓燕", (), ()),
    _Township(
        "石门乡",
        "shimen",
        "王丽萍",
        (("石门口村", _V), ("上坪村", _V), ("下坪村", _V), ("东岭村", _V), ("竹林村", _V),
         ("石门社区", _R)),
        (None, None, "county", None, "mechanism", "approve", "received"),
        "郑国栋",
        "0593-6351021",
    ),
    _Township(
        "龙潭镇",
        "longtan",
        "张志强",
        (("龙潭村", _V), ("凤山村", _V), ("桥头村", _V), ("新厝村", _V), ("洋中村", _V),
         ("岭后村", _V), ("龙潭社区", _U)),
        (None, None, "mechanism", None, "refuse", "county", "returned"),
        "周文华",
        "0593-6572316",
    ),
    _Township(
        "桃源街道",
        "taoyuan",
        "刘海燕",
        (("桃源社区", _U), ("滨江社区", _U), ("北门社区", _U), ("南门社区", _U),
         ("桃溪社区", _R)),
        (None, None, "withdrawn", None, "county", "mechanism", "review"),
        "何雪梅",
        "0593-6188030",
    ),
)  # fmt: skip

#: the people above the townships: (role, login stem, unit, name)
_ABOVE = (
    ("reviewer", "nanping_reviewer", COUNTY, "黄文斌"),
    ("mechanism", "ningchuan_mechanism", CITY, "吴秀琴"),
    ("admin", "nanping_admin", COUNTY, "系统管理员"),
)


@dataclass(frozen=True)
class DemoLogin:
    """One person the demo made: their login role, what they do, where, and the password set."""

    login: str
    role: str
    role_label: str
    unit: str
    display_name: str
    password: str | None


@dataclass(frozen=True)
class CountyDemo:
    """What ``seed_demo_county`` made."""

    townships: tuple[str, ...]
    villages: int
    logins: tuple[DemoLogin, ...]


def seed_demo_county(
    ctx: AppContext,
    *,
    today: dt.date | None = None,
    passwords: bool = True,
    progress: Callable[[str], None] | None = None,
) -> CountyDemo:
    """Fill an empty shared database with the county demo and add its logins.

    Refused on a SQLite file (one township per file, no logins), on a database that already
    holds data, and where the connected role may not add login roles. With ``passwords`` each
    login gets a random password, returned once and stored nowhere by the app.
    """
    from jianfu.demo.township import has_data, seed_demo

    say = progress or (lambda _msg: None)
    today = today or dt.date.today()
    _check_server(ctx)
    if has_data(ctx):
        raise ConflictError("数据库中已有数据，不能填入县级演示数据；请使用一个新建的空数据库")
    say(f"{TOWNSHIPS[0].name}：演示乡镇的村(社区)、部门、清单和各类记录……")
    people = {"reviewer": _ABOVE[0][3], "mechanism": _ABOVE[1][3]}
    # each township's records are signed by its clerk, never by the login that builds the demo
    owner = ctx.operator
    ctx.operator = TOWNSHIPS[0].clerk
    try:
        seed_demo(ctx, people={**people, "clerk": TOWNSHIPS[0].clerk})
    finally:
        ctx.operator = owner
    towns = _tree(ctx)
    villages = sum(len(t.villages) for t in TOWNSHIPS[1:])
    for variant, town in enumerate(TOWNSHIPS[1:], start=1):
        say(f"{town.name}：{len(town.villages)} 个村(社区)的事项、准入审批、证明、牌子和其他负担……")
        ctx.operator = town.clerk
        try:
            with ctx.acting_for(towns[town.name]):
                seed_demo_tasks(
                    ctx, today, plans=town.plans, people={**people, "clerk": town.clerk}
                )
                seed_demo_certificates(
                    ctx,
                    today=today,
                    variant=variant,
                    people={"clerk": town.clerk, "signer": town.reviewer},
                )
                seed_demo_boards(ctx, today)
                seed_demo_burdens(ctx, today)
        finally:
            ctx.operator = owner
    with ctx.unit_of_work() as s:
        villages += s.execute(
            select(func.count())
            .select_from(UnitRow)
            .where(UnitRow.parent_id == towns[TOWNSHIPS[0].name])
        ).scalar_one()
        audit.record(
            s,
            operator=ctx.operator,
            action="导入县级演示数据",
            entity="demo",
            after={"county": COUNTY, "townships": [t.name for t in TOWNSHIPS]},
        )
    say("登录账号：每个乡镇一名经办人员，县级审核、协调机制和管理员各一名……")
    logins = _add_logins(ctx, passwords)
    return CountyDemo(tuple(t.name for t in TOWNSHIPS), villages, logins)


def _check_server(ctx: AppContext) -> None:
    """Refuse a SQLite file, and a server role that may not add people."""
    if ctx.database.is_sqlite:
        raise ValidationError(FieldProblem("database", SQLITE_REFUSED))
    with ctx.unit_of_work() as s:
        may = s.execute(
            text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        ).scalar_one()
        groups = s.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:g)"),
            {"g": [group for group, _label, _types in ROLES.values()]},
        ).scalar_one()
    if not may or groups != len(ROLES):
        raise ValidationError(
            FieldProblem(
                "database",
                "当前连接的数据库账号不能新建登录角色（需要 CREATEROLE 权限，并由它运行过 "
                "jianfu init 建好角色组），县级演示无法为每人建账号；请用数据库所有者或管理员"
                "账号连接。",
            )
        )


def _tree(ctx: AppContext) -> dict[str, int]:
    """The city and the county above the demo township, and the other townships' villages."""
    with ctx.unit_of_work() as s:
        city = UnitRow(name=CITY, type=UnitType.CITY.value, sort_order=10)
        s.add(city)
        s.flush()
        county = UnitRow(name=COUNTY, type=UnitType.COUNTY.value, parent_id=city.id, sort_order=10)
        s.add(county)
        s.flush()
        first = s.execute(
            select(UnitRow).where(
                UnitRow.type == UnitType.TOWNSHIP.value, UnitRow.name == TOWNSHIPS[0].name
            )
        ).scalar_one()
        first.parent_id = county.id
        first.sort_order = 10
        towns = {first.name: first.id}
        for n, town in enumerate(TOWNSHIPS[1:], start=2):
            row = UnitRow(
                name=town.name,
                type=UnitType.TOWNSHIP.value,
                parent_id=county.id,
                sort_order=n * 10,
            )
            s.add(row)
            s.flush()
            towns[town.name] = row.id
            for order, (name, kind) in enumerate(town.villages, start=1):
                s.add(UnitRow(name=name, type=kind.value, parent_id=row.id, sort_order=order * 10))
        # the county's defaults: each township's own name comes from its unit
        settings = settings_repo.load_defaults(s)
        defaults = replace(
            settings,
            mechanism_name=MECHANISM,
            mechanism_level="市",
            city_name=CITY,
            county_name=COUNTY,
        )
        settings_repo.save(s, defaults, None)
        s.flush()
        # the demo township's county-wide names now follow the defaults (its cases go to the
        # city's mechanism); each other township has its own people and phone
        own = settings_repo.load_for(s, first.id)
        shared = ("mechanism_name", "mechanism_level", "city_name", "county_name")
        settings_repo.save(s, replace(own, **{k: getattr(defaults, k) for k in shared}), first.id)
        for town in TOWNSHIPS[1:]:
            settings_repo.save(
                s,
                replace(
                    defaults,
                    township_name=town.name,
                    preparer=town.clerk,
                    reviewer=town.reviewer,
                    phone=town.phone,
                ),
                towns[town.name],
            )
        s.flush()
        return towns


def _add_logins(ctx: AppContext, passwords: bool) -> tuple[DemoLogin, ...]:
    """One login role per person; a name taken on the server (by another database) gets _2…"""
    wanted = [("clerk", f"{t.login}_clerk", t.name, t.clerk) for t in TOWNSHIPS] + list(_ABOVE)
    with ctx.unit_of_work() as s:
        taken = set(s.execute(text("SELECT rolname FROM pg_roles")).scalars())
    suffix = ""
    n = 1
    while any(stem + suffix in taken for _r, stem, _u, _n in wanted):
        n += 1
        suffix = f"_{n}"
    people = PeopleService(ctx)
    made = []
    for role, stem, unit, name in wanted:
        password = secrets.token_urlsafe(12) if passwords else None
        person = people.add(stem + suffix, role, unit, password=password, display_name=name)
        made.append(DemoLogin(person.login, role, person.role_label, person.unit, name, password))
    return tuple(made)
