"""The log file: where it is, what it keeps out, and the CLI's answer to an unexpected error."""

from __future__ import annotations

import logging

import pytest

from jianfu.logs import log_file, scrub, setup_logging

ID = "350102199003071234"


@pytest.fixture
def clean_logger():
    logger = logging.getLogger("jianfu")
    before = list(logger.handlers)
    yield logger
    for handler in logger.handlers[len(before) :]:
        handler.close()
        logger.removeHandler(handler)


def test_scrub_masks_id_numbers_and_url_passwords() -> None:
    assert scrub(f"申请人 {ID} 已登记") == "申请人 3501**********1234 已登记"
    assert scrub("身份证35010219900307123X。") == "身份证3501**********123X。"
    assert scrub("postgresql+psycopg://clerk:s3cret@db:5432/jianfu") == (
        "postgresql+psycopg://clerk:***@db:5432/jianfu"
    )
    assert scrub("编号 2026-0007，电话 13800001111") == "编号 2026-0007，电话 13800001111"


def test_the_log_file_is_in_the_data_folder_and_masks_what_it_writes(clean_logger) -> None:
    path = setup_logging()
    assert path == log_file() and path.parent.name == "logs"
    try:
        raise ValueError(f"坏的身份证号 {ID}")
    except ValueError:
        logging.getLogger("jianfu.test").exception("处理 %s 时出错", ID)
    for handler in clean_logger.handlers:
        handler.flush()
    text = path.read_text("utf-8")
    assert "处理 3501**********1234 时出错" in text
    assert "ValueError" in text and ID not in text


def test_an_unexpected_error_in_a_command_is_logged_not_shown_as_a_traceback(
    clean_logger, monkeypatch, capsys
) -> None:
    import jianfu.cli as cli

    def boom(_args):
        raise RuntimeError(f"意外 {ID}")

    monkeypatch.setattr(cli, "_dispatch", boom)
    assert cli.main(["init"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "意外错误" in err and "RuntimeError" in err and str(log_file()) in err
    assert "Traceback" not in err and ID not in err
    for handler in clean_logger.handlers:
        handler.flush()
    assert "Traceback" in log_file().read_text("utf-8")


def test_the_log_file_is_rotated_once_records_come(clean_logger, monkeypatch) -> None:
    import jianfu.logs

    monkeypatch.setattr(jianfu.logs, "MAX_BYTES", 2_000)
    path = setup_logging()
    assert path is not None and path.is_file()  # made at once, written when records come
    assert setup_logging() == path  # one handler, not two
    log = logging.getLogger("jianfu.test")
    for n in range(40):
        log.warning("第 %d 条：%s", n, "记录" * 40)
    for handler in clean_logger.handlers:
        handler.flush()
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["jianfu.log", *(f"jianfu.log.{n}" for n in range(1, jianfu.logs.BACKUPS + 1))]
    assert "第 39 条" in path.read_text("utf-8")
    assert path.stat().st_size <= 2_000


def test_a_crash_of_the_process_leaves_its_stack_in_the_crash_file(tmp_path):
    """A fault that kills the process (here a read of address 0) leaves the Python stack in
    crash.log after the line of the run's start; the next start appends, never overwrites."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "JIANFU_DATA_DIR": str(tmp_path)}
    crash = (
        "from jianfu.logs import record_crashes\n"
        "record_crashes()\n"
        "import ctypes\n"
        "def dies_here():\n"
        "    ctypes.string_at(0)\n"
        "dies_here()\n"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", crash], env=env, capture_output=True)
        assert done.returncode != 0
    text = (tmp_path / "logs" / "crash.log").read_text("utf-8")
    assert text.count("减负 started") == 2
    assert text.count("Fatal Python error") == 2
    assert "dies_here" in text


def test_an_overgrown_crash_file_is_begun_anew_and_the_old_one_kept(tmp_path):
    """(In a process of its own: faulthandler is the test runner's too.)"""
    import os
    import subprocess
    import sys

    from jianfu import logs

    (tmp_path / "logs").mkdir()
    old = tmp_path / "logs" / "crash.log"
    old.write_text("x" * (logs.MAX_BYTES + 1), encoding="utf-8")
    env = {**os.environ, "JIANFU_DATA_DIR": str(tmp_path)}
    start = (
        "import faulthandler\n"
        "from jianfu.logs import record_crashes\n"
        "print(record_crashes(), faulthandler.is_enabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", start], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [str(old), "True"]
    assert (tmp_path / "logs" / "crash.log.1").stat().st_size == logs.MAX_BYTES + 1
    assert old.read_text("utf-8").startswith("--- ")
