"""The command line speaks Chinese, also in argparse's own messages, on any console."""

from __future__ import annotations

import os
import subprocess
import sys

from jianfu.cli import main


def test_argparse_errors_are_chinese(capsys) -> None:
    assert_usage = 2
    assert _exit(["init", "--scale", "nope"]) == assert_usage
    err = capsys.readouterr().err
    assert "无效的选择：'nope'" in err and "invalid choice" not in err
    assert _exit(["certs"]) == assert_usage
    assert "缺少必需的参数" in capsys.readouterr().err
    assert _exit(["init", "--bogus"]) == assert_usage
    assert "无法识别的参数：--bogus" in capsys.readouterr().err


def _exit(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


def test_a_gbk_console_redirected_to_a_file_gets_utf8_not_a_crash(tmp_path, cli_demo) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "JIANFU_DATA_DIR": str(tmp_path)}
    db = str(cli_demo("demo.db"))
    proc = subprocess.run(
        [sys.executable, "-m", "jianfu", "--database", db, "lists", "show", "--edition", "䶮𠮷版"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    text = proc.stderr.decode("utf-8")
    assert "䶮𠮷版" in text
    assert "UnicodeEncodeError" not in text
