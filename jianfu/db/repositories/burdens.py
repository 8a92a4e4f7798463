"""The other burdens: types and entries, filtered and paged in SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from jianfu.db.models import UnitRow
from jianfu.db.models_burdens import BurdenRow, BurdenTypeRow
from jianfu.db.repositories._search import contains_any
from jianfu.domain.burdens import (
    PENDING,
    BurdenFilter,
    BurdenRecord,
    BurdenType,
    CleanupAction,
)
from jianfu.domain.paging import Page

ALIAS_SEPARATOR = "、"


def type_to_domain(row: BurdenTypeRow) -> BurdenType:
    """The domain type for a row."""
    aliases = tuple(a for a in row.aliases.split(ALIAS_SEPARATOR) if a)
    return BurdenType(row.code, row.name, row.sort_order, aliases)


def types(session: Session) -> list[BurdenType]:
    """Every burden type, in order."""
    rows = session.execute(select(BurdenTypeRow).order_by(BurdenTypeRow.sort_order)).scalars()
    return [type_to_domain(r) for r in rows]


def type_ids(session: Session) -> dict[str, int]:
    """type code -> row id."""
    return {
        code: id_ for id_, code in session.execute(select(BurdenTypeRow.id, BurdenTypeRow.code))
    }


def to_domain(row: BurdenRow, unit_name: str, type_code: str) -> BurdenRecord:
    """The domain record for a row of village ``unit_name`` and type ``type_code``."""
    return BurdenRecord(
        id=row.id,
        unit_id=row.unit_id,
        unit_name=unit_name,
        type=type_code,
        name=row.name,
        department=row.department,
        frequency=row.frequency,
        basis=row.basis,
        action=CleanupAction(row.action) if row.action else None,
        action_date=row.action_date,
        notes=row.notes,
        version=row.version,
    )


def record(session: Session, row: BurdenRow) -> BurdenRecord:
    """The domain record for a loaded row (reads its village and type)."""
    return to_domain(row, row.unit.name, row.type.code)


def _select(f: BurdenFilter) -> Select[BurdenRow, str, str]:
    stmt = (
        select(BurdenRow, UnitRow.name, BurdenTypeRow.code)
        .join(UnitRow, BurdenRow.unit_id == UnitRow.id)
        .join(BurdenTypeRow, BurdenRow.type_id == BurdenTypeRow.id)
    )
    if f.unit_id is not None:
        stmt = stmt.where(BurdenRow.unit_id == f.unit_id)
    if f.township_id is not None:
        stmt = stmt.where(UnitRow.parent_id == f.township_id)
    if f.type:
        stmt = stmt.where(BurdenTypeRow.code == f.type)
    if f.action == PENDING:
        stmt = stmt.where(BurdenRow.action.is_(None))
    elif f.action:
        stmt = stmt.where(BurdenRow.action == f.action)
    query = f.query.strip()
    if query:
        columns = (BurdenRow.name, BurdenRow.department, BurdenRow.basis, BurdenRow.notes)
        # the village and its township too, as the 村(社区) column shows them: the county's
        # reviewer typed 石门乡 and got 符合条件 0 项
        town = aliased(UnitRow)
        towns = select(town.id).where(contains_any((town.name,), query))
        stmt = stmt.where(
            or_(
                contains_any((*columns, UnitRow.name), query),
                UnitRow.parent_id.in_(towns),
            )
        )
    return stmt


def _ordered(stmt: Select[BurdenRow, str, str]) -> Select[BurdenRow, str, str]:
    return stmt.order_by(UnitRow.sort_order, UnitRow.id, BurdenTypeRow.sort_order, BurdenRow.id)


def page(
    session: Session, f: BurdenFilter, offset: int = 0, limit: int = 200
) -> Page[BurdenRecord]:
    """One page of the entries matching ``f``: by village, type, then entry order."""
    stmt = _select(f)
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    result = session.execute(_ordered(stmt).offset(offset).limit(limit))
    return Page([to_domain(row, unit, code) for row, unit, code in result], total, offset)


def all_records(
    session: Session,
    f: BurdenFilter | None = None,
    *,
    township_ids: Collection[int] | None = None,
) -> list[BurdenRecord]:
    """Every entry matching ``f`` (all entries without a filter), in ledger order; only the
    entries of ``township_ids`` when given."""
    stmt = _select(f or BurdenFilter())
    if township_ids is not None:
        stmt = stmt.where(BurdenRow.township_id.in_(list(township_ids)))
    result = session.execute(_ordered(stmt))
    return [to_domain(row, unit, code) for row, unit, code in result]


def find(session: Session, unit_id: int, type_id: int, name: str) -> BurdenRow | None:
    """The entry of this village and type with exactly this name."""
    return session.execute(
        select(BurdenRow).where(
            BurdenRow.unit_id == unit_id, BurdenRow.type_id == type_id, BurdenRow.name == name
        )
    ).scalar_one_or_none()


def existing_keys(session: Session, unit_ids: Sequence[int]) -> set[tuple[int, str, str]]:
    """(unit id, type code, name) of every entry of these villages."""
    if not unit_ids:
        return set()
    rows = session.execute(
        select(BurdenRow.unit_id, BurdenTypeRow.code, BurdenRow.name)
        .join(BurdenTypeRow, BurdenRow.type_id == BurdenTypeRow.id)
        .where(BurdenRow.unit_id.in_(list(unit_ids)))
    )
    return {(u, c, n) for u, c, n in rows}
