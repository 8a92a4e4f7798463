"""How long the GUI thread is held at a time while a clerk works, beside what Qt itself needs.

Run from the repository root on a database of the size to judge (the city demo:
``jianfu --database FILE-or-URL init --demo --scale city``; the township demo file works too):
    python tests/bench/gui_hold_figures.py --database FILE-or-URL [--rounds 3]

A window that reads its rows on the GUI thread cannot repaint, scroll or take a key while it
reads: what the clerk feels is the longest single hold, not the total time. A heartbeat timer
(1 ms, precise) ticks on the GUI thread while the real main window runs its own event loop; the
longest gap between two ticks during an action is the longest time the GUI thread was busy with
something else. Actions, in the window's order of screens:
- open the screen (its first showing: its module imported, its widgets built, its first rows);
- type a search into its search field as a person types Chinese, one character at a time
  committed by the input method (a real ``QInputMethodEvent``), until the rows shown have
  settled; then clear it again;
- scroll its main table to the end (further rows, where the screen reads page after page).

Anchors from the same processes: the heartbeat's longest gap while nothing happens (the
floor this machine's load sets), and Qt itself showing one page of rows (a ``QTableView`` over a
``QStandardItemModel`` of 200 rows × 10 columns of Chinese text, set and painted): the hold no
screen that shows a page of rows can go under. Each figure is the median over ``--rounds``
fresh processes, each round once as the app starts (the screens' code imported on a worker once
首页 is filled: ``MainWindow.preload_screens``) and once without that, alternating.

Under a load above the machine's two cores the heartbeat's gaps also hold the time the GUI
thread waited for a core: ``--cpu`` prints instead the CPU the GUI thread spent in each action's
own call (``time.thread_time``; a search's rows and a scroll's further pages arrive later, on
the worker). Never a timed assertion: the figures are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: what is typed into each screen's search field (a word the demo's records hold)
QUERIES = {
    "lists": "村",
    "tasks": "通知",
    "cases": "通知",
    "boards": "综治",
    "certificates": "王",
    "burdens": "台账",
    "units": "村",
    "departments": "局",
    "audit": "牌子",
}


class Heartbeat:
    """Ticks on the GUI thread; ``longest`` is the longest gap between ticks since ``reset``."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.longest = 0.0
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.longest = 0.0


def run_until_settled(
    app, heart: Heartbeat, action: Callable[[], None], busy: Callable[[], bool]
) -> tuple[float, float]:
    """Run ``action`` inside the event loop; (the longest hold until nothing is pending, the
    GUI thread's CPU seconds in the action's own call).

    Settled: no background job of the window running for 60 ms on end (a search field waits a
    moment after the last key before it asks, and a job's result starts the rows' model).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    started = time.perf_counter()
    quiet_since = [0.0]
    cpu = [0.0]

    def begin() -> None:
        heart.reset()
        before = time.thread_time()
        action()
        cpu[0] = time.thread_time() - before

    def poll() -> None:
        now = time.perf_counter()
        if busy():
            quiet_since[0] = 0.0
        elif not quiet_since[0]:
            quiet_since[0] = now
        elif now - quiet_since[0] >= 0.06:
            loop.quit()
        if now - started > 300:
            raise SystemExit("an action did not settle within 300 s")

    poller = QTimer()
    poller.setInterval(5)
    poller.timeout.connect(poll)
    QTimer.singleShot(0, begin)
    poller.start()
    loop.exec()
    poller.stop()
    app.processEvents()
    return heart.longest, cpu[0]


def qt_page_anchor(app, heart: Heartbeat) -> float:
    """The longest hold when Qt itself sets and paints one page of 200 rows × 10 columns."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    view.resize(1180, 700)
    view.show()

    def show_page() -> None:
        model = QStandardItemModel(200, 10, view)
        for r in range(200):
            for c in range(10):
                model.setItem(r, c, QStandardItem(f"清溪镇第{r}村综治中心牌子{c}"))
        view.setModel(model)
        view.resizeColumnsToContents()
        view.viewport().repaint()

    hold, _ = run_until_settled(app, heart, show_page, lambda: False)
    view.close()
    view.deleteLater()
    return hold


