"""The audit trail: every change with who, when, before and after, in a hash chain.

Each entry's hash covers its content and the previous entry's hash, so editing or deleting
an entry afterwards breaks the chain at that point (see ``verify_chain``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from jianfu.db.models import AuditRow

_CHAIN_LOCK_KEY = 7_406_511  # PostgreSQL advisory lock id that serialises appends


@dataclass(frozen=True)
class AuditEntry:
    """One audit entry as plain data."""

    id: int
    at: dt.datetime
    operator: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _dump(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _digest(prev_hash: str, row: AuditRow) -> str:
    payload = "\x1f".join(
        [
            prev_hash,
            row.at.isoformat(timespec="microseconds"),
            row.operator,
            row.action,
            row.entity,
            row.entity_id,
            row.before or "",
            row.after or "",
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    operator: str,
    action: str,
    entity: str,
    entity_id: object = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append an entry in the caller's unit of work (so it commits or rolls back with it)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})
    last = session.execute(
        select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    row = AuditRow(
        at=dt.datetime.now().replace(tzinfo=None),
        operator=operator,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=_dump(before),
        after=_dump(after),
        prev_hash=last or "",
    )
    row.hash = _digest(row.prev_hash, row)
    session.add(row)
    session.flush()


def count(session: Session) -> int:
    """How many entries the trail holds."""
    return session.execute(select(func.count()).select_from(AuditRow)).scalar_one()


def recent(session: Session, limit: int = 100, entity: str | None = None) -> list[AuditEntry]:
    """The newest entries first, optionally for one entity type."""
    stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if entity:
        stmt = stmt.where(AuditRow.entity == entity)
    return [
        AuditEntry(
            r.id,
            r.at,
            r.operator,
            r.action,
            r.entity,
            r.entity_id,
            json.loads(r.before) if r.before else None,
            json.loads(r.after) if r.after else None,
        )
        for r in session.execute(stmt).scalars()
    ]


def verify_chain(session: Session) -> int | None:
    """The id of the first entry whose hash does not fit the chain, or ``None`` if intact."""
    prev = ""
    for row in session.execute(select(AuditRow).order_by(AuditRow.id)).scalars():
        if row.prev_hash != prev or row.hash != _digest(prev, row):
            return row.id
        prev = row.hash
    return None
