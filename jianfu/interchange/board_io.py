"""Signboard ledgers as Excel (or CSV): reading existing ledgers and writing the ledger out.

Reading uses the generic :mod:`table_reader` (header below titles, synonyms, merged cells);
it returns plain rows with the village *name* as written and every problem by sheet, row and
column. Villages, categories and duplicates against the database are the service's job.
The export writes the columns the import reads back, so export -> import is lossless.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from jianfu.domain.boards import (
    BoardInput,
    BoardStatus,
    Placement,
    Signboard,
    parse_disposition,
    parse_placement,
    parse_status,
)
from jianfu.domain.imports import ImportProblem
from jianfu.domain.progress import Progress
from jianfu.domain.text import mask_id_numbers
from jianfu.domain.units import VillageTownships
from jianfu.interchange.table_reader import (
    FieldSpec,
    TableReader,
    TableRow,
    cell_text,
    parse_date,
    parse_text,
)
from jianfu.interchange.table_writer import Column, TableWriter, TownshipColumn

#: Field name, column header as exported, header synonyms seen in county ledgers.
BOARD_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("village", "村(社区)", ("村（社区）", "村社区", "村居", "村名", "所在村", "村(居)", "单位")),
    ("name", "牌子名称", ("名称", "牌匾名称", "牌子", "挂牌名称", "标牌名称", "牌匾")),
    ("category", "类别", ("牌子类别", "类型", "牌子类型", "种类")),
    ("placement", "位置", ("挂牌位置", "悬挂位置", "内外", "室内外", "位置(外部/内部)")),
    ("room", "房间", ("所在房间", "室内位置", "功能室")),
    ("department", "要求挂牌部门", ("要求挂牌的部门", "挂牌部门", "主管部门", "责任部门", "部门")),
    ("basis", "依据文件", ("依据", "挂牌依据", "文件依据", "设立依据")),
    ("size_material", "规格/材质", ("规格材质", "规格", "材质", "尺寸")),
    ("quantity", "数量", ("块数", "数量(块)")),
    ("disposition", "处置", ("处置方式", "处置意见", "清理方式", "拟处置")),
    ("disposed_on", "处置日期", ("处置时间", "清理日期", "摘牌日期")),
    ("status", "状态", ("处置状态", "整改状态")),
    ("registered_on", "登记日期", ("登记时间", "排查日期")),
    ("approved_addition", "经批准新增", ("批准新增", "是否经批准新增")),
    ("approval_document", "批准文件", ("批准文号",)),
    ("first_reviewer", "初审人", ("初审",)),
    ("second_reviewer", "复审人", ("复审",)),
    ("allowed", "在允许范围内", ()),
    ("relapse_count", "反弹次数", ()),
    ("notes", "备注", ("说明",)),
)
#: Columns written but not read back (the app works them out).
COMPUTED = {"allowed", "relapse_count"}

_WIDTHS = {
    "village": 14,
    "name": 30,
    "category": 9,
    "placement": 7,
    "room": 12,
    "department": 18,
    "basis": 28,
    "size_material": 14,
    "quantity": 6,
    "disposition": 7,
    "disposed_on": 12,
    "status": 9,
    "registered_on": 12,
    "approved_addition": 8,
    "approval_document": 18,
    "first_reviewer": 8,
    "second_reviewer": 8,
    "allowed": 8,
    "relapse_count": 6,
    "notes": 24,
}
_CENTERED = {
    "category",
    "placement",
    "quantity",
    "disposition",
    "disposed_on",
    "status",
    "registered_on",
    "approved_addition",
    "allowed",
    "relapse_count",
}


def _squash(value: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))


def parse_quantity(value: Any) -> int | None:
    """数量: a whole number from 1 to 999; blank means 1."""
    text = _squash(value).removesuffix("块").removesuffix("个")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"数量应为整数，现为“{cell_text(value)}”") from None
    if not number.is_integer() or not 1 <= number <= 999:
        raise ValueError(f"数量应为 1 到 999 的整数，现为“{cell_text(value)}”")
    return int(number)


_YES = {"是", "有", "y", "yes", "true", "1", "√", "经批准"}
_NO = {"否", "无", "n", "no", "false", "0", "×"}


def parse_yes_no(value: Any) -> bool | None:
    """是/否 (also √, ×, 1, 0); blank is ``None``."""
    if isinstance(value, bool):
        return value
    text = _squash(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"应填“是”或“否”，现为“{cell_text(value)}”")


_PLACE_ROOM_RE = re.compile(r"^(外部|内部|室外|室内|户外)\s*[·・\-—:：(（]\s*(.+?)[)）]?$")


def split_placement(value: Any) -> tuple[Placement, str]:
    """位置 as written: 外部 / 内部 / 内部·会议室 / 室内（会议室） -> (placement, room)."""
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    m = _PLACE_ROOM_RE.match(text)
    if m:
        return parse_placement(m[1]), m[2].strip()
    return parse_placement(text), ""


_PARSERS = {
    "placement": split_placement,
    "quantity": parse_quantity,
    "disposition": parse_disposition,
    "disposed_on": parse_date,
    "status": parse_status,
    "registered_on": parse_date,
    "approved_addition": parse_yes_no,
}


def board_fields() -> list[FieldSpec]:
    """The field spec of a board ledger."""
    return [
        FieldSpec(
            name,
            label,
            synonyms,
            required=name in ("village", "name"),
            parser=_PARSERS.get(name, parse_text),
        )
        for name, label, synonyms in BOARD_COLUMNS
        if name not in COMPUTED
    ]


@dataclass
class BoardRead:
    """One data row as read: the village name and the input (its village id still unset)."""

    sheet: str
    row: int
    village: str
    data: BoardInput
    status: BoardStatus | None
    source: TableRow


@dataclass
class BoardFileRead:
    """A ledger file read into plain rows plus the problems found while reading."""

    file_name: str
    rows: list[BoardRead] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def read_board_file(
    path: str | os.PathLike[str], progress: Progress | None = None
) -> BoardFileRead:
    """Read a signboard ledger; raises ``TableFileError`` when the file cannot be read."""
    reader = TableReader(path, board_fields(), progress=progress)
    result = BoardFileRead(reader.file_name)
    for row in reader.rows():
        if row.section is not None:
            continue
        v = row.values
        placement, room = v.get("placement") or (Placement.OUTSIDE, "")
        data = BoardInput(
            village_id=None,
            name=v.get("name") or "",
            category=v.get("category") or "",
            placement=placement,
            room=v.get("room") or room,
            department=v.get("department") or "",
            basis=v.get("basis") or "",
            size_material=v.get("size_material") or "",
            quantity=v.get("quantity") or 1,
            disposition=v.get("disposition"),
            disposed_on=v.get("disposed_on"),
            registered_on=v.get("registered_on"),
            approved_addition=bool(v.get("approved_addition")),
            approval_document=v.get("approval_document") or "",
            first_reviewer=v.get("first_reviewer") or "",
            second_reviewer=v.get("second_reviewer") or "",
            notes=v.get("notes") or "",
        )
        result.rows.append(
            BoardRead(row.sheet, row.row, v.get("village") or "", data, v.get("status"), row)
        )
    result.problems = list(reader.problems)
    return result


# ---------------------------------------------------------------- export


def board_cell(board: Signboard, name: str) -> Any:
    """The cell value of one column for a board, as the import reads it back."""
    value: Any = getattr(board, name)
    if name == "placement":
        return board.placement.value
    if name == "status":  # 待核定 in range, as the ledger shows it; the import reads it back
        return board.status_text
    if name in ("approved_addition", "allowed"):
        return "是" if value else "否"
    if value is None or value == "":
        return None
    if hasattr(value, "value"):
        return value.value
    if type(value) is str:  # an ID number typed into a 备注: masked, as on screen
        return mask_id_numbers(value)
    return value


def export_boards(
    target: str | os.PathLike[str] | BinaryIO,
    boards: Iterable[Signboard],
    *,
    title: str,
    total: int = 0,
    progress: Progress | None = None,
    townships: VillageTownships | None = None,
) -> int:
    """Write the boards under a title row (streamed); returns how many rows were written.

    ``townships``: several townships' boards, each row naming its own (:class:`TownshipColumn`)."""
    names = [name for name, _label, _syn in BOARD_COLUMNS]
    town = TownshipColumn(townships, at=0)
    columns = [Column(label, _WIDTHS[name], name in _CENTERED) for name, label, _s in BOARD_COLUMNS]
    with TableWriter("牌子台账", town.columns(columns), title=title) as writer:
        for board in boards:
            writer.row(town.cells((board_cell(board, name) for name in names), board.village_id))
            count = writer.rows_written
            if progress is not None and count % 1000 == 0:
                progress.step(count, max(total, count), f"已写入 {count} 块牌子")
        writer.save(target)
    count = writer.rows_written
    if progress is not None:
        progress.step(count, max(total, count), "写入完成")
    return count
