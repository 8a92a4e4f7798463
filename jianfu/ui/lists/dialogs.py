"""Dialogs of the lists screen: item editor, withdrawal, new draft edition, edition choice."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.lists import (
    AlternativeRoute,
    EditionStatus,
    ItemNature,
    ListEdition,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.form import FormDialog

if TYPE_CHECKING:
    from jianfu.services.lists import ListsService


def _text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


def edition_label(edition: ListEdition) -> str:
    """How an edition is named in choosers: its list, its name and its status."""
    which = {"work": "工作事项", "certificate": "证明事项"}.get(edition.document, edition.document)
    return f"【{which}】{edition.name}〔{edition.status.value}〕"


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ItemDialog(FormDialog):
    """Add or edit one item of a draft edition; problems show under their fields."""

    def __init__(
        self,
        service: ListsService,
        edition: ListEdition,
        kinds: list[ListKind],
        departments: list[str],
        item: ListItem | None = None,
        parent: QWidget | None = None,
        *,
        kind: str = "",
    ) -> None:
        super().__init__("编辑事项" if item else "新增事项", parent)
        self.setMinimumWidth(620)
        self._service, self._edition, self._item = service, edition, item
        self._kinds = {k.code: k for k in kinds}

        note = QLabel(f"清单版本：{edition.name}")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self._form.addRow(note)
        self.kind_combo = self.add_field("kind", "类别", QComboBox())
        for k in kinds:
            self.kind_combo.addItem(k.name, k.code)
        self.number_edit = self.add_field("number", "编号", QLineEdit())
        self.number_edit.setPlaceholderText("如：LZ22，可不填")
        self.name_edit = self.add_field("name", "事项名称", QLineEdit())
        self.content_edit = self.add_field("content", "事项内容", _text_box())
        self.basis_edit = self.add_field("basis", "设定依据", _text_box(52))
        self.department_combo = self.add_field("department", "责任单位", QComboBox())
        self.department_combo.setEditable(True)
        self.department_combo.addItems(departments)
        self.department_combo.setCurrentIndex(-1)
        self.participation_edit = self.add_field("participation", "协助方式", QLineEdit())
        self.participation_edit.setPlaceholderText("如：自主办理、协助办理")
        self.nature_combo = self.add_field("nature", "事项性质", QComboBox())
        self.nature_combo.addItem("（未填）", None)
        for n in ItemNature:
            self.nature_combo.addItem(n.value, n)
        self.funding_edit = self.add_field("funding", "经费保障", QLineEdit())
        scopes = QWidget()
        row = QHBoxLayout(scopes)
        row.setContentsMargins(0, 0, 0, 0)
        self.scope_checks: dict[Scope, QCheckBox] = {}
        for s in Scope:
            check = QCheckBox(s.value)
            check.setChecked(True)
            self.scope_checks[s] = check
            row.addWidget(check)
        row.addStretch(1)
        self.add_field("scopes", "适用范围", scopes)
        self.purpose_edit = self.add_field("purpose", "办理用途", QLineEdit())
        self.procedure_edit = self.add_field("procedure", "办理流程", _text_box(52))
        self.route_combo = self.add_field("alternative_route", "替代途径", QComboBox())
        self.route_combo.addItem("（无）", None)
        for r in AlternativeRoute:
            self.route_combo.addItem(r.value, r)
        self.route_edit = self.add_field("alternative_detail", "替代途径说明", QLineEdit())
        self.notes_edit = self.add_field("notes", "备注", QLineEdit())

        if item is not None:
            self._fill(item)
        elif kind:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self._on_kind_combo_changed()
        self.name_edit.setFocus()

    def _fill(self, item: ListItem) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(item.kind)))
        self.number_edit.setText(item.number)
        self.name_edit.setText(item.name)
        self.content_edit.setPlainText(item.content)
        self.basis_edit.setPlainText(item.basis)
        self.department_combo.setEditText(item.department)
        self.participation_edit.setText(item.participation)
        self.nature_combo.setCurrentIndex(max(0, self.nature_combo.findData(item.nature)))
        self.funding_edit.setText(item.funding)
        for s, check in self.scope_checks.items():
            check.setChecked(s in item.scopes)
        self.purpose_edit.setText(item.purpose)
        self.procedure_edit.setPlainText(item.procedure)
        self.route_combo.setCurrentIndex(max(0, self.route_combo.findData(item.alternative_route)))
        self.route_edit.setText(item.alternative_detail)
        self.notes_edit.setText(item.notes)

    def _on_kind_combo_changed(self) -> None:
        kind = self._kinds.get(self.kind_combo.currentData())
        certificate = bool(kind and kind.holds_certificates)
        for widget in (self.purpose_edit, self.procedure_edit, self.route_combo, self.route_edit):
            self._form.setRowVisible(widget.parentWidget(), certificate)
        self.adjustSize()

    def conflict_versions(self):
        """Override: the item as opened, as typed, and as stored now (another clerk's save)."""
        if self._item is None or self._item.id is None:
            return None
        item_id = self._item.id
        return self._item, self._typed(), lambda: self._service.get_item(item_id)

    def load_record(self, record: ListItem) -> None:
        """Override: edit the version another clerk saved."""
        self._item = record
        self._fill(record)

    def save(self) -> ListItem:
        """Override: store through the service (drafts only; the service says so)."""
        return self._service.save_item(self._typed())

    def _typed(self) -> ListItem:
        base = self._item or ListItem(kind="", name="", edition_id=self._edition.id)
        return replace(
            base,
            kind=self.kind_combo.currentData() or "",
            number=self.number_edit.text(),
            name=self.name_edit.text(),
            content=self.content_edit.toPlainText(),
            basis=self.basis_edit.toPlainText(),
            department=self.department_combo.currentText(),
            participation=self.participation_edit.text(),
            nature=self.nature_combo.currentData(),
            funding=self.funding_edit.text(),
            scopes=tuple(s for s, c in self.scope_checks.items() if c.isChecked()),
            purpose=self.purpose_edit.text(),
            procedure=self.procedure_edit.toPlainText(),
            alternative_route=self.route_combo.currentData(),
            alternative_detail=self.route_edit.text(),
            notes=self.notes_edit.text(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: ListsService,
        edition: ListEdition,
        kinds: list[ListKind],
        departments: list[str],
        item: ListItem | None = None,
        *,
        kind: str = "",
    ) -> ListItem | None:
        """Show the dialog; the saved item, or ``None`` when cancelled."""
        dialog = cls(service, edition, kinds, departments, item, parent, kind=kind)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class WithdrawDialog(FormDialog):
    """Withdraw (退出) an item: the date and the reason are required."""

    def __init__(self, service: ListsService, item: ListItem, parent: QWidget | None) -> None:
        super().__init__("退出事项", parent)
        self.setMinimumWidth(520)
        self._service, self._item = service, item
        what = QLabel(f"退出“{item.name}”。事项会留在本版本中，状态改为“已退出”，不再用于审核。")
        what.setWordWrap(True)
        self._form.addRow(what)
        self.date_edit = self.add_field("withdrawn_on", "退出日期", DateEdit())
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.reason_edit = self.add_field("withdrawn_reason", "退出原因", _text_box(80))
        self.reason_edit.setPlaceholderText("如：依据县减负办〔2025〕3号通知取消")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("退出事项")

    def save(self) -> ListItem:
        """Override: withdraw through the service."""
        assert self._item.id is not None
        return self._service.withdraw_item(
            self._item.id,
            _to_date(self.date_edit.date()),
            self.reason_edit.toPlainText(),
            self._item.version,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, service: ListsService, item: ListItem) -> ListItem | None:
        """Show the dialog; the withdrawn item, or ``None`` when cancelled."""
        dialog = cls(service, item, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class EditionDialog(FormDialog):
    """A new draft edition, by default a copy of the items of the edition in force."""

    def __init__(
        self, service: ListsService, in_force: ListEdition | None, parent: QWidget | None
    ) -> None:
        super().__init__("新建草稿版本", parent)
        self.setMinimumWidth(560)
        self._service = service
        self._in_force = {e.document: e for e in service.editions_in_force()}
        self.document_combo = QComboBox()
        for document in service.documents():
            self.document_combo.addItem(document.name, document.code)
        current = in_force.document if in_force is not None else "work"
        self.document_combo.setCurrentIndex(max(0, self.document_combo.findData(current)))
        self.add_field("document", "清单", self.document_combo)
        self.name_edit = self.add_field("name", "版本名称", QLineEdit())
        self.body_edit = self.add_field("issuing_body", "印发机关", QLineEdit())
        self.number_edit = self.add_field("document_number", "文号", QLineEdit())
        self.number_edit.setPlaceholderText("如：南委办发〔2026〕5号，可以以后再填")
        self.notes_edit = self.add_field("notes", "备注", _text_box(52))
        self.copy_check = QCheckBox()
        self.add_field("copy", "", self.copy_check)
        #: the default each field was given for the list chosen
        self._defaults: dict[QLineEdit, str] = {}
        self.document_combo.currentIndexChanged.connect(self._on_document_changed)
        self._on_document_changed()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")

    def _on_document_changed(self) -> None:
        """Offer to copy the chosen list's edition in force; its name and 印发机关 go into the
        fields the clerk has not typed in (they were put over what the clerk typed)."""
        in_force = self._in_force.get(self.document_combo.currentData())
        name = f"{in_force.name}(修订草稿)" if in_force is not None else ""
        body = in_force.issuing_body if in_force is not None else ""
        for edit, value in ((self.name_edit, name), (self.body_edit, body)):
            if edit.text() == self._defaults.get(edit, ""):
                edit.setText(value)
            self._defaults[edit] = value
        if in_force is not None:
            self.copy_check.setText(f"复制施行中版本“{in_force.name}”的有效事项")
            self.copy_check.setEnabled(True)
            self.copy_check.setChecked(True)
        else:
            self.copy_check.setText("这个清单没有施行中的版本，草稿从空白开始")
            self.copy_check.setChecked(False)
            self.copy_check.setEnabled(False)

    def save(self) -> ListEdition:
        """Override: create the draft through the service."""
        edition = ListEdition(
            name=self.name_edit.text(),
            issuing_body=self.body_edit.text(),
            document_number=self.number_edit.text(),
            notes=self.notes_edit.toPlainText(),
            document=self.document_combo.currentData(),
        )
        return self._service.create_edition(edition, copy_in_force=self.copy_check.isChecked())

    @classmethod
    def ask(
        cls, parent: QWidget | None, service: ListsService, in_force: ListEdition | None
    ) -> ListEdition | None:
        """Show the dialog; the new draft, or ``None`` when cancelled."""
        dialog = cls(service, in_force, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class ChooseEditionsDialog(QDialog):
    """Choose the two editions to compare: the older one and the newer one."""

    def __init__(
        self,
        editions: list[ListEdition],
        old_id: int | None,
        new_id: int | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("比较版本")
        self.setMinimumWidth(560)
        self._editions = {e.id: e for e in editions}
        self.old_combo, self.new_combo = QComboBox(), QComboBox()
        for combo, chosen in ((self.old_combo, old_id), (self.new_combo, new_id)):
            for e in editions:
                combo.addItem(edition_label(e), e.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow("原版本", self.old_combo)
        form.addRow("新版本", self.new_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("比较")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.old_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.new_combo.currentIndexChanged.connect(self._on_combo_changed)
        self._on_combo_changed()

    def chosen(self) -> tuple[int, int]:
        """(old edition id, new edition id)."""
        return self.old_combo.currentData(), self.new_combo.currentData()

    def _on_combo_changed(self) -> None:
        old, new = (
            self._editions.get(self.old_combo.currentData()),
            self._editions.get(self.new_combo.currentData()),
        )
        problem = ""
        if old is not None and new is not None:
            if old.id == new.id:
                alone = sum(e.document == old.document for e in self._editions.values()) == 1
                problem = (
                    "这个清单只有这一个版本；新建草稿版本后可与它比较"
                    if alone
                    else "请选择两个不同的版本"
                )
            elif old.document != new.document:
                # 工作事项 against 证明事项 lists every item as added and removed
                problem = "请选择同一清单的两个版本"
        self.error_label.setText(problem)
        self.ok_button.setEnabled(not problem)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        editions: list[ListEdition],
        old_id: int | None = None,
        new_id: int | None = None,
    ) -> tuple[int, int] | None:
        """Show the dialog; (old id, new id), or ``None`` when cancelled."""
        dialog = cls(editions, old_id, new_id, parent)
        try:
            return dialog.chosen() if dialog.exec() else None
        finally:
            dialog.deleteLater()


def default_comparison(
    editions: list[ListEdition], current: ListEdition | None
) -> tuple[int | None, int | None]:
    """The pair a clerk most likely wants: the edition in force against the current draft,
    or the current edition against the one before it; editions of the current edition's list
    only (the demo offered the 工作事项 list against the 证明事项 list)."""
    if current is not None:
        editions = [e for e in editions if e.document == current.document] or editions
    in_force = next((e for e in editions if e.status is EditionStatus.IN_FORCE), None)
    if current is not None and in_force is not None and current.id != in_force.id:
        return in_force.id, current.id
    draft = next((e for e in editions if e.status is EditionStatus.DRAFT), None)
    if in_force is not None and draft is not None:
        return in_force.id, draft.id
    ids = sorted(e.id for e in editions if e.id is not None)
    if len(ids) >= 2:
        return ids[-2], ids[-1]
    return (ids[0], ids[0]) if ids else (None, None)
