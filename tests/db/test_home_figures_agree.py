"""首页's reading (``first_screen_plain``: at start-up and after every save) and the ORM's
``ReportService.build`` (the printed 统计报表) count the same figures, on the demo at each
scale: the township (SQLite and PostgreSQL), the county with a login per person (PostgreSQL:
row-level security decides what each reads) and the city (at a hundredth of its size, both),
for each level's report. A read on a connection of the app's pool leaves it as it was; a
connection dropped mid-read leaves 首页 to the ORM."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from jianfu.db.models import UnitRow
from jianfu.domain.periods import current_period
from jianfu.domain.units import UnitType
from jianfu.services import first_screen_plain
from jianfu.services.dashboard import load_dashboard
from jianfu.services.database import open_app
from jianfu.services.first_screen_plain import read_dashboard
from jianfu.services.registry import Services
from jianfu.services.report import ReportService
from tests.conftest import CITY_DAY, read_plain, seed_city

TODAY = dt.date.today()


def _shown(report):
    """What 首页 shows of a report, as the print counts it: every row's figures, the
    totals, the previous period's, the tasks counted once, each ledger's first day (the
    departments named on the print are neither shown on 首页 nor read by its reading)."""
    return (
        [(r.unit_id, r.name, r.figures.as_list(), r.note, r.villages) for r in report.rows],
        report.total.as_list(),
        report.previous_total.as_list(),
        report.distinct_tasks.as_list(),
        report.village_count,
        report.row_label,
        dict(report.first_records),  # 上期无记录 where a ledger began after the previous period
    )


def _plain_report(ctx, unit: UnitRow, day: dt.date):
    """``unit``'s quarter as 首页's reading counts it, on a connection of ``ctx``'s pool."""
    from jianfu.services.first_screen_plain import _Report

    server = ctx.database.sqlite_path is None
    target = (unit.id, unit.name, unit.type)
    return read_plain(
        ctx, lambda con: _Report(con, target, server=server).build(current_period(day), today=day)
    )


def _agree_per_unit(ctx, units: list[UnitRow], day: dt.date) -> None:
    """Each unit's quarter (and the one before) alike in both readings, and not empty."""
    service = ReportService(ctx)
    for unit in units:
        orm = service.build(current_period(day), unit=unit.id, today=day)
        assert _shown(_plain_report(ctx, unit, day)) == _shown(orm), unit.name
    assert any(not service.build(current_period(day), unit=u.id).is_empty for u in units)


def _agree_as_connected(ctx, day: dt.date) -> None:
    """首页 of the connected person (or the file's township) read as a start and a refresh
    read it, and through the services: the same report, reminders and all."""
    services = Services.create(ctx)
    plain = first_screen_plain.read_open(ctx.database, day, person=ctx.person)
    assert plain is not None
    orm = load_dashboard(services, today=day)
    assert _shown(plain.report) == _shown(orm.report)
    assert plain.reminders == orm.reminders
    assert _shown(ReportService(ctx).build(plain.period, today=day)) == _shown(plain.report)


def _units(ctx, *types: UnitType) -> list[UnitRow]:
    with ctx.unit_of_work() as s:
        rows = s.scalars(
            select(UnitRow).where(UnitRow.type.in_([t.value for t in types])).order_by(UnitRow.id)
        ).all()
        s.expunge_all()
        return list(rows)


def test_the_demo_township(demo_ctx):
    for day in (TODAY, TODAY - dt.timedelta(days=92)):
        _agree_per_unit(demo_ctx, _units(demo_ctx, UnitType.TOWNSHIP), day)
        _agree_as_connected(demo_ctx, day)


def test_the_demo_city_at_each_level(db_template):
    ctx, _ = db_template("city", seed_city)
    counties = _units(ctx, UnitType.COUNTY)
    towns = _units(ctx, UnitType.TOWNSHIP)
    assert len(counties) > 1 and len(towns) >= len(counties)
    # the city, each county, each township
    _agree_per_unit(ctx, [*_units(ctx, UnitType.CITY), *counties, *towns], CITY_DAY)
    _agree_as_connected(ctx, CITY_DAY)


