"""Precedents and local synonyms of the check: rows ↔ domain objects."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jianfu.db.models_check import CheckPrecedentRow, ItemSynonymRow
from jianfu.domain.precedents import Precedent
from jianfu.domain.text import mask_id_numbers

TASK = "task"
CERTIFICATE = "certificate"


def precedents(session: Session, purpose: str) -> list[Precedent]:
    """Every confirmed decision for ``purpose``, oldest first."""
    rows = session.execute(
        select(CheckPrecedentRow)
        .where(CheckPrecedentRow.purpose == purpose)
        .order_by(CheckPrecedentRow.id)
    ).scalars()
    return [
        Precedent(r.text, r.item_name or None, r.item_kind or None, r.decided_on, r.id, purpose)
        for r in rows
    ]


def add_precedent(
    session: Session,
    *,
    purpose: str,
    text: str,
    item_name: str | None,
    item_kind: str | None,
    decided_on: dt.date,
    decided_by: str,
    source: str,
) -> int:
    """Store a confirmed decision; returns its id. Every township's login reads the decisions
    learned, so an ID number in the text is kept masked, as the ID field is shown."""
    row = CheckPrecedentRow(
        purpose=purpose,
        text=mask_id_numbers(text),
        item_name=item_name or "",
        item_kind=item_kind or "",
        decided_on=decided_on,
        decided_by=decided_by,
        source=source,
    )
    session.add(row)
    session.flush()
    return row.id


def synonyms(session: Session) -> dict[str, list[str]]:
    """Local synonyms: word -> the names of the items it means."""
    out: dict[str, list[str]] = defaultdict(list)
    for word, name in session.execute(
        select(ItemSynonymRow.word, ItemSynonymRow.item_name).order_by(ItemSynonymRow.id)
    ):
        out[word].append(name)
    return dict(out)


def synonyms_of(session: Session, item_name: str) -> list[str]:
    """The local synonyms of one item."""
    return list(
        session.execute(
            select(ItemSynonymRow.word)
            .where(ItemSynonymRow.item_name == item_name)
            .order_by(ItemSynonymRow.word)
        ).scalars()
    )


def find_synonym(session: Session, word: str, item_name: str) -> ItemSynonymRow | None:
    """The row of one synonym, if stored."""
    return session.execute(
        select(ItemSynonymRow).where(
            ItemSynonymRow.word == word, ItemSynonymRow.item_name == item_name
        )
    ).scalar_one_or_none()


def fingerprint(session: Session) -> tuple[int, int, int, int]:
    """Counts and highest ids of precedents and synonyms: changes whenever either does."""
    p = session.execute(
        select(func.count(CheckPrecedentRow.id), func.max(CheckPrecedentRow.id))
    ).one()
    s = session.execute(select(func.count(ItemSynonymRow.id), func.max(ItemSynonymRow.id))).one()
    return (p[0], p[1] or 0, s[0], s[1] or 0)
