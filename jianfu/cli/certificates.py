"""The ``jianfu certs …`` commands: the certificate register, prints and figures.

ID numbers are only ever printed masked.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from jianfu import files
from jianfu.cli.args import date_arg
from jianfu.cli.output import print_json
from jianfu.domain.errors import JianfuError

if TYPE_CHECKING:
    from jianfu.services.certificates import CertificatesService

COMMANDS = ("certs",)

_OUTCOMES = ("待办理", "出具", "不予出具", "议事协商后出具", "转部门核查")


def _period_args(parser: argparse.ArgumentParser, default: str, *, period: bool = False) -> None:
    parser.add_argument(
        "--from", dest="date_from", type=date_arg, metavar="日期", help="申请日期起"
    )
    parser.add_argument(
        "--to", dest="date_to", type=date_arg, metavar="日期", help=f"申请日期止（{default}）"
    )
    if period:
        parser.add_argument(
            "--period", metavar="期间", help="统计期间，如 2026Q3、2026M07、2026H1、2026"
        )


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``certs`` to the ``jianfu`` parser."""
    certs = sub.add_parser("certs", help="证明事项：登记簿、打印证明或告知书、统计")
    certs_sub = certs.add_subparsers(
        dest="certs_command", title="证明命令", metavar="证明命令", required=True
    )
    lst = certs_sub.add_parser("list", help="列出登记的证明申请（最新的在前；身份证号已遮蔽）")
    _period_args(lst, "默认不限")
    lst.add_argument("--village", metavar="村(社区)", help="只列出这个村(社区)的申请")
    lst.add_argument("--outcome", choices=_OUTCOMES, help="只列出这种办理结果")
    lst.add_argument("--search", metavar="文字", default="", help="按申请人、事项、用途、单位查找")
    lst.add_argument("--limit", type=int, default=100, metavar="条数", help="最多列出几条")
    lst.add_argument("--json", action="store_true", help="只输出一个 JSON 对象（身份证号同样遮蔽）")
    show = certs_sub.add_parser("show", help="显示一条申请的详情")
    show.add_argument("ref", metavar="编号", help="登记编号（如 2026-0003）或序号")
    show.add_argument(
        "--json", action="store_true", help="只输出一个 JSON 对象（身份证号同样遮蔽）"
    )
    prn = certs_sub.add_parser(
        "print", help="打印证明（已出具的）或不予出具告知书（不予出具的）为 PDF"
    )
    prn.add_argument("ref", metavar="编号", help="登记编号（如 2026-0003）或序号")
    prn.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    prn.add_argument(
        "--force", action="store_true", help="有字无法用已安装字体打印时仍然打印（缺字印成□）"
    )
    reg = certs_sub.add_parser("register", help="把一段时间的证明登记簿打印为 PDF")
    reg.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    reg.add_argument(
        "--force", action="store_true", help="有字无法用已安装字体打印时仍然打印（缺字印成□）"
    )
    _period_args(reg, "默认本季度", period=True)
    exp = certs_sub.add_parser(
        "export", help="把一段时间的证明登记簿导出为 .xlsx（身份证号已遮蔽）"
    )
    exp.add_argument("file", metavar="文件", type=Path, help="要写入的 .xlsx 文件")
    _period_args(exp, "默认本季度", period=True)
    fig = certs_sub.add_parser("figures", help="各村(社区)出具、不予出具、清单外件数和索要单位排行")
    _period_args(fig, "默认本季度", period=True)
    fig.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """``--period``, or ``--from``/``--to``, or the current quarter."""
    from jianfu.domain.periods import current_period, parse_period

    if getattr(args, "period", None):
        if args.date_from or args.date_to:
            raise JianfuError("--period 不能与 --from/--to 同时使用")
        p = parse_period(args.period)
        return p.start, p.end
    quarter = current_period(dt.date.today())
    start = args.date_from or quarter.start
    end = args.date_to or (quarter.end if args.date_from is None else dt.date.today())
    if end < start:
        raise JianfuError(f"结束日期 {end} 早于开始日期 {start}")
    return start, end


