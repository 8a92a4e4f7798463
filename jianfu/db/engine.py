"""Opening a database: URL parsing, pre-flight checks, engine set-up, migrations.

The checks run *before* anything could write to the file: a file that is not a SQLite
database, or whose schema is newer than this app, is refused and left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from jianfu import files
from jianfu.db import schema, sort_keys
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.db.server_refusals import refusal
from jianfu.domain.errors import DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open, migrated database: its engine, its session factory and how to name it."""

    engine: Engine
    session_factory: sessionmaker[Session]
    description: str
    sqlite_path: Path | None
    #: called first by :meth:`close` (the audit anchor due after the last saves is written)
    before_close: list[Callable[[], None]] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite file."""
        return self.sqlite_path is not None

    def close(self) -> None:
        """Release every pooled connection (SQLite: checkpoints the WAL)."""
        for hook in list(self.before_close):
            with contextlib.suppress(Exception):
                hook()
        self.engine.dispose()


def parse_url(url: str | Path) -> URL:
    """A SQLAlchemy URL from ``url``; a bare path means a SQLite file."""
    raw = str(url).strip()
    if not raw:
        raise DatabaseError("数据库地址为空。")
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        port = "（端口必须是 1–65535 之间的数字）" if "int()" in str(exc) else ""
        raise DatabaseError(
            f"数据库地址格式不对{port}：{_redact(raw)}\n"
            "应为 SQLite 文件路径，或 postgresql+psycopg://用户@主机:端口/数据库名。"
        ) from exc
    if "@" in (parsed.host or ""):
        # SQLAlchemy ends the password at its first @ and reads the rest as the host: the
        # password's tail would be looked up as a host and said in the server's message
        raise DatabaseError(
            f"数据库地址中有多个 @（用户名或密码中的 @ 请写作 %40）：{_redact(raw)}"
        )
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise DatabaseError(
            f"数据库地址中的端口 {parsed.port} 不对，端口必须是 1–65535 之间的数字：{_redact(raw)}"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"不支持的数据库类型“{parsed.get_backend_name()}”：只支持 SQLite 文件和 PostgreSQL。"
        )
    return parsed


def describe(url: URL) -> str:
    """How the status bar names a database: the file path, or host/database (no password)."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite：{url.database}"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"PostgreSQL：{user}{url.host or 'localhost'}{port}/{url.database or ''}"


def _redact(raw: str) -> str:
    """``raw`` with any password replaced by ***."""
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        url = None
    if url is not None and "@" not in (url.host or ""):
        return url.render_as_string(hide_password=True)
    # not read, or a password with an @ read as part of the host: up to the last @ (a
    # password may hold an @ of its own: p@ss@host is not ***@ss@host)
    scheme, slashes, rest = raw.partition("//")
    cred, at, tail = rest.rpartition("@")
    if at and ":" in cred:
        return f"{scheme}{slashes}{cred.split(':', 1)[0]}:***@{tail}"
    return raw


# ---------------------------------------------------------------- SQLite pre-flight


@dataclass(frozen=True)
class SchemaState:
    """What a database holds before we touch it."""

    revision: str | None
    has_tables: bool
    #: on a server: the login that may upgrade (the owner, a member of its role, a superuser)
    upgrader: str | None = None


def _sqlite_preflight(path: Path, create: bool) -> SchemaState:
    """Check a SQLite file without writing to it; create its folder when it is new."""
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。")
        if not os.access(path, os.R_OK):
            raise DatabaseError(f"没有权限读取数据库文件“{path}”。")
        size = path.stat().st_size
        if size == 0:
            return SchemaState(None, False)
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise DatabaseError(f"“{path}”不是 SQLite 数据库文件，无法打开。文件未做任何改动。")
        if not os.access(path, os.W_OK):
            raise DatabaseError(f"数据库文件“{path}”是只读的，无法保存记录。")
        return _sqlite_schema_state(path)
    if not create:
        raise DatabaseError(f"数据库文件“{path}”不存在。")
    try:
        if not path.parent.exists():
            files.private_dir(path.parent)  # a folder we create holds ID numbers: ours only
    except OSError as exc:
        raise DatabaseError(
            f"无法创建数据文件夹“{path.parent}”：{files.os_reason(exc)}。"
            "请检查权限，或用 --database 指定其他位置。"
        ) from exc
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"数据文件夹“{path.parent}”不可写。请检查权限，或用 --database 指定其他位置。"
        )
    return SchemaState(None, False)


