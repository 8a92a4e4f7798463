"""Alembic, driven from code: the scripts live in ``jianfu/db/migrations``."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from jianfu.domain.progress import Cancelled, Progress

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Alembic is not thread-safe: a run installs its environment and operations as module-wide
#: proxies (``alembic.context``, ``alembic.op``) and loads the scripts as modules. Two runs at
#: once in one process (two daily backups checking their copies, each migrating a scratch
#: database) sent one run's statements to the other's connection, and a connection closed
#: under a running statement ended the process with a segmentation fault. Every Alembic run
#: of the process holds this lock.
ALEMBIC_LOCK = threading.RLock()

#: how often (seconds) a cancellable run waiting for ``ALEMBIC_LOCK`` looks at its cancel flag
LOCK_POLL = 0.05
#: SQLite virtual-machine instructions between two looks at the cancel flag inside a statement
VM_STEPS = 10_000


@contextlib.contextmanager
def _alembic_lock(progress: Progress | None) -> Iterator[None]:
    """Hold ``ALEMBIC_LOCK``; with ``progress``, a cancel while waiting for it raises
    ``Cancelled`` (another run may hold it for long: a start-up upgrade, another check)."""
    if progress is None:
        with ALEMBIC_LOCK:
            yield
        return
    while not ALEMBIC_LOCK.acquire(timeout=LOCK_POLL):
        if progress.cancelled:
            raise Cancelled
    try:
        yield
    finally:
        ALEMBIC_LOCK.release()


def alembic_config() -> Config:
    """An Alembic config pointing at our scripts (no alembic.ini needed at run time)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest revision among the scripts."""
    with ALEMBIC_LOCK:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str, progress: Progress | None = None) -> bool:
    """True when ``revision`` is one of our scripts (so we know how to upgrade from it).

    With ``progress``, a cancel while waiting for another Alembic run raises ``Cancelled``.
    """
    with _alembic_lock(progress):
        script = ScriptDirectory.from_config(alembic_config())
        return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(engine: Engine, target: str = "head", progress: Progress | None = None) -> None:
    """Upgrade the schema to ``target`` inside one transaction, then grant (``db.grants``).

    One upgrade at a time in the process (``ALEMBIC_LOCK``): a second waits for the first.
    With ``progress`` (SQLite only; a scratch database's upgrade, such as a backup's check) the
    run can be cancelled while it waits for the lock, between two migrations and inside a
    statement: it raises ``Cancelled``, its transaction rolled back and the lock released.
    """
    from jianfu.db import grants

    cfg = alembic_config()
    if progress is not None:
        if engine.dialect.name != "sqlite":
            raise ValueError("a cancellable upgrade is for SQLite scratch databases")
        cfg.attributes["on_version_apply"] = lambda **_kw: _raise_if_cancelled(progress)
    with _alembic_lock(progress):
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine, cfg, target, progress)
            return
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
            grants.apply(connection)


def _raise_if_cancelled(progress: Progress) -> None:
    if progress.cancelled:
        raise Cancelled


def _upgrade_sqlite(
    engine: Engine, cfg: Config, target: str, progress: Progress | None = None
) -> None:
    """The whole upgrade between one ``BEGIN`` and one ``COMMIT`` on SQLite.

    Python's sqlite3 driver opens transactions only before INSERT/UPDATE/DELETE: CREATE,
    DROP and ALTER run in autocommit, so a kill in the middle of an upgrade kept the tables
    made so far under the old revision, and the next start failed on them. Here the driver's
    own transaction handling is switched off for the upgrade's connection and the upgrade runs
    in one explicit transaction. Foreign keys are off while tables are rebuilt (a rebuilt
    table must not cascade into the rows that point at it) and checked before the commit.
    With ``progress``, SQLite interrupts a statement once it is cancelled (``Cancelled``).
    """
    from sqlalchemy import text

    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the engine's SQLite driver is sqlite3
        saved = raw.isolation_level
        connection.commit()  # nothing of the driver's own may be open
        raw.isolation_level = None
        if progress is not None:  # a non-zero answer interrupts the running statement
            raw.set_progress_handler(lambda: int(progress.cancelled), VM_STEPS)
        try:
            raw.execute("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, target)
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise RuntimeError(f"upgrade left rows pointing nowhere: {broken[:5]}")
            except BaseException as exc:
                if progress is not None:  # the rollback itself is not to be interrupted
                    raw.set_progress_handler(None, 0)
                connection.rollback()
                if progress is not None and progress.cancelled:
                    raise Cancelled from exc  # interrupted, or stopped between two steps
                raise
            if progress is not None:  # nor the commit of a whole run
                raw.set_progress_handler(None, 0)
            connection.commit()
        finally:
            if progress is not None:
                raw.set_progress_handler(None, 0)
            raw.isolation_level = saved
            raw.execute("PRAGMA foreign_keys=ON")
