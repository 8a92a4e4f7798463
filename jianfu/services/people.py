"""People on a shared PostgreSQL: one login role each, put in the group role of their work.

The group roles (jianfu_clerk, jianfu_reviewer, jianfu_mechanism, jianfu_admin) and the
row-level policies come with migration 0010; here the database owner (or a superuser) adds a
person's login role, puts it in its group and maps it to a unit in ``app_user``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from jianfu.db.models import AppUserRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import UNREGISTERED
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext

#: role -> (its group role, what the clerk reads, the unit types it may belong to)
ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "clerk": ("jianfu_clerk", "乡镇经办", (UnitType.TOWNSHIP.value,)),
    "reviewer": ("jianfu_reviewer", "县级审核", (UnitType.COUNTY.value, UnitType.CITY.value)),
    "mechanism": ("jianfu_mechanism", "协调机制", (UnitType.COUNTY.value, UnitType.CITY.value)),
    "admin": (
        "jianfu_admin",
        "管理员",
        (UnitType.TOWNSHIP.value, UnitType.COUNTY.value, UnitType.CITY.value),
    ),
}
_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Person:
    """One entry of ``jianfu users list``."""

    login: str
    role: str
    role_label: str
    unit: str
    display_name: str
    active: bool
    can_login: bool


class PeopleService:
    """Add, list and disable the people who log in to a shared server."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _require_server(self, s: Session) -> None:
        if s.get_bind().dialect.name != "postgresql":
            raise ValidationError(
                FieldProblem(
                    "database",
                    "只有共享的 PostgreSQL 数据库才按人设登录角色；SQLite 文件供一个乡镇本机使用，"
                    "不需要设置用户。",
                )
            )

    def add(
        self,
        login: str,
        role: str,
        unit_name: str,
        *,
        password: str | None = None,
        display_name: str = "",
    ) -> Person:
        """Create the login role, put it in the group of ``role``, map it to ``unit_name``."""
        login = login.strip()
        if not _LOGIN.match(login):
            raise ValidationError(
                FieldProblem(
                    "login", f"登录名“{login}”不合适：只能用小写字母、数字和下划线，不以数字开头"
                )
            )
        if role not in ROLES:
            raise ValidationError(
                FieldProblem("role", f"角色“{role}”不存在，可选：{'、'.join(ROLES)}")
            )
        group, label, unit_types = ROLES[role]
        with self.ctx.unit_of_work() as s:
            self._require_server(s)
            units = [u for u in units_repo.named(s, unit_name) if u.type in unit_types]
            if not units:
                # the names there are: a typo or a demo county's townships (no 城关镇 in
                # 南屏县) were a guess for whoever adds people
                there = units_repo.names_of_types(s, unit_types)
                shown = "、".join(there[:12]) + ("等" if len(there) > 12 else "")
                raise NotFoundError(
                    f"没有名为“{unit_name}”的{'或'.join(unit_types)}，{label}人员须属于这一级单位"
                    + (f"（现有：{shown}）" if there else "")
                )
            if len(units) > 1:
                where = "、".join(
                    f"{u.parent.name}/{u.name}" if u.parent else u.name for u in units
                )
                raise ValidationError(
                    FieldProblem(
                        "unit",
                        f"有 {len(units)} 个名为“{unit_name}”的单位（{where}），"
                        "请写成“上级名称/单位名称”。",
                    )
                )
            unit = units[0]
            exists = text("SELECT 1 FROM pg_roles WHERE rolname = :r")
            if s.execute(exists, {"r": group}).first() is None:
                raise NotFoundError(
                    f"服务器上没有角色组 {group}：升级数据库的账号需要 CREATEROLE 权限，"
                    "请由数据库管理员重新运行 jianfu init。"
                )
            if s.execute(exists, {"r": login}).first():
                raise ValidationError(FieldProblem("login", f"服务器上已有登录名“{login}”"))
            statement = s.execute(
                text(
                    "SELECT format('CREATE ROLE %I LOGIN' || "
                    "CASE WHEN CAST(:p AS text) IS NULL THEN '' "
                    "ELSE format(' PASSWORD %L', CAST(:p AS text)) END || ' IN ROLE %I', "
                    "CAST(:l AS text), CAST(:g AS text))"
                ),
                {"l": login, "g": group, "p": password},
            ).scalar_one()
            s.execute(text(statement))
            s.add(
                AppUserRow(
                    login=login, role=role, unit_id=unit.id, display_name=display_name or login
                )
            )
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity="app_user",
                entity_id=login,
                after={"login": login, "role": label, "unit": unit.name},
            )
            return Person(login, role, label, unit.name, display_name or login, True, True)

    def list(self) -> list[Person]:
        """Everyone mapped to a unit, with whether their role may still log in."""
        with self.ctx.unit_of_work() as s:
            self._require_server(s)
            rows = s.execute(
                text(
                    "SELECT a.login, a.role, u.name, a.display_name, a.active, "
                    "coalesce(r.rolcanlogin, false) FROM app_user a "
                    "JOIN unit u ON u.id = a.unit_id "
                    "LEFT JOIN pg_roles r ON r.rolname = a.login ORDER BY u.id, a.login"
                )
            ).all()
            return [
                Person(login, role, ROLES.get(role, ("", role))[1], unit, name, active, can)
                for login, role, unit, name, active, can in rows
            ]

    def disable(self, login: str) -> Person:
        """The role may no longer log in; its entries in the audit trail stay."""
        with self.ctx.unit_of_work() as s:
            self._require_server(s)
            row = s.get(AppUserRow, login)
            if row is None:
                raise NotFoundError(f"没有登录名为“{login}”的用户")
            statement = s.execute(
                text("SELECT format('ALTER ROLE %I NOLOGIN', CAST(:l AS text))"), {"l": login}
            ).scalar_one()
            s.execute(text(statement))
            row.active = False
            renew = "jianfu_renew_change_channels()"
            if s.execute(text(f"SELECT to_regprocedure('{renew}') IS NOT NULL")).scalar():
                # the townships' channel names they read hear nothing more (migration 0023c)
                s.execute(text(f"SELECT {renew}"))
            audit.record(
                s,
                operator=self.ctx.operator,
                action="停用",
                entity="app_user",
                entity_id=login,
                before={"active": True},
                after={"active": False},
            )
            return Person(
                login, row.role, ROLES[row.role][1], row.unit.name, row.display_name, False, False
            )


