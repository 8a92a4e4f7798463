"""The 村(社区) and 部门 management screens and their dialogs."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QApplication

from jianfu.domain.units import UnitType
from jianfu.services.departments import DepartmentsService
from jianfu.services.units import UnitsService
from jianfu.ui.basedata.departments import DepartmentDialog
from jianfu.ui.basedata.units import UnitDialog
from jianfu.ui.models.paged_table import PagedTableModel


def _names(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_units_model_passes_the_model_tester(window, qtmodeltester):
    page = window.show_screen("units")
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 13
    assert page.count_label.text() == "共 13 个村(社区)"


def test_search_as_you_type_filters_in_the_database(window, qtbot, qtmodeltester, type_text):
    page = window.show_screen("units")
    page.search.setFocus()
    type_text(page.search, "社区")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)
    assert _names(page.model) == ["城南社区", "镇中社区", "溪滨社区"]
    qtmodeltester.check(page.model)


def test_paged_model_fetches_more_on_demand(qapp, qtmodeltester):
    from jianfu.domain.paging import Page
    from jianfu.ui.models.paged_table import Column

    rows = [f"第{i}行" for i in range(45)]
    calls: list[tuple[int, int]] = []

    def fetch(query: str, offset: int, limit: int) -> Page[str]:
        calls.append((offset, limit))
        return Page(rows[offset : offset + limit], len(rows), offset)

    model = PagedTableModel([Column("内容", str)], fetch, page_size=20)
    model.reload("")
    assert model.rowCount() == 20 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 45 and not model.canFetchMore()
    assert calls == [(0, 20), (20, 20), (40, 20)]
    qtmodeltester.check(model)


def test_paged_model_with_a_runner_loads_further_pages_off_the_gui_thread(qtbot, qtmodeltester):
    import threading

    from jianfu.domain.paging import Page
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.models.paged_table import Column

    rows = [f"第{i}行" for i in range(45)]
    threads: list[bool] = []
    gate = threading.Event()

    def fetch(query: str, offset: int, limit: int) -> Page[str]:
        threads.append(threading.current_thread() is threading.main_thread())
        if offset:
            gate.wait(5)  # a slow page: the window must not wait for it
        picked = [r for r in rows if query in r]
        return Page(picked[offset : offset + limit], len(picked), offset)

    runner = TaskRunner()
    model = PagedTableModel([Column("内容", str)], fetch, page_size=20, runner=runner)
    model.reload("")
    model.fetchMore()  # returns at once; the page is on its way
    assert model.loading and model.rowCount() == 20 and not model.canFetchMore()
    with qtbot.waitSignal(model.sig_page_added, timeout=5000):
        gate.set()
    assert model.rowCount() == 40 and model.canFetchMore()
    assert threads == [True, False]  # the first page with the screen, the next one on a worker
    # a page still on its way when the clerk searches again is dropped, not added
    gate.clear()
    model.fetchMore()
    model.reload("第1")
    gate.set()
    runner.wait_all()
    QApplication.processEvents()  # deliver the late page (to be dropped)
    assert [model.index(r, 0).data() for r in range(model.rowCount())][:2] == ["第1行", "第10行"]
    assert model.rowCount() == 11 and not model.loading
    qtmodeltester.check(model)


def test_add_a_village_through_the_dialog(window, qtbot, demo_ctx, monkeypatch):
    page = window.show_screen("units")
    service = UnitsService(demo_ctx)
    dialog = UnitDialog(service, None, page)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("新安村")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(UnitType.RURAL_COMMUNITY))
    dialog.accept()
    assert dialog.result() == UnitDialog.DialogCode.Accepted
    monkeypatch.setattr(UnitDialog, "ask", classmethod(lambda cls, *a, **k: dialog.result_value))
    with qtbot.waitSignal(page.sig_changed, timeout=1000):
        page.add_button.click()
    assert "新安村" in _names(page.model)
    assert page.selected().name == "新安村"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "名称不能为空"),
        ("清溪村", "本乡镇已有名为“清溪村”的村(社区)"),
        ("长" * 41, "不能超过 40 个字"),
    ],
)
def test_unit_dialog_shows_problems_next_to_the_name_and_saves_nothing(
    qtbot, demo_ctx, name, message
):
    service = UnitsService(demo_ctx)
    dialog = UnitDialog(service, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText(name)
    dialog.accept()
    assert dialog.isVisible()
    assert message in dialog.error_text("name")
    assert service.list_page().total == 13


def test_deactivate_a_village_after_confirming(window, qtbot, monkeypatch):
    page = window.show_screen("units")
    page.view.selectRow(0)
    assert page.toggle_button.text() == "停用"
    monkeypatch.setattr(type(page), "confirm_toggle", lambda self, verb, name: True)  # 停用
    page.toggle_button.click()
    row = _names(page.model).index("清溪村")
    assert page.model.index(row, 3).data() == "已停用"
    page.show_inactive.setChecked(False)
    assert "清溪村" not in _names(page.model)


def test_a_stale_edit_is_refused_with_what_changed(qtbot, demo_ctx, monkeypatch):
    from jianfu.ui.widgets.conflict import ConflictDialog

    service = UnitsService(demo_ctx)
    unit = service.list_page().rows[0]
    theirs = service.update_unit(unit.id, _input(unit), unit.version)
    shown: list = []
    monkeypatch.setattr(
        ConflictDialog, "ask", classmethod(lambda _c, _p, text, rows: shown.append((text, rows)))
    )
    dialog = UnitDialog(service, unit, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("改个名字村")
    dialog.accept()
    assert dialog.isVisible()
    assert shown and "刚被其他人修改过" in shown[0][0]
    (row,) = shown[0][1]
    assert (row.label, row.mine, row.theirs) == ("名称", "改个名字村", theirs.name)


def _input(unit):
    from jianfu.domain.units import UnitInput

    return UnitInput(unit.name + "一", unit.type, unit.sort_order, unit.notes)


def test_departments_screen_and_dialog(window, qtbot, qtmodeltester, demo_ctx):
    page = window.show_screen("departments")
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 26
    dialog = DepartmentDialog(DepartmentsService(demo_ctx), None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.error_text("name") == "部门名称不能为空"
    dialog.name_edit.setText("南屏县林业局")
    dialog.short_edit.setText("林业局")
    dialog.accept()
    assert not dialog.isVisible()
    page.refresh()
    assert "南屏县林业局" in _names(page.model)
    qtmodeltester.check(page.model)


@pytest.mark.parametrize("key", ["units", "departments"])
def test_the_base_data_lists_have_no_row_numbers_and_the_name_beside_its_state(window, qtbot, key):
    """At 1366×768 部门's 状态 was stretched over 600 pixels for 在用, far from the name, and
    both lists numbered their rows beside 排序号 (row 11 of 排序号 110). Widths remembered
    for the old layout are not put back over the new one."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    from jianfu.ui.widgets.prefs import ui_settings

    old = QHeaderView(Qt.Orientation.Horizontal)  # the old layout as a window remembered it
    old.setStretchLastSection(True)
    settings = ui_settings()
    settings.setValue(f"columns/{key}/0", old.saveState())
    settings.sync()

    window.showNormal()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: window.width() == 1366)
    page = window.show_screen(key)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    view, model = page.view, page.model
    assert not view.verticalHeader().isVisible()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    state = heads.index("状态")
    assert view.columnWidth(state) <= 100
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() == view.viewport().width())  # fills, no scrolling
    if key == "departments":
        assert view.columnWidth(heads.index("部门名称")) > view.columnWidth(state) * 4


