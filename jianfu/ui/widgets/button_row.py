"""A screen's bottom row of buttons that goes on a second line rather than widen the window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QWidget


class TwoPartRow(QWidget):
    """Two groups of widgets: the first on the left, the second on the right of one row, or
    the second under the first (still on the right) when the row is narrower than both.

    The window's narrowest width was the sum of all the buttons of its widest screen: on a
    1024-pixel screen (or 1366 at 125 %) the 牌子 screen made the window wider than the screen,
    its right-hand buttons out of reach.
    """

    def __init__(
        self, first: Sequence[QWidget | int], second: Sequence[QWidget], parent=None
    ) -> None:
        super().__init__(parent)
        self._first = QWidget(self)
        self._second = QWidget(self)
        left, right = QHBoxLayout(self._first), QHBoxLayout(self._second)
        for row in (left, right):
            row.setContentsMargins(0, 0, 0, 0)
        for item in first:
            if isinstance(item, int):
                left.addSpacing(item)
            else:
                left.addWidget(item)
        left.addStretch(1)
        right.addStretch(1)
        for widget in second:
            right.addWidget(widget)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._box.addWidget(self._first, 1)
        self._box.addWidget(self._second, 1)

    def one_line(self) -> bool:
        """Whether both groups are on one line."""
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def _both_width(self) -> int:
        first, second = self._first.minimumSizeHint(), self._second.minimumSizeHint()
        return first.width() + self._box.spacing() + second.width()

    def minimumSizeHint(self) -> QSize:
        """Override: as narrow as the wider group; two lines high when on two lines."""
        first, second = self._first.minimumSizeHint(), self._second.minimumSizeHint()
        width = max(first.width(), second.width())
        if self.one_line():
            return QSize(width, max(first.height(), second.height()))
        return QSize(width, first.height() + self._box.spacing() + second.height())

    def sizeHint(self) -> QSize:
        """Override: both groups side by side when there is room."""
        hint = self.minimumSizeHint()
        return QSize(max(hint.width(), self._both_width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: one line when both groups fit, else the second under the first."""
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self._both_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if wanted != self._box.direction():
            self._box.setDirection(wanted)
            self.updateGeometry()  # one line or two: the screen gives the table the rest
        super().resizeEvent(event)
