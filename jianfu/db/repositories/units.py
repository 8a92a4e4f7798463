"""Villages/communities and the township row."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from jianfu.db.models import UnitRow
from jianfu.db.repositories._search import contains_any
from jianfu.db.township import forget, township_id_of_session
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.paging import Page
from jianfu.domain.units import Unit, UnitType, township_label

#: the types a village/community has (the tree's other units are townships, counties, a city)
VILLAGE_TYPES: tuple[str, ...] = tuple(t.value for t in UnitType.village_types())


def is_village() -> ColumnElement[bool]:
    """A unit that is a village or community (a unit with a parent may be a township too)."""
    return UnitRow.type.in_(VILLAGE_TYPES)


def to_domain(row: UnitRow, township: str = "") -> Unit:
    """The domain object for a row."""
    return Unit(
        id=row.id,
        name=row.name,
        type=UnitType(row.type),
        sort_order=row.sort_order,
        active=row.active,
        notes=row.notes,
        version=row.version,
        township=township,
        township_id=row.parent_id if township else None,
    )


def township(session: Session) -> UnitRow | None:
    """The township this session works for: the connected clerk's, else the first one."""
    town_id = township_id_of_session(session)
    return session.get(UnitRow, town_id) if town_id is not None else None


def township_count(session: Session) -> int:
    """How many townships the database holds (a single file: one)."""
    return int(
        session.execute(
            select(func.count()).select_from(UnitRow).where(UnitRow.type == UnitType.TOWNSHIP.value)
        ).scalar_one()
    )


def has_township(session: Session) -> bool:
    """True once the database holds a township."""
    return township_id_of_session(session) is not None


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
    parent_id: int | Sequence[int],
    *,
    query: str = "",
    include_inactive: bool = True,
    offset: int = 0,
    limit: int = 200,
    with_county: bool = False,
) -> Page[Unit]:
    """One page of the township's villages/communities, in the clerk's order; several
    townships (a county's): by township, then each one's order, with the township's name,
    led by its county with ``with_county`` (北岭县/石门乡, where the reader's area holds
    several counties)."""
    parents = [parent_id] if isinstance(parent_id, int) else list(parent_id)
    where: list[ColumnElement[bool]] = [UnitRow.parent_id.in_(parents)]
    if query and isinstance(parent_id, int):
        where.append(contains_any((UnitRow.name, UnitRow.notes), query))
    elif query:
        # several townships: each row names its township (and county), so a search for 石门乡
        # finds its villages (it found none: only the village's name and notes were searched)
        up, above = aliased(UnitRow), aliased(UnitRow)
        towns_named = (
            select(up.id)
            .outerjoin(above, above.id == up.parent_id)
            .where(up.id.in_(parents), contains_any((up.name, above.name), query))
        )
        where.append(
            or_(
                contains_any((UnitRow.name, UnitRow.notes), query),
                UnitRow.parent_id.in_(towns_named),
            )
        )
    if not include_inactive:
        where.append(UnitRow.active.is_(True))
    total = session.execute(select(func.count(UnitRow.id)).where(*where)).scalar_one()
    order = (UnitRow.active.desc(), UnitRow.sort_order, UnitRow.id)
    if isinstance(parent_id, int):
        rows = session.execute(
            select(UnitRow).where(*where).order_by(*order).offset(offset).limit(limit)
        ).scalars()
        return Page([to_domain(r) for r in rows], total, offset)
    town, county = aliased(UnitRow), aliased(UnitRow)
    stmt = select(UnitRow, town.name, county.name if with_county else literal(""))
    stmt = stmt.join(town, town.id == UnitRow.parent_id)
    if with_county:
        stmt = stmt.outerjoin(county, county.id == town.parent_id)
    named = session.execute(
        stmt.where(*where).order_by(town.sort_order, town.id, *order).offset(offset).limit(limit)
    ).all()
    return Page(
        [to_domain(r, township_label(name, up or "")) for r, name, up in named], total, offset
    )


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


