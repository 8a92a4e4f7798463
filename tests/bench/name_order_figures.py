"""The registers sorted by a Chinese name (by pinyin) on a city database, beside plain SQL sorted
by a plain text column on the same file, in the same run.

Run from the repository root on a city database (``jianfu init --demo --scale city``):
    python tests/bench/name_order_figures.py --database FILE-or-URL [--repeat 7] [--page 301]
The database is upgraded first when its schema is older (the time it took is printed: on a file
at 0032, migration 0033 computing every name's key). Run the same script from an older tree
(its own copy of the file) for the figures before.

Figures, each the median of ``--repeat`` runs:
- the ledger (牌子) by 名称 and by 要求挂牌部门, both ways: the first page and the page
  ``--page`` reached page after page (keyset: the service starts it after the previous page's
  last row), through the service, beside the very statements it sent replayed on a plain driver
  connection (``sqlite3`` / ``psycopg``);
- the first page of 清单's items by 事项名称, 责任单位 and 依据, and of 准入审批's cases by
  事项名称 and 申请单位, alike;
- the anchor: the ledger's first page and the deep page by keyset in plain SQL on a plain
  driver, ordered by the board's name as stored, byte by byte (``ORDER BY name, id``;
  ``COLLATE "C"`` on PostgreSQL), no index on it: what a sort of the ledger by a text column
  costs the database alone.
Never a timed assertion: the figures are printed as a table, with the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from city_figures import Statements  # noqa: E402  (after the path is set)
from paging_figures import ROWS, median_pair, ms, row  # noqa: E402  (the same table's helpers)


def plain(url: str, statement: str, params: tuple, repeat: int) -> tuple[float, list]:
    """Median seconds of ``statement`` on a plain driver connection, and its rows."""
    if url.startswith("postgresql"):
        import psycopg

        con: Any = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        statement = statement.replace("?", "%s")
    else:
        import sqlite3

        con = sqlite3.connect(url)
    try:
        times, rows = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = con.execute(statement, params).fetchall()
            times.append(time.perf_counter() - t0)
        return statistics.median(times), rows
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--page", type=int, default=301, help="the deep page (200 rows each)")
    parser.add_argument(
        "--window",
        action="store_true",
        help="an older tree: compare with Qt's collator, as its window did (ui.collation)",
    )
    args = parser.parse_args()
    os.environ.setdefault("JIANFU_DATA_DIR", tempfile.mkdtemp(prefix="jianfu-names-"))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"start: {uptime}", flush=True)

    if args.window:  # before 0033 the window installed Qt's collator for SQLite's COLLATE zh
        from jianfu.ui import collation  # type: ignore[attr-defined]

        collation.install()
    from jianfu.domain.boards import BoardFilter
    from jianfu.services.cases import CaseFilter
    from jianfu.services.database import open_app
    from jianfu.services.lists import ItemFilter
    from jianfu.services.registry import Services

    t0 = time.perf_counter()
    ctx = open_app(args.database)  # upgraded first when older
    print(f"opened (with any upgrade) in {time.perf_counter() - t0:.1f} s", flush=True)
    services = Services.create(ctx)
    on_server = args.database.startswith("postgresql")
    sql = Statements(ctx.database.engine, args.database)
    size = 200
    deep = (args.page - 1) * size

    # the anchor: plain SQL ordered by the stored name, byte by byte
    name = 's.name COLLATE "C"' if on_server else "s.name"
    select = (
        "SELECT s.*, u.name, c.name FROM signboard s JOIN unit u ON u.id = s.unit_id "
        "JOIN board_category c ON c.id = s.category_id"
    )
    first_sql = f"{select} ORDER BY {name}, s.id LIMIT {size}"
    raw, _ = plain(args.database, first_sql, (), args.repeat)
    row("anchor: the ledger by its name as stored (plain SQL), first page", ms(raw), "no index")
    _, before = plain(
        args.database, f"SELECT s.name, s.id FROM signboard s ORDER BY {name}, s.id "
        f"LIMIT 1 OFFSET {deep - 1}", (), 1
    )  # fmt: skip
    deep_sql = f"{select} WHERE ({name}, s.id) > (?, ?) ORDER BY {name}, s.id LIMIT {size}"
    raw, _ = plain(args.database, deep_sql, tuple(before[0]), args.repeat)
    row(f"anchor: the same, page {args.page} by keyset", ms(raw), "no index")

    boards = services.boards
    for sort, label in (("name", "名称"), ("department", "要求挂牌部门")):
        for descending in (False, True):
            f = BoardFilter(sort=sort, descending=descending)
            way = "descending" if descending else "ascending"
            app, raw, first = median_pair(sql, lambda f=f: boards.page(f, 0, size), args.repeat)
            what = f"牌子 by {label} ({way}), first page of {first.total:,}"
            row(what, ms(app), f"same SQL, plain driver: {ms(raw)}")
            at = min(deep, (first.total - 1) // size * size)
            paged = Services.create(ctx).boards
            paged.page(f, at - size, size)  # the page before: the service notes where it ends
            app, raw, _ = median_pair(
                sql, lambda f=f, p=paged, a=at: p.page(f, a, size), args.repeat
            )
            what = f"牌子 by {label} ({way}), page {at // size + 1} by keyset"
            row(what, ms(app), f"same SQL, plain driver: {ms(raw)}")

    lists, cases = services.lists, services.cases
    edition = lists.edition_in_force()
    assert edition is not None and edition.id is not None
    for sort, label in (("name", "事项名称"), ("department", "责任单位"), ("basis", "依据")):
        f = ItemFilter(edition.id, sort=sort)
        app, raw, page = median_pair(sql, lambda f=f: lists.items_page(f, 0, size), args.repeat)
        what = f"清单 by {label}, first page of {page.total:,}"
        row(what, ms(app), f"same SQL, plain driver: {ms(raw)}")
    for sort, label in (("title", "事项名称"), ("department", "申请单位")):
        f = CaseFilter(sort=sort)
        app, raw, page = median_pair(sql, lambda f=f: cases.page(f, 0, size), args.repeat)
        what = f"准入审批 by {label}, first page of {page.total:,}"
        row(what, ms(app), f"same SQL, plain driver: {ms(raw)}")
    ctx.database.close()

    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    backend = "PostgreSQL" if on_server else "SQLite"
    print(f"\n{backend}, {os.cpu_count()} cores; end: {uptime}")
    print("| measured | jianfu (median) | anchor, same run |\n|---|---|---|")
    for what, value, anchor in ROWS:
        print(f"| {what} | {value} | {anchor} |")


if __name__ == "__main__":
    main()
