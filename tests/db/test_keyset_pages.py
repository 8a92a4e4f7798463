"""Deep pages by key (services.page_keys): the rows and their order are those of OFFSET paging.

The screens load a register page after page from offset 0; a service starts each further page
right after the previous page's last row. Walking a register so must give exactly the rows of
one read in the register's order, with every filter, and a reload after a change must neither
skip nor repeat a row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.db.repositories import boards as boards_repo
from jianfu.db.repositories import certificates as certificates_repo
from jianfu.db.repositories import tasks as tasks_repo
from jianfu.db.repositories.certificates import CertificateFilter
from jianfu.db.repositories.tasks import TaskFilter
from jianfu.domain.boards import SORT_KEYS, BoardFilter, BoardStatus
from jianfu.domain.certificates import CertificateInput, Outcome
from jianfu.domain.tasks import TaskDecision
from jianfu.services.boards import BoardsService
from jianfu.services.certificates import CertificatesService
from jianfu.services.registry import Services


def _walk(fetch, size: int) -> tuple[list[int], set[int]]:
    """Every row's id, a page of ``size`` after another from offset 0 as the screens ask."""
    ids: list[int] = []
    totals = set()
    while True:
        page = fetch(len(ids), size)
        totals.add(page.total)
        ids += [r.id for r in page.rows]
        if not page.has_more:
            return ids, totals


def _offset_ids(read, count: int) -> list[int]:
    """The same rows read by OFFSET alone, in pages of 50 (no key involved)."""
    ids: list[int] = []
    while len(ids) < count:
        rows = read(len(ids), 50).rows
        if not rows:
            break
        ids += [r.id for r in rows]
    return ids


@pytest.fixture
def services(demo_ctx) -> Services:
    return Services.create(demo_ctx)


def _more_certificates(service: CertificatesService, n: int = 30) -> None:
    """Requests sharing a few dates (ties the order has to break the same way every time)."""
    village = service.villages()[0].id
    for i in range(n):
        service.register(
            CertificateInput(
                request_date=dt.date(2026, 3, 1 + i % 3),
                applicant_name=f"王小{i:02d}",
                subject="居住证明",
                village_id=village,
                purpose="办理贷款",
                agency="宁川农商银行",
            )
        )


@pytest.mark.parametrize(
    "f",
    [
        CertificateFilter(),
        CertificateFilter(query="王"),
        CertificateFilter(outcome=Outcome.PENDING),
        CertificateFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)),
    ],
    ids=["all", "search", "outcome", "period"],
)
def test_certificate_pages_by_key_are_the_register_in_its_order(services, f) -> None:
    service = services.certificates
    _more_certificates(service)
    with service.ctx.unit_of_work() as s:
        total = certificates_repo.page(s, f, 0, 10**6).total

        def by_offset(offset: int, limit: int):
            return certificates_repo.page(s, f, offset, limit)

        expected = _offset_ids(by_offset, total)
        rows = certificates_repo.page(s, f, 0, 10**6).rows
    # the register's order: newest first, then year, number and id, every row in its place
    ordered = sorted(rows, key=lambda r: (r.request_date, r.year, r.seq, r.id), reverse=True)
    assert [r.id for r in ordered] == expected
    assert total > 7
    walked, totals = _walk(lambda offset, size: service.page(f, offset, size), 7)
    assert walked == expected
    assert totals == {total}


def test_a_reload_after_a_change_neither_skips_nor_repeats_a_certificate(services) -> None:
    service = services.certificates
    _more_certificates(service)
    f = CertificateFilter()
    first, _ = _walk(lambda offset, size: service.page(f, offset, size), 6)
    newest = service.register(
        CertificateInput(
            request_date=dt.date.today(),
            applicant_name="新来",
            subject="居住证明",
            village_id=service.villages()[0].id,
            purpose="办理贷款",
            agency="宁川农商银行",
        )
    )
    again, _ = _walk(lambda offset, size: service.page(f, offset, size), 6)
    assert again == [newest.id, *first]


@pytest.mark.parametrize(
    "f",
    [TaskFilter(), TaskFilter(decision=TaskDecision.UNLISTED), TaskFilter(query="村")],
    ids=["all", "decision", "search"],
)
def test_task_pages_by_key_are_the_list_in_its_order(services, f) -> None:
    tasks = services.tasks
    with tasks.ctx.unit_of_work() as s:
        everything = tasks_repo.tasks_page(s, f, 0, 10**6)

        def by_offset(offset: int, limit: int):
            return tasks_repo.tasks_page(s, f, offset, limit)

        expected = _offset_ids(by_offset, everything.total)
    ordered = sorted(everything.rows, key=lambda t: (t.data.received_on, t.id), reverse=True)
    assert [t.id for t in ordered] == expected
    assert everything.total >= 3
    walked, totals = _walk(lambda offset, size: tasks.page(f, offset, size), 2)
    assert walked == expected
    assert totals == {everything.total}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORT_KEYS)
def test_board_pages_by_key_are_the_ledger_in_its_order(demo_ctx, sort, descending) -> None:
    """Every sort of the ledger, both ways: walked page after page (keyset) as read by OFFSET,
    also where the sort column holds NULL (not disposed of) and where many rows tie on it."""
    boards = BoardsService(demo_ctx)
    f = BoardFilter(sort=sort, descending=descending)
    with demo_ctx.unit_of_work() as s:
        total = boards_repo.count(s, f)

        def by_offset(offset: int, limit: int):
            return boards_repo.page(s, f, offset, limit)

        expected = _offset_ids(by_offset, total)
        everything = boards_repo.page(s, f, 0, 10**6).rows
    assert len(expected) == total > 40
    if sort in ("disposition", "disposed_on"):  # the demo has both: NULL's place is tested
        values = [getattr(b, sort) for b in everything]
        assert None in values and any(v is not None for v in values)
    walked, totals = _walk(lambda offset, size: boards.page(f, offset, size), 7)
    assert walked == expected
    assert totals == {total}


@pytest.mark.parametrize("sort", ["disposition", "name", "village"])
def test_board_pages_by_key_keep_the_filter(demo_ctx, sort) -> None:
    boards = BoardsService(demo_ctx)
    f = BoardFilter(sort=sort, status=BoardStatus.PENDING.value, descending=True)
    with demo_ctx.unit_of_work() as s:
        total = boards_repo.count(s, f)
        expected = _offset_ids(lambda offset, limit: boards_repo.page(s, f, offset, limit), total)
    assert len(expected) == total > 3
    walked, _ = _walk(lambda offset, size: boards.page(f, offset, size), 3)
    assert walked == expected