def type_chinese(field, text: str) -> None:
    """Commit ``text`` into ``field`` one character at a time, as an input method does."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(field, event)


def _search_field(page):
    from PySide6.QtWidgets import QLineEdit

    for field in page.findChildren(QLineEdit):
        if field.isVisible() and field.placeholderText().startswith(("搜索", "查找")):
            return field
    return None


def _main_table(page):
    from PySide6.QtWidgets import QAbstractItemView

    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible() and v.model()]
    return max(views, key=lambda v: v.model().rowCount(), default=None)


def one_round(app, heart: Heartbeat, database: str, preload: bool) -> dict[str, dict[str, float]]:
    """Each action's longest hold ("hold") and the GUI thread's CPU in its own call ("cpu"), in
    a fresh main window on ``database``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from jianfu.services.database import open_app
    from jianfu.services.registry import Services
    from jianfu.ui.background import collect_on_gui_thread
    from jianfu.ui.main_window import SCREENS, MainWindow

    got: dict[str, dict[str, float]] = {"hold": {}, "cpu": {}}

    def act(label: str, action: Callable[[], object], busy: Callable[[], bool]) -> None:
        got["hold"][label], got["cpu"][label] = run_until_settled(app, heart, action, busy)

    act("anchor: the heartbeat's gap, nothing to do", lambda: None, lambda: False)
    got["hold"]["anchor: Qt sets and paints 200 rows x 10"] = qt_page_anchor(app, heart)
    services = Services.create(open_app(database))
    window: list[MainWindow] = []

    def busy() -> bool:
        return bool(window and window[0].tasks._running)

    def build() -> None:
        w = MainWindow(services)
        w.resize(1366, 768)
        w.show()
        window.append(w)

    act("the main window, to 首页 filled", build, busy)
    collect_on_gui_thread(app)  # as the app does once its start-up is over
    w = window[0]
    if preload:  # as the app does then, while the clerk reads 首页
        act("the screens' code loaded on a worker", w.preload_screens, busy)
    for screen in SCREENS[1:]:
        key = screen.key
        act(f"{screen.title}: open", lambda key=key: w.show_screen(key), busy)
        page = w.pages[key]
        field = _search_field(page)
        query = QUERIES.get(key)
        if field is not None and query:
            act(f"{screen.title}: type {query}", lambda f=field, q=query: type_chinese(f, q), busy)
            act(
                f"{screen.title}: clear the search",
                lambda f=field: (f.selectAll(), QTest.keyClick(f, Qt.Key.Key_Delete)),
                busy,
            )
        table = _main_table(page)
        if table is not None:
            bar = table.verticalScrollBar()
            act(f"{screen.title}: scroll to the end", lambda b=bar: b.setValue(b.maximum()), busy)
    w.tasks.wait_all()
    w.close()
    services.ctx.database.close()
    return got


def child(database: str, preload: bool) -> None:
    """One round in this fresh process: its holds as JSON on the last line of stdout."""
    from jianfu.app import make_application

    app = make_application([])  # as the app makes it: its font, Qt's Chinese, pinyin order
    heart = Heartbeat()
    print(json.dumps(one_round(app, heart, database, preload), ensure_ascii=False), flush=True)


MODES = {"without": "first shown, code imported then", "preload": "as the app starts: preloaded"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="print the GUI thread's CPU in each action's own call instead of the longest hold",
    )
    parser.add_argument("--child", choices=sorted(MODES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    database = args.database if "://" in args.database else str(Path(args.database).resolve())
    if args.child:
        child(database, args.child == "preload")
        return
    env = dict(os.environ, JIANFU_DATA_DIR=tempfile.mkdtemp(prefix="jianfu-hold-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the code compiled once, as installed
    env["PYTHONPYCACHEPREFIX"] = os.path.join(env["JIANFU_DATA_DIR"], "pycache")
    results: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    loads = []
    for r in range(args.rounds + 1):  # the first round compiles the code: not counted
        for mode in MODES:
            cmd = [sys.executable, __file__, "--database", database, "--child", mode]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"a round failed:\n{done.stderr[-3000:]}")
            if r:
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                results[mode].append(figures["cpu" if args.cpu else "hold"])
                loads.append(os.getloadavg()[0])

    def median(mode: str, label: str) -> str:
        values = [got[label] * 1000 for got in results[mode] if label in got]
        return f"{statistics.median(values):8.1f} ms" if values else f"{'—':>11}"

    what = (
        "CPU of the GUI thread in the action's own call"
        if args.cpu
        else ("longest hold of the GUI thread")
    )
    print(
        f"{what}, median of {args.rounds} fresh processes each; "
        f"load {min(loads):.1f}-{max(loads):.1f}"
    )
    print(f"{'':<44} {MODES['without']:>34} {MODES['preload']:>30}")
    labels = list(dict.fromkeys(k for mode in MODES for got in results[mode] for k in got))
    for label in labels:
        print(f"{label:<44} {median('without', label):>34} {median('preload', label):>30}")


if __name__ == "__main__":
    sys.exit(main())
