"""The window fits a 1024-pixel screen (or 1366 at 125 %): no screen makes it wider, and a
screen's bottom buttons go on a second line rather than out of reach."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton

from jianfu.ui.main_window import SCREENS
from jianfu.ui.widgets.button_row import TwoPartRow

pytestmark = pytest.mark.usefixtures("qtbot")

NARROW = 1024


def _shown_whole(window, button: QPushButton) -> bool:
    corner = button.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(corner, button.size()))


def test_no_screen_makes_the_window_wider_than_1024(window, qtbot):
    for screen in SCREENS:
        window.show_screen(screen.key)
    window.resize(NARROW, 700)
    qtbot.waitUntil(lambda: window.width() <= NARROW, timeout=3000)
    assert window.minimumSizeHint().width() <= NARROW


@pytest.mark.parametrize("key", ["boards", "certificates"])
def test_at_1024_every_bottom_button_is_within_the_window(window, qtbot, key):
    page = window.show_screen(key)
    window.resize(NARROW, 700)
    qtbot.waitUntil(lambda: window.width() <= NARROW, timeout=3000)
    row = page.bottom_row
    buttons = row.findChildren(QPushButton)
    assert len(buttons) >= 6
    qtbot.waitUntil(lambda: all(_shown_whole(window, b) for b in buttons), timeout=3000)
    window.resize(1366, 728)  # wide again: one line
    qtbot.waitUntil(lambda: row.one_line(), timeout=3000)
    assert all(_shown_whole(window, b) for b in buttons)


def test_the_second_group_goes_under_the_first_only_when_both_do_not_fit(qtbot):
    first = [QPushButton(f"按钮{n}") for n in range(4)]
    second = [QPushButton(f"打印{n}…") for n in range(4)]
    row = TwoPartRow((*first, 8), second)
    qtbot.addWidget(row)
    row.show()
    both = sum(b.minimumSizeHint().width() for b in (*first, *second))
    row.resize(both + 200, 40)
    qtbot.waitUntil(row.one_line, timeout=3000)
    assert second[0].y() == first[0].y()
    row.resize(both // 2 + 60, 80)
    qtbot.waitUntil(lambda: not row.one_line(), timeout=3000)
    assert row.minimumSizeHint().width() < both // 2 + 60  # it asks only for the wider group
    qtbot.waitUntil(  # laid out again on the next turn of the event loop
        lambda: second[0].mapTo(row, QPoint(0, 0)).y() > first[0].mapTo(row, QPoint(0, 0)).y(),
        timeout=3000,
    )
