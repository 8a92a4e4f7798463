"""The ``jianfu`` command line (help and messages in Chinese)."""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from jianfu import __version__
from jianfu.domain.errors import JianfuError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

#: argparse's own messages in Chinese (it looks them up through ``argparse._``).
_ARGPARSE_ZH: dict[str, str] = {
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是 %(matches)s"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected one argument": "需要一个值",
    "ignored explicit argument %r": "多余的值 %r",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "not allowed with argument %s": "不能与 %s 同用",
    "one of the arguments %s is required": "需要 %s 中的一个",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有命令 %(parser_name)r（可用：%(choices)s）"
    ),
    "show this help message and exit": "显示本帮助并退出",
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


argparse._ = _argparse_text  # type: ignore[attr-defined]


def _safe_output() -> None:
    """Never crash on a character the console or file encoding lacks (䶮 on a GBK console).

    A file or pipe gets UTF-8; a console keeps its encoding and shows ``?`` for what it lacks.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is None or encoding == "utf8":
            continue
        if stream.isatty():
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="replace")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a console: a Chinese character (wide or full-width) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help whose columns line up on a console, where a Chinese metavar (文件, 事项名称) is
    twice as wide as argparse counts it."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            # the help column starts after the widest option as the console shows it
            wide = display_width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, wide)

    def format_help(self):
        # a Chinese heading ends with a Chinese colon (选项：, not 选项:)
        return re.sub(r"(?m)^( *)([^\x00-\x7f]+):$", r"\1\2：", super().format_help())

    def _format_action(self, action):
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = display_width(invocation) - len(invocation)
        first, newline, rest = text.partition("\n")
        at = first.find(invocation)
        if extra <= 0 or at < 0 or not action.help:
            return text
        end = at + len(invocation)
        gap = len(first) - end - len(first[end:].lstrip(" "))
        if first[end:].strip() and gap - extra >= 2:
            # the padding argparse counted in characters, shortened by what the console adds
            first = first[:end] + " " * (gap - extra) + first[end + gap :]
        return first + newline + rest


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        """Override: a Chinese prefix, and the exit code for a usage error."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：命令有误：{message}\n")


