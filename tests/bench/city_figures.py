"""Figures on a city-sized database (``jianfu init --demo --scale city``), each beside its anchor.

Run from the repository root:  python tests/bench/city_figures.py [--scale 1.0] [--database URL]
(``--database postgresql+psycopg://...`` measures on that server; its tables are filled first,
so use a throwaway one: ``eval "$(bash .ci/pg_up.sh)"`` and pass $JIANFU_TEST_DATABASE_URL.)

Anchors, from the same run: start-up beside a bare PySide6 window shown (fresh processes,
alternating); every database read beside the very statements it sent replayed on a plain
driver connection (``sqlite3`` or ``psycopg``), i.e. the database's own time; the quarter's
report PDF beside raw ReportLab laying out the whole report (``report_pdf_figures.raw_report_pdf``)
and its table alone as a ``LongTable`` of the same rows in the same font.

Creates the database in a temporary directory with the city generator, then measures on it:
the time to generate and the file size; start-up of the real program to its first screen (a
fresh ``jianfu gui`` process on the offscreen platform, to the database attached and 首页 read
from it (nothing kept from the last close), median of 3 after a warm-up run); the main window
in this process until the first screen's background loading has ended; opening each screen
for the first time (until its background loading has ended); filtering; one task check; the
quarter's period report, and the whole city's (首页 of a city's people on a server; beside
the same SQL with the indexes of migration 0024 dropped in a transaction rolled back, i.e.
as before it, in the same run); 首页 read through ``sqlite3`` (on a server: through plain
``psycopg``, as a start reads it); peak memory (``ru_maxrss``) of
this process once every screen is open (the city generated in another process, or reused:
generating it here counts too) and of the start-up processes (their own VmHWM), each beside
a bare PySide6 window's own peak.
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

ROWS: list[tuple[str, str, str]] = []


def row(what: str, value: str, anchor: str = "") -> None:
    ROWS.append((what, value, anchor))
    print(f"  {what}: {value}" + (f"   [{anchor}]" if anchor else ""), flush=True)


class Statements:
    """The SQL a piece of work sends, recorded so that it can be replayed on a plain driver."""

    def __init__(self, engine, url: str) -> None:
        from sqlalchemy import event

        self.url = url
        self.sent: list[tuple[str, Any]] = []
        self.on = False

        def record(_conn, _cursor, statement, parameters, _context, executemany) -> None:
            if self.on and not executemany:
                self.sent.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", record)

    def measure(self, fn: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
        """Best seconds of ``fn`` through the app, best seconds of its SQL on a plain driver."""
        self.sent, self.on = [], True
        t0 = time.perf_counter()
        try:
            result = fn()
        finally:
            self.on = False
        app = time.perf_counter() - t0
        sent = list(self.sent)
        if repeat > 1:
            app = min(app, timed(fn, repeat - 1)[0])
        con = self._connect()
        try:
            cur = con.cursor()

            def replay() -> None:
                for statement, parameters in sent:
                    cur.execute(statement, parameters)
                    if cur.description is not None:
                        cur.fetchall()

            raw, _ = timed(replay, repeat)
        finally:
            con.close()
        return app, raw, result

    def without(self, drop: list[str], repeat: int = 3) -> float:
        """Best seconds of the statements last measured, replayed on a plain driver with the
        indexes ``drop`` dropped inside a transaction that is rolled back (the database is
        left as it was): the same reading as before migration 0024, in the same run."""
        sent = list(self.sent)
        con = self._connect()
        try:
            if not self.url.startswith("postgresql"):
                con.isolation_level = None  # the DROPs inside our own transaction
                con.execute("BEGIN")
            cur = con.cursor()
            for name in drop:
                cur.execute(f"DROP INDEX {name}")

            def replay() -> None:
                for statement, parameters in sent:
                    cur.execute(statement, parameters)
                    if cur.description is not None:
                        cur.fetchall()

            raw, _ = timed(replay, repeat)
            con.rollback() if self.url.startswith("postgresql") else con.execute("ROLLBACK")
        finally:
            con.close()
        return raw

    def _connect(self):
        if self.url.startswith("postgresql"):
            import psycopg

            # as the app connects: nothing prepared on the server (no generic plans)
            return psycopg.connect(
                self.url.replace("postgresql+psycopg://", "postgresql://"), prepare_threshold=None
            )
        import sqlite3

        return sqlite3.connect(self.url)


def vs(app: float, raw: float, label: str = "same SQL, plain driver") -> str:
    return f"{label}: {ms(raw)}; app {app / raw:.1f}x" if raw > 0 else label


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1180, 760)
w.show()
print("ready", file=sys.stderr, flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
# as the app reports its own peak (JIANFU_STARTUP_MARKS): VmHWM, in KiB
with open("/proc/self/status", encoding="ascii") as status:
    kib = next(l.split()[1] for l in status if l.startswith("VmHWM:"))
print("peak", kib, file=sys.stderr, flush=True)
"""


