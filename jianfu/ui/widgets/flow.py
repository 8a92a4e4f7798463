"""Choices side by side that go on to further lines in a narrow window.

For radio buttons and check boxes in a form that must fit a narrow window: a row of three
wide radio buttons made the 事项审核 form scroll sideways at 1024 px. The widgets sit in a
grid whose number of columns follows the width the form gives it, so the grid's own size
(its rows) is what the form sees: no height-for-width, which a form laid out by its rows'
hints gave one line only, hiding the others.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget


class WrappingGrid(QWidget):
    """Widgets in as many columns of equal width as fit (at most ``columns``), row by row."""

    def __init__(
        self, widgets: list[QWidget], *, columns: int, spacing: int = 12, parent=None
    ) -> None:
        super().__init__(parent)
        self._widgets = list(widgets)
        self._max_columns = max(1, columns)
        self._spacing = spacing
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._columns = 0
        self._arrange(self._max_columns)

    @property
    def columns(self) -> int:
        """How many columns the widgets take now."""
        return self._columns

    def _cell_width(self) -> int:
        return max((w.sizeHint().width() for w in self._widgets), default=0)

    def columns_for(self, width: int) -> int:
        """The columns that fit ``width`` (one at least, ``columns`` at most)."""
        cell = self._cell_width() + self._spacing
        return max(1, min(self._max_columns, (width + self._spacing) // max(1, cell)))

    def minimumSizeHint(self) -> QSize:
        """One column as narrow as the widest widget; as high as the rows it has now."""
        hint = super().minimumSizeHint()
        return QSize(self._cell_width(), hint.height())

    def sizeHint(self) -> QSize:
        """All the columns it may have; the height of the rows it has now."""
        width = self._max_columns * (self._cell_width() + self._spacing) - self._spacing
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = self.columns_for(event.size().width())
        if wanted != self._columns:
            self._arrange(wanted)

    def _arrange(self, columns: int) -> None:
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for n, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, n // columns, n % columns)
        for c in range(self._max_columns):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        self._columns = columns
        self.updateGeometry()  # other rows: the form lays the row out again
