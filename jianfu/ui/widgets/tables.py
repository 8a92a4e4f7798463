"""Read-only tables of strings, and the table of an import file's problems (sheet, row, column).

Every import preview (lists, boards, burdens) shows its problems with
:class:`ImportProblemTableModel`, so the clerk reads the same four columns everywhere.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from jianfu.domain.imports import ImportProblem

Index = QModelIndex | QPersistentModelIndex


class SimpleTableModel(QAbstractTableModel):
    """Read-only rows of strings under fixed headers (problems, diff rows, preview items)."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override: the text, also as tooltip (cells may be cut off)."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override: the headers, and 1-based row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def column_texts(self, column: int) -> list[str]:
        """Every cell of ``column`` (for tests and summaries)."""
        return [r[column] for r in self._rows]


class ImportProblemTableModel(SimpleTableModel):
    """The problems of an import file: 工作表, 行, 列, 问题."""

    def __init__(self, problems: Sequence[ImportProblem], parent: Any = None) -> None:
        rows = [
            (p.sheet, "" if p.row is None else str(p.row), p.column_text, p.message)
            for p in problems
        ]
        super().__init__(("工作表", "行", "列", "问题"), rows, parent)


#: Above this many rows, rows keep one line (measuring every row would be slow).
FIT_ROWS_MAX = 500

#: Sizes a ``WrappingDelegate`` keeps (text, alignment, width → size) before it starts again.
SIZES_KEPT = 20_000

#: How long one slice of fitting the rows out of sight may take (ms); the rows in sight are
#: fitted at once.
FIT_SLICE_MS = 10

#: The pause between two slices (ms): back to back they held the interpreter, and a screen's
#: reads on a worker thread (its reminders, its figures) waited for the rows nobody sees.
FIT_PAUSE_MS = 30

#: The event a ``RowFit`` posts itself to fit the rows in sight before the next paint.
_FIT_SOON = QEvent.Type(QEvent.registerEventType())

#: Where a cell of words (see :func:`keep_words`) may wrap: after the 、 between two items,
#: after the / between the two halves of one (考核评比/督查检查), after other punctuation
#: that parts words, at a space and at a line's end.
WORD_BREAKS = frozenset("、，,；;：:/ \n\u2028")

#: U+2060 WORD JOINER: no line break on either side of it, drawn as nothing.
_JOINER = "\u2060"


def keep_words(text: str) -> str:
    """``text`` with a word joiner between two characters of one word (the characters
    between two of ``WORD_BREAKS``), so that a layout wraps it only between words.

    Qt breaks Chinese between any two characters: a column of demands wrapped as
    报表台账、考核评比/督查检/查. A word wider than the whole line still wraps inside it
    (``WrapAtWordBoundaryOrAnywhere``)."""
    out: list[str] = []
    previous = ""
    for char in text:
        if previous and previous not in WORD_BREAKS and char not in "\n\u2028":
            out.append(_JOINER)
        out.append(char)
        previous = char
    return "".join(out)


