"""Start-up of the installed package against the source checkout, side by side.

Run (after ``apt install ./dist/jianfu_*.deb``):  python tests/bench/package_startup.py [runs]

Each run is a fresh process of ``jianfu demo`` on the offscreen platform, on one demo database:
``/usr/bin/jianfu`` (the PyInstaller one-folder app in /opt/jianfu) and ``python -m jianfu``
from this checkout alternate, so machine noise hits both alike. Prints the medians of "main
window shown" and "first screen filled" (see ``startup.py``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from startup import _run

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    installed = shutil.which("jianfu", path="/usr/bin")
    if installed is None:
        raise SystemExit("/usr/bin/jianfu is not installed (apt install ./dist/jianfu_*.deb)")
    data = tempfile.mkdtemp(prefix="jianfu-bench-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=data,
        JIANFU_QUIT_AFTER_START="1",
        JIANFU_STARTUP_MARKS="1",
        PYTHONPATH=str(ROOT),
    )
    commands = {
        "installed (/usr/bin/jianfu)": [installed, "demo"],
        "source (python -m jianfu)": [sys.executable, "-m", "jianfu", "demo"],
    }
    for cmd in commands.values():
        _run(cmd, env)  # the first run creates the demo database; both warm the disk cache
    marks: dict[str, list[dict[str, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            marks[label].append(_run(cmd, env))
    print(f"runs: {runs} of each, alternating; offscreen platform; one demo database")
    for label, values in marks.items():
        shown = statistics.median(m["shown"] for m in values) * 1000
        ready = statistics.median(m["ready"] for m in values) * 1000
        worst = max(m["ready"] for m in values) * 1000
        print(
            f"{label:30s} window shown {shown:6.0f} ms, first screen filled {ready:6.0f} ms"
            f" (worst {worst:.0f} ms)"
        )
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
