"""Which township a session works for, and the township of every record it adds.

On a shared PostgreSQL the connected login role (``current_user``) is mapped to a unit in
``app_user``; a clerk's township is that unit. Everywhere else (a SQLite file, the database's
owner, a superuser) the township is the first unit of type 乡镇(街道): a single file holds one.
Records that belong to a township get ``township_id`` on flush, from their village when they
have one, so no service has to remember it; a village outside the session's township is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from jianfu.db.models import AppUserRow, TownshipOwnedMixin, UnitRow
from jianfu.db.plain_server import IS_DATABASE_OWNER
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.units import UnitType

_INFO_KEY = "jianfu_township_id"
_PERSON_KEY = "jianfu_person"
_CHOSEN_KEY = "jianfu_township_chosen"


@dataclass(frozen=True)
class ConnectedPerson:
    """Who the connection belongs to: login role, group role, unit (None: owner/superuser)."""

    login: str
    role: str
    unit_id: int | None
    unit_name: str
    display_name: str


def connected_person(session: Session) -> ConnectedPerson | None:
    """The ``app_user`` entry of ``current_user`` on PostgreSQL; None on SQLite or unmapped."""
    if _PERSON_KEY in session.info:
        cached: ConnectedPerson | None = session.info[_PERSON_KEY]
        return cached
    person = None
    if session.get_bind().dialect.name == "postgresql":
        login = session.execute(text("SELECT current_user")).scalar_one()
        row = session.execute(
            select(AppUserRow).where(AppUserRow.login == login, AppUserRow.active.is_(True))
        ).scalar_one_or_none()
        if row is not None:
            person = ConnectedPerson(
                login=row.login,
                role=row.role,
                unit_id=row.unit_id,
                unit_name=row.unit.name,
                display_name=row.display_name or row.login,
            )
    session.info[_PERSON_KEY] = person
    return person


#: the role of a login that exists on the server but is no person of this database
UNREGISTERED = "unregistered"


def unregistered_person(login: str) -> ConnectedPerson:
    """A login with no (active) ``app_user`` entry that neither owns the database nor is a
    superuser: no administrator, it reads what its grants allow and writes nothing."""
    return ConnectedPerson(
        login=login,
        role=UNREGISTERED,
        unit_id=None,
        unit_name="",
        display_name=f"未登记的数据库账户 {login}",
    )


def is_database_owner(session: Session) -> bool:
    """On PostgreSQL: the connection's login is a superuser, owns the database, or owns its
    tables (the role that ran the migrations). Only these act as 管理员 without an entry in
    ``app_user``. True on SQLite (the file is the clerk's own)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.execute(text(IS_DATABASE_OWNER)).scalar())


def server_login(session: Session) -> str | None:
    """The login role of the connection on a database server (``current_user``); None on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return str(session.execute(text("SELECT current_user")).scalar_one())


def township_id_of_session(session: Session) -> int | None:
    """The township this session works for (see the module docstring)."""
    if _INFO_KEY in session.info:
        cached: int | None = session.info[_INFO_KEY]
        return cached
    person = connected_person(session)
    town_id: int | None = None
    if person is not None and person.unit_id is not None:
        unit = session.get(UnitRow, person.unit_id)
        if unit is not None and unit.type == UnitType.TOWNSHIP.value:
            town_id = unit.id
    if town_id is None:
        town_id = session.execute(
            select(UnitRow.id)
            .where(UnitRow.type == UnitType.TOWNSHIP.value)
            .order_by(UnitRow.id)
            .limit(1)
        ).scalar_one_or_none()
    if town_id is not None:
        session.info[_INFO_KEY] = town_id
    return town_id


def work_for_township(session: Session, township_id: int) -> None:
    """Make ``session`` work for the township ``township_id`` until it closes.

    For the database's owner writing several townships' records (the county demo): the records
    a session adds without a village take this township, and "this township's villages" are
    its villages. A clerk works for their own township only.
    """
    unit = session.get(UnitRow, township_id)
    if unit is None or unit.type != UnitType.TOWNSHIP.value:
        raise ValidationError(
            FieldProblem("township_id", f"编号为 {township_id} 的单位不存在或不是乡镇(街道)")
        )
    person = connected_person(session)
    if person is not None and person.role == "clerk" and person.unit_id != township_id:
        raise ValidationError(
            FieldProblem(
                "township_id",
                f"乡镇经办人员只能为本乡镇（{person.unit_name}）登记记录，不能改为“{unit.name}”。",
            )
        )
    session.info[_INFO_KEY] = township_id
    session.info[_CHOSEN_KEY] = township_id


def chosen_township(session: Session) -> int | None:
    """The township ``work_for_township`` chose for ``session``; None when none was chosen."""
    return session.info.get(_CHOSEN_KEY)


def forget(session: Session) -> None:
    """Drop the cached township (after the township row itself was created)."""
    session.info.pop(_INFO_KEY, None)
    session.info.pop(_PERSON_KEY, None)


def township_of_unit(session: Session, unit_id: int) -> UnitRow | None:
    """The township a village belongs to (a township is its own)."""
    unit = session.get(UnitRow, unit_id)
    if unit is None:
        return None
    if unit.type == UnitType.TOWNSHIP.value:
        return unit
    return unit.parent if unit.parent is not None else None


def _village_id(obj: object) -> int | None:
    for attr in ("unit_id", "village_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    village = getattr(obj, "village", None)
    if isinstance(village, UnitRow) and village.id is not None:
        return village.id
    return None


@event.listens_for(Session, "before_flush")
def _fill_township(session: Session, _flush_context: object, _instances: object) -> None:
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, TownshipOwnedMixin):
            continue
        village_id = _village_id(obj)
        own = township_id_of_session(session)
        if village_id is not None:
            town = township_of_unit(session, village_id)
            if town is None:
                continue
            person = connected_person(session)
            if person is not None and person.role == "clerk" and town.id != own:
                village = session.get(UnitRow, village_id)
                name = village.name if village is not None else str(village_id)
                here = session.get(UnitRow, own) if own is not None else None
                raise ValidationError(
                    FieldProblem(
                        "village_id",
                        f"“{name}”不属于本乡镇（{here.name if here else '未设置'}），"
                        "不能为它登记或修改记录。",
                    )
                )
            if obj.township_id is None or obj in session.new:
                obj.township_id = town.id
        elif obj.township_id is None:
            obj.township_id = own