def _sqlite_schema_state(path: Path) -> SchemaState:
    """Read the Alembic revision through a read-only connection."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in names:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"“{path}”已损坏或不是 SQLite 数据库：{exc}。文件未做任何改动。"
        ) from exc
    return SchemaState(revision, bool(names - {"alembic_version"}))


def backup_sqlite(path: Path, dest_dir: Path, label: str) -> Path:
    """Copy a SQLite file consistently (online backup API) to ``dest_dir`` with a dated name."""
    files.private_dir(dest_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = dest_dir / f"{path.stem}-{stamp}-{label}.db"

    def write(temp: Path) -> None:  # a temporary name, renamed when whole (see jianfu.files)
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()

    files.write_with(dest, write)
    return dest


# ---------------------------------------------------------------- engines


#: How long a SQLite write waits for another one (a large import holds the write lock for
#: tens of seconds) before giving up with the message in ``services.context``.
SQLITE_BUSY_MS = 60_000


def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_MS)}")
    cur.close()


def share_partial_indexes() -> None:
    """Give PostgreSQL the conditions of the models' partial indexes (declared ``sqlite_where``).

    Declaring ``postgresql_where`` in the models would import SQLAlchemy's PostgreSQL dialects
    (asyncpg, pg8000, psycopg, ...) at every start, also for a SQLite file; only a server needs it.
    """
    for table in schema.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None and index.dialect_options["postgresql"]["where"] is None:
                index.dialect_options["postgresql"]["where"] = where


def make_engine(url: URL) -> Engine:
    """An engine with the right options for SQLite (pragmas) or PostgreSQL (pre-ping)."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        sort_keys.watch(engine)  # a name set by an UPDATE statement gets its key
        return engine
    share_partial_indexes()
    try:
        # prepare_threshold None: psycopg never prepares a statement on the server. Prepared,
        # a statement run often enough gets PostgreSQL's generic plan, made without the values:
        # a certificate search (its term a parameter) then walked the whole register by date
        # instead of the index of characters (王 on a city: 70-300 ms -> 1.5-2 s from the
        # sixth search of a connection on)
        engine = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 5, "prepare_threshold": None},
        )
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            '使用 PostgreSQL 需要 psycopg：请运行 pip install "jianfu[postgres]"。'
        ) from exc
    from jianfu.db.notify import track_backends

    track_backends(engine)  # its own saves' notifications are not others' (db.notify)
    sort_keys.watch(engine)  # a name set by an UPDATE statement gets its key
    return engine


class _NoRightsError(Exception):
    """The login may not even use the database's schema (no one granted it anything)."""


def _server_schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as con:
        if con.execute(text("SELECT current_schema()")).scalar() is None:
            raise _NoRightsError  # no schema it may use: it would see an empty database
        names = set(inspect(con).get_table_names())
        revision, upgrader = None, None
        if "alembic_version" in names:
            revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
            # the owner of the schema's tables (whom a person's login cannot act as), unless
            # the connected login is that owner, a member of its role or a superuser
            upgrader = con.execute(
                text(
                    "SELECT t.tableowner FROM pg_tables t WHERE t.tablename = 'alembic_version' "
                    "AND t.schemaname = current_schema() AND NOT pg_has_role(t.tableowner, "
                    "'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = "
                    "current_user)"
                )
            ).scalar()
    return SchemaState(revision, bool(names - {"alembic_version"}), upgrader)


