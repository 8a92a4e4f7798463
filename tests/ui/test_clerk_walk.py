"""Small things a clerk ran into walking through the screens at 1366×768 (2026-12)."""

from __future__ import annotations

import pytest

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.tasks import TaskDecision

pytestmark = pytest.mark.usefixtures("qtbot")

ONE_LINE = "关于开展农村人居环境整治督查检查的通知。各村要建立工作台账，每周报送进度。"


@pytest.fixture
def intake(window):
    return window.show_screen("tasks")


def test_a_notice_pasted_as_one_line_gives_only_its_title(intake):
    intake.check_panel.set_text(ONE_LINE)
    assert intake.title_edit.text() == "关于开展农村人居环境整治督查检查的通知"
    assert intake.title_edit.cursorPosition() == 0  # the field shows the title's start


def test_the_filled_title_follows_the_notice_until_the_clerk_types_one(intake):
    panel = intake.check_panel
    panel.set_text("关于开展村级快递网点信息采集的通知\n请各村每月采集快递网点信息。")
    assert intake.title_edit.text() == "关于开展村级快递网点信息采集的通知"
    panel.set_text("关于开展村级快递网点信息核查的通知\n请各村每月采集快递网点信息。")
    assert intake.title_edit.text() == "关于开展村级快递网点信息核查的通知"
    intake.title_edit.setText("快递网点核查")  # the clerk's own title stays
    panel.set_text("关于开展村级快递网点摸底的通知\n请各村每月采集快递网点信息。")
    assert intake.title_edit.text() == "快递网点核查"


def test_a_pasted_notice_fills_its_number_and_department_when_they_are_empty(intake):
    intake.check_panel.set_text(
        "南屏县应急管理局关于开展汛期安全隐患排查的通知\n南应急〔2026〕41号\n"
        "各村(社区)：\n请各村每天上传巡查照片。\n南屏县应急管理局\n2026年6月3日"
    )
    assert intake.number_edit.text() == "南应急〔2026〕41号"
    assert intake.department_combo.currentText() == "南屏县应急管理局"


def test_a_lead_in_is_not_taken_for_a_title_or_a_department(intake):
    intake.check_panel.set_text("按照县委关于做好秋冬种工作的通知，各村要每周报送进度。")
    assert intake.title_edit.text() == ""
    assert intake.department_combo.currentText() == ""


def test_after_recording_the_cursor_waits_in_the_notice_for_the_next_one(intake, window):
    window.activateWindow()
    intake.check_panel.set_text("请各村(社区)每周统计辖区电动自行车充电桩数量，于每周五前报送。")
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    intake.notes_edit.setFocus()
    assert intake.record() is not None
    assert intake.check_panel.editor.hasFocus()


def test_problems_put_the_cursor_in_the_first_field_they_name(intake, window):
    window.activateWindow()
    intake.notes_edit.setFocus()
    intake.fields.show_problems(
        ValidationError(
            [FieldProblem("notes", "太长"), FieldProblem("department", "下派部门不能为空")]
        )
    )
    # the form's order, not the order of the problems
    assert intake.department_combo.hasFocus()


def test_a_problem_of_a_field_made_of_two_dates_focuses_the_first_date(intake, window):
    window.activateWindow()
    intake.title_edit.setFocus()
    intake.fields.show_problems(ValidationError([FieldProblem("start_date", "开始日期不能为空")]))
    assert intake.start_edit.hasFocus()


def test_the_register_of_tasks_shows_every_column_at_1366(intake, window, qtbot):
    window.showNormal()  # maximised it is the test screen's 800 px
    window.resize(1366, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == 1366)
    intake.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: intake.model.rowCount() > 0, timeout=20000)
    qtbot.wait(50)  # the header settles
    table, header = intake.table, intake.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(intake.model.columnCount())]
    assert sum(widths) <= table.viewport().width(), widths
    assert not table.horizontalScrollBar().isVisible()
    assert widths[1] >= 200  # the title keeps room
    last = intake.model.columnCount() - 1
    assert widths[last] >= table.sizeHintForColumn(last)  # 准入审批 whole


def test_a_chart_says_it_is_counting_until_its_figures_arrive(qtbot):
    """首页 showed 暂无数据 and 本期没有清理牌子的记录 while it was still counting."""
    from jianfu.ui.dashboard.charts import BarChartWidget

    chart = BarChartWidget("清理牌子最多的村(社区)", horizontal=True)
    qtbot.addWidget(chart)
    chart.empty_text = "本期没有清理牌子的记录"
    chart.resize(400, 260)
    assert chart.waiting and chart.is_empty
    chart.grab()  # paints the waiting text
    chart.set_data([], [], [])  # counted: nothing this period
    assert not chart.waiting and chart.is_empty
    chart.grab()
    failed = BarChartWidget("本期与上期主要数据对比")
    qtbot.addWidget(failed)
    failed.stop_waiting()  # the count failed: no figures are coming
    assert not failed.waiting


