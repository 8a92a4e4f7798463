"""Qt for Python loaded as the app uses it: without PySide6's source scan of every import.

PySide6 puts its own ``__import__`` in place so that a module may switch on its
``__feature__`` options (``snake_case``, ``true_property``); to tell which modules use PySide it
reads the source of every module imported after it (``inspect.getsource``, in
``shibokensupport.feature._mod_uses_pyside``). A start imports some 450 modules after Qt
(SQLAlchemy, psycopg, Alembic, the models, the services): their sources read cost a quarter of
those imports' CPU time. The app uses no feature, so every module is taken for one that uses
PySide without any, which is what PySide gives such a module (its default selection), and no
source is read. Imported by ``jianfu.ui`` itself, so before any screen's module.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (loads shiboken's support modules, the scan among them)


def _uses_pyside_without_features(_module: object) -> bool:
    return True


def stop_source_scan() -> bool:
    """Take every module imported from now on as one using PySide without features, instead
    of reading its source to find out; False when this PySide has no such scan."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside_without_features  # type: ignore[attr-defined]
    return True


stop_source_scan()
