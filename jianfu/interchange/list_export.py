"""Writing a list edition to .xlsx in the shape counties publish, readable by ``list_import``.

Layout: a merged title row (the edition name), a line with 发布机关, 文号 and 生效日期, the
header row (bold, borders, wrapped, frozen below), then per kind a section row
``一、依法履职事项（12项）`` and its items. The 序号 column numbers the items within each kind;
the 编号 column holds ``ListItem.number`` as text, so export -> import gives back the same
items. Every ListItem field is a column, certificate fields and withdrawal fields included;
withdrawn items are exported (status 已退出 with date and reason) unless
``include_withdrawn`` is false.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, BinaryIO

from jianfu.domain.lists import (
    ALL_SCOPES,
    ITEM_FIELD_LABELS,
    ItemStatus,
    ListEdition,
    ListItem,
    ListKind,
)
from jianfu.domain.progress import Progress
from jianfu.interchange.table_writer import Column, TableWriter

#: Column widths in characters (a Chinese character counts about two).
COLUMN_WIDTHS: dict[str, float] = {
    "seq": 6,
    "number": 10,
    "kind": 14,
    "section": 14,
    "name": 28,
    "content": 44,
    "basis": 40,
    "department": 16,
    "participation": 18,
    "nature": 9,
    "funding": 16,
    "scopes": 16,
    "status": 8,
    "withdrawn_on": 12,
    "withdrawn_reason": 22,
    "notes": 22,
    "purpose": 22,
    "procedure": 32,
    "model_text": 32,
    "alternative_route": 12,
    "alternative_detail": 26,
}
SEQ_LABEL = "序号"

_NUMERALS = "零一二三四五六七八九"
_CENTERED_FIELDS = {"seq", "number", "nature", "status", "withdrawn_on", "alternative_route"}


def chinese_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 21 -> 二十一 (enough for section numbers)."""
    if n < 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens]
    return head + "十" + (_NUMERALS[ones] if ones else "")


def item_cell(item: ListItem, name: str, kind_names: dict[str, str]) -> Any:
    """The cell value of one field of an item, as the import reads it back."""
    value = getattr(item, name)
    if name == "kind":
        return kind_names.get(value, value)
    if name == "scopes":
        return "、".join(s.value for s in (value or ALL_SCOPES))
    if value is None:
        return None
    if hasattr(value, "value"):  # the enums
        return value.value
    return value


def export_edition(
    target: str | os.PathLike[str] | BinaryIO,
    edition: ListEdition,
    kinds: Sequence[ListKind],
    items: Sequence[ListItem],
    *,
    include_withdrawn: bool = True,
    progress: Progress | None = None,
) -> None:
    """Write ``edition`` with its ``items`` grouped by ``kinds`` (in sort order) to .xlsx."""
    fields = ["seq", *ITEM_FIELD_LABELS]
    labels = {"seq": SEQ_LABEL, **ITEM_FIELD_LABELS}
    kind_names = {k.code: k.name for k in kinds}
    meta = []
    if edition.issuing_body:
        meta.append(f"发布机关：{edition.issuing_body}")
    if edition.document_number:
        meta.append(f"文号：{edition.document_number}")
    if edition.effective_date:
        d = edition.effective_date
        meta.append(f"生效日期：{d.year}年{d.month}月{d.day}日")

    wanted = [i for i in items if include_withdrawn or i.status != ItemStatus.WITHDRAWN]
    groups: dict[str, list[ListItem]] = {}
    for item in wanted:
        groups.setdefault(item.kind, []).append(item)
    order = [k.code for k in sorted(kinds, key=lambda k: (k.sort_order, k.code))]
    order += [code for code in groups if code not in order]

    columns = [Column(labels[f], COLUMN_WIDTHS[f], f in _CENTERED_FIELDS) for f in fields]
    with TableWriter(
        "准入清单",
        columns,
        title=edition.name,
        subtitle="　　".join(meta),
        repeat_columns=fields.index("name") + 1,  # 序号 to 事项名称 on every page
    ) as writer:
        done = 0
        section = 0
        for code in order:
            group = groups.get(code)
            if not group:
                continue
            section += 1
            writer.section(
                f"{chinese_numeral(section)}、{kind_names.get(code, code)}（{len(group)}项）"
            )
            for seq, item in enumerate(group, start=1):
                writer.row([seq if f == "seq" else item_cell(item, f, kind_names) for f in fields])
                done += 1
                if progress is not None and done % 200 == 0:
                    progress.step(done, len(wanted), "正在写入清单")
        writer.save(target)
    if progress is not None:
        progress.step(done, len(wanted), "写入完成")