def test_f1_shows_the_screens_section_without_scrolling(qtbot):
    """F1 on 牌子 opened the guide at its top (首页): the scroll was set before the window
    was laid out."""
    from jianfu.ui.help_dialog import HelpDialog

    dialog = HelpDialog("牌子")
    qtbot.addWidget(dialog)
    dialog.resize(720, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    doc = browser.document()
    block = doc.begin()
    while block.text() != "牌子" or not block.blockFormat().headingLevel():
        block = block.next()

    def heading_in_view() -> bool:
        top = doc.documentLayout().blockBoundingRect(block).top()
        shown = top - browser.verticalScrollBar().value()
        return 0 <= shown < browser.viewport().height() / 2

    qtbot.waitUntil(heading_in_view)


def test_a_new_certificate_request_claims_no_finding_before_anything_is_typed(window, qtbot):
    """认定为 said 按审核结论：清单外 on an empty form."""
    from jianfu.ui.certificates.dialogs import NewRequestDialog

    dialog = NewRequestDialog(window.services.certificates, window)
    qtbot.addWidget(dialog)
    assert dialog.item_combo.itemText(0) == "按审核结论"
    dialog.subject_edit.setText("开个居住证明，孩子上学要")
    dialog.run_check()
    assert dialog.item_combo.itemText(0).startswith("按审核结论：")


def test_other_burdens_fit_1366_without_scrolling_sideways(window, qtbot):
    """其他负担 at 1366×768: every column of the ledger and of the counts shows; long
    texts wrap into taller rows instead."""
    window.showNormal()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: window.width() == 1366)
    from jianfu.ui.widgets.tables import RowFit

    page = window.show_screen("burdens")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    view, header = page.view, page.view.horizontalHeader()
    # the rows out of sight are fitted in slices of 10 ms between pauses: wait for the last
    # (a fixed wait saw some of them fitted, or none, as the machine was loaded)
    fit = view.findChild(RowFit)
    qtbot.waitUntil(lambda: fit.pending == 0, timeout=20000)
    widths = [header.sectionSize(c) for c in range(page.model.columnCount())]
    assert sum(widths) <= view.viewport().width(), widths
    assert not view.horizontalScrollBar().isVisible()
    for col in (1, 2):  # 类别 and 名称 keep room
        assert widths[col] >= 118, widths
    # Room to spare: maximised under a window manager the ledger was 792 px wide.
    from jianfu.ui.burdens.widget import LEDGER_COLUMNS

    assert sum(least for least, _weight in LEDGER_COLUMNS) <= 760
    # A date stays on one line (2026-09-2 / 7 under a desktop's font), with room to spare.
    date = view.fontMetrics().horizontalAdvance("2026-09-27")
    assert LEDGER_COLUMNS[4][0] >= date * 1.15 + 10, (LEDGER_COLUMNS[4], date)
    tall = [view.rowHeight(r) for r in range(page.model.rowCount())]
    assert max(tall) > min(tall)  # a long 依据文件 or department wraps
    counts = page.counts_table
    used = counts.verticalHeader().width() + sum(
        counts.horizontalHeader().sectionSize(c) for c in range(counts.columnCount())
    )
    assert used <= counts.width(), (used, counts.width())
    assert (
        counts.horizontalHeader().sectionSize(3)
        >= counts.horizontalHeader().sectionSizeFromContents(3).width()
    )


def test_the_board_ledger_fits_1366_without_scrolling_sideways(window, qtbot):
    """牌子 at 1366×768: 照片 was cut and the ledger scrolled sideways."""
    from jianfu.ui.boards.ledger import LEDGER_COLUMNS

    window.showNormal()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: window.width() == 1366)
    page = window.show_screen("boards")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    qtbot.wait(50)
    view, header = page.view, page.view.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(page.model.columnCount())]
    assert sum(widths) <= view.viewport().width(), widths
    assert not view.horizontalScrollBar().isVisible()
    assert widths[1] >= 146  # 牌子名称 keeps room
    assert sum(least for least, _weight in LEDGER_COLUMNS) <= 800  # maximised it had 895


