"""The ``jianfu lists …``, ``jianfu check`` and ``jianfu check-cert`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jianfu import files
from jianfu.cli.output import print_json
from jianfu.domain.errors import JianfuError

if TYPE_CHECKING:
    from jianfu.domain.lists import ListEdition
    from jianfu.services.context import AppContext
    from jianfu.services.lists import ListsService

COMMANDS = ("lists", "check", "check-cert")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``lists``, ``check`` and ``check-cert`` to the ``jianfu`` parser."""
    lists = sub.add_parser("lists", help="准入清单：导入、导出、打印、查看")
    lists_sub = lists.add_subparsers(
        dest="lists_command",
        title="清单命令",
        metavar="清单命令",
        required=True,
    )
    imp = lists_sub.add_parser("import", help="从 Excel/CSV 导入清单到新的草稿版本（或指定版本）")
    imp.add_argument("file", metavar="文件", type=Path, help=".xlsx、.xls 或 .csv 文件")
    imp.add_argument("--edition", metavar="版本名称", help="导入到这个版本（不存在则新建草稿）")
    imp.add_argument(
        "--kind",
        metavar="类别代码",
        help="所有行都按这个类别导入，如 duty、assist、negative、cert_allowed、cert_forbidden",
    )
    imp.add_argument("--activate", action="store_true", help="导入后立即施行该版本")
    imp.add_argument(
        "--create-departments", action="store_true", help="部门表中没有的责任单位自动新增"
    )
    exp = lists_sub.add_parser("export", help="把清单版本导出为 .xlsx")
    exp.add_argument("file", metavar="文件", type=Path, help="要写入的 .xlsx 文件")
    exp.add_argument("--edition", metavar="版本名称", help="默认是施行中的版本")
    prn = lists_sub.add_parser("print", help="把清单版本打印为公示用 PDF")
    prn.add_argument(
        "--force", action="store_true", help="有字无法用已安装字体打印时仍然打印（缺字印成□）"
    )
    prn.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    prn.add_argument("--edition", metavar="版本名称", help="默认是施行中的版本")
    show = lists_sub.add_parser("show", help="列出清单版本，及施行中版本各类别的事项")
    show.add_argument("--edition", metavar="版本名称", help="默认是施行中的版本")
    show.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    for command in (exp, prn, show):
        command.add_argument(
            "--list",
            choices=("work", "certificate"),
            default="work",
            help="不指定 --edition 时用哪个清单施行中的版本：work 工作事项准入清单（默认），"
            "certificate 出具证明事项清单",
        )

    for name, what, help_text in (
        ("check", "通知或事项的文字", "审核一项下派事项：清单内、负面清单或清单外"),
        ("check-cert", "要证明的事项", "审核一项证明申请：可出具、不应出具或清单外"),
    ):
        check = sub.add_parser(name, help=help_text)
        check.add_argument("text", metavar="文本", nargs="?", help=what)
        check.add_argument(
            "--file", metavar="文件", type=Path, help="从通知文件读取文字（.docx/.pdf/.ofd/.txt）"
        )
        check.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
        check.add_argument(
            "--confirm",
            metavar="事项名称",
            help="确认结论并记住：清单中的事项名称，或“清单外”；以后相同的文字直接引用这次确认",
        )
        check.add_argument(
            "--synonym",
            metavar="词语",
            action="append",
            default=[],
            help="与 --confirm 同用：把这个词记为该事项的同义词（可重复）",
        )


