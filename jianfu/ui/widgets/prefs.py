"""What the window remembers between runs (its size, table column widths, the last folder),
kept in ``ui.ini`` in the user's data folder beside the database, not in the registry."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView

from jianfu.paths import data_dir


def ui_settings() -> QSettings:
    """The window's remembered settings."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)


def remember_columns(header: QHeaderView, key: str) -> None:
    """Restore the column widths the clerk set on this table, and keep them when changed."""
    saved = ui_settings().value(f"columns/{key}")
    if saved:
        header.restoreState(saved)

    def store(*_args: object) -> None:
        ui_settings().setValue(f"columns/{key}", header.saveState())

    header.sectionResized.connect(store)
