"""Figures per level on a city on PostgreSQL: screens and reports by login, and the policies' cost.

Run from the repository root, on a throwaway server (the script adds three login roles):
    eval "$(bash .ci/pg_up.sh)"
    python tests/bench/levels_figures.py --database "$JIANFU_TEST_DATABASE_URL" [--repeat 5]
The database is filled with the city demo (``jianfu init --demo --scale city``) when empty, and
the time that takes is reported; else it is reused. Logins (no password: the server's trust
authentication) are added as the owner: the clerk of the township with most certificate
requests, the reviewer of its county, the mechanism of the city.

What is measured, each beside an anchor from the same run:
- anchor: ``SELECT 1`` and ``SELECT count(*) FROM unit`` through plain psycopg as each login;
- screens: a real main window (offscreen) per login opens each main screen once while a proxy
  records the service calls the screen makes to fill its first page; those calls are replayed
  ``--repeat`` times as that login and the median is reported (warm caches, no Qt); 首页's
  reading (``first_screen_plain.read_dashboard``, on the database's pool) is replayed with them;
- the period report of each login's own unit (township, county, city), counted as the login
  and as the owner for the same unit (the owner is not subject to row-level security), and
  the login's 首页 (``load_dashboard``: that report and the level's reminders) beside it;
- the policies' cost: the largest queries sent as the login (policies on) and as the owner with
  the same rows chosen by an explicit ``township_id = ANY(...)`` (no policies), alternating,
  medians and the ratio; the row counts must agree or the script stops;
- 首页 read again after a save (``--only home``), per login: as it was read (``load_dashboard``
  through the services, the ORM; of it ``ReportService.build``) and as it is now read
  (``read_dashboard``: the start's plain reading on a connection of the app's pool),
  alternating, medians, beside the anchor: the very statements the plain reading sent (the
  quarter's sums, the reminders), replayed on a plain psycopg connection as the same login;
  the two readings must show the same or the script stops. With ``--file CITY.db`` (a SQLite
  file of the city demo: its township's clerk) the same on SQLite, the anchor on ``sqlite3``.
Never a timed assertion: the figures are printed as a table to paste into the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
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
#: service methods that change something: never replayed
_WRITES = ("save", "set", "record", "add", "delete", "remove", "import", "register", "open_")


def row(what: str, value: str, anchor: str = "") -> None:
    ROWS.append((what, value, anchor))
    print(f"  {what}: {value}" + (f"   [{anchor}]" if anchor else ""), flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def median_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


class Recorder:
    """A service seen through a proxy that notes each public call and its arguments."""

    def __init__(self, target: Any, name: str, log: list, screen: list[str]) -> None:
        self._target, self._name, self._log, self._screen = target, name, log, screen

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._target, attr)
        if attr.startswith("_") or not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            self._log.append((self._screen[0], self._name, attr, args, kwargs))
            return value(*args, **kwargs)

        return call


def recorded_services(ctx, log: list, screen: list[str]):
    from jianfu.services.registry import Services, _Lazy

    services = Services.create(ctx)
    for name, value in vars(Services).items():
        if isinstance(value, _Lazy):
            services.__dict__[name] = Recorder(getattr(services, name), name, log, screen)
    return services


def settle(app, window) -> None:
    deadline = time.perf_counter() + 300
    app.processEvents()
    while window.tasks._running and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def login_url(url: str, login: str | None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return (u.set(username=login) if login else u).render_as_string(hide_password=False)


def psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def ensure_logins(url: str) -> dict[str, tuple[str, str, list[int]]]:
    """role -> (login, unit name, the townships it sees); added through the people service."""
    from sqlalchemy import func, select

    from jianfu.db.models import AppUserRow, UnitRow
    from jianfu.db.models_certificates import CertificateRequestRow
    from jianfu.domain.units import UnitType
    from jianfu.services.database import open_app
    from jianfu.services.people import PeopleService

    ctx = open_app(url)
    try:
        with ctx.unit_of_work() as s:
            town_id = s.execute(
                select(CertificateRequestRow.township_id)
                .group_by(CertificateRequestRow.township_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
            units = {u.id: u for u in s.execute(select(UnitRow)).scalars()}
            mapped = {r.login for r in s.execute(select(AppUserRow)).scalars()}
            towns = [u.id for u in units.values() if u.type == UnitType.TOWNSHIP.value]
            town = units[town_id]
            county = units[town.parent_id]
            city = units[county.parent_id]
            plan = {
                "clerk": (town.name, [town.id]),
                "reviewer": (county.name, [t for t in towns if units[t].parent_id == county.id]),
                "mechanism": (city.name, towns),
            }
        people = PeopleService(ctx)
        out = {}
        for role, (unit, seen) in plan.items():
            login = f"bench_{role}"
            if login not in mapped:
                people.add(login, role, unit, display_name=f"测速{role}")
            out[role] = (login, unit, sorted(seen))
        return out
    finally:
        ctx.database.close()


def anchors(url: str, logins: dict, repeat: int) -> None:
    import psycopg

    for role, (login, _unit, _seen) in logins.items():
        with psycopg.connect(psycopg_url(login_url(url, login))) as con:
            cur = con.cursor()
            one, _ = median_of(lambda c=cur: c.execute("SELECT 1").fetchall(), repeat * 4)
            units, _ = median_of(
                lambda c=cur: c.execute("SELECT count(*) FROM unit").fetchall(), repeat * 4
            )
        row(
            f"anchor as {role} ({login}): SELECT 1 / SELECT count(*) FROM unit",
            f"{ms(one)} / {ms(units)}",
        )


def screens(url: str, logins: dict, repeat: int) -> None:
    """Open every main screen per login in a real window, then replay its service calls."""
    from PySide6.QtWidgets import QApplication

    from jianfu.services.database import open_app
    from jianfu.services.first_screen_plain import read_dashboard
    from jianfu.ui.main_window import SCREENS, MainWindow

    app = QApplication.instance() or QApplication([])
    for role, (login, unit, _seen) in logins.items():
        ctx = open_app(login_url(url, login))
        log: list = []
        current = ["dashboard"]
        services = recorded_services(ctx, log, current)
        t0 = time.perf_counter()
        window = MainWindow(services)
        window.resize(1280, 800)
        window.show()
        settle(app, window)
        first = {"dashboard": time.perf_counter() - t0}
        for screen in SCREENS[1:]:
            current[0] = screen.key
            t0 = time.perf_counter()
            window.show_screen(screen.key)
            settle(app, window)
            first[screen.key] = time.perf_counter() - t0
        window.tasks.wait_all()
        window.close()
        for screen in SCREENS:
            calls = [
                (name, attr, args, kwargs)
                for key, name, attr, args, kwargs in log
                if key == screen.key and not attr.startswith(_WRITES)
            ]

            def replay(calls=calls, services=services, key=screen.key) -> None:
                if key == "dashboard":  # read through the database's pool, not a service
                    read_dashboard(services)
                for name, attr, args, kwargs in calls:
                    # not the window's progress: its task ended (cancelled with the window)
                    kwargs = {k: v for k, v in kwargs.items() if k != "progress"}
                    getattr(services.__dict__[name]._target, attr)(*args, **kwargs)

            seconds, _ = median_of(replay, repeat)
            named = sorted({f"{n}.{a}" for n, a, _a, _k in calls})
            if screen.key == "dashboard":
                named.insert(0, "first_screen_plain.read_dashboard")
            names = ", ".join(named) or "-"
            row(
                f"{role} ({unit}) {screen.key} {screen.title}: its service calls, median",
                ms(seconds),
                f"first open in the window {ms(first[screen.key])}; calls: {names}",
            )
        ctx.database.close()


def reports(url: str, logins: dict, repeat: int) -> None:
    """The period report of each login's unit, as the login and as the owner (same unit)."""
    from jianfu.domain.periods import parse_period
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    today = dt.date.today()
    period = parse_period(f"{today.year}Q{(today.month - 1) // 3 + 1}")
    owner = open_app(url)
    owner_services = Services.create(owner)
    try:
        for role, (login, unit, _seen) in logins.items():
            ctx = open_app(login_url(url, login))
            services = Services.create(ctx)
            services.report.build(period)  # warm
            owner_services.report.build(period, unit=unit)
            mine, report = median_of(lambda s=services: s.report.build(period), repeat)
            theirs, same = median_of(
                lambda u=unit: owner_services.report.build(period, unit=u), repeat
            )
            assert [r.figures for r in report.rows] == [r.figures for r in same.rows], role
            row(
                f"period report {period.label} of {unit} ({len(report.rows)} rows) "
                f"counted by the {role}",
                ms(mine),
                f"the owner, same unit, no row-level security: {ms(theirs)}; "
                f"ratio {mine / theirs:.2f}",
            )
            # 首页: the current quarter's report of the login's level and its reminders
            first, _ = median_of(lambda s=services: load_dashboard(s), repeat)
            row(
                f"首页 (load_dashboard) of the {role}",
                ms(first),
                f"the owner counting the same unit's report: {ms(theirs)}; "
                f"ratio {first / theirs:.2f}",
            )
            ctx.database.close()
    finally:
        owner.database.close()


