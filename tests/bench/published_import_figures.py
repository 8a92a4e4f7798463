"""Import of a 10,000-item two-attachment workbook (附件1 履职 / 附件2 协助, subject sections),
beside reading the same file with plain openpyxl (read-only) in the same run.

Run: ``python tests/bench/published_import_figures.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def make(path: Path, per_sheet: int = 5000) -> None:
    wb = Workbook(write_only=True)
    for n, title in ((1, "依法履行职责事项清单"), (2, "依法协助政府工作事项清单")):
        ws = wb.create_sheet(f"附件{n}")
        ws.append([f"附件{n}"])
        ws.append([f"南屏县村(社区){title}"])
        ws.append(["南委办发〔2026〕3号　　自2026年3月1日起施行"])
        ws.append(["序号", "事项名称", "责任单位"])
        for i in range(per_sheet):
            if i % 50 == 0:
                ws.append([f"{'一二三四五六七八九十'[(i // 50) % 10]}、第{i // 50 + 1}组（50项）"])
            ws.append([i + 1, f"{title[:4]}事项第{i + 1}项：协助开展某项工作{i}", "县民政局"])
    wb.save(path)


def raw_read(path: Path) -> int:
    wb = load_workbook(path, read_only=True)
    rows = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    wb.close()
    return rows


def main(runs: int = 3) -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["JIANFU_DATA_DIR"] = str(folder / "data")
    from jianfu.services.database import open_app
    from jianfu.services.lists import ListsService

    path = folder / "两个附件万项.xlsx"
    make(path)
    anchor, ours, peaks = [], [], []
    for run in range(runs):
        t = time.perf_counter()
        raw_read(path)
        anchor.append(time.perf_counter() - t)
        ctx = open_app(str(folder / f"bench{run}.db"))
        service = ListsService(ctx)
        tracemalloc.start()
        t = time.perf_counter()
        preview = service.preview_import(path)
        assert preview.ok, preview.problems[:3]
        service.commit_import(preview, create_departments=True)
        ours.append(time.perf_counter() - t)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
        ctx.database.close()
    a, o = statistics.median(anchor), statistics.median(ours)
    print(f"10,000 items in two attachments, {runs} runs (medians):")
    print(f"  plain openpyxl read-only pass over the file: {a:.2f} s")
    print(f"  jianfu preview + save (read, check, sections, two kinds): {o:.2f} s ({o / a:.1f}x)")
    print(f"  peak Python memory of the import: {max(peaks):.0f} MiB")


if __name__ == "__main__":
    main()
