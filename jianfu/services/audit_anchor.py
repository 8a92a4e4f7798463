"""The audit trail's anchor: its length and newest hash, kept outside the audit table.

The hash chain shows an entry edited or removed in the middle, but not the newest entries
deleted (or all of them): what is left is still a whole chain. So after every save that adds
entries the count, the newest entry's id and its hash are written to a small file beside the
SQLite database (``.<name>.audit-anchor.json``); each backup carries a copy and printed
reports show the count and the start of the hash. Checking the trail then also checks that
the entry the anchor names is still there, unchanged, and that no fewer entries remain.

An anchor behind the trail (another clerk's app saved last, or a crash before the file was
renamed) is not an alarm: only entries missing from what the anchor saw are.

Writing the file (fsynced, then renamed) costs more than a save itself, so a burst of saves
writes it once: each save takes the trail's end at its commit and marks it due
(:func:`mark_due`); the file is written when no save has come for ``QUIET_S`` (at the latest
``MAX_LAG_S`` after the first save waiting), before the anchor is compared
(:func:`flush`), when the database closes, before a backup and at exit. Taken at the commit,
the due anchor names only entries that were saved: written late, it still shows a trail cut
back since. Until it is written the file is behind the trail, as after a crash: it anchors
an older part of the trail, which still verifies.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db.engine import Database
from jianfu.db.models import AuditRow

log = logging.getLogger(__name__)

SUFFIX = ".audit-anchor.json"

#: a burst of saves ends when no save has come for this long
QUIET_S = 0.5
#: a steady stream of saves still writes the anchor at least this often
MAX_LAG_S = 5.0


@dataclass(frozen=True)
class Anchor:
    """How long the trail was and how it ended, at one moment."""

    count: int
    last_id: int
    last_hash: str
    at: str = ""

    def short(self) -> str:
        """For printed reports: 操作记录 N 条，末条校验码 abcd1234ef56."""
        return f"操作记录 {self.count} 条，末条校验码 {self.last_hash[:12] or '（无）'}"


def anchor_file(database: Path) -> Path:
    """Where the anchor of the SQLite file ``database`` is kept (beside it, hidden)."""
    return database.parent / f".{database.stem}{SUFFIX}"


def backup_anchor_file(backup: Path) -> Path:
    """The anchor that travels with a backup file."""
    return backup.with_name(backup.name + SUFFIX)


def current(session: Session) -> Anchor:
    """The anchor of the trail as it is in the database now."""
    count = session.execute(select(func.count()).select_from(AuditRow)).scalar_one()
    last = session.execute(
        select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    now = dt.datetime.now().isoformat(timespec="seconds")
    return Anchor(count, last[0] if last else 0, last[1] if last else "", now)


def write(path: Path, anchor: Anchor) -> None:
    """Keep ``anchor`` in ``path`` now (atomically; a failure is logged, never raised).

    An anchor still due for ``path`` is dropped: what is written now replaces it (a restored
    trail's anchor must not be followed by the one of the trail it replaced)."""
    with _writing:
        with _lock:
            _drop(path)
        _write_file(path, anchor)


def _write_file(path: Path, anchor: Anchor) -> None:
    try:  # beside its database: a folder gone since the save is not made again
        files.write_bytes(path, json.dumps(asdict(anchor)).encode("utf-8"), make_parents=False)
    except OSError:
        log.warning("could not write the audit anchor %s", path, exc_info=True)


# ------------------------------------------------- anchors due after a burst of saves

#: held while an anchor file is written (a due anchor is taken and written under it, so a
#: later direct write always lands after it)
_writing = threading.Lock()
#: guards the dictionaries below (never held while writing a file)
_lock = threading.Lock()
#: the writer waits on it for the end of a burst (told when a burst starts)
_wake = threading.Condition(_lock)
#: anchor file -> the newest anchor taken at a commit and not written yet
_due: dict[Path, Anchor] = {}
#: anchor file -> when the oldest save still waiting was marked (time.monotonic)
_due_since: dict[Path, float] = {}
#: anchor file -> when the newest save was marked
_last_mark: dict[Path, float] = {}
#: writes the anchors whose burst has ended; one thread, started by the first save
_writer: threading.Thread | None = None
#: database file -> the flush its ``Database`` calls when it closes
_closers: dict[Path, functools.partial[None]] = {}


def _drop(path: Path) -> Anchor | None:
    """Forget what is due for ``path`` (called under ``_lock``)."""
    _due_since.pop(path, None)
    _last_mark.pop(path, None)
    return _due.pop(path, None)


def mark_due(database: Database, session: Session) -> None:
    """After a commit that added entries: the trail's end now is to be written when the
    burst of saves ends (or the database closes, or it is compared)."""
    global _writer
    path = database.sqlite_path
    if path is None:
        return
    anchor = current(session)
    target = anchor_file(path)
    with _lock:
        kept = _due.get(target)
        if kept is None or anchor.last_id >= kept.last_id:  # commits on two threads
            _due[target] = anchor
        now = time.monotonic()
        _last_mark[target] = now
        if target not in _due_since:  # a burst starts: the writer sets its clock
            _due_since[target] = now
            if _writer is None or not _writer.is_alive():
                # daemon: exit does not wait for it (``flush`` runs at exit)
                _writer = threading.Thread(target=_write_ended, name="audit-anchor", daemon=True)
                _writer.start()
            _wake.notify()
        closer = _closers.setdefault(path, functools.partial(flush, path))
    if closer not in database.before_close:
        database.before_close.append(closer)


def _ends(target: Path) -> float:
    """When the burst of ``target`` counts as ended (called under ``_lock``)."""
    return min(_last_mark[target] + QUIET_S, _due_since[target] + MAX_LAG_S)


def _write_ended() -> None:
    """The writer: waits for bursts to end and writes their anchors (a save restarts the
    wait by its time alone: no thread is woken for each save)."""
    while True:
        with _lock:
            while True:
                now = time.monotonic()
                ended = [t for t in _due if _ends(t) <= now]
                if ended:
                    break
                _wake.wait(min((_ends(t) - now for t in _due), default=None))
        with _writing:
            with _lock:  # a flush may have written them meanwhile
                taken = [(t, _drop(t)) for t in ended]
            for target, anchor in taken:
                if anchor is not None:
                    _write_file(target, anchor)


def flush(database: Path | None = None) -> None:
    """Write now the anchor due for the SQLite file ``database`` (every one: ``None``)."""
    with _writing:
        with _lock:
            targets = list(_due) if database is None else [anchor_file(database)]
            taken = [(t, _drop(t)) for t in targets]
        for target, anchor in taken:
            if anchor is not None:
                _write_file(target, anchor)


atexit.register(flush)


def read(path: Path) -> Anchor | None:
    """The anchor kept in ``path``; ``None`` when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return Anchor(
            int(data["count"]),
            int(data["last_id"]),
            str(data["last_hash"]),
            str(data.get("at", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def update_after_commit(session: Session, database: Path) -> None:
    """Record the trail's end now (a trail just verified: later checks compare with it)."""
    with contextlib.suppress(Exception):
        write(anchor_file(database), current(session))


def compare(session: Session, anchor: Anchor | None) -> tuple[str, str]:
    """(problem, note) of the trail in ``session`` against ``anchor``.

    A problem means entries the anchor saw are gone or changed; a note says the anchor
    could not be used (none kept yet), which is not by itself a sign of tampering.
    """
    if anchor is None:
        return "", "本机未保存操作记录锚点，无法检查最新的记录是否被删除"
    now = current(session)
    if anchor.last_id == 0:
        return "", ""
    row = session.execute(
        select(AuditRow.hash).where(AuditRow.id == anchor.last_id)
    ).scalar_one_or_none()
    if now.count < anchor.count or row is None:
        missing = max(anchor.count - now.count, 1)
        return (
            f"按锚点记载（{anchor.at[:16].replace('T', ' ')}）应至少有 {anchor.count} 条记录、"
            f"最新一条编号 {anchor.last_id}，现在只有 {now.count} 条"
            f"{'且该条已不存在' if row is None else ''}：约 {missing} 条最新的记录被删除。",
            "",
        )
    if row != anchor.last_hash:
        return (
            f"编号 {anchor.last_id} 的记录与锚点记载的校验码不同：这条记录在写入后被改动过"
            "（连同之后的记录被重新计算）。",
            "",
        )
    return "", ""
