"""The ``jianfu users …`` commands: people and their login roles on a shared PostgreSQL."""

from __future__ import annotations

import argparse
import sys

COMMANDS = ("users",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``users`` to the ``jianfu`` parser."""
    users = sub.add_parser("users", help="共享数据库的用户（每人一个登录角色）：新增、列出、停用")
    cmds = users.add_subparsers(
        dest="users_command", title="用户命令", metavar="用户命令", required=True
    )
    add = cmds.add_parser("add", help="新增用户：建登录角色，归入角色组，对应到单位")
    add.add_argument("login", metavar="LOGIN", help="登录名（小写字母、数字、下划线）")
    add.add_argument(
        "--role",
        required=True,
        choices=("clerk", "reviewer", "mechanism", "admin"),
        help="clerk 乡镇经办；reviewer 县级审核；mechanism 协调机制；admin 管理员",
    )
    add.add_argument("--unit", required=True, metavar="NAME", help="所属乡镇、县或市的名称")
    add.add_argument("--name", default="", metavar="姓名", help="在状态栏和操作记录中显示的姓名")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取密码；不给时不设密码，由服务器的认证方式决定",
    )
    lst = cmds.add_parser("list", help="列出用户、角色、单位和能否登录")
    lst.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    dis = cmds.add_parser("disable", help="停用用户（不能再登录，操作记录保留）")
    dis.add_argument("login", metavar="LOGIN")


def run(args: argparse.Namespace) -> int:
    """Run ``jianfu users …``."""
    from jianfu.services.database import open_app
    from jianfu.services.people import PeopleService

    ctx = open_app(args.database)
    try:
        people = PeopleService(ctx)
        if args.users_command == "add":
            password = None
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
                if not password:
                    print("错误：标准输入中没有密码", file=sys.stderr)
                    return 2
            p = people.add(
                args.login, args.role, args.unit, password=password, display_name=args.name
            )
            print(f"已新增用户 {p.login}：{p.role_label}，{p.unit}")
            return 0
        if args.users_command == "list":
            rows = people.list()
            if args.json:
                from jianfu.cli.output import print_json

                print_json(
                    {
                        "users": [
                            {
                                "login": p.login,
                                "role": p.role,
                                "role_label": p.role_label,
                                "unit": p.unit,
                                "name": p.display_name,
                                "can_login": bool(p.active and p.can_login),
                            }
                            for p in rows
                        ]
                    }
                )
                return 0
            if not rows:
                print("还没有用户。")
            for p in rows:
                state = "可登录" if p.active and p.can_login else "已停用"
                print(f"{p.login}\t{p.role_label}\t{p.unit}\t{p.display_name}\t{state}")
            return 0
        p = people.disable(args.login)
        print(f"已停用用户 {p.login}（{p.unit}）")
        return 0
    finally:
        ctx.database.close()