def _seed_county(ctx):
    from jianfu.demo.county import seed_demo_county

    return seed_demo_county(ctx, passwords=False)


def test_the_demo_county_as_each_person(db_url, db_template):
    if not db_url.startswith("postgresql"):
        pytest.skip("the county demo is made on a shared PostgreSQL only")
    ctx, demo = db_template("county-demo", _seed_county)
    # the owner (no row-level security): each level's report alike
    _agree_per_unit(ctx, _units(ctx, UnitType.CITY, UnitType.COUNTY, UnitType.TOWNSHIP), TODAY)
    _agree_as_connected(ctx, TODAY)
    # each person, as their login: what the server lets them read, alike in both readings
    owner = ctx.database.engine.url.render_as_string(hide_password=False)
    people = [p for p in demo.logins if p.role != "admin"]
    assert {p.role for p in people} == {"clerk", "reviewer", "mechanism"}
    for person in people:
        mine = open_app(make_url(owner).set(username=person.login).render_as_string(False))
        try:
            _agree_as_connected(mine, TODAY)
        finally:
            mine.database.close()


def test_a_read_on_the_pools_connection_leaves_it_as_it_was(demo_ctx):
    """The snapshot's isolation, read-only and search path are the reading's alone: the
    pool's next user (a save) gets the connection as it was."""
    database = demo_ctx.database

    def state(con):
        if database.sqlite_path is not None:
            return (con.in_transaction, con.isolation_level)
        path = con.execute("SHOW search_path").fetchone()
        con.rollback()
        return (con.isolation_level, con.read_only, con.autocommit, path)

    before = read_plain(demo_ctx, lambda con: state(getattr(con, "con", con)))
    assert first_screen_plain.read_open(database) is not None
    assert read_plain(demo_ctx, lambda con: state(getattr(con, "con", con))) == before
    services = Services.create(demo_ctx)  # a save after it is not refused as read-only
    board = services.boards.page(_pending(), 0, 1).rows[0]
    assert services.boards.dispose([board.id], "摘除", TODAY) == 1


def test_services_acting_for_another_person_are_read_through_the_orm(demo_ctx):
    """A person the services act for that is not the login's (on a file: anyone) is not the
    start's reading: 首页 is read for them through the ORM."""
    from jianfu.db.township import ConnectedPerson

    with demo_ctx.unit_of_work() as s:
        town = s.scalars(select(UnitRow).where(UnitRow.type == UnitType.TOWNSHIP.value)).one()
        person = ConnectedPerson("someone", "clerk", town.id, town.name, "某经办")
    assert first_screen_plain.read_open(demo_ctx.database) is not None
    assert first_screen_plain.read_open(demo_ctx.database, person=person) is None


def _pending():
    from jianfu.domain.boards import BoardFilter, BoardStatus

    return BoardFilter(status=BoardStatus.PENDING.value)


def test_a_connection_dropped_mid_read_is_left_to_the_orm(demo_ctx, monkeypatch):
    """The server drops the connection while 首页 is read: that connection leaves the pool,
    and 首页 is read through the services on a new one, as a start does."""
    if demo_ctx.database.sqlite_path is not None:
        pytest.skip("a file is not dropped")
    import psycopg

    from jianfu.db import plain_reads

    dropped = []
    real = plain_reads.cases

    def drop_then_read(con, *args, **kwargs):
        raw = con.con
        pid = raw.info.backend_pid
        owner = demo_ctx.database.engine.url.set(drivername="postgresql")
        with psycopg.connect(owner.render_as_string(hide_password=False)) as other:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        dropped.append(pid)
        return real(con, *args, **kwargs)

    monkeypatch.setattr(plain_reads, "cases", drop_then_read)
    assert first_screen_plain.read_open(demo_ctx.database) is None
    assert dropped
    monkeypatch.setattr(plain_reads, "cases", real)
    services = Services.create(demo_ctx)
    shown = read_dashboard(services)
    assert _shown(shown.report) == _shown(load_dashboard(services).report)
    assert not shown.problems
