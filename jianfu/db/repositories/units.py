"""Villages/communities and the township row."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from jianfu.db.models import UnitRow
from jianfu.db.township import forget, township_id_of_session
from jianfu.domain.paging import Page
from jianfu.domain.units import Unit, UnitType


def to_domain(row: UnitRow) -> Unit:
    """The domain object for a row."""
    return Unit(
        id=row.id,
        name=row.name,
        type=UnitType(row.type),
        sort_order=row.sort_order,
        active=row.active,
        notes=row.notes,
        version=row.version,
    )


def township(session: Session) -> UnitRow | None:
    """The township this session works for: the connected clerk's, else the first one."""
    town_id = township_id_of_session(session)
    return session.get(UnitRow, town_id) if town_id is not None else None


def ensure_township(session: Session, name: str) -> UnitRow:
    """The township row, created (or renamed) to ``name``."""
    row = township(session)
    if row is None:
        row = UnitRow(name=name, type=UnitType.TOWNSHIP.value, sort_order=0)
        session.add(row)
        session.flush()
        forget(session)
    elif name and row.name != name:
        row.name = name
    return row


def find_by_name(session: Session, parent_id: int, name: str) -> UnitRow | None:
    """The village/community of this township with exactly this name."""
    return session.execute(
        select(UnitRow).where(UnitRow.parent_id == parent_id, UnitRow.name == name)
    ).scalar_one_or_none()


def page(
    session: Session,
    parent_id: int,
    *,
    query: str = "",
    include_inactive: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> Page[Unit]:
    """One page of the township's villages/communities, in the clerk's order."""
    stmt = select(UnitRow).where(UnitRow.parent_id == parent_id)
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(UnitRow.name.ilike(like), UnitRow.notes.ilike(like)))
    if not include_inactive:
        stmt = stmt.where(UnitRow.active.is_(True))
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    rows = session.execute(
        stmt.order_by(UnitRow.active.desc(), UnitRow.sort_order, UnitRow.id)
        .offset(offset)
        .limit(limit)
    ).scalars()
    return Page([to_domain(r) for r in rows], total, offset)


def max_sort_order(session: Session, parent_id: int) -> int:
    """The largest sort order among the township's units (0 when none)."""
    return session.execute(
        select(func.coalesce(func.max(UnitRow.sort_order), 0)).where(UnitRow.parent_id == parent_id)
    ).scalar_one()


def named(session: Session, name: str) -> list[UnitRow]:
    """Every unit called ``name``; ``南屏县/城关镇`` (a parent's name, a slash, the unit's
    name) picks the one under that parent when several units share a name."""
    parent_name, _slash, own = name.strip().rpartition("/")
    stmt = select(UnitRow).where(UnitRow.name == own.strip())
    if parent_name.strip():
        parent = aliased(UnitRow)
        stmt = stmt.join(parent, UnitRow.parent_id == parent.id).where(
            parent.name == parent_name.strip()
        )
    return list(session.execute(stmt.order_by(UnitRow.id)).scalars())
