"""A form whose rows change their height inside a resize (WrappingGrid's columns,
FittingLabel's lines), in a QScrollArea that sizes it inside that same resize.

The scroll area read the hints the layouts above the form's rows had cached, from before the
rows changed: 事项审核, first shown, was sized 418 px wide (no scroll bar: the old hints said
one column of findings, too high), then 404 px (scroll bar: the old hints said two columns,
low enough), then 418 again, nested inside Qt's resize events until the stack ran out and the
process died with a segfault (walk 50: the cited item's room of four lines made it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QRadioButton, QVBoxLayout, QWidget

ROOT = Path(__file__).resolve().parents[2]

SHOW_TASKS = """
import sys
from PySide6.QtWidgets import QApplication
from jianfu.demo.township import seed_demo
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow

app = QApplication([])
ctx = open_app(sys.argv[1])
if sys.argv[2] == "seed":  # as `python -m jianfu demo` seeds it, in a process of its own
    seed_demo(ctx)
    sys.exit(0)
window = MainWindow(Services.create(ctx))
window.show()
for key in ("dashboard", "lists", "tasks"):  # the screens in their order, as opened
    form = window.show_screen(key)
    for _ in range(10):
        app.processEvents()
    window.tasks.wait_all()
    app.processEvents()
print("shown", form.record_button.isVisible())
window.close()
"""


def test_showing_the_intake_form_first_does_not_crash(tmp_path):
    """The demo's window at its first size, 事项审核 shown: it crashed (SIGSEGV, return code
    -11; here in a process of its own, so that the run goes on)."""
    db = tmp_path / "demo.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIANFU_DATA_DIR=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    for step in ("seed", "show"):
        done = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", SHOW_TASKS, str(db), step],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "shown True"


def _form(qtbot):
    from jianfu.ui.widgets.flow import WrappingGrid
    from jianfu.ui.widgets.form import FieldForm

    page = QWidget()
    qtbot.addWidget(page)
    fields = FieldForm()
    findings = ("清单内事项", "清单外事项", "不属于下派事项")
    grid = WrappingGrid([QRadioButton(t) for t in findings], columns=3)
    fields.add_field("decision", "审核结论", grid)
    QVBoxLayout(page).addWidget(fields)
    return page, grid


@pytest.mark.parametrize("columns", [1, 2])
def test_a_grids_new_rows_are_what_the_page_reports_at_once(qtbot, columns):
    """Inside the resize that changes the grid's columns (before any posted layout request),
    the page above the form reports the height of the new rows, as it does afterwards."""
    page, grid = _form(qtbot)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert grid.columns == 3
    # the width at which the grid takes ``columns`` columns
    x = grid.mapTo(page, grid.rect().topLeft()).x()
    margin = page.width() - x - grid.width()
    width = x + margin + columns * (grid._cell_width() + 12) - 12
    page.resize(width, 400)  # the layouts lay the rows out inside this resize: no events
    assert grid.columns == columns
    now = (page.minimumSizeHint().height(), page.sizeHint().height())
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    assert grid.columns == columns
    assert now == (page.minimumSizeHint().height(), page.sizeHint().height())
