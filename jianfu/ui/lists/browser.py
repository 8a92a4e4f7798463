"""The 清单 screen: browse an edition's items, edit drafts, manage editions, import/export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import JianfuError
from jianfu.domain.lists import (
    EditionStatus,
    ItemNature,
    ItemStatus,
    ListEdition,
    ListFamily,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.services.lists import ItemFilter
from jianfu.ui.lists.compare import CompareDialog
from jianfu.ui.lists.dialogs import (
    ChooseEditionsDialog,
    EditionDialog,
    ItemDialog,
    WithdrawDialog,
    default_comparison,
    edition_label,
)
from jianfu.ui.lists.import_preview import ImportPreviewDialog, ImportRequest
from jianfu.ui.lists.models import ListItemTableModel, item_detail_html
from jianfu.ui.widgets.access import locked_reason
from jianfu.ui.widgets.detail_pane import show_detail
from jianfu.ui.widgets.feedback import FlowScreen, note_missing_in_search, safe_file_name
from jianfu.ui.widgets.tables import ColumnFit, wrap_rows

if TYPE_CHECKING:
    from jianfu.domain.list_diff import EditionDiff
    from jianfu.services.lists import ImportPreview, ListsService
    from jianfu.ui.background import TaskHandle, TaskRunner

SEARCH_DELAY_MS = 250
NO_EDITION_HINT = (
    "<p>还没有任何清单版本。</p><p>点下方“导入 Excel”导入县里发布的准入清单，"
    "或点上方“新建草稿版本”逐项录入。</p>"
)
#: The item columns' least widths and their shares of the room left (see ColumnFit): 编号,
#: 类别, 事项名称, 责任单位, 事项性质, 状态, 设定依据.
LIST_FITS: tuple[tuple[int, int], ...] = (
    (56, 0),
    (90, 0),
    (180, 2),
    (110, 0),
    (64, 0),
    (48, 0),
    (240, 5),
)
#: The columns kept whole on one line.
LIST_WHOLE = (0, 1, 4, 5)
IMPORT_FILTER = (
    "表格文件 (*.xlsx *.xlsm *.xls *.csv *.tsv *.txt);;Excel 表格 (*.xlsx *.xlsm *.xls);;"
    "CSV 或文本文件 (*.csv *.tsv *.txt);;所有文件 (*)"
)


class ListsWidget(FlowScreen):
    """The admission lists: one edition at a time, with kind tabs, search and filters."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    sig_items_changed = Signal()
    """An item was added, edited or withdrawn."""
    sig_editions_changed = Signal()
    """An edition was created, imported or put in force."""

    def __init__(
        self, service: ListsService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._kinds: list[ListKind] = []
        self._families: dict[str, ListFamily] = {}
        self._editions: list[ListEdition] = []
        self.last_message = ""
        self.current_task: TaskHandle | None = None  # the background work started last

        # ---- edition row
        heading = QLabel("清单")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.edition_combo = QComboBox()
        self.edition_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.edition_combo.setMinimumContentsLength(24)
        self.new_draft_button = QPushButton("新建草稿版本")
        self.new_draft_button.setToolTip("复制施行中的版本为草稿，在草稿中增删改事项")
        self.activate_button = QPushButton("施行此版本")
        self.compare_button = QPushButton("比较版本")
        self.edition_info = QLabel()
        self.edition_info.setStyleSheet("color: #555;")
        self.edition_info.setWordWrap(True)

        # ---- kind tabs, search and filters
        self.kind_tabs = QTabBar()
        self.kind_tabs.setExpanding(False)
        self.kind_tabs.setDrawBase(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索事项名称、内容、依据、责任单位…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.department_combo = self._filter_combo("全部责任单位", [], 12)
        self.nature_combo = self._filter_combo("全部性质", [n.value for n in ItemNature], 4)
        self.status_combo = self._filter_combo("全部状态", [s.value for s in ItemStatus], 4)
        self.scope_combo = self._filter_combo("全部范围", [s.value for s in Scope], 5)
        self.clear_filters_button = QPushButton("清除筛选")

        # ---- table and detail
        self.model = ListItemTableModel(self._service.items_page, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setMinimumSectionSize(26)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setToolTip("点列标题按该列排序，再点一次倒序")
        # At 1366×768 设定依据 ended in "…" on one line (the clerk had to hover or select
        # each item to read it): the list fills its width, 编号, 类别, 事项性质 and 状态 stay
        # whole on one line, 事项名称, 责任单位 and 设定依据 share the rest and wrap into
        # taller rows. A width the clerk drags is kept (恢复默认列宽 in the header's menu).
        self.column_fit = ColumnFit(
            self.view, LIST_FITS, key="lists/items", whole=LIST_WHOLE, first=(3,)
        )
        wrap_rows(self.view)
        self.model.sig_reloaded.connect(lambda: self.column_fit.fit(force=True))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.hide()  # until an item is selected: the list has the height
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 170])
        splitter.setChildrenCollapsible(False)

        # ---- item and file buttons
        self.add_button = QPushButton("新增事项")
        self.edit_button = QPushButton("编辑")
        self.withdraw_button = QPushButton("退出事项")
        self.import_button = QPushButton("导入 Excel…")
        self.export_button = QPushButton("导出 Excel…")
        self.print_button = QPushButton("打印公示…")
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel("版本"))
        top.addWidget(self.edition_combo, 1)
        top.addWidget(self.new_draft_button)
        top.addWidget(self.activate_button)
        top.addWidget(self.compare_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.department_combo, self.nature_combo, self.status_combo):
            filters.addWidget(combo, 1)
        filters.addWidget(self.scope_combo, 1)
        filters.addWidget(self.clear_filters_button)
        bottom = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.withdraw_button):
            bottom.addWidget(button)
        bottom.addSpacing(12)
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        for button in (self.import_button, self.export_button, self.print_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.edition_info)
        layout.addWidget(self.kind_tabs)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._reload_items)
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        self.edition_combo.currentIndexChanged.connect(self._on_edition_combo_changed)
        self.kind_tabs.currentChanged.connect(self._on_kind_tabs_changed)
        for combo in (self.department_combo, self.nature_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.scope_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.model.modelReset.connect(self._on_view_selection_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)
        self.new_draft_button.clicked.connect(self._on_new_draft_button_clicked)
        self.activate_button.clicked.connect(self._on_activate_button_clicked)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)

        self.refresh()
        # Only now: enabling sorting asks the model to sort by the indicator at once.
        self.view.setSortingEnabled(True)

    # ---- public API

    def refresh(self, select_edition: int | None = None) -> None:
        """Read kinds and editions again and show the chosen edition's items."""
        try:
            self._kinds = self._service.kinds()
            self._editions = self._service.editions()
            self._families = {d.code: d.family for d in self._service.documents()}
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取清单", str(err))
            return
        self.model.set_kind_names({k.code: k.name for k in self._kinds})
        wanted = select_edition if select_edition is not None else self.edition_combo.currentData()
        self.edition_combo.blockSignals(True)
        self.edition_combo.clear()
        for e in self._editions:
            self.edition_combo.addItem(edition_label(e), e.id)
        if not self._editions:
            self.edition_combo.addItem("（还没有清单版本）", None)
        index = self.edition_combo.findData(wanted) if wanted is not None else -1
        self.edition_combo.setCurrentIndex(max(0, index))  # the one in force comes first
        self.edition_combo.setEnabled(bool(self._editions))
        self.edition_combo.blockSignals(False)
        self._rebuild_kind_tabs()
        self._load_edition()

    def current_edition(self) -> ListEdition | None:
        """The edition shown."""
        wanted = self.edition_combo.currentData()
        return next((e for e in self._editions if e.id == wanted), None)

    def current_kind(self) -> str:
        """The kind code of the chosen tab ('' for 全部)."""
        index = self.kind_tabs.currentIndex()
        return (self.kind_tabs.tabData(index) or "") if index >= 0 else ""

    def item_filter(self) -> ItemFilter | None:
        """What the table shows: the edition, search text, kind and filter choices."""
        edition = self.current_edition()
        if edition is None or edition.id is None:
            return None
        return ItemFilter(
            edition.id,
            query=self.search.text().strip(),
            kind=self.current_kind(),
            department=self.department_combo.currentData() or "",
            nature=self.nature_combo.currentData() or "",
            status=self.status_combo.currentData() or "",
            scope=self.scope_combo.currentData() or "",
        )

    def selected(self) -> ListItem | None:
        """The selected item, or ``None``."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_item(self, item_id: int | None) -> bool:
        """Select the row of the item with this id, if it is shown."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == item_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def kind_tab_texts(self) -> list[str]:
        """The texts of the kind tabs, e.g. 依法履职事项 (21)."""
        return [self.kind_tabs.tabText(i) for i in range(self.kind_tabs.count())]

    # ---- loading

    @staticmethod
    def _filter_combo(everything: str, values: list[str], length: int) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(length)
        combo.addItem(everything, "")
        for value in values:
            combo.addItem(value, value)
        return combo

    def _rebuild_kind_tabs(self) -> None:
        current = self.current_kind()
        self.kind_tabs.blockSignals(True)
        while self.kind_tabs.count():
            self.kind_tabs.removeTab(0)
        self.kind_tabs.addTab("全部")
        self.kind_tabs.setTabData(0, "")
        for k in self._edition_kinds():
            index = self.kind_tabs.addTab(k.name)
            self.kind_tabs.setTabData(index, k.code)
        for i in range(self.kind_tabs.count()):
            if self.kind_tabs.tabData(i) == current:
                self.kind_tabs.setCurrentIndex(i)
        self.kind_tabs.blockSignals(False)

    def _load_edition(self) -> None:
        """The chosen edition changed (or was re-read): its info line, departments, items."""
        edition = self.current_edition()
        departments: list[str] = []
        if edition is not None and edition.id is not None:
            try:
                departments = self._service.departments_of(edition.id)
            except JianfuError as err:
                QMessageBox.warning(self, "无法读取清单", str(err))
        chosen = self.department_combo.currentData()
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItem("全部责任单位", "")
        for name in departments:
            self.department_combo.addItem(name, name)
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(chosen)))
        self.department_combo.blockSignals(False)
        self.edition_info.setText(self._edition_info(edition))
        self._reload_items()

    def _edition_info(self, edition: ListEdition | None) -> str:
        if edition is None:
            return "还没有清单版本：请导入县里发布的 Excel 清单，或新建草稿版本。"
        parts = [f"状态：{edition.status.value}"]
        if edition.document_number:
            parts.append(f"文号：{edition.document_number}")
        if edition.issuing_body:
            parts.append(f"印发：{edition.issuing_body}")
        if edition.effective_date:
            d = edition.effective_date
            parts.append(f"施行日期：{d.year}年{d.month}月{d.day}日")
        # what to do to change it, for whoever may (a reviewer, the mechanism and a shared
        # server's clerks were told to make a draft with 新建草稿版本 greyed out)
        may_change = not locked_reason(self.new_draft_button)
        if edition.status is EditionStatus.DRAFT and may_change:
            parts.append("可新增、编辑事项，改好后施行")
        elif edition.status is EditionStatus.IN_FORCE and may_change:
            parts.append("（修改请新建草稿版本）")
        return "　".join(parts)

    def showEvent(self, event: QShowEvent) -> None:
        """Override: the edition's line as this person may act on it (the screen's buttons are
        locked for the person after it was built)."""
        super().showEvent(event)
        self.edition_info.setText(self._edition_info(self.current_edition()))

    def _reload_items(self) -> None:
        """Query the items again with the current choices; keep the selection if possible."""
        self._search_timer.stop()
        keep = self.selected()
        f = self.item_filter()
        try:
            self._update_kind_counts(f)
            self.model.set_filter(f)
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取清单", str(err))
            return
        total = self.model.total
        filtered = f is not None and any((f.query, f.department, f.nature, f.status, f.scope))
        self.count_label.setText(f"{'符合条件' if filtered else '共'} {total} 项")
        if keep is not None:
            self.select_item(keep.id)
        self._update_buttons()
        if self.current_edition() is None:
            show_detail(self.detail, NO_EDITION_HINT)

    def _update_kind_counts(self, f: ItemFilter | None) -> None:
        """Each tab says how many items of its kind match the other choices."""
        counts: dict[str, int] = {}
        if f is not None:
            found = self._service.kind_counts(f)  # one statement, not a count per kind
            counts = {k.code: found.get(k.code, 0) for k in self._edition_kinds()}
        for i in range(self.kind_tabs.count()):
            code = self.kind_tabs.tabData(i) or ""
            name = "全部" if not code else next(k.name for k in self._kinds if k.code == code)
            count = sum(counts.values()) if not code else counts.get(code, 0)
            self.kind_tabs.setTabText(i, f"{name} ({count})")

    def _update_buttons(self) -> None:
        edition = self.current_edition()
        item = self.selected()
        has_edition = edition is not None
        is_draft = has_edition and edition.status is EditionStatus.DRAFT
        self.add_button.setEnabled(has_edition)
        self.edit_button.setEnabled(item is not None)
        self.withdraw_button.setEnabled(item is not None and item.status is ItemStatus.VALID)
        self.activate_button.setEnabled(is_draft)
        self.activate_button.setToolTip(
            "把这个草稿设为施行中，原施行版本自动废止" if is_draft else "只有草稿版本才能施行"
        )
        self.compare_button.setEnabled(len(self._editions) >= 2)
        self.export_button.setEnabled(has_edition)
        self.print_button.setEnabled(has_edition)
        self.edit_button.setToolTip(
            "修改选中的事项" if is_draft else "施行中或已废止的版本不能直接修改，请新建草稿版本"
        )

    # ---- slots: browsing

    def _on_edition_combo_changed(self, _index: int) -> None:
        self._rebuild_kind_tabs()
        self._load_edition()

    def _edition_kinds(self) -> list[ListKind]:
        """The kinds of the shown edition's list (work items or certificates)."""
        edition = self.current_edition()
        family = self._families.get(edition.document) if edition is not None else None
        if family is None:
            return list(self._kinds)
        return [k for k in self._kinds if k.meaning.family == family]

    def _on_kind_tabs_changed(self, _index: int) -> None:
        self._reload_items()

    def _on_filter_changed(self, _index: int) -> None:
        self._reload_items()

    def _on_clear_filters_button_clicked(self) -> None:
        for combo in (self.department_combo, self.nature_combo, self.status_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.scope_combo.blockSignals(True)
        self.scope_combo.setCurrentIndex(0)
        self.scope_combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._reload_items()

    def _on_view_selection_changed(self, *_args: Any) -> None:
        item = self.selected()
        if item is not None:
            kind = next((k.name for k in self._kinds if k.code == item.kind), item.kind)
            show_detail(self.detail, item_detail_html(item, kind), self.view)
        elif self.current_edition() is not None:
            show_detail(self.detail, None)
        self._update_buttons()

    def _on_view_double_clicked(self, _index: object) -> None:
        edition = self.current_edition()
        if edition is not None and edition.status is EditionStatus.DRAFT:
            self._on_edit_button_clicked()

    # ---- slots: items

    def _require_draft(self, action: str) -> ListEdition | None:
        """The current edition when it is a draft; otherwise say what to do, and ``None``."""
        edition = self.current_edition()
        if edition is None:
            self._tell("还没有清单版本", "请先导入 Excel 清单，或新建草稿版本。")
            return None
        if edition.status is not EditionStatus.DRAFT:
            self._tell(
                "不能直接修改",
                f"“{edition.name}”{edition.status.value}，不能{action}。\n\n"
                "请先点“新建草稿版本”（会复制现有事项），在草稿中修改，改好后点“施行此版本”。\n"
                "施行中的事项如需停止执行，请选中后点“退出事项”。",
            )
            return None
        return edition

    def _on_add_button_clicked(self) -> None:
        edition = self._require_draft("新增事项")
        if edition is None:
            return
        departments = self._departments()
        saved = ItemDialog.ask(
            self, self._service, edition, self._kinds, departments, kind=self.current_kind()
        )
        if saved is not None:
            self._after_item_change(saved, f"已新增事项“{saved.name}”")

    def _on_edit_button_clicked(self) -> None:
        item = self.selected()
        if item is None:
            return
        edition = self._require_draft("修改事项")
        if edition is None:
            return
        saved = ItemDialog.ask(self, self._service, edition, self._kinds, self._departments(), item)
        if saved is not None:
            self._after_item_change(saved, f"已保存事项“{saved.name}”")

    def _on_withdraw_button_clicked(self) -> None:
        item = self.selected()
        edition = self.current_edition()
        if item is None or edition is None:
            return
        if edition.status is EditionStatus.REPEALED:
            self._tell("不能退出", f"“{edition.name}”已废止，其中的事项不能再退出。")
            return
        saved = WithdrawDialog.ask(self, self._service, item)
        if saved is not None:
            self._after_item_change(saved, f"已退出事项“{saved.name}”")

    def _departments(self) -> list[str]:
        return [self.department_combo.itemData(i) for i in range(1, self.department_combo.count())]

    def _after_item_change(self, item: ListItem, message: str) -> None:
        self._load_edition()
        self.select_item(item.id)
        self._notify(message)
        self.sig_items_changed.emit()

    # ---- slots: editions

    def _in_force(self, document: str | None = None) -> ListEdition | None:
        """The edition in force of the current edition's list (or of ``document``)."""
        current = self.current_edition()
        code = document or (current.document if current is not None else "work")
        return next(
            (
                e
                for e in self._editions
                if e.status is EditionStatus.IN_FORCE and e.document == code
            ),
            None,
        )

    def _on_new_draft_button_clicked(self) -> None:
        draft = EditionDialog.ask(self, self._service, self._in_force())
        if draft is not None:
            self.refresh(select_edition=draft.id)
            self._notify(f"已新建草稿版本“{draft.name}”")
            self.sig_editions_changed.emit()

    def _on_activate_button_clicked(self) -> None:
        edition = self.current_edition()
        if edition is None or edition.id is None or edition.status is not EditionStatus.DRAFT:
            return
        old = self._in_force(edition.document)
        try:
            changes = self._service.in_force_changes(edition.id)
        except JianfuError as err:
            QMessageBox.warning(self, "未能施行", str(err))
            return
        repealed = (
            f"{changes.document}现行的“{old.name}”将同时废止，不再用于审核。"
            if old is not None
            else f"{changes.document}目前没有施行中的版本。"
        )
        text = (
            f"确定施行“{edition.name}”吗？\n\n{repealed}\n"
            "施行后，这个版本的事项不能再直接修改，只能退出。\n\n" + "\n".join(changes.lines())
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        # 否 the default: putting a draft in force repeals the edition in force and cannot be
        # taken back, so an Enter pressed in haste does not do it (是 was the default)
        if changes.warnings:  # a kind would be emptied: ask louder
            answer = QMessageBox.warning(
                self, "施行此版本", text, buttons, QMessageBox.StandardButton.No
            )
        else:
            answer = QMessageBox.question(
                self, "施行此版本", text, buttons, QMessageBox.StandardButton.No
            )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            done = self._service.put_in_force(edition.id, edition.version)
        except JianfuError as err:
            QMessageBox.warning(self, "未能施行", str(err))
            self.refresh()
            return
        self.refresh(select_edition=done.id)
        self._notify(f"“{done.name}”已施行" + (f"，“{old.name}”已废止" if old else ""))
        self.sig_editions_changed.emit()

    def _on_compare_button_clicked(self) -> None:
        old_id, new_id = default_comparison(self._editions, self.current_edition())
        chosen = ChooseEditionsDialog.ask(self, self._editions, old_id, new_id)
        if chosen is None:
            return
        old_id, new_id = chosen
        service = self._service
        self._run(
            "正在比较两个版本…",
            lambda _p: service.compare(old_id, new_id),
            on_done=lambda diff: self._show_comparison(diff, old_id, new_id),
            on_error=self._failed("未能比较"),
        )

    def _show_comparison(self, diff: EditionDiff, old_id: int, new_id: int) -> None:
        service = self._service
        CompareDialog.ask(
            self,
            diff,
            lambda allow: service.print_comparison(old_id, new_id, allow_missing=allow),
            self._tasks,
        )

    # ---- slots: files

    def _on_import_button_clicked(self) -> None:
        service = self._service
        self._import_read(
            "选择要导入的清单文件",
            "正在读取清单文件…",
            lambda path, progress: service.preview_import(path, progress=progress),
            self._on_preview_ready,
            IMPORT_FILTER,
        )

    def _on_preview_ready(self, preview: ImportPreview) -> None:
        kind_names = {k.code: k.name for k in self._kinds}
        try:
            department_names = self._service.department_names()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取部门", str(err))
            return
        request = ImportPreviewDialog.ask(
            self, preview, self._editions, kind_names, department_names
        )
        if request is None:
            self._import_cancelled()
            return
        self._commit_import(request)

    def _commit_import(self, request: ImportRequest) -> None:
        service = self._service
        self._import_save(
            "正在导入清单…",
            lambda progress: service.commit_import(
                request.preview,
                create_departments=request.create_departments,
                activate=request.activate,
                progress=progress,
            ),
            lambda editions: self._on_import_done(editions, len(request.preview.items)),
        )

    def _on_import_done(self, editions: list[ListEdition], count: int) -> None:
        self.refresh(select_edition=editions[0].id)
        where = "、".join(f"“{e.name}”（{e.status.value}）" for e in editions)
        self._notify(f"已导入 {count} 个事项到{where}")
        self.sig_editions_changed.emit()

    def _on_export_button_clicked(self) -> None:
        edition = self.current_edition()
        if edition is None or edition.id is None:
            return
        service, edition_id = self._service, edition.id
        self._export_xlsx(
            "导出 Excel",
            safe_file_name(edition.name) + ".xlsx",
            lambda path, progress: service.export_edition(edition_id, path, progress),
        )

    def _on_print_button_clicked(self) -> None:
        edition = self.current_edition()
        if edition is None or edition.id is None:
            return
        service, edition_id = self._service, edition.id
        # the print preview (打印 / 另存为PDF), as every other print of the app: it went
        # straight to a file dialog
        self._print_previewed_asking(
            "打印公示",
            safe_file_name(edition.name) + ".pdf",
            lambda allow: service.print_edition(edition_id, allow_missing=allow),
        )


def make_lists_widget(
    service: ListsService, tasks: TaskRunner, parent: QWidget | None = None
) -> ListsWidget:
    """The 清单 screen."""
    return ListsWidget(service, tasks, parent)
