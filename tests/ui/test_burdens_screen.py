"""The 其他负担 screen: ledger, filters, entry form, bulk clean-up, counts, files."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from jianfu.domain.burdens import PENDING, BurdenFilter, CleanupAction
from jianfu.services.burdens import BurdensService
from jianfu.ui.burdens import BurdensWidget
from jianfu.ui.burdens.dialogs import BurdenDialog, BurdenImportDialog, CleanupDialog
from jianfu.ui.widgets.printing import FileDialogs, PdfPreviewDialog

TODAY = dt.date.today()


@pytest.fixture
def service(demo_ctx) -> BurdensService:
    return BurdensService(demo_ctx)


@pytest.fixture
def page(window) -> BurdensWidget:
    shown = window.show_screen("burdens")
    assert isinstance(shown, BurdensWidget)
    return shown


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: texts.append(text))
    )
    return texts


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_the_ledger_replaces_the_placeholder_and_shows_counts(page, service, qtmodeltester):
    qtmodeltester.check(page.model)
    assert page.model.total == service.count_entries()
    assert page.count_label.text() == f"共 {service.count_entries()} 项"
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(5)]
    assert headers == ["村(社区)", "类别", "名称", "清理方式", "清理日期"]
    rows = page.counts_rows()
    assert [r[0] for r in rows] == [
        "工作机制/专人专岗",
        "报表台账",
        "工作群/政务APP",
        "督查检查/考核评比/观摩",
        "合计",
    ]
    # the period the page counts, this year up to the day it was opened (not the day this
    # module was imported: a run crossing New Year's midnight saw last year's figures)
    start, end = page.start_edit.date().toPython(), page.end_edit.date().toPython()
    assert start == dt.date(end.year, 1, 1) and end <= dt.date.today()
    total = service.counts(start, end).total.overall
    assert rows[-1][1:] == [
        str(total.before),
        str(total.merged),
        str(total.cancelled),
        str(total.now),
    ]
    assert page.counts_scope.text().startswith("全乡镇合计")


def test_filters_by_village_type_and_action(page, service, qtbot, type_text, qtmodeltester):
    choose(page.village_combo, "上洋村")
    choose(page.type_combo, "报表台账")
    choose(page.action_combo, PENDING)
    qtmodeltester.check(page.model)
    expected = service.page(
        BurdenFilter(unit_id=page.village_combo.currentData(), type="form", action=PENDING)
    ).total
    assert page.model.total == expected
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert all(r.unit_name == "上洋村" and r.type == "form" and r.action is None for r in shown)
    assert page.count_label.text() == f"符合条件 {expected} 项"
    assert page.counts_scope.text().startswith("上洋村")

    page.clear_button.click()
    type_text(page.search, "水利")
    qtbot.waitUntil(lambda: page.count_label.text().startswith("符合条件"), timeout=3000)
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert shown and all("水利" in r.department for r in shown)


def test_add_shows_problems_under_fields_then_saves(page, service, qtbot, monkeypatch):
    choose(page.village_combo, "溪口村")
    seen: list[BurdenDialog] = []

    def ask(cls, parent, service_, villages, types, departments, record=None, **defaults):
        dialog = cls(service_, villages, types, departments, record, parent, **defaults)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        # first try: no type, no name, a date in the future
        dialog.action_combo.setCurrentIndex(dialog.action_combo.findText("撤并"))
        dialog.date_edit.setDate(QDate.currentDate().addDays(2))
        dialog.accept()
        assert dialog.error_text("type") == "请选择类别"
        assert dialog.error_text("name") == "名称不能为空"
        assert "晚于今天" in dialog.error_text("action_date")
        assert dialog.result_value is None
        # then fix it
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("工作群/政务APP"))
        dialog.name_edit.setText("秸秆禁烧工作群")
        dialog.department_combo.setEditText("南屏县生态环境局")
        dialog.date_edit.setDate(QDate.currentDate())
        dialog.accept()
        assert dialog.result_value is not None
        return dialog.result_value

    monkeypatch.setattr(BurdenDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(page.sig_changed, timeout=3000):
        page.add_button.click()
    assert seen[0].unit_combo.currentText() == "溪口村"  # the filtered village is the default
    (chosen,) = page.selected()
    assert (chosen.unit_name, chosen.name, chosen.action) == (
        "溪口村",
        "秸秆禁烧工作群",
        CleanupAction.MERGED,
    )
    assert page.last_message == "已新增“秸秆禁烧工作群”"


def test_bulk_clean_up_of_the_selected_rows(page, service, qtbot, monkeypatch):
    choose(page.village_combo, "清溪村")
    choose(page.action_combo, PENDING)
    pending = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert len(pending) >= 2
    assert page.select_ids({pending[0].id, pending[1].id}) == 2
    assert page.cleanup_button.text() == "批量清理(&C)（2）…"

    proposed: list[dt.date] = []  # the date the dialog offers (today, as the test runs)

    def ask(cls, parent, service_, entries):
        dialog = cls(service_, entries, parent)
        qtbot.addWidget(dialog)
        dialog.action_combo.setCurrentIndex(dialog.action_combo.findText("取消"))
        dialog.note_edit.setText("镇村两级统一清理")
        proposed.append(dialog.date_edit.date().toPython())
        dialog.accept()
        return dialog.result_value

    monkeypatch.setattr(CleanupDialog, "ask", classmethod(ask))
    began = dt.date.today()
    with qtbot.waitSignal(page.sig_changed, timeout=3000):
        page.cleanup_button.click()
    assert began <= proposed[0] <= dt.date.today()
    for entry in pending[:2]:
        saved = service.get(entry.id)
        assert (saved.action, saved.action_date) == (CleanupAction.CANCELLED, proposed[0])
        assert saved.notes.endswith("镇村两级统一清理")
    # the pending filter no longer shows them, and the counts moved
    assert page.model.total == len(pending) - 2
    assert page.last_message == "已将 2 项记为取消"


def test_bulk_clean_up_leaves_entries_cleaned_before_as_recorded(service, qtbot):
    """A selection holding entries 撤并 last quarter and entries still to clean: 确定清理
    put today's 取消 over the earlier 撤并 too, moving it out of the period it was counted in.
    They stay as recorded unless the clerk ticks the box that says they will change."""
    pending = service.page(BurdenFilter(action=PENDING), 0, 5).rows[:1]
    done = [
        e for e in service.page(BurdenFilter(), 0, 200).rows if e.action is CleanupAction.MERGED
    ][:1]
    assert pending and done
    dialog = CleanupDialog(service, pending + done, None)
    qtbot.addWidget(dialog)
    assert dialog.redo_check.isVisible() is False or not dialog.redo_check.isChecked()
    assert "1 项已记为清理" in dialog.redo_check.text()
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findText("取消"))
    dialog.accept()
    assert [e.id for e in dialog.result_value] == [pending[0].id]
    kept = service.get(done[0].id)
    assert (kept.action, kept.action_date) == (CleanupAction.MERGED, done[0].action_date)
    assert service.get(pending[0].id).action is CleanupAction.CANCELLED

    again = CleanupDialog(service, [service.get(done[0].id)], None)
    qtbot.addWidget(again)
    again.action_combo.setCurrentIndex(again.action_combo.findText("取消"))
    again.accept()  # only entries cleaned before, the box not ticked: nothing to do
    assert again.result_value is None and "已清理" in again.error_text("entries")
    again.redo_check.setChecked(True)
    again.accept()
    assert service.get(done[0].id).action is CleanupAction.CANCELLED


def test_import_with_problems_saves_nothing(page, service, qtbot, monkeypatch, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["村(社区)", "类别", "名称", "清理方式", "清理日期"])
    ws.append(["清溪村", "报表", "新报表甲", "", ""])
    ws.append(["无名村", "报表", "新报表乙", "", ""])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    before = service.count_entries()
    monkeypatch.setattr(
        FileDialogs, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    seen: list[BurdenImportDialog] = []

    def ask(cls, parent, preview, names):
        dialog = cls(preview, names, parent)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        return False

    monkeypatch.setattr(BurdenImportDialog, "ask", classmethod(ask))
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    dialog = seen[0]
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_model.rowCount() == 1
    model = dialog.problem_model
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "工作表",
        "行",
        "列",
        "问题",
    ]
    assert cells[:3] == ["Sheet", "3", "A 列（村(社区)）"]
    assert cells[3].startswith("本乡镇没有名为“无名村”")
    assert "请在 Excel 中改正后重新导入" in dialog.verdict_label.text()
    assert "读到 2 行，其中无误的 1 项涉及 1 个村(社区)" in dialog.summary_label.text()
    assert service.count_entries() == before


def test_good_import_in_the_background(page, service, qtbot, monkeypatch, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["村(社区)", "类别", "名称", "清理方式", "清理日期"])
    ws.append(["清溪村", "报表", "新报表甲", "撤并", TODAY])
    ws.append(["上洋村", "APP", "某某APP", "", ""])
    path = tmp_path / "good.xlsx"
    wb.save(path)
    before = service.count_entries()
    monkeypatch.setattr(
        FileDialogs, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(BurdenImportDialog, "ask", classmethod(lambda cls, p, pr, n: pr.ok))
    with qtbot.waitSignal(page.sig_changed, timeout=10000):
        page.import_button.click()
    assert service.count_entries() == before + 2
    assert page.model.total == before + 2
    assert page.last_message == "已导入 2 项"


def test_export_and_print_in_the_background(page, qtbot, monkeypatch, tmp_path, warnings):
    choose(page.village_combo, "清溪村")
    xlsx = tmp_path / "台账.xlsx"
    monkeypatch.setattr(
        FileDialogs, "getSaveFileName", staticmethod(lambda *a, **k: (str(xlsx), ""))
    )
    with qtbot.waitSignal(page.sig_file_saved, timeout=20000) as blocker:
        page.export_button.click()
    assert blocker.args == [str(xlsx)]
    ws = load_workbook(xlsx).active
    assert ws["A1"].value == "清溪村其他负担台账"
    assert {row[1] for row in ws.iter_rows(min_row=3, values_only=True)} == {"清溪村"}
    assert ws.max_row - 2 == page.model.total

    # the print opens the preview first, as the app's other prints (it went straight to a
    # file dialog); the clerk saves from there (另存为PDF)
    pdf = tmp_path / "台账.pdf"
    shown = []

    def preview(cls, parent, data, title, suggested):
        shown.append((title, suggested))
        pdf.write_bytes(data)
        return pdf

    def no_file_dialog(*_a, **_k):
        raise AssertionError("a file dialog before the preview")

    monkeypatch.setattr(FileDialogs, "getSaveFileName", staticmethod(no_file_dialog))
    monkeypatch.setattr(PdfPreviewDialog, "ask", classmethod(preview))
    with qtbot.waitSignal(page.sig_file_saved, timeout=30000) as blocker:
        page.print_button.click()
    assert shown == [("打印台账", "其他负担台账-清溪村.pdf")]
    assert blocker.args == [str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.last_message == f"已保存到 {pdf}"
    assert warnings == []


def test_period_before_the_start_is_explained(page):
    page.end_edit.setDate(page.start_edit.date().addDays(-1))
    assert page.counts_scope.text() == "结束日期早于开始日期，请改正统计期间。"
    assert page.counts_rows() == []


def test_a_new_entry_is_selected_and_scrolled_into_view(page, qtbot, monkeypatch):
    page.view.resize(page.view.width(), 160)  # a short table: most rows are below the fold

    def ask(cls, parent, service_, villages, types, departments, record=None, **defaults):
        dialog = cls(service_, villages, types, departments, record, parent, **defaults)
        qtbot.addWidget(dialog)
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.count() - 1)
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("工作群/政务APP"))
        dialog.name_edit.setText("滚动测试工作群")
        dialog.accept()
        assert dialog.result_value is not None
        return dialog.result_value

    monkeypatch.setattr(BurdenDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(page.sig_changed, timeout=3000):
        page.add_button.click()
    (chosen,) = page.selected()
    assert chosen.name == "滚动测试工作群"
    current = page.view.currentIndex()
    assert page.model.row_at(current.row()).id == chosen.id
    assert page.view.viewport().rect().intersects(page.view.visualRect(current))


def test_the_counts_fit_whole_in_a_1366_window(page, window, qtbot):
    """清理情况统计 beside the ledger at 1366×768: every heading and figure whole (the splitter
    squeezed 清理前 to 理前 and the totals to …)."""
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: page.counts_table.rowCount() == 5)
    table = page.counts_table
    qtbot.wait(300)  # the splitter lays the panel out
    metrics = table.fontMetrics()
    for col in range(table.columnCount()):
        texts = [table.horizontalHeaderItem(col).text()]
        texts += [table.item(r, col).text() for r in range(table.rowCount())]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        assert table.columnWidth(col) >= widest + 8, (col, texts, table.columnWidth(col))
    names = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert table.verticalHeader().width() >= max(metrics.horizontalAdvance(n) for n in names)
    assert page.view.width() > 2 * table.width()  # the ledger keeps most of the room


def test_a_department_typed_short_is_written_in_full_before_it_is_saved(service, qtbot):
    """要求部门 offered both 南屏县民政局 and 县民政局; a burden's 县林业局 is in no list. Typed
    as another way of writing a department of 部门, it is written in full and said under the
    field, saved at the next 保存; typed back, it is kept as typed; an unknown one is saved
    as typed at once."""
    villages, types = service.villages(), service.types()
    offered = service.department_names()
    assert "南屏县民政局" in offered and "县民政局" not in offered

    def dialog(department: str, name: str) -> BurdenDialog:
        d = BurdenDialog(
            service, villages, types, offered, department_forms=service.department_forms()
        )
        qtbot.addWidget(d)
        d.unit_combo.setCurrentIndex(0)
        d.type_combo.setCurrentIndex(0)
        d.name_edit.setText(name)
        d.department_combo.setEditText(department)
        return d

    short = dialog("县民政局", "低保对象月报表")
    short.accept()
    assert short.result_value is None
    assert short.department_combo.currentText() == "南屏县民政局"
    assert "即部门名单中的“南屏县民政局”" in short.error_text("department")
    short.accept()  # the clerk has read it: saved in full
    assert short.result_value.department == "南屏县民政局"

    kept = dialog("民政局", "低保对象季报表")
    kept.accept()
    assert kept.department_combo.currentText() == "南屏县民政局"
    kept.department_combo.setEditText("民政局")  # typed back: kept as typed
    kept.accept()
    assert kept.result_value.department == "民政局"

    new = dialog("县林业局", "森林防火巡查台账")
    new.accept()
    assert new.result_value.department == "县林业局"
    assert "县林业局" in service.department_names()
