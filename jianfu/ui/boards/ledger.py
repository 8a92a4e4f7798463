"""The 牌子 screen: the ledger of every village with filters, bulk disposition, fast entry,
photos and inspections, the allowed set, Excel import/export and prints."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.boards import (
    IN_RANGE_PENDING,
    BoardFilter,
    BoardPhoto,
    BoardStatus,
    PhotoStage,
    Signboard,
)
from jianfu.domain.errors import JianfuError
from jianfu.domain.units import VillageTownships
from jianfu.ui.boards.dialogs import (
    AllowedSetDialog,
    BoardDialog,
    BoardImportDialog,
    CloseOutDialog,
    DisposeDialog,
    InspectionDialog,
    PeriodDialog,
    PhotoViewDialog,
    load_scaled_image,
)
from jianfu.ui.boards.entry import EntryGridDialog
from jianfu.ui.boards.models import BoardTableModel, board_detail_html
from jianfu.ui.changes import Change, LatestRead
from jianfu.ui.widgets.access import enable_or_say_why
from jianfu.ui.widgets.button_row import TwoPartRow
from jianfu.ui.widgets.feedback import TABLE_FILES, FlowScreen, note_missing_in_search
from jianfu.ui.widgets.form import ask_before
from jianfu.ui.widgets.places import scope_of, township_entries
from jianfu.ui.widgets.printing import open_file_names
from jianfu.ui.widgets.tables import ColumnFit, WrappingDelegate, wrap_rows

if TYPE_CHECKING:
    from jianfu.domain.progress import Progress
    from jianfu.services.boards import BoardImportPreview, BoardsService
    from jianfu.ui.background import TaskHandle, TaskRunner

SEARCH_DELAY_MS = 250
#: the files the import reads, every one under the first filter
IMPORT_FILTER = TABLE_FILES
PHOTO_FILTER = "图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff);;所有文件 (*)"
DETAIL_HINT = "<p style='color:#777'>选中一块牌子，这里显示它的情况、照片和复查记录。</p>"
#: Why 逐块录入 and 打印本村台账 are greyed out: each board belongs to a village.
NO_VILLAGES = "还没有村(社区)：请先在“村(社区)”中添加，才能录入和打印牌子台账"
#: the detail pane of an empty ledger (it said 选中一块牌子 beside an empty table)
EMPTY_HINT = (
    "<p style='color:#555'>还没有登记牌子。请点下方“逐块录入”按村(社区)一块块录入，"
    "或用“导入 Excel”导入村里报来的牌子台账。</p>"
)
FLAG_CHOICES = (
    ("范围内外全部", None, False),
    ("范围外（需处置）", True, False),
    ("范围内", False, False),
    ("待办：范围外未处置和反弹", None, True),
)

#: The status filter as the ledger's 状态 column reads: a board in range still stored 待处置
#: shows 待核定 (a clerk read 待处置 beside a 村民委员会 门牌 as "to be taken down").
STATUS_CHOICES = (
    BoardStatus.PENDING.value,
    IN_RANGE_PENDING,
    BoardStatus.DISPOSED.value,
    BoardStatus.CLOSED.value,
    BoardStatus.RELAPSED.value,
)
STATUS_TIP = "待处置：允许范围外、尚未处置的牌子；待核定：允许范围内、尚未确认保留或规范的牌子"
#: 待处置 and 待核定: both stored 待处置, told apart by the allowed set (范围外 / 范围内).
PENDING_FLAGGED = {BoardStatus.PENDING.value: True, IN_RANGE_PENDING: False}

#: The views 首页's reminders open (status, 范围 choice): the boards a reminder counts.
REMINDER_VIEWS: dict[str, tuple[str, str]] = {
    "pending": (BoardStatus.PENDING.value, FLAG_CHOICES[1][0]),  # 范围外, not yet dealt with
    "relapsed": (BoardStatus.RELAPSED.value, ""),
    "disposed": (BoardStatus.DISPOSED.value, ""),  # waiting for the review
}

#: The ledger's columns: (least width in pixels, share of the width left): 村(社区), 牌子名称,
#: 类别, 位置, 要求挂牌部门, 数量, 允许范围, 处置, 处置日期, 状态, 照片.
LEDGER_COLUMNS = (
    (60, 0),
    (146, 3),
    (64, 0),  # 阵地标识 on one line
    (96, 0),  # 内部·服务大厅 on one line
    (100, 2),
    (36, 0),
    (62, 0),
    (44, 0),
    (88, 0),  # a date never breaks
    (62, 0),
    (40, 0),
)

#: The ledger's columns of one short text each (类别, 位置, 数量 … 照片): ``ShortCellDelegate``.
LEDGER_SHORT_COLUMNS = (2, 3, 5, 6, 7, 8, 9, 10)


class ShortCellDelegate(WrappingDelegate):
    """Cells of a word, a number or a date: measured as every cell of the ledger (the sizes
    kept), painted by Qt's own delegate, which wraps such a text as well. Painted from Python
    (the call for each cell, a text layout built and drawn), a page's paint took twice as
    long: a filter 1.2-1.4x slower than before the ledger wrapped its texts."""

    paint = QStyledItemDelegate.paint  # type: ignore[assignment]


#: The village column's least width above the township, where it names the township too.
VILLAGE_WITH_TOWNSHIP = 128


class BoardsWidget(FlowScreen):
    """The signboard ledger of the whole township (every village), 100,000+ boards."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    sig_boards_changed = Signal()
    """Boards were added, changed or disposed."""

    def __init__(
        self,
        service: BoardsService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        read_now: bool = True,
    ) -> None:
        """``read_now=False``: the ledger and its reminders are read on a worker (the main
        window's first showing); else they are filled before the constructor ends."""
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._villages: list[tuple[int, str]] = []
        self._categories: list[str] = []
        from jianfu.services.people import lists_townships

        # a county's or city's ledger: villages of several townships, each named with its own
        self._above = lists_townships(service.ctx)
        self._townships = VillageTownships()
        self.last_message = ""
        self.current_task: TaskHandle | None = None
        self._thumb_handles: list[TaskHandle] = []
        self._photos: list[BoardPhoto] = []

        heading = QLabel("牌子")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.attention_label = QLabel()
        self.attention_label.setStyleSheet("color: #b00020;")
        self.rules_button = QPushButton("允许挂牌范围…")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.attention_label, 1)
        top.addWidget(self.rules_button)

        self.village_combo = self._combo("全部村(社区)", 10)
        self.category_combo = self._combo("全部类别", 5)
        self.status_combo = self._combo("全部状态", 5)
        for text in STATUS_CHOICES:
            self.status_combo.addItem(text, text)
        self.status_combo.setToolTip(STATUS_TIP)
        self.flag_combo = QComboBox()
        for text, _flag, _attention in FLAG_CHOICES:
            self.flag_combo.addItem(text)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索牌子名称、部门、房间…")
        self.search.setClearButtonEnabled(True)
        self.clear_filters_button = QPushButton("清除筛选")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.village_combo, self.category_combo, self.status_combo, self.flag_combo):
            filters.addWidget(combo, 1)
        filters.addWidget(self.clear_filters_button)

        self.model = BoardTableModel(
            self._service.page,
            self,
            runner=self._tasks,
            village_text=(
                (lambda id_, name: self._townships.label(id_, name)) if self._above else None
            ),
        )
        self._attention_read = LatestRead(self._tasks, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setMinimumSectionSize(26)
        self.view.verticalHeader().hide()
        # A new name: widths remembered for the old layout are not restored (see ColumnFit).
        self.view.setObjectName("board-ledger")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # villages in the clerk's order
        header.setToolTip("点列标题按该列排序，再点一次倒序")
        # Every column shows at 1366×768 (照片 was cut, the list scrolled sideways): 牌子名称
        # and 要求挂牌部门 share what the short columns leave, and wrap when longer.
        columns = (
            ((VILLAGE_WITH_TOWNSHIP, 0), *LEDGER_COLUMNS[1:]) if self._above else LEDGER_COLUMNS
        )
        # 村(社区) as wide as its header with the sort arrow and its names (the arrow covered
        # the header's closing bracket: 村(社区▾)
        self.column_fit = ColumnFit(self.view, columns, key="boards/ledger", whole=(0,))
        wrap_rows(self.view)
        short = ShortCellDelegate(self.view)
        for column in LEDGER_SHORT_COLUMNS:
            self.view.setItemDelegateForColumn(column, short)

        # ---- detail pane: facts, photos, inspections
        self.detail = QTextBrowser()
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setHtml(DETAIL_HINT)
        self.photo_list = QListWidget()
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(96, 96))
        self.photo_list.setGridSize(QSize(116, 128))
        self.photo_list.setWordWrap(True)
        self.photo_list.setFixedHeight(136)
        self.photo_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.setToolTip("双击查看大图")
        self.add_before_button = QPushButton("整改前照片…")
        self.add_after_button = QPushButton("整改后照片…")
        self.view_photo_button = QPushButton("看大图")
        self.inspection_list = QListWidget()
        self.inspection_list.setWordWrap(True)
        self.inspect_button = QPushButton("复查…")
        photo_buttons = QHBoxLayout()
        for b in (self.add_before_button, self.add_after_button, self.view_photo_button):
            photo_buttons.addWidget(b)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 3)
        side_layout.addWidget(QLabel("照片"))
        side_layout.addWidget(self.photo_list)
        side_layout.addLayout(photo_buttons)
        inspection_row = QHBoxLayout()
        inspection_row.addWidget(QLabel("复查记录"))
        inspection_row.addStretch(1)
        inspection_row.addWidget(self.inspect_button)
        side_layout.addLayout(inspection_row)
        side_layout.addWidget(self.inspection_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        # The ledger gets the room: at 1366 px its 状态 column shows whole.
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 250])
        splitter.setChildrenCollapsible(False)

        self.entry_button = QPushButton("逐块录入…")
        self.entry_button.setToolTip("键盘快速录入：输入名称按回车即保存并进入下一行")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        self.dispose_button = QPushButton("批量处置(摘除)…")
        self.close_out_button = QPushButton("销号…")
        self.count_label = QLabel()
        self.import_button = QPushButton("导入 Excel…")
        self.export_button = QPushButton("导出 Excel…")
        self.print_button = QPushButton("打印本村台账…")
        self.closeout_print_button = QPushButton("打印销号清单…")
        # the files' buttons go under the others when the window is narrow (1024 pixels)
        self.bottom_row = TwoPartRow(
            (
                self.entry_button,
                self.edit_button,
                self.delete_button,
                self.dispose_button,
                self.close_out_button,
                8,
                self.count_label,
            ),
            (
                self.import_button,
                self.export_button,
                self.print_button,
                self.closeout_print_button,
            ),
        )
        self.model.sig_reloaded.connect(self._on_model_reloaded)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.bottom_row)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.reload(reminders=False))
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        for combo in (self.village_combo, self.category_combo, self.status_combo, self.flag_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.view.doubleClicked.connect(self._on_edit_button_clicked)
        self.model.modelReset.connect(self._on_view_selection_changed)
        self.rules_button.clicked.connect(self._on_rules_button_clicked)
        self.entry_button.clicked.connect(self._on_entry_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.dispose_button.clicked.connect(self._on_dispose_button_clicked)
        self.close_out_button.clicked.connect(self._on_close_out_button_clicked)
        self.add_before_button.clicked.connect(lambda: self._add_photos(PhotoStage.BEFORE))
        self.add_after_button.clicked.connect(lambda: self._add_photos(PhotoStage.AFTER))
        self.view_photo_button.clicked.connect(self._on_view_photo_button_clicked)
        self.photo_list.itemDoubleClicked.connect(self._on_view_photo_button_clicked)
        self.inspect_button.clicked.connect(self._on_inspect_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.closeout_print_button.clicked.connect(self._on_closeout_print_button_clicked)

        # read once, in the order the header shows (turning sorting on read it again)
        shown = self.view.horizontalHeader()
        self.model.sort_without_reading(shown.sortIndicatorSection(), shown.sortIndicatorOrder())
        self.refresh(background=not read_now)
        self.view.setSortingEnabled(True)

    # ---- public API

    def refresh(self, *, background: bool = False) -> None:
        """Read villages and categories again and query the ledger (``background``: the
        ledger and its reminders on a worker)."""
        try:
            villages = self._service.villages()
            self._categories = [c.name for c in self._service.categories()]
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取牌子台账", str(err))
            return
        self._villages = [(v.id, v.name) for v in villages]
        self._townships = VillageTownships.of(villages if self._above else ())
        self._fill(
            self.village_combo,
            "全部村(社区)",
            # above the township: each township's entry (石门乡 全部村(社区)) before its villages
            township_entries(villages) if self._above else [(v.name, v.id) for v in villages],
        )
        self._fill(self.category_combo, "全部类别", [(c, c) for c in self._categories])
        if background:
            self._search_timer.stop()
            self.model.set_filter(self.board_filter(), background=True)
            self._attention_read.run(self._service.attention, self._show_attention)
            return
        self.reload()

    def scope(self) -> tuple[int | None, int | None]:
        """(village id, township id) of the 村(社区) box: one village, one township's villages
        (above the township) or every village (None, None)."""
        return scope_of(self.village_combo.currentData())

    def board_filter(self) -> BoardFilter:
        """The filter the table shows."""
        _text, flagged, attention = FLAG_CHOICES[max(0, self.flag_combo.currentIndex())]
        status = self.status_combo.currentData() or ""
        if status in PENDING_FLAGGED:
            if flagged is None or flagged == PENDING_FLAGGED[status]:
                flagged = PENDING_FLAGGED[status]
                status = BoardStatus.PENDING.value
            else:  # 待核定 with 范围外, 待处置 with 范围内: nothing, as both filters say
                status = IN_RANGE_PENDING  # a label, never a stored status: matches none
        village_id, township_id = self.scope()
        return BoardFilter(
            village_id=village_id,
            townships=(township_id,) if township_id is not None else (),
            category=self.category_combo.currentData() or "",
            status=status,
            flagged=flagged,
            attention=attention,
            query=self.search.text().strip(),
        )

    def reload(self, *, reminders: bool = True) -> None:
        """Query the ledger again with the current filter; keep the selection if shown.

        ``reminders=False`` (another filter or search, nothing saved): the reminders above
        the table are not read again; they count the whole ledger, whatever the filter."""
        self._search_timer.stop()
        keep = self.selected()
        try:
            self.model.set_filter(self.board_filter())
            if reminders:
                self._attention_read.forget()
                self._show_attention(self._service.attention())
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取牌子台账", str(err))
            return
        self._show_count()
        if keep:  # every board still shown stays selected (only the first did)
            self.select_board(keep[0].id)
            flags = (
                self.view.selectionModel().SelectionFlag.Select
                | self.view.selectionModel().SelectionFlag.Rows
            )
            for board in keep[1:]:
                row = self.model.row_of(board.id)
                if row >= 0:
                    self.view.selectionModel().select(self.model.index(row, 0), flags)
        self._update_buttons()

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the ledger and its reminders off the GUI thread
        (the rows shown stay until the new ones arrive; the selection is kept)."""
        self._search_timer.stop()
        self.model.reload(background=True)  # with the filter of the last query
        self._attention_read.run(self._service.attention, self._show_attention)

    def reload_after_change(self, change: Change) -> None:
        """Records were saved: the villages again when they changed, then the ledger."""
        if change.touches(("unit",)):
            self.refresh()
        else:
            self.refresh_in_background()

    def _on_model_reloaded(self) -> None:
        self._show_count()
        self._update_buttons()
        if not self.selected():
            self.detail.setHtml(self._detail_hint())

    def _detail_hint(self) -> str:
        """What the detail pane says with no board selected: what to do first when the
        ledger is empty (no filter), else to select one."""
        if self.model.total or self._filtered():
            return DETAIL_HINT
        if not self._villages:
            return f"<p style='color:#555'>{NO_VILLAGES}。</p>"
        return EMPTY_HINT

    def _show_attention(self, attention: object) -> None:
        flagged, relapsed = attention  # type: ignore[misc]
        parts = []
        if flagged:
            parts.append(f"{flagged} 块范围外的牌子待处置")
        if relapsed:
            parts.append(f"{relapsed} 块复查反弹")
        self.attention_label.setText("；".join(parts))

    def _filtered(self) -> bool:
        """Whether the table shows part of the ledger (a filter or a search is set)."""
        f = self.board_filter()
        return any((f.village_id, f.category, f.status, f.query, f.attention)) or (
            f.flagged is not None
        )

    def _show_count(self) -> None:
        filtered = self._filtered()
        self.count_label.setText(f"{'符合条件' if filtered else '共'} {self.model.total} 条")

    def selected(self) -> list[Signboard]:
        """The selected boards, in table order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.row_at(r) for r in rows]

    def show_view(self, view: str) -> None:
        """Show only the boards of a reminder of 首页 (``VIEWS``): its 打开 showed the whole
        ledger of 245 boards under "112 块牌子已处置，等待复查销号". The ledger is read on a
        worker."""
        status, flag = REMINDER_VIEWS.get(view, ("", ""))
        combos = (self.village_combo, self.category_combo, self.status_combo, self.flag_combo)
        for combo in combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status or None)))
        if flag:
            self.flag_combo.setCurrentIndex(max(0, self.flag_combo.findText(flag)))
        for combo in combos:
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.model.set_filter(self.board_filter(), background=True)

    def select_board(self, board_id: int) -> bool:
        """Select the row of this board, if it is loaded."""
        row = self.model.row_of(board_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    # ---- helpers: building

    @staticmethod
    def _combo(everything: str, length: int) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(length)
        combo.addItem(everything, None)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        one = len(chosen) == 1
        self.edit_button.setEnabled(one)
        self.delete_button.setEnabled(one)
        self.inspect_button.setEnabled(one)
        self.add_before_button.setEnabled(one)
        self.add_after_button.setEnabled(one)
        self.view_photo_button.setEnabled(one and self.photo_list.count() > 0)
        self.close_out_button.setEnabled(bool(chosen))
        self.dispose_button.setEnabled(self.model.total > 0)
        none = "" if self._villages else NO_VILLAGES
        enable_or_say_why(self.print_button, none)
        enable_or_say_why(self.entry_button, none)

    # ---- slots: browsing

    def _on_filter_changed(self, _index: int) -> None:
        self.reload(reminders=False)

    def _on_clear_filters_button_clicked(self) -> None:
        for combo in (self.village_combo, self.category_combo, self.status_combo, self.flag_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload(reminders=False)

    def _on_view_selection_changed(self, *_args: Any) -> None:
        chosen = self.selected()
        self.photo_list.clear()
        self.inspection_list.clear()
        self._photos = []
        if len(chosen) == 1:
            board = chosen[0]
            self.detail.setHtml(
                board_detail_html(board, self._townships.township(board.village_id))
            )
            self._show_photos(board)
            self._show_inspections(board)
        elif chosen:
            total = sum(b.quantity for b in chosen)
            self.detail.setHtml(f"<p>已选中 {len(chosen)} 条（{total} 块）牌子。</p>")
        else:
            self.detail.setHtml(self._detail_hint())
        self._update_buttons()

    def _show_inspections(self, board: Signboard) -> None:
        try:
            inspections = self._service.inspections(board.id)
        except JianfuError as err:
            self.inspection_list.addItem(str(err))
            return
        for i in inspections:
            found = "仍挂着" if i.found_hanging else "未见"
            relapse = "【复查反弹】" if i.relapse else ""
            text = f"{i.inspected_on.isoformat()} {i.inspector}：{found}{relapse}"
            if i.finding:
                text += f"，{i.finding}"
            self.inspection_list.addItem(text)
        if not inspections:
            self.inspection_list.addItem("（还没有复查）")

    # ---- photos

    def _show_photos(self, board: Signboard) -> None:
        """List the photos at once; their thumbnails are made off the GUI thread."""
        try:
            self._photos = self._service.photos(board.id)
        except JianfuError as err:
            self.photo_list.addItem(str(err))
            return
        service = self._service
        for photo in self._photos:
            item = QListWidgetItem(f"{photo.stage.value}\n{photo.original_name[:12]}")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(
                f"{photo.original_name}　{photo.width}×{photo.height}　"
                f"{photo.size_bytes / 1024 / 1024:.1f} MB"
            )
            self.photo_list.addItem(item)
            handle = self._tasks.run(lambda _p, ph=photo: service.thumbnail(ph), owner=self)
            handle.sig_finished.connect(lambda data, pid=photo.id: self._on_thumbnail(pid, data))
            handle.sig_failed.connect(lambda exc, pid=photo.id: self._on_thumbnail_failed(pid, exc))
            self._thumb_handles = [h for h in self._thumb_handles if not h.done] + [handle]

    def _item_for(self, photo_id: int) -> QListWidgetItem | None:
        for r in range(self.photo_list.count()):
            item = self.photo_list.item(r)
            if item.data(Qt.ItemDataRole.UserRole) == photo_id:
                return item
        return None

    def _on_thumbnail(self, photo_id: int, data: bytes) -> None:
        item = self._item_for(photo_id)
        if item is None:
            return  # another board was chosen meanwhile
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        item.setIcon(QIcon(pixmap))

    def _on_thumbnail_failed(self, photo_id: int, exc: object) -> None:
        item = self._item_for(photo_id)
        if item is not None:
            item.setText(f"{item.text()}\n（无缩略图）")
            item.setToolTip(str(exc))

    def _add_photos(self, stage: PhotoStage) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        files, _ = open_file_names(self, f"选择{stage.value}照片", "", PHOTO_FILTER)
        if not files:
            return
        board, service = chosen[0], self._service
        self._run(
            "正在添加照片…",
            lambda _p: service.add_photos(board.id, [Path(f) for f in files], stage),
            on_done=lambda result: self._on_photos_added(board, result),
            on_error=self._failed("未能添加照片"),
        )

    def _on_photos_added(self, board: Signboard, result: tuple[list, list[str]]) -> None:
        added, problems = result
        if problems:
            QMessageBox.warning(self, "部分文件未添加", "以下文件未添加：\n" + "\n".join(problems))
        self._after_change(board.id, f"已添加 {len(added)} 张照片")

    def _on_view_photo_button_clicked(self, *_args: Any) -> None:
        item = self.photo_list.currentItem() or self.photo_list.item(0)
        if item is None:
            return
        photo = next((p for p in self._photos if p.id == item.data(Qt.ItemDataRole.UserRole)), None)
        if photo is None:
            return
        try:
            path = str(self._service.photo_path(photo))
        except JianfuError as err:
            QMessageBox.warning(self, "无法打开照片", str(err))
            return
        caption = f"{photo.stage.value}：{photo.original_name}"
        self._run(
            "正在打开照片…",
            lambda _p: load_scaled_image(path),
            on_done=lambda image: self._show_photo(caption, image),
            on_error=self._failed("无法打开照片"),
        )

    def _show_photo(self, caption: str, image: Any) -> None:
        dialog = PhotoViewDialog(caption, image, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # ---- slots: editing

    def _department_choices(self) -> tuple[list[str], dict[str, str]]:
        """The departments 要求挂牌部门 offers and the forms it writes in full (none when
        they cannot be read: the field is then free text, as before)."""
        try:
            return self._service.departments(), self._service.department_forms()
        except JianfuError:
            return [], {}

    def _on_entry_button_clicked(self) -> None:
        departments, forms = self._department_choices()
        saved = EntryGridDialog.ask(
            self,
            self._service,
            self._villages,
            self._categories,
            departments,
            self.scope()[0],
            department_forms=forms,
        )
        if saved:
            self._after_change(saved[-1].id, f"已录入 {len(saved)} 块牌子")

    def _on_edit_button_clicked(self, *_args: Any) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        departments, forms = self._department_choices()
        saved = BoardDialog.ask(
            self,
            self._service,
            chosen[0],
            self._villages,
            self._categories,
            departments=departments,
            department_forms=forms,
        )
        if saved is not None:
            self._after_change(saved.id, f"已保存“{saved.name}”")

    def confirm_delete(self, text: str) -> bool:
        """Whether to delete (asks the clerk; tests replace it). Enter and Esc keep the record:
        the question's 是 was its default, so Enter in haste deleted it."""
        return ask_before(
            self,
            "删除牌子",
            text,
            "删除(&D)",
            "不删除(&N)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def _on_delete_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        board = chosen[0]
        if not self.confirm_delete(
            f"确定删除“{board.village}”的“{board.name}”吗？\n"
            "只用于删除登记错误的记录；已摘除的牌子请登记处置，不要删除。"
        ):
            return
        try:
            self._service.delete_board(board.id, board.version)
        except JianfuError as err:
            QMessageBox.warning(self, "未能删除", str(err))
            return
        self._after_change(None, f"已删除“{board.name}”")

    def _on_dispose_button_clicked(self) -> None:
        chosen = self.selected()
        matching = self.model.total
        request = DisposeDialog.ask(self, len(chosen), matching, self._service.today())
        if request is None:
            return
        service, f = self._service, self.board_filter()
        ids = None if request.all_matching else [b.id for b in chosen]

        def work(progress: Progress) -> tuple[int, int]:
            chosen_ids = ids if ids is not None else service.ids(f)
            done = service.dispose(
                chosen_ids,
                request.disposition,
                request.on,
                reviewer=request.reviewer,
                progress=progress,
                redo=request.redo,
            )
            return done, len(set(chosen_ids))

        def said(counts: tuple[int, int]) -> str:
            n, total = counts
            kept = f"（另 {total - n} 块已处置的保留原处置）" if total > n else ""
            return f"已把 {n} 块牌子标为“{request.disposition.value}”{kept}"

        keep = chosen[0].id if chosen else None
        self._run(
            "正在保存处置…",
            work,
            on_done=lambda counts: self._after_change(keep, said(counts)),
            on_error=self._failed("未能处置，没有保存任何改动"),
        )

    def _on_close_out_button_clicked(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        done = CloseOutDialog.ask(self, self._service, chosen)
        if done is not None:
            self._after_change(chosen[0].id, f"已销号 {done} 块牌子")

    def _on_inspect_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        result = InspectionDialog.ask(self, self._service, chosen[0])
        if result is not None:
            inspection, board = result
            note = "，发现又挂回：已标为“复查反弹”" if inspection.relapse else ""
            self._after_change(board.id, f"已记录复查{note}")

    def _on_rules_button_clicked(self) -> None:
        changed = AllowedSetDialog.ask(self, self._service)
        if changed is not None:
            self._after_change(None, f"允许范围已保存，{changed} 块牌子的标记随之改变")

    # ---- slots: files

    def _on_import_button_clicked(self) -> None:
        self._import_read(
            "选择牌子台账文件",
            "正在读取牌子台账…",
            self._service.preview_import,
            self._on_preview_ready,
            IMPORT_FILTER,
        )

    def _on_preview_ready(self, preview: BoardImportPreview) -> None:
        if not BoardImportDialog.ask(self, preview):
            self._import_cancelled()
            return
        service = self._service
        self._import_save(
            "正在导入牌子…",
            lambda progress: service.commit_import(preview, progress),
            lambda n: self._after_change(None, f"已导入 {n} 条牌子记录"),
        )

    def _on_export_button_clicked(self) -> None:
        service, f = self._service, self.board_filter()
        self._export_xlsx(
            "导出牌子台账",
            "牌子台账.xlsx",
            lambda path, progress: service.export(path, f, progress),
        )

    def _on_print_button_clicked(self) -> None:
        village_id = self.scope()[0]
        if village_id is None:
            chosen = self.selected()
            village_id = chosen[0].village_id if chosen else None
        if village_id is None:
            self._tell("请选择村(社区)", "请先在上方选择一个村(社区)，或选中它的一块牌子。")
            return
        # the print's title: above the township with its township (石门乡清溪村)
        name = self._townships.label(village_id, dict(self._villages).get(village_id, ""), "")
        service = self._service
        # the print preview (打印 / 另存为PDF), as every other print of the app: it went
        # straight to a file dialog
        self._print_previewed(
            "打印本村台账", f"{name}牌子台账.pdf", lambda: service.print_inventory(village_id)
        )

    def _on_closeout_print_button_clicked(self) -> None:
        period = PeriodDialog.ask(self, self._service.today())
        if period is None:
            return
        start, end = period
        service, (village_id, township_id) = self._service, self.scope()
        self._print_previewed(
            "打印销号清单",
            f"牌子销号清单{start:%Y%m%d}-{end:%Y%m%d}.pdf",
            lambda: service.print_closeout(start, end, village_id, township_id),
        )

    # ---- helpers

    def _after_change(self, board_id: int | None, message: str) -> None:
        self.reload()
        if board_id is not None:
            self.select_board(board_id)
            self._on_view_selection_changed()
        self._notify(message)
        self.sig_boards_changed.emit()


def make_boards_widget(
    service: BoardsService,
    tasks: TaskRunner,
    parent: QWidget | None = None,
    *,
    read_now: bool = True,
) -> BoardsWidget:
    """The 牌子 screen; ``read_now=False`` reads its ledger on a worker (the main window's
    first showing: the GUI thread lays the screen out meanwhile)."""
    return BoardsWidget(service, tasks, parent, read_now=read_now)
