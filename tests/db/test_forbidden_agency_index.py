"""Migration 0027's index ranks the agencies asking for forbidden certificates over a period
(the 证明 screen's figures, the period report) from the index alone.

On the city demo (at a hundredth of its size): the register's figures with their agencies and
the report's agency counts are the same at 0026 (no such index) as at 0027, the migration goes
down and up again, and on SQLite both agency counts name the index as covering. Speed is
measured in ``tests/bench/certificates_open_figures.py``.
"""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import event, inspect, select

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models import UnitRow
from jianfu.db.repositories import report_figures
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.periods import current_period
from jianfu.domain.units import UnitType
from jianfu.services.registry import Services
from tests.conftest import CITY_DAY, seed_city

INDEX = "ix_certificate_request_forbidden_agency"
PERIODS = [current_period(CITY_DAY), current_period(CITY_DAY).previous()]


@pytest.fixture
def city(db_template):
    ctx, _ = db_template("city", seed_city)  # the city of test_demo_city: seeded once
    return ctx


def _towns(ctx) -> list[int]:
    with ctx.unit_of_work() as s:
        return list(
            s.execute(
                select(UnitRow.id)
                .where(UnitRow.type == UnitType.TOWNSHIP.value)
                .order_by(UnitRow.id)
            ).scalars()
        )


def _read(ctx) -> list[object]:
    """The register's figures (agencies ranked) and the report's agency counts, of the whole
    city and of one township, over two quarters."""
    services = Services.create(ctx)
    towns = _towns(ctx)
    out: list[object] = []
    for period in PERIODS:
        figures = services.certificates.figures(period.start, period.end)
        out.append(figures)
        for chosen in (towns, towns[:1]):
            with ctx.unit_of_work() as s:
                _per, agencies = report_figures.certificate_figures(
                    s, period.start, period.end, chosen
                )
            out.append(sorted(agencies.items()))
    return out


def _has_index(ctx) -> bool:
    with ctx.database.engine.connect() as con:
        return INDEX in {i["name"] for i in inspect(con).get_indexes("certificate_request")}


def test_the_agencies_are_the_same_without_the_index_and_it_goes_down_and_up(city):
    assert SCHEMA_HEAD >= "0027"
    at_head = _read(city)
    assert _has_index(city)
    assert any(f.agencies for f in at_head[::3])  # type: ignore[attr-defined]
    assert any(counts for counts in at_head[1::3])

    cfg = alembic_config()
    with city.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0026")
    assert not _has_index(city)
    assert _read(city) == at_head

    upgrade(city.database.engine)
    assert _has_index(city)
    assert _read(city) == at_head


def test_the_agencies_are_counted_from_the_index_on_sqlite(city):
    path = city.database.sqlite_path
    if path is None:
        pytest.skip("SQLite's plans (PostgreSQL plans by its statistics)")
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(city.database.engine, "before_cursor_execute", record)
    try:
        _read(city)
    finally:
        event.remove(city.database.engine, "before_cursor_execute", record)
    counts = [(s, p) for s, p in sent if "GROUP BY certificate_request.agency" in s]
    assert len(counts) == 3 * len(PERIODS)  # the figures, the report of the city, of a township
    with sqlite3.connect(path) as con:
        for statement, params in counts:
            plan = [r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            assert f"COVERING INDEX {INDEX} (verdict=? AND request_date>? AND" in plan[0], plan
