"""Backups of the embedded database: on demand, daily with rotation, and restoring one.

Everything here works on SQLite files through the online backup API, so a copy is consistent
while the app (or another clerk's app on a shared folder) keeps writing. A shared PostgreSQL
database is backed up on the server with ``pg_dump`` (see ``POSTGRES_HOWTO``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from jianfu.db.engine import SQLITE_MAGIC
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.domain.progress import Cancelled, Progress
from jianfu.services.context import AppContext

PAGES_PER_STEP = 256
DAILY_LABEL = "daily"
#: Tables every jianfu database has since the first migration.
_OUR_TABLES = {"alembic_version", "unit", "department", "setting", "audit_log"}

POSTGRES_HOWTO = (
    "共享的 PostgreSQL 数据库请由管理员在服务器上备份和恢复：\n"
    "  备份：pg_dump -Fc -f jianfu.dump 数据库名\n"
    "  恢复：先让所有人退出减负，再 pg_restore --clean --if-exists -d 数据库名 jianfu.dump\n"
    "（恢复前请先再做一次 pg_dump，以便需要时回到恢复前的状态。）"
)


def _no_progress(_done: int, _total: int, _message: str) -> None:
    return None


# ---------------------------------------------------------------- copying


def copy_sqlite(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy the SQLite file ``source`` to ``target`` consistently and atomically.

    The copy is written to ``target.part`` and renamed when complete, so ``target`` is either
    the old file or the whole new copy; a cancelled or failed copy leaves no file behind.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise DatabaseError(f"数据库文件“{source}”不存在。")
    if target.exists() and target.resolve() == source.resolve():
        raise DatabaseError("备份文件不能与正在使用的数据库是同一个文件。")
    partial = target.with_name(target.name + ".part")
    step = progress.step if progress is not None else _no_progress

    def on_pages(_status: int, remaining: int, total: int) -> None:
        step(total - remaining, total, "正在备份数据库…")

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=PAGES_PER_STEP, progress=on_pages)
                # A backup is a closed file: no WAL beside it, readable on a read-only medium.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
        partial.replace(target)
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DatabaseError(f"备份失败，未生成备份文件：{exc}") from exc
    return target


def backup_database(ctx: AppContext, target: Path, progress: Progress) -> Path:
    """Write a consistent copy of the open SQLite database to ``target`` (atomically)."""
    source = ctx.database.sqlite_path
    if source is None:
        raise DatabaseError(POSTGRES_HOWTO)
    return copy_sqlite(source, Path(target), progress)


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


# ---------------------------------------------------------------- checking a backup


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup file holds."""

    path: Path
    revision: str
    township_name: str
    units: int
    audit_entries: int
    size: int


