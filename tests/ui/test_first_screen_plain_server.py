"""首页 of a shared PostgreSQL read through plain psycopg before SQLAlchemy loads
(``first_screen_plain.read_server``, ``db.plain_server``) is what the ORM's reading shows
(``load_dashboard`` through the services) for the same login, figure by figure and reminder by
reminder: a township's clerk (each sees only their township: the server's row-level
security, not the reading, decides), the county's reviewer and the mechanism; the database's
owner and an administrator are left to the ORM; a start on a server shows it before SQLAlchemy
is imported."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jianfu.services import first_screen_plain

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()
DAYS = sorted(
    {
        TODAY,
        TODAY + dt.timedelta(days=3),
        TODAY + dt.timedelta(days=20),
        TODAY + dt.timedelta(days=95),
        TODAY - dt.timedelta(days=120),
    }
)


def _json(shown):
    return json.loads(json.dumps(shown, ensure_ascii=False))


def _plain(url, day):
    from jianfu.ui.dashboard.widget import view_of
    from jianfu.ui.main_window import server_first_screen

    read = first_screen_plain.read_server(url, day)
    assert read is not None
    return _json(
        server_first_screen(view_of(read.dashboard), read.township_name, read.database, read.above)
    )


def _orm(qtbot, url, days):
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services
    from jianfu.ui.main_window import MainWindow

    ctx = open_app(url)
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.attach(Services.create(ctx))
        window.tasks.wait_all()
        shown = []
        for day in days:
            orm = window.first_screen_of(load_dashboard(window.services, today=day))
            shown.append(_json(orm))
            # read again with the database open (after a save) as a start reads it, alike
            assert _json(window.first_screen_on(day)) == shown[-1], day
        return shown
    finally:
        if window.change_feed is not None:
            window.change_feed.stop()
        window.tasks.wait_all()
        ctx.database.close()


@pytest.fixture
def county(pg_county):
    """The county with the demo's case at 乡镇意见 sent on to the county (the reviewer's queue
    holds one) and a second one waiting at the township."""
    from jianfu.services.database import open_app
    from jianfu.services.registry import Services

    services = Services.create(open_app(pg_county.urls["clerk"]))
    try:
        services.cases.forward(pg_county.case_id, "同意，请县里审核")
    finally:
        services.ctx.database.close()
    return pg_county


def test_each_person_reads_the_same_as_through_the_orm(qtbot, county):
    shown = {}
    for who in ("clerk", "clerk_b", "reviewer", "mechanism", "owner"):
        url = county.url if who == "owner" else county.urls[who]
        orm = _orm(qtbot, url, DAYS)
        plain = [_plain(url, day) for day in DAYS]
        for day, a, b in zip(DAYS, plain, orm, strict=True):
            assert a == b, (who, day)
        shown[who] = plain[0]
    clerk, other, reviewer = shown["clerk"], shown["clerk_b"], shown["reviewer"]
    # real figures and reminders, each person's own
    assert any(v for v, *_ in clerk["view"]["cards"].values())
    assert clerk["view"]["reminders"]
    assert clerk["window_title"] == county.town and "乡镇经办" in clerk["database"]
    # 石门乡's clerk sees nothing of 清溪镇's: its township has recorded nothing
    assert not any(v for v, *_ in other["view"]["cards"].values())
    assert not other["view"]["reminders"]
    # the county: a row per township, its queue first
    assert reviewer["window_title"] == "南屏县" and "县级审核" in reviewer["database"]
    assert "乡镇(街道) 2 个" in reviewer["view"]["status"]
    assert reviewer["view"]["reminders"][0]["kind"] == "待办案件"
    assert "1 件" in reviewer["view"]["reminders"][0]["text"]
    assert reviewer["view"]["cards"] == shown["mechanism"]["view"]["cards"]
    # the owner: the first township's figures, every township's reminders
    assert "数据库所有者" in shown["owner"]["database"]
    assert shown["owner"]["view"]["cards"] == clerk["view"]["cards"]


@pytest.fixture(params=["libpq", "psycopg"])
def transport(request, monkeypatch):
    """The reading through libpq (``db.libpq``, as a start reads) or through psycopg alone."""
    from jianfu.db import plain_server

    monkeypatch.setattr(plain_server, "TRANSPORTS", (request.param,))
    return request.param


def _reads_of(url):
    """The reads a start opens for ``url`` (closed)."""
    from jianfu.db import plain_server

    reads = plain_server.connect(plain_server.address(url))
    assert reads is not None
    reads.close()
    return type(reads).__name__


def test_libpq_and_psycopg_read_the_same(county, monkeypatch):
    """Each person's 首页 read through libpq (no psycopg imported) is the one read through
    psycopg, on every day: the township's clerks, the county's reviewer and mechanism, the
    owner."""
    from jianfu.db import plain_server

    urls = {w: county.urls[w] for w in ("clerk", "clerk_b", "reviewer", "mechanism")}
    urls["owner"] = county.url
    read = {}
    for transport in ("libpq", "psycopg"):
        monkeypatch.setattr(plain_server, "TRANSPORTS", (transport,))
        assert _reads_of(county.urls["clerk"]) == (
            "LibpqReads" if transport == "libpq" else "ServerReads"
        )
        read[transport] = {w: [_plain(url, day) for day in DAYS] for w, url in urls.items()}
    assert read["libpq"] == read["psycopg"]
    assert any(v for v, *_ in read["libpq"]["clerk"][0]["view"]["cards"].values())
    assert read["libpq"]["reviewer"][0]["view"]["reminders"]


def test_townships_joined_to_an_array_read_the_same(county, monkeypatch, transport):
    """A city's townships (``plain_server.JOIN_FROM`` or more) are joined to the array of
    their ids, other ids compared with it: with every list of ids bound so, each person's
    首页 is the one read with the lists compared (or written out)."""
    from jianfu.db import plain_server

    urls = [county.urls[w] for w in ("clerk", "reviewer", "mechanism")] + [county.url]
    compared = [[_plain(url, day) for day in DAYS] for url in urls]
    sent = []
    arrays = plain_server._arrays

    def noting(sql, values):
        bound = arrays(sql, values)
        sent.append(bound[0])
        return bound

    monkeypatch.setattr(plain_server, "ARRAY_FROM", 0)
    monkeypatch.setattr(plain_server, "JOIN_FROM", 1)
    monkeypatch.setattr(plain_server, "_arrays", noting)
    joined = [[_plain(url, day) for day in DAYS] for url in urls]
    assert joined == compared
    assert any("township_id IN (SELECT unnest(?::bigint[]))" in sql for sql in sent)
    assert any("id = ANY(?::bigint[])" in sql for sql in sent)


def _shown(read):
    from jianfu.ui.dashboard.widget import view_of
    from jianfu.ui.main_window import server_first_screen

    assert read is not None
    return _json(
        server_first_screen(view_of(read.dashboard), read.township_name, read.database, read.above)
    )


def test_statements_sent_ahead_read_the_same(county, transport):
    """A reading keeps the statements it asked; the next start sends them at once, before
    首页's modules are imported (``plain_server.open_ahead``), and each answer is the one
    the statement gets when asked in the same snapshot: the same 首页, every statement
    answered from what was sent. A statement kept and not asked is answered and dropped; a
    kept one the server refuses leaves 首页 to the ORM once and is forgotten."""
    from jianfu.db import plain_server

    day = DAYS[0]
    for who in ("clerk", "reviewer", "mechanism"):
        url = county.urls[who]
        where = plain_server.address(url)
        first = _plain(url, day)  # nothing kept: asked one by one, then kept
        kept = plain_server.kept_statements(where, day)
        assert kept
        opened = plain_server.open_ahead(url, day)
        assert opened is not None
        reads = opened[1]
        assert _shown(first_screen_plain.read_server(url, day, opened=opened)) == first
        assert reads.sent == kept and reads.asked == kept
        assert not any(reads.ahead.values())  # every answer taken from those sent ahead
    url = county.urls["clerk"]
    path = plain_server.statements_file(plain_server.address(url))
    first = _plain(url, day)
    kept = json.loads(path.read_text("utf-8"))
    extra = dict(kept, statements=[["SELECT count(*) FROM unit", []], *kept["statements"]])
    path.write_text(json.dumps(extra), "utf-8")
    assert _plain(url, day) == first
    assert json.loads(path.read_text("utf-8"))["statements"] == kept["statements"]
    refused = dict(kept, statements=[["SELECT * FROM no_such_table_here", []], *kept["statements"]])
    path.write_text(json.dumps(refused), "utf-8")
    assert first_screen_plain.read_server(url, day) is None
    assert not path.exists()
    assert _plain(url, day) == first


def test_an_administrator_a_stranger_and_an_older_schema_are_left_to_the_orm(county, transport):
    import psycopg
    from sqlalchemy.engine import make_url

    assert first_screen_plain.read_server(county.urls["admin"]) is None
    u = make_url(county.url)
    stranger = f"stranger_{county.logins['clerk'].rsplit('_', 1)[-1]}"
    with psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True
    ) as con:
        con.execute(f"DROP ROLE IF EXISTS {stranger}")
        con.execute(f"CREATE ROLE {stranger} LOGIN")
        con.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {stranger}")
    try:
        # a login of the server that is no person here and does not own the database
        assert (
            first_screen_plain.read_server(u.set(username=stranger).render_as_string(False)) is None
        )
    finally:
        with psycopg.connect(
            host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True
        ) as con:
            con.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {stranger}")
            con.execute(f"DROP ROLE {stranger}")
    u = make_url(county.url)
    with psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True
    ) as con:
        con.execute("UPDATE alembic_version SET version_num = 'older'")
    assert first_screen_plain.read_server(county.urls["clerk"]) is None  # to be upgraded


def test_a_server_that_refuses_says_what_the_orm_says(pg_county):
    from sqlalchemy.engine import make_url

    from jianfu.domain.errors import DatabaseError
    from jianfu.services.database import open_app

    nobody = make_url(pg_county.url).set(username="no_such_login_here").render_as_string(False)
    with pytest.raises(DatabaseError) as plain:
        first_screen_plain.read_server(nobody)
    with pytest.raises(DatabaseError) as orm:
        open_app(nobody)
    assert str(plain.value) == str(orm.value)
    assert "无法连接数据库服务器" in str(plain.value)


def test_a_refused_login_with_a_password_shows_and_logs_no_password(pg_county, caplog):
    from sqlalchemy.engine import make_url

    from jianfu.domain.errors import DatabaseError

    secret = "Zx9-secret-word"
    nobody = (
        make_url(pg_county.url)
        .set(username="no_such_login_here", password=secret)
        .render_as_string(False)
    )
    with caplog.at_level("DEBUG"), pytest.raises(DatabaseError) as plain:
        first_screen_plain.read_server(nobody)
    assert secret not in str(plain.value) and secret not in caplog.text
    assert "no_such_login_here" in str(plain.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://clerk@db-host:5432/jianfu",
        "postgresql://clerk:s%40cret@db-host/jianfu",
        "postgresql+psycopg://clerk@localhost/jianfu?sslmode=require",
        "postgresql+psycopg:///jianfu",
        "postgresql+psycopg://%E5%BC%A0@127.0.0.1:5433/%E5%87%8F%E8%B4%9F",
    ],
)
def test_an_address_is_read_and_named_as_the_orm_reads_it(url):
    from jianfu.db import plain_server
    from jianfu.db.engine import describe, parse_url

    where = plain_server.address(url)
    parsed = parse_url(url)
    assert where is not None
    assert where.description == describe(parsed)
    assert where.params.get("user") == parsed.username
    assert where.params.get("password") == parsed.password
    assert where.params.get("host") == parsed.host
    assert where.params.get("dbname") == (parsed.database or None)
    assert where.params.get("port") == (str(parsed.port) if parsed.port else None)
    assert {k: v for k, v in where.params.items() if k not in {"user", "password", "host",
            "port", "dbname"}} == dict(parsed.query)  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/home/clerk/jianfu.db",
        "sqlite:////tmp/x.db",
        "mysql://a@b/c",
        "postgresql+psycopg://a@[::1]:5432/db",
        "postgresql+psycopg://a@h1,h2/db",
        "postgresql+psycopg://a@h/db?sslmode=a&sslmode=b",
        # read otherwise by SQLAlchemy: the ORM would connect elsewhere or refuse
        "postgresql+psycopg://clerk:p@ss@db-host/jianfu",
        "postgresql+psycopg://clerk@db%2Dhost/jianfu",
        "postgresql+psycopg://clerk@db-host:/jianfu",
        "POSTGRESQL://clerk@db-host/jianfu",
    ],
)
def test_other_addresses_are_left_to_the_orm(url):
    from jianfu.db import plain_server

    assert plain_server.address(url) is None


SCRIPT = """
import json, sys
import jianfu.app
at = {}
def mark(what):
    at[what] = sorted(sys.modules)
