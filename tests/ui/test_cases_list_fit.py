"""准入审批's list shows the whole 审批期限 at 1366×768, also above the township, where the
list has a 乡镇(街道) column (issue 14: the reviewer's list cut it)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.db.models import UnitRow
from jianfu.db.township import ConnectedPerson
from jianfu.domain.units import UnitType
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow
from tests.conftest import put_under_county


def _open(qtbot, ctx, person: ConnectedPerson | None, width: int) -> MainWindow:
    ctx.person = person
    window = MainWindow(Services.create(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.showNormal()  # maximised it is the test screen's 800 px
    window.resize(width, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == width)
    return window


def _deadline_fits(window, qtbot, title_least: int = 120) -> None:
    cases = window.show_screen("cases")
    cases.filter_combo.setCurrentText("全部案件")
    cases.refresh()
    model = cases.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20000)
    qtbot.wait(50)  # the resize's fit runs from the event loop
    table, header = cases.table, cases.table.horizontalHeader()
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "审批期限"
    texts = [model.index(r, last).data() for r in range(model.rowCount())]
    assert any("个工作日" in (t or "") for t in texts)
    shown = table.viewport().width() - sum(header.sectionSize(c) for c in range(last))
    assert shown >= table.sizeHintForColumn(last), (shown, table.sizeHintForColumn(last))
    # the title keeps some room
    assert header.sectionSize(2 if cases._townships else 1) >= title_least


@pytest.mark.parametrize("width", [1366, 1280])
@pytest.mark.parametrize("role", ["clerk", "reviewer"])
def test_the_deadline_column_is_whole_at_1366(qtbot, demo_ctx, role, width):
    """The test screen's fonts are a little narrower than a desktop's: at 1280 here the
    reviewer's list cut the deadline as it did at 1366 on a desktop."""
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        s.add(UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id))
        unit = county if role == "reviewer" else town
        person = ConnectedPerson(role, role, unit.id, unit.name, role)
    window = _open(qtbot, demo_ctx, person, width)
    try:
        _deadline_fits(window, qtbot)
    finally:
        window.tasks.wait_all()


@pytest.mark.parametrize("unit", ["county", "township"])
def test_a_county_administrators_lists_name_each_rows_township(qtbot, demo_ctx, unit):
    """准入审批 and 证明 of a county's administrator hold several townships' records, the same
    notice title once per township: a 乡镇(街道) column says whose (as the reviewer's has)."""
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        chosen = county if unit == "county" else town
        person = ConnectedPerson("admin", "admin", chosen.id, chosen.name, "管理员")
    window = _open(qtbot, demo_ctx, person, 1366)
    try:
        _deadline_fits(window, qtbot)
        cases = window.pages["cases"]
        head = cases.model.headerData(1, Qt.Orientation.Horizontal)
        assert (head == "乡镇(街道)") is (unit == "county"), head
        if unit == "county":
            assert cases.model.index(0, 1).data() == town.name
        certificates = window.show_screen("certificates")
        head = certificates.model.headerData(1, Qt.Orientation.Horizontal)
        assert (head == "乡镇(街道)") is (unit == "county"), head
    finally:
        window.tasks.wait_all()


def test_room_the_deadline_does_not_need_goes_to_the_department_and_the_title(qtbot, demo_ctx):
    """At 1366 px the clerk's list cut every title (关于做好秋冬种农情信息报送…) beside an
    empty half of 审批期限: 申请单位, then 事项名称, take what the short columns leave."""
    window = _open(qtbot, demo_ctx, None, 1366)
    try:
        _deadline_fits(window, qtbot)
        cases = window.show_screen("cases")
        from jianfu.ui.widgets.tables import TEXT_SLACK

        table, header = cases.table, cases.table.horizontalHeader()
        assert sum(header.sectionSize(c) for c in range(cases.model.columnCount())) == (
            table.viewport().width()
        )  # fills the list's width, no sideways scrolling
        assert header.sectionSize(2) >= table.sizeHintForColumn(2) + TEXT_SLACK  # 申请单位
        assert header.sectionSize(1) >= 160  # 事项名称 takes the rest (its least is 120)
    finally:
        window.close()


