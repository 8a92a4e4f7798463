"""Backups of the embedded database: on demand, daily with rotation, and restoring one.

Everything here works on SQLite files through the online backup API, so a copy is consistent
while the app (or another clerk's app on a shared folder) keeps writing. A shared PostgreSQL
database is backed up on the server with ``pg_dump`` (see ``POSTGRES_HOWTO``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from jianfu import files
from jianfu.db.engine import SQLITE_MAGIC
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.domain.progress import Cancelled, Progress
from jianfu.services import audit_anchor
from jianfu.services.backup_status import (  # noqa: F401  (the backups' API)
    STATUS_SUFFIX,
    BackupStatus,
    last_backup_status,
    status_file,
)
from jianfu.services.context import AppContext

log = logging.getLogger(__name__)

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


def _anchor_of(path: Path) -> audit_anchor.Anchor:
    """The audit anchor of the trail inside the SQLite file ``path``."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM audit_log").fetchone()
        last = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    now = dt.datetime.now().isoformat(timespec="seconds")
    return audit_anchor.Anchor(count, last[0] if last else 0, last[1] if last else "", now)


def _no_progress(_done: int, _total: int, _message: str) -> None:
    return None


# ---------------------------------------------------------------- copying


def copy_sqlite(
    source: Path, target: Path, progress: Progress | None = None, *, anchor: bool = True
) -> Path:
    """Copy the SQLite file ``source`` to ``target`` consistently and atomically.

    The copy is written to a temporary name beside ``target`` and renamed when complete (see
    :mod:`jianfu.files`), so ``target`` is either the old file or the whole new copy; a
    cancelled or failed copy leaves no file behind. The copy is private to the user.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise DatabaseError(f"数据库文件“{source}”不存在。")
    if target.exists() and target.resolve() == source.resolve():
        raise DatabaseError("备份文件不能与正在使用的数据库是同一个文件。")
    step = progress.step if progress is not None else _no_progress

    def on_pages(_status: int, remaining: int, total: int) -> None:
        step(total - remaining, total, "正在备份数据库…")

    def write(partial: Path) -> None:
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

    if anchor:  # the anchor beside the source, due after its last saves, written first
        audit_anchor.flush(source)
    try:
        if not target.parent.exists():
            files.private_dir(target.parent)
        files.write_with(target, write)
        if anchor:  # the trail's length and end travel with the backup
            audit_anchor.write(audit_anchor.backup_anchor_file(target), _anchor_of(target))
    except Cancelled:
        raise
    except (OSError, sqlite3.Error) as exc:
        reason = files.os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise DatabaseError(
            f"备份失败，未生成备份文件“{target.name}”（文件夹“{target.parent}”）：{reason}"
        ) from exc
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


#: SQLite virtual-machine instructions between two looks at a check's cancel flag
CHECK_VM_STEPS = 10_000


def inspect_backup(
    path: Path, *, shown_as: Path | None = None, progress: Progress | None = None
) -> BackupInfo:
    """Check that ``path`` is a whole, readable jianfu database this app can open.

    Raises ``DatabaseError`` naming the file (``shown_as`` when checking a staged copy).
    With ``progress``, a cancel stops the check where it is (also inside the integrity check
    and the scratch migrations of ``expected_schema``) and raises ``Cancelled``; the file
    checked is only read.
    """
    step = progress.step if progress is not None else _no_progress
    step(0, 0, "正在检查备份…")
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
            if progress is not None:  # a non-zero answer interrupts the running statement
                con.set_progress_handler(lambda: int(progress.cancelled), CHECK_VM_STEPS)
            problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DatabaseError(
                    f"备份文件“{name}”已损坏：{'；'.join(problems)}。未做任何改动。"
                )
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            schema = _schema_of(con)
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
        if progress is not None and progress.cancelled:
            raise Cancelled from exc  # interrupted, not broken
        raise DatabaseError(f"备份文件“{name}”已损坏或不完整：{exc}。未做任何改动。") from exc
    step(0, 0, "正在检查备份…")
    from jianfu.db.migrate import is_known_revision

    if not revision or not is_known_revision(revision, progress):
        raise DatabaseError(
            f"备份文件“{name}”的结构版本（{revision or '无'}）比本程序（{SCHEMA_HEAD}）新"
            "或无法识别，请先升级减负软件。未做任何改动。"
        )
    kept = audit_anchor.read(audit_anchor.backup_anchor_file(Path(shown_as or path)))
    if kept is not None and kept.last_id:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT hash FROM audit_log WHERE id = ?", (kept.last_id,)).fetchone()
        finally:
            con.close()
        if entries[0] < kept.count or row is None or row[0] != kept.last_hash:
            raise DatabaseError(
                f"备份文件“{name}”中的操作记录与备份时记下的不符（备份时 {kept.count} 条，"
                f"现在 {entries[0]} 条，或最新一条已被改动）：备份文件在备份后被改动过。"
                "未做任何改动。"
            )
    missing = _missing_from(schema, revision, progress)
    if missing:
        shown = "、".join(missing[:8]) + ("等" if len(missing) > 8 else "")
        raise DatabaseError(
            f"备份文件“{name}”不是完整的减负数据库：按其结构版本（{revision}）应有的"
            f"{shown}不存在（共缺 {len(missing)} 处）。未做任何改动。"
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


def _schema_of(con: sqlite3.Connection) -> dict[str, set[str]]:
    """Tables and their columns in an open SQLite database (SQLite's own tables left out)."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: {r[1] for r in con.execute(f'PRAGMA table_info("{t}")')} for t in names}


#: ``expected_schema``'s answers by revision (only whole runs' answers are kept)
_expected: dict[str, dict[str, set[str]]] = {}
_expected_lock = threading.Lock()


def expected_schema(revision: str, progress: Progress | None = None) -> dict[str, set[str]]:
    """The tables and columns the app's migrations create up to ``revision``.

    Worked out by running the migrations on an empty temporary database (a second or two,
    once per revision per run). With ``progress``, a cancel stops the run while it waits for
    another Alembic run, between two migrations or inside a statement (``Cancelled``): the
    scratch database is rolled back and removed, nothing is kept, Alembic's lock is released.
    """
    with _expected_lock:
        known = _expected.get(revision)
    if known is not None:
        return {table: set(columns) for table, columns in known.items()}
    from sqlalchemy import create_engine

    from jianfu.db.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="jianfu-schema-") as folder:
        path = Path(folder) / "schema.db"
        engine = create_engine(f"sqlite:///{path}")
        try:
            upgrade(engine, revision, progress)
        finally:
            engine.dispose()
        con = sqlite3.connect(path)
        try:
            schema = _schema_of(con)
        finally:
            con.close()
    with _expected_lock:
        _expected[revision] = schema
    return {table: set(columns) for table, columns in schema.items()}


