"""Table models of the signboard screen: the ledger (paged, filtered and sorted in SQL)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from jianfu.domain.boards import SORT_KEYS, BoardFilter, BoardStatus, Signboard
from jianfu.domain.paging import Page
from jianfu.domain.text import mask_id_numbers
from jianfu.ui.glyphs import with_missing_note
from jianfu.ui.models.paged_table import Column, PagedTableModel

Index = QModelIndex | QPersistentModelIndex
CENTER = Qt.AlignmentFlag.AlignCenter
FLAGGED_COLOR = QColor("#b00020")
RELAPSE_COLOR = QColor("#c25e00")
#: The detail of a board in range still stored 待处置 (shown 待核定): what the clerk does next.
IN_RANGE_TODO = "，待核定：核实后点“编辑”，处置选“保留”或“规范”"

BoardFetcher = Callable[[BoardFilter, int, int], Page[Signboard]]


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


class BoardTableModel(PagedTableModel[Signboard]):
    """The boards matching a filter, page by page; a click on a header sorts in SQL."""

    #: The sort key of each column (``None``: not sortable).
    COLUMN_SORT: tuple[str | None, ...] = (
        "village",
        "name",
        "category",
        "placement",
        "department",
        None,
        None,
        "disposition",
        "disposed_on",
        "status",
        None,
    )

    def __init__(
        self,
        fetch: BoardFetcher,
        parent: Any = None,
        runner: Any = None,
        village_text: Callable[[int, str], str] | None = None,
    ) -> None:
        """``village_text(village_id, name)``: the village as the 村(社区) column shows it
        (above the township led by its township)."""
        village = village_text or (lambda _id, name: name)
        columns: list[Column[Signboard]] = [
            Column("村(社区)", lambda b: village(b.village_id, b.village), width=84),
            Column("牌子名称", lambda b: b.name, width=200),
            Column("类别", lambda b: b.category, CENTER, width=64),
            Column("位置", lambda b: b.place_text, CENTER, width=90),
            Column("要求挂牌部门", lambda b: b.department, width=116),
            Column("数量", lambda b: str(b.quantity), CENTER, width=44),
            Column("允许范围", lambda b: "范围内" if b.allowed else "范围外", CENTER, width=64),
            Column(
                "处置", lambda b: b.disposition.value if b.disposition else "", CENTER, width=50
            ),
            Column("处置日期", lambda b: _date(b.disposed_on), CENTER, width=86),
            Column("状态", lambda b: b.status_text, CENTER, width=70),
            Column("照片", lambda b: str(b.photo_count) if b.photo_count else "", CENTER, width=44),
        ]
        super().__init__(columns, self._page, page_size=200, runner=runner, parent=parent)
        self._fetch_boards = fetch
        self._filter = BoardFilter()

    # ---- public API

    @property
    def board_filter(self) -> BoardFilter:
        """The filter of the last query."""
        return self._filter

    def set_filter(self, f: BoardFilter, *, background: bool = False) -> None:
        """Query again with ``f`` (the sort chosen on the header is kept; ``background``: on
        a worker)."""
        self._filter = replace(f, sort=self._filter.sort, descending=self._filter.descending)
        self.reload(f.query, background=background)

    def row_of(self, board_id: int) -> int:
        """The loaded row showing this board, or -1."""
        for row in range(self.rowCount()):
            if self.row_at(row).id == board_id:
                return row
        return -1

    # ---- Qt API

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override: red for flagged boards still to deal with, orange for relapses."""
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            board = self.row_at(index.row())
            if board.status is BoardStatus.RELAPSED:
                return RELAPSE_COLOR
            if board.flagged and board.status is BoardStatus.PENDING:
                return FLAGGED_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return with_missing_note(board_tooltip(self.row_at(index.row())))
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Override: ask the service for the rows in the new order (rows read in that order
        already are not read again: the view sorts when its sorting is turned on)."""
        key = self.COLUMN_SORT[column] if 0 <= column < len(self.COLUMN_SORT) else None
        if key is None or key not in SORT_KEYS:
            return
        wanted = replace(self._filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if wanted == self._filter and self._read:
            return
        self._filter = wanted
        self.reload()

    def sort_without_reading(self, column: int, order: Qt.SortOrder) -> None:
        """The order the next read uses, as ``sort`` would set it, without reading now."""
        key = self.COLUMN_SORT[column] if 0 <= column < len(self.COLUMN_SORT) else None
        if key is not None and key in SORT_KEYS:
            descending = order == Qt.SortOrder.DescendingOrder
            self._filter = replace(self._filter, sort=key, descending=descending)

    # ---- helpers

    def _page(self, query: str, offset: int, limit: int) -> Page[Signboard]:
        return self._fetch_boards(replace(self._filter, query=query), offset, limit)


def _flag_html(board: Signboard, *, bold: bool) -> str:
    """Where a board outside the allowed set is in its clean-up. A board 摘除 still read
    "不在允许范围内，需处置" in red in its detail, as if nothing had been done."""
    if board.status is BoardStatus.DISPOSED:
        how = f"（{board.disposition.value}）" if board.disposition else ""
        text, color = f"不在允许范围内，已处置{how}，待复查销号", "#8a4b00"
    elif board.status is BoardStatus.CLOSED:
        how = f"（{board.disposition.value}）" if board.disposition else ""
        text, color = f"不在允许范围内，已处置{how}并销号", "#555555"
    elif board.status is BoardStatus.RELAPSED:
        text, color = "不在允许范围内，复查时发现又挂回，需重新处置", "#b00020"
    else:
        text, color = "不在允许范围内，需处置", "#b00020"
    if bold and color == "#b00020":
        text = f"<b>{text}</b>"
    return f"<span style='color:{color}'>{text}</span>"


def board_tooltip(board: Signboard) -> str:
    """The board's department and basis, wrapped."""
    parts = [f"<b>{html.escape(board.name)}</b>"]
    if board.department:
        parts.append(f"要求挂牌部门：{html.escape(board.department)}")
    if board.basis:
        parts.append(f"依据：{html.escape(board.basis)}")
    if board.flagged:
        parts.append(_flag_html(board, bold=False))
    return "<p>" + "<br>".join(parts) + "</p>"


