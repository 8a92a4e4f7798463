"""The 操作记录 screen: filters, before/after side by side, and the 校验 button."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester

from PySide6.QtCore import Qt

from jianfu.domain.units import UnitInput


@pytest.fixture
def audit_page(window, demo_ctx):
    units = window.services.units
    demo_ctx.operator = "林晓燕"
    unit = units.add_unit(UnitInput("望海村", notes="山区"))
    units.update_unit(
        unit.id, UnitInput("望海新村", sort_order=unit.sort_order, notes="山区"), unit.version
    )
    return window.show_screen("audit")


def test_newest_change_first_with_before_and_after(audit_page, qtbot):
    page = audit_page
    ModelTester(None).check(page.model)
    assert page.model.total >= 2
    first = page.model.row_at(0)
    assert (first.operator, first.action, first.record_name) == ("林晓燕", "修改", "望海新村")
    assert page.model.data(page.model.index(0, 5)) == "名称"
    rows = {
        page.detail.item(r, 0).text(): (
            page.detail.item(r, 1).text(),
            page.detail.item(r, 2).text(),
        )
        for r in range(page.detail.rowCount())
    }
    assert rows["名称"] == ("望海村", "望海新村")
    assert rows["备注"] == ("山区", "山区")
    assert "林晓燕" in page.detail_title.text() and "修改" in page.detail_title.text()


def test_filters_narrow_the_list(audit_page, qtbot, type_text):
    page = audit_page
    page.operator_combo.setCurrentIndex(page.operator_combo.findData("林晓燕"))
    assert page.model.total == 2
    page.entity_combo.setCurrentIndex(page.entity_combo.findText("村(社区)"))
    page.action_combo.setCurrentIndex(page.action_combo.findData("新增"))
    assert page.model.total == 1 and page.model.row_at(0).record_name == "望海村"
    page.action_combo.setCurrentIndex(0)
    page.search.setFocus()
    type_text(page.search, "新村")
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.row_at(0).action == "修改")
    page.use_dates.setChecked(True)
    page.date_to.setDate(page.date_to.date().addDays(-2))
    page.date_from.setDate(page.date_to.date().addDays(-5))
    assert page.model.total == 0 and page.detail.rowCount() == 0
    assert page.count_label.text() == "共 0 条"


def test_verify_button_reports_ok_then_the_tampered_entry(audit_page, qtbot, demo_ctx):
    page = audit_page
    with qtbot.waitSignal(page.verify().sig_finished, timeout=10000):
        pass
    assert "操作记录完整" in page.verify_label.text()
    from sqlalchemy import update

    from jianfu.db.models import AuditRow

    victim = page.model.row_at(1).id
    with demo_ctx.unit_of_work() as s:
        s.execute(update(AuditRow).where(AuditRow.id == victim).values(operator="冒名"))
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已被改动" in page.verify_label.text(), timeout=10000)
    assert f"编号 {victim}" in page.verify_label.text()
    assert page.verify_button.isEnabled()


def test_entries_show_chinese_values_and_certificate_requests_by_number(window, qtbot):
    import re

    page = window.show_screen("audit")
    while page.model.canFetchMore():
        page.model.fetchMore()
        qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    codes = re.compile(
        r"\b(cert_allowed|cert_forbidden|unlisted|allowed|forbidden|admitted|duty|assist|score|certificate|work)\b"
    )
    certificates = 0
    for row in range(page.model.rowCount()):
        entry = page.model.row_at(row)
        for change in entry.changes():
            assert change.label not in ("id", "score", "编号(内部)")
            assert not codes.search(f"{change.label} {change.before} {change.after}"), change
        if entry.entity == "certificate_request":
            certificates += 1
            assert re.fullmatch(r"20\d\d-\d{4} \S+", entry.record_name), entry.record_name
    assert certificates
    assert "哈希" not in page.verify_button.toolTip()


def test_an_entry_without_a_record_name_shows_no_empty_quotes(window, qtbot):
    """The demo's 导入演示数据 is about a whole table: 牌子（记录编号 …）, not 牌子“”."""
    page = window.show_screen("audit")
    while page.model.canFetchMore():
        page.model.fetchMore()
        qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    rows = [r for r in range(page.model.rowCount()) if not page.model.row_at(r).record_name]
    assert rows
    page.view.selectRow(rows[0])
    entry = page.model.row_at(rows[0])
    assert "“”" not in page.detail_title.text()
    assert f"{entry.entity_name}（记录编号 {entry.id}）" in page.detail_title.text()


def test_the_changed_fields_come_first(audit_page):
    """A change's detail lists the changed fields first, then those that stayed the same."""
    page = audit_page
    page.view.selectRow(0)
    labels = [page.detail.item(r, 0).text() for r in range(page.detail.rowCount())]
    changed = [
        page.detail.item(r, 1).text() != page.detail.item(r, 2).text()
        for r in range(page.detail.rowCount())
    ]
    assert labels[0] == "名称" and changed[0]
    assert changed == sorted(changed, reverse=True), list(zip(labels, changed, strict=True))
    assert "备注" in labels[1:]


def test_long_names_and_changes_wrap_at_1366_instead_of_ending_in_an_ellipsis(window, qtbot):
    """A notice's long title in 名称 (南屏县农业农村局关于建立…) ended in "…" at 1366×768."""
    from tests.ui.test_registers_fit_1366 import _at_1366, _shows_every_text

    _at_1366(window, qtbot)
    page = window.show_screen("audit")
    _shows_every_text(qtbot, page.view, page.model, {"动作", "名称", "改动"})
    names = [page.model.index(r, 4).data() or "" for r in range(page.model.rowCount())]
    assert max(len(n) for n in names) > 20  # the demo's notices' titles are among them
