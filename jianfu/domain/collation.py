"""Chinese text in the order a clerk reads as alphabetical: by pinyin (阿里村, 安村, 北村,
陈家村 …), not by code point (乐山村, 北村, 安村, 张村, 李村 …).

The order is ICU's collation for Chinese (pinyin), the one Qt's collator for zh_CN gives on
Linux and PostgreSQL's ``zh-x-icu``, computed here without ICU: :func:`sort_key` turns a text
into a key whose plain order (code point by code point: Python's ``<``, SQLite's BINARY,
PostgreSQL's ``COLLATE "C"``) is ICU's. The database stores each sorted name's key beside it
(migration 0033, ``db.sort_keys``), so SQL sorts and pages by an index and never calls back into
Python. The key holds the ranks of the text's collation weights, level by level as ICU compares
them, then the text itself (texts ICU finds equal go by code point). The ranks come from
``collation_zh.txt.gz`` beside this module, built from ICU by ``tests/bench/collation_build.py``;
a new table means new keys for every stored row (a migration).
"""

from __future__ import annotations

import bisect
import gzip
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

#: The table of ranks, package data beside this module.
TABLE_FILE = "collation_zh.txt.gz"
#: Ends each level of a key: below every rank's character.
SEPARATOR = "\x01"


def _code(rank: int) -> str:
    """A rank as one character, in order (surrogates skipped: a key is stored as UTF-8)."""
    c = 0x20 + rank
    return chr(c + 0x800 if c >= 0xD800 else c)


class _Table:
    """Each character's weights, as the characters of a key, per level."""

    def __init__(self, text: str) -> None:
        lines = {}
        self._other: dict[int, str] = {}  # read when first asked for
        for line in text.split("\n"):
            head, _, rest = line.partition(" ")
            if head == "X":
                cp, _, levels = rest.partition(" ")
                self._other[int(cp)] = levels
            elif head in ("L", "S", "N", "R"):
                lines[head] = rest
        n1, _n2, _n3, common2, common3, self._at = map(int, lines["L"].split())
        self.common = (_code(common2), _code(common3))
        # runs of code points of one primary each, the common secondary and tertiary
        self._starts = list(map(int, lines["S"].split(",")))
        self._lengths = list(map(int, lines["N"].split(",")))
        self._ranks = list(map(int, lines["R"].split(",")))
        if not len(self._starts) == len(self._lengths) == len(self._ranks) or not n1:
            raise ValueError(f"{TABLE_FILE}: its runs do not match")
        self._implicit = _code(self._at)  # unassigned and private-use characters, by code point

    def _primary(self, rank: int) -> str:
        return _code(rank if rank < self._at else rank + 1)

    def char(self, cp: int) -> tuple[str, str, str]:
        """The key's parts of one character (primaries, secondaries, tertiaries)."""
        i = bisect.bisect_right(self._starts, cp) - 1
        if i >= 0 and cp < self._starts[i] + self._lengths[i]:
            return self._primary(self._ranks[i] + cp - self._starts[i]), *self.common
        levels = self._other.get(cp)
        if levels is not None:
            l1, l2, l3 = ([int(x) for x in level.split()] for level in levels.split("/"))
            return (
                "".join(self._primary(r) for r in l1),
                "".join(_code(r) for r in l2),
                "".join(_code(r) for r in l3),
            )
        parts = unicodedata.normalize("NFD", chr(cp))
        if parts != chr(cp):  # ICU weighs it as its canonical decomposition
            each = [self.char(ord(c)) for c in parts]
            return "".join(e[0] for e in each), "".join(e[1] for e in each), "".join(
                e[2] for e in each
            )
        # ICU's implicit weights: after all others, by code point
        return self._implicit + chr(cp if not 0xD800 <= cp <= 0xDFFF else 0xE000), *self.common


_table: _Table | None = None


def _the_table() -> _Table:
    global _table
    if _table is None:
        from importlib.resources import files

        raw = files("jianfu.domain").joinpath(TABLE_FILE).read_bytes()
        _table = _Table(gzip.decompress(raw).decode("ascii"))
    return _table


def load_table(text: str) -> None:
    """Use the table ``text`` from now on (the table's builder checks a new one so)."""
    global _table
    _table = _Table(text)
    _char.cache_clear()
    sort_key.cache_clear()


@lru_cache(maxsize=16384)
def _char(char: str) -> tuple[str, str, str]:
    return _the_table().char(ord(char))


@lru_cache(maxsize=8192)
def sort_key(text: str) -> str:
    """``text``'s key: keys compared as plain strings sort their texts by pinyin, as ICU."""
    parts = [_char(c) for c in _composed(text)]
    return SEPARATOR.join(
        (
            "".join(p[0] for p in parts),
            "".join(p[1] for p in parts),
            "".join(p[2] for p in parts),
            text,
        )
    )


def _composed(text: str) -> str:
    """``text`` with its combining marks composed with the letters before them: ICU weighs ü
    with a grave after it as ǜ (a tone of its pinyin)."""
    if text.isascii() or not any(unicodedata.combining(c) for c in text):
        return text
    return unicodedata.normalize("NFC", text)


def compare(a: str, b: str) -> int:
    """Where ``a`` sorts beside ``b``: negative, zero (only when equal) or positive."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def sorted_texts(texts: Iterable[str]) -> list[str]:
    """``texts`` by pinyin."""
    return sorted(texts, key=sort_key)
