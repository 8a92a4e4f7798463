"""Chinese text sorted in SQL by pinyin (``domain.collation``), the same on SQLite and
PostgreSQL: SQLite with the comparison the process installed, registered on every connection
as the collation ``zh``; PostgreSQL with ICU's ``zh-x-icu`` (ICU's pinyin order, as Qt's
collator on the window's side). A server built without ICU sorts as before, by its own
collation."""

from __future__ import annotations

import sqlite3
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from jianfu.domain import collation

#: The collation registered on each SQLite connection.
SQLITE_NAME = "zh"
#: PostgreSQL's ICU collation for Chinese (present where the server is built with ICU).
ICU_NAME = "zh-x-icu"

_has_icu: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def register(dbapi_conn: sqlite3.Connection) -> None:
    """Give a new SQLite connection the collation ``zh``."""
    dbapi_conn.create_collation(SQLITE_NAME, collation.compare)


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def name(session: Session) -> str | None:
    """The collation that sorts Chinese text by pinyin in ``session``'s database (``None``:
    none there)."""
    engine = _engine(session)
    if engine.dialect.name == "sqlite":
        return SQLITE_NAME
    has = _has_icu.get(engine)
    if has is None:
        found = session.execute(
            text("SELECT 1 FROM pg_collation WHERE collname = :name"), {"name": ICU_NAME}
        ).first()
        has = _has_icu[engine] = found is not None
    return ICU_NAME if has else None


def collated(session: Session, column: ColumnElement[Any] | Any) -> ColumnElement[Any]:
    """``column`` sorted and compared by pinyin (``column COLLATE …``)."""
    expression: ColumnElement[Any] = column.expression
    wanted = name(session)
    return expression.collate(wanted) if wanted else expression
