"""A page of rows from a larger, filtered and sorted result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """``rows`` start at ``offset`` within ``total`` matching rows."""

    rows: list[T]
    total: int
    offset: int = 0

    @property
    def has_more(self) -> bool:
        """True when rows follow this page."""
        return self.offset + len(self.rows) < self.total
