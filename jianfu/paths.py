"""The one module that knows where the app's data and resources live."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jianfu"
DATA_DIR_ENV = "JIANFU_DATA_DIR"


def data_dir() -> Path:
    """The per-user data directory (``JIANFU_DATA_DIR`` overrides it); not created here."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_database_file() -> Path:
    """Where the embedded database lives unless ``--database`` says otherwise."""
    return data_dir() / "jianfu.db"


def demo_database_file() -> Path:
    """Where ``jianfu demo`` keeps its demo database."""
    return data_dir() / "demo.db"


def backups_dir() -> Path:
    """Where automatic backups (before a migration, daily) are written."""
    return data_dir() / "backups"


def resources_dir() -> Path:
    """``resources/``: inside the package when installed, beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    return installed if installed.is_dir() else here.parent / "resources"
