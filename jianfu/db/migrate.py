"""Alembic, driven from code: the scripts live in ``jianfu/db/migrations``."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Alembic is not thread-safe: a run installs its environment and operations as module-wide
#: proxies (``alembic.context``, ``alembic.op``) and loads the scripts as modules. Two runs at
#: once in one process (two daily backups checking their copies, each migrating a scratch
#: database) sent one run's statements to the other's connection, and a connection closed
#: under a running statement ended the process with a segmentation fault. Every Alembic run
#: of the process holds this lock.
ALEMBIC_LOCK = threading.RLock()


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


def is_known_revision(revision: str) -> bool:
    """True when ``revision`` is one of our scripts (so we know how to upgrade from it)."""
    with ALEMBIC_LOCK:
        script = ScriptDirectory.from_config(alembic_config())
        return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema to ``target`` inside one transaction, then grant (``db.grants``).

    One upgrade at a time in the process (``ALEMBIC_LOCK``): a second waits for the first.
    """
    from jianfu.db import grants

    cfg = alembic_config()
    with ALEMBIC_LOCK:
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine, cfg, target)
            return
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
            grants.apply(connection)


def _upgrade_sqlite(engine: Engine, cfg: Config, target: str) -> None:
    """The whole upgrade between one ``BEGIN`` and one ``COMMIT`` on SQLite.

    Python's sqlite3 driver opens transactions only before INSERT/UPDATE/DELETE: CREATE,
    DROP and ALTER run in autocommit, so a kill in the middle of an upgrade kept the tables
    made so far under the old revision, and the next start failed on them. Here the driver's
    own transaction handling is switched off for the upgrade's connection and the upgrade runs
    in one explicit transaction. Foreign keys are off while tables are rebuilt (a rebuilt
    table must not cascade into the rows that point at it) and checked before the commit.
    """
    from sqlalchemy import text

    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the engine's SQLite driver is sqlite3
        saved = raw.isolation_level
        connection.commit()  # nothing of the driver's own may be open
        raw.isolation_level = None
        try:
            raw.execute("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, target)
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise RuntimeError(f"upgrade left rows pointing nowhere: {broken[:5]}")
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
        finally:
            raw.isolation_level = saved
            raw.execute("PRAGMA foreign_keys=ON")
