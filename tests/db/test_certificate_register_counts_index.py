"""Migration 0026's index counts the register's figures of a period (the 证明 screen opens on
the quarter's) from the index alone when no township is named (a township's file, the owner).

On the city demo (at a hundredth of its size): the figures and the first page of the register
are the same at 0024 (no such index) as at 0026, the migration goes down and up again, and on
SQLite the count per village, outcome and verdict names the index as covering. Speed is
measured in ``tests/bench/certificates_open_figures.py``.
"""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import event, inspect

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.domain.periods import current_period
from jianfu.services.certificates import CertificateFilter
from jianfu.services.registry import Services
from tests.conftest import CITY_DAY, seed_city

INDEX = "ix_certificate_request_date_counts"
PERIODS = [current_period(CITY_DAY), current_period(CITY_DAY).previous()]


@pytest.fixture
def city(db_template):
    ctx, _ = db_template("city", seed_city)  # the city of test_demo_city: seeded once
    return ctx


def _read(ctx) -> list[object]:
    services = Services.create(ctx)
    out: list[object] = []
    for period in PERIODS:
        out.append(services.certificates.figures(period.start, period.end))
        page = services.certificates.page(CertificateFilter(start=period.start, end=period.end))
        out.append((page.total, [r.id for r in page.rows]))
    return out


def _has_index(ctx) -> bool:
    with ctx.database.engine.connect() as con:
        return INDEX in {i["name"] for i in inspect(con).get_indexes("certificate_request")}


def test_the_registers_figures_are_the_same_without_the_index(city):
    at_head = _read(city)
    assert _has_index(city)
    assert any(v.requests for f in at_head[::2] for v in f.villages)  # type: ignore[attr-defined]

    cfg = alembic_config()
    with city.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0024")
    assert not _has_index(city)
    assert _read(city) == at_head

    upgrade(city.database.engine)
    assert _has_index(city)
    assert _read(city) == at_head


def test_the_figures_are_counted_from_the_index_on_sqlite(city):
    path = city.database.sqlite_path
    if path is None:
        pytest.skip("SQLite's plans (PostgreSQL plans by its statistics)")
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(city.database.engine, "before_cursor_execute", record)
    try:
        period = PERIODS[0]
        Services.create(city).certificates.figures(period.start, period.end)
    finally:
        event.remove(city.database.engine, "before_cursor_execute", record)
    counts = [(s, p) for s, p in sent if "GROUP BY certificate_request.village_id" in s]
    assert counts, sent
    with sqlite3.connect(path) as con:
        for statement, params in counts:
            plan = [r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            assert f"COVERING INDEX {INDEX} (request_date>? AND request_date<?)" in plan[0], plan
