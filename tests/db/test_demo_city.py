"""The city-scale demo generator, at a hundredth of its size."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from jianfu.db.models import UnitRow
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow
from jianfu.demo.city import seed_demo_city
from jianfu.domain.boards import BoardFilter
from jianfu.domain.certificates import Outcome, mask_id_number
from jianfu.domain.errors import ConflictError
from jianfu.domain.matching import Verdict
from jianfu.domain.periods import parse_period
from jianfu.domain.tasks import TaskDecision
from jianfu.services.cases import CaseFilter
from jianfu.services.certificates import CertificateFilter
from jianfu.services.registry import Services
from jianfu.services.tasks import TaskFilter

TODAY = dt.date(2026, 11, 20)


def _count(ctx, row, *where) -> int:
    with ctx.unit_of_work() as s:
        return s.execute(select(func.count()).select_from(row).where(*where)).scalar_one()


@pytest.fixture
def city(ctx):
    lines: list[str] = []
    counts = seed_demo_city(ctx, scale=0.01, today=TODAY, progress=lines.append)
    return ctx, counts, lines


def test_counts_at_the_given_scale(city):
    ctx, counts, lines = city
    assert counts == {
        "村(社区)": 30,
        "挂牌": 1000,
        "证明申请": 3000,
        "工作事项": 200,
        "准入申请": 6,
    }
    assert _count(ctx, UnitRow, UnitRow.parent_id.is_not(None)) == 30
    # the ordinary demo's own records come first, the bulk is added to them
    assert _count(ctx, SignboardRow) >= 1000
    assert _count(ctx, CertificateRequestRow) >= 3000
    assert _count(ctx, TaskRequestRow) >= 200
    assert _count(ctx, AdmissionCaseRow) >= 6
    assert any("证明申请：3000" in line for line in lines)


def test_same_seed_same_rows(ctx, tmp_path):
    from jianfu.services.database import open_app

    seed_demo_city(ctx, scale=0.005, today=TODAY)
    other = open_app(str(tmp_path / "other.db"))
    try:
        seed_demo_city(other, scale=0.005, today=TODAY)

        def rows(c):
            with c.unit_of_work() as s:
                return s.execute(
                    select(
                        CertificateRequestRow.year,
                        CertificateRequestRow.seq,
                        CertificateRequestRow.applicant_name,
                        CertificateRequestRow.id_number,
                        CertificateRequestRow.outcome,
                    ).order_by(CertificateRequestRow.year, CertificateRequestRow.seq)
                ).all()

        assert rows(ctx) == rows(other)
    finally:
        other.database.close()


def test_rows_are_valid_for_the_domain(city):
    ctx, _counts, _lines = city
    with ctx.unit_of_work() as s:
        certs = s.execute(
            select(
                CertificateRequestRow.id_number,
                CertificateRequestRow.id_masked,
                CertificateRequestRow.verdict,
                CertificateRequestRow.outcome,
            )
        ).all()
        decisions = set(s.execute(select(TaskRequestRow.decision).distinct()).scalars())
    for number, masked, verdict, outcome in certs:
        assert masked == mask_id_number(number)
        assert len(number) in (0, 18)
        Verdict(verdict)
        Outcome(outcome)
    assert {d.value for d in TaskDecision} == decisions
    # ID numbers are stored in full, so a typed number finds its requests
    number = next(n for n, *_ in certs if n)
    services = Services.create(ctx)
    found = services.certificates.page(CertificateFilter(query=number))
    assert found.total >= 1


def test_services_read_the_city(city):
    ctx, _counts, _lines = city
    services = Services.create(ctx)
    village_id, _name = services.boards.villages()[-1]
    boards = services.boards.page(BoardFilter(village_id=village_id))
    assert boards.total > 0 and all(b.village_id == village_id for b in boards.rows)

    certs = services.certificates.page(CertificateFilter(), limit=50)
    assert certs.total >= 3000 and len(certs.rows) == 50
    issued = services.certificates.page(CertificateFilter(outcome=Outcome.ISSUED))
    assert issued.total > 0

    tasks = services.tasks.page(TaskFilter(decision=TaskDecision.UNLISTED))
    assert tasks.total > 0 and all(t.data.decision == TaskDecision.UNLISTED for t in tasks.rows)
    everything = services.tasks.page(TaskFilter(), limit=500)
    assert any(t.data.candidates for t in everything.rows)

    cases = services.cases.page(CaseFilter(), today=TODAY)
    assert cases.total >= 6

    report = services.report.build(parse_period(f"{TODAY.year}Q3"), today=TODAY)
    assert report.rows


def test_refused_when_data_exists(city):
    ctx, _counts, _lines = city
    with pytest.raises(ConflictError, match="已有数据"):
        seed_demo_city(ctx, scale=0.01, today=TODAY)
