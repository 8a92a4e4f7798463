"""The 证明 screen opened on a city (``jianfu init --demo --scale city``): its database time.

Run from the repository root:
    python tests/bench/certificates_open_figures.py --database FILE-or-URL [--rounds 5]

The database must hold the city already (``city_figures.py --database`` fills an empty one).
Builds the screen as the main window does on its first showing (the quarter's register, its
count and the per-village figures, read on a worker) with the statements it sends recorded,
then, alternating in the same run for ``--rounds`` rounds: the app's time to build it and how
long the GUI thread was held meanwhile (beside the same screen reading on the GUI thread, as it
did before); those statements replayed on
a plain driver connection (``sqlite3`` or ``psycopg``), i.e. the database's own time, which is
the anchor; and the same replay with the register's counting index of migration 0026, and
then 0027's index of the agencies asking for forbidden certificates, dropped inside a
transaction that is rolled back (the database is left as it was), i.e. as before each.
Then a village chosen and a search on the open screen: their statements on a plain driver,
beside the same with the period's figures counted again, as every filter did before.
Prints medians, each statement's too. ``--explain`` prints the plan of the agency count (0027)
with and without its index (SQLite: ``EXPLAIN QUERY PLAN``; PostgreSQL: ``EXPLAIN (ANALYZE,
BUFFERS)``, its times the server's own).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: what migrations added for the register's figures of a period: 0026 the count per village,
#: outcome and verdict; 0027 the agencies asking for forbidden certificates
DROPPED = {
    "0026": ["ix_certificate_request_date_counts"],
    "0027": ["ix_certificate_request_forbidden_agency"],
}


def _connect(url: str):
    if url.startswith("postgresql"):
        import psycopg

        # as the app connects: nothing prepared on the server (no generic plans)
        return psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://"), prepare_threshold=None
        )
    import sqlite3

    con = sqlite3.connect(url)
    con.isolation_level = None  # the DROP inside our own transaction
    return con


def _replay(con, sent: list[tuple[str, Any]], drop: list[str]) -> list[float]:
    """Seconds of each statement of ``sent`` on ``con``, with ``drop`` dropped meanwhile, and
    last the CPU seconds of the whole (``sqlite3`` works in this thread; a server does not)."""
    on_server = not hasattr(con, "set_trace_callback")
    cur = con.cursor()
    if drop:
        if not on_server:
            cur.execute("BEGIN")
        for name in drop:
            cur.execute(f"DROP INDEX {name}")
    out = []
    cpu = time.thread_time()
    try:
        for statement, parameters in sent:
            t0 = time.perf_counter()
            cur.execute(statement, parameters)
            if cur.description is not None:
                cur.fetchall()
            out.append(time.perf_counter() - t0)
        out.append(time.thread_time() - cpu)
    finally:
        if drop:
            con.rollback() if on_server else cur.execute("ROLLBACK")
        elif on_server:
            con.rollback()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="the agency count's plans")
    args = parser.parse_args()
    os.environ["JIANFU_DATA_DIR"] = tempfile.mkdtemp(prefix="jianfu-certs-open-")
    database = args.database

    from sqlalchemy import event

    from PySide6.QtWidgets import QApplication

    from jianfu.services.database import open_app
    from jianfu.services.registry import Services
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.certificates.screen import make_certificates_widget

    app = QApplication.instance() or QApplication([])
    ctx = open_app(database, create=False)
    services = Services.create(ctx)
    tasks = TaskRunner()
    sent: list[tuple[str, Any]] = []
    recording = [False]

    def record(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        if recording[0] and not executemany:
            sent.append((statement, parameters))

    event.listen(ctx.database.engine, "before_cursor_execute", record)

    built: list[float] = []  # seconds the GUI thread spent in building the screen

    def build(read_now: bool = False) -> float:
        t0 = time.perf_counter()
        widget = make_certificates_widget(services.certificates, tasks, read_now=read_now)
        built.append(time.perf_counter() - t0)
        app.processEvents()
        while tasks._running:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - t0
        widget.deleteLater()
        app.processEvents()
        return seconds

    recording[0] = True
    build()  # warm: the screen's modules imported, the first statements prepared
    recording[0] = False
    opened = list(sent)
    figures_sql = [(st, p) for st, p in opened if "GROUP BY certificate_request" in st]

    # a village chosen on the open screen: its statements, then those of a search
    widget = make_certificates_widget(services.certificates, tasks, read_now=True)
    villages = services.certificates.villages()
    sent.clear()
    recording[0] = True
    widget.village_combo.setCurrentIndex(widget.village_combo.findData(villages[0].id))
    chosen = list(sent)
    sent.clear()
    widget.village_combo.setCurrentIndex(0)
    widget.search.setText("出生证明")
    widget._reload_rows()
    searched = list(sent)
    recording[0] = False
    # a period chosen (全部: 300,000 requests at city scale) on the open screen, from the
    # quarter: the app's way (the reads on a worker) beside the way before, when the choice read
    # the register and counted the figures on the GUI thread; alternating
    widget.village_combo.setCurrentIndex(0)
    widget.search.setText("")
    widget.reload()
    combo = widget.period_combo
    gc.collect()
    gc.freeze()  # as the app after its start (see below)

    def wait_reads() -> float:
        """Seconds the GUI thread spent handling events (the answers shown) until the reads
        ended."""
        busy = 0.0
        while widget.reading or tasks._running:
            t0 = time.perf_counter()
            app.processEvents()
            busy += time.perf_counter() - t0
            time.sleep(0.001)
        return busy

    def choose(key: str, on_gui: bool) -> tuple[float, float, float, float]:
        """(GUI thread held by the choice, its CPU, held in all with the answers shown,
        until the rows and figures are in) in seconds."""
        wait_reads()
        t0, c0 = time.perf_counter(), time.thread_time()
        if on_gui:  # as before: the choice read both here and now
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(key))
            combo.blockSignals(False)
            widget._show_period_dates()
            widget.reload()
        else:
            combo.setCurrentIndex(combo.findData(key))
        held, cpu = time.perf_counter() - t0, time.thread_time() - c0
        shown = wait_reads()
        return held, cpu, held + shown, time.perf_counter() - t0

    choose("quarter", True)
    sent.clear()
    recording[0] = True
    choose("all", True)
    recording[0] = False
    period_sql = list(sent)
    period_s: dict[bool, list[tuple[float, float, float, float]]] = {False: [], True: []}
    for _ in range(args.rounds):
        for on_gui in (False, True):
            choose("quarter", on_gui)
            period_s[on_gui].append(choose("all", on_gui))
    widget.deleteLater()
    app.processEvents()
    sent[:] = opened
    # as the app after its start (``jianfu.app``): what was made so far is frozen, so the
    # collection each background read starts with (``TaskRunner.run``) walks only newer objects
    gc.collect()
    gc.freeze()
    raw_url = database if database.startswith("postgresql") else str(Path(database))
    con = _connect(raw_url)
    dropped = {
        rev: names for rev, names in DROPPED.items() if all(_index_exists(con, n) for n in names)
    }
    app_s: list[float] = []
    after: list[list[float]] = []
    without: dict[str, list[list[float]]] = {rev: [] for rev in dropped}
    sync_s: list[float] = []
    for _ in range(args.rounds):
        app_s.append(build())
        sync_s.append(build(read_now=True))
        after.append(_replay(con, sent, []))
        for rev, names in dropped.items():
            without[rev].append(_replay(con, sent, names))
    period_db = [sum(_replay(con, period_sql, [])[:-1]) for _ in range(args.rounds)]
    agency_sql = [(st, p) for st, p in sent if "GROUP BY certificate_request.agency" in st]
    if args.explain:
        for statement, parameters in agency_sql:
            for names in ([], dropped.get("0027", [])):
                print(f"plan of the agency count{' without ' + ', '.join(names) if names else ''}:")
                for line in _explain(con, statement, parameters, names):
                    print(f"    {line}")
    filtering: dict[str, list[tuple[float, float]]] = {"a village": [], "search 出生证明": []}
    for _ in range(args.rounds):
        for what, statements in (("a village", chosen), ("search 出生证明", searched)):
            now = sum(_replay(con, statements, [])[:-1])
            # as before: every filter counted the period's figures again
            old = sum(_replay(con, statements + figures_sql, [])[:-1])
            filtering[what].append((now, old))
    con.close()

    def med(rows: list[list[float]], i: int | None = None) -> float:
        return statistics.median(sum(r[:-1]) if i is None else r[i] for r in rows)

    load = os.getloadavg()
    print(f"database: {database.split('@')[-1]}; {len(sent)} statements; rounds {args.rounds}")
    print(f"load average: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    app_ms = statistics.median(app_s) * 1e3
    print(f"app, building the screen until its reads ended: {app_ms:.0f} ms")
    gui_bg = statistics.median(built[1::2]) * 1e3
    gui_sync = statistics.median(built[2::2]) * 1e3
    sync_ms = statistics.median(sync_s) * 1e3
    print(
        f"  the GUI thread held by building it: {gui_bg:.0f} ms with the reads on a worker "
        f"(the main window's way), {gui_sync:.0f} ms reading them on it ({sync_ms:.0f} ms "
        "to the end)"
    )
    db = med(after)
    line = f"its SQL on a plain driver (the anchor): {db * 1e3:.1f} ms"
    for rev, rows in without.items():
        old = med(rows)
        line += f"; without {rev}'s indexes (as before it): {old * 1e3:.1f} ms ({old / db:.2f}x)"
    print(line)
    if not database.startswith("postgresql"):
        line = f"  CPU of that replay (load aside): {med(after, -1) * 1e3:.1f} ms"
        for rev, rows in without.items():
            line += f"; before {rev}: {med(rows, -1) * 1e3:.1f} ms"
        print(line)
    for what, pairs in filtering.items():
        now = statistics.median(p[0] for p in pairs) * 1e3
        old = statistics.median(p[1] for p in pairs) * 1e3
        print(
            f"filter: {what}, its SQL on a plain driver: {now:.1f} ms; with the figures "
            f"counted again as before: {old:.1f} ms"
        )
    for on_gui, label in ((False, "now, read on a worker"), (True, "as before, on the GUI thread")):
        held, cpu, total, done = (
            statistics.median(t[i] for t in period_s[on_gui]) * 1e3 for i in range(4)
        )
        print(
            f"period 全部 chosen ({label}): the GUI thread held {held:.1f} ms by the choice "
            f"(its CPU {cpu:.1f} ms), {total:.0f} ms with the answers shown; the rows and "
            f"figures in after {done:.0f} ms"
        )
    print(
        f"  its SQL on a plain driver (the anchor): {statistics.median(period_db) * 1e3:.1f} ms "
        f"({len(period_sql)} statements)"
    )
    for i, (statement, _p) in enumerate(sent):
        flat = " ".join(statement.split())
        old_i = "".join(
            f" / before {rev} {med(rows, i) * 1e3:7.1f}" for rev, rows in without.items()
        )
        print(f"  {med(after, i) * 1e3:7.1f} ms{old_i}  {flat[:110]}")


def _explain(con, statement: str, parameters: Any, drop: list[str]) -> list[str]:
    """The plan of ``statement`` on ``con`` with ``drop`` dropped meanwhile (rolled back)."""
    on_server = not hasattr(con, "set_trace_callback")
    cur = con.cursor()
    if not on_server:
        cur.execute("BEGIN")
    try:
        for name in drop:
            cur.execute(f"DROP INDEX {name}")
        if on_server:
            cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
            return [r[0] for r in cur.fetchall()]
        # its own text: sqlite3 reuses a statement of the same text, and an EXPLAIN's plan is
        # not made again when the schema changed (it reads no table)
        cur.execute(f"EXPLAIN QUERY PLAN /* without {drop} */ {statement}", parameters)
        return [r[3] for r in cur.fetchall()]
    finally:
        con.rollback() if on_server else cur.execute("ROLLBACK")


def _index_exists(con, name: str) -> bool:
    cur = con.cursor()
    if hasattr(con, "set_trace_callback"):
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,))
    else:
        cur.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", (name,))
        found = cur.fetchone() is not None
        con.rollback()
        return found
    return cur.fetchone() is not None


if __name__ == "__main__":
    main()
