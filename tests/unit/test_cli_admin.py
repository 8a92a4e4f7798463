"""``jianfu audit``, ``jianfu backup`` and ``jianfu restore`` from the command line."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from jianfu.cli import main


@pytest.fixture
def town(cli_demo):
    return cli_demo("town.db")


def test_audit_verify_ok_then_broken(town, capsys):
    assert main(["--database", str(town), "audit", "verify"]) == 0
    assert "操作记录完整" in capsys.readouterr().out
    con = sqlite3.connect(town)
    (victim,) = con.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 4").fetchone()
    con.execute("UPDATE audit_log SET operator = '冒名' WHERE id = ?", (victim,))
    con.commit()
    con.close()
    assert main(["--database", str(town), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"第一条对不上的记录编号 {victim}" in err
    assert main(["--database", str(town), "audit", "verify", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["broken_id"] == victim and out["broken_at"]


def test_audit_list_filters(town, capsys):
    assert (
        main(["--database", str(town), "audit", "list", "--entity", "证明申请", "--limit", "3"])
        == 0
    )
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 3 and all("\t证明申请\t" in line for line in lines)
    assert "列出 3 条" in captured.err
    assert main(["--database", str(town), "audit", "list", "--json", "--action", "登记"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["action"] == "登记" for r in rows)
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", str(town), "audit", "list", "--from", "2001-02-30"])
    assert exit_info.value.code == 2
    assert "日期“2001-02-30”不是有效日期" in capsys.readouterr().err


def test_backup_and_restore_round_trip(town, tmp_path, capsys):
    target = tmp_path / "周一备份.db"
    assert main(["--database", str(town), "backup", str(target)]) == 0
    assert "已备份到" in capsys.readouterr().out
    con = sqlite3.connect(town)
    con.execute("DELETE FROM unit WHERE parent_id IS NOT NULL AND name LIKE '%村'")
    con.commit()
    con.close()
    assert main(["--database", str(town), "restore", str(target), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "恢复前的数据库已另存为" in out and "已从备份恢复" in out
    con = sqlite3.connect(town)
    assert con.execute("SELECT count(*) FROM unit WHERE name LIKE '%村'").fetchone()[0] > 5
    con.close()


def test_restore_without_confirmation_changes_nothing(town, tmp_path, capsys, monkeypatch):
    target = tmp_path / "b.db"
    assert main(["--database", str(town), "backup", str(target)]) == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    before = town.read_bytes()
    assert main(["--database", str(town), "restore", str(target)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert town.read_bytes() == before


def test_restore_of_a_truncated_backup_is_refused(town, tmp_path, capsys):
    bad = tmp_path / "cut.db"
    bad.write_bytes(town.read_bytes()[:30000])
    before = town.read_bytes()
    assert main(["--database", str(town), "restore", str(bad), "--yes"]) == 1
    assert "不完整" in capsys.readouterr().err
    assert town.read_bytes() == before


def test_postgres_gets_pg_dump_instructions(capsys):
    url = "postgresql+psycopg://clerk@db.example:5432/jianfu"
    assert main(["--database", url, "backup", "x.db"]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert main(["--database", url, "restore", "x.dump", "--yes"]) == 1
    assert "pg_restore" in capsys.readouterr().err


def test_restore_leaves_no_kept_first_screen_shown(town, tmp_path, capsys):
    """首页 kept for the replaced file is not shown for the restored one (the window forgets it
    at its restore; the command line need not: the kept screen is tied to the file itself,
    its inode and modification time, and the restore installs a new file by a rename)."""
    from jianfu.services import first_screen

    day = dt.date(2026, 11, 20)
    backup = tmp_path / "same.db"
    assert main(["--database", str(town), "backup", str(backup)]) == 0
    # kept after the backup, so the key is the file's as it stands; the backup holds the same
    assert first_screen.keep_at_close(town, lambda _d: {"figures": [1]}, lambda: None, day)
    assert first_screen.load(town, today=day) == {"figures": [1]}
    assert main(["--database", str(town), "restore", str(backup), "--yes"]) == 0
    assert "已从备份恢复" in capsys.readouterr().out
    assert first_screen.load(town, today=day) is None
