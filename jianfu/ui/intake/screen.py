"""The 事项审核 screen: the notice and its verdict on the left, the task record on the right;
a second tab lists the recorded tasks."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.departments import department_named
from jianfu.domain.errors import FieldProblem, JianfuError, ValidationError
from jianfu.domain.lists import ItemNature, KindMeaning
from jianfu.domain.notices import read_header, recurring_deadline, work_deadline, work_start
from jianfu.domain.tasks import (
    Task,
    TaskDecision,
    TaskDemand,
    TaskInput,
    demands_text,
    snapshot_candidates,
    task_demands,
)
from jianfu.services.tasks import TaskFilter, TasksService
from jianfu.ui.background import TaskRunner
from jianfu.ui.changes import Change
from jianfu.ui.models.paged_table import ROW_ROLE, Column, PagedTableModel, township_column
from jianfu.ui.widgets.dates import date_edit, date_value
from jianfu.ui.widgets.feedback import (
    note_missing_in_search,
    notify,
    print_pdf_asking,
    save_pdf,
)
from jianfu.ui.widgets.form import FieldForm, ask_before
from jianfu.ui.widgets.printing import open_file_name
from jianfu.ui.widgets.tables import ColumnFit, wrap_rows

if TYPE_CHECKING:  # the matcher is imported when the first notice is checked
    from jianfu.domain.matching import Candidate, CheckResult

SEARCH_DEBOUNCE_MS = 250


#: Each demand's short form in the register's 要求 column, the whole list in its tooltip:
#: a task's six demands by their names (报表台账、挂牌、工作机制/专人专岗、…) took eight lines
#: of a 90-pixel column at 1366×768 beside a title of two; by these, three.
DEMAND_SHORT: dict[TaskDemand, str] = {
    TaskDemand.FORMS: "台账",
    TaskDemand.SIGNBOARDS: "挂牌",
    TaskDemand.MECHANISM: "机制",
    TaskDemand.ASSESSMENT: "考核",
    TaskDemand.APPS: "工作群",
    TaskDemand.CERTIFICATES: "证明",
    TaskDemand.PLEDGE: "责任状",
    TaskDemand.QUOTA: "摊派",
    TaskDemand.COSTS: "转嫁费用",
    TaskDemand.COLLECTION: "代收代缴",
    TaskDemand.TICKETS: "工单",
    TaskDemand.INVESTMENT: "招商",
    TaskDemand.ENFORCEMENT: "执法",
    TaskDemand.DEMOLITION: "拆迁",
    TaskDemand.MEETING: "会议",
    TaskDemand.HOSPITALITY: "接待",
    TaskDemand.OFF_HOURS: "非工作时间",
    TaskDemand.RELAY: "层层传达",
    TaskDemand.SECONDMENT: "借调",
    TaskDemand.SHOW: "作秀",
    TaskDemand.SURVEY: "代填问卷",
    TaskDemand.TRACE: "留痕",
}


def demands_short(demands: tuple[TaskDemand, ...]) -> str:
    """The demands as the register's 要求 column shows them: 台账、机制、工作群."""
    return "、".join(DEMAND_SHORT[d] for d in demands)


def refusal_file_name(task: Task) -> str:
    """The 拒绝告知书's suggested file name, by what the clerk knows the notice by: its 文号,
    else its department and date (it was the record's internal number, 拒绝告知书-8.pdf)."""
    d = task.data
    day = f"{d.received_on:%Y%m%d}" if d.received_on else ""
    name = d.document_number or "-".join(x for x in (d.department, day) if x)
    name = re.sub(r'[\\/:*?"<>|\s]+', "", name)  # not allowed in a Windows file name
    return f"拒绝告知书-{name}.pdf" if name else "拒绝告知书.pdf"