jianfu.app._mark = mark
code = jianfu.app.run_gui(sys.argv[1])
print(json.dumps({"code": code, "at_ready": at["ready"], "at_open": at["open"],
                  "marks": list(at)}))
"""


def _start_as_clerk(script: str, tmp_path, county) -> dict:
    """Run ``script`` (it starts the app) in a fresh process as the county's clerk, offscreen,
    quitting once started; what it printed last, as JSON."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=str(tmp_path),
        JIANFU_QUIT_AFTER_START="1",
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, county.urls["clerk"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_start_on_a_server_shows_the_first_screen_before_sqlalchemy_loads(tmp_path, county):
    started = _start_as_clerk(SCRIPT, tmp_path, county)
    assert started["marks"] == ["shown", "ready", "open", "quit", "closed"]
    ready = set(started["at_ready"])
    assert {"jianfu.db.plain_server", "jianfu.services.first_screen_plain"} <= ready
    # read through libpq's C API: psycopg (and the asyncio its package pulls in) loads later
    assert "jianfu.db.libpq" in ready
    assert not {m for m in ready if m == "psycopg" or m.startswith("psycopg.")}
    assert "asyncio" not in ready
    assert not {m for m in ready if m == "sqlalchemy" or m.startswith("sqlalchemy.")}
    assert "jianfu.db.engine" not in ready
    assert "sqlite3" not in ready  # a file's driver
    # nor the domain's modules 首页's reading does not need (test_startup_imports)
    assert not ready & {
        "jianfu.domain.lists",
        "jianfu.domain.holiday_notice",
        "jianfu.domain.burdens",
        "jianfu.domain.settings",
    }
    assert {"sqlalchemy.orm", "jianfu.services.registry"} <= set(started["at_open"])


def test_a_window_that_showed_the_plain_reading_reads_again_once_listening(qtbot, county):
    """What others saved between the plain reading and the change feed's listening is not
    lost: every kind is announced once it listens (``read_again_when_listening``)."""
    from jianfu.services.database import open_app
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.change_feed import ChangeFeedListener
    from jianfu.ui.changes import ChangeHub

    ctx = open_app(county.urls["clerk"])
    hub = ChangeHub()
    heard = []
    hub.sig_changed.connect(heard.append)
    runner = TaskRunner()
    listener = ChangeFeedListener(hub, ctx, runner)
    try:
        listener.read_again_when_listening()
        listener.start()
        qtbot.waitUntil(lambda: listener.listening, timeout=10_000)
        qtbot.waitUntil(lambda: bool(heard), timeout=5_000)
        assert heard[0].remote
    finally:
        listener.stop()
        runner.wait_all()
        ctx.database.close()


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_a_connection_dropped_mid_read_is_left_to_the_orm(county, monkeypatch, who, transport):
    """The server ends the connection while the reminders are read (after the report): no
    首页 with the error's text in place of the reminders, the ORM reads it."""
    from jianfu.db import plain_reads

    real = plain_reads.cases
    dropped = []

    def drop_then_read(con, *args, **kwargs):
        try:
            con.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        except con.errors:
            dropped.append(True)
        return real(con, *args, **kwargs)

    monkeypatch.setattr(plain_reads, "cases", drop_then_read)
    assert first_screen_plain.read_server(county.urls[who]) is None
    assert dropped


def test_a_refused_statement_is_left_to_the_orm(county, monkeypatch, transport):
    """A statement the server refuses aborts the snapshot: every reminder after it would fail
    too. The ORM reads 首页 instead."""
    from jianfu.db import plain_reads

    def refused(con, *args, **kwargs):
        return con.execute("SELECT * FROM no_such_table_here").fetchall()

    monkeypatch.setattr(plain_reads, "cases", refused)
    assert first_screen_plain.read_server(county.urls["reviewer"]) is None


def _as_owner(county, *statements):
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(county.url)
    with psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True
    ) as con:
        for statement in statements:
            con.execute(statement)


