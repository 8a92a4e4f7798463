"""A layout that puts its widgets in a row and goes on to the next line where the row ends.

For choices side by side (radio buttons, check boxes) in a form that must fit a narrow
window: a row of three wide radio buttons made the 事项审核 form scroll sideways at 1024 px.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Widgets left to right, wrapping to further lines; its height follows its width.

    With ``uniform`` every widget gets the width of the widest, so that the lines form
    columns (check boxes read like a grid), as many as fit.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 12,
        line_spacing: int = 4,
        uniform: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing, self._line_spacing, self._uniform = spacing, line_spacing, uniform
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_widget(self, widget: QWidget) -> None:
        """Add ``widget`` at the end."""
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = self._shown()
        m = self.contentsMargins()
        if not shown:
            return QSize(m.left() + m.right(), m.top() + m.bottom())
        widths = [self._width(item) for item in shown]
        height = max(item.sizeHint().height() for item in shown)
        width = sum(widths) + self._spacing * (len(shown) - 1)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """One widget a line: as narrow as the widest widget."""
        shown = self._shown()
        m = self.contentsMargins()
        width = max((self._width(item) for item in shown), default=0)
        height = max((item.minimumSize().height() for item in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _width(self, item: QLayoutItem) -> int:
        if self._uniform:
            return max(i.sizeHint().width() for i in self._shown())
        return item.sizeHint().width()

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the widgets out in ``rect`` (only measure unless ``move``); the height used."""
        m: QMargins = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            width = self._width(item)
            height = item.sizeHint().height()
            if x > area.x() and x + width > area.right() + 1:  # the line is full
                x, y = area.x(), y + line_height + self._line_spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._spacing
            line_height = max(line_height, height)
        return y + line_height - rect.y() + m.bottom()
