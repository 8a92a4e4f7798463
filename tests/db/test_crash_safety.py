"""Killing the app (SIGKILL) in the middle of an import or a long write loses nothing that was
committed and leaves nothing of the interrupted work: SQLite's WAL rolls it back on reopening."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jianfu.domain.units import UnitInput
from jianfu.services.audit import AuditService
from jianfu.services.database import open_app
from jianfu.services.units import UnitsService

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

#: rows per import and per batch: each runs in one transaction with several flushes; SQLite
#: writes none of it to the WAL before the commit either way (measured: the page cache holds it);
#: 1,000 rows instead of 3,000 make every run, and every digest of the file, shorter
ITEMS = 1000
UNITS = 1000
#: kills at seeded random moments, alternating import and batch: eight of each
KILLS = 16

#: One process per run (a "zygote"): it imports the app once, then for each line it reads
#: (mode, database, csv, tag, units) forks a child that opens the database, says "ready", does
#: the work and says "done"; at the next line the zygote prints the child's exit code. The
#: child is a real process of its own, killed with SIGKILL by the test as before; only the
#: start of an interpreter and the imports (about a second each) are not repeated for the 18.
ZYGOTE = r"""
import json
import os
import sys
import traceback
from pathlib import Path

from jianfu.db.models import UnitRow
from jianfu.db.repositories import audit
from jianfu.services.database import open_app
from jianfu.services.lists import ListsService


def child(mode, db, csv, tag, units):
    ctx = open_app(db, create=False)
    print("ready", flush=True)
    if mode == "import":
        lists = ListsService(ctx)
        lists.commit_import(lists.preview_import(Path(csv), edition_name=tag))
    else:
        with ctx.unit_of_work() as s:  # one clerk action: thousands of rows, one transaction
            for i in range(units):
                s.add(UnitRow(parent_id=1, name=f"{tag}-{i:05d}", type="村", sort_order=i))
                if i % 250 == 0:
                    s.flush()
            audit.record(s, operator="批量", action="批量新增", entity="unit", after={"name": tag})
    print("done", flush=True)
    ctx.database.close()  # as the interpreter's exit would: the child leaves by os._exit


print("up", flush=True)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            child(*json.loads(line))
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        os._exit(0)
    print(f"pid {pid}", flush=True)
    sys.stdin.readline()  # reaped only when asked: till then a SIGKILL finds it, ended or not
    print(f"exit {os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])}", flush=True)
"""


class _Zygote:
    """The zygote process: ``run(...)`` forks one child and returns its pid once it is
    ready; ``wait()`` returns its exit code (negative: the signal that ended it)."""

    def __init__(self, errors: Path) -> None:
        self.errors = errors.open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self._line() == "up", self._stderr()

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def _stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read()

    def run(self, *args: object) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps([str(a) if isinstance(a, Path) else a for a in args]))
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        pid, ready = 0, False
        while not (pid and ready):  # the child's "ready" and the zygote's "pid" in any order
            line = self._line()
            assert line, self._stderr()
            if line.startswith("pid "):
                pid = int(line.split()[1])
            elif line == "ready":
                ready = True
            else:
                raise AssertionError(f"{line!r}: {self._stderr()}")
        return pid

    def wait(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write("wait\n")
        self.process.stdin.flush()
        while True:
            line = self._line()
            assert line, self._stderr()
            if line.startswith("exit "):
                return int(line.split()[1])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.errors.close()


def _write_csv(path: Path) -> Path:
    lines = ["序号,类别,证明事项名称,替代途径,替代途径说明"]
    lines += [
        f"{i},不应出具证明事项,第{i}号不应出具的证明（崩溃测试）,部门核查,由主管部门核查"
        for i in range(1, ITEMS + 1)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _state(db: Path) -> tuple[str, dict[str, int]]:
    """A digest of every committed row, and per-tag row counts."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        digest = hashlib.sha256()
        for table in ("unit", "audit_log", "list_edition", "list_item", "department"):
            for row in con.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
        counts: dict[str, int] = {}
        for (name,) in con.execute("SELECT name FROM unit WHERE name LIKE 'U-%'"):
            tag = name.rsplit("-", 1)[0]
            counts[tag] = counts.get(tag, 0) + 1
        for name, n in con.execute(
            "SELECT e.name, count(i.id) FROM list_edition e LEFT JOIN list_item i "
            "ON i.edition_id = e.id WHERE e.name LIKE 'E-%' GROUP BY e.name"
        ):
            counts[name] = n
        return digest.hexdigest(), counts
    finally:
        con.close()


