"""The ``jianfu report`` command: the period statistics report as PDF (and Excel)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jianfu import files
from jianfu.domain.errors import JianfuError

COMMANDS = ("report",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``report`` to the ``jianfu`` parser."""
    report = sub.add_parser(
        "report",
        help="生成村(社区)减负工作情况统计表（PDF，可同时导出 Excel）",
        description="按月、季度（默认本季度）、半年、全年或任意时段统计各村(社区)的减负工作数据。\n"
        "乡镇的表每村(社区)一行；县的表每乡镇(街道)一行，市的表每县(市、区)一行，各行合计其下各村。\n"
        "例如：jianfu report --period 2026Q3 --out 统计表.pdf --xlsx 统计表.xlsx\n"
        "　　　jianfu report --period 2026Q3 --unit 南屏县 --out 南屏县统计表.pdf",
    )
    report.add_argument(
        "--unit",
        metavar="单位名称",
        help="编制哪个乡镇(街道)、县(市、区)或市的统计表；默认是本乡镇（共享数据库上是登录人员的单位）。"
        "重名时写成 上级名称/单位名称",
    )
    report.add_argument(
        "--period",
        metavar="期间",
        help="2026Q3（季度）、2026M07（月）、2026H1（半年）或 2026（全年）；默认是本季度",
    )
    report.add_argument(
        "--from", dest="start", metavar="开始日期", help="任意时段的开始日期，如 2026-07-01"
    )
    report.add_argument(
        "--to", dest="end", metavar="结束日期", help="任意时段的结束日期，如 2026-08-15"
    )
    report.add_argument("--out", metavar="PDF文件", type=Path, help="要写入的 .pdf 文件")
    report.add_argument("--xlsx", metavar="Excel文件", type=Path, help="同时导出的 .xlsx 文件")
    report.add_argument("--summary", action="store_true", help="在屏幕上输出合计和情况报告草稿")


def _period(args: argparse.Namespace):
    from jianfu.domain.periods import parse_period, parse_range
    from jianfu.services.report import ReportService

    if args.period and (args.start or args.end):
        raise JianfuError("--period 与 --from/--to 只能选一种。")
    if args.start or args.end:
        if not (args.start and args.end):
            raise JianfuError("任意时段要同时给出 --from 开始日期 和 --to 结束日期。")
        return parse_range(args.start, args.end)
    if args.period:
        return parse_period(args.period)
    return ReportService.current_period()


def _check_target(path: Path | None, suffix: str, option: str) -> None:
    if path is None:
        return
    if path.suffix.lower() != suffix:
        raise JianfuError(f"{option} 的文件名应以 {suffix} 结尾：{path}")
    if not path.parent.exists():
        raise JianfuError(f"{option} 的文件夹不存在：{path.parent}")


def run(args: argparse.Namespace) -> int:
    """``jianfu report``."""
    from jianfu.domain.period_report import COLUMNS
    from jianfu.services.database import open_app
    from jianfu.services.report import ReportService

    if args.out is None and args.xlsx is None and not args.summary:
        raise JianfuError("请用 --out 指定 PDF 文件（或 --xlsx、--summary）。")
    _check_target(args.out, ".pdf", "--out")
    _check_target(args.xlsx, ".xlsx", "--xlsx")
    period = _period(args)
    ctx = open_app(args.database)
    try:
        service = ReportService(ctx)
        report = service.build(period, unit=args.unit)
        if args.out is not None:
            data = service.pdf(report)
            _write(args.out, data)
            print(f"已生成 {report.title}：{args.out}（{len(data) // 1024 + 1} KB）")
        if args.xlsx is not None:
            try:
                service.xlsx(report, args.xlsx)
            except OSError as err:
                raise JianfuError(f"无法写入“{args.xlsx}”：{files.os_reason(err)}") from err
            print(f"已导出 Excel：{args.xlsx}")
        counted = f"{report.row_label} {len(report.rows)} 个"
        if report.rolled_up:
            counted += f"（村(社区) {report.village_count} 个）"
        print(
            f"统计时段：{period.label}（{period.span_text}），{counted}"
            + ("，本期无数据" if report.is_empty else "")
        )
        for note in report.notes:
            print(f"注：{note}", file=sys.stderr)
        if args.summary:
            total, change = report.total, report.change
            for column in COLUMNS:
                compared = (
                    "上期无记录"
                    if column.key in report.uncompared
                    else f"比上期 {change[column.key]:+d}"
                )
                print(f"  {column.group}·{column.label}：{total[column.key]}（{compared}）")
            print(report.summary_text())
    finally:
        ctx.database.close()
    return 0


def _write(path: Path, data: bytes) -> None:
    files.save_bytes(path, data)
