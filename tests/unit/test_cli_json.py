"""``--json`` on the listing commands: one JSON object, the same rows the text output lists."""

from __future__ import annotations

import json

import pytest

from jianfu.cli import main


@pytest.fixture
def demo_db(cli_demo):
    return str(cli_demo())


def _json(capsys) -> dict:
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "one object on one line"
    return json.loads(out)


def test_cases_list_json_has_the_cases_the_text_lists(demo_db, capsys):
    assert main(["--database", demo_db, "cases", "list"]) == 0
    text_ids = {
        int(line.split()[0]) for line in capsys.readouterr().out.splitlines() if "2026-" in line
    }
    assert main(["--database", demo_db, "cases", "list", "--json"]) == 0
    data = _json(capsys)
    assert {c["id"] for c in data["cases"]} == text_ids and data["total"] == len(text_ids)
    refused = [c for c in data["cases"] if c["status"] == "不予准入"]
    assert refused and all(c["due"] is None and c["deadline"] == "" for c in refused)
    overdue = [c for c in data["cases"] if c["overdue"]]
    assert overdue
    assert all(c["deadline"].startswith("已逾期") and c["days_left"] < 0 for c in overdue)
    assert all(c["serial_number"].startswith("20") and c["title"] for c in data["cases"])


def test_reminders_json_lists_each_reminder_with_its_date(demo_db, capsys):
    assert main(["--database", demo_db, "cases", "reminders"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(" ")]
    assert main(["--database", demo_db, "cases", "reminders", "--json"]) == 0
    found = _json(capsys)["reminders"]
    assert len(found) == len(lines) >= 1
    for r in found:
        assert r["kind"] in ("审批期限", "准入期满")
        assert r["due"][:2] == "20" and r["deadline"]


def test_certs_show_json_masks_the_id_number_as_the_text_does(demo_db, capsys):
    assert main(["--database", demo_db, "certs", "list", "--json", "--limit", "1"]) == 0
    serial = _json(capsys)["requests"][0]["serial"]
    assert main(["--database", demo_db, "certs", "show", serial]) == 0
    text = capsys.readouterr().out
    assert main(["--database", demo_db, "certs", "show", serial, "--json"]) == 0
    data = _json(capsys)
    assert data["serial"] == serial
    assert f"申请人：{data['applicant_name']}" in text
    if data["id_number"]:
        assert "*" in data["id_number"] and f"身份证号：{data['id_number']}" in text
    assert data["request_date"] in text and isinstance(data["sealed"], bool)
    assert all(set(c) == {"item", "kind", "score"} for c in data["candidates"])


def test_certs_show_json_of_an_unknown_request_is_refused_in_chinese(demo_db, capsys):
    assert main(["--database", demo_db, "certs", "show", "1999-9999", "--json"]) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and "1999-9999" in captured.err


def test_lists_show_json_has_the_editions_and_the_items_of_the_one_in_force(demo_db, capsys):
    assert main(["--database", demo_db, "lists", "show"]) == 0
    text = capsys.readouterr().out
    assert main(["--database", demo_db, "lists", "show", "--json"]) == 0
    data = _json(capsys)
    assert data["editions"] and all(e["name"] in text for e in data["editions"])
    assert data["edition"] in text and data["items"]
    assert all(f"{i['name']}" in text for i in data["items"])
    assert {i["kind"] for i in data["items"]} >= {"duty"}
    assert main(["--database", demo_db, "lists", "show", "--json", "--list", "certificate"]) == 0
    certs = _json(capsys)
    assert certs["edition"] != data["edition"]
    assert {i["kind"] for i in certs["items"]}.isdisjoint({"duty"})