def test_a_schema_first_in_the_logins_search_path_does_not_stand_in(county, transport):
    """A schema put first in a clerk's search_path holding a forged app_user (the clerk made
    the county's mechanism) but no alembic_version: the plain reading reads only the login's
    current schema, finds no version there and leaves 首页 to the ORM (it had read the forged
    person and public's tables behind it, and shown a mechanism's 首页)."""
    from jianfu.domain.units import UnitType

    login = county.logins["clerk"]
    _as_owner(
        county,
        "CREATE SCHEMA shadow",
        "CREATE TABLE shadow.app_user AS SELECT * FROM public.app_user",
        "UPDATE shadow.app_user SET role = 'mechanism', unit_id = "
        f"(SELECT id FROM public.unit WHERE type = '{UnitType.COUNTY.value}' ORDER BY id LIMIT 1)",
        f"GRANT USAGE ON SCHEMA shadow TO {login}",
        f"GRANT SELECT ON shadow.app_user TO {login}",
        f"ALTER ROLE {login} SET search_path = shadow, public",
    )
    try:
        assert first_screen_plain.read_server(county.urls["clerk"]) is None
    finally:
        _as_owner(county, f"ALTER ROLE {login} RESET search_path", "DROP SCHEMA shadow CASCADE")


def test_a_schema_later_in_the_logins_search_path_cannot_redirect_the_reading(county, transport):
    """A schema after the tables' in the reviewer's search_path with a count(integer) and
    count(bigint) of its own (an exact match beats pg_catalog's count("any")): the plain
    reading is the same as with the login's usual path; its connection's path is pinned."""
    from jianfu.db import plain_server

    day = DAYS[0]
    before = _plain(county.urls["reviewer"], day)
    login = county.logins["reviewer"]
    forge = []
    for kind in ("integer", "bigint"):
        forge += [
            f"CREATE FUNCTION shadow.forge(bigint, {kind}) RETURNS bigint LANGUAGE sql "
            "AS 'SELECT $1 + 1000'",
            f"CREATE AGGREGATE shadow.count({kind}) (sfunc = shadow.forge, stype = bigint, "
            "initcond = '0')",
        ]
    _as_owner(
        county,
        "CREATE SCHEMA shadow",
        *forge,
        f"GRANT USAGE ON SCHEMA shadow TO {login}",
        f"ALTER ROLE {login} SET search_path = public, shadow",
    )
    try:
        assert _plain(county.urls["reviewer"], day) == before
        reads = plain_server.connect(plain_server.address(county.urls["reviewer"]))
        try:
            assert reads.execute("SHOW search_path").fetchone()[0] == '"public", pg_temp'
        finally:
            reads.close()
    finally:
        _as_owner(county, f"ALTER ROLE {login} RESET search_path", "DROP SCHEMA shadow CASCADE")


