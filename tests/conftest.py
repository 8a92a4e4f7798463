"""Shared fixtures: offscreen Qt, and a fresh database per test on SQLite and PostgreSQL.

Database tests take the ``ctx`` fixture; they run on a SQLite file always and, when
``JIANFU_TEST_DATABASE_URL`` names a PostgreSQL database, on that server too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import io
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # Windows: each worker builds its own
    fcntl = None  # type: ignore[assignment]

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL_ENV = "JIANFU_TEST_DATABASE_URL"
DATA_DIR_ENV = "JIANFU_DATA_DIR"
OPERATOR = "测试员"
T = TypeVar("T")


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], T]
) -> T:
    """``build(folder)`` once per test run, also under pytest-xdist: the first worker that
    needs it builds it in a folder of the run (its workers' temporary folders are siblings
    there) under a file lock while the others wait, then every worker gets what ``build``
    returned (pickled beside the folder). For set-up that takes seconds and is only read
    afterwards: a template file, a template database on the server, a corpus of files.

    Without xdist (or without ``fcntl``: Windows) it is simply built in a folder of its own.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None or fcntl is None:
        return build(tmp_path_factory.mktemp(name))
    run = tmp_path_factory.getbasetemp().parent
    folder, done = run / f"once-{name}", run / f"once-{name}.pickle"
    with (run / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed in another worker
            folder.mkdir()
            result = build(folder)
            done.write_bytes(pickle.dumps(result))
        return pickle.loads(done.read_bytes())


def run_database_name(url: str) -> str:
    """The test database's name without the worker's suffix: templates that every worker of
    the run copies are named after it."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database or ""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and fcntl is not None:
        name = name.removesuffix(f"_{worker}")
    return name


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (``-n``) each worker gets a PostgreSQL database of its own on the
    server named in ``JIANFU_TEST_DATABASE_URL``, so workers never wipe each other's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get(PG_URL_ENV)
    if worker and url:
        os.environ[PG_URL_ENV] = _worker_database(url, worker)


def _worker_database(url: str, worker: str) -> str:
    """``URL``'s database with ``_WORKER`` appended, created empty; the server's group roles
    made first (by one worker at a time: the migration that creates them is not safe to run in
    two databases of one server at once)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from jianfu.db.grants import GROUPS
    from jianfu.db.migrate import upgrade

    engine, name = _maintenance(url)
    mine = f"{name}_{worker}"
    mine_url = make_url(url).set(database=mine).render_as_string(hide_password=False)
    with engine.connect() as con:
        con.execute(text("SELECT pg_advisory_lock(20261205)"))
        try:
            con.execute(text(f'DROP DATABASE IF EXISTS "{mine}" WITH (FORCE)'))
            con.execute(text(f'CREATE DATABASE "{mine}"'))
            roles = con.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:g)"), {"g": list(GROUPS)}
            ).scalar_one()
            if roles < len(GROUPS):
                server = create_engine(mine_url)
                upgrade(server)
                server.dispose()
                _reset_postgres(mine_url)
        finally:
            con.execute(text("SELECT pg_advisory_unlock(20261205)"))
    engine.dispose()
    return mine_url


def pytest_unconfigure(config: pytest.Config) -> None:
    """The worker's connections to its PostgreSQL database closed; with
    ``JIANFU_TEST_PG_RESETS=FILE`` a line appended to FILE: how often the worker copied a
    template, found it untouched, or loaded rows again."""
    from tests.pg_reset import close_worker_databases

    counts = close_worker_databases()
    report = os.environ.get("JIANFU_TEST_PG_RESETS")
    if counts is not None and report:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(report, "a", encoding="utf-8") as out:
            out.write(f"{worker} {dataclasses.asdict(counts)}\n")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """What the run has made so far lives as long as the run: the earlier tests' cyclic
    garbage collected, the rest moved out of the collector's sight, as the app does with what
    its start-up made (``jianfu.app._collect_garbage_again``). Each collection during the test
    (the background runner's before every task, ``jianfu.ui.background``) then scans only what
    the test made: a full one over the whole run's objects took 0.3-1.5 s, several per window
    test. Automatic collection is off, as in the app after its start
    (``jianfu.ui.background.collect_on_gui_thread``): a collection set off on a worker thread
    destroys closed widgets off the GUI thread, which crashes Qt."""
    from PySide6.QtWidgets import QApplication

    from jianfu.ui.background import collect_on_gui_thread

    gc.collect()
    app = QApplication.instance()
    if app is not None:
        collect_on_gui_thread(app)  # freezes, and collects before tasks and on a timer
    else:
        gc.freeze()
        gc.disable()


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_URL_ENV) else ["sqlite"]


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data directory and no database URL from outside."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("JIANFU_DATA_DIR", str(data))
    monkeypatch.delenv("JIANFU_DATABASE_URL", raising=False)
    return data


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or the test PostgreSQL database wiped clean."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    url = os.environ[PG_URL_ENV]
    if not {"ctx", "db_template"} & set(request.fixturenames):  # those copy a template
        _reset_postgres(url)
    return url