class WrappingDelegate(QStyledItemDelegate):
    """Cells whose text wraps at a word boundary, or anywhere when a run of it is wider than
    the cell, and rows measured the same way.

    Qt's own item wrap breaks only where a line may break (between Chinese characters, at
    spaces): a long run without a break (a file name, a code, a number, a pasted value quoted
    in a problem) stayed on one line, cut off with "…", and the row did not grow for it.

    The cells of ``words`` (columns holding a list of items: 报表台账、考核评比/督查检查)
    wrap only between the items and the words of an item (:func:`keep_words`).
    """

    def __init__(self, parent: QObject | None = None, *, words: Collection[int] = ()) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[Any, ...], QSize] = {}
        self._words = frozenset(words)

    def _layout(self, text: str, option: QStyleOptionViewItem, width: float) -> QTextLayout:
        layout = QTextLayout(text, option.font)
        text_option = QTextOption(option.displayAlignment)
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(text_option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    @staticmethod
    def _style(option: QStyleOptionViewItem) -> tuple[QStyle, QWidget | None]:
        widget: QWidget | None = option.widget  # None when painted outside a view
        return (widget.style() if widget is not None else QApplication.style()), widget

    def _margin(self, option: QStyleOptionViewItem) -> int:
        """The room the style leaves left and right of an item's text."""
        style, widget = self._style(option)
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Override: tall enough for every line of the text at the column's width.

        In a ``PagedTableModel`` a cell's size follows from its text, its column's alignment
        and the width it is measured at (its other roles are colours and tooltips), so each
        such size is measured once and kept: a ledger's dates, villages and statuses repeat
        on every page."""
        model = index.model()
        sized_by_text = getattr(model, "SIZE_BY_TEXT", False)
        columns = getattr(model, "columns", None) if sized_by_text else None
        if columns is None:
            return self._measure(option, index)
        rect = option.rect
        width = rect.width() if rect.isValid() else -1
        column = index.column()
        text, align = model.cell_text(index.row(), column), columns[column].align
        key = self._key(text, align, width, option.font.key(), column)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()
            # the option as initStyleOption fills it for such a cell, without asking the
            # model for each of its roles (Qt shows a line break as a line separator)
            opt = QStyleOptionViewItem(option)
            opt.text = str(text).replace("\n", "\u2028")
            if column in self._words:
                opt.text = keep_words(opt.text)
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            opt.displayAlignment = align
            size = self._sizes[key] = self._size(opt)
        return QSize(size)

    def _key(self, text: str, align: Any, width: int, font: str, column: int) -> tuple[Any, ...]:
        """What a size kept is found by: the cell's text, alignment and width (-1: no
        width), the font's key, and whether the column wraps between words only."""
        return (text, align, width, font, column in self._words)

    def kept_height(self, text: str, align: Any, width: int, font: str, column: int) -> int:
        """The height ``sizeHint`` gives a cell of a ``SIZE_BY_TEXT`` model measured before
        (the arguments as :meth:`_key`'s), else -1."""
        size = self._sizes.get(self._key(text, align, width, font, column))
        return -1 if size is None else size.height()

    def _measure(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = index.data(Qt.ItemDataRole.SizeHintRole)
        if isinstance(hint, QSize):
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if index.column() in self._words:
            opt.text = keep_words(opt.text)
        return self._size(opt)

    def _size(self, opt: QStyleOptionViewItem) -> QSize:
        # what QStyledItemDelegate.sizeHint returns, from the option filled here once (it
        # fills one of its own: every role of every cell was asked of the model twice, and a
        # fit of a 500-row ledger asks each of its cells)
        style, widget = self._style(opt)
        size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), widget)
        width = opt.rect.width() - 2 * self._margin(opt)
        if not opt.text or width <= 0:
            return size
        height = self._layout(opt.text, opt, width).boundingRect().height()
        return QSize(size.width(), max(size.height(), math.ceil(height) + 1))

    def _painted(self, opt: QStyleOptionViewItem, index: Index) -> tuple[str, QRect]:
        """The text of the cell as painted (``opt`` filled for ``index``; its text taken
        out) and the rectangle it is laid out in."""
        text = keep_words(opt.text) if index.column() in self._words else opt.text
        opt.text = ""
        style, widget = self._style(opt)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = self._margin(opt)
        return text, rect.adjusted(margin, 0, -margin, 0)

    def lines(self, view: QAbstractItemView, index: Index) -> list[str]:
        """The lines the cell at ``index`` is painted in at its width in ``view`` now."""
        opt = QStyleOptionViewItem()
        view.initViewItemOption(opt)
        opt.rect = view.visualRect(index)
        self.initStyleOption(opt, index)
        text, rect = self._painted(opt, index)
        layout = self._layout(text, opt, rect.width())
        out = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append(text[line.textStart() : line.textStart() + line.textLength()])
        return [line.replace(_JOINER, "") for line in out]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Override: the style draws the cell without its text, then the wrapped text."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, rect = self._painted(opt, index)
        style, widget = self._style(opt)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        layout = self._layout(text, opt, rect.width())
        height = layout.boundingRect().height()
        top = float(rect.top())
        if opt.displayAlignment & Qt.AlignmentFlag.AlignVCenter and height < rect.height():
            top += (rect.height() - height) / 2
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        if group == QPalette.ColorGroup.Normal and not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        role = (
            QPalette.ColorRole.HighlightedText
            if opt.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(group, role))
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def wrap_rows(view: QTableView, *, words: Collection[int] = ()) -> RowFit:
    """Long texts of ``view`` wrap and its rows grow to fit them (up to ``FIT_ROWS_MAX`` rows),
    measured again when a column's width changes or rows arrive (see :class:`RowFit`); the
    columns ``words`` hold lists of items and wrap only between words (:func:`keep_words`)."""
    view.setWordWrap(True)
    view.setItemDelegate(WrappingDelegate(view, words=words))
    return RowFit(view)


