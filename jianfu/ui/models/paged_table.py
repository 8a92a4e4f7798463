"""A table model over a service's paged query: one page of plain rows, more on demand.

Filtering and sorting happen in the service (SQL); the model holds the rows fetched so far
and asks for the next page when the view scrolls near the end (``canFetchMore``/``fetchMore``).
``data()`` never queries. Given a ``TaskRunner``, further pages load on a worker thread and
are added when they arrive, so scrolling through a city's 100,000 rows never blocks the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView

from jianfu.domain.paging import Page
from jianfu.ui.glyphs import with_missing_note

if TYPE_CHECKING:
    from jianfu.ui.background import TaskRunner

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# the roles as plain ints for ``data()``, which Qt calls for every role of every cell it paints:
# PySide's enum attributes cost a microsecond or two on each call
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ROW = int(Qt.ItemDataRole.UserRole.value)
_SORT = _ROW + 1
_GREY = Qt.GlobalColor.gray


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header and how to show a row in it; ``tooltip`` the text its cell's
    tooltip says when it is not the cell's own (a short form shown, the whole in the tip)."""

    header: str
    display: Callable[[T], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    width: int = 0
    tooltip: Callable[[T], str] | None = None


def township_column(township: Callable[[T], str], width: int = 0) -> Column[T]:
    """乡镇(街道) of a list of several townships' records: a township led by its county
    (北岭县/石门乡, where a city's counties have townships of one name) goes on two lines after
    its slash, so the column keeps its width (``width``, as :class:`Column`'s)."""
    return Column("乡镇(街道)", lambda row: township(row).replace("/", "/\u2028"), width=width)


Fetcher = Callable[[str, int, int], Page[T]]


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Rows of type ``T`` loaded page by page from ``fetch(query, offset, limit)``."""

    SIZE_BY_TEXT = True
    """A cell's size follows from its text (``cell_text``) and its column's alignment alone
    (its other roles are colours, tooltips and the record): ``WrappingDelegate`` measures each
    such size once. A subclass that gives a cell a font, an icon or a check box sets this to
    False; one that shows other text than its column's sets it to False or overrides
    ``cell_text`` too."""

    sig_page_added = Signal()
    """A further page arrived (or the end was found) after ``fetchMore``."""
    sig_reloaded = Signal()
    """The rows of a ``reload`` are in (at once, or when a background read arrived)."""
    sig_reload_failed = Signal(object)
    """A background ``reload`` failed with this exception (the old rows stay)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        fetch: Fetcher[T],
        *,
        page_size: int = 200,
        is_inactive: Callable[[T], bool] | None = None,
        foreground: Callable[[T], Any] | None = None,
        runner: TaskRunner | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0  # bumped by reload: a page still on its way is then dropped
        self._loading = False
        self._reloading = False
        self._columns = list(columns)
        self._fetch = fetch
        self._page_size = page_size
        self._is_inactive = is_inactive
        self._foreground = foreground
        self._rows: list[T] = []
        self._total = 0
        self._query = ""
        self._read = False  # a reload has been asked for

    # ---- public API

    @property
    def columns(self) -> list[Column[T]]:
        """The column specs, in order."""
        return self._columns

    @property
    def total(self) -> int:
        """How many rows match the current query (not only those loaded)."""
        return self._total

    @property
    def query(self) -> str:
        """The current search text."""
        return self._query

    def reload(
        self, query: str | None = None, *, background: bool = False, quiet: bool = False
    ) -> None:
        """Run the query again from the first page (a new search, or after a change).

        The same query again reads as many rows as are loaded (at least a page), so a row the
        clerk scrolled to is still there. ``background`` (with a runner) reads on a worker
        thread and shows the rows when they arrive; a read that ends after a newer one started
        is dropped. ``sig_reloaded`` says when the rows are in; a background read that fails
        raises on the GUI thread (the error box) unless ``quiet``: then only
        ``sig_reload_failed`` says so (a poll that tries again on its next tick).
        """
        same = query is None or query == self._query
        if query is not None:
            self._query = query
        self._generation += 1
        self._read = True
        self._loading = False
        limit = max(self._page_size, len(self._rows)) if same else self._page_size
        fetch, text = self._fetch, self._query
        if not background or self._runner is None:
            self._reloading = False
            self._show_reloaded(fetch(text, 0, limit))
            return
        generation = self._generation
        self._reloading = True
        handle = self._runner.run(lambda _progress: fetch(text, 0, limit), owner=self)
        handle.sig_finished.connect(lambda page: self._on_reloaded(generation, page))
        handle.sig_failed.connect(lambda exc: self._on_reload_failed(generation, exc, quiet))

    @property
    def reloading(self) -> bool:
        """A reload is being read in the background."""
        return self._reloading

    def _on_reloaded(self, generation: int, page: Page[T]) -> None:
        if generation != self._generation:
            return  # a newer reload (or search) started meanwhile: its rows will be shown
        self._reloading = False
        self._show_reloaded(page)

    def _on_reload_failed(self, generation: int, exc: object, quiet: bool = False) -> None:
        if generation != self._generation:
            return
        self._reloading = False
        self.sig_reload_failed.emit(exc)
        if isinstance(exc, BaseException) and not quiet:
            raise exc  # the error box, as for any error on the GUI thread

    def _show_reloaded(self, page: Page[T]) -> None:
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = page.total
        self.endResetModel()
        self.sig_reloaded.emit()

    def use_runner(self, runner: TaskRunner) -> None:
        """Read further pages and background reloads on ``runner``'s worker threads."""
        self._runner = runner

    def row_at(self, row: int) -> T:
        """The plain record shown in ``row``."""
        return self._rows[row]

    def cell_text(self, row: int, column: int) -> str:
        """The text ``data()`` shows in a cell, without a call through Qt."""
        return self._columns[column].display(self._rows[row])

    def replace_row(self, row: int, record: T) -> None:
        """Show an edited record in place, without a reload."""
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    # ---- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override: rows loaded so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override: the number of column specs."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """Override: text, alignment, grey for inactive rows (or ``foreground``), the record."""
        if not index.isValid():
            return None
        role = int(role)
        record = self._rows[index.row()]
        if role in (_DISPLAY, _SORT):
            return self._columns[index.column()].display(record)
        if role == _TOOLTIP:
            # a character no installed font has (谢𠮷 without an Ext-B font) is said, not boxed
            column = self._columns[index.column()]
            return with_missing_note((column.tooltip or column.display)(record))
        if role == _ALIGNMENT:
            return int(self._columns[index.column()].align.value)
        if role == _FOREGROUND:
            if self._is_inactive and self._is_inactive(record):
                return _GREY
            if self._foreground:
                return self._foreground(record)
        elif role == _ROW:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override: column headers, and 1-based row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return str(section + 1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Override: more rows match than are loaded (and none are on their way)."""
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Override: load the next page (on a worker thread when the model has a runner)."""
        if parent.isValid() or self._loading:
            return
        query, offset, size = self._query, len(self._rows), self._page_size
        if self._runner is None:
            self._add_page(self._fetch(query, offset, size))
            return
        generation = self._generation
        self._loading = True
        handle = self._runner.run(lambda _progress: self._fetch(query, offset, size), owner=self)
        handle.sig_finished.connect(lambda page: self._on_page(generation, offset, page))
        handle.sig_failed.connect(lambda exc: self._on_page_failed(generation, exc))

    @property
    def loading(self) -> bool:
        """A further page is being read."""
        return self._loading

    def _on_page(self, generation: int, offset: int, page: Page[T]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # reloaded meanwhile: this page belongs to rows no longer shown
        self._loading = False
        self._add_page(page)

    def _on_page_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._total = len(self._rows)  # stop asking; the next reload tries again
        self.sig_page_added.emit()
        if isinstance(exc, BaseException):
            raise exc  # the error box, as for any error on the GUI thread

    def _add_page(self, page: Page[T]) -> None:
        if not page.rows:
            self._total = len(self._rows)
            self.sig_page_added.emit()
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._total = page.total
        self.endInsertRows()
        self.sig_page_added.emit()


# ---- keeping the clerk's place across reloads


def record_key(record: object) -> object:
    """What identifies a row across reloads: its ``id`` (or its case's), else the record."""
    key = getattr(record, "id", None)
    if key is None:
        key = getattr(getattr(record, "case", None), "id", None)
    return record if key is None else key


class KeptPlace(QObject):
    """Keeps a view's selected rows and scroll position when its ``PagedTableModel`` reloads
    (the rows that are still there are selected again).

    The scroll is kept only when the row at the top of the view is among the new rows (a
    reload after a save); other rows (another list, another kind, a filter that leaves that
    row out) start at the first row: switching from a list scrolled by one row to the
    certificate list showed its second item first, the first hidden above."""

    def __init__(self, view: QAbstractItemView, model: PagedTableModel[Any]) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._keys: list[object] = []
        self._current: object = None
        self._top: object = None
        self._scroll = 0
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def _remember(self) -> None:
        selection = self._view.selectionModel()
        rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection else []
        count = self._model.rowCount()
        self._keys = [record_key(self._model.row_at(r)) for r in rows if r < count]
        current = self._view.currentIndex()
        valid = current.isValid() and current.row() < count
        self._current = record_key(self._model.row_at(current.row())) if valid else None
        self._scroll = self._view.verticalScrollBar().value()
        top = self._view.indexAt(self._view.viewport().rect().topLeft())
        valid = top.isValid() and top.row() < count
        self._top = record_key(self._model.row_at(top.row())) if valid and self._scroll else None

    def _restore(self) -> None:
        selection = self._view.selectionModel()
        reselect = selection is not None and (self._keys or self._current is not None)
        scroll, top_found = self._scroll, False
        if reselect or scroll:
            wanted = self._keys  # a list: a record without an id may not be hashable
            flags = QItemSelectionModel.SelectionFlag
            for row in range(self._model.rowCount()):
                key = record_key(self._model.row_at(row))
                top_found = top_found or (scroll > 0 and key == self._top)
                if not reselect or selection is None:
                    continue
                if key == self._current:
                    selection.setCurrentIndex(self._model.index(row, 0), flags.NoUpdate)
                if key in wanted:
                    selection.select(self._model.index(row, 0), flags.Select | flags.Rows)
        bar = self._view.verticalScrollBar()
        # the scroll bar's range follows the new rows only after the next layout
        if top_found:
            QTimer.singleShot(0, self, lambda: bar.setValue(scroll))
        elif scroll:
            QTimer.singleShot(0, self, lambda: bar.setValue(0))


def keep_place(view: QAbstractItemView) -> KeptPlace | None:
    """Keep ``view``'s selection and scroll across reloads, when it shows a paged model."""
    model = view.model()
    if not isinstance(model, PagedTableModel):
        return None
    return KeptPlace(view, model)
