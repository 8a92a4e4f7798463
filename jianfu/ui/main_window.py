"""The main window: navigation of the flows, the pages, menus and the status bar."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianfu import __version__
from jianfu.ui.background import TaskHandle, TaskRunner
from jianfu.ui.changes import Change, ChangeHub, ChangeWatch
from jianfu.ui.widgets.form import ask_before
from jianfu.ui.widgets.placeholder import PlaceholderWidget
from jianfu.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from jianfu.services.dashboard import Dashboard
    from jianfu.services.registry import Services
    from jianfu.ui.change_feed import ChangeFeedListener


#: the modules each screen's page is made with: ``MainWindow._make_page`` and the page import
#: them as the screen is first shown and used; ``preload_screens`` imports them all on a worker
#: once start-up is over
SCREEN_MODULES: dict[str, tuple[str, ...]] = {
    "dashboard": ("jianfu.ui.dashboard.widget",),
    "lists": ("jianfu.ui.lists",),
    "tasks": ("jianfu.ui.intake", "jianfu.ui.intake.check_panel", "jianfu.ui.widgets.flow"),
    "cases": ("jianfu.ui.cases",),
    "boards": ("jianfu.ui.boards", "jianfu.services.boards", "jianfu.services.photo_store"),
    "certificates": ("jianfu.ui.certificates",),
    "burdens": ("jianfu.ui.burdens", "jianfu.services.burdens"),
    "reports": ("jianfu.ui.dashboard.report_screen",),
    "units": ("jianfu.ui.basedata.units",),
    "departments": ("jianfu.ui.basedata.departments", "jianfu.services.departments"),
    "audit": ("jianfu.ui.audit", "jianfu.services.audit"),
}


@dataclass(frozen=True)
class Screen:
    """One entry of the navigation."""

    key: str
    title: str
    placeholder: tuple[str, ...] = ()


SCREENS: tuple[Screen, ...] = (
    Screen("dashboard", "首页"),
    Screen(
        "lists",
        "清单",
        (
            "维护清单版本（依法履职、协助办理、负面事项，以及可出具/不应出具证明事项）",
            "从县里发布的 Excel 导入清单，比较两个版本的变化，退出事项",
            "打印清单用于公示",
        ),
    ),
    Screen(
        "tasks",
        "事项审核",
        (
            "粘贴部门通知，立即判断：清单内（对应哪一项、依据）、负面清单（拒绝）或清单外（需审批）",
            "确认后登记下派事项：部门、文号、收文日期、涉及村(社区)、起止时间",
        ),
    ),
    Screen(
        "cases",
        "准入审批",
        (
            "清单外事项立案审批：已受理 → 乡镇意见 → 县级审核 → 协调机制审批 → 批准/不予准入",
            "按工作日计算时限（含调休），逾期提醒",
            "打印审批表、不予准入告知书",
        ),
    ),
    Screen(
        "boards",
        "牌子",
        (
            "按村(社区)登记牌子台账，标出允许范围外的牌子",
            "处置（保留、规范、合并、摘除）、复查与反弹提醒，处置前后照片",
        ),
    ),
    Screen(
        "certificates",
        "证明",
        (
            "登记证明申请，对照可出具/不应出具证明事项清单",
            "打印证明或告知替代途径的不予出具告知书；身份证号全程脱敏",
        ),
    ),
    Screen(
        "burdens",
        "其他负担",
        (
            "工作机制和专人专岗、报表台账、工作群和政务APP、督查检查考核观摩",
            "每项的要求部门、频次、依据和清理情况",
        ),
    ),
    Screen(
        "reports",
        "统计报表",
        (
            "按季度（或月、半年、年、任意时段）生成各村(社区)减负工作情况统计表",
            "导出 PDF 和 Excel，附情况报告草稿",
        ),
    ),
    Screen("units", "村(社区)"),
    Screen("departments", "部门"),
    Screen("audit", "操作记录"),
)


#: the status line while 首页 kept from the last close is shown and the database opens
OPENING = "正在打开数据库，其他界面稍后可用…"

#: What each screen is for, in one line above it (F1 opens the guide's section).
PURPOSES: dict[str, str] = {
    "dashboard": "今天要办的事：审批时限、逾期提醒、待处置的牌子和证明、备份情况",
    "lists": "县里发布的准入清单和证明事项清单：导入、比较版本、施行、打印公示",
    "tasks": "粘贴部门通知，立即判断清单内、负面清单（拒绝）或清单外（审批），然后登记",
    "cases": "清单外事项的准入审批：受理、乡镇意见、县级审核、协调机制审批，按工作日计时限",
    "boards": "各村(社区)挂牌台账：登记、标出范围外的牌子、处置和复查",
    "certificates": "对照清单判断证明申请能否出具，打印证明或不予出具告知书",
    "burdens": "工作机制、报表台账、工作群和APP、督查检查考核及清理情况",
    "reports": "各村(社区)减负工作情况统计表和情况报告，按季度或任意时段",
    "units": "本乡镇（街道）的村和社区及其顺序",
    "departments": "下派工作的部门：全称、简称、层级",
    "audit": "谁在何时做了什么；记录前后相连，改动或删除会被发现",
}
#: the same screens seen from the county or city (a reviewer, the mechanism)
PURPOSES_ABOVE: dict[str, str] = {
    "dashboard": "所辖各地的减负数据（县按乡镇(街道)，市按县(市、区)），和等您办理的准入审批案件",
    "tasks": "乡镇登记的事项：查看判断结果（登记由乡镇经办人员办理）",
    "cases": "各乡镇报来的准入申请：县级审核、协调机制审批；等您办理的排在前面，期限最近的最先",
    "boards": "各乡镇村(社区)的挂牌台账：查看、导出和打印（登记和处置由乡镇办理）",
    "certificates": "各乡镇的证明登记簿：查看、导出和打印（完整身份证号不对上级显示）",
    "burdens": "各乡镇的工作机制、报表台账、工作群和APP、督查检查考核：查看和导出",
    "reports": "本级统计表：县每乡镇(街道)一行，市每县(市、区)一行，各行合计其下各村",
    "units": "所辖各乡镇（街道）的村和社区（由乡镇经办人员维护）",
}

#: the kinds of record each screen shows: a save of one of them reloads it (see ui/changes.py)
WATCHED: dict[str, frozenset[str]] = {
    key: frozenset(kinds.split())
    for key, kinds in {
        # the reminders count working days: a day set off or a notice imported changes them
        "dashboard": "task case certificate board burden list unit settings calendar",
        "reports": "task case certificate board burden unit settings",
        "lists": "list case settings",
        "tasks": "task case list check department unit",
        "cases": "case task settings calendar",
        "boards": "board unit",
        "certificates": "certificate list unit settings",
        "burdens": "burden unit",
        "units": "unit",
        "departments": "department",
        "audit": "audit",
    }.items()
}


class MainWindow(QMainWindow):
    """Navigation on the left, the chosen screen on the right."""

    sig_screen_changed = Signal(str)
    """The clerk switched to the screen with this key."""

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        """Build the window; without ``services`` it shows its frame until ``attach``."""
        super().__init__(parent)
        self.services: Services | None = None
        self.tasks = TaskRunner(self)
        #: the daily backup while it runs (cancelled when the window closes); None otherwise
        self._daily_backup: TaskHandle | None = None
        #: the database was replaced by 恢复备份 (the app is starting again on it)
        self.restored = False
        self._closed = False  # closed: what was to start later (the daily backup) does not
        self.changes = ChangeHub(self)
        #: on a database server: hears others' saves (``ui.change_feed``); None on SQLite
        self.change_feed: ChangeFeedListener | None = None
        self._kept_focus = Qt.FocusPolicy.StrongFocus  # the reminders' while 首页 is kept
        self.setWindowTitle("减负")
        self._restore_geometry()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 12pt; }"
            "QListWidget#navigation::item { padding: 9px 12px; }"
        )
        for screen in SCREENS:
            item = QListWidgetItem(screen.title)
            item.setData(Qt.ItemDataRole.UserRole, screen.key)
            self.nav.addItem(item)
            if screen.key == "reports":
                separator = QListWidgetItem("基础数据")
                # greyed by its flags, as the others are while the database opens (a fixed
                # gray stood out darker than them then, as if 基础数据 alone could be clicked)
                separator.setFlags(Qt.ItemFlag.NoItemFlags)
                self.nav.addItem(separator)
        self.nav.setEnabled(False)
        self._bind_screen_keys()
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = _Pages(self._build_page)
        self.loading_label = QLabel("正在打开数据库…")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.purpose_label = QLabel()
        self.purpose_label.setObjectName("purpose")
        self.purpose_label.setStyleSheet("QLabel#purpose { color: #555; padding: 4px 10px; }")
        self.purpose_label.setToolTip("按 F1 查看本界面的使用说明")
        right.addWidget(self.purpose_label)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.database_label = QLabel()
        self.setStatusBar(StatusLine(self))  # a long message ends in …, not cut through a glyph
        self.statusBar().addPermanentWidget(self.database_label)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Fill the window from an open database: build the screens, show the first one."""
        self.services = services
        self.changes.listen_to(services.ctx)
        self.changes.sig_changed.connect(self._on_changes_changed)
        self.nav.currentItemChanged.connect(self._on_nav_current_changed)
        # a click on a screen's name, or Enter on it, goes into the screen (its first field);
        # the arrow keys only show the screens, the keyboard staying in the navigation
        self.nav.clicked.connect(lambda _index: self._enter_screen())
        self.nav.activated.connect(lambda _index: self._enter_screen())
        self.nav.setEnabled(True)
        self.backup_action.setEnabled(services.ctx.database.is_sqlite)
        # on a shared server it says restoring is the administrator's
        self.restore_action.setEnabled(True)
        self.settings_action.setEnabled(True)
        from jianfu.services.people import describe_connected, works_above_township

        # a township's settings are the township's: above it only this computer's fonts
        above = works_above_township(services.ctx.person)
        self.settings_action.setText("公文字体(&F)…" if above else "乡镇设置(&T)…")

        who = describe_connected(services.ctx)
        self.database_label.setText(
            (f"{who}　" if who else "") + f"数据库：{services.ctx.database.description}"
        )
        self.setWindowTitle(self._title())
        kept = self.pages.get("dashboard")
        if kept is not None:  # shown from the last close: it is current (services.first_screen)
            if self.statusBar().currentMessage() == OPENING:
                self.statusBar().clearMessage()
            kept.attach_services(services)  # type: ignore[attr-defined]
            self._wire_page("dashboard", kept)
            # as on a fresh start, no widget is given the focus (the navigation would show a
            # focus frame round 首页 that a fresh start does not)
            kept.reminders.setFocusPolicy(self._kept_focus)  # type: ignore[attr-defined]
            self.sig_screen_changed.emit("dashboard")
        else:
            self.show_screen("dashboard")
        if services.ctx.database.is_sqlite:  # the daily backup, when one is due
            # after the first screen's figures: not competing with them for the CPU
            self.when_first_screen_filled(lambda: self._start_daily_backup(services))
        else:  # others' saves on the shared server reload the screens too
            from jianfu.ui.change_feed import ChangeFeedListener

            self.change_feed = ChangeFeedListener(self.changes, services.ctx, self.tasks, self)
            if kept is not None:
                # 首页 was read before the database opened (``first_screen_plain``): what
                # others saved since is not known to it, so it is read again once listening
                self.change_feed.read_again_when_listening()
            self.when_first_screen_filled(self.change_feed.start)

    def _start_daily_backup(self, services: Services) -> None:
        """Start the daily backup on a worker (when one is due), unless the window is closed:
        a window closed before 首页 was filled would start it as its figures arrived, beside
        the next window's and with the database closing."""
        if self._closed:
            return
        from jianfu.services.backup import run_daily_backup

        handle = self.tasks.run(lambda progress: run_daily_backup(services.ctx, progress=progress))
        self._daily_backup = handle

        def ended(_outcome: object) -> None:
            if self._daily_backup is handle:
                self._daily_backup = None

        handle.sig_finished.connect(ended)
        handle.sig_failed.connect(ended)

    # ---- the first screen kept from the last close (services.first_screen)

    def show_kept_first_screen(self, kept: dict[str, Any]) -> None:
        """Show 首页 as ``first_screen_on`` made it at the last close, before ``attach``."""
        from jianfu.ui.dashboard.widget import DashboardWidget

        page = DashboardWidget(None, self.tasks, self.show_screen)
        try:
            page.show_view(kept["view"])
            title, database, purpose = kept["window_title"], kept["database"], kept["purpose"]
        except (KeyError, TypeError, ValueError):
            page.deleteLater()
            raise
        # the navigation disabled, the focus would go to the reminders and make their first
        # line current (a frame round it, 打开 enabled): not what a fresh start shows
        self._kept_focus = page.reminders.focusPolicy()
        page.reminders.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages["dashboard"] = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav.setCurrentRow(0)  # 首页, before attach listens to the navigation
        self.setWindowTitle(title)
        self.database_label.setText(database)
        self.purpose_label.setText(purpose)
        self.statusBar().showMessage(OPENING)  # the other screens come when it is open

    def first_screen_on(self, day: dt.date) -> dict[str, Any]:
        """Read 首页 afresh (on this thread) as of ``day`` as a start reads it
        (``first_screen_plain.read_dashboard``), as ``show_kept_first_screen`` shows it."""
        assert self.services is not None
        from jianfu.services.first_screen_plain import read_dashboard

        return self.first_screen_of(read_dashboard(self.services, today=day))

    def first_screen_of(self, dashboard: Dashboard) -> dict[str, Any]:
        """``dashboard`` as ``show_kept_first_screen`` shows it, with the window's texts."""
        from jianfu.ui.dashboard.widget import view_of

        return {
            "view": view_of(dashboard),
            "window_title": self._title(),
            "database": self.database_label.text(),
            "purpose": self._purpose_text("dashboard", SCREENS[0].title),
        }

    # ---- public API

    def preload_screens(self) -> None:
        """Import each screen's module on a worker, one job each, in the navigation's order.

        Called once start-up is over: a screen shown for the first time then only builds its
        widgets on the GUI thread instead of also importing its code there (50-250 ms each).
        """
        for modules in SCREEN_MODULES.values():
            for module in modules:
                if module in sys.modules:
                    continue
                self.tasks.run(lambda _progress, name=module: bool(importlib.import_module(name)))

    def when_first_screen_filled(self, fn: Callable[[], object]) -> None:
        """Call ``fn`` once 首页 shows its figures (or says it could not read them); at once
        if it is not reading."""
        first = self.pages["dashboard"]
        if not getattr(first, "loading", False):
            fn()
            return
        called = False

        def once() -> None:
            nonlocal called
            if not called:
                called = True
                fn()

        first.sig_loaded.connect(once)  # type: ignore[attr-defined]
        first.sig_load_failed.connect(once)  # type: ignore[attr-defined]

    def set_loading(self, message: str) -> None:
        """Say what start-up is doing while the database opens (shown until ``attach``)."""
        self.loading_label.setText(message)

    def show_screen(self, key: str) -> QWidget:
        """Switch to the screen ``key`` and return its page."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                break
        return self.pages[key]

    def current_screen(self) -> str:
        """The key of the screen shown."""
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    # ---- building

    def _title(self) -> str:
        assert self.services is not None
        # Qt adds " — 减负" (the application's display name) to the title bar by itself.
        person = self.services.ctx.person
        unit = getattr(person, "unit_name", "")
        if unit and getattr(person, "role", "") != "clerk":  # the county or city it works for
            return unit
        return self.services.settings.load().township_name

    def _make_page(self, screen: Screen) -> QWidget:
        # NOTE: each screen's module is imported when the screen is first shown, after the frame
        # is up, to keep start-up close to a bare Qt window (see tests/bench/startup.py).
        assert self.services is not None
        key = screen.key
        if key == "dashboard":
            from jianfu.ui.dashboard.widget import make_dashboard_widget

            return make_dashboard_widget(self.services, self.tasks, self.show_screen)
        if key == "reports":
            from jianfu.ui.dashboard.report_screen import make_reports_widget

            return make_reports_widget(self.services.report, self.tasks)
        if key == "lists":
            from jianfu.ui.lists import make_lists_widget

            return make_lists_widget(self.services.lists, self.tasks)
        if key == "tasks":
            from jianfu.ui.intake import make_intake_widget

            lists = self.services.lists

            def kinds() -> dict[str, str]:  # read when its check is built
                return {k.code: k.name for k in lists.kinds()}

            return make_intake_widget(self.services.tasks, kinds, self.tasks, read_now=False)
        if key == "cases":
            from jianfu.ui.cases import make_cases_widget

            return make_cases_widget(self.services.cases, self.tasks, read_now=False)
        if key == "boards":
            from jianfu.ui.boards import make_boards_widget

            return make_boards_widget(self.services.boards, self.tasks, read_now=False)
        if key == "certificates":
            from jianfu.ui.certificates import make_certificates_widget

            return make_certificates_widget(self.services.certificates, self.tasks, read_now=False)
        if key == "units":
            from jianfu.ui.basedata.units import make_units_widget

            return make_units_widget(self.services.units, runner=self.tasks)
        if key == "departments":
            from jianfu.ui.basedata.departments import make_departments_widget

            return make_departments_widget(self.services.departments, runner=self.tasks)
        if key == "audit":
            from jianfu.ui.audit import make_audit_widget

            return make_audit_widget(self.services.audit, self.tasks)
        if key == "burdens":
            from jianfu.ui.burdens import make_burdens_widget

            return make_burdens_widget(self.services.burdens, self.tasks)
        return PlaceholderWidget(screen.title, list(screen.placeholder))

    def _build_page(self, key: str) -> QWidget:
        """Build a screen's page the first time it is shown (start-up builds only the first)."""
        screen = next((s for s in SCREENS if s.key == key), None)
        if screen is None or self.services is None:
            raise KeyError(key)
        page = self._make_page(screen)
        self.stack.addWidget(page)
        self._wire_page(key, page)
        return page

    def _wire_page(self, key: str, page: QWidget) -> None:
        """Columns remembered, shortcuts, the person's rights, reloads after saves."""
        assert self.services is not None
        self._wire_part(key, page, None)
        if hasattr(page, "sig_part_built"):  # a part it builds when first shown
            page.sig_part_built.connect(lambda part: self._wire_part(key, page, part))
        if key in WATCHED:
            self.changes.watch(page, WATCHED[key], lambda change: _reload(page, change))
        if key == "tasks" and hasattr(page, "sig_open_case"):
            page.sig_open_case.connect(self._open_case_of_task)
        if key == "dashboard" and hasattr(page, "sig_settings_requested"):
            page.sig_settings_requested.connect(self._on_settings_triggered)

    def _wire_part(self, key: str, page: QWidget, part: QWidget | None) -> None:
        """Columns remembered, shortcuts and the person's rights, for the widgets of ``part``
        of the page (the whole page as it is built when ``part`` is None)."""
        assert self.services is not None
        from jianfu.ui.models.paged_table import keep_place
        from jianfu.ui.widgets.prefs import remember_columns
        from jianfu.ui.widgets.tables import FITS_WIDTH, select_first_on_focus

        root = page if part is None else part
        prefix = key if part is None else f"{key}/{part.objectName()}"
        for i, view in enumerate(root.findChildren(QTableView)):
            if view.objectName().startswith("qt_"):
                continue  # Qt's own (a date field's calendar grid), not a list of the app's
            if not view.property(FITS_WIDTH):  # a table that fills its width keeps doing so
                remember_columns(view.horizontalHeader(), f"{prefix}/{view.objectName() or i}")
            keep_place(view)  # a reload after a save keeps the clerk's row and scroll
            select_first_on_focus(view)  # Tab into the list marks a row and shows it
        from jianfu.ui.widgets.shortcuts import bind_screen

        bind_screen(key, page, within=part)
        from jianfu.services.people import write_refusal
        from jianfu.ui.widgets.access import lock_screen

        person = self.services.ctx.person
        lock_screen(key, page, lambda records: write_refusal(person, records), within=part)

    def _open_case_of_task(self, task_id: int) -> None:
        """A recorded task on no list → its admission case (received now if it has none)."""
        assert self.services is not None
        task = self.services.tasks.get(task_id)
        cases = self.show_screen("cases")
        cases.open_for_task(task_id, task.case_id)  # type: ignore[attr-defined]
        self.pages["tasks"].refresh_register()  # type: ignore[attr-defined]

    def _bind_screen_keys(self) -> None:
        """Ctrl+1 … Ctrl+9 show the navigation's first nine screens (首页 … 村(社区)), so
        that a clerk at the keyboard need not reach for the mouse or Tab round the whole form
        to change screen; each item's tooltip names its key."""
        screens = [
            self.nav.item(row)
            for row in range(self.nav.count())
            if self.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
        for number, item in enumerate(screens[:9], start=1):
            sequence = f"Ctrl+{number}"
            item.setToolTip(f"快捷键：{sequence}")
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda it=item: self._on_screen_key(it))

    def _on_screen_key(self, item: QListWidgetItem) -> None:
        if self.nav.isEnabled():  # not while the database opens
            self.nav.setCurrentItem(item)
            if not self._enter_screen():  # as after a click there
                self.nav.setFocus()  # Tab goes on into the screen

    def _enter_screen(self) -> bool:
        """Put the cursor in the shown screen's first field, when it has one (``first_field``:
        事项审核's notice, so that Ctrl+V after clicking 事项审核 pastes the department's
        notice; it went to the navigation and nothing happened). False when it has none: the
        focus stays where it is (a screen of lists is worked from its buttons and Tab)."""
        key = self.current_screen()
        page = self.pages.get(key) if key in self.pages else None
        first_field = getattr(page, "first_field", None)
        field = first_field() if callable(first_field) else None
        if not isinstance(field, QWidget) or not field.isVisible() or not field.isEnabled():
            return False
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.backup_action = QAction("备份数据库(&B)…", self)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.backup_action.setEnabled(False)
        file_menu.addAction(self.backup_action)
        self.restore_action = QAction("恢复备份(&R)…", self)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.restore_action.setEnabled(False)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        settings_menu = self.menuBar().addMenu("设置(&S)")
        self.settings_action = QAction("乡镇设置(&T)…", self)
        self.settings_action.triggered.connect(self._on_settings_triggered)
        self.settings_action.setEnabled(False)
        settings_menu.addAction(self.settings_action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.help_action = QAction("使用说明(&G)", self)
        self.help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.help_action.triggered.connect(self._on_help_triggered)
        help_menu.addAction(self.help_action)
        about = QAction("关于减负(&A)", self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    # ---- slots

    def _on_nav_current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if self.services is None or key not in {s.key for s in SCREENS}:
            return
        built_now = key not in self.pages
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.purpose_label.setText(self._purpose_text(key, current.text()))
        # shown again: off the GUI thread where the screen can (the rows shown stay until the
        # new ones arrive); its first reading fills it before it is seen
        again = None if built_now else getattr(page, "refresh_in_background", None)
        refresh = again or getattr(page, "refresh", None)
        # a screen that read its rows while it was built is not read twice (at city scale
        # 证明 read and laid out 3,000 villages' figures twice on its first showing)
        if callable(refresh) and not (built_now and getattr(page, "loads_when_built", False)):
            refresh()
        # what was saved while it was hidden and the refresh does not cover (事项审核's check
        # of the notice on screen against the lists now in force)
        watch = ChangeWatch.of(page)
        stale = watch.take_stale() if watch else None
        if stale is not None and callable(getattr(page, "reload_after_change", None)):
            page.reload_after_change(stale)  # type: ignore[attr-defined]
        self.sig_screen_changed.emit(key)

    def _purpose_text(self, key: str, title: str) -> str:
        assert self.services is not None
        from jianfu.services.people import works_above_township

        return _purpose(key, title, works_above_township(self.services.ctx.person))

    def _on_changes_changed(self, change: Change) -> None:
        if self.services is not None and change.touches(("settings", "unit")):
            self.setWindowTitle(self._title())  # the township's name

    def _on_settings_triggered(self) -> None:
        from jianfu.services.people import works_above_township
        from jianfu.ui.settings_dialog import FontsDialog, SettingsDialog

        assert self.services is not None
        if works_above_township(self.services.ctx.person):
            if FontsDialog.ask(self) is not None:
                self.statusBar().showMessage("公文字体已保存", 4000)
            return
        if SettingsDialog.ask(self, self.services.settings) is not None:
            self.setWindowTitle(self._title())
            self.statusBar().showMessage("设置已保存", 4000)

    def _on_backup_triggered(self) -> None:
        from jianfu.ui.widgets.printing import save_file_name

        suggested = f"减负备份-{_today()}.db"
        target, _ = save_file_name(self, "备份数据库", suggested, "数据库备份 (*.db)")
        if not target:
            return
        from jianfu.services.backup import backup_database

        assert self.services is not None
        ctx = self.services.ctx
        self.tasks.run_with_dialog(
            self,
            "正在备份数据库…",
            lambda progress: backup_database(ctx, Path(target), progress),
            on_done=lambda path: self.statusBar().showMessage(f"已备份到 {path}", 8000),
            on_error=lambda exc: QMessageBox.warning(self, "备份失败", str(exc)),
        )

    def _on_restore_triggered(self) -> None:
        from jianfu.ui.restore import restore_from_backup

        restore_from_backup(self)

    def current_screen_title(self) -> str:
        """The navigation title of the screen shown ('' while loading)."""
        page = self.stack.currentWidget()
        return next((s.title for s in SCREENS if self.pages.get(s.key) is page), "")

    def _on_help_triggered(self) -> None:
        from jianfu.services.people import works_above_township
        from jianfu.ui.help_dialog import HelpDialog

        person = self.services.ctx.person if self.services is not None else None
        HelpDialog.ask(self, self.current_screen_title(), above=works_above_township(person))

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "关于减负",
            f"<b>减负</b> {__version__}<br>村(社区)工作事项准入清单、事项审核、准入审批、"
            "牌子和证明台账、减负统计报表。<br><br>" + self.database_label.text(),
        )

    def _restore_geometry(self) -> None:
        """Where and how big the clerk left the window (maximised too); the first time, the
        screen's whole available area, so the status bar is never below the screen's edge."""
        from jianfu.ui.widgets.prefs import ui_settings

        saved = ui_settings().value("window/geometry")
        if saved and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1180, 720)
            return
        area = screen.availableGeometry()
        # Un-maximised it keeps a margin for the title bar and frame.
        self.resize(area.width() * 9 // 10, area.height() * 9 // 10)
        self.move(area.x() + area.width() // 20, area.y() + area.height() // 20)
        self.setWindowState(Qt.WindowState.WindowMaximized)

    def save_geometry(self) -> None:
        """Remember the window's place, size and maximised state for the next start."""
        from jianfu.ui.widgets.prefs import store_columns_now, ui_settings

        ui_settings().setValue("window/geometry", self.saveGeometry())
        store_columns_now()  # the tables' widths resized a moment ago

    def unsaved_work(self) -> list[str]:
        """What the clerk entered on a screen and has not saved (a line per screen)."""
        lines = []
        for page in list(self.pages.values()):
            unsaved = getattr(page, "unsaved_work", None)
            text = unsaved() if callable(unsaved) else ""
            if text:
                lines.append(text)
        return lines

    def confirm_close(self, unsaved: list[str]) -> bool:
        """Whether to close and lose ``unsaved`` (asks the clerk; tests replace it)."""
        return ask_before(
            self,
            "退出",
            "以下内容尚未保存，退出后将丢失：\n\n" + "\n".join(unsaved) + "\n\n确定退出吗？",
            "退出(&Q)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override: ask before losing what the clerk entered and did not save (a notice
        checked but not recorded closed with the window without a word); let background work
        finish before the database closes, the daily backup cancelled (its copy or its check
        stops where it is and leaves no new file; the next start makes the backup)."""
        unsaved = self.unsaved_work()
        if unsaved and not self.confirm_close(unsaved):
            event.ignore()
            return
        self.save_geometry()
        if self.services is not None:
            self.changes.stop_listening(self.services.ctx)
        self.stop_background()
        super().closeEvent(event)

    def stop_background(self) -> bool:
        """Stop what runs in the background before the database closes: the change feed
        stopped, the daily backup cancelled (it stops where it is, leaving no new file), the
        rest waited for. Called by ``closeEvent`` and by the app when it quits with the window
        open (no close event then). Returns whether every task ended in the wait."""
        if self.change_feed is not None:
            self.change_feed.stop()
        self._closed = True
        if self._daily_backup is not None:
            self._daily_backup.cancel()
        self.tasks.stop()
        return self.tasks.wait_all()


def _purpose(key: str, title: str, above: bool) -> str:
    purpose = (PURPOSES_ABOVE if above else PURPOSES).get(key) or PURPOSES.get(key, "")
    return f"{title}：{purpose}（F1 使用说明）"


def file_first_screen(view: dict[str, Any], township_name: str, database: str) -> dict[str, Any]:
    """首页 of a township's SQLite file read before the database is open
    (``services.first_screen_plain``), as ``MainWindow.first_screen_on`` makes it for that
    file: its ``view`` and the window's texts (no person is connected to a file)."""
    return {
        "view": view,
        "window_title": township_name,
        "database": f"数据库：SQLite：{database}",
        "purpose": _purpose("dashboard", SCREENS[0].title, above=False),
    }


def server_first_screen(
    view: dict[str, Any], title: str, database: str, above: bool
) -> dict[str, Any]:
    """首页 of a server database read before SQLAlchemy loads (``first_screen_plain.
    read_server``), as ``MainWindow.first_screen_on`` makes it once the database is open: the
    window's title, who is connected and where (``database``), the purpose of the person's
    level (``above``: a reviewer's or the mechanism's)."""
    return {
        "view": view,
        "window_title": title,
        "database": database,
        "purpose": _purpose("dashboard", SCREENS[0].title, above=above),
    }


def _reload(page: QWidget, change: object) -> None:
    """Show what a save changed on ``page``: its ``reload_after_change(change)`` if it has one,
    else its ``refresh_in_background()`` or ``refresh()``."""
    after = getattr(page, "reload_after_change", None)
    if callable(after):
        after(change)
        return
    refresh = getattr(page, "refresh_in_background", None) or getattr(page, "refresh", None)
    if callable(refresh):
        refresh()


class _Pages(dict):
    """The screens' pages by key, each built the first time it is asked for."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        page = self._build(key)
        self[key] = page
        return page


def _today() -> str:
    return dt.date.today().strftime("%Y%m%d")
