"""Every long PDF the app prints, on a city-sized database, with and without ``rl-accel``.

Run from the repository root:
    python tests/bench/city_prints_figures.py --database city.db [--runs 3] [--accel both]
(the database from ``jianfu init --demo --scale city``; without ``--database`` one is generated
in a temporary directory at ``--scale``, which takes minutes).

Each print is made in a fresh process (its own peak memory), the kinds and the two variants
alternating so that machine noise hits all alike: the board clean-up ledger (销号清单) of a
quarter, the certificate register (证明登记簿) of a month, the other-burdens ledger, the list
edition in force for posting, and the quarter's period report, each through its service as the
screens call it, timed from the database open and the fonts read (as after a first print
of the session) to the PDF's bytes. "without" hides ReportLab's C accelerator
(``_rl_accel``), so ReportLab uses its pure-Python functions, as when ``rl-accel`` is not
installed. The raw-ReportLab anchor of the
report's table is ``report_pdf_figures.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if "--tree" in sys.argv:  # a child timing another tree's code (--other)
    ROOT = Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS = ("closeout", "register", "burdens", "lists", "report")
#: The one-record prints (each a page or two): time them with --repeat.
SMALL = ("certificate", "refusal", "sheet", "case_letter", "history", "inventory")
TITLES = {
    "closeout": "board clean-up ledger, 2026Q3",
    "register": "certificate register, 2026-07",
    "burdens": "other-burdens ledger, this year",
    "lists": "list edition in force, for posting",
    "report": "period report 2026Q3",
    "certificate": "a certificate",
    "refusal": "a certificate's refusal notice",
    "sheet": "a case's approval sheet (审批表)",
    "case_letter": "a case's refusal letter (不予准入告知书)",
    "history": "a case's history",
    "inventory": "a village's board inventory",
}
#: The records each one-record print is made of: the first that can have it (with --repeat,
#: as many as there are prints, each print of another record: no text printed before).
FIRST = {
    "certificate": "select id from certificate_request where outcome = '出具'",
    "refusal": "select id from certificate_request where outcome = '不予出具并告知替代途径'",
    "sheet": "select id from admission_case where status = '批准准入'",
    "case_letter": "select id from admission_case where status = '不予准入'",
    "history": "select id from admission_case where status = '批准准入'",
    "inventory": "select unit_id from signboard group by unit_id order by count(*) desc, unit_id",
}


def records(kind: str, database: str, count: int) -> list[int]:
    import sqlite3

    if kind not in FIRST:
        return [0] * count
    order = "" if "order by" in FIRST[kind] else " order by id"
    with contextlib.closing(sqlite3.connect(database)) as db:
        return [int(r[0]) for r in db.execute(f"{FIRST[kind]}{order} limit {count}")]


def open_services(database: str) -> Any:
    from jianfu.reports.fonts import find_fonts
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    find_fonts()  # read once per process: the first print of a session pays for it
    return Services.create(open_app(database))


def make(kind: str, services: Any, record: int = 0) -> bytes:
    from jianfu.domain.periods import parse_period

    if kind == "certificate":
        return services.certificates.print_certificate(record, allow_missing=True)
    if kind == "refusal":
        return services.certificates.print_refusal(record)
    if kind == "sheet":
        return services.cases.print_approval_sheet(record)
    if kind == "case_letter":
        return services.cases.print_refusal_letter(record)
    if kind == "history":
        return services.cases.print_history(record)
    if kind == "inventory":
        return services.boards.print_inventory(record)

    if kind == "closeout":
        return services.boards.print_closeout(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    if kind == "register":
        return services.certificates.print_register(dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    if kind == "burdens":
        return services.burdens.print_ledger()
    if kind == "lists":
        edition = services.lists.editions_in_force()[0]
        assert edition.id is not None
        return services.lists.print_edition(edition.id)
    return services.report.pdf(services.report.build(parse_period("2026Q3")))


def child(
    kind: str, database: str, no_accel: bool, save: str | None, anchor: bool, repeat: int
) -> None:
    if no_accel:
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # import raises ImportError
    import reportlab.platypus  # loaded before the clock, as in the app
    from reportlab.lib import rl_accel

    if anchor:  # ReportLab's graphics loaded as raw ReportLab loads them (shapes checked)
        import reportlab.graphics.charts.barcharts
        import reportlab.graphics.charts.legends  # noqa: F401
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from raw_anchor import capture, pdf_clock, raw_pdf, raw_reportlab

    services = open_services(database)
    # with --repeat, one print not timed first (a print in a running app), then the median
    # of prints of as many other records
    ids = records(kind, database, repeat + (repeat > 1))
    wholes, pdfs = [], []
    if anchor:  # the app's stories captured (not timed), then laid out by raw ReportLab
        stories = [capture(lambda r=r: make(kind, services, r)) for r in ids]
        with raw_reportlab():
            for n, captured in enumerate(stories):
                t0 = time.perf_counter()
                pdf = raw_pdf(captured)
                if n or repeat == 1:
                    wholes.append(time.perf_counter() - t0)
        pdfs = wholes
    else:
        from jianfu.reports.fonts import find_fonts

        for n, record in enumerate(ids):
            # nothing printed before: the texts' markup kept from the print before forgotten
            getattr(find_fonts(), "_markup_cache", {}).clear()
            with pdf_clock() as clock:
                t0 = time.perf_counter()
                pdf = make(kind, services, record)
                seconds = time.perf_counter() - t0
            if n or repeat == 1:
                wholes.append(seconds)
                pdfs.append(clock["seconds"])
    seconds, pdf_seconds = statistics.median(wholes), statistics.median(pdfs)
    if save:
        Path(save).write_bytes(pdf)
    from pypdf import PdfReader

    print(
        json.dumps(
            {
                "seconds": seconds,
                "pdf_seconds": pdf_seconds,
                "pages": len(PdfReader(io.BytesIO(pdf)).pages),
                "bytes": len(pdf),
                "accel": "fp_str" in rl_accel._c_funcs,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a city database (SQLite file); else one is made")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        help=f"which prints, comma-separated (also {','.join(SMALL)})",
    )
    parser.add_argument("--accel", choices=("as-installed", "off", "both"), default="both")
    parser.add_argument("--save", help="a directory for the first run's PDFs (as installed)")
    parser.add_argument("--child", choices=(*KINDS, *SMALL), help=argparse.SUPPRESS)
    parser.add_argument("--no-accel", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-anchor", action="store_true", help="without the raw ReportLab anchor of each print"
    )
    parser.add_argument(
        "--other", help="another tree (e.g. the code before a change): its prints, same run"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="prints timed in each process after one not timed"
    )
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--anchor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.database, args.no_accel, args.save, args.anchor, args.repeat)
        return
    tmp = tempfile.mkdtemp(prefix="jianfu-prints-")
    database = args.database or str(Path(tmp) / "city.db")
    if not args.database:
        from jianfu.demo.city import seed_demo_city
        from jianfu.services.database import open_app

        os.environ["JIANFU_DATA_DIR"] = tmp
        ctx = open_app(database)
        seed_demo_city(ctx, scale=args.scale)
        ctx.database.close()
    env = dict(
        os.environ,
        JIANFU_DATA_DIR=tmp,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    kinds = args.kinds.split(",")
    variants = {"as-installed": [False], "off": [True], "both": [True, False]}[args.accel]
    # who makes each print: the app, raw ReportLab on the app's content, another tree's app
    makers = ["app", *([] if args.no_anchor else ["raw"]), *(["other"] if args.other else [])]
    out: dict[tuple[str, bool, str], list[dict]] = {
        (k, o, w): [] for k in kinds for o in variants for w in makers
    }
    for n in range(args.runs):
        for kind in kinds:
            for off in variants:
                for who in makers:
                    cmd = [sys.executable, __file__, "--child", kind, "--database", database]
                    cmd += ["--repeat", str(args.repeat)]
                    if who == "raw":
                        cmd.append("--anchor")
                    if who == "other":
                        cmd += ["--tree", args.other]
                    if off:
                        cmd.append("--no-accel")
                    elif n == 0 and args.save:
                        cmd += ["--save", str(Path(args.save) / f"{kind}-{who}.pdf")]
                    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                    out[kind, off, who].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(
        f"{args.runs} runs of each (fresh processes, alternating); medians; "
        f"load {os.getloadavg()[0]:.1f}; the app's PDF making (from its first document to the "
        f"bytes) / the whole print through its service"
    )
    for kind in kinds:
        for off in variants:
            med = {
                w: (
                    statistics.median(r["pdf_seconds"] for r in out[kind, off, w]),
                    statistics.median(r["seconds"] for r in out[kind, off, w]),
                    statistics.median(r["peak_mib"] for r in out[kind, off, w]),
                    out[kind, off, w][0]["pages"],
                )
                for w in makers
            }
            label = "with rl-accel" if out[kind, off, "app"][0]["accel"] else "without rl-accel"
            pdf, whole, peak, pages = med["app"]
            line = (
                f"{TITLES[kind]}, {label}: app {ms(pdf)} / {ms(whole)} "
                f"({pages} pages, peak {peak:.0f} MiB)"
            )
            if "raw" in med:
                raw, _w, raw_peak, raw_pages = med["raw"]
                line += (
                    f"; raw ReportLab, same content {ms(raw)} ({raw_pages} pages, "
                    f"peak {raw_peak:.0f} MiB): app {pdf / raw:.2f}x"
                )
            if "other" in med:
                o_pdf, o_whole, _p, _n = med["other"]
                line += f"; other tree {ms(o_pdf)} / {ms(o_whole)}"
                if "raw" in med:
                    line += f" ({o_pdf / med['raw'][0]:.2f}x)"
            print(line)


if __name__ == "__main__":
    main()
