"""Start-up imports only what the first screen needs (a structural check, nothing timed).

首页 kept from the last close (``services.first_screen``) is shown before SQLAlchemy loads;
with nothing kept, 首页 is read from the SQLite file through ``sqlite3`` and shown before it
loads too (``services.first_screen_plain``).

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
    # the matcher compiles its patterns when imported: it loads when a check first runs; the
    # first screen, the registers and the reports read verdicts from domain.verdicts
    "jianfu.domain.matching",
    "jianfu.domain.cert_facts",
)

SCRIPT = """
import gc, json, sys
import jianfu.app
at = {}
def mark(what):
    at[what] = sorted(sys.modules)
jianfu.app._mark = mark
code = jianfu.app.run_gui(demo=True)
print(json.dumps({
    "code": code,
    "modules": sorted(sys.modules),
    "at_ready": at["ready"],
    "at_open": at["open"],
    "marks": list(at),
    "gc_enabled": gc.isenabled(),
    "gc_frozen": gc.get_freeze_count(),
}))
"""

#: what 首页 kept from the last close needs (services.first_screen): not the database's layers
NOT_FOR_THE_KEPT_FIRST_SCREEN = (
    "sqlalchemy",
    "jianfu.db.engine",
    "jianfu.db.models",
    "jianfu.services.registry",
    "jianfu.services.context",
    "jianfu.domain.cases",
)

#: what 首页 read from the file with nothing kept needs: the domain's rules, not the ORM
NOT_FOR_THE_READ_FIRST_SCREEN = tuple(
    m for m in NOT_FOR_THE_KEPT_FIRST_SCREEN if m != "jianfu.domain.cases"
)


#: the domain's modules 首页's reading does not need (on a file or a server): it reads a task's
#: nature (``domain.item_nature``), the holiday schedules (``domain.holiday_schedule``) and the
#: burdens' records and counts (``domain.burden_counts``), not the lists' editions and items,
#: the notice's reader, the burdens' form or the township's settings, each of which builds its
#: own records when imported
NOT_FOR_READING_THE_FIRST_SCREEN = (
    "jianfu.domain.lists",
    "jianfu.domain.imports",
    "jianfu.domain.holiday_notice",
    "jianfu.domain.burdens",
    "jianfu.domain.settings",
)

FIRST_SCREEN_MODULES = """
import json, sys
import jianfu.services.first_screen_plain, jianfu.db.plain_server
import jianfu.ui.dashboard.widget, jianfu.ui.main_window
print(json.dumps(sorted(sys.modules)))
"""


def test_the_first_screens_reading_imports_only_the_domain_it_needs():
    """What 首页 read through ``sqlite3`` or plain psycopg imports of the domain (a fresh
    process: the modules themselves, nothing run)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN_MODULES],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"jianfu.domain.cases", "jianfu.domain.report_counting"} <= set(modules)
    assert _banned(modules, NOT_FOR_READING_THE_FIRST_SCREEN) == []
    # the names stay where they were named
    from jianfu.domain import burden_counts, burdens, holiday_notice, holiday_schedule, lists
    from jianfu.domain.item_nature import ItemNature

    assert lists.ItemNature is ItemNature
    assert holiday_notice.HolidaySchedule is holiday_schedule.HolidaySchedule
    assert holiday_notice.ScheduleDay is holiday_schedule.ScheduleDay
    for name in ("BurdenRecord", "BurdenType", "CleanupAction", "count_period", "PENDING"):
        assert getattr(burdens, name) is getattr(burden_counts, name)


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


