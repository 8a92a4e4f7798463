"""Task intake and admission cases on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from jianfu.domain.cases import (
    COUNTY_OPINION,
    ApprovalConditions,
    CaseAction,
    CaseStatus,
    IllegalTransitionError,
    format_date,
)
from jianfu.domain.errors import ConflictError, ValidationError
from jianfu.domain.lists import EditionStatus, ItemNature, ListEdition
from jianfu.domain.matching import Verdict
from jianfu.domain.tasks import TaskDecision, TaskDemand, TaskInput, snapshot_candidates
from jianfu.services.cases import CaseFilter, CasesService
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TaskFilter, TasksService

TODAY = dt.date(2026, 11, 20)


class Clock:
    """A settable clock for the services."""

    def __init__(self, now: dt.datetime) -> None:
        self.value = now

    def __call__(self) -> dt.datetime:
        return self.value


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 20, 9, 30))


@pytest.fixture
def lists(demo_ctx) -> ListsService:
    return ListsService(demo_ctx)


@pytest.fixture
def tasks(demo_ctx, lists, clock) -> TasksService:
    return TasksService(demo_ctx, lists, today=lambda: clock().date())


@pytest.fixture
def cases(demo_ctx, lists, clock) -> CasesService:
    return CasesService(demo_ctx, lists, now=clock)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)


def _record(tasks: TasksService, text: str, **kw) -> object:
    result = tasks.check(text)
    decision = kw.pop("decision", TaskDecision.from_verdict(result.verdict))
    best = result.best
    item = {}
    if decision is not TaskDecision.UNLISTED and best is not None:
        item = {"item_id": best.item.id, "item_name": best.item.name, "item_kind": best.kind}
    data = TaskInput(
        title=kw.pop("title", text[:30]),
        department=kw.pop("department", "南屏县民政局"),
        received_on=kw.pop("received_on", dt.date(2026, 10, 9)),
        decision=decision,
        text=text,
        verdict=result.verdict,
        candidates=snapshot_candidates(result),
        **item,
        **kw,
    )
    return tasks.record(data)


UNLISTED_TEXT = (
    "关于开展全县村级电动自行车充电桩使用情况摸底的通知：请各村(社区)安排专人每周统计"
    "辖区充电桩数量和使用频次，于每周五前报送县发改局。"
)


def test_record_an_admitted_task_and_find_it(tasks):
    task = _record(
        tasks,
        "请各村协助开展城乡居民基本医疗保险参保登记工作，做好宣传动员。",
        title="关于做好2027年度城乡居民医保参保登记的通知",
        document_number="南医保〔2026〕12号",
        demands=(TaskDemand.FORMS,),
        nature=ItemNature.LONG_TERM,
    )
    assert task.data.decision is TaskDecision.IN_LIST
    assert task.data.item_name.startswith("协助开展城乡居民基本医疗保险")
    assert task.data.candidates and task.data.candidates[0].item == task.data.item_name
    assert task.data.demands == (TaskDemand.FORMS,)
    page = tasks.page(TaskFilter(query="医保"))
    assert page.rows[0].id == task.id  # newest first
    unlisted = tasks.page(TaskFilter(decision=TaskDecision.UNLISTED)).rows
    assert task.id not in [t.id for t in unlisted]
    assert [t.id for t in tasks.page(TaskFilter(query="南医保〔2026〕12号")).rows] == [task.id]


def test_a_task_of_every_demand_is_kept_whole(tasks):
    """对村(社区)的要求 has a box for each form of work the check reads (21): all of them ticked
    are 132 characters, over the 100 PostgreSQL's column held (0036 widens it)."""
    every = tuple(TaskDemand)
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, demands=every)
    assert tasks.get(task.id).data.demands == every
    survey = _record(
        tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, demands=(TaskDemand.SURVEY,)
    )
    assert tasks.get(survey.id).data.demands == (TaskDemand.SURVEY,)


def test_tasks_past_their_end_longest_past_first_and_the_first_few_alone(tasks):
    text = "请各村协助开展城乡居民基本医疗保险参保登记工作，做好宣传动员。"
    ends = [dt.date(2026, 11, 3), dt.date(2026, 9, 30), dt.date(2026, 11, 19), dt.date(2026, 12, 1)]
    made = [
        _record(
            tasks,
            text,
            title=f"临时任务{i}",
            nature=ItemNature.TEMPORARY,
            start_date=dt.date(2026, 9, 1),
            end_date=end,
        )
        for i, end in enumerate(ends)
    ]
    assert {t.data.decision for t in made} == {TaskDecision.IN_LIST}
    past = [t.data.title for t in tasks.past_end(TODAY) if t.data.title.startswith("临时任务")]
    assert past == ["临时任务1", "临时任务0", "临时任务2"]  # 12月1日 has not come yet
    first = tasks.past_end(TODAY, limit=2)
    assert [t.id for t in first] == [t.id for t in tasks.past_end(TODAY)][:2]
    chosen = _record(
        tasks,
        text,
        title="临时任务两村",
        nature=ItemNature.TEMPORARY,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 9, 2),
        all_villages=False,
        villages=("清溪村", "上洋村"),
    )
    first = tasks.past_end(TODAY, limit=1)[0]  # its villages named, not only its own
    assert first.id == chosen.id and sorted(first.data.villages) == ["上洋村", "清溪村"]