class RowFit(QObject):
    """Fits the rows of ``view`` to their wrapped texts, as ``resizeRowsToContents`` does, after
    the header has settled (a stretched section is resized late), again when a column's
    width changes or the rows are reset, and for rows that arrive.

    The rows in sight are fitted at once; the others in slices of ``FIT_SLICE_MS`` every
    ``FIT_PAUSE_MS`` while the window is idle, those scrolled into sight first. A city's page
    of 200 rows fitted in one go held the GUI thread for 150-330 ms each time a ledger opened
    or a page arrived. A view out of sight (another screen shown) waits until it is shown
    again. Above ``FIT_ROWS_MAX`` rows nothing is fitted, as before."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._pending: list[bool] = []  # row → still to fit
        self._left = 0  # how many rows are still to fit
        self._cursor = 0  # where the slices go on from
        self._all = True  # every row to fit again at the next step
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(lambda: self._step(FIT_SLICE_MS / 1000))
        self._posted = False  # a step is posted (see _soon)
        model = view.model()
        view.horizontalHeader().sectionResized.connect(lambda *_args: self.refit())
        model.modelReset.connect(self.refit)
        model.rowsInserted.connect(self._on_rows_inserted)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._wake())
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self._soon()

    @property
    def pending(self) -> int:
        """How many rows are still to be fitted."""
        rows = self._view.model().rowCount()
        return (rows if rows <= FIT_ROWS_MAX else 0) if self._all else self._left

    def refit(self) -> None:
        """Fit every row again (soon)."""
        self._all = True
        self._soon()

    def fit_now(self) -> None:
        """Fit every row still to fit now (tests, prints of the view)."""
        self._step(budget=None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: go on when the view is shown again; the rows in sight fitted before
        the viewport is painted when the posted step has not come yet (the window's paint
        was asked for before it, in the same round of events)."""
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._wake()
        elif kind == QEvent.Type.Paint and self._posted and watched is self._view.viewport():
            self._step(FIT_SLICE_MS / 1000, others=False)
        return False

    def _wake(self) -> None:
        if self._all or self._left:
            self._soon()

    def _soon(self) -> None:
        """The next step at once (rows changed, scrolled or shown): before the view is painted
        again, once the rows and the widths set with them are in (a posted event goes before
        the window's paint, a timer after it: the rows in sight were painted at their old
        heights, then fitted and painted again)."""
        self._timer.stop()
        if not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self, QEvent(_FIT_SOON))

    def event(self, event: QEvent) -> bool:
        """Override: the step asked for by ``_soon``."""
        if event.type() == _FIT_SOON:
            self._posted = False
            self._step(FIT_SLICE_MS / 1000, others=False)
            return True
        return super().event(event)

    @property
    def busy(self) -> bool:
        """A step is still to come (rows to fit, soon or after a pause)."""
        return self._posted or self._timer.isActive()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._view.model().rowCount()
        if self._all or parent.isValid() or first != len(self._pending) or rows > FIT_ROWS_MAX:
            self.refit()  # not a page added at the end: as before, every row again
            return
        self._pending.extend([True] * (last - first + 1))
        self._left += last - first + 1
        self._soon()

    def _shown(self) -> bool:
        # a view whose window is shown fits only while it can be seen; a view never shown
        # (a table built for a print, a test's) fits anyway
        return self._view.isVisible() or not self._view.window().isVisible()

    def _step(self, budget: float | None, *, others: bool = True) -> None:
        """Fit the rows in sight, then others for ``budget`` seconds (``None``: all);
        ``others=False``: the others after a pause (the view is painted first)."""
        rows = self._view.model().rowCount()
        if self._all:
            self._all = False
            fit = rows <= FIT_ROWS_MAX
            self._pending = [fit] * rows
            self._left = rows if fit else 0
            self._cursor = 0
        if len(self._pending) != rows:  # rows came or went without a signal we act on
            self._all = True
            self._step(budget, others=others)
            return
        if not self._left or (budget is not None and not self._shown()):
            return
        view = self._view
        heights = RowHeights.of(view)
        # the rows in sight, at once (each fitted row may push the next out of sight)
        height = view.viewport().height()
        row = max(view.rowAt(0), 0)
        while row < rows and view.rowViewportPosition(row) < height:
            self._fit(row, heights)
            row += 1
        deadline = None if budget is None else time.perf_counter() + budget
        row = self._cursor
        while self._left and others:  # at least one row a slice
            if row >= rows:
                row = 0
            if self._pending[row]:
                self._fit(row, heights)
                if deadline is not None and time.perf_counter() >= deadline:
                    row += 1
                    break
            row += 1
        self._cursor = row
        if self._left:  # the rest after a pause
            self._timer.setInterval(FIT_PAUSE_MS)
            self._timer.start()

    def _fit(self, row: int, heights: RowHeights | None) -> None:
        if self._pending[row]:
            self._pending[row] = False
            self._left -= 1
            height = heights.height(row) if heights is not None else -1
            if height < 0:
                self._view.resizeRowToContents(row)
            else:
                self._view.setRowHeight(row, height)


