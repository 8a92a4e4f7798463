"""Time and peak memory of ``certs export`` (the register as .xlsx) against an anchor.

Run from the repository root on a generated city database::

    jianfu --database city.db init --demo --scale city      # about 300,000 certificates
    python tests/bench/certs_export_figures.py city.db

Each measurement runs in its own process (peak memory is that process's maximum resident
size). The anchor writes the same rows, read with one plain SQL query, with openpyxl's
write-only workbook and no styles: the least any .xlsx export of these rows can cost. The
app's export is measured for one month, one year and the whole database: its memory should
not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _app(database: str, start: dt.date, end: dt.date, target: Path) -> int:
    from jianfu.services.certificates import CertificatesService
    from jianfu.services.database import open_app

    ctx = open_app(database, create=False)
    try:
        CertificatesService(ctx).export_register(start, end, target)
    finally:
        ctx.database.close()
    con = sqlite3.connect(database)
    (n,) = con.execute(
        "SELECT count(*) FROM certificate_request WHERE request_date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ).fetchone()
    return n


def _anchor(database: str, start: dt.date, end: dt.date, target: Path) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("register")
    con = sqlite3.connect(database)
    rows = con.execute(
        "SELECT c.year, c.seq, c.request_date, c.applicant_name, c.id_masked, u.name,"
        " c.subject, c.purpose, c.agency, c.outcome, c.basis, c.handler, c.signer, c.sealed,"
        " c.notes FROM certificate_request c LEFT JOIN unit u ON u.id = c.village_id"
        " WHERE c.request_date BETWEEN ? AND ? ORDER BY c.request_date, c.year, c.seq",
        (start.isoformat(), end.isoformat()),
    )
    n = 0
    for row in rows:
        ws.append(row)
        n += 1
    wb.save(target)
    return n


def _child(kind: str, database: str, start: str, end: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "register.xlsx"
        began = time.perf_counter()
        fn = _app if kind == "app" else _anchor
        rows = fn(database, dt.date.fromisoformat(start), dt.date.fromisoformat(end), target)
        seconds = time.perf_counter() - began
        size = target.stat().st_size
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": size}))


def _measure(kind: str, database: str, start: dt.date, end: dt.date) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, database, start.isoformat(), end.isoformat()],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(*sys.argv[2:6])
        return
    database = sys.argv[1] if len(sys.argv) > 1 else "city.db"
    con = sqlite3.connect(database)
    first, last = con.execute(
        "SELECT min(request_date), max(request_date) FROM certificate_request"
    ).fetchone()
    con.close()
    last_day = dt.date.fromisoformat(last)
    periods = [
        ("one month", last_day.replace(day=1), last_day),
        ("one year", last_day - dt.timedelta(days=365), last_day),
        ("everything", dt.date.fromisoformat(first), last_day),
    ]
    print(
        f"{'period':<12}{'rows':>9}  {'export s':>9}{'peak MB':>9}  {'anchor s':>9}{'peak MB':>9}"
    )
    for name, start, end in periods:
        app = _measure("app", database, start, end)
        anchor = _measure("anchor", database, start, end)
        print(
            f"{name:<12}{app['rows']:>9}  {app['seconds']:>9.1f}{app['peak_mb']:>9.0f}"
            f"  {anchor['seconds']:>9.1f}{anchor['peak_mb']:>9.0f}"
        )


if __name__ == "__main__":
    main()