def test_chosen_villages_are_kept_and_unknown_ones_refused(tasks):
    before = tasks.page(TaskFilter()).total
    task = _record(tasks, UNLISTED_TEXT, all_villages=False, villages=("清溪村", "上洋村"))
    assert sorted(task.data.villages) == ["上洋村", "清溪村"]
    assert task.villages_text in ("清溪村、上洋村", "上洋村、清溪村")
    with pytest.raises(ValidationError) as err:
        _record(tasks, UNLISTED_TEXT, all_villages=False, villages=("月球村",))
    assert "月球村" in err.value.for_field("villages")
    assert tasks.page(TaskFilter()).total == before + 1


def test_bad_task_input_saves_nothing(tasks):
    before = tasks.page(TaskFilter()).total
    with pytest.raises(ValidationError) as err:
        _record(
            tasks,
            UNLISTED_TEXT,
            start_date=dt.date(2026, 12, 10),
            end_date=dt.date(2026, 12, 1),
            title="  ",
        )
    assert "不能早于开始日期" in err.value.for_field("end_date")
    assert "不能为空" in err.value.for_field("title")
    with pytest.raises(ValidationError) as err:
        _record(tasks, UNLISTED_TEXT, received_on=dt.date(2027, 1, 1))
    assert "不能晚于今天" in err.value.for_field("received_on")
    with pytest.raises(ValidationError) as err:
        tasks.record(
            TaskInput("某通知", "南屏县民政局", dt.date(2026, 10, 9), TaskDecision.NEGATIVE)
        )
    assert "须选定" in err.value.for_field("item_name")
    assert tasks.page(TaskFilter()).total == before


def test_empty_and_punctuation_texts_get_a_message(tasks):
    for text in ("", "   ", "，。！？……"):
        with pytest.raises(ValidationError):
            tasks.check(text)
    english = tasks.check("Please submit the monthly sanitation report by Friday.")
    assert english.verdict is Verdict.UNLISTED and "不是中文" in english.note
    long = tasks.check("请各村开展爱国卫生运动，" * 3000)
    assert "只审核了前" in long.note


def test_negative_task_gets_a_refusal_citing_the_item(tasks):
    notice = "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。"
    task = _record(tasks, notice)
    assert task.data.decision is TaskDecision.NEGATIVE
    letter = tasks.negative_refusal(task.id)
    assert letter.addressee == "南屏县民政局"
    body = "".join(letter.paragraphs)
    assert task.data.item_name in body and "有权拒绝" in body
    # The township by name, and the date said to be when the notice came in (not its issue date).
    assert "我乡镇(街道)" not in body
    received = task.data.received_on
    assert f"于{received.year}年{received.month}月{received.day}日收到贵单位下发的《" in body
    # the item's basis is a clause of its own, not brackets closing round brackets:
    # （依据：《…》（厅字〔2022〕28号））
    assert "（依据：" not in body and "））" not in body
    basis = tasks.check(notice).best.item.basis.rstrip("。")
    assert "（" in basis and f"“{task.data.item_name}”，其依据为{basis}。" in body
    text = _pdf_text(tasks.print_negative_refusal(task.id))
    assert "不予承接负面清单事项的告知书" in text
    admitted = _record(tasks, "请各村协助开展城乡居民基本医疗保险参保登记工作。")
    with pytest.raises(ValidationError):
        tasks.negative_refusal(admitted.id)


def test_a_finding_citing_an_item_of_another_list_is_refused_at_the_item(tasks):
    """负面 was recorded citing an assisting item (the clerk picked it beside the check's
    negative verdict), and its refusal letter called 协助开展…参保登记 a negative-list item."""
    notice = "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。"
    result = tasks.check(notice)
    negative = next(c for c in result.candidates if c.kind == "negative")
    assisting = tasks.check("请各村协助开展城乡居民基本医疗保险参保登记工作。").best
    assert assisting is not None and assisting.kind == "assist"
    before = tasks.page(TaskFilter()).total
    for decision, item in ((TaskDecision.NEGATIVE, assisting), (TaskDecision.IN_LIST, negative)):
        data = TaskInput(
            "某通知",
            "南屏县民政局",
            dt.date(2026, 10, 9),
            decision,
            text=notice,
            item_id=item.item.id,
            item_name=item.item.name,
            item_kind=item.kind,
        )
        with pytest.raises(ValidationError) as err:
            tasks.record(data)
        said = err.value.for_field("item_name")
        assert f"所选“{item.item.name}”是" in said and f"与审核结论“{decision}”不符" in said
    assert tasks.page(TaskFilter()).total == before
    # the item of the finding's own list is recorded as before
    kept = replace(data, decision=TaskDecision.NEGATIVE, item_id=negative.item.id,
                   item_name=negative.item.name, item_kind=negative.kind)  # fmt: skip
    assert tasks.record(kept).data.item_name == negative.item.name


