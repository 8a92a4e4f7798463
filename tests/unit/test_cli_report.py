"""``jianfu report``: periods, ranges, PDF and Excel files, bad input."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jianfu.cli import main


@pytest.fixture
def demo_db(cli_demo):
    return str(cli_demo("town.db"))


def test_report_writes_pdf_and_xlsx(demo_db, tmp_path, capsys):
    pdf, xlsx = tmp_path / "q3.pdf", tmp_path / "q3.xlsx"
    code = main(
        [
            "--database",
            demo_db,
            "report",
            "--period",
            "2026Q3",
            "--out",
            str(pdf),
            "--xlsx",
            str(xlsx),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "2026年第三季度村(社区)减负工作情况统计表" in out
    assert "统计时段：2026年第三季度（2026年7月1日至9月30日）" in out
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "合计" in text
    ws = load_workbook(xlsx)["统计表"]
    assert ws["A4"].value == "序号" and ws["C4"].value == "工作事项"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "2026M13"], "月份只能是 01 到 12"),
        (["--from", "2026-09-30", "--to", "2026-07-01"], "结束日期（2026年7月1日）早于开始日期"),
        (["--from", "2026-07-01"], "同时给出 --from 开始日期 和 --to 结束日期"),
        (["--period", "2026Q3", "--from", "2026-07-01", "--to", "2026-07-02"], "只能选一种"),
        (["--period", "2026Q3"], "请用 --out 指定 PDF 文件"),
    ],
)
def test_bad_periods_are_refused_in_chinese(demo_db, tmp_path, capsys, argv, message):
    out = [] if argv == ["--period", "2026Q3"] else ["--out", str(tmp_path / "r.pdf")]
    assert main(["--database", demo_db, "report", *argv, *out]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_wrong_suffix_or_missing_folder(demo_db, tmp_path, capsys):
    assert main(["--database", demo_db, "report", "--out", str(tmp_path / "r.xlsx")]) == 1
    assert "--out 的文件名应以 .pdf 结尾" in capsys.readouterr().err
    missing = tmp_path / "nope" / "r.pdf"
    assert main(["--database", demo_db, "report", "--out", str(missing)]) == 1
    assert "文件夹不存在" in capsys.readouterr().err


def test_a_range_with_summary(demo_db, tmp_path, capsys):
    pdf = tmp_path / "old.pdf"
    code = main(
        [
            "--database",
            demo_db,
            "report",
            "--from",
            "2001-01-01",
            "--to",
            "2001/3/31",
            "--out",
            str(pdf),
            "--summary",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and pdf.exists()
    assert "2001年第一季度" in out  # a range that is a quarter reads as one
    # No task, case, board or certificate then; the burden ledger has no start dates, so
    # what is not cleaned up yet counts in every earlier period too.
    # and 2000's last quarter, before the ledgers' first records, is no period to compare with
    assert "工作事项·清单内：0（上期无记录）" in out
    assert "证明·出具：0（上期无记录）" in out
