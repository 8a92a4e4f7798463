"""The second held-out edition (tests/data/eval_holdout2) imports through the app as a workbook.

Only the import is checked here: the held-out cases are never run through the check by a test
(they are measured once, see tests/data/eval_holdout2/README.md).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from jianfu.domain.lists import EditionStatus
from jianfu.services.lists import ListsService

HOLDOUT = Path(__file__).resolve().parents[1] / "data" / "eval_holdout2"


def _items() -> list[dict]:
    lines = (HOLDOUT / "items.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def test_the_second_holdout_workbook_imports_with_every_item_of_its_kind(ctx):
    lists = ListsService(ctx)
    items = _items()
    preview = lists.preview_import(HOLDOUT / "county_lists.xlsx")
    assert preview.ok, preview.problems
    assert preview.by_kind == dict(Counter(i["kind"] for i in items))
    assert preview.by_kind == {
        "duty": 15,
        "assist": 12,
        "negative": 6,
        "cert_allowed": 2,
        "cert_forbidden": 13,
    }
    assert preview.document_number == "云委办发〔2026〕5号"
    editions = lists.commit_import(preview, activate=True)
    assert [e.document for e in editions] == ["work", "certificate"]
    assert all(e.status is EditionStatus.IN_FORCE for e in editions)
    saved = [i for e in editions for i in lists.all_items(e.id)]
    assert sorted((i.kind, i.name) for i in saved) == sorted((i["kind"], i["name"]) for i in items)
    assert all(not i.content for i in saved)


def test_the_second_holdout_cases_name_items_of_the_edition():
    """Every labelled item and alternative is an item of the edition, of the verdict's kinds."""
    kind_of = {i["name"]: i["kind"] for i in _items()}
    allowed = {
        "admitted": {"duty", "assist"},
        "negative": {"negative"},
        "allowed": {"cert_allowed"},
        "forbidden": {"cert_forbidden"},
    }
    for name in ("tasks.jsonl", "certs.jsonl"):
        lines = (HOLDOUT / name).read_text("utf-8").splitlines()
        cases = [json.loads(line) for line in lines if line]
        assert len({c["id"] for c in cases}) == len(cases)
        for case in cases:
            if case["expect"] == "unlisted":
                assert case["item"] is None and not case["also"], case["id"]
                continue
            for item in (case["item"], *case["also"]):
                assert kind_of[item] in allowed[case["expect"]], case["id"]


def test_the_second_holdout_shares_no_item_or_case_with_the_other_sets():
    """Item names and case texts are new: none is also in tests/data/eval or eval_holdout."""
    data = HOLDOUT.parent

    def names(folder: str) -> set[str]:
        lines = (data / folder / "items.jsonl").read_text("utf-8").splitlines()
        return {json.loads(line)["name"] for line in lines if line}

    def texts(folder: str) -> set[str]:
        out = set()
        for name in ("tasks.jsonl", "certs.jsonl"):
            lines = (data / folder / name).read_text("utf-8").splitlines()
            out |= {json.loads(line)["text"] for line in lines if line}
        return out

    for other in ("eval", "eval_holdout"):
        assert not names("eval_holdout2") & names(other), other
        assert not texts("eval_holdout2") & texts(other), other
