"""Rows that grow to their wrapped texts (``wrap_rows``) and columns as wide as their texts
(``ColumnFit.text_width``), measured no more than needed: the rows in sight at once, the
others while the window is idle; each size of a ``PagedTableModel``'s text once; a column's
text width once until its rows change. The heights and widths are those measured cell by
cell as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStackedWidget, QTableView, QVBoxLayout, QWidget

from jianfu.domain.paging import Page
from jianfu.ui.models.paged_table import Column, PagedTableModel
from jianfu.ui.widgets import tables
from jianfu.ui.widgets.tables import ColumnFit, RowFit, column_size_hint, wrap_rows

LONG = "关于开展城乡居民电动自行车充电设施安全隐患排查整治工作的通知（第二批）"
RUN = "ABCDEFGHIJ0123456789" * 4  # one run with no line break in it
WORDS = [
    "清溪村",
    "石门口村",
    "溪口社区",
    LONG,
    RUN,
    "短",
    "",
    "2026-09-27",
    LONG * 2,
    "请补充\n经费来源的文件",
]


def _rows(n: int) -> list[tuple[str, str, str]]:
    return [(WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)], f"{i:05d}") for i in range(n)]


class _Model(PagedTableModel[tuple[str, str, str]]):
    def __init__(self, rows: list[tuple[str, str, str]], parent=None) -> None:
        center = Qt.AlignmentFlag.AlignCenter
        columns = [Column(h, lambda r, i=i: r[i]) for i, h in enumerate(("甲", "乙"))]
        columns.append(Column("丙", lambda r: r[2], center))
        self.all_rows = rows
        super().__init__(columns, self._page, page_size=len(rows) or 1, parent=parent)

    def _page(self, _query: str, offset: int, limit: int) -> Page[tuple[str, str, str]]:
        return Page(self.all_rows[offset : offset + limit], len(self.all_rows), offset)


class _Measured(_Model):
    """The same rows, each cell measured by the delegate (no size kept)."""

    SIZE_BY_TEXT = False


def _view(qtbot, model: PagedTableModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    for col, width in enumerate((120, 160, 60)):
        view.setColumnWidth(col, width)
    wrap_rows(view)
    if parent is None:
        qtbot.addWidget(view)
    return view


def _fit_of(view: QTableView) -> RowFit:
    fit = view.findChild(RowFit)
    assert fit is not None
    return fit


def _heights(view: QTableView) -> list[int]:
    return [view.rowHeight(r) for r in range(view.model().rowCount())]


def test_rows_fit_as_each_cell_measured_on_its_own_and_the_rows_in_sight_first(qtbot, monkeypatch):
    monkeypatch.setattr(tables, "FIT_SLICE_MS", 0)  # one row a slice beside those in sight
    monkeypatch.setattr(tables, "FIT_PAUSE_MS", 0)
    rows = _rows(300)
    reference = _view(qtbot, _Measured(rows))
    reference.model().reload()
    reference.resize(500, 400)
    reference.show()
    qtbot.waitExposed(reference)
    qtbot.waitUntil(lambda: _fit_of(reference).pending == 0, timeout=20000)
    reference.resizeRowsToContents()  # Qt's own fit of every row, cell by cell
    expected = _heights(reference)
    assert len(set(expected)) >= 3  # one line, two lines, more

    view = _view(qtbot, _Model(rows))
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    fit = _fit_of(view)
    fit.fit_now()  # rows of an empty model: none
    view.model().reload()
    assert fit.pending == 300
    qtbot.waitUntil(lambda: fit.pending < 300)
    in_sight = [r for r in range(300) if view.rowViewportPosition(r) < view.viewport().height()]
    assert 3 <= len(in_sight) < 100
    assert [view.rowHeight(r) for r in in_sight] == expected[: len(in_sight)]
    assert fit.pending > 0  # the rest while idle
    qtbot.waitUntil(lambda: fit.pending == 0, timeout=20000)
    assert _heights(view) == expected
    for col in range(3):  # the widths the delegate gives are those of each cell measured
        assert view.sizeHintForColumn(col) == reference.sizeHintForColumn(col)


def test_rows_scrolled_into_sight_are_fitted_before_the_others(qtbot, monkeypatch):
    monkeypatch.setattr(tables, "FIT_SLICE_MS", 0)
    monkeypatch.setattr(tables, "FIT_PAUSE_MS", 0)
    rows = _rows(300)
    reference = _view(qtbot, _Measured(rows))
    reference.model().reload()
    reference.resize(500, 400)
    reference.show()
    qtbot.waitUntil(lambda: _fit_of(reference).pending == 0, timeout=20000)
    view = _view(qtbot, _Model(rows))
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    fit = _fit_of(view)
    view.model().reload()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 250)
    before = fit.pending
    assert before > 250
    view.verticalScrollBar().setValue(200)  # row 200 on top (the view scrolls by rows)
    fit._timer.stop()  # one step by hand: the rows in sight and one more
    fit._step(0)
    in_sight, y = [], 0
    while y < view.viewport().height():
        in_sight.append(200 + len(in_sight))
        y += reference.rowHeight(in_sight[-1])
    assert len(in_sight) >= 3
    assert [view.rowHeight(r) for r in in_sight] == [reference.rowHeight(r) for r in in_sight]
    assert fit.pending >= before - len(in_sight) - 1 > 200  # the rows above them later
    fit._timer.start()
    qtbot.waitUntil(lambda: fit.pending == 0, timeout=20000)
    assert _heights(view) == _heights(reference)


class _PaintWatch(QObject):
    """The heights of a view's first rows at each paint of its viewport."""

    def __init__(self, view: QTableView, rows: int) -> None:
        super().__init__(view)
        self.view, self.rows, self.seen = view, rows, []
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.view.model().rowCount():
            self.seen.append([self.view.rowHeight(r) for r in range(self.rows)])
        return False


