"""Read-only tables of strings, and the table of an import file's problems (sheet, row, column).

Every import preview (lists, boards, burdens) shows its problems with
:class:`ImportProblemTableModel`, so the clerk reads the same four columns everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from jianfu.domain.imports import ImportProblem

Index = QModelIndex | QPersistentModelIndex


class SimpleTableModel(QAbstractTableModel):
    """Read-only rows of strings under fixed headers (problems, diff rows, preview items)."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override: the text, also as tooltip (cells may be cut off)."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override: the headers, and 1-based row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def column_texts(self, column: int) -> list[str]:
        """Every cell of ``column`` (for tests and summaries)."""
        return [r[column] for r in self._rows]


class ImportProblemTableModel(SimpleTableModel):
    """The problems of an import file: 工作表, 行, 列, 问题."""

    def __init__(self, problems: Sequence[ImportProblem], parent: Any = None) -> None:
        rows = [
            (p.sheet, "" if p.row is None else str(p.row), p.column_text, p.message)
            for p in problems
        ]
        super().__init__(("工作表", "行", "列", "问题"), rows, parent)


#: Above this many rows, rows keep one line (measuring every row would be slow).
FIT_ROWS_MAX = 500


def make_table(model: QAbstractItemModel, widths: Sequence[int]) -> QTableView:
    """A read-only table whose long texts wrap; rows grow to fit them (small tables only)."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    for i, width in enumerate(widths):
        view.setColumnWidth(i, width)
    header.setStretchLastSection(True)

    # Fit after the header has settled (a stretched section is resized late).
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(
        lambda: view.resizeRowsToContents() if model.rowCount() <= FIT_ROWS_MAX else None
    )
    header.sectionResized.connect(lambda *_args: timer.start())
    model.modelReset.connect(timer.start)
    timer.start()
    return view
