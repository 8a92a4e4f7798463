"""Saves made by other people on a shared PostgreSQL reach the open screens at once.

Migration 0022's triggers send a notification naming the table and the township when a
transaction commits (since 0023b on the township's own channel, which only those who may read
the township can name: tests/db/test_change_channels.py); the window's one listening
connection (``ui/change_feed.py``) turns it into the change signal the window's own saves emit.
Here two people work in one process, each with their own login and context, as on two
computers: the mechanism decides, the clerk's open 准入审批 screen shows it without a poll;
another township's save reaches nothing of the clerk's; the listener ends with the window.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from PySide6.QtCore import QThreadPool

from jianfu.cli import main
from jianfu.db.models import UnitRow
from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.demo.township import seed_demo
from jianfu.domain.cases import CaseAction
from jianfu.domain.certificates import CertificateInput
from jianfu.domain.units import UnitType
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from tests.conftest import put_under_county

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

ID_NUMBER = "11010519491231002X"


@pytest.fixture(scope="session")
def _others_county(tmp_path_factory) -> tuple[str, str, int, int]:
    """The demo township and 石门乡 under a county in a template database, made once per run
    (by one worker under xdist; seeding the demo on the server takes seconds): (template,
    the township's name, the case at 乡镇意见, 石门乡's id). The logins are made per test."""
    from tests.conftest import _data_dir, _new_pg_template, once_per_run

    def build(folder) -> tuple[str, str, int, int]:
        template, template_url = _new_pg_template("others_county")
        with _data_dir(folder / "userdata"):
            ctx = open_app(template_url)
            ctx.operator = "演示"
            seed_demo(ctx)
            with ctx.unit_of_work() as s:
                county, town = put_under_county(s)
                other = UnitRow(name="石门乡", type=UnitType.TOWNSHIP.value, parent_id=county.id)
                s.add(other)
                s.flush()
                s.add(UnitRow(name="石门乡一村", type=UnitType.VILLAGE.value, parent_id=other.id))
                town_name, other_id = town.name, other.id
                case_id = (
                    s.execute(
                        select(AdmissionCaseRow.id).where(AdmissionCaseRow.status == "乡镇意见")
                    )
                    .scalars()
                    .first()
                )
            ctx.database.close()
        assert case_id is not None
        return template, town_name, case_id, other_id

    return once_per_run(tmp_path_factory, "others-county", build)


@pytest.fixture
def county(_others_county):
    """The demo township and 石门乡 under a county (a copy of the run's template), a login
    each made for this test (clerks, reviewer, mechanism: the tests find their connections by
    login on the server); the demo's case at 乡镇意见 sent on to the mechanism."""
    from tests.conftest import _copy_pg_template

    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    template, town_name, case_id, other_id = _others_county
    _copy_pg_template(url, template)
    suffix = uuid.uuid4().hex[:6]
    people = {
        "clerk": ("clerk", town_name),
        "other_clerk": ("clerk", "石门乡"),
        "reviewer": ("reviewer", "南屏县"),
        "mechanism": ("mechanism", "南屏县"),
    }
    logins = {who: f"{who}_{suffix}" for who in people}
    for who, (role, unit) in people.items():
        args = ["users", "add", logins[who], "--role", role, "--unit", unit]
        assert main(["--database", url, *args]) == 0
    urls = {
        who: make_url(url).set(username=login).render_as_string(hide_password=False)
        for who, login in logins.items()
    }
    clerk = _services(urls["clerk"])
    clerk.cases.forward(case_id, "同意，请县里审核")
    clerk.ctx.database.close()
    reviewer = _services(urls["reviewer"])
    case = reviewer.cases.get(case_id)
    reviewer.cases.advance(case_id, CaseAction.REFER_TO_MECHANISM, case.version, comment="同意")
    reviewer.ctx.database.close()
    return url, urls, logins, case_id, other_id


def _services(url: str) -> Services:
    return Services.create(open_app(url))


@pytest.fixture
def clerk_window(county, qtbot):
    """The clerk's window, listening; closed (and its services) after the test."""
    from jianfu.ui.main_window import MainWindow

    _url, urls, _logins, _case_id, _other = county
    window = MainWindow(_services(urls["clerk"]))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.change_feed is not None
    qtbot.waitUntil(lambda: window.change_feed.listening, timeout=20000)
    yield window
    window.close()
    window.services.ctx.database.close()


def _status_shown(cases, case_id: int) -> str:
    for row in range(cases.model.rowCount()):
        summary = cases.model.row_at(row)
        if summary.case.id == case_id:
            return summary.case.status.value
    return ""


def test_the_clerks_open_cases_screen_shows_the_mechanisms_decision_without_a_poll(
    county, clerk_window, qtbot
):
    _url, urls, _logins, case_id, _other = county
    cases = clerk_window.show_screen("cases")
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "协调机制审批", timeout=20000)
    assert cases.select_case(case_id)
    assert not hasattr(cases, "poll_timer")
    mechanism = _services(urls["mechanism"])
    try:
        case = mechanism.cases.get(case_id)
        mechanism.cases.advance(
            case_id, CaseAction.REFUSE, case.version, comment="增加村级负担，不予准入"
        )
    finally:
        mechanism.ctx.database.close()
    # nothing clicked, no timer: the notification reloads the list and the case's detail
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "不予准入", timeout=20000)
    qtbot.waitUntil(lambda: "增加村级负担" in cases.detail.toPlainText(), timeout=20000)
    assert cases.selected() is not None and cases.selected().case.id == case_id