def _run(
    zygote: _Zygote, mode: str, db: Path, csv: Path, tag: str, kill_after: float | None
) -> float:
    """Run one child; kill it ``kill_after`` seconds after it opened the database.

    Returns the seconds from opening to exit when left alone, else 1.0 if it finished anyway.
    """
    pid = zygote.run(mode, db, csv, tag, UNITS)
    if kill_after is None:
        opened = time.perf_counter()
        assert zygote.wait() == 0, zygote._stderr()
        return time.perf_counter() - opened
    time.sleep(kill_after)
    os.kill(pid, signal.SIGKILL)
    return float(zygote.wait() == 0)


def test_sigkill_during_import_and_long_write_leaves_all_or_nothing(tmp_path):
    db = tmp_path / "crash.db"
    csv = _write_csv(tmp_path / "items.csv")
    ctx = open_app(str(db))
    for name in ("东山村", "西岭村", "南坑村"):
        UnitsService(ctx).add_unit(UnitInput(name))
    ctx.database.close()
    zygote = _Zygote(tmp_path / "children.err")
    try:
        _kill_children(zygote, db, csv)
    finally:
        zygote.close()

    ctx = open_app(str(db))
    try:
        # rows deleted by the test itself do not touch the audit chain, which stays intact
        assert AuditService(ctx).verify().ok
        assert UnitsService(ctx).add_unit(UnitInput("崩溃后新增村")).id > 0
    finally:
        ctx.database.close()


def _kill_children(zygote: _Zygote, db: Path, csv: Path) -> None:
    # how long each operation takes when left alone, so the kills land inside it
    import_time = _run(zygote, "import", db, csv, "E-calibrate", None)
    units_time = _run(zygote, "units", db, csv, "U-cal", None)
    expected = {"E-calibrate": ITEMS, "U-cal": UNITS}

    rng = random.Random(20261122)
    interrupted = 0
    scale = {"import": 0.8, "units": 0.8}
    for n in range(KILLS):
        before_digest, before_counts = _state(db)
        assert before_counts == expected
        mode = "import" if n % 2 == 0 else "units"
        tag = f"E-{n:02d}" if mode == "import" else f"U-{n:02d}"
        # mostly inside the work: on a loaded machine a run can take half as long as the
        # calibration did, and a kill after the commit proves less; each kill that lands after
        # the commit halves the window the next kills of that kind are drawn from
        kill_after = rng.uniform(
            0.0, scale[mode] * (import_time if mode == "import" else units_time)
        )
        finished = _run(zygote, mode, db, csv, tag, kill_after)
        after_digest, after_counts = _state(db)  # PRAGMA integrity_check inside
        new = {k: v for k, v in after_counts.items() if k not in before_counts}
        if not new:  # killed before the commit: nothing of it is there
            interrupted += 1
            assert after_digest == before_digest, f"kill {n} changed committed rows"
            assert not finished
        else:  # the commit made it before the kill: all of it is there
            scale[mode] /= 2
            assert new == {tag: ITEMS if mode == "import" else UNITS}
            assert {k: after_counts[k] for k in before_counts} == before_counts
            expected |= new
            if mode == "units":  # keep later checks simple: forget the finished batch
                con = sqlite3.connect(db)
                con.execute("DELETE FROM unit WHERE name LIKE ?", (f"{tag}-%",))
                con.commit()
                con.close()
                del expected[tag]
    assert interrupted >= KILLS // 3, f"only {interrupted} kills landed inside the work"