@contextlib.contextmanager
def _data_dir(folder: Path) -> Iterator[None]:
    """Run a template's set-up with its own data folder, then put back the test's (deleting it
    sent files to the real one)."""
    before = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ[DATA_DIR_ENV]
        else:
            os.environ[DATA_DIR_ENV] = before


def _migrate_template(url: str, data_dir: Path) -> None:
    from jianfu.services.database import open_app

    with _data_dir(data_dir):
        open_app(url).database.close()


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the head once per run: each ``ctx`` starts as a copy of it
    instead of running every migration again (about 0.5 s a test)."""

    def build(folder: Path) -> Path:
        _migrate_template(str(folder / "empty.db"), folder / "userdata")
        return folder / "empty.db"

    return once_per_run(tmp_path_factory, "empty-template", build)


@pytest.fixture(scope="session")
def _pg_empty_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """On PostgreSQL: a template database migrated to the head once per run. Without a server
    (no ``JIANFU_TEST_DATABASE_URL``) every test that needs one, through this or a template
    built on it, is skipped, as the README's test command runs where none is set up."""
    if not os.environ.get(PG_URL_ENV):
        pytest.skip("needs a PostgreSQL server")
    return once_per_run(
        tmp_path_factory,
        "pg-empty",
        lambda folder: _pg_template("empty", folder / "userdata", seed=False),
    )


def _seed_template(url: str, data_dir: Path) -> None:
    from jianfu.demo.township import seed_demo
    from jianfu.services.database import open_app

    with _data_dir(data_dir):
        context = open_app(url)
        context.operator = OPERATOR
        seed_demo(context)
        context.database.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo township, seeded once per test run (seeding takes ~1 s)."""

    def build(folder: Path) -> Path:
        _seed_template(str(folder / "demo.db"), folder / "userdata")
        return folder / "demo.db"

    return once_per_run(tmp_path_factory, "demo-template", build)


@pytest.fixture(scope="session")
def _cli_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A township file made by ``jianfu init --demo`` once per test run (about 5 s each time)."""
    from jianfu.cli import main

    def build(folder: Path) -> Path:
        path = folder / "demo.db"
        # its output not into the first test's capsys
        with _data_dir(folder / "userdata"), contextlib.redirect_stdout(io.StringIO()):
            assert main(["--database", str(path), "init", "--demo"]) == 0
        return path

    return once_per_run(tmp_path_factory, "cli-demo-template", build)


@pytest.fixture
def cli_demo(_cli_demo_template: Path, tmp_path: Path):
    """``cli_demo("town.db")``: a copy, in the test's folder, of what ``jianfu init --demo``
    makes: the file and the audit anchor beside it."""
    from jianfu.services.audit_anchor import anchor_file

    def make(name: str = "demo.db") -> Path:
        target = tmp_path / name
        shutil.copyfile(_cli_demo_template, target)
        shutil.copyfile(anchor_file(_cli_demo_template), anchor_file(target))
        return target

    return make


def _maintenance(url: str):
    """An autocommit engine on the server's ``postgres`` database, and the test database's name."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    return engine, target.database


@pytest.fixture(scope="session")
def _pg_demo_template(tmp_path_factory: pytest.TempPathFactory, _pg_empty_template: str) -> str:
    """On PostgreSQL: a template database with the demo township, seeded once per run in a
    copy of the empty template."""
    return once_per_run(
        tmp_path_factory,
        "pg-demo",
        lambda folder: _pg_template(
            "demo", folder / "userdata", seed=True, source=_pg_empty_template
        ),
    )


def _pg_template(kind: str, data_dir: Path, *, seed: bool, source: str | None = None) -> str:
    """A template database, migrated (and seeded with the demo township when ``seed``)."""
    template, template_url = _new_pg_template(kind, source)
    (_seed_template if seed else _migrate_template)(template_url, data_dir)
    return template


def _new_pg_template(kind: str, source: str | None = None) -> tuple[str, str]:
    """A database ``<test database>_<kind>_template`` on the test server: (name, URL). The
    run's database, not the worker's: every worker of the run copies the same template.

    Empty, or a copy of the template ``source``: the empty template's copies, whatever rows
    they are then given, have its tables under the same oids, so a worker's database made
    from one is made equal to another by loading rows (``tests/pg_reset.py``)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    url = os.environ[PG_URL_ENV]
    engine, _name = _maintenance(url)
    template = f"{run_database_name(url)}_{kind}_template"
    with engine.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        copy = f' TEMPLATE "{source}"' if source else ""
        con.execute(text(f'CREATE DATABASE "{template}"{copy}'))
    engine.dispose()
    return template, make_url(url).set(database=template).render_as_string(hide_password=False)


