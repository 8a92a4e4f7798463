"""The 证明 screen: the register with search and filters, outcomes, prints and figures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.certificates import CertificateFigures, CertificateRequest, Outcome
from jianfu.domain.errors import JianfuError
from jianfu.domain.periods import PeriodKind, current_period
from jianfu.domain.units import village_label
from jianfu.services.certificates import CertificateFilter
from jianfu.ui.certificates.dialogs import NewRequestDialog, OutcomeDialog
from jianfu.ui.certificates.models import (
    FIGURE_HEADERS,
    GROUPED_FIRST_HEADER,
    CertificateTableModel,
    agency_rows,
    figure_rows,
    request_detail_html,
    township_rows,
)
from jianfu.ui.changes import Change, LatestRead
from jianfu.ui.glyphs import missing_note
from jianfu.ui.models.text_table import TextTableModel
from jianfu.ui.widgets.button_row import TwoPartRow
from jianfu.ui.widgets.detail_pane import show_detail
from jianfu.ui.widgets.feedback import FlowScreen, note_missing_in_search, print_pdf_asking
from jianfu.ui.widgets.places import scope_of, township_entries
from jianfu.ui.widgets.tables import ColumnFit, wrap_rows

if TYPE_CHECKING:
    from jianfu.services.certificates import CertificatesService
    from jianfu.ui.background import TaskHandle, TaskRunner

SEARCH_DELAY_MS = 300
#: Period choices: label -> how to compute (start, end) from today; None = no limit.
PERIODS: tuple[tuple[str, str], ...] = (
    ("本季度", "quarter"),
    ("本月", "month"),
    ("上季度", "last_quarter"),
    ("本年", "year"),
    ("全部", "all"),
    ("自定时段", "custom"),
)
#: The register's texts that wrap into taller rows (the others stay whole on one line).
WRAPPED = ("要证明的事项", "审核结论", "索要单位")
#: Each register column's least width and its share of what is left (see ColumnFit).
REGISTER_FITS: dict[str, tuple[int, int]] = {
    "要证明的事项": (130, 3),
    "审核结论": (150, 4),
    "索要单位": (96, 2),
}


def register_fit(header: str) -> tuple[int, int]:
    """A register column's least width and weight: a short column its header's room."""
    return REGISTER_FITS.get(header, (56, 0))


#: The earliest day "全部" reaches back to in the figures.
EPOCH = dt.date(2000, 1, 1)


def period_dates(key: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a period choice (``None`` for "全部")."""
    if key == "month":
        p = current_period(today, PeriodKind.MONTH)
    elif key == "quarter":
        p = current_period(today, PeriodKind.QUARTER)
    elif key == "last_quarter":
        p = current_period(today, PeriodKind.QUARTER).previous()
    elif key == "year":
        p = current_period(today, PeriodKind.YEAR)
    else:
        return None, None
    return p.start, p.end


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', "_", name)


class FiguresPanel(QWidget):
    """Issued / refused / unlisted per village, and the agencies asking for forbidden ones.

    ``grouped`` (above the township): each township's row with its sums, its villages
    indented under it."""

    def __init__(self, parent: QWidget | None = None, *, grouped: bool = False) -> None:
        super().__init__(parent)
        self._grouped = grouped
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        headers = FIGURE_HEADERS
        if grouped:
            headers = (GROUPED_FIRST_HEADER, *FIGURE_HEADERS[1:])
        self.village_model = TextTableModel(headers, bold_last=True, parent=self)
        self.agency_model = TextTableModel(("索要单位", "次数", "索要的不应出具证明"), parent=self)
        self.villages = QTableView()
        self.villages.setModel(self.village_model)
        self.agencies = QTableView()
        self.agencies.setModel(self.agency_model)
        for table in (self.villages, self.agencies):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.villages.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agencies.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        agency_title = QLabel("索要不应出具证明最多的单位（上报以便从源头减少索要）")
        agency_title.setStyleSheet("font-weight: bold;")
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.villages, 1)
        right = QVBoxLayout()
        right.addWidget(agency_title)
        right.addWidget(self.agencies, 1)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def set_figures(self, f: CertificateFigures, label: str) -> None:
        """Show the figures of a period."""
        units = "各乡镇(街道)、村(社区)" if self._grouped else "各村(社区)"
        self.title.setText(f"{label}{units}证明办理情况（按申请日期）")
        rows = figure_rows(f, grouped=self._grouped)
        self.village_model.set_rows(rows, township_rows(rows) if self._grouped else ())
        self.agency_model.set_rows(agency_rows(f))

    def village_texts(self) -> list[list[str]]:
        """The per-village table as text, for tests."""
        return self.village_model.texts()

    def agency_texts(self) -> list[list[str]]:
        """The agency table as text, for tests."""
        return self.agency_model.texts()


