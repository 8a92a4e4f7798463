"""The held-out edition (tests/data/eval_holdout) imports through the app as a county's workbook.

Only the import is checked here: the held-out cases are never run through the check by a test
(they are measured once, see tests/data/eval_holdout/README.md).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from jianfu.domain.lists import EditionStatus
from jianfu.services.lists import ListsService

HOLDOUT = Path(__file__).resolve().parents[1] / "data" / "eval_holdout"


def _items() -> list[dict]:
    lines = (HOLDOUT / "items.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def test_the_holdout_workbook_imports_with_every_item_of_its_kind(ctx):
    lists = ListsService(ctx)
    items = _items()
    preview = lists.preview_import(HOLDOUT / "county_lists.xlsx")
    assert preview.ok, preview.problems
    assert preview.by_kind == dict(Counter(i["kind"] for i in items))
    assert preview.by_kind == {
        "duty": 21,
        "assist": 21,
        "negative": 14,
        "cert_allowed": 1,
        "cert_forbidden": 18,
    }
    assert preview.document_number == "丰委办发〔2026〕3号"
    editions = lists.commit_import(preview, activate=True)
    assert [e.document for e in editions] == ["work", "certificate"]
    assert all(e.status is EditionStatus.IN_FORCE for e in editions)
    saved = [i for e in editions for i in lists.all_items(e.id)]
    assert sorted((i.kind, i.name) for i in saved) == sorted((i["kind"], i["name"]) for i in items)
    assert all(not i.content for i in saved)


def test_the_holdout_cases_name_items_of_the_edition():
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
