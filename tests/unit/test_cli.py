"""The command line: help, version, init, and bad databases."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from jianfu import __version__
from jianfu.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_is_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：")
    for words in ("选项", "显示本帮助并退出", "用演示数据库打开程序窗口", "--database"):
        assert words in out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "命令有误" in capsys.readouterr().err


def test_init_creates_the_database_and_fills_the_demo_once(tmp_path, capsys):
    path = tmp_path / "town.db"
    assert main(["--database", str(path), "init", "--demo"]) == 0
    assert "已填入演示数据" in capsys.readouterr().out
    assert main(["--database", str(path), "init", "--demo"]) == 0
    assert "已有数据" in capsys.readouterr().out


def test_init_uses_the_environment_url(tmp_path, monkeypatch, capsys):
    path = tmp_path / "env.db"
    monkeypatch.setenv("JIANFU_DATABASE_URL", str(path))
    assert main(["init"]) == 0
    assert path.exists()
    assert str(path) in capsys.readouterr().out


def test_init_on_a_file_that_is_not_a_database_fails_cleanly(tmp_path, capsys):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 500)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["--database", str(path), "init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "不是 SQLite 数据库文件" in err
    assert "Traceback" not in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_malformed_url_in_a_real_process_exits_non_zero_without_traceback(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "jianfu",
            "--database",
            "postgresql+psycopg://u:pw@127.0.0.1:1/x",
            "init",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "无法连接数据库服务器" in proc.stderr
    assert "Traceback" not in proc.stderr and "pw@" not in proc.stderr