def test_a_community_left_as_a_village_is_pointed_out_once_under_its_type(qtbot, demo_ctx):
    # A new clerk typed 新街社区 and saved: the type stayed at its first choice, 村.
    service = UnitsService(demo_ctx)
    dialog = UnitDialog(service, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("新街社区")
    dialog.accept()
    assert dialog.isVisible()
    assert "请选城市社区或涉农社区" in dialog.error_text("type")
    assert service.list_page().total == 13
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(UnitType.RURAL_COMMUNITY))
    dialog.accept()
    assert dialog.result() == UnitDialog.DialogCode.Accepted
    assert dialog.result_value.type is UnitType.RURAL_COMMUNITY


def test_a_community_kept_as_a_village_saves_on_the_second_try(qtbot, demo_ctx):
    service = UnitsService(demo_ctx)
    dialog = UnitDialog(service, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("新街社区")
    dialog.accept()
    assert dialog.isVisible()
    dialog.accept()
    assert dialog.result() == UnitDialog.DialogCode.Accepted
    assert dialog.result_value.type is UnitType.VILLAGE


def test_an_empty_village_list_says_what_to_do_first(qtbot, ctx):
    # A new township: the 村(社区) screen was an empty white table, the button at its foot.
    from jianfu.ui.basedata.units import make_units_widget

    page = make_units_widget(UnitsService(ctx))
    qtbot.addWidget(page)
    page.resize(1200, 650)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.empty_hint.isVisible())
    assert "请点下方“新增村(社区)”" in page.empty_hint.text()
    hint = page.empty_hint.geometry()
    assert page.view.viewport().rect().contains(hint)
    page.search.setText("青石")  # a search that finds nothing is said by the search box
    page.refresh()
    assert not page.empty_hint.isVisible()


def test_an_empty_department_list_says_where_departments_come_from(qtbot, ctx):
    from jianfu.ui.basedata.departments import make_departments_widget

    page = make_departments_widget(DepartmentsService(ctx))
    qtbot.addWidget(page)
    page.resize(1200, 650)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.empty_hint.isVisible())
    assert "导入县里的清单时，可以一并新增其中的责任单位" in page.empty_hint.text()


def test_above_the_township_a_search_for_a_township_finds_its_villages(
    window_as, demo_ctx, qtbot, type_text
):
    """The county's reviewer typed 石门乡 in 村(社区) (the list's first column names each row's
    township) and got 共 0 个村(社区): only the village's name and notes were searched."""
    from tests.conftest import same_village_twice

    person, town, _village = same_village_twice(demo_ctx)
    window = window_as(person)
    page = window.show_screen("units")
    assert page.search.placeholderText() == "搜索村(社区)或乡镇(街道)名称…"
    qtbot.waitUntil(lambda: page.model.rowCount() == 14)
    page.search.setFocus()
    type_text(page.search, "石门乡")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.index(0, 0).data() == "石门乡" and page.model.index(0, 1).data() == "清溪村"
    page.search.clear()
    type_text(page.search, town)  # the demo township: its 13, not 石门乡's 清溪村
    qtbot.waitUntil(lambda: page.model.rowCount() == 13, timeout=3000)
    assert {page.model.index(r, 0).data() for r in range(13)} == {town}
    page.search.clear()
    type_text(page.search, "清溪村")  # a village's name is searched as before: both
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    assert page.count_label.text() == "共 2 个村(社区)"
