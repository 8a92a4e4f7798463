"""Fast entry of many boards while walking a village: type a name, Enter, next row.

The entry row sits under the boards already recorded, like the new row of a spreadsheet.
Category and placement are picked by a digit (the lists are numbered: 1 门牌, 2 吊牌 …;
1 外部, 2 内部); Tab moves between the fields; the category, placement, room and
department stay as they were, so a run of boards from the same department or room needs
only the names. Each Enter saves one board at once (one unit of work per board).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.boards import BoardInput, Placement, Signboard
from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.ui.widgets.completion import KnownDepartments, complete_department
from jianfu.ui.widgets.form import ERROR_STYLE, NOTE_STYLE

if TYPE_CHECKING:
    from jianfu.services.boards import BoardsService

COLUMNS = ("序号", "牌子名称", "类别", "位置", "房间", "要求挂牌部门", "数量", "允许范围")
WIDTHS = (44, 240, 96, 80, 96, 170, 56, 72)
HINT = (
    "输入牌子名称，按回车保存并开始下一行。类别、位置按数字键选择（如 4 = 制度牌，2 = 内部），"
    "Tab 在各栏之间移动；类别、位置、房间和部门会沿用上一行。按 Esc 或“完成”结束。"
)


class EntryGridDialog(QDialog):
    """Record boards one after another for one village."""

    sig_board_saved = Signal(object)
    """A board was saved (the ``Signboard``)."""

    #: The department typed last, remembered between uses of the dialog.
    last_department = ""
    #: The village chosen last, used when the ledger shows all villages.
    last_village_id: int | None = None

    def __init__(
        self,
        service: BoardsService,
        villages: list[tuple[int, str]],
        categories: list[str],
        departments: list[str],
        village_id: int | None = None,
        parent: QWidget | None = None,
        *,
        department_forms: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("逐块录入牌子")
        self.known_departments = KnownDepartments(department_forms)
        self.resize(960, 560)
        self._service = service
        self.saved: list[Signboard] = []
        self._duplicate_accepted: tuple[int, str] | None = None

        self.village = QComboBox()
        for id_, name in villages:
            self.village.addItem(name, id_)
        if village_id is None:
            village_id = EntryGridDialog.last_village_id
        if village_id is not None:
            self.village.setCurrentIndex(max(0, self.village.findData(village_id)))
        self.village.setMinimumContentsLength(10)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for i, w in enumerate(WIDTHS):
            self.table.setColumnWidth(i, w)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.row_label = QLabel("1")
        self.row_label.setFixedWidth(WIDTHS[0] - 4)
        self.row_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLineEdit()
        self.name.setPlaceholderText("牌子名称")
        self.name.setFixedWidth(WIDTHS[1] - 4)
        self.category = QComboBox()
        for n, name in enumerate(categories, start=1):
            self.category.addItem(f"{n} {name}", name)
        self.category.setFixedWidth(WIDTHS[2] - 4)
        self.placement = QComboBox()
        for n, p in enumerate(Placement, start=1):
            self.placement.addItem(f"{n} {p.value}", p.value)
        self.placement.setFixedWidth(WIDTHS[3] - 4)
        self.room = QLineEdit()
        self.room.setPlaceholderText("房间")
        self.room.setFixedWidth(WIDTHS[4] - 4)
        self.department = QLineEdit(self.last_department)
        self.department.setPlaceholderText("要求挂牌部门")
        self.department.setFixedWidth(WIDTHS[5] - 4)
        completer = complete_department(self.department, departments)
        # Enter in the open list of departments saves the row too (the list took the first
        # Enter to close itself, and the clerk pressed Enter twice for every board)
        completer.popup().installEventFilter(self)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 999)
        self.quantity.setFixedWidth(WIDTHS[6] - 4)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        # the note's line is kept when there is none: the entry row moved a line under the
        # clerk's eyes while a note showed (a longer problem still takes a second line)
        self.error.setText("汉")
        self.error.setMinimumHeight(self.error.sizeHint().height())
        self.error.clear()
        self.count_label = QLabel("本次已录入 0 块")
        self.done_button = QPushButton("完成")
        self.done_button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(QLabel("村(社区)"))
        top.addWidget(self.village)
        top.addStretch(1)
        entry = QHBoxLayout()
        entry.setSpacing(4)
        for w in (
            self.row_label,
            self.name,
            self.category,
            self.placement,
            self.room,
            self.department,
            self.quantity,
        ):
            entry.addWidget(w)
        entry.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.setTabOrder(self.name, self.category)
        self.setTabOrder(self.category, self.placement)
        self.setTabOrder(self.placement, self.room)
        self.setTabOrder(self.room, self.department)
        self.setTabOrder(self.department, self.quantity)
        self.done_button.clicked.connect(self.accept)
        self.placement.currentIndexChanged.connect(self._on_placement_changed)
        self._on_placement_changed(0)
        self.name.setFocus()

    # ---- public API

    def current_input(self) -> BoardInput:
        """The entry row as a board input."""
        return BoardInput(
            self.village.currentData(),
            self.name.text(),
            self.category.currentData() or "",
            self.placement.currentData() or "",
            self.room.text(),
            self.department.text(),
            quantity=self.quantity.value(),
        )

    def _say(self, text: str, style: str = ERROR_STYLE) -> None:
        """The line under the row: a problem in red (the row is not saved until it is put
        right), advice in the notes' amber (a department written in full, a name the village
        has already: read, and the next Enter saves)."""
        self.error.setStyleSheet(style)
        self.error.setText(text)

    def save_row(self) -> Signboard | None:
        """Save the entry row; on success show it above and start the next row.

        A name the village already has is saved only on a second Enter (the clerk may have
        typed the same board twice)."""
        data = self.current_input()
        full = self.known_departments.rewrite(data.department)
        if full is not None:  # 县民政局 for 南屏县民政局: written in full; the next Enter saves
            self._say(KnownDepartments.note(data.department, full, "按回车保存"), NOTE_STYLE)
            self.department.setText(full)
            self.department.setFocus()
            return None
        twin = self._same_name_count(data)
        if twin and self._duplicate_accepted != (data.village_id, data.name.strip()):
            self._duplicate_accepted = (data.village_id, data.name.strip())
            # advice as the department's note is: the next Enter saves the same row (the
            # very same board, which the service refuses whatever is pressed, stays red)
            self._say(
                f"{self.village.currentText()}已有名为“{data.name.strip()}”的牌子"
                f"（{twin} 条记录）。"
                "确是另一块请再按回车保存，否则请修改名称。",
                NOTE_STYLE,
            )
            self.name.setFocus()
            return None
        try:
            board = self._service.add_board(data)
        except ValidationError as err:
            self._say(str(err))
            self._focus_field(err.problems[0].field if err.problems else "name")
            return None
        except JianfuError as err:
            self._say(str(err))
            return None
        self.error.clear()
        self._duplicate_accepted = None
        self.saved.append(board)
        EntryGridDialog.last_department = board.department
        EntryGridDialog.last_village_id = board.village_id
        self._append(board)
        self.name.clear()
        self.quantity.setValue(1)
        self.row_label.setText(str(len(self.saved) + 1))
        self.count_label.setText(f"本次已录入 {len(self.saved)} 块")
        self.name.setFocus()
        self.sig_board_saved.emit(board)
        return board

    def reject(self) -> None:
        """Esc: a half-typed row is saved, dropped or kept on screen as the clerk says."""
        if self._row_settled():
            super().reject()

    def accept(self) -> None:
        """完成: as Esc (it closed and dropped the row typed without a word)."""
        if self._row_settled():
            super().accept()

    def _row_settled(self) -> bool:
        """Whether the entry row may be left: empty, or saved or dropped as the clerk says."""
        if self.name.text().strip():
            choice = self._ask_unsaved_row()
            if choice == "keep" or (choice == "save" and self.save_row() is None):
                return False
        return True

    def _ask_unsaved_row(self) -> str:
        """'save', 'drop' or 'keep' for the row typed but not saved."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "本行尚未保存",
            f"“{self.name.text().strip()}”还没有保存。",
            parent=self,
        )
        save = box.addButton("保存后结束(&S)", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("不保存(&N)", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("继续录入(&C)", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "drop" if clicked is drop else "keep"

    def _same_name_count(self, data: BoardInput) -> int:
        """How many boards of the village bear this name elsewhere (another place or room)."""
        name = "".join(data.name.split())
        if not name or data.village_id is None:
            return 0
        try:
            twins = self._service.namesakes(data.village_id, name)
        except JianfuError:
            return 0
        placement = getattr(data.placement, "value", data.placement)
        room = "".join(data.room.split())
        if any(p == placement and "".join(r.split()) == room for p, r in twins):
            return 0  # the very same board: the service refuses it and says why
        return len(twins)

    # ---- Qt API

    def showEvent(self, event: QShowEvent) -> None:
        """Override: start typing the first name at once."""
        super().showEvent(event)
        self.name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: Enter in the departments' completion list takes the department
        highlighted there (or keeps what is typed when none is) and saves the row."""
        completer = self.department.completer()
        popup = completer.popup() if completer is not None else None
        if (
            watched is popup
            and popup is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            index = popup.currentIndex()
            if index.isValid():
                self.department.setText(str(index.data()))
            popup.hide()
            self.save_row()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override: Enter saves the row (instead of pressing a default button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self.department.completer().popup() if self.department.completer() else None
            if popup is not None and popup.isVisible():
                return
            self.save_row()
            return
        super().keyPressEvent(event)

    # ---- helpers

    def _append(self, board: Signboard) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        values = (
            str(r + 1),
            board.name,
            board.category,
            board.placement.value,
            board.room,
            board.department,
            str(board.quantity),
            "范围内" if board.allowed else "范围外",
        )
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c == 7 and not board.allowed:
                item.setForeground(Qt.GlobalColor.red)
            self.table.setItem(r, c, item)
        self.table.scrollToBottom()

    def _focus_field(self, field: str) -> None:
        widget = {
            "village": self.village,
            "category": self.category,
            "placement": self.placement,
            "room": self.room,
            "department": self.department,
            "quantity": self.quantity,
        }.get(field, self.name)
        widget.setFocus()

    def _on_placement_changed(self, _index: int) -> None:
        inside = self.placement.currentData() == Placement.INSIDE.value
        self.room.setEnabled(inside)
        if not inside:
            self.room.clear()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: BoardsService,
        villages: list[tuple[int, str]],
        categories: list[str],
        departments: list[str],
        village_id: int | None = None,
        *,
        department_forms: Mapping[str, str] | None = None,
    ) -> list[Signboard]:
        """The boards saved while the dialog was open."""
        dialog = cls(
            service,
            villages,
            categories,
            departments,
            village_id,
            parent,
            department_forms=department_forms,
        )
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()
