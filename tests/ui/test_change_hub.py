"""A save on one screen shows on the others without reopening them (ui/changes.py).

The window's change hub hears every commit; a shown screen reloads at once, a hidden one when
it is next shown. Each pair below is one the clerk meets: a task recorded, a case decided, a
certificate registered, an edition put in force, the settings saved.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from PySide6.QtCore import QDate, Qt

from jianfu.domain.cases import CaseAction
from jianfu.domain.certificates import CertificateInput
from jianfu.domain.lists import ListEdition, ListItem
from jianfu.domain.matching import Verdict
from jianfu.domain.paging import Page
from jianfu.domain.tasks import TaskDecision
from jianfu.services.dashboard import load_dashboard
from jianfu.ui.background import TaskRunner
from jianfu.ui.cases.dialogs import OpenCaseDialog, StepDialog
from jianfu.ui.changes import Change, ChangeHub
from jianfu.ui.models.paged_table import Column, PagedTableModel

UNLISTED = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送。"


def _shown_dashboard(window, qtbot):
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(
        lambda: dashboard.dashboard is not None and not dashboard.loading, timeout=20000
    )
    assert window.current_screen() == "dashboard"
    return dashboard


def _figures(dashboard) -> dict[str, str]:
    return {k: card.value_label.text() for k, card in dashboard.cards.items()}


def _record_unlisted(intake, title: str):
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText(title)
    intake.department_combo.setEditText("南屏县发展和改革局")
    task = intake.record()
    assert task is not None
    return task


def _receive(window, qtbot, task):
    """受理: the task becomes an admission case (through the dialog, as the clerk does)."""
    service = window.services.cases
    dialog = OpenCaseDialog(service, task.id, service.request_for_task(task.id), window)
    qtbot.addWidget(dialog)
    dialog.nature_combo.setCurrentText("长期")
    dialog.start_edit.setDate(QDate.currentDate().addDays(3))
    dialog.short_notice_check.setChecked(True)
    dialog.funding_edit.setText("县发改局按每村 2000 元拨付")
    dialog.accept()
    assert dialog.result_value is not None
    return dialog.result_value


def test_a_task_received_shows_on_the_open_dashboard_at_once(window, qtbot):
    dashboard = _shown_dashboard(window, qtbot)
    before = _figures(dashboard)
    intake = window.pages["tasks"]  # built, not shown
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=20000):
        _receive(window, qtbot, _record_unlisted(intake, "关于开展充电桩使用情况摸底的通知"))
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    assert window.current_screen() == "dashboard"  # nothing was reopened
    after = _figures(dashboard)
    assert int(after["tasks_applied"]) == int(before["tasks_applied"]) + 1
    fresh = load_dashboard(window.services).report.total
    assert after["tasks_applied"] == str(dashboard.dashboard.report.distinct_tasks["tasks_applied"])
    assert dashboard.dashboard.report.total == fresh


def test_a_task_received_shows_in_the_open_cases_list_keeping_the_selection(window, qtbot):
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    cases.filter_combo.setCurrentIndex(cases._all_index)
    cases.table.selectRow(1)
    chosen = cases.selected().case.id
    intake = window.pages["tasks"]
    task = _record_unlisted(intake, "关于开展充电桩使用情况摸底的通知")
    case = _receive(window, qtbot, task)
    qtbot.waitUntil(
        lambda: any(cases.model.row_at(r).case.id == case.id for r in range(cases.model.rowCount()))
    )
    assert window.current_screen() == "cases"
    assert cases.selected().case.id == chosen  # the clerk's row is still selected


def test_a_case_decided_shows_in_the_register_and_on_the_dashboard(window, qtbot):
    dashboard = _shown_dashboard(window, qtbot)
    intake = window.pages["tasks"]
    cases = window.pages["cases"]
    task = _record_unlisted(intake, "关于开展充电桩使用情况摸底的通知")
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    case = _receive(window, qtbot, task)
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    received_status = window.services.tasks.get(task.id).case_status

    step = StepDialog(window.services.cases, case, CaseAction.RETURN_FOR_CORRECTION, cases)
    qtbot.addWidget(step)
    step.comment_edit.setPlainText("请补充经费来源的文件")
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=20000):  # shown: read again at once
        step.accept()
    assert step.result_value is not None
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    fresh = load_dashboard(window.services)
    assert [r.text for r in dashboard.dashboard.reminders] == [r.text for r in fresh.reminders]
    assert window.current_screen() == "dashboard"

    # 事项审核's register, shown now, says where the case stands (it was not reloaded by
    # being shown before)
    window.show_screen("tasks")
    intake.tabs.setCurrentIndex(1)

    def shown_status() -> str:
        for r in range(intake.model.rowCount()):
            if intake.model.row_at(r).id == task.id:
                return intake.model.row_at(r).case_status
        return ""

    decided_status = window.services.tasks.get(task.id).case_status
    assert decided_status != received_status
    qtbot.waitUntil(lambda: shown_status() == decided_status)


def test_a_hidden_register_is_stale_until_shown(window, qtbot):
    intake = window.pages["tasks"]
    qtbot.waitUntil(lambda: not intake.model.reloading)  # its first read, on a worker
    window.show_screen("cases")
    total = intake.model.total
    _record_unlisted(intake, "关于开展充电桩使用情况摸底的通知")  # recorded: reloads itself
    assert intake.model.total == total + 1
    from jianfu.ui.changes import ChangeWatch

    watch = ChangeWatch.of(intake)
    qtbot.waitUntil(lambda: watch.stale is not None)  # its own save, heard while hidden
    window.show_screen("tasks")
    qtbot.waitUntil(lambda: watch.stale is None)


def test_a_certificate_registered_shows_in_the_dashboards_figures(window, qtbot):
    dashboard = _shown_dashboard(window, qtbot)
    service = window.services.certificates
    before = dashboard.dashboard.report.total["certs_refused"]
    villages = service.villages()
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=20000):
        request = service.register(
            CertificateInput(dt.date.today(), "张三", "单身证明", villages[0].id)
        )
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    from jianfu.domain.certificates import Outcome, OutcomeInput

    with qtbot.waitSignal(dashboard.sig_loaded, timeout=20000):
        service.record_outcome(request.id, OutcomeInput(Outcome.REFUSED, dt.date.today()))
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    assert dashboard.dashboard.report.total["certs_refused"] == before + 1
    assert dashboard.cards["certs_refused"].value_label.text() == str(before + 1)


@pytest.mark.parametrize("shown", [True, False])
def test_an_edition_put_in_force_rechecks_the_notice_on_screen(window, qtbot, shown):
    intake = window.show_screen("tasks")
    intake.check_panel.set_text(UNLISTED)
    assert intake.check_panel.result.verdict is Verdict.UNLISTED
    if not shown:
        window.show_screen("lists")  # where the clerk puts the edition in force
    lists = window.services.lists
    draft = lists.create_edition(ListEdition(name="南屏县村(社区)工作事项准入清单(2026年修订)"))
    lists.save_item(
        ListItem(kind="assist", name="统计辖区电动自行车充电桩数量和使用频次", edition_id=draft.id)
    )
    lists.put_in_force(draft.id)
    if not shown:
        qtbot.wait(50)
        assert intake.check_panel.result.verdict is Verdict.UNLISTED  # hidden: not yet
        window.show_screen("tasks")
    qtbot.waitUntil(lambda: intake.check_panel.result.verdict is not Verdict.UNLISTED)
    assert "充电桩" in intake.check_panel.result.candidates[0].item.name


def test_settings_saved_show_on_the_report_and_in_the_cases_steps(window, qtbot):
    reports = window.show_screen("reports")
    qtbot.waitUntil(lambda: reports.report is not None, timeout=20000)
    settings = window.services.settings
    old = settings.load()
    import dataclasses

    new = dataclasses.replace(old, township_name="青竹镇", mechanism_name="县减负专班")
    settings.save(new, old)
    qtbot.waitUntil(lambda: "青竹镇" in reports.info_label.text(), timeout=20000)
    assert "青竹镇" in window.windowTitle()
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    assert cases._settings.mechanism_name == "县减负专班"


# ---- the hub and the reload themselves


def test_changes_from_a_worker_thread_arrive_once_on_the_gui_thread(qtbot):
    hub = ChangeHub()
    got: list[tuple[Change, bool]] = []
    main = threading.current_thread()
    hub.sig_changed.connect(lambda c: got.append((c, threading.current_thread() is main)))

    def save_twice() -> None:
        hub.notify({"task": {1}})
        hub.notify({"case": {7}, "task": {2}})

    worker = threading.Thread(target=save_twice)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(got))
    change, on_gui = got[0]
    assert on_gui and len(got) == 1
    assert change.ids == {"task": frozenset({1, 2}), "case": frozenset({7})}


def test_others_saves_are_marked_remote_until_the_windows_own_join_them(qtbot):
    hub = ChangeHub()
    got: list[Change] = []
    hub.sig_changed.connect(got.append)
    hub.notify({"case": ()}, remote=True)
    hub.notify({"board": ()}, remote=True)
    qtbot.waitUntil(lambda: bool(got))
    assert got[-1].remote and got[-1].kinds == {"case", "board"}
    hub.notify({"case": ()}, remote=True)
    hub.notify({"case": {3}})  # the window's own save in the same turn: not only others'
    qtbot.waitUntil(lambda: len(got) == 2)
    assert not got[-1].remote and got[-1].ids == {"case": frozenset({3})}


def test_only_a_database_server_is_listened_to_for_others_saves(window):
    # a SQLite file: nothing at all (tests/db/test_others_saves.py for the server)
    assert (window.change_feed is None) == window.services.ctx.database.is_sqlite


def test_an_older_background_reload_never_overwrites_a_newer_one(qtbot):
    release_old = threading.Event()
    calls: list[str] = []

    def fetch(query: str, offset: int, limit: int) -> Page[str]:
        calls.append(query)
        if query == "old":
            release_old.wait(10)
        return Page([query], 1, offset)

    runner = TaskRunner()
    model: PagedTableModel[str] = PagedTableModel([Column("名称", str)], fetch, runner=runner)
    model.reload("old", background=True)
    qtbot.waitUntil(lambda: "old" in calls)
    with qtbot.waitSignal(model.sig_reloaded, timeout=5000):
        model.reload("new", background=True)
    release_old.set()
    runner.wait_all()
    qtbot.wait(50)  # the old read's result is delivered (and dropped) on the GUI thread
    assert [model.row_at(r) for r in range(model.rowCount())] == ["new"]


@pytest.mark.parametrize("visible", [True, False])
def test_a_watched_widget_reloads_when_shown_or_later(qtbot, visible):
    from PySide6.QtWidgets import QWidget

    hub = ChangeHub()
    widget = QWidget()
    qtbot.addWidget(widget)
    reloaded: list[Change] = []
    hub.watch(widget, {"task"}, reloaded.append)
    if visible:
        widget.show()
    hub.notify({"board": {3}})
    hub.notify({"task": {4}})
    qtbot.waitUntil(lambda: bool(reloaded) or not visible)
    qtbot.wait(20)
    assert len(reloaded) == (1 if visible else 0)
    if not visible:
        widget.show()
        qtbot.waitUntil(lambda: bool(reloaded))
    assert reloaded[0].kinds == {"task", "board"}


def test_opening_and_reading_every_screen_announces_no_change(window, qtbot):
    """A screen that wrote while reading would reload itself for ever."""
    from jianfu.ui.main_window import SCREENS

    heard: list[Change] = []
    window.changes.sig_changed.connect(heard.append)
    for screen in SCREENS:
        window.show_screen(screen.key)
        qtbot.wait(10)
    window.show_screen("dashboard")
    window.tasks.wait_all()
    qtbot.wait(100)
    assert heard == []


def test_showing_a_screen_again_reads_its_rows_off_the_gui_thread(window, qtbot, monkeypatch):
    main = threading.current_thread()
    reads: list[tuple[str, bool]] = []

    def spy(name: str, method):
        def read(*args, **kwargs):
            reads.append((name, threading.current_thread() is main))
            return method(*args, **kwargs)

        return read

    cases, intake = window.pages["cases"], window.pages["tasks"]  # built (and read) already
    qtbot.waitUntil(lambda: not cases.model.reloading)  # its first read, on a worker
    for name, service in (("cases", window.services.cases), ("tasks", window.services.tasks)):
        monkeypatch.setattr(service, "page", spy(name, service.page))
    both = window.services.cases.reminders_and_estimates  # 准入审批 reads them together
    monkeypatch.setattr(window.services.cases, "reminders_and_estimates", spy("reminders", both))
    window.pages["certificates"], window.pages["boards"]  # built (and read) already
    window.pages["certificates"].tabs.setCurrentIndex(1)  # 统计: its figures are read too
    for name, method in (
        ("certificates", "page"),
        ("figures", "figures"),
    ):
        service = window.services.certificates
        monkeypatch.setattr(service, method, spy(name, getattr(service, method)))
    boards = window.services.boards
    monkeypatch.setattr(boards, "attention", spy("attention", boards.attention))
    window.pages["burdens"], window.pages["audit"]  # built (and read) already
    window.pages["units"], window.pages["departments"]
    units, departments = window.services.units, window.services.departments
    monkeypatch.setattr(units, "list_page", spy("units", units.list_page))
    monkeypatch.setattr(departments, "list_page", spy("departments", departments.list_page))
    burdens, audit = window.services.burdens, window.services.audit
    monkeypatch.setattr(burdens, "page", spy("burdens", burdens.page))
    monkeypatch.setattr(burdens, "counts", spy("counts", burdens.counts))
    monkeypatch.setattr(audit, "page", spy("audit", audit.page))
    cases.table.selectRow(0)
    chosen = cases.selected().case.id
    for key in ("certificates", "boards", "burdens", "audit", "units", "departments"):
        window.show_screen(key)
    for key in ("cases", "tasks"):
        window.show_screen(key)
    expected = {"cases", "tasks", "reminders", "certificates", "figures", "attention"}
    expected |= {"burdens", "counts", "audit", "units", "departments"}
    qtbot.waitUntil(lambda: {n for n, _ in reads} == expected)
    window.tasks.wait_all()
    qtbot.wait(20)
    assert not [r for r in reads if r[1]], reads  # none on the GUI thread
    assert cases.selected().case.id == chosen
    assert intake.count_label.text() == f"共 {intake.model.total} 条事项"


def test_a_department_added_is_offered_on_the_open_intake_form_keeping_the_entry(window, qtbot):
    from jianfu.domain.departments import DepartmentInput

    intake = window.show_screen("tasks")
    intake.department_combo.setEditText("南屏县发展和改革局")
    intake.all_villages_check.setChecked(False)
    intake.villages_list.item(1).setCheckState(Qt.CheckState.Checked)
    window.services.departments.add_department(DepartmentInput("南屏县数据管理局", "县数据局"))
    offered = lambda: [  # noqa: E731
        intake.department_combo.itemText(i) for i in range(intake.department_combo.count())
    ]
    qtbot.waitUntil(lambda: "南屏县数据管理局" in offered())
    assert intake.department_combo.currentText() == "南屏县发展和改革局"
    assert intake.villages_list.item(1).checkState() == Qt.CheckState.Checked


def test_others_saves_reload_the_cases_off_the_gui_thread_and_a_failure_shows_no_box(window, qtbot):
    from jianfu.domain.errors import DatabaseError

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    window.tasks.wait_all()
    qtbot.wait(20)

    def away(*_args, **_kwargs):
        raise DatabaseError("数据库暂时连不上")

    service = window.services.cases
    service.page, service.reminders = away, away  # the server away for a moment
    try:
        with qtbot.waitSignal(cases.model.sig_reload_failed, timeout=20000):
            # a save by someone else, announced by the server (ui/change_feed.py)
            window.changes.notify({"case": ()}, remote=True)
        window.tasks.wait_all()
        qtbot.wait(20)  # no error box: nothing raised on the GUI thread
        assert cases.model.rowCount() > 0  # the rows shown stay
    finally:
        del service.page, service.reminders


def test_a_day_set_off_in_the_calendar_shows_on_the_open_dashboard(window, qtbot):
    """首页's reminders count working days (已逾期 N 个工作日, 还剩 N 个工作日, the deadlines
    counted over estimated years): a day set off or a notice imported in 工作日设置 changes
    them, and 首页 went on showing the old count until some other record was saved."""
    dashboard = _shown_dashboard(window, qtbot)
    service = window.services.cases
    today = dt.date.today()
    overdue = next(r for r in service.reminders(today) if r.overdue and r.days_left < 0)
    calendar = service.calendar()
    day = today - dt.timedelta(days=1)
    while not calendar.is_workday(day):  # the last working day before today, after the due
        day -= dt.timedelta(days=1)
    assert overdue.due < day
    shown = f"已逾期 {-overdue.days_left} 个工作日"
    assert any(shown in r.detail for r in dashboard.dashboard.reminders)
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=20000):  # shown: read again at once
        service.set_override(day, False, "停电检修")
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20000)
    texts = [r.detail for r in dashboard.dashboard.reminders]
    assert texts == [r.detail for r in load_dashboard(window.services).reminders]
    assert any(f"已逾期 {-overdue.days_left - 1} 个工作日" in text for text in texts)
    assert not any(shown in text for text in texts)
