"""The held-out editions (tests/data/eval_holdout, eval_holdout2 …: every set of the figures
script's ``HELD_OUT``) import through the app as a county's workbook.

Only the import is checked here: the held-out cases are never run through the check by a test
(each set is measured once, see its README.md).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from jianfu.domain.lists import EditionStatus
from jianfu.services.lists import ListsService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf

DATA = Path(__file__).resolve().parents[1] / "data"

#: set -> (items per kind, the workbook's 文号)
SETS = {
    "eval_holdout": (
        {"duty": 21, "assist": 21, "negative": 14, "cert_allowed": 1, "cert_forbidden": 18},
        "丰委办发〔2026〕3号",
    ),
    "eval_holdout2": (
        {"duty": 15, "assist": 12, "negative": 6, "cert_allowed": 2, "cert_forbidden": 13},
        "云委办发〔2026〕5号",
    ),
    "eval_holdout3": (
        {"duty": 7, "assist": 11, "negative": 7, "cert_allowed": 9, "cert_forbidden": 11},
        "桐委办发〔2026〕7号",
    ),
    "eval_holdout4": (
        {"duty": 10, "assist": 9, "negative": 6, "cert_allowed": 6, "cert_forbidden": 7},
        "澄委办发〔2026〕9号",
    ),
    "eval_holdout5": (
        {"duty": 7, "assist": 10, "negative": 13, "cert_allowed": 6, "cert_forbidden": 3},
        "汀委办发〔2026〕11号",
    ),
    "eval_holdout6": (
        {"duty": 4, "assist": 9, "negative": 6, "cert_allowed": 8, "cert_forbidden": 16},
        "槐委办发〔2026〕13号",
    ),
    "eval_holdout7": (
        {"duty": 6, "assist": 9, "negative": 5, "cert_allowed": 5, "cert_forbidden": 4},
        "枫委办发〔2026〕15号",
    ),
    "eval_holdout8": (
        {"duty": 9, "assist": 9, "negative": 5, "cert_allowed": 2, "cert_forbidden": 8},
        "棠委办发〔2026〕17号",
    ),
    "eval_holdout9": (
        {"duty": 8, "assist": 6, "negative": 3, "cert_allowed": 2, "cert_forbidden": 7},
        "榆委办发〔2026〕19号",
    ),
    "eval_holdout10": (
        {"duty": 5, "assist": 4, "negative": 8, "cert_allowed": 5, "cert_forbidden": 9},
        "柘委办发〔2026〕21号",
    ),
    "eval_holdout11": (
        {"duty": 6, "assist": 2, "negative": 12, "cert_allowed": 5, "cert_forbidden": 5},
        "苎委办发〔2026〕30号",
    ),
    "eval_holdout12": (
        {"duty": 8, "assist": 10, "negative": 8, "cert_allowed": 4, "cert_forbidden": 7},
        "蓼委办发〔2026〕32号",
    ),
    "eval_holdout13": (
        {"duty": 9, "assist": 8, "negative": 12, "cert_allowed": 3, "cert_forbidden": 8},
        "蒿委办发〔2026〕34号",
    ),
    "eval_holdout14": (
        {"duty": 9, "assist": 9, "negative": 12, "cert_allowed": 2, "cert_forbidden": 9},
        "荇委办发〔2026〕36号",
    ),
    "eval_holdout15": (
        {"duty": 9, "assist": 9, "negative": 12, "cert_allowed": 3, "cert_forbidden": 7},
        "蘅委办发〔2026〕38号",
    ),
    "eval_holdout16": (
        {"duty": 10, "assist": 9, "negative": 12, "cert_allowed": 3, "cert_forbidden": 5},
        "芩委办发〔2026〕40号",
    ),
    "eval_holdout17": (
        {"duty": 8, "assist": 10, "negative": 14, "cert_allowed": 2, "cert_forbidden": 6},
        "荻委办发〔2026〕42号",
    ),
    "eval_holdout18": (
        {"duty": 12, "assist": 9, "negative": 12, "cert_allowed": 3, "cert_forbidden": 3},
        "蕤委办发〔2026〕44号",
    ),
    "eval_holdout19": (
        {"duty": 9, "assist": 8, "negative": 15, "cert_allowed": 3, "cert_forbidden": 4},
        "菖委办发〔2026〕44号",
    ),
    "eval_holdout20": (
        {"duty": 10, "assist": 7, "negative": 16, "cert_allowed": 2, "cert_forbidden": 4},
        "芷委办发〔2026〕46号",
    ),
    "eval_holdout21": (
        {"duty": 9, "assist": 7, "negative": 15, "cert_allowed": 2, "cert_forbidden": 5},
        "蔺委办发〔2026〕48号",
    ),
    "eval_holdout22": (
        {"duty": 8, "assist": 8, "negative": 15, "cert_allowed": 2, "cert_forbidden": 5},
        "蓍委办发〔2026〕50号",
    ),
    "eval_holdout23": (
        {"duty": 7, "assist": 10, "negative": 14, "cert_allowed": 2, "cert_forbidden": 5},
        "茭委办发〔2026〕52号",
    ),
    "eval_holdout24": (
        {"duty": 6, "assist": 8, "negative": 14, "cert_allowed": 2, "cert_forbidden": 5},
        "蕖委办发〔2026〕54号",
    ),
    "eval_holdout25": (
        {"duty": 7, "assist": 8, "negative": 11, "cert_allowed": 3, "cert_forbidden": 6},
        "莼委办发〔2026〕56号",
    ),
    "eval_holdout26": (
        {"duty": 7, "assist": 8, "negative": 11, "cert_allowed": 3, "cert_forbidden": 5},
        "荇委办发〔2026〕58号",
    ),
    "eval_holdout27": (
        {"duty": 10, "assist": 8, "negative": 9, "cert_allowed": 3, "cert_forbidden": 3},
        "蕙委办发〔2026〕61号",
    ),
    "eval_holdout28": (
        {"duty": 10, "assist": 8, "negative": 6, "cert_allowed": 3, "cert_forbidden": 3},
        "茆委办发〔2026〕64号",
    ),
    "eval_holdout29": (
        {"duty": 7, "assist": 7, "negative": 8, "cert_allowed": 3, "cert_forbidden": 3},
        "菱委办发〔2026〕67号",
    ),
    "eval_holdout30": (
        {"duty": 10, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 3},
        "苇委办发〔2026〕71号",
    ),
    "eval_holdout31": (
        {"duty": 7, "assist": 7, "negative": 8, "cert_allowed": 4, "cert_forbidden": 3},
        "葭委办发〔2026〕71号",
    ),
    "eval_holdout32": (
        {"duty": 8, "assist": 9, "negative": 4, "cert_allowed": 2, "cert_forbidden": 2},
        "茗委办发〔2026〕74号",
    ),
    "eval_holdout33": (
        {"duty": 10, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 2},
        "芪委办发〔2026〕77号",
    ),
    "eval_holdout34": (
        {"duty": 8, "assist": 5, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "茱委办发〔2026〕80号",
    ),
    "eval_holdout35": (
        {"duty": 8, "assist": 7, "negative": 5, "cert_allowed": 3, "cert_forbidden": 3},
        "楮委办发〔2026〕81号",
    ),
    "eval_holdout36": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "榧委办发〔2026〕83号",
    ),
    "eval_holdout37": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "樗委办发〔2026〕86号",
    ),
    "eval_holdout38": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "楝委办发〔2026〕88号",
    ),
    "eval_holdout39": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "椴委办发〔2026〕93号",
    ),
    "eval_holdout40": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "砚委办发〔2026〕95号",
    ),
    "eval_holdout41": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "鹳委办发〔2026〕96号",
    ),
    "eval_holdout42": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "秫委办发〔2026〕98号",
    ),
    "eval_holdout43": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "琨委办发〔2026〕101号",
    ),
    "eval_holdout44": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "箬委办发〔2026〕104号",
    ),
    "eval_holdout45": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "缣委办发〔2026〕103号",
    ),
    "eval_holdout46": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "磐委办发〔2026〕107号",
    ),
    "eval_holdout47": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "璋委办发〔2026〕117号",
    ),
    "eval_holdout48": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "鹇委办发〔2026〕108号",
    ),
    "eval_holdout49": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "鲂委办发〔2026〕118号",
    ),
    "eval_holdout50": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "楸委办发〔2026〕121号",
    ),
    "eval_holdout51": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "璩委办发〔2026〕121号",
    ),
    "eval_holdout52": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "溱委办发〔2026〕127号",
    ),
    "eval_holdout53": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "铎委办发〔2026〕111号",
    ),
    "eval_holdout54": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "篁委办发〔2026〕131号",
    ),
    "eval_holdout55": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "磬委办发〔2026〕131号",
    ),
    "eval_holdout56": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "菰委办发〔2026〕137号",
    ),
    "eval_holdout57": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "烽委办发〔2026〕138号",
    ),
    "eval_holdout58": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "霁委办发〔2026〕158号",
    ),
    "eval_holdout59": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "陔委办发〔2026〕142号",
    ),
    "eval_holdout60": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "绫委办发〔2026〕163号",
    ),
    "eval_holdout61": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "骢委办发〔2026〕146号",
    ),
    "eval_holdout62": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "筇委办发〔2026〕171号",
    ),
    "eval_holdout63": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "鹬委办发〔2026〕171号",
    ),
    "eval_holdout64": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "岫委办发〔2026〕178号",
    ),
    "eval_holdout65": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "霈委办发〔2026〕188号",
    ),
    "eval_holdout66": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "鳜委办发〔2026〕196号",
    ),
    "eval_holdout67": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "榛委办发〔2026〕193号",
    ),
    "eval_holdout68": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "蒹委办发〔2026〕183号",
    ),
    "eval_holdout69": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "崮委办发〔2026〕183号",
    ),
    "eval_holdout70": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "蜩委办发〔2026〕191号",
    ),
    "eval_holdout71": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "镢委办发〔2026〕186号",
    ),
    "eval_holdout72": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "骝委办发〔2026〕196号",
    ),
    "eval_holdout73": (
        {"duty": 8, "assist": 8, "negative": 5, "cert_allowed": 3, "cert_forbidden": 4},
        "粟委办发〔2026〕197号",
    ),
}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def test_every_held_out_set_is_checked_here():
    assert set(SETS) == set(mf.HELD_OUT)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_holdout_workbook_imports_with_every_item_of_its_kind(ctx, name):
    by_kind, document_number = SETS[name]
    lists = ListsService(ctx)
    items = _jsonl(DATA / name / "items.jsonl")
    preview = lists.preview_import(DATA / name / "county_lists.xlsx")
    assert preview.ok, preview.problems
    assert preview.by_kind == dict(Counter(i["kind"] for i in items))
    assert preview.by_kind == by_kind
    assert preview.document_number == document_number
    editions = lists.commit_import(preview, activate=True)
    assert [e.document for e in editions] == ["work", "certificate"]
    assert all(e.status is EditionStatus.IN_FORCE for e in editions)
    saved = [i for e in editions for i in lists.all_items(e.id)]
    assert sorted((i.kind, i.name) for i in saved) == sorted((i["kind"], i["name"]) for i in items)
    assert all(not i.content for i in saved)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_holdout_cases_name_items_of_the_edition(name):
    """Every labelled item and alternative is an item of the edition, of the verdict's kinds."""
    kind_of = {i["name"]: i["kind"] for i in _jsonl(DATA / name / "items.jsonl")}
    allowed = {
        "admitted": {"duty", "assist"},
        "negative": {"negative"},
        "allowed": {"cert_allowed"},
        "forbidden": {"cert_forbidden"},
    }
    for part in ("tasks.jsonl", "certs.jsonl"):
        cases = _jsonl(DATA / name / part)
        assert len({c["id"] for c in cases}) == len(cases)
        for case in cases:
            if case["expect"] == "unlisted":
                assert case["item"] is None and not case["also"], case["id"]
                continue
            for item in (case["item"], *case["also"]):
                assert kind_of[item] in allowed[case["expect"]], case["id"]


