"""The 清单 screen: browsing, search, filters, sorting, drafts, withdrawal, comparison, import."""

from __future__ import annotations

import csv
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from jianfu.domain.imports import ImportProblem, file_problem
from jianfu.domain.lists import EditionStatus, ItemStatus, ListEdition, ListItem
from jianfu.domain.progress import Progress
from jianfu.services.lists import ItemFilter, ListsService
from jianfu.ui.lists import ListsWidget
from jianfu.ui.lists.compare import CompareDialog
from jianfu.ui.lists.dialogs import (
    ChooseEditionsDialog,
    EditionDialog,
    ItemDialog,
    WithdrawDialog,
)
from jianfu.ui.lists.import_preview import ImportPreviewDialog, ImportRequest
from jianfu.ui.widgets.printing import FileDialogs
from jianfu.ui.widgets.tables import ImportProblemTableModel
from tests.ui.previews import previewed, shown_text
from tests.ui.unprintable import answering, refused_until_allowed

DEMO_EDITION = "南屏县村(社区)工作事项准入清单(2025年版)"
DEMO_CERT_EDITION = "南屏县村(社区)出具证明事项清单(2025年版)"
HEADER = ["序号", "类别", "事项名称", "具体工作", "责任部门"]


def _names(page: ListsWidget) -> list[str]:
    return [page.model.index(r, 2).data() for r in range(page.model.rowCount())]


def _column(page: ListsWidget, column: int) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _xlsx(path: Path, rows: list[list[object]], sheet: str = "清单") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def page(window) -> ListsWidget:
    shown = window.show_screen("lists")
    assert isinstance(shown, ListsWidget)
    return shown


@pytest.fixture
def service(demo_ctx) -> ListsService:
    return ListsService(demo_ctx)


@pytest.fixture
def told(monkeypatch) -> list[str]:
    """Texts of the information boxes the screen showed (instead of showing them)."""
    texts: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: texts.append(text))
    )
    return texts


@pytest.fixture
def no_warnings(monkeypatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: texts.append(text))
    )
    return texts


def _new_draft(service: ListsService, name: str = "2026年版(草稿)") -> ListEdition:
    return service.create_edition(ListEdition(name=name))


# ---------------------------------------------------------------- browsing


def test_browser_shows_the_edition_in_force_with_counts_per_kind(page, qtmodeltester):
    edition = page.current_edition()
    assert edition is not None and edition.name == DEMO_EDITION
    assert edition.status is EditionStatus.IN_FORCE
    assert "施行中" in page.edition_combo.currentText()
    assert page.model.rowCount() == 60
    assert page.count_label.text() == "共 60 项"
    assert page.kind_tab_texts() == [
        "全部 (60)",
        "依法履职事项 (21)",
        "协助办理事项 (29)",
        "负面事项 (10)",
    ]
    qtmodeltester.check(page.model)
    page.kind_tabs.setCurrentIndex(3)
    assert page.model.rowCount() == 10
    assert set(_column(page, 1)) == {"负面事项"}
    qtmodeltester.check(page.model)


def test_selected_item_shows_its_full_content_and_basis(page):
    page.view.selectRow(2)
    item = page.selected()
    text = page.detail.toPlainText()
    assert item.name in text and item.content in text and item.basis in text
    assert "设定依据" in page.model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(("query", "count"), [("民间纠纷", 1), ("纠纷", 2), ("党", 6)])
def test_search_as_you_type_narrows_the_rows(page, qtbot, qtmodeltester, type_text, query, count):
    page.search.setFocus()
    type_text(page.search, query)
    qtbot.waitUntil(lambda: page.model.rowCount() == count, timeout=3000)
    assert all(
        query in " ".join((i.name, i.content, i.basis, i.department))
        for i in (page.model.row_at(r) for r in range(count))
    )
    assert page.count_label.text() == f"符合条件 {count} 项"
    assert page.kind_tab_texts()[0] == f"全部 ({count})"
    qtmodeltester.check(page.model)


def test_department_filter_and_clear(page, qtmodeltester):
    page.department_combo.setCurrentIndex(page.department_combo.findData("南屏县民政局"))
    departments = set(_column(page, 3))
    assert departments == {"南屏县民政局"}
    assert 0 < page.model.rowCount() < 60
    qtmodeltester.check(page.model)
    page.nature_combo.setCurrentIndex(page.nature_combo.findData("阶段"))
    assert set(_column(page, 4)) <= {"阶段"}
    page.clear_filters_button.click()
    assert page.model.rowCount() == 60