def test_new_channel_names_and_the_window_listens_again(county, clerk_window, qtbot):
    """The owner draws new names for the townships' channels (0023b): the open window hears it
    on the shared channel, opens its listening connection again on the new name, and the
    mechanism's next decision still reaches the clerk's screen."""
    url, urls, _logins, case_id, _other = county
    listener = clerk_window.change_feed
    cases = clerk_window.show_screen("cases")
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "协调机制审批", timeout=20000)
    before = listener.feed.channels
    owner = create_engine(url)
    with owner.begin() as con:
        con.execute(text("SELECT jianfu_renew_change_channels()"))
    owner.dispose()
    qtbot.waitUntil(
        lambda: listener.listening and listener.feed.channels not in (before, None),
        timeout=20000,
    )
    assert "jianfu_changes" in listener.feed.channels and len(listener.feed.channels) == 2
    mechanism = _services(urls["mechanism"])
    try:
        case = mechanism.cases.get(case_id)
        mechanism.cases.advance(case_id, CaseAction.REFUSE, case.version, comment="不予准入")
    finally:
        mechanism.ctx.database.close()
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "不予准入", timeout=20000)


def test_a_hidden_screen_catches_up_when_shown_and_the_command_line_is_heard_too(
    county, clerk_window, qtbot
):
    _url, urls, _logins, case_id, _other = county
    cases = clerk_window.show_screen("cases")
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "协调机制审批", timeout=20000)
    clerk_window.show_screen("dashboard")
    heard = []
    clerk_window.changes.sig_changed.connect(heard.append)
    # the decision through the command line: the trigger announces it like the app's saves
    opinion = ["--refuse", "--opinion", "不予准入"]
    assert main(["--database", urls["mechanism"], "cases", "decide", str(case_id), *opinion]) == 0
    qtbot.waitUntil(lambda: any(c.touches(("case",)) for c in heard), timeout=20000)
    assert all(c.remote for c in heard)
    assert _status_shown(cases, case_id) == "协调机制审批"  # hidden: not read yet
    clerk_window.show_screen("cases")
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "不予准入", timeout=20000)


def test_another_townships_save_reaches_nothing_of_the_clerks(county, clerk_window, qtbot):
    url, urls, _logins, _case_id, other_id = county
    feed = clerk_window.change_feed.feed
    assert feed is not None
    certificates = clerk_window.show_screen("certificates")
    clerk_window.tasks.wait_all()
    heard = []
    clerk_window.changes.sig_changed.connect(heard.append)
    dropped = feed.dropped
    # the clerk's feed listens on the shared channel and their own township's only (0023b)
    own_channel = next(c for c in feed.channels if c != "jianfu_changes")
    # what the owner listening on 石门乡's channel hears: the table and the township only
    raw = psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    raw.autocommit = True
    other_channel = raw.execute(
        "SELECT channel FROM change_channel WHERE township_id = %s", (other_id,)
    ).fetchone()[0]
    assert other_channel not in feed.channels and own_channel != other_channel
    raw.execute(f"LISTEN {other_channel}")
    other = _services(urls["other_clerk"])
    try:
        village = next(v for v in other.certificates.villages() if v.name == "石门乡一村")
        other.certificates.register(
            CertificateInput(dt.date.today(), "李四", "居住证明", village.id, id_number=ID_NUMBER)
        )
    finally:
        other.ctx.database.close()
    payloads = [n.payload for n in raw.notifies(timeout=5, stop_after=1)]
    raw.close()
    assert payloads == [f"certificate_request:{other_id}"]
    assert all(re.fullmatch(r"[a-z_]+(:\d+)?", p) for p in payloads)
    clerk_window.tasks.wait_all()
    qtbot.wait(400)
    assert feed.take() == {} and feed.dropped == dropped  # never sent to the clerk at all
    qtbot.wait(400)  # longer than the feed's gathering: nothing was handed on
    assert heard == []
    shown = [certificates.model.row_at(r) for r in range(certificates.model.rowCount())]
    assert shown and not any("李四" in repr(r) for r in shown)


