"""首页: this period's key figures, two charts and the reminders of every flow.

The figures are read in the background each time the screen is shown; a reminder opens the
screen that holds its record (and selects the record when that screen can).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.period_report import COLUMN_BY_KEY
from jianfu.domain.periods import chinese_date
from jianfu.ui.background import TaskHandle, TaskRunner
from jianfu.ui.dashboard.charts import CURRENT_COLOR, PREVIOUS_COLOR, BarChartWidget, Series
from jianfu.ui.glyphs import with_missing_note

if TYPE_CHECKING:
    from jianfu.services.dashboard import Dashboard, DashboardReminder, SetupStep
    from jianfu.services.registry import Services

#: The comparison chart's figures (short labels fit under the bars).
CHART_FIGURES: tuple[tuple[str, str], ...] = (
    ("tasks_applied", "新申请准入(项次)"),
    ("tasks_unadmitted", "未准入下派(项次)"),
    ("boards_cleaned", "清理牌子"),
    ("mechanisms_merged", "撤并机制"),
    ("certs_refused", "不予出具证明"),
    ("inspections", "督查检查"),
)
TOP_VILLAGES = 8


class FigureCard(QFrame):
    """One key figure: the number, what it counts, and the change against the last period."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#figureCard { background: palette(base); border: 1px solid #c8c8c8;"
            " border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.value_label = QLabel("—")
        self.value_label.setStyleSheet("font-size: 22pt; font-weight: bold; color: #2f5597;")
        self.name_label = QLabel(label)
        self.change_label = QLabel("")
        self.change_label.setStyleSheet("color: gray;")
        for w in (self.value_label, self.name_label, self.change_label):
            layout.addWidget(w)

    def set_figure(self, value: int, unit: str, change: int | None, note: str = "") -> None:
        """Show ``value``; under it the change against the last period, or ``note``."""
        self.value_label.setText(f"{value}")
        self.value_label.setToolTip(f"{value}{unit}")
        if change is None:
            self.change_label.setText(note)
        elif change:
            self.change_label.setText(f"比上期 {'+' if change > 0 else ''}{change}{unit}")
        else:
            self.change_label.setText("与上期持平")


