"""Filling a fresh database with a realistic demo township."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from jianfu import paths
from jianfu.db.models import DepartmentRow, ListEditionRow, UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import lists as lists_repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.demo_lists import load_demo_lists
from jianfu.domain.departments import DepartmentLevel
from jianfu.domain.lists import EditionStatus, ListEdition, ListFamily
from jianfu.domain.progress import Progress
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


def seed_demo(ctx: AppContext, progress: Progress | None = None) -> bool:
    """Fill the demo township once; returns False (and changes nothing) if data exists.

    Each part is announced on ``progress`` (the first start shows it instead of a blank page).
    """
    if has_data(ctx):
        return False
    parts = 6

    def say(done: int, what: str) -> None:
        if progress is not None:
            progress.step(done, parts, f"首次启动，正在写入演示数据：{what}（{done + 1}/{parts}）")

    say(0, "村(社区)和部门")
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
    say(1, "准入清单")
    seed_demo_lists(ctx)
    from jianfu.services.demo_tasks import seed_demo_tasks

    say(2, "下派事项和准入审批")
    seed_demo_tasks(ctx)
    from jianfu.services.burdens import seed_demo_burdens

    say(3, "其他负担")
    seed_demo_burdens(ctx)
    from jianfu.services.certificates import seed_demo_certificates

    say(4, "证明事项")
    seed_demo_certificates(ctx)
    from jianfu.services.boards_demo import seed_demo_boards

    say(5, "牌子台账")
    seed_demo_boards(ctx)
    return True


def seed_demo_lists(ctx: AppContext) -> list[ListEdition]:
    """Put the demo county's lists in force: one edition of each list document it fills."""
    from jianfu.services.lists import ListsService

    edition, items = load_demo_lists(demo_file("county_lists.json"))
    edition_ids: list[int] = []
    with ctx.unit_of_work() as s:
        kind_ids = lists_repo.kind_ids(s)
        kinds = {k.code: k for k in lists_repo.kinds(s)}
        names = {i.department for i in items}
        dep_ids = {
            row.name: row.id for row in s.query(DepartmentRow).filter(DepartmentRow.name.in_(names))
        }
        # The county publishes its certificate list as a document of its own.
        raw = json.loads(demo_file("county_lists.json").read_text("utf-8"))
        cert = raw.get("certificate_edition", {})
        for document in lists_repo.documents(s):
            mine = [i for i in items if kinds[i.kind].meaning.family == document.family]
            if not mine:
                continue
            own = cert if document.family == ListFamily.CERTIFICATE else {}
            row = ListEditionRow(
                document_id=document.id,
                name=own.get("name", edition.name),
                issuing_body=own.get("issuing_body", edition.issuing_body),
                document_number=own.get("document_number", edition.document_number),
                effective_date=(
                    dt.date.fromisoformat(own["effective_date"])
                    if own.get("effective_date")
                    else edition.effective_date
                ),
                status=EditionStatus.DRAFT.value,
                notes=own.get("notes", edition.notes),
            )
            s.add(row)
            s.flush()
            lists_repo.insert_items(s, row.id, mine, kind_ids, dep_ids)
            edition_ids.append(row.id)
    service = ListsService(ctx)
    return [service.put_in_force(edition_id) for edition_id in edition_ids]
