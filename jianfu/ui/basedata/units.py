"""村(社区) management: the township's villages and communities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from jianfu.domain.errors import ValidationError
from jianfu.domain.units import Unit, UnitInput, UnitType
from jianfu.ui.models.paged_table import Column, PagedTableModel
from jianfu.ui.widgets.form import FieldNote, FormDialog
from jianfu.ui.widgets.record_list import RecordListWidget

if TYPE_CHECKING:
    from jianfu.services.units import UnitsService
    from jianfu.ui.background import TaskRunner

CENTER = Qt.AlignmentFlag.AlignCenter

UNIT_COLUMNS: list[Column[Unit]] = [
    Column("名称", lambda u: u.name, width=200),
    Column("类型", lambda u: u.type.value, CENTER, width=100),
    Column("排序号", lambda u: str(u.sort_order), CENTER, width=80),
    Column("状态", lambda u: "在用" if u.active else "已停用", CENTER, width=80),
    Column("备注", lambda u: u.notes),
]


class UnitDialog(FormDialog):
    """Add or edit one village/community."""

    def __init__(self, service: UnitsService, unit: Unit | None, parent: QWidget | None) -> None:
        super().__init__("编辑村(社区)" if unit else "新增村(社区)", parent)
        self._service, self._unit = service, unit
        self.name_edit = self.add_field("name", "名称", QLineEdit())
        self.name_edit.setPlaceholderText("如：清溪村、城南社区")
        self.type_combo = self.add_field("type", "类型", QComboBox())
        for t in UnitType.village_types():
            self.type_combo.addItem(t.value, t)
        self.order_spin = self.add_field("sort_order", "排序号", QSpinBox())
        self.order_spin.setRange(0, 99999)
        self.order_spin.setSpecialValueText("自动")
        self.notes_edit = self.add_field("notes", "备注", QPlainTextEdit())
        self.notes_edit.setFixedHeight(70)
        #: the (name, type) a 社区 saved as 村 was last pointed out for (said once, see save)
        self._type_noted: tuple[str, UnitType] | None = None
        if unit is not None:
            self._fill(unit)

    def _fill(self, unit: Unit) -> None:
        self.name_edit.setText(unit.name)
        self.type_combo.setCurrentIndex(self.type_combo.findData(unit.type))
        self.order_spin.setValue(unit.sort_order)
        self.notes_edit.setPlainText(unit.notes)

    def _input(self) -> UnitInput:
        return UnitInput(
            name=self.name_edit.text(),
            type=UnitType(self.type_combo.currentData()),
            sort_order=self.order_spin.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def conflict_versions(self):
        """Override: the unit as opened, as typed, and as stored now."""
        if self._unit is None:
            return None
        unit_id = self._unit.id
        return self._unit, self._input(), lambda: self._service.get(unit_id)

    def load_record(self, record: Unit) -> None:
        """Override: edit the version another clerk saved."""
        self._unit = record
        self._fill(record)

    def save(self) -> Unit:
        """Override: store through the service."""
        data = self._input()
        self._note_a_community_as_village(data)
        if self._unit is None:
            return self._service.add_unit(data)
        return self._service.update_unit(self._unit.id, data, self._unit.version)

    def _note_a_community_as_village(self, data: UnitInput) -> None:
        """A name ending in 社区 with the type left at 村 (the first choice) is said once, in
        the notes' amber, under 类型: the next save keeps it as chosen."""
        name = data.name.strip()
        if not name.endswith("社区") or data.type is not UnitType.VILLAGE:
            return
        if self._type_noted == (name, data.type):
            return
        self._type_noted = (name, data.type)
        raise ValidationError(
            [
                FieldNote(
                    "type",
                    f"“{name}”是社区，类型却是“村”：请选城市社区或涉农社区；确是村的，再按保存即可",
                )
            ]
        )

    @classmethod
    def ask(cls, parent: QWidget | None, service: UnitsService, unit: Unit | None = None):
        """Show the dialog; the saved unit, or ``None`` when cancelled."""
        dialog = cls(service, unit, parent)
        return dialog.result_value if dialog.exec() else None


#: above the township the list holds every township's villages: each says whose it is (led
#: by its county in a city's, 北岭县/石门乡: on one line, as the list's rows are one line high)
TOWNSHIP_COLUMN: Column[Unit] = Column("乡镇(街道)", lambda u: u.township, width=150)


def make_units_widget(
    service: UnitsService, parent: QWidget | None = None, runner: TaskRunner | None = None
) -> RecordListWidget:
    """The 村(社区) management screen (a county's or city's villages above the township)."""
    columns = UNIT_COLUMNS
    if service.above_township is not None:
        columns = [TOWNSHIP_COLUMN, *UNIT_COLUMNS]
    return RecordListWidget(
        title="村(社区)管理",
        what="村(社区)",
        model_factory=lambda fetch: PagedTableModel(
            columns, fetch, is_inactive=lambda u: not u.active
        ),
        fetch=lambda q, inactive, off, lim: service.list_page(
            q, include_inactive=inactive, offset=off, limit=lim
        ),
        add=lambda w: UnitDialog.ask(w, service),
        edit=lambda w, u: UnitDialog.ask(w, service, u),
        toggle=lambda u: service.set_active(u.id, not u.active, u.version),
        parent=parent,
        runner=runner,
        empty_hint=""
        if service.above_township is not None
        else "还没有村(社区)。\n请点下方“新增村(社区)”，把本乡镇(街道)的村和社区逐个添上：\n"
        "牌子、证明、其他负担和统计报表都按村(社区)登记和汇总。",
        search_hint="搜索村(社区)或乡镇(街道)名称…" if service.above_township is not None else "",
    )
