"""Chinese text sorted by pinyin with Qt's collator for Chinese (China): ICU's order where Qt
is built with ICU (Linux, PySide6's wheels), Windows' own Chinese order on Windows.

:func:`install` makes it the comparison the app sorts with (``domain.collation``): the lists
sorted in Python and SQLite's ``ORDER BY … COLLATE zh``, as PostgreSQL's ``zh-x-icu`` sorts.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCollator, QLocale

from jianfu.domain import collation

_local = threading.local()


def collator() -> QCollator:
    """This thread's collator for Chinese (China) (a QCollator is not shared between threads:
    SQLite compares on the thread that reads)."""
    found: QCollator | None = getattr(_local, "collator", None)
    if found is None:
        found = _local.collator = QCollator(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        )
    return found


def compare(a: str, b: str) -> int:
    """Where ``a`` sorts beside ``b`` by Qt's collator (ties by code point: equal only when
    the texts are)."""
    got = collator().compare(a, b)
    return got if got else (a > b) - (a < b)


def install() -> None:
    """Sort the app's Chinese texts with Qt's collator from now on."""
    collation.install(compare)