def test_the_rows_in_sight_are_painted_fitted_once_shown_and_after_a_reload(qtbot):
    """The rows in sight are fitted before the view is painted: a screen opened or a
    search's rows arrived were painted at one line each, then fitted and painted again."""
    rows = _rows(60)
    reference = _view(qtbot, _Measured(rows))
    reference.model().reload()
    reference.resize(500, 400)
    reference.show()
    qtbot.waitUntil(lambda: _fit_of(reference).pending == 0)
    fitted = [reference.rowHeight(r) for r in range(4)]
    assert len(set(fitted)) > 1  # rows of several lines among them
    model = _Model(rows)
    view = _view(qtbot, model)
    view.resize(500, 400)
    model.reload()
    watch = _PaintWatch(view, 4)
    view.show()
    qtbot.waitUntil(lambda: _fit_of(view).pending == 0)
    assert watch.seen and all(heights == fitted for heights in watch.seen)
    model.all_rows = list(reversed(rows))  # other rows, as a search brings
    watch.seen.clear()
    model.reload()
    qtbot.waitUntil(lambda: bool(watch.seen) and _fit_of(view).pending == 0)
    again = [reference.rowHeight(r) for r in range(59, 55, -1)]
    assert all(heights == again for heights in watch.seen)


def test_a_screen_out_of_sight_fits_its_rows_when_shown_again(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    stack = QStackedWidget(window)
    QVBoxLayout(window).addWidget(stack)
    other = QWidget()
    stack.addWidget(other)
    page = QWidget()
    view = _view(qtbot, _Model(_rows(60)), page)
    QVBoxLayout(page).addWidget(view)
    stack.addWidget(page)
    stack.setCurrentWidget(page)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    fit = _fit_of(view)
    qtbot.waitUntil(lambda: fit.pending == 0)
    stack.setCurrentWidget(other)
    view.model().reload("x")  # the rows change while another screen is shown
    for _ in range(5):
        qtbot.wait(10)
    assert fit.pending == 60  # nothing measured for a screen nobody sees
    stack.setCurrentWidget(page)
    qtbot.waitUntil(lambda: fit.pending == 0)
    assert max(_heights(view)) > min(_heights(view))


def test_a_page_added_at_the_end_is_fitted_without_the_rows_before_it(qtbot):
    model = _Model(_rows(120))
    model._page_size = 50
    view = _view(qtbot, model)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    fit = _fit_of(view)
    model.reload()
    qtbot.waitUntil(lambda: fit.pending == 0)
    first = _heights(view)
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    assert fit.pending == 50  # only the new rows
    qtbot.waitUntil(lambda: fit.pending == 0)
    assert _heights(view)[:50] == first
    reference = _view(qtbot, _Measured(_rows(100)))
    reference.model().reload()
    reference.resizeRowsToContents()
    assert _heights(view) == _heights(reference)


def test_above_the_most_rows_fitted_no_row_is_measured(qtbot, monkeypatch):
    monkeypatch.setattr(tables, "FIT_ROWS_MAX", 40)
    view = _view(qtbot, _Model(_rows(60)))
    view.show()
    fit = _fit_of(view)
    view.model().reload()
    qtbot.waitUntil(lambda: not fit.busy)
    assert fit.pending == 0
    assert len(set(_heights(view))) == 1  # every row keeps its one line


def test_a_column_is_measured_once_until_its_rows_change(qtbot, monkeypatch):
    model = _Model(_rows(40))
    view = _view(qtbot, model)
    view.resize(700, 300)
    fit = ColumnFit(view, [(60, 0), (60, 1), (40, 0)], whole=(2,))
    model.reload()
    asked: list[int] = []
    measure = view.sizeHintForColumn
    column_size = tables.column_size_hint

    def counted(counted_view: QTableView, col: int) -> int:
        asked.append(col)
        return column_size(counted_view, col)

    monkeypatch.setattr(tables, "column_size_hint", counted)
    first = fit.text_width(0)
    assert fit.text_width(0) == first
    fit.fit(force=True)
    fit.fit(force=True)
    assert asked.count(0) == 1 and asked.count(2) == 1  # 丙 is whole: measured at the fit
    model.all_rows = [(LONG * 3, "", "1234567890"), *_rows(39)]
    model.reload()  # other texts: measured again
    assert fit.text_width(0) > first
    assert fit.text_width(2) == measure(2) + tables.TEXT_SLACK
    assert asked.count(0) == 2


def test_a_columns_width_is_qts_measuring_only_the_widest_texts(qtbot, monkeypatch):
    """``column_size_hint`` gives what ``sizeHintForColumn`` gives (the delegate asked for
    every row), asking the delegate only for the texts that may be the widest; a model whose
    cells are not sized by their text alone is measured by Qt, every row."""
    rows = [*_rows(120), ("", "", LONG * 2), ("", "", "请补充\n经费来源的文件" * 3)]
    model = _Model(rows)
    view = _view(qtbot, model)
    view.resize(700, 300)
    model.reload()
    delegate = view.itemDelegate()
    asked: list[int] = []
    size_hint = delegate.sizeHint

    def counted(option, index):
        asked.append(index.row())
        return size_hint(option, index)

    monkeypatch.setattr(delegate, "sizeHint", counted)
    for col in range(3):
        expected = view.sizeHintForColumn(col)
        asked.clear()
        assert column_size_hint(view, col) == expected
        assert 0 < len(asked) < 10  # of 122 rows
    view.setShowGrid(False)
    assert column_size_hint(view, 2) == view.sizeHintForColumn(2)
    dates = [("", "", f"2026-{m:02d}-{d:02d}") for m in range(1, 13) for d in range(1, 29)]
    model.all_rows = dates  # a column of dates: as wide as each other, one is measured
    model.reload()
    asked.clear()
    expected = view.sizeHintForColumn(2)
    assert len(set(asked)) == model.rowCount() > 100  # Qt asks for every row
    asked.clear()
    assert column_size_hint(view, 2) == expected
    assert asked == [0]
    measured = _view(qtbot, _Measured(rows))
    measured.resize(700, 300)
    measured.model().reload()
    monkeypatch.setattr(measured.itemDelegate(), "sizeHint", counted)
    asked.clear()
    assert column_size_hint(measured, 0) == measured.sizeHintForColumn(0)
    assert len(asked) == 2 * len(rows)  # every row, by Qt, each time


def test_every_screens_cells_are_measured_by_the_text_they_show(qtbot, window):
    """A table's cell sizes are kept by the text ``cell_text`` gives: on every screen it is
    the text the cell shows."""
    from jianfu.ui.main_window import SCREENS

    checked = widths = 0
    for screen in SCREENS:
        page = window.show_screen(screen.key)
        window.tasks.wait_all()
        qtbot.wait(20)
        for view in page.findChildren(QTableView):
            model = view.model()
            if not isinstance(model, PagedTableModel) or not model.SIZE_BY_TEXT:
                continue
            for row in range(model.rowCount()):
                for col in range(model.columnCount()):
                    assert model.cell_text(row, col) == model.index(row, col).data()
                    checked += 1
            for col in range(model.columnCount()):  # measured as Qt measures every row
                assert column_size_hint(view, col) == view.sizeHintForColumn(col)
                widths += 1
    assert checked > 1000
    assert widths > 50


def _qt_heights(view: QTableView) -> list[int]:
    """Qt's own fit of each row (``resizeRowToContents``), the view's heights put back."""
    kept = _heights(view)
    out = []
    for row in range(len(kept)):
        view.resizeRowToContents(row)
        out.append(view.rowHeight(row))
    for row, height in enumerate(kept):
        view.setRowHeight(row, height)
    return out


def test_rows_are_as_high_as_qts_own_fit_makes_them(qtbot, monkeypatch):
    """The rows are fitted from the sizes the delegates kept, without Qt's call into Python
    for each cell: the heights are those of ``resizeRowToContents``, with columns that wrap
    between words, no grid, a hidden column, a column too narrow for any text and another
    delegate for one column (that view asks Qt)."""
    from PySide6.QtWidgets import QStyledItemDelegate

    rows = _rows(120)
    shapes = ("plain", "words", "no grid", "hidden", "narrow", "other delegate")
    for shape in shapes:
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(_Model(rows))
        for col, width in enumerate((120, 160, 60)):
            view.setColumnWidth(col, width)
        wrap_rows(view, words=(0,) if shape == "words" else ())
        if shape == "no grid":
            view.setShowGrid(False)
        elif shape == "hidden":
            view.setColumnHidden(1, True)
        elif shape == "narrow":
            view.setColumnWidth(0, 1)
        elif shape == "other delegate":
            view.setItemDelegateForColumn(2, QStyledItemDelegate(view))
        view.resize(500, 400)
        view.model().reload()
        heights = tables.RowHeights.of(view)
        assert (heights is None) == (shape == "other delegate"), shape
        _fit_of(view).fit_now()
        assert _heights(view) == _qt_heights(view), shape
        assert len(set(_heights(view))) >= (2 if shape in ("hidden", "narrow") else 3), shape

    # what Qt asks the delegate for each cell is not asked again for a size kept
    view = _view(qtbot, _Model(rows))
    view.resize(500, 400)
    view.model().reload()
    _fit_of(view).fit_now()
    expected = _heights(view)
    asked: list[int] = []
    delegate = view.itemDelegate()
    sized = delegate.sizeHint
    monkeypatch.setattr(delegate, "sizeHint", lambda o, i: asked.append(i.row()) or sized(o, i))
    for row in range(len(rows)):
        view.setRowHeight(row, 26)
    _fit_of(view).refit()
    _fit_of(view).fit_now()
    assert _heights(view) == expected
    assert asked == []
