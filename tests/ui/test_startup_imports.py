"""Start-up imports only what the first screen needs (a structural check, nothing timed).

ReportLab, Excel reading (openpyxl), SQLAlchemy's PostgreSQL dialects, Alembic and the
PostgreSQL driver load when a print, an import/export, a server or a migration first needs
them; the demo's seeders only when the demo database is empty; the 统计报表 screen when it is
opened. See ``tests/bench/startup.py`` for what that is worth.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NOT_AT_START = (
    "reportlab",
    "openpyxl",
    "sqlalchemy.dialects.postgresql",
    "psycopg",
    "alembic",
    "jianfu.reports.base",
    "jianfu.interchange.table_reader",
    # the demo's data is written once; an ordinary start only asks whether it is there
    "jianfu.demo.lists",
    "jianfu.demo.tasks",
    "jianfu.demo.burdens",
    "jianfu.demo.certificates",
    "jianfu.demo.boards",
    "jianfu.demo.city",
    # the 统计报表 screen and its printing, beside 首页 in the same package
    "jianfu.ui.dashboard.report_screen",
    "jianfu.ui.widgets.printing",
)

SCRIPT = """
import gc, json, sys
from jianfu.app import run_gui
code = run_gui(demo=True)
print(json.dumps({
    "code": code,
    "modules": sorted(sys.modules),
    "gc_enabled": gc.isenabled(),
    "gc_frozen": gc.get_freeze_count(),
}))
"""


def _start(data_dir: Path) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=str(data_dir),
        JIANFU_QUIT_AFTER_START="1",
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_first_screen_loads_without_prints_excel_or_server_drivers(tmp_path):
    first = _start(tmp_path)  # creates and fills the demo database
    assert first["code"] == 0
    again = _start(tmp_path)  # an ordinary start: the database exists and is current
    assert again["code"] == 0
    modules = set(again["modules"])
    # the first screen was really built and filled from the database
    assert {"jianfu.ui.dashboard.widget", "jianfu.services.dashboard", "sqlalchemy.orm"} <= modules
    loaded = sorted(
        m for m in modules for banned in NOT_AT_START if m == banned or m.startswith(banned + ".")
    )
    assert loaded == []
    # start-up ran without the cycle collector and then froze what it made; it runs again
    assert again["gc_enabled"] and again["gc_frozen"] > 0
    assert first["gc_enabled"]


SCREEN_SCRIPT = """
import json, sys
from jianfu.app import make_application, open_context
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.attach(Services.create(open_context(None, demo=True)))
window.show_screen(sys.argv[1])
window.tasks.wait_all()
print(json.dumps(sorted(sys.modules)))
"""


def test_the_cases_screen_opens_without_excel_reading(tmp_path):
    """工作日设置 (which reads the holiday notice's files) is imported when it is opened."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", SCREEN_SCRIPT, "cases"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        for _ in range(2)  # the first fills the demo database
    ]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    modules = set(json.loads(runs[-1].stdout.strip().splitlines()[-1]))
    assert "jianfu.ui.cases.screen" in modules
    assert not {"openpyxl", "jianfu.ui.cases.calendar_dialog"} & modules
