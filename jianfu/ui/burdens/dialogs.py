"""Dialogs of the other-burdens screen: one entry, a bulk clean-up, and the import preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.burdens import (
    FREQUENCIES,
    BurdenInput,
    BurdenRecord,
    BurdenType,
    CleanupAction,
)
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.units import Unit
from jianfu.ui.widgets.completion import KnownDepartments, complete_anywhere
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.form import ERROR_STYLE, FormDialog
from jianfu.ui.widgets.tables import ImportProblemTableModel, SimpleTableModel, make_table

if TYPE_CHECKING:
    from jianfu.services.burdens import BurdenImportPreview, BurdensService


def to_date(value: QDate) -> dt.date:
    """A ``QDate`` as a ``datetime.date``."""
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    """A ``datetime.date`` as a ``QDate``."""
    return QDate(value.year, value.month, value.day)


def date_edit(value: dt.date | None = None) -> QDateEdit:
    return DateEdit(value or dt.date.today())


def _action(value: object) -> CleanupAction | None:
    return CleanupAction(value) if value else None


class BurdenDialog(FormDialog):
    """Add or edit one burden; each problem shows under its field."""

    def __init__(
        self,
        service: BurdensService,
        villages: Sequence[Unit],
        types: Sequence[BurdenType],
        departments: Sequence[str],
        record: BurdenRecord | None = None,
        parent: QWidget | None = None,
        *,
        unit_id: int | None = None,
        type_code: str = "",
        department: str = "",
        department_forms: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__("编辑负担事项" if record else "新增负担事项", parent)
        self.setMinimumWidth(560)
        self._service, self._record = service, record
        self.known_departments = KnownDepartments(department_forms)
        self.unit_combo = self.add_field("unit", "村(社区)", QComboBox())
        for v in villages:
            self.unit_combo.addItem(v.name, v.id)
        self.unit_combo.setCurrentIndex(-1)
        self.type_combo = self.add_field("type", "类别", QComboBox())
        for t in types:
            self.type_combo.addItem(t.name, t.code)
        self.type_combo.setCurrentIndex(-1)
        self.name_edit = self.add_field("name", "名称", QLineEdit())
        self.name_edit.setPlaceholderText(
            "如：河长制村级工作站、安全隐患排查月报表、防汛值班工作群"
        )
        self.department_combo = self.add_field("department", "要求部门", QComboBox())
        self.department_combo.setEditable(True)
        self.department_combo.addItems(list(departments))
        complete_anywhere(self.department_combo)  # 应急 finds 南屏县应急管理局
        self.department_combo.setCurrentIndex(-1)
        self.frequency_combo = self.add_field("frequency", "频次", QComboBox())
        self.frequency_combo.setEditable(True)
        self.frequency_combo.addItems(list(FREQUENCIES))
        self.frequency_combo.setCurrentIndex(-1)
        self.basis_edit = self.add_field("basis", "依据文件", QPlainTextEdit())
        self.basis_edit.setFixedHeight(52)
        self.basis_edit.setTabChangesFocus(True)
        self.basis_edit.setPlaceholderText("文件名称和文号；没有文件依据可不填")
        self.action_combo = self.add_field("action", "清理方式", QComboBox())
        self.action_combo.addItem("待清理", None)
        for a in CleanupAction:
            self.action_combo.addItem(a.value, a.value)
        self.date_check = QCheckBox("已清理于")
        self.date_edit = date_edit()
        date_row = QWidget()
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_check)
        row.addWidget(self.date_edit)
        row.addStretch(1)
        self.add_field("action_date", "清理日期", date_row)
        self.notes_edit = self.add_field("notes", "备注", QLineEdit())
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

        self.action_combo.currentIndexChanged.connect(self._on_action_combo_changed)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        self.date_edit.setEnabled(False)
        if record is not None:
            self._fill(record)
        else:
            self._select(self.unit_combo, unit_id)
            self._select(self.type_combo, type_code or None)
            if department:
                self.department_combo.setEditText(department)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        if value is not None:
            combo.setCurrentIndex(combo.findData(value))

    def _fill(self, r: BurdenRecord) -> None:
        self._select(self.unit_combo, r.unit_id)
        self._select(self.type_combo, r.type)
        self.name_edit.setText(r.name)
        self.department_combo.setEditText(r.department)
        self.frequency_combo.setEditText(r.frequency)
        self.basis_edit.setPlainText(r.basis)
        self.action_combo.setCurrentIndex(self.action_combo.findText(r.action_text))
        self.notes_edit.setText(r.notes)
        if r.action_date is not None:
            self.date_check.setChecked(True)
            self.date_edit.setDate(to_qdate(r.action_date))

    def _on_action_combo_changed(self, _index: int) -> None:
        # Choosing an action usually means "done today"; the date can still be changed.
        self.date_check.setChecked(self.action_combo.currentData() is not None)

    def entry(self) -> BurdenInput:
        """What the form holds now."""
        return BurdenInput(
            unit_id=self.unit_combo.currentData(),
            type=self.type_combo.currentData() or "",
            name=self.name_edit.text(),
            department=self.department_combo.currentText(),
            frequency=self.frequency_combo.currentText(),
            basis=self.basis_edit.toPlainText(),
            action=_action(self.action_combo.currentData()),
            action_date=to_date(self.date_edit.date()) if self.date_check.isChecked() else None,
            notes=self.notes_edit.text(),
        )

    def save(self) -> BurdenRecord:
        """Override: store through the service (a department typed as another way of writing
        one of 部门 is first written in full and said, and saved at the next 保存)."""
        codes = [self.type_combo.itemData(i) for i in range(self.type_combo.count())]
        self.known_departments.check_before_saving(
            self.department_combo.currentText(),
            self.department_combo.setEditText,
            lambda: self.entry().cleaned(codes),
        )
        if self._record is None:
            return self._service.add(self.entry())
        return self._service.update(self._record.id, self.entry(), self._record.version)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: BurdensService,
        villages: Sequence[Unit],
        types: Sequence[BurdenType],
        departments: Sequence[str],
        record: BurdenRecord | None = None,
        **defaults: object,
    ) -> BurdenRecord | None:
        """Show the dialog; the saved entry, or ``None`` when cancelled."""
        dialog = cls(service, villages, types, departments, record, parent, **defaults)  # type: ignore[arg-type]
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class CleanupDialog(FormDialog):
    """One clean-up action (撤并 / 取消 / 保留) with its date for every selected entry."""

    def __init__(
        self, service: BurdensService, entries: Sequence[BurdenRecord], parent: QWidget | None
    ) -> None:
        super().__init__("批量清理", parent)
        self._service, self._entries = service, list(entries)
        names = "、".join(e.name for e in self._entries[:5])
        more = f" 等 {len(self._entries)} 项" if len(self._entries) > 5 else ""
        intro = QLabel(f"对选中的 {len(self._entries)} 项记录清理结果：{names}{more}")
        intro.setWordWrap(True)
        self._form.addRow(intro)
        self.action_combo = self.add_field("action", "清理方式", QComboBox())
        for a in CleanupAction:
            self.action_combo.addItem(a.value, a.value)
        self.date_edit = self.add_field("action_date", "清理日期", date_edit())
        self.note_edit = self.add_field("notes", "说明", QLineEdit())
        self.note_edit.setPlaceholderText("如：并入村级综合网格工作站（可不填，会追加到备注）")
        # Entries cleaned before keep their action and date unless the clerk says otherwise:
        # today's action was put over them too, moving them out of the period they counted in.
        self._done = [e for e in self._entries if e.action is not None]
        done = "、".join(
            f"{e.action_text}{f' {e.action_date}' if e.action_date else ''}" for e in self._done[:3]
        )
        if len(self._done) > 3:
            done += "等"
        self.redo_check = self.add_field(
            "entries",
            "",
            QCheckBox(
                f"选中的 {len(self._done)} 项已记为清理（{done}），同时改为这次的清理方式和日期"
            ),
        )
        self.fields.form.setRowVisible(self.redo_check.parentWidget(), bool(self._done))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定清理")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

    def save(self) -> list[BurdenRecord]:
        """Override: one transaction for every entry (those cleaned before only when the box
        says so)."""
        entries = self._entries
        if not self.redo_check.isChecked():
            entries = [e for e in entries if e.action is None]
            if not entries:
                raise ValidationError(
                    [
                        FieldProblem(
                            "entries",
                            "选中的都已清理过：要改为这次的清理方式和日期，请勾选上面一项",
                        )
                    ]
                )
        return self._service.apply_action(
            entries,
            CleanupAction(self.action_combo.currentData()),
            to_date(self.date_edit.date()),
            self.note_edit.text(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, service: BurdensService, entries: Sequence[BurdenRecord]
    ) -> list[BurdenRecord] | None:
        """Show the dialog; the updated entries, or ``None`` when cancelled."""
        dialog = cls(service, entries, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


# ---------------------------------------------------------------- import preview


class BurdenImportDialog(QDialog):
    """What an import would save and every problem; 导入 stays disabled while there are
    problems, so a bad file saves nothing."""

    def __init__(
        self,
        preview: BurdenImportPreview,
        type_names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # the file's name in the summary below, not in the title (the window manager's font)
        self.setWindowTitle("导入预览")
        self.resize(960, 600)
        self.preview = preview
        per_type = "、".join(
            f"{type_names.get(code, code)} {n}" for code, n in preview.by_type().items()
        )
        read = f"从“{preview.file_name}”读到 {preview.rows_read} 行"
        self.summary_label = QLabel(
            f"{read}，其中无误的 {len(preview.items)} 项涉及 {len(preview.by_village())} 个"
            f"村(社区)：{per_type}。"
            if preview.items
            else f"{read}，没有无误的事项。"
        )
        self.summary_label.setWordWrap(True)
        self.problem_model = ImportProblemTableModel(preview.problems, self)
        self.item_model = SimpleTableModel(
            ["位置", "村(社区)", "类别", "名称", "要求部门", "清理方式", "清理日期"],
            [
                [
                    f"{i.sheet} 第{i.row}行",
                    i.unit_name,
                    type_names.get(i.data.type, i.data.type),
                    i.data.name,
                    i.data.department,
                    i.data.action.value if i.data.action else "待清理",
                    i.data.action_date.isoformat() if i.data.action_date else "",
                ]
                for i in preview.items
            ],
            self,
        )
        self.tabs = QTabWidget()
        count = preview.problem_count or len(preview.problems)
        self.tabs.addTab(make_table(self.problem_model, (110, 50, 150, 560)), f"问题 ({count})")
        self.tabs.addTab(
            make_table(self.item_model, (130, 90, 150, 220, 150, 70, 90)),
            f"将导入的事项 ({len(preview.items)})",
        )
        self.tabs.setCurrentIndex(0 if preview.problems else 1)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        if preview.problems:
            self.verdict_label.setText(
                f"文件中有 {preview.problem_count or len(preview.problems)} 个问题，"
                "请在 Excel 中改正后重新导入。"
                "本次不会保存任何内容。"
            )
            self.verdict_label.setStyleSheet(ERROR_STYLE)
        else:
            self.verdict_label.setText(f"将导入 {len(preview.items)} 项到台账。")
            self.verdict_label.setStyleSheet("color: #1b5e20;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("导入")
        self.ok_button.setEnabled(preview.ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, preview: BurdenImportPreview, type_names: dict[str, str]
    ) -> bool:
        """Show the preview; True when the clerk confirmed the import."""
        dialog = cls(preview, type_names, parent)
        try:
            return bool(dialog.exec()) and preview.ok
        finally:
            dialog.deleteLater()
