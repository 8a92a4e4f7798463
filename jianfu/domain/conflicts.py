"""What two clerks changed in the same record: the basis of the "saved by someone else" dialog."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from jianfu.domain.audit import field_label, show_value

#: Bookkeeping fields that are never shown as a clerk's change.
_SKIP = frozenset({"id", "version", "created_at", "updated_at"})


def _text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    return show_value(value)


@dataclass(frozen=True)
class ConflictField:
    """One field: as the clerk opened it, as the clerk typed it, as the other clerk saved it."""

    field: str
    label: str
    original: str
    mine: str
    theirs: str

    @property
    def theirs_changed(self) -> bool:
        """The other clerk changed this field."""
        return self.theirs != self.original

    @property
    def mine_changed(self) -> bool:
        """This clerk changed this field."""
        return self.mine != self.original

    @property
    def clash(self) -> bool:
        """Both changed it, to different values."""
        return self.theirs_changed and self.mine_changed and self.mine != self.theirs


def compare_versions(
    original: Any,
    mine: Any,
    theirs: Any,
    *,
    labels: Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
) -> list[ConflictField]:
    """The fields that either clerk changed, compared by name across the three objects.

    ``names`` defaults to the dataclass fields of ``mine`` (the form's input), minus ids and
    lock versions; a field missing from an object compares as empty.
    """
    if names is None:
        assert is_dataclass(mine)
        names = [f.name for f in fields(mine) if f.name not in _SKIP]
    rows = []
    for name in names:
        row = ConflictField(
            name,
            (labels or {}).get(name) or field_label(name),
            _text(getattr(original, name, None)),
            _text(getattr(mine, name, None)),
            _text(getattr(theirs, name, None)),
        )
        if row.theirs_changed or row.mine_changed:
            rows.append(row)
    return rows