def _open(tasks, cases, **kw):
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED)
    request = cases.request_for_task(task.id)
    from dataclasses import replace

    request = replace(
        request,
        content="每周统计并报送辖区电动自行车充电桩数量和使用频次",
        nature=ItemNature.TEMPORARY,
        start_date=kw.pop("start", dt.date(2027, 1, 4)),
        end_date=dt.date(2027, 6, 30),
        funding="县发改局按每村每年 2000 元拨付",
        contact="王强",
        phone="0593-6223344",
    )
    return task, cases.open_case(task.id, request, **kw)


def test_open_case_checks_the_notice_and_numbers_cases(tasks, cases):
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED)
    request = cases.request_for_task(task.id)
    assert len(request.villages) == 13  # 全部村(社区) of the demo township
    from dataclasses import replace

    short = replace(request, nature=ItemNature.LONG_TERM, start_date=dt.date(2026, 10, 20))
    with pytest.raises(ValidationError) as err:
        cases.open_case(task.id, short)
    assert "最早可定于" in err.value.for_field("start_date")
    existing = cases.page(CaseFilter()).rows
    assert all(s.case.task_id != task.id for s in existing)
    case = cases.open_case(task.id, short, accept_short_notice=True)
    numbers = sorted(s.case.serial_number for s in existing if s.case.serial_number[:4] == "2026")
    expected = f"2026-{int(numbers[-1][5:]) + 1:03d}" if numbers else "2026-001"
    assert case.status is CaseStatus.RECEIVED and case.serial_number == expected
    assert case.task_id == task.id
    with pytest.raises(ConflictError):
        cases.open_case(task.id, short, accept_short_notice=True)
    assert tasks.get(task.id).case_id == case.id


def test_case_numbers_go_on_past_999(tasks, cases, demo_ctx):
    """A year's thousandth case is 2026-1000 and the next 2026-1001: as text 2026-999 sorts after
    2026-1000, and the largest text would hand 2026-1000 out again."""
    from sqlalchemy import text

    _, first = _open(tasks, cases)
    year = first.serial_number[:4]
    with demo_ctx.database.engine.begin() as con:
        con.execute(
            text("UPDATE admission_case SET serial_number = :s WHERE id = :i"),
            {"s": f"{year}-999", "i": first.id},
        )
    _, second = _open(tasks, cases)
    _, third = _open(tasks, cases)
    assert (second.serial_number, third.serial_number) == (f"{year}-1000", f"{year}-1001")


LONG_NOTICE = (
    "关于开展全县村级电动自行车充电桩使用情况摸底的通知\n各乡镇人民政府、街道办事处：\n"
    + "为深入贯彻落实上级关于电动自行车安全隐患全链条整治的部署要求，切实防范化解风险。" * 12
    + "\n一、请各村(社区)安排专人每周统计辖区充电桩数量和使用频次，于每周五前报送县发改局。\n"
    + "二、县发改局将适时组织抽查，抽查结果纳入年度考评。" * 8
)


def test_the_approval_sheet_of_a_long_notice_stays_on_one_page(tasks, cases):
    task = _record(tasks, LONG_NOTICE, decision=TaskDecision.UNLISTED)
    request = cases.request_for_task(task.id)
    # 具体工作 holds what the villages are asked to do, not the whole pasted notice.
    assert (
        request.content
        == "一、请各村(社区)安排专人每周统计辖区充电桩数量和使用频次，于每周五前报送县发改局。"
    )
    assert len(request.content) <= 300 and "贯彻落实" not in request.content
    from dataclasses import replace

    request = replace(
        request,
        nature=ItemNature.TEMPORARY,
        start_date=dt.date(2027, 1, 4),
        end_date=dt.date(2027, 6, 30),
        funding="县发改局按每村每年 2000 元拨付",
    )
    case = cases.open_case(task.id, request, accept_short_notice=True)
    pdf = cases.print_approval_sheet(case.id)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = _pdf_text(pdf)
    # 13 villages: the first ones named, then the count once (not "等 13 个村(社区)（共13个）").
    assert "等（共13个）" in text and "个村(社区)（共" not in text


def test_the_approval_sheet_names_the_township_and_above_it_its_county(demo_ctx, tasks, cases):
    """The sheet said which department applies, never which township sends it: its header
    names the township, led by its county when the case goes to a mechanism above the
    township (the county's, the city's), where the township is one of many."""
    from jianfu.domain.settings import TownshipSettings
    from jianfu.services.settings import SettingsService

    _task, case = _open(tasks, cases)  # the demo's mechanism is the county's
    assert cases.approval_sheet_data(case.id).township == "南屏县清溪镇"
    text = _pdf_text(cases.print_approval_sheet(case.id))
    assert "乡镇(街道)：南屏县清溪镇编号：" in text
    settings = SettingsService(demo_ctx)
    settings.save(replace(settings.load(), mechanism_level="乡镇"))
    _task, own = _open(tasks, cases)  # the township's own mechanism decides
    assert cases.approval_sheet_data(own.id).township == "清溪镇"
    assert "乡镇(街道)：清溪镇编号：" in _pdf_text(cases.print_approval_sheet(own.id))
    # a township with nothing but its name
    settings.save(TownshipSettings(township_name="清溪镇"))
    assert cases.approval_sheet_data(case.id).township == "清溪镇"


