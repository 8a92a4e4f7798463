"""A searchable, paged list of records with add / edit / deactivate buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import JianfuError
from jianfu.ui.models.paged_table import PagedTableModel
from jianfu.ui.widgets.feedback import note_missing_in_search
from jianfu.ui.widgets.form import ask_before

if TYPE_CHECKING:
    from jianfu.ui.background import TaskRunner

SEARCH_DELAY_MS = 200


class RecordListWidget(QWidget):
    """Search box, "show inactive" switch, the table, and the buttons under a title.

    ``fetch(query, include_inactive, offset, limit)`` pages through the records;
    ``add()`` and ``edit(record)`` open dialogs and return the saved record or ``None``;
    ``toggle(record)`` (de)activates and returns the updated record.
    ``empty_hint``: what the empty table says to do first (nothing there yet, no search).
    """

    sig_changed = Signal()
    """A record was added or changed."""

    def __init__(
        self,
        title: str,
        what: str,
        model_factory: Callable[[Callable[[str, int, int], Any]], PagedTableModel[Any]],
        fetch: Callable[[str, bool, int, int], Any],
        add: Callable[[QWidget], Any],
        edit: Callable[[QWidget, Any], Any],
        toggle: Callable[[Any], Any],
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        empty_hint: str = "",
        search_hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._fetch = fetch
        self._add, self._edit, self._toggle = add, edit, toggle

        heading = QLabel(title)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint or f"搜索{what}名称…")
        self.search.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("显示已停用")
        self.show_inactive.setChecked(True)
        self.count_label = QLabel()

        self._inactive = True  # the check box's, noted on the GUI thread for the reads
        self.model = model_factory(self._page)
        if runner is not None:
            self.model.use_runner(runner)
        self.model.sig_reloaded.connect(
            lambda: self.count_label.setText(f"共 {self.model.total} 个{self._what}")
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(28)
        # no row numbers: beside 排序号 they read as another order (row 11 of 排序号 110)
        self.view.verticalHeader().hide()
        # The column without a width (the name, 备注) takes the room left: 部门's 状态, last,
        # took 600 pixels at 1366×768 for 在用, far from the name it belongs to.
        # A new name: widths remembered for the old layout (状态 stretched) are not restored.
        self.view.setObjectName("record-list")
        header = self.view.horizontalHeader()
        free = [i for i, column in enumerate(self.model.columns) if not column.width]
        header.setStretchLastSection(not free)
        for i, column in enumerate(self.model.columns):
            if column.width:
                self.view.setColumnWidth(i, column.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)

        # A new clerk met an empty white table with the button to press at the foot of it.
        self.empty_hint = QLabel(empty_hint, self.view.viewport())
        self.empty_hint.setObjectName("empty-hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #555; font-size: 11pt; padding: 24px;")
        self.empty_hint.hide()
        self.model.sig_reloaded.connect(self._show_empty_hint)

        self.add_button = QPushButton(f"新增{what}")
        self.edit_button = QPushButton("编辑")
        self.toggle_button = QPushButton("停用")
        for button in (self.edit_button, self.toggle_button):
            button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        self.show_inactive.toggled.connect(self.refresh)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_clicked)
        self.view.doubleClicked.connect(lambda _i: self._on_edit_clicked())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    # ---- public API

    def refresh(self) -> None:
        """Query again with the current search text."""
        self._inactive = self.show_inactive.isChecked()
        try:
            self.model.reload(self.search.text().strip())
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取", str(err))
            return

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the records off the GUI thread when the screen
        has a runner (the rows shown stay until the new ones arrive; the selection is kept)."""
        self._inactive = self.show_inactive.isChecked()
        self.model.reload(self.search.text().strip(), background=True)

    def selected(self) -> Any | None:
        """The selected record, or ``None``."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # ---- slots

    def _page(self, query: str, offset: int, limit: int) -> Any:
        # may run on a worker: the check box's state noted when the reload started
        return self._fetch(query, self._inactive, offset, limit)

    def _show_empty_hint(self) -> None:
        empty = self.model.total == 0 and not self.search.text().strip()
        self.empty_hint.setVisible(empty and bool(self.empty_hint.text()))
        self._place_empty_hint()

    def _place_empty_hint(self) -> None:
        room = self.view.viewport().rect()
        self.empty_hint.setGeometry(room.adjusted(0, 0, 0, -room.height() // 2))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: the empty table's hint keeps to the table's upper half."""
        super().resizeEvent(event)
        self._place_empty_hint()

    def _update_buttons(self) -> None:
        record = self.selected()
        self.edit_button.setEnabled(record is not None)
        self.toggle_button.setEnabled(record is not None)
        active = getattr(record, "active", True)
        self.toggle_button.setText("停用" if active else "启用")

    def _on_add_clicked(self) -> None:
        record = self._add(self)
        if record is not None:
            self._after_change(record)

    def _on_edit_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        saved = self._edit(self, record)
        if saved is not None:
            self._after_change(saved)

    def _on_toggle_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        verb = "停用" if record.active else "启用"
        if not self.confirm_toggle(verb, record.name):
            return
        try:
            saved = self._toggle(record)
        except JianfuError as err:
            QMessageBox.warning(self, f"未能{verb}", str(err))
            self.refresh()
            return
        self._after_change(saved)

    def confirm_toggle(self, verb: str, name: str) -> bool:
        """Whether to 停用 (or 启用) the record named ``name`` (asks the clerk; tests replace
        it). Enter and Esc keep it as it is: the question's 是 was its default, so Enter in
        haste took a village or a department out of every choice."""
        return ask_before(
            self,
            f"{verb}{self._what}",
            f"确定{verb}“{name}”吗？记录会保留。",
            f"{verb}(&S)",
            f"不{verb}(&N)",
            go_role=QMessageBox.ButtonRole.DestructiveRole
            if verb == "停用"
            else QMessageBox.ButtonRole.AcceptRole,
        )

    def _after_change(self, record: Any) -> None:
        self.refresh()
        self.sig_changed.emit()
        for row in range(self.model.rowCount()):
            if getattr(self.model.row_at(row), "id", None) == getattr(record, "id", None):
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                break
