"""The audit trail: every change with who, when, before and after, in a hash chain.

Each entry's hash covers its content and the previous entry's hash, so editing or deleting
an entry afterwards breaks the chain at that point (see ``verify_chain``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, text
from sqlalchemy.orm import Session

from jianfu.db import locks
from jianfu.db.models import AppUserRow, AuditRow, UnitRow
from jianfu.db.repositories._search import contains_any
from jianfu.domain.audit import AuditEntry, AuditFilter, ChainCheck
from jianfu.domain.collation import sorted_texts
from jianfu.domain.paging import Page
from jianfu.domain.text import mask_id_numbers_in


def _dump(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    # An ID number typed into a free-text field is kept only masked, as the ID field is.
    masked = mask_id_numbers_in(json.loads(json.dumps(value, ensure_ascii=False, default=str)))
    return json.dumps(masked, ensure_ascii=False, sort_keys=True)


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
    locks.serialise(session, locks.AUDIT_CHAIN)
    last = session.execute(_last_hash(session)).scalar_one_or_none()
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
    session.info["audit_added"] = True  # the caller updates the anchor after the commit


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _last_hash(session: Session) -> Select[Any]:
    """The trail's last hash. On a server row-level security shows a person only their
    townships' and the shared entries (0038); the chain goes on from the last of all."""
    if _on_server(session):
        return select(func.jianfu_audit_last_hash())
    return select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)


def count(session: Session) -> int:
    """How many entries the trail holds."""
    return session.execute(select(func.count()).select_from(AuditRow)).scalar_one()


def recent(session: Session, limit: int = 100, entity: str | None = None) -> list[AuditEntry]:
    """The newest entries first, optionally for one entity type."""
    stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if entity:
        stmt = stmt.where(AuditRow.entity == entity)
    return [_to_domain(r) for r in session.execute(stmt).scalars()]


def verify_chain(session: Session) -> int | None:
    """The id of the first entry whose hash does not fit the chain, or ``None`` if intact."""
    prev = ""
    for row in session.execute(select(AuditRow).order_by(AuditRow.id)).scalars():
        if row.prev_hash != prev or row.hash != _digest(prev, row):
            return row.id
        prev = row.hash
    return None


def _to_domain(r: AuditRow) -> AuditEntry:
    return AuditEntry(
        r.id,
        r.at,
        r.operator,
        r.action,
        r.entity,
        r.entity_id,
        json.loads(r.before) if r.before else None,
        json.loads(r.after) if r.after else None,
    )


def _conditions(f: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.operator:
        where.append(AuditRow.operator == f.operator)
    if f.entity:
        where.append(AuditRow.entity == f.entity)
    if f.action:
        where.append(AuditRow.action == f.action)
    if f.date_from is not None:
        where.append(AuditRow.at >= dt.datetime.combine(f.date_from, dt.time()))
    if f.date_to is not None:
        end = dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())
        where.append(AuditRow.at < end)
    words = f.text.strip()
    if words:
        columns = (
            AuditRow.operator,
            AuditRow.action,
            AuditRow.entity_id,
            AuditRow.before,
            AuditRow.after,
        )
        where.append(contains_any(columns, words))
    return where


def page(session: Session, f: AuditFilter, offset: int = 0, limit: int = 200) -> Page[AuditEntry]:
    """The entries that match ``f``, newest first."""
    where = _conditions(f)
    total = session.execute(select(func.count()).select_from(AuditRow).where(*where)).scalar_one()
    stmt = select(AuditRow).where(*where).order_by(AuditRow.id.desc()).offset(offset).limit(limit)
    rows = [_to_domain(r) for r in session.execute(stmt).scalars()]
    return Page(rows, total, offset)


def operator_units(session: Session, operators: set[str]) -> dict[str, str]:
    """The unit of each operator (a login's display name, or the login) that names one
    unit only (two people of one name in two townships: none)."""
    if not operators:
        return {}
    found: dict[str, set[str]] = {}
    rows = session.execute(
        select(AppUserRow.login, AppUserRow.display_name, UnitRow.name)
        .join(UnitRow, UnitRow.id == AppUserRow.unit_id)
        .where(or_(AppUserRow.display_name.in_(operators), AppUserRow.login.in_(operators)))
    )
    for login, name, unit in rows:
        for key in {login, name} & operators:
            found.setdefault(key, set()).add(unit)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def distinct(session: Session, column: str) -> list[str]:
    """The values used so far in ``operator``, ``entity`` or ``action`` (for the filters)."""
    col = {"operator": AuditRow.operator, "entity": AuditRow.entity, "action": AuditRow.action}[
        column
    ]
    return sorted_texts(session.execute(select(col).distinct()).scalars())  # by pinyin


def check_chain(session: Session, batch: int = 2000) -> ChainCheck:
    """Walk the whole chain in id order, a batch at a time, and say where it first breaks.

    On a server the server walks it (``jianfu_audit_chain_check``, 0038): a person reads only
    their townships' and the shared entries, and the chain runs through everyone's."""
    if _on_server(session):
        found = session.execute(
            text("SELECT checked, broken_id, broken_at, last_hash FROM jianfu_audit_chain_check()")
        ).one()
        return ChainCheck(
            found.checked, found.broken_id, found.broken_at, last_hash=found.last_hash or ""
        )
    prev, checked, after_id = "", 0, 0
    while True:
        rows = list(
            session.execute(
                select(AuditRow).where(AuditRow.id > after_id).order_by(AuditRow.id).limit(batch)
            ).scalars()
        )
        if not rows:
            return ChainCheck(checked, last_hash=prev)
        for row in rows:
            if row.prev_hash != prev or row.hash != _digest(prev, row):
                return ChainCheck(checked, row.id, row.at)
            prev = row.hash
            checked += 1
        after_id = rows[-1].id
        session.expunge_all()