def names_of_types(session: Session, types: Sequence[str]) -> list[str]:
    """The active units of ``types`` as ``jianfu users add --unit`` takes them: by name, or
    ``南屏县/城关镇`` where several share the name; in the tree's order."""
    parent = aliased(UnitRow)
    rows = session.execute(
        select(UnitRow.name, parent.name)
        .outerjoin(parent, UnitRow.parent_id == parent.id)
        .where(UnitRow.type.in_(list(types)), UnitRow.active.is_(True))
        .order_by(UnitRow.sort_order, UnitRow.id)
    ).all()
    names = [name for name, _up in rows]
    return [f"{up}/{name}" if up and names.count(name) > 1 else name for name, up in rows]


def named_one(session: Session, name: str, *, empty: str) -> UnitRow:
    """The one unit called ``name`` (``县名/乡镇名`` when several share it), or a Chinese
    refusal naming the repeats; ``empty``: the refusal of an empty name."""
    if not name.strip():
        raise ValidationError(FieldProblem("unit", empty))
    found = named(session, name)
    if not found:
        raise NotFoundError(f"没有名为“{name.strip()}”的乡镇(街道)、县(市、区)或市，请检查名称。")
    if len(found) > 1:
        where = "、".join(
            f"{row.parent.name}/{row.name}" if row.parent is not None else row.name for row in found
        )
        raise ValidationError(
            FieldProblem(
                "unit",
                f"有 {len(found)} 个单位名为“{name.strip()}”（{where}），"
                "请写成“上级名称/单位名称”，如 " + where.split("、")[0] + "。",
            )
        )
    return found[0]


def townships_with_parents(session: Session) -> list[tuple[int, str, str]]:
    """Every township the session may read, as (id, name, its county's name), in the tree's
    order (by county, then each county's order)."""
    parent = aliased(UnitRow)
    rows = session.execute(
        select(UnitRow.id, UnitRow.name, func.coalesce(parent.name, ""))
        .outerjoin(parent, parent.id == UnitRow.parent_id)
        .where(UnitRow.type == UnitType.TOWNSHIP.value)
        .order_by(parent.sort_order, parent.id, UnitRow.sort_order, UnitRow.id)
    ).all()
    return [(int(i), str(n), str(p)) for i, n, p in rows]


def township_and_county(session: Session, unit_id: int) -> tuple[str, str]:
    """The township ``unit_id``'s name and its county's ("" for a township with no county
    above it, as a township's own file has; ("", "") for no such unit)."""
    county = aliased(UnitRow)
    row = session.execute(
        select(UnitRow.name, county.name)
        .outerjoin(
            county,
            and_(county.id == UnitRow.parent_id, county.type == UnitType.COUNTY.value),
        )
        .where(UnitRow.id == unit_id)
    ).first()
    return (str(row[0]), str(row[1] or "")) if row is not None else ("", "")


def counties_in_area(session: Session, unit_id: int | None) -> int:
    """How many counties (the units right above townships) hold the townships at or below
    ``unit_id``; those of every township in the database when ``None`` (a file, the server's
    owner). More than one: a township's name may repeat, so lists name each with its county."""
    stmt = select(func.count(func.distinct(UnitRow.parent_id))).where(
        UnitRow.type == UnitType.TOWNSHIP.value, UnitRow.parent_id.is_not(None)
    )
    if unit_id is not None:
        stmt = stmt.where(UnitRow.id.in_(townships_below(session, unit_id)))
    return int(session.execute(stmt).scalar_one())


def townships_below(session: Session, unit_id: int) -> list[int]:
    """The townships at or below ``unit_id`` (a township: itself), walking the tree in SQL."""
    tree = (
        select(UnitRow.id, UnitRow.type).where(UnitRow.id == unit_id).cte("below", recursive=True)
    )
    child = select(UnitRow.id, UnitRow.type).join(
        tree, and_(UnitRow.parent_id == tree.c.id, tree.c.type != UnitType.TOWNSHIP.value)
    )
    tree = tree.union_all(child)
    return list(
        session.execute(
            select(tree.c.id).where(tree.c.type == UnitType.TOWNSHIP.value).order_by(tree.c.id)
        ).scalars()
    )
