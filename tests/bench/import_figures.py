"""Figures of the list import: parse time and peak memory for a generated 10,000-item workbook.

Run from the repository root: ``python tests/bench/import_figures.py [--items N]``. The
workbook is written by ``export_edition`` (every column filled, five kinds with section
rows), then read back by ``read_list_file``: once for time, once under tracemalloc for the
peak of Python allocations; ``ru_maxrss`` is the peak resident size of the whole process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jianfu.domain.lists import (  # noqa: E402
    SEED_KINDS,
    AlternativeRoute,
    ItemNature,
    ListEdition,
    ListItem,
    Scope,
)
from jianfu.interchange.list_export import export_edition  # noqa: E402
from jianfu.interchange.list_import import ListImport, read_list_file  # noqa: E402

EDITION = ListEdition(
    "某县村(社区)工作事项准入清单（基准测试）",
    document_number="某组〔2025〕1号",
    effective_date=dt.date(2025, 1, 1),
)
NATURES = list(ItemNature)


def generate_items(n: int) -> list[ListItem]:
    """``n`` items spread over the five seeded kinds, every text field filled."""
    items = []
    for i in range(n):
        kind = SEED_KINDS[i % len(SEED_KINDS)]
        cert = kind.holds_certificates
        items.append(
            ListItem(
                kind.code,
                f"第{i}项 组织开展村(社区)工作事项{i % 97}",
                number=str(i // len(SEED_KINDS) + 1),
                content="按照县里统一部署，组织村民开展相关工作，做好宣传、登记和上报。" * 2,
                basis=f"《中华人民共和国村民委员会组织法》第{i % 40 + 1}条",
                department=f"县第{i % 30}局",
                participation="组织实施",
                nature=NATURES[i % 3],
                funding="县财政保障",
                scopes=(Scope.VILLAGE, Scope.RURAL_COMMUNITY),
                notes="",
                purpose="办理不动产登记" if cert else "",
                procedure="申请—核实—出具" if cert else "",
                alternative_route=AlternativeRoute.DATA_SHARING if cert else None,
            )
        )
    return items


def make_workbook(path: Path, n: int) -> Path:
    """Write a published-shape workbook with ``n`` items to ``path``."""
    export_edition(path, EDITION, SEED_KINDS, generate_items(n))
    return path


def parse(path: Path) -> ListImport:
    """Read the workbook back (what the benchmark times)."""
    return read_list_file(path, SEED_KINDS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        t0 = time.perf_counter()
        make_workbook(path, args.items)
        t_write = time.perf_counter() - t0
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        result = parse(path)
        t_parse = time.perf_counter() - t0
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        parse(path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = path.stat().st_size
    assert len(result.items) == args.items, result.problems[:3]
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    print(f"items:              {args.items}")
    print(f"file size:          {size / 1e6:.2f} MB")
    print(f"write (export):     {t_write:.2f} s")
    print(f"parse (import):     {t_parse:.2f} s  ({args.items / t_parse:,.0f} items/s)")
    print(f"tracemalloc peak:   {peak / 2**20:.1f} MiB (Python allocations during parse)")
    print(f"ru_maxrss:          {rss_after * unit / 2**20:.1f} MiB process peak")
    print(f"  grown in parse:   {(rss_after - rss_before) * unit / 2**20:.1f} MiB")
    print(f"problems:           {len(result.problems)}")


if __name__ == "__main__":
    main()
