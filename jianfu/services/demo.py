"""Filling a fresh database with a realistic demo township."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jianfu import paths
from jianfu.db.models import DepartmentRow, UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.departments import DepartmentLevel
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext


def demo_file(name: str) -> Path:
    """A file of the demo data set."""
    return paths.resources_dir() / "demo" / name


def has_data(ctx: AppContext) -> bool:
    """True when the database already holds villages or departments."""
    with ctx.unit_of_work() as s:
        return (
            s.query(UnitRow).filter(UnitRow.parent_id.is_not(None)).first() is not None
            or s.query(DepartmentRow).first() is not None
        )


def seed_demo(ctx: AppContext) -> bool:
    """Fill the demo township once; returns False (and changes nothing) if data exists."""
    if has_data(ctx):
        return False
    data: dict[str, Any] = json.loads(demo_file("township.json").read_text("utf-8"))
    settings = TownshipSettings(**data["settings"]).cleaned()
    with ctx.unit_of_work() as s:
        settings_repo.save_township(s, settings)
        town = units_repo.ensure_township(s, settings.township_name)
        for order, (name, kind) in enumerate(data["units"], start=1):
            s.add(
                UnitRow(
                    parent_id=town.id, name=name, type=UnitType(kind).value, sort_order=order * 10
                )
            )
        for order, (name, short, level) in enumerate(data["departments"], start=1):
            s.add(
                DepartmentRow(
                    name=name,
                    short_name=short,
                    level=DepartmentLevel(level).value,
                    sort_order=order * 10,
                )
            )
        s.flush()
        audit.record(
            s,
            operator=ctx.operator,
            action="导入演示数据",
            entity="demo",
            after={"units": len(data["units"]), "departments": len(data["departments"])},
        )
    return True
