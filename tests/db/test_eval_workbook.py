"""The evaluation edition (tests/data/eval) imports through the app as a county's workbook."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from jianfu.domain.lexicon import app_lexicon
from jianfu.domain.lists import SEED_KINDS, EditionStatus, ListItem
from jianfu.domain.matching import Matcher
from jianfu.services.lists import ListsService

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"


def _items() -> list[dict]:
    lines = (EVAL / "items.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def test_the_eval_workbook_imports_with_every_item_of_its_kind(ctx):
    lists = ListsService(ctx)
    items = _items()
    preview = lists.preview_import(EVAL / "county_lists.xlsx")
    assert preview.ok, preview.problems
    assert preview.by_kind == dict(Counter(i["kind"] for i in items))
    assert preview.by_kind == {
        "duty": 33,
        "assist": 37,
        "negative": 17,
        "cert_allowed": 11,
        "cert_forbidden": 33,
    }
    assert preview.document_number == "云委办发〔2026〕9号"
    editions = lists.commit_import(preview, activate=True)
    assert [e.document for e in editions] == ["work", "certificate"]
    assert all(e.status is EditionStatus.IN_FORCE for e in editions)
    saved = [i for e in editions for i in lists.all_items(e.id)]
    assert {(i.kind, i.name) for i in saved} == {(i["kind"], i["name"]) for i in items}
    assert all(not i.content for i in saved)


def test_the_imported_edition_checks_like_the_edition_in_the_files(ctx):
    """What the clerk's database holds after the import decides exactly as items.jsonl does."""
    lists = ListsService(ctx)
    lists.commit_import(lists.preview_import(EVAL / "county_lists.xlsx"), activate=True)
    direct = Matcher(
        [ListItem(kind=i["kind"], name=i["name"], number=i["number"]) for i in _items()],
        SEED_KINDS,
        lexicon=app_lexicon(),  # (the learned table the app's matcher reads, if any)
    )
    for name, via_app, via_files in (
        ("tasks.jsonl", lists.check_task, direct.check),
        ("certs.jsonl", lists.check_certificate, direct.check_certificate),
    ):
        lines = (EVAL / name).read_text("utf-8").splitlines()
        for case in [json.loads(line) for line in lines if line][:25]:
            got, want = via_app(case["text"]), via_files(case["text"])
            assert got.verdict == want.verdict, case["id"]
            assert [c.item.name for c in got.candidates[:3]] == [
                c.item.name for c in want.candidates[:3]
            ], case["id"]
