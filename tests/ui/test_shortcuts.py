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
    assert "Ctrl+P" in window.statusBar().currentMessage()
    printed = []
    tasks.refusal_button.click = lambda: printed.append(tasks.selected_task().id)
    qtbot.keyClick(tasks.department_combo, Qt.Key.Key_P, CTRL)
    assert printed == [recorded.id]


def test_an_opinion_dialog_opens_with_the_cursor_in_the_opinion(window, qtbot):
    from jianfu.ui.cases.dialogs import StepDialog

    cases = window.show_screen("cases")
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    case = next(s.case for s in rows if s.case.allowed_actions())
    step = StepDialog(window.services.cases, case, case.allowed_actions()[0], cases)
    qtbot.addWidget(step)
    step.show()
    qtbot.waitExposed(step)
    assert step.focusWidget() is step.comment_edit