def test_clicking_a_header_sorts_in_the_database(page, qtbot, service, qtmodeltester):
    before = _names(page)
    edition_id = page.current_edition().id

    def expected(descending: bool) -> list[str]:
        f = ItemFilter(edition_id, sort="name", descending=descending)
        return [i.name for i in service.items_page(f, 0, 200).rows]

    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(2) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.item_filter.sort == "name"
    first = page.model.item_filter.descending
    assert _names(page) == expected(first) != before
    qtmodeltester.check(page.model)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.item_filter.descending is not first
    assert _names(page) == expected(not first)
    page.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert page.model.item_filter.sort == "department"
    assert page.model.row_at(0).department <= page.model.row_at(59).department
    qtmodeltester.check(page.model)


# ---------------------------------------------------------------- items and drafts


def test_editing_an_item_in_force_is_refused_with_a_message(page, told, monkeypatch):
    monkeypatch.setattr(ItemDialog, "ask", classmethod(lambda *a, **k: pytest.fail("opened")))
    page.view.selectRow(0)
    page.edit_button.click()
    assert len(told) == 1
    assert "施行中" in told[0] and "新建草稿版本" in told[0]
    page.add_button.click()
    assert "新建草稿版本" in told[1]


def test_choosing_the_list_keeps_the_name_the_clerk_typed(page, qtbot, service):
    """新建草稿版本: choosing the 清单 put that list's default name and 印发机关 over what
    the clerk had typed; they follow the list only while they are the defaults."""
    dialog = EditionDialog(service, page.current_edition(), page)
    qtbot.addWidget(dialog)
    combo = dialog.document_combo
    other = next(i for i in range(combo.count()) if i != combo.currentIndex())
    combo.setCurrentIndex(other)  # untouched: the defaults follow the list
    assert dialog.name_edit.text() == f"{DEMO_CERT_EDITION}(修订草稿)"
    dialog.name_edit.setText("清溪镇证明事项清单(2026年修订)")
    dialog.body_edit.setText("中共清溪镇委员会")
    combo.setCurrentIndex(1 - other)
    assert dialog.name_edit.text() == "清溪镇证明事项清单(2026年修订)"
    assert dialog.body_edit.text() == "中共清溪镇委员会"
    assert DEMO_EDITION in dialog.copy_check.text()


def test_new_draft_then_add_an_item_with_the_name_checked(page, qtbot, service, monkeypatch):
    dialog = EditionDialog(service, page.current_edition(), page)
    qtbot.addWidget(dialog)
    assert dialog.copy_check.isChecked()
    dialog.name_edit.setText("南屏县准入清单(2026年版草稿)")
    dialog.accept()
    monkeypatch.setattr(EditionDialog, "ask", classmethod(lambda *a, **k: dialog.result_value))
    with qtbot.waitSignal(page.sig_editions_changed, timeout=2000):
        page.new_draft_button.click()
    draft = page.current_edition()
    assert draft.name == "南屏县准入清单(2026年版草稿)" and draft.status is EditionStatus.DRAFT
    assert page.model.total == 60  # the valid items of the work list in force were copied
    assert page.activate_button.isEnabled()

    editor = ItemDialog(service, draft, page._kinds, ["南屏县民政局"], None, page, kind="assist")
    qtbot.addWidget(editor)
    editor.show()
    editor.accept()
    assert editor.isVisible()
    assert editor.error_text("name") == "事项名称不能为空"
    editor.name_edit.setText("协助开展老年人能力评估")
    editor.department_combo.setEditText("南屏县民政局")
    editor.accept()
    assert editor.result() == ItemDialog.DialogCode.Accepted
    monkeypatch.setattr(ItemDialog, "ask", classmethod(lambda *a, **k: editor.result_value))
    with qtbot.waitSignal(page.sig_items_changed, timeout=2000):
        page.add_button.click()
    assert page.selected().name == "协助开展老年人能力评估"
    assert page.selected().kind == "assist"
    assert page.kind_tab_texts()[0] == "全部 (61)"
    assert page.kind_tab_texts()[2] == "协助办理事项 (30)"


def test_item_dialog_hides_certificate_fields_for_work_items(page, qtbot, service):
    draft = _new_draft(service)
    dialog = ItemDialog(service, draft, page._kinds, [], None, page, kind="duty")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.purpose_edit.isVisibleTo(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("cert_forbidden"))
    assert dialog.route_combo.isVisibleTo(dialog)


