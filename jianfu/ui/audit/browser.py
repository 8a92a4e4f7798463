"""The 操作记录 screen: filters on top, the entries, and the selected entry's changes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.audit import AuditEntry, AuditFilter, ChainCheck, entity_label
from jianfu.domain.errors import JianfuError
from jianfu.ui.models.paged_table import Column, PagedTableModel
from jianfu.ui.widgets.feedback import note_missing_in_search
from jianfu.ui.widgets.tables import ColumnFit, wrap_rows

if TYPE_CHECKING:
    from jianfu.services.audit import AuditService
    from jianfu.ui.background import TaskHandle, TaskRunner

SEARCH_DELAY_MS = 250
CENTER = Qt.AlignmentFlag.AlignCenter
CHANGED_BACKGROUND = QColor("#fff3c4")
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b00020; font-weight: bold;"

AUDIT_COLUMNS: list[Column[AuditEntry]] = [
    Column("时间", lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S"), CENTER),
    Column("操作人", lambda e: e.operator_shown, CENTER),
    Column("动作", lambda e: e.action),
    Column("对象", lambda e: e.entity_name, CENTER),
    Column("名称", lambda e: e.record_name),
    Column("改动", lambda e: _summary(e)),
]
#: The columns that wrap, and each one's least width and share of what is left.
AUDIT_WRAPPED = ("动作", "名称", "改动")
AUDIT_FITS = {"动作": (120, 2), "名称": (140, 3), "改动": (140, 3)}


def _summary(entry: AuditEntry) -> str:
    if entry.before is None:
        return "新建"
    changed = [c.label for c in entry.changes() if c.changed]
    return "、".join(changed) if changed else "（无字段变化）"


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class AuditWidget(QWidget):
    """Who changed what and when; the 校验 button checks that nothing was altered afterwards."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    def __init__(
        self, service: AuditService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._verify_task: TaskHandle | None = None

        heading = QLabel("操作记录")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        note = QLabel(
            "每一次新增、修改、停用、导入都记在这里；"
            "每条记录都与上一条环环相扣，事后改动或删除，按“校验”即可发现。"
        )
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)

        self.operator_combo = QComboBox()
        self.entity_combo = QComboBox()
        self.action_combo = QComboBox()
        for combo in (self.operator_combo, self.entity_combo, self.action_combo):
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.use_dates = QCheckBox("日期")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索内容（名称、字段值、编号）…")
        self.search.setClearButtonEnabled(True)
        self.verify_button = QPushButton("校验")
        self.verify_button.setToolTip("逐条核对操作记录，找出事后被改动或删除的记录")
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        for label, widget in (
            ("操作人", self.operator_combo),
            ("对象", self.entity_combo),
            ("动作", self.action_combo),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addSpacing(8)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("至"))
        filters.addWidget(self.date_to)
        filters.addSpacing(8)
        filters.addWidget(self.search, 1)

        self.model: PagedTableModel[AuditEntry] = PagedTableModel(
            AUDIT_COLUMNS, self._fetch, runner=tasks
        )
        self._filter: AuditFilter | None = None  # noted on the GUI thread for the reads
        self.model.sig_reloaded.connect(self._on_model_reloaded)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().hide()
        # The table fills its width: 时间, 操作人 and 对象 whole on one line, 动作, 名称 and
        # 改动 share the rest and wrap into taller rows (a notice's long title in 名称 ended
        # in "…" at 1366×768, and a narrower window scrolled sideways to reach 改动). A width
        # the clerk drags is kept (恢复默认列宽 in the header's menu).
        self.column_fit = ColumnFit(
            self.view,
            [AUDIT_FITS.get(c.header, (56, 0)) for c in AUDIT_COLUMNS],
            key="audit/entries",
            whole=[i for i, c in enumerate(AUDIT_COLUMNS) if c.header not in AUDIT_WRAPPED],
        )
        # (改动 is a list of fields: it wraps between them, not inside 办理日期)
        wrap_rows(self.view, words=(len(AUDIT_COLUMNS) - 1,))
        self.model.sig_reloaded.connect(lambda: self.column_fit.fit(force=True))

        self.detail_title = QLabel("选中一条记录，查看改动前后的值")
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.detail = QTableWidget(0, 3)
        self.detail.setHorizontalHeaderLabels(["字段", "改动前", "改动后"])
        self.detail.verticalHeader().hide()
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.setWordWrap(True)
        header = self.detail.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_label, 1)
        bottom.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        for combo in (self.operator_combo, self.entity_combo, self.action_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self._on_use_dates_toggled)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self._filling = False
        self.refresh()

    # ---- public API

    def refresh(self) -> None:
        """Reload the filter choices and the entries."""
        if self._filling:
            return
        try:
            self._fill_choices()
            self._filter = self.current_filter()
            self.model.reload()
        except JianfuError as err:
            self.count_label.setText(str(err))
            return
        self.count_label.setText(f"共 {self.model.total} 条")
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._show_entry(None)

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the entries off the GUI thread (the rows shown
        stay until the new ones arrive; the selection is kept)."""
        if self._filling:
            return
        self._filter = self.current_filter()
        self.model.reload(background=True)

    def _on_model_reloaded(self) -> None:
        self.count_label.setText(f"共 {self.model.total} 条")

    def current_filter(self) -> AuditFilter:
        """The filter as the clerk set it."""
        dates = self.use_dates.isChecked()
        return AuditFilter(
            operator=self.operator_combo.currentData() or "",
            entity=self.entity_combo.currentData() or "",
            action=self.action_combo.currentData() or "",
            date_from=_date(self.date_from.date()) if dates else None,
            date_to=_date(self.date_to.date()) if dates else None,
            text=self.search.text().strip(),
        )

    def verify(self) -> TaskHandle:
        """Check the chain in the background; the result shows beside the button."""
        self.verify_button.setEnabled(False)
        self.verify_label.setStyleSheet("")
        self.verify_label.setText("正在校验…")
        self._verify_task = self._tasks.run(lambda _progress: self._service.verify(), owner=self)
        self._verify_task.sig_finished.connect(self._on_verify_finished)
        self._verify_task.sig_failed.connect(self._on_verify_failed)
        return self._verify_task

    # ---- helpers

    def _fetch(self, _query: str, offset: int, limit: int):
        # may run on a worker: the filter is the one noted when the reload started
        return self._service.page(self._filter or self.current_filter(), offset, limit)

    def _fill_choices(self) -> None:
        choices = self._service.choices()
        self._filling = True
        try:
            for combo, key, show in (
                (self.operator_combo, "operator", str),
                (self.entity_combo, "entity", entity_label),
                (self.action_combo, "action", str),
            ):
                keep = combo.currentData()
                combo.clear()
                combo.addItem("全部", "")
                for value in choices[key]:
                    combo.addItem(show(value), value)
                combo.setCurrentIndex(max(0, combo.findData(keep)))
        finally:
            self._filling = False

    def _show_entry(self, entry: AuditEntry | None) -> None:
        self.detail.setRowCount(0)
        if entry is None:
            self.detail_title.setText("选中一条记录，查看改动前后的值")
            return
        # a whole table's entry (导入演示数据) names no record: no empty “”
        named = f"“{entry.record_name}”" if entry.record_name else ""
        self.detail_title.setText(
            f"{entry.at:%Y-%m-%d %H:%M:%S}　{entry.operator_shown}　{entry.action}"
            f"　{entry.entity_name}{named}（记录编号 {entry.id}）"
        )
        # What changed first (it was scattered among the unchanged fields, alphabetically:
        # a certificate's 办理 showed 索要单位, 替代途径, 申请人… before 办理结果)
        changes = sorted(entry.changes(), key=lambda c: not c.changed)
        self.detail.setRowCount(len(changes))
        for row, change in enumerate(changes):
            cells = (change.label, change.before, change.after)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if change.changed and entry.before is not None:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                self.detail.setItem(row, col, item)
        self.detail.resizeRowsToContents()

    # ---- slots

    def _on_use_dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.refresh()

    def _on_view_current_changed(self, current, _previous) -> None:
        self._show_entry(self.model.row_at(current.row()) if current.isValid() else None)

    def _on_verify_finished(self, check: ChainCheck) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setStyleSheet(OK_STYLE if check.ok else BROKEN_STYLE)
        self.verify_label.setText(check.message())

    def _on_verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setStyleSheet(BROKEN_STYLE)
        self.verify_label.setText(f"无法校验：{exc}")


def make_audit_widget(
    service: AuditService, tasks: TaskRunner, parent: QWidget | None = None
) -> AuditWidget:
    """The 操作记录 screen."""
    return AuditWidget(service, tasks, parent)
