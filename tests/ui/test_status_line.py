"""The main window's status line: a long message ends in … before the database's name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from jianfu.ui.widgets.status_line import StatusLine

#: What registering an unlisted request for 王 with a character no font has told (walked at
#: 1366x768): cut under the database's name through 记's radical.
LONG = (
    "已登记 2026-0024：清单外证明（须议事协商）。"
    "本机字体缺少“\U00031350”（U+31350），已按原字保存。"
    "清单外证明须经议事协商同意、负责人签字后出具，请在“记录办理结果”中登记协商情况"
)


def _shown(qtbot) -> tuple[QMainWindow, StatusLine, QLabel]:
    window = QMainWindow()
    qtbot.addWidget(window)
    line = StatusLine(window)
    window.setStatusBar(line)
    database = QLabel("数据库：SQLite：/home/clerk/.local/share/jianfu/jianfu.db")
    line.addPermanentWidget(database)
    window.resize(1000, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, line, database


def test_a_message_longer_than_its_room_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(qtbot):
    _window, line, database = _shown(qtbot)
    line.showMessage(LONG, 8000)
    shown = line.currentMessage()
    assert shown.endswith("…") and LONG.startswith(shown[:-1])
    assert line.fontMetrics().horizontalAdvance(shown) <= line.room()
    assert line.room() < database.x()  # the message stops before the database's name
    assert line.toolTip() == LONG
    line.clearMessage()
    assert line.toolTip() == ""


def test_a_message_that_fits_is_shown_as_it_is(qtbot):
    _window, line, _database = _shown(qtbot)
    line.showMessage(LONG, 8000)
    line.showMessage("已登记 2026-0025：可出具证明", 8000)
    assert line.currentMessage() == "已登记 2026-0025：可出具证明"
    assert line.toolTip() == ""