def forget_expected_schemas() -> None:
    """Forget ``expected_schema``'s answers (tests; the migrations are worked out again)."""
    with _expected_lock:
        _expected.clear()


def _missing_from(
    schema: dict[str, set[str]], revision: str, progress: Progress | None = None
) -> list[str]:
    """What the migrations up to ``revision`` create that ``schema`` lacks, in Chinese."""
    missing: list[str] = []
    for table_name, columns in sorted(expected_schema(revision, progress).items()):
        have = schema.get(table_name)
        if have is None:
            missing.append(f"数据表 {table_name}")
            continue
        missing += [f"{table_name}.{c} 列" for c in sorted(columns - have)]
    return missing


def last_entry_at(path: Path) -> dt.datetime | None:
    """When the last entry of ``path``'s audit trail was written (the backup's newest work),
    or ``None``; read only, after :func:`inspect_backup` accepted the file."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT max(at) FROM audit_log").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    try:
        return dt.datetime.fromisoformat(str(row[0])) if row and row[0] else None
    except ValueError:
        return None


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
        copy_sqlite(source, staging, progress, anchor=False)
        info = inspect_backup(staging, shown_as=source)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    info = replace(info, path=source)
    restored_anchor = _anchor_of(staging)
    safety: Path | None = None
    try:
        if not target.exists():
            staging.replace(target)
            audit_anchor.write(audit_anchor.anchor_file(target), restored_anchor)
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
        # The restored trail is what the anchor beside the database describes from now on.
        audit_anchor.write(audit_anchor.anchor_file(target), restored_anchor)
    except DatabaseError:
        staging.unlink(missing_ok=True)
        raise
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise DatabaseError(f"恢复失败，当前数据库未被替换：{exc}") from exc
    return RestoreResult(info, safety)


def _safety_copy(target: Path, backup_dir: Path) -> Path:
    """Copy the (exclusively locked, so quiescent) current file before it is replaced."""
    files.private_dir(backup_dir)
    dest = backup_dir / f"{target.stem}-{_stamp()}-before-restore.db"
    files.write_with(dest, lambda temp: shutil.copyfile(target, temp))
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


#: A daily backup's name: ``<database stem>-YYYYMMDD-HHMMSS-daily.db``.
_DAILY_NAME = re.compile(r"(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-" + DAILY_LABEL + r"\.db")
#: A backup stamped later than now by more than this is not trusted to be recent.
CLOCK_SLACK = dt.timedelta(minutes=10)


def daily_backups(database: Path, backup_dir: Path) -> list[Path]:
    """The automatic daily backups of ``database`` (and of no other database), oldest first.

    ``jianfu-2.db``'s backups are not ``jianfu.db``'s, although their names start alike.
    """
    if not backup_dir.is_dir():
        return []
    found = []
    for p in backup_dir.glob(f"{glob.escape(database.stem)}-*-{DAILY_LABEL}.db"):
        m = _DAILY_NAME.fullmatch(p.name)
        if m is not None and m["stem"] == database.stem and p.is_file():
            found.append(p)
    return sorted(found, key=lambda p: p.name)


def _looks_whole(path: Path) -> bool:
    """A cheap check that a backup is a whole SQLite file (magic and size from its header)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    return not (head[24:28] == head[92:96] and pages and size < pages * page_size)


