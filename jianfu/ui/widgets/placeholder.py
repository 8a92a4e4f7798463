"""An honest page for a flow that is not built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderWidget(QWidget):
    """Says what the screen will hold, so the clerk is not left guessing."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        body = QLabel(
            "此功能尚在开发中，下一版本提供。届时这里将可以：\n\n"
            + "\n".join(f"• {line}" for line in lines)
        )
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(body)
        layout.addStretch(1)
