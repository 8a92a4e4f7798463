"""The dialog shown when another clerk saved the same record first: what changed, and reload."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.conflicts import ConflictField

CLASH_BACKGROUND = QColor("#ffd6d6")
THEIRS_BACKGROUND = QColor("#fff3c4")


class ConflictDialog(QDialog):
    """Lists each field as 您填写的 / 对方已保存的, and offers to reload the saved record.

    Nothing is saved from here: reloading puts the other clerk's values into the form so the
    clerk can redo the edit on top of them; going back keeps the form as typed.
    """

    def __init__(
        self, message: str, rows: list[ConflictField], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("记录已被他人修改")
        self.setMinimumWidth(640)
        self.rows = rows
        intro = QLabel(
            f"{message}\n下表是这条记录的改动：黄色是对方改过的字段，红色是你们都改了且不一致的字段。"
            "\n“重新载入”会把对方保存的内容放进表单（你填写的内容请对照下表重新填写）。"
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["字段", "您填写的", "对方已保存的"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(rows):
            colour = (
                CLASH_BACKGROUND if row.clash else THEIRS_BACKGROUND if row.theirs_changed else None
            )
            for c, text in enumerate((row.label, row.mine, row.theirs)):
                item = QTableWidgetItem(text or "（空）")
                item.setToolTip(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        if not rows:
            self.table.hide()
            intro.setText(f"{message}\n对方保存的内容与您填写的一致，重新载入即可。")
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton("重新载入对方的版本")
        self.back_button = QPushButton("返回继续编辑")
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(680, 160 + 30 * min(len(rows), 10))

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, rows: list[ConflictField]) -> bool:
        """Show the dialog; ``True`` when the clerk chose to reload."""
        dialog = cls(message, rows, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
