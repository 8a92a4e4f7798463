"""The audit trail's anchor: its length and newest hash, kept outside the audit table.

The hash chain shows an entry edited or removed in the middle, but not the newest entries
deleted (or all of them): what is left is still a whole chain. So after every save that adds
entries the count, the newest entry's id and its hash are written to a small file beside the
SQLite database (``.<name>.audit-anchor.json``); each backup carries a copy and printed
reports show the count and the start of the hash. Checking the trail then also checks that
the entry the anchor names is still there, unchanged, and that no fewer entries remain.

An anchor behind the trail (another clerk's app saved last, or a crash before the file was
renamed) is not an alarm: only entries missing from what the anchor saw are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db.models import AuditRow

log = logging.getLogger(__name__)

SUFFIX = ".audit-anchor.json"


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
    """Keep ``anchor`` in ``path`` (atomically; a failure is logged, never raised)."""
    try:
        files.write_bytes(path, json.dumps(asdict(anchor)).encode("utf-8"))
    except OSError:
        log.warning("could not write the audit anchor %s", path, exc_info=True)


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
    """Called after a commit that added entries: record the trail's new end."""
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
