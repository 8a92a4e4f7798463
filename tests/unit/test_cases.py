"""Admission cases: transitions, history, input checks, working-day deadlines and reminders."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import chinese_calendar
import pytest

from jianfu.domain.cases import (
    AdmissionCase,
    ApprovalConditions,
    CaseAction,
    CaseInput,
    CaseStatus,
    IllegalTransitionError,
    MechanismLevel,
    ReminderKind,
    allowed_actions,
    case_deadlines,
    days_left,
    decision_due,
    is_overdue,
    is_terminal,
    next_status,
    reminders,
    review_chain,
    standing_label,
    status_label,
)
from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.domain.lists import ItemNature
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.workdays import WorkdayCalendar

D = dt.date
S = CaseStatus
A = CaseAction

#: The legal steps, written out by hand (not read back from the module's table).
COUNTY_LEGAL: dict[tuple[CaseStatus, CaseAction], CaseStatus] = {
    (S.RECEIVED, A.SUBMIT_TOWNSHIP_OPINION): S.TOWNSHIP_OPINION,
    (S.RECEIVED, A.RETURN_FOR_CORRECTION): S.RETURNED,
    (S.TOWNSHIP_OPINION, A.SUBMIT_COUNTY_REVIEW): S.COUNTY_REVIEW,
    (S.TOWNSHIP_OPINION, A.RETURN_FOR_CORRECTION): S.RETURNED,
    (S.COUNTY_REVIEW, A.REFER_TO_MECHANISM): S.MECHANISM_REVIEW,
    (S.COUNTY_REVIEW, A.RETURN_FOR_CORRECTION): S.RETURNED,
    (S.MECHANISM_REVIEW, A.APPROVE): S.APPROVED,
    (S.MECHANISM_REVIEW, A.REFUSE): S.REFUSED,
    (S.MECHANISM_REVIEW, A.RETURN_FOR_CORRECTION): S.RETURNED,
    (S.RETURNED, A.RESUBMIT): S.RECEIVED,
    (S.APPROVED, A.WITHDRAW): S.WITHDRAWN,
}
#: A township-level mechanism skips the county review.
TOWNSHIP_LEGAL: dict[tuple[CaseStatus, CaseAction], CaseStatus] = {
    (status, action): target
    for (status, action), target in COUNTY_LEGAL.items()
    if S.COUNTY_REVIEW not in (status, target)
} | {(S.TOWNSHIP_OPINION, A.REFER_TO_MECHANISM): S.MECHANISM_REVIEW}
LEGAL = {
    MechanismLevel.CITY: COUNTY_LEGAL,
    MechanismLevel.COUNTY: COUNTY_LEGAL,
    MechanismLevel.TOWNSHIP: TOWNSHIP_LEGAL,
}
ILLEGAL = [
    (level, status, action)
    for level in MechanismLevel
    for status, action in itertools.product(CaseStatus, CaseAction)
    if (status, action) not in LEGAL[level]
]


def workday_oracle(start: dt.date, n: int) -> dt.date:
    """``n`` working days after ``start``, straight from ``chinese_calendar``."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


@pytest.fixture
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


@pytest.fixture
def settings() -> TownshipSettings:
    return TownshipSettings(township_name="示范镇", mechanism_name="示范县减负工作组")


