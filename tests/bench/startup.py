"""Cold start of ``jianfu demo`` against a bare PySide6 window, side by side.

Run:  python tests/bench/startup.py [runs]

Each run is a fresh process on the offscreen platform. It prints "shown" on stderr when its
main window is shown and (jianfu) "ready" when the first screen (首页) shows its figures and
reminders as the database holds them (read from it, or kept from the last close when nothing
has changed since: ``jianfu.services.first_screen``), and "open" when the database is open
and every screen can be used, then quits. The two kinds alternate so that machine noise
hits both alike. Prints the medians, each process's CPU time and peak memory, and the imports
that cost the most (``python -X importtime``). A third anchor is the floor the app cannot go
under with its storage layer: a process that only imports SQLAlchemy's ORM. Each round runs
jianfu twice: once as after a close with nothing changed since (首页 shown as kept: the next
start that day or in the three days after), once with nothing kept (首页 read from the
database, as after another program wrote or a crash) — and a third time on a copy of the demo
at the schema before this version's (the first start after an upgrade: the file is backed
up and migrated, then 首页 read).

``--other TREE`` also starts that upgrade, and a start with nothing kept, from another
checkout of the app in each round (e.g. main before a change): a before/after in the same
run, beside the same bare window. ``--from REV`` starts the upgrade from that revision.
``--database URL`` starts on that database instead (a server: each login's start), from
``--other`` too, on ``--other-database`` when the two trees' schemas differ; with
``--nothing-kept`` a file's kept first screen is removed before each start (首页 read from the
file every time, as after another program wrote).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1180, 760)
w.show()
print("shown", file=sys.stderr, flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""

ORM = """
import sys
import sqlalchemy.orm
print("ready", file=sys.stderr, flush=True)
"""


def _run(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> dict[str, float]:
    """Seconds from launch to each mark and to the process's exit; its CPU seconds and peak MiB."""
    marks: dict[str, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True, cwd=cwd)
    assert proc.stderr is not None
    for line in proc.stderr:
        word = line.strip()
        if word in ("shown", "ready", "open"):
            marks[word] = time.perf_counter() - start
        elif word.startswith("peak "):
            marks["peak"] = int(word.split()[1]) / 1024
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    marks["exit"] = time.perf_counter() - start
    marks["cpu"] = usage.ru_utime + usage.ru_stime
    marks["mib"] = marks.get("peak", usage.ru_maxrss / 1024)  # the app says its own peak
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed with {proc.returncode}")
    return marks


def _line(label: str, values: list[float], base: float) -> str:
    med = statistics.median(values)
    return (
        f"{label:34s} median {med * 1000:7.1f} ms  worst {max(values) * 1000:7.1f} ms"
        f"  ({med / base:.2f}x bare window shown)"
    )


def _older_schema(database: str, dest: str, revision: str | None = None) -> None:
    """A copy of ``database`` taken back to ``revision`` (by default the one before this
    version's head)."""
    import shutil

    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from jianfu.db.migrate import alembic_config
    from jianfu.db.schema_version import SCHEMA_HEAD

    shutil.copyfile(database, dest)
    cfg = alembic_config()
    previous = revision or ScriptDirectory.from_config(cfg).get_revision(SCHEMA_HEAD).down_revision
    engine = create_engine(f"sqlite:///{dest}")
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, str(previous))
    engine.dispose()


def _upgrade_run(template: str, data: str, env: dict[str, str], tree: str | None = None):
    """A start on a fresh copy of the older file (its backup before the upgrade removed)."""
    import shutil

    folder = os.path.join(data, "upgrade")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    target = os.path.join(folder, "older.db")
    shutil.copyfile(template, target)
    if tree is not None:  # run from there: ``-m`` puts the working folder first on the path
        env = dict(env, PYTHONPATH=tree)
    return _run([sys.executable, "-m", "jianfu", "--database", target, "gui"], env, tree)


