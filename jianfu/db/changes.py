"""What a transaction changed, by kind of record, so open screens can show it.

The session notes the tables of every row it flushes (and of bulk ORM updates and deletes);
``take_changes`` hands them over after the commit as kinds ("task", "case", …) with the ids of
the changed rows where the row has a single integer key. Plain Python: the UI turns this into
its change signal (``jianfu.ui.changes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

#: the kind of record each table holds (a table not named here is not announced)
TABLE_KINDS: Mapping[str, str] = {
    "task_request": "task",
    "task_candidate": "task",
    "task_village": "task",
    "admission_case": "case",
    "case_step": "case",
    "certificate_request": "certificate",
    "signboard": "board",
    "board_photo": "board",
    "board_inspection": "board",
    "board_category": "board",
    "board_allowed_rule": "board",
    "burden": "burden",
    "burden_type": "burden",
    "list_kind": "list",
    "list_document": "list",
    "list_edition": "list",
    "list_item": "list",
    "check_precedent": "check",
    "item_synonym": "check",
    "unit": "unit",
    "department": "department",
    "department_alias": "department",
    "setting": "settings",
    "audit_log": "audit",
    "workday_override": "calendar",
    "official_schedule": "calendar",
    "official_day": "calendar",
    "app_user": "person",
}
#: the row ids are kept for these tables (the others announce their kind only)
_ID_TABLES = frozenset(
    {"task_request", "admission_case", "certificate_request", "signboard", "burden", "unit"}
)
_KEY = "jianfu_changed"
#: set in a session's ``info`` when someone listens (the window): else nothing is noted
TRACK = "jianfu_track_changes"

Changes = dict[str, frozenset[int]]


def _note(session: Session, table: str, row_id: Any) -> None:
    kind = TABLE_KINDS.get(table)
    if kind is None:
        return
    noted: dict[str, set[int]] = session.info.setdefault(_KEY, {})
    ids = noted.setdefault(kind, set())
    if table in _ID_TABLES and isinstance(row_id, int):
        ids.add(row_id)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: object) -> None:
    if not session.info.get(TRACK):
        return  # the command line, the demo's seeding: nobody listens
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table is None:
            continue
        identity = inspect(obj).identity
        _note(session, table, identity[0] if identity and len(identity) == 1 else None)


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not state.session.info.get(TRACK):
        return
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        if table:
            _note(state.session, table, None)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def take_changes(session: Session) -> Changes:
    """The kinds (with ids) the session's committed transaction changed; forgets them."""
    noted: dict[str, set[int]] = session.info.pop(_KEY, None) or {}
    return {kind: frozenset(ids) for kind, ids in noted.items()}
