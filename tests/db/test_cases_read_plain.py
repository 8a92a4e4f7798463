"""准入审批's cases are read as plain rows with their steps (not as ORM objects): the same
cases, steps and order as the ORM's reading, for a page, a search, the statuses of a queue
and the reminders' candidates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.db.repositories import tasks as repo
from jianfu.db.repositories.tasks import CaseFilter
from jianfu.domain.cases import PENDING_STATUSES, CaseStatus
from jianfu.services.registry import Services


def _by_orm(session, f: CaseFilter, offset: int, limit: int):
    stmt = repo._case_filtered(f).options(selectinload(AdmissionCaseRow.steps))
    order = (AdmissionCaseRow.received_on.desc(), AdmissionCaseRow.id.desc())
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit)).scalars()
    return [repo.case_to_domain(r) for r in rows]


def test_cases_read_plain_are_those_the_orm_reads(demo_ctx):
    cases = Services.create(demo_ctx).cases
    some = cases.page(CaseFilter(), 0, 50).rows
    assert len({s.case.status for s in some}) >= 3 and any(len(s.case.history) > 2 for s in some)
    pending = tuple(PENDING_STATUSES)
    filters = (
        CaseFilter(),
        CaseFilter(statuses=pending),
        CaseFilter(statuses=(CaseStatus.APPROVED,)),
        CaseFilter(query=some[0].case.request.title[:4]),
    )
    with demo_ctx.unit_of_work() as s:
        for f in filters:
            for offset, limit in ((0, 200), (1, 2), (0, 0)):
                page = repo.cases_page(s, f, offset, limit)
                assert page.rows == _by_orm(s, f, offset, limit)
        today = dt.date.today() + dt.timedelta(days=400)
        for expired in (True, False):
            plain = repo.reminder_candidates(s, [p.value for p in pending], today, expired=expired)
            where = AdmissionCaseRow.id.in_([c.id for c in plain])
            orm = s.execute(
                select(AdmissionCaseRow).where(where).options(selectinload(AdmissionCaseRow.steps))
            ).scalars()
            assert sorted(plain, key=lambda c: c.id or 0) == sorted(
                (repo.case_to_domain(r) for r in orm), key=lambda c: c.id or 0
            )
            assert plain and all(c.history for c in plain)
