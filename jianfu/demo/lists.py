"""The demo county lists: reading ``resources/demo/county_lists.json`` and putting them in force.

The file uses the field names of :class:`ListItem` as keys, so the same reader can serve a
county that hands out its lists as JSON. Every value is checked here: a wrong kind or enum
value is refused with a Chinese message that names the item, rather than stored silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jianfu.db.models import DepartmentRow, ListEditionRow
from jianfu.db.repositories import lists as lists_repo
from jianfu.demo.resources import demo_file
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.lists import (
    SEED_KINDS,
    AlternativeRoute,
    EditionStatus,
    ItemNature,
    ItemStatus,
    ListEdition,
    ListFamily,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.services.context import AppContext
from jianfu.services.lists import ListsService

#: A placeholder in a model certificate text, e.g. ``{申请人}``.
_PLACEHOLDER = re.compile(r"\{[^{}]+\}")

#: The text fields of an item that are copied as they are.
_TEXT_FIELDS = (
    "name",
    "number",
    "content",
    "basis",
    "department",
    "participation",
    "funding",
    "notes",
    "purpose",
    "procedure",
    "model_text",
    "alternative_detail",
    "withdrawn_reason",
)


def load_demo_lists(
    path: str | Path, kinds: Iterable[ListKind] = SEED_KINDS
) -> tuple[ListEdition, list[ListItem]]:
    """Parse the county lists file into an edition and its items; raise ``ValidationError``."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(FieldProblem("file", f"无法读取清单文件：{exc}")) from exc
    if not isinstance(raw, dict) or "edition" not in raw or "items" not in raw:
        raise ValidationError(FieldProblem("file", "清单文件缺少 edition 或 items"))
    edition = _parse_edition(raw["edition"])
    known = {k.code: k for k in kinds}
    items: list[ListItem] = []
    problems: list[FieldProblem] = []
    for index, data in enumerate(raw["items"], start=1):
        try:
            items.append(_parse_item(data, known))
        except ValidationError as exc:
            problems.extend(
                FieldProblem(p.field, f"第{index}项：{p.message}") for p in exc.problems
            )
    placeholders = set(raw.get("placeholders") or {})
    for item in items:
        unknown = sorted(set(_PLACEHOLDER.findall(item.model_text)) - placeholders)
        if unknown:
            problems.append(
                FieldProblem(
                    "model_text", f"{item.name}：证明式样含未定义的占位符 {'、'.join(unknown)}"
                )
            )
    if problems:
        raise ValidationError(problems)
    return edition, items


def _parse_edition(data: dict[str, Any]) -> ListEdition:
    """The edition header; the effective date is ISO ``YYYY-MM-DD``."""
    name = str(data.get("name", "")).strip()
    if not name:
        raise ValidationError(FieldProblem("edition.name", "清单版本名称不能为空"))
    effective = data.get("effective_date")
    try:
        date = dt.date.fromisoformat(effective) if effective else None
        status = EditionStatus(data.get("status", EditionStatus.DRAFT.value))
    except ValueError as exc:
        raise ValidationError(FieldProblem("edition", f"清单版本信息有误：{exc}")) from exc
    return ListEdition(
        name=name,
        issuing_body=str(data.get("issuing_body", "")),
        document_number=str(data.get("document_number", "")),
        effective_date=date,
        status=status,
        notes=str(data.get("notes", "")),
    )


def _enum(cls: type, value: Any, field: str, label: str) -> Any:
    """``cls(value)``, or a ValidationError listing the allowed values."""
    try:
        return cls(value)
    except ValueError:
        allowed = "、".join(m.value for m in cls)
        raise ValidationError(
            FieldProblem(field, f"{label}“{value}”无效，应为：{allowed}")
        ) from None


def _parse_item(data: dict[str, Any], known: dict[str, ListKind]) -> ListItem:
    """One item; the kind must be known and certificate fields only on certificate kinds."""
    kind = known.get(str(data.get("kind", "")))
    if kind is None:
        raise ValidationError(FieldProblem("kind", f"清单类别“{data.get('kind')}”不存在"))
    values: dict[str, Any] = {f: str(data.get(f) or "").strip() for f in _TEXT_FIELDS}
    if not values["name"]:
        raise ValidationError(FieldProblem("name", "事项名称不能为空"))
    where = values["name"]
    nature = data.get("nature")
    scopes = data.get("scopes") or [s.value for s in Scope]
    route = data.get("alternative_route")
    withdrawn = data.get("withdrawn_on")
    if route and kind.meaning.holds_certificates is False:
        raise ValidationError(FieldProblem("alternative_route", f"{where}：工作事项不应有替代途径"))
    try:
        withdrawn_on = dt.date.fromisoformat(withdrawn) if withdrawn else None
    except ValueError:
        raise ValidationError(
            FieldProblem("withdrawn_on", f"{where}：退出日期“{withdrawn}”无效")
        ) from None
    return ListItem(
        kind=kind.code,
        nature=_enum(ItemNature, nature, "nature", f"{where}：事项性质") if nature else None,
        scopes=tuple(_enum(Scope, s, "scopes", f"{where}：适用范围") for s in scopes),
        status=_enum(ItemStatus, data.get("status", ItemStatus.VALID.value), "status", "状态"),
        alternative_route=(
            _enum(AlternativeRoute, route, "alternative_route", f"{where}：替代途径")
            if route
            else None
        ),
        withdrawn_on=withdrawn_on,
        **values,
    )


def seed_demo_lists(ctx: AppContext) -> list[ListEdition]:
    """Put the demo county's lists in force: one edition of each list document it fills."""
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