def test_withdraw_an_item_with_date_and_reason(page, qtbot, service, monkeypatch):
    page.view.selectRow(0)
    item = page.selected()
    dialog = WithdrawDialog(service, item, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert "退出原因不能为空" in dialog.error_text("withdrawn_reason")
    dialog.reason_edit.setPlainText("依据县减负办通知取消")
    dialog.accept()
    assert dialog.result() == WithdrawDialog.DialogCode.Accepted
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda *a, **k: dialog.result_value))
    with qtbot.waitSignal(page.sig_items_changed, timeout=2000):
        page.withdraw_button.click()
    assert page.selected().id == item.id
    assert page.selected().status is ItemStatus.WITHDRAWN
    assert page.model.index(0, 5).data() == "已退出"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "依据县减负办通知取消" in page.detail.toPlainText()
    assert not page.withdraw_button.isEnabled()


def test_put_a_draft_in_force_names_what_is_repealed(page, qtbot, service, monkeypatch):
    draft = _new_draft(service)
    page.refresh(select_edition=draft.id)
    asked: list[str] = []

    def question(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    with qtbot.waitSignal(page.sig_editions_changed, timeout=2000):
        page.activate_button.click()
    assert DEMO_EDITION in asked[0] and "废止" in asked[0]
    assert service.edition_in_force().id == draft.id
    statuses = {e.name: e.status for e in service.editions()}
    assert statuses[DEMO_EDITION] is EditionStatus.REPEALED
    assert page.current_edition().status is EditionStatus.IN_FORCE
    assert not page.activate_button.isEnabled()


def test_comparison_lists_an_added_item_and_prints(
    page, qtbot, service, monkeypatch, tmp_path, qtmodeltester
):
    draft = _new_draft(service)
    service.save_item(ListItem(kind="duty", name="组织开展移风易俗活动", edition_id=draft.id))
    page.refresh(select_edition=draft.id)
    assert page.compare_button.isEnabled()
    in_force = service.edition_in_force()
    chosen: list[tuple] = []

    def choose(_cls, _parent, editions, old_id, new_id):
        chosen.append((old_id, new_id))
        return old_id, new_id

    shown: list[CompareDialog] = []

    def show(cls, parent, diff, print_pdf, tasks):
        dialog = cls(diff, print_pdf, tasks, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(ChooseEditionsDialog, "ask", classmethod(choose))
    monkeypatch.setattr(CompareDialog, "ask", classmethod(show))
    page.compare_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert chosen == [(in_force.id, draft.id)]
    dialog = shown[0]
    assert dialog.summary_label.text() == "新增 1 项，退出 0 项，变更 0 项。"
    assert dialog.added_model.column_texts(2) == ["组织开展移风易俗活动"]
    assert dialog.tabs.tabText(0) == "新增事项 (1)"
    for model in (dialog.added_model, dialog.removed_model, dialog.changed_model):
        qtmodeltester.check(model)

    # 打印… opens the print preview first, as the app's other prints (it went straight to a
    # file dialog); the clerk saves from there (另存为PDF)
    assert shown_text(dialog.print_button.text()) == "打印…"
    target = tmp_path / "比较.pdf"
    shown = previewed(monkeypatch, target)
    with qtbot.waitSignal(dialog.sig_printed, timeout=20000) as blocker:
        dialog.print_button.click()
    assert shown == [("打印比较结果", f"清单版本比较-{draft.name}.pdf".replace("/", "-"))]
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert dialog.status_label.text() == f"已保存到 {target}"


def test_comparison_shows_changed_fields_old_and_new(qtbot, service, window, qtmodeltester):
    draft = _new_draft(service)
    item = next(i for i in service.all_items(draft.id) if i.number == "LZ08")
    service.save_item(replace(item, department="清溪镇司法所"))
    diff = service.compare(service.edition_in_force().id, draft.id)
    dialog = CompareDialog(diff, lambda _allow: b"", window.tasks)
    qtbot.addWidget(dialog)
    assert dialog.changed_model.rowCount() == 1
    row = [dialog.changed_model.index(0, c).data() for c in range(5)]
    assert row[1:] == [item.name, "责任单位", "南屏县司法局", "清溪镇司法所"]
    qtmodeltester.check(dialog.changed_model)


# ---------------------------------------------------------------- import and export


def test_problems_reach_the_table_as_data_not_as_text_to_parse(qtmodeltester):
    """The table shows each problem's own sheet, row, column and message: a message that
    itself reads like a place (a cell's text quoted) stays whole."""
    problems = [
        ImportProblem("清单", 4, "C（事项名称）", "事项名称为空", field="name", file="甲.xlsx"),
        ImportProblem("说明", None, None, "没有找到表头"),
        ImportProblem("清单", 7, None, "事项“工作表“乙”第 2 行：某事”中有不可见的控制字符"),
        file_problem("甲.xlsx", "没有读到任何事项"),
    ]
    model = ImportProblemTableModel(problems)
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["清单", "4", "C 列（事项名称）", "事项名称为空"],
        ["说明", "", "", "没有找到表头"],
        ["清单", "7", "", "事项“工作表“乙”第 2 行：某事”中有不可见的控制字符"],
        ["", "", "", "没有读到任何事项"],
    ]
    # the command line and error messages read the same text as before
    assert str(problems[0]) == "工作表“清单”第 4 行 C 列（事项名称）：事项名称为空"
    assert str(problems[1]) == "工作表“说明”：没有找到表头"
    assert str(problems[3]) == "甲.xlsx：没有读到任何事项"


def _run_import(page, qtbot, monkeypatch, path: Path, decide) -> list[ImportPreviewDialog]:
    """Click 导入 Excel with ``path``; ``decide(dialog)`` returns what the dialog returns."""
    monkeypatch.setattr(
        FileDialogs, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    seen: list[ImportPreviewDialog] = []

    def ask(cls, parent, preview, editions, kind_names, department_names=None):
        dialog = cls(preview, editions, kind_names, parent, department_names)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        return decide(dialog)

    monkeypatch.setattr(ImportPreviewDialog, "ask", classmethod(ask))
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    return seen


def test_import_with_problems_keeps_ok_disabled_and_saves_nothing(
    page, qtbot, service, demo_ctx, monkeypatch, tmp_path, qtmodeltester
):
    from jianfu.services.departments import DepartmentsService

    departments_before = DepartmentsService(demo_ctx).list_page().total
    path = _xlsx(
        tmp_path / "有问题.xlsx",
        [
            HEADER,
            [1, "依法履职事项", "调解邻里纠纷", "调解", "南屏县司法局"],
            [2, "依法履职事项", "", "没有名称", "南屏县民政局"],
            [3, "依法履职事项", "调解邻里纠纷", "重复", "南屏县司法局"],
            [4, "小微权力", "村务监督", "类别不对", "南屏县民政局"],
            [5, "协助办理事项", "垃圾分类宣传", "新部门", "清溪镇环卫所"],
        ],
    )
    states: list[bool] = []

    def decide(dialog: ImportPreviewDialog) -> None:
        states.append(dialog.ok_button.isEnabled())
        dialog.create_departments_check.setChecked(True)
        dialog.name_edit.setText("另一个名称")
        states.append(dialog.ok_button.isEnabled())

    (dialog,) = _run_import(page, qtbot, monkeypatch, path, decide)
    assert states == [False, False]
    model = dialog.problem_model
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.item_model)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert [r[:3] for r in rows] == [
        ["清单", "3", "C 列（事项名称）"],
        ["清单", "4", "C 列（事项名称）"],
        ["清单", "5", "B 列（类别）"],
    ]
    assert "为空" in rows[0][3] and "重复" in rows[1][3] and "小微权力" in rows[2][3]
    assert dialog.tabs.tabText(0) == "问题 (3)"
    assert "清溪镇环卫所" in dialog.departments_label.text()
    assert "3 个问题" in dialog.verdict_label.text()
    qtbot.waitUntil(lambda: page.last_message.startswith("已取消导入"), timeout=2000)
    assert [e.name for e in service.editions()] == [DEMO_EDITION, DEMO_CERT_EDITION]
    assert DepartmentsService(demo_ctx).list_page().total == departments_before


def test_the_clerk_changes_a_proposed_department_and_creates_another(
    page, qtbot, service, demo_ctx, monkeypatch, tmp_path
):
    from jianfu.services.departments import DepartmentsService

    before = DepartmentsService(demo_ctx).list_page().total
    path = _xlsx(
        tmp_path / "部门.xlsx",
        [
            HEADER,
            [1, "协助办理事项", "协助开展普法宣传", "", "民政局"],
            [2, "协助办理事项", "协助开展数据采集", "", "县数据局"],
        ],
    )
    states: list[bool] = []

    def decide(dialog: ImportPreviewDialog):
        combos = dialog.department_combos()
        assert list(combos) == ["民政局", "县数据局"]
        assert combos["民政局"].currentText() == "南屏县民政局（建议）"
        assert dialog.tabs.tabText(2) == "责任单位对应 (2)"
        states.append(dialog.ok_button.isEnabled())  # 县数据局 not decided yet
        combos["民政局"].setCurrentIndex(combos["民政局"].findData("南屏县司法局"))
        combos["县数据局"].setCurrentIndex(combos["县数据局"].findData(""))
        states.append(dialog.ok_button.isEnabled())
        dialog.name_edit.setText("部门对应测试")
        return dialog.request()

    (dialog,) = _run_import(page, qtbot, monkeypatch, path, decide)
    assert states == [False, True]
    assert dialog.request().preview.department_choices == {
        "民政局": "南屏县司法局",
        "县数据局": "",
    }
    qtbot.waitUntil(lambda: page.current_edition().name == "部门对应测试", timeout=5000)
    assert DepartmentsService(demo_ctx).list_page().total == before + 1
    again = service.preview_import(path, edition_name="再次导入")
    assert again.department_matches == {"民政局": "南屏县司法局"}
    assert again.unknown_departments == []


def test_good_import_creates_a_draft_and_new_departments(
    page, qtbot, service, monkeypatch, tmp_path
):
    path = _xlsx(
        tmp_path / "县清单2026.xlsx",
        [
            HEADER,
            [1, "依法履职事项", "调解邻里纠纷", "调解", "南屏县司法局"],
            [2, "协助办理事项", "垃圾分类宣传", "宣传", "清溪镇环卫所"],
            [3, "负面事项", "要求村(社区)出具无犯罪记录证明", "", "南屏县公安局"],
        ],
    )
    states: list[bool] = []

    def decide(dialog: ImportPreviewDialog):
        states.append(dialog.ok_button.isEnabled())  # unknown department not yet accepted
        dialog.create_departments_check.setChecked(True)
        states.append(dialog.ok_button.isEnabled())
        dialog.name_edit.setText(DEMO_EDITION)  # taken by the edition in force
        states.append(dialog.ok_button.isEnabled())
        dialog.name_edit.setText("南屏县准入清单(2026年版)")
        states.append(dialog.ok_button.isEnabled())
        return dialog.request()

    with qtbot.waitSignal(page.sig_editions_changed, timeout=10000):
        (dialog,) = _run_import(page, qtbot, monkeypatch, path, decide)
    assert states == [False, True, False, True]
    assert dialog.tabs.tabText(1) == "将导入的事项 (3)"
    edition = page.current_edition()
    assert edition.name == "南屏县准入清单(2026年版)"
    assert edition.status is EditionStatus.DRAFT
    assert page.model.rowCount() == 3
    assert page.kind_tab_texts()[:4] == [
        "全部 (3)",
        "依法履职事项 (1)",
        "协助办理事项 (1)",
        "负面事项 (1)",
    ]
    assert "已导入 3 个事项" in page.last_message
    assert service.edition_in_force().name == DEMO_EDITION


def test_export_and_print_the_edition(page, qtbot, monkeypatch, tmp_path, no_warnings):
    xlsx = tmp_path / "清单.xlsx"
    monkeypatch.setattr(
        FileDialogs, "getSaveFileName", staticmethod(lambda *a, **k: (str(xlsx), ""))
    )
    with qtbot.waitSignal(page.sig_file_saved, timeout=20000) as blocker:
        page.export_button.click()
    assert blocker.args == [str(xlsx)]
    texts = [c for row in load_workbook(xlsx).worksheets[0].values for c in row if c]
    assert "调解民间纠纷" in texts

    # 打印公示… opens the print preview first, as the app's other prints (it went straight
    # to a file dialog); the clerk saves from there (另存为PDF)
    assert shown_text(page.print_button.text()) == "打印公示…"
    pdf = tmp_path / "公示.pdf"
    shown = previewed(monkeypatch, pdf)
    with qtbot.waitSignal(page.sig_file_saved, timeout=30000) as blocker:
        page.print_button.click()
    edition = page.current_edition()
    assert shown == [("打印公示", f"{edition.name}.pdf")]
    assert blocker.args == [str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.last_message == f"已保存到 {pdf}"
    assert no_warnings == []


def test_the_edition_print_with_a_missing_character_asks_first(
    page, qtbot, monkeypatch, tmp_path, no_warnings
):
    """打印公示 wrote □ unasked: it asks as the other prints do, shows nothing on 否 and
    previews the □ version on 是."""
    made: list[bool] = []
    monkeypatch.setattr(ListsService, "print_edition", refused_until_allowed(made))
    asked = answering(monkeypatch, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    pdf = tmp_path / "公示.pdf"
    shown = previewed(monkeypatch, pdf)
    page.print_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    assert "“𠮷”（U+20BB7）" in asked[0] and "仍要打印吗" in asked[0]
    page._tasks.wait_all()
    assert made == [False] and shown == [] and not pdf.exists()  # 否: nothing shown
    with qtbot.waitSignal(page.sig_file_saved, timeout=10000):
        page.print_button.click()
    assert made == [False, False, True] and len(asked) == 2 and len(shown) == 1
    assert pdf.read_bytes() == b"%PDF-1.4" and no_warnings == []


def test_the_comparison_print_with_a_missing_character_asks_first(
    qtbot, service, window, monkeypatch, tmp_path, no_warnings
):
    draft = _new_draft(service)
    diff = service.compare(service.edition_in_force().id, draft.id)
    made: list[bool] = []
    make = refused_until_allowed(made)
    dialog = CompareDialog(diff, lambda allow: make(allow_missing=allow), window.tasks)
    qtbot.addWidget(dialog)
    asked = answering(monkeypatch, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    pdf = tmp_path / "比较.pdf"
    shown = previewed(monkeypatch, pdf)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    assert "“𠮷”（U+20BB7）" in asked[0] and "仍要打印吗" in asked[0]
    window.tasks.wait_all()
    assert made == [False] and shown == [] and not pdf.exists()  # 否: nothing shown
    with qtbot.waitSignal(dialog.sig_printed, timeout=10000):
        dialog.print_button.click()
    assert made == [False, False, True] and len(asked) == 2 and len(shown) == 1
    assert pdf.read_bytes() == b"%PDF-1.4" and no_warnings == []


class _HeldProgress:
    """Passes progress on, then holds the work at its first measured step until it is
    cancelled, so the test cancels mid-way however fast the machine is."""

    def __init__(self, inner: Progress) -> None:
        self._inner, self._held = inner, False

    def __getattr__(self, name: str):
        return getattr(self._inner, name)

    def step(self, done: int, total: int = 0, message: str = "") -> None:
        self._inner.step(done, total, message)
        if total and not self._held:
            self._held = True
            pause = threading.Event()
            for _ in range(2000):  # at most 20 s, on the worker thread
                if self._inner.cancelled:
                    break
                pause.wait(0.01)


def _hold_work(monkeypatch, name: str) -> None:
    real = getattr(ListsService, name)

    def held(self, *args, progress=None, **kwargs):
        return real(self, *args, progress=_HeldProgress(progress), **kwargs)

    monkeypatch.setattr(ListsService, name, held)


def _cancel_when_progressing(page: ListsWidget, qtbot, start) -> None:
    """Call ``start()``; once its progress dialog shows progress, press 取消."""
    before = set(page.findChildren(QProgressDialog))
    start()
    found: list[QProgressDialog] = []

    def progressing() -> bool:
        found[:] = [d for d in page.findChildren(QProgressDialog) if d not in before]
        return bool(found) and found[0].maximum() > 0 and found[0].value() >= 0

    try:
        qtbot.waitUntil(progressing, timeout=20000)
        dialog = found[0]
        assert dialog.value() <= dialog.maximum()
        dialog.findChild(QPushButton).click()  # 取消
        qtbot.waitUntil(lambda: page.current_task.done, timeout=20000)
    finally:
        page.current_task.cancel()  # never leave work running past the test
    assert not dialog.isVisible()


def test_a_50000_row_file_shows_progress_and_cancelling_saves_nothing(
    page, qtbot, service, monkeypatch, tmp_path
):
    path = tmp_path / "大清单.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows([i, "依法履职事项", f"事项{i}", "内容", "南屏县民政局"] for i in range(50000))
    monkeypatch.setattr(
        FileDialogs, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    previews = []
    monkeypatch.setattr(
        ImportPreviewDialog, "ask", classmethod(lambda cls, *a: previews.append(a) or None)
    )
    preview = service.preview_import(path)
    assert preview.ok and len(preview.items) == 50000
    _hold_work(monkeypatch, "preview_import")
    _hold_work(monkeypatch, "commit_import")

    # Reading: progress is shown, and 取消 stops the reading: no preview.
    _cancel_when_progressing(page, qtbot, page.import_button.click)
    assert previews == []

    # Saving: cancelled half-way, the transaction rolls back.
    request = ImportRequest(preview, create_departments=False, activate=False)
    _cancel_when_progressing(page, qtbot, lambda: page._commit_import(request))
    assert [e.name for e in service.editions()] == [DEMO_EDITION, DEMO_CERT_EDITION]


def test_compare_offers_two_editions_of_the_same_list(page, qtbot):
    """比较版本 with one edition of each list (the demo): the work list's only edition is not
    set against the certificate list's; the dialog says why there is nothing to compare."""
    from jianfu.ui.lists.dialogs import default_comparison

    editions = page._editions
    current = page.current_edition()
    assert current is not None and current.document == "work"
    assert {e.document for e in editions} >= {"work", "certificate"}
    old_id, new_id = default_comparison(editions, current)
    assert old_id == new_id == current.id
    dialog = ChooseEditionsDialog(editions, old_id, new_id, page)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "只有这一个版本" in dialog.error_label.text()
    other = next(e for e in editions if e.document != current.document)
    dialog.new_combo.setCurrentIndex(dialog.new_combo.findData(other.id))
    assert not dialog.ok_button.isEnabled()
    assert "同一清单" in dialog.error_label.text()


def test_enter_on_the_question_does_not_put_a_draft_in_force(page, qtbot, service):
    """施行此版本 repeals the edition in force and cannot be taken back: 是 was the default,
    so an Enter pressed in haste put the draft in force."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    draft = _new_draft(service)
    page.refresh(select_edition=draft.id)
    seen: list[QMessageBox.StandardButton] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append(box.standardButton(box.defaultButton()))
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    page.activate_button.click()
    assert seen == [QMessageBox.StandardButton.No]
    assert service.edition_in_force().name == DEMO_EDITION  # still in force
    assert page.activate_button.isEnabled()


def test_without_any_list_the_pane_under_the_list_says_how_to_start(qtbot, ctx):
    """The pane under the list takes no room until an item is selected; on a database without
    a list it is open and says how to bring one in."""
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    window = MainWindow(Services.create(ctx))
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen("lists")
    assert page.detail.isVisible()
    assert "还没有任何清单版本" in page.detail.toPlainText()
    assert "导入 Excel" in page.detail.toPlainText()
    window.tasks.wait_all()


def _top_row(view) -> int:
    return view.indexAt(view.viewport().rect().topLeft()).row()


def test_another_list_or_kind_starts_at_its_first_item(window, qtbot):
    """The place in the list was kept across every reload: switching from a scrolled list to
    the certificate list showed ZK02 first, ZK01 hidden above (seen under X at 1366×768); a
    reload of the same rows (after a save) still keeps the clerk's place."""
    window.showNormal()
    window.resize(1366, 728)
    page = window.show_screen("lists")
    view = page.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 60 and bar.maximum() > 20)
    view.scrollTo(page.model.index(20, 0), view.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: _top_row(view) == 20)
    page.model.reload()  # the same rows again
    qtbot.waitUntil(lambda: _top_row(view) == 20)
    page.kind_tabs.setCurrentIndex(3)  # 负面事项: the rows scrolled to are not among them
    qtbot.waitUntil(lambda: page.model.rowCount() == 10)
    qtbot.wait(50)
    assert _top_row(view) == 0
    page.kind_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 60 and bar.maximum() > 5)
    view.scrollTo(page.model.index(5, 0), view.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: _top_row(view) == 5)
    other = page.edition_combo.findText("出具证明事项清单", Qt.MatchFlag.MatchContains)
    page.edition_combo.setCurrentIndex(other)
    qtbot.waitUntil(lambda: page.model.rowCount() == 24)
    qtbot.wait(50)
    assert _top_row(view) == 0
    assert page.model.index(0, 0).data() == "ZK01"


def test_the_list_opens_with_one_read_of_its_items(window, monkeypatch):
    """Turning the header's sorting on read the items a second time in the order they had
    just been read in. Each tab's count is a count of one row; a header's click still reads."""
    service = window.services.lists
    reads: list[tuple[str, bool, int]] = []
    items_page = service.items_page

    def counted(f, offset=0, limit=200):
        if limit > 1:  # not a tab's count
            reads.append((f.sort, f.descending, offset))
        return items_page(f, offset, limit)

    monkeypatch.setattr(service, "items_page", counted)
    shown = window.show_screen("lists")
    assert reads == [("number", False, 0)]
    assert shown.model.rowCount() > 0
    shown.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert reads[-1] == ("number", True, 0) and len(reads) == 2


def test_a_workbook_of_both_lists_says_it_makes_a_draft_of_each(
    page, qtbot, service, monkeypatch, tmp_path
):
    """A county workbook holding the work items and the certificates: the preview said
    将新建草稿版本“…工作事项准入清单…”，共 29 个事项 while the import made two drafts, 23 items
    and 6 (walked 2026-12 with a county's workbook). It names both, each with its count."""
    path = _xlsx(
        tmp_path / "两张清单.xlsx",
        [
            HEADER,
            [1, "依法履职事项", "调解邻里纠纷", "调解", "南屏县司法局"],
            [2, "协助办理事项", "协助开展普法宣传", "宣传", "南屏县司法局"],
            [3, "可出具证明事项", "亲属关系证明", "", "南屏县民政局"],
        ],
    )
    name = "苇岸县村(社区)工作事项准入清单（2027年版）"
    texts: list[str] = []

    def decide(dialog: ImportPreviewDialog):
        dialog.name_edit.setText(name)
        texts.append(dialog.verdict_label.text())
        return dialog.request()

    _run_import(page, qtbot, monkeypatch, path, decide)
    cert_name = "苇岸县村(社区)出具证明事项清单（2027年版）"
    assert texts == [
        f"将新建草稿版本“{name}”（工作事项 2 个）；新建草稿版本“{cert_name}”（证明事项 1 个）。"
    ]
    qtbot.waitUntil(lambda: name in {e.name for e in service.editions()}, timeout=5000)
    assert {name, cert_name} <= {e.name for e in service.editions()}


def test_put_in_force_on_import_names_the_edition_it_repeals(
    page, qtbot, monkeypatch, tmp_path, service
):
    """A certificate list read into a new township offered 导入后立即施行（现行版本将被废止）
    beside its work-item list, the only edition in force, which stays."""
    in_force = {e.document: e.name for e in service.editions_in_force()}
    texts: list[str] = []

    def decide(dialog: ImportPreviewDialog):
        texts.append(dialog.activate_check.text())

    certificates = _xlsx(
        tmp_path / "证明.xlsx", [["序号", "类别", "事项名称"], [1, "可出具证明事项", "居住证明"]]
    )
    _run_import(page, qtbot, monkeypatch, certificates, decide)
    work = _xlsx(tmp_path / "工作.xlsx", [HEADER, [1, "协助办理事项", "协助开展普法宣传", "", ""]])
    _run_import(page, qtbot, monkeypatch, work, decide)
    assert texts == [
        f"导入后立即施行（现行的“{in_force['certificate']}”将被废止）",
        f"导入后立即施行（现行的“{in_force['work']}”将被废止）",
    ]
    assert "现行版本" not in "".join(texts)


def test_put_in_force_on_import_with_nothing_in_force_repeals_nothing(qtbot, tmp_path, service):
    path = _xlsx(
        tmp_path / "证明.xlsx", [["序号", "类别", "事项名称"], [1, "可出具证明事项", "居住证明"]]
    )
    work_only = [e for e in service.editions_in_force() if e.document == "work"]
    dialog = ImportPreviewDialog(service.preview_import(path), work_only, {})
    qtbot.addWidget(dialog)
    assert dialog.activate_check.text() == "导入后立即施行"


def test_a_certificate_workbook_shows_the_placeholders_and_refuses_an_unknown_one(
    page, qtbot, service, monkeypatch, tmp_path
):
    path = _xlsx(
        tmp_path / "证明式样.xlsx",
        [
            ["序号", "类别", "事项名称", "证明式样"],
            [
                1,
                "可出具证明事项",
                "居住证明",
                "兹证明{申请人}居住在本村。\n负责人：{负责人}\n{日期}",
            ],
        ],
    )
    states: list[bool] = []

    def decide(dialog: ImportPreviewDialog) -> None:
        states.append(dialog.ok_button.isEnabled())

    (dialog,) = _run_import(page, qtbot, monkeypatch, path, decide)
    assert states == [False]
    model = dialog.problem_model
    row = [model.index(0, c).data() for c in range(4)]
    assert row[:3] == ["清单", "2", "D 列（证明式样）"]
    assert row[3].startswith("“居住证明”的证明式样中的占位符 {负责人} 不存在")
    assert not dialog.placeholders_label.isHidden()
    assert "{签字负责人}：办理结果中记录的签字负责人" in dialog.placeholders_label.text()
    qtbot.waitUntil(lambda: page.last_message.startswith("已取消导入"), timeout=2000)
    assert [e.name for e in service.editions()] == [DEMO_EDITION, DEMO_CERT_EDITION]