def run(args: argparse.Namespace) -> int:
    """Run ``certs …``."""
    from jianfu.services.certificates import CertificatesService
    from jianfu.services.database import open_app

    ctx = open_app(args.database)
    try:
        service = CertificatesService(ctx)
        return _RUN[args.certs_command](service, args)
    finally:
        ctx.database.close()


def _list(service: CertificatesService, args: argparse.Namespace) -> int:
    from jianfu.domain.certificates import Outcome
    from jianfu.services.certificates import CertificateFilter

    if args.limit < 1:
        raise JianfuError("--limit 至少为 1")
    village_id = None
    if args.village:
        village_id = _village_id(service, args.village)
    outcome = None
    if args.outcome:
        outcome = next(o for o in Outcome if o.short == args.outcome or o.value == args.outcome)
    f = CertificateFilter(
        query=args.search,
        village_id=village_id,
        start=args.date_from,
        end=args.date_to,
        outcome=outcome,
    )
    page = service.page(f, 0, args.limit)
    if args.json:
        requests = [
            {
                "serial": r.serial,
                "request_date": str(r.request_date),
                "village": r.village,
                "applicant_name": r.applicant_name,
                "id_number": r.id_masked,
                "subject": r.subject,
                "verdict": r.verdict_label,
                "item": r.item_label,
                "outcome": r.outcome.short,
                "agency": r.agency,
            }
            for r in page.rows
        ]
        print_json({"total": page.total, "requests": requests})
        return 0
    if not page.rows:
        print("没有符合条件的证明申请。")
        return 0
    for r in page.rows:
        idn = f" {r.id_masked}" if r.id_masked else ""
        agency = f"  索要单位：{r.agency}" if r.agency else ""
        print(
            f"{r.serial}  {r.request_date}  {r.village}  {r.applicant_name}{idn}  "
            f"{r.subject}  [{r.conclusion}]  {r.outcome.short}{agency}"
        )
    more = f"（只列出前 {len(page.rows)} 条）" if page.total > len(page.rows) else ""
    print(f"共 {page.total} 条{more}")
    return 0


def _village_id(service: CertificatesService, name: str) -> int:
    villages = service.villages()
    for v in villages:
        if v.name == name:
            return v.id
    known = "、".join(v.name for v in villages) or "（无）"
    raise JianfuError(f"没有名为“{name}”的村(社区)。现有：{known}")


def _show(service: CertificatesService, args: argparse.Namespace) -> int:
    r = service.find(args.ref)
    if args.json:
        c = r.consultation
        print_json(
            {
                "serial": r.serial,
                "request_date": r.request_date,
                "applicant_name": r.applicant_name,
                "id_number": r.id_masked,
                "village": r.village,
                "subject": r.subject,
                "purpose": r.purpose,
                "agency": r.agency,
                "verdict": r.verdict_label,
                "item": r.item_label,
                "outcome": r.outcome.short,
                "outcome_date": r.outcome_date,
                "basis": r.basis,
                "alternative": r.alternative,
                "referred_to": r.referred_to,
                "handler": r.handler,
                "signer": r.signer,
                "sealed": r.sealed,
                "attachments": r.attachments,
                "notes": r.notes,
                "consultation": None
                if c is None
                else {
                    "date": c.date,
                    "participants": c.participants,
                    "agreed": c.agreed,
                    "signer": c.signer,
                },
                "candidates": [
                    {"item": x.item, "kind": x.kind, "score": round(x.score, 1)}
                    for x in r.candidates
                ],
            }
        )
        return 0
    lines = [
        ("编号", r.serial),
        ("申请日期", r.request_date.isoformat()),
        ("申请人", r.applicant_name),
        ("身份证号", r.id_masked or "（未登记）"),
        ("村(社区)", r.village),
        ("证明事项", r.subject),
        ("用途", r.purpose),
        ("索要单位", r.agency),
        ("审核结论", r.conclusion),
        ("办理结果", r.outcome.value),
        ("办理日期", r.outcome_date.isoformat() if r.outcome_date else ""),
        ("依据", r.basis),
        ("替代途径", r.alternative),
        ("核查部门", r.referred_to),
        ("经办人", r.handler),
        ("签字负责人", r.signer),
        ("是否盖章", "是" if r.sealed else "否"),
        ("附件", r.attachments),
        ("备注", r.notes),
    ]
    if r.consultation is not None:
        c = r.consultation
        agreed = {True: "同意", False: "不同意", None: "未定"}[c.agreed]
        lines.append(("议事协商", f"{c.date or ''} {c.participants}（{agreed}，签字：{c.signer}）"))
    for label, value in lines:
        if value:
            print(f"{label}：{value}")
    if r.candidates:
        print("相近的清单事项：")
        for n, c in enumerate(r.candidates, start=1):
            print(f"  {n}. {c.item}（{c.kind}） 相似度 {c.score:.0f}")
    return 0


