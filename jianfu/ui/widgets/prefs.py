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
    settings = ui_settings()
    saved = settings.value(f"columns/{key}")
    count = settings.value(f"columns/{key}-count")
    # a table whose columns differ (the cases list above the township has a 乡镇 column) keeps
    # its own widths rather than taking another layout's
    if saved and (count is None or str(count) == str(header.count())):
        header.restoreState(saved)

    def store(*_args: object) -> None:
        prefs = ui_settings()
        prefs.setValue(f"columns/{key}", header.saveState())
        prefs.setValue(f"columns/{key}-count", header.count())

    header.sectionResized.connect(store)
