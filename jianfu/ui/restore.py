"""文件 › 恢复备份…: replace the SQLite database by a backup, then start again on it.

The command line had ``jianfu restore`` and the window only 备份数据库: a clerk who had a
backup could not use it without a terminal. The same checks and the same safety copy as the
command (``services.backup.restore_database``); the window closes its database first (a
restore needs the file to itself) and the app starts again on the restored file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jianfu.domain.errors import JianfuError
from jianfu.ui.widgets.printing import open_file_name

#: What a person on a shared server is told: the window restores only its own SQLite file.
SERVER_TEXT = (
    "共享数据库（PostgreSQL 服务器）上的数据由管理员统一备份和恢复，本窗口不能恢复，"
    "以免替换其他乡镇和同事的数据。需要恢复时，请联系数据库管理员。"
)


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that start this app again as it was started (its
    ``--database`` and ``demo`` kept): the installed program itself, or ``python -m jianfu``."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, ["-m", "jianfu", *sys.argv[1:]]


def restart_app() -> bool:
    """Start the app again in a new process (tests replace it)."""
    program, arguments = restart_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return started


def confirm_restore(parent: QWidget, text: str) -> bool:
    """Whether the clerk confirms the restore described by ``text`` (tests replace it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "恢复备份", text, parent=parent)
    restore = box.addButton("恢复并重新启动", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is restore


def tell(parent: QWidget, title: str, text: str, *, problem: bool = False) -> None:
    """Say something to the clerk and wait for 确定 (tests replace it)."""
    if problem:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def choose_backup(parent: QWidget, folder: Path | None = None) -> Path | None:
    """The backup file the clerk chose, or ``None`` (tests replace it). It opens in
    ``folder`` when it exists: the app's own backups (each day's, and the copy kept before
    a restore), which a clerk cannot find in the data folder; it opened in the folder of
    the last print, where no backup was."""
    chosen, _ = open_file_name(
        parent,
        "选择要恢复的备份文件",
        str(folder) if folder is not None else "",
        "数据库备份 (*.db);;所有文件 (*)",
    )
    return Path(chosen) if chosen else None


def restore_from_backup(window: Any) -> bool:
    """Ask for a backup, check it, say what it replaces, and restore it; the app then starts
    again on the restored data. Returns whether the database was replaced. ``window``: the
    main window (not imported: it imports this module)."""
    from jianfu.services import first_screen
    from jianfu.services.backup import inspect_backup, last_entry_at, restore_database

    assert window.services is not None
    ctx = window.services.ctx
    target = ctx.database.sqlite_path
    if target is None:
        tell(window, "恢复备份", SERVER_TEXT)
        return False
    source = choose_backup(window, target.parent / "backups")
    if source is None:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        info = inspect_backup(source)
        made = last_entry_at(source)
    except JianfuError as exc:
        QApplication.restoreOverrideCursor()
        tell(window, "不能用这个文件恢复", str(exc), problem=True)
        return False
    QApplication.restoreOverrideCursor()
    township = window.services.settings.load().township_name or "（未设置乡镇名称）"
    lines = [
        f"备份文件：{source}",
        f"　乡镇：{info.township_name or '（未设置）'}；{info.units} 个村(社区)；"
        f"{info.audit_entries} 条操作记录"
        + (f"；最后一次操作 {made:%Y-%m-%d %H:%M}" if made else ""),
        "",
        f"将被替换的当前数据库：{target}（{township}）",
        "备份之后在当前数据库中录入、修改的内容都会丢失，换成备份中的数据。",
        f"恢复前，当前数据库会先另存一份到：{target.parent / 'backups'}",
        "恢复后减负会关闭并重新启动。",
    ]
    if info.township_name and township and info.township_name != township:
        lines.insert(3, f"注意：备份是“{info.township_name}”的，当前数据库是“{township}”的。")
    unsaved = window.unsaved_work()
    if unsaved:
        lines += ["", "以下尚未保存的内容会丢失：", *unsaved]
    if not confirm_restore(window, "\n".join(lines)):
        return False
    # the file to itself: the change feed, the daily backup and the screens' reads stopped,
    # every connection of the app closed (a restore refuses a file someone has open)
    window.restored = True
    window.changes.stop_listening(ctx)
    window.stop_background()
    ctx.database.close()
    try:
        result = restore_database(target, source, backup_dir=target.parent / "backups")
    except JianfuError as exc:
        tell(window, "恢复失败", f"{exc}\n\n减负将重新启动，打开原来的数据库。", problem=True)
        replaced = False
    else:
        first_screen.forget(target)  # 首页 kept at the last close shows the replaced data
        saved = f"\n恢复前的数据库已另存为：{result.safety_copy}" if result.safety_copy else ""
        tell(window, "已恢复", f"已从备份恢复：{target}{saved}\n\n减负将重新启动。")
        replaced = True
    if not restart_app():
        tell(window, "请重新打开减负", "未能自动重新启动，请重新打开减负。", problem=True)
    quit_app()
    return replaced


def quit_app() -> None:
    """End this app (the new one is starting; tests replace it)."""
    app = QApplication.instance()
    if app is not None:
        app.quit()
