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


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["gui"],
        ["demo"],
        ["--database", "x.db"],
        ["--database", "postgresql+psycopg://clerk@db-host:5432/jianfu", "gui"],
        ["--database=x.db", "demo"],
        ["--database=", "gui"],
        ["--database", ""],
    ],
)
def test_the_window_starts_with_what_the_parser_would_give(argv):
    from jianfu.cli import _window_args, build_parser

    assert vars(_window_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--help"],
        ["init"],
        ["--database", "x.db", "init"],
        ["--database"],
        ["--database", "-x.db"],
        ["--data", "x.db"],
        ["--database", "x.db", "--database", "y.db"],
        ["gui", "--database", "x.db"],
        ["--database", "x.db", "gui", "extra"],
    ],
)
def test_anything_else_goes_through_the_parser(argv):
    from jianfu.cli import _window_args

    assert _window_args(argv) is None


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


@pytest.fixture
def demo_db(cli_demo):
    return str(cli_demo("demo.db"))


def test_check_json_prints_exactly_one_object(demo_db, capsys):
    import json

    capsys.readouterr()
    assert main(["--database", demo_db, "check", "请各村(社区)组织开展爱国卫生运动", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["verdict"] == "admitted"
    assert data["candidates"][0] == {
        "item": "组织开展爱国卫生运动",
        "kind": "duty",
        "score": data["candidates"][0]["score"],
        "learned": [],  # (an added field: words read through the learned lexicon, if on)
    }
    scores = [c["score"] for c in data["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_check_says_which_words_it_read_through_the_learned_lexicon(
    demo_db, capsys, monkeypatch
):
    """林地 is no word of the demo's item 依法管理本村集体所有的土地和其他财产; a learned table
    saying notices with it are about its 财产 (one of the test's own: the shipped table is
    learned again as sets are spent) is read, and the CLI names the words it read through it."""
    import json

    from jianfu.domain import lexicon

    table = lexicon.Lexicon({"林地": ("财产",)}, {})
    monkeypatch.setattr(lexicon, "app_lexicon", lambda: table)

    capsys.readouterr()
    text = "请各村把集体所有的荒地、林地清查一遍"
    assert main(["--database", demo_db, "check", text, "--json"]) == 0
    best = json.loads(capsys.readouterr().out)["candidates"][0]
    assert best["item"] == "依法管理本村集体所有的土地和其他财产"
    assert "林地→财产" in best["learned"]
    assert main(["--database", demo_db, "check", text]) == 0
    assert "参照以往审核的说法：" in capsys.readouterr().out


def test_check_cert_json(demo_db, capsys):
    import json

    capsys.readouterr()
    assert main(["--database", demo_db, "check-cert", "婚姻状况证明", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "forbidden"
    assert data["candidates"][0]["kind"] == "cert_forbidden"


def test_check_file_confirm_and_precedent(demo_db, tmp_path, capsys):
    import json

    notice = tmp_path / "通知.txt"
    notice.write_text(
        "南屏县科协文件\n南科协〔2026〕9号\n南屏县科协关于开展科普大篷车进村巡展的通知\n"
        "请各村腾出场地，组织村民参观科普展品，每场不少于100人。\n南屏县科协\n2026年9月1日\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    args = ["--database", demo_db, "check", "--file", str(notice), "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["notice"]["document_number"] == "南科协〔2026〕9号"
    assert first["notice"]["issued_on"] == "2026-09-01"
    assert first["confidence"] in ("high", "low")
    assert "指标/任务数/摊派" in first["demands"]
    assert first["precedent"] is None
    assert main([*args[:5], "--confirm", "清单外"]) == 0
    assert "已确认并记住" in capsys.readouterr().out
    assert main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["verdict"] == "unlisted"
    assert again["precedent"]["item"] is None


def test_check_names_a_sender_whose_field_is_the_item(demo_db, capsys):
    import json

    text = "县人武部：请各村通知适龄青年按时完成兵役登记，做好征兵宣传。"
    capsys.readouterr()
    assert main(["--database", demo_db, "check", text, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "admitted" and "征兵" in data["candidates"][0]["item"]
    assert data["sender"] == "县人武部"
    assert main(["--database", demo_db, "check", text]) == 0
    assert "发文单位“县人武部”的职责领域与该事项相符" in capsys.readouterr().out
    assert main(["--database", demo_db, "check", "请各村做好征兵宣传。", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sender"] is None


def test_check_needs_text_or_file_and_synonym_needs_confirm(demo_db, capsys):
    assert main(["--database", demo_db, "check"]) == 1
    assert "--file" in capsys.readouterr().err
    assert main(["--database", demo_db, "check", "爱国卫生", "--synonym", "爱卫"]) == 1
    assert "--confirm" in capsys.readouterr().err


def test_check_of_only_punctuation_fails_with_a_message(demo_db, capsys):
    assert main(["--database", demo_db, "check", "，。！？"]) == 1
    assert "标点" in capsys.readouterr().err


def test_lists_export_import_round_trip_and_refusal(demo_db, tmp_path, capsys):
    xlsx = tmp_path / "清单.xlsx"
    assert main(["--database", demo_db, "lists", "export", str(xlsx)]) == 0
    assert main(["--database", demo_db, "lists", "import", str(xlsx), "--edition", "2026年版"]) == 0
    out = capsys.readouterr().out
    assert "共 60 项" in out and "依法履职事项：21 项" in out
    cert = tmp_path / "证明.xlsx"
    assert main(["--database", demo_db, "lists", "export", str(cert), "--list", "certificate"]) == 0
    assert main(["--database", demo_db, "lists", "import", str(cert), "--edition", "证明2026"]) == 0
    assert "共 24 项" in capsys.readouterr().out
    assert main(["--database", demo_db, "lists", "import", str(xlsx), "--edition", "2026年版"]) == 1
    assert "已有同名事项" in capsys.readouterr().err


def test_lists_import_of_a_bad_file_lists_every_problem_and_saves_nothing(
    demo_db, tmp_path, capsys
):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["序号", "事项名称", "类别"])
    ws.append([1, "", "协助办理事项"])
    ws.append([2, "开展宣传", "不存在的类别"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    assert main(["--database", demo_db, "lists", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "未保存任何内容" in err
    assert "第 2 行" in err and "第 3 行" in err
    main(["--database", demo_db, "lists", "show"])
    assert "bad(导入)" not in capsys.readouterr().out


def test_lists_print_writes_a_pdf(demo_db, tmp_path):
    pdf = tmp_path / "公示.pdf"
    assert main(["--database", demo_db, "lists", "print", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("argv", [["check", "--help"], ["--help"], ["certs", "--help"]])
def test_help_columns_line_up_as_the_console_shows_them(argv, capsys):
    """A Chinese metavar (文件, 事项名称) takes two columns a character: the help texts still
    start in one column, and a Chinese heading ends with a Chinese colon."""
    from jianfu.cli import display_width

    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    starts = set()
    for line in out.splitlines():
        # an option's line: its invocation, two spaces or more, its help
        if not line.startswith("  ") or not line.strip().startswith(("-", "文本")):
            continue
        head = line.rstrip()
        stripped = head.lstrip(" ")
        help_text = stripped.partition("  ")[2]
        if not help_text.strip():
            continue  # the help goes on the next line
        starts.add(display_width(head) - display_width(help_text.lstrip(" ")))
    assert len(starts) == 1, out
    assert "选项：" in out and "选项:" not in out
