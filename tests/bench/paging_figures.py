"""Deep pages and short searches of the city's big registers, each beside its anchor.

Run from the repository root on a city database (``jianfu init --demo --scale city``; filled
first when empty, so give a throwaway one):
    python tests/bench/paging_figures.py --database FILE-or-URL [--repeat 5]
A PostgreSQL URL may name a login (``postgresql+psycopg://bench_mechanism@…``): the figures are
then that person's, under row-level security (tests/bench/levels_figures.py adds such logins).

Each figure is the median of ``--repeat`` runs of the service call, beside the very statements
it sent replayed on a plain driver connection (``sqlite3`` / ``psycopg``) as the same login:
- a deep page reached as the screens reach it, page after page (the service starts it after the
  previous page's last row: keyset), and the same page jumped to by OFFSET;
- the first page of the register, for comparison;
- certificate searches (1, 2 and 4 characters; 证 is in nearly every request) by index
  (SQLite 0019b; PostgreSQL 0019c/0019d, also for a login under row-level security) and
  reading every row as before them (same rows).
Never a timed assertion: the figures are printed as a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from city_figures import Statements  # noqa: E402  (after the path is set)

ROWS: list[tuple[str, str, str]] = []


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def row(what: str, value: str, anchor: str) -> None:
    ROWS.append((what, value, anchor))
    print(f"  {what}: {value}   [{anchor}]", flush=True)


CPU: list[float] = []  # the CPU seconds of the app's calls in the last ``median_pair``


def median_pair(sql: Statements, fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median seconds of ``fn`` and of its statements on a plain driver (each run recorded);
    the CPU seconds of each call of ``fn`` (this thread's: on PostgreSQL the server's work is
    not in it) are left in ``CPU``."""
    apps, raws, result = [], [], None
    CPU.clear()

    def counted() -> Any:
        c0 = time.thread_time()
        try:
            return fn()
        finally:
            CPU.append(time.thread_time() - c0)

    for _ in range(repeat):
        app, raw, result = sql.measure(counted, repeat=1)
        apps.append(app)
        raws.append(raw)
    return statistics.median(apps), statistics.median(raws), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page", type=int, default=301, help="the deep page (200 rows each)")
    parser.add_argument("--searches", action="store_true", help="the certificate searches only")
    parser.add_argument(
        "--query", action="append", help="search only for this (repeatable; default: five)"
    )
    parser.add_argument(
        "--index-only", action="store_true", help="no search counted apart or read row by row"
    )
    args = parser.parse_args()
    os.environ.setdefault("JIANFU_DATA_DIR", tempfile.mkdtemp(prefix="jianfu-paging-"))

    from jianfu.demo.city import seed_demo_city
    from jianfu.demo.township import has_data
    from jianfu.domain.boards import BoardFilter
    from jianfu.services.certificates import CertificateFilter
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services
    from jianfu.services.tasks import TaskFilter

    ctx = open_app(args.database)
    if not has_data(ctx):
        t0 = time.perf_counter()
        seed_demo_city(ctx, progress=lambda m: print(m, flush=True))
        print(f"generated in {time.perf_counter() - t0:.0f} s")
    services = Services.create(ctx)
    on_server = args.database.startswith("postgresql")
    sql = Statements(ctx.database.engine, args.database if on_server else str(args.database))
    size = 200
    deep = (args.page - 1) * size

    registers: list[tuple[str, Callable[[int], Any], Callable[[int], Any]]] = []

    def add(name: str, attr: str, f: Any) -> None:
        service = getattr(services, attr)

        def fresh(offset: int) -> Any:  # a service that knows no key yet: OFFSET
            return getattr(Services.create(ctx), attr).page(f, offset, size)

        registers.append((name, lambda offset: service.page(f, offset, size), fresh))

    add("boards in village order", "boards", BoardFilter(sort="village"))
    add("boards by name", "boards", BoardFilter(sort="name"))
    add(
        "boards by day disposed, latest first",
        "boards",
        BoardFilter(sort="disposed_on", descending=True),
    )
    add("certificates, newest first", "certificates", CertificateFilter())
    add("tasks, newest first", "tasks", TaskFilter())

    for name, paged, fresh in registers if not args.searches else ():
        first = paged(0)
        if first.total <= size:
            row(name, "one page only", f"{first.total} rows")
            continue
        at = min(deep, (first.total - 1) // size * size)
        label = f"page {at // size + 1} of {(first.total + size - 1) // size}"
        app, raw, _ = median_pair(sql, lambda p=paged: p(0), args.repeat)
        row(
            f"{name}: first page ({first.total:,} rows)",
            ms(app),
            f"same SQL, plain driver: {ms(raw)}",
        )
        paged(at - size)  # the page before: the service notes where the deep page starts

        def by_key(p=paged, a=at) -> Any:
            return p(a)

        app, raw, page = median_pair(sql, by_key, args.repeat)
        row(
            f"{name}: {label}, reached page after page (keyset)",
            ms(app),
            f"same SQL, plain driver: {ms(raw)}",
        )
        app_o, raw_o, page_o = median_pair(sql, lambda f=fresh, a=at: f(a), args.repeat)
        if [r.id for r in page.rows] != [r.id for r in page_o.rows]:
            raise SystemExit(f"{name}: the page by key and by OFFSET differ")
        row(
            f"{name}: {label}, jumped to by OFFSET {at:,}",
            ms(app_o),
            f"same SQL, plain driver: {ms(raw_o)}",
        )

    from sqlalchemy import true

    from jianfu.db.repositories import certificates as certificates_repo

    short_index, server_index, narrowed = (
        certificates_repo._short_candidates,
        certificates_repo._server_candidates,
        certificates_repo._narrowed_on_server,
    )
    for query in args.query or ("王", "王小", "李", "证", "出生证明"):
        f = CertificateFilter(query=query)
        app, raw, page = median_pair(sql, lambda f=f: services.certificates.page(f), args.repeat)
        row(
            f"certificates: search {query} ({page.total:,} found), first page",
            ms(app),
            f"same SQL, plain driver: {ms(raw)}; the app above it {ms(max(app - raw, 0))}, "
            f"the app's CPU {ms(statistics.median(CPU))}",
        )
        if args.index_only:
            continue
        if on_server and certificates_repo._narrowed_on_server is narrowed:
            # as before the count came from the same pass: the page with its villages joined,
            # then the search again to count it
            certificates_repo._narrowed_on_server = lambda _s, _q: False  # type: ignore[assignment]
            try:
                app_c, raw_c, apart = median_pair(
                    sql, lambda f=f: services.certificates.page(f), args.repeat
                )
            finally:
                certificates_repo._narrowed_on_server = narrowed  # type: ignore[assignment]
            if [r.id for r in apart.rows] != [r.id for r in page.rows] or apart.total != page.total:
                raise SystemExit(f"search {query}: counted apart it differs")
            row(
                f"certificates: search {query}, counted by a second search (as before 6 Dec)",
                ms(app_c),
                f"same SQL, plain driver: {ms(raw_c)}",
            )
        # the same search reading every row, as before migrations 0019b (SQLite) and 0019c
        certificates_repo._short_candidates = lambda _s, _q: None  # type: ignore[assignment]
        certificates_repo._server_candidates = lambda _s, _q: true()  # type: ignore[assignment]
        try:
            app_s, raw_s, scanned = median_pair(
                sql, lambda f=f: services.certificates.page(f), args.repeat
            )
        finally:
            certificates_repo._short_candidates = short_index  # type: ignore[assignment]
            certificates_repo._server_candidates = server_index  # type: ignore[assignment]
        if [r.id for r in scanned.rows] != [r.id for r in page.rows]:
            raise SystemExit(f"search {query}: the index and the scan differ")
        row(
            f"certificates: search {query}, every row read (before 0019b/0019c)",
            ms(app_s),
            f"same SQL, plain driver: {ms(raw_s)}",
        )
    ctx.database.close()

    backend = "PostgreSQL" if on_server else "SQLite"
    print(f"\n{backend}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print("| measured | jianfu (median) | anchor, same run |\n|---|---|---|")
    for what, value, anchor in ROWS:
        print(f"| {what} | {value} | {anchor} |")


if __name__ == "__main__":
    main()
