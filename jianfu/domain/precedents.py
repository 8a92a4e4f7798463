"""The clerk's confirmed decisions, found again when the same notice comes back.

Departments resend the same task each year or quarter with new dates, numbers, a new 文号 or a
renamed department. Two notices are "the same" when their content words, without numbers,
dates, document numbers and department names, nearly coincide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jianfu.domain.normalize import normalize
from jianfu.domain.words import content_words


@dataclass(frozen=True)
class Precedent:
    """A decision the clerk confirmed: this notice is (or is not) this item."""

    text: str
    item_name: str | None  # None: confirmed as not on any list
    kind: str | None
    decided_on: dt.date
    id: int | None = None
    purpose: str = "task"  # task | certificate


#: Share of the larger word set that two notices must share to be the same task.
SAME_TASK = 0.75
#: Fewer content words than this: too short to be recognised as the same notice.
MIN_WORDS = 4

#: Department names, numbers and dates: they change when a task is resent.
_VOLATILE = re.compile(
    r"[\u4e00-\u9fff]{1,12}(?:局|委员会|委|办公室|办|部|中心|所|站|公司|集团|厅|院|会)"
    r"|\d+|[一二三四五六七八九十]+月|第[一二三四]季度"
)


def fingerprint(text: str) -> frozenset[str]:
    """The words that identify a notice's task (volatile parts removed)."""
    norm = normalize(text)
    norm = _VOLATILE.sub(" ", norm)
    return frozenset(content_words(norm))


class PrecedentIndex:
    """Confirmed decisions, looked up by the words a notice shares with them."""

    def __init__(self, precedents: Iterable[Precedent]) -> None:
        self._items: list[tuple[Precedent, frozenset[str]]] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for p in precedents:
            words = fingerprint(p.text)
            if len(words) < MIN_WORDS:
                continue
            for w in words:
                self._by_word[w].append(len(self._items))
            self._items.append((p, words))

    def __len__(self) -> int:
        return len(self._items)

    def similar(self, text: str) -> Iterator[Precedent]:
        """Confirmed decisions on the same task, the most similar and newest first."""
        if not self._items:
            return
        words = fingerprint(text)
        if len(words) < MIN_WORDS:
            return
        shared: dict[int, int] = defaultdict(int)
        for w in words:
            for i in self._by_word.get(w, ()):
                shared[i] += 1
        scored = []
        for i, n in shared.items():
            p, other = self._items[i]
            sim = n / max(len(words), len(other))
            if sim >= SAME_TASK:
                scored.append((sim, p.decided_on, i))
        for _, _, i in sorted(scored, reverse=True):
            yield self._items[i][0]
