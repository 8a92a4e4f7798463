"""The period report PDF at city size beside raw ReportLab on the same rows and font.

Run from the repository root:  python tests/bench/report_pdf_figures.py [--villages 3000] [--runs 3]

Each measurement is a fresh process (so each has its own peak memory); the two kinds
alternate so that machine noise hits both alike. "jianfu" is ``build_period_report_pdf`` of a
report with N villages (the statistics table, its notes and signatures, the summary page with
the charts). The anchor is a ``LongTable`` of the very same strings (two header rows repeated,
the same column widths, font, size and grid) in a ``SimpleDocTemplate`` on the same page:
what ReportLab itself costs for that table without anything the app adds. Prints medians,
pages and peak memory.

``--accel both`` runs each kind with and without ReportLab's C accelerator (``rl-accel``,
whose ``_rl_accel`` module ReportLab uses when it can import it; "without" hides that module,
so ReportLab falls back to its pure-Python functions), all alternating in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def make_report(villages: int):
    """A quarter's report with ``villages`` rows of made-up figures (seeded)."""
    import datetime as dt

    from jianfu.domain.period_report import COLUMN_KEYS, Figures, PeriodReport, ReportRow
    from jianfu.domain.periods import parse_period

    rnd = random.Random(5)
    period = parse_period("2026Q3")
    towns = [f"{a}{b}镇" for a in "东西南北中上下" for b in "岭溪坂洋山湖塘"]
    rows = []
    for i in range(villages):
        name = f"{towns[i // 60 % len(towns)]}{rnd.choice('青石白水桃李')}{i % 60 + 1}村"
        if i % 17 == 0:
            name = f"{towns[i // 60 % len(towns)]}城关街道第{i % 60 + 1}社区居民委员会"
        figures = Figures({k: rnd.choice((0, 0, 1, 2, 3, 12, 40)) for k in COLUMN_KEYS})
        note = "本期新设，原属邻村拆分" if i % 250 == 3 else ""
        rows.append(ReportRow(i + 1, name, "村", figures, note))
    total = Figures({k: sum(r.figures[k] for r in rows) for k in COLUMN_KEYS})
    return PeriodReport(
        township="宁川市",
        period=period,
        rows=rows,
        previous_period=period.previous(),
        previous_total=total,
        baseline=dt.date(2026, 1, 1),
        cumulative=total,
        departments=(),
        preparer="张三",
        reviewer="李四",
        phone="0593-6123456",
        made_on=dt.date(2026, 10, 8),
    )


def run_jianfu(villages: int) -> dict:
    from jianfu.reports.fonts import find_fonts
    from jianfu.reports.period_report import build_period_report_pdf

    report = make_report(villages)
    fonts = find_fonts()
    t0 = time.perf_counter()
    pdf = build_period_report_pdf(report, fonts=fonts)
    return {"seconds": time.perf_counter() - t0, "bytes": len(pdf), "pdf": pdf}


def raw_longtable_pdf(report, fonts) -> bytes:
    """The report's statistics table as one raw ReportLab ``LongTable`` on the same page."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from jianfu.reports.base import OfficialDocument
    from jianfu.reports.period_report import (
        NAME_WIDTH,
        NOTE_WIDTH,
        NUMBER_WIDTH,
        TABLE_FONT_SIZE,
        figure_widths,
        header_rows,
        table_rows,
    )

    doc = OfficialDocument(fonts, landscape_pages=True)  # the same page and frame
    top, bottom = header_rows()
    body, _marks = table_rows(report)
    # the app's own column widths (parts of the frame, as the app's table takes them)
    widths = doc.col_widths([NUMBER_WIDTH, NAME_WIDTH, *figure_widths(), NOTE_WIDTH])
    buffer = io.BytesIO()
    m = doc.margins
    template = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
    )
    table = LongTable(
        [top, bottom, *body],
        colWidths=widths,
        repeatRows=2,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), fonts.name()),
                ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        ),
    )
    template.build([table])
    return buffer.getvalue()


def run_raw(villages: int) -> dict:
    from jianfu.reports.fonts import find_fonts

    report = make_report(villages)
    fonts = find_fonts()
    t0 = time.perf_counter()
    pdf = raw_longtable_pdf(report, fonts)
    return {"seconds": time.perf_counter() - t0, "bytes": len(pdf), "pdf": pdf}


def block_accel() -> None:
    """Make ReportLab use its pure-Python fallbacks, as without ``rl-accel`` installed."""
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # import raises ImportError


def has_accel() -> bool:
    from reportlab.lib import rl_accel

    return "fp_str" in rl_accel._c_funcs


def child(kind: str, villages: int, save: str | None) -> None:
    result = (run_jianfu if kind == "jianfu" else run_raw)(villages)
    pdf = result.pop("pdf")
    if save and pdf and kind == "jianfu":
        Path(save).write_bytes(pdf)
    if pdf:
        import io

        from pypdf import PdfReader

        result["pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    result["accel"] = has_accel()
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", help="write jianfu's PDF here (to look at the pages)")
    parser.add_argument(
        "--accel",
        choices=("as-installed", "off", "both"),
        default="as-installed",
        help="ReportLab's C accelerator: as installed, hidden, or both in the same run",
    )
    parser.add_argument("--child", choices=("jianfu", "raw"), help=argparse.SUPPRESS)
    parser.add_argument("--no-accel", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.no_accel:
            block_accel()
        child(args.child, args.villages, args.save)
        return
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    variants = {"as-installed": [False], "off": [True], "both": [True, False]}[args.accel]
    out: dict[tuple[bool, str], list[dict]] = {
        (o, k): [] for o in variants for k in ("raw", "jianfu")
    }
    for n in range(args.runs):
        for off in variants:
            for kind in ("raw", "jianfu"):
                cmd = [sys.executable, __file__, "--child", kind, "--villages", str(args.villages)]
                if kind == "jianfu" and n == 0 and args.save and not off:
                    cmd += ["--save", args.save]
                if off:
                    cmd.append("--no-accel")
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                out[off, kind].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"{args.villages} villages, {args.runs} runs of each (fresh processes, alternating)")
    for off in variants:
        print_figures(out[off, "raw"], out[off, "jianfu"])


def print_figures(raws: list[dict], ours_: list[dict]) -> None:
    accel = "with" if raws[0]["accel"] else "without"
    print(f"{accel} ReportLab's C accelerator (rl-accel):")
    raw = statistics.median(r["seconds"] for r in raws)
    ours = statistics.median(r["seconds"] for r in ours_)
    print(
        f"  raw ReportLab LongTable, same rows/font/page ({raws[0]['pages']} pages): "
        f"median {raw:6.2f} s, "
        f"peak {statistics.median(r['peak_mib'] for r in raws):.0f} MiB"
    )
    print(
        f"  jianfu period report PDF ({ours_[0]['pages']} pages, "
        f"{ours_[0]['bytes'] / 2**20:.1f} MB): median {ours:6.2f} s, "
        f"peak {statistics.median(r['peak_mib'] for r in ours_):.0f} MiB  "
        f"({ours / raw:.2f}x raw)"
    )


if __name__ == "__main__":
    main()
