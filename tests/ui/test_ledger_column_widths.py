"""The 其他负担 and 牌子 ledgers fill the window, and keep a width the clerk drags: through a
refresh, a change of the window's width and the next start; 恢复默认列宽 fits them again."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QTableView

from jianfu.ui.widgets.tables import ColumnFit, SimpleTableModel

COLUMNS = ((60, 0), (100, 3), (80, 0), (100, 1))


def _view(qtbot, width: int = 700) -> QTableView:
    view = QTableView()
    view.setModel(SimpleTableModel(("村", "名称", "日期", "部门"), [("a", "b", "c", "d")]))
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _widths(view: QTableView) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


def test_a_dragged_width_is_kept_when_the_view_refits_and_the_rest_still_fill_it(qtbot):
    view = _view(qtbot)
    fit = ColumnFit(view, COLUMNS, key="test/ledger")
    assert sum(_widths(view)) == view.viewport().width()  # fills by default
    view.horizontalHeader().resizeSection(0, 150)  # the clerk drags 村 wider
    qtbot.waitUntil(lambda: sum(_widths(view)) == view.viewport().width())
    assert view.columnWidth(0) == 150
    view.resize(900, 300)  # a wider window, or a reload that hides the scroll bar
    qtbot.waitUntil(lambda: sum(_widths(view)) == view.viewport().width())
    assert view.columnWidth(0) == 150
    assert fit.set_by_clerk == {0: 150}


def test_a_dragged_width_comes_back_at_the_next_start_and_the_menu_forgets_it(qtbot):
    first = _view(qtbot)
    ColumnFit(first, COLUMNS, key="test/ledger")
    first.horizontalHeader().resizeSection(1, 222)
    again = _view(qtbot)
    fit = ColumnFit(again, COLUMNS, key="test/ledger")
    qtbot.waitUntil(lambda: sum(_widths(again)) == again.viewport().width())
    assert again.columnWidth(1) == 222
    fit.reset()  # 恢复默认列宽
    assert again.columnWidth(1) != 222
    assert sum(_widths(again)) == again.viewport().width()
    third = _view(qtbot)
    ColumnFit(third, COLUMNS, key="test/ledger")
    assert _widths(third) == _widths(again)


def test_widths_of_another_column_layout_are_not_applied(qtbot):
    first = _view(qtbot)
    ColumnFit(first, COLUMNS, key="test/ledger")
    first.horizontalHeader().resizeSection(0, 150)
    same = _view(qtbot)  # the width is kept for this layout under this name …
    assert ColumnFit(same, COLUMNS, key="test/ledger").set_by_clerk == {0: 150}
    other = _view(qtbot)  # … and for no other name
    assert ColumnFit(other, COLUMNS, key="test/other").set_by_clerk == {}
    fewer = QTableView()
    qtbot.addWidget(fewer)
    fewer.setModel(SimpleTableModel(("村", "名称", "日期"), [("a", "b", "c")]))
    assert ColumnFit(fewer, COLUMNS[:3], key="test/ledger").set_by_clerk == {}


@pytest.mark.parametrize("screen", ["burdens", "boards"])
def test_the_ledgers_keep_the_clerks_width_through_a_refresh_and_a_restart(
    qtbot, demo_ctx, screen, monkeypatch
):
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    # no daily backup in a worker while the windows open and close (not what is tested here)
    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)

    first = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(first)
    first.resize(1366, 740)
    first.show()
    page = first.show_screen(screen)
    view = page.view
    qtbot.waitUntil(lambda: view.viewport().width() > 400)
    default = view.columnWidth(1)
    view.horizontalHeader().resizeSection(1, default + 60)
    with qtbot.waitSignal(page.model.sig_reloaded):
        page.refresh()
    first.resize(first.width() - 120, first.height())  # and the window narrower
    qtbot.waitUntil(lambda: sum(_widths(view)) >= view.viewport().width())
    assert view.columnWidth(1) == default + 60
    first.tasks.wait_all()
    first.close()

    second = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(second)
    second.resize(1366, 740)
    second.show()
    page = second.show_screen(screen)
    qtbot.waitUntil(lambda: page.view.viewport().width() > 400)
    assert page.view.columnWidth(1) == default + 60
    second.tasks.wait_all()
    second.close()


def test_whole_columns_fit_their_text_and_first_columns_take_the_rest_in_order(qtbot):
    """``whole``: as wide as the longest text (a deadline is never cut); ``first``: what is
    left goes to them up to their text, in order, before the weights share the rest."""
    view = QTableView()
    model = SimpleTableModel(
        ("编号", "事项名称", "申请单位", "审批期限"),
        [
            (
                "1",
                "关于开展电动自行车充电设施使用情况摸底的通知",
                "南屏县发展和改革局",
                "估 2026-11-09 已逾期 19 个工作日",
            )
        ],
    )
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(640, 300)
    view.show()
    qtbot.waitExposed(view)
    fit = ColumnFit(view, ((40, 0), (120, 3), (96, 1), (60, 0)), whole=(0, 3), first=(2, 1))
    fit.fit(force=True)
    assert view.columnWidth(3) >= view.sizeHintForColumn(3)  # the deadline whole
    assert view.columnWidth(2) >= view.sizeHintForColumn(2)  # 申请单位 first, whole
    assert view.columnWidth(1) >= 120  # 事项名称 the rest
    assert sum(_widths(view)) == view.viewport().width()
