"""``jianfu burdens import|export|print|counts``: all or nothing, problems by row."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.cli import main


@pytest.fixture
def db(cli_demo):
    return str(cli_demo("town.db"))


def counts_of(db, capsys) -> dict[str, list[str]]:
    assert main(["--database", db, "burdens", "counts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return {line.split("\t")[0]: line.split("\t")[1:] for line in lines[2:]}


def test_export_a_village_then_print_and_count(db, tmp_path, capsys):
    out = tmp_path / "清溪村.xlsx"
    assert main(["--database", db, "burdens", "export", str(out), "--village", "清溪村"]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert {r[1] for r in ws.iter_rows(min_row=3, values_only=True)} == {"清溪村"}

    pdf = tmp_path / "台账.pdf"
    assert main(["--database", db, "burdens", "print", str(pdf), "--from", "2020-01-01"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    table = counts_of(db, capsys)
    assert "合计" in table and len(table["清溪村"]) == 4
    before, cleaned, now = map(int, table["合计"][0].split("/"))
    assert before == cleaned + now > 0


def test_unknown_village_is_an_error(db, tmp_path, capsys):
    assert (
        main(
            ["--database", db, "burdens", "export", str(tmp_path / "x.xlsx"), "--village", "无名村"]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("错误：没有名为“无名村”的村(社区)。现有：清溪村、")


def test_import_is_all_or_nothing_with_problems_by_row(db, tmp_path, capsys):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["村(社区)", "类别", "名称", "清理方式", "清理日期"])
    ws.append(["清溪村", "报表", "好的新报表", "", None])
    ws.append(["清溪村", "报表", "将来清理的报表", "撤并", tomorrow])
    ws.append(["清溪村", "报表", "好的新报表", "", None])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    before = counts_of(db, capsys)["合计"]
    assert main(["--database", db, "burdens", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "导入失败，未保存任何内容。bad.xlsx 中有 2 个问题" in err
    assert "工作表“台账”第 3 行 E 列（清理日期）：清理日期" in err
    assert "工作表“台账”第 4 行 C 列（名称）：与工作表“台账”第 2 行重复" in err
    assert counts_of(db, capsys)["合计"] == before

    ws.delete_rows(3, 2)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert main(["--database", db, "burdens", "import", str(good)]) == 0
    assert "已导入 1 项" in capsys.readouterr().out
    after = counts_of(db, capsys)["合计"]
    assert int(after[1].split("/")[0]) == int(before[1].split("/")[0]) + 1


def test_a_bad_date_option_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--database", db, "burdens", "counts", "--from", "上个月"])
    assert info.value.code == 2
    assert "日期“上个月”不是有效日期，应写成 2026-07-01" in capsys.readouterr().err


def test_counts_json_has_the_same_figures_as_the_table(db, capsys):
    table = counts_of(db, capsys)
    assert main(["--database", db, "burdens", "counts", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    codes = [t["code"] for t in data["types"]]
    for v in [*data["villages"], data["total"]]:
        cells = [
            f"{v['counts'][c]['before']}/{v['counts'][c]['cleaned']}/{v['counts'][c]['now']}"
            for c in codes
        ]
        assert table[v["unit"]] == cells
    assert len(data["villages"]) == len(table) - 1 and data["from"] <= data["to"]


def test_a_date_option_takes_the_forms_a_clerk_writes(db, capsys):
    # The same period typed four ways gives the same counts as the ISO form.
    assert main(["--database", db, "burdens", "counts", "--from", "2026-01-01", "--json"]) == 0
    iso = capsys.readouterr().out
    for typed in ("2026年1月1日", "2026/1/1", "2026.1.1", "20260101"):
        assert main(["--database", db, "burdens", "counts", "--from", typed, "--json"]) == 0
        assert capsys.readouterr().out == iso