def test_each_held_out_set_shares_no_item_or_case_with_the_sets_before_it():
    """Item names and case texts are new: none of a set is also in an earlier set."""

    def names(folder: str) -> set[str]:
        return {i["name"] for i in _jsonl(DATA / folder / "items.jsonl")}

    def texts(folder: str) -> set[str]:
        return {
            c["text"] for p in ("tasks.jsonl", "certs.jsonl") for c in _jsonl(DATA / folder / p)
        }

    order = ["eval", *mf.HELD_OUT]
    for n, later in enumerate(order[1:], start=1):
        for earlier in order[:n]:
            assert not names(later) & names(earlier), (later, earlier)
            # a count taken first, so that a failure prints no case (a sealed set's; pytest
            # would otherwise show the sets in the failure)
            shared = len(texts(later) & texts(earlier))
            assert shared == 0, (later, earlier)


@pytest.mark.parametrize("name", mf.HELD_OUT[2:])
def test_the_blind_sets_cases_never_copy_an_items_words(name):
    """No case text holds an item's name or any eight consecutive characters of one (the rule the
    blind sets were written under; the first two held-out sets predate it)."""
    names = {i["name"] for i in _jsonl(DATA / name / "items.jsonl")}
    pieces = {n[k : k + 8] for n in names for k in range(len(n) - 7)} | names
    for part in ("tasks.jsonl", "certs.jsonl"):
        for case in _jsonl(DATA / name / part):
            assert not [p for p in pieces if p in case["text"]], case["id"]