def test_only_unlisted_tasks_open_cases(tasks, cases):
    task = _record(tasks, "请各村协助开展城乡居民基本医疗保险参保登记工作。")
    with pytest.raises(ValidationError) as err:
        cases.open_case(task.id, cases.request_for_task(task.id))
    assert "只有清单外事项" in err.value.for_field("decision")


def test_the_whole_chain_to_approval_and_into_the_next_list(tasks, cases, lists, clock):
    _task, case = _open(tasks, cases)
    with pytest.raises(IllegalTransitionError) as err:
        cases.advance(case.id, CaseAction.APPROVE, case.version, conditions=None)
    assert "可以办理" in str(err.value)
    assert cases.get(case.id).history == case.history  # nothing changed

    for action, comment in (
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意报县级审核"),
        (CaseAction.SUBMIT_COUNTY_REVIEW, "附部门申请及依据文件"),
        (CaseAction.REFER_TO_MECHANISM, "依据充分，建议准入"),
    ):
        clock.value += dt.timedelta(days=1)
        case = cases.advance(case.id, action, case.version, comment=comment)
    with pytest.raises(ValidationError) as err:
        cases.advance(case.id, CaseAction.APPROVE, case.version, conditions=None)
    assert "经费保障" in err.value.for_field("conditions")
    conditions = ApprovalConditions(
        start_date=dt.date(2027, 1, 4),
        end_date=dt.date(2027, 6, 30),
        conditions="每月报送一次，不得要求村(社区)另建台账",
        funding="县发改局按每村每年 2000 元拨付",
        staffing="不另设专人",
    )
    case = cases.advance(
        case.id, CaseAction.APPROVE, case.version, comment="同意准入", conditions=conditions
    )
    assert case.status is CaseStatus.APPROVED
    assert [s.status for s in case.history] == [
        CaseStatus.RECEIVED,
        CaseStatus.TOWNSHIP_OPINION,
        CaseStatus.COUNTY_REVIEW,
        CaseStatus.MECHANISM_REVIEW,
        CaseStatus.APPROVED,
    ]
    assert all(s.operator for s in case.history)

    sheet = cases.approval_sheet_data(case.id)
    assert sheet.township_opinion == "同意报县级审核"
    assert sheet.county_opinion == "依据充分，建议准入"
    # the mechanism's conditions and staffing are on the sheet (they were on none)
    assert sheet.mechanism_opinion == "同意准入\n准入条件：每月报送一次，不得要求村(社区)另建台账"
    assert sheet.funding.startswith("县发改局") and sheet.support == "不另设专人"
    text = _pdf_text(cases.print_approval_sheet(case.id))
    assert "南屏县村(社区)工作事项准入审批表" in text and "同意准入" in text
    assert "准入条件：每月报送一次" in text and "不另设专人" in text
    history = _pdf_text(cases.print_history(case.id))
    assert "依据充分，建议准入" in history and case.serial_number in history

    draft = lists.create_edition(
        ListEdition(name="2027年版（草稿）", status=EditionStatus.DRAFT), copy_in_force=True
    )
    item = cases.add_to_edition(case.id, draft.id)
    assert item.edition_id == draft.id and case.serial_number in item.notes
    assert cases.get(case.id).list_item_id == item.id
    with pytest.raises(ConflictError):
        cases.add_to_edition(case.id, draft.id)


def _send_up(cases, case, clock, *steps):
    """``case`` after ``steps`` ((action, comment) …), a day apart."""
    for action, comment in steps:
        clock.value += dt.timedelta(days=1)
        case = cases.advance(case.id, action, case.version, comment=comment)
    return case


def _back_to_0036_and_up(ctx) -> None:
    """The database taken down to 0036 (no step kept its box) and up again: 0037 marks then."""
    from alembic import command

    from jianfu.db.migrate import alembic_config, upgrade

    cfg = alembic_config()
    with ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0036")
    upgrade(ctx.database.engine)


OLD_COUNTY_OPINION = "依据充分，经费已落实，建议准入"