def _command_modules() -> tuple[ModuleType, ...]:
    """The modules that add the flows' sub-commands.

    Each has ``COMMANDS`` (the names it adds), ``add_commands(sub)`` and ``run(args)``, and
    imports nothing heavy at module level, so that ``jianfu --help`` and the window start fast.
    """
    from jianfu.cli import (
        admin,
        boards,
        burdens,
        calendar,
        certificates,
        fonts,
        lists,
        report,
        settings,
        tasks,
        users,
    )

    return (
        lists,
        tasks,
        calendar,
        certificates,
        burdens,
        report,
        boards,
        admin,
        fonts,
        users,
        settings,
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser for every sub-command."""
    parser = _Parser(
        prog="jianfu",
        description="减负：村(社区)工作事项准入清单、事项审核、准入审批、牌子和证明台账、统计报表。\n"
        "不带命令时打开程序窗口。",
        epilog="数据库：默认是用户数据目录里的 SQLite 文件；用 --database 或环境变量 "
        "JIANFU_DATABASE_URL 指定\n其他文件或共享的 PostgreSQL 服务器，"
        "例如 postgresql+psycopg://用户@主机:5432/jianfu 。",
    )
    parser.add_argument(
        "--version", action="version", version=f"减负 jianfu {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--database", metavar="URL", help="数据库：SQLite 文件路径或 PostgreSQL 地址"
    )
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)
    sub.add_parser("gui", help="打开程序窗口（默认）")
    sub.add_parser("demo", help="用演示数据库打开程序窗口（首次运行时自动创建并填入演示数据）")
    init = sub.add_parser("init", help="创建或升级数据库结构后退出，不打开窗口")
    init.add_argument("--demo", action="store_true", help="同时填入演示数据（仅在数据库为空时）")
    init.add_argument(
        "--scale",
        choices=("town", "county", "city"),
        default="town",
        help="演示数据规模（需 --demo）：town 一个乡镇（默认）；county 一个县（宁川市南屏县，"
        "4个乡镇）并为每个角色建登录账号，只用于共享的 PostgreSQL（SQLite 文件只供一个乡镇在本机"
        "使用，没有账号之分，所以拒绝）；city 一个市：县、约150个乡镇、约3000个村、30万件证明，"
        "供试用和测速（SQLite 亦可）",
    )
    shots = sub.add_parser("screenshots", help="把各主要界面（演示数据）截图保存为 PNG")
    shots.add_argument("directory", metavar="目录", type=Path, help="保存截图的文件夹")

    for module in _command_modules():
        module.add_commands(sub)
    return parser


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the parser would make of ``jianfu``, ``jianfu gui`` and ``jianfu demo``, each
    without options or with ``--database URL`` (or ``--database=URL``) before it, or ``None``:
    the window's start does not build every command's parser first (it imports every command's
    module: on a shared server, where the address is given so, as long as the rest of the start
    before the window shows)."""
    args = list(argv)
    database = None
    if args and args[0].startswith("--database="):
        database = args.pop(0).partition("=")[2]
    elif len(args) >= 2 and args[0] == "--database" and not args[1].startswith("-"):
        database = args[1]
        del args[:2]
    if args not in ([], ["gui"], ["demo"]):
        return None
    return argparse.Namespace(database=database, command=args[0] if args else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jianfu`` console script; returns the exit code."""
    _safe_output()
    argv = sys.argv[1:] if argv is None else argv
    args = _window_args(argv) or build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except JianfuError as err:
        print(f"错误：{err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` or similar, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # noqa: BLE001 - the clerk gets a message, the log the traceback
        return _unexpected(err)


def _unexpected(err: Exception) -> int:
    """Log an unexpected error with its traceback; tell the user in Chinese where it is."""
    import logging

    from jianfu.logs import scrub, setup_logging

    path = setup_logging()
    logging.getLogger("jianfu.cli").error("命令出错", exc_info=err)
    where = f"详情已记入日志：{path}" if path else "日志无法写入"
    print(
        f"错误：程序遇到意外错误（{type(err).__name__}：{scrub(str(err))[:200]}）。{where}",
        file=sys.stderr,
    )
    return EXIT_ERROR


def main_gui() -> int:
    """Entry point of the windowed ``jianfu-gui`` script (no console on Windows)."""
    return main(sys.argv[1:] or ["gui"])


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "gui"
    if command in ("gui", "demo"):
        import gc

        gc.disable()  # start-up's objects live as long as the window (see ``run_gui``)
        from jianfu.app import run_gui

        return run_gui(args.database, demo=command == "demo")
    if command == "init":
        return _init(args)
    if command == "screenshots":
        from jianfu.app import make_application, open_context
        from jianfu.services.registry import Services
        from jianfu.ui.screenshots import save_screenshots

        make_application()
        ctx = open_context(args.database, demo=args.database is None)
        files = save_screenshots(Services.create(ctx), args.directory)
        for f in files:
            print(f)
        return EXIT_OK
    for module in _command_modules():
        if command in module.COMMANDS:
            return module.run(args)
    raise AssertionError(command)


def _init(args: argparse.Namespace) -> int:
    from jianfu.demo.township import seed_demo
    from jianfu.services.database import open_app

    if args.scale != "town" and not args.demo:
        print(f"错误：--scale {args.scale} 需要与 --demo 一起使用", file=sys.stderr)
        return EXIT_USAGE
    if args.scale == "county":
        from jianfu.demo.county import SQLITE_REFUSED
        from jianfu.services.database import database_file, resolve_url

        chosen = resolve_url(args.database)
        if chosen is None or database_file(chosen) is not None:
            print(f"错误：{SQLITE_REFUSED}", file=sys.stderr)
            return EXIT_ERROR
    ctx = open_app(args.database, on_backup=lambda p: print(f"升级前已备份到：{p}"))
    try:
        print(f"数据库已就绪：{ctx.database.description}")
        if args.scale == "county":
            from jianfu.demo.county import seed_demo_county

            _print_county(ctx, seed_demo_county(ctx, progress=print))
        elif args.scale == "city":
            from jianfu.demo.city import seed_demo_city

            counts = seed_demo_city(ctx, progress=print)
            print("已填入城市规模演示数据：" + "，".join(f"{k} {v}" for k, v in counts.items()))
        elif args.demo:
            if seed_demo(ctx):
                print("已填入演示数据。")
            else:
                print("数据库中已有数据，未填入演示数据。")
    finally:
        ctx.database.close()
    return EXIT_OK


def _print_county(ctx, demo) -> None:
    """The county demo's townships and its logins, each with how to connect."""
    url = ctx.database.engine.url
    print(
        f"已填入县级演示数据：{'、'.join(demo.townships)} {len(demo.townships)} 个乡镇，"
        f"村(社区) {demo.villages} 个。"
    )
    print("登录账号（每人一个；用自己的账号连接，数据库只让他看到和修改本级可办的记录）：")
    shown = any(p.password for p in demo.logins)
    for p in demo.logins:
        address = url.set(username=p.login, password=None).render_as_string(hide_password=True)
        password = f"\t密码 {p.password}" if p.password else ""
        print(f"  {p.login}\t{p.role_label}\t{p.unit}\t{p.display_name}{password}")
        print(f"      jianfu --database {address}")
    if shown:
        print(
            "密码只显示这一次，程序不保存；连接时用环境变量 PGPASSWORD 或 ~/.pgpass 提供，"
            "可由管理员用 ALTER ROLE 登录名 PASSWORD '新密码' 修改。"
        )