def _banned(modules: list[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules for b in banned if m == b or m.startswith(b + "."))


def test_first_screen_loads_without_prints_excel_or_server_drivers(tmp_path):
    first = _start(tmp_path)  # creates and fills the demo database
    assert first["code"] == 0
    # asked to quit, app.exec() returned and the database was closed (smoke-wine reads these)
    assert first["marks"] == ["shown", "ready", "open", "quit", "closed"]
    kept = tmp_path / ".demo.first-screen.json"
    assert kept.is_file()  # 首页 as the close left it
    kept.unlink()
    again = _start(tmp_path)  # nothing kept: the database exists and is current, and is read
    assert again["code"] == 0
    modules = set(again["modules"])
    # the first screen was really built and filled from the file, through sqlite3, before
    # SQLAlchemy was imported (services.first_screen_plain) …
    assert {
        "jianfu.ui.dashboard.widget",
        "jianfu.services.dashboard",
        "jianfu.services.first_screen_plain",
        "jianfu.db.plain_reads",
    } <= set(again["at_ready"])
    assert _banned(again["at_ready"], NOT_FOR_THE_READ_FIRST_SCREEN) == []
    assert _banned(again["at_ready"], NOT_FOR_READING_THE_FIRST_SCREEN) == []
    # the log file's rotation (pickle, socket, queue with it) loads when a record is written
    assert "logging.handlers" not in again["at_ready"]
    # … then the database was opened through the ORM for the rest
    assert {"sqlalchemy.orm", "jianfu.services.registry"} <= set(again["at_open"])
    assert _banned(sorted(modules), NOT_AT_START) == []
    # start-up ran without the cycle collector and then froze what it made; it runs again
    assert again["gc_enabled"] and again["gc_frozen"] > 0
    assert first["gc_enabled"]

    shown = _start(tmp_path)  # nothing changed since the close: 首页 as it was kept
    assert shown["code"] == 0
    assert shown["marks"] == ["shown", "ready", "open", "quit", "closed"]
    assert "jianfu.ui.dashboard.widget" in shown["at_ready"]
    assert _banned(shown["at_ready"], NOT_FOR_THE_KEPT_FIRST_SCREEN) == []
    # then the database was opened as before, in the background, with no more than that
    assert {"sqlalchemy.orm", "jianfu.services.registry"} <= set(shown["at_open"])
    assert _banned(shown["modules"], NOT_AT_START) == []
    assert shown["gc_enabled"] and shown["gc_frozen"] > 0


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


def test_after_an_upgrade_the_first_screen_is_read_through_sqlite3(tmp_path):
    """The first start on a file at an older schema: the file is backed up and upgraded on the
    worker. At a schema read alike (``SCHEMA_READ_ALIKE``: the head's own before it is one)
    首页 is read through ``sqlite3`` first, before SQLAlchemy and Alembic load, then the file
    is upgraded; from further back it is upgraded first (saying so), then 首页 is read through
    ``sqlite3`` as on any other start, before the services are built."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from jianfu.db.migrate import alembic_config
    from jianfu.db.schema_version import SCHEMA_HEAD, SCHEMA_READ_ALIKE

    assert _start(tmp_path)["code"] == 0  # creates and fills the demo database
    database = tmp_path / "demo.db"
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    previous = script.get_revision(SCHEMA_HEAD).down_revision
    assert previous in SCHEMA_READ_ALIKE
    further = script.get_revision(SCHEMA_READ_ALIKE[-1]).down_revision
    engine = create_engine(f"sqlite:///{database}")
    for older in (previous, further):
        (tmp_path / ".demo.first-screen.json").unlink(missing_ok=True)
        with engine.begin() as con:
            cfg.attributes["connection"] = con
            command.downgrade(cfg, str(older))
        upgraded = _start(tmp_path)
        assert upgraded["code"] == 0
        assert upgraded["marks"] == ["shown", "ready", "open", "quit", "closed"]
        with engine.connect() as con:
            version = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == SCHEMA_HEAD
        at_ready = set(upgraded["at_ready"])
        assert {"jianfu.services.first_screen_plain", "jianfu.db.plain_reads"} <= at_ready
        assert "jianfu.services.registry" not in at_ready  # the screens come after 首页
        if older == previous:  # read before the upgrade
            assert _banned(sorted(at_ready), (*NOT_FOR_THE_READ_FIRST_SCREEN, "alembic")) == []
        else:  # upgraded first
            assert "alembic" in at_ready
        assert {"sqlalchemy.orm", "jianfu.services.registry"} <= set(upgraded["at_open"])
    engine.dispose()
    backups = list((tmp_path / "backups").glob(f"demo-*-before-{SCHEMA_HEAD}.db"))
    assert backups
