"""乡镇设置 for the administrator of several townships: a choice of the township edited, and
which values are that township's own and which follow the defaults (issue 14)."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel

from jianfu.db.models import UnitRow
from jianfu.db.township import ConnectedPerson
from jianfu.domain.units import UnitType
from jianfu.services.settings import SettingsService
from jianfu.ui.settings_dialog import SettingsDialog
from tests.conftest import put_under_county


def _second_township(ctx) -> dict[str, int]:
    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        return {"南屏县": county.id, town.name: town.id, "石门乡": other.id}


def _mark(dialog: SettingsDialog, key: str) -> str:
    widget = dialog._widgets()[key]
    label = dialog.fields.form.labelForField(widget.parentWidget())
    assert isinstance(label, QLabel)
    return label.text()


@pytest.fixture
def admin_dialog(qtbot, demo_ctx):
    ids = _second_township(demo_ctx)
    demo_ctx.person = ConnectedPerson("adm", "admin", ids["南屏县"], "南屏县", "管理员")
    service = SettingsService(demo_ctx)
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, service, ids


def test_the_administrator_picks_the_township_and_sees_what_is_its_own(admin_dialog):
    dialog, service, ids = admin_dialog
    combo = dialog.town_combo
    assert combo is not None and combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "各乡镇默认设置（乡镇未自行设置的项目采用）",
        "清溪镇",
        "石门乡",
    ]
    assert dialog.windowTitle().startswith("各乡镇默认设置")
    assert not dialog.edits["township_name"].isEnabled()  # the defaults name no township
    assert "(默认)" not in _mark(dialog, "phone")
    defaults = service.load()
    assert dialog.choose_township(ids["石门乡"])
    assert combo.currentText() == "石门乡" and dialog.windowTitle() == "乡镇设置"
    assert dialog.edits["township_name"].text() == "石门乡"
    assert dialog.edits["township_name"].isEnabled()
    assert "(默认)" in _mark(dialog, "preparer") and "(默认)" in _mark(dialog, "phone")
    assert "石门乡的设置" in dialog.scope_note.text()
    dialog.edits["preparer"].setText("李四")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert service.load(ids["石门乡"]).preparer == "李四"
    assert service.load() == defaults  # the defaults untouched
    assert service.load(ids["清溪镇"]).preparer == "林晓燕"  # the demo township's own
    again = SettingsDialog(service)
    again.choose_township(ids["石门乡"])
    assert "(本乡镇)" in _mark(again, "preparer") and "(默认)" in _mark(again, "phone")
    assert (
        "各乡镇默认设置是"
        in again.fields.form.labelForField(again.edits["preparer"].parentWidget()).toolTip()
    )
    again.choose_township(ids["清溪镇"])
    assert again.edits["preparer"].text() == "林晓燕"
    assert "(本乡镇)" in _mark(again, "preparer")
    again.choose_township(None)
    assert again.edits["preparer"].text() == "" and "(本乡镇)" not in _mark(again, "preparer")
    again.deleteLater()


def test_switching_with_unsaved_values_asks_first(admin_dialog, monkeypatch):
    dialog, service, ids = admin_dialog
    dialog.choose_township(ids["石门乡"])
    dialog.edits["phone"].setText("0593-7777777")
    dialog.fields.edited = True
    monkeypatch.setattr(SettingsDialog, "confirm_discard", lambda self: False)
    assert not dialog.choose_township(ids["清溪镇"])
    assert dialog.town_combo.currentText() == "石门乡"
    assert dialog.edits["phone"].text() == "0593-7777777"  # kept
    monkeypatch.setattr(SettingsDialog, "confirm_discard", lambda self: True)
    assert dialog.choose_township(ids["清溪镇"])
    assert dialog.edits["phone"].text() == "0593-6123456"
    assert service.load(ids["石门乡"]).phone == ""  # nothing saved


def test_a_clerk_edits_their_own_township_only_and_sees_the_marks(qtbot, demo_ctx):
    ids = _second_township(demo_ctx)
    demo_ctx.person = ConnectedPerson("c", "clerk", ids["清溪镇"], "清溪镇", "张三")
    dialog = SettingsDialog(SettingsService(demo_ctx))
    qtbot.addWidget(dialog)
    assert dialog.town_combo is None and dialog.choices == []
    assert dialog.windowTitle() == "乡镇设置"
    assert "(本乡镇)" in _mark(dialog, "preparer")
    assert "(默认)" in _mark(dialog, "notice_working_days")


def test_one_township_has_no_choice_and_no_marks(qtbot, demo_ctx):
    dialog = SettingsDialog(SettingsService(demo_ctx))
    qtbot.addWidget(dialog)
    assert dialog.town_combo is None
    assert _mark(dialog, "preparer") == "填表人"


def test_a_new_township_file_is_set_as_the_townships_own_not_as_defaults(qtbot, ctx) -> None:
    """A clerk's own new database opened 设置 as 各乡镇默认设置（乡镇未自行设置的项目采用这里
    的值）: there is one township in a file, and the first save makes it."""
    dialog = SettingsDialog(SettingsService(ctx))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "乡镇设置"
    assert dialog.edits["township_name"].isEnabled()
    dialog.edits["township_name"].setText("清溪镇")
    dialog.accept()
    assert SettingsService(ctx).load().township_name == "清溪镇"
    again = SettingsDialog(SettingsService(ctx))
    qtbot.addWidget(again)
    assert again.windowTitle() == "乡镇设置"
