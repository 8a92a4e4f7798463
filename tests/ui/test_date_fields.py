"""Date fields: typed dates are taken whole, impossible ones refused, 未定 takes a typed date."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from jianfu.ui.widgets.dates import DateEdit, parse_typed_date
from jianfu.ui.widgets.form import FormDialog


def _type(qtbot, edit: DateEdit, text: str) -> None:
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, text)


def _click_arrow(qtbot, edit: DateEdit) -> None:
    qtbot.waitExposed(edit)
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2)
    )


def test_parse_typed_date_forms():
    assert parse_typed_date("20270104") == (dt.date(2027, 1, 4), "")
    assert parse_typed_date("2027-1-4") == (dt.date(2027, 1, 4), "")
    assert parse_typed_date("2027/01/04") == (dt.date(2027, 1, 4), "")
    assert parse_typed_date("2027年1月4日") == (dt.date(2027, 1, 4), "")
    assert parse_typed_date("") == (None, "")
    value, reason = parse_typed_date("2026-02-30")
    assert value is None and "2月没有30日" in reason


def test_impossible_date_is_shown_and_refused_not_changed(qtbot):
    edit = DateEdit(dt.date(2026, 1, 1))
    qtbot.addWidget(edit)
    edit.show()
    _type(qtbot, edit, "2026-02-30")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == "2026-02-30"  # the clerk still sees what was typed, not 2026-02-03
    assert "2026年2月没有30日" in edit.problem()
    assert "b00020" in edit.styleSheet()  # shown in red
    _type(qtbot, edit, "2026-02-28")
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert edit.value() == dt.date(2026, 2, 28)
    assert edit.problem() == "" and edit.styleSheet() == ""


def test_optional_date_shows_undecided_and_takes_a_typed_date(qtbot):
    edit = DateEdit(None, optional=True)
    qtbot.addWidget(edit)
    edit.show()
    assert edit.text() == "未定" and edit.value() is None
    edit.setFocus()
    qtbot.keyClicks(edit, "20270104")  # no need to select 未定 first
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert edit.value() == dt.date(2027, 1, 4)
    assert edit.text() == "2027-01-04"
    _type(qtbot, edit, "")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert edit.value() is None and edit.text() == "未定"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform's popups
def test_undecided_calendar_opens_at_the_related_date(qtbot):
    start = DateEdit(dt.date(2027, 5, 10))
    end = DateEdit(None, optional=True, related=start.value)
    qtbot.addWidget(start)
    qtbot.addWidget(end)
    end.show()
    calendar = end.calendarWidget()
    _click_arrow(qtbot, end)
    qtbot.waitUntil(calendar.isVisible)
    qtbot.waitUntil(lambda: (calendar.yearShown(), calendar.monthShown()) == (2027, 5))
    assert end.value() is None  # opening the calendar does not pick a date
    calendar.window().hide()
    lone = DateEdit(None, optional=True)
    qtbot.addWidget(lone)
    lone.show()
    _click_arrow(qtbot, lone)
    today = dt.date.today()
    qtbot.waitUntil(
        lambda: (
            (lone.calendarWidget().yearShown(), lone.calendarWidget().monthShown())
            == (today.year, today.month)
        )
    )


def test_one_tab_leaves_a_date_field(qtbot):
    holder = FormDialog("试")
    qtbot.addWidget(holder)
    edit = holder.add_field("day", "日期", DateEdit(dt.date(2026, 3, 1)))
    after = holder.add_field("name", "名称", QLineEdit())
    holder.show()
    qtbot.waitExposed(holder)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: after.hasFocus())


class _Dialog(FormDialog):
    def __init__(self) -> None:
        super().__init__("试")
        self.saved = 0
        self.day = self.add_field("day", "日期", DateEdit(dt.date(2026, 3, 1)))
        self.name = self.add_field("name", "名称", QLineEdit())

    def save(self):
        from jianfu.domain.errors import FieldProblem, ValidationError

        if not self.name.text():
            raise ValidationError(FieldProblem("name", "名称不能为空"))
        self.saved += 1
        return self.day.value()


def test_form_refuses_an_impossible_date_and_clears_problems_once_fixed(qtbot):
    dialog = _Dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.day, "2026-02-30")
    dialog.accept()
    assert "没有30日" in dialog.error_text("day")
    assert dialog.saved == 0 and dialog.isVisible()
    _type(qtbot, dialog.day, "2026-02-27")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.error_text("day") == ""  # the red line goes once the field is fixed
    dialog.accept()
    assert dialog.error_text("name") == "名称不能为空"
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "a")
    assert dialog.error_text("name") == ""  # gone as soon as the field changes
    dialog.accept()
    assert dialog.saved == 1 and dialog.result_value == dt.date(2026, 2, 27)