class RowHeights:
    """The height ``QTableView.resizeRowToContents`` gives a row, worked out here for a view
    of a ``SIZE_BY_TEXT`` model whose every column a ``WrappingDelegate`` draws: the sizes
    its delegates kept are looked up, those not kept measured by them with the option Qt
    gives them.

    Qt asks the delegate of each cell of the row through Python (an option and an index
    made for each call) and the vertical header for the row's number: a ledger's filter
    fitted its 25 rows in sight in 2.6 ms, 8.4 ms in the figures' script (tracemalloc),
    this 0.45 / 1.15 ms."""

    def __init__(self, view: QTableView, cells: list[tuple[int, WrappingDelegate, Any, int]]):
        self._view = view
        self._model: Any = view.model()
        self._cells = cells  # (column, delegate, alignment, width) of each column shown
        self._grid = 1 if view.showGrid() else 0
        self._option = QStyleOptionViewItem()
        view.initViewItemOption(self._option)
        self._font = self._option.font.key()
        self._least = -1  # the vertical header's size hint, asked once

    @classmethod
    def of(cls, view: QTableView) -> RowHeights | None:
        """The heights of ``view``'s rows, or None where Qt's own fit must be asked (another
        model or delegate, hidden rows' precision, no word wrap)."""
        model = view.model()
        columns = getattr(model, "columns", None) if getattr(model, "SIZE_BY_TEXT", False) else None
        if columns is None or not hasattr(model, "cell_text") or not view.wordWrap():
            return None
        count = model.columnCount()
        precision = view.verticalHeader().resizeContentsPrecision()
        if 0 <= precision < count:  # Qt measures only some columns then
            return None
        header = view.horizontalHeader()
        grid = 1 if view.showGrid() else 0
        cells = []
        for column in range(count):
            if header.isSectionHidden(column):
                continue
            delegate = view.itemDelegateForColumn(column) or view.itemDelegate()
            if not isinstance(delegate, WrappingDelegate):
                return None
            width = view.columnWidth(column) - grid
            cells.append((column, delegate, columns[column].align, width if width > 0 else -1))
        return cls(view, cells)

    def height(self, row: int) -> int:
        """The row's height, or -1 where Qt's own fit must be asked."""
        view, model = self._view, self._model
        if view.isRowHidden(row) or view.itemDelegateForRow(row) is not None:
            return -1
        hint = 0
        for column, delegate, align, width in self._cells:
            text = model.cell_text(row, column)
            height = delegate.kept_height(text, align, width, self._font, column)
            if height < 0:  # measured as Qt would: the option with the cell's width
                self._option.rect = QRect(0, 0, max(width, 0), 1)
                size = delegate.sizeHint(self._option, model.index(row, column))
                height = size.height()
            hint = max(hint, height)
        if self._least < 0:  # rows numbered 1, 2 …: each one line of the header's font
            self._least = view.verticalHeader().sectionSizeHint(row)
        return max(hint + self._grid, self._least)


