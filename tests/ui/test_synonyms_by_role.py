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
