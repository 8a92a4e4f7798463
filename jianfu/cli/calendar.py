"""The ``jianfu calendar …`` commands: import the State Council's notice, show a year, count."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from jianfu.cli.args import date_arg
from jianfu.cli.output import print_json
from jianfu.domain.errors import JianfuError

COMMANDS = ("calendar",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``calendar`` to the ``jianfu`` parser."""
    cal = sub.add_parser(
        "calendar", help="工作日日历：导入国务院节假日安排通知、查看某年、推算期限"
    )
    cal_sub = cal.add_subparsers(
        dest="calendar_command", title="日历命令", metavar="日历命令", required=True
    )
    imp = cal_sub.add_parser(
        "import",
        help="导入国务院办公厅的节假日安排通知（.txt/.docx/.pdf/.ofd）或表格（.xlsx/.xls/.csv）",
    )
    imp.add_argument("file", metavar="文件", type=Path, help="通知或表格文件")
    show = cal_sub.add_parser("show", help="列出某年的放假日（工作日中）和调休上班日（周末中）")
    show.add_argument("year", metavar="年份", type=int)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    after = cal_sub.add_parser("after", help="推算某日之后第 N 个工作日")
    after.add_argument(
        "date", metavar="日期", type=date_arg, help="起算日，如 2026-12-21（不计入）"
    )
    after.add_argument("n", metavar="N", type=int, help="工作日数")


def run(args: argparse.Namespace) -> int:
    """Run ``calendar …``."""
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    ctx = open_app(args.database)
    try:
        services = Services.create(ctx)
        return {"import": _import, "show": _show, "after": _after}[args.calendar_command](
            services, args
        )
    finally:
        ctx.database.close()


_SOURCES = {
    "imported": "已导入的国务院通知",
    "package": "内置日历（chinesecalendar）",
    "estimated": "估计：尚未收录，按周一至周五并扣除法定节假日推算（调休待国务院通知）",
}


def _fmt(days: tuple[dt.date, ...]) -> str:
    return "、".join(f"{d.month}月{d.day}日" for d in days) or "无"


def _import(services, args: argparse.Namespace) -> int:
    schedule = services.calendar.import_file(args.file)
    print(f"已导入 {schedule.year} 年节假日安排（{args.file.name}）：")
    print(f"  放假（工作日中）{len(schedule.holidays)} 天：{_fmt(schedule.holidays)}")
    print(f"  调休上班（周末中）{len(schedule.workdays)} 天：{_fmt(schedule.workdays)}")
    return 0


def _show(services, args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 2100:
        raise JianfuError(f"年份应在 1900 至 2100 之间：{args.year}")
    view = services.calendar.year(args.year)
    if args.json:
        print_json(view.as_json())
        return 0
    print(f"{view.year} 年：{_SOURCES[view.source.value]}")
    print(f"  放假（工作日中）{len(view.holidays)} 天：{_fmt(view.holidays)}")
    print(f"  调休上班（周末中）{len(view.workdays)} 天：{_fmt(view.workdays)}")
    local = [o for o in services.cases.overrides() if o.day.year == args.year]
    if local:
        print("  本地设置（优先于以上安排）：")
        for o in local:
            kind = "上班" if o.is_workday else "休息"
            print(f"    {o.day.isoformat()} {kind}" + (f"（{o.note}）" if o.note else ""))
    if view.source.value == "estimated":
        print(f"  导入通知：jianfu calendar import 关于{view.year}年部分节假日安排的通知.docx")
    return 0


def _after(services, args: argparse.Namespace) -> int:
    if abs(args.n) > 3650:
        raise JianfuError(f"工作日数太大：{args.n}")
    result = services.calendar.after(args.date, args.n)
    print(result.value.isoformat())
    if result.warning:
        print(f"注意：{result.warning}（jianfu calendar import 文件）")
    return 0
