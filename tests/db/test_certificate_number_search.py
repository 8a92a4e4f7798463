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