def test_an_older_case_prints_the_county_opinion_its_clerk_wrote_on_sending_it_up(
    demo_ctx, tasks, cases, clock
):
    """Before db6744d a township's own file asked its clerk for the 县级审核意见 on 提交县级审核
    and printed it from there; since, that box asks for the 报送说明 and the sheet prints
    报协调机制's opinion only: older cases printed an empty 县级审核意见. Migration 0037 marks
    those steps as written in the box of the county's opinion; a 报送说明 is never printed."""
    _task, old = _open(tasks, cases)
    old = _send_up(
        cases,
        old,
        clock,
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意报县级审核"),
        (CaseAction.SUBMIT_COUNTY_REVIEW, OLD_COUNTY_OPINION),
        (CaseAction.REFER_TO_MECHANISM, ""),
    )
    sent_up = old.history[2]
    _back_to_0036_and_up(demo_ctx)

    sheet = cases.approval_sheet_data(old.id)
    assert sheet.county_opinion == OLD_COUNTY_OPINION
    assert sheet.county_signed == f"{sent_up.operator}　{format_date(sent_up.at.date())}"
    assert OLD_COUNTY_OPINION in _pdf_text(cases.print_approval_sheet(old.id))
    assert cases.get(old.id).history[2].written_as == COUNTY_OPINION

    # written since: the 报送说明 is kept as such and never printed as the county's opinion
    _task, new = _open(tasks, cases)
    new = _send_up(
        cases,
        new,
        clock,
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意报县级审核"),
        (CaseAction.SUBMIT_COUNTY_REVIEW, "附部门申请及依据文件"),
        (CaseAction.REFER_TO_MECHANISM, ""),
    )
    assert [s.written_as for s in cases.get(new.id).history] == [
        "",
        "乡镇(街道)意见",
        "报送说明",
        "",
    ]
    sheet = cases.approval_sheet_data(new.id)
    refer = new.history[-1]  # signed by who referred it on, as before
    assert sheet.county_opinion == ""
    assert sheet.county_signed == f"{refer.operator}　{format_date(refer.at.date())}"
    assert "附部门申请及依据文件" not in _pdf_text(cases.print_approval_sheet(new.id))
    # the opinion written on 报协调机制 is the county's, before one marked on sending up
    for case, written in ((old, "仍需补充经费来源说明"), (new, "同意报协调机制")):
        case = cases.get(case.id)
        refer = case.history[-1]
        assert refer.action is CaseAction.REFER_TO_MECHANISM
        case = cases.advance(
            case.id, CaseAction.RETURN_FOR_CORRECTION, case.version, comment="补充经费"
        )
        case = _send_up(
            cases,
            case,
            clock,
            (CaseAction.RESUBMIT, ""),
            (CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意"),
            (CaseAction.SUBMIT_COUNTY_REVIEW, "已补充经费来源"),
            (CaseAction.REFER_TO_MECHANISM, written),
        )
        sheet = cases.approval_sheet_data(case.id)
        assert sheet.county_opinion == written
        assert sheet.county_signed.endswith(format_date(case.history[-1].at.date()))


def test_on_a_server_with_people_no_clerks_note_is_marked_as_the_county_opinion(
    demo_ctx, tasks, cases, clock
):
    """Where people are registered the county's reviewer writes the county's opinion on
    报协调机制, and 提交县级审核's box said 报送说明 (e5e5bad): 0037 marks nothing there. A
    township's file (SQLite) is marked whoever is listed in it."""
    from sqlalchemy import text

    _task, case = _open(tasks, cases)
    case = _send_up(
        cases,
        case,
        clock,
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意报县级审核"),
        (CaseAction.SUBMIT_COUNTY_REVIEW, OLD_COUNTY_OPINION),
        (CaseAction.REFER_TO_MECHANISM, ""),
    )
    with demo_ctx.database.engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO app_user (login, role, unit_id, display_name, active) "
                "VALUES ('qingxi_clerk', 'clerk', :town, '李四', true)"
            ),
            {"town": case.township_id},
        )
        server = con.dialect.name == "postgresql"
    _back_to_0036_and_up(demo_ctx)
    sheet = cases.approval_sheet_data(case.id)
    assert sheet.county_opinion == ("" if server else OLD_COUNTY_OPINION)
    assert cases.get(case.id).history[2].written_as == ("" if server else COUNTY_OPINION)


def test_refusal_letter_says_the_village_may_decline(tasks, cases, clock):
    _task, case = _open(tasks, cases)
    with pytest.raises(ValidationError):
        cases.refusal_letter(case.id)
    for action in (
        CaseAction.SUBMIT_TOWNSHIP_OPINION,
        CaseAction.SUBMIT_COUNTY_REVIEW,
        CaseAction.REFER_TO_MECHANISM,
    ):
        case = cases.advance(case.id, action, case.version)
    with pytest.raises(ValidationError) as err:
        cases.advance(case.id, CaseAction.REFUSE, case.version)
    assert "须写明理由" in err.value.for_field("comment")
    case = cases.advance(
        case.id, CaseAction.REFUSE, case.version, comment="属部门自身职责，可通过系统数据获取"
    )
    letter = cases.refusal_letter(case.id)
    body = "".join(letter.paragraphs)
    assert "村(社区)可以拒绝承担" in body and "不得就该事项对村(社区)进行考核" in body
    assert "属部门自身职责" in body
    text = _pdf_text(cases.print_refusal_letter(case.id))
    assert "不予准入告知书" in text
    with pytest.raises(IllegalTransitionError):
        cases.advance(case.id, CaseAction.WITHDRAW, case.version, comment="x")


