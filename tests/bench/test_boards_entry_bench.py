"""Figures: keystrokes and time to record 50 boards in the entry grid (a scripted clerk).

Run: ``pytest tests/bench/test_boards_entry_bench.py --benchmark-only -s`` (skipped in
the normal run). Chinese characters count one keystroke each (as typed with an IME's
phrase completion they take about as many). The script
types like a clerk walking a village: every board gets its name and Enter; every fifth
board is a rules board in another room (Tab, digit, Tab, digit, Tab, room), and the
department changes every ten boards. It prints the keystroke count and the wall time;
nothing is asserted about speed.
"""

from __future__ import annotations

import time

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from jianfu.domain.boards import BoardFilter
from jianfu.services.boards import BoardsService
from jianfu.ui.boards.entry import EntryGridDialog

ROOMS = ("会议室", "办公室", "调解室", "阅览室", "服务大厅")
DEPARTMENTS = ("县委政法委", "县民政局", "县妇联", "县司法局", "县委宣传部")


class Keyboard:
    """Sends key events to the focused widget of a window and counts them."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.count = 0

    def _send(self, key: Qt.Key, text: str = "") -> None:
        target = self.window.focusWidget() or self.window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            )
        self.count += 1

    def type(self, text: str) -> None:
        for ch in text:
            self._send(Qt.Key.Key_unknown, ch)

    def press(self, key: Qt.Key) -> None:
        self._send(key, "\r" if key == Qt.Key.Key_Return else "")


@pytest.mark.benchmark(group="boards")
def test_record_50_boards_in_the_entry_grid(qtbot, demo_ctx, benchmark):
    benchmark.pedantic(_record_50, args=(qtbot, demo_ctx), rounds=1, iterations=1)


def _record_50(qtbot, demo_ctx) -> None:
    service = BoardsService(demo_ctx)
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    before = service.count(BoardFilter())
    dialog = EntryGridDialog(service, villages, cats, [], villages[-1][0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    keys = Keyboard(dialog)
    started = time.perf_counter()
    for n in range(50):
        if n % 10 == 0:
            # A new department: Shift+Tab back from the name is two keys; count them as such.
            dialog.department.setFocus()
            dialog.department.selectAll()
            keys.count += 2
            keys.type(DEPARTMENTS[n // 10])
            dialog.name.setFocus()
            keys.count += 2
        if n % 5 == 4:
            keys.type(f"第{n + 1}号制度牌")
            keys.press(Qt.Key.Key_Tab)
            keys.type("4")  # 制度牌
            keys.press(Qt.Key.Key_Tab)
            keys.type("2")  # 内部
            keys.press(Qt.Key.Key_Tab)
            keys.type(ROOMS[(n // 5) % len(ROOMS)])
            keys.press(Qt.Key.Key_Return)
            # back to an outside door plate for the next board
            dialog.category.setCurrentIndex(0)
            dialog.placement.setCurrentIndex(0)
            dialog.name.setFocus()
            keys.count += 6  # Tab, 1, Tab, 1, Shift+Tab x2 in real use
        else:
            keys.type(f"第{n + 1}号工作站")
            keys.press(Qt.Key.Key_Return)
    elapsed = time.perf_counter() - started
    saved = len(dialog.saved)
    print(
        f"\nentry grid: {saved} boards, {keys.count} keystrokes "
        f"({keys.count / saved:.1f} per board), {elapsed:.2f} s "
        f"({elapsed / saved * 1000:.0f} ms per board incl. save)"
    )
    assert saved == 50
    assert service.count(BoardFilter()) == before + 50
    assert dialog.error.text() == ""
