"""The ``jianfu tasks …`` and ``jianfu cases …`` commands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from jianfu.cli.args import date_arg
from jianfu.cli.output import print_json
from jianfu.domain.errors import JianfuError, NotFoundError

COMMANDS = ("tasks", "cases")

_PRINTS = {
    "sheet": "审批表",
    "refusal": "不予准入告知书",
    "history": "办理记录",
}


#: A case as the clerk knows it: the 编号 on the screen and the 审批表 (2026-004).
_SERIAL = re.compile(r"(?:19|20)\d{2}-\d{1,6}")
_CASE_HELP = "案件编号：审批表上的编号（如 2026-004），或 cases list 第一列的数字"


def _case_ref(text: str) -> str:
    text = text.strip()
    if text.isdigit() or _SERIAL.fullmatch(text):
        return text
    raise argparse.ArgumentTypeError(f"{_CASE_HELP}：{text}")


def _case_id(services, ref: str) -> int:
    """The case ``ref`` names: its number in the database, or its 编号 (2026-004)."""
    if ref.isdigit():
        return int(ref)
    from jianfu.services.cases import CaseFilter

    page = services.cases.page(CaseFilter(query=ref), 0, 50)
    hits = [s for s in page.rows if s.case.serial_number == ref]
    if not hits:
        raise NotFoundError(f"找不到编号为 {ref} 的准入审批案件。")
    if len(hits) > 1:  # a shared database: each township numbers its own cases
        which = "；".join(f"{s.township} {s.case.request.title}：{s.case.id}" for s in hits)
        raise JianfuError(
            f"有 {len(hits)} 个编号为 {ref} 的案件（各乡镇分别编号），"
            f"请改用 cases list 第一列的数字：{which}。"
        )
    return hits[0].case.id


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``tasks`` and ``cases`` to the ``jianfu`` parser."""
    tasks = sub.add_parser("tasks", help="事项审核：列出已登记的下派事项")
    tasks_sub = tasks.add_subparsers(
        dest="tasks_command", title="事项命令", metavar="事项命令", required=True
    )
    lst = tasks_sub.add_parser("list", help="列出已登记的事项（最新的在前）")
    lst.add_argument("--search", metavar="文字", default="", help="按标题、部门、文号、事项查找")
    lst.add_argument(
        "--decision", choices=("清单内", "清单外", "负面"), help="只列出这种审核结论的事项"
    )
    lst.add_argument("--from", dest="date_from", type=date_arg, metavar="日期", help="收文日期起")
    lst.add_argument("--to", dest="date_to", type=date_arg, metavar="日期", help="收文日期止")
    lst.add_argument("--limit", type=int, default=100, metavar="条数", help="最多列出几条")
    lst.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")

    cases = sub.add_parser("cases", help="准入审批：列出案件、打印审批表和告知书")
    cases_sub = cases.add_subparsers(
        dest="cases_command", title="审批命令", metavar="审批命令", required=True
    )
    cl = cases_sub.add_parser(
        "list", help="列出准入审批案件及审批期限（共享数据库上只列出当前用户可见的案件）"
    )
    cl.add_argument(
        "--mine", action="store_true", help="只列出等待本级办理的案件（县级审核、协调机制）"
    )
    cl.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    prn = cases_sub.add_parser("print", help="把案件的审批表（或告知书、办理记录）打印为 PDF")
    prn.add_argument("case_id", metavar="案件编号", type=_case_ref, help=_CASE_HELP)
    prn.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    prn.add_argument(
        "--what",
        choices=tuple(_PRINTS),
        default="sheet",
        help="sheet=审批表（默认），refusal=不予准入告知书，history=办理记录",
    )
    rem = cases_sub.add_parser("reminders", help="列出逾期和临近期限的案件")
    rem.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    adv = cases_sub.add_parser(
        "advance", help="签署本级意见并报送下一环节（乡镇意见 → 县级审核 → 协调机制）"
    )
    adv.add_argument("case_id", metavar="案件编号", type=_case_ref, help=_CASE_HELP)
    adv.add_argument("--opinion", required=True, metavar="TEXT", help="本级意见")
    dec = cases_sub.add_parser("decide", help="协调机制作出决定：批准准入或不予准入")
    dec.add_argument("case_id", metavar="案件编号", type=_case_ref, help=_CASE_HELP)
    choice = dec.add_mutually_exclusive_group(required=True)
    choice.add_argument("--approve", action="store_true", help="批准准入")
    choice.add_argument("--refuse", action="store_true", help="不予准入")
    dec.add_argument(
        "--opinion", required=True, metavar="TEXT", help="审批意见（不予准入须写理由）"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``tasks …`` or ``cases …``."""
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    ctx = open_app(args.database)
    try:
        services = Services.create(ctx)
        if args.command == "tasks":
            return _tasks_list(services, args)
        return {
            "list": _cases_list,
            "print": _cases_print,
            "reminders": _reminders,
            "advance": _cases_advance,
            "decide": _cases_decide,
        }[args.cases_command](services, args)
    finally:
        ctx.database.close()


def _tasks_list(services, args: argparse.Namespace) -> int:
    from jianfu.domain.tasks import TaskDecision
    from jianfu.services.tasks import TaskFilter

    if args.limit < 1:
        raise JianfuError("--limit 应为正整数。")
    f = TaskFilter(
        query=args.search.strip(),
        decision=TaskDecision(args.decision) if args.decision else None,
        received_from=args.date_from,
        received_to=args.date_to,
    )
    page = services.tasks.page(f, 0, args.limit)
    if args.json:
        tasks = [
            {
                "id": t.id,
                "received_on": t.data.received_on.isoformat() if t.data.received_on else None,
                "decision": t.data.decision.value if t.data.decision else None,
                "title": t.data.title,
                "document_number": t.data.document_number,
                "department": t.data.department,
                "villages": t.villages_text,
                "item_name": t.data.item_name,
                "case_id": t.case_id,
                "case_serial_number": t.case_serial or None,
                "case_status": t.case_status,
            }
            for t in page.rows
        ]
        print_json({"total": page.total, "tasks": tasks})
        return 0
    if not page.rows:
        print("没有符合条件的事项。")
        return 0
    print(f"共 {page.total} 条事项" + (f"，列出前 {len(page.rows)} 条" if page.has_more else "："))
    for t in page.rows:
        d = t.data
        found = d.item_name if d.item_name else ""
        # the case by its 编号, with the number the cases commands also take (it said #16)
        which = _serial_and_id(t.case_serial, t.case_id)
        case = f"  [准入审批 {which} {t.case_status_label}]" if t.case_id else ""
        number = f" {d.document_number}" if d.document_number else ""
        print(f"{t.id:>5}  {d.received_on}  [{d.decision}] {d.title}{number}")
        print(f"       {d.department}；{t.villages_text}" + (f"；{found}" if found else "") + case)
    return 0


def _cases_list(services, args: argparse.Namespace) -> int:
    from jianfu.domain.cases import standing_label
    from jianfu.services.cases import CaseFilter
    from jianfu.services.people import describe_connected

    cases = services.cases
    queue = cases.queue() if getattr(args, "mine", False) else ()
    page = cases.page(CaseFilter(statuses=queue), 0, 500)
    if getattr(args, "json", False):
        print_json(
            {
                "total": page.total,
                "cases": [
                    {
                        "id": s.case.id,
                        "serial_number": s.case.serial_number,
                        "status": s.case.status.value,
                        "title": s.case.request.title,
                        "department": s.case.request.department,
                        "township": s.township,
                        "due": s.due,
                        "days_left": s.days_left,
                        "overdue": s.overdue,
                        "deadline": s.deadline_text,
                        "estimated": bool(s.warning),
                    }
                    for s in page.rows
                ],
            }
        )
        return 0
    who = describe_connected(services.ctx)
    if who:
        print(who)
    if not page.rows:
        print("没有等待本级办理的案件。" if queue else "还没有准入审批案件。")
        return 0
    above = cases.role in ("reviewer", "mechanism") or len({s.township for s in page.rows}) > 1
    warnings: dict[str, None] = {}
    for summary in page.rows:
        c = summary.case
        due = summary.deadline_text
        if due and summary.warning:
            due += "（估计）"
            warnings[summary.warning] = None
        town = f"  {summary.township}" if above and summary.township else ""
        print(
            f"{c.id:>5}  {c.serial_number}  [{standing_label(c.status, c.level)}] "
            f"{c.request.title}  {c.request.department}" + town + (f"  {due}" if due else "")
        )
    _print_warnings(warnings)
    return 0


def _print_warnings(warnings: dict[str, None]) -> None:
    """Say once, under the list, why some deadlines are marked （估计） and how to fix it."""
    for w in warnings:
        print(f"注意：标“（估计）”的期限 — {w}（命令：jianfu calendar import 文件）")


def _named(case) -> str:
    """A case as the clerk knows it: its 编号 (the sheet's), with the number the commands also
    take (it said only 案件 4, a number on no screen or print)."""
    return _serial_and_id(case.serial_number, case.id)


def _serial_and_id(serial: str, case_id: int | None) -> str:
    """2026-004（16）: a case's 编号 and the number the commands also take; the number alone
    for a case with no 编号."""
    return f"{serial}（{case_id}）" if serial else str(case_id)


def _cases_advance(services, args: argparse.Namespace) -> int:
    from jianfu.domain.cases import CaseAction, standing_label

    case = services.cases.forward(_case_id(services, args.case_id), args.opinion)
    # the township's opinion given is not yet sent up: 现为“待报县级审核” (it said 已报送：现为
    # “乡镇意见”, as if the opinion were still missing, and nothing had gone to the county)
    done = case.history[-1].action
    did = "已提交乡镇(街道)意见" if done is CaseAction.SUBMIT_TOWNSHIP_OPINION else "已报送"
    print(f"案件 {_named(case)} {did}：现为“{standing_label(case.status, case.level)}”")
    return 0


def _cases_decide(services, args: argparse.Namespace) -> int:
    case = services.cases.decide(_case_id(services, args.case_id), args.approve, args.opinion)
    print(f"案件 {_named(case)} 已决定：{case.status}")
    return 0


def _cases_print(services, args: argparse.Namespace) -> int:
    from jianfu.cli.lists import write_file

    makers = {
        "sheet": services.cases.print_approval_sheet,
        "refusal": services.cases.print_refusal_letter,
        "history": services.cases.print_history,
    }
    pdf = makers[args.what](_case_id(services, args.case_id))
    write_file(args.file, pdf)
    print(f"已生成案件 {args.case_id} 的{_PRINTS[args.what]}：{args.file}")
    return 0


def _reminders(services, args: argparse.Namespace) -> int:
    found = services.cases.reminders()
    if getattr(args, "json", False):
        print_json(
            {
                "reminders": [
                    {
                        "kind": r.kind.value,
                        "case_id": r.case_id,
                        "title": r.title,
                        "township": r.township,
                        "department": r.department,
                        "status": r.status.value,
                        "due": r.due,
                        "days_left": r.days_left,
                        "overdue": r.overdue,
                        "deadline": r.text,
                        "estimated": bool(r.warning),
                    }
                    for r in found
                ]
            }
        )
        return 0
    if not found:
        print("没有逾期或临近期限的案件。")
        return 0
    warnings: dict[str, None] = {}
    for r in found:
        mark = ""
        if r.warning:
            mark = "（估计）"
            warnings[r.warning] = None
        print(f"{r.case_id:>5}  [{r.kind}] {r.heading}  {r.department}  {r.text}{mark}")
    _print_warnings(warnings)
    return 0