def _copy_pg_template(url: str, template: str) -> None:
    """The test database of ``url`` made equal to a fresh copy of ``template``: by copying
    it, or, when the database was last made from the same template and the test since then
    changed only rows, by loading those tables' rows again (``tests/pg_reset.py``)."""
    from tests.pg_reset import worker_databases

    worker_databases(_create_from_template).make(url, template)


def _create_from_template(url: str, template: str) -> None:
    from sqlalchemy import text

    engine, name = _maintenance(url)
    with engine.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        con.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine.dispose()


@pytest.fixture
def ctx(db_url: str, request: pytest.FixtureRequest) -> Iterator:
    """An ``AppContext`` on a freshly created, migrated database.

    The database starts as a copy of a template made once per run (a file on SQLite, a
    template database on PostgreSQL): migrated to the head, and when the test also uses
    ``demo_ctx`` filled with the demo township, so neither runs again for each test.
    """
    from jianfu.services.database import open_app

    demo = "demo_ctx" in request.fixturenames
    if db_url.startswith("postgresql"):
        template = "_pg_demo_template" if demo else "_pg_empty_template"
        _copy_pg_template(db_url, request.getfixturevalue(template))
    else:
        template = "_demo_template" if demo else "_empty_template"
        shutil.copyfile(request.getfixturevalue(template), db_url)
    context = open_app(db_url)
    context.operator = OPERATOR
    yield context
    context.database.close()


@pytest.fixture
def demo_ctx(ctx):
    """``ctx`` filled with the demo township (a copy of the template on SQLite)."""
    from jianfu.demo.township import seed_demo

    seed_demo(ctx)
    return ctx


@pytest.fixture(scope="session")
def _built_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """The templates ``db_template`` got in this worker: (backend, name) -> (source, result)."""
    return {}


@pytest.fixture
def db_template(
    db_url: str,
    _built_templates: dict[tuple[str, str], Any],
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[str, Callable[[Any], Any]], tuple[Any, Any]]]:
    """``db_template(name, build)``: an ``AppContext`` on the test's database made afresh as a
    copy of a database that ``build(context)`` filled once per run and backend (by one worker
    under xdist), and what ``build`` returned then (pickled). For data that takes seconds to
    make (the city demo): built on the first call, then copied as the township demo is (a
    file on SQLite, a template database on PostgreSQL). ``build`` gets a migrated, empty
    database with the operator set."""
    from jianfu.services.audit_anchor import anchor_file
    from jianfu.services.database import open_app

    opened: list[Any] = []
    backend = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    empty = request.getfixturevalue("_pg_empty_template") if backend == "postgresql" else None

    def make(name: str, build: Callable[[Any], Any]) -> tuple[Any, Any]:
        def fill(folder: Path) -> tuple[str, Any]:
            if backend == "sqlite":
                source = url = str(folder / f"{name}.db")
            else:
                source, url = _new_pg_template(name, empty)
            with _data_dir(folder / "userdata"):
                context = open_app(url)
                context.operator = OPERATOR
                try:
                    result = build(context)
                finally:
                    context.database.close()
            return source, result

        if (backend, name) not in _built_templates:
            _built_templates[backend, name] = once_per_run(
                tmp_path_factory, f"{name}-{backend}-template", fill
            )
        source, result = _built_templates[backend, name]
        if backend == "sqlite":
            shutil.copyfile(source, db_url)
            if anchor_file(Path(source)).exists():
                shutil.copyfile(anchor_file(Path(source)), anchor_file(Path(db_url)))
        else:
            _copy_pg_template(db_url, source)
        context = open_app(db_url)
        context.operator = OPERATOR
        opened.append(context)
        return context, result

    yield make
    for context in opened:
        context.database.close()


#: the day the city tests' demo city is seeded as of
CITY_DAY = dt.date(2026, 11, 20)


