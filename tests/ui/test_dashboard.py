"""首页 and 统计报表: figures, charts, reminders that open their records, preview and exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jianfu.domain.errors import JianfuError
from jianfu.domain.period_report import COLUMNS
from jianfu.domain.periods import current_period, parse_period
from jianfu.services.registry import Services
from jianfu.ui.background import TaskRunner
from jianfu.ui.dashboard import DashboardWidget, ReportsWidget


class _Page(QWidget):
    """A stand-in screen that records which record it was asked to select."""

    def __init__(self) -> None:
        super().__init__()
        self.selected: list[tuple[str, int]] = []

    def select_case(self, case_id: int) -> bool:
        self.selected.append(("case", case_id))
        return True

    def select_request(self, request_id: int) -> bool:
        self.selected.append(("request", request_id))
        return True


@pytest.fixture
def opened():
    return {"screens": [], "page": _Page()}


def _dashboard(qtbot, ctx, opened) -> DashboardWidget:
    def open_screen(key: str) -> QWidget:
        opened["screens"].append(key)
        return opened["page"]

    runner = TaskRunner()
    widget = DashboardWidget(Services.create(ctx), runner, open_screen)
    runner.setParent(widget)  # deleted with the widget, not by the garbage collector at exit
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    with qtbot.waitSignal(widget.sig_loaded, timeout=20000):
        widget.refresh()
    runner.wait_all()
    return widget


def test_dashboard_shows_this_quarters_figures_and_the_reminders(qtbot, demo_ctx, opened):
    widget = _dashboard(qtbot, demo_ctx, opened)
    dashboard = widget.dashboard
    period = current_period(dt.date.today())
    assert dashboard.period == period
    assert widget.title_label.text() == f"首页 — {period.label}"
    total = dashboard.report.total
    for key, card in widget.cards.items():
        shown = dashboard.report.distinct_tasks if key.startswith("tasks_") else total
        assert card.value_label.text() == str(shown[key])
    # and 上期无记录 under it when the tasks began after the previous quarter
    unrecorded = "\n上期无记录" if "tasks_applied" in dashboard.report.uncompared else ""
    assert widget.cards["tasks_applied"].change_label.text() == (
        f"落到村(社区) {total['tasks_applied']} 项次{unrecorded}"
    )
    assert widget.compare_chart.categories[0] == "新申请准入(项次)"
    assert widget.compare_chart.values[1][0] == total["tasks_applied"]
    kinds = {
        widget.reminders.topLevelItem(i).text(0)
        for i in range(widget.reminders.topLevelItemCount())
    }
    # the demo has an overdue case, relapsed boards and unlisted certificates to sign
    assert {"审批期限", "牌子", "清单外证明待签字"} <= kinds
    assert widget.reminders_label.text().startswith("待办提醒（")
    # the first reminder is urgent and drawn in red
    first = widget.reminders.topLevelItem(0)
    assert widget.reminder_of(first).urgent


def test_a_reminder_opens_its_screen_and_selects_the_record(qtbot, demo_ctx, opened):
    widget = _dashboard(qtbot, demo_ctx, opened)
    items = [widget.reminders.topLevelItem(i) for i in range(widget.reminders.topLevelItemCount())]
    case_item = next(i for i in items if i.text(0) == "审批期限")
    reminder = widget.reminder_of(case_item)
    widget.reminders.setCurrentItem(case_item)
    assert widget.open_button.isEnabled()
    qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)
    assert opened["screens"] == ["cases"]
    assert opened["page"].selected == [("case", reminder.record_id)]
    cert_item = next(i for i in items if i.text(0) == "清单外证明待签字")
    widget.reminders.itemActivated.emit(cert_item, 0)
    assert opened["screens"][-1] == "certificates"
    assert opened["page"].selected[-1][0] == "request"
    board_item = next(i for i in items if i.text(0).startswith("牌子"))
    widget.reminders.itemActivated.emit(board_item, 0)
    assert opened["screens"][-1] == "boards"


def test_dashboard_on_an_empty_database(qtbot, ctx, opened):
    widget = _dashboard(qtbot, ctx, opened)
    assert "本期暂无数据" in widget.status_label.text()
    assert widget.reminders_label.text() == "待办提醒（暂无）"
    assert widget.compare_chart.is_empty and widget.villages_chart.is_empty
    assert all(card.value_label.text() == "0" for card in widget.cards.values())


def _reports(qtbot, ctx) -> ReportsWidget:
    runner = TaskRunner()
    widget = ReportsWidget(Services.create(ctx).report, runner)
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def test_reports_screen_previews_the_table_and_exports(qtbot, demo_ctx, tmp_path):
    widget = _reports(qtbot, demo_ctx)
    assert not widget.pdf_button.isEnabled()
    assert not widget.unit_combo.isVisible()  # a township's clerk: its own table only
    period = current_period(dt.date.today())
    widget.set_period(period)
    assert widget.period() == period
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    report = widget.report
    assert widget.title_label.text() == report.title
    assert widget.table.rowCount() == len(report.rows) + 3
    total_row = len(report.rows)
    assert widget.table.item(total_row, 0).text() == "合计"
    assert [widget.table.item(total_row, c + 1).text() for c in range(len(COLUMNS))] == [
        str(v) for v in report.total.as_list()
    ]
    assert widget.table.item(total_row + 2, 0).text() == "比上期增减"
    assert widget.situation_edit.toPlainText() == report.summary_text()
    assert widget.pdf_button.isEnabled() and widget.xlsx_button.isEnabled()
    # the units as the print says them: the task columns count 项次, not the 情况报告's 项
    assert "计量单位：事项（项次）、机制（个）" in widget.info_label.text()

    widget.situation_edit.setPlainText("本季度情况良好（手工修改）。")
    pdf_path = tmp_path / "report.pdf"
    with qtbot.waitSignal(widget.sig_exported, timeout=20000):
        widget.export("pdf", str(pdf_path))
    # said in the status line; the line under the title still names the period
    assert widget.last_message == f"已导出到 {pdf_path}"
    assert f"统计时段：{report.period.span_text}" in widget.info_label.text()
    text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "本季度情况良好（手工修改）。" in text.replace("\n", "")

    asked = []
    widget.ask_save_path = lambda *a: asked.append(a) or str(tmp_path / "report")
    with qtbot.waitSignal(widget.sig_exported, timeout=20000):
        qtbot.mouseClick(widget.xlsx_button, Qt.MouseButton.LeftButton)
    assert asked[0][1] == report.title + ".xlsx"
    book = load_workbook(io.BytesIO((tmp_path / "report.xlsx").read_bytes()))
    assert book["情况报告"]["A3"].value == "本季度情况良好（手工修改）。"
    widget.runner.wait_all()


def test_the_exports_wait_for_a_count_of_the_period_chosen(qtbot, demo_ctx):
    """A clerk chose 年度 and pressed 导出 PDF: it offered 清溪镇2026年第四季度…统计表.pdf, the
    quarter still shown below. The exports wait for 统计 and say why; back to the quarter
    shown, or counted, they are offered again."""
    from jianfu.domain.periods import PeriodKind, whole_year

    widget = _reports(qtbot, demo_ctx)
    quarter_shown = current_period(dt.date(2026, 12, 7))
    widget.set_period(quarter_shown)
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    assert widget.pdf_button.isEnabled()
    widget.kind_combo.setCurrentIndex(widget.kind_combo.findData(PeriodKind.YEAR))
    assert not widget.pdf_button.isEnabled() and not widget.xlsx_button.isEnabled()
    note = "统计期间已改，请先点“统计”再导出；下方仍是2026年第四季度的表。"
    assert widget.problem_label.text() == note and widget.pdf_button.toolTip() == note
    widget.set_period(quarter_shown)
    assert widget.pdf_button.isEnabled() and widget.problem_label.text() == ""
    widget.set_period(whole_year(2026))
    assert not widget.pdf_button.isEnabled()
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        qtbot.mouseClick(widget.count_button, Qt.MouseButton.LeftButton)
    assert widget.report.period == whole_year(2026)
    assert widget.pdf_button.isEnabled() and widget.problem_label.text() == ""
    widget.runner.wait_all()


def test_counting_again_keeps_the_paragraph_the_clerk_edited(qtbot, demo_ctx):
    """A save elsewhere counts the table again; the clerk's 情况报告 stays until 恢复草稿."""
    from jianfu.ui.changes import Change

    widget = _reports(qtbot, demo_ctx)
    widget.set_period(current_period(dt.date.today()))
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    draft = widget.situation_edit.toPlainText()
    widget.situation_edit.setPlainText("本季度情况良好（手工修改）。")
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.reload_after_change(Change({"board": frozenset()}))
    assert widget.situation_edit.toPlainText() == "本季度情况良好（手工修改）。"
    assert "保留了您的修改" in widget.info_label.text()
    # 恢复草稿 asks before putting the draft over the clerk's wording (it did not)
    resets = iter([False, True])
    widget.confirm_reset = lambda: next(resets)
    qtbot.mouseClick(widget.reset_button, Qt.MouseButton.LeftButton)  # 返回
    assert widget.situation_edit.toPlainText() == "本季度情况良好（手工修改）。"
    qtbot.mouseClick(widget.reset_button, Qt.MouseButton.LeftButton)  # 恢复草稿
    assert widget.situation_edit.toPlainText() == draft
    widget.confirm_reset = lambda: pytest.fail("the draft as it is: nothing to ask")
    qtbot.mouseClick(widget.reset_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()  # not edited since: the new draft
    assert widget.situation_edit.toPlainText() == draft
    assert "保留" not in widget.info_label.text()
    widget.set_period(parse_period("2001M02"))  # another period: its own draft
    widget.situation_edit.setPlainText("手工修改")
    answers = iter([False, True])  # asked first: the edits are not exported
    widget.confirm_new_draft = lambda: next(answers)
    assert widget.build_report() is None
    assert widget.situation_edit.toPlainText() == "手工修改"
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    assert widget.situation_edit.toPlainText().startswith("2001年2月")
    widget.runner.wait_all()


def test_an_excel_file_that_cannot_be_written_is_said_in_chinese(
    qtbot, demo_ctx, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    widget = _reports(qtbot, demo_ctx)
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    widget.export("xlsx", str(tmp_path / "没有这个文件夹" / "报表.xlsx"))
    widget.runner.wait_all()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "文件夹不存在" in told[0] and "No such file" not in told[0]


def test_a_range_ending_before_it_starts_is_refused(qtbot, ctx):
    widget = _reports(qtbot, ctx)
    widget.kind_combo.setCurrentIndex(widget.kind_combo.findText("自定时段"))
    assert widget.start_edit.isVisible() and not widget.year_spin.isVisible()
    widget.start_edit.setDate(widget.start_edit.date().fromString("2026-09-30", "yyyy-MM-dd"))
    widget.end_edit.setDate(widget.end_edit.date().fromString("2026-07-01", "yyyy-MM-dd"))
    assert widget.build_report() is None
    assert "早于开始日期" in widget.problem_label.text()
    assert widget.report is None


def test_an_empty_period_shows_an_empty_table(qtbot, ctx):
    widget = _reports(qtbot, ctx)
    widget.set_period(parse_period("2001M02"))
    assert widget.part_combo.currentText() == "2月"
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    assert "本期各村(社区)均无数据" in widget.info_label.text()
    assert widget.table.item(0, 0).text() == "合计"
    assert "暂无减负工作数据记录" in widget.situation_edit.toPlainText()
    widget.runner.wait_all()


@pytest.mark.parametrize("code", ["2026M07", "2026H2", "2026", "2026Q1"])
def test_the_pickers_give_back_the_period(qtbot, ctx, code):
    widget = _reports(qtbot, ctx)
    widget.set_period(parse_period(code))
    assert widget.period() == parse_period(code)


def test_the_baseline_is_set_in_the_settings_dialog(qtbot, ctx):
    from jianfu.services.settings import SettingsService
    from jianfu.ui.settings_dialog import SettingsDialog

    service = SettingsService(ctx)
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    dialog.edits["township_name"].setText("清溪镇")
    dialog.edits["report_baseline"].setText("2026-13-01")
    with pytest.raises(JianfuError) as err:
        dialog.save()
    assert "统计累计起始日期“2026-13-01”不是有效日期" in str(err.value)
    dialog.edits["report_baseline"].setText("2026-01-01")
    dialog.save()
    assert service.load().report_baseline == "2026-01-01"


def test_the_reports_screen_counts_the_current_quarter_on_opening(window, qtbot):
    page = window.pages["reports"]
    with qtbot.waitSignal(page.sig_report_ready, timeout=20000):
        window.show_screen("reports")
    assert page.report.period == current_period(dt.date.today())
    assert page.pdf_button.isEnabled()
    page.runner.wait_all()


def test_reminders_name_the_township_when_they_span_several(demo_ctx):
    """An administrator's (or a county's) 待办提醒 over two townships: each case's line says
    whose it is; a township's own list does not repeat its name on every line."""
    from sqlalchemy import select

    from jianfu.db.models import UnitRow
    from jianfu.db.models_tasks import AdmissionCaseRow
    from jianfu.domain.units import UnitType
    from jianfu.services.dashboard import load_dashboard
    from tests.conftest import put_under_county

    late = dt.date.today() + dt.timedelta(days=800)  # overdue, or the approved period over
    services = Services.create(demo_ctx)
    own = services.cases.reminders(late)
    assert len(own) >= 2 and {r.township for r in own} == {""}
    assert {r.heading for r in own} == {r.title for r in own}
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        other = UnitRow(name="北溪镇", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        moved = s.get(AdmissionCaseRow, own[-1].case_id)
        moved.township_id = other.id
        stays = s.execute(
            select(AdmissionCaseRow.id).where(AdmissionCaseRow.township_id == town.id)
        ).scalars()
        names = dict.fromkeys(stays, town.name) | {moved.id: "北溪镇"}
    found = services.cases.reminders(late)
    assert {r.case_id: r.township for r in found} == {r.case_id: names[r.case_id] for r in own}
    assert found[-1].heading == f"北溪镇：{found[-1].title}"
    # 首页 lists the reminders of the townships its figures count: the county's administrator
    # both townships', each line naming its own
    from jianfu.db.township import ConnectedPerson

    demo_ctx.person = ConnectedPerson("admin", "admin", county.id, county.name, "管理员")
    reminders = load_dashboard(Services.create(demo_ctx), today=late).reminders
    lines = {r.record_id: r.text for r in reminders if r.entity == "case"}
    assert lines == {r.case_id: f"{names[r.case_id]}：{r.title}" for r in own}
    # the file's owner: its township's figures, and its reminders alone
    demo_ctx.person = None
    reminders = load_dashboard(services, today=late).reminders
    lines = {r.record_id: r.text for r in reminders if r.entity == "case"}
    assert lines == {r.case_id: r.title for r in own if names[r.case_id] == town.name}


def test_a_reviewers_dashboard_counts_townships_and_lists_only_their_queue(qtbot, demo_ctx, opened):
    from sqlalchemy import select

    from jianfu.db.models_tasks import AdmissionCaseRow
    from jianfu.db.township import ConnectedPerson
    from tests.conftest import put_under_county

    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        county_id, town_name = county.id, town.name
        waiting = s.execute(
            select(AdmissionCaseRow).where(AdmissionCaseRow.status == "乡镇意见").limit(1)
        ).scalar_one()
        waiting.status = "县级审核"  # sent up to the county
    township = _dashboard(qtbot, demo_ctx, opened)
    villages = len(township.dashboard.report.rows)
    township_kinds = {r.kind for r in township.dashboard.reminders}
    assert township_kinds - {"待办案件", "审批期限"}  # the demo's boards, certificates …

    demo_ctx.person = ConnectedPerson("rev", "reviewer", county_id, "南屏县", "县审核员")
    widget = _dashboard(qtbot, demo_ctx, opened)
    report = widget.dashboard.report
    assert [r.name for r in report.rows] == [town_name]
    assert report.total.as_list() == township.dashboard.report.total.as_list()
    assert widget.title_label.text().startswith("首页 — 南屏县")
    assert f"乡镇(街道) 1 个、村(社区) {villages} 个" in widget.status_label.text()
    assert widget.villages_chart.title == "清理牌子最多的乡镇(街道)"
    kinds = {
        widget.reminders.topLevelItem(i).text(0)
        for i in range(widget.reminders.topLevelItemCount())
    }
    assert "待办案件" in kinds and kinds <= {"待办案件", "审批期限"}, kinds
    # 统计报表 at the county: a row per township, headed so
    reports = _reports(qtbot, demo_ctx)
    with qtbot.waitSignal(reports.sig_report_ready, timeout=20000):
        reports.build_report()
    assert reports.table.horizontalHeaderItem(0).text() == "乡镇(街道)"
    assert reports.table.item(0, 0).text() == town_name
    assert "乡镇(街道) 1 个" in reports.info_label.text()
    # … or one township's, a row per village, picked from the units below the county
    labels = [reports.unit_combo.itemText(i) for i in range(reports.unit_combo.count())]
    assert labels == ["南屏县（全县）", f"　{town_name}"]
    assert reports.unit_combo.isVisible()
    reports.unit_combo.setCurrentIndex(1)
    # the table below is still the county's: said so (it said 统计期间已改 …仍是2026年第四季度的表)
    period = reports.report.period.label
    assert reports.problem_label.text() == (
        f"统计单位已改，请先点“统计”再导出；下方仍是南屏县{period}的表。"
    )
    assert not reports.pdf_button.isEnabled()
    with qtbot.waitSignal(reports.sig_report_ready, timeout=20000):
        reports.build_report()
    assert reports.table.horizontalHeaderItem(0).text() == "村(社区)"
    assert reports.report.township == town_name and len(reports.report.rows) == villages
    assert reports.problem_label.text() == ""
    from jianfu.domain.periods import PeriodKind

    reports.unit_combo.setCurrentIndex(0)
    reports.kind_combo.setCurrentIndex(reports.kind_combo.findData(PeriodKind.YEAR))
    assert reports.problem_label.text().startswith("统计单位和统计期间已改，")
    assert reports.problem_label.text().endswith(f"下方仍是{town_name}{period}的表。")
    reports.runner.wait_all()


def test_a_new_database_says_what_to_set_up_first_and_leads_there(qtbot, ctx, monkeypatch):
    """A new, empty database opened on 首页 with zeros and said nothing of what to do: the
    first steps are listed, each a link to where it is done, and go once done."""
    from dataclasses import replace

    from jianfu.ui.main_window import MainWindow
    from jianfu.ui.settings_dialog import SettingsDialog

    window = MainWindow(Services.create(ctx))
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen("dashboard")
    label = page.setup_label
    qtbot.waitUntil(label.isVisible, timeout=20000)
    text = label.text()
    for words in ("开始使用", "乡镇(街道)名称", "村和社区", "工作事项准入清单"):
        assert words in text
    asked: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, *a: asked.append(True)))
    label.linkActivated.emit("settings")  # 设置 → 乡镇设置… opens
    assert asked == [True]
    label.linkActivated.emit("units")
    assert window.current_screen() == "units"
    services = window.services
    settings = services.settings.load()
    services.settings.save(replace(settings, township_name="清溪镇"), expected=settings)
    window.show_screen("dashboard")
    page.refresh()
    qtbot.waitUntil(lambda: "乡镇(街道)名称" not in label.text(), timeout=20000)
    assert label.isVisible() and "村和社区" in label.text()
    window.tasks.wait_all()


def test_a_township_set_up_shows_no_first_steps(qtbot, window):
    page = window.show_screen("dashboard")
    qtbot.waitUntil(lambda: page.dashboard is not None, timeout=20000)
    window.tasks.wait_all()
    qtbot.wait(50)
    assert page.setup_label.isHidden()


def test_the_bar_charts_labels_fit_their_slots_on_a_narrow_window(qtbot):
    """At 1000 pixels 新申请准入(项次)'s second line was cut at the chart's foot and
    不予出具证明 broke inside the word (不予出具证 / 明)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from jianfu.ui.dashboard.charts import (
        _LABEL_FLAGS,
        CURRENT_COLOR,
        BarChartWidget,
        Series,
        _lines,
    )

    labels = [
        "新申请准入(项次)",
        "未准入下派(项次)",
        "清理牌子",
        "撤并机制",
        "不予出具证明",
        "督查检查",
    ]
    chart = BarChartWidget("本期与上期主要数据对比")
    qtbot.addWidget(chart)
    chart.set_data(labels, [Series("本期", CURRENT_COLOR)], [[1, 2, 3, 4, 5, 6]])
    chart.resize(560, 220)
    font, slot, height = chart.category_labels()
    fm = QFontMetricsF(font)
    assert font.pointSizeF() >= chart.font().pointSizeF() * 0.8 - 0.01
    for label in labels:
        text = _lines(label, fm, slot)
        drawn = fm.boundingRect(QRectF(0, 0, slot, 10_000), _LABEL_FLAGS, text)
        assert drawn.height() <= height  # nothing cut at the foot
        if "(" not in label:
            assert drawn.height() < 2 * fm.height()  # one line, not broken in the word
    full = fm.horizontalAdvance("新申请准入(项次)")
    assert _lines("新申请准入(项次)", fm, full) == "新申请准入\n(项次)"  # the unit whole
    assert _lines("新申请准入(项次)", fm, full + 4) == "新申请准入(项次)"
    chart.resize(1200, 220)
    wide_font, wide_slot, _ = chart.category_labels()
    assert wide_font.pointSizeF() == chart.font().pointSizeF()  # full size when there is room
    assert _lines("新申请准入(项次)", QFontMetricsF(wide_font), wide_slot) == "新申请准入(项次)"


def test_a_task_past_its_end_last_year_says_the_year(demo_ctx):
    """首页 said 已于12月29日到期 of a task that ended the year before, listed above one
    that ended on 2月20日 this year: the year is said when it is not this year."""
    from sqlalchemy import select

    from jianfu.db.models_tasks import TaskRequestRow
    from jianfu.domain.lists import ItemNature
    from jianfu.domain.tasks import TaskDecision
    from jianfu.services.dashboard import load_dashboard

    today = dt.date(2026, 3, 2)
    with demo_ctx.unit_of_work() as s:
        rows = s.scalars(select(TaskRequestRow).order_by(TaskRequestRow.id).limit(2)).all()
        for row, end in zip(rows, (dt.date(2025, 12, 29), dt.date(2026, 2, 20)), strict=True):
            row.nature = ItemNature.TEMPORARY.value
            row.decision = TaskDecision.IN_LIST.value
            row.end_date = end
        titles = [row.title for row in rows]
    reminders = load_dashboard(Services.create(demo_ctx), today=today).reminders
    ended = {r.text: r.detail for r in reminders if r.kind == "临时事项到期"}
    assert "已于2025年12月29日到期" in ended[titles[0]]
    assert "已于2月20日到期" in ended[titles[1]]


def test_the_report_table_fits_its_columns_to_what_they_hold(qtbot, demo_ctx):
    """At 1366×768 the heading 发现未准入下派 broke as 发现未准/入下派 and the empty 备注 column
    stretched to be the widest."""
    widget = _reports(qtbot, demo_ctx)
    widget.resize(1200, 700)  # beside the screen list, in a window 1366 wide
    with qtbot.waitSignal(widget.sig_report_ready, timeout=20000):
        widget.build_report()
    table = widget.table
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    unadmitted = 1 + [c.label for c in COLUMNS].index("发现未准入下派")
    assert headings[unadmitted].split("\n")[1:] == ["发现", "未准入下派"]
    # no heading line starts inside 准入 (新申请准入 breaks as 新申请 / 准入)
    assert not any(line.startswith("入") for h in headings for line in h.split("\n"))
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    header = table.horizontalHeader()
    notes = table.columnCount() - 1
    assert all(not table.item(r, notes).text() for r in range(table.rowCount()))
    # the empty 备注 as wide as its heading (it was the widest column)
    assert widths[notes] <= header.sectionSizeHint(notes) + 8 < max(widths[:notes])
    for c in range(notes):  # every heading and figure shown whole
        assert widths[c] >= header.sectionSizeHint(c)
        assert widths[c] >= table.sizeHintForColumn(c)
    assert sum(widths) <= table.viewport().width()
    # 上期合计 says its period on a second line: the first column is not a summary's width
    previous = table.item(len(widget.report.rows) + 1, 0).text()
    assert previous.startswith("上期合计\n（")
    assert widths[0] < table.fontMetrics().horizontalAdvance(previous.replace("\n", ""))
    widget.runner.wait_all()


def test_the_reports_table_shows_its_totals_at_1366_by_768(window, qtbot):
    """统计报表 in a maximized window at 1366x768 cut the 合计 row in half (the splitter gave
    the table three quarters, short of 13 villages and three summary rows): the table is
    given what its rows need from the 情况报告, down to the report's least."""
    from PySide6.QtWidgets import QSplitter

    from jianfu.ui.dashboard.report_screen import TOTAL_LABEL

    window.resize(1366, 740)  # the window's inside, maximized at 1366x768 under a title bar
    page = window.pages["reports"]
    with qtbot.waitSignal(page.sig_report_ready, timeout=20000):
        window.show_screen("reports")
    table = page.table
    total = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == TOTAL_LABEL)

    def total_shown() -> bool:
        bottom = table.rowViewportPosition(total) + table.rowHeight(total)
        return table.rowViewportPosition(total) >= 0 and bottom <= table.viewport().height()

    # the splitter where the real window's fonts put it: the 合计 row half under the edge
    splitter = page.findChild(QSplitter)
    top, bottom = splitter.sizes()
    short = max(0, table.rowViewportPosition(total) + table.rowHeight(total) // 2)
    cut = table.viewport().height() - short
    splitter.setSizes([top - cut, bottom + cut])
    qtbot.waitUntil(lambda: not total_shown())
    with qtbot.waitSignal(page.sig_report_ready, timeout=20000):
        page.build_report()
    qtbot.waitUntil(total_shown, timeout=5000)
    assert page.situation_edit.height() >= 2 * page.fontMetrics().height()  # still there
    page.runner.wait_all()
