"""Names with characters outside the BMP (CJK Ext-B, e.g. 𠮷 U+20BB7) are stored as typed and
found by a search of one, two or three characters, on SQLite and PostgreSQL alike: by the
short index (1-2 characters), the trigram index (3 and more) and the plain scan."""

from __future__ import annotations

import pytest

from jianfu.db.repositories.certificates import CertificateFilter
from jianfu.services.certificates import CertificatesService
from tests.rare_names import register_applicants

PEOPLE = ("谢𠮷", "王𡒄华", "李䶮", "张堃", "谢吉")


@pytest.fixture
def service(demo_ctx) -> CertificatesService:
    return register_applicants(demo_ctx, PEOPLE)


def _names(service: CertificatesService, query: str) -> set[str]:
    page = service.page(CertificateFilter(query=query), 0, 1000)
    return {r.applicant_name for r in page.rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("𠮷", {"谢𠮷"}),
        ("谢𠮷", {"谢𠮷"}),
        ("谢", {"谢𠮷", "谢吉"}),
        ("𡒄", {"王𡒄华"}),
        ("𡒄华", {"王𡒄华"}),
        ("王𡒄华", {"王𡒄华"}),
        ("王𡒄", {"王𡒄华"}),
        ("䶮", {"李䶮"}),
        ("李䶮", {"李䶮"}),
        ("堃", {"张堃"}),
        ("吉", {"谢吉"}),  # 𠮷 is not 吉: no folding of one into the other
    ],
)
def test_a_name_outside_the_bmp_is_found_by_search(service, query, expected) -> None:
    found = _names(service, query)
    # the demo's own residents may share a character (龚䶮): of ours, exactly these are found
    assert found & set(PEOPLE) == expected


def test_the_name_is_stored_exactly_as_typed(service) -> None:
    rows = service.page(CertificateFilter(), 0, 1000).rows
    stored = {r.applicant_name for r in rows}
    assert set(PEOPLE) <= stored
    assert "\U00020bb7" in next(n for n in stored if n.startswith("谢") and n != "谢吉")