def seed_city(ctx) -> tuple[dict[str, int], list[str]]:
    """The city demo at a hundredth of its size as of ``CITY_DAY``: (counts, progress lines).
    The city tests share it as ``db_template("city", seed_city)``: seeded once per run and
    backend (about 5 s quiet, 20 s loaded each time)."""
    from jianfu.demo.city import seed_demo_city

    lines: list[str] = []
    counts = seed_demo_city(ctx, scale=0.01, today=CITY_DAY, progress=lines.append)
    return counts, lines


@dataclasses.dataclass(frozen=True)
class County:
    """The demo township (清溪镇) and 石门乡 (with 石门乡一村) under 南屏县 on PostgreSQL, with a
    login role per person (``jianfu users add``): ``urls[who]`` connects as ``logins[who]``.

    People: ``clerk`` (清溪镇), ``clerk_b`` (石门乡), ``admin``, ``reviewer``, ``reviewer2`` and
    ``mechanism`` (南屏县). ``case_id`` is the demo's case waiting at 乡镇意见.
    """

    url: str
    urls: dict[str, str]
    logins: dict[str, str]
    ids: dict[str, int]
    town: str
    case_id: int


COUNTY_PEOPLE = {
    "clerk": ("clerk", "清溪镇"),
    "clerk_b": ("clerk", "石门乡"),
    "admin": ("admin", "南屏县"),
    "reviewer": ("reviewer", "南屏县"),
    "reviewer2": ("reviewer", "南屏县"),
    "mechanism": ("mechanism", "南屏县"),
}


@pytest.fixture(scope="session")
def _pg_county_template(
    tmp_path_factory: pytest.TempPathFactory, _pg_empty_template: str
) -> tuple[str, County]:
    """On PostgreSQL: the county of ``pg_county`` built once per run in a template database
    (by one worker under xdist, the others wait for it).

    The login roles live on the server, the rows naming them (``app_user``) and the grants in
    the template, so every copy of it has the same people. The roles' names end in a suffix
    drawn once per run: a server kept between runs already has older ones.
    """
    from sqlalchemy.engine import make_url

    url = os.environ[PG_URL_ENV]
    template, logins, ids, town_name, case_id = once_per_run(
        tmp_path_factory, "pg-county", lambda folder: _build_pg_county(folder, _pg_empty_template)
    )
    urls = {
        who: make_url(url).set(username=login).render_as_string(hide_password=False)
        for who, login in logins.items()
    }
    return template, County(url, urls, logins, ids, town_name, case_id)


def _build_pg_county(
    folder: Path, empty: str
) -> tuple[str, dict[str, str], dict[str, int], str, int]:
    """The county template, a copy of the empty template ``empty``: (its name, logins, unit
    ids by name, the township, the case)."""
    import uuid

    from sqlalchemy import select

    from jianfu.cli import main
    from jianfu.db.models import UnitRow
    from jianfu.db.models_tasks import AdmissionCaseRow
    from jianfu.demo.township import seed_demo
    from jianfu.domain.units import UnitType
    from jianfu.services.database import open_app

    template, template_url = _new_pg_template("county", empty)
    with _data_dir(folder / "userdata"):
        ctx = open_app(template_url)
        ctx.operator = "演示"  # the township's signature on the approval sheet
        seed_demo(ctx)
        with ctx.unit_of_work() as s:
            county, town = put_under_county(s)
            other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
            s.add(other)
            s.flush()
            s.add(UnitRow(name="石门乡一村", type=UnitType.VILLAGE.value, parent_id=other.id))
            ids = {"南屏县": county.id, town.name: town.id, other.name: other.id}
            town_name = town.name
            case_id = (
                s.execute(select(AdmissionCaseRow.id).where(AdmissionCaseRow.status == "乡镇意见"))
                .scalars()
                .first()
            )
        ctx.database.close()
        suffix = uuid.uuid4().hex[:6]
        logins = {who: f"{who}_{suffix}" for who in COUNTY_PEOPLE}
        out = io.StringIO()
        for who, (role, unit) in COUNTY_PEOPLE.items():
            args = ["users", "add", logins[who], "--role", role, "--unit", unit]
            with contextlib.redirect_stdout(out):
                assert main(["--database", template_url, *args]) == 0, out.getvalue()
    assert case_id is not None
    return template, logins, ids, town_name, case_id


@pytest.fixture
def pg_county(_pg_county_template: tuple[str, County]) -> County:
    """The test's PostgreSQL database made afresh as a copy of the county template: the demo
    township seeded and the login roles created once per run, not in every test or worker."""
    template, county = _pg_county_template
    _copy_pg_template(county.url, template)
    return county


