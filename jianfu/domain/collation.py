"""Chinese text in the order a clerk reads as alphabetical: by pinyin (阿里村, 安村, 北村,
陈家村 …), not by code point (乐山村, 北村, 安村, 张村, 李村 …).

The window installs Qt's collator for Chinese (China) (:func:`install`): ICU's pinyin order,
as PostgreSQL's ``zh-x-icu`` sorts. Without it (the command line, a process without Qt) the
order is the characters' usual pinyin readings, tone by tone (``pypinyin``), which differs
from ICU's only where a character has several readings. SQLite sorts with whichever is
installed (a collation registered on each connection, ``db.collation``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cmp_to_key, lru_cache
from typing import Any

#: ``compare(a, b)``: negative, zero or positive as ``a`` sorts before, with or after ``b``.
Compare = Callable[[str, str], int]

_installed: Compare | None = None


def install(compare: Compare | None) -> None:
    """Sort with ``compare`` from now on (``None``: with the readings of ``pypinyin``)."""
    global _installed
    _installed = compare


def installed() -> Compare | None:
    """The comparison installed, if any."""
    return _installed


def compare(a: str, b: str) -> int:
    """Where ``a`` sorts beside ``b`` (SQLite's collation calls this)."""
    if _installed is not None:
        return _installed(a, b)
    ka, kb = reading_key(a), reading_key(b)
    return (ka > kb) - (ka < kb)


def sort_key(text: str) -> Any:
    """A key for ``sorted`` that orders texts as :func:`compare` does."""
    return _KEY(text)


_KEY = cmp_to_key(compare)


def sorted_texts(texts: Iterable[str]) -> list[str]:
    """``texts`` in the order :func:`compare` gives."""
    return sorted(texts, key=_KEY)


_TONED = re.compile(r"([a-zü]+)([1-5]?)")


@lru_cache(maxsize=8192)
def _char_key(char: str) -> tuple[Any, ...]:
    """Spaces and punctuation, then digits, then Chinese characters by reading and tone, then
    letters (ICU's order for Chinese)."""
    if char.isdigit():
        return (1, char)
    if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or ord(char) > 0xFFFF:
        reading = _reading(char)
        if reading is not None:
            syllable, tone = reading
            return (2, syllable, tone, char)
    if char.isalpha():
        return (3, char.casefold(), char.swapcase())
    return (0, char)


def _reading(char: str) -> tuple[str, int] | None:
    reader = _reader()
    if reader is None:
        return None
    got = reader(char)
    match = _TONED.fullmatch(got[0][0]) if got and got[0] else None
    if match is None:
        return None
    return match.group(1), int(match.group(2) or 5)  # the neutral tone last


@lru_cache(maxsize=1)
def _reader() -> Callable[[str], list[list[str]]] | None:
    try:
        from pypinyin import Style, pinyin
    except ImportError:  # a build that left it out: code points
        return None
    return lambda char: pinyin(char, style=Style.TONE3, errors="ignore", v_to_u=True)


@lru_cache(maxsize=65536)
def reading_key(text: str) -> tuple[Any, ...]:
    """``text``'s key by the characters' usual readings (when no comparison is installed)."""
    return tuple(_char_key(c) for c in text)
