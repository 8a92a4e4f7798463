"""Signboards: categories, the allowed set, the ledger with filters in SQL, counts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session, aliased

from jianfu.db.models import UnitRow
from jianfu.db.models_boards import (
    BoardAllowedRuleRow,
    BoardCategoryRow,
    BoardInspectionRow,
    BoardPhotoRow,
    SignboardRow,
)
from jianfu.db.repositories import units as units_repo
from jianfu.db.repositories._search import contains_any
from jianfu.domain.boards import (
    AllowedRule,
    AllowedSet,
    BoardCategory,
    BoardCount,
    BoardCounts,
    BoardFilter,
    BoardInput,
    BoardPhoto,
    BoardStatus,
    Disposition,
    Inspection,
    PhotoStage,
    Placement,
    Signboard,
)
from jianfu.domain.paging import Page

TAKES_DOWN = (Disposition.REMOVE.value, Disposition.MERGE.value)

# ---------------------------------------------------------------- conversion


def to_domain(row: SignboardRow, village: str, category: str) -> Signboard:
    """The domain board for a row, with its village's and category's names."""
    return Signboard(
        id=row.id,
        village_id=row.unit_id,
        village=village,
        name=row.name,
        category=category,
        placement=Placement(row.placement),
        room=row.room,
        department=row.department,
        basis=row.basis,
        size_material=row.size_material,
        quantity=row.quantity,
        disposition=Disposition(row.disposition) if row.disposition else None,
        disposed_on=row.disposed_on,
        status=BoardStatus(row.status),
        registered_on=row.registered_on,
        approved_addition=row.approved_addition,
        approval_document=row.approval_document,
        first_reviewer=row.first_reviewer,
        second_reviewer=row.second_reviewer,
        notes=row.notes,
        allowed=row.allowed,
        relapse_count=row.relapse_count,
        relapsed_on=row.relapsed_on,
        last_inspected_on=row.last_inspected_on,
        photo_count=row.photo_count,
        version=row.version,
    )


def apply_input(row: SignboardRow, data: BoardInput, category_id: int) -> None:
    """Copy a cleaned input onto a row (status and the allowed flag are the caller's)."""
    assert data.village_id is not None and isinstance(data.placement, Placement)
    row.unit_id = data.village_id
    row.name = data.name
    row.category_id = category_id
    row.placement = data.placement.value
    row.room = data.room
    row.department = data.department
    row.basis = data.basis
    row.size_material = data.size_material
    row.quantity = data.quantity
    disposition = data.disposition
    row.disposition = disposition.value if isinstance(disposition, Disposition) else None
    row.disposed_on = data.disposed_on
    row.registered_on = data.registered_on or dt.date.today()
    row.approved_addition = data.approved_addition
    row.approval_document = data.approval_document
    row.first_reviewer = data.first_reviewer
    row.second_reviewer = data.second_reviewer
    row.notes = data.notes


def photo_to_domain(row: BoardPhotoRow) -> BoardPhoto:
    """The domain photo for a row."""
    return BoardPhoto(
        id=row.id,
        board_id=row.board_id,
        stage=PhotoStage(row.stage),
        file=row.file,
        original_name=row.original_name,
        width=row.width,
        height=row.height,
        size_bytes=row.size_bytes,
    )


def inspection_to_domain(row: BoardInspectionRow) -> Inspection:
    """The domain inspection for a row."""
    return Inspection(
        board_id=row.board_id,
        inspected_on=row.inspected_on,
        inspector=row.inspector,
        finding=row.finding,
        found_hanging=row.found_hanging,
        relapse=row.relapse,
        id=row.id,
    )


# ---------------------------------------------------------------- categories and rules


def categories(session: Session, *, include_inactive: bool = False) -> list[BoardCategory]:
    """The categories in their order."""
    stmt = select(BoardCategoryRow).order_by(BoardCategoryRow.sort_order, BoardCategoryRow.id)
    if not include_inactive:
        stmt = stmt.where(BoardCategoryRow.active.is_(True))
    return [
        BoardCategory(r.name, r.sort_order, r.active, r.id) for r in session.execute(stmt).scalars()
    ]


def category_ids(session: Session) -> dict[str, int]:
    """Category name -> id (inactive ones included: old boards keep them)."""
    return {
        name: id_
        for id_, name in session.execute(select(BoardCategoryRow.id, BoardCategoryRow.name))
    }


def allowed_set(session: Session) -> AllowedSet:
    """The allowed set as stored."""
    rows = session.execute(
        select(BoardAllowedRuleRow).order_by(BoardAllowedRuleRow.sort_order, BoardAllowedRuleRow.id)
    ).scalars()
    return AllowedSet(
        tuple(
            AllowedRule(
                r.name,
                tuple(k for k in r.keywords.split("、") if k),
                Placement(r.placement) if r.placement else None,
                r.sort_order,
                r.id,
            )
            for r in rows
        )
    )


def replace_rules(session: Session, rules: Sequence[AllowedRule]) -> None:
    """Store ``rules`` as the whole allowed set."""
    session.query(BoardAllowedRuleRow).delete()
    for order, rule in enumerate(rules, start=1):
        session.add(
            BoardAllowedRuleRow(
                name=rule.name,
                keywords="、".join(rule.keywords),
                placement=rule.placement.value if rule.placement else None,
                sort_order=order * 10,
            )
        )
    session.flush()


def recompute_allowed(session: Session, rules: AllowedSet, chunk: int = 5000) -> int:
    """Set every board's allowed flag from ``rules``; returns how many changed."""
    changed_true: list[int] = []
    changed_false: list[int] = []
    stmt = select(SignboardRow.id, SignboardRow.name, SignboardRow.placement, SignboardRow.allowed)
    for id_, name, placement, allowed in session.execute(stmt.execution_options(yield_per=chunk)):
        now = rules.allows(name, Placement(placement))
        if now != allowed:
            (changed_true if now else changed_false).append(id_)
    for flag, ids in ((True, changed_true), (False, changed_false)):
        for start in range(0, len(ids), 900):
            session.execute(
                update(SignboardRow)
                .where(SignboardRow.id.in_(ids[start : start + 900]))
                .values(allowed=flag, version=SignboardRow.version + 1)
                .execution_options(synchronize_session=False)
            )
    return len(changed_true) + len(changed_false)


# ---------------------------------------------------------------- the ledger

SORT_COLUMNS = {
    "entry": (SignboardRow.id,),
    "village": (UnitRow.sort_order, UnitRow.id, SignboardRow.id),
    # Chinese text by pinyin: by its stored key (``db.sort_keys``), through its index (0033)
    "name": (SignboardRow.name_key, SignboardRow.id),
    "category": (BoardCategoryRow.sort_order, SignboardRow.id),
    "placement": (SignboardRow.placement, SignboardRow.room, SignboardRow.id),
    "department": (SignboardRow.department_key, SignboardRow.id),
    "disposition": (SignboardRow.disposition, SignboardRow.id),
    "disposed_on": (SignboardRow.disposed_on, SignboardRow.id),
    "status": (SignboardRow.status, SignboardRow.id),
}


def filtered(f: BoardFilter) -> Select[SignboardRow, str, str]:
    """The boards matching ``f`` with their village's and category's names."""
    stmt = (
        select(SignboardRow, UnitRow.name, BoardCategoryRow.name)
        .join(UnitRow, SignboardRow.unit_id == UnitRow.id)
        .join(BoardCategoryRow, SignboardRow.category_id == BoardCategoryRow.id)
    )
    return stmt.where(*conditions(f))


def conditions(f: BoardFilter) -> list[ColumnElement[bool]]:
    """The WHERE terms of a filter (on ``signboard`` and ``board_category`` only)."""
    out: list[ColumnElement[bool]] = []
    if f.townships:
        out.append(SignboardRow.township_id.in_(f.townships))
    if f.village_id is not None:
        out.append(SignboardRow.unit_id == f.village_id)
    if f.category:
        out.append(
            SignboardRow.category_id.in_(
                select(BoardCategoryRow.id).where(BoardCategoryRow.name == f.category)
            )
        )
    if f.status:
        out.append(SignboardRow.status == f.status)
    if f.flagged is not None:
        out.append(SignboardRow.allowed.is_(not f.flagged))
    if f.attention:
        out.append(
            or_(
                and_(
                    SignboardRow.status == BoardStatus.PENDING.value,
                    SignboardRow.allowed.is_(False),
                ),
                SignboardRow.status == BoardStatus.RELAPSED.value,
            )
        )
    query = f.query.strip()
    if query:
        columns = (SignboardRow.name, SignboardRow.department, SignboardRow.room)
        out.append(contains_any(columns, query))
    return out


def count(session: Session, f: BoardFilter) -> int:
    """How many boards match (rows, not quantities)."""
    # count(*), not count(id): the id is in no index but the primary key, so on PostgreSQL
    # count(id) read every matching row from the table where an index answers count(*) alone
    stmt = select(func.count()).select_from(SignboardRow).where(*conditions(f))
    return session.execute(stmt).scalar_one()


#: Beyond every sort_order (a 32-bit integer): where a walk in village order starts.
_LOWEST, _HIGHEST = -(2**31), 2**31 - 1
#: Fewer matches than this many pages: the first page in village order is read by sorting the
#: matches, not by walking every board in order (see :func:`page_after`).
_WALK_FROM = 3
#: sort columns that may hold NULL (a board not yet disposed of)
_NULLABLE = frozenset({"disposition", "disposed_on"})

BoardKey = tuple[Any, ...]


def page(session: Session, f: BoardFilter, offset: int = 0, limit: int = 200) -> Page[Signboard]:
    """One page of the ledger, sorted in SQL."""
    return page_after(session, f, offset, limit)[0]


def _after_key(
    keys: Sequence[ColumnElement[Any]],
    after: BoardKey,
    descending: bool,
    nulls_smallest: bool,
) -> ColumnElement[bool]:
    """The rows that come after the key ``after`` in the order ``keys`` (all ascending or all
    descending), where NULL sorts as the database sorts it: below every value on SQLite, above
    every value on PostgreSQL. ``(k1 after v1) OR (k1 = v1 AND ((k2 after v2) OR …))``."""

    def beyond(column: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
        # NULL is the first value met in this direction (ascending with NULL smallest, or
        # descending with NULL largest) or the last one
        null_first = nulls_smallest != descending
        if value is None:
            return column.is_not(None) if null_first else false()
        ahead = column < value if descending else column > value
        return ahead if null_first else or_(ahead, column.is_(None))

    def same(column: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
        return column.is_(None) if value is None else column == value

    *head, tail = range(len(keys))
    out = beyond(keys[tail], after[tail])
    for i in reversed(head):
        out = or_(beyond(keys[i], after[i]), and_(same(keys[i], after[i]), out))
    return out


def page_after(
    session: Session,
    f: BoardFilter,
    offset: int = 0,
    limit: int = 200,
    after: BoardKey | None = None,
) -> tuple[Page[Signboard], BoardKey | None]:
    """One page of the ledger, and the key of its last row (its sort columns, the board's id
    last).

    Given ``after``, the key of the previous page's last row, the page starts right after it
    (keyset), so page 300 costs what page 1 does, in every sort; else it skips ``offset``
    rows. In village order a bound on the key (village sort_order, village id, board id) also
    on the first page lets the database walk the indexes unit(sort_order, id) and
    signboard(unit_id, id) in order instead of sorting every board.
    """
    total = count(session, f)
    if total == 0:  # a search that finds nothing: no page to read
        return Page([], 0, offset), None
    sort = f.sort if f.sort in SORT_COLUMNS else "entry"
    keys: Sequence[ColumnElement[Any]] = [k.expression for k in SORT_COLUMNS[sort]]
    order = [k.desc() for k in keys] if f.descending else list(keys)
    stmt = filtered(f).order_by(*order).add_columns(*keys)
    # Few boards match (a search for 书屋12: 190 of 100,000): walking every board in village
    # order to find them reads them all through the index (SQLite: 250-370 ms); the first
    # page is then read by sorting the matches (about a quarter of that; the same rows)
    walk = after is not None or total >= _WALK_FROM * limit
    if sort == "village" and walk:
        key = tuple_(*keys)
        if f.descending:
            stmt = stmt.where(key < (after or (_HIGHEST,) * 3))
        else:
            stmt = stmt.where(key > (after or (_LOWEST,) * 3))
    elif after is not None and sort in _NULLABLE:
        nulls_smallest = session.get_bind().dialect.name == "sqlite"
        stmt = stmt.where(_after_key(keys, after, f.descending, nulls_smallest))
    elif after is not None:  # no NULL in these columns: one row comparison
        key = tuple_(*keys)
        stmt = stmt.where(key < after if f.descending else key > after)
    if after is None:
        stmt = stmt.offset(offset)
    rows = session.execute(stmt.limit(limit)).all()
    last = tuple(rows[-1][3:]) if rows else None
    boards = [to_domain(r[0], r[1], r[2]) for r in rows]
    return Page(boards, total, offset), last


def ids_matching(session: Session, f: BoardFilter) -> list[int]:
    """The ids of every board matching ``f``."""
    return list(session.execute(select(SignboardRow.id).where(*conditions(f))).scalars())


def iter_boards(
    session: Session, f: BoardFilter, chunk: int = 2000, *, by_township: bool = False
) -> Iterator[Signboard]:
    """Every board matching ``f`` in village order, streamed; ``by_township`` (several
    townships' boards, a county's export): township by township, as their villages are
    listed (each township orders its own villages)."""
    stmt = filtered(f)
    order: list[Any] = [UnitRow.sort_order, BoardCategoryRow.sort_order, SignboardRow.id]
    if by_township:
        town = aliased(UnitRow)
        stmt = stmt.outerjoin(town, town.id == UnitRow.parent_id)
        order[:0] = [town.sort_order, town.id]
    for r, v, c in session.execute(stmt.order_by(*order).execution_options(yield_per=chunk)):
        yield to_domain(r, v, c)


def get(session: Session, board_id: int) -> Signboard | None:
    """One board, or ``None``."""
    row = session.execute(filtered(BoardFilter()).where(SignboardRow.id == board_id)).one_or_none()
    return to_domain(*row) if row else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def find_duplicate(
    session: Session, unit_id: int, name: str, placement: str, room: str, own_id: int | None
) -> SignboardRow | None:
    """Another board of the village with the same name at the same place."""
    stmt = select(SignboardRow).where(
        SignboardRow.unit_id == unit_id,
        SignboardRow.name == name,
        SignboardRow.placement == placement,
    )
    for row in session.execute(stmt).scalars():
        if row.id != own_id and _squash(row.room) == _squash(room):
            return row
    return None


def namesakes(session: Session, unit_id: int, name: str) -> list[tuple[str, str]]:
    """(placement, room) of each board of the village whose name is ``name``, spaces aside
    (``name`` without spaces)."""
    stmt = select(SignboardRow.name, SignboardRow.placement, SignboardRow.room).where(
        SignboardRow.unit_id == unit_id, contains_any((SignboardRow.name,), name)
    )
    return [
        (placement, room)
        for found, placement, room in session.execute(stmt)
        if "".join(found.split()) == name
    ]


def existing_keys(
    session: Session, unit_ids: Iterable[int]
) -> dict[tuple[int | None, str, str, str], int]:
    """(village id, name, placement, room) of the boards already in those villages -> id."""
    ids = list(set(unit_ids))
    out: dict[tuple[int | None, str, str, str], int] = {}
    for start in range(0, len(ids), 500):
        stmt = select(
            SignboardRow.id,
            SignboardRow.unit_id,
            SignboardRow.name,
            SignboardRow.placement,
            SignboardRow.room,
        ).where(SignboardRow.unit_id.in_(ids[start : start + 500]))
        for id_, unit, name, placement, room in session.execute(stmt):
            out[(unit, _squash(name), placement, _squash(room))] = id_
    return out


def departments(session: Session, limit: int = 200) -> list[str]:
    """The departments named most often, for completion."""
    rows = session.execute(
        select(SignboardRow.department, func.count())
        .where(SignboardRow.department != "")
        .group_by(SignboardRow.department)
        .order_by(func.count().desc())
        .limit(limit)
    )
    return [d for d, _n in rows]


# ---------------------------------------------------------------- counts


def _hanging(day: dt.date) -> ColumnElement[bool]:
    """SQL for :func:`jianfu.domain.boards.hanging_on` on ``day``."""
    b = SignboardRow
    return and_(
        or_(b.approved_addition.is_(False), b.registered_on <= day),
        or_(
            b.disposition.is_(None),
            b.disposition.not_in(TAKES_DOWN),
            b.disposed_on.is_(None),
            b.disposed_on > day,
            and_(
                b.relapsed_on.is_not(None),
                b.relapsed_on >= b.disposed_on,
                b.relapsed_on <= day,
            ),
        ),
    )


_Int = ColumnElement[int]


def _count_columns(
    start: dt.date, end: dt.date, registered_by: dt.date | None = None
) -> tuple[_Int, _Int, _Int, _Int, _Int]:
    """期初, 清理, 新增(经批准), 反弹, 期末 as SQL sums of quantities; of the boards registered
    by ``registered_by`` alone when given (the query itself reads those of a later day)."""
    b = SignboardRow
    eve = start - dt.timedelta(days=1)

    def qsum(cond: ColumnElement[bool]) -> ColumnElement[int]:
        if registered_by is not None:
            cond = and_(b.registered_on <= registered_by, cond)
        return func.coalesce(func.sum(case((cond, b.quantity), else_=0)), 0)

    return (
        qsum(_hanging(eve)),
        qsum(and_(b.disposition.in_(TAKES_DOWN), b.disposed_on.between(start, end))),
        qsum(and_(b.approved_addition.is_(True), b.registered_on.between(start, end))),
        qsum(
            and_(
                b.relapsed_on.between(start, end),
                b.disposed_on.is_not(None),
                b.relapsed_on >= b.disposed_on,
            )
        ),
        qsum(_hanging(end)),
    )


VillageCounts = dict[int, tuple[int, int, int, int, int]]


def village_counts(
    session: Session, start: dt.date, end: dt.date, township_ids: Collection[int] | None = None
) -> VillageCounts:
    """Per village (all categories): 期初, 清理, 新增(经批准), 反弹, 期末 — what the period
    report needs, summed in SQL rather than per category in Python; only the boards of
    ``township_ids`` when given."""
    return village_counts_of(session, [(start, end)], township_ids)[0]


def village_counts_of(
    session: Session,
    spans: Sequence[tuple[dt.date, dt.date]],
    township_ids: Collection[int] | None = None,
) -> list[VillageCounts]:
    """``village_counts`` of each span of days (start, end), the boards read once for all
    (a report's period, the one before it and the days since its baseline: at a city the
    area's 100,000 boards were read for each)."""
    b = SignboardRow
    last = max(end for _start, end in spans)
    columns = [
        column
        for start, end in spans
        for column in _count_columns(start, end, end if end < last else None)
    ]
    stmt = select(b.unit_id, *columns).where(b.registered_on <= last)
    if township_ids is not None:
        stmt = stmt.where(b.township_id.in_(list(township_ids)))
    stmt = stmt.group_by(b.unit_id)
    out: list[VillageCounts] = [{} for _ in spans]
    for unit, *sums in session.execute(stmt):
        for i, counts in enumerate(out):
            bf, cl, ad, rl, nw = sums[5 * i : 5 * i + 5]
            counts[unit] = (int(bf), int(cl), int(ad), int(rl), int(nw))
    return out


def counts(
    session: Session,
    start: dt.date,
    end: dt.date,
    township_ids: Collection[int] | None = None,
) -> BoardCounts:
    """Boards per village and category: 期初, 清理, 新增(经批准), 反弹, 期末 (quantities);
    only the villages (and boards) of ``township_ids`` when given."""
    b = SignboardRow
    where = [b.registered_on <= end]
    village_where = [units_repo.is_village()]
    if township_ids is not None:
        where.append(b.township_id.in_(list(township_ids)))
        village_where.append(UnitRow.parent_id.in_(list(township_ids)))
    stmt = (
        select(b.unit_id, BoardCategoryRow.name, *_count_columns(start, end))
        .join(BoardCategoryRow, b.category_id == BoardCategoryRow.id)
        .where(*where)
        .group_by(b.unit_id, BoardCategoryRow.name)
    )
    village_rows = session.execute(
        select(UnitRow.id, UnitRow.name)
        .where(*village_where)
        .order_by(UnitRow.sort_order, UnitRow.id)
    ).all()
    names = dict(village_rows)
    rows = [
        BoardCount(unit, names.get(unit, ""), cat, int(bf), int(cl), int(ad), int(rl), int(nw))
        for unit, cat, bf, cl, ad, rl, nw in session.execute(stmt)
    ]
    order = {id_: i for i, (id_, _n) in enumerate(village_rows)}
    cats = [c.name for c in categories(session, include_inactive=True)]
    cat_order = {c: i for i, c in enumerate(cats)}
    rows.sort(key=lambda r: (order.get(r.village_id, 10**9), cat_order.get(r.category, 10**9)))
    return BoardCounts(
        start,
        end,
        tuple(rows),
        tuple(cats),
        tuple((id_, name) for id_, name in village_rows),
    )


def attention(session: Session, townships: Collection[int] = ()) -> tuple[int, int]:
    """(flagged boards not dealt with, relapsed boards), of ``townships`` only when given."""
    b = SignboardRow
    mine = [b.township_id.in_(list(townships))] if townships else []
    flagged = session.execute(
        select(func.count())
        .select_from(b)
        .where(b.status == BoardStatus.PENDING.value, b.allowed.is_(False), *mine)
    ).scalar_one()
    relapsed = session.execute(
        select(func.count()).select_from(b).where(b.status == BoardStatus.RELAPSED.value, *mine)
    ).scalar_one()
    return int(flagged), int(relapsed)
