"""The import previews' problem table (``make_table``): a long message wraps and its row grows,
also where the message has a run with no line break in it (a quoted value, a file name)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QVBoxLayout

from jianfu.domain.imports import ImportProblem
from jianfu.ui.widgets.tables import ImportProblemTableModel, make_table

TYPES = "、".join(["工作机制/专人专岗", "报表台账", "工作群/政务APP", "督查检查/考核评比/观摩"] * 5)
MESSAGES = [
    f"类别“不存在的类别”无法识别，应为：{TYPES}",  # Chinese with break opportunities
    "名称“" + "ABCDEFGHIJ0123456789" * 12 + "”超过 200 字",  # one run with none
    "短",
]


def _shown(qtbot, messages: list[str]):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    problems = [ImportProblem("Sheet1", 2, "C", m) for m in messages]
    model = ImportProblemTableModel(problems, dialog)
    view = make_table(model, (110, 50, 150, 500))
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    dialog.resize(900, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, view  # qtbot keeps only a weak reference to the dialog


def test_a_long_message_wraps_and_its_row_grows_to_show_every_line(qtbot):
    _dialog, view = _shown(qtbot, MESSAGES)
    line = QFontMetrics(view.font()).lineSpacing()
    width = view.columnWidth(3)
    for row, text in enumerate(MESSAGES[:2]):
        # the text is far wider than its column: it needs at least that many lines
        lines = QFontMetrics(view.font()).horizontalAdvance(text) // width + 1
        qtbot.waitUntil(lambda row=row, lines=lines: view.rowHeight(row) >= lines * line)
        assert lines >= 3
    assert view.rowHeight(2) < 2 * line  # a short message keeps one line


def test_rows_fit_again_when_the_window_widens(qtbot):
    dialog, view = _shown(qtbot, MESSAGES)
    line = QFontMetrics(view.font()).lineSpacing()
    qtbot.waitUntil(lambda: view.rowHeight(1) >= 3 * line)
    narrow = view.rowHeight(1)
    dialog.resize(1400, 500)  # the last column stretches: fewer lines
    qtbot.waitUntil(lambda: line <= view.rowHeight(1) < narrow)