@pytest.mark.parametrize("long", [False, True], ids=["usual", "long"])
def test_the_refusal_letter_fits_one_a4_page(tasks, cases, long):
    """GB/T 9704 layout (22 lines of 28 characters): the letter, its seal's room and the
    signature stay on one page, also for a long title, department and reason (issue 14)."""
    from dataclasses import replace

    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED)
    request = cases.request_for_task(task.id)
    reason = "属部门自身职责，可通过系统数据获取"
    if long:
        request = replace(
            request,
            title="关于开展全县村级电动自行车充电桩及配套消防设施使用情况专项摸底调查统计的通知",
            department="南屏县发展和改革局（南屏县粮食和物资储备局）",
            document_number="南发改〔2026〕133号",
        )
        reason = (
            "该事项属县发改局自身职责，所需数据可通过县充电设施监管平台获取，"
            "不需村(社区)每周统计报送，且未落实经费和人员保障，故不予准入。"
        )
    request = replace(
        request,
        nature=ItemNature.TEMPORARY,
        start_date=dt.date(2027, 1, 4),
        end_date=dt.date(2027, 6, 30),
        funding="县发改局按每村每年 2000 元拨付",
        contact="王强",
        phone="0593-6223344",
    )
    case = cases.open_case(task.id, request)
    for action in (
        CaseAction.SUBMIT_TOWNSHIP_OPINION,
        CaseAction.SUBMIT_COUNTY_REVIEW,
        CaseAction.REFER_TO_MECHANISM,
    ):
        case = cases.advance(case.id, action, case.version)
    case = cases.advance(case.id, CaseAction.REFUSE, case.version, comment=reason)
    reader = PdfReader(io.BytesIO(cases.print_refusal_letter(case.id)))
    assert len(reader.pages) == 1
    text = "".join((reader.pages[0].extract_text() or "").split())
    assert text.endswith("党委组织办2026年11月20日")  # the signature on that page
    body = "".join(cases.refusal_letter(case.id).paragraphs)
    assert "不予准入，理由是：" in body and body.count("不予准入") == 2  # the reason's own
    # closing 不予准入 is not said twice


def test_letters_are_their_townships_whoever_prints_them(tasks, cases, demo_ctx):
    """The owner of several townships (or a county's reviewer) printing another township's
    refusal: its name, office and phone, not the first township's (issue 14)."""
    from jianfu.db.models import UnitRow
    from jianfu.domain.settings import TownshipSettings
    from jianfu.domain.units import UnitType
    from jianfu.services.settings import SettingsService
    from tests.conftest import put_under_county

    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        s.add(UnitRow(name="石门村", type=UnitType.VILLAGE.value, parent_id=other.id))
        other_id = other.id
    SettingsService(demo_ctx).save(
        TownshipSettings(township_name="石门乡", phone="0593-7000000"), township_id=other_id
    )
    with demo_ctx.acting_for(other_id):
        negative = _record(tasks, "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。")
        _task, case = _open(tasks, cases)
        for action in (
            CaseAction.SUBMIT_TOWNSHIP_OPINION,
            CaseAction.SUBMIT_COUNTY_REVIEW,
            CaseAction.REFER_TO_MECHANISM,
        ):
            case = cases.advance(case.id, action, case.version)
        case = cases.advance(case.id, CaseAction.REFUSE, case.version, comment="属部门职责")
    letters = (tasks.negative_refusal(negative.id), cases.refusal_letter(case.id))
    for letter in letters:  # printed outside 石门乡's work: by the owner
        body = "".join(letter.paragraphs)
        assert letter.issuer == "石门乡党委组织办"
        assert "请与石门乡党委组织办联系（电话：0593-7000000）" in body
        assert "清溪镇" not in body
    assert "".join(letters[0].paragraphs).startswith("石门乡于")


def test_a_stale_case_is_not_overwritten(tasks, cases):
    _task, case = _open(tasks, cases)
    cases.advance(case.id, CaseAction.SUBMIT_TOWNSHIP_OPINION, case.version, comment="同意")
    with pytest.raises(ConflictError):
        cases.advance(case.id, CaseAction.RETURN_FOR_CORRECTION, case.version, comment="补材料")
    assert cases.get(case.id).status is CaseStatus.TOWNSHIP_OPINION


def test_overdue_cases_are_reminded_and_stand_out(tasks, cases, clock):
    _task, case = _open(tasks, cases)
    summary = cases.summary(case, dt.date(2026, 10, 12))
    assert summary.due is not None and not summary.overdue
    late = summary.due + dt.timedelta(days=3)
    reminders = [r for r in cases.reminders(late) if r.case_id == case.id]
    assert len(reminders) == 1
    assert reminders[0].overdue and "已逾期" in reminders[0].text
    page = cases.page(CaseFilter(), today=late)
    mine = next(s for s in page.rows if s.case.id == case.id)
    assert mine.overdue and mine.deadline_text.startswith("已逾期")
    returned = cases.advance(case.id, CaseAction.RETURN_FOR_CORRECTION, case.version, comment="补")
    # the clock stops while the department corrects
    assert case.id not in [r.case_id for r in cases.reminders(late)]
    assert cases.summary(returned, late).due is None


