"""Tab into a screen's list: a row is marked and the screen shows it (walk at 1366x768,
2026-12: Qt made the first row current but selected nothing, so nothing was highlighted and
the detail beside the list stayed empty)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QTabWidget, QWidget

#: Each screen with a list, and the attribute of its list.
LISTS = {
    "lists": "view",
    "tasks": "table",
    "cases": "table",
    "boards": "view",
    "certificates": "view",
    "burdens": "view",
    "units": "view",
    "departments": "view",
    "audit": "view",
}


def _shown(view: QWidget) -> None:
    """Bring the tab holding ``view`` to the front (事项审核's list is on one of its tabs)."""
    ancestors = []
    widget: QWidget | None = view
    while widget is not None:
        ancestors.append(widget)
        widget = widget.parentWidget()
    for tabs in (a for a in ancestors if isinstance(a, QTabWidget)):
        for page in ancestors:
            if tabs.indexOf(page) >= 0:
                tabs.setCurrentIndex(tabs.indexOf(page))


def _list_of(window, qtbot, key: str) -> QTableView:
    page = window.show_screen(key)
    view = getattr(page, LISTS[key])
    _shown(view)
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=20000)
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.clearSelection()
    view.selectionModel().clearCurrentIndex()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.nav.setFocus()
    return view


@pytest.mark.parametrize("key", list(LISTS))
def test_tab_into_a_screens_list_selects_its_first_row(window, qtbot, key):
    view = _list_of(window, qtbot, key)
    assert not view.selectionModel().hasSelection()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    assert view.hasFocus()
    rows = [i.row() for i in view.selectionModel().selectedRows()]
    assert rows == [0]
    assert view.currentIndex().row() == 0


def test_tab_key_into_the_list_shows_the_item_beside_it(window, qtbot):
    view = _list_of(window, qtbot, "lists")
    page = window.pages["lists"]
    before = page.detail.toPlainText()
    # the widget before the list in the Tab order: one Tab from it lands in the list
    previous = view.previousInFocusChain()
    while not (
        previous.isVisible()
        and previous.isEnabled()
        and previous.focusPolicy() & Qt.FocusPolicy.TabFocus
    ):
        previous = previous.previousInFocusChain()
    previous.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(previous, Qt.Key.Key_Tab)
    assert view.hasFocus()
    item = page.selected()
    assert item is not None and item.name in page.detail.toPlainText()
    assert page.detail.toPlainText() != before


def test_a_click_or_the_window_coming_back_selects_nothing(window, qtbot):
    view = _list_of(window, qtbot, "cases")
    view.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    view.clearFocus()
    view.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not view.selectionModel().hasSelection()


def test_a_row_already_selected_stays_selected(window, qtbot):
    view = _list_of(window, qtbot, "boards")
    view.selectRow(2)
    window.nav.setFocus()
    view.setFocus(Qt.FocusReason.BacktabFocusReason)
    assert [i.row() for i in view.selectionModel().selectedRows()] == [2]
