"""统计报表: pick a period, preview the table and the draft paragraph, export PDF and Excel.

Counting and writing files run in the background; the paragraph the clerk edits here is the
one printed and exported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.domain.period_report import COLUMNS, TOTAL_LABEL, UNITS_OF_COUNT, PeriodReport
from jianfu.domain.periods import (
    Period,
    PeriodKind,
    chinese_date,
    current_period,
    date_range,
    half_year,
    month,
    quarter,
    whole_year,
)
from jianfu.ui.background import TaskHandle, TaskRunner
from jianfu.ui.widgets.feedback import notify
from jianfu.ui.widgets.form import ask_before
from jianfu.ui.widgets.printing import save_file_name
from jianfu.ui.widgets.tables import TEXT_SLACK, ColumnFit

if TYPE_CHECKING:
    from jianfu.services.report import ReportService

_KINDS = (PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.HALF, PeriodKind.YEAR, PeriodKind.RANGE)
_SUMMARY_BACKGROUND = QColor("#f2f2f2")
#: Least widths (pixels) of the 村(社区) column and a figure column (备注: its heading's).
_NAME_LEAST = 80
_FIGURE_LEAST = 36


#: Labels whose middle is inside a word: broken where the words meet (发现未准/入下派 read as
#: two halves of nonsense; 发现 / 未准入下派 keeps the thing found whole).
_BREAKS = {"发现未准入下派": "发现\n未准入下派"}


#: Under the pickers when they no longer name the table shown (the exports wait for 统计).
STALE_NOTE = "{what}已改，请先点“统计”再导出；下方仍是{shown}的表。"
#: what every stale note says (it is cleared by it once the pickers name the table again)
_STALE_MARK = "请先点“统计”再导出"


def _wrap(label: str) -> str:
    """Long column labels on two lines, so the preview table stays narrow."""
    if len(label) <= 4:
        return label
    if label in _BREAKS:
        return _BREAKS[label]
    if "(" in label:
        return label.replace("(", "\n(", 1)
    half = (len(label) + 1) // 2
    return label[:half] + "\n" + label[half:]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ReportsWidget(QWidget):
    """The 统计报表 screen."""

    sig_report_ready = Signal()
    """A report was counted and is shown."""
    sig_exported = Signal(str)
    """A file was written (its path)."""

    def __init__(
        self,
        service: ReportService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.report: PeriodReport | None = None
        self._handle: TaskHandle | None = None
        #: the draft last put in the 情况报告 box, and the period and unit it was counted for:
        #: a text that differs from it is the clerk's, kept when the same table is counted again
        self._draft = ""
        self._counted: tuple[Period, object] | None = None
        #: the 情况报告 as last written to a file
        self._exported = ""
        self._exporting = ""
        today = today or dt.date.today()
        start = current_period(today)

        self.kind_combo = QComboBox()
        for kind in _KINDS:
            self.kind_combo.addItem(kind.value, kind)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2099)
        self.year_spin.setValue(start.year)
        self.year_spin.setSuffix(" 年")
        self.part_combo = QComboBox()
        self.start_edit = QDateEdit(_qdate(start.start))
        self.end_edit = QDateEdit(_qdate(start.end))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.count_button = QPushButton("统计")
        self.count_button.setDefault(True)
        self.count_button.clicked.connect(lambda: self.build_report())
        self.pdf_button = QPushButton("导出 PDF…")
        self.xlsx_button = QPushButton("导出 Excel…")
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.xlsx_button.clicked.connect(self._on_xlsx_button_clicked)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #b00000;")
        self.problem_label.setWordWrap(True)

        # above the township: which unit's table (the county's, or one township's)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setToolTip(
            "县的表每乡镇(街道)一行，市的表每县(市、区)一行；选乡镇则每村一行"
        )
        try:
            units = service.reporting_units()
        except JianfuError:
            units = []
        for unit_id, label in units:
            self.unit_combo.addItem(label, unit_id)

        bar = QHBoxLayout()
        if units:
            bar.addWidget(QLabel("统计单位："))
            bar.addWidget(self.unit_combo)
        else:  # a township's clerk: their township's table is the only one
            self.unit_combo.hide()
        bar.addWidget(QLabel("统计期间："))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.year_spin)
        bar.addWidget(self.part_combo)
        self.range_widgets = (QLabel("从"), self.start_edit, QLabel("到"), self.end_edit)
        for w in self.range_widgets:
            bar.addWidget(w)
        bar.addWidget(self.count_button)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)

        self.title_label = QLabel("村(社区)减负工作情况统计表")
        self.title_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info_label = QLabel()
        self.info_label.setStyleSheet("color: gray;")
        self.table = QTableWidget()
        self.table.setObjectName("reportTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnCount(len(COLUMNS) + 2)
        # The group name heads the first column of its group only, like the merged header
        # of the printed table; the tooltip names the group of every column.
        labels, previous = [], ""
        for c in COLUMNS:
            labels.append(f"{c.group if c.group != previous else ''}\n{_wrap(c.label)}")
            previous = c.group
        self.table.setHorizontalHeaderLabels(["村(社区)", *labels, "备注"])
        for i, c in enumerate(COLUMNS, start=1):
            self.table.horizontalHeaderItem(i).setToolTip(f"{c.group}：{c.label}（{c.unit}）")
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Each column as wide as its heading and figures; 备注 as wide as its notes (it
        # stretched over what was left, the widest column when empty), and the figures share
        # the rest. A width the clerk drags is kept (恢复默认列宽 in the header's menu).
        notes = len(COLUMNS) + 1
        note_least = self.table.horizontalHeader().sectionSizeHint(notes) + TEXT_SLACK
        self.column_fit = ColumnFit(
            self.table,
            [(_NAME_LEAST, 0), *[(_FIGURE_LEAST, 1)] * len(COLUMNS), (note_least, 0)],
            key="reports/table",
            whole=tuple(range(notes)),
            first=(notes,),
        )
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)

        self.situation_edit = QPlainTextEdit()
        self.situation_edit.setObjectName("situation")
        self.situation_edit.setPlaceholderText(
            "统计后这里是情况报告草稿，可直接修改；导出时用修改后的文字。"
        )
        self.reset_button = QPushButton("恢复草稿")
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        situation_box = QWidget()
        situation_layout = QVBoxLayout(situation_box)
        situation_layout.setContentsMargins(0, 0, 0, 0)
        situation_head = QHBoxLayout()
        situation_head.addWidget(QLabel("情况报告（草稿，可修改）"), 1)
        situation_head.addWidget(self.reset_button)
        situation_layout.addLayout(situation_head)
        situation_layout.addWidget(self.situation_edit)

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.title_label)
        table_layout.addWidget(self.info_label)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.notes_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(table_box)
        splitter.addWidget(situation_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter, self._situation_box = splitter, situation_box
        # a height the clerk drags is kept; else the table is given what its totals need
        self._splitter_dragged = False
        splitter.splitterMoved.connect(self._on_splitter_moved)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.problem_label)
        layout.addWidget(splitter, 1)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self._on_kind_combo_changed()
        self.part_combo.setCurrentIndex((start.start.month - 1) // 3)
        self._set_exports_enabled(False)
        for signal in (
            self.kind_combo.currentIndexChanged,
            self.year_spin.valueChanged,
            self.part_combo.currentIndexChanged,
            self.start_edit.dateChanged,
            self.end_edit.dateChanged,
            self.unit_combo.currentIndexChanged,
        ):
            signal.connect(self._on_choice_changed)

    # ---- the period

    def _on_kind_combo_changed(self, _index: int = 0) -> None:
        kind = PeriodKind(self.kind_combo.currentData())
        self.part_combo.clear()
        if kind is PeriodKind.QUARTER:
            self.part_combo.addItems([f"第{n}季度" for n in "一二三四"])
        elif kind is PeriodKind.MONTH:
            self.part_combo.addItems([f"{m}月" for m in range(1, 13)])
        elif kind is PeriodKind.HALF:
            self.part_combo.addItems(["上半年", "下半年"])
        is_range = kind is PeriodKind.RANGE
        self.part_combo.setVisible(kind not in (PeriodKind.YEAR, PeriodKind.RANGE))
        self.year_spin.setVisible(not is_range)
        for w in self.range_widgets:
            w.setVisible(is_range)

    def set_period(self, period: Period) -> None:
        """Put ``period`` into the pickers (tests and the dashboard use it)."""
        self.kind_combo.setCurrentIndex(_KINDS.index(period.kind))
        self.year_spin.setValue(period.year)
        if period.kind is PeriodKind.QUARTER:
            self.part_combo.setCurrentIndex((period.start.month - 1) // 3)
        elif period.kind is PeriodKind.MONTH:
            self.part_combo.setCurrentIndex(period.start.month - 1)
        elif period.kind is PeriodKind.HALF:
            self.part_combo.setCurrentIndex(0 if period.start.month <= 6 else 1)
        self.start_edit.setDate(_qdate(period.start))
        self.end_edit.setDate(_qdate(period.end))

    def period(self) -> Period:
        """The chosen period; ``JianfuError`` for a range that ends before it starts."""
        kind = PeriodKind(self.kind_combo.currentData())
        year, part = self.year_spin.value(), self.part_combo.currentIndex() + 1
        if kind is PeriodKind.QUARTER:
            return quarter(year, part)
        if kind is PeriodKind.MONTH:
            return month(year, part)
        if kind is PeriodKind.HALF:
            return half_year(year, part)
        if kind is PeriodKind.YEAR:
            return whole_year(year)
        return date_range(_pydate(self.start_edit.date()), _pydate(self.end_edit.date()))

    def _on_choice_changed(self, *_args: object) -> None:
        """The pickers name another table than the one shown: the exports wait for 统计. A
        clerk chose 年度 and pressed 导出 PDF, which offered the quarter shown below."""
        if self.report is None:
            return
        unit = self.unit_combo.currentData() if self.unit_combo.count() else None
        try:
            chosen: tuple[Period, object] | None = (self.period(), unit)
        except (JianfuError, ValueError):  # a range that ends before it starts, a kind half set
            chosen = None
        stale = chosen != self._counted
        # what was changed, and whose table is still shown: the county's reviewer picked 石门乡
        # and read 统计期间已改 (the period had not changed) …仍是2026年第四季度的表 (南屏县's)
        counted_period, counted_unit = self._counted or (None, None)
        by_unit = self.unit_combo.count() > 0
        what = [
            *(["统计单位"] if by_unit and unit != counted_unit else []),
            *(["统计期间"] if chosen is None or chosen[0] != counted_period else []),
        ]
        shown = (self.report.township if by_unit else "") + self.report.period.label
        note = STALE_NOTE.format(what="和".join(what) or "统计期间", shown=shown) if stale else ""
        self._set_exports_enabled(not stale)
        for button in (self.pdf_button, self.xlsx_button):
            button.setToolTip(note)
        if stale:
            self.problem_label.setText(note)
        elif _STALE_MARK in self.problem_label.text():
            self.problem_label.clear()

    # ---- counting

    def refresh(self) -> None:
        """Shown: count the period in the pickers (the current quarter) the first time."""
        if self.report is None and self._handle is None:
            self.build_report()

    def build_report(self, period: Period | None = None) -> TaskHandle | None:
        """Count the chosen period (or ``period``) in the background and show it."""
        if period is None:
            try:
                period = self.period()
            except JianfuError as err:
                self.problem_label.setText(str(err))
                return None
        unit = self.unit_combo.currentData() if self.unit_combo.count() else None
        # another period's table replaces the 情况报告 with its own draft: the clerk's edits,
        # not exported, went with it without a word
        other = (period, unit) != self._counted
        if other and self.unsaved_work() and not self.confirm_new_draft():
            return None
        self.problem_label.clear()
        service = self.service
        self.count_button.setEnabled(False)
        self.info_label.setText(f"正在统计{period.label}…")
        handle = self.runner.run(
            lambda progress: service.build(period, unit=unit, progress=progress), owner=self
        )
        self._handle = handle
        # an older count that ends after a newer one started is not shown
        counted = (period, unit)
        handle.sig_finished.connect(
            lambda r: self._handle is handle and self._on_report_built(r, counted)
        )
        handle.sig_failed.connect(lambda e: self._handle is handle and self._on_report_failed(e))
        return handle

    def reload_after_change(self, _change: object) -> None:
        """Records were saved: count the period shown again (nothing before the first count)."""
        if self.report is not None:
            self.build_report(self.report.period)

    def _on_report_built(
        self, report: PeriodReport, counted: tuple[Period, object] | None = None
    ) -> None:
        self.count_button.setEnabled(True)
        # The same table counted again (a save on another screen, someone else's save, 统计
        # once more) keeps the paragraph the clerk edited: it was replaced by the new draft
        # without a word, and the clerk's text was lost before it was exported.
        text = self.situation_edit.toPlainText()
        kept = counted == self._counted and text.strip() != "" and text != self._draft
        self._counted = counted
        self.report = report
        self.title_label.setText(report.title)
        # a county's table has a row per township, a city's a row per county
        self.table.horizontalHeaderItem(0).setText(report.row_label)
        self.info_label.setText(
            f"填报单位：{report.township or '（未设置乡镇名称）'}"
            f"　统计时段：{report.period.span_text}"
            f"　上期：{report.previous_period.label}"
            + (f"　累计自{chinese_date(report.baseline)}起" if report.baseline else "")
            + (f"　{report.row_label} {len(report.rows)} 个" if report.rolled_up else "")
            + ("　本期各村(社区)均无数据" if report.is_empty else "")
            # as the print says it: the task columns count a task in each village it reaches,
            # so their 合计 (75 清单内) is not the 情况报告's 清单内事项9项
            + f"\n{UNITS_OF_COUNT}"
        )
        self._fill_table(report)
        self.column_fit.fit(force=True)
        notes = report.notes
        self.notes_label.setText("\n".join(f"注：{n}" for n in notes))
        self._draft = report.summary_text()
        if kept:
            first, units = self.info_label.text().split("\n", 1)
            self.info_label.setText(
                f"{first}　情况报告保留了您的修改（“恢复草稿”换成按新数字写的草稿）\n{units}"
            )
        else:
            self.situation_edit.setPlainText(self._draft)
        self._set_exports_enabled(True)
        self._on_choice_changed()  # the pickers moved on while it was counted
        self.sig_report_ready.emit()

    def _on_report_failed(self, exc: object) -> None:
        self.count_button.setEnabled(True)
        self.info_label.clear()
        self.problem_label.setText(f"统计失败：{exc}")

    def _fill_table(self, report: PeriodReport) -> None:
        summary: list[tuple[str, list[str]]] = [
            (TOTAL_LABEL, [str(v) for v in report.total.as_list()]),
            (
                f"上期合计\n（{report.previous_period.label}）",
                report.previous_cells(),
            ),
            ("比上期增减", report.change_cells(lambda v: f"{v:+d}" if v else "0")),
        ]
        if report.cumulative is not None and report.baseline is not None:
            summary.append(
                (
                    f"累计\n（自{chinese_date(report.baseline)}起）",
                    [str(v) for v in report.cumulative.as_list()],
                )
            )
        self.table.setRowCount(0)  # rows of the default height (a summary row may be taller)
        self.table.setRowCount(len(report.rows) + len(summary))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, row in enumerate(report.rows):
            self._set_row(r, row.name, [str(v) for v in row.figures.as_list()], row.note)
        for i, (label, values) in enumerate(summary):
            r = len(report.rows) + i
            self._set_row(r, label, values, "")
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                item.setBackground(QBrush(_SUMMARY_BACKGROUND))
                item.setFont(bold)
            if "\n" in label:  # the period on a second line: the column as narrow as a name
                self.table.resizeRowToContents(r)
        QTimer.singleShot(0, self.fit_totals)  # once the rows are laid out

    def _on_splitter_moved(self, *_args: object) -> None:
        self._splitter_dragged = True

    def fit_totals(self) -> None:
        """Give the table the height its rows need, 合计 and the rows under it included, taken
        from the 情况报告 down to its least: at 1366x768 the splitter's 3:1 cut the 合计 row in
        half (13 villages and three summary rows). Not after the clerk dragged the splitter."""
        if self._splitter_dragged or not self.isVisible() or self.table.rowCount() == 0:
            return
        t = self.table
        header = t.horizontalHeader()
        rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
        bar = t.horizontalScrollBar()
        need = (
            (header.height() or header.sizeHint().height())
            + rows
            + 2 * t.frameWidth()
            + (bar.sizeHint().height() if bar.isVisible() else 0)
        )
        short = need - t.height()
        top, bottom = self.splitter.sizes()
        give = min(short, bottom - self._situation_box.minimumSizeHint().height())
        if give > 0:
            self.splitter.setSizes([top + give, bottom - give])

    def _set_row(self, r: int, name: str, values: list[str], note: str) -> None:
        self.table.setItem(r, 0, QTableWidgetItem(name))
        for c, value in enumerate(values, start=1):
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, c, item)
        self.table.setItem(r, len(values) + 1, QTableWidgetItem(note))

    def unsaved_work(self) -> str:
        """The 情况报告 edited and not exported since ('' when none)."""
        text = self.situation_edit.toPlainText()
        if self.report is None or text in (self._draft, self._exported) or not text.strip():
            return ""
        return "统计报表：修改过的情况报告尚未导出"

    def confirm_new_draft(self) -> bool:
        """Whether to count another period and drop the edited 情况报告 (asks the clerk)."""
        return ask_before(
            self,
            "统计报表",
            "修改过的情况报告尚未导出。统计另一时段后，情况报告将换成新时段的草稿，"
            "修改的文字不再保留。\n\n继续统计吗？",
            "继续统计(&C)",
            "返回(&R)",
        )

    def confirm_reset(self) -> bool:
        """Whether 恢复草稿 may put the draft over the clerk's wording (asks the clerk)."""
        return ask_before(
            self,
            "恢复草稿",
            "情况报告中修改的文字将换回按统计数字写的草稿，修改不再保留。\n\n确定恢复草稿吗？",
            "恢复草稿(&D)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def _on_reset_button_clicked(self) -> None:
        if self.report is None:
            return
        edited = self.situation_edit.toPlainText()
        if edited.strip() and edited != self._draft and not self.confirm_reset():
            return  # the clerk's wording went without a word
        self._draft = self.report.summary_text()
        self.situation_edit.setPlainText(self._draft)

    # ---- exporting

    def _set_exports_enabled(self, enabled: bool) -> None:
        self.pdf_button.setEnabled(enabled)
        self.xlsx_button.setEnabled(enabled)

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> str:
        """The file to write ('' when cancelled); tests replace it."""
        path, _ = save_file_name(self, title, suggested, file_filter)
        return path

    def export(self, fmt: str, path: str) -> TaskHandle:
        """Write the report shown to ``path`` as ``"pdf"`` or ``"xlsx"`` in the background."""
        assert self.report is not None
        report, service = self.report, self.service
        situation = self.situation_edit.toPlainText()
        target = Path(path)
        self._exporting = situation

        def work(_progress) -> str:
            if fmt == "pdf":
                files.save_bytes(target, service.pdf(report, situation=situation))
            else:
                try:
                    service.xlsx(report, target, situation=situation)
                except OSError as err:
                    raise JianfuError(f"无法写入“{target}”：{files.os_reason(err)}") from err
            return str(target)

        return self.runner.run_with_dialog(
            self,
            "正在导出…",
            work,
            on_done=self._on_exported,
            on_error=lambda exc: QMessageBox.warning(self, "导出失败", str(exc)),
        )

    def _on_exported(self, path: str) -> None:
        self._exported = self._exporting
        self.problem_label.clear()
        # In the status line, as the other screens say a saved file: the line under the title
        # keeps saying whose table of which period it is (已导出 took its place).
        notify(self, f"已导出到 {path}")
        self.sig_exported.emit(path)

    def _export_with_dialog(self, fmt: str) -> None:
        if self.report is None:
            return
        suffix = ".pdf" if fmt == "pdf" else ".xlsx"
        file_filter = "PDF 文件 (*.pdf)" if fmt == "pdf" else "Excel 工作簿 (*.xlsx)"
        path = self.ask_save_path("导出统计报表", self.report.title + suffix, file_filter)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.export(fmt, path)

    def _on_pdf_button_clicked(self) -> None:
        self._export_with_dialog("pdf")

    def _on_xlsx_button_clicked(self) -> None:
        self._export_with_dialog("xlsx")


def make_reports_widget(service: ReportService, runner: TaskRunner) -> ReportsWidget:
    """The 统计报表 screen."""
    return ReportsWidget(service, runner)
