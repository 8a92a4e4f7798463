"""How the last automatic backup went, kept beside the database: plain Python (首页 reads it
at start-up, before SQLAlchemy is imported; ``services.backup`` writes it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

STATUS_SUFFIX = ".backup-status.json"


@dataclass(frozen=True)
class BackupStatus:
    """How the last automatic backup of a database went (kept beside its backups)."""

    ok: bool
    when: str
    message: str
    file: str = ""


def status_file(database: Path) -> Path:
    """Where the outcome of ``database``'s last automatic backup is kept: beside it (the
    backup folder itself may be what failed)."""
    return database.parent / f".{database.stem}{STATUS_SUFFIX}"


def last_backup_status(database: Path) -> BackupStatus | None:
    """The outcome of the last automatic backup, or ``None`` when none was tried yet."""
    path = status_file(database)
    try:
        data = json.loads(path.read_text("utf-8"))
        return BackupStatus(
            bool(data["ok"]), str(data["when"]), str(data["message"]), str(data.get("file", ""))
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
