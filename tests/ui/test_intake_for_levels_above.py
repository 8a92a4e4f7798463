"""事项审核 for the county's reviewer and the mechanism: a register to read, not a greyed form.

The levels above register no task (the grants and migration 0023 refuse it anyway). Their
screen opens on every township's register with a 乡镇(街道) column; the selected task is shown
as plain text, its villages those of its own township (not of the first township of the
database), with what they may do: open the task's case in 准入审批, print a refusal. The check
against the lists stays, without the form. The clerk's screen is unchanged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QRadioButton

from jianfu.db.models import UnitRow
from jianfu.db.repositories.tasks import new_task_row
from jianfu.db.township import ConnectedPerson
from jianfu.domain.tasks import TaskDecision, TaskInput
from jianfu.domain.units import UnitType
from jianfu.services.registry import Services
from jianfu.ui.intake.check_panel import CheckPanel
from jianfu.ui.main_window import MainWindow
from jianfu.ui.widgets.access import locked_reason
from jianfu.ui.widgets.tables import FirstRowOnFocus
from tests.conftest import put_under_county

OTHER_VILLAGES = ("石门乡一村", "石门乡二村")


@pytest.fixture
def open_as(qtbot, demo_ctx):
    """The demo township under 南屏县 with 石门乡 (two villages) and one task of 石门乡's for
    all its villages; ``open_as(role)`` opens the window as a person of that level."""
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        for n, name in enumerate(OTHER_VILLAGES):
            s.add(UnitRow(name=name, type=UnitType.VILLAGE.value, parent_id=other.id, sort_order=n))
        task = new_task_row(
            TaskInput(
                title="关于开展石门乡桥梁安全排查的通知",
                department="南屏县交通运输局",
                received_on=dt.date(2026, 12, 3),
                decision=TaskDecision.NEGATIVE,
                document_number="南交〔2026〕9号",
                notes="石门乡的事项",
            ),
            [],
            None,
            "王丽萍",
        )
        task.township_id = other.id
        s.add(task)
        s.flush()
        ids = {"county": county.id, "town": town.id, "other": other.id, "task": task.id}
    windows = []

    def open_window(role: str) -> MainWindow:
        unit = ids["town"] if role == "clerk" else ids["county"]
        name = "清溪镇" if role == "clerk" else "南屏县"
        demo_ctx.person = ConnectedPerson(f"{role}_1", role, unit, name, f"{role}一")
        window = MainWindow(Services.create(demo_ctx))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    open_window.ids = ids  # type: ignore[attr-defined]
    yield open_window
    for window in windows:
        window.tasks.wait_all()


def _select(page, qtbot, task_id: int) -> None:
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.select_task(task_id)


@pytest.mark.parametrize("role", ["reviewer", "mechanism"])
def test_the_levels_above_read_each_task_with_its_own_townships_villages(open_as, qtbot, role):
    window = open_as(role)
    page = window.show_screen("tasks")
    window.tasks.wait_all()
    assert page.read_only.startswith(("县级审核人员只能查看", "协调机制人员只能查看"))
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["已登记事项", "对照清单"] and page.tabs.currentIndex() == 0
    # the check and the form it presets are built when 对照清单 is first shown
    assert not page.check_built
    assert not page.case_button.isVisible()  # 受理 is the township's
    # every township's register, each row naming its own
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "乡镇(街道)"
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    towns = {page.model.row_at(r).township for r in range(page.model.rowCount())}
    assert {"清溪镇", "石门乡"} <= towns
    # the first row is shown from the start
    assert page.selected_task() is not None and page.detail_title.text()
    _select(page, qtbot, open_as.ids["task"])
    values = {k: v.text() for k, v in page.detail_values.items()}
    assert values["township"] == "石门乡"
    assert values["villages"] == "全部村(社区)：石门乡的 2 个村(社区)（石门乡一村、石门乡二村）"
    assert values["decision"] == TaskDecision.NEGATIVE.label
    assert values["notes"] == "石门乡的事项" and values["recorded"].startswith("王丽萍")
    # plain text, nothing that looks like an input
    detail = page.findChild(QLabel, "task_detail") or page.detail_title.parentWidget()
    inputs = (QLineEdit, QCheckBox, QComboBox, QDateEdit, QRadioButton)
    assert not [w for t in inputs for w in detail.findChildren(t) if w.isVisible()]
    assert all(v.isEnabled() for v in page.detail_values.values())
    # what this level may do with a negative task: print the township's refusal; no case
    assert page.refusal_button.isVisible() and page.refusal_button.isEnabled()
    assert page.view_case_button.isVisible() and not page.view_case_button.isEnabled()
    # a clerk's task of the demo township with a case: open it in 准入审批
    with_case = next(
        page.model.row_at(r) for r in range(page.model.rowCount()) if page.model.row_at(r).case_id
    )
    _select(page, qtbot, with_case.id)
    assert page.detail_values["township"].text() == "清溪镇"
    assert page.detail_values["case"].text() == with_case.case_status_label
    assert page.view_case_button.isEnabled() and not page.refusal_button.isEnabled()
    page.view_case_button.click()
    assert window.stack.currentWidget() is window.pages["cases"]
    window.tasks.wait_all()
    cases = window.pages["cases"]
    qtbot.waitUntil(lambda: cases.selected() is not None)
    assert cases.selected().case.id == with_case.case_id
    # the check against the lists is still theirs, beside a note instead of the form
    page = window.show_screen("tasks")
    page.tabs.setCurrentIndex(1)
    assert page.check_built and page.check_panel.isVisible()
    note = page.findChild(QLabel, "check_only_note")
    assert note is not None and note.isVisible() and "这里的对照不保存" in note.text()
    # the registration form is not shown at all, greyed or not
    assert not page.title_edit.isVisible() and not page.record_button.isVisible()
    # the window gave the part built later what it gives a screen: the record button locked
    # (hidden as it is) and its shortcut bound, the candidates' Tab selecting a row
    assert locked_reason(page.record_button) == page.read_only
    assert "(&R)" in page.record_button.text()
    assert page.candidates_view.findChildren(FirstRowOnFocus)
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(1)  # shown again: built once
    assert len(page.findChildren(CheckPanel)) == 1


def test_the_levels_above_do_not_read_the_choices_of_the_form_they_never_see(open_as, monkeypatch):
    from jianfu.services.lists import ListsService
    from jianfu.services.tasks import TasksService

    asked: list[str] = []
    for cls, name in (
        (TasksService, "departments"),
        (TasksService, "department_short_names"),
        (TasksService, "villages"),
        (ListsService, "kinds"),
    ):
        read = getattr(cls, name)

        def recorded(self, _read=read, _name=name):
            asked.append(_name)
            return _read(self)

        monkeypatch.setattr(cls, name, recorded)
    for role in ("reviewer", "mechanism"):
        window = open_as(role)
        page = window.show_screen("tasks")
        window.tasks.wait_all()
        # they open on the register: the check's kinds are read when it is first shown
        assert asked == []
        page.tabs.setCurrentIndex(1)  # the check and its hidden form built
        assert asked == ["kinds"]
        asked.clear()
        assert page.read_only and page.villages_list.count() == 0
        assert page.department_combo.count() == 0
        assert not page.villages_list.isVisible() and not page.record_button.isVisible()
    assert asked == []
    clerk = open_as("clerk").show_screen("tasks")
    assert sorted(asked) == ["department_short_names", "departments", "kinds", "villages"]
    assert clerk.villages_list.count() > 0 and clerk.department_combo.count() > 0


def test_the_clerk_still_registers_on_the_first_tab(open_as):
    window = open_as("clerk")
    page = window.show_screen("tasks")
    window.tasks.wait_all()
    assert page.read_only == ""
    assert page.tabs.tabText(0) == "审核登记" and page.tabs.currentIndex() == 0
    assert page.title_edit.isVisible() and page.title_edit.isEnabled()
    assert page.record_button.isVisible()
    # the clerk's own township's villages in the form, none of 石门乡's
    names = [page.villages_list.item(i).text() for i in range(page.villages_list.count())]
    assert names and not set(OTHER_VILLAGES) & set(names)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "收文日期"


def test_the_reviewers_check_shows_the_picked_items_basis_and_matched_words(open_as):
    """Beside the check the note stayed the same whatever was checked: the cited item's
    basis and the words it matched were only in a tooltip of the candidates."""
    window = open_as("reviewer")
    page = window.show_screen("tasks")
    window.tasks.wait_all()
    page.tabs.setCurrentIndex(1)
    page.check_panel.set_text("南屏县民政局：请各村每月填报《村级留守儿童关爱台账》并报送乡镇。")
    result = page.check_panel.result
    assert result is not None and result.candidates
    cited = page.findChild(QLabel, "cited_item")
    assert cited is not None and cited.isVisible()
    best = result.candidates[0]
    assert best.item.name in cited.text()
    assert best.item.basis and best.item.basis[:20] in cited.text()
    assert "命中：" in cited.text()


def test_the_first_tasks_villages_are_read_with_the_register_off_the_gui_thread(
    open_as, qtbot, monkeypatch
):
    """The detail beside the register shows the first task as its rows arrive: the villages
    of that task's township were read then, on the GUI thread (two statements)."""
    import threading

    from jianfu.services.tasks import TasksService

    read = TasksService.township_villages
    on_gui: list[bool] = []

    def recorded(self, town):
        on_gui.append(threading.current_thread() is threading.main_thread())
        return read(self, town)

    monkeypatch.setattr(TasksService, "township_villages", recorded)
    window = open_as("reviewer")
    page = window.show_screen("tasks")
    window.tasks.wait_all()
    qtbot.waitUntil(lambda: page.selected_task() is not None)
    first = page.model.row_at(0)
    assert page.selected_task().id == first.id and first.data.all_villages
    assert on_gui == [False]
    shown = page.detail_values["villages"].text()
    assert shown.startswith(f"全部村(社区)：{first.township}的 ")
