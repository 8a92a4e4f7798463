"""A read-only table of strings for summary tables (figures per village, counts per kind).

A city's summary has 3,000 rows: a ``QTableWidget`` made 50,000 items (and as many Python
calls) each time it was filled; this model only swaps its list of rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

Index = QModelIndex | QPersistentModelIndex

# Qt asks for every role of every cell it sizes and paints (tens of thousands of calls for a
# city): the roles as plain ints, looked up once, not through the enum on each call
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_CENTRE = Qt.AlignmentFlag.AlignCenter


class TextTableModel(QAbstractTableModel):
    """Rows of strings under fixed headers; numbers centred, the last row bold if asked."""

    def __init__(self, headers: Sequence[str], *, bold_last: bool = False, parent: Any = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Sequence[str]] = []
        self._bold_rows: frozenset[int] = frozenset()
        self._bold_last = bold_last
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Sequence[str]], bold: Collection[int] = ()) -> None:
        """Show ``rows`` instead of the present ones; ``bold``: rows in bold (sums)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._bold_rows = frozenset(bold)
        self.endResetModel()

    def is_bold(self, row: int) -> bool:
        """Whether row ``row`` is shown in bold."""
        return row in self._bold_rows or (self._bold_last and row == len(self._rows) - 1)

    def texts(self) -> list[list[str]]:
        """Every row as shown (for tests)."""
        return [list(r) for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """Override: the text; a number (past the first column) centred."""
        role = int(role)
        if role == _DISPLAY:
            return self._rows[index.row()][index.column()] if index.isValid() else None
        if role == _ALIGNMENT and index.isValid():
            column = index.column()
            if column > 0 and self._rows[index.row()][column].isdigit():
                return _CENTRE
        elif role == _FONT and index.isValid() and self.is_bold(index.row()):
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
