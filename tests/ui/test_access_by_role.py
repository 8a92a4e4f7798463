"""Screens other than 准入审批 grey out what the connected person's level may not change.

The database refuses such changes anyway (tests/db/test_township_roles.py); here the clerk
sees it first: the buttons are off, say why in their tooltip, and stay off after a selection.
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from jianfu.db.models import UnitRow
from jianfu.db.township import ConnectedPerson
from jianfu.domain.units import UnitType
from jianfu.services.people import LISTS, TOWNSHIP_RECORDS, write_refusal
from jianfu.services.registry import Services
from jianfu.ui.certificates.models import VERDICT_COLORS
from jianfu.ui.main_window import MainWindow
from jianfu.ui.widgets.access import SCREEN_WRITES
from tests.conftest import put_under_county


def _person(ctx, role: str) -> ConnectedPerson:
    """The demo township under 南屏县, and a person of ``role`` there."""
    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        s.add(UnitRow(name="石门村", type=UnitType.VILLAGE.value, parent_id=other.id))
        unit = town if role == "clerk" else county
        return ConnectedPerson(f"{role}_1", role, unit.id, unit.name, f"{role}一")


@pytest.fixture
def open_as(qtbot, demo_ctx):
    windows = []

    def open_window(role: str) -> MainWindow:
        demo_ctx.person = _person(demo_ctx, role)
        window = MainWindow(Services.create(demo_ctx))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_window
    for window in windows:
        window.tasks.wait_all()


def test_what_each_level_may_change():
    reviewer = ConnectedPerson("r", "reviewer", 1, "南屏县", "r")
    mechanism = ConnectedPerson("m", "mechanism", 1, "南屏县", "m")
    clerk = ConnectedPerson("c", "clerk", 2, "清溪镇", "c")
    admin = ConnectedPerson("a", "admin", 1, "南屏县", "a")
    assert write_refusal(None) == write_refusal(None, LISTS) == ""  # a SQLite file, the owner
    assert write_refusal(admin) == write_refusal(admin, LISTS) == ""
    assert write_refusal(clerk, TOWNSHIP_RECORDS) == ""
    assert write_refusal(clerk, LISTS).startswith("清单由县（市）发布和维护，乡镇经办人员只能查看")
    assert write_refusal(reviewer).startswith("县级审核人员只能查看这里的记录")
    assert write_refusal(mechanism).startswith("协调机制人员只能查看这里的记录")


def test_a_reviewer_sees_every_write_button_off_and_why(open_as, qtbot):
    window = open_as("reviewer")
    for key, (_records, buttons, _views) in SCREEN_WRITES.items():
        page = window.show_screen(key)
        window.tasks.wait_all()
        if key == "tasks":  # 对照清单 and the form it presets, built when first shown
            page.tabs.setCurrentIndex(1)
        for name in buttons:
            button = getattr(page, name)
            assert not button.isEnabled(), (key, name)
            assert (
                "县级审核人员只能查看这里的记录" in button.toolTip()
                or (key == "lists" and "清单由县（市）发布和维护" in button.toolTip())
                or (key == "departments" and "由管理员维护" in button.toolTip())
            ), (key, name)
    # the register of several townships: each row says whose number it is
    certs = window.pages["certificates"]
    window.tasks.wait_all()
    qtbot.waitUntil(lambda: certs.model.rowCount() > 0, timeout=20000)
    heads = [certs.model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
    assert heads == ["编号", "乡镇(街道)", "申请日期"]
    assert certs.model.index(0, 1).data() == "清溪镇"  # the demo township's
    verdict = certs.model.row_at(0).verdict
    assert certs.model.index(0, 7).data(Qt.ItemDataRole.ForegroundRole) == QColor(
        VERDICT_COLORS[verdict]
    )
    # reading, printing and exporting stay: the reviewer prints the 村(社区) ledgers
    boards = window.pages["boards"]
    assert boards.export_button.isEnabled() or boards.model.total == 0
    assert window.pages["certificates"].register_button.isEnabled()
    # a selection switches a screen's edit buttons on: for the reviewer they stay off
    units = window.show_screen("units")
    # the county's villages, each with its township (the demo's 13, then 石门乡's one)
    model = units.view.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "乡镇(街道)"
    assert units.count_label.text() == "共 14 个村(社区)"
    last = model.rowCount() - 1
    assert [model.index(last, c).data() for c in (0, 1)] == ["石门乡", "石门村"]
    assert "所辖各乡镇（街道）的村和社区" in window.purpose_label.text()
    units.view.selectRow(0)
    assert units.selected() is not None
    assert not units.edit_button.isEnabled() and not units.toggle_button.isEnabled()


def test_a_clerk_keeps_the_townships_buttons_but_not_the_lists(open_as):
    window = open_as("clerk")
    units = window.show_screen("units")
    assert units.count_label.text() == "共 13 个村(社区)"  # their own township's only
    assert units.view.model().headerData(0, Qt.Orientation.Horizontal) == "名称"
    units.view.selectRow(0)
    assert units.edit_button.isEnabled() and units.add_button.isEnabled()
    certificates = window.show_screen("certificates")
    assert certificates.new_button.isEnabled()
    assert certificates.model.headerData(1, Qt.Orientation.Horizontal) == "申请日期"
    lists = window.show_screen("lists")
    window.tasks.wait_all()
    assert not lists.add_button.isEnabled() and not lists.import_button.isEnabled()
    assert "乡镇经办人员只能查看、导出和打印" in lists.import_button.toolTip()
    # what every township shares is the administrator's: departments, the calendar, the
    # allowed set of signboards
    departments = window.show_screen("departments")
    assert not departments.add_button.isEnabled()
    assert "由管理员维护" in departments.add_button.toolTip()
    assert not window.show_screen("cases").workdays_button.isEnabled()
    boards = window.show_screen("boards")
    assert not boards.rules_button.isEnabled() and boards.entry_button.isEnabled()


def test_a_reviewer_reads_the_settings_and_keeps_only_the_fonts_choosable(qtbot, demo_ctx):
    from jianfu.services.settings import SettingsService
    from jianfu.ui.settings_dialog import SettingsDialog

    demo_ctx.person = _person(demo_ctx, "reviewer")
    service = SettingsService(demo_ctx)
    before = service.load()
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    name = dialog.edits["township_name"]
    assert not name.isEnabled() and "县级审核人员只能查看" in name.toolTip()
    assert not dialog.level_combo.isEnabled()
    assert all(not spin.isEnabled() for spin in dialog.spins.values())
    name.setText("改名镇")  # not reachable by the clerk; nothing of it is stored
    assert dialog.save() == before
    assert service.load() == before


@pytest.mark.parametrize("role", ["reviewer", "mechanism", "clerk"])
def test_above_the_township_the_settings_menu_offers_the_fonts_on_their_own(
    open_as, monkeypatch, role
):
    """设置 → 乡镇设置… opened a township's form all greyed out but its fonts for the reviewer
    and the mechanism: they are offered 公文字体… alone; the clerk keeps 乡镇设置…."""
    from jianfu.ui.settings_dialog import FontsDialog, SettingsDialog

    opened = []

    def shown(dialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", shown)
    monkeypatch.setattr(FontsDialog, "exec", shown)
    window = open_as(role)
    above = role != "clerk"
    action = window.settings_action
    assert action.isEnabled()
    assert action.text() == ("公文字体(&F)…" if above else "乡镇设置(&T)…")
    action.trigger()
    [dialog] = opened
    assert type(dialog) is (FontsDialog if above else SettingsDialog)
    assert {"title", "body", "heading", "kai"} <= dialog.font_labels.keys()
    if above:  # no township field, greyed out or not
        assert not hasattr(dialog, "edits") and not dialog.fields.isVisibleTo(dialog)
    else:
        assert dialog.edits["township_name"].isEnabled()


@pytest.mark.parametrize("role", ["reviewer", "mechanism", "clerk"])
def test_who_may_not_change_the_lists_is_not_told_to_make_a_draft(open_as, role):
    """清单 said （修改请新建草稿版本） beside 新建草稿版本 greyed out (seen as the county
    reviewer): the line says it to whoever may make one only."""
    window = open_as(role)
    lists = window.show_screen("lists")
    window.tasks.wait_all()
    assert not lists.new_draft_button.isEnabled()
    assert "施行中" in lists.edition_info.text()
    assert "新建草稿版本" not in lists.edition_info.text()


def test_the_township_of_its_own_file_is_told_how_to_change_its_list(window):
    lists = window.show_screen("lists")
    window.tasks.wait_all()
    assert "（修改请新建草稿版本）" in lists.edition_info.text()
