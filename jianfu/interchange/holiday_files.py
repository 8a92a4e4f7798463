"""A holiday schedule from a file: the notice as .txt/.docx/.pdf/.ofd, or a table (.xlsx/.csv).

A table has the columns 日期, 放假/上班 and (optional) 说明, one day a row; the year is the
latest year of its dates (a 元旦 may start in the December before). Every problem names the
file, sheet, row and column; nothing is returned unless the whole file was read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.holiday_notice import (
    HolidaySchedule,
    ScheduleDay,
    parse_notice,
    schedule_from_days,
)
from jianfu.interchange.notice_files import SUFFIXES as NOTICE_SUFFIXES
from jianfu.interchange.notice_files import read_notice
from jianfu.interchange.table_reader import FieldSpec, TableFileError, TableReader, parse_date

#: File endings accepted by the import (for file dialogs).
SUFFIXES = (*NOTICE_SUFFIXES, ".xlsx", ".xls", ".csv")

_OFF_WORDS = ("放假", "休息", "休", "假")
_WORK_WORDS = ("上班", "班", "调休上班", "补班", "工作日")


def _kind(value: Any) -> bool:
    """True for a working day (上班), False for a day off (放假)."""
    text = str(value or "").strip()
    if text in _WORK_WORDS:
        return True
    if text in _OFF_WORDS:
        return False
    raise ValueError(f"应填“放假”或“上班”，不是“{text}”")


def _date(value: Any) -> dt.date:
    day = parse_date(value)
    if day is None:
        raise ValueError("没有日期")
    return day


_FIELDS = (
    FieldSpec("day", "日期", synonyms=("日子",), required=True, parser=_date),
    FieldSpec(
        "kind", "放假/上班", synonyms=("放假或上班", "类型", "安排", "放假上班"), required=True,
        parser=_kind,
    ),
    FieldSpec("note", "说明", synonyms=("节日", "备注", "名称")),
)  # fmt: skip


def read_holiday_file(path: str | Path) -> HolidaySchedule:
    """Read a notice or a table into a schedule; ``ValidationError`` naming the place if not."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xls", ".csv"):
        return _table(p)
    if suffix in NOTICE_SUFFIXES:
        text = read_notice(p).text
        try:
            return parse_notice(text)
        except ValidationError as err:
            raise _problem(f"“{p.name}”{err}") from None
    raise _problem(
        f"不支持“{p.name}”这种文件，请选择通知（.txt、.docx、.pdf、.ofd）或表格（.xlsx、.xls、.csv）"
    )


def _table(path: Path) -> HolidaySchedule:
    reader = TableReader(path, _FIELDS)
    days: list[ScheduleDay] = []
    try:
        for row in reader.rows():
            if row.section is not None:
                continue
            if row.problems:
                break
            note = str(row.values.get("note") or "").strip()
            days.append(ScheduleDay(row.values["day"], row.values["kind"], note))
    except TableFileError as err:
        raise _problem(str(err)) from None
    if reader.problems:
        shown = "；".join(str(p) for p in reader.problems[:3])
        more = f"（共 {len(reader.problems)} 处）" if len(reader.problems) > 3 else ""
        raise _problem(f"“{path.name}”未导入：{shown}{more}")
    if not days:
        raise _problem(f"“{path.name}”中没有日期行（需要“日期”“放假/上班”两列）")
    year = max(d.day.year for d in days)
    try:
        return schedule_from_days(year, days)
    except ValidationError as err:
        raise _problem(f"“{path.name}”：{err}") from None


def _problem(message: str) -> ValidationError:
    return ValidationError(FieldProblem("file", message))
