"""The seventh held-out set (tests/data/eval_holdout7) loads into the figures script.

It is sealed until its one measure (see its README.md): these tests only count it and check its
form. They run no check on its cases and print none of them (a failure names a case id, never a
text).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf

DATA = Path(__file__).resolve().parents[1] / "data"
SET = DATA / "eval_holdout7"
EARLIER = (
    "eval",
    "eval_holdout",
    "eval_holdout2",
    "eval_holdout3",
    "eval_holdout4",
    "eval_holdout5",
    "eval_holdout6",
)
ITEM_KEYS = {
    "list",
    "kind",
    "number",
    "section",
    "name",
    "content",
    "basis",
    "department",
    "source",
}
CASE_KEYS = {"id", "text", "expect", "item", "also", "split", "note"}
#: the kinds an item cited for each verdict may be
KINDS_FOR = {
    "admitted": {"duty", "assist"},
    "negative": {"negative"},
    "allowed": {"cert_allowed"},
    "forbidden": {"cert_forbidden"},
}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_the_seventh_holdout_set_loads_as_one_split_with_its_counts():
    assert mf.counts_for("eval_holdout7") == {
        "items": {
            "duty": 6,
            "assist": 9,
            "negative": 5,
            "cert_allowed": 5,
            "cert_forbidden": 4,
        },
        "tasks": {"admitted": 48, "negative": 30, "unlisted": 34},
        "certs": {"allowed": 16, "forbidden": 13, "unlisted": 16},
    }


def test_the_seventh_holdout_set_is_spent_and_runs_only_when_named():
    assert "eval_holdout7" not in mf.SETS
    assert "eval_holdout7" in mf.HELD_OUT
    assert "eval_holdout7" in mf.SPENT and "eval_holdout7" not in mf.SEALED
    assert "eval_holdout7" not in mf.NO_MISSES


def test_count_only_runs_no_check(monkeypatch, capsys):
    def no_check(*args, **kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", "eval_holdout7", "--count-only"])
    out = capsys.readouterr().out
    assert "eval_holdout7: counts only" in out
    assert "tasks  112" in out and "certs   45" in out


def test_items_and_cases_have_the_formats_of_the_evaluation_set():
    items = _jsonl(SET / "items.jsonl")
    assert all(set(i) == ITEM_KEYS for i in items)
    assert all(i["source"].startswith("http") for i in items)
    assert all(not i["content"] for i in items)
    for kind in KINDS_FOR.values():
        for k in kind:
            numbers = [int(i["number"]) for i in items if i["kind"] == k]
            assert numbers == list(range(1, len(numbers) + 1)), k
    assert len({i["name"] for i in items}) == len(items)
    for part, prefix in (("tasks.jsonl", "h7t"), ("certs.jsonl", "h7c")):
        cases = _jsonl(SET / part)
        assert all(set(c) == CASE_KEYS for c in cases)
        assert [c["id"] for c in cases] == [f"{prefix}{n:03d}" for n in range(1, len(cases) + 1)]
        assert all(c["split"] == "holdout" and c["note"] for c in cases)
        assert len({c["text"] for c in cases}) == len(cases)


def test_labels_name_items_of_the_edition_of_the_verdicts_kind():
    kind_of = {i["name"]: i["kind"] for i in _jsonl(SET / "items.jsonl")}
    for part, verdicts in (
        ("tasks.jsonl", {"admitted", "negative", "unlisted"}),
        ("certs.jsonl", {"allowed", "forbidden", "unlisted"}),
    ):
        for case in _jsonl(SET / part):
            assert case["expect"] in verdicts, case["id"]
            if case["expect"] == "unlisted":
                assert case["item"] is None and case["also"] == [], case["id"]
                continue
            assert case["item"] not in case["also"], case["id"]
            for name in (case["item"], *case["also"]):
                assert kind_of.get(name) in KINDS_FOR[case["expect"]], case["id"]


def test_about_a_third_of_each_part_is_unlisted():
    for part in ("tasks.jsonl", "certs.jsonl"):
        counts = Counter(c["expect"] for c in _jsonl(SET / part))
        share = counts["unlisted"] / sum(counts.values())
        assert 0.28 <= share <= 0.40, (part, share)


def test_no_item_name_or_case_text_is_shared_with_an_earlier_set():
    names = {i["name"] for i in _jsonl(SET / "items.jsonl")}
    texts = {c["text"] for p in ("tasks.jsonl", "certs.jsonl") for c in _jsonl(SET / p)}
    for folder in EARLIER:
        assert not names & {i["name"] for i in _jsonl(DATA / folder / "items.jsonl")}, folder
        earlier = {
            c["text"] for p in ("tasks.jsonl", "certs.jsonl") for c in _jsonl(DATA / folder / p)
        }
        shared = len(texts & earlier)  # a count, so that a failure prints no case
        assert shared == 0, folder


def test_no_source_of_an_earlier_set_is_used_again():
    ours = {i["source"] for i in _jsonl(SET / "items.jsonl")}
    for folder in EARLIER:
        assert not ours & {i["source"] for i in _jsonl(DATA / folder / "items.jsonl")}, folder


def test_no_case_copies_eight_characters_of_an_item():
    names = {i["name"] for i in _jsonl(SET / "items.jsonl")}
    pieces = {n[k : k + 8] for n in names for k in range(len(n) - 7)} | names
    for part in ("tasks.jsonl", "certs.jsonl"):
        for case in _jsonl(SET / part):
            assert not [p for p in pieces if p in case["text"]], case["id"]
