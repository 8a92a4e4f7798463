"""Plain-text search in SQL: what the clerk types is matched literally, never as a pattern.

A ``%`` or ``_`` typed in a search box ("完成率100%", "A_B") must find exactly that text, so
every ``LIKE`` the repositories build goes through here and escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_
from sqlalchemy.sql.elements import ColumnElement

ESCAPE = "\\"
"""The escape character every pattern from :func:`contains_pattern` is written with."""


def contains_pattern(text: str) -> str:
    """A ``LIKE`` pattern for "contains ``text``", with ``%``, ``_`` and ``\\`` escaped."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def contains_any(
    columns: Iterable[ColumnElement[Any] | Any], text: str, *, ignore_case: bool = True
) -> ColumnElement[bool]:
    """True where any of ``columns`` contains ``text`` literally.

    Args:
        columns: the columns (or expressions) to search.
        text: what the clerk typed.
        ignore_case: ``ILIKE`` when true; plain ``LIKE`` (case-sensitive on PostgreSQL,
            ASCII-case-insensitive on SQLite) when false.
    """
    pattern = contains_pattern(text)
    if ignore_case:
        return or_(*(c.ilike(pattern, escape=ESCAPE) for c in columns))
    return or_(*(c.like(pattern, escape=ESCAPE) for c in columns))