def test_deadline_across_the_spring_festival_and_local_overrides(cases):
    # 2026: 春节 holiday 15–23 February, make-up working days Saturday 14 and 28 February.
    d = cases.deadlines(dt.date(2026, 2, 10), dt.date(2026, 3, 30))
    assert d.decision_due == dt.date(2026, 3, 9)
    cases.set_override(dt.date(2026, 3, 2), is_workday=False, note="镇里防汛调休")
    assert cases.deadlines(dt.date(2026, 2, 10), dt.date(2026, 3, 30)).decision_due == dt.date(
        2026, 3, 10
    )
    assert [o.day for o in cases.overrides()] == [dt.date(2026, 3, 2)]
    cases.remove_override(dt.date(2026, 3, 2))
    assert cases.overrides() == []
    assert cases.deadlines(dt.date(2026, 2, 10), dt.date(2026, 3, 30)).decision_due == dt.date(
        2026, 3, 9
    )


def test_two_clerks_receiving_cases_at_once_get_different_numbers(
    db_url, demo_ctx, tasks, cases, lists, clock, monkeypatch
):
    """The 受理编号 is the year's last number plus one: a colleague who receives a case while
    ours is being saved must wait for it and take the next number, not the same one."""
    import threading
    from dataclasses import replace

    from jianfu.db.repositories import tasks as tasks_repo
    from jianfu.services.database import open_app

    def request_for(task):
        return replace(
            cases.request_for_task(task.id),
            content="每周统计并报送辖区电动自行车充电桩数量和使用频次",
            nature=ItemNature.TEMPORARY,
            start_date=dt.date(2027, 1, 4),
            end_date=dt.date(2027, 6, 30),
            funding="县发改局按每村每年 2000 元拨付",
            contact="王强",
            phone="0593-6223344",
        )

    ours, theirs = (
        _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, title=title)
        for title in ("充电桩摸底一", "充电桩摸底二")
    )
    ours_request, theirs_request = request_for(ours), request_for(theirs)
    colleague_ctx = open_app(db_url)
    colleague = CasesService(colleague_ctx, ListsService(colleague_ctx), now=clock)
    got: dict[str, str] = {}
    started: list[threading.Thread] = []
    real_next_serial = tasks_repo.next_serial
    main = threading.get_ident()

    def colleague_receives() -> None:
        got["theirs"] = colleague.open_case(theirs.id, theirs_request).serial_number

    def next_serial_while_a_colleague_saves(session, year):
        serial = real_next_serial(session, year)
        if threading.get_ident() == main and not started:
            started.append(threading.Thread(target=colleague_receives))
            started[0].start()
            started[0].join(1.0)  # the colleague saves now, or waits for us
        return serial

    monkeypatch.setattr(tasks_repo, "next_serial", next_serial_while_a_colleague_saves)
    try:
        got["ours"] = cases.open_case(ours.id, ours_request).serial_number
        started[0].join(60)
    finally:
        colleague_ctx.database.close()
    assert got["ours"] != got["theirs"], got


def test_every_print_of_a_case_or_a_task_with_a_missing_character_is_refused_first(
    tasks, cases, single_font
) -> None:
    """A character no installed font has (𠮷, with only WenQuanYi) is named before the 审批表,
    the 办理记录, the 不予准入告知书 and the 拒绝告知书 print, and prints as □ when allowed."""
    from jianfu.reports.fonts import UnprintableError

    task = _record(
        tasks,
        "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。",
        department="南屏县吉𠮷局",
    )
    assert task.data.decision is TaskDecision.NEGATIVE
    with pytest.raises(UnprintableError, match=r"“𠮷”（U\+20BB7）"):
        tasks.print_negative_refusal(task.id, fonts=single_font)
    allowed = tasks.print_negative_refusal(task.id, fonts=single_font, allow_missing=True)
    assert "吉□局" in _pdf_text(allowed)

    _task, case = _open(tasks, cases)
    for action in (
        CaseAction.SUBMIT_TOWNSHIP_OPINION,
        CaseAction.SUBMIT_COUNTY_REVIEW,
        CaseAction.REFER_TO_MECHANISM,
    ):
        case = cases.advance(case.id, action, case.version)
    case = cases.advance(
        case.id, CaseAction.REFUSE, case.version, comment="经办人谢𠮷说明属部门职责"
    )
    for make in (cases.print_approval_sheet, cases.print_history, cases.print_refusal_letter):
        with pytest.raises(UnprintableError) as refused:
            make(case.id, fonts=single_font)
        assert refused.value.chars == ["𠮷"], make.__name__
        assert "谢□" in _pdf_text(make(case.id, fonts=single_font, allow_missing=True))


