"""Filling a fresh database with a realistic demo township."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jianfu.db.models import DepartmentRow, UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.departments import DepartmentLevel
from jianfu.domain.progress import Progress
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext, default_operator


def has_data(ctx: AppContext) -> bool:
    """True when the database already holds villages or departments."""
    with ctx.unit_of_work() as s:
        return (
            s.query(UnitRow).filter(UnitRow.parent_id.is_not(None)).first() is not None
            or s.query(DepartmentRow).first() is not None
        )


def seed_demo(
    ctx: AppContext, progress: Progress | None = None, people: Mapping[str, str] | None = None
) -> bool:
    """Fill the demo township once; returns False (and changes nothing) if data exists.

    Each part is announced on ``progress`` (the first start shows it instead of a blank page).
    ``people`` names who records each level's steps of the cases (the county demo's).
    """
    if has_data(ctx):
        return False
    # The parts are imported only to fill: every start of ``jianfu demo`` asks ``has_data``
    # first, and importing the seeders (and the matching and calendar code they use) took
    # about a tenth of a second of it.
    from jianfu.demo.boards import seed_demo_boards
    from jianfu.demo.burdens import seed_demo_burdens
    from jianfu.demo.certificates import seed_demo_certificates
    from jianfu.demo.lists import seed_demo_lists
    from jianfu.demo.resources import demo_file
    from jianfu.demo.tasks import seed_demo_tasks

    parts = 6

    def say(done: int, what: str) -> None:
        if progress is not None:
            progress.step(done, parts, f"首次启动，正在写入演示数据：{what}（{done + 1}/{parts}）")

    say(0, "村(社区)和部门")
    data: dict[str, Any] = json.loads(demo_file("township.json").read_text("utf-8"))
    settings = TownshipSettings(**data["settings"]).cleaned()
    if not ctx.login and settings.preparer and ctx.operator == default_operator():
        # the demo's clerk signs its records (the 经办人 of its cases), not the computer's login
        ctx.operator = settings.preparer
    with ctx.unit_of_work() as s:
        town = units_repo.ensure_township(s, settings.township_name)
        settings_repo.save(s, settings, town.id)
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
    say(1, "准入清单")
    seed_demo_lists(ctx)

    say(2, "下派事项和准入审批")
    seed_demo_tasks(ctx, people=people)

    say(3, "其他负担")
    seed_demo_burdens(ctx)

    say(4, "证明事项")
    seed_demo_certificates(ctx)

    say(5, "牌子台账")
    seed_demo_boards(ctx)
    return True