class CertificatesWidget(FlowScreen):
    """The certificate register of the township."""

    loads_when_built = True
    """Filled by its constructor: the main window does not refresh it again on first show."""

    sig_request_changed = Signal(int)
    """A request was registered or its outcome recorded (its id)."""

    def __init__(
        self,
        service: CertificatesService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        read_now: bool = True,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._today = today or dt.date.today()
        self.last_message = ""
        self.current_task: TaskHandle | None = None

        heading = QLabel("证明")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel("证明申请登记簿：对照可出具/不应出具证明事项清单；身份证号只显示遮蔽后的号码")
        hint.setStyleSheet("color: #555;")
        self.period_combo = QComboBox()
        for label, key in PERIODS:
            self.period_combo.addItem(label, key)
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.village_combo = QComboBox()
        self.village_combo.addItem("全部村(社区)", None)
        # as wide as its longest entry (石门乡 全部村(社区)): the villages arrive after the
        # first showing, which cut them to 石门乡 全部村
        self.village_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem("全部结果", None)
        for outcome in Outcome:
            self.outcome_combo.addItem(outcome.short, outcome)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "搜索申请人、事项、用途、索要单位、编号；也可输入完整身份证号"
        )
        if not service.finds_by_id_number:  # the levels above may not read the number
            self.search.setPlaceholderText("搜索申请人、事项、用途、索要单位、编号")
        self.search.setClearButtonEnabled(True)
        # the tooltip says it all when a narrow window (1024 pixels) cuts the placeholder
        self.search.setToolTip(self.search.placeholderText())
        self.search.setMinimumWidth(160)

        from jianfu.services.people import lists_townships

        self._filter: CertificateFilter | None = None  # noted on the GUI thread for the reads
        self._selecting: int | None = None  # asked for by select_request, its rows being read
        self._widen = False  # not among the filtered rows: read the whole register once
        self._figures_read = LatestRead(self._tasks, self)
        self._villages_read = LatestRead(self._tasks, self)
        self.model = CertificateTableModel(
            self._fetch,
            self,
            runner=self._tasks,
            townships=lists_townships(service.ctx),
        )
        self._above = lists_townships(service.ctx)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setMinimumSectionSize(26)
        # At 1366×768 the register fills its width and cuts no text (要证明的事项 and 审核结论
        # ended in "…", above the township 索要单位 too, and the list scrolled sideways): 编号,
        # dates, names, the ID number, the village and 办理结果 stay whole on one line,
        # 要证明的事项, 审核结论 and 索要单位 share the rest and wrap into taller rows. A width
        # the clerk drags is kept (恢复默认列宽 in the header's menu).
        self.column_fit = ColumnFit(
            self.view,
            [register_fit(c.header) for c in self.model.columns],
            key="certificates/register",
            whole=[i for i, c in enumerate(self.model.columns) if c.header not in WRAPPED],
        )
        wrap_rows(self.view)
        self.model.sig_reloaded.connect(lambda: self.column_fit.fit(force=True))
        self.detail = QTextBrowser()
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.hide()  # until a request is selected: the register has the height
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.figures = FiguresPanel(grouped=lists_townships(service.ctx))
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "登记簿")
        self.tabs.addTab(self.figures, "统计")
        # the figures are read off the GUI thread when 统计 is shown (at city scale the
        # quarter's 18,000 requests of 3,000 villages): see _figures_in_sight
        self._figures_due = False
        self._figures_timer = QTimer(self)
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(0)
        self._figures_timer.timeout.connect(self._read_figures_if_seen)
        self.tabs.currentChanged.connect(lambda _index: self._read_figures_if_seen())

        self.new_button = QPushButton("登记申请…")
        self.outcome_button = QPushButton("记录办理结果…")
        self.print_button = QPushButton("打印证明(&P)…")
        self.refusal_button = QPushButton("打印不予出具告知书…")
        self.register_button = QPushButton("打印登记簿…")
        self.export_button = QPushButton("导出 Excel…")
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(hint, 1)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("期间"))
        filters.addWidget(self.period_combo)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("至"))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.village_combo)
        filters.addWidget(self.outcome_combo)
        filters.addWidget(self.search, 1)
        # the prints go under the others when the window is narrow (1024 pixels)
        self.bottom_row = TwoPartRow(
            (self.new_button, self.outcome_button, 12, self.count_label),
            (self.print_button, self.refusal_button, self.register_button, self.export_button),
        )
        self.model.sig_reloaded.connect(self._show_count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.bottom_row)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._reload_rows)
        self.search.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search, self)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.from_edit.dateChanged.connect(self._on_date_edit_changed)
        self.to_edit.dateChanged.connect(self._on_date_edit_changed)
        self.village_combo.currentIndexChanged.connect(self._reload_rows)
        self.outcome_combo.currentIndexChanged.connect(self._reload_rows)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.model.modelReset.connect(self._on_view_selection_changed)
        self.model.sig_reloaded.connect(self._on_rows_in)
        self.model.sig_reload_failed.connect(self._drop_selecting)
        self.view.doubleClicked.connect(self._on_outcome_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.outcome_button.clicked.connect(self._on_outcome_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.refusal_button.clicked.connect(self._on_refusal_button_clicked)
        self.register_button.clicked.connect(self._on_register_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)

        self._show_period_dates()
        if read_now:
            self.refresh()
        else:
            # the main window's first showing: the villages, the register and its figures are
            # read on a worker (at city scale the quarter's figures count 18,000 requests)
            self._villages_read.run(
                service.villages, self._show_villages, lambda _exc: self._show_villages([])
            )
            self.refresh_in_background()

    # ---- public API

    def refresh(self) -> None:
        """Read the villages again and reload the register and the figures."""
        self._villages_read.forget()
        try:
            villages = self._service.villages()
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取村(社区)", str(err))
            villages = []
        self._show_villages(villages)
        self.reload()

    def _show_villages(self, villages: object) -> None:
        """The village filter's choices, the one chosen kept (no reload)."""
        current = self.village_combo.currentData()
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        self.village_combo.addItem("全部村(社区)", None)
        # above the township led by its township, as the ledgers' choices (石门乡 石门社区): a
        # county has villages of one name in several townships; each township's entry
        # (石门乡 全部村(社区)) before its villages, as 牌子's and 其他负担's
        units = list(villages)  # type: ignore[call-overload]
        for text, data in (
            township_entries(units)
            if self._above
            else [(village_label(v.township, v.name), v.id) for v in units]
        ):
            self.village_combo.addItem(text, data)
        index = self.village_combo.findData(current)
        self.village_combo.setCurrentIndex(max(index, 0))
        self.village_combo.blockSignals(False)

    def current_filter(self) -> CertificateFilter:
        """What the filters say now."""
        start, end = self.period()
        village_id, township_id = scope_of(self.village_combo.currentData())
        return CertificateFilter(
            query=self.search.text().strip(),
            village_id=village_id,
            townships=(township_id,) if township_id is not None else (),
            start=start,
            end=end,
            outcome=self.outcome_combo.currentData(),
        )

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The chosen period (``None``, ``None`` for all)."""
        if self.period_combo.currentData() == "all":
            return None, None
        return _pydate(self.from_edit), _pydate(self.to_edit)

    def reload(self, *_args: object) -> None:
        """Run the query again and refresh the figures."""
        self._reload(figures=True)

    def _reload_rows(self, *_args: object) -> None:
        self._selecting = None  # the clerk's own choice: no request asked for is looked for
        # a search, a village or an outcome chosen: the register is read on a worker; the
        # figures count the period alone, so they stay (at city scale each keystroke
        # re-counted the quarter's 18,000 requests)
        self._reload(figures=False)

    def _reload(self, *, figures: bool) -> None:
        self._filter = self.current_filter()
        if not figures:
            # read on a worker (a short search at city scale reads thousands of requests);
            # the rows shown stay until the new ones arrive, the count with them
            self.model.reload(self.search.text().strip(), background=True)
            return
        self._figures_read.forget()
        self._figures_due = False  # read here and now
        try:
            self.model.reload(self.search.text().strip())
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取登记簿", str(err))
            return
        self._show_count()
        self._reload_figures()

    def _show_count(self) -> None:
        why = self._service.id_number_not_searched(self.search.text().strip())
        # short on the bar (a long text widened the window past a 1366-pixel screen); the
        # whole reason in its tooltip
        note = "（不能按身份证号查找）" if why else ""
        self.count_label.setText(f"共 {self.model.total} 条{note}")
        self.count_label.setToolTip(why)

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the register and the figures off the GUI thread
        (the rows shown stay until the new ones arrive; the selection is kept)."""
        self._filter = self.current_filter()
        self.model.reload(self.search.text().strip(), background=True)
        self._figures_read.forget()
        self._figures_due = True
        # decided once the screen is in place (the main window adds it after building it)
        self._figures_timer.start()

    def _figures_in_sight(self) -> bool:
        """统计 is the tab shown, or the screen is in no window shown (a table for a test or
        a print reads its figures at once)."""
        return self.tabs.currentWidget() is self.figures or not self.window().isVisible()

    def _read_figures_if_seen(self) -> None:
        if not self._figures_due or not self._figures_in_sight():
            return  # read when 统计 is shown
        self._figures_due = False
        start, end, label = self._figures_period()
        service = self._service
        self._figures_read.run(
            lambda: service.figures(start, end),
            lambda figures: self.figures.set_figures(figures, label),  # type: ignore[arg-type]
            lambda exc: self.figures.title.setText(str(exc)),
        )

    def reload_after_change(self, change: Change) -> None:
        """Records were saved: the villages again when they changed, then the register."""
        if change.touches(("unit",)):
            self.refresh()
        else:
            self.refresh_in_background()

    def selected(self) -> CertificateRequest | None:
        """The request selected in the table."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_request(self, request_id: int) -> bool:
        """Select a request, showing the whole register when the filters hide it
        (the 首页 reminders open requests of any period).

        True: it was among the rows shown and is selected now. Otherwise it is looked for in
        the rows being read on a worker (the first showing's, or the whole register's when the
        filters hide it) and selected when they arrive; ``selecting`` says until when. A newer
        request, or a filter the clerk chooses meanwhile, drops the older one.
        """
        self.tabs.setCurrentIndex(0)
        self._selecting, self._widen = request_id, True
        if self._search_timer.isActive():  # a search typed but not read yet: read it now
            self._search_timer.stop()
            self._reload(figures=False)
        if self.model.reloading:  # the rows being read are looked in when they arrive
            return False
        if self._select_loaded(request_id):
            self._selecting = None
            return True
        self._show_everything()
        return False

    @property
    def selecting(self) -> bool:
        """A request asked for by ``select_request`` is looked for in rows still being read."""
        return self._selecting is not None

    def _on_rows_in(self) -> None:
        """The register's rows arrived: select the request asked for, or read the whole
        register once when the filters hid it."""
        wanted = self._selecting
        if wanted is None:
            return
        if self._select_loaded(wanted):
            self._selecting = None
        elif self._widen and not self._shows_everything():
            self._show_everything()
        else:
            self._selecting = None  # not among the rows read: nothing is selected

    def _drop_selecting(self, *_args: object) -> None:
        self._selecting = None

    def _shows_everything(self) -> bool:
        return (
            not self.search.text()
            and self.village_combo.currentIndex() <= 0
            and self.outcome_combo.currentIndex() <= 0
            and self.period_combo.currentData() == "all"
        )

    def _show_everything(self) -> None:
        """Clear the filters and read the whole register (and its figures) on a worker."""
        self._widen = False
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        for combo in (self.village_combo, self.outcome_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData("all"))
        self.period_combo.blockSignals(False)
        self._show_period_dates()
        self.refresh_in_background()

    def _select_loaded(self, request_id: int) -> bool:
        """Select the request if it is among the rows read so far."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == request_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    # ---- loading

    def _fetch(self, query: str, offset: int, limit: int):
        # may run on a worker: the filter is the one noted when the reload started
        f = self._filter or self.current_filter()
        return self._service.page(f, offset, limit)

    def _figures_period(self) -> tuple[dt.date, dt.date, str]:
        start, end = self.period()
        label = self.period_combo.currentText()
        if start is None or end is None:
            start, end, label = EPOCH, self._today, "全部"
        elif self.period_combo.currentData() == "custom":
            label = f"{start}至{end}"
        return start, end, label

    def _reload_figures(self) -> None:
        start, end, label = self._figures_period()
        try:
            figures = self._service.figures(start, end)
        except JianfuError as err:
            self.figures.title.setText(str(err))
            return
        self.figures.set_figures(figures, label)

    # ---- slots

    @property
    def reading(self) -> bool:
        """The register or the figures are being read on a worker (or the figures are about
        to be, 统计 being in sight)."""
        due = self._figures_due and self._figures_in_sight()
        return self.model.reloading or self._figures_read.pending or due

    def _on_period_combo_changed(self, *_args: object) -> None:
        # a period chosen: the register and the figures are read on a worker (at city scale
        # 全部 counts 300,000 requests); a newer choice drops the answers of an older one
        self._selecting = None
        self._show_period_dates()
        self.refresh_in_background()

    def _show_period_dates(self) -> None:
        key = self.period_combo.currentData()
        custom = key == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            start, end = period_dates(key, self._today)
            for edit, day in ((self.from_edit, start), (self.to_edit, end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day) if day else _qdate(self._today))
                edit.blockSignals(False)
            self.from_edit.setVisible(key != "all")
            self.to_edit.setVisible(key != "all")
        else:
            self.from_edit.setVisible(True)
            self.to_edit.setVisible(True)

    def _on_date_edit_changed(self, *_args: object) -> None:
        if self.period_combo.currentData() == "custom":
            self._selecting = None
            self.refresh_in_background()

    def _on_view_selection_changed(self, *_args: object) -> None:
        request = self.selected()
        show_detail(self.detail, request_detail_html(request) if request else None, self.view)
        self.outcome_button.setEnabled(request is not None)
        self.print_button.setEnabled(request is not None and request.outcome.issued)
        self.refusal_button.setEnabled(request is not None and request.outcome == Outcome.REFUSED)
        # a grey print button said nothing of why: a request just registered is 待办理 and
        # prints once its outcome is recorded
        pending = request is not None and request.outcome == Outcome.PENDING
        forbidden = pending and request is not None and request.verdict.value == "forbidden"
        self.print_button.setToolTip(
            "先点“记录办理结果”登记出具，再打印证明" if pending and not forbidden else ""
        )
        self.refusal_button.setToolTip(
            "先点“记录办理结果”登记“不予出具并告知替代途径”，再打印告知书" if pending else ""
        )

    def _on_new_button_clicked(self) -> None:
        request = NewRequestDialog.ask(self, self._service)
        if request is None:
            return
        message = f"已登记 {request.serial}：{request.verdict_label}"
        # a name with a character no installed font has (谢𠮷): saved as typed, and said so
        # before the longer advice, where a narrow status line still shows it
        note = missing_note(f"{request.applicant_name}{request.subject}{request.agency}")
        if note:
            message += f"。{note}"
        if request.verdict.value == "unlisted":
            message += (
                "。清单外证明须经议事协商同意、负责人签字后出具，请在“记录办理结果”中登记协商情况"
            )
        elif request.verdict.value == "forbidden":  # the refusal prints once it is recorded
            message += "。请点“记录办理结果”登记不予出具，再打印不予出具告知书"
        elif request.verdict.value == "allowed":
            message += "。请点“记录办理结果”登记出具，再打印证明"
        self._after_change(request, message)

    def _on_outcome_button_clicked(self, *_args: object) -> None:
        request = self.selected()
        if request is None:
            return
        saved = OutcomeDialog.ask(self, self._service, request)
        if saved is not None:
            self._after_change(saved, f"{saved.serial} 已记录办理结果：{saved.outcome.value}")

    def _after_change(self, request: CertificateRequest, message: str) -> None:
        # the register and the figures are read on a worker, the request selected when its
        # row arrives (at city scale the quarter's figures count 18,000 requests)
        self.refresh_in_background()
        self.select_request(request.id)
        self._notify(message)
        self.sig_request_changed.emit(request.id)

    def _on_print_button_clicked(self) -> None:
        request = self.selected()
        if request is None:
            return
        name = f"证明-{request.serial}-{_safe(request.applicant_name)}.pdf"
        service, request_id = self._service, request.id
        self._save_pdf(
            "打印证明",
            name,
            lambda allow: service.print_certificate(request_id, allow_missing=allow),
        )

    def _on_refusal_button_clicked(self) -> None:
        request = self.selected()
        if request is None:
            return
        name = f"不予出具证明告知书-{request.serial}-{_safe(request.applicant_name)}.pdf"
        service, request_id = self._service, request.id
        self._save_pdf(
            "打印不予出具告知书",
            name,
            lambda allow: service.print_refusal(request_id, allow_missing=allow),
        )

    def _on_register_button_clicked(self) -> None:
        start, end = self.period()
        if start is None or end is None:
            start, end = EPOCH, self._today
        name = f"证明事项登记簿-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
        service = self._service
        self._save_pdf(
            "打印登记簿",
            name,
            lambda allow: service.print_register(start, end, allow_missing=allow),
        )

    def _on_export_button_clicked(self) -> None:
        start, end = self.period()
        if start is None or end is None:
            start, end = EPOCH, self._today
        service = self._service
        self._export_xlsx(
            "导出 Excel",
            f"证明事项登记簿-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
            lambda path, _progress: service.export_register(start, end, path),
            error="导出 Excel",
        )

    def _save_pdf(self, title: str, suggested: str, make: Callable[[bool], bytes]) -> None:
        """打印: the print preview of the PDF (``make(allow_missing)``), where it can also be
        saved (另存为PDF); asked first when a character would print as □."""
        self.current_task = print_pdf_asking(
            self, self._tasks, title, suggested, make, on_saved=self._on_file_saved
        )


def make_certificates_widget(
    service: CertificatesService,
    tasks: TaskRunner,
    parent: QWidget | None = None,
    *,
    read_now: bool = True,
) -> CertificatesWidget:
    """The 证明 screen; ``read_now=False`` reads its rows and figures on a worker (the main
    window's first showing keeps the GUI thread free)."""
    return CertificatesWidget(service, tasks, parent, read_now=read_now)


__all__ = ["CertificatesWidget", "FiguresPanel", "make_certificates_widget"]
