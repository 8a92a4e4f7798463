"""Figures on a city-sized database (``jianfu init --demo --scale city``), printed as a table.

Run from the repository root:  python tests/bench/city_figures.py [--scale 1.0]

Creates the database in a temporary directory with the city generator, then measures on it:
the time to generate and the file size; start-up of the real program to its first screen (a
fresh ``jianfu gui`` process on the offscreen platform, to the database attached, median of 3
after a warm-up run); the main window in this process until the first screen's background
loading has ended; opening each screen for the first time (until its
background loading has ended); filtering; one task check; the quarter's period report; peak
memory (``ru_maxrss``) of this process and of the start-up processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS: list[tuple[str, str]] = []


def row(what: str, value: str) -> None:
    ROWS.append((what, value))
    print(f"  {what}: {value}", flush=True)


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def startup(db: Path, data_dir: str) -> list[float]:
    """Seconds from launch to the first screen filled, for fresh ``jianfu gui`` processes."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=data_dir,
        JIANFU_QUIT_AFTER_START="1",
        JIANFU_STARTUP_MARKS="1",
    )
    cmd = [sys.executable, "-m", "jianfu", "--database", str(db), "gui"]
    times = []
    for _ in range(4):  # the first run is a warm-up (and makes the day's automatic backup)
        start = time.perf_counter()
        ready = None
        with subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) as proc:
            assert proc.stderr is not None
            for line in proc.stderr:
                if line.strip() == "ready" and ready is None:
                    ready = time.perf_counter() - start
        if proc.returncode != 0 or ready is None:
            raise SystemExit(f"start-up failed ({proc.returncode})")
        times.append(ready)
    return times


def settle(app, window) -> None:
    """Process events until the window's background jobs have ended."""
    deadline = time.perf_counter() + 300
    app.processEvents()
    while window.tasks._running and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="jianfu-city-")
    os.environ["JIANFU_DATA_DIR"] = tmp
    db = Path(tmp) / "city.db"

    from jianfu.services.database import open_app
    from jianfu.services.demo_city import seed_demo_city

    ctx = open_app(str(db))
    t0 = time.perf_counter()
    counts = seed_demo_city(ctx, scale=args.scale, progress=lambda m: print(m, flush=True))
    row("generate", f"{time.perf_counter() - t0:.1f} s")
    row("data", "; ".join(f"{k} {v:,}" for k, v in counts.items()))
    ctx.database.close()
    row("file size", f"{db.stat().st_size / 2**20:,.0f} MB")

    times = startup(db, tmp)
    row(
        "start-up, new process: window shown and database attached",
        ms(statistics.median(times[1:])),
    )
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    from PySide6.QtWidgets import QApplication

    from jianfu.domain.boards import BoardFilter
    from jianfu.domain.periods import parse_period
    from jianfu.services.certificates import CertificateFilter
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import SCREENS, MainWindow

    app = QApplication.instance() or QApplication([])
    ctx = open_app(str(db))
    services = Services.create(ctx)

    def build() -> MainWindow:
        w = MainWindow(services)
        w.resize(1280, 800)
        w.show()
        settle(app, w)
        return w

    seconds, window = timed(build)
    row("main window until 首页's figures and reminders are loaded (in process)", ms(seconds))
    for screen in SCREENS:

        def open_screen(key: str = screen.key) -> None:
            window.show_screen(key)
            settle(app, window)

        seconds, _ = timed(open_screen)
        row(f"open screen {screen.key} ({screen.title})", ms(seconds))

    village_id, _village = services.boards.villages()[len(services.boards.villages()) // 2]
    seconds, page = timed(lambda: services.boards.page(BoardFilter(village_id=village_id)), 3)
    row(f"boards: filter one village ({page.total} boards)", ms(seconds))
    seconds, page = timed(lambda: services.boards.page(BoardFilter(query="综治")), 3)
    row(f"boards: search 综治 ({page.total:,} boards, first page)", ms(seconds))
    seconds, page = timed(lambda: services.certificates.page(CertificateFilter(query="王")), 3)
    row(f"certificates: search 王 ({page.total:,} requests, first page)", ms(seconds))
    seconds, page = timed(
        lambda: services.certificates.page(CertificateFilter(village_id=village_id)), 3
    )
    row(f"certificates: filter one village ({page.total} requests)", ms(seconds))
    text = "请各村(社区)安排专人每周统计辖区电动自行车充电桩数量，建立台账，于每周五前报送。"
    services.lists.check_task(text)  # the matcher is built once and cached
    seconds, result = timed(lambda: services.lists.check_task(text), 3)
    row(f"one task check ({result.verdict.value})", ms(seconds))
    today = dt.date.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    seconds, report = timed(lambda: services.report.build(parse_period(quarter)), 3)
    row(f"period report {quarter} ({len(report.rows)} rows)", ms(seconds))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row("peak memory, this process (generate + window + all screens)", f"{peak / 1024:,.0f} MB")
    row("peak memory, start-up process", f"{child_peak / 1024:,.0f} MB")
    window.tasks.wait_all()
    window.close()
    ctx.database.close()

    print("\n| measured | figure |\n|---|---|")
    for what, value in ROWS:
        print(f"| {what} | {value} |")


if __name__ == "__main__":
    main()
