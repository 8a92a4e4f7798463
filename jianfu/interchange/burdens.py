"""Reading and writing the other-burdens ledger (其他负担台账) as Excel (or CSV) tables.

Reading: the generic table reader finds the header (below any title rows) and maps columns
by synonym; each row becomes a :class:`BurdenInput` checked with the same rules as the form.
The village comes from the 村(社区) column or, when a workbook keeps one sheet per village,
from the sheet name; the type from the 类别 column or else the sheet name. A row that repeats
an earlier one (same village, type and name) is reported, not silently merged. Villages and
types are given by the caller, so nothing here touches the database.

Writing: a title row, the header row (the labels the reader knows), one row per entry; the
file reads back into the same entries.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from jianfu.domain.burdens import (
    FIELD_LABELS,
    PENDING,
    BurdenInput,
    BurdenRecord,
    BurdenType,
    burden_problems,
    parse_action,
    resolve_type,
    type_names,
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

SEQ_LABEL = "序号"


def _parse_action(value: Any) -> Any:
    return parse_action(cell_text(value))


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "unit",
        FIELD_LABELS["unit"],
        ("村(社区)名称", "村(居)", "村居", "村名", "村", "社区", "所属村(社区)", "单位名称"),
        parser=parse_text,
    ),
    FieldSpec(
        "type",
        FIELD_LABELS["type"],
        ("类型", "负担类别", "负担类型", "事项类别", "种类", "分类"),
        parser=parse_text,
    ),
    FieldSpec(
        "name",
        FIELD_LABELS["name"],
        (
            "事项名称",
            "负担名称",
            "机制名称",
            "工作机制名称",
            "报表名称",
            "台账名称",
            "报表台账名称",
            "工作群名称",
            "群名称",
            "APP名称",
            "项目名称",
            "具体内容",
        ),
        required=True,
        parser=parse_text,
    ),
    FieldSpec(
        "department",
        FIELD_LABELS["department"],
        (
            "要求单位",
            "要求建立部门",
            "要求设立部门",
            "发起部门",
            "牵头部门",
            "主管部门",
            "责任部门",
            "部门",
        ),
        parser=parse_text,
    ),
    FieldSpec(
        "frequency",
        FIELD_LABELS["frequency"],
        ("频率", "填报频次", "报送频次", "检查频次", "周期"),
        parser=parse_text,
    ),
    FieldSpec(
        "basis",
        FIELD_LABELS["basis"],
        ("依据", "文件依据", "设立依据", "政策依据", "依据文件及文号", "文件名称及文号"),
        parser=parse_text,
    ),
    FieldSpec(
        "action",
        FIELD_LABELS["action"],
        ("清理情况", "清理结果", "处置", "处置方式", "处理方式", "处置情况"),
        parser=_parse_action,
    ),
    FieldSpec(
        "action_date",
        FIELD_LABELS["action_date"],
        ("处置日期", "清理时间", "处置时间", "完成时间", "完成日期", "办结日期"),
        parser=parse_date,
    ),
    FieldSpec("notes", FIELD_LABELS["notes"], ("说明", "其他说明"), parser=parse_text),
)


@dataclass(frozen=True)
class ImportedBurden:
    """One good row of an imported ledger: where it came from and what it holds."""

    sheet: str
    row: int
    data: BurdenInput
    unit_name: str

    @property
    def key(self) -> tuple[int | None, str, str]:
        """(village id, type code, name): two entries may not share it."""
        return (self.data.unit_id, self.data.type, self.data.name)

    @property
    def place(self) -> str:
        """工作表“台账”第 5 行."""
        return f"工作表“{self.sheet}”第 {self.row} 行"


@dataclass
class BurdenRead:
    """What was read from a file: the good rows and every problem (with its place)."""

    file_name: str
    items: list[ImportedBurden] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    rows_read: int = 0


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def read_burden_file(
    path: str | os.PathLike[str],
    villages: Mapping[str, int],
    types: Sequence[BurdenType],
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> BurdenRead:
    """Read a burden ledger; ``villages`` maps village names to ids.

    Raises ``TableFileError`` when the file cannot be read as a table at all.
    """
    reader = TableReader(path, FIELDS, progress=progress)
    result = BurdenRead(reader.file_name)
    by_name = {_key(name): (name, uid) for name, uid in villages.items()}
    codes = [t.code for t in types]
    seen: dict[tuple[int | None, str, str], ImportedBurden] = {}
    for row in reader.rows():
        if row.section is not None:
            continue
        result.rows_read += 1
        if row.problems:
            # The reader has recorded them (bad dates, bad actions, empty names); say at once,
            # too, which names in the row do not exist, so one correction round finds them all.
            unit_text, type_text = row.values.get("unit") or "", row.values.get("type") or ""
            if unit_text and by_name.get(_key(unit_text)) is None:
                result.problems.append(_unknown_unit(row, unit_text, by_name))
            if type_text and resolve_type(type_text, types) is None:
                result.problems.append(_unknown_type(row, type_text, types))
            continue
        item = _row_to_item(row, by_name, types, codes, today, result.problems)
        if item is None:
            continue
        earlier = seen.get(item.key)
        if earlier is not None:
            result.problems.append(
                row.problem(
                    "name",
                    f"与{earlier.place}重复（同一村(社区)、同一类别的“{item.data.name}”），"
                    "请删去其中一行",
                )
            )
            continue
        seen[item.key] = item
        result.items.append(item)
    result.problems[:0] = reader.problems
    if not result.items and not result.problems:
        result.problems.append(
            ImportProblem(reader.file_name, None, None, "没有读到任何负担事项（表格是空的？）")
        )
    return result


def _row_to_item(
    row: TableRow,
    villages: Mapping[str, tuple[str, int]],
    types: Sequence[BurdenType],
    codes: list[str],
    today: dt.date | None,
    problems: list[ImportProblem],
) -> ImportedBurden | None:
    v = row.values
    unit_text = v.get("unit") or ""
    from_sheet = not unit_text
    found = villages.get(_key(unit_text or row.sheet))
    local: list[ImportProblem] = []
    if found is None:
        if from_sheet:
            local.append(
                row.problem(
                    None,
                    "没有填写村(社区)：请加“村(社区)”列，或把工作表命名为村(社区)名称",
                )
            )
        else:
            local.append(_unknown_unit(row, unit_text, villages))
    type_text = v.get("type") or ""
    code = resolve_type(type_text or row.sheet, types)
    if code is None:
        type_names = "、".join(t.name for t in types)
        if type_text:
            local.append(_unknown_type(row, type_text, types))
        else:
            local.append(row.problem(None, f"没有填写类别：请加“类别”列（{type_names}）"))
    data = BurdenInput(
        unit_id=found[1] if found else None,
        type=code or "",
        name=v.get("name") or "",
        department=v.get("department") or "",
        frequency=v.get("frequency") or "",
        basis=v.get("basis") or "",
        action=v.get("action"),
        action_date=v.get("action_date"),
        notes=v.get("notes") or "",
    )
    if not local:
        for p in burden_problems(data, codes, today):
            local.append(row.problem(p.field if p.field in row.header.columns else None, p.message))
    if local:
        problems.extend(local)
        return None
    data = data.cleaned(codes, today)
    return ImportedBurden(row.sheet, row.row, data, found[0] if found else "")


# ---------------------------------------------------------------- export

COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("seq", SEQ_LABEL, 6),
    ("unit", FIELD_LABELS["unit"], 12),
    ("type", FIELD_LABELS["type"], 20),
    ("name", FIELD_LABELS["name"], 30),
    ("department", FIELD_LABELS["department"], 18),
    ("frequency", FIELD_LABELS["frequency"], 9),
    ("basis", FIELD_LABELS["basis"], 32),
    ("action", FIELD_LABELS["action"], 9),
    ("action_date", FIELD_LABELS["action_date"], 12),
    ("notes", FIELD_LABELS["notes"], 24),
)
_CENTERED = {"seq", "frequency", "action", "action_date"}


def _cell(record: BurdenRecord, name: str, names: Mapping[str, str]) -> Any:
    if name == "unit":
        return record.unit_name
    if name == "type":
        return names.get(record.type, record.type)
    if name == "action":
        return record.action_text
    value = getattr(record, name)
    # an ID number typed into a 备注 is masked, as on screen and in the print
    return mask_id_numbers(value) if type(value) is str else value


def export_burdens(
    target: str | os.PathLike[str] | BinaryIO,
    title: str,
    records: Iterable[BurdenRecord],
    types: Sequence[BurdenType],
    *,
    total: int = 0,
    progress: Progress | None = None,
    townships: VillageTownships | None = None,
) -> int:
    """Write ``records`` to .xlsx under ``title`` (streamed); returns how many rows.

    ``townships``: several townships' entries, each row naming its own (:class:`TownshipColumn`)."""
    names = type_names(types)
    town = TownshipColumn(townships, at=1)  # after 序号
    columns = [Column(label, width, name in _CENTERED) for name, label, width in COLUMNS]
    with TableWriter("其他负担台账", town.columns(columns), title=title) as writer:
        for n, record in enumerate(records, start=1):
            cells = (n if name == "seq" else _cell(record, name, names) for name, _l, _w in COLUMNS)
            writer.row(town.cells(cells, record.unit_id))
            if progress is not None and n % 200 == 0:
                progress.step(n, max(total, n), "正在写入台账")
        writer.save(target)
    done = writer.rows_written
    if progress is not None:
        progress.step(done, max(total, done), "写入完成")
    return done


__all__ = [
    "FIELDS",
    "PENDING",
    "BurdenRead",
    "ImportedBurden",
    "export_burdens",
    "read_burden_file",
]


def _unknown_unit(
    row: TableRow, unit_text: str, villages: Mapping[str, tuple[str, int]]
) -> ImportProblem:
    names = [name for name, _uid in villages.values()]
    known = "、".join(names[:12]) + ("等" if len(names) > 12 else "")
    return row.problem("unit", f"本乡镇没有名为“{unit_text}”的村(社区)（现有：{known}）")


def _unknown_type(row: TableRow, type_text: str, types: Sequence[BurdenType]) -> ImportProblem:
    names = "、".join(t.name for t in types)
    return row.problem("type", f"类别“{type_text}”无法识别，应为：{names}")
