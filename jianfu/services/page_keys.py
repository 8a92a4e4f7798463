"""Where the next page of a register starts: the sort key of the page before it (keyset paging).

The screens load a register page by page from offset 0 (``PagedTableModel``): each page asks for
``offset = rows loaded so far``. A service remembers, for a filter and the offset right after a
page it returned, the sort key of that page's last row; the next request for that offset starts
right after the key (``WHERE key < last`` in the register's order) instead of skipping
``offset`` rows, so page 300 costs what page 1 does. Loading a page again (a reload starts at
offset 0) writes the key of the next offset afresh, so a key is always the last row of the page
the screen has just shown. A request without a key (a jump, another model) falls back to OFFSET.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

F = TypeVar("F", bound=Hashable)
K = TypeVar("K")

#: how many (filter, offset) keys a service keeps: a few screens' worth of pages
KEEP = 64


class PageKeys(Generic[F, K]):
    """(filter, offset) -> the sort key of the row just before that offset."""

    def __init__(self, keep: int = KEEP) -> None:
        self._keys: dict[tuple[F, int], K] = {}
        self._keep = keep

    def before(self, f: F, offset: int) -> K | None:
        """The key to start the page at ``offset`` after; None for the first page or unknown."""
        return self._keys.get((f, offset)) if offset else None

    def remember(self, f: F, offset: int, key: K | None) -> None:
        """The page ending just before ``offset`` ended on ``key``."""
        if key is None:
            return
        self._keys.pop((f, offset), None)  # newest last, so the oldest go first
        self._keys[(f, offset)] = key
        while len(self._keys) > self._keep:
            self._keys.pop(next(iter(self._keys)))