#: Room kept beside a column's longest text (the cell's margins and a little air).
TEXT_SLACK = 8

#: Texts whose font advance is within this many pixels of a column's widest are measured as
#: the view measures them (an advance and the style's item size may differ by a pixel or two).
WIDEST_NEAR = 6


def column_size_hint(view: QTableView, col: int) -> int:
    """``view.sizeHintForColumn(col)``, measuring only the texts that may be the widest.

    Qt asks the delegate for every row's size (200 rows of a city's page, each measured by
    the style: 30-70 ms a reload for a ledger's columns kept whole). In a ``PagedTableModel``
    whose cells are sized by their text alone (``SIZE_BY_TEXT``), drawn by a
    ``WrappingDelegate``, the widest text by the font's advance (and those within
    ``WIDEST_NEAR`` pixels of it, and any of several lines) are measured as Qt measures them;
    any other view, or rows hidden or beyond the header's precision, as before."""
    model = view.model()
    delegate = view.itemDelegate()
    header = view.verticalHeader()
    rows = model.rowCount() if model is not None else 0
    precision = header.resizeContentsPrecision()
    if (
        not rows
        or not getattr(model, "SIZE_BY_TEXT", False)
        or not hasattr(model, "cell_text")
        or type(delegate) is not WrappingDelegate
        or view.itemDelegateForColumn(col) is not None
        or header.hiddenSectionCount()
        or (precision > 0 and rows > precision)
    ):
        return view.sizeHintForColumn(col)
    first: dict[str, int] = {}  # text → the first row showing it
    for row in range(rows):
        first.setdefault(model.cell_text(row, col), row)
    advance = QFontMetricsF(view.font()).horizontalAdvance
    widths = {text: advance(text) for text in first}
    near = max(widths.values()) - WIDEST_NEAR
    # a line's width is its advance: of texts as wide (a column of dates, of serial numbers)
    # one is measured; a text of several lines always
    measured: dict[float, int] = {}
    for text, row in first.items():
        if "\n" in text:
            measured[-1.0 - row] = row
        elif widths[text] >= near:
            measured.setdefault(widths[text], row)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    hint = 0
    for row in measured.values():
        hint = max(hint, delegate.sizeHint(option, model.index(row, col)).width())
    return hint + 1 if view.showGrid() else hint


#: A view property: its columns follow its width (:class:`ColumnFit`); the window does not
#: restore widths over it (ColumnFit keeps the widths the clerk sets itself).
FITS_WIDTH = "jianfu-fits-width"


