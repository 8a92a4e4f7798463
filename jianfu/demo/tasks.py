"""Demo task requests and admission cases, dated relative to today so reminders show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from jianfu.domain.cases import ApprovalConditions, CaseAction
from jianfu.domain.lists import ItemNature
from jianfu.domain.tasks import TaskDecision, TaskDemand, TaskInput, snapshot_candidates
from jianfu.services.cases import CasesService
from jianfu.services.context import AppContext
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TasksService

# (days ago, department, title, document number, notice text, demands, nature, case plan);
# a task with a plan is one the clerk found to be on no list (清单外), whatever the matcher said.
_TASKS = (
    (
        62,
        "南屏县医疗保障局",
        "关于做好2027年度城乡居民基本医疗保险集中参保缴费工作的通知",
        "南医保〔2026〕21号",
        "请各村(社区)协助开展城乡居民基本医疗保险参保登记和缴费宣传动员，"
        "于12月20日前完成辖区参保登记。",
        (TaskDemand.FORMS,),
        ItemNature.STAGED,
        None,
    ),
    (
        55,
        "南屏县住房和城乡建设局",
        "关于配合做好辖区征收拆迁动员工作的函",
        "南建函〔2026〕9号",
        "请各村(社区)配合做好辖区征地拆迁动员和签约任务，确保按期完成。",
        (),
        ItemNature.TEMPORARY,
        None,
    ),
    (
        48,
        "南屏县发展和改革局",
        "关于开展电动自行车充电设施使用情况摸底的通知",
        "南发改〔2026〕33号",
        "请各村(社区)安排专人每周统计辖区电动自行车充电桩数量和使用频次，建立台账，"
        "于每周五前报送县发改局。",
        (TaskDemand.FORMS, TaskDemand.MECHANISM),
        ItemNature.TEMPORARY,
        "review",
    ),
    (
        40,
        "南屏县卫生健康局",
        "关于开展冬春季爱国卫生运动的通知",
        "南卫健〔2026〕40号",
        "请各村(社区)组织开展冬春季爱卫大扫除，清理卫生死角。",
        (),
        ItemNature.STAGED,
        None,
    ),
    (
        30,
        "南屏县文化体育和旅游局",
        "关于开展村级文化活动室使用情况评比的通知",
        "南文体旅〔2026〕15号",
        "请各村(社区)每月上报文化活动室开放记录和活动照片，县局将组织评比并通报排名，"
        "并在村部悬挂“文化示范点”牌子。",
        (TaskDemand.FORMS, TaskDemand.ASSESSMENT, TaskDemand.SIGNBOARDS),
        ItemNature.LONG_TERM,
        "refuse",
    ),
    (
        20,
        "南屏县农业农村局",
        "关于做好秋冬种农情信息报送的通知",
        "南农〔2026〕52号",
        "请各村(社区)确定一名农情信息员，每半月通过“农情通”APP报送秋冬种进度，并加入县农情工作群。",
        (TaskDemand.APPS, TaskDemand.MECHANISM),
        ItemNature.STAGED,
        "approve",
    ),
    (
        6,
        "南屏县市场监督管理局",
        "关于协助开展校园周边食品安全排查的通知",
        "南市监〔2026〕28号",
        "请各村(社区)网格员配合对辖区学校周边小卖部开展食品安全排查，发现问题及时报告。",
        (),
        ItemNature.TEMPORARY,
        None,
    ),
)


def seed_demo_tasks(
    ctx: AppContext,
    today: dt.date | None = None,
    *,
    plans: Sequence[str | None] | None = None,
    people: Mapping[str, str] | None = None,
) -> None:
    """Record the demo tasks and carry three admission cases to different steps.

    ``plans`` (one per demo task, keys of ``PLANS``) replaces the tasks' own plans: another
    township of the county demo carries its cases to other steps. ``people`` names who records
    each level's steps (``clerk``, ``reviewer``, ``mechanism``); else the context's operator.
    """
    today = today or dt.date.today()
    lists = ListsService(ctx)
    tasks = TasksService(ctx, lists, today=lambda: today)
    unlisted = []
    for n, (days, department, title, number, text, demands, nature, plan) in enumerate(_TASKS):
        if plans is not None:
            plan = plans[n] if n < len(plans) else None
        result = tasks.check(text)
        decision = (
            TaskDecision.from_verdict(result.verdict) if plan is None else TaskDecision.UNLISTED
        )
        best = result.best if decision is not TaskDecision.UNLISTED else None
        received = today - dt.timedelta(days=days)
        task = tasks.record(
            TaskInput(
                title=title,
                department=department,
                received_on=received,
                decision=decision,
                text=text,
                document_number=number,
                start_date=received + dt.timedelta(days=50),
                end_date=(
                    None if nature is ItemNature.LONG_TERM else received + dt.timedelta(days=120)
                ),
                nature=nature,
                demands=demands,
                item_id=best.item.id if best else None,
                item_name=best.item.name if best else "",
                item_kind=best.kind if best else "",
                verdict=result.verdict,
                candidates=snapshot_candidates(result),
            )
        )
        if plan is not None:
            unlisted.append((task, received, plan))
    _seed_cases(ctx, lists, unlisted, people or {})


_OPINION = (CaseAction.SUBMIT_TOWNSHIP_OPINION, "该项工作确需村(社区)协助，同意上报")
_TO_COUNTY = (CaseAction.SUBMIT_COUNTY_REVIEW, "")
_TO_MECHANISM = (CaseAction.REFER_TO_MECHANISM, "依据充分，经费已落实，建议准入")
_APPROVE = (CaseAction.APPROVE, "同意准入，按月报送，不得另建台账")

#: the steps that carry a case to each state, with each level's opinion
PLANS: dict[str, tuple[tuple[CaseAction, str], ...]] = {
    "received": (),
    "review": ((CaseAction.SUBMIT_TOWNSHIP_OPINION, "同意上报县级审核"),),
    "county": (_OPINION, _TO_COUNTY),
    "mechanism": (_OPINION, _TO_COUNTY, _TO_MECHANISM),
    "approve": (
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "该项工作确需村(社区)协助，同意上报"),
        _TO_COUNTY,
        (CaseAction.REFER_TO_MECHANISM, "依据充分，经费已落实，建议准入"),
        _APPROVE,
    ),
    "refuse": (
        (CaseAction.SUBMIT_TOWNSHIP_OPINION, "评比和挂牌增加村(社区)负担，不同意"),
        _TO_COUNTY,
        (CaseAction.REFER_TO_MECHANISM, "属部门自身职责，建议不予准入"),
        (CaseAction.REFUSE, "属部门职责，活动数据可从县文化云平台获取，不予准入"),
    ),
    "returned": (
        _OPINION,
        _TO_COUNTY,
        (CaseAction.RETURN_FOR_CORRECTION, "请申请部门补充经费来源和依据文件后重新报送"),
    ),
    "withdrawn": (
        _OPINION,
        _TO_COUNTY,
        _TO_MECHANISM,
        _APPROVE,
        (CaseAction.WITHDRAW, "工作期限已满，事项退出"),
    ),
}

#: who records each action on a shared server
_LEVEL = {
    CaseAction.REFER_TO_MECHANISM: "reviewer",
    CaseAction.RETURN_FOR_CORRECTION: "reviewer",
    CaseAction.APPROVE: "mechanism",
    CaseAction.REFUSE: "mechanism",
}


def _seed_cases(
    ctx: AppContext, lists: ListsService, unlisted: list, people: Mapping[str, str]
) -> None:
    operator = ctx.operator
    for task, received, plan in unlisted:
        actions = PLANS[plan]
        at = dt.datetime.combine(received, dt.time(9, 0))
        clock = _Clock(at)
        cases = CasesService(ctx, lists, now=clock)
        request = cases.request_for_task(task.id)
        request = replace(
            request,
            content=_first_sentence(task.data.text),
            funding="由申请部门按每村每年 2000 元拨付",
            contact="张明",
            phone="0593-6200000",
            basis=task.data.document_number,
        )
        ctx.operator = people.get("clerk", operator)
        try:
            case = cases.open_case(task.id, request, accept_short_notice=True)
        finally:
            ctx.operator = operator
        for action, comment in actions:
            clock.at += dt.timedelta(days=2, hours=3)
            conditions = None
            if action is CaseAction.APPROVE:
                conditions = ApprovalConditions(
                    start_date=request.start_date,
                    end_date=request.end_date,
                    conditions="每月报送一次，不得要求村(社区)另建台账、另设专人",
                    funding="由申请部门按每村每年 2000 元拨付",
                    staffing="不另设专人，由网格员兼办",
                )
            ctx.operator = people.get(_LEVEL.get(action, "clerk"), operator)
            try:
                case = cases.advance(
                    case.id, action, case.version, comment=comment, conditions=conditions
                )
            finally:
                ctx.operator = operator


class _Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


def _first_sentence(text: str) -> str:
    return text.split("。")[0] + "。"
