"""``jianfu certs …`` on the demo database: list, show, print, register, figures."""

from __future__ import annotations

import json
import re

import pytest

from jianfu.cli import main

FULL_ID = re.compile(r"\d{17}[\dX]")


@pytest.fixture
def demo_db(cli_demo):
    return str(cli_demo("demo.db"))


def _run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_masked_numbers_only(demo_db, capsys):
    code, out, _ = _run(capsys, "--database", demo_db, "certs", "list")
    assert code == 0
    assert re.search(r"\d{4}\*{10}[\dX]{4}", out)
    assert FULL_ID.search(out) is None
    assert re.search(r"共 \d+ 条", out)
    code, out, _ = _run(
        capsys, "--database", demo_db, "certs", "list", "--outcome", "不予出具", "--limit", "3"
    )
    lines = [line for line in out.splitlines() if line.startswith("20")]
    assert code == 0 and len(lines) == 3 and all("不予出具" in line for line in lines)


def test_list_json_is_one_object_with_masked_numbers(demo_db, capsys):
    import json

    assert main(["--database", demo_db, "certs", "list", "--json", "--limit", "500"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["total"] == len(data["requests"]) > 0
    assert any(r["id_number"] for r in data["requests"])
    assert not FULL_ID.search(out)


def test_unknown_village_is_named_with_the_known_ones(demo_db, capsys):
    code, _, err = _run(capsys, "--database", demo_db, "certs", "list", "--village", "桃源村")
    assert code == 1
    assert "没有名为“桃源村”的村(社区)" in err and "清溪村" in err


def test_show_and_print_by_register_number(demo_db, capsys, tmp_path):
    code, out, _ = _run(capsys, "--database", demo_db, "certs", "list", "--outcome", "出具")
    serial = out.split()[0]
    code, out, _ = _run(capsys, "--database", demo_db, "certs", "show", serial)
    assert code == 0 and f"编号：{serial}" in out and "办理结果：出具" in out
    assert FULL_ID.search(out) is None
    pdf = tmp_path / "证明.pdf"
    code, out, _ = _run(capsys, "--database", demo_db, "certs", "print", serial, str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    assert "的证明" in out


def test_printing_a_pending_request_fails_cleanly(demo_db, capsys, tmp_path):
    _, out, _ = _run(capsys, "--database", demo_db, "certs", "list", "--outcome", "待办理")
    serial = out.split()[0]
    target = tmp_path / "x.pdf"
    code, _, err = _run(capsys, "--database", demo_db, "certs", "print", serial, str(target))
    assert code == 1 and "待办理" in err and not target.exists()
    code, _, err = _run(capsys, "--database", demo_db, "certs", "show", "2026-99")
    assert code == 1 and "没有编号为 2026-99" in err


def test_register_and_figures(demo_db, capsys, tmp_path):
    pdf = tmp_path / "登记簿.pdf"
    code, _, _ = _run(
        capsys, "--database", demo_db, "certs", "register", str(pdf), "--from", "2000-01-01"
    )
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, out, _ = _run(
        capsys, "--database", demo_db, "certs", "figures", "--from", "2000-01-01", "--json"
    )
    data = json.loads(out)
    total = data["villages"][-1]
    assert total["village"] == "合计" and total["requests"] >= 20
    assert total["requests"] == sum(v["requests"] for v in data["villages"][:-1])
    assert data["agencies"][0]["agency"] == "宁川农商银行清溪支行"
    code, _, err = _run(
        capsys,
        "--database",
        demo_db,
        "certs",
        "figures",
        "--from",
        "2026-05-01",
        "--to",
        "2026-04-01",
    )
    assert code == 1 and "早于" in err


def test_check_cert_json_is_unchanged(demo_db, capsys):
    code, out, _ = _run(capsys, "--database", demo_db, "check-cert", "开个单身证明", "--json")
    data = json.loads(out)
    assert code == 0 and data["verdict"] == "forbidden"
    assert data["candidates"][0] == {
        "item": "婚姻状况证明",
        "kind": "cert_forbidden",
        "score": 100.0,
    }


def test_figures_for_a_period_code(demo_db, capsys):
    code, out, _ = _run(
        capsys, "--database", demo_db, "certs", "figures", "--period", "2001Q3", "--json"
    )
    data = json.loads(out)
    assert code == 0 and (data["start"], data["end"]) == ("2001-07-01", "2001-09-30")
    assert data["villages"][-1]["requests"] == 0 and data["agencies"] == []
    code, _, err = _run(capsys, "--database", demo_db, "certs", "figures", "--period", "2026Q9")
    assert code == 1 and "季度只能是 1 到 4" in err


def test_export_writes_a_masked_workbook(demo_db, capsys, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "登记簿.xlsx"
    code, out, _ = _run(
        capsys, "--database", demo_db, "certs", "export", str(path), "--from", "2000-01-01"
    )
    assert code == 0 and "已导出" in out
    rows = list(load_workbook(path).active.values)
    assert rows[2][3] == "身份证号" and len(rows) > 20
    assert FULL_ID.search(repr(rows)) is None
