"""The one table writer behind every workbook the app exports.

Every exported sheet gets the same treatment here, so it prints well in Excel, WPS and
LibreOffice and cannot carry a live formula:

* A4 paper, portrait or landscape by the total column width, fitted to the page width,
  margins of about 1.5 cm, the header row(s) repeated on every printed page and a
  "第 N 页 共 M 页" footer; the header is frozen on screen;
* dates are real dates (``yyyy-mm-dd``) and numbers real numbers;
* text is always a text cell: text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return is written as text with Excel's quote prefix (shown and re-edited as text, never run
  as a formula), and characters a workbook cannot hold are dropped. :func:`put` is the only
  place a value meets a cell.

:class:`TableWriter` streams (openpyxl write-only mode): rows go to a temporary file as they
come, so memory does not grow with the number of rows. The workbook is written through
:mod:`jianfu.files`, whole or not at all.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import decimal
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from jianfu import files
from jianfu.domain.units import UnitType, VillageTownships

#: Text starting with one of these would be taken for a formula (or DDE) by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Above this total column width (in characters) a sheet prints landscape.
PORTRAIT_MAX_WIDTH = 100
#: Most characters of column width one landscape page holds and stays readable (about 8 pt);
#: a wider table prints on several pages side by side, its first columns repeated.
LANDSCAPE_MAX_WIDTH = 260
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FOOTER = "第 &P 页 共 &N 页"
FONT_NAME = "宋体"
#: Points per line of wrapped text (11-point body text).
LINE_HEIGHT = 15.0

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


def clean_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` typed into a cell as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def put(cell: Cell, value: Any) -> Cell:
    """Give ``cell`` (normal or write-only) ``value`` safely; returns the cell.

    ``None`` and ``""`` leave the cell empty; dates and datetimes get a date format; numbers
    stay numbers; everything else becomes text, neutralised if it looks like a formula.
    """
    if value is None or value == "":
        cell.value = None
        return cell
    if isinstance(value, bool):
        cell.value = "是" if value else "否"
        return cell
    if isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int | float | decimal.Decimal):
        cell.value = value
        return cell
    text = clean_text(value.value if hasattr(value, "value") else str(value))
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever it starts with
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def neutralise_sheet(ws: Worksheet) -> None:
    """Pass every text cell of a normal (not write-only) sheet through :func:`put`.

    For sheets laid out cell by cell (the period report): the layout code assigns values
    freely and this makes sure none of them is left a formula.
    """
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell, Cell) and isinstance(cell.value, str):  # not a MergedCell
                put(cell, cell.value)


def print_setup(
    ws: Any,
    widths: Sequence[float],
    *,
    header_rows: tuple[int, int] | None,
    freeze_below: int | None = None,
    landscape: bool | None = None,
    repeat_columns: int = 2,
) -> None:
    """Column widths, A4, orientation by width, fit to width, margins, titles, footer, freeze.

    ``header_rows`` (first, last) repeat on every printed page; ``freeze_below`` is the
    last row frozen on screen (defaults to the last header row). A table too wide for one
    readable landscape page is printed on pages side by side with its first
    ``repeat_columns`` columns repeated on each.
    """
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    if landscape is None:
        landscape = sum(widths) > PORTRAIT_MAX_WIDTH
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    total = sum(widths)
    across = max(1, math.ceil(total / LANDSCAPE_MAX_WIDTH)) if landscape else 1
    ws.page_setup.fitToWidth = across
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if across > 1 and len(widths) > repeat_columns > 0:
        ws.print_title_cols = f"A:{get_column_letter(repeat_columns)}"
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.8, header=0.3, footer=0.4)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 9
    if header_rows is not None:
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
        freeze_below = header_rows[1] if freeze_below is None else freeze_below
    if freeze_below:
        ws.freeze_panes = f"A{freeze_below + 1}"


def save(wb: Workbook, target: str | os.PathLike[str] | BinaryIO) -> None:
    """Save ``wb`` to a path atomically (temporary file, fsync, rename) or to an open file."""
    if isinstance(target, str | os.PathLike):
        # A missing folder is the caller's mistake to report, not to create.
        files.write_with(Path(target), wb.save, make_parents=False)
    else:
        wb.save(target)


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, width in characters and alignment."""

    label: str
    width: float
    centered: bool = False


@dataclass(frozen=True)
class TownshipColumn:
    """The 乡镇(街道) column of an export of several townships' villages (a county's, a
    city's), put at ``at``, before 村(社区): each row's township, as the screens name it (a
    county has villages of one name in several townships; a reader of the file passes over
    the column). Without ``townships`` (a township's export) nothing is added."""

    townships: VillageTownships | None
    at: int

    def columns(self, columns: Iterable[Column]) -> list[Column]:
        """The table's columns, with the 乡镇(街道) column where it belongs."""
        out = list(columns)
        if self.townships is not None:
            out.insert(self.at, Column(UnitType.TOWNSHIP.value, 12))
        return out

    def cells(self, cells: Iterable[Any], village_id: int | None) -> list[Any]:
        """A row's values, with the village's township where the column stands."""
        out = list(cells)
        if self.townships is not None:
            out.insert(self.at, self.townships.township(village_id))
        return out


