"""The ``jianfu audit …``, ``jianfu backup`` and ``jianfu restore`` commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jianfu.cli.args import date_arg
from jianfu.domain.errors import JianfuError

COMMANDS = ("audit", "backup", "restore")
EXIT_OK, EXIT_BROKEN = 0, 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``audit``, ``backup`` and ``restore`` to the ``jianfu`` parser."""
    audit = sub.add_parser("audit", help="操作记录：查看、校验是否被改动")
    audit_sub = audit.add_subparsers(
        dest="audit_command", title="操作记录命令", metavar="操作记录命令", required=True
    )
    verify = audit_sub.add_parser(
        "verify", help="逐条校验操作记录的哈希链；被改动时退出码为 1 并指出第一条"
    )
    verify.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    show = audit_sub.add_parser("list", help="列出操作记录（最新的在前）")
    show.add_argument("--operator", metavar="操作人", default="", help="只看这个人的操作")
    show.add_argument(
        "--entity", metavar="对象", default="", help="只看这类对象，如 unit、部门、list_item"
    )
    show.add_argument("--action", metavar="动作", default="", help="只看这种动作，如 修改、停用")
    show.add_argument("--from", dest="date_from", metavar="日期", type=date_arg, help="起始日期")
    show.add_argument("--to", dest="date_to", metavar="日期", type=date_arg, help="截止日期（含）")
    show.add_argument("--text", metavar="文字", default="", help="记录内容中包含这些文字")
    show.add_argument("--limit", metavar="条数", type=int, default=50, help="最多列出几条（50）")
    show.add_argument("--json", action="store_true", help="每条一行 JSON")

    backup = sub.add_parser("backup", help="把数据库备份到一个文件（程序开着也可以）")
    backup.add_argument("file", metavar="文件", type=Path, help="备份文件，如 减负备份.db")
    restore = sub.add_parser(
        "restore", help="用备份文件恢复数据库（先检查备份，并把当前数据库另存一份）"
    )
    restore.add_argument("file", metavar="文件", type=Path, help="备份文件")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")


def run(args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`."""
    if args.command == "audit":
        return _audit(args)
    if args.command == "backup":
        return _backup(args)
    return _restore(args)


# ---------------------------------------------------------------- audit


def _entity_code(text: str) -> str:
    from jianfu.domain.audit import ENTITY_LABELS

    for code, label in ENTITY_LABELS.items():
        if text in (code, label):
            return code
    return text


def _audit(args: argparse.Namespace) -> int:
    from jianfu.domain.audit import AuditFilter
    from jianfu.services.audit import AuditService
    from jianfu.services.database import open_app

    ctx = open_app(args.database, create=False)
    try:
        service = AuditService(ctx)
        if args.audit_command == "verify":
            check = service.verify()
            if args.json:
                print(
                    json.dumps(
                        {
                            "ok": check.ok,
                            "checked": check.checked,
                            "broken_id": check.broken_id,
                            "broken_at": check.broken_at.isoformat() if check.broken_at else None,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                print(check.message(), file=sys.stdout if check.ok else sys.stderr)
            return EXIT_OK if check.ok else EXIT_BROKEN
        f = AuditFilter(
            operator=args.operator,
            entity=_entity_code(args.entity),
            action=args.action,
            date_from=args.date_from,
            date_to=args.date_to,
            text=args.text,
        )
        page = service.page(f, 0, max(1, args.limit))
        for e in page.rows:
            if args.json:
                print(
                    json.dumps(
                        {
                            "id": e.id,
                            "at": e.at.isoformat(timespec="seconds"),
                            "operator": e.operator,
                            "action": e.action,
                            "entity": e.entity,
                            "entity_id": e.entity_id,
                            "before": e.before,
                            "after": e.after,
                        },
                        ensure_ascii=False,
                        default=str,
                    )
                )
                continue
            changes = "；".join(
                f"{c.label}：{c.before or '（空）'} → {c.after or '（空）'}"
                for c in e.changes()
                if c.changed and e.before is not None
            )
            print(
                f"{e.id}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.operator}\t{e.action}\t"
                f"{e.entity_name}\t{e.record_name}" + (f"\t{changes}" if changes else "")
            )
        if not args.json:
            print(f"共 {page.total} 条，列出 {len(page.rows)} 条。", file=sys.stderr)
        return EXIT_OK
    finally:
        ctx.database.close()


# ---------------------------------------------------------------- backup / restore


def _sqlite_file(args: argparse.Namespace) -> Path:
    from jianfu import paths
    from jianfu.domain.errors import DatabaseError
    from jianfu.services.backup import POSTGRES_HOWTO
    from jianfu.services.database import database_file, resolve_url

    url = resolve_url(args.database)
    path = database_file(url) if url else paths.default_database_file()
    if path is None:
        raise DatabaseError(POSTGRES_HOWTO)
    return path


def _backup(args: argparse.Namespace) -> int:
    from jianfu.services.backup import copy_sqlite, inspect_backup

    source = _sqlite_file(args)
    target = copy_sqlite(source, args.file)
    info = inspect_backup(target)
    print(
        f"已备份到：{target}（{info.size / 1024 / 1024:.1f} MB，"
        f"{info.units} 个村(社区)，{info.audit_entries} 条操作记录）"
    )
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from jianfu.services.backup import inspect_backup, restore_database

    target = _sqlite_file(args)
    info = inspect_backup(args.file)
    print(
        f"备份文件：{args.file}\n  乡镇：{info.township_name or '（未设置）'}；"
        f"{info.units} 个村(社区)；{info.audit_entries} 条操作记录；结构版本 {info.revision}\n"
        f"将替换：{target}"
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise JianfuError("恢复会替换当前数据库：请加 --yes 确认。未做任何改动。")
        if input("确定恢复吗？当前数据库会先另存一份。[y/N] ").strip().lower() not in ("y", "yes"):
            print("已取消，未做任何改动。")
            return EXIT_OK
    result = restore_database(target, args.file, backup_dir=target.parent / "backups")
    if result.safety_copy is not None:
        print(f"恢复前的数据库已另存为：{result.safety_copy}")
    print(f"已从备份恢复：{target}")
    return EXIT_OK
