"""The period statistics report as .xlsx, for upward submission (Excel, WPS, LibreOffice).

Sheet 统计表: merged title, 填报单位/统计时段/填报日期, units of count, two header rows with
the column groups merged over their columns (序号, 村(社区), 备注 merged down both rows), one
row per village/community (per township or county when a county or city reports), 合计,
the previous period, the change and the cumulative figures, then notes and the preparer
line. Figures are numbers, not formulas, so a program that reads cached values (or none)
sees the same figures as the PDF. Sheet 情况报告: the draft paragraph
and the flagged departments.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jianfu.domain.period_report import (
    COLUMN_KEYS,
    COLUMNS,
    TOTAL_LABEL,
    UNITS_OF_COUNT,
    PeriodReport,
    group_spans,
)
from jianfu.domain.periods import chinese_date
from jianfu.interchange.table_writer import clean_text, neutralise_sheet, print_setup, save

SHEET_TABLE = "统计表"
SHEET_SUMMARY = "情况报告"
#: The first header row (1-based); the second header row follows it.
HEADER_ROW = 4
FIRST_FIGURE_COL = 3  # C: after 序号 and 村(社区)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "宋体"


def _compared(report: PeriodReport, *, previous: bool) -> list[int | str]:
    """The previous period's totals or the change, "—" where it recorded nothing."""
    values = report.previous_total if previous else report.change
    return [
        "—" if key in report.uncompared else value
        for key, value in zip(COLUMN_KEYS, values.as_list(), strict=True)
    ]


def _text(value: str) -> str:
    return clean_text(value)


def _date(report: PeriodReport) -> str:
    return chinese_date(report.made_on)


def _frame(ws: Worksheet, row: int, first: int, last: int, fill: PatternFill | None = None) -> None:
    for col in range(first, last + 1):
        cell = ws.cell(row, col)
        cell.border = _BORDER
        if fill is not None:
            cell.fill = fill


