"""The second route to 清单内: the words matched say enough (``EVIDENCE_LOGIT``)."""

from __future__ import annotations

import pytest

from jianfu.domain import matching
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Confidence, Matcher, Verdict

LONG_ITEM = "提供便民服务，如办理低保、医保、养老等事务，协助解决居民实际困难"
NOTICE = "县人社局：养老金资格认证开始了，请各村帮行动不便的老人办理认证。"


@pytest.fixture
def matcher() -> Matcher:
    items = [
        ListItem(kind="assist", name=LONG_ITEM),
        ListItem(kind="negative", name="不得要求村（社区）建立工作台账、拍照留痕"),
    ]
    return Matcher(items, SEED_KINDS)


def test_two_telling_words_of_a_long_item_admit_it_for_the_clerk_to_look(matcher) -> None:
    result = matcher.check(NOTICE)
    assert result.best is not None and result.best.item.name == LONG_ITEM
    assert result.best.score < matching.ACCEPT[matching.KindMeaning.ADMITTED]
    assert result.verdict is Verdict.ADMITTED
    assert result.confidence is Confidence.LOW
    assert "所指明确" in result.note and "“养老”" in result.note and "请人工确认" in result.note


def test_the_route_is_what_admits_it(matcher, monkeypatch) -> None:
    monkeypatch.setattr(matching, "EVIDENCE_LOGIT", None)
    assert matcher.check(NOTICE).verdict is Verdict.UNLISTED


def test_one_word_stays_a_candidate(matcher) -> None:
    result = matcher.check("县人社局：请各村通知老人养老金资格认证。")
    assert result.best is not None and result.best.item.name == LONG_ITEM
    assert result.verdict is Verdict.UNLISTED


def test_a_demanded_form_of_work_keeps_the_route_shut(matcher) -> None:
    # the same task, reported daily through a work group: never admitted on the words alone
    result = matcher.check(NOTICE.rstrip("。") + "，每天在群里接龙上报进度。")
    assert result.verdict is not Verdict.ADMITTED


def test_a_sender_outside_the_government_keeps_the_route_shut(matcher) -> None:
    result = matcher.check(NOTICE.replace("县人社局", "县移动公司"))
    assert result.verdict is Verdict.UNLISTED
    assert "不属于党政群机构" in result.note


def test_a_weak_likeness_to_a_negative_item_keeps_the_route_shut(monkeypatch) -> None:
    """A proof of each step the patterns do not read (整治完都要留个底…统一上传) shows only as a
    weak likeness to the item that forbids it: the route stays shut (a blind set's negative
    notice, 整治前中后对比照…统一上传, was admitted this way while the route needed only
    NEGATIVE_DOUBT clear; 对比照 is read as a photo demand since)."""
    items = [
        ListItem(kind="assist", name="推动农村人居环境整治（垃圾分类、厕所革命、污水治理）"),
        ListItem(kind="negative", name="现场巡查上传发现前、处理中、整改后照片"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    text = "县环保局：每处垃圾点整治完都要留个底，村里统一上传。"
    result = matcher.check(text)
    assert result.verdict is Verdict.UNLISTED
    negative = next(c for c in result.candidates if c.kind == "negative")
    assert matching.EVIDENCE_NEGATIVE_CLEAR <= negative.score < matching.NEGATIVE_DOUBT
    monkeypatch.setattr(matching, "EVIDENCE_NEGATIVE_CLEAR", matching.NEGATIVE_DOUBT)
    assert matcher.check(text).verdict is Verdict.ADMITTED  # what the looser rule did


def test_the_fit_reproduces_the_shipped_coefficients() -> None:
    """tests/bench/evidence_fit.py fitted on every open set gives what the matcher ships (so
    a change of the matcher's scores or of the sets shows here, and the route is refitted)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import evidence_fit

    beta = evidence_fit.fit(evidence_fit.case_rows())
    assert matching.EVIDENCE_LOGIT is not None
    assert [round(b, 2) for b in beta] == pytest.approx(list(matching.EVIDENCE_LOGIT), abs=0.05)
