"""Copying the embedded database to a file while the app keeps running."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from jianfu.domain.errors import DatabaseError
from jianfu.domain.progress import Cancelled, Progress
from jianfu.services.context import AppContext

PAGES_PER_STEP = 256


def backup_database(ctx: AppContext, target: Path, progress: Progress) -> Path:
    """Write a consistent copy of the SQLite database to ``target`` (atomically).

    A shared PostgreSQL database is backed up on the server with ``pg_dump``.
    """
    source = ctx.database.sqlite_path
    if source is None:
        raise DatabaseError(
            "共享的 PostgreSQL 数据库请由管理员在服务器上用 pg_dump 备份，"
            "例如：pg_dump -Fc -f jianfu.dump 数据库名"
        )
    target = Path(target)
    if target.resolve() == source.resolve():
        raise DatabaseError("备份文件不能与正在使用的数据库是同一个文件。")
    partial = target.with_name(target.name + ".part")

    def on_pages(_status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, "正在备份数据库…")

    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=PAGES_PER_STEP, progress=on_pages)
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DatabaseError(f"备份失败，未生成备份文件：{exc}") from exc
    return target