def inspect_backup(path: Path, *, shown_as: Path | None = None) -> BackupInfo:
    """Check that ``path`` is a whole, readable jianfu database this app can open.

    Raises ``DatabaseError`` naming the file (``shown_as`` when checking a staged copy).
    """
    path = Path(path)
    name = shown_as or path
    if not path.is_file():
        raise DatabaseError(f"备份文件“{name}”不存在。")
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"“{name}”不是减负的备份文件（不是 SQLite 数据库）。未做任何改动。")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]  # the in-header size is trustworthy
    if header_valid and pages and page_size and size < pages * page_size:
        raise DatabaseError(
            f"备份文件“{name}”不完整：应有 {pages * page_size} 字节，实际只有 {size} 字节"
            "（可能复制时中断）。未做任何改动。"
        )
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DatabaseError(
                    f"备份文件“{name}”已损坏：{'；'.join(problems)}。未做任何改动。"
                )
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not _OUR_TABLES.issubset(tables):
                raise DatabaseError(f"“{name}”不是减负的数据库备份。未做任何改动。")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else ""
            units = con.execute("SELECT count(*) FROM unit WHERE parent_id IS NOT NULL").fetchone()
            entries = con.execute("SELECT count(*) FROM audit_log").fetchone()
            town = con.execute(
                "SELECT value FROM setting WHERE key = 'township.township_name'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"备份文件“{name}”已损坏或不完整：{exc}。未做任何改动。") from exc
    from jianfu.db.migrate import is_known_revision

    if not revision or not is_known_revision(revision):
        raise DatabaseError(
            f"备份文件“{name}”的结构版本（{revision or '无'}）比本程序（{SCHEMA_HEAD}）新"
            "或无法识别，请先升级减负软件。未做任何改动。"
        )
    import json

    return BackupInfo(
        path=path,
        revision=revision,
        township_name=json.loads(town[0]) if town else "",
        units=units[0],
        audit_entries=entries[0],
        size=size,
    )


# ---------------------------------------------------------------- exclusive access


@contextlib.contextmanager
def exclusive_access(path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the SQLite file so nobody else reads or writes it; refuse if anyone has it open.

    Leaving WAL mode needs the only connection to the file, which is how another open app
    (or clerk on a shared folder) is detected; an exclusive transaction then keeps newcomers
    out until the block ends.
    """
    try:
        con = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开数据库文件“{path}”：{exc}") from exc
    try:
        try:
            con.execute("PRAGMA journal_mode=DELETE").fetchall()
            con.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(
                f"数据库“{path}”正被打开着（本机或其他同事的减负程序正在使用）。"
                "请先关闭所有使用它的减负窗口再恢复。未做任何改动。"
            ) from exc
        yield con
    finally:
        with contextlib.suppress(sqlite3.Error):
            if con.in_transaction:
                con.execute("ROLLBACK")
        con.close()


# ---------------------------------------------------------------- restoring


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    info: BackupInfo
    safety_copy: Path | None


def restore_database(
    target: Path, source: Path, *, backup_dir: Path, progress: Progress | None = None
) -> RestoreResult:
    """Replace the SQLite database ``target`` by the backup ``source``, or change nothing.

    The backup is copied next to the target and checked there (the copy is exactly what gets
    installed); the current database is copied to ``backup_dir`` first; the swap is a rename.
    """
    target, source = Path(target), Path(source)
    if target.exists() and source.resolve() == target.resolve():
        raise DatabaseError("要恢复的备份文件就是当前数据库本身。未做任何改动。")
    inspect_backup(source)  # a quick, clear refusal before copying anything
    staging = target.with_name(f".{target.name}.restoring")
    try:
        copy_sqlite(source, staging, progress)
        info = inspect_backup(staging, shown_as=source)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    info = replace(info, path=source)
    safety: Path | None = None
    try:
        if not target.exists():
            staging.replace(target)
            return RestoreResult(info, None)
        with exclusive_access(target):
            safety = _safety_copy(target, backup_dir)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            if os.name != "nt":  # POSIX renames over a file that is open; Windows does not
                staging.replace(target)
        if staging.exists():
            staging.replace(target)
        _fsync_dir(target.parent)
    except DatabaseError:
        staging.unlink(missing_ok=True)
        raise
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise DatabaseError(f"恢复失败，当前数据库未被替换：{exc}") from exc
    return RestoreResult(info, safety)


def _safety_copy(target: Path, backup_dir: Path) -> Path:
    """Copy the (exclusively locked, so quiescent) current file before it is replaced."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    dest = backup_dir / f"{target.stem}-{_stamp()}-before-restore.db"
    shutil.copyfile(target, dest)
    _fsync(dest)
    return dest


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


# ---------------------------------------------------------------- daily backups


def daily_backups(database: Path, backup_dir: Path) -> list[Path]:
    """The automatic daily backups of ``database``, oldest first."""
    pattern = f"{database.stem}-*-{DAILY_LABEL}.db"
    return sorted(backup_dir.glob(pattern), key=lambda p: p.name)


def daily_backup_if_due(
    database: Path, backup_dir: Path, keep: int, now: dt.datetime | None = None
) -> Path | None:
    """Back up ``database`` when the newest daily backup is a day old or missing; keep ``keep``.

    Returns the new backup, or ``None`` when none was due (or ``keep`` is 0).
    """
    if keep <= 0 or not database.is_file():
        return None
    now = now or dt.datetime.now()
    existing = daily_backups(database, backup_dir)
    if existing:
        last = _stamp_of(existing[-1])
        if last is not None and now - last < dt.timedelta(days=1):
            return None
    dest = copy_sqlite(database, backup_dir / f"{database.stem}-{_stamp(now)}-{DAILY_LABEL}.db")
    for old in daily_backups(database, backup_dir)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return dest


def _stamp_of(path: Path) -> dt.datetime | None:
    parts = path.stem.split("-")
    try:
        return dt.datetime.strptime(f"{parts[-3]}-{parts[-2]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None


def run_daily_backup(ctx: AppContext) -> Path | None:
    """The start-up check: a daily backup of the open SQLite database when one is due."""
    path = ctx.database.sqlite_path
    if path is None:
        return None
    from jianfu.services.settings import SettingsService

    keep = SettingsService(ctx).load().daily_backup_keep
    return daily_backup_if_due(path, path.parent / "backups", keep)
