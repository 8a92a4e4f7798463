"""Settings stored as JSON values under string keys, per township with database-wide defaults.

A row with ``township_id`` NULL is the default every township starts from (the
administrator's or the county's); a township's own row for the same key wins. A township
stores only what differs from the defaults, so a default changed later still reaches every
township that never changed that field.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, fields, replace
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jianfu.db.models import SettingRow, UnitRow
from jianfu.db.township import township_id_of_session
from jianfu.domain.settings import TownshipSettings

#: the keys of ``TownshipSettings`` fields start with this
PREFIX = "township."


def _rows(session: Session, township_id: int | None) -> dict[str, SettingRow]:
    column = SettingRow.township_id
    where = column.is_(None) if township_id is None else column == township_id
    return {r.key: r for r in session.execute(select(SettingRow).where(where)).scalars()}


def load_raw(session: Session, township_id: int | None = None) -> dict[str, Any]:
    """The stored settings of ``township_id`` (None: the defaults), decoded."""
    return {k: json.loads(r.value) for k, r in _rows(session, township_id).items()}


def _settings(raw: dict[str, Any]) -> TownshipSettings:
    known = {f.name for f in fields(TownshipSettings)}
    values = {k[len(PREFIX) :]: v for k, v in raw.items() if k.startswith(PREFIX)}
    return TownshipSettings(**{k: v for k, v in values.items() if k in known})


def load_defaults(session: Session) -> TownshipSettings:
    """The database-wide defaults; missing keys take the program's defaults."""
    return _settings(load_raw(session, None))


def load_for(session: Session, township_id: int | None) -> TownshipSettings:
    """The settings of the township ``township_id``: its own values over the defaults, and
    its unit's name when no name was saved. None: the defaults alone."""
    raw = load_raw(session, None)
    if township_id is None:
        return _settings(raw)
    raw.update(load_raw(session, township_id))
    settings = _settings(raw)
    if PREFIX + "township_name" not in load_raw(session, township_id):
        unit = session.get(UnitRow, township_id)
        if unit is not None:
            settings = replace(settings, township_name=unit.name)
    return settings


def field_of_townships(
    session: Session, name: str, township_ids: Collection[int]
) -> dict[int, Any]:
    """One field of several townships' settings in one query (a page of cases from many
    townships): each one's own value over the defaults' over the program's."""
    key = PREFIX + name
    value = getattr(TownshipSettings(), name)
    rows = session.execute(
        select(SettingRow.township_id, SettingRow.value).where(
            SettingRow.key == key,
            or_(SettingRow.township_id.is_(None), SettingRow.township_id.in_(list(township_ids))),
        )
    ).all()
    default = next((json.loads(v) for t, v in rows if t is None), value)
    own = {t: json.loads(v) for t, v in rows if t is not None}
    return {t: own.get(t, default) for t in township_ids}


def load_township(session: Session) -> TownshipSettings:
    """The settings of the township this session works for (``db.township``); unknown keys
    are ignored, missing ones fall back to the defaults."""
    return load_for(session, township_id_of_session(session))


def save(session: Session, settings: TownshipSettings, township_id: int | None) -> None:
    """Store ``settings`` for ``township_id`` (None: as the defaults).

    A township keeps only the fields that differ from the defaults; the others follow them.
    """
    if township_id is None:
        for key, value in asdict(settings).items():
            put(session, PREFIX + key, value)
        return
    defaults = asdict(load_defaults(session))
    own = _rows(session, township_id)
    for key, value in asdict(settings).items():
        if key != "township_name" and value == defaults[key]:
            row = own.get(PREFIX + key)
            if row is not None:
                session.delete(row)
        else:
            put(session, PREFIX + key, value, township_id)
    session.flush()


def save_township(session: Session, settings: TownshipSettings) -> None:
    """Store every field of ``settings`` for the session's township (the defaults when the
    database has no township yet)."""
    save(session, settings, township_id_of_session(session))


def put(session: Session, key: str, value: Any, township_id: int | None = None) -> None:
    """Insert or replace one setting of ``township_id`` (None: a default)."""
    encoded = json.dumps(value, ensure_ascii=False)
    row = _rows(session, township_id).get(key)
    if row is None:
        session.add(SettingRow(key=key, value=encoded, township_id=township_id))
    else:
        row.value = encoded