def make_input(**changes: object) -> CaseInput:
    base = CaseInput(
        title="  农村人居环境整治入户宣传 ",
        department="县农业农村局",
        content="入户发放宣传资料并登记整改情况",
        villages=("东村", " 西村 ", "东村", ""),
        start_date=D(2026, 6, 1),
        end_date=D(2026, 9, 30),
        received_on=D(2026, 3, 2),
        nature=ItemNature.TEMPORARY,
        document_number="农发〔2026〕3号",
        funding="按户数拨付工作经费",
        phone="0593-1234567",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def open_case(settings: TownshipSettings, cal: WorkdayCalendar, **changes: object) -> AdmissionCase:
    request = make_input(**changes).cleaned(cal, settings, accept_short_notice=True)
    return AdmissionCase.open(
        request, at=at(request.received_on), operator="李文书", settings=settings
    )


def walk(case: AdmissionCase, *actions: CaseAction, day: dt.date | None = None) -> AdmissionCase:
    when = at(day or case.request.received_on, 10)
    for action in actions:
        comment = "理由" if action in (A.RETURN_FOR_CORRECTION, A.REFUSE, A.WITHDRAW) else ""
        conditions = (
            ApprovalConditions(D(2026, 6, 1), D(2026, 9, 30), funding="县财政拨付")
            if action is A.APPROVE
            else None
        )
        case = case.advance(
            action, at=when, operator="李文书", comment=comment, conditions=conditions
        )
    return case


# ---------------------------------------------------------------- transitions


@pytest.mark.parametrize(
    ("level", "status", "action", "expected"),
    [(lvl, s, a, t) for lvl, table in LEGAL.items() for (s, a), t in table.items()],
)
def test_every_legal_transition(
    level: MechanismLevel, status: CaseStatus, action: CaseAction, expected: CaseStatus
) -> None:
    assert next_status(status, action, level) is expected
    assert action in allowed_actions(status, level)


@pytest.mark.parametrize(("level", "status", "action"), ILLEGAL)
def test_every_illegal_transition_is_refused(
    level: MechanismLevel, status: CaseStatus, action: CaseAction
) -> None:
    with pytest.raises(IllegalTransitionError) as caught:
        next_status(status, action, level)
    message = str(caught.value)
    assert isinstance(caught.value, JianfuError)
    # where the case stands: 待报县级审核 once the township's opinion is given
    assert f"当前环节为“{standing_label(status, level)}”" in message
    assert f"不能办理“{action}”" in message
    allowed = allowed_actions(status, level)
    assert caught.value.allowed == allowed
    for other in allowed:
        assert f"“{other}”" in message
    if not allowed:
        assert ("已办结" in message) is is_terminal(status)


def test_allowed_actions_per_level() -> None:
    for level, table in LEGAL.items():
        for status in CaseStatus:
            expected = {a for (s, a) in table if s is status}
            assert set(allowed_actions(status, level)) == expected


def test_illegal_message_reads_well() -> None:
    with pytest.raises(IllegalTransitionError) as caught:
        next_status(S.COUNTY_REVIEW, A.APPROVE)
    assert str(caught.value) == (
        "当前环节为“县级审核”，不能办理“批准”；可以办理：“报协调机制”、“退回补正”"
    )
    with pytest.raises(IllegalTransitionError, match="已办结"):
        next_status(S.REFUSED, A.RESUBMIT)


def test_review_chain_skips_levels_above_a_township_mechanism() -> None:
    full = (S.RECEIVED, S.TOWNSHIP_OPINION, S.COUNTY_REVIEW, S.MECHANISM_REVIEW)
    assert review_chain("市") == full
    assert review_chain("县") == full
    assert review_chain("乡镇") == (S.RECEIVED, S.TOWNSHIP_OPINION, S.MECHANISM_REVIEW)
    with pytest.raises(IllegalTransitionError, match="没有这一环节"):
        next_status(S.COUNTY_REVIEW, A.REFER_TO_MECHANISM, "乡镇")


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValidationError, match="协调机制层级只能是"):
        allowed_actions(S.RECEIVED, "省")


def test_terminal_statuses() -> None:
    assert {s for s in CaseStatus if is_terminal(s)} == {S.REFUSED, S.WITHDRAWN}
    for level in MechanismLevel:
        assert allowed_actions(S.REFUSED, level) == ()
        assert allowed_actions(S.WITHDRAWN, level) == ()
        assert allowed_actions(S.APPROVED, level) == (A.WITHDRAW,)


def test_status_label_uses_the_mechanism_name(settings: TownshipSettings) -> None:
    assert status_label(S.MECHANISM_REVIEW, settings) == "示范县减负工作组审批"
    assert status_label(S.TOWNSHIP_OPINION, settings) == "乡镇(街道)意见"
    assert status_label(S.COUNTY_REVIEW, settings) == "县级审核"


