"""``jianfu calendar import|show|after`` and the estimate notes of ``cases list|reminders``."""

from __future__ import annotations

import json
from pathlib import Path

from jianfu.cli import main

NOTICES = Path(__file__).parents[1] / "data" / "holiday_notices"


def test_show_import_after(tmp_path, capsys):
    db = str(tmp_path / "cal.db")
    assert main(["--database", db, "calendar", "show", "2026", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == {"year", "source", "holidays", "workdays"}
    assert shown["source"] == "package" and "2026-02-16" in shown["holidays"]
    assert shown["workdays"] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"
    ]  # fmt: skip
    assert main(["--database", db, "calendar", "show", "2027", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "year": 2027, "source": "estimated",
        "holidays": [
            "2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09",
            "2027-09-15", "2027-10-01",
        ],
        "workdays": [],
    }  # fmt: skip
    assert main(["--database", db, "calendar", "after", "2027-01-20", "15"]) == 0
    out = capsys.readouterr().out
    # estimated: 除夕 (5 Feb, a Friday) and 初三 (8 Feb, a Monday) off, 调休 unknown
    assert out.startswith("2027-02-12\n") and "尚未收录" in out

    # a made-up 2027 schedule (test fixture; no 2027 notice had been published)
    fixture = NOTICES / "test_2027_schedule.txt"
    assert main(["--database", db, "calendar", "import", str(fixture)]) == 0
    assert "已导入 2027 年" in capsys.readouterr().out
    assert main(["--database", db, "calendar", "after", "2027-01-20", "15"]) == 0
    assert capsys.readouterr().out == "2027-02-17\n"
    assert main(["--database", db, "calendar", "show", "2027", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"] == "imported" and "2027-02-08" in shown["holidays"]
    assert shown["workdays"] == [
        "2027-02-14", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09"
    ]  # fmt: skip


def test_a_bad_file_is_refused_naming_the_line(tmp_path, capsys):
    db = str(tmp_path / "cal.db")
    bad = tmp_path / "通知.txt"
    bad.write_text(
        "关于2027年部分节假日安排的通知\n\n二、春节：2月5日至12日过年。\n", encoding="utf-8"
    )
    assert main(["--database", db, "calendar", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "第 3 行" in err and "看不懂" in err
    assert main(["--database", db, "calendar", "show", "2027", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "estimated"