#: the largest reads, written once for the login (policies choose the rows) and for the owner
QUERIES = {
    "certificate register: count": "SELECT count(*) FROM certificate_request c {where}",
    "certificate register: newest 200": (
        "SELECT c.id, c.year, c.seq, c.request_date, c.applicant_name, c.village_id, c.outcome "
        "FROM certificate_request c {where} ORDER BY c.request_date DESC, c.id DESC LIMIT 200"
    ),
    "certificates per village and outcome": (
        "SELECT c.village_id, c.outcome, count(*) FROM certificate_request c {where} GROUP BY 1, 2"
    ),
    "boards: count by status": "SELECT c.status, count(*) FROM signboard c {where} GROUP BY 1",
    "tasks: count by decision": (
        "SELECT c.decision, count(*) FROM task_request c {where} GROUP BY 1"
    ),
    "task villages joined to their tasks (child table's policy)": (
        "SELECT count(*) FROM task_village v JOIN task_request c ON c.id = v.task_id {where}"
    ),
    "cases with their steps (child table's policy)": (
        "SELECT c.status, count(*) FROM case_step st JOIN admission_case c ON c.id = st.case_id "
        "{where} GROUP BY 1"
    ),
}


def policies(url: str, logins: dict, repeat: int) -> None:
    import psycopg

    with psycopg.connect(psycopg_url(url)) as owner:
        for role, (login, _unit, seen) in logins.items():
            with psycopg.connect(psycopg_url(login_url(url, login))) as con:
                for label, sql in QUERIES.items():
                    mine = sql.format(where="")
                    theirs = sql.format(where="WHERE c.township_id = ANY(%s)")
                    a = con.execute(mine).fetchall()
                    b = owner.execute(theirs, (seen,)).fetchall()
                    if sorted(map(tuple, a)) != sorted(map(tuple, b)):
                        raise SystemExit(f"{role}: {label}: the rows differ, no fair comparison")
                    on, off = [], []
                    for _ in range(repeat):  # alternating, so load changes hit both alike
                        t0 = time.perf_counter()
                        con.execute(mine).fetchall()
                        on.append(time.perf_counter() - t0)
                        t0 = time.perf_counter()
                        owner.execute(theirs, (seen,)).fetchall()
                        off.append(time.perf_counter() - t0)
                    m_on, m_off = statistics.median(on), statistics.median(off)
                    row(
                        f"policies, {role} ({len(seen)} townships): {label} ({len(a)} rows)",
                        ms(m_on),
                        f"owner, same rows by township_id = ANY(...): {ms(m_off)}; "
                        f"ratio {m_on / m_off:.2f}",
                    )


