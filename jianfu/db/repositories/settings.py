"""Application settings stored as JSON values under string keys."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jianfu.db.models import SettingRow
from jianfu.domain.settings import TownshipSettings

_PREFIX = "township."


def load_raw(session: Session) -> dict[str, Any]:
    """Every stored setting, decoded."""
    return {r.key: json.loads(r.value) for r in session.execute(select(SettingRow)).scalars()}


def load_township(session: Session) -> TownshipSettings:
    """The township settings; missing keys take their defaults, unknown keys are ignored."""
    raw = load_raw(session)
    known = {f.name: f.type for f in fields(TownshipSettings)}
    values = {k[len(_PREFIX) :]: v for k, v in raw.items() if k.startswith(_PREFIX)}
    return TownshipSettings(**{k: v for k, v in values.items() if k in known})


def save_township(session: Session, settings: TownshipSettings) -> None:
    """Store every field of ``settings``."""
    for key, value in asdict(settings).items():
        put(session, _PREFIX + key, value)


def put(session: Session, key: str, value: Any) -> None:
    """Insert or replace one setting."""
    row = session.get(SettingRow, key)
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(SettingRow(key=key, value=encoded))
    else:
        row.value = encoded