class IntakeWidget(QWidget):
    """Check a notice, confirm the finding, record the task; list what was recorded."""

    sig_task_recorded = Signal(object)  # Task
    sig_open_case = Signal(int)  # task id: the cases screen receives it
    #: a part of the screen built after the screen (对照清单 of the levels above, on its first
    #: showing): the window gives it what it gives a screen (shortcuts, locks, columns kept)
    sig_part_built = Signal(QWidget)
    #: the register is read while the screen is built (not again on its first showing)
    loads_when_built = True

    def __init__(
        self,
        service: TasksService,
        kind_names: Mapping[str, str] | Callable[[], Mapping[str, str]],
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        read_now: bool = True,
    ) -> None:
        """``read_now=False``: the register is read on a worker (the main window's first
        showing); else it is filled before the constructor ends. ``kind_names`` (the lists'
        kinds by code) may be a function that reads them, called when the check is built."""
        super().__init__(parent)
        from jianfu.services.people import TOWNSHIP_RECORDS, lists_townships, write_refusal

        self._read_now = read_now
        self._select_when_read: int | None = None  # a task asked for while the rows are read
        self._service = service
        self._runner = runner
        self.last_message = ""
        #: why the connected person only reads here ("" for a clerk): the county's reviewer and
        #: the mechanism read every township's register, each task with its own township's
        #: villages, and check a notice against the lists; they register nothing
        self.read_only = write_refusal(service.ctx.person, TOWNSHIP_RECORDS)
        self._townships = lists_townships(service.ctx)
        self._village_names: dict[int | None, list[str]] = {}
        self._kind_names = kind_names
        #: the lists' kinds' meanings by code, read at the clerk's first pick of a candidate
        self._kind_meanings: dict[str, KindMeaning] | None = None
        self.tabs = QTabWidget()
        #: 对照清单 of the levels above, built when first shown (None: built with the screen)
        self._check_tab: QWidget | None = None
        if self.read_only:
            # they open on the register: the check, and the form it presets that they never
            # see, are built when 对照清单 is first shown (they were built on the GUI thread,
            # the lists' kinds read, as the screen opened)
            self.tabs.addTab(self._build_register(), "已登记事项")
            self._check_tab = QWidget()
            self._check_tab.setObjectName("check")
            self.tabs.addTab(self._check_tab, "对照清单")
            self.tabs.currentChanged.connect(self._on_tab_changed)
        else:
            self.tabs.addTab(self._build_intake(), "审核登记")
            self.tabs.addTab(self._build_register(), "已登记事项")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        if self._check_tab is None:
            self._start_intake()

    def _start_intake(self) -> None:
        self.check_panel.sig_checked.connect(self._on_checked)
        self.check_panel.sig_candidate_picked.connect(self._on_check_panel_candidate_picked)
        self.reset_form()

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._check_tab:
            self.build_check()

    def first_field(self) -> QWidget | None:
        """Where the cursor goes when the clerk opens the screen (a click on 事项审核): the
        notice, whose pasting is the screen's first act, while its tab is in front."""
        if self.check_built and self.check_panel.editor.isVisible():
            return self.check_panel.editor
        return None

    @property
    def check_built(self) -> bool:
        """Whether the check (and the form) are built: at once for the clerk, on the first
        showing of 对照清单 for the levels above."""
        return hasattr(self, "check_panel")

    def build_check(self) -> None:
        """Build 对照清单 of the levels above (nothing when built already)."""
        part = self._check_tab
        if part is None or self.check_built:
            return
        box = QVBoxLayout(part)
        box.setContentsMargins(0, 0, 0, 0)
        built = self._build_intake()
        box.addWidget(built)
        built.show()  # now, not when the events queued by its layout come
        self._start_intake()
        self.sig_part_built.emit(part)

    # ---------------------------------------------------------------- building

    def _build_intake(self) -> QWidget:
        from jianfu.ui.intake.check_panel import CheckPanel
        from jianfu.ui.widgets.flow import FittingLabel, WrappingGrid

        kind_names = self._kind_names
        if callable(kind_names):
            kind_names = kind_names()
        self.check_panel = CheckPanel(
            self._service.check, dict(kind_names), synonyms_of=self._service.synonyms_of
        )
        self.check_panel.editor.sig_file_dropped.connect(self.open_notice)
        self.check_panel.editor.sig_synonym_requested.connect(self._on_synonym_requested)
        self.open_button = QPushButton("打开通知文件(&O)…")
        self.open_button.setToolTip(
            "读取 .docx、.pdf、.ofd 或 .txt 通知，填入正文、标题、文号和发文单位"
        )
        self.open_button.clicked.connect(self._on_open_clicked)
        form_widget = QWidget()
        self.fields = FieldForm()
        f = self.fields

        self.decision_group = QButtonGroup(self)
        self.decision_buttons: dict[TaskDecision, QRadioButton] = {}
        for n, decision in enumerate(TaskDecision):
            button = QRadioButton(decision.label)
            self.decision_group.addButton(button, n)
            self.decision_buttons[decision] = button
        # the three findings go on to a second line in a narrow window (a row of them made
        # the form scroll sideways below about 1050 px, 登记事项 out of sight)
        decision_box = WrappingGrid(list(self.decision_buttons.values()), columns=3)
        # A finding the clerk clicked is theirs: the check presets the finding only until then
        # (it re-runs on every edit and before saving, and had put its own verdict back).
        self._clerk_decision = False
        self.decision_group.buttonClicked.connect(lambda _button: self._set_clerk_decision())
        f.add_field("decision", "审核结论", decision_box)
        # room for an item with its basis, department and the words it matched, so that
        # choosing 清单外 (one line) or another item does not move the fields and 登记事项
        # under the clerk's mouse (the 命中 line was left out: 登记事项 jumped a line); an
        # item whose lines wrap (its name at 1024 px) gets the height of all of them
        self.item_label = FittingLabel(
            "事项<br><span>依据</span><br><span>责任单位</span><br><span>命中</span>"
        )
        f.add_field("item_name", "对应清单事项", self.item_label)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("例如：关于开展……工作的通知")
        f.add_field("title", "文件标题", self.title_edit)
        self.department_combo = QComboBox()
        self.department_combo.setEditable(True)
        self.department_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        f.add_field("department", "下派部门", self.department_combo)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("例如：南民〔2026〕12号")
        f.add_field("document_number", "文号", self.number_edit)
        self.received_edit = date_edit(dt.date.today(), optional=False)
        f.add_field("received_on", "收文日期", self.received_edit)

        villages = QWidget()
        vbox = QVBoxLayout(villages)
        vbox.setContentsMargins(0, 0, 0, 0)
        self.all_villages_check = QCheckBox("全部村(社区)")
        self.all_villages_check.setChecked(True)
        self.villages_list = QListWidget()
        self.villages_list.setMaximumHeight(110)
        # the list only when the villages are chosen: greyed out under 全部村(社区) it took the
        # height the 21 boxes of 对村(社区)的要求 need to leave 登记事项 in sight at 1366×768
        self.villages_list.setHidden(True)
        self.all_villages_check.toggled.connect(self._show_villages_list)
        vbox.addWidget(self.all_villages_check)
        vbox.addWidget(self.villages_list)
        f.add_field("villages", "涉及村(社区)", villages)

        dates = QWidget()
        dbox = QHBoxLayout(dates)
        dbox.setContentsMargins(0, 0, 0, 0)
        self.start_edit = date_edit(None)
        self.end_edit = date_edit(None, related=lambda: date_value(self.start_edit))
        dbox.addWidget(self.start_edit)
        dbox.addWidget(QLabel("至"))
        dbox.addWidget(self.end_edit)
        dbox.addStretch(1)
        f.add_field("start_date", "起止日期", dates)
        f.share_problem_line("end_date", "start_date")
        self.nature_combo = QComboBox()
        self.nature_combo.addItem("未定", None)
        for nature in ItemNature:
            self.nature_combo.addItem(nature.value, nature.value)
        f.add_field("nature", "事项性质", self.nature_combo)

        self.demand_checks: dict[TaskDemand, QCheckBox] = {}
        #: the demands the clerk ticked or cleared: the check no longer sets them
        self._clerk_demands: set[TaskDemand] = set()
        for demand in TaskDemand:
            check = QCheckBox(demand.value)
            self.demand_checks[demand] = check
            check.clicked.connect(lambda _on=False, d=demand: self._clerk_demands.add(d))
        demands = WrappingGrid(list(self.demand_checks.values()), columns=3)
        f.add_field("demands", "对村(社区)的要求", demands)
        self.notes_edit = QLineEdit()
        f.add_field("notes", "备注", self.notes_edit)
        f.share_problem_line("text", "notes")

        self.record_button = QPushButton("登记事项")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record)
        self.clear_button = QPushButton("清空")
        self.clear_button.clicked.connect(self._on_clear_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.record_button)

        inner = QVBoxLayout(form_widget)
        inner.addWidget(self.fields)
        inner.addLayout(buttons)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.check_panel)
        if self.read_only:
            # the form stays built (the check still presets it) but is never shown: a level
            # that registers nothing sees what checking says, not a greyed-out form
            scroll.setParent(self._check_tab)
            scroll.hide()
            splitter.addWidget(self._check_only_note())
        else:
            splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.candidates_view = self.check_panel.candidates
        self.candidates_view.itemSelectionChanged.connect(self._show_item)
        self.candidates_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        synonyms_action = QAction("本地同义词…", self.candidates_view)
        synonyms_action.setToolTip("查看和编辑所选清单事项的本地同义词")
        synonyms_action.triggered.connect(self.edit_synonyms)
        self.candidates_view.addAction(synonyms_action)
        self.decision_group.idToggled.connect(lambda _id, _on: self._show_item())
        return splitter

    def _check_only_note(self) -> QWidget:
        note = QLabel(
            "<p><b>对照清单</b></p>"
            "<p>把部门通知粘贴到左侧，或把通知文件拖进来，即可看到它与施行中的清单对照的"
            "结果和候选清单事项。这里的对照不保存。</p>"
            "<p>事项由乡镇经办人员登记；各乡镇已登记的事项见“已登记事项”。"
            "对准入申请的意见和决定在“准入审批”中填写。</p>"
        )
        note.setObjectName("check_only_note")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        note.setContentsMargins(12, 8, 12, 8)
        # the picked candidate's basis, department and matched words (only a tooltip showed
        # them: the page beside the note stayed the same whatever was checked)
        self.cited_label = QLabel()
        self.cited_label.setObjectName("cited_item")
        self.cited_label.setTextFormat(Qt.TextFormat.RichText)
        self.cited_label.setWordWrap(True)
        self.cited_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.cited_label.setContentsMargins(12, 0, 12, 8)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(note)
        column.addWidget(self.cited_label)
        column.addStretch(1)
        return box

    def _build_detail(self) -> QWidget:
        """The selected task as plain text (the levels above read; they do not edit)."""
        box = QWidget()
        box.setObjectName("task_detail")
        outer = QVBoxLayout(box)
        outer.setContentsMargins(8, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.detail_title)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.detail_values: dict[str, QLabel] = {}
        for n, (key, label) in enumerate(DETAIL_FIELDS):
            name = QLabel(label)
            name.setStyleSheet("color: #555;")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(name, n, 0)
            grid.addWidget(value, n, 1)
            self.detail_values[key] = value
        outer.addLayout(grid)
        self.view_case_button = QPushButton("查看准入审批(&V)")
        self.view_case_button.setToolTip("在“准入审批”中打开这条事项的准入申请案件")
        self.view_case_button.clicked.connect(self._on_view_case_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.view_case_button)
        actions.addWidget(self.refusal_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        self.detail_note = QLabel(self.read_only)
        self.detail_note.setWordWrap(True)
        self.detail_note.setStyleSheet("color: #666;")
        outer.addWidget(self.detail_note)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(box)
        return scroll

    def _show_detail(self, task: Task | None) -> None:
        """The selected task's record, its villages those of its own township."""
        values = self.detail_values
        if task is None:
            self.detail_title.setText("在左侧列表中选定一条事项，这里显示它的登记内容。")
            for value in values.values():
                value.clear()
            return
        d = task.data
        self.detail_title.setText(d.title)
        dates = "至".join(str(x) if x else "未定" for x in (d.start_date, d.end_date))
        case = task.case_status_label or (
            "尚未受理准入申请" if d.decision is TaskDecision.UNLISTED else "（不需准入审批）"
        )
        shown = {
            "township": task.township or "—",
            "department": d.department or "—",
            "document_number": d.document_number or "—",
            "received_on": str(d.received_on or "—"),
            "decision": d.decision.label if d.decision else "—",
            "item_name": d.item_name
            or ("清单外事项" if d.decision is TaskDecision.UNLISTED else "—"),
            "villages": self._villages_text(task),
            "dates": "未定" if d.start_date is None and d.end_date is None else dates,
            "nature": d.nature.value if d.nature else "未定",
            "demands": demands_text(d.demands) or "—",
            "notes": d.notes or "—",
            "recorded": f"{task.recorded_by}　{task.recorded_at:%Y-%m-%d %H:%M}",
            "case": case,
        }
        for key, value in values.items():
            value.setText(shown[key])
        if task.mismatch:
            values["decision"].setText(
                f"{shown['decision']}\n{task.mismatch}，{self._mismatch_fix}"
            )
        color = _decision_color(task)
        values["decision"].setStyleSheet(f"color: {color.name()};" if color else "")

    def _villages_text(self, task: Task) -> str:
        """The task's villages: its own township's, not the connected person's unit's."""
        d = task.data
        if not d.all_villages:
            return "、".join(d.villages) or "—"
        names = self._township_villages(task.township_id)
        if names is None:
            return "全部村(社区)"
        whose = task.township or "本乡镇"
        return f"全部村(社区)：{whose}的 {len(names)} 个村(社区)（{'、'.join(names)}）"

    def _township_villages(self, town: int | None) -> list[str] | None:
        """The villages of township ``town``, read once (None when they cannot be read). Also
        on the worker that reads the register (a dict's item set or read at once is safe)."""
        names = self._village_names.get(town)
        if names is None:
            try:
                names = self._village_names[town] = self._service.township_villages(town)
            except JianfuError:
                return None
        return names

    def _on_view_case_clicked(self) -> None:
        task = self.selected_task()
        if task is not None and task.case_id:
            self.sig_open_case.emit(task.id)

    def _build_register(self) -> QWidget:
        page = QWidget()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("查找：标题、部门、文号、清单事项")
        self.search_edit.setClearButtonEnabled(True)
        self.decision_filter = QComboBox()
        self.decision_filter.addItem("全部结论", None)
        for decision in TaskDecision:
            self.decision_filter.addItem(decision.value, decision.value)
        self.decision_filter.addItem(MISMATCH_FILTER, MISMATCH_FILTER)
        self.refusal_button = QPushButton("打印拒绝告知书…")
        self.case_button = QPushButton("受理准入申请(&A)…")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.decision_filter)
        top.addWidget(self.case_button)
        top.addWidget(self.refusal_button)
        columns: list[Column[Task]] = [
            *([township_column(lambda t: t.township)] if self._townships else []),
            Column("收文日期", lambda t: str(t.data.received_on or "")),
            Column("文件标题", lambda t: t.data.title),
            Column("文号", lambda t: t.data.document_number),
            Column("下派部门", lambda t: t.data.department),
            Column(
                "结论",
                lambda t: (
                    (t.data.decision.value if t.data.decision else "")
                    + ("（不符）" if t.mismatch else "")
                ),
                tooltip=lambda t: (
                    f"{t.mismatch}：{self._mismatch_fix}"
                    if t.mismatch
                    else (t.data.decision.value if t.data.decision else "")
                ),
            ),
            Column("对应清单事项", lambda t: t.data.item_name),
            Column("涉及村(社区)", lambda t: t.villages_text),
            Column(
                "要求",
                lambda t: demands_short(t.data.demands),
                tooltip=lambda t: demands_text(t.data.demands),
            ),
            Column("准入审批", lambda t: t.case_status_label),
        ]
        self.model: PagedTableModel[Task] = PagedTableModel(
            columns, self._fetch, foreground=_decision_color, runner=self._runner
        )
        self._decision = None  # the decision filter's, read on the GUI thread
        self.model.sig_reloaded.connect(self._on_register_reloaded)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        town = 1 if self._townships else 0
        if self.read_only:
            # Beside the detail, the columns that tell one task from another fit the list's
            # width at 1366×768 (it scrolled sideways and cut 文号): 收文日期, 文号, 结论 and
            # 准入审批 whole on one line, the title, 下派部门 and the item wrap into taller
            # rows; the villages and the demands are read in the detail beside it. A width
            # the reviewer drags is kept (恢复默认列宽 in the header's menu).
            self.table.setObjectName("registerFit")
            fits = [*([(70, 0)] if town else []), (86, 0), (96, 4), (110, 0), (72, 2)]
            fits += [(44, 0), (72, 3), (0, 0), (0, 0), (70, 0)]
            self.register_fit = ColumnFit(
                self.table,
                fits,
                key="tasks/register-read",
                whole=[*range(town), town, town + 2, town + 4, town + 8],
            )
            for col in (town + 6, town + 7):  # 涉及村(社区), 要求: in the detail
                self.table.setColumnHidden(col, True)
            wrap_rows(self.table)
            self.table.verticalHeader().setMinimumSectionSize(26)
            self.model.sig_reloaded.connect(lambda: self.register_fit.fit(force=True))
        else:
            # At 1366×768 every column shows without scrolling sideways and no text is cut
            # (titles, items and demands ended in "…"): dates, 文号, 结论 and 准入审批 whole
            # on one line, 下派部门 whole when there is room, the title, the item, the
            # villages and the demands share the rest and wrap into taller rows. A width the
            # clerk drags is kept (恢复默认列宽 in the header's menu).
            self.table.setObjectName("registerFit")
            fits = [*([(80, 0)] if town else []), (86, 0), (200, 4), (120, 0), (100, 1)]
            fits += [(44, 0), (140, 2), (90, 1), (90, 1), (70, 0)]
            self.register_fit = ColumnFit(
                self.table,
                fits,
                key="tasks/register",
                whole=[*range(town), town, town + 2, town + 4, town + 8],
                first=(town + 3,),
            )
            # the villages and the demands are lists: they wrap between the names and the
            # demands (报表台账、考核评比/督查检查), never inside one (督查检/查)
            wrap_rows(self.table, words=(town + 6, town + 7))
            self.table.verticalHeader().setMinimumSectionSize(26)
            self.model.sig_reloaded.connect(lambda: self.register_fit.fit(force=True))
        self.count_label = QLabel()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self._build_mismatch_bar())
        if self.read_only:
            # no 受理: the county and the mechanism open the case the township received
            self.case_button.hide()
            top.removeWidget(self.refusal_button)
            left = QWidget()
            lbox = QVBoxLayout(left)
            lbox.setContentsMargins(0, 0, 0, 0)
            lbox.addWidget(self.table, 1)
            lbox.addWidget(self.count_label)
            split = QSplitter(Qt.Orientation.Horizontal)
            split.addWidget(left)
            split.addWidget(self._build_detail())
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setSizes([820, 380])  # the detail's labels wrap; the list needs the room
            layout.addWidget(split, 1)
            self._show_detail(None)
        else:
            layout.addWidget(self.table, 1)
            layout.addWidget(self.count_label)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh_register)
        self.search_edit.textChanged.connect(self._search_timer.start)
        note_missing_in_search(self.search_edit, self)
        self.decision_filter.currentIndexChanged.connect(self.refresh_register)
        self.table.selectionModel().selectionChanged.connect(self._update_register_buttons)
        self.refusal_button.clicked.connect(self._on_refusal_clicked)
        self.case_button.clicked.connect(self._on_case_clicked)
        self.table.doubleClicked.connect(self._on_case_clicked)
        if self._read_now:
            self.refresh_register()
        else:
            self.refresh_in_background()
        return page

    def _build_mismatch_bar(self) -> QWidget:
        """Records whose finding cites an item of another list (saved before the form refused
        that): how many, a link to list them, and 更正 for the clerk who recorded them."""
        self._mismatch_fix = (
            "由登记的乡镇(街道)更正" if self.read_only else "选中后点“更正审核结论…”"
        )
        self._mismatched = 0
        bar = QWidget()
        bar.setObjectName("mismatchBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.mismatch_label = QLabel()
        self.mismatch_label.setWordWrap(True)
        self.mismatch_label.setStyleSheet("color: #a50e0e;")
        self.mismatch_label.setTextFormat(Qt.TextFormat.RichText)
        self.mismatch_label.linkActivated.connect(self._on_mismatch_label_link_activated)
        self.correct_button = QPushButton("更正审核结论(&G)…")
        self.correct_button.setToolTip("选中一条“结论”为“（不符）”的记录，按所选事项更正审核结论")
        self.correct_button.clicked.connect(self._on_correct_clicked)
        row.addWidget(self.mismatch_label, 1)
        row.addWidget(self.correct_button)
        if self.read_only:
            self.correct_button.hide()
        bar.hide()
        self.mismatch_bar = bar
        return bar

    def _show_mismatched(self) -> None:
        n = self._mismatched
        self.mismatch_bar.setVisible(n > 0)
        if not n:
            return
        link = (
            ""
            if self.decision_filter.currentData() == MISMATCH_FILTER
            else "　<a href='show'>只看这些记录</a>"
        )
        self.mismatch_label.setText(
            f"有 {n} 条记录的审核结论与对应清单事项不符（如“负面”却对应协助办理事项），"
            f"同一通知再来时不作定论：{self._mismatch_fix}。{link}"
        )

    def _on_mismatch_label_link_activated(self, _link: str) -> None:
        self.decision_filter.setCurrentIndex(self.decision_filter.findData(MISMATCH_FILTER))

    def _on_correct_clicked(self) -> None:
        task = self.selected_task()
        if task is None or not task.mismatch:
            self._notify("请先选中一条“结论”为“（不符）”的记录")
            return
        from jianfu.ui.intake.correct import CorrectFindingDialog

        try:
            items = self._service.correction_items(task.id)
        except JianfuError as exc:
            self._notify(str(exc))
            return
        chosen = CorrectFindingDialog.ask(self, task, items)
        if chosen is None:
            return
        item_id, reason = chosen
        try:
            fixed = self._service.correct_finding(task.id, item_id, reason)
        except JianfuError as exc:
            self._notify(str(exc))
            return
        self._select_when_read = fixed.id
        self.refresh_register()
        self._notify(
            f"已更正：“{fixed.data.title}”的审核结论为“{fixed.data.decision}”，"
            f"对应清单事项“{fixed.data.item_name}”"
        )

    # ---------------------------------------------------------------- intake

    def reset_form(self) -> None:
        """Empty the notice and the form, and reload the departments and villages."""
        self._auto_title = ""
        self._auto_number = ""
        self._auto_department = ""
        self._auto_end: dt.date | None = None
        self._auto_start: dt.date | None = None
        self._auto_nature: str | None = None
        self.check_panel.editor.clear()
        self.check_panel.check_now()
        self.fields.clear_problems()
        self.title_edit.clear()
        self.number_edit.clear()
        self.notes_edit.clear()
        self.received_edit.setDate(QDate.currentDate())
        self.start_edit.setDate(self.start_edit.minimumDate())
        self.end_edit.setDate(self.end_edit.minimumDate())
        self.nature_combo.setCurrentIndex(0)
        for check in self.demand_checks.values():
            check.setChecked(False)
        self._clerk_demands.clear()
        self.all_villages_check.setChecked(True)
        self._load_choices()
        self._clear_decision()
        self._show_item()

    def _on_clear_clicked(self) -> None:
        unsaved = self.unsaved_work()
        if unsaved and not self.confirm_clear(unsaved):
            return
        self.reset_form()

    def confirm_clear(self, unsaved: str) -> bool:
        """Whether 清空 may drop the notice not recorded (asks the clerk; tests replace it).
        Alt+L beside Alt+R (登记事项) emptied a pasted notice and its form without a word."""
        return ask_before(
            self,
            "清空",
            unsaved.removeprefix("事项审核：")
            + "，清空后通知全文和已填写的内容将丢失。确定清空吗？",
            "清空(&L)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def confirm_replace(self, unsaved: str, name: str) -> bool:
        """Whether the notice file ``name`` may take the place of a notice not recorded (asks
        the clerk; tests replace it)."""
        return ask_before(
            self,
            "打开通知文件",
            unsaved.removeprefix("事项审核：")
            + f"。打开“{name}”将替换它，已填写的内容将丢失。确定打开吗？",
            "打开(&O)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def unsaved_work(self) -> str:
        """A notice on the form that is not recorded ('' when none)."""
        if self.read_only:  # the levels above only check: nothing of theirs to lose
            return ""
        text = self.check_panel.text().strip()
        if not text:
            return ""
        title = self.title_edit.text().strip() or text.splitlines()[0][:30]
        return f"事项审核：通知“{title}”尚未登记"

    def _set_clerk_decision(self) -> None:
        self._clerk_decision = True

    def _clear_decision(self) -> None:
        """No finding chosen, none the clerk's."""
        self._clerk_decision = False
        self.decision_group.setExclusive(False)
        for button in self.decision_buttons.values():
            button.setChecked(False)
        self.decision_group.setExclusive(True)

    def _on_check_panel_candidate_picked(self, row: int) -> None:
        """The finding follows the item the clerk picks: a 协助办理事项 picked beside the
        check's 负面 stayed 负面, was recorded so, and its refusal letter called the assisting
        task a negative-list item. 清单外 stays (it cites no item; the clerk may look)."""
        result = self.check_panel.result
        decision = self.decision()
        if result is None or decision is TaskDecision.UNLISTED or row >= len(result.candidates):
            return
        if self._kind_meanings is None:
            self._kind_meanings = self._service.kind_meanings()
        meaning = self._kind_meanings.get(result.candidates[row].kind)
        wanted = {
            KindMeaning.ADMITTED: TaskDecision.IN_LIST,
            KindMeaning.REFUSE: TaskDecision.NEGATIVE,
        }
        follows = wanted.get(meaning) if meaning is not None else None
        if follows is not None and follows is not decision:
            self.decision_buttons[follows].setChecked(True)
            self._set_clerk_decision()

    def _load_choices(self) -> None:
        # The department starts empty for every notice: carrying the last one over files the
        # next notice under the wrong department (and into the report's list of pushers).
        from jianfu.ui.widgets.completion import complete_anywhere

        self.department_combo.clear()
        # the levels above register nothing: their form is never shown, and its departments
        # and villages (a county's 300, read on the GUI thread as the screen was built) were
        # never offered
        self._short_names = {}
        villages = []
        if not self.read_only:
            self.department_combo.addItems(self._service.departments())
            self._short_names = self._service.department_short_names()
            villages = self._service.villages()
        complete_anywhere(self.department_combo, self._short_names)
        self.department_combo.setEditText("")
        self.villages_list.clear()
        for village in villages:
            item = QListWidgetItem(village.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages_list.addItem(item)
        self.villages_list.setEnabled(not self.all_villages_check.isChecked())

    def _on_checked(self, result: CheckResult | None) -> None:
        """Preset the finding from the verdict (the clerk may change it)."""
        # The demands follow the notice as it is now, except those the clerk set: a demand of
        # a notice pasted over, or of half-typed text, stayed ticked and was recorded with the
        # next task (and counted in the report's 报表台账, 挂牌 … figures).
        found = set(task_demands(result.demands)) if result is not None else set()
        for demand, check in self.demand_checks.items():
            if demand not in self._clerk_demands:
                check.setChecked(demand in found)
        if result is None:
            if not self.check_panel.text().strip():
                self._clear_decision()  # no notice, no finding (the clerk's included)
                self._clerk_demands.clear()  # and the next one's demands are its own
                self._show_item()
            return
        if not self._clerk_decision:
            self.decision_buttons[TaskDecision.from_verdict(result.verdict)].setChecked(True)
        self._fill_from_header()
        self._fill_from_precedent(result)
        self._show_item()

    def _fill_from_precedent(self, result: CheckResult) -> None:
        """A notice recognised as one recorded before: its 下派部门 and 文号 from that record,
        into the fields still empty (never over what the clerk typed or the notice states)."""
        if result.precedent is None:
            return
        if self.department_combo.currentText().strip() and self.number_edit.text().strip():
            return  # nothing to fill: no need to look
        earlier = self._service.earlier_record(result.precedent)
        if earlier is None:
            return
        if earlier.data.department and not self.department_combo.currentText().strip():
            self.department_combo.setEditText(earlier.data.department)
        if earlier.data.document_number and not self.number_edit.text().strip():
            self.number_edit.setText(earlier.data.document_number)

    def _fill_from_header(self) -> None:
        """Title, 文号 and department as the pasted notice states them, into the fields the
        clerk has left empty; what is filled here follows the notice while the clerk edits
        the notice and not the field, and goes when another notice pasted over it states
        none (a WeChat message pasted over a 通知 kept the 通知's title, 文号 and sender). The
        field shows the title's start."""
        header = read_header(self.check_panel.text())
        title = header.title
        if not ("关于" in title or title.endswith("通知")) or any(c in title for c in "。；;，,"):
            title = ""
        shown = self.title_edit.text().strip()
        if not shown or shown == self._auto_title:
            if shown != title:
                self.title_edit.setText(title)
                self.title_edit.setCursorPosition(0)
            self._auto_title = title
        number = self.number_edit.text().strip()
        if not number or number == self._auto_number:
            if number != header.document_number:
                self.number_edit.setText(header.document_number)
            self._auto_number = header.document_number
        self._fill_start_date(header.issued_on)
        self._fill_end_date(header.issued_on)
        self._fill_nature(header.issued_on)
        department = self.department_combo.currentText().strip()
        if not department or department == self._auto_department:
            # The sender the notice names: the known department it means, else the name as
            # its header or signature writes it, as an opened notice file fills it (a county
            # body missing from 部门, e.g. 南屏县文化和旅游局, left the field empty and the
            # clerk to type what the notice says)
            combo = self.department_combo
            names = [combo.itemText(i) for i in range(combo.count())]
            from jianfu.domain.issuers import issuer_of

            found = department_named(issuer_of(self.check_panel.text()), names, self._short_names)
            lines = {line.strip() for line in self.check_panel.text().splitlines()}
            # as written only from a title kept above or a line of its own (a signature):
            # never 按照县委 out of a lead-in's "按照县委关于…"
            written = header.department if title or header.department in lines else ""
            if department != (found or written):
                self.department_combo.setEditText(found or written)
            self._auto_department = found or written

    def _fill_start_date(self, issued_on: dt.date | None) -> None:
        """The date the notice says the work starts from (自2027年1月起) as 开始日期, while the
        clerk has not chosen one, following the notice as it is edited; it stayed 未定."""
        after = issued_on or date_value(self.received_edit) or dt.date.today()
        start = work_start(self.check_panel.text(), after)
        shown = date_value(self.start_edit)
        if shown is not None and shown != self._auto_start:
            return  # the clerk's own date
        if shown != start:
            self.start_edit.set_value(start)
        self._auto_start = start

    def _fill_end_date(self, issued_on: dt.date | None) -> None:
        """The date the notice asks the work done by (于12月20日前完成) as 结束日期, while the
        clerk has not chosen one; it follows the notice as it is edited or replaced. The clerk
        had to find it in the text, and 准入审批 refused a 临时 case without it."""
        after = issued_on or date_value(self.received_edit) or dt.date.today()
        end = work_deadline(self.check_panel.text(), after)
        shown = date_value(self.end_edit)
        if shown is not None and shown != self._auto_end:
            return  # the clerk's own date
        if shown != end:  # a notice pasted over one with a deadline and without one: 未定
            self.end_edit.set_value(end)
        self._auto_end = end

    def _fill_nature(self, issued_on: dt.date | None) -> None:
        """事项性质 from a deadline the notice sets again and again (每月5日前, 每季度末, 每周五
        前): 长期, or 阶段 when the notice also says when the work ends; from a deadline it
        sets once (请于12月20日前报送) and no start: 临时, work done once. While the clerk has
        not chosen one, following the notice as it is edited; it stayed 未定 for such
        notices. No date is made up from it (起止日期 are what the notice states)."""
        nature: str | None = None
        text = self.check_panel.text()
        after = issued_on or date_value(self.received_edit) or dt.date.today()
        if recurring_deadline(text):
            ends = date_value(self.end_edit) is not None
            nature = (ItemNature.STAGED if ends else ItemNature.LONG_TERM).value
        elif work_deadline(text, after) is not None and work_start(text, after) is None:
            nature = ItemNature.TEMPORARY.value
        shown = self.nature_combo.currentData()
        if shown is not None and shown != self._auto_nature:
            return  # the clerk's own choice
        if shown != nature:
            self.nature_combo.setCurrentIndex(max(self.nature_combo.findData(nature), 0))
        self._auto_nature = nature

    # ---------------------------------------------------------------- notice files

    def _on_open_clicked(self) -> None:
        path, _ = open_file_name(self, "打开通知文件", "", NOTICE_FILTER)
        if path:
            self.open_notice(path)

    def open_notice(self, path: str) -> bool:
        """Read a notice file into the editor and the form; a Chinese message when it fails."""
        try:
            notice = self._service.read_notice(path)
        except JianfuError as err:
            QMessageBox.warning(self, "无法读取通知文件", str(err))
            return False
        unsaved = self.unsaved_work()
        if unsaved and not self.confirm_replace(unsaved, Path(path).name):
            return False  # the notice on the form was replaced without a word
        header = notice.header
        self.title_edit.setText(header.title)
        self.number_edit.setText(header.document_number)
        # the department the notice names, or none yet: the one typed for the notice before
        # is not this one's (the check fills in a known sender)
        self.department_combo.setEditText(header.department)
        # another notice: the check presets its finding and its demands again (the ticks the
        # clerk set for the notice before stayed, and were recorded with this one)
        self._clerk_decision = False
        self._clerk_demands.clear()
        self.check_panel.set_text(notice.text)
        self._notify(f"已读取：{Path(path).name}")
        return True

    def edit_synonyms(self) -> None:
        """The local synonyms of the chosen candidate, in a dialog."""
        from jianfu.services.people import synonym_refusals
        from jianfu.ui.intake.synonyms import SynonymsDialog

        candidate = self._chosen_candidate()
        if candidate is None:
            return
        SynonymsDialog(
            candidate.item.name,
            self._service.synonyms_of,
            self._service.add_synonym,
            self._service.remove_synonym,
            self,
            refusals=synonym_refusals(self._service.ctx.person),
        ).exec()
        self.check_panel.check_now()

    def _on_synonym_requested(self, words: str) -> None:
        candidate = self._chosen_candidate()
        if candidate is None:
            QMessageBox.information(self, "同义词", "请先在候选事项中选定这个词所指的清单事项。")
            return
        from jianfu.services.people import synonym_refusals

        add_refused, remove_refused = synonym_refusals(self._service.ctx.person)
        if add_refused:
            QMessageBox.information(self, "同义词", add_refused)
            return
        item = candidate.item.name
        later = (
            "删除由管理员办理"
            if remove_refused
            else "可在左侧候选事项上点右键，选“本地同义词…”删除"
        )
        answer = QMessageBox.question(
            self,
            "记为同义词",
            f"以后通知中出现“{words}”时，按“{item}”审核？\n（同义词保存在数据库中，{later}）",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.add_synonym(words, item)
        except JianfuError as err:
            QMessageBox.warning(self, "未能添加同义词", str(err))
            return
        self._notify(f"已把“{words}”记为“{item}”的同义词")
        self.check_panel.check_now()

    def decision(self) -> TaskDecision | None:
        """The finding the clerk has chosen."""
        return next((d for d, b in self.decision_buttons.items() if b.isChecked()), None)

    def _chosen_candidate(self):  # -> Candidate | None
        result = self.check_panel.result
        if result is None or not result.candidates:
            return None
        row = self.check_panel.selected_candidate()
        return result.candidates[min(row, len(result.candidates) - 1)]

    def _show_item(self) -> None:
        decision = self.decision()
        candidate = self._chosen_candidate()
        # another finding or item: the problem said of the last one (所选…不符) no longer holds
        self.fields.clear_problem("item_name")
        if decision is TaskDecision.UNLISTED:
            self.item_label.setText("清单外事项：登记后受理准入申请，报协调机制审批。")
        elif candidate is None:
            self.item_label.setText("（在左侧候选事项中选定）")
        else:
            self.item_label.setText(_item_html(candidate, self.check_panel.as_written))
            self.item_label.setToolTip(candidate.item.basis)
        if candidate is None or decision is TaskDecision.UNLISTED:
            self.item_label.setToolTip("")
        if self.read_only:  # the levels above see the candidate they pick beside the note
            written = self.check_panel.as_written
            cited = _item_html(candidate, written) if candidate is not None else ""
            self.cited_label.setText(f"<p><b>所选清单事项</b></p><p>{cited}</p>" if cited else "")
            self.cited_label.setToolTip(candidate.item.basis if candidate is not None else "")

    def gather(self) -> TaskInput:
        """The task as the form shows it."""
        result = self.check_panel.result
        decision = self.decision()
        candidate = self._chosen_candidate() if decision is not TaskDecision.UNLISTED else None
        villages = tuple(
            self.villages_list.item(i).text()
            for i in range(self.villages_list.count())
            if self.villages_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return TaskInput(
            title=self.title_edit.text(),
            department=self.department_combo.currentText(),
            received_on=date_value(self.received_edit),
            decision=decision,
            text=self.check_panel.text(),
            document_number=self.number_edit.text(),
            all_villages=self.all_villages_check.isChecked(),
            villages=villages,
            start_date=date_value(self.start_edit),
            end_date=date_value(self.end_edit),
            nature=ItemNature(self.nature_combo.currentData() or "")
            if self.nature_combo.currentData()
            else None,
            demands=tuple(d for d, c in self.demand_checks.items() if c.isChecked()),
            notes=self.notes_edit.text(),
            item_id=candidate.item.id if candidate else None,
            item_name=candidate.item.name if candidate else "",
            item_kind=candidate.kind if candidate else "",
            verdict=result.verdict if result else None,
            candidates=snapshot_candidates(result) if result else (),
        )

    def record(self) -> Task | None:
        """Save the task; problems show next to their fields and nothing is saved."""
        self.check_panel.check_now()
        try:
            self._check_dates()
            data = self.gather()
            # the form's problems first: a clerk asked 仍要登记吗 and answering yes was then
            # told the item did not fit the finding, and asked again after putting it right
            self._service.validate(data)
            earlier = self._recorded_before(data.document_number)
            if earlier is not None and not self.confirm_again(earlier):
                return None  # the form stays as it is
            task = self._service.record(data)
        except ValidationError as err:
            self.fields.show_problems(err)
            return None
        except JianfuError as err:
            QMessageBox.warning(self, "未能登记", str(err))
            return None
        after = {
            TaskDecision.NEGATIVE: "，按 Ctrl+P 打印拒绝告知书",
            TaskDecision.UNLISTED: "，按 Ctrl+Shift+A 受理准入申请",
        }.get(task.data.decision, "")
        self._notify(f"已登记：{task.data.title}（{task.data.decision}）{after}")
        self.reset_form()
        self.refresh_register()
        self.select_task(task.id)  # the next step (print, receive) acts on it at once
        self.check_panel.editor.setFocus(Qt.FocusReason.OtherFocusReason)  # the next notice
        self.sig_task_recorded.emit(task)
        return task

    def _recorded_before(self, number: str) -> Task | None:
        """A task recorded with the same 文号 (None when there is none, or no 文号). The same
        notice opened or pasted again was recorded twice without a word, and counted twice in
        the report."""
        wanted = "".join(number.split())
        if not wanted:
            return None
        try:
            rows = self._service.page(TaskFilter(query=wanted), 0, 50).rows
        except JianfuError:
            return None
        return next((t for t in rows if "".join(t.data.document_number.split()) == wanted), None)

    def confirm_again(self, earlier: Task) -> bool:
        """Whether to record a notice whose 文号 is recorded already (asks the clerk)."""
        d = earlier.data
        return ask_before(
            self,
            "这份通知已登记过",
            f"文号为“{d.document_number}”的通知已于 {d.received_on or '—'} 登记："
            f"\n{d.title}（{d.decision.value if d.decision else '—'}）"
            "\n\n同一份通知再登记一次，统计报表中会重复计数。仍要登记吗？",
            "仍然登记(&Y)",
            "不登记(&N)",
        )

    def _check_dates(self) -> None:
        """Typed dates that do not exist (2026-02-30) are refused before anything is saved."""
        self.fields.check_dates()
        edits = {"start_date": self.start_edit, "end_date": self.end_edit}
        problems = [FieldProblem(k, r) for k, e in edits.items() if (r := e.problem())]
        if problems:
            raise ValidationError(problems)

    # ---------------------------------------------------------------- register

    def _fetch(self, query: str, offset: int, limit: int):
        # may run on a worker: the filter is the one noted when the reload started
        data = self._decision
        mismatched = data == MISMATCH_FILTER
        f = TaskFilter(
            query=query.strip(),
            decision=TaskDecision(data) if data and not mismatched else None,
            mismatched=mismatched,
        )
        page = self._service.page(f, offset, limit)
        if offset == 0:
            self._mismatched = self._service.count_mismatched()
        if self.read_only and offset == 0 and page.rows and page.rows[0].data.all_villages:
            # the levels above are shown the first task's detail as the rows arrive: its
            # township's villages are read here, not then on the GUI thread
            self._township_villages(page.rows[0].township_id)
        return page

    def refresh(self) -> None:
        """The register as it is now (others may have recorded or decided meanwhile)."""
        self.refresh_register()

    def refresh_in_background(self) -> None:
        """Shown, or a save elsewhere: read the register off the GUI thread (the rows shown
        stay until the new ones arrive; the selection is kept)."""
        self._decision = self.decision_filter.currentData()
        self.model.reload(self.search_edit.text(), background=True)

    def reload_after_change(self, change: Change) -> None:
        """Records were saved: reload the register; a list, precedent or synonym changed:
        check the notice again against the lists now in force."""
        if change.touches(("task", "case")):
            self.refresh_in_background()
        if not self.check_built:
            return  # (built as things are then)
        if change.touches(("list", "check")) and self.check_panel.text().strip():
            self.check_panel.check_now()
        if change.touches(("department", "unit")):
            self._reload_choices()

    def _show_villages_list(self, all_villages: bool) -> None:
        self.villages_list.setEnabled(not all_villages)
        self.villages_list.setHidden(all_villages)

    def _reload_choices(self) -> None:
        """The departments and villages as they are now, keeping what the clerk has entered."""
        department = self.department_combo.currentText()
        villages = self.villages_list
        checked = {
            villages.item(i).text()
            for i in range(villages.count())
            if villages.item(i).checkState() == Qt.CheckState.Checked
        }
        self._load_choices()
        self.department_combo.setEditText(department)
        for i in range(villages.count()):
            if villages.item(i).text() in checked:
                villages.item(i).setCheckState(Qt.CheckState.Checked)

    def refresh_register(self) -> None:
        """Reload the recorded tasks with the current search and filter."""
        self._decision = self.decision_filter.currentData()
        self.model.reload(self.search_edit.text())

    def _on_register_reloaded(self) -> None:
        self.count_label.setText(f"共 {self.model.total} 条事项")
        self._show_mismatched()
        wanted, self._select_when_read = self._select_when_read, None
        if wanted is not None:
            self.select_task(wanted)
        if self.read_only and self.selected_task() is None and self.model.rowCount():
            self.table.selectRow(0)  # the detail shows something from the start
        self._update_register_buttons()

    def select_task(self, task_id: int | None) -> bool:
        """Select the recorded task ``task_id`` in the list (False when it is not shown);
        while the list is being read (the screen just built, a reload), when its rows
        arrive (首页's reminder of a task opens the screen on it)."""
        if self.model.reloading and task_id is not None:
            self._select_when_read = task_id
            return True
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == task_id:
                self.table.selectRow(row)
                self._update_register_buttons()
                return True
        return False

    def selected_task(self) -> Task | None:
        """The recorded task selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _update_register_buttons(self) -> None:
        task = self.selected_task()
        decision = task.data.decision if task else None
        self.refusal_button.setEnabled(decision is TaskDecision.NEGATIVE and not task.mismatch)
        self.correct_button.setEnabled(bool(task and task.mismatch))
        self.case_button.setEnabled(decision is TaskDecision.UNLISTED)
        self.case_button.setText(
            "查看准入审批(&A)" if task is not None and task.case_id else "受理准入申请(&A)…"
        )
        if self.read_only:
            self.view_case_button.setEnabled(task is not None and task.case_id is not None)
            self._show_detail(task)

    def _on_case_clicked(self) -> None:
        task = self.selected_task()
        if task is not None and task.data.decision is TaskDecision.UNLISTED:
            self.sig_open_case.emit(task.id)

    def _on_refusal_clicked(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        service, task_id = self._service, task.id
        self.current_task = print_pdf_asking(
            self,
            self._runner,
            "打印拒绝告知书",
            refusal_file_name(task),
            lambda allow: service.print_negative_refusal(task_id, allow_missing=allow),
        )

    def save_pdf(self, path: Path, make: Callable[[], bytes]) -> None:
        """Build a PDF off the GUI thread and write it to ``path``."""
        save_pdf(self, self._runner, path, make)

    def _notify(self, text: str) -> None:
        notify(self, text)


#: the selected task's record, as the levels above read it (key, label)
DETAIL_FIELDS = (
    ("township", "乡镇(街道)"),
    ("department", "下派部门"),
    ("document_number", "文号"),
    ("received_on", "收文日期"),
    ("decision", "审核结论"),
    ("item_name", "对应清单事项"),
    ("villages", "涉及村(社区)"),
    ("dates", "起止日期"),
    ("nature", "事项性质"),
    ("demands", "对村(社区)的要求"),
    ("notes", "备注"),
    ("recorded", "登记人"),
    ("case", "准入审批"),
)


#: the register's filter of records whose finding cites an item of another list
MISMATCH_FILTER = "结论与事项不符"


def _decision_color(task: Task) -> QColor | None:
    if task.data.decision is TaskDecision.NEGATIVE:
        return QColor("#a50e0e")
    if task.data.decision is TaskDecision.UNLISTED and not task.case_id:
        return QColor("#8a4b00")
    return None


#: The open dialog lists .doc and .wps notices too: hidden, the clerk's notice was not in its
#: folder; chosen, the reader says to save it as .docx
NOTICE_FILTER = "通知文件 (*.docx *.pdf *.ofd *.txt *.doc *.wps);;所有文件 (*)"


def make_intake_widget(
    service: TasksService,
    kind_names: Mapping[str, str] | Callable[[], Mapping[str, str]],
    runner: TaskRunner,
    *,
    read_now: bool = True,
) -> IntakeWidget:
    """The 事项审核 screen; ``read_now=False`` reads its register on a worker (the main
    window's first showing: the GUI thread lays the screen out meanwhile)."""
    return IntakeWidget(service, kind_names, runner, read_now=read_now)


#: The basis shown under the cited item: its start (the whole of it is the tooltip).
BASIS_SHOWN = 90


def _item_html(
    candidate: Candidate, written: Callable[[Sequence[str]], list[str]] | None = None
) -> str:
    """The cited item with why it is cited: its basis, its department and the words of the
    notice it matched. Only the name showed; the basis and the words were in a tooltip of
    the candidates' table, so the clerk confirmed an item without seeing its reasons."""
    from jianfu.domain.lexicon import LEARNED_LABEL

    item, e = candidate.item, html.escape
    basis = item.basis if len(item.basis) <= BASIS_SHOWN else item.basis[:BASIS_SHOWN] + "…"
    facts = [
        f"依据：{e(basis)}" if basis else "",
        f"责任单位：{e(item.department)}" if item.department else "",
        "命中：" + e("、".join((written or list)(candidate.matched[:12])))
        if candidate.matched
        else "",
        e(LEARNED_LABEL + "、".join(candidate.learned[:6])) if candidate.learned else "",
    ]
    lines = "<br>".join(f for f in facts if f)
    return f"{e(item.name)}<span style='color:#5f6368'>（在左侧候选事项中可改选）</span>" + (
        f"<br><span style='color:#5f6368'>{lines}</span>" if lines else ""
    )
