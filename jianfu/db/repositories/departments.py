"""Departments that push tasks down."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jianfu.db.models import DepartmentAliasRow, DepartmentRow
from jianfu.db.repositories._search import contains_any
from jianfu.domain.departments import Department, DepartmentLevel
from jianfu.domain.departments import written_forms as domain_written_forms
from jianfu.domain.paging import Page

_LEVEL_ORDER = {"市": 0, "县": 1, "乡镇": 2}


def to_domain(row: DepartmentRow) -> Department:
    """The domain object for a row."""
    return Department(
        id=row.id,
        name=row.name,
        short_name=row.short_name,
        level=DepartmentLevel(row.level),
        active=row.active,
        sort_order=row.sort_order,
        version=row.version,
    )


def find_by_name(session: Session, name: str) -> DepartmentRow | None:
    """The department with exactly this full name."""
    return session.execute(
        select(DepartmentRow).where(DepartmentRow.name == name)
    ).scalar_one_or_none()


def page(
    session: Session,
    *,
    query: str = "",
    include_inactive: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> Page[Department]:
    """One page of departments: active first, then by level, order and name."""
    stmt = select(DepartmentRow)
    if query:
        stmt = stmt.where(contains_any((DepartmentRow.name, DepartmentRow.short_name), query))
    if not include_inactive:
        stmt = stmt.where(DepartmentRow.active.is_(True))
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    rows = session.execute(
        stmt.order_by(
            DepartmentRow.active.desc(),
            DepartmentRow.sort_order,
            DepartmentRow.id,
        )
        .offset(offset)
        .limit(limit)
    ).scalars()
    return Page([to_domain(r) for r in rows], total, offset)


def offered_names(session: Session, used: Iterable[str]) -> list[str]:
    """The department names a form offers: the active departments in the table's order, then
    the other names ``used`` before (by the records of a flow), each once, none blank. A
    name used that is another way of writing a department of the table (县民政局 for
    南屏县民政局, :func:`written_forms`) is not offered beside it."""
    names = list(
        session.execute(
            select(DepartmentRow.name)
            .where(DepartmentRow.active.is_(True))
            .order_by(DepartmentRow.sort_order, DepartmentRow.id)
        ).scalars()
    )
    known = set(names) | set(written_forms(session))
    for name in used:
        if name and name not in known:
            known.add(name)
            names.append(name)
    return names


def written_forms(session: Session) -> dict[str, str]:
    """Each other way an active department is written -> its full name (简称, the county's
    name left out or kept as 县, the names a clerk mapped to it): see
    :func:`jianfu.domain.departments.written_forms`."""
    from jianfu.db.repositories import settings as settings_repo

    county = settings_repo.load_township(session).county_name
    active = DepartmentRow.active.is_(True)
    rows = session.execute(select(DepartmentRow.name, DepartmentRow.short_name).where(active))
    aliases = session.execute(
        select(DepartmentAliasRow.alias, DepartmentRow.name)
        .join(DepartmentRow, DepartmentAliasRow.department_id == DepartmentRow.id)
        .where(active)
    )
    return domain_written_forms(
        [(name, short or "") for name, short in rows],
        county,
        [(alias, name) for alias, name in aliases],
    )


def max_sort_order(session: Session) -> int:
    """The largest sort order among departments (0 when none)."""
    return session.execute(
        select(func.coalesce(func.max(DepartmentRow.sort_order), 0))
    ).scalar_one()


def find_by_short_name(session: Session, short_name: str) -> DepartmentRow | None:
    """The first department whose short name is exactly this."""
    return session.execute(
        select(DepartmentRow).where(DepartmentRow.short_name == short_name).limit(1)
    ).scalar_one_or_none()


def find_by_alias(session: Session, alias: str) -> DepartmentRow | None:
    """The department a clerk once mapped this written name (e.g. 县民政局) to."""
    return session.execute(
        select(DepartmentRow)
        .join(DepartmentAliasRow, DepartmentAliasRow.department_id == DepartmentRow.id)
        .where(DepartmentAliasRow.alias == alias)
    ).scalar_one_or_none()


def remember_alias(session: Session, alias: str, department_id: int) -> bool:
    """Map ``alias`` to the department from now on; True when something changed."""
    row = session.execute(
        select(DepartmentAliasRow).where(DepartmentAliasRow.alias == alias)
    ).scalar_one_or_none()
    if row is not None:
        if row.department_id == department_id:
            return False
        row.department_id = department_id
    else:
        session.add(DepartmentAliasRow(alias=alias, department_id=department_id))
    session.flush()
    return True
