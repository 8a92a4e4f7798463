"""The walk at 1366×768: the 证明 register (the clerk's and the county reviewer's) and the
reviewer's read-only 事项审核 register cut their long texts with "…" (要证明的事项, 审核结论,
索要单位, 文号) or scrolled sideways. Now they fill their width, long texts wrap into taller
rows and the short columns stay whole on one line, each cell's text its tooltip."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.db.township import ConnectedPerson
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow
from jianfu.ui.widgets.tables import WrappingDelegate
from tests.conftest import put_under_county
from tests.ui.test_cases_list_fit import _lines_needed

pytestmark = pytest.mark.usefixtures("qtbot")


@pytest.fixture
def reviewer_window(qtbot, demo_ctx, monkeypatch):
    """The county reviewer's window over the demo township at 1366×768, the township and a
    文号 as long as the county demo's (the list fitted the short ones and scrolled there)."""
    from sqlalchemy import select

    from jianfu.db.models_tasks import TaskRequestRow

    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        town.name = "桃源街道"
        task = s.execute(select(TaskRequestRow).limit(1)).scalar_one()
        task.document_number = "南文体旅〔2026〕15号"
        demo_ctx.person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
        name = town.name
    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _at_1366(window, qtbot)
    yield window, name
    window.tasks.wait_all()


def _at_1366(window, qtbot):
    window.showNormal()
    window.resize(1366, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == 1366)


def _shows_every_text(qtbot, table, model, wraps: set[str]) -> set[str]:
    """Asserts the table fills its width without scrolling, every text whole (wrapped only
    in ``wraps``, its row tall enough) and its own tooltip; returns the columns wrapped."""
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20000)
    header = table.horizontalHeader()
    assert isinstance(table.itemDelegate(), WrappingDelegate)
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in shown) == table.viewport().width())
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    line = table.fontMetrics().lineSpacing()
    wrapped = set()
    for row in range(min(model.rowCount(), 60)):
        for col in shown:
            text = model.index(row, col).data() or ""
            assert model.index(row, col).data(Qt.ItemDataRole.ToolTipRole) == text
            lines = _lines_needed(table, text, header.sectionSize(col) - 8)
            if lines > 1:
                wrapped.add(model.headerData(col, Qt.Orientation.Horizontal))
            qtbot.waitUntil(lambda r=row, n=lines: table.rowHeight(r) >= n * line)
    assert wrapped <= wraps, wrapped
    return wrapped


def test_the_clerks_certificate_register_cuts_no_text_at_1366(window, qtbot):
    _at_1366(window, qtbot)
    page = window.show_screen("certificates")
    wrapped = _shows_every_text(
        qtbot, page.view, page.model, {"要证明的事项", "审核结论", "索要单位"}
    )
    assert "审核结论" in wrapped  # 不应出具：… is longer than its room


def test_the_reviewers_certificate_register_cuts_no_text_at_1366(qtbot, reviewer_window):
    window, _town = reviewer_window
    page = window.show_screen("certificates")
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "乡镇(街道)"
    _shows_every_text(qtbot, page.view, page.model, {"要证明的事项", "审核结论", "索要单位"})


def test_the_reviewers_task_register_cuts_no_text_at_1366(qtbot, reviewer_window):
    window, _town = reviewer_window
    page = window.show_screen("tasks")
    wrapped = _shows_every_text(
        qtbot, page.table, page.model, {"文件标题", "下派部门", "对应清单事项"}
    )
    assert "文件标题" in wrapped
    heads = [
        page.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.model.columnCount())
        if not page.table.isColumnHidden(c)
    ]
    assert {"文号", "收文日期", "结论", "准入审批"} <= set(heads)
    # the villages and the demands are read in the detail beside the list
    assert not {"涉及村(社区)", "要求"} & set(heads)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail_values["demands"].text() != "")


def test_the_reviewers_task_register_has_room_for_the_countys_longest_texts(qtbot, reviewer_window):
    """On the county demo the list scrolled sideways and cut 协调机制审批: 28 tasks bring a
    vertical scroll bar, and the columns kept whole on one line were wider there. Their
    longest texts and the least widths of the wrapping columns fit beside the scroll bar
    (before: 713 px needed in 740)."""
    from jianfu.ui.widgets.tables import TEXT_SLACK

    window, _town = reviewer_window
    page = window.show_screen("tasks")
    table, model = page.table, page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20000)
    longest = {
        "乡镇(街道)": "桃源街道",
        "收文日期": "2026-11-30",
        "文号": "南文体旅〔2026〕15号",
        "结论": "清单外",
        "准入审批": "协调机制审批",
    }
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    least = page.register_fit.widths(0)
    need = 0
    for col in range(model.columnCount()):
        if table.isColumnHidden(col):
            continue
        text = longest.get(model.headerData(col, Qt.Orientation.Horizontal))
        if text is None:
            need += least[col]
        else:  # the cell's own margins as the fit measures them, and its slack
            cell = metrics.horizontalAdvance(text) + 2 * TEXT_SLACK
            need += max(cell, header.sectionSizeHint(col) + TEXT_SLACK)
    scroll_bar = table.verticalScrollBar().sizeHint().width()
    # a tenth to spare: the fonts of a desktop draw wider than the test's (文号 156 px on
    # the walk's X display, 145 px here)
    assert need * 1.1 <= table.viewport().width() - scroll_bar, (need, table.viewport().width())