def daily_backup_if_due(
    database: Path,
    backup_dir: Path,
    keep: int,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Path | None:
    """Back up ``database`` when its newest good daily backup is a day old or missing.

    Only this database's backups count, and only whole ones stamped no later than now: a
    file with a future date (a wrong clock) or a broken file does not stop today's backup.
    The new backup is checked (integrity and schema) before older ones are rotated away;
    ``keep`` good ones are kept; future-dated files are left alone. Returns the new backup,
    or ``None`` when none was due (or ``keep`` is 0). Raises ``DatabaseError`` on failure.

    ``progress`` cancelled stops the copy at its next step (``Cancelled``), leaving no file
    (``copy_sqlite``), and stops the check of a whole copy where it is (``inspect_backup``):
    the unchecked copy and its anchor are removed, the older backups are left as they were.
    Once the check has passed, the rotation (a few deletions) runs to its end.
    """
    if keep <= 0 or not database.is_file():
        return None
    now = now or dt.datetime.now()
    dated = [(p, _stamp_of(p)) for p in daily_backups(database, backup_dir)]
    usable = [p for p, stamp in dated if stamp is not None and stamp <= now + CLOCK_SLACK]
    good = [p for p in usable if _looks_whole(p)]
    if good:
        last = _stamp_of(good[-1])
        if last is not None and now - last < dt.timedelta(days=1):
            return None
    dest = copy_sqlite(
        database, backup_dir / f"{database.stem}-{_stamp(now)}-{DAILY_LABEL}.db", progress
    )
    try:
        inspect_backup(dest, progress=progress)
    except BaseException:  # broken, cancelled or unreadable: no unchecked copy is kept
        _discard(dest)
        raise
    current = [
        p
        for p in daily_backups(database, backup_dir)
        if (stamp := _stamp_of(p)) is not None and stamp <= now + CLOCK_SLACK
    ]
    keep_set = {p for p in current if p == dest or _looks_whole(p)}
    ordered = [p for p in current if p in keep_set]
    doomed = [p for p in ordered[:-keep] if p != dest]
    doomed += [p for p in current if p not in keep_set]  # broken copies go as well
    for old in doomed:
        with contextlib.suppress(OSError):
            old.unlink()
            audit_anchor.backup_anchor_file(old).unlink(missing_ok=True)
    return dest


def _discard(backup: Path) -> None:
    """Remove a backup that was not kept, and the anchor written beside it."""
    with contextlib.suppress(OSError):
        backup.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        audit_anchor.backup_anchor_file(backup).unlink(missing_ok=True)


def _stamp_of(path: Path) -> dt.datetime | None:
    m = _DAILY_NAME.fullmatch(path.name)
    if m is None:
        return None
    try:
        return dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def _save_status(database: Path, status: BackupStatus) -> None:
    with contextlib.suppress(OSError):
        data = json.dumps(status.__dict__, ensure_ascii=False).encode("utf-8")
        files.write_bytes(status_file(database), data)


def run_daily_backup(
    ctx: AppContext, now: dt.datetime | None = None, progress: Progress | None = None
) -> Path | None:
    """The start-up check: a daily backup of the open SQLite database when one is due.

    A failure does not raise: it is logged and kept in the status file, which 首页 shows.
    Cancelled (the window closed during the copy or its check) it raises ``Cancelled``,
    leaves no new file and records nothing: the next start makes the backup.
    """
    path = ctx.database.sqlite_path
    if path is None:
        return None
    from jianfu.services.settings import SettingsService

    keep = SettingsService(ctx).load().daily_backup_keep
    folder = path.parent / "backups"
    when = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    try:
        made = daily_backup_if_due(path, folder, keep, now, progress)
    except (DatabaseError, OSError) as exc:
        log.exception("daily backup failed")
        message = str(exc) if isinstance(exc, DatabaseError) else files.os_reason(exc)
        _save_status(path, BackupStatus(False, when, message))
        return None
    if made is not None:
        _save_status(path, BackupStatus(True, when, "", made.name))
    return made
