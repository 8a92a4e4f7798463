"""The 准入审批 screen: cases with their deadlines, the chosen case's history and next steps."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.cases import (
    PENDING_STATUSES,
    AdmissionCase,
    CaseAction,
    CaseStatus,
    action_text,
    format_date,
    period_text,
    standing_label,
)
from jianfu.domain.errors import JianfuError
from jianfu.domain.lists import EditionStatus, ListFamily
from jianfu.domain.paging import Page
from jianfu.domain.text import mask_id_numbers
from jianfu.services.cases import ROLE_LABELS, CaseFilter, CasesService, CaseSummary
from jianfu.services.context import printed_name
from jianfu.ui.background import TaskRunner
from jianfu.ui.cases.dialogs import OpenCaseDialog, StepDialog, who_when
from jianfu.ui.changes import Change, LatestRead
from jianfu.ui.models.paged_table import ROW_ROLE, Column, PagedTableModel, township_column
from jianfu.ui.widgets.feedback import (
    note_missing_in_search,
    notify,
    print_pdf_asking,
    save_pdf,
)
from jianfu.ui.widgets.shortcuts import with_mnemonic
from jianfu.ui.widgets.tables import ColumnFit, keep_words, wrap_rows

OVERDUE = QColor("#b00020")
DUE_SOON = QColor("#8a4b00")
SEARCH_DEBOUNCE_MS = 250

#: The status filter: label → statuses (empty: all).
FILTERS: tuple[tuple[str, tuple[CaseStatus, ...]], ...] = (
    ("全部案件", ()),
    ("办理中", tuple(PENDING_STATUSES)),
    ("退回补正", (CaseStatus.RETURNED,)),
    ("批准准入", (CaseStatus.APPROVED,)),
    ("不予准入", (CaseStatus.REFUSED,)),
    ("已退出", (CaseStatus.WITHDRAWN,)),
)


def _deadline(between: str, summary: CaseSummary) -> str:
    """估 2026-12-04 已逾期 20 个工作日 (the date and what is left, ``between`` them), or ''."""
    if not summary.due:
        return ""
    return ("估 " if summary.warning else "") + f"{summary.due}{between}{summary.deadline_text}"


def _row_color(summary: CaseSummary) -> QColor | None:
    if summary.overdue:
        return OVERDUE
    if summary.days_left is not None and summary.days_left <= 3:
        return DUE_SOON
    return None


#: Buttons whose step name alone says too little on a finished case.
_ACTION_LABELS = {CaseAction.WITHDRAW: "办理准入退出（期满或停止）…"}

#: Each step button's Alt letter: none taken twice on the screen, nor by the menu bar or
#: the print buttons (P, J, L, I) and 工作日设置 (D); see shortcuts.SCREEN_KEYS["cases"].
ACTION_KEYS = {
    CaseAction.SUBMIT_TOWNSHIP_OPINION: "T",
    CaseAction.SUBMIT_COUNTY_REVIEW: "C",
    CaseAction.REFER_TO_MECHANISM: "M",
    CaseAction.APPROVE: "A",
    CaseAction.REFUSE: "R",
    CaseAction.RETURN_FOR_CORRECTION: "B",
    CaseAction.RESUBMIT: "U",
    CaseAction.WITHDRAW: "W",
}

#: What each step button records (its tooltip).
_ACTION_TIPS = {
    CaseAction.SUBMIT_TOWNSHIP_OPINION: "填写乡镇(街道)意见并提交",
    CaseAction.SUBMIT_COUNTY_REVIEW: (
        "报县级主管部门审核，可写报送说明；县级审核意见在“报协调机制”时填写"
    ),
    CaseAction.REFER_TO_MECHANISM: "填写县级审核意见，报送协调机制审批",
    CaseAction.APPROVE: "协调机制批准准入；批准后可打印审批表",
    CaseAction.REFUSE: "不予准入，须写明理由；之后可打印不予准入告知书",
    CaseAction.RETURN_FOR_CORRECTION: "退回部门补正，须写明要补充什么",
    CaseAction.RESUBMIT: "部门补正后重新受理",
    CaseAction.WITHDRAW: "准入期满或部门停止该项工作时，记录该事项退出村(社区)",
}


#: On a shared server the clerk only sends the case up: the county writes its own opinion.
_ACROSS_LEVELS_LABELS = {CaseAction.SUBMIT_COUNTY_REVIEW: "报县级审核"}
_ACROSS_LEVELS_TIPS = {
    CaseAction.SUBMIT_COUNTY_REVIEW: "送县级审核人员审核；县级审核意见由县级审核人员填写",
    CaseAction.REFER_TO_MECHANISM: "填写县级审核意见，报送协调机制审批",
}


def _funding_text(case: AdmissionCase) -> str:
    """经费保障 once: as approved once the case is (the 批准 dialog starts from the request's,
    and 经费保障 and 批准经费 read the same text twice), the request's beside it where the
    approval changed it."""
    asked = case.request.funding
    if case.conditions is None:
        return asked
    granted = case.conditions.funding
    return f"{granted}（申请：{asked}）" if asked and granted != asked else granted


def _lines(text: str) -> str:
    """``text`` for the detail's HTML, its line breaks kept (an opinion typed on two lines
    read as one: 请补充 经费来源的文件); an ID number typed into it masked."""
    return html.escape(mask_id_numbers(text)).replace("\n", "<br>")


def _whole(text: str) -> str:
    """``text`` never broken inside by the detail pane (a date, （已逾期 19 个工作日）): Qt
    breaks Chinese anywhere, and a narrow pane showed 2026年12月9日 至 2027年2月17 / 日."""
    return keep_words(text.replace(" ", "\u00a0"))


class CaseDetailBrowser(QTextBrowser):
    """The case's detail pane; what is copied from it is its plain text, without the word
    joiners that keep its dates whole (:func:`_whole`)."""

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace("\u2060", ""))
        return data


class CaseTableModel(PagedTableModel[CaseSummary]):
    """The cases, page by page, in the order the service gives; a click on a column's header
    orders them by it (``sort_key``, which the screen's reads pass on to the service), a
    third click back in the service's own order (``-1``: no column)."""

    def __init__(
        self,
        columns: list[Column[CaseSummary]],
        keys: list[str],
        fetch: Callable[[str, int, int], Page[CaseSummary]],
        on_sort: Callable[[], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(columns, fetch, **kwargs)
        self._keys = keys
        self._on_sort = on_sort
        self.sort_key: tuple[str, bool] = ("", False)
        """The column's key of ``CASE_SORTS`` and whether descending; ``""``: the service's."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Override: read the cases again in the order of ``column`` (see the class)."""
        key = self._keys[column] if 0 <= column < len(self._keys) else ""
        wanted = (key, order == Qt.SortOrder.DescendingOrder) if key else ("", False)
        if wanted == self.sort_key:
            return
        self.sort_key = wanted
        self._on_sort()


class CasesWidget(QWidget):
    """Admission cases: list, reminders, history, steps and prints."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    PAGE_SIZE = 200
    """The cases read at a time; more as the list is scrolled."""

    def __init__(
        self,
        service: CasesService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        read_now: bool = True,
    ) -> None:
        """``read_now=False``: the cases are read on a worker, as the reminders are (the
        main window's first showing); else the list is filled before the constructor ends."""
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.last_message = ""
        settings = service.settings()
        self._settings = settings
        # above the township (县级审核, 协调机制) the list opens on the cases waiting for them
        queue = service.queue()
        self._filters = ((f"待{ROLE_LABELS[service.role or '']}办理", queue),) if queue else ()
        self._filters += FILTERS
        self._all_index = len(self._filters) - len(FILTERS)  # 全部案件
        self._above = service.role in ("reviewer", "mechanism")
        from jianfu.services.people import lists_townships

        # the list spans several townships (also a county's administrator's): name each case's
        self._townships = lists_townships(service.ctx)

        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("reminders")
        self.reminder_label.setWordWrap(True)
        self.estimate_label = QLabel()
        self.estimate_label.setObjectName("estimates")
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setStyleSheet("color:#8a4b00;")
        self.estimate_label.linkActivated.connect(lambda _link: self._on_workdays())
        self.estimate_label.hide()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("查找：事项、申请单位、文号、编号")
        self.search_edit.setClearButtonEnabled(True)
        self.filter_combo = QComboBox()
        for label, _statuses in self._filters:
            self.filter_combo.addItem(label)
        self.workdays_button = QPushButton("工作日设置…")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.filter_combo)
        top.addWidget(self.workdays_button)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.setToolTip("重新读取案件（共享数据库上其他人办理后会自动刷新）")
        top.addWidget(self.refresh_button)
        # the working-day calendar is the township's to set; the levels above read it
        self.workdays_button.setVisible(not self._above)

        # At 1024 px the list gets about 560 px: its columns needed about 670 (above the
        # township, with 乡镇(街道)) or 690 (the clerk's), and the deadline, last, was out of
        # sight. 审批期限 takes two lines (the date, then what is left) and 当前环节 may wrap;
        # above the township (and a county's administrator) 收文日期 is left to the detail,
        # to make room for the township: the deadline follows from it and is what the levels
        # above work by. The clerk, who enters it, keeps it.
        # each column with the key of the service's order it sorts by (by date, the dates)
        columns: list[tuple[Column[CaseSummary], str]] = [
            (Column("编号", lambda s: s.case.serial_number), "serial"),
            *([(township_column(lambda s: s.township), "township")] if self._townships else []),
            (Column("事项名称", lambda s: s.case.request.title), "title"),
            (Column("申请单位", lambda s: s.case.request.department), "department"),
            *(
                []
                if self._townships
                else [(Column("收文日期", lambda s: str(s.case.request.received_on)), "received")]
            ),
            # short: the mechanism's full name (宁川市党建引领基层治理协调机制审批) is in the detail
            # where the case stands: 待报县级审核 once the township's opinion is given
            (Column("当前环节", lambda s: standing_label(s.case.status, s.case.level)), "status"),
            (Column("审批期限", partial(_deadline, "\u2028")), "due"),
        ]
        self.model = CaseTableModel(
            [column for column, _key in columns],
            [key for _column, key in columns],
            self._fetch,
            self._on_sort,
            page_size=self.PAGE_SIZE,
            foreground=_row_color,
            runner=runner,
        )
        self._keep: int | None = None  # the case to select when the rows arrive
        self._left: str | None = None  # what became of the case a step took out of the list
        self._statuses = self._filters[0][1]  # the filter's, read on the GUI thread
        self._reminders_read = LatestRead(runner, self)
        self.model.sig_reloaded.connect(self._on_model_reloaded)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a header's click orders the list by its column (the service reads the rows in that
        # order, page by page), a second click the other way, a third the list's own order:
        # the newest first, above the township the cases waiting for the level by deadline
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the list's own order
        header.setToolTip("点列标题按该列排序，再点一次倒序，点第三次恢复原来的顺序")
        # The list fills its width and hides nothing: 编号 and the dates on one line, the
        # whole 审批期限 on two (估 2026-12-04 / 已逾期 20 个工作日); 当前环节, then 申请单位,
        # then 事项名称 take what is left up to their whole text, and wrap when it is not
        # enough (they were cut with "…"). A width the clerk drags is kept (恢复默认列宽 in
        # the header's menu).
        title = 2 if self._townships else 1
        # 当前环节 wraps as 协调机制/审批 and 待报县级/审核 (not 协调机制审/批): at least the wider
        # of these first lines, the cell's margins (3 px a side) and the grid's pixel; whole
        # on one line when there is room for all of it
        advance = QFontMetricsF(self.table.font()).horizontalAdvance
        status_least = math.ceil(max(advance("协调机制"), advance("待报县级"))) + 8
        # the clerk's 收文日期 takes the room of 乡镇(街道); 事项名称 gives a little more,
        # so that the least widths fit beside a vertical scroll bar (549 px at 1024)
        title_least = 110 if self._townships else 104
        fits = [(72, 0), *([(80, 0)] if self._townships else []), (title_least, 3), (72, 1)]
        fits += [*([] if self._townships else [(86, 0)]), (status_least, 0), (120, 0)]
        status = len(fits) - 2
        self.column_fit = ColumnFit(
            self.table,
            fits,
            key="cases/list",
            whole=[c for c in range(len(fits)) if c not in (title, title + 1, status)],
            # 当前环节 whole on one line when there is room, before the others grow
            first=(status, title + 1, title),
            whole_or_least=(status,),
        )
        wrap_rows(self.table)
        self.table.verticalHeader().setMinimumSectionSize(26)

        self.detail = CaseDetailBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_detail_anchor_clicked)
        self.actions_box = QHBoxLayout()
        self.actions_box.addStretch(1)
        self.print_sheet = QPushButton("打印审批表…")
        self.print_refusal = QPushButton("打印不予准入告知书…")
        self.print_history = QPushButton("打印办理记录…")
        self.add_to_list = QPushButton("列入清单草稿…")
        prints = QGridLayout()  # two by two, so that the list can take the width it needs
        for i, b in enumerate(
            (self.print_sheet, self.print_refusal, self.print_history, self.add_to_list)
        ):
            prints.addWidget(b, i // 2, i % 2)
        prints.setColumnStretch(2, 1)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.detail, 1)
        self.actions_title = QLabel("办理：")
        rbox.addWidget(self.actions_title)
        rbox.addLayout(self.actions_box)
        rbox.addLayout(prints)
        self.action_buttons: dict[CaseAction, QPushButton] = {}

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder_label)
        layout.addWidget(self.estimate_label)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._reload_list)
        self.search_edit.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search_edit, self)
        # (not refresh itself: it took the filter's index for the case to select)
        self.filter_combo.currentIndexChanged.connect(lambda _index: self._reload_list())
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.workdays_button.clicked.connect(self._on_workdays)
        self.print_sheet.clicked.connect(
            lambda: self._print("审批表", self._service.print_approval_sheet)
        )
        self.print_refusal.clicked.connect(
            lambda: self._print("不予准入告知书", self._service.print_refusal_letter)
        )
        self.print_history.clicked.connect(
            lambda: self._print("办理记录", self._service.print_history)
        )
        self.add_to_list.clicked.connect(self._on_add_to_list)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        # (the order shown by the header is the model's already: nothing is read here)
        self.table.setSortingEnabled(True)
        # others' steps and decisions on a shared server arrive through the window's change
        # signal (ui/change_feed.py): no polling
        if read_now:
            self.refresh()
        else:
            self.refresh_in_background()

    # ---------------------------------------------------------------- public API

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the cases, and the reminders off the GUI thread (every open case is read
        for them: at city scale 440 cases with their histories); keep or set the selection."""
        current = self.selected()
        self._keep = select_id or (current.case.id if current else None)
        self._statuses = self._filters[max(self.filter_combo.currentIndex(), 0)][1]
        self.model.reload(self.search_edit.text())  # selects _keep (_on_model_reloaded)
        self._read_reminders()

    def refresh_in_background(self, *, quiet: bool = False) -> None:
        """Shown, or a save elsewhere: read the cases and the reminders off the GUI thread
        (the rows shown stay until the new ones arrive; the selection is kept). ``quiet``:
        a failed read shows no error box (others' saves: the next one reads again)."""
        current = self.selected()
        self._keep = current.case.id if current else None
        self._statuses = self._filters[max(self.filter_combo.currentIndex(), 0)][1]
        self.model.reload(self.search_edit.text(), background=True, quiet=quiet)
        self._read_reminders(quiet=quiet)

    def _reload_list(self) -> None:
        """A search typed or a filter chosen: the cases read again on a worker, the selected
        one kept. The reminders and the estimates count every open case whatever is searched:
        they stay (each keystroke and filter read the city's 440 open cases again for them)."""
        current = self.selected()
        self._keep = current.case.id if current else None
        self._statuses = self._filters[max(self.filter_combo.currentIndex(), 0)][1]
        self.model.reload(self.search_edit.text(), background=True)

    def _read_reminders(self, *, quiet: bool = False) -> None:
        self._reminders_read.run(
            self._service.reminders_and_estimates,
            lambda found: self._show_reminders(*found),  # type: ignore[misc]
            None if quiet else _raise,
        )

    def _on_model_reloaded(self) -> None:
        if self._keep is not None:
            self.select_case(self._keep)
        self._keep = None
        self._show_selected()
        self.column_fit.fit(force=True)  # the texts' widths changed

    def reload_after_change(self, change: Change) -> None:
        """Records were saved: reload, with the settings first when they changed (the
        mechanism's name is in the steps)."""
        if change.touches(("settings",)):
            self._settings = self._service.settings()
        self.refresh_in_background(quiet=change.remote)  # nobody here asked for others' saves

    def select_case(self, case_id: int) -> bool:
        """Select the case ``case_id`` if it is in the list; while the list is being read
        (the screen just built, a reload), when its rows arrive (首页's reminder of a case
        opens the screen on it)."""
        if self.model.reloading:
            self._keep = case_id
            return True
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).case.id == case_id:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> CaseSummary | None:
        """The case selected in the list."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def open_for_task(self, task_id: int, task_case_id: int | None = None) -> None:
        """Show the task's case, or receive one (受理) when it has none yet."""
        if task_case_id:
            self.filter_combo.setCurrentIndex(self._all_index)
            self.search_edit.clear()
            self.refresh(select_id=task_case_id)
            return
        try:
            request = self._service.request_for_task(task_id)
        except JianfuError as err:
            QMessageBox.warning(self, "未能受理", str(err))
            return
        dialog = OpenCaseDialog(self._service, task_id, request, self)
        try:
            if dialog.exec():
                case = dialog.result_value
                self._notify(f"已受理：{case.request.title}（编号 {case.serial_number}）")
                self.filter_combo.setCurrentIndex(self._all_index)
                self.refresh(select_id=case.id)
                self.focus_list()
        finally:
            dialog.deleteLater()

    # ---------------------------------------------------------------- showing

    def _fetch(self, query: str, offset: int, limit: int) -> Page[CaseSummary]:
        # may run on a worker: the filter and the order are those noted when the reload started
        sort, descending = self.model.sort_key
        f = CaseFilter(query.strip(), self._statuses, sort, descending)
        return self._service.page(f, offset, limit)

    def _on_sort(self) -> None:
        """A header clicked: the cases read again in its order, the selected one kept."""
        current = self.selected()
        self._keep = current.case.id if current else None
        self._statuses = self._filters[max(self.filter_combo.currentIndex(), 0)][1]
        self.model.reload(background=True)

    def _show_reminders(self, found: list, estimated: tuple[int, str]) -> None:
        self._show_reminder_texts(found, estimated)
        self.layout().activate()

    def _show_reminder_texts(self, found: list, estimated: tuple[int, str]) -> None:
        self._show_estimates(estimated)
        overdue = sum(1 for r in found if r.overdue and r.kind.value == "审批期限")
        soon = sum(1 for r in found if not r.overdue)
        expired = sum(1 for r in found if r.kind.value == "准入期满")
        if not found:
            self.reminder_label.setText("没有逾期或 3 个工作日内到期的案件。")
            self.reminder_label.setStyleSheet("color:#1e6b34;")
            return
        parts = []
        if overdue:
            parts.append(f"逾期未决 {overdue} 件")
        if soon:
            parts.append(f"3 个工作日内到期 {soon} 件")
        if expired:
            parts.append(f"准入期满待办理退出 {expired} 件")
        lines = "；".join(f"{r.heading}（{r.text}）" for r in found[:3])
        self.reminder_label.setText("提醒：" + "，".join(parts) + "。" + lines)
        self.reminder_label.setStyleSheet(
            "color:#b00020; font-weight:bold;" if overdue else "color:#8a4b00;"
        )

    def _show_estimates(self, estimated: tuple[int, str]) -> None:
        """Say which deadlines are estimates and how to make them exact (the notice import)."""
        count, warning = estimated
        self.estimate_label.setVisible(bool(count))
        if count:
            self.estimate_label.setText(
                f"有 {count} 件的审批期限标“估”（估计日期）：{warning}。"
                "<a href='import'>导入节假日安排通知…</a>"
            )

    def _show_selected(self) -> None:
        summary = self.selected()
        for button in self.action_buttons.values():
            self.actions_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}
        for b in (self.print_sheet, self.print_refusal, self.print_history, self.add_to_list):
            b.setEnabled(summary is not None)
        if summary is None and self._left is not None:
            self.detail.setHtml(self._left)  # kept through the reloads after the step
            return
        self._left = None
        if summary is None:
            self.actions_title.setText("办理：")  # not what the last case shown allowed
            text = self._nothing_text() if self.model.rowCount() == 0 else "在左侧选择一个案件。"
            self.detail.setHtml(f"<p style='color:#5f6368'>{html.escape(text)}</p>")
            return
        case = summary.case
        self.print_refusal.setEnabled(case.status is CaseStatus.REFUSED)
        self.add_to_list.setEnabled(
            case.status is CaseStatus.APPROVED and case.list_item_id is None
        )
        mine = self._service.actions_for(case)
        if mine:
            title = "办理："
        elif case.allowed_actions():
            title = f"办理：现为“{self._label(case.status, summary)}”，不由本级办理。"
        else:
            title = "办理：本案件已办结，不能再办理其他环节。"
        self.actions_title.setText(title)
        labels, tips = _ACTION_LABELS, _ACTION_TIPS
        if self._service.across_levels:
            labels, tips = labels | _ACROSS_LEVELS_LABELS, tips | _ACROSS_LEVELS_TIPS
        for action in mine:
            button = QPushButton(
                with_mnemonic(labels.get(action, str(action)), ACTION_KEYS.get(action, ""))
            )
            button.setToolTip(tips.get(action, ""))
            button.clicked.connect(lambda _=False, a=action: self.record_step(a))
            self.actions_box.insertWidget(self.actions_box.count() - 1, button)
            self.action_buttons[action] = button
        self.detail.setHtml(self._detail_html(summary))

    def _nothing_text(self) -> str:
        """What the detail says when the list is empty: why (a search, a filter, no case yet)
        and what to do (it said 在左侧选择一个案件 beside an empty list)."""
        query = self.search_edit.text().strip()
        index = self.filter_combo.currentIndex()
        label = self.filter_combo.currentText()
        if query:
            every = index == self._all_index
            return (
                ("" if every else f"在“{label}”中")
                + f"没有与“{query}”相符的案件（查找事项名称、申请单位、文号和编号）。"
                + ("" if every else "可选“全部案件”再找。")
            )
        if self._all_index and index == 0:
            return f"没有{self._filters[0][0]}的案件。各乡镇(街道)报送后会列在这里。"
        if index != self._all_index:
            return f"没有“{label}”的案件。"
        if self._above:
            return "还没有准入审批案件。各乡镇(街道)报送后会列在这里。"
        return "还没有准入审批案件。清单外事项在“事项审核”登记后，按“受理准入申请”开始审批。"

    def _label(self, status: CaseStatus, summary: CaseSummary) -> str:
        """Where the case stands (待报县级审核 once the township's opinion is given), the
        mechanism's step named by the case's own township's mechanism (协调机制审批 → …审批)."""
        name = summary.mechanism_name or self._settings.mechanism_name
        settings = replace(self._settings, mechanism_name=name)
        return standing_label(status, summary.case.level, settings)

    def _waiting_text(self, case: AdmissionCase) -> str:
        """Under 当前环节 of a case whose township's opinion is given and that waits to be sent
        up (a step of its own): who gave it and when, and the button that sends it up when it
        is this person's to press. 乡镇(街道)意见 alone read as if the opinion were missing."""
        if case.status is not CaseStatus.TOWNSHIP_OPINION:
            return ""
        given = case.history[-1]
        forward = case.allowed_actions()[0]  # 提交县级审核, or 报协调机制 (a township's mechanism)
        labels = _ACTION_LABELS | (_ACROSS_LEVELS_LABELS if self._service.across_levels else {})
        button = labels.get(forward, str(forward))
        then = (
            f"请按下方“{button}”报送。"
            if forward in self._service.actions_for(case)
            else "待乡镇(街道)报送。"
        )
        e = html.escape
        return f"<p>乡镇(街道)意见已提交（{e(who_when(given.operator, given.at))}），{e(then)}</p>"

    def _step_text(self, action: CaseAction) -> str:
        """What a step of the history did, by whom it was done: the step's action, as the
        printed 办理记录 has it. The step reached (its status) said the opposite across
        levels: the clerk's sending up read as 县级审核 by the clerk, the reviewer's opinion
        as the mechanism's (协调机制审批 by the county reviewer)."""
        return action_text(action, self._service.across_levels)

    def _detail_html(self, summary: CaseSummary) -> str:
        case, r, e = summary.case, summary.case.request, html.escape
        facts = [
            ("编号", case.serial_number),
            ("申请单位", r.department),
            ("文号", r.document_number),
            ("收文日期", _whole(format_date(r.received_on))),
            # each date whole, the period cut only at its spaces (… 至 / 2027年2月17日)
            ("实施期限", keep_words(period_text(r.start_date, r.end_date))),
            ("事项性质", r.nature.value if r.nature else "未定"),
            ("涉及村(社区)", f"{len(r.villages)} 个"),
            ("村(社区)承担的工作", r.content),
            ("经费保障", _funding_text(case)),
        ]
        if summary.due is not None:
            color = "#b00020" if summary.overdue else "#202124"
            facts.append(
                (
                    "审批期限",
                    f"<span style='color:{color}'>{_whole(format_date(summary.due))}"
                    f"{_whole(f'（{summary.deadline_text}）')}</span>"
                    + (
                        f"<br><span style='color:#8a4b00'>估计日期：{e(summary.warning)}</span>"
                        if summary.warning
                        else ""
                    ),
                )
            )
        if case.conditions is not None:
            c = case.conditions
            facts += [("准入条件", c.conditions), ("人员保障", c.staffing)]
        if self._townships and summary.township:
            facts.insert(0, ("乡镇(街道)", summary.township))
        rows = "".join(
            f"<tr><td style='color:#5f6368;padding-right:8px'>{e(k)}</td>"
            f"<td>{v if k == '审批期限' else _lines(v or '—')}</td></tr>"
            for k, v in facts
        )
        one_line = "<td style='white-space:nowrap'>"  # a date or a name never broken
        steps = "".join(
            f"<tr>{one_line}{s.at:%Y-%m-%d}<br>{s.at:%H:%M}</td>"
            # the step whole (提交乡镇意 / 见 in a narrow pane); 县级审核，/ 报协调机制
            f"{one_line}{e(self._step_text(s.action)).replace('，', '，<br>')}</td>"
            # a login name (root) is no 经办人: blank, as the 办理记录 prints it
            f"{one_line}{e(printed_name(s.operator))}</td><td>{_lines(s.comment)}</td></tr>"
            for s in case.history
        )
        reason = ""
        if (standing := case.standing_reason) is not None:
            # what the department must correct, or why it was refused: it was only in the
            # history's last row, below the fold of the pane
            name, step = standing
            by = e(who_when(step.operator, step.at))
            reason = (
                f"<p style='color:#8a4b00'><b>{e(name)}</b>（{by}）：{_lines(step.comment)}</p>"
            )
        return (
            f"<h3>{_lines(r.title)}</h3>"
            f"<p><b>当前环节：{e(self._label(case.status, summary))}</b></p>{reason}"
            f"{self._waiting_text(case)}"
            f"<table>{rows}</table><h4>办理经过</h4>"
            "<table border='1' cellspacing='0' cellpadding='3'>"
            "<tr><th>时间</th><th>办理</th><th style='white-space:nowrap'>经办人</th>"
            "<th>意见</th></tr>"
            f"{steps}</table>"
        )

    # ---------------------------------------------------------------- actions

    def record_step(self, action: CaseAction) -> None:
        """Open the step dialog for the selected case and save the step."""
        summary = self.selected()
        if summary is None:
            return
        dialog = StepDialog(self._service, summary.case, action, self)
        try:
            if dialog.exec():
                case = dialog.result_value
                self.refresh(select_id=case.id)
                self._notify(f"已办理“{action}”：{case.request.title}")
                shown = self.selected()
                if shown is None or shown.case.id != case.id:
                    self._show_left(action, case, summary.township if self._townships else "")
                self.focus_list()
            elif getattr(dialog, "conflict_message", ""):
                self.refresh(select_id=summary.case.id)  # show where the case stands now
                self.focus_list()
        finally:
            dialog.deleteLater()

    def focus_list(self) -> None:
        """The cursor on the list, on the case selected: after a step the button the clerk
        pressed is gone (the buttons follow the case's new status) and Qt gave the focus to
        the navigation on the left, so the clerk had to click back into the cases."""
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if rows and self.table.currentIndex().row() != rows[0].row():
            selection.setCurrentIndex(rows[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_left(self, action: CaseAction, case: AdmissionCase, township: str = "") -> None:
        """The case a step took out of the list shown (the reviewer's or the mechanism's
        queue): say so where its details were, with the way to it (to print the 审批表 or
        the 不予准入告知书 the step allows). The list showed nothing selected, no word.
        ``township``: the case's, where the list names each (every township numbers its own
        cases: two 2026-004 stood in the reviewer's queue)."""
        e = html.escape
        where = f"{e(township)} " if township else ""
        self._left = (
            f"<p>已办理“{e(str(action))}”：{e(case.request.title)}"
            f"（{where}编号 {e(case.serial_number)}）。</p>"
            f"<p>它已不在“{e(self.filter_combo.currentText())}”中。"
            f"<a href='case:{case.id}'>在“全部案件”中查看、打印</a></p>"
        )
        self.detail.setHtml(self._left)

    def _on_detail_anchor_clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "case" and value.isdigit():
            self._left = None
            self.filter_combo.setCurrentIndex(self._all_index)  # reloads
            self.search_edit.clear()
            self.refresh(select_id=int(value))

    def select_workdays(self, _record_id: int | None = None) -> bool:
        """Open the 工作日设置 dialog (from the dashboard's calendar reminder)."""
        self._on_workdays()
        return True

    def _on_workdays(self) -> None:
        # with it comes reading the notice's Word/Excel files: not with the screen
        from jianfu.ui.cases.calendar_dialog import WorkdaysDialog

        dialog = WorkdaysDialog(self._service, self)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def _on_add_to_list(self) -> None:
        summary = self.selected()
        if summary is None or summary.case.id is None:
            return
        lists = self._service.lists
        # a task goes into a draft of a work-item list: the last draft of any list was taken,
        # and a certificate list's draft made after the work list's refused it
        work = {d.code for d in lists.documents() if d.family is ListFamily.WORK}
        drafts = [
            e for e in lists.editions() if e.status is EditionStatus.DRAFT and e.document in work
        ]
        if not drafts:
            QMessageBox.information(
                self,
                "没有草稿版本",
                "列入清单须先在“清单”界面新建下一版工作事项准入清单草稿，再回到这里列入。",
            )
            return
        edition = drafts[-1]
        answer = QMessageBox.question(
            self, "列入清单草稿", f"把“{summary.case.request.title}”列入“{edition.name}”？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            assert edition.id is not None
            self._service.add_to_edition(summary.case.id, edition.id)
        except JianfuError as err:
            QMessageBox.warning(self, "未能列入", str(err))
            return
        self._notify(f"已列入“{edition.name}”")
        self.refresh()

    def _print(self, what: str, make: Callable[..., bytes]) -> None:
        """打印: ``make(case_id, allow_missing=…)`` in the print preview, asked first when a
        character would print as □."""
        summary = self.selected()
        if summary is None or summary.case.id is None:
            return
        case_id = summary.case.id
        suggested = f"{what}-{summary.case.serial_number}.pdf"
        self.current_task = print_pdf_asking(
            self,
            self._runner,
            f"打印{what}",
            suggested,
            lambda allow: make(case_id, allow_missing=allow),
        )

    def save_pdf(self, path: Path, make: Callable[[], bytes]) -> None:
        """Build a PDF off the GUI thread and write it to ``path``."""
        save_pdf(self, self._runner, path, make)

    def _notify(self, text: str) -> None:
        notify(self, text)


def make_cases_widget(
    service: CasesService, runner: TaskRunner, *, read_now: bool = True
) -> CasesWidget:
    """The 准入审批 screen; ``read_now=False`` reads its cases on a worker (the main
    window's first showing: the GUI thread lays the screen out meanwhile)."""
    return CasesWidget(service, runner, read_now=read_now)


def _raise(exc: object) -> None:
    """A background read failed: the error box, as for any error on the GUI thread."""
    if isinstance(exc, BaseException):
        raise exc