class TableWriter:
    """A titled table on one sheet, written row by row in constant memory.

    Usage: ``w = TableWriter("牌子台账", columns, title=...)``, then ``w.row(values)`` (and
    ``w.section(text)`` for a full-width group heading), then ``w.save(target)``.
    """

    def __init__(
        self,
        sheet: str,
        columns: Sequence[Column],
        *,
        title: str | None = None,
        subtitle: str | None = None,
        landscape: bool | None = None,
        repeat_columns: int = 2,
    ) -> None:
        self.columns = list(columns)
        self.rows_written = 0
        self._styles: dict[tuple[Any, ...], Any] = {}
        self._wb = Workbook(write_only=True)
        self._wb.properties.creator = "减负 (jianfu)"
        if title:
            self._wb.properties.title = clean_text(title)
        self._ws = self._wb.create_sheet(sheet[:31])
        self._row = 0
        self._last = get_column_letter(len(self.columns))
        header_first = 1 + (1 if title else 0) + (1 if subtitle is not None else 0)
        print_setup(
            self._ws,
            [c.width for c in self.columns],
            header_rows=(header_first, header_first),
            landscape=landscape,
            repeat_columns=repeat_columns,
        )
        if title:
            self._full_row(title, Font(name=FONT_NAME, size=16, bold=True), CENTER, height=32)
        if subtitle is not None:  # "" keeps an empty line (the shape counties publish)
            self._full_row(subtitle, None, Alignment(horizontal="left", vertical="center"))
        self._append(
            [
                self._cell(c.label, font=Font(bold=True), align=CENTER, fill=HEADER_FILL)
                for c in self.columns
            ]
        )

    def _cell(
        self,
        value: Any,
        *,
        font: Font | None = None,
        align: Alignment = WRAP,
        fill: PatternFill | None = None,
        border: bool = True,
    ) -> Cell:
        # Looking a style up costs more than writing the cell: each combination is looked
        # up once and its style array copied to every cell that uses it.
        key = (id(font), id(align), id(fill), border)  # the objects are kept alive below
        found = self._styles.get(key)
        if found is not None:
            style = found[0]
        else:
            template = WriteOnlyCell(self._ws)
            if font is not None:
                template.font = font
            template.alignment = align
            if fill is not None:
                template.fill = fill
            if border:
                template.border = BORDER
            # openpyxl's own way to share a style is to copy the private style array
            style = template._style  # type: ignore[attr-defined]
            self._styles[key] = (style, font, align, fill)
        cell = WriteOnlyCell(self._ws)
        cell._style = copy.copy(style)  # type: ignore[attr-defined]
        return put(cell, value)

    def _append(self, cells: list[Cell], height: float | None = None) -> None:
        if height is not None:
            self._ws.row_dimensions[self._row + 1].height = height
        self._ws.append(cells)  # written to the stream now, with its height
        self._row += 1
        if height is not None:  # so the dimensions do not pile up, one per row
            self._ws.row_dimensions.pop(self._row, None)

    def _full_row(
        self,
        text: str,
        font: Font | None,
        align: Alignment,
        *,
        fill: PatternFill | None = None,
        border: bool = False,
        height: float | None = None,
    ) -> None:
        first = self._cell(text, font=font, align=align, fill=fill, border=border)
        rest = [self._cell(None, fill=fill, border=border) for _ in range(len(self.columns) - 1)]
        self._append([first, *rest], height)
        if len(self.columns) > 1:
            self._ws.merged_cells.add(f"A{self._row}:{self._last}{self._row}")

    def section(self, text: str) -> None:
        """A full-width group heading row (bold, shaded, framed)."""
        self._full_row(
            text,
            Font(bold=True),
            Alignment(vertical="center"),
            fill=SECTION_FILL,
            border=True,
        )

    def row(self, values: Sequence[Any]) -> None:
        """One data row, framed; values in column order (see :func:`put`)."""
        cells = [
            self._cell(v, align=CENTER if c.centered else WRAP)
            for c, v in zip(self.columns, values, strict=True)
        ]
        self._append(cells, self._height(values))
        self.rows_written += 1

    def _height(self, values: Sequence[Any]) -> float | None:
        """The row height wrapped text needs (spreadsheets do not all work it out on
        opening, and LibreOffice does not when converting): lines x line height."""
        lines = 1
        for column, value in zip(self.columns, values, strict=False):
            if isinstance(value, str) and value:
                room = max(column.width - 0.5, 1.0)
                needed = 0
                for part in value.split("\n"):
                    # GBK gives CJK characters 2 bytes and ASCII 1: their width in columns.
                    needed += max(1, math.ceil(len(part.encode("gbk", "replace")) / room))
                lines = max(lines, needed)
        return None if lines == 1 else min(LINE_HEIGHT * lines, 409)

    def rows(self, many: Iterable[Sequence[Any]]) -> int:
        """Write every row of ``many``; returns how many."""
        before = self.rows_written
        for values in many:
            self.row(values)
        return self.rows_written - before

    def save(self, target: str | os.PathLike[str] | BinaryIO) -> None:
        """Finish the workbook (see :func:`save`); the writer cannot be used after."""
        try:
            save(self._wb, target)
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop the rows streamed so far (their temporary file); safe to call twice."""
        for ws in self._wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            if not ws.closed:
                with contextlib.suppress(Exception):
                    ws.close()
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
            ws._writer = None  # type: ignore[attr-defined]  # write-only sheets' private stream

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.discard()


__all__ = [
    "BORDER",
    "CENTER",
    "FORMULA_TRIGGERS",
    "HEADER_FILL",
    "SECTION_FILL",
    "WRAP",
    "Column",
    "TableWriter",
    "clean_text",
    "is_formula_like",
    "neutralise_sheet",
    "print_setup",
    "put",
    "save",
]
