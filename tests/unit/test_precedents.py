"""Confirmed decisions found again when a department resends the same task."""

from __future__ import annotations

import datetime as dt

from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Confidence, Matcher, Verdict
from jianfu.domain.precedents import Precedent, PrecedentIndex

FIRST = (
    "南屏县文旅局关于开展2026年春季乡村文艺汇演的通知：请各村组织文艺骨干排练节目，"
    "3月20日前报送节目单，4月10日参加全县汇演，演出服装由各村自行解决。"
)
RESENT = (
    "南屏县文化和旅游局关于开展2027年春季乡村文艺汇演的通知：请各村组织文艺骨干排练节目，"
    "2月28日前报送节目单，3月15日参加全县汇演，演出服装由各村自行解决。"
)
OTHER = "南屏县文旅局关于组织村民观看送戏下乡演出的通知：请各村组织群众观看，维持现场秩序。"

ITEMS = [
    ListItem("duty", "组织开展群众性文化体育活动", number="1"),
    ListItem("negative", "不得要求村(社区)承担招商引资任务", number="2"),
]


def test_a_resent_notice_with_new_dates_and_department_name_is_the_same_task() -> None:
    index = PrecedentIndex([Precedent(FIRST, None, None, dt.date(2026, 3, 1))])
    assert [p.decided_on for p in index.similar(RESENT)] == [dt.date(2026, 3, 1)]


def test_a_different_task_on_the_same_topic_is_not_a_precedent() -> None:
    index = PrecedentIndex([Precedent(FIRST, None, None, dt.date(2026, 3, 1))])
    assert list(index.similar(OTHER)) == []


def test_a_confirmed_item_is_given_at_once_and_cited() -> None:
    precedent = Precedent(FIRST, "组织开展群众性文化体育活动", "duty", dt.date(2026, 3, 1))
    result = Matcher(ITEMS, SEED_KINDS, precedents=[precedent]).check(RESENT)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == "组织开展群众性文化体育活动"
    assert result.precedent == precedent
    assert result.confidence is Confidence.HIGH
    assert "2026-03-01" in result.note


def test_a_precedent_whose_item_left_the_list_is_ignored() -> None:
    precedent = Precedent(FIRST, "已退出的事项", "duty", dt.date(2026, 3, 1))
    result = Matcher(ITEMS, SEED_KINDS, precedents=[precedent]).check(RESENT)
    assert result.precedent is None


def test_certificate_precedents_do_not_answer_task_checks() -> None:
    precedent = Precedent(FIRST, None, None, dt.date(2026, 3, 1), purpose="certificate")
    result = Matcher(ITEMS, SEED_KINDS, precedents=[precedent]).check(RESENT)
    assert result.precedent is None


def test_local_synonym_makes_the_item_match() -> None:
    text = "请各村组织村晚节目排练，春节期间演出三场。"
    plain = Matcher(ITEMS, SEED_KINDS).check(text)
    learned = Matcher(
        ITEMS, SEED_KINDS, local_synonyms={"村晚": ["组织开展群众性文化体育活动"]}
    ).check(text)
    assert learned.verdict is Verdict.ADMITTED
    assert learned.best is not None and "村晚" in learned.best.matched
    assert plain.best is None or "村晚" not in plain.best.matched


def test_a_matcher_with_other_precedents_checks_as_one_built_with_them() -> None:
    """ListsService swaps the precedents after a confirmed decision instead of indexing the
    items again: the result is the one a matcher built afresh gives."""
    precedent = Precedent(FIRST, "组织开展群众性文化体育活动", "duty", dt.date(2026, 3, 1))
    before = Matcher(ITEMS, SEED_KINDS, local_synonyms={"村晚": ["组织开展群众性文化体育活动"]})
    before.check(OTHER)  # its lazily built parts too
    after = before.with_precedents([precedent])
    fresh = Matcher(
        ITEMS,
        SEED_KINDS,
        local_synonyms={"村晚": ["组织开展群众性文化体育活动"]},
        precedents=[precedent],
    )
    for text in (RESENT, OTHER, "请各村组织村晚节目排练，春节期间演出三场。"):
        assert after.check(text) == fresh.check(text)
    assert after.check(RESENT).precedent == precedent
    assert before.check(RESENT).precedent is None  # the first one keeps its own


def test_a_resent_burden_shows_the_words_a_fresh_check_shows() -> None:
    """A notice repeating a registered one showed no 命中词 and nothing highlighted: the
    forms a negative item names were left out of the precedent's words."""
    first = (
        "南屏县商务局关于下达2026年度招商引资任务的通知：请各村每年至少引进项目1个，纳入考核。"
    )
    again = first.replace("2026", "2027")
    fresh = Matcher(ITEMS, SEED_KINDS).check(again)
    item = "不得要求村(社区)承担招商引资任务"
    precedent = Precedent(first, item, "negative", dt.date(2026, 3, 1))
    result = Matcher(ITEMS, SEED_KINDS, precedents=[precedent]).check(again)
    assert result.precedent == precedent
    assert result.matched_words and set(result.matched_words) == set(fresh.matched_words)


def test_an_admission_on_a_clerks_synonym_alone_is_weak_beside_a_negative_item() -> None:
    """A synonym is one word a clerk marked once: admitted on it alone, a task near a negative
    item is sent for approval, as any weak admission (``NEGATIVE_DOUBT_WEAK``). Measured with
    tests/bench/clerk_learning.py: taught generic words (本周, 没办) admitted negative notices
    the check without them sent for approval."""
    items = [
        ListItem(kind="assist", name="协助开展防溺水安全教育，巡查危险水域"),
        ListItem(kind="negative", name="不得要求村（社区）发动群众为各类网络评选投票、拉票刷票"),
    ]
    taught = Matcher(items, SEED_KINDS, local_synonyms={"护水队": [items[0].name]})
    near = taught.check("护水队本周要组织村民给县里的网络评选投一下票。")
    assert near.verdict is Verdict.UNLISTED
    assert near.best is not None and near.best.item == items[0]  # still shown first
    assert "负面清单" in near.note
    # nothing negative near: the synonym still takes its item
    clear = taught.check("护水队这周把河边的情况看一看，有人游泳就劝回去。")
    assert clear.verdict is Verdict.ADMITTED and clear.best is not None
    assert clear.best.item == items[0]
