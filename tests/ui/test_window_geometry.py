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
    from PySide6.QtWidgets import QTableView

    header = page.findChildren(QTableView)[0].horizontalHeader()
    header.resizeSection(1, 217)
    first.close()
    second = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(second)
    page = second.show_screen("burdens")
    assert page.findChildren(QTableView)[0].horizontalHeader().sectionSize(1) == 217
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
    assert ui_settings().value("columns/cases/0-count") in (7, "7")
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
