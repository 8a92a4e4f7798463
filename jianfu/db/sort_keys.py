"""The stored sort keys of Chinese names (migration 0033): each name a screen sorts by has a
key column beside it (``name`` → ``name_key``) holding ``domain.collation.sort_key(name)``,
whose plain order is the pinyin order. SQL sorts and pages by the key, through an index where
the table is big, and never calls Python to compare (SQLite called back into Python for every
comparison of a ``COLLATE`` sort).

A key is kept on every write of its name, whatever the path:

* an ORM object: setting the name (also in its constructor) sets the key (an attribute event);
* an INSERT statement without the key (the city demo's bulk inserts, any ``insert()``): the
  key column's default computes it from the row's name;
* an UPDATE statement that sets a name and not its key (``update(SignboardRow).values(name=…)``,
  ORM bulk updates by primary key): :func:`watch`'s hook adds the key before it is sent.

The key is compared byte by byte: SQLite's BINARY, and ``COLLATE "C"`` on PostgreSQL (the
column's own collation, so its index serves the sort whatever the database's locale).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Engine, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import MappedColumn, mapped_column
from sqlalchemy.sql.dml import Update
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.types import TypeEngine

from jianfu.domain.collation import sort_key

#: table -> {name column: its key column}
KEYED: dict[str, dict[str, str]] = {
    "signboard": {"name": "name_key", "department": "department_key"},
    "list_item": {"name": "name_key", "department": "department_key", "basis": "basis_key"},
    "admission_case": {"title": "title_key", "department": "department_key"},
}


def key_type() -> TypeEngine[str]:
    """A key's column type: text compared byte by byte."""
    return Text().with_variant(Text(collation="C"), "postgresql")


def key_column(source: str) -> MappedColumn[str]:
    """The key column of the name column ``source``; an INSERT without the key gets it from
    the row's name (``''`` stays for rows written by hand in SQL: they sort first)."""

    def from_name(context: Any) -> str:
        return sort_key(context.get_current_parameters().get(source) or "")

    return mapped_column(key_type(), nullable=False, default=from_name, server_default="")


def keep(row_class: type) -> None:
    """Set each key of ``row_class`` whenever its name is set on an object."""
    for source, key in KEYED[row_class.__tablename__].items():  # type: ignore[attr-defined]
        event.listen(getattr(row_class, source), "set", _setter(key))


def _setter(key: str) -> Callable[[Any, Any, Any, Any], None]:
    def on_set(target: Any, value: Any, _old: Any, _initiator: Any) -> None:
        setattr(target, key, sort_key(value or ""))

    return on_set


def watch(engine: Engine) -> None:
    """Add the keys to every UPDATE that ``engine`` sends and that sets a name without its key."""
    event.listen(engine, "before_execute", _add_keys, retval=True)


def _name(column: Any) -> str | None:
    if isinstance(column, str):
        return column
    return getattr(column, "key", None) or getattr(column, "name", None)


def _add_keys(
    _conn: Connection,
    statement: Any,
    multiparams: Any,
    params: Any,
    _options: Any,
) -> tuple[Any, Any, Any]:
    if not isinstance(statement, Update):
        return statement, multiparams, params
    keyed = KEYED.get(getattr(statement.table, "name", ""))
    if not keyed:
        return statement, multiparams, params
    # the values given with .values() (SQLAlchemy keeps them in ``_values``)
    values: Mapping[str | None, Any] = {
        _name(c): v for c, v in (getattr(statement, "_values", None) or {}).items()
    }
    extra: dict[str, str] = {}
    for source, key in keyed.items():
        if source not in values or key in values:
            continue
        value = values[source]
        if isinstance(value, BindParameter) and not value.required and value.callable is None:
            value = value.value  # a value given in Python
        if isinstance(value, ColumnElement):  # SQL, or a parameter named for later
            raise ValueError(f"{statement.table}.{source} set by an expression: set {key} too")
        extra[key] = sort_key(value or "")
    if extra:
        statement = statement.values(**extra)
    # an UPDATE by primary key per row (ORM bulk update): the names are in the parameters
    if multiparams and all(isinstance(p, Mapping) for p in multiparams):
        multiparams = [_with_keys(p, keyed) for p in multiparams]
    elif isinstance(params, Mapping) and params:
        params = _with_keys(params, keyed)
    return statement, multiparams, params


def _with_keys(row: Mapping[str, Any], keyed: Mapping[str, str]) -> Mapping[str, Any]:
    missing = {k: s for s, k in keyed.items() if s in row and k not in row}
    if not missing:
        return row
    return {**row, **{k: sort_key(row[s] or "") for k, s in missing.items()}}
