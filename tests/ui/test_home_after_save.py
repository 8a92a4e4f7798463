"""首页 read again after a save shows what a fresh start shows and what the ORM's report
counts, for each person: a township's clerk on a SQLite file (the save made on another screen
of the window; on a server: the database's owner), the county's reviewer and a city's
mechanism on PostgreSQL (a clerk's or the owner's save, heard from the server). It is read as
a start reads it (``first_screen_plain.read_open``), off the GUI thread, and not through
``ReportService.build`` (which was 476 ms of a city mechanism's refresh at city scale)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy.engine import make_url

from jianfu.domain.boards import BoardFilter, BoardStatus, Disposition
from jianfu.services import first_screen_plain
from jianfu.services.dashboard import load_dashboard
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from jianfu.services.report import ReportService
from jianfu.ui.dashboard.widget import view_of
from tests.conftest import seed_city


@pytest.fixture
def spied(monkeypatch):
    """Where 首页's readings ran: the threads of ``read_open`` and what it returned, and
    the calls of the ORM's ``ReportService.build``."""
    seen: dict[str, list] = {"plain": [], "orm": []}
    read_open, build = first_screen_plain.read_open, ReportService.build

    def spy_read_open(*args, **kwargs):
        found = read_open(*args, **kwargs)
        seen["plain"].append((threading.get_ident(), found is not None))
        return found

    def spy_build(self, *args, **kwargs):
        seen["orm"].append(threading.get_ident())
        return build(self, *args, **kwargs)

    monkeypatch.setattr(first_screen_plain, "read_open", spy_read_open)
    monkeypatch.setattr(ReportService, "build", spy_build)
    return seen


def _window(qtbot, services):
    from jianfu.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.dashboard is not None and not page.loading)
    return window, page


def _close(window) -> None:
    window.close()
    window.tasks.wait_all()
    window.services.ctx.database.close()


def _dispose(services, count: int) -> list[int]:
    """Take down ``count`` boards that wait for their disposition, today (a save that changes
    the quarter's cleaned and standing boards)."""
    page = services.boards.page(BoardFilter(status=BoardStatus.PENDING.value), 0, count)
    ids = [b.id for b in page.rows]
    assert len(ids) == count
    assert services.boards.dispose(ids, Disposition.REMOVE, dt.date.today()) == count
    return ids


def _shown(report):
    """What 首页 shows of a report, as the printed report counts it: every row's figures,
    the totals, the previous period's, the tasks counted once (not the departments named
    on the print, which 首页 neither shows nor reads)."""
    return (
        [(r.unit_id, r.name, r.figures.as_list(), r.note, r.villages) for r in report.rows],
        report.total.as_list(),
        report.previous_total.as_list(),
        report.distinct_tasks.as_list(),
        report.village_count,
    )


def _check_refreshed(page, services, fresh, spied, main) -> None:
    """The refreshed 首页 is the fresh start's (``fresh``), the ORM's 首页 and the ORM's
    report alike; it was read off the GUI thread, on the plain reading, without the ORM."""
    shown = page.dashboard
    refreshes, orm_builds = spied["plain"], list(spied["orm"])
    assert refreshes and all(done for _thread, done in refreshes)
    assert all(thread != main for thread, _done in refreshes)
    assert not orm_builds  # neither the window's first reading nor the one after the save
    assert fresh is not None
    assert view_of(shown) == view_of(fresh.dashboard)
    assert view_of(shown) == view_of(load_dashboard(services, today=shown.today))
    orm = ReportService(services.ctx).build(shown.period, today=shown.today)
    assert _shown(shown.report) == _shown(orm)


def _cleaned(page) -> int:
    return page.dashboard.report.total["boards_cleaned"]


def test_the_clerks_home_after_a_save_on_another_screen(qtbot, demo_ctx, spied):
    main = threading.get_ident()
    window, page = _window(qtbot, Services.create(demo_ctx))
    try:
        before = _cleaned(page)
        spied["plain"].clear()
        window.show_screen("boards")  # the save made on another screen
        window.show_screen("dashboard")
        qtbot.waitUntil(lambda: not page.loading)
        with qtbot.waitSignal(page.sig_loaded):  # the save reaches 首页 through the hub
            _dispose(window.services, 3)
        qtbot.waitUntil(lambda: not page.loading)
        assert _cleaned(page) == before + 3
        path = demo_ctx.database.sqlite_path
        if path is not None:  # a fresh start reads the file as it is now (the app still open)
            fresh = first_screen_plain.read(path)
        else:  # the demo's owner on the server, as a start reads it
            url = demo_ctx.database.engine.url.render_as_string(hide_password=False)
            fresh = first_screen_plain.read_server(url)
        _check_refreshed(page, window.services, fresh, spied, main)
    finally:
        _close(window)


def _hears_and_refreshes(qtbot, window, page, save) -> None:
    """``save()`` by someone else; 首页 read again when the server says so."""
    qtbot.waitUntil(lambda: window.change_feed is not None and window.change_feed.listening)
    before = _cleaned(page)
    save()
    qtbot.waitUntil(lambda: page.dashboard is not None and _cleaned(page) > before)
    qtbot.waitUntil(lambda: not page.loading)


def test_the_county_reviewers_home_after_a_clerks_save(qtbot, pg_county, spied):
    main = threading.get_ident()
    url = pg_county.urls["reviewer"]
    window, page = _window(qtbot, Services.create(open_app(url)))
    try:
        spied["plain"].clear()
        clerk = Services.create(open_app(pg_county.urls["clerk"]))
        try:
            _hears_and_refreshes(qtbot, window, page, lambda: _dispose(clerk, 2))
        finally:
            clerk.ctx.database.close()
        assert page.dashboard.report.rolled_up  # the county's townships
        _check_refreshed(page, window.services, first_screen_plain.read_server(url), spied, main)
    finally:
        _close(window)


def test_the_city_mechanisms_home_after_the_owners_save(qtbot, db_template, spied):
    from jianfu.cli import main as cli

    ctx, _ = db_template("city", seed_city)
    if ctx.database.sqlite_path is not None:
        pytest.skip("a city's mechanism works on a shared PostgreSQL")
    main = threading.get_ident()
    owner_url = ctx.database.engine.url
    login = f"mechanism_{uuid.uuid4().hex[:6]}"
    owner = owner_url.render_as_string(hide_password=False)
    args = ["users", "add", login, "--role", "mechanism", "--unit", "宁川市"]
    assert cli(["--database", owner, *args]) == 0
    url = make_url(owner).set(username=login).render_as_string(hide_password=False)
    window, page = _window(qtbot, Services.create(open_app(url)))
    try:
        spied["plain"].clear()
        owner_services = Services.create(ctx)
        _hears_and_refreshes(qtbot, window, page, lambda: _dispose(owner_services, 4))
        report = page.dashboard.report
        assert report.rolled_up and report.row_label == "县(市、区)"
        _check_refreshed(page, window.services, first_screen_plain.read_server(url), spied, main)
    finally:
        _close(window)
