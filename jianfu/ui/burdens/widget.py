"""The 其他负担 screen: the ledger with filters, entry, bulk clean-up, counts and files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.burdens import (
    PENDING,
    BurdenCounts,
    BurdenFilter,
    BurdenRecord,
    BurdenType,
    CleanupAction,
)
from jianfu.domain.errors import JianfuError
from jianfu.domain.paging import Page
from jianfu.domain.text import mask_id_numbers
from jianfu.domain.units import Unit, VillageTownships
from jianfu.ui.burdens.dialogs import (
    BurdenDialog,
    BurdenImportDialog,
    CleanupDialog,
    date_edit,
    to_date,
)
from jianfu.ui.changes import Change, LatestRead
from jianfu.ui.models.paged_table import Column, PagedTableModel
from jianfu.ui.widgets.feedback import (
    TABLE_FILES,
    FlowScreen,
    note_missing_in_search,
    print_pdf,
    safe_file_name,
)
from jianfu.ui.widgets.form import ask_before
from jianfu.ui.widgets.places import scope_of, township_entries
from jianfu.ui.widgets.tables import ColumnFit, wrap_rows

if TYPE_CHECKING:
    from jianfu.services.burdens import BurdenImportPreview, BurdensService
    from jianfu.ui.background import TaskHandle, TaskRunner

SEARCH_DELAY_MS = 250
CENTER = Qt.AlignmentFlag.AlignCenter
#: the files the import reads, every one under the first filter
IMPORT_FILTER = TABLE_FILES
COUNT_HEADERS = ("清理前", "撤并", "取消", "现有")


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


#: The ledger's columns: (least width in pixels, share of the width left). 类别 wraps at the
#: slash (督查检查/考核评比/观摩), a department's long name on two lines.
LEDGER_COLUMNS = (
    (64, 0),  # 村(社区)
    (118, 0),  # 类别
    (120, 4),  # 名称
    (60, 0),  # 清理方式
    (92, 0),  # 清理日期: a date never breaks
    (96, 1),  # 要求部门
    (48, 0),  # 频次
    (90, 2),  # 依据文件
    (56, 0),  # 备注
)


#: The village column's least width above the township, where it names the township too:
#: 桃源街道 over 北门社区 (at 1366 px one line of both made the ledger scroll sideways).
VILLAGE_WITH_TOWNSHIP = 72


#: The counts panel's width: the type names and four figures.
COUNTS_WIDTH = 386


class BurdensWidget(FlowScreen):
    """The ledger of every village's other burdens, with their clean-up."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    sig_changed = Signal()
    """Entries were added, edited, cleaned, deleted or imported."""

    def __init__(
        self, service: BurdensService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._types: list[BurdenType] = []
        self._villages: list[Unit] = []
        from jianfu.services.people import lists_townships

        # a county's or city's ledger: villages of several townships, each named with its own
        self._above = lists_townships(service.ctx)
        self._townships = VillageTownships()
        self._last_department = ""
        self.last_message = ""
        self.current_task: TaskHandle | None = None
        self.counts: BurdenCounts | None = None

        heading = QLabel("其他负担")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel(
            "工作机制和专人专岗、报表台账、工作群和政务APP、督查检查考核观摩，及其清理情况"
        )
        hint.setStyleSheet("color: #555;")

        self.village_combo = self._combo("全部村(社区)", 10)
        self.type_combo = self._combo("全部类别", 12)
        self.action_combo = self._combo("全部清理情况", 6)
        self.action_combo.addItem(PENDING, PENDING)
        for a in CleanupAction:
            self.action_combo.addItem(a.value, a.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "搜索名称、部门、依据、备注、村(社区)" + ("、乡镇(街道)…" if self._above else "…")
        )
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton("清除筛选")

        self.model: PagedTableModel[BurdenRecord] = PagedTableModel(
            self._columns(), self._fetch, runner=tasks, parent=self
        )
        self._filter: BurdenFilter | None = None  # noted on the GUI thread for the reads
        self._counts_read = LatestRead(tasks, self)
        self.model.sig_reloaded.connect(self._show_count)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().hide()
        # A new name: the widths remembered for the old one-line layout are not restored.
        self.view.setObjectName("burden-ledger")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The ledger fills its width (no sideways scrolling at 1366×768): long texts wrap,
        # 名称, 依据文件 and 要求部门 share what the short columns leave.
        columns = (
            ((VILLAGE_WITH_TOWNSHIP, 0), *LEDGER_COLUMNS[1:]) if self._above else LEDGER_COLUMNS
        )
        self.column_fit = ColumnFit(self.view, columns, key="burdens/ledger")
        wrap_rows(self.view)
        self.view.verticalHeader().setMinimumSectionSize(26)  # one-line rows as before

        # ---- counts panel
        self.counts_box = QGroupBox("清理情况统计")
        self.start_edit = date_edit(dt.date(dt.date.today().year, 1, 1))
        self.end_edit = date_edit(dt.date.today())
        self.counts_scope = QLabel()
        self.counts_scope.setWordWrap(True)
        self.counts_table = QTableWidget(0, len(COUNT_HEADERS))
        self.counts_table.setHorizontalHeaderLabels(list(COUNT_HEADERS))
        self.counts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        note = QLabel("清理前＝期初尚存及期内新增；撤并、取消＝期内清理；现有＝期末尚存（含保留）")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        period = QHBoxLayout()
        period.addWidget(QLabel("自"))
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("至"))
        period.addWidget(self.end_edit)
        box = QVBoxLayout(self.counts_box)
        box.addLayout(period)
        box.addWidget(self.counts_scope)
        box.addWidget(self.counts_table)
        box.addWidget(note)
        box.addStretch(1)
        # As narrow as its figures allow: the ledger beside it takes the width.
        self.counts_box.setMaximumWidth(COUNTS_WIDTH)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.counts_box)
        # The ledger gets the room (类别 whole at 1366 px), the counts keep their width.
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 330])
        splitter.setChildrenCollapsible(False)

        self.add_button = QPushButton("新增")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        self.cleanup_button = QPushButton("批量清理(&C)…")
        self.cleanup_button.setToolTip("选中多行（Ctrl/Shift 加点击），一次记为撤并、取消或保留")
        self.import_button = QPushButton("导入 Excel…")
        self.export_button = QPushButton("导出 Excel…")
        self.print_button = QPushButton("打印台账…")
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(hint, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.village_combo, 1)
        filters.addWidget(self.type_combo, 1)
        filters.addWidget(self.action_combo, 1)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.clear_button)
        bottom = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.cleanup_button):
            bottom.addWidget(button)
        bottom.addSpacing(12)
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        for button in (self.import_button, self.export_button, self.print_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._reload)
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        for combo in (self.village_combo, self.type_combo, self.action_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.start_edit.dateChanged.connect(self._on_period_changed)
        self.end_edit.dateChanged.connect(self._on_period_changed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _i: self._on_edit_button_clicked())
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.cleanup_button.clicked.connect(self._on_cleanup_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.refresh()

    # ---- public API

    def refresh(self) -> None:
        """Read villages and types again (they may have changed elsewhere) and the ledger."""
        try:
            self._types = self._service.types()
            self._villages = self._service.villages()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取", str(err))
            return
        self._townships = VillageTownships.of(self._villages if self._above else ())
        self._refill(
            self.village_combo,
            township_entries(self._villages)
            if self._above
            else [(v.name, v.id) for v in self._villages],
        )
        self._refill(self.type_combo, [(t.name, t.code) for t in self._types])
        self._reload()

    def scope(self) -> tuple[int | None, int | None]:
        """(village id, township id) of the 村(社区) box: one village, one township's villages
        (above the township) or every village (None, None)."""
        return scope_of(self.village_combo.currentData())

    def current_filter(self) -> BurdenFilter:
        """What the table shows."""
        unit_id, township_id = self.scope()
        return BurdenFilter(
            unit_id=unit_id,
            township_id=township_id,
            type=self.type_combo.currentData() or "",
            action=self.action_combo.currentData() or "",
            query=self.search.text().strip(),
        )

    def selected(self) -> list[BurdenRecord]:
        """The selected entries, in table order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.row_at(r) for r in rows]

    def select_ids(self, ids: set[int]) -> int:
        """Select the rows of these entries and show the first; how many were found.

        Further pages are read until the entries are loaded (a new entry may sort far down)."""
        self.view.clearSelection()
        loaded = {self.model.row_at(r).id for r in range(self.model.rowCount())}
        while not ids <= loaded and self.model.canFetchMore():
            before = self.model.rowCount()
            self.model.fetchMore()
            if self.model.rowCount() == before:
                break
            loaded |= {self.model.row_at(r).id for r in range(before, self.model.rowCount())}
        found = 0
        first = None
        flags = (
            self.view.selectionModel().SelectionFlag.Select
            | self.view.selectionModel().SelectionFlag.Rows
        )
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id in ids:
                self.view.selectionModel().select(self.model.index(row, 0), flags)
                found += 1
                first = row if first is None else first
        if first is not None:
            index = self.model.index(first, 0)
            model = self.view.selectionModel()
            model.setCurrentIndex(index, model.SelectionFlag.NoUpdate)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return found

    def counts_rows(self) -> list[list[str]]:
        """The counts panel as text: type name then the figures, one row per type and 合计."""
        out = []
        for r in range(self.counts_table.rowCount()):
            head = self.counts_table.verticalHeaderItem(r).text()
            out.append([head] + [self.counts_table.item(r, c).text() for c in range(4)])
        return out

    # ---- loading

    def _columns(self) -> list[Column[BurdenRecord]]:
        def type_name(r: BurdenRecord) -> str:
            return next((t.name for t in self._types if t.code == r.type), r.type)

        return [
            # above the township: the township over the village, in the column's width; a
            # city's county over both (北岭县/, 石门乡, 清溪村: it broke inside 石门乡)
            Column("村(社区)", lambda r: self._village_text(r.unit_id, r.unit_name)),
            Column("类别", type_name),
            Column("名称", lambda r: mask_id_numbers(r.name)),
            Column("清理方式", lambda r: r.action_text, CENTER),
            Column("清理日期", lambda r: _date_text(r.action_date), CENTER),
            Column("要求部门", lambda r: r.department),
            Column("频次", lambda r: r.frequency, CENTER),
            # an ID number typed into them is masked, as everywhere on screen
            Column("依据文件", lambda r: mask_id_numbers(r.basis)),
            Column("备注", lambda r: mask_id_numbers(r.notes)),
        ]

    def _village_text(self, village_id: int | None, name: str) -> str:
        """The 村(社区) column's text: above the township the township over the village, a
        city's county over both (each line whole: the column keeps its width)."""
        return self._townships.label(village_id, name, "\u2028").replace("/", "/\u2028")

    def _fetch(self, _query: str, offset: int, limit: int) -> Page[BurdenRecord]:
        # may run on a worker: the filter is the one noted when the reload started
        return self._service.page(self._filter or self.current_filter(), offset, limit)

    @staticmethod
    def _combo(everything: str, length: int) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(length)
        combo.addItem(everything, None)
        return combo

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the records and the counts off the GUI thread
        (the rows shown stay until the new ones arrive; the selection is kept)."""
        self._search_timer.stop()
        self._filter = self.current_filter()
        self.model.reload(background=True)
        start, end = to_date(self.start_edit.date()), to_date(self.end_edit.date())
        unit_id, township_id = self.scope()
        if end >= start:
            service = self._service
            self._counts_read.run(
                lambda: service.counts(start, end, unit_id, township_id),
                lambda counts: self._show_counts(counts, start, end, unit_id or township_id),
                lambda exc: self.counts_scope.setText(str(exc)),
            )

    def reload_after_change(self, change: Change) -> None:
        """Records were saved: the villages again when they changed, then the records."""
        if change.touches(("unit",)):
            self.refresh()
        else:
            self.refresh_in_background()

    def _show_count(self) -> None:
        f = self._filter or self.current_filter()
        filtered = any((f.unit_id, f.township_id, f.type, f.action, f.query))
        self.count_label.setText(f"{'符合条件' if filtered else '共'} {self.model.total} 项")
        self._update_buttons()

    def _reload(self) -> None:
        self._search_timer.stop()
        keep = {r.id for r in self.selected()}
        self._filter = self.current_filter()
        try:
            self.model.reload()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取", str(err))
            return
        if keep:
            self.select_ids(keep)
        self._update_buttons()
        self._reload_counts()

    def _reload_counts(self) -> None:
        self._counts_read.forget()  # a count still being read in the background is older
        start, end = to_date(self.start_edit.date()), to_date(self.end_edit.date())
        unit_id, township_id = self.scope()
        if end < start:
            self.counts_scope.setText("结束日期早于开始日期，请改正统计期间。")
            self.counts_table.setRowCount(0)
            return
        try:
            counts = self._service.counts(start, end, unit_id, township_id)
        except JianfuError as err:
            self.counts_scope.setText(str(err))
            return
        self._show_counts(counts, start, end, unit_id or township_id)

    def _show_counts(self, counts: Any, start: dt.date, end: dt.date, unit_id: Any) -> None:
        self.counts = counts
        everything = "全部村(社区)合计" if self._above else "全乡镇合计"
        scope = self.village_combo.currentText() if unit_id is not None else everything
        if self.scope()[1] is not None:  # one township's villages
            scope += "合计"
        self.counts_scope.setText(f"{scope}（{start.isoformat()} 至 {end.isoformat()}）")
        total = self.counts.total
        rows = [(t.name, total.of(t.code)) for t in self.counts.types]
        rows.append(("合计", total.overall))
        self.counts_table.setRowCount(len(rows))
        for r, (name, c) in enumerate(rows):
            self.counts_table.setVerticalHeaderItem(r, QTableWidgetItem(name))
            for col, value in enumerate((c.before, c.merged, c.cancelled, c.now)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(CENTER)
                self.counts_table.setItem(r, col, item)
        table = self.counts_table
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        table.setFixedHeight(height + sum(table.rowHeight(r) for r in range(len(rows))))
        # wide enough for the longest type's name and every count whole (at 1366 px the
        # splitter squeezed 清理前 to 理前 and the totals to …): the ledger gives up the room
        metrics = table.fontMetrics()
        figures = (str(v) for _n, c in rows for v in (c.before, c.merged, c.cancelled, c.now))
        texts = [*COUNT_HEADERS, *figures]
        column = max(metrics.horizontalAdvance(t) for t in texts) + 16
        names = max(metrics.horizontalAdvance(name) for name, _c in rows) + 12
        table.verticalHeader().setMinimumWidth(names)
        table.setMinimumWidth(names + len(COUNT_HEADERS) * column + 2 * table.frameWidth())

    def _update_buttons(self, *_args: Any) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(len(chosen) == 1)
        self.delete_button.setEnabled(len(chosen) == 1)
        self.cleanup_button.setEnabled(bool(chosen))
        self.cleanup_button.setText(
            f"批量清理(&C)（{len(chosen)}）…" if chosen else "批量清理(&C)…"
        )
        has_rows = self.model.total > 0
        self.export_button.setEnabled(has_rows)

    # ---- slots: browsing

    def _on_filter_changed(self, _index: int) -> None:
        self._reload()

    def _on_period_changed(self, *_args: Any) -> None:
        self._reload_counts()

    def _on_clear_button_clicked(self) -> None:
        for combo in (self.village_combo, self.type_combo, self.action_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._reload()

    # ---- slots: entries

    def _on_add_button_clicked(self) -> None:
        try:
            departments = self._service.department_names()
            forms = self._service.department_forms()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取", str(err))
            return
        saved = BurdenDialog.ask(
            self,
            self._service,
            self._villages,
            self._types,
            departments,
            unit_id=self.scope()[0],
            type_code=self.type_combo.currentData() or "",
            department=self._last_department,
            department_forms=forms,
        )
        if saved is not None:
            self._last_department = saved.department
            self._after_change({saved.id}, f"已新增“{saved.name}”")

    def _on_edit_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        try:
            departments = self._service.department_names()
            forms = self._service.department_forms()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取", str(err))
            return
        saved = BurdenDialog.ask(
            self,
            self._service,
            self._villages,
            self._types,
            departments,
            chosen[0],
            department_forms=forms,
        )
        if saved is not None:
            self._after_change({saved.id}, f"已保存“{saved.name}”")

    def confirm_delete(self, text: str) -> bool:
        """Whether to delete (asks the clerk; tests replace it). Enter and Esc keep the record:
        the question's 是 was its default, so Enter in haste deleted it."""
        return ask_before(
            self,
            "删除",
            text,
            "删除(&D)",
            "不删除(&N)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def _on_delete_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        entry = chosen[0]
        if not self.confirm_delete(
            f"确定删除{entry.unit_name}的“{entry.name}”吗？\n\n"
            "删除只用于登记错误的记录；已清理的负担请用“批量清理”记为撤并或取消，以便统计。"
        ):
            return
        try:
            self._service.delete(entry.id, entry.version)
        except JianfuError as err:
            QMessageBox.warning(self, "未能删除", str(err))
            self._reload()
            return
        self._after_change(set(), f"已删除“{entry.name}”")

    def _on_cleanup_button_clicked(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        saved = CleanupDialog.ask(self, self._service, chosen)
        if saved:
            action = saved[0].action_text
            self._after_change({r.id for r in saved}, f"已将 {len(saved)} 项记为{action}")

    def _after_change(self, ids: set[int], message: str) -> None:
        self._reload()
        if ids:
            self.select_ids(ids)
        self._notify(message)
        self.sig_changed.emit()

    # ---- slots: files

    def _on_import_button_clicked(self) -> None:
        service = self._service
        self._import_read(
            "选择要导入的负担台账",
            "正在读取台账文件…",
            lambda path, progress: service.preview_import(path, progress=progress),
            self._on_preview_ready,
            IMPORT_FILTER,
        )

    def _on_preview_ready(self, preview: BurdenImportPreview) -> None:
        names = {t.code: t.name for t in self._types}
        if not BurdenImportDialog.ask(self, preview, names):
            self._import_cancelled()
            return
        service = self._service
        self._import_save(
            "正在导入台账…",
            lambda progress: service.commit_import(preview, progress=progress),
            lambda n: self._after_change(set(), f"已导入 {n} 项"),
        )

    def _scope_name(self) -> str:
        everything = "全部" if self._above else "全乡镇"
        unit_id, township_id = self.scope()
        if township_id is not None:  # the township's name (石门乡), as its clerk's file
            return self.village_combo.currentText().rsplit(" ", 1)[0]
        return self.village_combo.currentText() if unit_id else everything

    def _on_export_button_clicked(self) -> None:
        service, f = self._service, self.current_filter()
        self._export_xlsx(
            "导出 Excel",
            safe_file_name(f"其他负担台账-{self._scope_name()}.xlsx"),
            lambda path, progress: service.export(path, f, progress),
        )

    def _on_print_button_clicked(self) -> None:
        service = self._service
        unit_id, township_id = self.scope()
        start, end = to_date(self.start_edit.date()), to_date(self.end_edit.date())
        # the print preview (打印 / 另存为PDF), as every other print of the app: it went
        # straight to a file dialog
        self.current_task = print_pdf(  # type: ignore[assignment]
            self,
            self._tasks,
            "打印台账",
            safe_file_name(f"其他负担台账-{self._scope_name()}.pdf"),
            lambda: service.print_ledger(unit_id, start, end, township_id),
            on_saved=self._on_file_saved,
        )


def make_burdens_widget(
    service: BurdensService, tasks: TaskRunner, parent: QWidget | None = None
) -> BurdensWidget:
    """The 其他负担 screen."""
    return BurdensWidget(service, tasks, parent)
