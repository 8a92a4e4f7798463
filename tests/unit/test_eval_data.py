"""The evaluation set in tests/data/eval holds together: names exist, kinds fit, splits exist."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"

#: Which item kinds may stand behind an expected verdict.
KINDS_FOR = {
    "admitted": {"duty", "assist"},
    "negative": {"negative"},
    "allowed": {"cert_allowed"},
    "forbidden": {"cert_forbidden"},
}


def _lines(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return _lines("items.jsonl")


def test_items_are_complete_and_unique_per_kind(items):
    assert all(i["name"] and i["source"].startswith("http") for i in items)
    assert all(i["list"] == ("cert" if i["kind"].startswith("cert_") else "work") for i in items)
    keys = [(i["kind"], i["name"]) for i in items]
    assert len(keys) == len(set(keys))
    counts = Counter(i["kind"] for i in items)
    assert counts["duty"] >= 30 and counts["assist"] >= 30 and counts["negative"] >= 15
    assert counts["cert_allowed"] >= 10 and counts["cert_forbidden"] >= 20


@pytest.mark.parametrize(
    ("name", "verdicts", "minimum"),
    [
        ("tasks.jsonl", {"admitted", "negative", "unlisted"}, 150),
        ("certs.jsonl", {"allowed", "forbidden", "unlisted"}, 60),
    ],
)
def test_cases_name_items_of_a_fitting_kind(items, name, verdicts, minimum):
    kind_of: dict[str, set[str]] = {}
    for item in items:
        kind_of.setdefault(item["name"], set()).add(item["kind"])
    cases = _lines(name)
    assert len(cases) >= minimum
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["expect"] in verdicts, case["id"]
        assert case["split"] in {"dev", "test"}, case["id"]
        if case["expect"] == "unlisted":
            assert case["item"] is None, case["id"]
            continue
        allowed = KINDS_FOR[case["expect"]]
        assert kind_of.get(case["item"], set()) & allowed, (case["id"], case["item"])
        for other in case.get("also", []):
            assert kind_of.get(other, set()) & allowed, (case["id"], other)
    splits = Counter((c["split"], c["expect"]) for c in cases)
    for verdict in verdicts:
        assert splits["dev", verdict] and splits["test", verdict], verdict
    share = Counter(c["expect"] for c in cases)
    assert share["unlisted"] >= len(cases) / 4


def test_cases_do_not_copy_an_item(items):
    """A notice never contains a whole item name longer than ten characters."""
    long_names = [i["name"] for i in items if len(i["name"]) > 10]
    for name in ("tasks.jsonl", "certs.jsonl"):
        for case in _lines(name):
            copied = [n for n in long_names if n in case["text"]]
            assert not copied, (case["id"], copied)
