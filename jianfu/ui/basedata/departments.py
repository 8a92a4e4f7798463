"""部门 management: the departments that push tasks down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from jianfu.domain.departments import Department, DepartmentInput, DepartmentLevel
from jianfu.ui.models.paged_table import Column, PagedTableModel
from jianfu.ui.widgets.form import FormDialog
from jianfu.ui.widgets.record_list import RecordListWidget

if TYPE_CHECKING:
    from jianfu.services.departments import DepartmentsService
    from jianfu.ui.background import TaskRunner

CENTER = Qt.AlignmentFlag.AlignCenter

DEPARTMENT_COLUMNS: list[Column[Department]] = [
    Column("部门名称", lambda d: d.name),  # takes the room left
    Column("简称", lambda d: d.short_name, width=140),
    Column("层级", lambda d: d.level.value, CENTER, width=70),
    Column("排序号", lambda d: str(d.sort_order), CENTER, width=80),
    Column("状态", lambda d: "在用" if d.active else "已停用", CENTER, width=80),
]


class DepartmentDialog(FormDialog):
    """Add or edit one department."""

    def __init__(
        self, service: DepartmentsService, department: Department | None, parent: QWidget | None
    ) -> None:
        super().__init__("编辑部门" if department else "新增部门", parent)
        self._service, self._department = service, department
        self.name_edit = self.add_field("name", "部门名称", QLineEdit())
        self.name_edit.setPlaceholderText("全称，如：南屏县民政局")
        self.short_edit = self.add_field("short_name", "简称", QLineEdit())
        self.short_edit.setPlaceholderText("如：民政局（可不填）")
        self.level_combo = self.add_field("level", "层级", QComboBox())
        for level in DepartmentLevel:
            self.level_combo.addItem(level.value, level)
        self.level_combo.setCurrentIndex(self.level_combo.findData(DepartmentLevel.COUNTY))
        self.order_spin = self.add_field("sort_order", "排序号", QSpinBox())
        self.order_spin.setRange(0, 99999)
        self.order_spin.setSpecialValueText("自动")
        if department is not None:
            self._fill(department)

    def _fill(self, department: Department) -> None:
        self.name_edit.setText(department.name)
        self.short_edit.setText(department.short_name)
        self.level_combo.setCurrentIndex(self.level_combo.findData(department.level))
        self.order_spin.setValue(department.sort_order)

    def _input(self) -> DepartmentInput:
        return DepartmentInput(
            name=self.name_edit.text(),
            short_name=self.short_edit.text(),
            level=DepartmentLevel(self.level_combo.currentData()),
            sort_order=self.order_spin.value(),
        )

    def conflict_versions(self):
        """Override: the department as opened, as typed, and as stored now."""
        if self._department is None:
            return None
        department_id = self._department.id
        return self._department, self._input(), lambda: self._service.get(department_id)

    def load_record(self, record: Department) -> None:
        """Override: edit the version another clerk saved."""
        self._department = record
        self._fill(record)

    def save(self) -> Department:
        """Override: store through the service."""
        data = self._input()
        if self._department is None:
            return self._service.add_department(data)
        return self._service.update_department(self._department.id, data, self._department.version)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: DepartmentsService,
        department: Department | None = None,
    ):
        """Show the dialog; the saved department, or ``None`` when cancelled."""
        dialog = cls(service, department, parent)
        return dialog.result_value if dialog.exec() else None


def make_departments_widget(
    service: DepartmentsService, parent: QWidget | None = None, runner: TaskRunner | None = None
) -> RecordListWidget:
    """The 部门 management screen."""
    return RecordListWidget(
        title="部门管理",
        what="部门",
        model_factory=lambda fetch: PagedTableModel(
            DEPARTMENT_COLUMNS, fetch, is_inactive=lambda d: not d.active
        ),
        fetch=lambda q, inactive, off, lim: service.list_page(
            q, include_inactive=inactive, offset=off, limit=lim
        ),
        add=lambda w: DepartmentDialog.ask(w, service),
        edit=lambda w, d: DepartmentDialog.ask(w, service, d),
        toggle=lambda d: service.set_active(d.id, not d.active, d.version),
        parent=parent,
        runner=runner,
        # a new database's empty table: where the departments usually come from
        empty_hint="还没有部门。\n在“清单”中导入县里的清单时，可以一并新增其中的责任单位；\n"
        "也可以点下方“新增部门”逐个添加。事项审核的下派部门也从这里选。",
    )