def test_the_register_of_tasks_cuts_no_text_at_1366(intake, window, qtbot):
    """The walk at 1366×768: titles (关于开展电动自行车充电设施使用情况摸底…), items and
    demands (报表台账、考…) ended in "…" with no detail pane to read them in. A text wider
    than its column wraps and its row grows for it; 收文日期, 文号, 结论 and 准入审批 stay on
    one line."""
    from PySide6.QtCore import Qt

    from jianfu.domain.tasks import demands_text
    from jianfu.ui.widgets.tables import WrappingDelegate
    from tests.ui.test_cases_list_fit import _lines_needed

    window.showNormal()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: window.width() == 1366)
    intake.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: intake.model.rowCount() > 0, timeout=20000)
    table, model = intake.table, intake.model
    header = table.horizontalHeader()
    assert isinstance(table.itemDelegate(), WrappingDelegate)
    qtbot.waitUntil(
        lambda: (
            sum(header.sectionSize(c) for c in range(model.columnCount()))
            == table.viewport().width()
        )
    )
    line = table.fontMetrics().lineSpacing()
    wrapped = set()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            text = model.index(row, col).data() or ""
            tip = model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)
            if model.headerData(col, Qt.Orientation.Horizontal) == "要求":  # short forms shown
                assert tip == demands_text(model.row_at(row).data.demands)
            else:
                assert tip == text
            lines = _lines_needed(table, text, header.sectionSize(col) - 8)
            if lines > 1:
                wrapped.add(model.headerData(col, Qt.Orientation.Horizontal))
            qtbot.waitUntil(lambda r=row, n=lines: table.rowHeight(r) >= n * line)
    assert wrapped and wrapped <= {"文件标题", "下派部门", "对应清单事项", "涉及村(社区)", "要求"}


DUE_BY_NOTICE = (
    "关于开展全县村级电动车充电桩安全隐患排查的通知\n南应急〔2026〕41号\n各乡镇：\n"
    "请各村（社区）于2026年12月25日前填写排查登记表。\n南屏县应急管理局\n2026年12月3日"
)


def test_the_date_a_notice_asks_the_work_done_by_fills_the_end_date(intake, window):
    import datetime as dt

    from jianfu.ui.cases.dialogs import date_value

    intake.check_panel.set_text(DUE_BY_NOTICE)
    assert date_value(intake.end_edit) == dt.date(2026, 12, 25)
    assert date_value(intake.start_edit) is None  # the notice does not say when it starts
    # it follows the notice while the clerk has not chosen a date …
    intake.check_panel.set_text(DUE_BY_NOTICE.replace("12月25日", "12月28日"))
    assert date_value(intake.end_edit) == dt.date(2026, 12, 28)
    intake.check_panel.set_text("关于开展村级道路巡查的通知\n请各村每周巡查一次。")
    assert date_value(intake.end_edit) is None  # another notice without one: 未定 again
    # … and the clerk's own date stays
    intake.check_panel.set_text(DUE_BY_NOTICE)
    intake.end_edit.set_value(dt.date(2026, 12, 31))
    intake.check_panel.set_text(DUE_BY_NOTICE.replace("12月25日", "12月20日"))
    assert date_value(intake.end_edit) == dt.date(2026, 12, 31)


def test_a_message_pasted_over_a_notice_does_not_keep_the_notices_title_number_or_sender(intake):
    """The title, 文号 and sender filled from one notice went with it when a WeChat message that
    states none was pasted over it (they stayed, and would have been recorded with it)."""
    intake.check_panel.set_text(DUE_BY_NOTICE)
    assert intake.title_edit.text().startswith("关于开展全县村级电动车充电桩")
    assert intake.number_edit.text() == "南应急〔2026〕41号"
    assert intake.department_combo.currentText() == "南屏县应急管理局"
    intake.check_panel.set_text("@各村书记 今晚把村里独居老人的名单发群里，明早要用。")
    assert intake.title_edit.text() == ""
    assert intake.number_edit.text() == ""
    assert intake.department_combo.currentText() == ""
    # what the clerk typed stays, whatever is pasted
    intake.title_edit.setText("独居老人名单报送")
    intake.number_edit.setText("电话通知")
    intake.check_panel.set_text(DUE_BY_NOTICE)
    intake.check_panel.set_text("@各村书记 明早八点前报一下村里的防汛物资。")
    assert intake.title_edit.text() == "独居老人名单报送"
    assert intake.number_edit.text() == "电话通知"


MONTHLY_NOTICE = (
    "关于做好村级农家书屋借阅情况月报工作的通知\n各乡镇：\n"
    "自2027年1月起，请各村（社区）每月5日前报送上月借阅情况。\n南屏县文化和旅游局\n2026年12月3日"
)


