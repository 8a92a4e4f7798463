"""首页 kept at close shows the same as 首页 read from the database, and works once attached."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.services import first_screen
from jianfu.services.registry import Services
from jianfu.ui.main_window import OPENING, MainWindow


def _shown(window: MainWindow) -> dict:
    page = window.pages["dashboard"]
    reminders = page.reminders
    return {
        "window": window.windowTitle(),
        "database": window.database_label.text(),
        "purpose": window.purpose_label.text(),
        "title": page.title_label.text(),
        "status": page.status_label.text(),
        "reminders_label": page.reminders_label.text(),
        "current": (reminders.currentItem() is not None, page.open_button.isEnabled()),
        "cards": {
            k: (c.value_label.text(), c.value_label.toolTip(), c.change_label.text())
            for k, c in page.cards.items()
        },
        "compare": (
            page.compare_chart.categories,
            [(s.name, s.color.name()) for s in page.compare_chart.series],
            page.compare_chart.values,
        ),
        "villages": (
            page.villages_chart.title,
            page.villages_chart.categories,
            page.villages_chart.values,
        ),
        "rows": [
            [
                (
                    reminders.topLevelItem(i).text(col),
                    reminders.topLevelItem(i).toolTip(col),
                    reminders.topLevelItem(i).foreground(col).color().name(),
                )
                for col in range(3)
            ]
            for i in range(reminders.topLevelItemCount())
        ],
    }


def test_the_kept_first_screen_shows_what_reading_the_database_shows(qtbot, demo_ctx):
    path = demo_ctx.database.sqlite_path
    if path is None:
        pytest.skip("kept beside a SQLite file; a server is always read")
    read = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(read)
    read.show()
    read.activateWindow()
    page = read.pages["dashboard"]
    qtbot.waitUntil(lambda: page.dashboard is not None and not page.loading, timeout=20000)
    read.tasks.wait_all()
    expected = _shown(read)
    assert expected["rows"] and expected["cards"]
    assert first_screen.keep_at_close(path, read.first_screen_on, demo_ctx.database.close)

    kept = first_screen.load(path)
    assert kept is not None
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_kept_first_screen(kept)
    window.activateWindow()  # the navigation disabled: the focus must not make a line current
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert _shown(window) == expected
    shown = window.pages["dashboard"]
    assert not window.nav.isEnabled() and not shown.refresh_button.isEnabled()
    # 基础数据 is greyed by the list as the screens are, not drawn darker in a fixed gray
    heading = window.nav.findItems("基础数据", Qt.MatchFlag.MatchExactly)[0]
    assert heading.flags() == Qt.ItemFlag.NoItemFlags
    assert heading.data(Qt.ItemDataRole.ForegroundRole) is None
    assert window.statusBar().currentMessage() == OPENING

    # the database opens: the same page, not read again, and its reminders open their screens
    window.attach(Services.create(demo_ctx))
    assert window.pages["dashboard"] is shown and not shown.loading and shown.dashboard is None
    assert window.current_screen() == "dashboard" and window.nav.isEnabled()
    assert window.statusBar().currentMessage() == ""
    assert _shown(window) == expected  # no line made current by the focus, 打开 disabled
    assert not shown.reminders.hasFocus() and not window.nav.hasFocus()  # as a fresh start
    assert shown.refresh_button.isEnabled() and shown.report_button.isEnabled()
    opened = shown.open_reminder(shown.reminder_of(shown.reminders.topLevelItem(0)))
    assert window.stack.currentWidget() is opened
    with qtbot.waitSignal(shown.sig_loaded, timeout=20000):
        window.show_screen("dashboard")  # read again when shown again, as any screen
    assert _shown(window)["cards"] == expected["cards"]
    window.tasks.wait_all()
