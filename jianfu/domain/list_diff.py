"""Compare two list editions: which items were added, withdrawn or changed, and how.

Items are paired by kind and name first (a new edition often renumbers everything), then by
kind and number (an item that was renamed keeps its number), then by name across kinds (an
item moved to another list). Pure computation; the printed comparison is in ``jianfu.reports``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from jianfu.domain.lists import ITEM_FIELD_LABELS, ItemStatus, ListItem, ListKind

#: Fields compared by default: the substance of an item, not its number, status or bookkeeping.
COMPARED_FIELDS: tuple[str, ...] = (
    "kind",
    "name",
    "content",
    "basis",
    "department",
    "participation",
    "nature",
    "funding",
    "scopes",
    "notes",
    "purpose",
    "procedure",
    "model_text",
    "alternative_route",
    "alternative_detail",
)


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between the two editions, as printable text."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    """An item present in both editions whose compared fields differ."""

    old: ListItem
    new: ListItem
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class EditionDiff:
    """What changed from ``old_name`` to ``new_name``; also the input of the printed comparison."""

    old_name: str
    new_name: str
    added: tuple[ListItem, ...] = ()
    removed: tuple[ListItem, ...] = ()
    changed: tuple[ItemChange, ...] = ()
    kind_names: tuple[tuple[str, str], ...] = ()  # (code, name) pairs for printing

    @property
    def is_empty(self) -> bool:
        """True when the two editions hold the same items."""
        return not (self.added or self.removed or self.changed)

    def kind_name(self, code: str) -> str:
        """The printable name of a kind code (the code itself when unknown)."""
        return dict(self.kind_names).get(code, code)


def normalise_name(name: str) -> str:
    """Text reduced for pairing and comparing: NFKC (full/half width), no white space, lower
    case, so a re-typed bracket or space is not reported as a change."""
    text = unicodedata.normalize("NFKC", name or "")
    return "".join(ch for ch in text if not ch.isspace()).casefold()


def field_text(item: ListItem, name: str, kind_names: dict[str, str] | None = None) -> str:
    """The value of field ``name`` of ``item`` as it would be printed."""
    value = getattr(item, name)
    if name == "kind" and kind_names:
        return kind_names.get(str(value), str(value))
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, tuple | list | set | frozenset):
        return "、".join(str(v.value if isinstance(v, Enum) else v) for v in value)
    return str(value).strip()


def _pair(
    old: list[ListItem],
    new: list[ListItem],
    key: Callable[[ListItem], tuple[object, ...] | None],
) -> list[tuple[ListItem, ListItem]]:
    """Pair items whose ``key`` is equal and unique on both sides; remove them from the lists."""

    def index(items: list[ListItem]) -> dict[tuple[object, ...], ListItem]:
        seen: dict[tuple[object, ...], list[ListItem]] = {}
        for item in items:
            k = key(item)
            if k is not None:
                seen.setdefault(k, []).append(item)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    old_index, new_index = index(old), index(new)
    pairs = [(old_index[k], new_index[k]) for k in old_index if k in new_index]
    paired_old = {id(o) for o, _n in pairs}
    paired_new = {id(n) for _o, n in pairs}
    old[:] = [i for i in old if id(i) not in paired_old]
    new[:] = [i for i in new if id(i) not in paired_new]
    return pairs


def diff_editions(
    old_items: Iterable[ListItem],
    new_items: Iterable[ListItem],
    *,
    old_name: str = "",
    new_name: str = "",
    kinds: Sequence[ListKind] = (),
    fields: Sequence[str] = COMPARED_FIELDS,
    include_withdrawn: bool = False,
) -> EditionDiff:
    """Compare two editions' items; withdrawn items count as absent unless asked otherwise.

    Returned lists keep the order of the new edition (added, changed) and of the old one
    (removed).
    """
    kind_names = {k.code: k.name for k in kinds}

    def present(items: Iterable[ListItem]) -> list[ListItem]:
        return [i for i in items if include_withdrawn or i.status != ItemStatus.WITHDRAWN]

    old_all, new_all = present(old_items), present(new_items)
    old_left, new_left = list(old_all), list(new_all)
    pairs = _pair(old_left, new_left, lambda i: (i.kind, normalise_name(i.name)))
    pairs += _pair(old_left, new_left, lambda i: (i.kind, i.number.strip()) if i.number else None)
    pairs += _pair(old_left, new_left, lambda i: (normalise_name(i.name),))

    new_order = {id(item): n for n, item in enumerate(new_all)}
    pairs.sort(key=lambda pair: new_order[id(pair[1])])
    changed = []
    for old, new in pairs:
        changes = tuple(
            FieldChange(
                f,
                ITEM_FIELD_LABELS.get(f, f),
                field_text(old, f, kind_names),
                field_text(new, f, kind_names),
            )
            for f in fields
            if normalise_name(field_text(old, f, kind_names))
            != normalise_name(field_text(new, f, kind_names))
        )
        if changes:
            changed.append(ItemChange(old, new, changes))
    return EditionDiff(
        old_name=old_name,
        new_name=new_name,
        added=tuple(new_left),
        removed=tuple(old_left),
        changed=tuple(changed),
        kind_names=tuple(kind_names.items()),
    )