def _on_database(
    database: str,
    runs: int,
    env: dict[str, str],
    bare_cmd: list[str],
    other: str | None,
    other_database: str | None = None,
    nothing_kept: bool = False,
) -> None:
    """Starts on ``database`` (a server is read on every start: nothing is kept), each round
    beside a bare window, and from ``other`` when given (on ``other_database`` when given: a
    copy of the database at the other tree's schema). With ``nothing_kept`` a file's first
    screen kept from the last close is removed before each start (as after another program
    wrote, or a crash): 首页 is read from the file every time."""
    from jianfu.services.first_screen import snapshot_file

    cmd = [sys.executable, "-m", "jianfu", "--database", database, "gui"]

    def forget() -> None:
        if nothing_kept and "://" not in database:
            snapshot_file(Path(database)).unlink(missing_ok=True)

    other_cmd = [sys.executable, "-m", "jianfu", "--database", other_database or database, "gui"]
    _run(cmd, env)  # warm: compiled modules cached, the day's automatic backup made
    if other:
        _run(other_cmd, dict(env, PYTHONPATH=other), other)
    bare, app, before = [], [], []
    for _ in range(runs):
        bare.append(_run(bare_cmd, env))
        forget()
        app.append(_run(cmd, env))
        if other:
            forget()
            before.append(_run(other_cmd, dict(env, PYTHONPATH=other), other))
    base = statistics.median(b["shown"] for b in bare)
    load = os.getloadavg()
    print(f"runs: {runs} of each, alternating; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    kept = " (nothing kept: 首页 read from the file each start)" if nothing_kept else ""
    print(f"database: {database.split('@')[-1]}{kept}")
    print(_line("bare QMainWindow: window shown", [b["shown"] for b in bare], base))
    for label, marks in (("jianfu gui", app), *(((other[-20:], before),) if other else ())):
        print(_line(f"{label}: main window shown", [a["shown"] for a in marks], base))
        print(_line(f"{label}: first screen filled", [a["ready"] for a in marks], base))
        print(_line(f"{label}: database open", [a["open"] for a in marks], base))
        cpu = statistics.median(r["cpu"] for r in marks)
        mib = statistics.median(r["mib"] for r in marks)
        print(f"{label:34s} whole process: CPU {cpu:.2f} s, peak memory {mib:.0f} MiB")
    cpu = statistics.median(r["cpu"] for r in bare)
    print(f"{'bare QMainWindow':34s} whole process: CPU {cpu:.2f} s")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=7)
    parser.add_argument("--other", help="another checkout: its upgrade start in each round")
    parser.add_argument(
        "--from",
        dest="revision",
        help="the upgrade starts from this revision (default: the one before the head)",
    )
    parser.add_argument(
        "--database",
        help="a server's URL (or a file) to start on instead of the demo: only that start, "
        "beside the bare window (and from --other), alternating",
    )
    parser.add_argument(
        "--other-database",
        help="with --database and --other: the other tree starts on this one (a copy of the "
        "database at that tree's schema, when this tree's migrations changed it)",
    )
    parser.add_argument(
        "--nothing-kept",
        action="store_true",
        help="with --database FILE: remove the first screen kept beside the file before each "
        "start, so that 首页 is read from it every time",
    )
    args = parser.parse_args()
    runs = args.runs
    data = tempfile.mkdtemp(prefix="jianfu-bench-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=data,
        JIANFU_QUIT_AFTER_START="1",
        JIANFU_STARTUP_MARKS="1",
        # as installed: compiled modules are cached (here outside the source tree), not
        # compiled from source on every start as under PYTHONDONTWRITEBYTECODE
        PYTHONPYCACHEPREFIX=os.path.join(data, "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_cmd = [sys.executable, "-m", "jianfu", "demo"]
    bare_cmd = [sys.executable, "-c", BARE]
    if args.database:
        _on_database(
            args.database, runs, env, bare_cmd, args.other, args.other_database, args.nothing_kept
        )
        return
    orm_cmd = [sys.executable, "-c", ORM]
    kept = os.path.join(data, ".demo.first-screen.json")  # jianfu.services.first_screen
    _run(app_cmd, env)  # the first run creates and fills the demo database
    _run(bare_cmd, env)
    _run(orm_cmd, env)
    template = os.path.join(data, "older-template.db")
    _older_schema(os.path.join(data, "demo.db"), template, args.revision)
    bare, app, read, orm, upgraded, other, other_read = [], [], [], [], [], [], []
    for _ in range(runs):
        bare.append(_run(bare_cmd, env))
        app.append(_run(app_cmd, env))  # nothing changed since the last close: 首页 as kept
        os.remove(kept)  # as after another program wrote, or a crash
        read.append(_run(app_cmd, env))
        orm.append(_run(orm_cmd, env))
        upgraded.append(_upgrade_run(template, data, env))
        if args.other:
            other.append(_upgrade_run(template, data, env, args.other))
            os.remove(kept)  # the other tree's start with nothing kept, on the same file
            other_env = dict(env, PYTHONPATH=args.other)
            other_read.append(_run(app_cmd, other_env, args.other))
    base = statistics.median(b["shown"] for b in bare)
    print(f"runs: {runs} of each, alternating; offscreen platform; Python {sys.version.split()[0]}")
    print(_line("bare QMainWindow: window shown", [b["shown"] for b in bare], base))
    print(_line("jianfu demo: main window shown", [a["shown"] for a in app], base))
    print(_line("jianfu demo: first screen filled", [a["ready"] for a in app], base))
    print(_line("jianfu demo: database open", [a["open"] for a in app], base))
    print("  the same with nothing kept, 首页 read from the database (as after another program")
    print("  wrote, a crash, or more than three days since the last close):")
    print(_line("jianfu demo: first screen filled", [a["ready"] for a in read], base))
    print(_line("jianfu demo: database open", [a["open"] for a in read], base))
    if args.other:
        print(f"  the same from {args.other}:")
        print(_line("jianfu demo: first screen filled", [a["ready"] for a in other_read], base))
        print(_line("jianfu demo: database open", [a["open"] for a in other_read], base))
    print(
        f"  the first start on a file at {args.revision or 'the schema before this version'}"
        "'s (backed up, upgraded):"
    )
    print(_line("jianfu gui: first screen filled", [a["ready"] for a in upgraded], base))
    print(_line("jianfu gui: database open", [a["open"] for a in upgraded], base))
    if args.other:
        print(f"  the same from {args.other}:")
        print(_line("jianfu gui: first screen filled", [a["ready"] for a in other], base))
        print(_line("jianfu gui: database open", [a["open"] for a in other], base))
    print(_line("python -c 'import sqlalchemy.orm'", [o["ready"] for o in orm], base))
    for label, runs_of in (
        ("bare QMainWindow", bare),
        ("jianfu demo", app),
        ("jianfu demo, nothing kept", read),
        ("jianfu gui, after an upgrade", upgraded),
        *((("the same, " + str(args.other)[-24:], other),) if args.other else ()),
        *((("nothing kept, " + str(args.other)[-20:], other_read),) if args.other else ()),
    ):
        cpu = statistics.median(r["cpu"] for r in runs_of)
        mib = statistics.median(r["mib"] for r in runs_of)
        print(f"{label:34s} whole process: CPU {cpu:.2f} s, peak memory {mib:.0f} MiB")

    os.remove(kept)  # the imports of a start that reads the database
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *app_cmd[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    top: list[tuple[int, str]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, name = line.split(":", 1)[1].split("|")
        if not name.startswith("  ") or name.strip().startswith(("sqlalchemy ", "PySide6 ")):
            top.append((int(cumulative_us), name.rstrip()))
    top.sort(reverse=True)
    print("\nslowest imports (cumulative ms; indented = imported by the line above it):")
    for us, name in top[:12]:
        print(f"  {us / 1000:8.1f} {name}")


if __name__ == "__main__":
    main()
