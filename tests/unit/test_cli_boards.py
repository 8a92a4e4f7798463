"""``jianfu boards import|export|print|closeout``."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook, load_workbook

from jianfu.cli import main

REQUIRED_COLUMNS = (
    "村(社区)",
    "牌子名称",
    "类别",
    "位置",
    "要求挂牌部门",
    "处置",
    "处置日期",
    "状态",
)


def test_export_has_the_required_columns(tmp_path, capsys, cli_demo):
    db = str(cli_demo("town.db"))
    capsys.readouterr()
    target = tmp_path / "牌子.xlsx"
    assert main(["--database", db, "boards", "export", str(target)]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = load_workbook(target, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    for column in REQUIRED_COLUMNS:
        assert column in header
    assert len(rows) > 100
    village = header.index("村(社区)")
    assert rows[2][village]


def test_export_one_village_and_unknown_village(tmp_path, capsys, cli_demo):
    db = str(cli_demo("town.db"))
    capsys.readouterr()
    target = tmp_path / "一村.xlsx"
    assert main(["--database", db, "boards", "export", str(target), "--village", "清溪村"]) == 0
    ws = load_workbook(target, read_only=True).active
    villages = {r[0] for r in list(ws.iter_rows(values_only=True))[2:]}
    assert villages == {"清溪村"}
    assert main(["--database", db, "boards", "export", str(target), "--village", "火星村"]) == 1
    assert "没有名为“火星村”的村(社区)" in capsys.readouterr().err


def test_import_everything_or_nothing(tmp_path, capsys, cli_demo):
    db = str(cli_demo("town.db"))
    capsys.readouterr()
    wb = Workbook()
    ws = wb.active
    ws.append(list(REQUIRED_COLUMNS))
    ws.append(["清溪村", "清溪村消防工作站", "方牌", "外部", "县消防救援大队", "", "", ""])
    ws.append(["清溪村", "清溪村消防工作站", "方牌", "外部", "", "", "", ""])
    ws.append(["", "无村牌子", "方牌", "外部", "", "", "", ""])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    assert main(["--database", db, "boards", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "导入失败，未保存任何内容" in err
    assert "第 3 行" in err and "与第 2 行重复" in err
    assert "第 4 行" in err and "村(社区)为空" in err

    wb = Workbook()
    ws = wb.active
    ws.append(list(REQUIRED_COLUMNS))
    ws.append(
        ["清溪村", "清溪村消防工作站", "方牌", "外部", "县消防救援大队", "摘除", "2025-03-01", ""]
    )
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert main(["--database", db, "boards", "import", str(good)]) == 0
    assert "已导入 1 条" in capsys.readouterr().out
    assert main(["--database", db, "boards", "import", str(good)]) == 1
    assert "台账中已登记" in capsys.readouterr().err


def test_print_and_closeout(tmp_path, capsys, cli_demo):
    db = str(cli_demo("town.db"))
    capsys.readouterr()
    pdf = tmp_path / "台账.pdf"
    assert main(["--database", db, "boards", "print", str(pdf), "--village", "清溪村"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    today = dt.date.today()
    closeout = tmp_path / "销号.pdf"
    args = ["boards", "closeout", str(closeout), "--from", f"{today.year - 1}-01-01"]
    assert main(["--database", db, *args, "--to", today.isoformat()]) == 0
    assert closeout.read_bytes().startswith(b"%PDF")