PASSWORD_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
import jianfu.app
from jianfu.db.server_refusals import refusal
from jianfu.ui.main_window import MainWindow
from jianfu.ui.widgets.password_dialog import PasswordDialog

read, seen, asked, shown = jianfu.app._read_server_first_screen, [], [], {}
def read_server(url):  # the server wants a password: none is in the address at first
    seen.append(url)
    if len(seen) == 1:
        raise refusal("PostgreSQL：服务器", "clerk_login", "fe_sendauth: no password supplied")
    return read(url)
def ask(parent, login, server, *, wrong):
    asked.append([login, server, wrong])
    return "pa@ss word"
def mark(what):
    if what == "open":
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        shown["database"] = window.database_label.text()
jianfu.app._read_server_first_screen = read_server
jianfu.app._mark = mark
PasswordDialog.ask = classmethod(lambda cls, *a, **k: ask(*a, **k))
code = jianfu.app.run_gui(sys.argv[1])
print(json.dumps({"code": code, "seen": seen, "asked": asked, "shown": shown}))
"""


def test_a_start_asks_for_the_password_the_server_wants_and_starts_again_with_it(tmp_path, county):
    """The server's "no password supplied" (libpq's English, with no way on) is a dialog
    asking for the login's password; the start begins again with it in the address, which the
    status bar does not show."""
    from sqlalchemy.engine import make_url

    started = _start_as_clerk(PASSWORD_SCRIPT, tmp_path, county)
    assert started["code"] == 0
    assert started["asked"] == [["clerk_login", "PostgreSQL：服务器", False]]
    first, again = (make_url(u) for u in started["seen"])
    assert first.password is None and again.password == "pa@ss word"
    assert (again.username, again.host, again.port, again.database) == (
        first.username,
        first.host,
        first.port,
        first.database,
    )
    label = started["shown"]["database"]
    assert label.endswith(f"{first.username}@{first.host}:{first.port}/{first.database}")
    assert "ss word" not in label and "ss%20word" not in label
