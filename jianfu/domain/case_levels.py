"""Which level of the approval flow writes which part of an admission case, and when.

A case has three levels: the township (its request and its own steps), the county's reviewer
(the review opinion: a step of the history) and the coordination mechanism (the decision: the
status 批准准入/不予准入, the approved terms, and its step with opinion, name and date). Each
level writes only its own part, only at its own step, and what it has written is frozen once
it has acted; only the administrator (or the database's owner) corrects it afterwards.

The app checks this before every flush (``jianfu.db.case_guard``), on SQLite as on PostgreSQL;
migration 0018 makes PostgreSQL refuse the same writes from anyone who bypasses the app. Keep
the two in step: ``tests/db/test_case_levels.py`` compares them case by case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jianfu.domain.cases import CaseAction, CaseStatus

#: the township's request: written while the case is at the township, frozen above it
REQUEST_FIELDS: dict[str, str] = {
    "task_id": "对应事项",
    "level": "协调机制层级",
    "decision_working_days": "审批时限",
    "serial_number": "受理编号",
    "title": "事项名称",
    "title_key": "事项名称",  # its pinyin order (0033), written with it
    "department": "申请单位",
    "department_key": "申请单位",
    "department_id": "申请单位",
    "content": "村(社区)承担的工作",
    "villages": "涉及村(社区)",
    "received_on": "收文日期",
    "start_date": "实施起始日期",
    "end_date": "实施结束日期",
    "nature": "事项性质",
    "document_number": "文号",
    "basis": "依据",
    "delegated_powers": "赋予的权限",
    "funding": "经费保障",
    "support": "支持措施",
    "assessment": "评估意见",
    "contact": "联系人",
    "phone": "联系电话",
}
#: the coordination mechanism's decision: written at its step, frozen once decided
DECISION_FIELDS: dict[str, str] = {
    "approved_start": "批准的实施起始日期",
    "approved_end": "批准的实施结束日期",
    "conditions": "准入条件",
    "approved_funding": "批准的经费保障",
    "staffing": "人员保障",
}
#: bookkeeping every write touches; the township, which row-level security keeps on PostgreSQL
#: (a clerk's cases stay in their township) and the app never changes
BOOKKEEPING = frozenset({"version", "updated_at", "township_id"})
#: anything else (the list item it became, its id): the administrator's
OTHER_FIELDS: dict[str, str] = {
    "id": "案件编号",
    "list_item_id": "列入的清单事项",
    "created_at": "创建时间",
}
#: a step of the history, for messages
STEP_FIELDS: dict[str, str] = {
    "id": "编号",
    "case_id": "所属案件",
    "seq": "顺序",
    "status": "环节",
    "action": "办理事项",
    "at": "办理时间",
    "operator": "办理人",
    "comment": "意见",
}

#: where the township may still change its request
TOWNSHIP_STATUSES = frozenset(
    {CaseStatus.RECEIVED, CaseStatus.TOWNSHIP_OPINION, CaseStatus.RETURNED}
)
#: the decision is made: the mechanism's part is frozen
DECIDED_STATUSES = frozenset({CaseStatus.APPROVED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN})

ROLE_LABELS = {"clerk": "乡镇经办", "reviewer": "县级审核", "mechanism": "协调机制"}

S, A = CaseStatus, CaseAction
#: on a shared server, the steps each person records: (from status, action, to status)
ROLE_STEPS: dict[str, frozenset[tuple[CaseStatus, CaseAction, CaseStatus]]] = {
    "clerk": frozenset(
        {
            (S.RECEIVED, A.SUBMIT_TOWNSHIP_OPINION, S.TOWNSHIP_OPINION),
            (S.TOWNSHIP_OPINION, A.SUBMIT_COUNTY_REVIEW, S.COUNTY_REVIEW),
            (S.RETURNED, A.RESUBMIT, S.RECEIVED),
            (S.APPROVED, A.WITHDRAW, S.WITHDRAWN),  # the approved period is over
        }
    ),
    "reviewer": frozenset(
        {
            (S.COUNTY_REVIEW, A.REFER_TO_MECHANISM, S.MECHANISM_REVIEW),
            (S.COUNTY_REVIEW, A.RETURN_FOR_CORRECTION, S.RETURNED),
        }
    ),
    "mechanism": frozenset(
        {
            (S.MECHANISM_REVIEW, A.APPROVE, S.APPROVED),
            (S.MECHANISM_REVIEW, A.REFUSE, S.REFUSED),
            (S.MECHANISM_REVIEW, A.RETURN_FOR_CORRECTION, S.RETURNED),
        }
    ),
}
del S, A


def case_name(title: str, serial_number: str) -> str:
    """案件“…”（受理编号 …）, as every refusal names the case."""
    serial = f"（受理编号 {serial_number}）" if serial_number else ""
    return f"案件“{title}”{serial}"


def _who(role: str | None) -> str:
    return f"{ROLE_LABELS[role]}人员" if role in ROLE_LABELS else "当前账户"


def case_change_problem(
    role: str | None,
    name: str,
    old_status: CaseStatus,
    new_status: CaseStatus,
    changed: Iterable[str],
) -> str | None:
    """Why this change of a case's columns is refused, or None when it is the writer's own.

    ``role``: the connected person's (clerk, reviewer, mechanism); ``"admin"`` may do anything;
    None is a township's own file (SQLite, or the server's owner), where the clerk records
    every step but what a level has written is frozen all the same.
    """
    if role == "admin":
        return None
    person = role is not None
    for column in sorted(set(changed) - BOOKKEEPING - {"status"}):
        if column in DECISION_FIELDS:
            label = DECISION_FIELDS[column]
            if person and role != "mechanism":
                return (
                    f"{name}的“{label}”是协调机制的准入决定，只有协调机制在“协调机制审批”环节"
                    f"可以填写；{_who(role)}不能修改。"
                )
            if old_status in DECIDED_STATUSES:
                return (
                    f"{name}的准入决定已经作出（现为“{old_status}”），“{label}”不能再修改；"
                    "如确需更正，请联系管理员。"
                )
            if old_status is not CaseStatus.MECHANISM_REVIEW:
                return (
                    f"{name}的“{label}”只能在“协调机制审批”环节由协调机制填写"
                    f"（现为“{old_status}”）。"
                )
        elif column in REQUEST_FIELDS:
            label = REQUEST_FIELDS[column]
            if person and role != "clerk":
                return (
                    f"{name}的“{label}”是乡镇(街道)的申请内容，只有乡镇经办人员可以修改；"
                    f"{_who(role)}不能修改。"
                )
            if old_status not in TOWNSHIP_STATUSES:
                return (
                    f"{name}已报送上级（现为“{old_status}”），乡镇(街道)的申请内容“{label}”"
                    "不能再修改；退回补正后方可修改。"
                )
        elif person:
            label = OTHER_FIELDS.get(column, column)
            return f"{name}的“{label}”只有管理员可以修改；{_who(role)}不能修改。"
    if person and new_status is not old_status:
        return status_change_problem(role, name, old_status, new_status)
    return None


def status_change_problem(
    role: str | None, name: str, old_status: CaseStatus, new_status: CaseStatus
) -> str | None:
    """Why a person may not move a case from ``old_status`` to ``new_status``; None: they may."""
    if role is None or role == "admin":
        return None
    steps = ROLE_STEPS.get(role, frozenset())
    if any(a == old_status and b == new_status for a, _, b in steps):
        return None
    if new_status in (CaseStatus.APPROVED, CaseStatus.REFUSED) and role != "mechanism":
        return (
            f"{name}：只有协调机制可以作出准入决定（批准准入或不予准入）；"
            "乡镇经办和县级审核人员无权决定。"
        )
    if old_status in DECIDED_STATUSES:
        return (
            f"{name}的准入决定已经作出（现为“{old_status}”），{_who(role)}不能把它改为"
            f"“{new_status}”；如确需更正，请联系管理员。"
        )
    return f"{name}现为“{old_status}”，{_who(role)}不能把它改为“{new_status}”。"


def step_insert_problem(
    role: str | None,
    name: str,
    previous: CaseStatus | None,
    action: CaseAction,
    status: CaseStatus,
) -> str | None:
    """Why a person may not add this step (its level's opinion) after ``previous``."""
    if role is None or role == "admin":
        return None
    if previous is None:
        if role == "clerk" and action is CaseAction.RECEIVE and status is CaseStatus.RECEIVED:
            return None
        return f"{name}：只有乡镇经办人员可以受理案件。"
    if (previous, action, status) in ROLE_STEPS.get(role, frozenset()):
        return None
    owner = next(
        (r for r, steps in ROLE_STEPS.items() if any(s[0] == previous and s[1] == action
                                                     for s in steps)),
        None,
    )  # fmt: skip
    if owner is not None:
        return (
            f"{name}的“{action}”是{ROLE_LABELS[owner]}的意见，只有{ROLE_LABELS[owner]}人员"
            f"在“{previous}”环节可以填写；{_who(role)}不能填写。"
        )
    return f"{name}现为“{previous}”，{_who(role)}不能在这一环节记录“{action}”。"


def step_change_problem(
    name: str,
    seq: int,
    action: str,
    at: dt.datetime | None,
    changed: Iterable[str] = (),
    deleted: bool = False,
) -> str:
    """The refusal of an UPDATE or DELETE of a written step (the history only grows)."""
    when = f"，{at:%Y-%m-%d}" if at is not None else ""
    head = f"{name}的第 {seq} 步“{action}”{when}已经写入，办理记录只能追加"
    if deleted:
        return f"{head}，不能删除；如确需更正，请联系管理员。"
    labels = "、".join(f"“{STEP_FIELDS.get(c, c)}”" for c in sorted(changed))
    return f"{head}，{labels}不能修改；如确需更正，请联系管理员。"
