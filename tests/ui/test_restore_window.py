"""文件 › 恢复备份…: the window had 备份数据库 and no restore (only ``jianfu restore``)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from jianfu.services.backup import copy_sqlite
from jianfu.ui import restore


@pytest.fixture
def said(monkeypatch):
    """What the restore told the clerk, and the restart and quit it asked for."""
    out: list[tuple[str, str]] = []
    monkeypatch.setattr(
        restore, "tell", lambda _parent, title, text, problem=False: out.append((title, text))
    )
    monkeypatch.setattr(restore, "restart_app", lambda: out.append(("restart", "")) or True)
    monkeypatch.setattr(restore, "quit_app", lambda: out.append(("quit", "")))
    return out


def _township(path) -> str:
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT value FROM setting WHERE key = 'township.township_name'"
        ).fetchone()
    finally:
        con.close()
    return row[0].strip('"')


def test_the_menu_has_restore(window) -> None:
    assert window.restore_action.text() == "恢复备份(&R)…" and window.restore_action.isEnabled()
    assert window.restore_action in window.menuBar().actions()[0].menu().actions()


def test_a_bad_file_a_newer_one_and_a_good_backup(window, tmp_path, monkeypatch, said) -> None:
    ctx = window.services.ctx
    target = ctx.database.sqlite_path
    if target is None:  # a shared server: the administrator's job
        assert not restore.restore_from_backup(window)
        assert said == [("恢复备份", restore.SERVER_TEXT)]
        return
    asked: list[str] = []
    monkeypatch.setattr(restore, "confirm_restore", lambda _p, text: asked.append(text) or True)

    bad = tmp_path / "笔记.db"
    bad.write_text("不是数据库", "utf-8")
    monkeypatch.setattr(restore, "choose_backup", lambda _parent, _folder: bad)
    assert not restore.restore_from_backup(window)
    assert said[-1][0] == "不能用这个文件恢复" and "不是减负的备份文件" in said[-1][1]

    good = copy_sqlite(target, tmp_path / "减负备份.db")
    newer = copy_sqlite(target, tmp_path / "新版本的备份.db")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    monkeypatch.setattr(restore, "choose_backup", lambda _parent, _folder: newer)
    assert not restore.restore_from_backup(window)
    assert said[-1][0] == "不能用这个文件恢复" and "请先升级减负软件" in said[-1][1]
    assert not asked and not window.restored  # nothing asked, nothing replaced

    # the current database changes after the backup: the restore brings the backup's back
    settings = window.services.settings
    before = settings.load()
    settings.save(replace(before, township_name="改过的镇"), expected=before)
    assert _township(target) == "改过的镇"
    monkeypatch.setattr(restore, "choose_backup", lambda _parent, _folder: good)
    assert restore.restore_from_backup(window)
    (text,) = asked
    assert f"备份文件：{good}" in text and f"乡镇：{before.township_name}" in text
    assert f"将被替换的当前数据库：{target}（改过的镇）" in text
    assert "个村(社区)" in text and "条操作记录" in text and "最后一次操作" in text
    assert "先另存一份" in text and "重新启动" in text
    assert window.restored
    assert _township(target) == before.township_name
    safety = list((target.parent / "backups").glob("*-before-restore.db"))
    assert len(safety) == 1 and _township(safety[0]) == "改过的镇"
    assert said[-3][0] == "已恢复" and str(safety[0]) in said[-3][1]
    assert said[-2:] == [("restart", ""), ("quit", "")]


def test_the_restart_starts_the_app_as_it_was_started(monkeypatch) -> None:
    monkeypatch.setattr(restore.sys, "argv", ["/usr/bin/jianfu", "--database", "x.db", "demo"])
    program, arguments = restore.restart_command()
    assert program == restore.sys.executable
    assert arguments == ["-m", "jianfu", "--database", "x.db", "demo"]
    monkeypatch.setattr(restore.sys, "frozen", True, raising=False)
    assert restore.restart_command()[1] == ["--database", "x.db", "demo"]


def test_the_backup_is_chosen_in_the_apps_own_backups_folder(window, monkeypatch) -> None:
    """文件 › 恢复备份… opened in the folder of the last print (a walk: the PDFs' folder), and
    the daily backups and the copy kept before a restore are in the data folder, which a
    clerk cannot find: it opens there."""
    target = window.services.ctx.database.sqlite_path
    if target is None:
        return
    folder = target.parent / "backups"
    folder.mkdir(exist_ok=True)
    opened: list[str] = []
    monkeypatch.setattr(
        restore, "open_file_name", lambda _p, _title, start, _f: opened.append(start) or ("", "")
    )
    assert not restore.restore_from_backup(window)  # nothing chosen, nothing asked
    assert opened == [str(folder)]