class RecordingReads:
    """A plain reading's connection (``?`` marks) that notes what it is sent."""

    def __init__(self, con: Any, sent: list) -> None:
        self.con, self.sent = con, sent

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        self.sent.append((sql, tuple(parameters)))
        return self.con.execute(sql, parameters)


def _recorded_plain(fn: Callable[[], Any]) -> list:
    """The statements 首页's plain reading sends while ``fn()`` runs."""
    from jianfu.services import first_screen_plain as plain

    sent: list = []
    read_file, read_server = plain._read_file, plain._read_server
    plain._read_file = lambda con, *a, **k: read_file(RecordingReads(con, sent), *a, **k)
    plain._read_server = lambda con, *a, **k: read_server(RecordingReads(con, sent), *a, **k)
    try:
        fn()
    finally:
        plain._read_file, plain._read_server = read_file, read_server
    return sent


def _home_of(label: str, url: str, replay_con: Callable[[], Any], repeat: int) -> None:
    """One person's 首页: the ORM's reading, the plain one, the plain one's SQL replayed."""
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.database import open_app
    from jianfu.services.first_screen_plain import read_dashboard
    from jianfu.services.registry import Services

    ctx = open_app(url)
    services = Services.create(ctx)
    try:
        before, after = load_dashboard(services), read_dashboard(services)  # warm
        same = (
            [(r.name, r.figures) for r in before.report.rows],
            before.report.previous_total,
            before.report.distinct_tasks,
            before.reminders,
        ) == (
            [(r.name, r.figures) for r in after.report.rows],
            after.report.previous_total,
            after.report.distinct_tasks,
            after.reminders,
        )
        if not same:
            raise SystemExit(f"{label}: 首页 differs between the two readings, no comparison")
        orm, plain, build = [], [], []
        for _ in range(repeat):  # alternating, so load changes hit both alike
            t0 = time.perf_counter()
            load_dashboard(services)
            orm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            read_dashboard(services)
            plain.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            services.report.build(before.period)
            build.append(time.perf_counter() - t0)
        sent = _recorded_plain(lambda: read_dashboard(services))
    finally:
        ctx.database.close()
    con = replay_con()
    try:

        def replay() -> None:
            for sql, parameters in sent:
                con.execute(sql, parameters).fetchall()
            getattr(con, "con", con).rollback()

        replay()  # warm
        raw = [median_of(replay, 1)[0] for _ in range(repeat)]
    finally:
        con.close()
    m_orm, m_plain, m_raw = (statistics.median(x) for x in (orm, plain, raw))
    shown = f"{len(after.report.rows)} rows, {len(after.reminders)} reminders"
    row(
        f"首页 read again after a save, {label} ({shown}): before (ORM) -> now (plain)",
        f"{ms(m_orm)} -> {ms(m_plain)}",
        f"its {len(sent)} statements replayed on a plain driver: {ms(m_raw)}; "
        f"before {m_orm / m_raw:.1f}x, now {m_plain / m_raw:.1f}x; "
        f"of before, ReportService.build {ms(statistics.median(build))}",
    )


