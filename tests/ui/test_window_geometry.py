"""The window opens fitted to the screen, remembers its geometry and the tables' column widths."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow


def test_first_start_fills_the_available_area_and_the_next_start_restores(qtbot, demo_ctx):
    area = QGuiApplication.primaryScreen().availableGeometry()
    first = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.isMaximized()  # the window manager fits it to the available area
    first.showNormal()
    normal = first.geometry()
    # Un-maximised it still fits top to bottom, status bar included (not 1180 x 760).
    assert normal.top() >= area.top() and normal.bottom() <= area.bottom()
    first.setGeometry(8, 30, 790, 560)
    first.close()
    second = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(second)
    assert (second.geometry().width(), second.geometry().height()) == (790, 560)
    second.close()


def test_column_widths_are_kept(qtbot, demo_ctx):
    first = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(first)
    page = first.show_screen("burdens")
    # the ledger (its first table was a date field's calendar grid, remembered by mistake)
    page.view.horizontalHeader().resizeSection(1, 217)
    first.close()
    second = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(second)
    page = second.show_screen("burdens")
    assert page.view.horizontalHeader().sectionSize(1) == 217
    second.close()


def test_widths_of_another_column_layout_are_not_applied(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from jianfu.ui.widgets.prefs import remember_columns, ui_settings

    wide = QTableView()
    qtbot.addWidget(wide)
    wide.setModel(QStandardItemModel(0, 7))
    remember_columns(wide.horizontalHeader(), "cases/0")
    wide.horizontalHeader().resizeSection(2, 190)
    ui_settings().sync()
    narrow = QTableView()
    qtbot.addWidget(narrow)
    narrow.setModel(QStandardItemModel(0, 6))
    narrow.horizontalHeader().resizeSection(2, 55)
    remember_columns(narrow.horizontalHeader(), "cases/0")
    assert narrow.horizontalHeader().sectionSize(2) == 55  # the 7-column widths stay out
    again = QTableView()
    qtbot.addWidget(again)
    again.setModel(QStandardItemModel(0, 7))
    remember_columns(again.horizontalHeader(), "cases/0")
    assert again.horizontalHeader().sectionSize(2) == 190


def _table(qtbot, titles, widths=(), *, stretch_last=True):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(0, len(titles))
    model.setHorizontalHeaderLabels(list(titles))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    for i, width in enumerate(widths):
        view.setColumnWidth(i, width)
    return view


def test_a_newer_layout_of_as_many_columns_does_not_take_the_old_widths(qtbot):
    """A newer version changed a table's columns (same count): the widths the clerk left on the
    old ones were put back over the new layout (the lists' 状态 stretched over 600 pixels). They
    are kept under the layout's fingerprint, and only that layout gets them back."""
    from jianfu.ui.widgets.prefs import remember_columns

    old = _table(qtbot, ("村(社区)", "名称", "备注", "状态"), (100, 200, 120))
    remember_columns(old.horizontalHeader(), "units/0")
    old.horizontalHeader().resizeSection(1, 333)
    # the same columns next start: the clerk's width is back
    same = _table(qtbot, ("村(社区)", "名称", "备注", "状态"), (100, 200, 120))
    remember_columns(same.horizontalHeader(), "units/0")
    assert same.horizontalHeader().sectionSize(1) == 333
    # other titles, other code widths, another column stretching: each starts from its own
    renamed = _table(qtbot, ("村(社区)", "名称", "状态", "备注"), (100, 200, 120))
    rewidthed = _table(qtbot, ("村(社区)", "名称", "备注", "状态"), (100, 260, 120))
    unstretched = _table(
        qtbot, ("村(社区)", "名称", "备注", "状态"), (100, 200, 120, 80), stretch_last=False
    )
    for view in (renamed, rewidthed, unstretched):
        before = view.horizontalHeader().sectionSize(1)
        remember_columns(view.horizontalHeader(), "units/0")
        assert view.horizontalHeader().sectionSize(1) == before != 333


def test_widths_saved_before_layouts_had_fingerprints_are_not_read(qtbot):
    from jianfu.ui.widgets.prefs import remember_columns, ui_settings

    old = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    old.horizontalHeader().resizeSection(0, 250)
    settings = ui_settings()
    settings.setValue("columns/departments/0", old.horizontalHeader().saveState())
    settings.setValue("columns/departments/0-count", 3)
    settings.sync()
    new = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    remember_columns(new.horizontalHeader(), "departments/0")
    assert new.horizontalHeader().sectionSize(0) == 80


def test_a_tables_widths_are_written_once_after_its_resizes_and_read_back(qtbot, monkeypatch):
    """A screen laid out moves a column many times: its widths are written once, a moment
    after the last move (each move read and wrote ui.ini on the GUI thread), and a table
    laid out meanwhile reads them as they are."""
    from jianfu.ui.widgets import prefs

    view = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    prefs.remember_columns(view.horizontalHeader(), "audit/0")
    opened: list[int] = []
    settings = prefs.ui_settings
    monkeypatch.setattr(prefs, "ui_settings", lambda: opened.append(1) or settings())
    for width in range(100, 140, 4):
        view.horizontalHeader().resizeSection(1, width)
    assert not opened
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.wait(prefs.STORE_AFTER_MS + 100)
    assert len(opened) == 1
    view.horizontalHeader().resizeSection(1, 150)
    other = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    opened.clear()
    prefs.remember_columns(other.horizontalHeader(), "units/0")  # another table, meanwhile
    assert len(opened) == 1  # its own widths read; the first table's not written for it
    again = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    prefs.remember_columns(again.horizontalHeader(), "audit/0")  # before the pause ended
    assert again.horizontalHeader().sectionSize(1) == 150


def test_widths_are_not_kept_for_a_layout_while_the_table_shows_other_columns(qtbot):
    from jianfu.ui.widgets.prefs import remember_columns

    view = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    remember_columns(view.horizontalHeader(), "audit/0")
    view.model().setHorizontalHeaderLabels(["编号", "乡镇(街道)", "名称"])
    view.horizontalHeader().resizeSection(1, 222)  # the other layout's column
    again = _table(qtbot, ("编号", "名称", "状态"), (80, 300))
    remember_columns(again.horizontalHeader(), "audit/0")
    assert again.horizontalHeader().sectionSize(1) == 300


def test_a_fitted_lists_widths_go_back_only_to_its_own_layout(qtbot):
    """ColumnFit kept the clerk's widths by the column count alone: a newer version's columns
    of the same count took them."""
    from jianfu.ui.widgets.tables import ColumnFit

    first = _table(qtbot, ("编号", "名称", "状态"), stretch_last=False)
    fit = ColumnFit(first, [(60, 0), (100, 1), (60, 0)], key="test/fit")
    first.horizontalHeader().resizeSection(1, 210)
    assert fit.set_by_clerk == {1: 210}
    same = _table(qtbot, ("编号", "名称", "状态"), stretch_last=False)
    assert ColumnFit(same, [(60, 0), (100, 1), (60, 0)], key="test/fit").set_by_clerk == {1: 210}
    renamed = _table(qtbot, ("编号", "状态", "名称"), stretch_last=False)
    assert ColumnFit(renamed, [(60, 0), (60, 0), (100, 1)], key="test/fit").set_by_clerk == {}
    reshared = _table(qtbot, ("编号", "名称", "状态"), stretch_last=False)
    assert ColumnFit(reshared, [(60, 0), (140, 1), (60, 0)], key="test/fit").set_by_clerk == {}


def test_every_remembered_table_of_every_screen_gets_its_widths_back(qtbot, demo_ctx):
    """The fingerprint is of the code's layout, not of the data or the window: each table
    whose widths the window keeps gets them back at the next start."""
    from PySide6.QtWidgets import QHeaderView, QTableView

    from jianfu.ui.main_window import SCREENS
    from jianfu.ui.widgets.tables import FITS_WIDTH, ColumnFit

    keys = [s.key for s in SCREENS if s.key not in ("", "basedata")]
    first = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(first)
    first.show()
    resized: dict[tuple[str, int], tuple[int, int]] = {}
    fitted: dict[tuple[str, int], dict[int, int]] = {}
    for key in keys:
        page = first.show_screen(key)
        for i, view in enumerate(page.findChildren(QTableView)):
            header = view.horizontalHeader()
            if view.objectName().startswith("qt_"):
                continue  # a date field's calendar
            fit = view.findChild(ColumnFit)
            if view.property(FITS_WIDTH):  # fitted to the width: the fit keeps the widths
                if fit is not None and fit._key and view.isVisibleTo(page):
                    col = max(range(header.count()), key=header.sectionSize)
                    header.resizeSection(col, header.sectionSize(col) - 23)
                    fitted[(key, i)] = fit.set_by_clerk
                    assert fitted[(key, i)], (key, i)
                continue
            last = header.count() - 1 if header.stretchLastSection() else header.count()
            col = next(
                (
                    c
                    for c in range(last)
                    if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive
                ),
                None,
            )
            if col is None:  # every width follows the contents or the window
                continue
            header.resizeSection(col, header.sectionSize(col) + 37)
            resized[(key, i)] = (col, header.sectionSize(col))
    first.tasks.wait_all()
    first.close()
    # (操作记录 joined the tables fitted to the width, with its own remembered widths)
    assert len(resized) >= 2 and len(fitted) >= 6
    second = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(second)
    second.show()
    for (key, i), (col, width) in resized.items():
        view = second.show_screen(key).findChildren(QTableView)[i]
        assert not view.property(FITS_WIDTH)
        assert view.horizontalHeader().sectionSize(col) == width, (key, i)
    for (key, i), widths in fitted.items():
        fit = second.show_screen(key).findChildren(QTableView)[i].findChild(ColumnFit)
        assert fit.set_by_clerk == widths, (key, i)
    second.tasks.wait_all()
    second.close()
