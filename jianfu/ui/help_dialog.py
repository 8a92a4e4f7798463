"""F1: the user guide, opened at the section of the screen in use: the clerk's
(resources/guide.md), or the one of the levels above the township (resources/guide_above.md:
a county's reviewer and the coordination mechanism, who read the townships' records and
review or decide admission cases; the clerk's guide told them to register and maintain)."""

from __future__ import annotations

import re

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from jianfu import paths


def guide_text(*, above: bool = False) -> str:
    """The guide as Markdown: the clerk's, or ``above`` the township's."""
    name = "guide_above.md" if above else "guide.md"
    return (paths.resources_dir() / name).read_text("utf-8")


#: A line break inside a paragraph of the guide between two Chinese characters (or before a
#: bold word): Markdown makes it a space, and the guide read 报送协调机制 审批, （逾期标红）； 在…
_SOFT_BREAK = re.compile(r"(?<=[\u2e80-\uffef])\n[ \t]*(?=[\u2e80-\uffef]|\*\*)")


def shown_guide(*, above: bool = False) -> str:
    """The guide as the dialog shows it: its paragraphs' line breaks between Chinese
    characters joined, so that they do not show as spaces."""
    return _SOFT_BREAK.sub("", guide_text(above=above))


class HelpDialog(QDialog):
    """The guide in a browser window, scrolled to one screen's section."""

    def __init__(
        self, section: str = "", parent: QWidget | None = None, *, above: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("减负 使用说明")
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(shown_guide(above=above))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._section = section
        self.show_section(section)

    def showEvent(self, event: QShowEvent) -> None:
        """Override: scroll again once shown; before, the page is not laid out at the
        window's width and the scroll bar has no range, so F1 opened at the top (首页)."""
        super().showEvent(event)
        QTimer.singleShot(0, lambda: self.show_section(self._section))

    def show_section(self, title: str) -> bool:
        """Scroll to the heading ``title`` (a screen's name); False when there is none."""
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text().strip() == title:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                bar = self.browser.verticalScrollBar()
                bar.setValue(int(doc.documentLayout().blockBoundingRect(block).top()))
                return True
            block = block.next()
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        return False

    def current_heading(self) -> str:
        """The heading at the top of the view (for tests)."""
        cursor = self.browser.cursorForPosition(self.browser.viewport().rect().topLeft())
        block = cursor.block()
        while block.isValid() and block.blockFormat().headingLevel() == 0:
            block = block.previous()
        return block.text() if block.isValid() else ""

    @classmethod
    def ask(cls, parent: QWidget | None, section: str = "", *, above: bool = False) -> None:
        """Show the guide (modeless, so the clerk can follow it while working); ``above``:
        the guide of a county's reviewer and the coordination mechanism."""
        dialog = cls(section, parent, above=above)
        dialog.show()
        if parent is not None:
            parent._help_dialog = dialog  # type: ignore[attr-defined]  # keep it alive
