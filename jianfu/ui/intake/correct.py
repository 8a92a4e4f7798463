"""更正审核结论: put right a recorded task whose finding cites an item of another list.

Records saved before the form refused it (负面 citing a 协助办理事项, 清单内 citing a negative
item) kept a finding their own item contradicts, and answered resends of the notice with it.
The clerk chooses which half was meant: the finding that follows the item recorded, or the
finding kept with an item of its own list. The record changes only through this dialog, and
the audit trail keeps the record before and after.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.tasks import Task, TaskDecision

#: the finding the other list's item gives (负面 with an assisting item: 清单内)
_OTHER = {TaskDecision.NEGATIVE: TaskDecision.IN_LIST, TaskDecision.IN_LIST: TaskDecision.NEGATIVE}
_OWN_ITEMS = {TaskDecision.NEGATIVE: "负面清单事项", TaskDecision.IN_LIST: "依法履职或协助办理事项"}


class CorrectFindingDialog(QDialog):
    """The record, what is wrong, and the two ways to put it right."""

    def __init__(
        self, task: Task, items: list[tuple[int, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("更正审核结论")
        self.setMinimumWidth(560)
        d = task.data
        assert d.decision is not None
        self._task = task
        head = QLabel(
            f"<b>{_e(d.title)}</b><br>{d.received_on or ''}　{_e(d.department)}"
            f"{'　' + _e(d.document_number) if d.document_number else ''}"
        )
        head.setWordWrap(True)
        problem = QLabel(
            f"{_e(task.mismatch)}。这条记录登记时，表单尚未核对所选事项属于哪个清单；"
            "以后同一通知再来时，审核不会把它当作定论，直到在这里更正。"
        )
        problem.setWordWrap(True)
        problem.setStyleSheet("color: #a50e0e;")
        other = _OTHER[d.decision]
        self.follow_radio = QRadioButton(f"改为“{other}”，对应事项仍为“{d.item_name}”")
        self.keep_radio = QRadioButton(f"保留“{d.decision}”，改选{_OWN_ITEMS[d.decision]}：")
        self.follow_radio.setEnabled(d.item_id is not None)
        group = QButtonGroup(self)
        group.addButton(self.follow_radio)
        group.addButton(self.keep_radio)
        self.item_combo = QComboBox()
        self.item_combo.setMinimumContentsLength(24)
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for item_id, name, kind in items:
            self.item_combo.addItem(name, item_id)
            self.item_combo.setItemData(
                self.item_combo.count() - 1, f"{name}（{kind}）", Qt.ItemDataRole.ToolTipRole
            )
        self.item_combo.setEnabled(False)
        self.keep_radio.setEnabled(bool(items))
        self.keep_radio.toggled.connect(self.item_combo.setEnabled)
        (self.follow_radio if d.item_id is not None else self.keep_radio).setChecked(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("可不填，如：当时误选事项")
        self.reason_edit.setMaxLength(200)
        form = QFormLayout()
        form.addRow("更正说明", self.reason_edit)
        note = QLabel(
            "审核结论随所选事项而定：依法履职、协助办理事项为“清单内”，负面清单事项为“负面”。"
            "更正前后的内容都记入“操作记录”；已打印的告知书不会改变。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("更正")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(problem)
        layout.addWidget(self.follow_radio)
        layout.addWidget(self.keep_radio)
        layout.addWidget(self.item_combo)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, str] | None:
        """The item the record is to cite and the 更正说明, or None (nothing chosen)."""
        reason = self.reason_edit.text().strip()
        if self.follow_radio.isChecked() and self._task.data.item_id is not None:
            return self._task.data.item_id, reason
        item_id = self.item_combo.currentData()
        return (int(item_id), reason) if self.keep_radio.isChecked() and item_id else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, task: Task, items: list[tuple[int, str, str]]
    ) -> tuple[int, str] | None:
        """The item chosen and the 更正说明, or ``None`` when the clerk cancels."""
        dialog = cls(task, items, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()


def _e(text: str) -> str:
    import html

    return html.escape(text)