def board_detail_html(board: Signboard, township: str = "") -> str:
    """Everything about a board for the detail pane; above the township, ``township`` is
    the board's (the pane said 村(社区) 清溪村 where the ledger's column said 清溪镇 清溪村)."""
    e = html.escape

    def row(label: str, value: str) -> str:
        # an ID number typed into a 备注 or the like is masked, as everywhere on screen
        value = mask_id_numbers(value)
        return f"<tr><td style='color:#555;padding-right:8px'>{label}</td><td>{e(value)}</td></tr>"

    flag = (
        f"<span style='color:#1b5e20'>在允许范围内{IN_RANGE_TODO}</span>"
        if board.allowed and board.status is BoardStatus.PENDING
        else "<span style='color:#1b5e20'>在允许范围内</span>"
        if board.allowed
        else _flag_html(board, bold=True)
    )
    rows = [
        row("乡镇(街道)", township) if township else "",
        row("村(社区)", board.village),
        row("类别", board.category),
        row("位置", board.place_text),
        row("要求挂牌部门", board.department),
        row("依据文件", board.basis),
        row("规格/材质", board.size_material),
        row("数量", f"{board.quantity} 块"),
        row("处置", board.disposition.value if board.disposition else "（未处置）"),
        row("处置日期", _date(board.disposed_on)),
        row("状态", board.status_text),
        row("初审/复审", " / ".join(x for x in (board.first_reviewer, board.second_reviewer) if x)),
        row("登记日期", _date(board.registered_on)),
    ]
    if board.approved_addition:
        rows.append(row("经批准新增", board.approval_document or "是"))
    if board.relapse_count:
        rows.append(row("复查反弹", f"{board.relapse_count} 次，最近 {_date(board.relapsed_on)}"))
    if board.notes:
        rows.append(row("备注", board.notes))
    title = f"<p><b style='font-size:12pt'>{e(mask_id_numbers(board.name))}</b><br>{flag}</p>"
    return title + "<table>" + "".join(rows) + "</table>"