def test_a_deadline_that_comes_every_month_makes_the_task_long_term(intake):
    """每月5日前 left 事项性质 未定; 自2027年1月起 left 开始日期 未定."""
    import datetime as dt

    from jianfu.domain.lists import ItemNature
    from jianfu.ui.cases.dialogs import date_value

    nature = intake.nature_combo
    intake.check_panel.set_text(MONTHLY_NOTICE)
    assert nature.currentData() == ItemNature.LONG_TERM.value
    assert date_value(intake.start_edit) == dt.date(2027, 1, 1)  # 自2027年1月起
    assert date_value(intake.end_edit) is None
    # the clerk's own start stays; a notice that names none leaves 未定 where it was filled
    intake.start_edit.set_value(dt.date(2027, 2, 1))
    intake.check_panel.set_text(MONTHLY_NOTICE.replace("2027年1月", "2027年3月"))
    assert date_value(intake.start_edit) == dt.date(2027, 2, 1)
    # an end the notice gives: a stage of monthly work
    ends = MONTHLY_NOTICE.replace("自2027年1月起，", "自2027年1月起至2027年12月31日止，")
    intake.check_panel.set_text(ends)
    assert nature.currentData() == ItemNature.STAGED.value
    # a notice without one: 未定 again
    intake.check_panel.set_text("关于开展村级道路巡查的通知\n请各村每周巡查一次。")
    assert nature.currentData() is None
    # the clerk's own choice stays
    intake.check_panel.set_text(MONTHLY_NOTICE)
    nature.setCurrentIndex(nature.findData(ItemNature.TEMPORARY.value))
    intake.check_panel.set_text(MONTHLY_NOTICE.replace("每月5日前", "每季度末"))
    assert nature.currentData() == ItemNature.TEMPORARY.value


PERIOD_NOTICE = (
    "关于做好2027年度城乡居民基本养老保险参保缴费工作的通知\n南人社〔2026〕58号\n各乡镇人民政府：\n"
    "二、各村（社区）要建立参保缴费工作台账，于每月5日前报送乡镇社保所。\n"
    "三、缴费期为2027年1月1日至2027年6月30日。\n南屏县人力资源和社会保障局\n2026年12月1日"
)


def test_a_period_the_notice_gives_fills_the_start_and_end_dates(intake):
    """缴费期为2027年1月1日至2027年6月30日 left 起止日期 未定 and 事项性质 长期 (the monthly
    report alone was read): the clerk had to type both dates from the text."""
    import datetime as dt

    from jianfu.domain.lists import ItemNature
    from jianfu.ui.cases.dialogs import date_value

    intake.check_panel.set_text(PERIOD_NOTICE)
    assert date_value(intake.start_edit) == dt.date(2027, 1, 1)
    assert date_value(intake.end_edit) == dt.date(2027, 6, 30)
    assert intake.nature_combo.currentData() == ItemNature.STAGED.value


def test_a_deadline_set_once_makes_the_task_temporary(intake):
    """请于12月25日前填写 (one date, no recurrence) left 事项性质 未定 where 每月5日前 set 长期:
    work done once by a date is 临时. Not when the notice also says when the work starts (a
    period), nor for a notice with no date; the clerk's own choice stays."""
    from jianfu.domain.lists import ItemNature

    nature = intake.nature_combo
    intake.check_panel.set_text(DUE_BY_NOTICE)
    assert nature.currentData() == ItemNature.TEMPORARY.value
    once = "关于报送农村集体资产清查统计表的通知\n各村（社区）：\n请于12月20日前报送清查表。"
    intake.check_panel.set_text(once)
    assert nature.currentData() == ItemNature.TEMPORARY.value
    intake.check_panel.set_text(once.replace("请于12月20日前", "自12月1日起，请于12月20日前"))
    assert nature.currentData() is None  # a start and an end: not guessed
    intake.check_panel.set_text(MONTHLY_NOTICE)
    assert nature.currentData() == ItemNature.LONG_TERM.value
    intake.check_panel.set_text("关于开展村级道路巡查的通知\n请各村每周巡查一次。")
    assert nature.currentData() is None
    # the clerk's own choice stays
    intake.check_panel.set_text(DUE_BY_NOTICE)
    nature.setCurrentIndex(nature.findData(ItemNature.STAGED.value))
    intake.check_panel.set_text(once)
    assert nature.currentData() == ItemNature.STAGED.value


