"""A register number typed into 证明's search: while it is being typed it finds every number
it begins (2026-001: 2026-0010 … 2026-0019), once complete that number; it read 2026-001 as
2026-0001 and the rows jumped from one number to another as the clerk typed."""

from __future__ import annotations

from sqlalchemy import select

from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.repositories.certificates import CertificateFilter
from jianfu.services.certificates import CertificatesService


def _serials(service: CertificatesService, query: str) -> set[str]:
    page = service.page(CertificateFilter(query=query), 0, 1000)
    assert page.total == len(page.rows)
    return {r.serial for r in page.rows}


def test_a_number_being_typed_narrows_the_rows_and_finds_the_number_once_complete(demo_ctx):
    service = CertificatesService(demo_ctx)
    every = _serials(service, "")
    assert {"2026-0001", "2026-0010", "2026-0012", "2026-0019"} <= every
    shown = every
    for typed in ("2026-", "2026-0", "2026-00", "2026-001", "2026-0012"):
        found = _serials(service, typed)
        # the numbers it begins, no other: each keystroke narrows what the one before found
        assert found == {s for s in every if s.startswith(typed)}, typed
        assert found <= shown, typed
        shown = found
    assert _serials(service, "2026-001") == {f"2026-00{n}" for n in range(10, 20)} & every
    assert _serials(service, "2026-0012") == {"2026-0012"}
    assert _serials(service, "2026-00012") == {"2026-0012"}  # leading zeros: the same number
    assert _serials(service, "2025-") == set() and _serials(service, "2026-0099") == set()


def test_a_number_past_four_digits_is_found_by_its_beginning(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        row = s.scalars(
            select(CertificateRequestRow).where(
                CertificateRequestRow.year == 2026, CertificateRequestRow.seq == 12
            )
        ).one()
        row.seq = 12345  # a register of more than 9,999 requests a year
    service = CertificatesService(demo_ctx)
    for typed in ("2026-1", "2026-12", "2026-123", "2026-1234", "2026-12345"):
        assert "2026-12345" in _serials(service, typed), typed
    assert "2026-12345" not in _serials(service, "2026-0")
    assert _serials(service, "2026-12345") == {"2026-12345"}


def test_a_year_typed_alone_finds_its_numbers_and_the_requests_that_name_it(demo_ctx):
    """2026 alone was a text search (a few requests naming 2026), 2026- the whole year: the
    rows jumped as the clerk typed on. A year, or its beginning, finds the numbers of the
    years it begins and the requests whose text holds it, each keystroke narrowing the rows."""
    with demo_ctx.unit_of_work() as s:
        row = s.scalars(
            select(CertificateRequestRow).where(
                CertificateRequestRow.year == 2026, CertificateRequestRow.seq == 3
            )
        ).one()
        row.year, row.seq = 2025, 41  # a request of last year's register …
        row.purpose = "办理2026年度城乡居民医保参保"  # … whose purpose names this year
    service = CertificatesService(demo_ctx)
    every = _serials(service, "")
    year = {s for s in every if s.startswith("2026-")}
    assert "2025-0041" in every and len(year) > 10
    shown = every
    for typed in ("2", "20", "202", "2026", "2026-", "2026-0", "2026-00"):
        found = _serials(service, typed)
        assert found <= shown, typed
        shown = found
    assert _serials(service, "2026") == year | {"2025-0041"}  # the year's, and the text's
    assert _serials(service, "2026-") == year
    assert _serials(service, "2025") == {"2025-0041"}
    assert _serials(service, "202") == every
    assert _serials(service, "2027") == set()
    # digits that begin no year are text alone, as before
    assert _serials(service, "0041") == set()