PEAKS: list[float] = []  # MB, as the started app reports its own peak
BARE_PEAKS: list[float] = []  # MB, the bare window's


def _until_ready(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    ready = None
    with subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "ready" and ready is None:
                ready = time.perf_counter() - start
            elif line.startswith("peak "):
                (PEAKS if "jianfu" in cmd else BARE_PEAKS).append(int(line.split()[1]) / 1024)
    if proc.returncode != 0 or ready is None:
        raise SystemExit(f"start-up failed ({proc.returncode}): {cmd}")
    return ready


def startup(database: str, data_dir: str) -> tuple[list[float], list[float]]:
    """Seconds to 首页 filled (``jianfu gui``) and to a bare window shown, alternating."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=data_dir,
        JIANFU_QUIT_AFTER_START="1",
        JIANFU_STARTUP_MARKS="1",
        PYTHONPYCACHEPREFIX=os.path.join(data_dir, "pycache"),  # compiled once, as installed
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "jianfu", "--database", database, "gui"]
    bare_cmd = [sys.executable, "-c", BARE]
    from jianfu.services.first_screen import snapshot_file

    # 首页 read from the city's database each time, not shown as kept from the last close
    kept = None if "://" in database else snapshot_file(Path(database).expanduser().resolve())
    _until_ready(cmd, env)  # warm-up (and the day's automatic backup)
    _until_ready(bare_cmd, env)
    app, bare = [], []
    for _ in range(3):
        bare.append(_until_ready(bare_cmd, env))
        if kept is not None:
            kept.unlink(missing_ok=True)
        app.append(_until_ready(cmd, env))
    return app, bare


def settle(app, window) -> None:
    """Process events until the window's background jobs have ended."""
    deadline = time.perf_counter() + 300
    app.processEvents()
    while window.tasks._running and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


REPORT_PEAK = """
import sys
from jianfu.domain.periods import parse_period
from jianfu.reports.period_report import build_period_report_pdf
from jianfu.services.database import open_app
from jianfu.services.registry import Services
services = Services.create(open_app(sys.argv[1]))
build_period_report_pdf(services.report.build(parse_period(sys.argv[2])))
# VmHWM: ru_maxrss would include the parent's size when it started this process
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024)
"""


#: the indexes migration 0024 added for the period report's counts
PERIOD_INDEXES = [
    "ix_certificate_request_township_date",
    "ix_signboard_township_counts",
    "ix_task_request_township_received",
]


def _city_id(services) -> int:
    from sqlalchemy import select

    from jianfu.db.models import UnitRow
    from jianfu.domain.units import UnitType

    with services.ctx.unit_of_work() as s:
        return s.execute(select(UnitRow.id).where(UnitRow.type == UnitType.CITY.value)).scalar_one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--database", help="SQLite file or PostgreSQL URL (filled when empty, else reused)"
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="jianfu-city-")
    os.environ["JIANFU_DATA_DIR"] = tmp
    database = args.database or str(Path(tmp) / "city.db")
    on_server = database.startswith("postgresql")

    from jianfu.demo.city import seed_demo_city
    from jianfu.demo.township import has_data
    from jianfu.services.database import open_app

    ctx = open_app(database)
    if has_data(ctx):
        row("generate", "reused the database given")
    else:
        t0 = time.perf_counter()
        counts = seed_demo_city(ctx, scale=args.scale, progress=lambda m: print(m, flush=True))
        row("generate", f"{time.perf_counter() - t0:.1f} s")
        row("data", "; ".join(f"{k} {v:,}" for k, v in counts.items()))
    if on_server:
        from sqlalchemy import text

        with ctx.database.engine.connect() as con:
            size = con.execute(text("SELECT pg_database_size(current_database())")).scalar()
        row("database size", f"{size / 2**20:,.0f} MB")
    else:
        row("file size", f"{Path(database).stat().st_size / 2**20:,.0f} MB")
    ctx.database.close()

    app_times, bare_times = startup(database, tmp)
    app_start, bare_start = statistics.median(app_times), statistics.median(bare_times)
    row(
        "start-up, new process, to 首页's figures shown (median of 3)",
        ms(app_start),
        f"bare PySide6 window shown: {ms(bare_start)}; app {app_start / bare_start:.1f}x",
    )

    from PySide6.QtWidgets import QApplication

    from jianfu.domain.boards import BoardFilter
    from jianfu.domain.periods import parse_period
    from jianfu.services.certificates import CertificateFilter
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import SCREENS, MainWindow

    app = QApplication.instance() or QApplication([])
    ctx = open_app(database)
    services = Services.create(ctx)
    raw_url = database if on_server else str(Path(database))
    sql = Statements(ctx.database.engine, raw_url)

    def build() -> MainWindow:
        w = MainWindow(services)
        w.resize(1280, 800)
        w.show()
        settle(app, w)
        return w

    seconds, raw, window = sql.measure(build, repeat=1)
    row(
        "main window until 首页's figures and reminders are loaded (in process)",
        ms(seconds),
        vs(seconds, raw),
    )
    from jianfu.ui.background import collect_on_gui_thread

    collect_on_gui_thread(app)  # as the app does at the end of its start-up
    for screen in SCREENS:

        def open_screen(key: str = screen.key) -> None:
            window.show_screen(key)
            settle(app, window)

        seconds, raw, _ = sql.measure(open_screen, repeat=1)
        row(f"open screen {screen.key} ({screen.title})", ms(seconds), vs(seconds, raw))

    screens_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    villages = services.boards.villages()
    village_id = villages[len(villages) // 2].id
    filters: list[tuple[str, Callable[[], Any]]] = [
        (
            "boards: filter one village",
            lambda: services.boards.page(BoardFilter(village_id=village_id)),
        ),
        ("boards: search 综治", lambda: services.boards.page(BoardFilter(query="综治"))),
        (
            "boards: village order, first page",
            lambda: services.boards.page(BoardFilter(sort="village"), 0),
        ),
        (
            "boards: village order, page 301 jumped to by OFFSET 60,000 (page after page: keyset)",
            lambda: services.boards.page(BoardFilter(sort="village"), 60_000),
        ),
        (
            "certificates: open (newest first)",
            lambda: services.certificates.page(CertificateFilter()),
        ),
        (
            "certificates: search 王 (1 character: index of characters and pairs)",
            lambda: services.certificates.page(CertificateFilter(query="王")),
        ),
        (
            "certificates: search 王小 (2 characters: index of characters and pairs)",
            lambda: services.certificates.page(CertificateFilter(query="王小")),
        ),
        (
            "certificates: search 出生证明 (trigram index)",
            lambda: services.certificates.page(CertificateFilter(query="出生证明")),
        ),
        (
            "certificates: filter one village",
            lambda: services.certificates.page(CertificateFilter(village_id=village_id)),
        ),
    ]
    for label, fn in filters:
        seconds, raw, page = sql.measure(fn)
        row(f"{label} ({page.total:,} rows)", ms(seconds), vs(seconds, raw))

    text = "请各村(社区)安排专人每周统计辖区电动自行车充电桩数量，建立台账，于每周五前报送。"
    services.lists.check_task(text)  # the matcher is built once and cached
    seconds, raw, result = sql.measure(lambda: services.lists.check_task(text))
    row(f"one task check ({result.verdict.value})", ms(seconds), vs(seconds, raw))
    today = dt.date.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    seconds, raw, report = sql.measure(lambda: services.report.build(parse_period(quarter)))
    row(
        f"period report {quarter}: counting ({len(report.rows)} rows)",
        ms(seconds),
        vs(seconds, raw),
    )
    # 首页 of a city's or a county's people on a server counts their whole area's quarter
    city_id = _city_id(services)
    seconds, raw, city_report = sql.measure(
        lambda: services.report.build(parse_period(quarter), unit=city_id)
    )
    before = sql.without(PERIOD_INDEXES)
    row(
        f"period report {quarter} of the whole city: counting ({len(city_report.rows)} rows)",
        ms(seconds),
        vs(seconds, raw)
        + f"; the same SQL without the indexes of 0024 (as before it): {ms(before)}",
    )
    from jianfu.services import first_screen_plain

    if not on_server:
        plain, _ = timed(lambda: first_screen_plain.read(Path(database)), 3)
        row("首页 read through sqlite3 (a start with nothing kept)", ms(plain))
    else:  # as the start reads it, the connection made afresh each time
        plain, _ = timed(lambda: first_screen_plain.read_server(database), 3)
        row("首页 read through psycopg (a start on the server, as the owner)", ms(plain))

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from report_pdf_figures import raw_longtable_pdf, raw_report_pdf, raw_reportlab

    from jianfu.reports.fonts import find_fonts
    from jianfu.reports.period_report import build_period_report_pdf

    fonts = find_fonts()
    build_period_report_pdf(report, fonts=fonts)  # a print in a running app: not the first
    with raw_reportlab():
        raw_report_pdf(report, fonts)
        raw_whole, _ = timed(lambda: raw_report_pdf(report, fonts), 5)
        raw_table, _ = timed(lambda: raw_longtable_pdf(report, fonts), 5)
    seconds, pdf = timed(lambda: build_period_report_pdf(report, fonts=fonts), 5)
    row(
        f"period report {quarter}: the PDF ({len(pdf) / 2**20:.1f} MB)",
        ms(seconds),
        f"raw ReportLab, the whole report (table, summary page, charts): {ms(raw_whole)}, "
        f"app {seconds / raw_whole:.2f}x; its table alone as a LongTable: {ms(raw_table)}",
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    bare_peak = f"bare PySide6 window shown: {statistics.median(BARE_PEAKS):,.0f} MB"
    row(
        "peak memory, the app with every screen opened (this process)",
        f"{screens_peak / 1024:,.0f} MB",
        bare_peak,
    )
    row("peak memory, this process (then every filter and the report)", f"{peak / 1024:,.0f} MB")
    row(
        "peak memory, start-up processes (each its own)",
        f"{max(PEAKS, default=0):,.0f} MB",
        bare_peak,
    )
    report_peak = subprocess.run(
        [sys.executable, "-c", REPORT_PEAK, database, quarter],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    row(
        "peak memory, a process counting and printing the quarter's report",
        f"{float(report_peak):,.0f} MB",
    )
    window.tasks.wait_all()
    window.close()
    ctx.database.close()

    print(f"\n{'PostgreSQL' if on_server else 'SQLite'}, {os.cpu_count()} cores")
    print("| measured | jianfu | anchor, same run |\n|---|---|---|")
    for what, value, anchor in ROWS:
        print(f"| {what} | {value} | {anchor} |")


if __name__ == "__main__":
    main()
