"""A read-only table of strings for summary tables (figures per village, counts per kind).

A city's summary has 3,000 rows: a ``QTableWidget`` made 50,000 items (and as many Python
calls) each time it was filled; this model only swaps its list of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

Index = QModelIndex | QPersistentModelIndex


class TextTableModel(QAbstractTableModel):
    """Rows of strings under fixed headers; numbers centred, the last row bold if asked."""

    def __init__(self, headers: Sequence[str], *, bold_last: bool = False, parent: Any = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Sequence[str]] = []
        self._bold_last = bold_last
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show ``rows`` instead of the present ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def texts(self) -> list[list[str]]:
        """Every row as shown (for tests)."""
        return [list(r) for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override: the text; a number (past the first column) centred."""
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 and value.isdigit():
            return Qt.AlignmentFlag.AlignCenter
        if (
            role == Qt.ItemDataRole.FontRole
            and self._bold_last
            and index.row() == len(self._rows) - 1
        ):
            return self._bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override: the column headers."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
