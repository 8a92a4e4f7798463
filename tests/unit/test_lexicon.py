"""The learned lexicon: learned from the allowed sets only, deterministically, and what an
entry does to a check (a low-credit word that rests on the notice word that brought it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from jianfu.domain import matching
from jianfu.domain.lexicon import EMPTY_LEXICON, Lexicon, with_learned
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Matcher, Verdict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import lexicon_build as lb
import matcher_figures as mf


def test_only_the_allowed_sets_are_learned_from() -> None:
    assert ("dev", "regression", *mf.SPENT) == lb.ALLOWED
    assert "test" not in lb.ALLOWED
    assert not set(lb.ALLOWED) & set(mf.SEALED)
    for name in ("test", *mf.SEALED):
        with pytest.raises(ValueError):
            lb.allowed_sets([name])
        with pytest.raises(ValueError):
            lb.learn(["dev", name], "tasks")


def test_dev_is_the_dev_split_only() -> None:
    cases = lb.set_cases("dev")
    assert len(cases["tasks"]) == len(mf.split_cases(mf.EVAL_TASKS, "dev"))
    assert len(cases["certs"]) == len(mf.split_cases(mf.EVAL_CERTS, "dev"))


def test_the_table_is_the_same_every_time() -> None:
    names = ["eval_holdout6", "eval_holdout7"]
    first = lb.dumps(lb.build(names))
    assert lb.dumps(lb.build(list(reversed(names)))) == first
    lb.set_cases.cache_clear()
    lb.set_vocab.cache_clear()
    assert lb.dumps(lb.build(names)) == first


def _case(words: str, item: str | None, expect: str = "admitted") -> lb.Case:
    return lb.Case(
        frozenset(words.split()),
        words.replace(" ", ""),
        frozenset(item.split()) if item else None,
        expect,
    )


def test_an_entry_needs_support_in_two_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    # 民兵整组 meets 人武 in two sets; 巡一巡 meets 巡逻 four times, but in one set only.
    data = {
        "eval_holdout6": [
            _case("民兵整组 通知", "人武 事务"),
            _case("民兵整组 报名", "人武 事务"),
            _case("巡一巡 村道", "巡逻 治安"),
            _case("巡一巡 晚上", "巡逻 治安"),
            _case("巡一巡 白天", "巡逻 治安"),
            _case("巡一巡 周末", "巡逻 治安"),
            _case("旅游 推介", None, "unlisted"),
        ],
        "eval_holdout7": [
            _case("民兵整组 集合", "人武 事务"),
            _case("民兵整组 登记", "人武 事务"),
            _case("烟草 专卖", None, "unlisted"),
        ],
    }
    monkeypatch.setattr(lb, "set_cases", lambda name: {"tasks": tuple(data[name]), "certs": ()})
    monkeypatch.setattr(
        lb, "set_vocab", lambda name: {"tasks": frozenset(("人武", "巡逻", "治安", "事务"))}
    )
    knobs = lb.Knobs(min_support=3, min_sets=2, min_p=0.3, min_lift=1.0, min_item_weight=0.0)
    table = lb.learn(list(data), "tasks", knobs)
    assert "巡一巡" not in table
    assert "人武" in table["民兵整组"]
    # one set alone makes no entry, however often
    assert "民兵整组" not in lb.learn(["eval_holdout6"], "tasks", knobs)


ITEMS = [
    ListItem(kind="assist", name="协助做好寄递物流安全管理"),
    ListItem(kind="negative", name="不得要求村每日打卡并上传照片截图"),
]


def _check(text: str, lexicon: Lexicon) -> tuple[Verdict, float]:
    result = Matcher(ITEMS, SEED_KINDS, lexicon=lexicon).check(text)
    score = next((c.score for c in result.candidates if c.kind == "assist"), 0.0)
    return result.verdict, score


def test_a_learned_word_counts_at_its_credit() -> None:
    text = "请各村统计本村快递网点数量并上报乡镇"
    assert _check(text, EMPTY_LEXICON) == (Verdict.UNLISTED, 0.0)
    low = _check(text, Lexicon({"快递网点": ("寄递", "物流")}, {}, 0.5))
    full = _check(text, Lexicon({"快递网点": ("寄递", "物流")}, {}, 1.0))
    assert 0 < low[1] < full[1]
    assert low[1] == pytest.approx(full[1] / 2, abs=0.1)
    assert low[0] is Verdict.UNLISTED  # a low-credit word alone is no verdict
    assert full[0] is Verdict.ADMITTED


def test_a_short_source_word_is_weak_evidence() -> None:
    # 快递 is one two-character word: the item word it brings rests on it, and is damped.
    text = "请各村统计本村快递网点数量并上报乡镇"
    _, short = _check(text, Lexicon({"快递": ("寄递",)}, {}, 1.0))
    _, long = _check(text, Lexicon({"快递网点": ("寄递",)}, {}, 1.0))
    assert 0 < short < long
    assert short < 50


def test_a_negative_notice_is_never_admitted_by_a_learned_word() -> None:
    text = "请各村统计本村快递网点数量，每天打卡并上传照片截图"
    verdict, score = _check(text, Lexicon({"快递网点": ("寄递", "物流")}, {}, 1.0))
    assert score >= 50
    assert verdict is Verdict.NEGATIVE


def test_learned_words_come_only_from_the_notices_own_words() -> None:
    table = {"快递": ("寄递",)}
    assert "\u2064寄递" in with_learned("快递 网点", table, "快递网点")
    # a word another table inserted brings nothing
    assert with_learned("\u2063快递", table, "快递") == "\u2063快递"


def test_a_learned_word_never_cuts_the_word_that_holds_its_source() -> None:
    """食品 of 食品安全 brings its learned word after 食品安全, which stays whole: inserted inside
    it, the list's own 食品安全 was no longer met and a literal match fell out of the candidates
    (a demo notice on food safety near schools went to 爱国卫生运动)."""
    assert with_learned("开展 食品安全 排查", {"食品": ("责任",)}, "开展食品安全排查") == (
        "开展 食品安全 \u2064责任 排查"
    )
    items = [ListItem(kind="assist", name="协助开展食品安全宣传和农村集体聚餐备案")]
    text = "请各村配合对学校周边小卖部开展食品安全排查，发现问题及时报告。"
    plain = Matcher(items, SEED_KINDS).check(text).best
    learned = Matcher(items, SEED_KINDS, lexicon=Lexicon({"食品": ("责任",)}, {})).check(text).best
    assert plain is not None and learned is not None
    assert learned.item.name == plain.item.name and learned.score == plain.score


def test_a_list_word_across_the_segmenters_cut_is_met_with_a_learned_word_between() -> None:
    """东河镇禁烧办 is cut 东河|镇禁|烧办: a learned word after 镇禁 stands between 禁 and 烧, and
    the list's 禁烧 was no longer met (a straw-burning patrol lost its item, eval_holdout59
    h59t026). The notice's own text on either side of inserted words is read as one stretch."""
    items = [ListItem(kind="assist", name="秸秆禁烧期间配合开展网格巡查")]
    text = "东河镇禁烧办：今晚起村组两级巡查队上岗，重点盯河滩地和坟地附近。"
    plain = Matcher(items, SEED_KINDS).check(text).best
    learned = Matcher(items, SEED_KINDS, lexicon=Lexicon({"镇禁": ("秸秆",)}, {})).check(text)
    assert plain is not None and "禁烧" in plain.matched
    best = learned.best
    assert best is not None and "禁烧" in best.matched
    assert best.score > plain.score  # the learned 秸秆 adds to 禁烧, never takes its place


