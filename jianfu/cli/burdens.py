"""The ``jianfu burdens …`` commands: import, export, print and counts of the other burdens."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jianfu import files
from jianfu.cli.args import date_arg
from jianfu.cli.output import print_json
from jianfu.domain.errors import JianfuError

if TYPE_CHECKING:
    from jianfu.services.burdens import BurdensService

COMMANDS = ("burdens",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``burdens`` to the ``jianfu`` parser."""
    burdens = sub.add_parser("burdens", help="其他负担台账：导入、导出、打印、统计")
    cmds = burdens.add_subparsers(
        dest="burdens_command", title="台账命令", metavar="台账命令", required=True
    )
    imp = cmds.add_parser(
        "import", help="从 Excel/CSV 导入负担台账（有任何问题则全部不导入，并逐行列出问题）"
    )
    imp.add_argument("file", metavar="文件", type=Path, help=".xlsx、.xls 或 .csv 文件")
    exp = cmds.add_parser("export", help="把负担台账导出为 .xlsx（可再导入）")
    exp.add_argument("file", metavar="文件", type=Path, help="要写入的 .xlsx 文件")
    exp.add_argument("--village", metavar="村(社区)", help="只导出这个村(社区)")
    prn = cmds.add_parser("print", help="把负担台账（含清理情况）打印为 PDF")
    prn.add_argument("file", metavar="文件", type=Path, help="要写入的 .pdf 文件")
    prn.add_argument("--village", metavar="村(社区)", help="只打印这个村(社区)；默认全乡镇")
    prn.add_argument("--from", dest="start", metavar="日期", type=date_arg, help="默认今年1月1日")
    prn.add_argument("--to", dest="end", metavar="日期", type=date_arg, help="默认今天")
    cnt = cmds.add_parser("counts", help="各村(社区)各类负担的清理前、已清理、现有数")
    cnt.add_argument("--from", dest="start", metavar="日期", type=date_arg, help="默认今年1月1日")
    cnt.add_argument("--to", dest="end", metavar="日期", type=date_arg, help="默认今天")
    cnt.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")


def run(args: argparse.Namespace) -> int:
    """Run ``jianfu burdens …``."""
    from jianfu.services.burdens import BurdensService
    from jianfu.services.database import open_app

    ctx = open_app(args.database)
    try:
        return _COMMANDS[args.burdens_command](BurdensService(ctx), args)
    finally:
        ctx.database.close()


def _village_id(service: BurdensService, name: str | None) -> int | None:
    if not name:
        return None
    villages = service.villages()
    for v in villages:
        if v.name == name.strip():
            return v.id
    known = "、".join(v.name for v in villages) or "（无）"
    raise JianfuError(f"没有名为“{name}”的村(社区)。现有：{known}")


def _import(service: BurdensService, args: argparse.Namespace) -> int:
    preview = service.preview_import(args.file)
    if preview.problems:
        count = preview.problem_count or len(preview.problems)
        print(
            f"导入失败，未保存任何内容。{preview.file_name} 中有 {count} 个问题：",
            file=sys.stderr,
        )
        for problem in preview.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    count = service.commit_import(preview)
    names = {t.code: t.name for t in service.types()}
    print(f"已导入 {count} 项，涉及 {len(preview.by_village())} 个村(社区)：")
    for code, n in preview.by_type().items():
        print(f"  {names.get(code, code)}：{n} 项")
    return 0


def _export(service: BurdensService, args: argparse.Namespace) -> int:
    from jianfu.domain.burdens import BurdenFilter

    unit_id = _village_id(service, args.village)
    f = BurdenFilter(unit_id=unit_id)
    path = service.export(args.file, f)
    print(f"已导出 {len(service.all(f))} 项到 {path}")
    return 0


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    end = args.end or dt.date.today()
    start = args.start or dt.date(end.year, 1, 1)
    if end < start:
        raise JianfuError("截止日期不能早于起始日期。")
    return start, end


def _print(service: BurdensService, args: argparse.Namespace) -> int:
    unit_id = _village_id(service, args.village)
    start, end = _period(args)
    pdf = service.print_ledger(unit_id, start, end)
    files.save_bytes(args.file, pdf)
    print(f"已生成负担台账 PDF：{args.file}")
    return 0


def _counts(service: BurdensService, args: argparse.Namespace) -> int:
    start, end = _period(args)
    counts = service.counts(start, end)
    if args.json:

        def row(v) -> dict[str, object]:
            return {
                "unit": v.unit_name,
                "counts": {
                    t.code: {"before": c.before, "cleaned": c.cleaned, "now": c.now}
                    for t in counts.types
                    for c in (v.of(t.code),)
                },
            }

        print_json(
            {
                "from": start,
                "to": end,
                "types": [{"code": t.code, "name": t.name} for t in counts.types],
                "villages": [row(v) for v in counts.villages],
                "total": row(counts.total),
            }
        )
        return 0
    print(f"统计期间：{start.isoformat()} 至 {end.isoformat()}（清理前/已清理/现有）")
    header = ["村(社区)"] + [t.name for t in counts.types]
    print("\t".join(header))
    for v in [*counts.villages, counts.total]:
        cells = [v.unit_name]
        for t in counts.types:
            c = v.of(t.code)
            cells.append(f"{c.before}/{c.cleaned}/{c.now}")
        print("\t".join(cells))
    return 0


_COMMANDS = {"import": _import, "export": _export, "print": _print, "counts": _counts}
