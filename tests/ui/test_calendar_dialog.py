"""工作日设置: the year with each day's source, local date ranges, the notice import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from PySide6.QtCore import QDate, QPoint, Qt

from jianfu.domain.workdays import DaySource
from jianfu.services.registry import Services
from jianfu.ui.cases.calendar_dialog import WorkdaysDialog, day_text

D = dt.date
#: A made-up 2027 schedule (test fixture, labelled in the file; no 2027 notice had been published).
TEST_2027 = Path(__file__).parents[1] / "data" / "holiday_notices" / "test_2027_schedule.txt"


@pytest.fixture
def dialog(qtbot, ctx):
    services = Services.create(ctx)
    dlg = WorkdaysDialog(services.cases, None, services.calendar, year=2027)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_the_year_says_where_days_come_from(dialog, qtbot):
    assert "估计" in dialog.source_label.text() and "导入通知" in dialog.source_label.text()
    view = dialog.year_view
    assert view.days[D(2027, 2, 8)].source is DaySource.ESTIMATED
    assert not view.days[D(2027, 2, 8)].is_workday  # 春节's 初三, a statutory day
    assert "春节" in view.days[D(2027, 2, 8)].note
    assert view.days[D(2027, 2, 9)].is_workday  # how the break joins weekends is not guessed
    assert not view.days[D(2027, 10, 1)].is_workday
    # a click on a day shows its status and its source and fills the range form
    centre = view.cell_rect(D(2027, 10, 1)).center()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert view.selected == D(2027, 10, 1)
    assert "2027年10月1日 星期五：休息" in dialog.day_label.text()
    assert "估计" in dialog.day_label.text()
    assert dialog.first_edit.date() == QDate(2027, 10, 1)
    assert view.day_at(QPoint(0, 0)) is None
    dialog.year_spin.setValue(2026)
    assert "内置日历" in dialog.source_label.text()
    assert view.days[D(2026, 2, 16)].note == "春节" and not view.days[D(2026, 2, 16)].is_workday
    assert "春节调休上班" in day_text(view.days[D(2026, 2, 14)])


def test_local_days_are_set_as_a_range(dialog):
    dialog.tabs.setCurrentIndex(1)
    dialog.first_edit.setDate(QDate(2027, 3, 1))
    dialog.last_edit.setDate(QDate(2027, 3, 3))
    dialog.note_edit.setText("防汛调休")
    dialog._on_add()
    assert dialog.list.count() == 3
    assert dialog.year_view.days[D(2027, 3, 2)].source is DaySource.LOCAL
    assert not dialog.year_view.days[D(2027, 3, 2)].is_workday
    dialog.list.setCurrentRow(0)
    dialog._on_remove()
    assert dialog.list.count() == 2
    assert dialog.year_view.days[D(2027, 3, 1)].source is DaySource.ESTIMATED


def test_import_previews_then_saves_on_confirmation(dialog):
    dialog.tabs.setCurrentIndex(2)
    dialog.read_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月5日（周一）至12日放假。"
    )
    assert dialog.error_label.isVisible() and "第 2 行" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled() and dialog.schedule is None

    dialog.read_file(TEST_2027)
    assert not dialog.error_label.isVisible()
    assert dialog.save_button.isEnabled() and "2027" in dialog.save_button.text()
    assert dialog.off_list.count() == 28 and dialog.work_list.count() == 5
    assert "工作日 18 天" in dialog.off_box.title()
    fmt = dialog.month.dateTextFormat(QDate(2027, 2, 8))
    assert fmt.background().color().name() == "#fbdcdc"
    dialog.work_list.setCurrentRow(0)
    assert dialog.month.selectedDate() == QDate(2027, 2, 14)
    assert dialog.year_view.days[D(2027, 2, 8)].source is DaySource.ESTIMATED  # not yet saved

    dialog.save_schedule()  # what the confirmation's 是 does
    assert dialog.tabs.currentIndex() == 0
    assert "已导入" in dialog.source_label.text() and "test_2027_schedule.txt" in (
        dialog.source_label.text()
    )
    assert dialog.year_view.days[D(2027, 2, 8)].source is DaySource.IMPORTED
    assert not dialog.year_view.days[D(2027, 2, 8)].is_workday
    assert dialog.year_view.days[D(2027, 2, 14)].is_workday


def test_the_cases_screen_marks_estimates_and_leads_to_the_import(qtbot, demo_ctx, monkeypatch):
    from dataclasses import replace

    from jianfu.domain.lists import ItemNature
    from jianfu.domain.tasks import TaskDecision, TaskInput, snapshot_candidates
    from jianfu.services.cases import CasesService
    from jianfu.services.tasks import TasksService
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.cases.screen import CasesWidget

    now = dt.datetime(2027, 1, 12, 9, 0)
    services = Services.create(demo_ctx)
    cases = CasesService(demo_ctx, services.lists, now=lambda: now)
    tasks = TasksService(demo_ctx, services.lists, today=lambda: now.date())
    text = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送县发改局。"
    found = tasks.check(text)
    task = tasks.record(
        TaskInput(
            title="关于开展充电桩使用情况摸底的通知", department="南屏县发展和改革局",
            received_on=D(2027, 1, 11), decision=TaskDecision.UNLISTED, text=text,
            verdict=found.verdict, candidates=snapshot_candidates(found),
        )
    )  # fmt: skip
    request = replace(
        cases.request_for_task(task.id), content="每周统计充电桩数量",
        nature=ItemNature.TEMPORARY, start_date=D(2027, 3, 1), end_date=D(2027, 6, 30),
        funding="县发改局拨付",
    )  # fmt: skip
    case = cases.open_case(task.id, request)
    runner = TaskRunner()
    widget = CasesWidget(cases, runner)
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.estimate_label.isVisible)  # read off the GUI thread
    assert "估计" in widget.estimate_label.text() and "导入" in widget.estimate_label.text()
    assert widget.select_case(case.id)
    row = widget.table.currentIndex().row()
    assert widget.model.index(row, 5).data().startswith("估 ")
    assert "估计日期" in widget.detail.toHtml()
    opened = []
    monkeypatch.setattr(widget, "_on_workdays", lambda: opened.append(True))
    widget.estimate_label.linkActivated.emit("import")
    assert opened == [True]


def test_enter_in_the_year_field_stays_on_the_calendar(dialog, qtbot):
    """Enter after typing a year shows that year: it opened the import tab (the dialog's
    default button), away from the year the clerk asked for."""
    dialog.tabs.setCurrentIndex(0)
    dialog.year_spin.setFocus()
    dialog.year_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.year_spin.lineEdit(), "2026")
    qtbot.keyClick(dialog.year_spin, Qt.Key.Key_Return)
    assert dialog.tabs.currentIndex() == 0
    assert dialog.year_spin.value() == 2026
    assert "内置日历" in dialog.source_label.text()


def test_closing_with_a_range_typed_or_a_notice_read_and_not_saved_asks(
    dialog, monkeypatch, type_text
):
    """关闭 with 防汛调休 typed and 添加 not pressed, or with a notice read and not saved, lost
    them without a word. Now it asks; 返回 shows the tab where they are."""
    asked: list[list[str]] = []
    monkeypatch.setattr(WorkdaysDialog, "confirm_close", lambda self, lines: asked.append(lines))
    dialog.reject()  # nothing entered: closes at once
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.first_edit.setDate(QDate(2027, 3, 1))  # a range chosen alone (a day clicked) is no loss
    dialog.last_edit.setDate(QDate(2027, 3, 3))
    dialog.reject()
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.note_edit.setFocus()
    type_text(dialog.note_edit, "防汛调休")
    dialog.read_file(TEST_2027)
    dialog.tabs.setCurrentIndex(0)
    dialog.reject()  # 返回 (the stub answers None)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1
    assert asked[0] == [
        "本地设置：2027-03-01 至 2027-03-03 设为休息日（防汛调休），尚未点“添加”",
        "导入通知：读到的 2027 年安排，尚未保存",
    ]
    assert dialog.list.count() == 0  # nothing was saved behind the clerk's back


def test_ctrl_enter_in_the_pasted_notice_reads_it(dialog, qtbot):
    """Enter starts a new line in the notice; Ctrl+Enter reads it (the clerk had to reach for
    读取粘贴的文字), as Ctrl+Enter saves the form dialogs."""
    dialog.tabs.setCurrentIndex(2)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text_edit.setFocus()
    dialog.text_edit.setPlainText(TEST_2027.read_text(encoding="utf-8"))
    dialog.text_edit.moveCursor(dialog.text_edit.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    assert dialog.schedule is None and dialog.text_edit.toPlainText().endswith("\n")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.save_button.isEnabled() and dialog.off_list.count() == 28