def run(args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`."""
    if args.command == "lists":
        return run_lists_command(args)
    return run_check(args, certificate=args.command == "check-cert")


def _edition(service: ListsService, name: str | None, document: str = "work") -> ListEdition:
    editions = service.editions()
    if name:
        for edition in editions:
            if edition.name == name:
                return edition
        known = "、".join(e.name for e in editions) or "（无）"
        raise JianfuError(f"没有名为“{name}”的清单版本。现有版本：{known}")
    in_force = next(
        (e for e in editions if e.status.value == "施行中" and e.document == document), None
    )
    if in_force is None:
        raise JianfuError("这个清单还没有施行中的版本；请用 --edition 指定版本。")
    return in_force


def _with_service(args: argparse.Namespace) -> tuple[AppContext, ListsService]:
    from jianfu.services.database import open_app
    from jianfu.services.lists import ListsService

    ctx = open_app(args.database)
    return ctx, ListsService(ctx)


def run_lists_command(args: argparse.Namespace) -> int:
    """``jianfu lists import|export|print|show``."""
    ctx, service = _with_service(args)
    try:
        return _LISTS[args.lists_command](service, args)
    finally:
        ctx.database.close()


def _import(service: ListsService, args: argparse.Namespace) -> int:
    from jianfu.domain.progress import Progress

    def on_step(done: int, total: int, _msg: str) -> None:
        if total and sys.stderr.isatty():
            sys.stderr.write(f"\r已读取 {done}/{total} 行")

    preview = service.preview_import(
        args.file, kind=args.kind, edition_name=args.edition, progress=Progress(on_step)
    )
    if not preview.ok or (preview.unknown_departments and not args.create_departments):
        print(f"导入失败，未保存任何内容。{preview.file_name} 中的问题：", file=sys.stderr)
        for problem in preview.problems:
            print(f"  {problem}", file=sys.stderr)
        if preview.unknown_departments and not args.create_departments:
            names = "、".join(preview.unknown_departments)
            print(
                f"  部门表中没有这些责任单位：{names}（加 --create-departments 自动新增）",
                file=sys.stderr,
            )
        return 1
    editions = service.commit_import(
        preview, create_departments=args.create_departments, activate=args.activate
    )
    kinds = {k.code: k.name for k in service.kinds()}
    where = "、".join(f"“{e.name}”（{e.status.value}）" for e in editions)
    print(f"已导入到清单版本{where}，共 {len(preview.items)} 项：")
    for code, count in preview.by_kind.items():
        print(f"  {kinds.get(code, code)}：{count} 项")
    if preview.department_matches:
        print(
            "责任单位按部门表对应："
            + "；".join(f"{a} → {b}" for a, b in preview.department_matches.items())
        )
    if preview.unknown_departments:
        print("新增部门：" + "、".join(preview.unknown_departments))
    return 0


def _export(service: ListsService, args: argparse.Namespace) -> int:
    edition = _edition(service, args.edition, args.list)
    assert edition.id is not None
    path = service.export_edition(edition.id, args.file)
    print(f"已导出“{edition.name}”到 {path}")
    return 0


def _print(service: ListsService, args: argparse.Namespace) -> int:
    edition = _edition(service, args.edition, args.list)
    assert edition.id is not None
    pdf = service.print_edition(edition.id, allow_missing=args.force)
    write_file(args.file, pdf)
    print(f"已生成“{edition.name}”公示 PDF：{args.file}")
    return 0


def _show(service: ListsService, args: argparse.Namespace) -> int:
    from jianfu.services.lists import ItemFilter

    editions = service.editions()
    if not editions and not args.json:
        print("还没有任何清单版本。用 jianfu lists import 文件.xlsx 导入。")
        return 0
    documents = {d.code: d.name for d in service.documents()}
    if args.json:
        return _show_json(service, args, editions, documents)
    print("清单版本：")
    for e in editions:
        date = e.effective_date.isoformat() if e.effective_date else "未定"
        print(
            f"  [{e.status.value}] {e.name}  {e.document_number}  施行日期 {date}"
            f"  （{documents.get(e.document, e.document)}）"
        )
    edition = _edition(service, args.edition, args.list)
    assert edition.id is not None
    print(f"\n“{edition.name}”的事项：")
    for kind in service.kinds():
        page = service.items_page(ItemFilter(edition.id, kind=kind.code), 0, 100_000)
        if not page.rows:
            continue
        print(f"{kind.name}（{page.total} 项）")
        for n, item in enumerate(page.rows, start=1):
            mark = "" if item.status.value == "有效" else f" [已退出 {item.withdrawn_on}]"
            dept = f" — {item.department}" if item.department else ""
            print(f"  {n:>3}. {item.name}{dept}{mark}")
    return 0


def _show_json(service: ListsService, args: argparse.Namespace, editions, documents) -> int:
    """``lists show --json``: the editions, and the chosen edition's items kind by kind."""
    from jianfu.services.lists import ItemFilter

    out: dict[str, object] = {
        "editions": [
            {
                "name": e.name,
                "document": e.document,
                "document_name": documents.get(e.document, e.document),
                "document_number": e.document_number,
                "issuing_body": e.issuing_body,
                "effective_date": e.effective_date,
                "status": e.status.value,
            }
            for e in editions
        ],
        "edition": None,
        "items": [],
    }
    if editions:
        edition = _edition(service, args.edition, args.list)
        assert edition.id is not None
        out["edition"] = edition.name
        items = []
        for kind in service.kinds():
            page = service.items_page(ItemFilter(edition.id, kind=kind.code), 0, 100_000)
            items += [
                {
                    "kind": kind.code,
                    "kind_name": kind.name,
                    "number": item.number,
                    "section": item.section,
                    "name": item.name,
                    "department": item.department,
                    "basis": item.basis,
                    "status": item.status.value,
                    "withdrawn_on": item.withdrawn_on,
                }
                for item in page.rows
            ]
        out["items"] = items
    print_json(out)
    return 0


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, with a Chinese message on failure."""
    files.save_bytes(path, data)


_LISTS = {"import": _import, "export": _export, "print": _print, "show": _show}


def run_check(args: argparse.Namespace, *, certificate: bool) -> int:
    """``jianfu check TEXT|--file F`` and ``jianfu check-cert TEXT``, optionally confirming."""
    header = None
    if args.file is not None:
        from jianfu.interchange.notice_files import read_notice

        notice = read_notice(args.file)
        text, header = notice.text, notice.header
    elif args.text:
        text = args.text
    else:
        raise JianfuError("请给出要审核的文字，或用 --file 指定通知文件。")
    if args.synonym and not args.confirm:
        raise JianfuError("--synonym 要与 --confirm 同用：请说明这个词指的是哪个事项。")
    from jianfu.domain.lexicon import LEARNED_LABEL
    from jianfu.services.checks import ChecksService

    ctx, service = _with_service(args)
    try:
        if args.confirm:
            checks = ChecksService(ctx)
            checks.confirm(text, args.confirm, certificate=certificate)
            for word in args.synonym:
                checks.add_synonym(word, args.confirm)
        result = service.check_certificate(text) if certificate else service.check_task(text)
        kinds = {k.code: k.name for k in service.kinds()}
    finally:
        ctx.database.close()
    if args.json:
        out: dict[str, object] = {
            "verdict": result.verdict.value,
            "candidates": [
                {
                    "item": c.item.name,
                    "kind": c.kind,
                    "score": round(float(c.score), 1),
                    # (tasks: the item's words read through the learned lexicon)
                    **({} if certificate else {"learned": list(c.learned)}),
                }
                for c in result.candidates
            ],
            "confidence": result.confidence.value,
            "matched": list(result.matched_words),
            "demands": [d.value for d in result.demands],
            "sender": result.sender or None,
            "precedent": (
                {
                    "item": result.precedent.item_name,
                    "decided_on": result.precedent.decided_on.isoformat(),
                }
                if result.precedent
                else None
            ),
        }
        if header is not None:
            out["notice"] = {
                "title": header.title,
                "document_number": header.document_number,
                "department": header.department,
                "issued_on": header.issued_on.isoformat() if header.issued_on else None,
            }
        print_json(out)
        return 0
    if header is not None:
        for label, value in (
            ("标题", header.title),
            ("文号", header.document_number),
            ("发文单位", header.department),
            ("发文日期", header.issued_on.isoformat() if header.issued_on else ""),
        ):
            if value:
                print(f"{label}：{value}")
    if args.confirm:
        print(f"已确认并记住：{args.confirm}")
    print(f"结论：{result.verdict.label}（{result.confidence.label}）")
    if result.note:
        print(f"说明：{result.note}")
    if result.demands:
        print("对村(社区)的要求：" + "、".join(d.value for d in result.demands))
    if result.matched_words:
        print("命中词：" + "、".join(result.matched_words))
    if result.sender:
        print(f"发文单位“{result.sender}”的职责领域与该事项相符")
    if result.best is not None and result.best.learned:
        print(LEARNED_LABEL + "、".join(result.best.learned))
    for n, c in enumerate(result.candidates, start=1):
        basis = f"（依据：{c.item.basis}）" if c.item.basis and n == 1 else ""
        print(f"  {n}. [{kinds.get(c.kind, c.kind)}] {c.item.name}  相似度 {c.score:.0f}{basis}")
    return 0
