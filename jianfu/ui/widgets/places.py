"""The 村(社区) box above the township: each township's entry before its villages.

A county reviewer narrows a ledger to one township (石门乡 全部村(社区)) as to one village; the
box's data is then :data:`TOWNSHIP_KEY` and the township's id, read back by :func:`scope_of`.
"""

from __future__ import annotations

from typing import Any

from jianfu.domain.units import Unit, village_label

#: A township's entry in the 村(社区) box above the township: its data (no village's id).
TOWNSHIP_KEY = "township:"


def township_entries(villages: list[Unit]) -> list[tuple[str, Any]]:
    """The 村(社区) box above the township: each township's entry (石门乡 全部村(社区)), then its
    villages (石门乡 清溪村), township by township as listed. The reviewer could not narrow the
    counts and prints to one township (the search narrowed the list only)."""
    items: list[tuple[str, Any]] = []
    seen: set[int] = set()
    for v in villages:
        if v.township_id is not None and v.township_id not in seen:
            seen.add(v.township_id)
            key = f"{TOWNSHIP_KEY}{v.township_id}"
            items.append((village_label(v.township, "全部村(社区)"), key))
        items.append((village_label(v.township, v.name), v.id))
    return items


def scope_of(data: Any) -> tuple[int | None, int | None]:
    """(village id, township id) of an entry's data: one village, one township's villages or
    every village (None, None)."""
    if isinstance(data, str) and data.startswith(TOWNSHIP_KEY):
        return None, int(data[len(TOWNSHIP_KEY) :])
    return data, None