def _check_state(state: SchemaState, where: str) -> bool:
    """True when the schema needs an upgrade; raise when it must not be touched."""
    if state.revision == SCHEMA_HEAD:
        return False
    if state.revision is None:
        if state.has_tables:
            raise DatabaseError(
                f"{where}中已有其他程序的数据表，不是减负数据库。为免误改，未做任何改动。"
            )
        return True
    from jianfu.db.migrate import is_known_revision

    if not is_known_revision(state.revision):
        raise DatabaseError(
            f"{where}的结构版本（{state.revision}）比本程序新，请先升级减负软件再打开。"
            "数据库未做任何改动。"
        )
    return True


def open_database(
    url: str | Path | None,
    *,
    default_path: Path,
    create: bool = True,
    backup_dir: Path | None = None,
    on_backup: Callable[[Path], None] | None = None,
) -> Database:
    """Open (and create or upgrade) a database, or raise ``DatabaseError`` with the reason.

    ``url`` ``None`` means the SQLite file ``default_path``. Before a SQLite file with data is
    upgraded it is copied to ``backup_dir`` (default: ``backups`` beside it).
    """
    parsed = parse_url(url if url is not None else default_path)
    description = describe(parsed)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise DatabaseError("请指定 SQLite 数据库文件的路径。")
        path = Path(parsed.database)
        state = _sqlite_preflight(path, create)
        needs_upgrade = _check_state(state, f"数据库文件“{path}”")
        if needs_upgrade and state.has_tables:
            dest = backup_sqlite(
                path, backup_dir or path.parent / "backups", f"before-{SCHEMA_HEAD}"
            )
            if on_backup is not None:
                on_backup(dest)
        engine = make_engine(parsed)
    else:
        path = None
        engine = make_engine(parsed)
        try:
            state = _server_schema_state(engine)
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise refusal(description, parsed.username or "", reason) from exc
        except (ProgrammingError, _NoRightsError) as exc:
            engine.dispose()
            if isinstance(exc, ProgrammingError) and getattr(exc.orig, "sqlstate", None) != "42501":
                raise
            # a login of the server that no one registered here: not even allowed to read
            if isinstance(exc, _NoRightsError):
                raise DatabaseError(
                    f"连接 {description} 的数据库账户不能使用数据库中的任何模式（schema），"
                    "看不到任何记录，未能打开：它可能未登记为本系统人员（请管理员用 "
                    "jianfu users add 登记），或数据库的 search_path 设置有误。数据库未做任何改动。"
                ) from exc
            raise DatabaseError(
                f"连接 {description} 的数据库账户未登记为本系统人员，没有查看任何记录的权限，"
                "未能打开。请管理员用 jianfu users add 登记后再连接。数据库未做任何改动。"
            ) from exc
        needs_upgrade = _check_state(state, f"数据库 {description} ")
        if needs_upgrade and state.upgrader:
            engine.dispose()
            raise DatabaseError(
                f"数据库 {description} 的结构需要升级到新版本（{state.revision} → {SCHEMA_HEAD}），"
                f"只有数据库的所有者（{state.upgrader}）才能升级，您的账号不能。"
                "请数据库管理员用所有者账号打开一次减负（或运行 jianfu init）后再连接。"
                "数据库未做任何改动。"
            )
    if needs_upgrade:
        from jianfu.db.migrate import upgrade

        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(f"升级数据库结构失败：{exc}") from exc
    if path is not None:
        _make_private(engine, path)
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(engine, factory, description, path)


def _make_private(engine: Engine, path: Path) -> None:
    """The database file (and so its WAL and SHM files, which SQLite creates with the
    database's mode) readable by the user only; the app's own data folder too."""
    with engine.connect():  # creates the file if it is new
        pass
    for suffix in ("", "-wal", "-shm", "-journal"):
        files.make_private(Path(f"{path}{suffix}"))
    from jianfu.paths import data_dir

    with contextlib.suppress(OSError, ValueError):
        if path.resolve().is_relative_to(data_dir().resolve()):
            files.make_private(data_dir())
