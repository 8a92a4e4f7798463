"""Writing the certificate register of a period to .xlsx (ID numbers masked, as printed)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jianfu.domain.certificates import REGISTER_HEADERS, CertificateRequest, register_row

#: Column widths in characters (a Chinese character counts about two).
WIDTHS = (11, 11, 10, 20, 10, 34, 18, 22, 12, 40, 9, 10, 6, 30)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def export_register(
    target: str | os.PathLike[str] | BinaryIO,
    requests: Sequence[CertificateRequest],
    *,
    title: str,
    start: dt.date,
    end: dt.date,
) -> None:
    """The register as one sheet: title, period, header (frozen), one row per request."""
    wb = Workbook()
    ws = wb.active
    ws.title = "证明事项登记簿"
    n = len(REGISTER_HEADERS)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"申请日期 {start.isoformat()} 至 {end.isoformat()}，共 {len(requests)} 件"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws.append(list(REGISTER_HEADERS))
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for request in requests:
        ws.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) for v in register_row(request, full_basis=True)]
        )
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BORDER
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(target)