def test_a_login_name_is_never_printed_as_the_cases_handler(tasks, cases, demo_ctx, monkeypatch):
    """Without 乡镇设置's 填表人 the operator is the computer's login: the 审批表 printed
    经办人：root (Administrator on many office PCs). A print leaves the name to write by hand."""
    from jianfu.services import context

    monkeypatch.setattr(context.getpass, "getuser", lambda: "Administrator")
    demo_ctx.operator = context.default_operator()
    _task, case = _open(tasks, cases)
    case = cases.advance(
        case.id, CaseAction.SUBMIT_TOWNSHIP_OPINION, case.version, comment="同意报县级审核"
    )
    sheet = cases.approval_sheet_data(case.id)
    assert "Administrator" not in sheet.township_signed
    assert sheet.township_signed.startswith("　") and "年" in sheet.township_signed
    assert {s.operator for s in cases.history_data(case.id).steps} == {""}
    for pdf in (cases.print_approval_sheet(case.id), cases.print_history(case.id)):
        assert "Administrator" not in _pdf_text(pdf)
    demo_ctx.operator = "林晓燕"  # a name from the settings is printed as before
    case = cases.advance(case.id, CaseAction.SUBMIT_COUNTY_REVIEW, case.version, comment="附件")
    assert "林晓燕" in {s.operator for s in cases.history_data(case.id).steps}


def test_a_record_saved_before_the_check_of_its_item_is_found_and_put_right(
    tasks, demo_ctx, monkeypatch
):
    """Records saved before the form refused a finding citing another list's item (负面 with
    an assisting item) stayed so, and their precedent answered resends as settled. They are
    listed (TaskFilter.mismatched) with what is wrong, a resend's verdict from them is
    marked 把握不大 with where to correct it, and the clerk corrects one: the finding follows
    the item chosen, the audit trail keeps both, and the resend then rests on the correction."""
    import jianfu.services.tasks as tasks_module
    from jianfu.domain.matching import Confidence
    from jianfu.services.audit import AuditFilter, AuditService

    notice = "请各村(社区)配合做好高铁站片区征地拆迁入户动员和签约任务，确保按期完成。"
    resend = "请各村(社区)配合做好高铁站片区征地拆迁入户动员和签约任务，确保2027年3月底前完成。"
    result = tasks.check(notice)
    negative = next(c for c in result.candidates if c.kind == "negative")
    assisting = tasks.check("请各村协助开展城乡居民基本医疗保险参保登记工作。").best
    assert assisting is not None and assisting.kind == "assist"
    fine = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED)
    # as the form saved it before: no refusal of the other list's item
    monkeypatch.setattr(tasks_module, "_refuse_item_of_another_finding", lambda s, d: None)
    data = TaskInput(
        "某通知", "南屏县民政局", dt.date(2026, 10, 9), TaskDecision.NEGATIVE, text=notice,
        item_id=assisting.item.id, item_name=assisting.item.name, item_kind=assisting.kind,
        candidates=snapshot_candidates(result),
    )  # fmt: skip
    old = tasks.record(data)
    monkeypatch.undo()

    assert tasks.count_mismatched() == 1
    listed = tasks.page(TaskFilter(mismatched=True)).rows
    assert [t.id for t in listed] == [old.id]
    said = f"审核结论“负面”与对应清单事项“{assisting.item.name}”（协助办理事项）不符"
    assert listed[0].mismatch == said == tasks.get(old.id).mismatch
    assert tasks.get(fine.id).mismatch == ""
    # the resend is not answered as settled by that record
    again = tasks.check(resend)
    assert again.precedent is not None and again.confidence is Confidence.LOW
    assert "与 2026-10-09 登记的事项相同" in again.note
    assert "那条记录登记为“负面”，与此事项（协助办理事项）不符，尚未更正" in again.note
    assert "更正审核结论" in again.note

    # its refusal letter would call the assisting item a negative-list one
    with pytest.raises(ValidationError) as err:
        tasks.negative_refusal(old.id)
    assert "不能据此出具拒绝告知书" in err.value.for_field("item_name")

    with pytest.raises(ValidationError) as err:
        tasks.correct_finding(fine.id, negative.item.id)
    assert "无需更正" in err.value.for_field("item_name")
    # keeping 负面 offers the negative items only, the check's own first
    offered = tasks.correction_items(old.id)
    assert offered[0][0] == negative.item.id
    assert {kind for _, _, kind in offered} == {"负面事项"}

    fixed = tasks.correct_finding(old.id, negative.item.id, reason="当时误选")
    assert fixed.data.decision is TaskDecision.NEGATIVE and fixed.mismatch == ""
    assert fixed.data.item_name == negative.item.name
    assert tasks.count_mismatched() == 0
    entry = AuditService(demo_ctx).page(AuditFilter(action="更正审核结论")).rows[0]
    assert entry.entity_id == str(old.id)
    assert entry.before["item_name"] == assisting.item.name and entry.before["decision"] == "负面"
    assert entry.after["item_name"] == negative.item.name
    assert {c.label: c.after for c in entry.changes()}["更正说明"] == "当时误选"
    settled = tasks.check(resend)
    assert settled.verdict is Verdict.NEGATIVE and "尚未更正" not in settled.note
    assert settled.candidates[0].item.name == negative.item.name
    assert negative.item.name in tasks.negative_refusal(old.id).paragraphs[0]
