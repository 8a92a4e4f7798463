"""A helper of the tests of the ledgers above the township (牌子, 证明, 其他负担): the window
opened as the county's reviewer on one screen, and its 村(社区) box read, with each township's
entry (石门乡 全部村(社区)) leading its villages."""

from __future__ import annotations

from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow

OTHER_TOWNSHIP = "石门乡 全部村(社区)"


def open_as_reviewer(qtbot, ctx, monkeypatch, person, town: str, screen: str):
    """The main window as ``person`` on ``screen``: (window, page, the box's texts), the box
    checked to hold ``town``'s entry first and 石门乡's before its village."""
    ctx.person = person
    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)
    window = MainWindow(Services.create(ctx))
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen(screen)
    combo = page.village_combo
    qtbot.waitUntil(lambda: combo.findText(OTHER_TOWNSHIP) > 0)
    texts = [combo.itemText(i) for i in range(combo.count())]
    # each township's entry leads its villages
    assert texts.index(f"{town} 全部村(社区)") == 1
    assert texts.index(OTHER_TOWNSHIP) + 1 == texts.index("石门乡 清溪村")
    return window, page, texts