def _print(service: CertificatesService, args: argparse.Namespace) -> int:
    from jianfu.domain.certificates import Outcome

    r = service.find(args.ref)
    if r.outcome == Outcome.REFUSED:
        pdf, what = service.print_refusal(r.id, allow_missing=args.force), "不予出具证明告知书"
    elif r.outcome.issued:
        pdf, what = service.print_certificate(r.id, allow_missing=args.force), "证明"
    else:
        raise JianfuError(f"{r.serial}的办理结果是“{r.outcome.value}”，没有可打印的证明或告知书。")
    _write(args.file, pdf)
    print(f"已生成{r.serial}的{what}：{args.file}")
    return 0


def _register(service: CertificatesService, args: argparse.Namespace) -> int:
    start, end = _period(args)
    _write(args.file, service.print_register(start, end, allow_missing=args.force))
    print(f"已生成 {start} 至 {end} 的证明登记簿：{args.file}")
    return 0


def _export(service: CertificatesService, args: argparse.Namespace) -> int:
    start, end = _period(args)
    path = service.export_register(start, end, args.file)
    print(f"已导出 {start} 至 {end} 的证明登记簿：{path}")
    return 0


def _figures(service: CertificatesService, args: argparse.Namespace) -> int:
    start, end = _period(args)
    f = service.figures(start, end)
    if args.json:
        data = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "villages": [
                {
                    "village": v.village,
                    "township": v.township,
                    "requests": v.requests,
                    "issued": v.issued,
                    "consulted": v.consulted,
                    "refused": v.refused,
                    "referred": v.referred,
                    "pending": v.pending,
                    "unlisted": v.unlisted,
                }
                for v in (*f.villages, f.total)
            ],
            "agencies": [
                {"agency": a.agency, "count": a.count, "items": dict(a.items)} for a in f.agencies
            ],
        }
        print_json(data)
        return 0
    from jianfu.domain.units import village_label
    from jianfu.services.people import lists_townships

    # above the township each village is led by its township, as --json and the screen's
    # table name it (a county has a 清溪村 in several townships: two rows read 清溪村 alone)
    several = lists_townships(service.ctx)
    print(f"{start} 至 {end} 证明事项情况（按申请日期）")
    header = ("村(社区)", "申请", "出具", "其中协商", "不予出具", "转核查", "待办理", "清单外")
    print("  ".join(header))
    for v in (*f.villages, f.total):
        counts = (v.requests, v.issued, v.consulted, v.refused, v.referred, v.pending, v.unlisted)
        name = village_label(v.township, v.village) if several and v.village_id else v.village
        print(name + "  " + "  ".join(str(n) for n in counts))
    if f.agencies:
        print("\n索要不应出具证明最多的单位：")
        for n, a in enumerate(f.agencies, start=1):
            items = "、".join(f"{name} {k} 次" for name, k in a.items)
            print(f"  {n}. {a.agency}：{a.count} 次（{items}）")
    return 0


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing (a half-written PDF never replaces an old one)."""
    files.save_bytes(path, data)


_RUN = {
    "list": _list,
    "show": _show,
    "print": _print,
    "register": _register,
    "export": _export,
    "figures": _figures,
}
