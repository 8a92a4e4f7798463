"""The second clerk's save is refused with a dialog showing what changed, and can reload."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from jianfu.domain.departments import DepartmentInput
from jianfu.domain.lists import ListEdition, ListItem
from jianfu.services.database import open_app
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import ListsService
from jianfu.services.units import UnitsService
from jianfu.ui.basedata.departments import DepartmentDialog
from jianfu.ui.basedata.units import UnitDialog
from jianfu.ui.lists.dialogs import ItemDialog
from jianfu.ui.widgets.conflict import ConflictDialog


def _answer(press: str, seen: list) -> None:
    """Click a button of the conflict dialog as soon as it is open."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, click)
            return
        seen.append(
            [
                (
                    dialog.table.item(r, 0).text(),
                    dialog.table.item(r, 1).text(),
                    dialog.table.item(r, 2).text(),
                )
                for r in range(dialog.table.rowCount())
            ]
        )
        getattr(dialog, press).click()

    QTimer.singleShot(0, click)


def test_unit_editor_shows_theirs_and_reloads(qtbot, demo_ctx, db_url):
    other = open_app(db_url)  # a second clerk with a connection of their own
    other.operator = "陈志强"
    try:
        mine = UnitsService(demo_ctx)
        unit = mine.list_page().rows[0]
        theirs_service = UnitsService(other)
        theirs = theirs_service.update_unit(
            unit.id, replace(_input(unit), notes="陈补充的备注"), unit.version
        )
        dialog = UnitDialog(mine, unit, None)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.name_edit.setText(unit.name + "（改）")
        seen: list = []
        _answer("reload_button", seen)
        dialog.accept()
        assert dialog.isVisible()  # nothing saved, the form stays open
        assert sorted(seen[0]) == sorted(
            [
                ("名称", unit.name + "（改）", unit.name),
                ("备注", unit.notes or "（空）", "陈补充的备注"),
            ]
        )
        assert dialog.notes_edit.toPlainText() == "陈补充的备注"  # reloaded
        assert dialog.name_edit.text() == unit.name
        dialog.name_edit.setText(unit.name + "（改）")
        dialog.accept()  # on top of their version it saves
        assert not dialog.isVisible()
        saved = theirs_service.get(unit.id)
        assert (saved.name, saved.notes, saved.version) == (
            unit.name + "（改）",
            "陈补充的备注",
            theirs.version + 1,
        )
    finally:
        other.database.close()


def _input(unit):
    from jianfu.domain.units import UnitInput

    return UnitInput(unit.name, unit.type, unit.sort_order, unit.notes)


def test_department_editor_back_keeps_what_was_typed(qtbot, demo_ctx, db_url):
    other = open_app(db_url)
    try:
        service = DepartmentsService(demo_ctx)
        dep = service.list_page().rows[0]
        DepartmentsService(other).update_department(
            dep.id, DepartmentInput(dep.name, "对方简称", dep.level, dep.sort_order), dep.version
        )
        dialog = DepartmentDialog(service, dep, None)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.short_edit.setText("我的简称")
        seen: list = []
        _answer("back_button", seen)
        dialog.accept()
        assert seen[0] == [("简称", "我的简称", "对方简称")]
        assert dialog.isVisible() and dialog.short_edit.text() == "我的简称"
        assert DepartmentsService(other).get(dep.id).short_name == "对方简称"
    finally:
        other.database.close()


def test_list_item_editor_conflict(qtbot, demo_ctx, db_url):
    other = open_app(db_url)
    try:
        lists = ListsService(demo_ctx)
        edition = lists.create_edition(ListEdition(name="冲突测试草稿"), copy_in_force=False)
        item = lists.save_item(ListItem(kind="duty", name="村务公开", edition_id=edition.id))
        ListsService(other).save_item(replace(item, basis="《村民委员会组织法》第三十条"))
        dialog = ItemDialog(lists, edition, lists.kinds(), [], item)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.content_edit.setPlainText("每季度公开一次")
        seen: list = []
        _answer("reload_button", seen)
        dialog.accept()
        assert ("设定依据", "（空）", "《村民委员会组织法》第三十条") in seen[0]
        assert ("事项内容", "每季度公开一次", "（空）") in seen[0]
        assert dialog.basis_edit.toPlainText() == "《村民委员会组织法》第三十条"
        dialog.content_edit.setPlainText("每季度公开一次")
        dialog.accept()
        assert not dialog.isVisible()
        stored = ListsService(other).get_item(item.id)
        assert (stored.content, stored.basis) == ("每季度公开一次", "《村民委员会组织法》第三十条")
    finally:
        other.database.close()


def test_settings_form_shows_theirs_and_reloads(qtbot, demo_ctx, db_url):
    from jianfu.services.settings import SettingsService
    from jianfu.ui.settings_dialog import SettingsDialog

    other = open_app(db_url)
    other.operator = "陈志强"
    try:
        mine = SettingsService(demo_ctx)
        dialog = SettingsDialog(mine, None)
        qtbot.addWidget(dialog)
        dialog.show()
        theirs = SettingsService(other)
        opened = theirs.load()
        theirs.save(replace(opened, phone="0593-8888888"), expected=opened)
        dialog.edits["preparer"].setText("林晓燕")
        seen: list = []
        _answer("reload_button", seen)
        dialog.accept()
        assert dialog.isVisible()  # nothing saved, the form stays open
        rows = {label: (me, them) for label, me, them in seen[0]}
        assert any(them == "0593-8888888" for _me, them in rows.values())
        assert dialog.edits["phone"].text() == "0593-8888888"  # reloaded
        dialog.edits["preparer"].setText("林晓燕")
        dialog.accept()  # on top of their version it saves
        assert not dialog.isVisible()
        saved = theirs.load()
        assert (saved.phone, saved.preparer) == ("0593-8888888", "林晓燕")
    finally:
        other.database.close()
