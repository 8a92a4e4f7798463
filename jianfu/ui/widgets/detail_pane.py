"""The pane under a list that shows the selected row whole: it takes no room while nothing is
selected, so the list has the screen's height.

At 1366×768 the 证明 register's detail took 40 % of the height to say 选中一条申请查看详情, and
the 清单 screen's a sixth of it; the list showed ten rows where it had room for seventeen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTextBrowser

from jianfu.ui.glyphs import NOTE_COLOR, missing_note


def show_detail(
    detail: QTextBrowser, html: str | None, view: QAbstractItemView | None = None
) -> None:
    """Show ``html`` in ``detail``; ``None`` (nothing selected): hide the pane, its splitter
    gives its room to the list (and gives it back, at the size the clerk left, when a row is
    selected). ``view``: its current row is kept in sight when the pane opens under it."""
    if html is None:
        detail.hide()
        detail.clear()
        return
    opening = detail.isHidden()
    if opening:
        detail.show()  # before the text: laid out hidden, it opened scrolled past its heading
        splitter = detail.parentWidget()
        if isinstance(splitter, QSplitter):
            splitter.refresh()  # the list shorter now, not at the next layout
    detail.setHtml(with_note(html, detail.font()))
    detail.verticalScrollBar().setValue(0)
    if opening and view is not None:
        _keep_current_in_sight(view)
        # and again once the rows shown have been measured for their new room
        QTimer.singleShot(0, view, lambda: _keep_current_in_sight(view))


def with_note(html: str, font: QFont) -> str:
    """``html`` with the note on characters no installed font has (a bare box otherwise)
    under its heading, or first when it has none."""
    note = missing_note(QTextDocumentFragment.fromHtml(html).toPlainText(), font)
    if not note:
        return html
    said = f"<p style='color:{NOTE_COLOR}'>{escape(note)}</p>"
    head, heading, rest = html.partition("</h3>")
    return f"{head}{heading}{said}{rest}" if heading else f"{said}{html}"


def _keep_current_in_sight(view: QAbstractItemView) -> None:
    current = view.currentIndex()
    if current.isValid():
        view.scrollTo(current)
