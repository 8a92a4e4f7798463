"""Before every flush: each level of a case writes only its own part (``domain.case_levels``).

On PostgreSQL migration 0018's triggers refuse the same writes from anyone who bypasses the
app; on SQLite (one township, no roles) this check is the only one. It raises before anything
is written, with the message the server would give.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from jianfu.db.models_tasks import AdmissionCaseRow, CaseStepRow
from jianfu.db.township import connected_person
from jianfu.domain.case_levels import (
    case_change_problem,
    case_name,
    step_change_problem,
    step_insert_problem,
)
from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.domain.errors import FieldProblem, ValidationError


def _changed(obj: object) -> dict[str, object]:
    """The columns of ``obj`` whose value really changes, with their old value (None when it
    was not loaded)."""
    state = inspect(obj)
    out: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.added:
            continue
        if history.deleted and history.added[0] == history.deleted[0]:
            continue
        out[attr.key] = history.deleted[0] if history.deleted else None
    return out


def _old_status(session: Session, row: AdmissionCaseRow, changed: dict[str, object]) -> CaseStatus:
    if "status" not in changed:
        return CaseStatus(row.status)
    if changed["status"] is None:  # not loaded before it was set: the stored one is still old
        stored = session.execute(
            select(AdmissionCaseRow.status).where(AdmissionCaseRow.id == row.id)
        ).scalar_one()
        return CaseStatus(stored)
    return CaseStatus(str(changed["status"]))


def _refuse(message: str) -> ValidationError:
    return ValidationError(FieldProblem("status", message))


def _role(session: Session) -> str | None:
    person = connected_person(session)
    return None if person is None else person.role


@event.listens_for(Session, "before_flush")
def _guard_case_levels(session: Session, _flush_context: object, _instances: object) -> None:
    cases = [o for o in session.dirty if isinstance(o, AdmissionCaseRow)]
    steps = [o for o in (*session.dirty, *session.deleted) if isinstance(o, CaseStepRow)]
    new_steps = [o for o in session.new if isinstance(o, CaseStepRow)]
    removed = [o for o in session.deleted if isinstance(o, AdmissionCaseRow)]
    if not (cases or steps or new_steps or removed):
        return
    role = _role(session)
    if role == "admin":
        return
    for row in cases:
        changed = _changed(row)
        if not changed:
            continue
        problem = case_change_problem(
            role,
            case_name(str(changed.get("title") or row.title), row.serial_number),
            _old_status(session, row, changed),
            CaseStatus(row.status),
            changed,
        )
        if problem:
            raise _refuse(problem)
    for step in steps:
        deleted = step in session.deleted
        changed = {} if deleted else _changed(step)
        if not deleted and not changed:
            continue
        case = session.get(AdmissionCaseRow, step.case_id) if step.case_id else None
        name = case_name(case.title, case.serial_number) if case is not None else "案件"
        raise _refuse(
            step_change_problem(name, step.seq, step.action, step.at, changed, deleted=deleted)
        )
    if role is not None:
        for row in cases:
            old_steps = [s for s in row.steps if s not in session.new]
            previous = CaseStatus(old_steps[-1].status) if old_steps else None
            for step in (s for s in row.steps if s in session.new):
                problem = step_insert_problem(
                    role,
                    case_name(row.title, row.serial_number),
                    previous,
                    CaseAction(step.action),
                    CaseStatus(step.status),
                )
                if problem:
                    raise _refuse(problem)
                previous = CaseStatus(step.status)
    for row in removed:
        if role is not None and _left_the_township(row):
            raise _refuse(
                f"{case_name(row.title, row.serial_number)}已报送上级办理，不能删除；"
                "如确需删除，请联系管理员。"
            )


_ABOVE = frozenset(
    {
        CaseStatus.COUNTY_REVIEW.value,
        CaseStatus.MECHANISM_REVIEW.value,
        CaseStatus.APPROVED.value,
        CaseStatus.REFUSED.value,
        CaseStatus.WITHDRAWN.value,
        CaseStatus.RETURNED.value,
    }
)


def _left_the_township(row: AdmissionCaseRow) -> bool:
    """The case went above the township once (a level above has its part in it)."""
    return row.status in _ABOVE or any(s.status in _ABOVE for s in row.steps)