def describe_connected(ctx: AppContext) -> str:
    """For the status bar: who is connected (``当前用户：张三（乡镇经办，清溪镇）``), or ""."""
    person = ctx.person
    if person is None:
        login = getattr(ctx, "login", "")
        return f"当前用户：{login}（数据库所有者，管理员）" if login else ""
    role = getattr(person, "role", "")
    if role == UNREGISTERED:
        return f"当前用户：{person.display_name}（不是本系统人员，只能查看，不能修改）"
    label = ROLES[role][1] if role in ROLES else role
    return f"当前用户：{ctx.operator}（{label}，{getattr(person, 'unit_name', '')}）"


#: what a screen's records are: a township's own ledgers, or the lists the county publishes
TOWNSHIP_RECORDS, LISTS = "township", "lists"
#: data every township shares without township rows (departments, the working-day calendar,
#: the allowed set of signboards): the administrator's to change (``db.grants``)
REFERENCE = "reference"


def write_refusal(person: object | None, records: str = TOWNSHIP_RECORDS) -> str:
    """Why the connected person may not add or change ``records`` ("" when they may).

    Mirrors the server's grants (``db.grants``), which stay the real guard: above the township
    only a case's step and decision are written; a list only by an administrator.
    """
    role = getattr(person, "role", None)
    if role is None or role == "admin":
        return ""
    if role == UNREGISTERED:
        return (
            f"当前连接的数据库账户“{getattr(person, 'login', '')}”未登记为本系统人员，"
            "只能查看，不能登记或修改；如需办理，请管理员用 jianfu users add 登记。"
        )
    label = ROLES[role][1] if role in ROLES else role
    if records == LISTS:
        return (
            f"清单由县（市）发布和维护，{label}人员只能查看、导出和打印；"
            "需要修改时请联系管理员（数据库也不会接受这里的修改）。"
        )
    if records == REFERENCE:
        return (
            f"部门、工作日日历、允许挂牌范围等是各乡镇共用的基础数据，由管理员维护，"
            f"{label}人员只能查看；需要修改时请联系管理员（数据库也不会接受这里的修改）。"
        )
    if role == "clerk":
        return ""
    return (
        f"{label}人员只能查看这里的记录：它们由乡镇经办人员登记和修改，"
        "数据库也不接受其他层级的修改。您的意见和决定请在“准入审批”中填写。"
    )


def synonym_refusals(person: object | None) -> tuple[str, str]:
    """Why the connected person may not add, and may not remove, a local synonym ("" when
    they may). A clerk adds them in their daily work but only an administrator removes
    them (``db.grants.CLERK_ADDS_ONLY``); above the township neither."""
    role = getattr(person, "role", None)
    if role is None or role == "admin":
        return "", ""
    if role == "clerk":
        return "", (
            "本地同义词是各乡镇共用的基础数据：乡镇经办人员可以添加，删除由管理员办理；"
            "需要删除时请联系管理员（数据库也不会接受这里的删除）。"
        )
    refusal = write_refusal(person)
    return refusal, refusal


def works_above_township(person: object | None) -> bool:
    """A county's reviewer or the coordination mechanism: their screens list many townships."""
    return getattr(person, "role", None) in ("reviewer", "mechanism")


def lists_townships(ctx: AppContext) -> bool:
    """The lists show records of several townships, each row naming its own: the reviewer's,
    the mechanism's, and an administrator's of a county or city (UnitsService.above_township)."""
    if works_above_township(ctx.person):
        return True
    if getattr(ctx.person, "role", None) != "admin":
        return False
    from jianfu.services.units import UnitsService

    return UnitsService(ctx).above_township is not None