def test_the_listener_stops_with_the_window_and_leaves_no_connection(county, qtbot):
    from jianfu.ui.main_window import MainWindow

    url, urls, logins, _case_id, _other = county
    window = MainWindow(_services(urls["clerk"]))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.change_feed.listening, timeout=20000)
    owner = create_engine(url)

    def listening() -> int:
        with owner.connect() as con:
            return con.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = :login "
                    "AND query LIKE 'LISTEN%'"
                ),
                {"login": logins["clerk"]},
            ).scalar_one()

    try:
        assert listening() == 1
        window.close()
        assert not window.change_feed.listening and window.change_feed.feed is None
        assert QThreadPool.globalInstance().activeThreadCount() == 0
        qtbot.waitUntil(lambda: listening() == 0, timeout=10000)
    finally:
        owner.dispose()
        window.services.ctx.database.close()


def test_the_listener_reconnects_when_the_server_drops_it(county, clerk_window, qtbot):
    url, urls, logins, case_id, _other = county
    listener = clerk_window.change_feed
    old = listener.feed
    owner = create_engine(url)
    with owner.connect() as con:  # what a server restart does to the connection
        con.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = :login AND query LIKE 'LISTEN%'"
            ),
            {"login": logins["clerk"]},
        )
    owner.dispose()
    qtbot.waitUntil(lambda: listener.listening and listener.feed is not old, timeout=20000)
    cases = clerk_window.show_screen("cases")
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "协调机制审批", timeout=20000)
    mechanism = _services(urls["mechanism"])
    try:
        case = mechanism.cases.get(case_id)
        mechanism.cases.advance(case_id, CaseAction.REFUSE, case.version, comment="不同意")
    finally:
        mechanism.ctx.database.close()
    qtbot.waitUntil(lambda: _status_shown(cases, case_id) == "不予准入", timeout=20000)


#: the app as the clerk starts it; "listening": it quits once the listener is listening
_APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jianfu.ui import change_feed
start = change_feed.ChangeFeedListener.start
def start_then_quit(self):
    if {listening}:
        self.sig_listening.connect(lambda on: on and QTimer.singleShot(0, QApplication.quit))
    start(self)
change_feed.ChangeFeedListener.start = start_then_quit
from jianfu.app import run_gui
code = run_gui({url!r})
import gc, psycopg
gc.collect()
still_open = [o for o in gc.get_objects() if isinstance(o, psycopg.Connection) and not o.closed]
print("open connections:", len(still_open))
sys.exit(code)
"""


@pytest.mark.parametrize("listening", [True, False], ids=["listening", "connecting"])
def test_the_app_quits_cleanly_with_its_listener(county, tmp_path, listening):
    """The real start and end of the app as the clerk, quitting once the listener listens or
    while it is still connecting: its connection is closed at the end, nothing is printed (no
    traceback, no connection left to the collector)."""
    _url, urls, _logins, _case_id, _other = county
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JIANFU_DATA_DIR=str(tmp_path / "userdata"),
        PYTHONPATH=os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")]),
    )
    if not listening:
        env["JIANFU_QUIT_AFTER_START"] = "1"  # as soon as 首页 is filled
    script = _APP.format(listening=listening, url=urls["clerk"])
    proc = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "always", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "open connections: 0" in proc.stdout
    noise = [
        line
        for line in proc.stderr.splitlines()
        if "Traceback" in line or "Warning" in line or "Exception ignored" in line
    ]
    assert noise == [], proc.stderr
