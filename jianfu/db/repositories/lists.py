"""Admission lists: kinds, editions and items, with search and filters in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text
from sqlalchemy.orm import Session

from jianfu.db.models import ListDocumentRow, ListEditionRow, ListItemRow, ListKindRow
from jianfu.db.repositories._search import contains_any
from jianfu.domain.collation import sorted_texts
from jianfu.domain.lists import (
    AlternativeRoute,
    EditionStatus,
    ItemNature,
    ItemStatus,
    KindMeaning,
    ListDocument,
    ListEdition,
    ListFamily,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.domain.paging import Page

#: Queries shorter than this use LIKE: SQLite's trigram index needs 3 characters.
FTS_MIN_CHARS = 3


# ---------------------------------------------------------------- conversion


def kind_to_domain(row: ListKindRow) -> ListKind:
    """The domain kind for a row."""
    return ListKind(row.code, row.name, KindMeaning(row.meaning), row.sort_order, row.id)


def edition_to_domain(row: ListEditionRow) -> ListEdition:
    """The domain edition for a row."""
    return ListEdition(
        name=row.name,
        issuing_body=row.issuing_body,
        document_number=row.document_number,
        effective_date=row.effective_date,
        status=EditionStatus(row.status),
        notes=row.notes,
        id=row.id,
        version=row.version,
        document=row.document.code,
    )


def document_to_domain(row: ListDocumentRow) -> ListDocument:
    """The domain list document for a row."""
    return ListDocument(row.code, row.name, ListFamily(row.family), row.sort_order, row.id)


def item_to_domain(row: ListItemRow, kind_code: str) -> ListItem:
    """The domain item for a row whose kind has ``kind_code``."""
    return ListItem(
        kind=kind_code,
        name=row.name,
        number=row.number,
        section=row.section,
        content=row.content,
        basis=row.basis,
        department=row.department,
        participation=row.participation,
        nature=ItemNature(row.nature) if row.nature else None,
        funding=row.funding,
        scopes=tuple(Scope(s) for s in row.scopes.split(",") if s),
        status=ItemStatus(row.status),
        withdrawn_on=row.withdrawn_on,
        withdrawn_reason=row.withdrawn_reason,
        notes=row.notes,
        purpose=row.purpose,
        procedure=row.procedure,
        model_text=row.model_text,
        alternative_route=AlternativeRoute(row.alternative_route)
        if row.alternative_route
        else None,
        alternative_detail=row.alternative_detail,
        id=row.id,
        edition_id=row.edition_id,
        version=row.version,
    )


_ITEM_TEXT_FIELDS = (
    "number", "section", "name", "content", "basis", "department", "participation", "funding",
    "withdrawn_reason", "notes", "purpose", "procedure", "model_text", "alternative_detail",
)  # fmt: skip


def apply_item(row: ListItemRow, item: ListItem, kind_id: int) -> None:
    """Copy the fields of ``item`` onto ``row``."""
    for name in _ITEM_TEXT_FIELDS:
        setattr(row, name, getattr(item, name))
    row.kind_id = kind_id
    row.nature = item.nature.value if item.nature else None
    row.scopes = ",".join(s.value for s in item.scopes)
    row.status = item.status.value
    row.withdrawn_on = item.withdrawn_on
    row.alternative_route = item.alternative_route.value if item.alternative_route else None


# ---------------------------------------------------------------- kinds and editions


def kinds(session: Session) -> list[ListKind]:
    """Every kind, in order."""
    rows = session.execute(select(ListKindRow).order_by(ListKindRow.sort_order, ListKindRow.id))
    return [kind_to_domain(r) for r in rows.scalars()]


def kind_ids(session: Session) -> dict[str, int]:
    """Kind code -> row id."""
    return dict(session.execute(select(ListKindRow.code, ListKindRow.id)).all())


def editions(session: Session) -> list[ListEdition]:
    """Every edition: those in force first (work-item list before certificates), then drafts,
    then repealed; newest first within each."""
    order = {EditionStatus.IN_FORCE.value: 0, EditionStatus.DRAFT.value: 1}
    rows = session.execute(select(ListEditionRow).order_by(ListEditionRow.id.desc())).scalars()
    return [
        edition_to_domain(r)
        for r in sorted(
            rows,
            key=lambda r: (order.get(r.status, 2), r.document.sort_order, -r.id),
        )
    ]


def documents(session: Session) -> list[ListDocument]:
    """Every list document, in order."""
    rows = session.execute(
        select(ListDocumentRow).order_by(ListDocumentRow.sort_order, ListDocumentRow.id)
    ).scalars()
    return [document_to_domain(r) for r in rows]


def document_row(session: Session, code: str) -> ListDocumentRow | None:
    """The list document with this code."""
    return session.execute(
        select(ListDocumentRow).where(ListDocumentRow.code == code)
    ).scalar_one_or_none()


def document_for_family(session: Session, family: ListFamily) -> ListDocumentRow:
    """The first list document of a family (the seeded one unless a county added more)."""
    row = session.execute(
        select(ListDocumentRow)
        .where(ListDocumentRow.family == family.value)
        .order_by(ListDocumentRow.sort_order, ListDocumentRow.id)
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        raise LookupError(family)
    return row


def in_force(session: Session, document: str = "work") -> ListEditionRow | None:
    """The edition in force of one list document (by code), if any."""
    return session.execute(
        select(ListEditionRow)
        .join(ListDocumentRow, ListEditionRow.document_id == ListDocumentRow.id)
        .where(
            ListEditionRow.status == EditionStatus.IN_FORCE.value,
            ListDocumentRow.code == document,
        )
    ).scalar_one_or_none()


def all_in_force(session: Session) -> list[ListEditionRow]:
    """The edition in force of every list document that has one."""
    return list(
        session.execute(
            select(ListEditionRow)
            .where(ListEditionRow.status == EditionStatus.IN_FORCE.value)
            .order_by(ListEditionRow.document_id)
        ).scalars()
    )


def edition_by_name(
    session: Session, name: str, document: str | None = None
) -> ListEditionRow | None:
    """The edition with exactly this name (of one list document, or the first of any)."""
    query = select(ListEditionRow).where(ListEditionRow.name == name)
    if document is not None:
        query = query.join(ListDocumentRow).where(ListDocumentRow.code == document)
    return session.execute(query.order_by(ListEditionRow.id).limit(1)).scalar_one_or_none()


# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class ItemFilter:
    """What the list browser asks for; empty fields do not filter."""

    edition_id: int
    query: str = ""
    kind: str = ""
    department: str = ""
    nature: str = ""
    status: str = ""
    scope: str = ""
    sort: str = "number"
    descending: bool = False


SORTABLE = {
    # 编号 as a number: shorter first, so 2 comes before 10 and 1001 (also for 1.2 / 1.10).
    "number": (
        ListKindRow.sort_order,
        func.length(ListItemRow.number),
        ListItemRow.number,
        ListItemRow.sort_order,
        ListItemRow.id,
    ),
    "kind": (ListKindRow.sort_order, ListItemRow.sort_order),
    # Chinese text by pinyin: by its stored key (``db.sort_keys``, 0033)
    "name": (ListItemRow.name_key,),
    "department": (ListItemRow.department_key, ListItemRow.sort_order),
    "nature": (ListItemRow.nature, ListItemRow.sort_order),
    "status": (ListItemRow.status, ListItemRow.sort_order),
    "basis": (ListItemRow.basis_key,),
}


def _has_fts(session: Session) -> bool:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    cached = getattr(bind, "_jianfu_has_fts", None)
    if cached is None:
        cached = bool(
            session.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'list_item_fts'")
            ).first()
        )
        bind._jianfu_has_fts = cached  # type: ignore[union-attr]
    return cached


def _search_clause(session: Session, query: str) -> ColumnElement[bool]:
    if len(query) >= FTS_MIN_CHARS and _has_fts(session):
        phrase = '"' + query.replace('"', '""') + '"'
        return ListItemRow.id.in_(
            select(text("rowid"))
            .select_from(text("list_item_fts"))
            .where(text("list_item_fts MATCH :phrase").bindparams(phrase=phrase))
        )
    columns = (ListItemRow.name, ListItemRow.content, ListItemRow.basis, ListItemRow.department)
    return contains_any(columns, query)


def _filtered(session: Session, f: ItemFilter) -> Select[ListItemRow, str]:
    stmt = (
        select(ListItemRow, ListKindRow.code)
        .join(ListKindRow, ListItemRow.kind_id == ListKindRow.id)
        .where(ListItemRow.edition_id == f.edition_id)
    )
    if f.query.strip():
        stmt = stmt.where(_search_clause(session, f.query.strip()))
    if f.kind:
        stmt = stmt.where(ListKindRow.code == f.kind)
    if f.department:
        stmt = stmt.where(ListItemRow.department == f.department)
    if f.nature:
        stmt = stmt.where(ListItemRow.nature == f.nature)
    if f.status:
        stmt = stmt.where(ListItemRow.status == f.status)
    if f.scope:
        stmt = stmt.where(ListItemRow.scopes.contains(f.scope))
    return stmt


def items_page(
    session: Session, f: ItemFilter, offset: int = 0, limit: int = 200
) -> Page[ListItem]:
    """One page of the items matching ``f``, sorted in SQL."""
    stmt = _filtered(session, f)
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    keys: Sequence[Any] = SORTABLE.get(f.sort, SORTABLE["number"])
    order = [k.desc() for k in keys] if f.descending else list(keys)
    rows = session.execute(stmt.order_by(*order, ListItemRow.id).offset(offset).limit(limit))
    return Page([item_to_domain(r, code) for r, code in rows], total, offset)


def kind_counts(session: Session, f: ItemFilter) -> dict[str, int]:
    """How many items match ``f`` of each kind (its own kind left out), in one statement."""
    stmt = _filtered(session, replace(f, kind=""))
    found = stmt.subquery()
    counted = select(found.c.code, func.count()).group_by(found.c.code)
    return {row[0]: row[1] for row in session.execute(counted)}


def all_items(session: Session, edition_id: int) -> list[ListItem]:
    """Every item of an edition, in list order."""
    return items_page(session, ItemFilter(edition_id), 0, 1_000_000).rows


def departments_of(session: Session, edition_id: int) -> list[str]:
    """The responsible departments named in an edition, for the filter, by pinyin."""
    rows = session.execute(
        select(ListItemRow.department)
        .where(ListItemRow.edition_id == edition_id, ListItemRow.department != "")
        .distinct()
    ).scalars()
    return sorted_texts(rows)


def insert_items(
    session: Session,
    edition_id: int,
    items: Iterable[ListItem],
    kind_id_of: dict[str, int],
    department_ids: dict[str, int] | None = None,
) -> int:
    """Add ``items`` to an edition in the given order; returns how many."""
    count = 0
    department_ids = department_ids or {}
    for count, item in enumerate(items, start=1):
        row = ListItemRow(edition_id=edition_id, sort_order=count * 10)
        apply_item(row, item, kind_id_of[item.kind])
        row.department_id = department_ids.get(item.department)
        session.add(row)
        if count % 1000 == 0:
            session.flush()
    session.flush()
    return count


def name_clashes(items: Sequence[ListItem]) -> list[tuple[str, str]]:
    """(kind, name) pairs that occur more than once among ``items``."""
    seen: set[tuple[str, str]] = set()
    clashes = []
    for item in items:
        key = (item.kind, item.name)
        if key in seen:
            clashes.append(key)
        seen.add(key)
    return clashes


def items_fingerprint(session: Session, edition_id: int) -> tuple[int, int, int]:
    """(count, max id, sum of versions) of an edition's items: changes when any item does."""
    row = session.execute(
        select(
            func.count(ListItemRow.id),
            func.coalesce(func.max(ListItemRow.id), 0),
            func.coalesce(func.sum(ListItemRow.version), 0),
        ).where(ListItemRow.edition_id == edition_id)
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def max_item_order(session: Session, edition_id: int) -> int:
    """The largest sort order in an edition (0 when empty)."""
    return session.execute(
        select(func.coalesce(func.max(ListItemRow.sort_order), 0)).where(
            ListItemRow.edition_id == edition_id
        )
    ).scalar_one()