def test_learned_words_are_marked_apart_from_inserted_ones() -> None:
    from jianfu.domain import lexicon, matching

    assert lexicon._INSERTED == matching.INSERTED
    assert lexicon.LEARNED != matching.INSERTED


def test_the_matcher_uses_no_table_unless_given_one() -> None:
    assert Matcher(ITEMS, SEED_KINDS).lexicon == EMPTY_LEXICON


def test_the_app_reads_the_shipped_table_only_when_it_is_in_use(monkeypatch) -> None:
    from jianfu.domain import lexicon

    assert lexicon.SHIPPED_IN_USE is True  # (on again after twenty-seven blind sets)
    assert lexicon.app_lexicon() == lexicon.shipped_lexicon()
    monkeypatch.setattr(lexicon, "SHIPPED_IN_USE", False)
    assert lexicon.app_lexicon() is None


def test_a_candidate_says_which_words_came_by_the_table() -> None:
    text = "请各村统计本村快递网点数量并上报乡镇"
    lexicon = Lexicon({"快递网点": ("寄递", "物流")}, {})  # (at the credit the app uses)
    best = Matcher(ITEMS, SEED_KINDS, lexicon=lexicon).check(text).best
    assert best is not None and best.item.name == "协助做好寄递物流安全管理"
    assert set(best.learned) == {"快递网点→寄递", "快递网点→物流"}
    assert not {"寄递", "物流"} & set(best.matched)  # (the notice's own words only)
    own = Matcher(ITEMS, SEED_KINDS, lexicon=lexicon).check("请各村做好寄递物流安全管理")
    assert own.best is not None and own.best.learned == ()


