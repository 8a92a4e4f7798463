"""Choices side by side that go on to further lines in a narrow window.

For radio buttons and check boxes in a form that must fit a narrow window: a row of three
wide radio buttons made the 事项审核 form scroll sideways at 1024 px. The widgets sit in a
grid whose number of columns follows the width the form gives it, so the grid's own size
(its rows) is what the form sees: no height-for-width, which a form laid out by its rows'
hints gave one line only, hiding the others.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QSizePolicy, QWidget


def hints_changed(widget: QWidget) -> None:
    """Make the new size hints of ``widget``, changed inside a resize, what every layout
    above it reports at once, not after the layout request Qt posts.

    ``updateGeometry`` marks only the layout of the parent as changed, not the layouts nested
    in it nor those above: until the posted request comes they give the hints they had. A
    QScrollArea sizes its widget inside that widget's resize event from those hints, and the
    old ones flip its scroll bar, which changes the width, which changes the hints back: the
    事项审核 form was resized to 418 px then 404 px, over and over, 92,000 frames deep, until
    the stack ran out: a segfault, the app gone without a word."""
    widget.updateGeometry()
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if layout is not None:
            _invalidate_nested(layout)
        if parent.isWindow():
            break
        parent.updateGeometry()  # its own hints, as the layout above keeps them
        parent = parent.parentWidget()


def _invalidate_nested(layout: QLayout) -> None:
    # the nested layouts are its children (no QLayoutItem wrappers, which Python may own)
    layout.invalidate()
    for inner in layout.findChildren(QLayout):
        inner.invalidate()


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
        # other rows: the form lays the row out again, and what sizes the form (a scroll
        # area, inside this resize) sees the new height now
        hints_changed(self)


class FittingLabel(QLabel):
    """A wrapped label as high as its text at the width it is given, never lower than the
    lines it keeps room for (``reserve``: a text whose height it keeps, so that a shorter
    text does not move what is under it).

    A form lays its rows out by their hints, not by height-for-width: the cited item of
    事项审核 kept the height of its three reserved lines plus one, and at 1024 px, where its
    first line wraps, its last line (命中…) was cut off.
    """

    def __init__(self, reserve: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # measures the text: a label's own height for a width is never below its minimum
        # height, which would keep the height of the narrowest width it was given
        self._ruler = QLabel()
        self._ruler.setWordWrap(True)
        self._ruler.setTextFormat(Qt.TextFormat.RichText)
        self._reserved = self._height_of(reserve, 10_000) if reserve else 0  # lines unwrapped
        self.setMinimumHeight(self._reserved)

    def setText(self, text: str) -> None:
        """Override: the height follows the new text."""
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: the height follows the width (more or fewer wrapped lines)."""
        super().resizeEvent(event)
        self._fit()

    def _height_of(self, text: str, width: int) -> int:
        self._ruler.setFont(self.font())
        self._ruler.setContentsMargins(self.contentsMargins())
        self._ruler.setText(text)
        return self._ruler.heightForWidth(width)

    def _fit(self) -> None:
        width = self.width()
        need = self._height_of(self.text(), width) if width > 0 and self.text() else 0
        need = max(self._reserved, need)
        if need != self.minimumHeight():
            self.setMinimumHeight(need)
            hints_changed(self)  # inside a resize: the form's height is read at once
