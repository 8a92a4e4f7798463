"""The ``jianfu boards …`` commands: import and export the signboard ledger, print it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jianfu import files
from jianfu.cli.args import date_arg
from jianfu.domain.errors import JianfuError

if TYPE_CHECKING:
    from jianfu.services.boards import BoardsService

COMMANDS = ("boards",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``boards`` to the ``jianfu`` parser."""
    boards = sub.add_parser("boards", help="牌子台账：导入、导出、打印")
    boards_sub = boards.add_subparsers(
        dest="boards_command", title="牌子命令", metavar="牌子命令", required=True
    )
    imp = boards_sub.add_parser(
        "import", help="从 Excel/CSV 导入牌子台账（全部导入或全部不导入，问题逐行列出）"
    )
    imp.add_argument("file", metavar="文件", type=Path, help=".xlsx、.xls 或 .csv 文件")
    exp = boards_sub.add_parser("export", help="把牌子台账导出为 .xlsx")
    exp.add_argument("file", metavar="文件", type=Path, help="要写入的 .xlsx 文件")
    exp.add_argument("--village", metavar="村(社区)", help="只导出这个村(社区)")
    prn = boards_sub.add_parser("print", help="打印一个村(社区)的牌子台账 PDF")
    prn.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    prn.add_argument("--village", metavar="村(社区)", required=True, help="村(社区)名称")
    close = boards_sub.add_parser("closeout", help="打印一个时段的牌子清理销号清单 PDF")
    close.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    close.add_argument("--from", dest="start", metavar="开始日期", type=date_arg, required=True)
    close.add_argument("--to", dest="end", metavar="结束日期", type=date_arg, required=True)


def run(args: argparse.Namespace) -> int:
    """Run ``jianfu boards import|export|print|closeout``."""
    from jianfu.services.boards import BoardsService
    from jianfu.services.database import open_app

    ctx = open_app(args.database)
    try:
        service = BoardsService(ctx)
        return _COMMANDS[args.boards_command](service, args)
    finally:
        ctx.database.close()


def _village_id(service: BoardsService, name: str | None) -> int | None:
    if not name:
        return None
    villages = service.villages()
    for village in villages:
        if village.name == name.strip():
            return village.id
    known = "、".join(v.name for v in villages) or "（无）"
    raise JianfuError(f"没有名为“{name}”的村(社区)。现有：{known}")


def _import(service: BoardsService, args: argparse.Namespace) -> int:
    from jianfu.domain.progress import Progress

    def on_step(done: int, total: int, _msg: str) -> None:
        if total and sys.stderr.isatty():
            sys.stderr.write(f"\r已读取 {done}/{total} 行")

    preview = service.preview_import(args.file, progress=Progress(on_step))
    if not preview.ok:
        print(f"导入失败，未保存任何内容。{preview.file_name} 中的问题：", file=sys.stderr)
        for problem in preview.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    count = service.commit_import(preview)
    per = "、".join(f"{k} {v} 块" for k, v in preview.by_village.items())
    print(f"已导入 {count} 条牌子记录（{per}）。")
    return 0


def _export(service: BoardsService, args: argparse.Namespace) -> int:
    from jianfu.domain.boards import BoardFilter

    village_id = _village_id(service, args.village)
    count = service.export(args.file, BoardFilter(village_id=village_id))
    print(f"已导出 {count} 条牌子记录到 {args.file}")
    return 0


def _write(path: Path, data: bytes) -> None:
    files.save_bytes(path, data)


def _print(service: BoardsService, args: argparse.Namespace) -> int:
    village_id = _village_id(service, args.village)
    assert village_id is not None
    _write(args.file, service.print_inventory(village_id))
    print(f"已保存到 {args.file}")
    return 0


def _closeout(service: BoardsService, args: argparse.Namespace) -> int:
    _write(args.file, service.print_closeout(args.start, args.end))
    print(f"已保存到 {args.file}")
    return 0


_COMMANDS = {"import": _import, "export": _export, "print": _print, "closeout": _closeout}