class DashboardWidget(QWidget):
    """The first screen."""

    sig_loaded = Signal()
    """The figures and reminders were read and shown."""
    sig_load_failed = Signal()
    """Reading the figures failed (the reason is shown in the status line)."""
    sig_settings_requested = Signal()
    """The clerk followed the first steps' link to 设置 → 乡镇设置…."""

    def __init__(
        self,
        services: Services | None,
        runner: TaskRunner,
        open_screen: Callable[[str], QWidget],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.open_screen = open_screen
        self.dashboard: Dashboard | None = None
        self._reminders: list[DashboardReminder] = []
        self._handle: TaskHandle | None = None
        self._again = False  # asked to refresh while reading: read again when done

        self.title_label = QLabel("首页")
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status_label = QLabel("正在统计…")
        self.status_label.setStyleSheet("color: gray;")
        # the period and what is counted go on to a second line in a narrow window: a
        # county's or city's (县(市、区) 1 个、村(社区) 31 个) made the window 1049 px wide
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton("生成统计报表…")
        self.report_button.clicked.connect(lambda: self.open_screen("reports"))
        head = QHBoxLayout()
        head.addWidget(self.title_label)
        head.addWidget(self.status_label, 1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.report_button)

        from jianfu.services.dashboard import KEY_FIGURES

        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        cards.setSpacing(10)
        for i, (key, label) in enumerate(KEY_FIGURES):
            card = FigureCard(label)
            self.cards[key] = card
            cards.addWidget(card, 0, i)

        self.compare_chart = BarChartWidget("本期与上期主要数据对比")
        self.villages_chart = BarChartWidget("清理牌子最多的村(社区)", horizontal=True)
        self.villages_chart.empty_text = "本期没有清理牌子的记录"
        charts = QHBoxLayout()
        charts.addWidget(self.compare_chart, 3)
        charts.addWidget(self.villages_chart, 2)

        self.reminders_label = QLabel("待办提醒")
        self.reminders_label.setStyleSheet("font-weight: bold;")
        self.reminders = QTreeWidget()
        self.reminders.setObjectName("reminders")
        self.reminders.setRootIsDecorated(False)
        self.reminders.setColumnCount(3)
        self.reminders.setHeaderLabels(["类别", "事项", "说明"])
        header = self.reminders.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reminders.itemActivated.connect(self._on_reminders_item_activated)
        self.open_button = QPushButton("打开")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.reminders.currentItemChanged.connect(
            lambda current, _prev: self.open_button.setEnabled(
                current is not None and self.services is not None
            )
        )
        rem_head = QHBoxLayout()
        rem_head.addWidget(self.reminders_label, 1)
        rem_head.addWidget(self.open_button)

        # a new database: what to set up first, each step a link to where it is done
        self.setup_label = QLabel()
        self.setup_label.setObjectName("setup")
        self.setup_label.setWordWrap(True)
        self.setup_label.setTextFormat(Qt.TextFormat.RichText)
        self.setup_label.setStyleSheet(
            "background: #fff8e1; border: 1px solid #e0c070; padding: 6px 10px;"
        )
        self.setup_label.linkActivated.connect(self._on_setup_label_link_activated)
        self.setup_label.hide()
        self._setup_read: TaskHandle | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.setup_label)
        layout.addLayout(cards)
        layout.addLayout(charts, 3)
        layout.addLayout(rem_head)
        layout.addWidget(self.reminders, 2)
        if services is None:  # shows what was kept (show_view) until the database is open
            self.refresh_button.setEnabled(False)
            self.report_button.setEnabled(False)

    def attach_services(self, services: Services) -> None:
        """The database is open: what was shown from the last close can be used now."""
        self.services = services
        self.refresh_button.setEnabled(not self.loading)
        self.report_button.setEnabled(True)
        self.open_button.setEnabled(self.reminders.currentItem() is not None)
        self._read_setup()  # kept from the last close: the first steps are read now

    # ---- loading

    @property
    def loading(self) -> bool:
        return self._handle is not None and not self._handle.done

    def refresh(self) -> None:
        """Read the figures and reminders again in the background (shown on arrival)."""
        if self.loading:
            self._again = True  # a save during the read: its figures may miss it
            return
        self._again = False
        from jianfu.services.first_screen_plain import read_dashboard

        services = self.services
        if services is None:
            return
        self.status_label.setText("正在统计…")
        self.refresh_button.setEnabled(False)
        # read as a start reads it (the same statements): what a save shows is what a fresh
        # start would show
        self._handle = self.runner.run(
            lambda progress: read_dashboard(services, progress=progress), owner=self
        )
        self._handle.sig_finished.connect(self._on_loaded)
        self._handle.sig_failed.connect(self._on_failed)

    def _on_loaded(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.refresh_button.setEnabled(True)
        self.show_view(view_of(dashboard))
        self._read_setup()
        self.sig_loaded.emit()
        if self._again:
            self.refresh()

    # ---- the first steps of a new database

    def _read_setup(self) -> None:
        from jianfu.services.dashboard import setup_steps

        services = self.services
        if services is None:
            return
        self._setup_read = self.runner.run(lambda _progress: setup_steps(services), owner=self)
        self._setup_read.sig_finished.connect(self.show_setup)

    def show_setup(self, steps: list[SetupStep]) -> None:
        """Show what is still to be set up (hidden when nothing is)."""
        self.setup_label.setVisible(bool(steps))
        if not steps:
            self.setup_label.clear()
            return
        numbers = "①②③④⑤"
        lines = [
            f"{numbers[i]} <a href='{step.screen}'>{html.escape(step.text)}</a>"
            for i, step in enumerate(steps)
        ]
        self.setup_label.setText(
            "<b>开始使用：</b>请先做好以下几步（点击即可前往）：<br>" + "<br>".join(lines)
        )

    def _on_setup_label_link_activated(self, screen: str) -> None:
        if screen == "settings":
            self.sig_settings_requested.emit()
        elif self.services is not None:
            self.open_screen(screen)

    def show_view(self, view: dict[str, Any]) -> None:
        """Show what ``view_of`` made of a dashboard (just read, or kept from the last close:
        ``services.first_screen``)."""
        from jianfu.services.dashboard import DashboardReminder

        self.title_label.setText(view["title"])
        self.status_label.setText(view["status"])
        for key, card in self.cards.items():
            value, unit, change, note = view["cards"][key]
            card.set_figure(value, unit, change, note)
        previous, current = view["compare"]["series"]
        self.compare_chart.set_data(
            [label for _k, label in CHART_FIGURES],
            [Series(previous, PREVIOUS_COLOR), Series(current, CURRENT_COLOR)],
            view["compare"]["values"],
        )
        villages = view["villages"]
        self.villages_chart.title = villages["title"]
        self.villages_chart.set_data(
            villages["names"], [Series("清理牌子", CURRENT_COLOR)], [villages["values"]]
        )
        self._fill_reminders([DashboardReminder(**r) for r in view["reminders"]])

    def _on_failed(self, exc: object) -> None:
        self.refresh_button.setEnabled(True)
        self.compare_chart.stop_waiting()
        self.villages_chart.stop_waiting()
        self.status_label.setText(f"统计失败：{exc}")
        self.sig_load_failed.emit()
        if self._again:
            self.refresh()

    def _fill_reminders(self, reminders: list[DashboardReminder]) -> None:
        self.reminders.clear()
        urgent = sum(1 for r in reminders if r.urgent)
        self.reminders_label.setText(
            f"待办提醒（{len(reminders)} 项"
            + (f"，其中 {urgent} 项已逾期或需尽快处理）" if urgent else "）")
            if reminders
            else "待办提醒（暂无）"
        )
        self._reminders = list(reminders)
        for index, reminder in enumerate(reminders):
            item = QTreeWidgetItem([reminder.kind, reminder.text, reminder.detail])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(1, with_missing_note(reminder.text))  # 谢𠮷 without a font: said
            item.setToolTip(2, with_missing_note(reminder.detail))
            if reminder.urgent:
                for col in range(3):
                    item.setForeground(col, Qt.GlobalColor.darkRed)
            self.reminders.addTopLevelItem(item)

    # ---- opening a reminder

    def open_reminder(self, reminder: DashboardReminder) -> QWidget:
        """Show the reminder's screen and select its record there when possible."""
        page = self.open_screen(reminder.screen)
        show_view = getattr(page, "show_view", None) if reminder.view else None
        if callable(show_view):
            show_view(reminder.view)
        select = getattr(page, f"select_{reminder.entity}", None) if reminder.entity else None
        if callable(select) and reminder.record_id is not None:
            select(reminder.record_id)
        return page

    def reminder_of(self, item: QTreeWidgetItem) -> DashboardReminder:
        """The reminder a row of the list shows."""
        return self._reminders[item.data(0, Qt.ItemDataRole.UserRole)]

    def _on_reminders_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if self.services is None:
            return  # the other screens come when the database is open
        self.open_reminder(self.reminder_of(item))

    def _on_open_button_clicked(self) -> None:
        item = self.reminders.currentItem()
        if item is not None and self.services is not None:
            self.open_reminder(self.reminder_of(item))


def view_of(dashboard: Dashboard) -> dict[str, Any]:
    """What 首页 shows of ``dashboard``, as plain JSON-able values (see ``show_view``)."""
    report = dashboard.report
    period = dashboard.period
    # a reviewer's or the mechanism's level: the county or city, a row per township …
    unit = report.township if report.rolled_up else ""
    counted = f"村(社区) {len(report.rows)} 个"
    if report.rolled_up:
        rows, villages = len(report.rows), report.village_count
        counted = f"{report.row_label} {rows} 个、村(社区) {villages} 个"
    # where a ledger began after the previous period (统计报表's first-record days), on a
    # line of its own: 事项审核和准入审批自2026年10月6日起登记，上期无记录，不作比较
    late = report.unrecorded_before
    unrecorded = "、".join(f"{n}自{chinese_date(d)}起登记" for n, d in late.items())
    status = (
        f"{period.span_text}　{counted}"
        + ("　本期暂无数据" if report.is_empty else "")
        + (f"\n{unrecorded}，上期无记录，不作比较" if unrecorded and not report.is_empty else "")
        + (f"　{'；'.join(dashboard.problems)}" if dashboard.problems else "")
    )
    total, change = report.total, report.change
    distinct = report.distinct_tasks
    cards: dict[str, tuple[int, str, int | None, str]] = {}
    from jianfu.services.dashboard import KEY_FIGURES

    for key, _label in KEY_FIGURES:
        figure_unit = COLUMN_BY_KEY[key].unit
        if distinct is not None and key.startswith("tasks_"):
            # A task for every village is one task here; the table counts it per village.
            note = f"落到村(社区) {total[key]} 项次"
            if key in report.uncompared:
                note += "\n上期无记录"
            cards[key] = (distinct[key], figure_unit, None, note)
        elif key in report.uncompared:  # its ledger recorded nothing then: not +N from 0
            cards[key] = (total[key], figure_unit, None, "上期无记录")
        else:
            cards[key] = (total[key], figure_unit, change[key], "")
    ranked = sorted(
        (r for r in report.rows if r.figures["boards_cleaned"] > 0),
        key=lambda r: (-r.figures["boards_cleaned"], r.name),
    )[:TOP_VILLAGES]
    # no previous bar (None) where its ledger recorded nothing then, as 统计报表's chart
    previous = [
        None if k in report.uncompared else report.previous_total[k] for k, _l in CHART_FIGURES
    ]
    before = report.previous_period.label
    if all(v is None for v in previous):
        before += "，无记录"
    return {
        "title": f"首页 — {unit}{period.label}",
        "status": status,
        "cards": cards,
        "compare": {
            "series": [f"上期（{before}）", f"本期（{period.label}）"],
            "values": [
                previous,
                [total[k] for k, _l in CHART_FIGURES],
            ],
        },
        "villages": {
            "title": f"清理牌子最多的{report.row_label}",
            "names": [r.name for r in ranked],
            "values": [r.figures["boards_cleaned"] for r in ranked],
        },
        "reminders": [asdict(r) for r in dashboard.reminders],
    }


def make_dashboard_widget(
    services: Services, runner: TaskRunner, open_screen: Callable[[str], QWidget]
) -> DashboardWidget:
    """The 首页 screen."""
    return DashboardWidget(services, runner, open_screen)
