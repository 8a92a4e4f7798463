"""Help: each screen says what it is for; F1 opens the guide at that screen's section."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.ui.help_dialog import HelpDialog, guide_text
from jianfu.ui.main_window import PURPOSES, SCREENS
from tests.conftest import person_under_county
from tests.ui.conftest import read_screen


def test_every_screen_has_a_purpose_line_and_a_guide_section(window):
    guide = guide_text()
    for screen in SCREENS:
        window.show_screen(screen.key)
        line = window.purpose_label.text()
        assert line.startswith(f"{screen.title}：") and PURPOSES[screen.key] in line
        assert f"\n## {screen.title}\n" in guide  # the guide covers every screen


def test_f1_opens_the_guide_at_the_current_screen(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(
        HelpDialog, "ask", classmethod(lambda cls, p, s="", above=False: opened.append(s))
    )
    window.show_screen("certificates")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert opened == ["证明"]


def test_the_guide_scrolls_to_a_section(qtbot):
    dialog = HelpDialog("证明")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.show_section("证明")
    assert dialog.browser.textCursor().block().text() == "证明"
    assert dialog.browser.verticalScrollBar().value() > 0
    assert "身份证号录入时显示全部数字" in dialog.browser.toPlainText()
    assert not dialog.show_section("没有这一节")


def test_after_approval_the_withdraw_button_says_what_it_does(window, qtbot):
    from jianfu.domain.cases import CaseAction, CaseStatus

    cases = read_screen(window, qtbot, "cases")
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    approved = next(s for s in rows if s.case.status is CaseStatus.APPROVED)
    assert cases.select_case(approved.case.id)
    button = cases.action_buttons[CaseAction.WITHDRAW]
    assert button.text().startswith("办理准入退出")
    assert button.toolTip()


@pytest.mark.parametrize("role", ["reviewer", "mechanism", "clerk"])
def test_f1_above_the_township_is_the_guide_of_the_levels_above(qtbot, demo_ctx, window_as, role):
    """F1 gave the reviewer and the mechanism the clerk's guide (maintain the villages, record
    the tasks): theirs says what each screen lets them do, and has a section for every screen;
    the clerk's is unchanged."""
    window = window_as(person_under_county(demo_ctx, role)[0])
    window.show_screen("units")
    window.help_action.trigger()  # F1
    dialog = window._help_dialog
    qtbot.addWidget(dialog)
    assert dialog.show_section("村(社区)")  # opened at the screen's section
    shown = dialog.browser.toPlainText()
    if role == "clerk":
        assert shown.startswith("减负 使用说明\n") and "维护本乡镇（街道）的村和社区" in shown
        return
    assert "县级审核、协调机制" in shown and "维护本乡镇" not in shown
    assert "由乡镇经办人员维护" in shown  # the villages: theirs to read
    # the line above 准入审批 told them of 受理 and 乡镇意见, the clerk's steps
    window.show_screen("cases")
    assert "受理" not in window.purpose_label.text()
    assert "等您办理的排在前面" in window.purpose_label.text()
    # each level finds its own steps of 准入审批, as the screen names its buttons
    assert "**报协调机制**" in guide_text(above=True) and "**批准**" in guide_text(above=True)
    above = guide_text(above=True)
    for screen in SCREENS:
        assert f"\n## {screen.title}\n" in above


@pytest.mark.parametrize("above", [False, True])
def test_the_guide_shows_no_space_where_its_source_wraps_a_line(qtbot, above):
    """The guide's Markdown wraps its lines; Qt showed each wrap as a space in the middle of
    Chinese (报送协调机制 审批, （逾期标红）； 在筛选中, 下方是您这一级可办的环节。 点列标题)."""
    import re

    dialog = HelpDialog("准入审批", above=above)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    wraps = re.findall(r"([\u2e80-\uffef]{2})\n[ \t]*([\u2e80-\uffef]{2})", guide_text(above=above))
    assert len(wraps) > 5
    for before, after in wraps:
        assert before + after in text, (before, after)
    assert "**" not in text  # the bold still bold


def test_the_guide_says_how_the_clerk_takes_another_item_and_teaches_a_word():
    """A new clerk found neither in the guide: the finding follows the item picked below the
    verdict, and a local word is taught from the notice's context menu."""
    intake = guide_text().split("\n## 事项审核\n")[1].split("\n## ")[0]
    assert "在下方候选事项中点选" in intake and "审核结论随之改为清单内" in intake
    assert "**记为所选清单事项的同义词**" in intake and "**本地同义词…**" in intake


def _section(guide: str, title: str) -> str:
    return guide.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(("key", "title"), [("boards", "牌子"), ("reports", "统计报表")])
def test_the_guide_names_the_buttons_each_screen_has(window, key, title):
    """A new clerk pressed F1 on 牌子 to learn how to take a board down: the section said
    nothing of 销号 (a board not yet disposed cannot be closed out), and 统计报表's said 可打印
    or 另存为 PDF where the screen has 导出 PDF and 导出 Excel. Each button the section names
    in bold is one of the screen's, and 牌子's names the steps to 销号."""
    import re

    from PySide6.QtWidgets import QPushButton

    page = window.show_screen(key)
    buttons = {
        re.sub(r"\(&?[A-Z]\)|&|…", "", b.text()).strip() for b in page.findChildren(QPushButton)
    }
    section = _section(guide_text(), title)
    named = re.findall(r"\*\*(.+?)\*\*", section)
    assert named and set(named) <= buttons, set(named) - buttons
    if key == "boards":
        assert {"逐块录入", "编辑", "复查", "销号"} <= set(named)
        assert "还没有处置的牌子不能销号" in section
    else:
        assert "可打印" not in section
