"""Keyboard: the same shortcuts on every screen, mnemonics on buttons, one Tab per date."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jianfu.ui.widgets.shortcuts import SCREEN_KEYS, with_mnemonic

CTRL = Qt.KeyboardModifier.ControlModifier


def _press(qtbot, window, page, key, modifier=CTRL):
    window.activateWindow()
    window.nav.setFocus()  # as after a click in the navigation
    qtbot.keyClick(window.nav, key, modifier)


def test_mnemonics_go_before_the_ellipsis():
    assert with_mnemonic("登记申请…", "N") == "登记申请(&N)…"
    assert with_mnemonic("统计", "T") == "统计(&T)"
    assert with_mnemonic("打印证明(&P)…", "X") == "打印证明(&P)…"


def test_every_daily_button_has_a_mnemonic_and_its_shortcut_in_the_tooltip(window):
    for key, bindings in SCREEN_KEYS.items():
        page = window.show_screen(key)
        for attr, sequence, letter in bindings:
            widget = getattr(page, attr)
            if letter:
                assert "(&" in widget.text(), (key, attr)
            if sequence:
                assert "快捷键" in widget.toolTip(), (key, attr)


def test_ctrl_n_ctrl_p_ctrl_f_and_ctrl_enter_reach_the_screen_shown(window, qtbot):
    page = window.show_screen("certificates")
    clicked = []
    page.new_button.click = lambda: clicked.append("new")
    _press(qtbot, window, page, Qt.Key.Key_N)
    assert clicked == ["new"]
    _press(qtbot, window, page, Qt.Key.Key_F)
    assert page.search.hasFocus() or page.focusWidget() is page.search

    burdens = window.show_screen("burdens")
    burdens.add_button.click = lambda: clicked.append("burden")
    _press(qtbot, window, burdens, Qt.Key.Key_N)
    assert clicked == ["new", "burden"]  # only the screen shown answers

    tasks = window.show_screen("tasks")
    tasks.record_button.click = lambda: clicked.append("record")
    tasks.title_edit.setFocus()
    qtbot.keyClick(tasks.title_edit, Qt.Key.Key_Return, CTRL)
    assert clicked[-1] == "record"


def test_a_date_filter_is_left_with_one_tab(window, qtbot):
    page = window.show_screen("certificates")
    window.activateWindow()
    page.from_edit.setFocus()
    qtbot.keyClick(page.from_edit, Qt.Key.Key_Tab)
    assert page.focusWidget() is not page.from_edit


def test_record_a_negative_task_then_print_its_refusal_from_the_keyboard(window, qtbot):
    from jianfu.domain.tasks import TaskDecision

    tasks = window.show_screen("tasks")
    tasks.check_panel.set_text("请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。")
    tasks.decision_buttons[TaskDecision.NEGATIVE].setChecked(True)
    tasks.title_edit.setText("关于做好征地拆迁动员工作的通知")
    tasks.department_combo.setEditText("南屏县住房和城乡建设局")
    window.activateWindow()
    tasks.title_edit.setFocus()
    qtbot.keyClick(tasks.title_edit, Qt.Key.Key_Return, CTRL)
    recorded = tasks.selected_task()
    assert recorded is not None and recorded.data.title == "关于做好征地拆迁动员工作的通知"
    # said in the status line (whole in its tooltip where the test's narrow window cuts it)
    status = window.statusBar()
    assert "Ctrl+P" in (status.toolTip() or status.currentMessage())
    printed = []
    tasks.refusal_button.click = lambda: printed.append(tasks.selected_task().id)
    qtbot.keyClick(tasks.department_combo, Qt.Key.Key_P, CTRL)
    assert printed == [recorded.id]


def test_an_opinion_dialog_opens_with_the_cursor_in_the_opinion(window, qtbot):
    from jianfu.ui.cases.dialogs import StepDialog

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    case = next(s.case for s in rows if s.case.allowed_actions())
    step = StepDialog(window.services.cases, case, case.allowed_actions()[0], cases)
    qtbot.addWidget(step)
    step.show()
    qtbot.waitExposed(step)
    assert step.focusWidget() is step.comment_edit


def _letters(widgets) -> list[str]:
    import re

    out = []
    for w in widgets:
        found = re.search(r"&(\w)", w.text())
        if found and w.isVisibleTo(w.window()):
            out.append(found.group(1).upper())
    return out


def test_the_case_step_buttons_have_alt_letters_that_clash_with_nothing_on_the_screen(
    window, qtbot
):
    """准入审批: every step button offered has an Alt letter, unique among the screen's
    buttons and the menu bar's, whatever the case's status."""
    from PySide6.QtWidgets import QAbstractButton

    from jianfu.domain.cases import CaseAction
    from jianfu.ui.cases.screen import ACTION_KEYS
    from jianfu.ui.widgets.shortcuts import MENU_LETTERS, with_mnemonic

    menus = [a.text() for a in window.menuBar().actions()]
    assert {m.split("&")[1][0] for m in menus} == set(MENU_LETTERS)
    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)  # read on a worker
    static = [
        b for b in cases.findChildren(QAbstractButton) if b not in cases.action_buttons.values()
    ]
    fixed = _letters(static)
    assert len(fixed) == len(set(fixed)) and not set(fixed) & MENU_LETTERS, fixed
    steps = [a for a in CaseAction if a is not CaseAction.RECEIVE]
    assert set(ACTION_KEYS) == set(steps)
    letters = list(ACTION_KEYS.values())
    assert len(letters) == len(set(letters))
    assert not set(letters) & (set(fixed) | MENU_LETTERS)
    seen = set()
    for r in range(cases.model.rowCount()):
        summary = cases.model.row_at(r)
        assert cases.select_case(summary.case.id)
        for action, button in cases.action_buttons.items():
            assert f"(&{ACTION_KEYS[action]})" in button.text(), button.text()
            seen.add(action)
        on_screen = _letters(cases.findChildren(QAbstractButton))
        assert len(on_screen) == len(set(on_screen)), on_screen
    assert seen  # the demo's cases offer steps
    assert with_mnemonic("批准", "A") == "批准(&A)"


def test_ctrl_and_a_digit_show_the_navigations_screens(window, qtbot):
    window.activateWindow()
    page = window.show_screen("certificates")
    page.search.setFocus()  # typing somewhere on a screen
    qtbot.keyClick(page.search, Qt.Key.Key_3, CTRL)
    assert window.current_screen() == "tasks"
    # as after a click: the cursor in the notice (a screen without a first field leaves it
    # in the navigation, whence Tab goes on into the screen)
    assert window.pages["tasks"].check_panel.editor.hasFocus()
    keys = {Qt.Key.Key_1: "dashboard", Qt.Key.Key_6: "certificates", Qt.Key.Key_9: "units"}
    for key, screen in keys.items():  # 9 skips the 基础数据 heading
        qtbot.keyClick(window.nav, key, CTRL)
        assert window.current_screen() == screen
    assert window.nav.item(window.nav.currentRow()).toolTip() == "快捷键：Ctrl+9"
