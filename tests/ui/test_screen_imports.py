"""Opening a screen imports what it shows, not the matcher (a structural check, nothing
timed): the matcher compiles its patterns as it is imported (100-250 ms), and 事项审核, 证明
and 操作记录 imported it for its verdicts' names, which live in ``domain.verdicts``. It loads
when a notice or a request is first checked.

Once start-up is over the window imports every screen's module on a worker
(``MainWindow.preload_screens``): a screen then shown for the first time imports none of the
app's code on the GUI thread (tests/bench/gui_hold_figures.py measures the hold)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from jianfu.demo.township import seed_demo
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from jianfu.ui.main_window import SCREENS, MainWindow

app = QApplication([])
ctx = open_app(sys.argv[1])
if sys.argv[2] == "seed":  # the demo's seeding checks its notices: a process of its own
    seed_demo(ctx)
    sys.exit(0)
window = MainWindow(Services.create(ctx))
window.show()
preloaded = []
if sys.argv[2] == "preload":  # as the app does once start-up is over
    window.tasks.wait_all()
    app.processEvents()
    before = set(sys.modules)
    window.preload_screens()
    window.tasks.wait_all()
    app.processEvents()
    preloaded = sorted(m for m in set(sys.modules) - before if m.startswith("jianfu."))
    before = set(sys.modules)
loaded = {}
for screen in SCREENS:
    window.show_screen(screen.key)
    for _ in range(20):
        app.processEvents()
    window.tasks.wait_all()
    app.processEvents()
    loaded[screen.key] = [m for m in ("jianfu.domain.matching", "jianfu.domain.cert_facts")
                          if m in sys.modules]
window.close()
if sys.argv[2] == "preload":
    shown = sorted(m for m in set(sys.modules) - before if m.startswith("jianfu."))
    print(json.dumps({"preloaded": preloaded, "imported_as_shown": shown}))
else:
    print(json.dumps(loaded))
"""


def _run(tmp_path: Path, *steps: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JIANFU_DATA_DIR=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    for step in steps:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(tmp_path / "demo.db"), step],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_no_screen_imports_the_matcher_as_it_opens(tmp_path):
    loaded = _run(tmp_path, "seed", "open")
    assert set(loaded) >= {"tasks", "certificates", "audit", "cases", "lists", "boards"}
    assert loaded == {key: [] for key in loaded}


def test_after_the_preload_no_screen_imports_code_as_it_is_first_shown(tmp_path):
    from jianfu.ui.main_window import SCREEN_MODULES, SCREENS

    assert set(SCREEN_MODULES) == {screen.key for screen in SCREENS}
    got = _run(tmp_path, "seed", "preload")
    # 首页's module came with the window; every other screen's on the worker
    wanted = {m for modules in SCREEN_MODULES.values() for m in modules}
    assert wanted - {"jianfu.ui.dashboard.widget"} <= set(got["preloaded"])
    assert "jianfu.domain.matching" not in got["preloaded"]  # loads with the first check
    assert got["imported_as_shown"] == []
