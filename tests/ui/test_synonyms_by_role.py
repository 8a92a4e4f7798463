"""本地同义词 by role: a clerk adds synonyms but only an administrator removes them (the
database refuses a clerk's DELETE); the button says so before the clerk tries (issue 14)."""

from __future__ import annotations

from jianfu.db.township import ConnectedPerson
from jianfu.services.people import synonym_refusals
from jianfu.services.registry import Services
from jianfu.ui.intake.synonyms import SynonymsDialog

ITEM = "开展群众性文化体育活动"
CLERK = ConnectedPerson("c", "clerk", 1, "清溪镇", "张三")
REVIEWER = ConnectedPerson("r", "reviewer", 1, "南屏县", "审核员")
ADMIN = ConnectedPerson("a", "admin", 1, "南屏县", "管理员")


def test_who_may_add_and_remove_a_synonym():
    assert synonym_refusals(None) == ("", "")  # a township's file: everything
    assert synonym_refusals(ADMIN) == ("", "")
    add, remove = synonym_refusals(CLERK)
    assert add == "" and "删除由管理员办理" in remove
    add, remove = synonym_refusals(REVIEWER)
    assert add == remove and "县级审核人员只能查看" in add


def test_a_clerk_sees_remove_greyed_out_with_the_reason_even_with_a_selection(qtbot, demo_ctx):
    demo_ctx.person = CLERK  # on SQLite the app's rule alone; the server's test is in db/
    service = Services.create(demo_ctx).tasks
    service.add_synonym("龙舟赛", ITEM)
    dialog = SynonymsDialog(
        ITEM,
        service.synonyms_of,
        service.add_synonym,
        service.remove_synonym,
        refusals=synonym_refusals(CLERK),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.words() == ["龙舟赛"]
    dialog.list.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled()
    assert "删除由管理员办理" in dialog.remove_button.toolTip()
    dialog.word_edit.setText("村晚")  # adding stays the clerk's daily work
    assert dialog.add_button.isEnabled()
    dialog.add_button.click()
    assert sorted(dialog.words()) == ["村晚", "龙舟赛"]
    assert not dialog.remove_button.isEnabled()  # the reload does not switch it back on


def test_the_screen_passes_the_connected_persons_refusals(qtbot, demo_ctx, monkeypatch):
    from jianfu.ui.main_window import MainWindow

    demo_ctx.person = REVIEWER
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    try:
        intake = window.show_screen("tasks")
        intake.tabs.setCurrentIndex(1)  # 对照清单, built when first shown
        intake.check_panel.set_text("请各村端午节前组织开展群众性文化体育活动。")
        intake.check_panel.check_now()
        qtbot.waitUntil(lambda: intake.check_panel.result is not None, timeout=20000)
        seen: list[SynonymsDialog] = []
        monkeypatch.setattr(SynonymsDialog, "exec", lambda self: seen.append(self) or 0)
        intake.edit_synonyms()
        assert len(seen) == 1
        dialog = seen[0]
        assert not dialog.add_button.isEnabled() and not dialog.remove_button.isEnabled()
        assert not dialog.word_edit.isEnabled()
        assert "县级审核人员只能查看" in dialog.add_button.toolTip()
    finally:
        window.tasks.wait_all()


def _typed_dialog(qtbot, demo_ctx, type_text, word: str) -> SynonymsDialog:
    service = Services.create(demo_ctx).tasks
    dialog = SynonymsDialog(ITEM, service.synonyms_of, service.add_synonym, service.remove_synonym)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.word_edit.setFocus()
    type_text(dialog.word_edit, word)
    return dialog


def test_closing_with_a_typed_word_not_added_asks_and_returning_keeps_it(
    qtbot, demo_ctx, type_text, monkeypatch
):
    """关闭 (or Esc) with 村晚 typed and 添加 not pressed dropped the word without a word."""
    dialog = _typed_dialog(qtbot, demo_ctx, type_text, "村晚")
    asked: list[str] = []
    monkeypatch.setattr(SynonymsDialog, "confirm_drop", lambda self, w: asked.append(w) or False)
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert asked == ["村晚"]
    assert dialog.isVisible() and dialog.word_edit.text() == "村晚"  # 返回: still there
    from PySide6.QtCore import Qt

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["村晚", "村晚"] and dialog.isVisible()
    dialog.add_button.click()  # the clerk adds it after all
    assert dialog.words() == ["村晚"]
    dialog.reject()  # nothing typed now: closes without a question
    assert asked == ["村晚", "村晚"] and not dialog.isVisible()


def test_closing_without_adding_when_the_clerk_says_so_saves_nothing(
    qtbot, demo_ctx, type_text, monkeypatch
):
    dialog = _typed_dialog(qtbot, demo_ctx, type_text, "龙舟赛")
    monkeypatch.setattr(SynonymsDialog, "confirm_drop", lambda self, w: True)
    dialog.reject()
    assert not dialog.isVisible()
    assert Services.create(demo_ctx).tasks.synonyms_of(ITEM) == []


def test_the_question_keeps_the_word_on_enter_and_esc(qtbot, demo_ctx, type_text):
    """The box's own keys: Enter and Esc both choose 返回 (nothing lost in haste)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = _typed_dialog(qtbot, demo_ctx, type_text, "村晚")
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append(box.text())
        seen.append(box.defaultButton().text())
        box.escapeButton().click()

    QTimer.singleShot(0, answer)
    dialog.reject()
    assert "“村晚”还没有添加为同义词" in seen[0]
    assert seen[1] == "返回(&R)"
    assert dialog.isVisible() and dialog.word_edit.text() == "村晚"


def test_the_cursor_starts_in_the_word_box_where_the_clerk_may_add(qtbot, demo_ctx, type_text):
    """Opened to add a word, the dialog took the typing in its list: what was typed went
    nowhere until the clerk clicked into the box."""
    service = Services.create(demo_ctx).tasks
    dialog = SynonymsDialog(ITEM, service.synonyms_of, service.add_synonym, service.remove_synonym)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.word_edit
    type_text(dialog.focusWidget(), "村晚")
    assert dialog.word_edit.text() == "村晚"
    reviewer = SynonymsDialog(
        ITEM,
        service.synonyms_of,
        service.add_synonym,
        service.remove_synonym,
        refusals=synonym_refusals(REVIEWER),
    )
    qtbot.addWidget(reviewer)
    reviewer.show()
    assert reviewer.focusWidget() is not reviewer.word_edit  # locked: not offered