def home(url: str, logins: dict, repeat: int, file: str | None = None) -> None:
    """首页 read again after a save, per login (and the SQLite file's clerk with --file)."""
    import psycopg

    from jianfu.db.plain_server import ServerReads

    if file:
        import sqlite3

        _home_of("clerk on SQLite", file, lambda: sqlite3.connect(file), repeat)
    for role, (login, unit, _seen) in logins.items():
        mine = login_url(url, login)
        _home_of(
            f"{role} ({unit}) on PostgreSQL",
            mine,
            lambda u=mine: ServerReads(psycopg.connect(psycopg_url(u), prepare_threshold=None)),
            repeat,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="a PostgreSQL URL (the owner's)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only", choices=("anchors", "screens", "reports", "policies", "home"), action="append"
    )
    parser.add_argument("--file", help="home: a SQLite file of the city demo (its clerk's 首页)")
    args = parser.parse_args()
    if not args.database.startswith("postgresql"):
        raise SystemExit("需要 PostgreSQL 数据库地址（--database postgresql+psycopg://…）")
    tmp = tempfile.mkdtemp(prefix="jianfu-levels-")
    os.environ["JIANFU_DATA_DIR"] = tmp

    from sqlalchemy import text

    from jianfu.demo.city import seed_demo_city
    from jianfu.demo.township import has_data
    from jianfu.services.database import open_app

    ctx = open_app(args.database)
    if has_data(ctx):
        row("generate", "reused the database given")
    else:
        t0 = time.perf_counter()
        counts = seed_demo_city(ctx, scale=args.scale, progress=lambda m: print(m, flush=True))
        row("generate the city", f"{time.perf_counter() - t0:.1f} s")
        row("data", "; ".join(f"{k} {v:,}" for k, v in counts.items()))
    with ctx.database.engine.connect() as con:
        size = con.execute(text("SELECT pg_database_size(current_database())")).scalar()
        version = con.execute(text("SHOW server_version")).scalar()
    row("database size", f"{size / 2**20:,.0f} MB")
    ctx.database.close()
    logins = ensure_logins(args.database)
    for role, (login, unit, seen) in logins.items():
        row(f"login {role}", f"{login}: {unit}, sees {len(seen)} townships")
    parts = args.only or ["anchors", "screens", "reports", "policies", "home"]
    load = [os.getloadavg()[0]]
    for part in ("anchors", "screens", "reports", "policies", "home"):
        if part in parts:
            print(f"\n{part} …", flush=True)
            if part == "home":
                home(args.database, logins, args.repeat, args.file)
            else:
                globals()[part](args.database, logins, args.repeat)
            load.append(os.getloadavg()[0])
    print(
        f"\nPostgreSQL {version}, {os.cpu_count()} cores, "
        f"load (1 min) {min(load):.1f}-{max(load):.1f}"
    )
    print("| measured | jianfu | anchor, same run |\n|---|---|---|")
    for what, value, anchor in ROWS:
        print(f"| {what} | {value} | {anchor} |")


if __name__ == "__main__":
    main()
