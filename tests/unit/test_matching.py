"""The list matcher: figures on the evaluation sets (with floors), verdict rules, bad input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jianfu.domain import matching
from jianfu.domain.errors import ValidationError
from jianfu.domain.lists import SEED_KINDS, ItemStatus, ListItem
from jianfu.domain.matching import (
    Matcher,
    Verdict,
    check_certificate,
    check_task,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf

# The old evaluation sets were written by the same hands as the demo lists: they are a
# regression guard, not the measure of quality (that is tests/data/eval, split dev/test).
# Floors a little under the measured figures (print them: python tests/bench/matcher_figures.py).
TASK_FLOORS = {
    "admitted": (0.95, 0.90),  # (precision, recall)
    "negative": (0.83, 0.92),
    "unlisted": (0.90, 0.92),
}
TASK_TOP3 = 0.97
CERT_FLOORS = {
    "allowed": (0.95, 0.72),
    "forbidden": (0.90, 0.93),
    "unlisted": (0.70, 0.95),
}
CERT_TOP3 = 0.95


@pytest.fixture(scope="module")
def items() -> list[ListItem]:
    return mf.demo_items()


@pytest.fixture(scope="module")
def matcher(items: list[ListItem]) -> Matcher:
    return Matcher(items, SEED_KINDS)


def test_eval_sets_name_real_items(items: list[ListItem]) -> None:
    names = {i.name for i in items}
    for path in (mf.TASKS, mf.CERTS):
        cases = mf.load_cases(path)
        assert all(c["item"] in names for c in cases if c["item"])
    assert len(mf.load_cases(mf.TASKS)) >= 110
    assert len(mf.load_cases(mf.CERTS)) >= 60


def _assert_floors(fig: mf.Figures, floors: dict, top3: float) -> None:
    for verdict, (p_floor, r_floor) in floors.items():
        assert fig.precision[verdict] >= p_floor, (verdict, fig.precision, fig.confusion)
        assert fig.recall[verdict] >= r_floor, (verdict, fig.recall, fig.confusion)
    assert fig.top3 >= top3


def test_task_figures(matcher: Matcher) -> None:
    fig = mf.evaluate(mf.load_cases(mf.TASKS), matcher.check)
    _assert_floors(fig, TASK_FLOORS, TASK_TOP3)


def test_certificate_figures(matcher: Matcher) -> None:
    fig = mf.evaluate(mf.load_cases(mf.CERTS), matcher.check_certificate)
    _assert_floors(fig, CERT_FLOORS, CERT_TOP3)


#: The dev split's certificate requests as residents phrase them at the counter (the cases
#: added 2026-12-05, see tests/data/eval/README.md), floors a little under the measured figures:
#: tuning may raise them, a change elsewhere must not lower them unseen. Never floors on test.
DEV_CERT_ADDED_ACCURACY = 0.95
DEV_CERT_ADDED_ALLOWED_RECALL = 0.95


def test_dev_counter_requests_stay_found() -> None:
    matcher = Matcher(mf.eval_items(), mf.eval_kinds())
    cases = [c for c in mf.split_cases(mf.EVAL_CERTS, "dev") if mf.in_part(c, "added")]
    fig = mf.evaluate(cases, matcher.check_certificate)
    assert fig.accuracy >= DEV_CERT_ADDED_ACCURACY, fig.confusion
    assert fig.recall["allowed"] >= DEV_CERT_ADDED_ALLOWED_RECALL, fig.confusion


def test_result_explains_itself(items: list[ListItem]) -> None:
    result = check_task("请各村组织开展爱卫月大扫除，清理卫生死角。", items, SEED_KINDS)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None
    assert result.best.item.name == "组织开展爱国卫生运动"
    assert result.best.kind == "duty"
    assert 0 <= result.best.score <= 100
    assert "爱国卫生" in "".join(result.matched_words)
    assert len(result.candidates) <= 5
    assert [c.score for c in result.candidates[1:]] == sorted(
        (c.score for c in result.candidates[1:]), reverse=True
    )


def test_negative_wins_when_clearly_matched(matcher: Matcher) -> None:
    result = matcher.check("请各村对辖区企业开展安全生产大检查，并签订安全生产责任状。")
    assert result.verdict is Verdict.NEGATIVE
    assert result.best is not None
    assert result.best.kind == "negative"


def test_unsure_is_unlisted(matcher: Matcher) -> None:
    result = matcher.check("请各村推荐一名同志参加县里的书法比赛。")
    assert result.verdict is Verdict.UNLISTED
    assert result.note


def test_specific_allowed_beats_general_forbidden(items: list[ListItem]) -> None:
    result = check_certificate(
        "收养孩子，需要村里开收养人婚姻状况和抚养能力证明", items, SEED_KINDS
    )
    assert result.verdict is Verdict.ALLOWED
    assert result.best is not None
    assert result.best.item.name == "收养人婚姻状况和抚养教育被收养人能力证明"
    general = check_certificate("开一个婚姻状况证明", items, SEED_KINDS)
    assert general.verdict is Verdict.FORBIDDEN
    assert general.best is not None
    assert general.best.item.alternative_route is not None


def test_withdrawn_items_do_not_match(items: list[ListItem]) -> None:
    import dataclasses

    gone = [
        dataclasses.replace(i, status=ItemStatus.WITHDRAWN)
        if i.name == "组织开展爱国卫生运动"
        else i
        for i in items
    ]
    result = check_task("请各村组织开展爱国卫生运动", gone, SEED_KINDS)
    assert all(c.item.name != "组织开展爱国卫生运动" for c in result.candidates)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请输入"),
        ("   \u3000 ", "请输入"),
        ("，。！？……——", "只有标点"),
        ("《》【】", "只有标点"),
        ("爱", "只有一个字"),
        ("  低。", "只有一个字"),
    ],
)
def test_bad_input_is_refused(matcher: Matcher, text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        matcher.check(text)
    assert message in str(err.value)
    with pytest.raises(ValidationError):
        matcher.check_certificate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please ask every village to organise a patriotic health campaign.",
        "各村へ：来週までに防災訓練の参加者名簿を提出してください。",
        "각 마을은 금요일까지 보고하십시오.",
    ],
)
def test_other_language_is_unlisted_with_note(matcher: Matcher, text: str) -> None:
    result = matcher.check(text)
    assert result.verdict is Verdict.UNLISTED
    assert "不是中文" in result.note


def test_long_notice_is_checked(matcher: Matcher) -> None:
    filler = "为进一步做好各项工作，各单位要高度重视，认真组织实施，确保取得实效。"
    text = "请各村组织开展爱国卫生运动，清理房前屋后卫生死角。" + filler * 700
    assert len(text) > 20_000
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert "20000" in result.note


def test_traditional_text_matches(matcher: Matcher) -> None:
    result = matcher.check("請各村協助開展城鄉居民基本醫療保險參保登記")
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None
    assert result.best.item.kind == "assist"


def test_empty_item_set_says_unlisted() -> None:
    result = Matcher([], SEED_KINDS).check("请各村组织开展爱国卫生运动")
    assert result.verdict is Verdict.UNLISTED
    assert result.candidates == ()


def test_generated_items_keep_the_verdict(items: list[ListItem]) -> None:
    big = Matcher(mf.generate_items(items, 1000), SEED_KINDS)
    assert len(big.items) == 1000
    result = big.check("请各村协助开展防范电信网络诈骗宣传")
    assert result.verdict is Verdict.ADMITTED


#: Dev and the spent held-out sets (tuned on, so not a measure): floors a little under the
#: figures at the time, so that a change elsewhere cannot lower them unseen. A negative task
#: admitted stays the one error never allowed, on each of them. Never floors on test or on a
#: sealed set.
TUNED_TASK_ACCURACY = {
    "eval_holdout5": 0.91,
    "eval_holdout4": 0.92,
    "dev": 0.92,
    "eval_holdout": 0.82,
    "eval_holdout2": 0.92,
    "eval_holdout3": 0.93,
}
TUNED_CERT_ACCURACY = {
    "eval_holdout5": 0.64,
    "eval_holdout4": 0.97,
    "dev": 0.97,
    "eval_holdout": 0.95,
    "eval_holdout2": 0.95,
    "eval_holdout3": 0.95,
}


@pytest.mark.parametrize("name", sorted(TUNED_TASK_ACCURACY))
def test_tuned_sets_keep_their_figures_and_admit_no_negative_task(name: str) -> None:
    figs = mf.figures_for(name)
    assert figs["tasks"].negative_admitted == 0, figs["tasks"].confusion
    assert figs["tasks"].accuracy >= TUNED_TASK_ACCURACY[name], figs["tasks"].confusion
    assert figs["certs"].accuracy >= TUNED_CERT_ACCURACY[name], figs["certs"].confusion
    # a certificate that may not be issued is never called one that may be
    assert figs["certs"].confusion["forbidden", "allowed"] == 0, figs["certs"].confusion


def test_a_listed_duty_judged_by_its_records_measure_is_not_admitted() -> None:
    # A listed duty (patrolling the river) asked in the form a negative item forbids: a
    # record's measure (photos counted, a track's minutes) as the test of the work done.
    matcher = Matcher(
        [
            ListItem(kind="duty", name="组织村级河长定期巡河，发现河道问题及时上报"),
            ListItem(kind="negative", name="不得以巡查时长或里程作为河长巡河是否有效的依据"),
            ListItem(kind="negative", name="不得以图片的张数作为村干部巡查工作完成的依据"),
        ],
        SEED_KINDS,
    )
    plain = matcher.check("请各村级河长本月定期巡河，发现河道问题及时上报乡河长办。")
    assert plain.verdict is Verdict.ADMITTED
    for text in (
        "村级河长每次巡河，轨迹少于四十分钟的一律不算，请定期巡河，发现问题及时上报。",
        "村级河长巡河上报的图片少于四幅的，本次巡河视为无效。",
    ):
        assert matcher.check(text).verdict is not Verdict.ADMITTED, text


def test_a_listed_duty_done_as_a_show_for_an_inspection_is_not_admitted() -> None:
    # A listed duty (the clinic's stock count) asked as records made up for an inspection:
    # the form the negative item forbids. Its subject (the records faked) still meets the
    # item without the inspection named, as an item naming no form did before.
    matcher = Matcher(
        [
            ListItem(kind="duty", name="村卫生室按月开展药品盘点，做好药品进销存管理"),
            ListItem(kind="negative", name="为应付检查要求村里补做、编造卫生室药品盘点记录"),
        ],
        SEED_KINDS,
    )
    faked = matcher.check("暗访组明天要查，药品盘点没做的今晚补写出来，日期往前填。")
    assert faked.verdict is Verdict.NEGATIVE
    assert "迎检作秀" in faked.demands
    made_up = matcher.check("卫生室药品盘点记录空了好几个月，赶紧找人照着发票编出来。")
    assert made_up.verdict is Verdict.NEGATIVE


def test_a_form_the_listed_item_names_itself_is_not_forbidden_for_it() -> None:
    # The county lists the task with its form (承诺书 of a banquet, 考核 of a recruit's
    # politics): a notice asking it in those words is the listed task, with a note saying why
    # the negative item does not decide. A form beyond the item's words (责任书) still does.
    matcher = Matcher(
        [
            ListItem(kind="duty", name="受理村民集体聚餐报告，提醒举办者签订食品安全承诺书"),
            ListItem(kind="duty", name="配合征兵政治考核，走访了解应征青年现实表现"),
            ListItem(kind="duty", name="协助巡查违法占地，发现后及时报告，不承担执法"),
            ListItem(kind="negative", name="不得要求村(社区)组织群众签订各类承诺书、责任书"),
            ListItem(kind="negative", name="不得要求村(社区)参加上级部门组织的各类考核评比"),
            ListItem(kind="negative", name="不得要求村(社区)承担行政执法、处罚事项"),
        ],
        SEED_KINDS,
    )
    banquet = matcher.check(
        "春节前村民家里办酒席超过五桌的，请村里做好聚餐报告登记，让举办人签一份食品安全承诺书。"
    )
    assert banquet.verdict is Verdict.ADMITTED
    assert "本身要求承诺书" in banquet.note
    recruits = matcher.check(
        "县征兵办：政治考核组下周到村走访，请村干部如实介绍应征青年的现实表现。"
    )
    assert recruits.verdict is Verdict.ADMITTED
    more = matcher.check(
        "春节前村民家里办酒席超过五桌的，请村里做好聚餐报告登记，让举办人签食品安全承诺书和安全责任书。"
    )
    assert more.verdict is Verdict.NEGATIVE
    denied = matcher.check("请各村巡查违法占地，发现后及时报告，并由村里对违法户执法。")
    assert denied.verdict is not Verdict.ADMITTED


def test_weddings_and_funerals_as_villages_say_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # 婚丧 / 白事 for the lists' 红白事, 酒席 for 聚餐: everyday words of village customs
    monkeypatch.setattr(matching, "EVIDENCE_ROUTE", False)
    matcher = Matcher(
        [
            ListItem(kind="duty", name="村民操办红白事应事先向村红白理事会报告"),
            ListItem(kind="duty", name="组织开展爱国卫生运动"),
        ],
        SEED_KINDS,
    )
    for text in (
        "请各村提醒村民，家里办婚丧的事先跟理事会报告一声。",
        "老李家下周办白事，请村里提醒他先向理事会报告。",
    ):
        assert matcher.check(text).verdict is Verdict.ADMITTED, text


def test_a_form_an_item_denies_or_gives_to_another_is_not_its_own() -> None:
    # An item's content may say what the village does not do (不承担行政执法职责) or who
    # does it: a notice asking that form of the village is still negative.
    matcher = Matcher(
        [
            ListItem(
                kind="assist",
                name="协助开展违法占地和违法建设巡查报告",
                content="村级负责日常巡查、及时报告，不承担行政执法职责",
            ),
            ListItem(
                kind="assist",
                name="协助开展森林防灭火宣传和野外用火巡查",
                content="不得要求村(社区)与农户签订防火责任书",
            ),
            ListItem(kind="negative", name="不得要求村(社区)承担行政执法、处罚事项"),
            ListItem(kind="negative", name="不得要求村(社区)组织群众签订各类承诺书、责任书"),
        ],
        SEED_KINDS,
    )
    for text in (
        "请各村做好违法占地和违法建设巡查报告，发现后由村里直接执法。",
        "请各村做好森林防火宣传和野外用火巡查，与每户签订防火责任书。",
    ):
        assert matcher.check(text).verdict is Verdict.NEGATIVE, text


def test_an_office_that_cannot_check_is_the_forbidden_item() -> None:
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="部门无法查询核实的个人情况证明"),
            ListItem(kind="cert_allowed", name="村民外出务工需要的务工证明"),
        ],
        SEED_KINDS,
    )
    for text in (
        "社保局说系统里查不到我以前的婚姻记录，让我找村里开个证明。",
        "县里说没法核实我爸是不是还在世，叫到村里开张证明。",
    ):
        assert matcher.check_certificate(text).verdict is Verdict.FORBIDDEN, text


def test_a_request_naming_the_forbidden_paper_for_its_use_is_refused() -> None:
    matcher = Matcher(
        [
            ListItem(
                kind="cert_forbidden",
                name="子女入学所需的居住证明（凭房产证、租赁备案等材料直接到学校办理）",
            ),
            ListItem(kind="cert_forbidden", name="婚姻状况证明"),
            ListItem(kind="cert_forbidden", name="亲属关系证明"),
            ListItem(kind="cert_allowed", name="村民外出务工需要的务工证明"),
            ListItem(kind="cert_allowed", name="家庭经济困难学生申请助学金的家庭经济情况证明"),
        ],
        SEED_KINDS,
    )
    school = matcher.check_certificate("孩子九月上小学，学校叫我们到村里开个居住证明。")
    assert school.verdict is Verdict.FORBIDDEN
    assert "按证明的名称判断" in school.note
    # the same paper for another use is not the item's
    tricycle = matcher.check_certificate("买了辆三轮车上牌，车管所说要村里开个住址证明。")
    assert tricycle.verdict is not Verdict.FORBIDDEN


def test_of_two_items_scored_alike_the_one_the_notice_names_goes_first(
    matcher: Matcher,
) -> None:
    # Both insurance items share 城乡居民…参保登记 and the 宣传/动员 line covers the medical one's
    # clause a little better; the notice names only 养老保险 (or 医疗保险), the item's rarest word.
    notice = (
        "关于做好2027年度城乡居民基本养老保险参保缴费工作的通知\n各乡镇人民政府：\n"
        "一、请各乡镇组织村（社区）做好政策宣传，动员符合条件的城乡居民按时参保缴费。\n"
        "二、各村（社区）要建立参保缴费工作台账，逐户登记未参保人员情况，于每月5日前报送乡镇社保所。"
    )
    pension = matcher.check(notice)
    assert pension.verdict is Verdict.ADMITTED
    assert pension.best is not None and "养老保险" in pension.best.item.name
    medical = matcher.check(notice.replace("养老保险", "医疗保险"))
    assert medical.best is not None and "医疗保险" in medical.best.item.name


def test_a_request_shortening_the_forbidden_paper_is_refused_by_it() -> None:
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="求职应聘所需的无违法犯罪情况证明"),
            ListItem(kind="cert_forbidden", name="婚姻状况证明"),
            ListItem(kind="cert_allowed", name="村民外出务工需要的务工证明"),
            ListItem(kind="cert_allowed", name="低保家庭申请救助的家庭经济状况证明"),
        ],
        SEED_KINDS,
    )
    shortened = matcher.check_certificate("快递站招分拣员，站长叫我回村里开张无犯罪证明。")
    assert shortened.verdict is Verdict.FORBIDDEN
    assert "按证明的名称判断" in shortened.note
    # two characters in order are no name of it (无违 … 情况 hold 无情)
    assert matcher.check_certificate("村里能开个无情证明吗？").verdict is not Verdict.FORBIDDEN


def test_forbidden_papers_asked_for_in_everyday_words_are_refused() -> None:
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="无业证明、低收入证明"),
            ListItem(kind="cert_forbidden", name="大月份引产证明"),
            ListItem(kind="cert_forbidden", name="电动自行车车主身份证明"),
            ListItem(kind="cert_allowed", name="村民宅基地建房申请的村级审查意见"),
            ListItem(kind="cert_allowed", name="村民外出务工需要的务工证明"),
        ],
        SEED_KINDS,
    )
    for text in (
        "法院调解要我开个没工作的证明，社区能给开一张吗？",  # 无业
        "医院说要村里开个终止妊娠的证明才给做手术。",  # 引产
        "电动车被城管拖走了，要社区开证明说这车是我的。",  # 车主
    ):
        assert matcher.check_certificate(text).verdict is Verdict.FORBIDDEN, text


def test_a_matter_residents_talked_over_and_agreed_is_the_consultation_item() -> None:
    matcher = Matcher(
        [
            ListItem(
                kind="cert_allowed",
                name="涉及多数居民切身利益、经居民协商同意并由居委会主任签字出具的证明",
            ),
            ListItem(kind="cert_forbidden", name="亲属关系证明"),
            ListItem(kind="cert_allowed", name="村民外出务工需要的务工证明"),
        ],
        SEED_KINDS,
    )
    agreed = matcher.check_certificate("楼里大多数住户商量好了要装监控，物业要居委会出个证明。")
    assert agreed.verdict is Verdict.ALLOWED


def test_an_unlisted_certificate_is_sure_only_when_no_item_comes_near() -> None:
    from jianfu.domain.lists import KindMeaning
    from jianfu.domain.matching import Confidence

    below = matching.UNLISTED_CONFIDENT_BELOW[KindMeaning.MAY_ISSUE]
    by = matching.UNLISTED_CONFIDENT_BY[KindMeaning.MAY_ISSUE]
    args = (Verdict.UNLISTED, None)
    # an allowed item at 15: far under its threshold (42), but near enough to be looked at
    assert matching._confidence(*args, 15.0, 0.0, 42.0, 30.0, by, below) is Confidence.LOW
    assert matching._confidence(*args, 15.0, 0.0, 42.0, 30.0, by) is Confidence.HIGH
    assert matching._confidence(*args, 9.0, 0.0, 42.0, 30.0, by, below) is Confidence.HIGH
    # tasks keep their margin alone
    assert matching.UNLISTED_CONFIDENT_BELOW[KindMeaning.ADMITTED] is None