def test_a_case_whose_township_opinion_is_given_stands_waiting_to_be_sent_up(
    settings: TownshipSettings,
) -> None:
    """提交乡镇意见 brings a case to 乡镇意见, and 报县级审核 is a step of its own: 当前环节
    said 乡镇(街道)意见 until then, as if the township's opinion were still missing. The step
    keeps its name in the history (status_label); where the case stands says what it waits
    for, at each level of the mechanism."""
    for level in (MechanismLevel.CITY, MechanismLevel.COUNTY):
        assert standing_label(S.TOWNSHIP_OPINION, level) == "待报县级审核"
        assert allowed_actions(S.TOWNSHIP_OPINION, level)[0] is A.SUBMIT_COUNTY_REVIEW
    assert standing_label(S.TOWNSHIP_OPINION, MechanismLevel.TOWNSHIP) == "待报协调机制"
    assert allowed_actions(S.TOWNSHIP_OPINION, "乡镇")[0] is A.REFER_TO_MECHANISM
    assert standing_label(S.TOWNSHIP_OPINION, "县", settings) == "待报县级审核"
    # every other status stands at its step's name, the mechanism's with its own name
    for status in set(CaseStatus) - {S.TOWNSHIP_OPINION}:
        assert standing_label(status) == status.label
        assert standing_label(status, "县", settings) == status_label(status, settings)
    assert standing_label(S.MECHANISM_REVIEW, "市", settings) == "示范县减负工作组审批"


# ---------------------------------------------------------------- the case and its history