@pytest.mark.parametrize(
    ("name", "tasks", "certs"),
    [
        (
            "eval_holdout4",
            {"admitted": 57, "negative": 49, "unlisted": 52},
            {"allowed": 22, "forbidden": 21, "unlisted": 22},
        ),
        (
            "eval_holdout5",
            {"admitted": 58, "negative": 48, "unlisted": 53},
            {"allowed": 22, "forbidden": 20, "unlisted": 24},
        ),
        (
            "eval_holdout6",
            {"admitted": 51, "negative": 45, "unlisted": 54},
            {"allowed": 24, "forbidden": 24, "unlisted": 22},
        ),
        (
            "eval_holdout7",
            {"admitted": 48, "negative": 30, "unlisted": 34},
            {"allowed": 16, "forbidden": 13, "unlisted": 16},
        ),
        (
            "eval_holdout8",
            {"admitted": 48, "negative": 32, "unlisted": 45},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout9",
            {"admitted": 44, "negative": 32, "unlisted": 44},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout10",
            {"admitted": 50, "negative": 35, "unlisted": 44},
            {"allowed": 18, "forbidden": 17, "unlisted": 15},
        ),
        (
            "eval_holdout11",
            {"admitted": 44, "negative": 36, "unlisted": 43},
            {"allowed": 17, "forbidden": 17, "unlisted": 17},
        ),
        (
            "eval_holdout12",
            {"admitted": 46, "negative": 38, "unlisted": 42},
            {"allowed": 17, "forbidden": 17, "unlisted": 17},
        ),
        (
            "eval_holdout13",
            {"admitted": 46, "negative": 43, "unlisted": 42},
            {"allowed": 17, "forbidden": 17, "unlisted": 17},
        ),
        (
            "eval_holdout14",
            {"admitted": 51, "negative": 41, "unlisted": 51},
            {"allowed": 17, "forbidden": 18, "unlisted": 17},
        ),
        (
            "eval_holdout15",
            {"admitted": 48, "negative": 49, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 17},
        ),
        (
            "eval_holdout16",
            {"admitted": 51, "negative": 48, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 17},
        ),
        (
            "eval_holdout17",
            {"admitted": 47, "negative": 47, "unlisted": 47},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout18",
            {"admitted": 47, "negative": 47, "unlisted": 47},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout19",
            {"admitted": 48, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout20",
            {"admitted": 47, "negative": 48, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout21",
            {"admitted": 47, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout22",
            {"admitted": 48, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout23",
            {"admitted": 47, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout24",
            {"admitted": 48, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout25",
            {"admitted": 47, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout26",
            {"admitted": 45, "negative": 44, "unlisted": 43},
            {"allowed": 16, "forbidden": 16, "unlisted": 16},
        ),
        (
            "eval_holdout27",
            {"admitted": 47, "negative": 47, "unlisted": 46},
            {"allowed": 17, "forbidden": 17, "unlisted": 16},
        ),
        (
            "eval_holdout28",
            {"admitted": 45, "negative": 43, "unlisted": 42},
            {"allowed": 16, "forbidden": 16, "unlisted": 16},
        ),
        (
            "eval_holdout29",
            {"admitted": 42, "negative": 40, "unlisted": 43},
            {"allowed": 15, "forbidden": 15, "unlisted": 14},
        ),
        (
            "eval_holdout30",
            {"admitted": 44, "negative": 40, "unlisted": 42},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout31",
            {"admitted": 38, "negative": 38, "unlisted": 38},
            {"allowed": 14, "forbidden": 14, "unlisted": 14},
        ),
        (
            "eval_holdout32",
            {"admitted": 48, "negative": 36, "unlisted": 40},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout33",
            {"admitted": 46, "negative": 34, "unlisted": 40},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout34",
            {"admitted": 44, "negative": 34, "unlisted": 41},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout35",
            {"admitted": 46, "negative": 34, "unlisted": 40},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout36",
            {"admitted": 46, "negative": 34, "unlisted": 40},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout37",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout38",
            {"admitted": 46, "negative": 34, "unlisted": 40},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout39",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout40",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout41",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout42",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout43",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout44",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout45",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout46",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout47",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout48",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout49",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout50",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout51",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout52",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout53",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout54",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout55",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout56",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout57",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout58",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout59",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout60",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout61",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout62",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout63",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout64",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout65",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout66",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout67",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout68",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout69",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout70",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout71",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout72",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
        (
            "eval_holdout73",
            {"admitted": 47, "negative": 34, "unlisted": 39},
            {"allowed": 15, "forbidden": 15, "unlisted": 15},
        ),
    ],
)
def test_each_held_out_set_has_its_cases_per_verdict(name, tasks, certs):
    """Each set's notices and requests per expected verdict, as written: about a third of each
    unlisted (the fourth and fifth: at least 150 notices and 60 requests; later ones 110-145
    and 45-70). Counted only, which a sealed set allows."""
    assert Counter(c["expect"] for c in _jsonl(DATA / name / "tasks.jsonl")) == tasks
    assert Counter(c["expect"] for c in _jsonl(DATA / name / "certs.jsonl")) == certs
