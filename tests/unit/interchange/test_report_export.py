"""The period report as .xlsx: merged group headers, figures as numbers, the paragraph sheet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parents[2] / "reports"))
from period_samples import make_report

from jianfu.domain.period_report import COLUMNS, group_spans
from jianfu.interchange.report_export import (
    FIRST_FIGURE_COL,
    HEADER_ROW,
    export_period_report,
)


def _book(report, **kw):
    buffer = io.BytesIO()
    export_period_report(buffer, report, **kw)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_group_headers_are_merged_over_their_columns():
    ws = _book(make_report())["统计表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:A5" in merged and "B4:B5" in merged  # 序号, 村(社区) down both header rows
    for group, first, last in group_spans():
        cell = ws.cell(HEADER_ROW, FIRST_FIGURE_COL + first)
        assert cell.value == group
        if last > first:
            start = cell.coordinate
            end = ws.cell(HEADER_ROW, FIRST_FIGURE_COL + last).coordinate
            assert f"{start}:{end}" in merged
    labels = [ws.cell(HEADER_ROW + 1, FIRST_FIGURE_COL + i).value for i in range(len(COLUMNS))]
    assert labels == [c.label for c in COLUMNS]
    assert ws.print_title_rows == "$4:$5"
    assert ws["A3"].value.startswith("计量单位：事项（项次）")  # a task per village reached
    assert ws.page_setup.orientation == "landscape"


def test_rows_totals_and_change_read_back_as_numbers():
    report = make_report()
    ws = _book(report)["统计表"]
    assert ws["A1"].value == "清溪镇2026年第三季度村(社区)减负工作情况统计表"
    first = HEADER_ROW + 2
    for i, row in enumerate(report.rows):
        assert ws.cell(first + i, 2).value == row.name
        values = [ws.cell(first + i, FIRST_FIGURE_COL + j).value for j in range(len(COLUMNS))]
        assert values == row.figures.as_list()
    total_row = first + len(report.rows)
    assert ws.cell(total_row, 1).value == "合计"
    totals = [ws.cell(total_row, FIRST_FIGURE_COL + j).value for j in range(len(COLUMNS))]
    assert totals == report.total.as_list()
    assert ws.cell(total_row + 2, 1).value == "比上期增减"
    assert ws.cell(total_row + 2, FIRST_FIGURE_COL).value == report.change.as_list()[0]
    assert ws.cell(total_row + 3, 1).value == "累计（自2026年1月1日起）"
    note = ws.cell(first + 4, FIRST_FIGURE_COL + len(COLUMNS)).value
    assert note == "8月10日新设"


def test_summary_sheet_holds_the_paragraph_and_departments():
    book = _book(make_report(), situation="改过的第一段。\n第二段。")
    ws = book["情况报告"]
    texts = [c.value for c in ws["A"] if c.value]
    assert "改过的第一段。" in texts and "第二段。" in texts
    assert ws.cell(ws.max_row - 1, 2).value in ("县住房和城乡建设局", "县公安局")
    # banks and companies asking for certificates are there too: 部门和单位, not 部门
    assert "未经准入下派事项或要求出具不应出具证明的部门和单位" in texts
    assert ws.cell(ws.max_row - 2, 2).value == "部门和单位"


def test_an_empty_report_exports():
    ws = _book(make_report(2, empty=True, baseline=False))["统计表"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "注：本期各村(社区)均无减负工作数据记录。" in values