def test_history_keeps_who_when_and_why(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = open_case(settings, cal)
    assert case.status is S.RECEIVED
    assert case.level is MechanismLevel.COUNTY
    assert case.decision_working_days == 15
    steps = [
        (A.SUBMIT_TOWNSHIP_OPINION, D(2026, 3, 3), "王主任", "同意上报"),
        (A.RETURN_FOR_CORRECTION, D(2026, 3, 4), "张科长", "请补充经费来源"),
        (A.RESUBMIT, D(2026, 3, 10), "李文书", ""),
        (A.SUBMIT_TOWNSHIP_OPINION, D(2026, 3, 11), "王主任", ""),
        (A.SUBMIT_COUNTY_REVIEW, D(2026, 3, 12), "王主任", ""),
        (A.REFER_TO_MECHANISM, D(2026, 3, 13), "张科长", "建议准入"),
    ]
    for action, day, who, comment in steps:
        before = case
        case = case.advance(action, at=at(day), operator=who, comment=comment)
        assert before.history == case.history[:-1]  # the old case is untouched
    approved = case.advance(
        A.APPROVE,
        at=at(D(2026, 3, 20)),
        operator=" 赵组长 ",
        comment="同意",
        conditions=ApprovalConditions(
            D(2026, 6, 1), D(2026, 9, 30), " 不得单独考核 ", "县财政按户拨付", "培训 2 次"
        ),
    )
    assert [s.status for s in approved.history] == [
        S.RECEIVED, S.TOWNSHIP_OPINION, S.RETURNED, S.RECEIVED, S.TOWNSHIP_OPINION,
        S.COUNTY_REVIEW, S.MECHANISM_REVIEW, S.APPROVED,
    ]  # fmt: skip
    last = approved.history[-1]
    assert (last.action, last.operator, last.comment) == (A.APPROVE, "赵组长", "同意")
    assert last.at == at(D(2026, 3, 20))
    assert approved.history[2].comment == "请补充经费来源"
    assert approved.conditions is not None
    assert approved.conditions.conditions == "不得单独考核"
    assert approved.allowed_actions() == (A.WITHDRAW,)

    withdrawn = approved.advance(
        A.WITHDRAW, at=at(D(2026, 10, 9)), operator="李文书", comment="临时事项到期"
    )
    assert withdrawn.is_terminal
    assert withdrawn.conditions == approved.conditions


def test_illegal_step_changes_nothing(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = open_case(settings, cal)
    with pytest.raises(IllegalTransitionError, match="当前环节为“已受理”"):
        case.advance(A.APPROVE, at=at(D(2026, 3, 3)), operator="李文书")
    assert case.status is S.RECEIVED
    assert len(case.history) == 1


def test_step_input_is_checked(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = walk(open_case(settings, cal), A.SUBMIT_TOWNSHIP_OPINION)
    with pytest.raises(ValidationError) as caught:
        case.advance(A.RETURN_FOR_CORRECTION, at=at(D(2026, 3, 1)), operator=" ")
    err = caught.value
    assert err.for_field("operator") == "经办人不能为空"
    assert err.for_field("comment") == "“退回补正”须写明理由"
    assert "不能早于上一环节" in (err.for_field("at") or "")
    with pytest.raises(ValidationError, match="不能超过 1000 个字"):
        case.advance(
            A.SUBMIT_COUNTY_REVIEW, at=at(D(2026, 3, 4)), operator="甲", comment="长" * 1001
        )
    with pytest.raises(ValidationError, match="不填写准入条件"):
        case.advance(
            A.SUBMIT_COUNTY_REVIEW,
            at=at(D(2026, 3, 4)),
            operator="甲",
            conditions=ApprovalConditions(D(2026, 6, 1), funding="无"),
        )
    assert case.status is S.TOWNSHIP_OPINION


def test_approval_needs_valid_conditions(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = walk(
        open_case(settings, cal),
        A.SUBMIT_TOWNSHIP_OPINION,
        A.SUBMIT_COUNTY_REVIEW,
        A.REFER_TO_MECHANISM,
    )
    when = at(D(2026, 3, 20))
    with pytest.raises(ValidationError, match="批准准入须填写准入期限和经费保障"):
        case.advance(A.APPROVE, at=when, operator="赵组长")
    with pytest.raises(ValidationError) as caught:
        case.advance(
            A.APPROVE,
            at=when,
            operator="赵组长",
            conditions=ApprovalConditions(D(2026, 9, 30), D(2026, 6, 1)),
        )
    assert caught.value.for_field("end_date") == (
        "结束日期（2026年6月1日）不能早于开始日期（2026年9月30日）"
    )
    assert "费随事转" in (caught.value.for_field("funding") or "")
    with pytest.raises(ValidationError, match="临时事项须填写结束日期"):
        case.advance(
            A.APPROVE,
            at=when,
            operator="赵组长",
            conditions=ApprovalConditions(D(2026, 6, 1), funding="无"),
        )
    assert case.status is S.MECHANISM_REVIEW
    assert case.conditions is None


def test_township_mechanism_skips_county_review(cal: WorkdayCalendar) -> None:
    local = TownshipSettings(
        township_name="示范镇", mechanism_level="乡镇", decision_working_days=10
    )
    case = open_case(local, cal)
    assert case.level is MechanismLevel.TOWNSHIP
    assert case.decision_working_days == 10
    case = walk(case, A.SUBMIT_TOWNSHIP_OPINION, A.REFER_TO_MECHANISM, A.APPROVE)
    assert case.status is S.APPROVED
    assert S.COUNTY_REVIEW not in {s.status for s in case.history}


def test_refused_case_is_closed(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = walk(
        open_case(settings, cal),
        A.SUBMIT_TOWNSHIP_OPINION,
        A.SUBMIT_COUNTY_REVIEW,
        A.REFER_TO_MECHANISM,
        A.REFUSE,
    )
    assert case.is_terminal
    assert case.allowed_actions() == ()
    with pytest.raises(IllegalTransitionError, match="已办结"):
        walk(case, A.RESUBMIT)


# ---------------------------------------------------------------- input


def test_input_is_trimmed(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    cleaned = make_input().cleaned(cal, settings)
    assert cleaned.title == "农村人居环境整治入户宣传"
    assert cleaned.villages == ("东村", "西村")


def test_required_fields(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    bad = make_input(
        title=" ", department="", content="\u3000", villages=(" ",), nature=None, start_date=None
    )
    with pytest.raises(ValidationError) as caught:
        bad.cleaned(cal, settings)
    err = caught.value
    assert err.for_field("title") == "事项名称不能为空"
    assert err.for_field("department") == "申请单位不能为空"
    assert err.for_field("content") == "村(社区)承担的具体工作不能为空"
    assert err.for_field("villages") == "涉及村(社区)至少选一个"
    assert err.for_field("nature") == "事项性质不能为空（长期、阶段或临时）"
    assert err.for_field("start_date") == "开始日期不能为空"


def test_end_before_start_is_refused(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    with pytest.raises(ValidationError) as caught:
        make_input(end_date=D(2026, 5, 31)).cleaned(cal, settings)
    assert caught.value.for_field("end_date") == (
        "结束日期（2026年5月31日）不能早于开始日期（2026年6月1日）"
    )
    make_input(end_date=D(2026, 6, 1)).cleaned(cal, settings)  # one day is fine


def test_temporary_task_needs_an_end(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    with pytest.raises(ValidationError, match="临时事项须填写结束日期"):
        make_input(end_date=None).cleaned(cal, settings)
    make_input(end_date=None, nature=ItemNature.LONG_TERM).cleaned(cal, settings)


def test_over_long_text_and_bad_phone(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    bad = make_input(title="事" * 201, funding="钱" * 501, phone="abc", villages=("村" * 61,))
    with pytest.raises(ValidationError) as caught:
        bad.cleaned(cal, settings)
    err = caught.value
    assert err.for_field("title") == "事项名称不能超过 200 个字（现有 201 个）"
    assert err.for_field("funding") == "经费保障不能超过 500 个字（现有 501 个）"
    assert "联系电话只能包含数字" in (err.for_field("phone") or "")
    assert "不能超过 60 个字" in (err.for_field("villages") or "")


# ---------------------------------------------------------------- working-day deadlines


def test_spring_festival_2026_is_in_the_calendar(cal: WorkdayCalendar) -> None:
    for day in (D(2026, 2, d) for d in range(15, 24)):
        assert not cal.is_workday(day)
        assert not chinese_calendar.is_workday(day)
    for make_up in (D(2026, 2, 14), D(2026, 2, 28)):  # Saturdays worked
        assert make_up.weekday() == 5
        assert cal.is_workday(make_up)
        assert chinese_calendar.is_workday(make_up)


def test_notice_across_the_spring_festival(
    settings: TownshipSettings, cal: WorkdayCalendar
) -> None:
    received = D(2026, 2, 2)  # a Monday; the 30 working days span the holiday
    earliest = workday_oracle(received, 30)
    assert earliest == D(2026, 3, 20)
    naive = received + dt.timedelta(weeks=6)  # 30 weekdays if there were no holiday
    assert naive < earliest

    deadlines = case_deadlines(received, naive, cal, settings)
    assert deadlines.earliest_start == earliest
    assert deadlines.notice_given == 26
    assert not deadlines.notice_ok
    assert deadlines.warning == ""
    assert deadlines.notice_message == (
        "开始日期（2026年3月16日）距收文日期（2026年2月2日）只有 26 个工作日，"
        "应至少提前 30 个工作日申请；按法定节假日和调休安排，最早可定于 2026年3月20日 开始"
    )
    assert case_deadlines(received, earliest, cal, settings).notice_ok

    late = make_input(received_on=received, start_date=naive, end_date=D(2026, 4, 30))
    with pytest.raises(ValidationError) as caught:
        late.cleaned(cal, settings)
    assert "最早可定于 2026年3月20日" in (caught.value.for_field("start_date") or "")
    assert late.cleaned(cal, settings, accept_short_notice=True).start_date == naive
    replace(late, start_date=earliest).cleaned(cal, settings)


def test_start_before_receipt_is_too_soon(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    deadlines = case_deadlines(D(2026, 3, 2), D(2026, 3, 1), cal, settings)
    assert not deadlines.notice_ok
    assert deadlines.notice_message.startswith(
        "开始日期（2026年3月1日）不晚于收文日期（2026年3月2日）"
    )


def test_decision_due_across_national_day_2026(
    settings: TownshipSettings, cal: WorkdayCalendar
) -> None:
    received = D(2026, 9, 28)
    expected = workday_oracle(received, 15)
    assert not cal.is_workday(D(2026, 10, 1)) and cal.is_workday(D(2026, 10, 10))
    deadlines = case_deadlines(received, D(2026, 12, 1), cal, settings)
    assert deadlines.decision_due == expected == D(2026, 10, 23)
    assert deadlines.notice_ok

    case = open_case(settings, cal, received_on=received, start_date=D(2026, 12, 1),
                     end_date=D(2026, 12, 31))  # fmt: skip
    assert decision_due(case, cal).value == expected
    assert days_left(case, D(2026, 9, 30), cal).value == 13
    assert days_left(case, D(2026, 10, 7), cal).value == 13  # the holiday week is not counted
    assert not is_overdue(case, expected, cal)
    assert is_overdue(case, expected + dt.timedelta(days=1), cal)
    assert days_left(case, D(2026, 10, 27), cal).value == -2


def test_returned_case_stops_the_clock(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = open_case(settings, cal)  # received 2 March 2026
    due = decision_due(case, cal).value
    assert due == workday_oracle(D(2026, 3, 2), 15)
    returned = walk(case, A.RETURN_FOR_CORRECTION)
    assert not is_overdue(returned, D(2026, 5, 1), cal)
    again = returned.advance(A.RESUBMIT, at=at(D(2026, 4, 1)), operator="李文书")
    assert again.clock_start == D(2026, 4, 1)
    assert decision_due(again, cal).value == workday_oracle(D(2026, 4, 1), 15)


def test_local_override_moves_the_due_date(settings: TownshipSettings) -> None:
    plain = WorkdayCalendar()
    case = open_case(settings, plain)
    due = decision_due(case, plain).value
    assert isinstance(due, dt.date)
    local = WorkdayCalendar({D(2026, 3, 3): False})  # a local day off
    assert decision_due(case, local).value == plain.add_working_days(due, 1)


def test_uncovered_year_warns(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    assert not cal.covered(2027)
    deadlines = case_deadlines(D(2026, 12, 21), D(2027, 3, 1), cal, settings)
    assert "2027年" in deadlines.warning
    assert "按周一至周五" in deadlines.warning and "导入" in deadlines.warning
    case = open_case(
        settings, cal, received_on=D(2026, 12, 21), start_date=D(2027, 3, 1),
        end_date=D(2027, 6, 30),
    )  # fmt: skip
    assert decision_due(case, cal).estimated
    (reminder,) = reminders([case], D(2027, 1, 12), cal, within=5)
    assert "2027年" in reminder.warning
    assert case_deadlines(D(2026, 3, 2), D(2026, 6, 1), cal, settings).warning == ""


# ---------------------------------------------------------------- reminders


def test_reminders_are_sorted_and_worded(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    today = D(2026, 4, 15)  # a Wednesday

    def received(days_before: int, title: str, case_id: int) -> AdmissionCase:
        day = cal.add_working_days(today, days_before - 15)  # due ``days_before`` from today
        case = open_case(settings, cal, title=title, received_on=day)
        return replace(case, id=case_id)

    overdue = received(-2, "逾期两天", 1)
    due_today = received(0, "今天到期", 2)
    three_left = received(3, "还剩三天", 3)
    far = received(10, "还早", 4)
    returned = walk(received(-5, "已退回", 5), A.RETURN_FOR_CORRECTION)
    refused = walk(
        received(-5, "已否决", 6),
        A.SUBMIT_TOWNSHIP_OPINION,
        A.SUBMIT_COUNTY_REVIEW,
        A.REFER_TO_MECHANISM,
        A.REFUSE,
    )
    expired = walk(
        received(-60, "已到期", 7),
        A.SUBMIT_TOWNSHIP_OPINION,
        A.SUBMIT_COUNTY_REVIEW,
        A.REFER_TO_MECHANISM,
        A.APPROVE,
    )
    assert expired.conditions is not None
    expired = replace(expired, conditions=replace(expired.conditions, end_date=D(2026, 4, 10)))
    assert is_overdue(overdue, today, cal)
    assert not is_overdue(returned, today, cal)

    found = reminders([far, three_left, refused, due_today, expired, returned, overdue], today, cal)
    assert [r.title for r in found] == ["已到期", "逾期两天", "今天到期", "还剩三天"]
    assert [r.text for r in found[1:]] == ["已逾期 2 个工作日", "今天到期", "还剩 3 个工作日"]
    assert [r.overdue for r in found] == [True, True, False, False]
    assert [r.days_left for r in found[1:]] == [-2, 0, 3]
    assert found[0].kind is ReminderKind.EXPIRED
    assert found[0].text == "准入期限已于 2026年4月10日 届满，请办理退出"
    assert found[1].kind is ReminderKind.DECISION
    assert found[1].case_id == 1 and found[1].department == "县农业农村局"
    assert found[1].status is S.RECEIVED
    assert all(r.warning == "" for r in found)
    assert [r.title for r in reminders([far, three_left], today, cal, within=10)] == [
        "还剩三天",
        "还早",
    ]


def test_due_dates_around_a_weekend(settings: TownshipSettings, cal: WorkdayCalendar) -> None:
    case = open_case(settings, cal, received_on=D(2026, 3, 2))
    assert decision_due(case, cal).value == D(2026, 3, 23)  # a Monday
    (r,) = reminders([case], D(2026, 3, 22), cal)  # the Sunday before
    assert r.text == "还剩 1 个工作日"

    friday_case = open_case(settings, cal, received_on=D(2026, 3, 6))
    assert decision_due(friday_case, cal).value == D(2026, 3, 27)  # a Friday
    (late,) = reminders([friday_case], D(2026, 3, 28), cal)  # Saturday: late, 0 days lost
    assert late.overdue and late.days_left == 0
    assert late.text == "已逾期（期限为 2026年3月27日）"


NOTICE_WITH_HEAD = (
    "南屏县民政局\n关于开展2026年度村级养老服务设施摸底统计的通知\n南民〔2026〕45号\n\n"
    "各乡镇人民政府：\n为掌握全县农村养老服务设施情况，请各村(社区)于12月20日前完成摸底，"
    "建立工作台账，每月5日前报送县民政局。\n一、村(社区)工作要求\n请各村明确专人负责\n\n"
    "南屏县民政局\n2026年12月1日"
)


def test_the_village_work_leaves_out_the_title_and_keeps_sentences_apart():
    """The title under the sender's name (村级 names villages) was taken for work and run
    into the next sentence: 关于开展……的通知为掌握全县……"""
    from jianfu.domain.cases import village_work_from_notice

    assert village_work_from_notice(NOTICE_WITH_HEAD) == (
        "为掌握全县农村养老服务设施情况，请各村(社区)于12月20日前完成摸底，"
        "建立工作台账，每月5日前报送县民政局。一、村(社区)工作要求。请各村明确专人负责。"
    )


def test_a_tasks_case_is_where_it_stands_as_the_case_screen_says_it() -> None:
    """事项审核's register said 乡镇意见 where 准入审批 and the prints say 乡镇(街道)意见 (seen as
    the county reviewer and the city's mechanism)."""
    from jianfu.domain.tasks import Task, TaskDecision, TaskInput

    data = TaskInput("关于开展校园周边食品安全排查的通知", "南屏县市场监督管理局", None, None)
    data = replace(data, decision=TaskDecision.UNLISTED)
    at = dt.datetime(2026, 11, 30, 9, 0)

    def task(status: str, level: str = "县") -> Task:
        case = 7 if status else None
        return Task(1, data, "刘海燕", at, case_id=case, case_status=status, case_level=level)

    # the township's opinion is given: the case waits to be sent up (乡镇(街道)意见 read as
    # if the opinion were missing), to the county, or where the mechanism is the township's
    # straight to it
    assert task(CaseStatus.TOWNSHIP_OPINION.value).case_status_label == "待报县级审核"
    assert task(CaseStatus.TOWNSHIP_OPINION.value, "市").case_status_label == "待报县级审核"
    assert task(CaseStatus.TOWNSHIP_OPINION.value, "乡镇").case_status_label == "待报协调机制"
    assert task(CaseStatus.COUNTY_REVIEW.value).case_status_label == "县级审核"
    assert task(CaseStatus.RECEIVED.value).case_status_label == "已受理"
    assert task("").case_status_label == ""


def test_a_period_without_an_end_reads_from_its_start() -> None:
    """A long-term case's 实施期限 read 2026年12月26日, as if the task lasted that day (seen on
    准入审批 and in the printed 办理记录 as the county reviewer)."""
    from jianfu.domain.cases import period_text

    start, end = dt.date(2026, 12, 26), dt.date(2027, 3, 16)
    assert period_text(start, None) == "2026年12月26日起"
    assert period_text(start, end) == "2026年12月26日 至 2027年3月16日"
    assert period_text(None, end) == "未定 至 2027年3月16日"
    assert period_text(None, None) == "未定"
