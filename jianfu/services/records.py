"""Helpers shared by the services that edit versioned records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from jianfu.domain.errors import ConflictError, NotFoundError

R = TypeVar("R")


def load_for_update(
    s: Session, row_class: type[R], row_id: int, expected_version: int | None, what: str
) -> R:
    """The row to change; refused if it is gone or changed since the clerk read it."""
    row = s.get(row_class, row_id)
    if row is None:
        raise NotFoundError(f"找不到这个{what}，可能已被其他人删除。")
    if expected_version is not None and row.version != expected_version:  # type: ignore[attr-defined]
        name = getattr(row, "name", what)
        raise ConflictError(f"“{name}”刚被其他人修改过，未保存。请刷新后再改。")
    return row


def snapshot(obj: object) -> dict[str, Any]:
    """A domain object as a dict for the audit trail (without the lock version)."""
    return {k: v for k, v in asdict(obj).items() if k != "version"}  # type: ignore[call-overload]
