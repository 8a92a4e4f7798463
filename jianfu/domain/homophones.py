"""Homophone typos: a notice typed with a pinyin input method slips to a same-sounding character.

Most typos in Chinese text are homophones (正明 for 证明, 居注 for 居住, 签道 for 签到), because
text is typed by its sound. Such a typo shares no character bigram with the word it stands for
when the word has two characters, so the bigram fallback cannot find it. A word of the lists
whose syllables a stretch of the notice has, differing in a character and not itself a word,
is taken as typed wrongly. Syllables are the characters' usual readings without tones
(``pypinyin``, imported on first use), the same on both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=16384)
def syllable(char: str) -> str:
    """The usual reading of a Chinese character without tone; "" for anything else."""
    if not "\u4e00" <= char <= "\u9fff" or (reader := _reader()) is None:
        return ""
    got = reader(char)
    return got[0] if got else ""


@lru_cache(maxsize=1)
def _reader() -> Callable[[str], list[str]] | None:
    """``pypinyin``'s reader without tones; ``None`` where the package is missing (a build
    that left it out): then no typo is found this way, and nothing else changes."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return None
    return lambda char: lazy_pinyin(char, style=Style.NORMAL, errors="ignore")


def sound(word: str) -> tuple[str, ...] | None:
    """The syllables of ``word``; ``None`` when a character has none (a digit, a letter)."""
    out = tuple(syllable(c) for c in word)
    return None if "" in out else out