def _lines_needed(table, text: str, width: int) -> int:
    """Lines ``text`` takes wrapped at ``width`` pixels (anywhere, as Chinese wraps)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, table.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = 0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines += 1
    layout.endLayout()
    return lines


def test_no_text_is_cut_off_at_1366(qtbot, demo_ctx):
    """The walk at 1366×768: 事项名称 and 申请单位 were cut with "…" (关于开展电动自行车充电设施
    使用情况…, 南屏县发展和…) in rows of one line. Now a text wider than its column wraps and
    its row is tall enough for every line; every cell's whole text is its tooltip; the columns
    can still be dragged."""
    from sqlalchemy import select

    from PySide6.QtWidgets import QHeaderView

    from jianfu.db.models_tasks import AdmissionCaseRow
    from jianfu.ui.widgets.tables import WrappingDelegate

    # the demo's cases are named for their work (short); one is named at length, as a clerk
    # may keep a notice's whole title
    with demo_ctx.unit_of_work() as s:
        row = s.scalars(select(AdmissionCaseRow).order_by(AdmissionCaseRow.id)).first()
        assert row is not None
        row.title = "关于开展2027年度电动自行车充电设施使用情况摸底和安全隐患排查整治工作的通知"
    window = _open(qtbot, demo_ctx, None, 1366)
    try:
        _deadline_fits(window, qtbot)
        cases = window.pages["cases"]
        table, model = cases.table, cases.model
        header = table.horizontalHeader()
        assert isinstance(table.itemDelegate(), WrappingDelegate)  # wraps, never elides
        line = table.fontMetrics().lineSpacing()
        wrapped = 0
        for col in range(model.columnCount()):
            assert header.sectionResizeMode(col) == QHeaderView.ResizeMode.Interactive
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                text = index.data() or ""
                assert index.data(Qt.ItemDataRole.ToolTipRole) == text
                lines = _lines_needed(table, text, header.sectionSize(col) - 8)
                # only 事项名称 and 申请单位 wrap (审批期限's two lines are its own)
                if lines > text.count("\u2028") + 1:
                    assert col in (1, 2), (col, text)
                    wrapped += 1
                qtbot.waitUntil(lambda r=row, n=lines: table.rowHeight(r) >= n * line)
        assert wrapped, "the demo's long titles wrap at 1366 px"
    finally:
        window.close()


@pytest.mark.parametrize("role", ["reviewer", "mechanism"])
def test_above_the_township_the_list_fits_at_1024_with_its_deadline_in_sight(qtbot, demo_ctx, role):
    """At 1024 px the reviewer's and the mechanism's list needed about 670 px of the 560 it
    got: it scrolled sideways and 审批期限, last, was out of sight. Its deadline now takes two
    lines (the date, then what is left), 当前环节 may wrap, 收文日期 is in the detail: every
    column is in sight, the deadline whole."""
    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        s.add(UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id))
        person = ConnectedPerson(role, role, county.id, county.name, role)
    window = _open(qtbot, demo_ctx, person, 1000)  # the test screen's fonts are narrower
    try:
        _deadline_fits(window, qtbot, title_least=110)
        cases = window.pages["cases"]
        table, model = cases.table, cases.model
        header = table.horizontalHeader()
        heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert "收文日期" not in heads and heads[1] == "乡镇(街道)"
        assert table.viewport().width() < 600  # as narrow as at 1024 on a desktop
        assert header.length() <= table.viewport().width()  # no sideways scrolling
        assert table.horizontalScrollBar().maximum() == 0
        due = next(t for r in range(model.rowCount()) if (t := model.index(r, 5).data()))
        date, left = due.split("\u2028")
        assert date.startswith(("20", "估 20")) and left.endswith("个工作日")
    finally:
        window.tasks.wait_all()


def test_the_clerks_list_fits_at_1024_with_its_deadline_in_sight(qtbot, demo_ctx):
    """At 1024 px the township clerk's list needed about 690 px of the 563 it got: it
    scrolled sideways and 审批期限, last, was out of sight (the overdue case's too). As above
    the township, its deadline takes two lines and 当前环节 may wrap; the clerk keeps 收文日期.
    Every column is in sight, the deadline whole, also beside a vertical scroll bar."""
    window = _open(qtbot, demo_ctx, None, 1000)  # the test screen's fonts are narrower
    try:
        _deadline_fits(window, qtbot, title_least=104)
        cases = window.pages["cases"]
        table, model = cases.table, cases.model
        header = table.horizontalHeader()
        heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert heads == ["编号", "事项名称", "申请单位", "收文日期", "当前环节", "审批期限"]
        assert table.viewport().width() < 600  # as narrow as at 1024 on a desktop
        assert header.length() <= table.viewport().width()  # no sideways scrolling
        assert table.horizontalScrollBar().maximum() == 0
        # the least widths leave room for a vertical scroll bar (a township's many cases)
        bar = table.verticalScrollBar().sizeHint().width()
        assert sum(cases.column_fit.widths(0)) <= table.viewport().width() - bar
        # 当前环节 wraps after 待报县级 and 协调机制 (not 协调机制审/批), or not at all
        room = header.sectionSize(4) - 7  # the cell's margins and the grid's pixel
        assert _lines_needed(table, "待报县级", room) == 1
        assert _lines_needed(table, "协调机制", room) == 1
        overdue = [r for r in range(model.rowCount()) if model.row_at(r).overdue]
        assert overdue, "the demo has an overdue case"
        date, left = model.index(overdue[0], 5).data().split("\u2028")
        assert date.startswith("20") and left.startswith("已逾期") and left.endswith("个工作日")
    finally:
        window.tasks.wait_all()
