"""The main window's status line: a message longer than its room ends in …, whole in the tooltip.

QStatusBar draws a message up to the permanent widgets on its right (the database's name) and
cuts it there: registering an unlisted certificate for 王 with a character no font has told
"…请在“讠" at 1366 pixels, half a character and the advice lost. The line now ends the message
in … where it is cut, and its tooltip holds the whole message while it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QWidget

#: QStatusBar's own margins of its message: 6 px on the left, 2 px before a permanent widget.
_LEFT, _BEFORE_PERMANENT = 6, 2


class StatusLine(QStatusBar):
    """A status bar whose messages end in … where the permanent widgets begin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self._on_message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:
        """Override: remember the widget, the message's room ends where it begins."""
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def room(self) -> int:
        """The width a message has: up to the first permanent widget shown."""
        right = self.width() - 12
        shown = [w.x() for w in self._permanent if w.isVisible()]
        if shown:
            right = min(right, min(shown) - _BEFORE_PERMANENT)
        return right - _LEFT

    def showMessage(self, text: str, timeout: int = 0) -> None:
        """Override: ``text``, ended in … when longer than :meth:`room`; whole in the tooltip."""
        room = self.room()
        shown = text
        if room > 0 and self.fontMetrics().horizontalAdvance(text) > room:
            shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        super().showMessage(shown, timeout)
        self.setToolTip(text if shown != text else "")

    def _on_message_changed(self, message: str) -> None:
        if not message:  # gone (its time is up, or cleared): no tooltip of it left behind
            self.setToolTip("")
