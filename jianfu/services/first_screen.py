"""What 首页 showed when the app closed, kept beside the SQLite file for the next start.

A start reads the database through SQLAlchemy, and importing it and mapping the models takes
several times as long as showing a window (``tests/bench/startup.py``). So at every close the
app writes what its first screen shows (figures, charts, reminders, as plain JSON) next to the
database file, with the file's identity: device, inode, size, mode and modification time. It
writes it for the day of the close and the next ``DAYS_AHEAD`` days (首页 is read as of each
day: a day's first start, a Monday's after a Friday's close, is one of them). The next start
shows the one of its day at once, *only* if nothing can have changed what it shows since:

- the database file is the same file, unchanged, with no ``-wal`` or ``-journal`` beside it
  holding writes not yet in it (any write by this app, the command line or another copy of the
  app changes one of those);
- it is one of the days it was read for (deadlines, the period and 逾期 depend on the day),
  the same app version and schema, and the last automatic backup's outcome (a reminder of
  首页) is unchanged.

Otherwise (a crash, another program wrote, a longer absence) the start reads the database as
before. The database is opened in the background either way, and the other screens
come when it is open. A server database has no file to check: it is always read.

Plain Python (no SQLAlchemy, no Qt): the start-up imports this before either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jianfu import __version__, files
from jianfu.db.schema_version import SCHEMA_HEAD

#: the file's layout; a snapshot of another layout is ignored
FORMAT = 2
#: besides the day of the close, 首页 is kept as it will read on this many days after it
DAYS_AHEAD = 3
SUFFIX = ".first-screen.json"
#: a write after the snapshot must get a later modification time than the one recorded: the
#: file system's clock advances in ticks (a few ms), so the stamp is taken at least this long
#: after the file's last write
TICK_NS = 30_000_000

Stamp = list[int]


def snapshot_file(database: Path) -> Path:
    """Where ``database``'s first screen is kept: beside it, hidden, private like it."""
    return database.parent / f".{database.stem}{SUFFIX}"


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _stamp(path: Path) -> Stamp | None:
    st = _stat(path)
    if st is None:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mode, st.st_mtime_ns]


def _pending(database: Path) -> bool:
    """Whether writes wait beside the file (its ``-wal`` or ``-journal`` is not empty)."""
    for suffix in ("-wal", "-journal"):
        st = _stat(Path(f"{database}{suffix}"))
        if st is not None and st.st_size > 0:
            return True
    return False


def _status_file(database: Path) -> Path:
    # services.backup.status_file, without importing the backups (and SQLAlchemy) at start
    return database.parent / f".{database.stem}.backup-status.json"


def _key(database: Path, stamp: Stamp) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": __version__,
        "schema": SCHEMA_HEAD,
        "database": stamp,
        "backup_status": _stamp(_status_file(database)),
    }


def current_key(database: Path) -> dict[str, Any] | None:
    """What a snapshot of ``database`` must have been made under to be shown now; ``None``
    when the file is missing or has writes waiting beside it."""
    stamp = _stamp(database)
    if stamp is None or _pending(database):
        return None
    return _key(database, stamp)


def _kept_days(database: Path) -> dict[str, Any]:
    """The days kept for ``database`` if nothing has changed since (else none)."""
    key = current_key(database)
    if key is None:
        return {}
    try:
        kept = json.loads(snapshot_file(database).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    days = kept.get("days") if isinstance(kept, dict) and kept.get("key") == key else None
    return days if isinstance(days, dict) else {}


def load(database: Path, today: dt.date | None = None) -> dict[str, Any] | None:
    """The first screen kept for ``database`` if it still shows what a reading would show."""
    shown = _kept_days(database).get((today or dt.date.today()).isoformat())
    return shown if isinstance(shown, dict) else None


def forget(database: Path) -> None:
    """Remove ``database``'s snapshot (it no longer shows what the database holds)."""
    with contextlib.suppress(OSError):
        snapshot_file(database).unlink()


def _state(database: Path) -> tuple[Stamp | None, Stamp | None, Stamp | None]:
    return (
        _stamp(database),
        _stamp(Path(f"{database}-wal")),
        _stamp(Path(f"{database}-journal")),
    )


def keep_at_close(
    database: Path,
    read: Callable[[dt.date], dict[str, Any]],
    close: Callable[[], None],
    today: dt.date | None = None,
) -> bool:
    """Close the database (``close``) and keep what its first screen shows for the next start.

    ``read(day)`` reads the first screen from the open database as of ``day`` (JSON-able); it
    is called for today and the ``DAYS_AHEAD`` days after, and not at all when the kept
    snapshot still holds for them all (nothing was written since it was made).
    Nothing is kept when another connection wrote while it read, or still has writes waiting
    after the close. Returns whether a current snapshot is kept.
    """
    today = today or dt.date.today()
    days = [today + dt.timedelta(days=n) for n in range(DAYS_AHEAD + 1)]
    try:
        kept = _kept_days(database)
        if all(isinstance(kept.get(day.isoformat()), dict) for day in days):
            close()
            return True
        before = _state(database)
        shown = {day.isoformat(): read(day) for day in days}
        if _state(database) != before:
            close()
            forget(database)
            return False
    except BaseException:
        forget(database)
        raise
    close()  # SQLite moves the WAL's writes into the file and removes the WAL
    closed = _stamp(database)
    if closed is None or _pending(database):
        forget(database)
        return False
    wait = closed[4] + TICK_NS - time.time_ns()
    if wait > TICK_NS:  # written "in the future": the clock was put back
        forget(database)
        return False
    if wait > 0:
        time.sleep(wait / 1e9)
    key = current_key(database)
    if key is None or key["database"] != closed:  # written again meanwhile
        forget(database)
        return False
    data = json.dumps({"key": key, "days": shown}, ensure_ascii=False).encode("utf-8")
    try:
        files.write_bytes(snapshot_file(database), data)
    except OSError:
        forget(database)
        return False
    return True
