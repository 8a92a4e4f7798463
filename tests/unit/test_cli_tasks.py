"""``jianfu tasks list``, ``jianfu cases list|print|reminders`` on the demo database."""

from __future__ import annotations

import pytest

from jianfu.cli import main


@pytest.fixture
def demo_db(cli_demo):
    return str(cli_demo("demo.db"))


def test_tasks_list_shows_findings_and_cases(demo_db, capsys):
    assert main(["--database", demo_db, "tasks", "list"]) == 0
    out = capsys.readouterr().out
    assert "共 7 条事项" in out
    assert "[清单内]" in out and "[负面]" in out and "[清单外]" in out
    assert main(["--database", demo_db, "tasks", "list", "--decision", "负面"]) == 0
    out = capsys.readouterr().out
    assert "[清单内]" not in out and "[负面]" in out


def test_tasks_list_names_each_case_by_its_serial_number(demo_db, capsys):
    """A task's case by its 编号 (2026-004) and the number the cases commands take, as
    cases advance and decide say it: it was 准入审批 #16, a number on no screen or print."""
    import json
    import re

    assert main(["--database", demo_db, "cases", "list", "--json"]) == 0
    serials = {c["id"]: c["serial_number"] for c in json.loads(capsys.readouterr().out)["cases"]}
    assert main(["--database", demo_db, "tasks", "list"]) == 0
    out = capsys.readouterr().out
    assert "准入审批 #" not in out
    named = re.findall(r"\[准入审批 (\S+)（(\d+)） ", out)
    assert named and len(named) == len(serials)
    assert {int(case_id): serial for serial, case_id in named} == serials
    assert main(["--database", demo_db, "tasks", "list", "--json"]) == 0
    tasks = json.loads(capsys.readouterr().out)["tasks"]
    with_case = [t for t in tasks if t["case_id"]]
    assert {t["case_id"]: t["case_serial_number"] for t in with_case} == serials


def test_tasks_list_json_is_one_object_with_the_same_rows(demo_db, capsys):
    import json

    assert main(["--database", demo_db, "tasks", "list", "--json", "--decision", "负面"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == len(data["tasks"]) >= 1
    assert {t["decision"] for t in data["tasks"]} == {"负面"}
    assert all(t["title"] and t["received_on"][:2] == "20" for t in data["tasks"])


def test_cases_print_each_document(demo_db, tmp_path, capsys):
    assert main(["--database", demo_db, "cases", "list"]) == 0
    out = capsys.readouterr().out
    assert "2026-" in out and "[不予准入]" in out and "已逾期" in out
    refused = next(line.split()[0] for line in out.splitlines() if "[不予准入]" in line)
    for what in ("sheet", "refusal", "history"):
        pdf = tmp_path / f"{what}.pdf"
        args = ["--database", demo_db, "cases", "print", refused, str(pdf), "--what", what]
        assert main(args) == 0
        assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--database", demo_db, "cases", "reminders"]) == 0
    assert "已逾期" in capsys.readouterr().out


def test_cases_print_bad_input(demo_db, tmp_path, capsys):
    assert main(["--database", demo_db, "cases", "print", "999", str(tmp_path / "x.pdf")]) == 1
    assert "找不到编号为 999" in capsys.readouterr().err
    # a refusal letter for a case that was not refused
    assert main(["--database", demo_db, "cases", "list"]) == 0
    approved = next(
        line.split()[0] for line in capsys.readouterr().out.splitlines() if "[批准准入]" in line
    )
    pdf = tmp_path / "r.pdf"
    args = ["--database", demo_db, "cases", "print", approved, str(pdf), "--what", "refusal"]
    assert main(args) == 1
    assert "只有“不予准入”的案件" in capsys.readouterr().err
    assert not pdf.exists()


def test_cases_print_takes_the_number_on_the_approval_sheet(demo_db, tmp_path, capsys):
    """The clerk reads 编号 2026-002 on the screen and the 审批表, not the database's id."""
    assert main(["--database", demo_db, "cases", "list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "[不予准入]" in line)
    serial = line.split()[1]
    assert serial.startswith("2026-")
    pdf = tmp_path / "sheet.pdf"
    assert main(["--database", demo_db, "cases", "print", serial, str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--database", demo_db, "cases", "print", "2026-999", str(pdf)]) == 1
    assert "找不到编号为 2026-999" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--database", demo_db, "cases", "print", "第二件", str(pdf)])
    assert "如 2026-004" in capsys.readouterr().err


def test_cases_list_and_advance_say_a_case_with_its_township_opinion_waits_to_go_up(
    demo_db, capsys
):
    """提交乡镇意见 and 报县级审核 are two steps: between them the case said [乡镇意见], and
    advance said 已报送：现为“乡镇意见”, as if the opinion were missing and the case sent."""
    from jianfu.domain.cases import CaseAction, CaseStatus
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    assert main(["--database", demo_db, "cases", "list"]) == 0
    out = capsys.readouterr().out
    waiting = next(line for line in out.splitlines() if "[待报县级审核]" in line)
    assert "[乡镇意见]" not in out and "[乡镇(街道)意见]" not in out
    # returned and received again, it waits for the township's opinion once more
    ctx = open_app(demo_db)
    try:
        cases = Services.create(ctx).cases
        case_id = int(waiting.split()[0])
        case = cases.advance(
            case_id, CaseAction.RETURN_FOR_CORRECTION, cases.get(case_id).version, comment="补材料"
        )
        case = cases.advance(case_id, CaseAction.RESUBMIT, case.version)
        assert case.status is CaseStatus.RECEIVED
    finally:
        ctx.database.close()
    serial = waiting.split()[1]
    assert main(["--database", demo_db, "cases", "advance", serial, "--opinion", "同意"]) == 0
    said = capsys.readouterr().out.strip()
    assert said == f"案件 {serial}（{case_id}） 已提交乡镇(街道)意见：现为“待报县级审核”"
    assert main(["--database", demo_db, "cases", "advance", serial, "--opinion", "请审核"]) == 0
    said = capsys.readouterr().out.strip()
    assert said == f"案件 {serial}（{case_id}） 已报送：现为“县级审核”"
