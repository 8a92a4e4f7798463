"""The main window: navigation, placeholders, status bar, settings, backup."""

from __future__ import annotations

import sqlite3

from jianfu.services.settings import SettingsService
from jianfu.ui.main_window import SCREENS
from jianfu.ui.settings_dialog import SettingsDialog
from jianfu.ui.widgets.placeholder import PlaceholderWidget
from jianfu.ui.widgets.printing import FileDialogs


def test_navigation_lists_the_seven_flows_and_the_base_data(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:8] == [
        "首页",
        "清单",
        "事项审核",
        "准入审批",
        "牌子",
        "证明",
        "其他负担",
        "统计报表",
    ]
    assert "村(社区)" in titles and "部门" in titles


def test_the_dashboard_is_the_first_screen_after_opening(window, qtbot):
    assert window.current_screen() == "dashboard"
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.dashboard is not None, timeout=20000)
    assert page.title_label.text().startswith("首页 — ")
    assert page.reminders.topLevelItemCount() > 0
    window.tasks.wait_all()


def test_every_screen_can_be_reached(window, qtbot):
    for screen in reversed(SCREENS):
        with qtbot.waitSignal(window.sig_screen_changed, timeout=1000) as blocker:
            window.nav.setCurrentRow(
                next(
                    i
                    for i in range(window.nav.count())
                    if window.nav.item(i).text() == screen.title
                )
            )
        assert blocker.args == [screen.key]
        assert window.stack.currentWidget() is window.pages[screen.key]


def test_every_flow_has_its_own_screen(window):
    for screen in SCREENS:
        page = window.show_screen(screen.key)
        assert not isinstance(page, PlaceholderWidget), screen.key


def test_a_screen_is_read_once_when_first_shown_and_again_each_time_after(window, monkeypatch):
    from jianfu.ui.certificates.screen import CertificatesWidget

    reads = []
    for name in ("refresh", "refresh_in_background"):  # (shown again: read in the background)
        read = getattr(CertificatesWidget, name)
        monkeypatch.setattr(
            CertificatesWidget, name, lambda self, _read=read: reads.append(_read(self))
        )
    window.show_screen("certificates")  # built: its constructor reads the register
    assert len(reads) == 1
    window.show_screen("lists")
    window.show_screen("certificates")  # shown again: read again, for others' changes
    assert len(reads) == 2
    window.tasks.wait_all()


def test_status_bar_names_the_database_file(window, demo_ctx):
    assert str(demo_ctx.database.sqlite_path or "PostgreSQL") in window.database_label.text()
    assert "password" not in window.database_label.text()


def test_window_title_carries_the_township_name(window):
    assert window.windowTitle() == "清溪镇"  # the title bar shows 清溪镇 — 减负


def test_settings_dialog_saves_and_values_persist_after_reopening(window, qtbot, demo_ctx):
    dialog = SettingsDialog(SettingsService(demo_ctx), window)
    qtbot.addWidget(dialog)
    dialog.edits["reviewer"].setText("王志强")
    dialog.spins["decision_working_days"].setValue(20)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    again = SettingsDialog(SettingsService(demo_ctx), window)
    qtbot.addWidget(again)
    assert again.edits["reviewer"].text() == "王志强"
    assert again.spins["decision_working_days"].value() == 20


def test_settings_dialog_refuses_an_empty_township_name_next_to_the_field(window, qtbot, demo_ctx):
    dialog = SettingsDialog(SettingsService(demo_ctx), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["township_name"].setText("  ")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_text("township_name") == "乡镇(街道)名称不能为空"
    assert SettingsService(demo_ctx).load().township_name == "清溪镇"


def test_backup_runs_in_the_background_and_writes_a_consistent_copy(
    window, qtbot, demo_ctx, tmp_path, monkeypatch
):
    if not demo_ctx.database.is_sqlite:
        assert not window.backup_action.isEnabled()
        return
    target = tmp_path / "backup.db"
    monkeypatch.setattr(
        FileDialogs, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: "已备份到" in window.statusBar().currentMessage(), timeout=5000)
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM unit WHERE parent_id IS NOT NULL").fetchone() == (13,)
    con.close()


def test_closing_with_a_notice_not_recorded_asks_first(window, qtbot, monkeypatch):
    """A notice checked but not recorded, or a 情况报告 edited but not exported, was lost
    without a word when the window closed."""
    from jianfu.ui.main_window import MainWindow

    asked: list[list[str]] = []
    answer = [False]

    def confirm(self, unsaved):
        asked.append(unsaved)
        return answer[0]

    monkeypatch.setattr(MainWindow, "confirm_close", confirm)
    assert window.unsaved_work() == []
    intake = window.show_screen("tasks")
    intake.check_panel.set_text("请各村(社区)协助开展城乡居民基本医疗保险参保登记工作。")
    intake.title_edit.setText("关于做好医保参保登记的通知")
    assert not window.close()  # 返回: the window stays, the notice with it
    assert window.isVisible()
    assert "关于做好医保参保登记的通知" in asked[0][0]
    assert intake.check_panel.text().startswith("请各村")
    intake.reset_form()  # recorded or cleared: nothing to ask about
    assert window.unsaved_work() == []
    answer[0] = True
    assert window.close()
    assert len(asked) == 1


def test_an_edited_report_paragraph_counts_as_unsaved_until_exported(window, qtbot, tmp_path):
    reports = window.show_screen("reports")
    qtbot.waitUntil(lambda: reports.report is not None, timeout=20000)
    assert reports.unsaved_work() == ""
    reports.situation_edit.setPlainText("本季度情况良好（手工修改）。")
    assert "情况报告" in reports.unsaved_work()
    with qtbot.waitSignal(reports.sig_exported, timeout=20000):
        reports.export("pdf", str(tmp_path / "r.pdf"))
    assert reports.unsaved_work() == ""
    window.tasks.wait_all()


def test_a_question_that_could_lose_work_is_answered_safe_by_enter_and_esc(qtbot):
    """ask_before: Enter and Esc both keep what the clerk has (the close, the recount, the
    second record and the discard all ask through it)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from jianfu.ui.widgets.form import ask_before

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):

        def press(key=key):
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            qtbot.keyClick(box, key)

        QTimer.singleShot(0, press)
        assert ask_before(None, "退出", "以下内容尚未保存", "退出(&Q)", "返回(&R)") is False
