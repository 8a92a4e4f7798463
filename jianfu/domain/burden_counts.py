"""The other burdens' records and their counts for a period: what the period report and
首页's start-up reading (``domain.report_counting``, ``db.plain_reads``) need of them.

``domain.burdens`` (the ledger's filter, the form's input and its checks, the seeded types)
re-exports every name here, where it has always been named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError


@dataclass(frozen=True)
class BurdenType:
    """A kind of burden; ``code`` is stable (reports use it), ``name`` is what clerks read."""

    code: str
    name: str
    sort_order: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The name and every alias, for reading imported ledgers."""
        return (self.name, self.code, *self.aliases)


MECHANISM = "mechanism"
FORM = "form"
CHANNEL = "channel"
INSPECTION = "inspection"


class CleanupAction(StrEnum):
    """What was done with a burden. 撤并 and 取消 take it off the village; 保留 keeps it."""

    MERGED = "撤并"
    CANCELLED = "取消"
    KEPT = "保留"

    @property
    def removes(self) -> bool:
        """True for the actions that clean the burden away (撤并, 取消)."""
        return self is not CleanupAction.KEPT


#: The filter value for entries that have no clean-up action yet.
PENDING = "待清理"


@dataclass(frozen=True)
class BurdenRecord:
    """One burden of one village, as the rest of the app sees it."""

    id: int
    unit_id: int
    unit_name: str
    type: str
    name: str
    department: str = ""
    frequency: str = ""
    basis: str = ""
    action: CleanupAction | None = None
    action_date: dt.date | None = None
    notes: str = ""
    version: int = 1

    @property
    def action_text(self) -> str:
        """待清理, or the action, e.g. 撤并."""
        return self.action.value if self.action else PENDING

    def present_on(self, day: dt.date) -> bool:
        """True while the burden still weighs on the village on ``day``."""
        if self.action is None or not self.action.removes or self.action_date is None:
            return True
        return self.action_date > day


# ---------------------------------------------------------------- counts


@dataclass
class TypeCounts:
    """One type's figures for a period.

    ``before`` counts what weighed on the village in the period (present at its start or
    added during it); ``merged`` and ``cancelled`` what was cleaned in the period; ``now``
    what is left at its end; ``kept`` those of ``now`` reviewed and kept (保留).
    Always ``before == merged + cancelled + now``.
    """

    before: int = 0
    merged: int = 0
    cancelled: int = 0
    kept: int = 0
    now: int = 0

    @property
    def cleaned(self) -> int:
        """撤并 plus 取消."""
        return self.merged + self.cancelled

    def add(self, other: TypeCounts) -> None:
        """Add ``other`` into these figures."""
        self.before += other.before
        self.merged += other.merged
        self.cancelled += other.cancelled
        self.kept += other.kept
        self.now += other.now


@dataclass
class VillageCounts:
    """One village's figures by type code (every type present, zero when none)."""

    unit_id: int | None
    unit_name: str
    by_type: dict[str, TypeCounts] = field(default_factory=dict)

    def of(self, code: str) -> TypeCounts:
        """The figures of type ``code`` (zeros when the village has none)."""
        return self.by_type.get(code) or TypeCounts()

    @property
    def overall(self) -> TypeCounts:
        """All types together."""
        total = TypeCounts()
        for counts in self.by_type.values():
            total.add(counts)
        return total


@dataclass
class BurdenCounts:
    """Figures per village and in total (合计) for ``start``..``end`` (both included)."""

    start: dt.date
    end: dt.date
    types: list[BurdenType]
    villages: list[VillageCounts]
    total: VillageCounts

    def village(self, name: str) -> VillageCounts:
        """The figures of the village called ``name``."""
        for v in self.villages:
            if v.unit_name == name:
                return v
        raise KeyError(name)


def count_period(
    records: Iterable[BurdenRecord],
    villages: Sequence[tuple[int, str]],
    types: Sequence[BurdenType],
    start: dt.date,
    end: dt.date,
) -> BurdenCounts:
    """Before / cleaned / now per village and type for ``start``..``end``.

    A burden cleaned (撤并/取消) before ``start`` is gone and not counted at all; one cleaned
    within the period counts in ``before`` and in ``merged`` or ``cancelled``; one cleaned
    after ``end``, not yet cleaned, or kept, counts in ``before`` and ``now``.
    """
    if end < start:
        raise ValidationError(FieldProblem("end", "统计结束日期不能早于开始日期"))
    codes = [t.code for t in types]
    rows = {
        uid: VillageCounts(uid, name, {c: TypeCounts() for c in codes}) for uid, name in villages
    }
    for r in records:
        village = rows.get(r.unit_id)
        if village is None:
            village = rows[r.unit_id] = VillageCounts(
                r.unit_id, r.unit_name, {c: TypeCounts() for c in codes}
            )
        counts = village.by_type.setdefault(r.type, TypeCounts())
        cleaned_on = r.action_date if r.action is not None and r.action.removes else None
        if cleaned_on is not None and cleaned_on < start:
            continue
        counts.before += 1
        if cleaned_on is not None and cleaned_on <= end:
            if r.action is CleanupAction.MERGED:
                counts.merged += 1
            else:
                counts.cancelled += 1
        else:
            counts.now += 1
            if r.action is CleanupAction.KEPT:
                counts.kept += 1
    total = VillageCounts(None, "合计", {c: TypeCounts() for c in codes})
    for village in rows.values():
        for code, counts in village.by_type.items():
            total.by_type.setdefault(code, TypeCounts()).add(counts)
    return BurdenCounts(start, end, list(types), list(rows.values()), total)