def test_the_end_date_read_from_the_notice_reaches_the_admission_case(intake, window):
    import datetime as dt

    intake.check_panel.set_text(DUE_BY_NOTICE)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    task = intake.record()
    assert task is not None
    request = window.services.cases.request_for_task(task.id)
    assert request.end_date == dt.date(2026, 12, 25)  # 临时 needs it: no longer asked again


def test_the_refusal_letter_is_offered_under_the_notices_number(intake, window, monkeypatch):
    import jianfu.ui.intake.screen as screen

    offered: list[str] = []
    # what the screen calls (feedback.print_pdf_asking, bound in its namespace): no PDF is made
    monkeypatch.setattr(
        screen, "print_pdf_asking", lambda _w, _r, _t, name, _make: offered.append(name)
    )
    intake.check_panel.set_text("关于建立村级禁毒工作站的通知\n南禁毒〔2026〕7号\n请各村挂牌。")
    intake.decision_buttons[TaskDecision.NEGATIVE].setChecked(True)
    intake.title_edit.setText("关于建立村级禁毒工作站的通知")
    intake.department_combo.setEditText("南屏县公安局")
    candidates = intake.check_panel.candidates
    if not candidates.selectedItems():
        candidates.selectRow(0)
    task = intake.record()
    assert task is not None and task.data.decision is TaskDecision.NEGATIVE
    intake.tabs.setCurrentIndex(1)
    assert intake.select_task(task.id)
    intake._on_refusal_clicked()
    assert offered == ["拒绝告知书-南禁毒〔2026〕7号.pdf"]  # not the record's inner number


def test_the_import_dialogs_first_filter_shows_csv_files_too():
    """A county's CSV did not show until the clerk changed the dialog's file type."""
    from jianfu.ui.boards.ledger import IMPORT_FILTER as BOARDS
    from jianfu.ui.burdens.widget import IMPORT_FILTER as BURDENS
    from jianfu.ui.lists.browser import IMPORT_FILTER as LISTS

    for filters in (BOARDS, BURDENS, LISTS):
        first = filters.split(";;")[0]
        assert "*.xlsx" in first and "*.xls " in first and "*.csv" in first


NEGATIVE_NOTICE = (
    "南屏县民政局文件\n南民〔2026〕35号\n关于开展2026年度农村低保对象入户核查工作的通知\n"
    "各乡镇人民政府：\n为做好农村最低生活保障对象动态管理工作，请各村（社区）完成辖区内低保对象"
    "入户核查，逐户填写核查表，建立工作台账，并每周五报送进展情况。各村需明确一名专人专岗负责，"
    "核查结果纳入年度考核。\n南屏县民政局\n2026年12月1日"
)


def test_choosing_unlisted_after_an_item_with_its_words_does_not_move_the_record_button(
    intake, window
):
    """An item cited with its basis, department and the words it matched (命中：…, four
    lines): choosing 清单外 moved 登记事项 up under the clerk's mouse."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    window.resize(1366, 728)
    intake.check_panel.set_text(
        "南屏县卫生健康局关于开展2027年度家庭医生签约入户核查的通知\n南卫〔2026〕58号\n"
        "请各村(社区)安排专人于2027年1月4日至1月29日逐户上门核查签约居民信息。"
    )
    intake.check_panel.check_now()

    def button_y() -> int:
        for _ in range(3):  # the layouts' requests, nested, handled now (no waiting)
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        return intake.record_button.mapTo(window, QPoint(0, 0)).y()

    intake.decision_buttons[TaskDecision.IN_LIST].setChecked(True)
    candidates = intake.check_panel.candidates
    if not candidates.selectedItems():
        candidates.selectRow(0)
    cited = button_y()
    assert intake.item_label.text().count("<br>") == 3 and "命中：" in intake.item_label.text()
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    assert button_y() == cited


def test_choosing_another_finding_does_not_move_the_record_button(intake, window):
    """Choosing 清单外 shrank the cited item to one line: 登记事项 jumped up under the mouse."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    window.resize(1366, 728)
    intake.check_panel.set_text(NEGATIVE_NOTICE)

    def button_y() -> int:
        for _ in range(3):  # the layouts' requests, nested, handled now (no waiting)
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        return intake.record_button.mapTo(window, QPoint(0, 0)).y()

    intake.decision_buttons[TaskDecision.NEGATIVE].setChecked(True)
    cited = button_y()
    assert intake.item_label.text().count("<br>") == 2  # the item, its basis, its department
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    assert button_y() == cited
    intake.reset_form()
    assert button_y() == cited  # nothing chosen yet: the same place