def test_the_shipped_table_is_what_the_allowed_sets_teach() -> None:
    """The file the app ships is the table of every allowed set, tasks only: learn it again
    (``python tests/bench/lexicon_build.py --shipped``) when a held-out set is spent."""
    from jianfu.domain.lexicon import shipped_lexicon

    assert lb.SHIPPED.read_text("utf-8") == lb.dumps(lb.build())
    shipped = shipped_lexicon()
    assert shipped.tasks and not shipped.certs
    assert shipped.tasks == {k: tuple(v) for k, v in lb.build()["tasks"].items()}
    assert not set(json.loads(lb.SHIPPED.read_text("utf-8"))["sets"]) & {"test", *mf.SEALED}


def test_a_learned_word_is_no_typing_and_takes_no_room_for_typos() -> None:
    """A typo's place is counted as the other words' are: a learned word before it takes no
    room (it drifted by the learned words' length, for the clauses' proximity), and a learned
    word is the table's, not the clerk's typing (居注 brought by the table is no typo of 居住)."""
    matcher = Matcher([ListItem(kind="assist", name="协助做好流动人口居住登记")], SEED_KINDS)
    plain = matcher._found_words("开展 居注登记")
    learned = matcher._found_words("开展 \u2064寄递 \u2064物流 居注登记")
    assert plain["居住"] == (matching.TYPO_CREDIT, [3])
    assert learned["居住"] == plain["居住"] and learned["登记"] == plain["登记"]
    assert "居住" not in matcher._found_words("开展 \u2064居注")


def test_only_the_notices_own_words_are_learned_sources() -> None:
    """法律, which the law reader inserts after 兵役法, is not the notice's word: the learned
    法律→法规 neither rests 法规 on it nor raises the item (it did, 17.3 -> 38.5)."""
    items = [ListItem(kind="assist", name="协助开展法规宣传教育")]
    lexicon = Lexicon({"法律": ("法规",)}, {})
    plain, learned = Matcher(items, SEED_KINDS), Matcher(items, SEED_KINDS, lexicon=lexicon)
    law = "请各村组织村民学习兵役法等法规"
    got, before = learned.check(law).best, plain.check(law).best
    assert got is not None and before is not None
    assert got.said == ("法规",) and got.score == before.score
    said = "请各村组织村民学习法律法规"  # (法规 said itself: the table adds nothing to it)
    got, before = learned.check(said).best, plain.check(said).best
    assert got is not None and before is not None
    assert "法律" not in got.said and got.score == before.score
    brought = "请各村组织村民学习法律知识"  # (法规 brought by the table alone: it counts)
    got, before = learned.check(brought).best, plain.check(brought).best
    assert got is not None
    assert before is None or got.score > before.score


def test_an_admission_resting_on_one_word_and_the_table_is_weak_beside_a_negative_item() -> None:
    # 普法 and 答题 read through the table as the item's 政策 and 学习: a high score from one
    # word of the notice's own; the app it asks the villages to use is near a negative item
    items = [
        ListItem(kind="duty", name="组织村民学习国家宪法和有关法律、法规及党的方针政策"),
        ListItem(kind="negative", name="强制要求下载政务App并定期登录"),
    ]
    table = Lexicon({"普法": ("政策",), "答题": ("学习",)}, {})
    result = Matcher(items, SEED_KINDS, lexicon=table).check(
        "@各村书记 普法App每天登一下答题，月底汇总。"
    )
    assert result.best is not None and result.best.learned
    assert result.verdict is Verdict.UNLISTED
    assert "负面清单事项" in result.note


def test_a_table_word_already_met_adds_no_evidence() -> None:
    # 主动, 双方 and 吵起来 bring 民间/纠纷, which 调处 brought already: the table lifts nothing,
    # and a negative item near the one word of evidence still sends the task for approval
    items = [
        ListItem(kind="duty", name="调解民间纠纷"),
        ListItem(kind="negative", name="不得要求村（社区）承担欠薪清欠和劳动保障监察"),
    ]
    notice = (
        "年关将近，工地上因拖欠工资吵起来的较多，各村要主动上门调处，做通双方工作，"
        "确保春节前工资结清。"
    )
    table = Lexicon({"主动": ("民间",), "双方": ("纠纷",), "吵起来": ("纠纷",)}, {})
    without = Matcher(items, SEED_KINDS).check(notice)
    result = Matcher(items, SEED_KINDS, lexicon=table).check(notice)
    assert result.verdict is without.verdict
    assert result.best is not None and without.best is not None
    assert result.best.score == without.best.score


def test_a_table_key_is_no_word_the_notice_says_of_a_task() -> None:
    items = [ListItem(kind="assist", name="协助开展河湖日常巡查和保洁")]
    table = Lexicon({"周末": ("巡查",), "河边": ("巡查",)}, {})
    best = Matcher(items, SEED_KINDS, lexicon=table).check(
        "本周末请各村安排人员对辖区河湖开展一次巡查，清理河边垃圾。"
    ).best
    assert best is not None and "周末" not in best.said and "河边" not in best.said