def two_townships(ctx, *, villages: bool = False) -> dict[str, int]:
    """南屏县 with 清溪镇 and 石门乡 in an empty database (and ``一村`` in each when ``villages``):
    the ids by name. The county of the tests that need no demo data and no login roles."""
    from jianfu.db.models import UnitRow
    from jianfu.domain.units import UnitType

    ids: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        county = UnitRow(name="南屏县", type=UnitType.COUNTY.value)
        s.add(county)
        s.flush()
        ids["南屏县"] = county.id
        for town in ("清溪镇", "石门乡"):
            row = UnitRow(name=town, type=UnitType.TOWNSHIP.value, parent_id=county.id)
            s.add(row)
            s.flush()
            ids[town] = row.id
            if villages:
                s.add(UnitRow(name=town + "一村", type=UnitType.VILLAGE.value, parent_id=row.id))
    return ids


def put_under_county(session, county: str = "南屏县"):
    """Put the file's one township (the demo's) under a new county: (county row, township row).

    Tests of the levels above the township start from the demo township this way.
    """
    from sqlalchemy import select

    from jianfu.db.models import UnitRow
    from jianfu.domain.units import UnitType

    row = UnitRow(name=county, type=UnitType.COUNTY.value)
    session.add(row)
    session.flush()
    town = session.execute(
        select(UnitRow).where(UnitRow.type == UnitType.TOWNSHIP.value)
    ).scalar_one()
    town.parent_id = row.id
    return row, town


def person_under_county(ctx, role: str, name: str = ""):
    """The file's one township (the demo's) put under 南屏县 and a person of ``role`` (their
    login alike) there: the township's clerk, else one of the county (reviewer, mechanism,
    admin), called ``name`` (else the role). (The person, the township's name.)"""
    from jianfu.db.township import ConnectedPerson

    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        unit = town if role == "clerk" else county
        return ConnectedPerson(role, role, unit.id, unit.name, name or role), town.name


def same_village_twice(ctx, reviewer: str = "周审核"):
    """The demo township and 石门乡 put under 南屏县, each with a 清溪村 (a county has villages
    of one name in several townships): (the county's reviewer, not yet connected, the demo
    township's name, the id of 石门乡's 清溪村)."""
    from jianfu.db.models import UnitRow
    from jianfu.db.township import ConnectedPerson
    from jianfu.domain.units import UnitType

    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        village = UnitRow(name="清溪村", type=UnitType.VILLAGE.value, parent_id=other.id)
        s.add(village)
        s.flush()
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, reviewer)
        return person, town.name, village.id


def read_plain(ctx, read: Callable[[Any], T]) -> T:
    """``read(con)`` on a plain driver connection of ``ctx``'s database, as 首页's plain
    reading gets one: sqlite3's own on SQLite, ``ServerReads`` (``?`` marks) over psycopg's on
    PostgreSQL, whose transaction is rolled back after; the connection goes back to the pool."""
    from jianfu.db.plain_server import ServerReads

    pool_con = ctx.database.engine.raw_connection()
    try:
        raw = pool_con.driver_connection
        on_server = ctx.database.engine.dialect.name == "postgresql"
        try:
            return read(ServerReads(raw) if on_server else raw)
        finally:
            if on_server:
                raw.rollback()
    finally:
        pool_con.close()


class RecordingReads:
    """A plain connection (``?`` marks) that records what it is sent."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.sent: list[tuple[str, tuple[Any, ...]]] = []

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        self.sent.append((sql, tuple(parameters)))
        return self.con.execute(sql, parameters)


# Waits for the window are not timing assertions. On a shared 2-core machine under load a
# background reload can take longer than pytest-qt's default of 5 s, so every wait gets at
# least 30 s, also one that names a shorter timeout of its own (at load 10 five tests' waits
# of 5 and 10 s ran out, 6 December 2026): a wait whose condition holds returns at once, only
# a failing one waits longer before it fails. No test waits for something not to happen.
def _patient(wait: Callable[..., Any]) -> Callable[..., Any]:
    def patient(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["timeout"] = max(kwargs.get("timeout") or 0, 30_000)
        return wait(self, *args, **kwargs)

    return patient


QtBot.waitUntil = _patient(QtBot.waitUntil)  # type: ignore[method-assign]
QtBot.waitSignal = _patient(QtBot.waitSignal)  # type: ignore[method-assign]
QtBot.waitSignals = _patient(QtBot.waitSignals)  # type: ignore[method-assign]