class ColumnFit(QObject):
    """Column widths that fill the view's width: each column its least width, and what is
    left shared by weight (columns of weight 0 keep their least width). Set again when the
    view's width changes; narrower than the least widths, the view scrolls sideways.

    A column the clerk drags keeps that width (the others share what it leaves), through
    reloads, window resizes and, with a ``key``, the next start (``ui.ini``, under the
    layout's fingerprint: a newer version's columns start afresh); the header's
    context menu 恢复默认列宽 forgets them. Before, every refit (a reload that showed or hid
    the scroll bar, a restart) threw the clerk's widths away."""

    def __init__(
        self,
        view: QTableView,
        columns: Sequence[tuple[int, int]],
        key: str = "",
        *,
        whole: Sequence[int] = (),
        first: Sequence[int] = (),
        whole_or_least: Sequence[int] = (),
    ) -> None:
        """``whole``: columns at least as wide as their longest text on one line (a date, a
        deadline), measured again at each :meth:`fit`. ``first``: weighted columns that take
        what is left up to their longest text, in this order, before the rest is shared.
        ``whole_or_least``: those of ``first`` that take their longest text only if it all
        fits, else keep their least width (one whose least width wraps its texts at chosen
        places, 协调机制/审批 and 乡镇(街道)/意见: a width in between wrapped them elsewhere,
        协调机制审/批)."""
        super().__init__(view)
        self._view = view
        self._columns = list(columns)
        self._whole = tuple(whole)
        self._first = tuple(first)
        self._whole_or_least = frozenset(whole_or_least)
        self._width = -1
        self._key = key
        self._fitting = False
        self._layout = self._signature() if key else ""
        self._set_by_clerk: dict[int, int] = self._load()
        self._model: QAbstractItemModel | None = None
        self._text_widths: dict[int, int] = {}  # column → text_width, until the rows change
        # the window does not restore widths remembered for this table over the fit
        view.setProperty(FITS_WIDTH, True)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._on_header_section_resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(lambda: self.fit(force=True))
        view.viewport().installEventFilter(self)
        self.fit()

    @property
    def set_by_clerk(self) -> dict[int, int]:
        """The columns the clerk gave a width: column → pixels."""
        return dict(self._set_by_clerk)

    def text_width(self, col: int) -> int:
        """The width column ``col`` needs for its header and longest text on one line.

        Measured once for the rows shown, until they change: every fit (each resize of the
        viewport while a screen is laid out, each reload) measured every loaded row's cell
        of the column again, 200 rows of a city's page per column and fit."""
        self._watch_model()
        width = self._text_widths.get(col)
        if width is None:
            header = self._view.horizontalHeader()
            width = max(column_size_hint(self._view, col), header.sectionSizeHint(col))
            width = self._text_widths[col] = width + TEXT_SLACK
        return width

    def _watch_model(self) -> None:
        model = self._view.model()
        if model is self._model:
            return
        self._model = model
        self._text_widths.clear()
        if model is None:
            return
        forget = self._text_widths.clear
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
            model.headerDataChanged,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(lambda *_args: forget())

    def widths(self, available: int) -> list[int]:
        """The columns' widths for a viewport ``available`` pixels wide."""
        columns = [
            (self._set_by_clerk[i], 0) if i in self._set_by_clerk else column
            for i, column in enumerate(self._columns)
        ]
        for i in self._whole:
            if i not in self._set_by_clerk and i < len(columns):
                least, weight = columns[i]
                columns[i] = (max(least, self.text_width(i)), weight)
        spare = available - sum(w for w, _weight in columns)
        for i in self._first:  # up to its whole text, before the others share the rest
            if spare <= 0:
                break
            if i in self._set_by_clerk or i >= len(columns):
                continue
            least, weight = columns[i]
            grow = min(spare, self.text_width(i) - least)
            if i in self._whole_or_least and grow < self.text_width(i) - least:
                continue  # not all of it: the least width, the rest to the next
            if grow > 0:
                columns[i] = (least + grow, weight)
                spare -= grow
        least = sum(w for w, _weight in columns)
        weights = sum(weight for _w, weight in columns)
        extra = max(available - least, 0)
        if not weights:  # every shared column has the clerk's width: the last other one grows
            free = [i for i in range(len(columns)) if i not in self._set_by_clerk]
            out = [w for w, _weight in columns]
            if extra and free:
                out[free[-1]] += extra
            return out
        out = [w + extra * weight // weights for w, weight in columns]
        if extra and out:  # the rounding's pixels to the last weighted column
            last = max(i for i, (_w, weight) in enumerate(columns) if weight)
            out[last] += available - sum(out)
        return out

    def fit(self, *, force: bool = False) -> None:
        """Set the widths for the view's width now (``force``: also when it is unchanged)."""
        available = self._view.viewport().width()
        if (available == self._width and not force) or available <= 0:
            return
        self._width = available
        self._fitting = True
        try:
            for col, width in enumerate(self.widths(available)):
                if self._view.columnWidth(col) != width:
                    self._view.setColumnWidth(col, width)
        finally:
            self._fitting = False

    def reset(self) -> None:
        """Forget the clerk's widths: every column fits again."""
        self._set_by_clerk.clear()
        self._save()
        self.fit(force=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: refit when the viewport is resized."""
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _on_header_section_resized(self, col: int, _old: int, new: int) -> None:
        if self._fitting or not 0 <= col < len(self._columns) or new <= 0:
            return  # the fit's own widths, or a hidden column
        self._set_by_clerk[col] = new
        self._save()
        self._refit.start()  # the other columns take what is left, after the drag's step

    def _on_header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self._view)
        action = menu.addAction("恢复默认列宽")
        action.setEnabled(bool(self._set_by_clerk))
        action.triggered.connect(self.reset)
        menu.exec(self._view.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    def _settings_key(self) -> str:
        return f"column-widths/{self._key}"

    def _load(self) -> dict[int, int]:
        if not self._key:
            return {}
        from jianfu.ui.widgets.prefs import ui_settings

        saved = str(ui_settings().value(self._settings_key(), "") or "")
        layout, _, pairs = saved.partition(":")
        if layout != self._layout:  # another layout's widths (or none)
            return {}
        out: dict[int, int] = {}
        for pair in filter(None, pairs.split(",")):
            col, _, width = pair.partition("=")
            if col.isdigit() and width.isdigit() and int(col) < len(self._columns):
                out[int(col)] = max(int(width), 16)
        return out

    def _signature(self) -> str:
        """The layout the widths are kept for: the column titles and the code's widths and
        shares (widths saved for another layout, a newer version's columns or the same list
        with a 乡镇 column, went to whichever columns had the same count)."""
        from jianfu.ui.widgets.prefs import header_titles, layout_signature

        titles = header_titles(self._view.horizontalHeader())
        return layout_signature([*titles, *self._columns, self._whole, self._first])

    def _save(self) -> None:
        if not self._key:
            return
        from jianfu.ui.widgets.prefs import ui_settings

        settings = ui_settings()
        if self._set_by_clerk:
            pairs = ",".join(f"{c}={w}" for c, w in sorted(self._set_by_clerk.items()))
            settings.setValue(self._settings_key(), f"{self._layout}:{pairs}")
        else:
            settings.remove(self._settings_key())


def make_table(model: QAbstractItemModel, widths: Sequence[int]) -> QTableView:
    """A read-only table whose long texts wrap; rows grow to fit them (small tables only)."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    for i, width in enumerate(widths):
        view.setColumnWidth(i, width)
    header.setStretchLastSection(True)
    wrap_rows(view)
    return view


#: How keyboard focus comes into a table for ``select_first_on_focus`` to select a row:
#: Tab, Shift+Tab and a shortcut (not a click, which selects what it hits, nor the window's
#: coming back to the front, which leaves the selection as the clerk left it).
KEYBOARD_REASONS = frozenset(
    {
        Qt.FocusReason.TabFocusReason,
        Qt.FocusReason.BacktabFocusReason,
        Qt.FocusReason.ShortcutFocusReason,
    }
)


class FirstRowOnFocus(QObject):
    """Selects a table's current row, else its first, when the keyboard brings focus into it
    with nothing selected.

    Qt makes the first row current on Tab but selects nothing: the clerk saw no row marked,
    and the screens that show the selected record (the detail beside the list, the buttons
    for it) stayed empty until an arrow key was pressed.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: on a keyboard focus-in, before Qt's own (which then finds a current)."""
        if (
            watched is self._view
            and event.type() == QEvent.Type.FocusIn
            and event.reason() in KEYBOARD_REASONS  # type: ignore[attr-defined]
        ):
            self.select()
        return False

    def select(self) -> None:
        """Select the current row, else the first row in sight, when nothing is selected."""
        view, selection, model = self._view, self._view.selectionModel(), self._view.model()
        if (
            selection is None
            or model is None
            or selection.hasSelection()
            or view.selectionMode() == QAbstractItemView.SelectionMode.NoSelection
        ):
            return
        index = view.currentIndex()
        if not index.isValid():
            row = next((r for r in range(model.rowCount()) if not _row_hidden(view, r)), None)
            column = _first_column(view)
            if row is None or column is None:
                return
            index = model.index(row, column)
        flags = QItemSelectionModel.SelectionFlag
        rows = (
            flags.Rows
            if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
            else flags.NoUpdate
        )
        selection.setCurrentIndex(index, flags.ClearAndSelect | rows)
        view.scrollTo(index)


def _row_hidden(view: QAbstractItemView, row: int) -> bool:
    return isinstance(view, QTableView) and view.isRowHidden(row)


def _first_column(view: QAbstractItemView) -> int | None:
    """The logical column shown leftmost (a table's first column may be hidden or moved)."""
    if not isinstance(view, QTableView):
        return 0
    header = view.horizontalHeader()
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            return logical
    return None


def select_first_on_focus(view: QAbstractItemView) -> FirstRowOnFocus:
    """Make the keyboard's coming into ``view`` select a row when none is (every list of a
    screen gets it; see ``FirstRowOnFocus``)."""
    return FirstRowOnFocus(view)
