"""What the window remembers between runs (its size, table column widths, the last folder),
kept in ``ui.ini`` in the user's data folder beside the database, not in the registry."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView

from jianfu.paths import data_dir


def ui_settings() -> QSettings:
    """The window's remembered settings."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)


def layout_signature(parts: Iterable[object]) -> str:
    """A short fingerprint of a table's layout as the code makes it: widths remembered under
    another fingerprint belong to other columns (a newer version's, or the same list above the
    township with its 乡镇 column) and are not put back over these."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def header_titles(header: QHeaderView) -> list[str]:
    """The header's column titles, in order."""
    model = header.model()
    if model is None:
        return []
    horizontal = Qt.Orientation.Horizontal
    return [str(model.headerData(i, horizontal) or "") for i in range(header.count())]


def header_signature(header: QHeaderView) -> str:
    """The fingerprint of a header as laid out now: its column titles, each column's resize
    mode, whether it is hidden and the width the code gave it (not a width that follows the
    data or the window: a column sized to its contents, a stretched one), and whether the last
    column stretches."""
    stretch_last = header.stretchLastSection()
    parts: list[object] = [header.count(), stretch_last]
    fixed = (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed)
    last = header.count() - 1
    for i, title in enumerate(header_titles(header)):
        mode = header.sectionResizeMode(i)
        hidden = header.isSectionHidden(i)
        sized = mode in fixed and not hidden and not (stretch_last and i == last)
        parts.append(f"{title}|{mode.name}|{int(hidden)}|{header.sectionSize(i) if sized else ''}")
    return layout_signature(parts)


def remember_columns(header: QHeaderView, key: str) -> None:
    """Restore the column widths the clerk set on this table, and keep them when changed.

    They are kept under the fingerprint of the layout the code made (:func:`header_signature`),
    taken before anything is restored: a version that changes the columns (their titles, order,
    widths or which one stretches) starts from its own layout, and widths saved for the old
    one are never applied to the wrong columns; while the table shows other columns, nothing is
    kept. Widths saved before fingerprints were kept (``columns/KEY``) are not read."""
    signature = header_signature(header)
    titles = header_titles(header)
    name = f"column-states/{key}/{signature}"
    # widths of this table not yet written are read as they are; another table's wait for
    # their moment (a screen opened right after another was laid out wrote that one's on the
    # GUI thread while this one was built)
    store_columns_now(name)
    saved = ui_settings().value(name)
    if saved:
        header.restoreState(saved)
    _KeptColumns(header, name, titles)


#: How long after a table's last column resize its widths are written (ms). A screen laid out
#: or a window resized moves a stretched column many times, and each write read and wrote
#: ui.ini on the GUI thread (at the city's 证明 opened: 10 writes, 57 ms).
STORE_AFTER_MS = 400

_PENDING: set[_KeptColumns] = set()
_QUIT_WATCHED = False  # the application's quitting writes what waits


def store_columns_now(name: str | None = None) -> None:
    """Write every table's column widths that wait to be written (the window closes, the
    application quits), or those kept under ``name`` (a table's widths are read)."""
    for kept in list(_PENDING):
        if name is None or kept.name == name:
            kept.store()


class _KeptColumns(QObject):
    """Writes a header's widths under ``name`` a moment after its last resize, while it
    shows the columns it was laid out with."""

    def __init__(self, header: QHeaderView, name: str, titles: list[str]) -> None:
        super().__init__(header)
        self._header, self.name, self._titles = header, name, titles
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(STORE_AFTER_MS)
        self._timer.timeout.connect(self.store)
        header.sectionResized.connect(self._on_resized)
        self.destroyed.connect(lambda *_args, kept=self: _PENDING.discard(kept))

    def _on_resized(self, *_args: object) -> None:
        if header_titles(self._header) != self._titles:  # other columns shown: not this layout's
            return
        global _QUIT_WATCHED
        if not _QUIT_WATCHED and (app := QCoreApplication.instance()) is not None:
            app.aboutToQuit.connect(store_columns_now)
            _QUIT_WATCHED = True
        _PENDING.add(self)
        self._timer.start()

    def store(self) -> None:
        """Write the widths now, if they wait to be written."""
        if self not in _PENDING:
            return
        _PENDING.discard(self)
        try:
            self._timer.stop()
            if header_titles(self._header) != self._titles:
                return
            state = self._header.saveState()
        except RuntimeError:  # the table is gone (its Qt object deleted)
            return
        ui_settings().setValue(self.name, state)
