"""Figures for the admission lists: import, search per keystroke, PDF print.

Run from the repository root:  python tests/bench/lists_figures.py [--items 10000]
(with JIANFU_TEST_DATABASE_URL set, the search is measured on that PostgreSQL database too).

- import: a county-style workbook of N items made from the demo lists (each item repeated
  with a batch suffix, departments and bases varied), read, previewed and saved in one
  transaction through ListsService, as `jianfu lists import` does; time and peak memory;
- search: typing each of several phrases one character at a time; for every keystroke the
  browser's query (count + first page of 200, sorted) is timed; median and worst;
- print: the posting PDF of a 300-item edition.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jianfu.demo.lists import load_demo_lists  # noqa: E402
from jianfu.demo.resources import demo_file  # noqa: E402
from jianfu.demo.township import seed_demo  # noqa: E402
from jianfu.domain.lists import SEED_KINDS, ListEdition  # noqa: E402
from jianfu.interchange.list_export import export_edition  # noqa: E402
from jianfu.services.database import open_app  # noqa: E402
from jianfu.services.lists import ItemFilter, ListsService  # noqa: E402

PHRASES = ["协助开展城乡居民基本医疗保险参保", "组织开展爱国卫生运动", "婚姻状况证明", "民政局"]


def make_items(n: int) -> list:
    """``n`` realistic items: the demo items repeated in numbered batches."""
    _, demo = load_demo_lists(demo_file("county_lists.json"))
    items = []
    for i in range(n):
        base = demo[i % len(demo)]
        batch = i // len(demo) + 1
        items.append(
            replace(
                base,
                name=f"{base.name}（第{batch}批）",
                number=str(i + 1),
                basis=f"{base.basis}（{batch}）",
            )
        )
    return items


def search_figures(lists: ListsService, edition_id: int) -> dict[str, list[float]]:
    """Seconds per keystroke, split by query length (LIKE below 3 characters, FTS from 3)."""
    short, long_ = [], []
    for phrase in PHRASES:
        for end in range(1, len(phrase) + 1):
            query = phrase[:end]
            start = time.perf_counter()
            lists.items_page(ItemFilter(edition_id, query=query, sort="name"), 0, 200)
            (short if end < 3 else long_).append(time.perf_counter() - start)
    return {"1-2 chars": short, "3+ chars": long_}


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms, "
        f"worst {max(values) * 1000:6.1f} ms ({len(values)} keystrokes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jianfu-lists-bench-"))
    ctx = open_app(str(work / "bench.db"))
    seed_demo(ctx)
    lists = ListsService(ctx)

    items = make_items(args.items)
    book = work / "big.xlsx"
    export_edition(book, ListEdition("基准测试清单"), SEED_KINDS, items)
    start = time.perf_counter()
    preview = lists.preview_import(book, edition_name="基准测试清单")
    read_s = time.perf_counter() - start
    assert preview.ok, preview.problems[:5]
    # one edition per list document (tasks, certificates): the searches run on the largest
    editions = lists.commit_import(preview, create_departments=True)
    total_s = time.perf_counter() - start
    # Memory on a second run of the same import (tracemalloc slows Python down, so it is
    # kept out of the timed run).
    tracemalloc.start()
    again = lists.preview_import(book, edition_name="基准测试清单(内存)")
    lists.commit_import(again, create_departments=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del again
    print(f"import of {args.items} items ({book.stat().st_size / 1e6:.1f} MB .xlsx), SQLite:")
    print(f"  read + preview {read_s:.2f} s; read + preview + save {total_s:.2f} s")
    print(
        f"  peak traced Python memory {peak / 2**20:.1f} MiB; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )

    edition = max(editions, key=lambda e: len(lists.all_items(e.id)) if e.id is not None else 0)
    assert edition.id is not None
    for label, values in search_figures(lists, edition.id).items():
        print(f"search per keystroke on {args.items} items, SQLite, {label}: {_ms(values)}")

    url = os.environ.get("JIANFU_TEST_DATABASE_URL")
    if url:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as con:
            con.execute(text("DROP SCHEMA public CASCADE"))
            con.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        pg = open_app(url)
        seed_demo(pg)
        pg_lists = ListsService(pg)
        pg_edition = max(
            pg_lists.commit_import(preview, create_departments=True),
            key=lambda e: len(pg_lists.all_items(e.id)) if e.id is not None else 0,
        )
        assert pg_edition.id is not None
        for label, values in search_figures(pg_lists, pg_edition.id).items():
            print(f"search per keystroke on {args.items} items, PostgreSQL, {label}: {_ms(values)}")
        pg.database.close()

    small = lists.create_edition(ListEdition("三百项清单"), copy_in_force=False)
    book300 = work / "300.xlsx"
    export_edition(book300, ListEdition("三百项清单"), SEED_KINDS, items[:300])
    lists.commit_import(
        lists.preview_import(book300, edition_name=small.name), create_departments=True
    )
    assert small.id is not None
    times = []
    for _ in range(3):
        start = time.perf_counter()
        pdf = lists.print_edition(small.id)
        times.append(time.perf_counter() - start)
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(
        f"posting PDF of a 300-item edition: median {statistics.median(times):.2f} s "
        f"(3 runs), {pages} pages, {len(pdf) / 1024:.0f} KiB"
    )
    ctx.database.close()


if __name__ == "__main__":
    main()
