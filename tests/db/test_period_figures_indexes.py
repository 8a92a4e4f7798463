"""The indexes of migration 0024 serve the period report's counts (首页 shows its quarter).

On the city demo (at a hundredth of its size): the report of the whole city and of one
township gives the same figures at the previous head (0023c, no such indexes) as at 0024, the
migration goes down and up again, and on SQLite the report's certificate, board and task
statements read a period's rows from the new indexes (their plans name them), through the ORM
and through ``sqlite3`` (``db.plain_reads``, 首页 at a start with nothing kept), rather than
every row of every township. Speed is measured in ``tests/bench/city_figures.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import event, inspect, select

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models import UnitRow
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.period_report import units_in_period
from jianfu.domain.periods import current_period
from jianfu.domain.units import UnitType
from jianfu.services.registry import Services
from tests.conftest import CITY_DAY, seed_city

TODAY = CITY_DAY
PERIOD = current_period(TODAY)
INDEXES = {
    "certificate_request": "ix_certificate_request_township_date",
    "signboard": "ix_signboard_township_counts",
    "task_request": "ix_task_request_township_received",
}
#: the report's count of the agencies asking for forbidden certificates: since 0027 from that
#: migration's index (the period's forbidden requests, their township carried), not 0024's
AGENCIES = "certificate_request: agencies"
AGENCY_INDEX = "ix_certificate_request_forbidden_agency"

#: how each table's counts name their span of days
SPANS = {
    "certificate_request": ("request_date >=",),
    "signboard": ("registered_on <=",),
    "task_request": ("received_on BETWEEN",),
}


@pytest.fixture
def city(db_template):
    ctx, _ = db_template("city", seed_city)  # the city of test_demo_city: seeded once
    return ctx


def _units(ctx) -> tuple[int, list[int]]:
    with ctx.unit_of_work() as s:
        city = s.execute(select(UnitRow.id).where(UnitRow.type == UnitType.CITY.value)).scalar()
        towns = s.execute(
            select(UnitRow.id).where(UnitRow.type == UnitType.TOWNSHIP.value).order_by(UnitRow.id)
        ).scalars()
        return city, list(towns)


def _figures(ctx) -> list[object]:
    """The reports of the city and of each township, this quarter and a past one."""
    services = Services.create(ctx)
    city, towns = _units(ctx)
    out: list[object] = []
    for unit in (city, *towns):
        for period in (PERIOD, PERIOD.previous().previous()):
            report = services.report.build(period, unit=unit, today=TODAY)
            out.append(
                (
                    unit,
                    period,
                    [(r.unit_id, r.figures) for r in report.rows],
                    report.previous_total,
                    report.distinct_tasks,
                    report.departments,
                )
            )
    return out


def _indexes(ctx) -> dict[str, set[str]]:
    with ctx.database.engine.connect() as con:
        found = inspect(con)
        return {t: {i["name"] or "" for i in found.get_indexes(t)} for t in INDEXES}


def _at(ctx, revision: str) -> None:
    cfg = alembic_config()
    with ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, revision)


def test_the_figures_are_the_same_without_the_indexes_and_they_go_down_and_up(city):
    assert SCHEMA_HEAD >= "0024"  # later revisions keep these indexes
    at_head = _figures(city)
    assert all(name in _indexes(city)[table] for table, name in INDEXES.items())
    assert any(any(not f.is_empty for _u, f in rows) for _u, _p, rows, *_ in at_head)

    _at(city, "0023c")
    assert not any(name in _indexes(city)[table] for table, name in INDEXES.items())
    assert _figures(city) == at_head

    upgrade(city.database.engine)
    assert all(name in _indexes(city)[table] for table, name in INDEXES.items())
    assert _figures(city) == at_head


def _plans(con: sqlite3.Connection, sent: list[tuple[str, object]]) -> dict[str, list[str]]:
    """The query plan of each statement on the tables of ``INDEXES`` that counts a span."""
    out: dict[str, list[str]] = {}
    for statement, params in sent:
        flat = " ".join(statement.split())
        table = next((t for t in INDEXES if f"FROM {t} " in f"{flat} "), None)
        if table is None or not any(span in flat for span in SPANS[table]):
            continue  # not one of the counts (e.g. whether a ledger holds any row at all)
        plan = [r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
        if "GROUP BY certificate_request.agency" in flat:
            table = AGENCIES
        out.setdefault(table, []).append(" / ".join(plan))
    return out


def _assert_served(plans: dict[str, list[str]], *, agencies: bool = False) -> None:
    assert set(plans) == set(INDEXES) | ({AGENCIES} if agencies else set()), plans
    for table, found in plans.items():
        for plan in found:
            first = plan.split(" / ")[0]
            if table == AGENCIES:
                assert f"COVERING INDEX {AGENCY_INDEX} (verdict=? AND request_date>?" in first
                continue
            assert f"INDEX {INDEXES[table]} (township_id=?" in first, (table, plan)
    # the certificates and the boards are counted from the index alone
    for table in ("certificate_request", "signboard"):
        assert any(f"COVERING INDEX {INDEXES[table]}" in p for p in plans[table]), plans[table]


@contextmanager
def _recorded(ctx) -> Iterator[list[tuple[str, object]]]:
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(ctx.database.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", record)


def test_the_report_reads_a_period_from_the_indexes_on_sqlite(city):
    path = city.database.sqlite_path
    if path is None:
        pytest.skip("SQLite's plans (PostgreSQL plans by its statistics)")
    city_id, towns = _units(city)
    services = Services.create(city)
    with _recorded(city) as sent:
        services.report.build(PERIOD, unit=city_id, today=TODAY)
    with sqlite3.connect(path) as con:
        _assert_served(_plans(con, sent), agencies=True)

    # the same counts read through sqlite3 for 首页 (one township, as a start reads it)
    from jianfu.db import plain_reads as reads

    con = reads.connect(path)
    assert con is not None
    traced: list[tuple[str, object]] = []
    try:
        con.set_trace_callback(lambda sql: traced.append((sql, ())))
        villages = reads.unit_spans(con, towns[:1])
        present = [u.unit_id for u in units_in_period(villages, PERIOD)]
        sources = reads.ReportSources(con)
        sources.task_figures(PERIOD.start, PERIOD.end, towns[:1], villages, present)
        sources.certificate_figures(PERIOD.start, PERIOD.end, towns[:1])
        sources.board_figures(PERIOD.start, PERIOD.end, towns[:1])
        con.set_trace_callback(None)
        _assert_served(_plans(con, traced))
    finally:
        con.close()


def test_the_reports_certificate_columns_are_the_registers_counts(city):
    """The report groups the certificates' columns in SQL; the register's statistics
    (``certificates.figures``, the 证明 screen's) count the same for every village."""
    from jianfu.db.repositories import certificates as certificates_repo
    from jianfu.db.repositories import report_figures

    _city, towns = _units(city)
    with city.unit_of_work() as s:
        for chosen in ([*towns], towns[:1], towns[1:]):
            for period in (PERIOD, PERIOD.previous(), PERIOD.previous().previous()):
                start, end = period.start, period.end
                got, agencies = report_figures.certificate_figures(s, start, end, chosen)
                register = certificates_repo.figures(
                    s, start, end, top_agencies=10_000, township_ids=chosen
                )
                want = {
                    v.village_id: {
                        "certs_issued": v.issued,
                        "certs_refused": v.refused,
                        "certs_unlisted": v.unlisted,
                    }
                    for v in register.villages
                    if v.village_id is not None and (v.issued or v.refused or v.unlisted)
                }
                found = {u: dict(c) for u, c in got.items() if +c}
                assert found == want, (chosen, period)
                assert agencies == {a.agency: a.count for a in register.agencies}
                assert sum(sum(c.values()) for c in got.values()) > 0 or period != PERIOD