def test_the_lists_basis_reads_whole_in_the_list_at_1366(window, qtbot):
    """清单's 设定依据 ended in "…" on one line at 1366×768 (the clerk hovered or selected each
    item to read it): the list fills its width, 编号, 类别, 事项性质 and 状态 stay whole on one
    line, 事项名称, 责任单位 and 设定依据 wrap into taller rows."""
    _at_1366(window, qtbot)
    page = window.show_screen("lists")
    model, table = page.model, page.view
    qtbot.waitUntil(lambda: model.rowCount() >= 60)
    header = table.horizontalHeader()
    assert isinstance(table.itemDelegate(), WrappingDelegate)
    qtbot.waitUntil(
        lambda: (
            sum(header.sectionSize(c) for c in range(model.columnCount()))
            == table.viewport().width()
        )
    )
    assert not table.horizontalScrollBar().isVisible()
    line = table.fontMetrics().lineSpacing()
    wrapped = set()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            text = model.index(row, col).data() or ""
            lines = _lines_needed(table, text, header.sectionSize(col) - 8)
            if lines > 1:
                wrapped.add(model.headerData(col, Qt.Orientation.Horizontal))
            qtbot.waitUntil(lambda r=row, n=lines: table.rowHeight(r) >= n * line)
    assert "设定依据" in wrapped  # the demo's longest bases take two lines
    assert wrapped <= {"事项名称", "责任单位", "设定依据"}, wrapped


def _rows_fitted(qtbot, table) -> None:
    model, header = table.model(), table.horizontalHeader()
    line = table.fontMetrics().lineSpacing()
    for row in range(model.rowCount()):
        lines = max(
            _lines_needed(table, model.index(row, c).data() or "", header.sectionSize(c) - 8)
            for c in range(model.columnCount())
            if not table.isColumnHidden(c)
        )
        qtbot.waitUntil(lambda r=row, n=lines: table.rowHeight(r) >= n * line)


@pytest.mark.parametrize("key", ["lists", "certificates"])
def test_the_detail_pane_takes_no_room_until_a_row_is_selected(window, qtbot, key):
    """证明's detail took 40 % of the height at 1366×768 to say 选中一条申请查看详情 (清单's a
    sixth): it opens under the list when a row is selected and closes when none is."""
    _at_1366(window, qtbot)
    page = window.show_screen(key)
    table = page.view
    qtbot.waitUntil(lambda: page.model.rowCount() > 5, timeout=20000)
    splitter = table.parentWidget()
    assert page.detail.isHidden()
    qtbot.waitUntil(lambda: table.height() >= splitter.height() - 2)
    last = page.model.rowCount() - 1
    _rows_fitted(qtbot, table)  # as when the clerk comes to choose
    table.selectRow(last)  # the last row: it stays in sight above the opened pane
    qtbot.waitUntil(lambda: page.detail.isVisible())
    assert page.detail.toPlainText().strip()
    assert page.detail.verticalScrollBar().value() == 0  # from its heading
    qtbot.waitUntil(lambda: 0 < table.height() < splitter.height() * 0.8)
    qtbot.waitUntil(
        lambda: table.visualRect(page.model.index(last, 0)).bottom() < table.viewport().height()
    )
    table.clearSelection()
    qtbot.waitUntil(lambda: page.detail.isHidden())


def test_the_clerks_task_register_shows_a_tasks_six_demands_short(demo_ctx, window, qtbot):
    """事项审核 › 已登记事项: a task's six demands by their names (报表台账、挂牌、
    工作机制/专人专岗、考核评比/督查检查、工作群/APP、证明) took eight lines of the 要求
    column beside a title of one. The column says each by its short form, the whole list in
    the cell's tooltip: three lines at 1366×768."""
    from sqlalchemy import select

    from jianfu.db.models_tasks import TaskRequestRow
    from jianfu.domain.tasks import TaskDemand, demands_text

    every = tuple(TaskDemand)[:6]  # the six the form had (21 boxes now, rarely many at once)
    with demo_ctx.unit_of_work() as s:
        task = s.execute(select(TaskRequestRow).order_by(TaskRequestRow.id).limit(1)).scalar_one()
        task.demands = demands_text(every)
        task_id = task.id
    _at_1366(window, qtbot)
    page = window.show_screen("tasks")
    page.tabs.setCurrentIndex(1)  # 已登记事项
    page.refresh_register()
    model, table = page.model, page.table
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.reloading, timeout=20000)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == task_id)
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = heads.index("要求")
    cell = model.index(row, col)
    assert cell.data() == "台账、挂牌、机制、考核、工作群、证明"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == demands_text(every)
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    lines = _lines_needed(table, cell.data(), header.sectionSize(col) - 8)
    assert lines <= 3, (lines, header.sectionSize(col))
    line = table.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: table.rowHeight(row) >= lines * line)