def _write_table(ws: Worksheet, report: PeriodReport) -> None:
    ncols = FIRST_FIGURE_COL + len(COLUMNS)  # 序号, 村(社区), figures, 备注
    last = get_column_letter(ncols)
    note_col = ncols

    ws.cell(1, 1, _text(report.title)).font = Font(name=_FONT, size=16, bold=True)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].alignment = _CENTER
    ws.row_dimensions[1].height = 34

    third = ncols // 3
    ws.cell(2, 1, _text(f"填报单位（盖章）：{report.township}"))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=third)
    ws.cell(2, third + 1, f"统计时段：{report.period.span_text}").alignment = Alignment(
        horizontal="center"
    )
    ws.merge_cells(start_row=2, start_column=third + 1, end_row=2, end_column=2 * third)
    ws.cell(2, 2 * third + 1, f"填报日期：{_date(report)}").alignment = Alignment(
        horizontal="right"
    )
    ws.merge_cells(start_row=2, start_column=2 * third + 1, end_row=2, end_column=ncols)
    ws.cell(3, 1, UNITS_OF_COUNT)
    ws.merge_cells(f"A3:{last}3")

    top, sub = HEADER_ROW, HEADER_ROW + 1
    for col, label in ((1, "序号"), (2, report.row_label), (note_col, "备注")):
        ws.cell(top, col, label)
        ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
    for group, first, end in group_spans():
        ws.cell(top, FIRST_FIGURE_COL + first, group)
        if end > first:
            ws.merge_cells(
                start_row=top,
                start_column=FIRST_FIGURE_COL + first,
                end_row=top,
                end_column=FIRST_FIGURE_COL + end,
            )
    for i, column in enumerate(COLUMNS):
        ws.cell(sub, FIRST_FIGURE_COL + i, column.label)
    for header_row in (top, sub):
        _frame(ws, header_row, 1, ncols, _HEADER_FILL)
        for col in range(1, ncols + 1):
            cell = ws.cell(header_row, col)
            cell.font = Font(name=_FONT, bold=True, size=10)
            cell.alignment = _CENTER
    ws.row_dimensions[top].height = 22
    ws.row_dimensions[sub].height = 44

    r = sub
    for n, row in enumerate(report.rows, start=1):
        r += 1
        ws.cell(r, 1, n)
        ws.cell(r, 2, _text(row.name)).data_type = "s"
        for i, value in enumerate(row.figures.as_list()):
            ws.cell(r, FIRST_FIGURE_COL + i, value)
        if row.note:
            ws.cell(r, note_col, _text(row.note))
        _frame(ws, r, 1, ncols)

    summary: list[tuple[str, Sequence[int | str], PatternFill | None]] = [
        (TOTAL_LABEL, report.total.as_list(), _TOTAL_FILL),
        (f"上期合计（{report.previous_period.label}）", _compared(report, previous=True), None),
        ("比上期增减", _compared(report, previous=False), None),
    ]
    if report.cumulative is not None and report.baseline is not None:
        summary.append(
            (f"累计（自{chinese_date(report.baseline)}起）", report.cumulative.as_list(), None)
        )
    for label, values, fill in summary:
        r += 1
        ws.cell(r, 1, label).font = Font(name=_FONT, bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        for i, shown in enumerate(values):
            ws.cell(r, FIRST_FIGURE_COL + i, shown)
        _frame(ws, r, 1, ncols, fill)
        if label == "比上期增减":
            for i in range(len(values)):
                ws.cell(r, FIRST_FIGURE_COL + i).number_format = "+0;-0;0"

    for cells in ws.iter_rows(min_row=sub + 1, max_row=r, max_col=ncols):
        for cell in cells:
            if cell.column == 2 or cell.column == note_col:
                cell.alignment = _LEFT
            else:
                cell.alignment = _CENTER
    for row_cells in ws.iter_rows(min_row=sub + 1, max_row=r, min_col=1, max_col=1):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.alignment = _CENTER

    notes = list(report.notes)
    if report.is_empty:
        notes.insert(0, "本期各村(社区)均无减负工作数据记录。")
    for n, note in enumerate(notes, start=1):
        r += 1
        ws.cell(r, 1, _text(f"注{n}：{note}" if len(notes) > 1 else f"注：{note}"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
    r += 1
    people = f"填表人：{report.preparer}　　审核人：{report.reviewer}　　联系电话：{report.phone}"
    ws.cell(r, 1, _text(people))
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)

    neutralise_sheet(ws)
    print_setup(ws, [6, 16, *([7.5] * len(COLUMNS)), 16], header_rows=(top, sub), landscape=True)
    ws.freeze_panes = ws.cell(sub + 1, FIRST_FIGURE_COL).coordinate


def _write_summary(ws: Worksheet, report: PeriodReport, situation: str) -> None:
    ws.cell(1, 1, _text(f"{report.township}{report.period.label}村(社区)减负工作情况"))
    ws["A1"].font = Font(name=_FONT, size=14, bold=True)
    ws.merge_cells("A1:D1")
    ws["A1"].alignment = _CENTER
    r = 2
    for paragraph in [p.strip() for p in situation.split("\n") if p.strip()]:
        r += 1
        ws.cell(r, 1, _text(paragraph)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        # Merged cells do not grow with their text: give the row room for the wrapped lines.
        ws.row_dimensions[r].height = 16 * (len(paragraph) // 45 + 1)
    r += 2
    ws.cell(r, 1, "未经准入下派事项或要求出具不应出具证明的部门和单位").font = Font(
        name=_FONT, bold=True
    )
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    r += 1
    for col, label in enumerate(
        ("序号", "部门和单位", "未经准入下派事项（项）", "要求出具不应出具的证明（件）"), start=1
    ):
        cell = ws.cell(r, col, label)
        cell.font = Font(name=_FONT, bold=True)
        cell.alignment = _CENTER
    _frame(ws, r, 1, 4, _HEADER_FILL)
    if not report.departments:
        r += 1
        ws.cell(r, 1, "本期未发现。")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        _frame(ws, r, 1, 4)
    for n, flag in enumerate(report.departments, start=1):
        r += 1
        ws.cell(r, 1, n)
        ws.cell(r, 2, _text(flag.name)).data_type = "s"
        ws.cell(r, 3, flag.unlisted_tasks)
        ws.cell(r, 4, flag.forbidden_certificates)
        _frame(ws, r, 1, 4)
    neutralise_sheet(ws)
    print_setup(ws, [8, 36, 22, 28], header_rows=None, landscape=False)


def export_period_report(
    target: str | os.PathLike[str] | BinaryIO,
    report: PeriodReport,
    *,
    situation: str | None = None,
) -> None:
    """Write ``report`` to ``target`` (.xlsx); ``situation`` replaces the draft paragraph."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook has one worksheet
    ws.title = SHEET_TABLE
    _write_table(ws, report)
    _write_summary(
        wb.create_sheet(SHEET_SUMMARY),
        report,
        report.summary_text() if situation is None else situation,
    )
    wb.properties.title = _text(report.title)
    wb.properties.creator = "减负 (jianfu)"
    save(wb, target)
