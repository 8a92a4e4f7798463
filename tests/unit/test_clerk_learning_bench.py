"""The clerk-learning benchmark (tests/bench/clerk_learning.py) measures something: what the
simulated clerk teaches reaches the check, its rules read only what they say, and it never runs
a set whose labels may not be read."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import clerk_learning as cl
import matcher_figures as mf

from jianfu.domain.lists import SEED_KINDS, ListItem

ITEMS = [
    ListItem(kind="duty", name="协助开展文物安全巡查", number="1"),
    ListItem(kind="assist", name="协助做好农村低保对象的入户调查", number="2"),
    ListItem(kind="negative", name="不得要求村干部在工作群每日打卡拍照", number="3"),
]
TAUGHT = {
    "id": "a",
    "text": "县文化广电旅游局：请各村于3月5日前安排专人看护辖区内的古祠堂，发现险情及时处置。",
    "expect": "admitted",
    "item": "协助开展文物安全巡查",
}
LATER = {
    "id": "b",
    "text": "镇综合文化站：汛期将至，请各村安排人手看护好村里的老祠堂。",
    "expect": "admitted",
    "item": "协助开展文物安全巡查",
}


def _first(clerk: cl.Clerk, case: dict, **which: bool) -> tuple[str, str | None]:
    result = clerk.check(clerk.matcher(**which), case["text"])
    return str(result.verdict), (result.candidates[0].item.name if result.candidates else None)


@pytest.mark.parametrize("rule", cl.RULES)
def test_a_taught_synonym_reaches_the_check(rule: str) -> None:
    clerk = cl.Clerk(ITEMS, SEED_KINDS, "task", rule)
    assert _first(clerk, TAUGHT) == ("unlisted", None)
    seen = cl.look(TAUGHT, clerk.check(clerk.matcher(), TAUGHT["text"]))
    clerk.teach(TAUGHT, seen, dt.date(2027, 1, 4))
    assert clerk.taught == 1 and clerk.own_fixed == 1
    (word,) = clerk.synonyms
    assert word in TAUGHT["text"] and clerk.synonyms[word] == [TAUGHT["item"]]
    # without the precedent: the synonym alone puts the notice right
    assert _first(clerk, TAUGHT, precedents=False) == ("admitted", TAUGHT["item"])


def test_the_word_reaches_a_later_notice_that_says_it() -> None:
    clerk = cl.Clerk(ITEMS, SEED_KINDS, "task", "word")
    assert _first(clerk, LATER)[0] == "unlisted"
    clerk.teach(TAUGHT, cl.look(TAUGHT, clerk.check(clerk.matcher(), TAUGHT["text"])), cl.FIRST_DAY)
    assert list(clerk.synonyms) == ["看护"]
    assert _first(clerk, LATER) == ("admitted", LATER["item"])


def test_a_resend_is_answered_from_the_precedent() -> None:
    clerk = cl.Clerk(ITEMS, SEED_KINDS, "task", "word")
    clerk.teach(TAUGHT, cl.look(TAUGHT, clerk.check(clerk.base, TAUGHT["text"])), cl.FIRST_DAY)
    again, renamed = cl.resend(TAUGHT["text"])
    assert again != TAUGHT["text"] and not renamed
    result = clerk.check(clerk.matcher(synonyms=False), again)
    assert result.precedent is not None
    assert str(result.verdict) == "admitted"
    assert result.candidates[0].item.name == TAUGHT["item"]
    figures = cl.resends([TAUGHT], clerk)
    assert figures["at_once"] == figures["at_once_changed"] == 1
    assert figures["confirmed_untaught"] == 0


def test_resend_rule() -> None:
    text, renamed = cl.resend(
        "楸委组〔2026〕66号 县农业农村局：三月底前报第一季度情况，十二月再报。"
    )
    assert renamed
    assert text == "楸委组〔2027〕67号 县农业农村和水利局：四月底前报第二季度情况，一月再报。"


def test_the_clerk_marks_no_word_an_item_holds() -> None:
    listed = cl.listed_texts(ITEMS)
    text = "请各村协助开展文物安全巡查，看护古祠堂。"
    for rule in cl.RULES:
        choice = cl.clerk_choice(text, listed, rule)
        assert choice and choice in text
        assert not any(choice in t for t in listed)
    assert cl.clerk_choice("请各村协助开展文物安全巡查。", listed, "word") is None


@pytest.mark.parametrize("name", ["test", *mf.SEALED])
def test_closed_sets_are_refused(name: str) -> None:
    assert name not in cl.OPEN_SETS
    with pytest.raises(SystemExit):
        cl.refuse_closed(name)
    with pytest.raises(SystemExit):
        cl.main(["--set", name])


def test_a_synonym_never_allows_a_forbidden_request() -> None:
    """One word taught for an allowed certificate (出生证) does not allow a request the
    forbidden item meets (eval_holdout52 h52c029 in tests/bench/clerk_learning.py)."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="在医疗机构外出生的婴儿申领《出生医学证明》时的出生情况证明",
            number="1",
        ),
        ListItem(kind="cert_forbidden", name="出生医学证明（由助产机构签发）", number="2"),
        ListItem(kind="cert_allowed", name="村民居住情况证明", number="3"),
    ]
    request = "我家娃在县医院出生，当时没领出生证，现在上户口急用，村委会能先给开一个吗？"
    untaught = mf.make_matcher(items, SEED_KINDS).check_certificate(request)
    assert str(untaught.verdict) == "forbidden"
    taught = mf.make_matcher(items, SEED_KINDS, local_synonyms={"出生证": [items[0].name]})
    assert str(taught.check_certificate(request).verdict) != "allowed"
