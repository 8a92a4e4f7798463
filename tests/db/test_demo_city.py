"""The city-scale demo generator, at a hundredth of its size."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jianfu.db.models import UnitRow
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow, TaskVillageRow
from jianfu.demo.city import seed_demo_city
from jianfu.domain.boards import BoardFilter
from jianfu.domain.certificates import CertificateInput, Outcome, mask_id_number
from jianfu.domain.errors import ConflictError
from jianfu.domain.matching import CheckResult, Verdict
from jianfu.domain.periods import parse_period
from jianfu.domain.tasks import TaskDecision
from jianfu.domain.units import UnitType
from jianfu.services.cases import CaseFilter
from jianfu.services.certificates import CertificateFilter
from jianfu.services.registry import Services
from jianfu.services.tasks import TaskFilter
from tests.conftest import CITY_DAY, seed_city

TODAY = CITY_DAY


def _count(ctx, row, *where) -> int:
    with ctx.unit_of_work() as s:
        return s.execute(select(func.count()).select_from(row).where(*where)).scalar_one()


@pytest.fixture
def city(db_template):
    """A copy of the city at 0.01 (the counts and progress lines of its seeding): seeded once
    per run and backend, not in each test (about 5 s each time)."""
    ctx, (counts, lines) = db_template("city", seed_city)
    return ctx, dict(counts), list(lines)


def test_counts_at_the_given_scale(city):
    ctx, counts, lines = city
    assert counts == {
        "县(市、区)": 2,
        "乡镇(街道)": 2,
        "村(社区)": 30,
        "挂牌": 1000,
        "证明申请": 3000,
        "工作事项": 200,
        "准入申请": 6,
    }
    villages = UnitRow.type.in_([t.value for t in UnitType.village_types()])
    assert _count(ctx, UnitRow, villages) == 30
    # the ordinary demo's own records come first, the bulk is added to them
    assert _count(ctx, SignboardRow) >= 1000
    assert _count(ctx, CertificateRequestRow) >= 3000
    assert _count(ctx, TaskRequestRow) >= 200
    assert _count(ctx, AdmissionCaseRow) >= 6
    assert any("证明申请：3000" in line for line in lines)


def test_a_real_city_counties_townships_villages(ctx):
    counts = seed_demo_city(ctx, scale=0.04, today=TODAY)
    assert (counts["县(市、区)"], counts["乡镇(街道)"], counts["村(社区)"]) == (2, 6, 120)
    with ctx.unit_of_work() as s:
        units = {u.id: u for u in s.execute(select(UnitRow)).scalars()}
        owned = {
            row.__tablename__: s.execute(
                select(row.township_id, func.count()).group_by(row.township_id)
            ).all()
            for row in (SignboardRow, CertificateRequestRow, TaskRequestRow, AdmissionCaseRow)
        }
        links = s.execute(
            select(TaskRequestRow.township_id, UnitRow.parent_id)
            .join(TaskVillageRow, TaskVillageRow.task_id == TaskRequestRow.id)
            .join(UnitRow, UnitRow.id == TaskVillageRow.unit_id)
        ).all()
        misplaced = s.execute(
            select(func.count())
            .select_from(CertificateRequestRow)
            .join(UnitRow, UnitRow.id == CertificateRequestRow.village_id)
            .where(UnitRow.parent_id != CertificateRequestRow.township_id)
        ).scalar_one()
    kinds = [u.type for u in units.values()]
    assert kinds.count(UnitType.CITY.value) == 1 and kinds.count(UnitType.COUNTY.value) == 2
    city = next(u for u in units.values() if u.type == UnitType.CITY.value)
    assert city.parent_id is None
    towns = [u for u in units.values() if u.type == UnitType.TOWNSHIP.value]
    assert len(towns) == 6
    for town in towns:  # each township under a county of the city, with its own villages
        assert units[town.parent_id].type == UnitType.COUNTY.value
        assert units[town.parent_id].parent_id == city.id
        assert sum(u.parent_id == town.id for u in units.values()) >= 13
    for county in (u for u in units.values() if u.type == UnitType.COUNTY.value):
        assert sum(t.parent_id == county.id for t in towns) == 3
    for table, rows in owned.items():  # records spread over every township, none without one
        assert {t for t, _n in rows} == {t.id for t in towns}, table
    assert links and all(town == parent for town, parent in links)
    assert misplaced == 0


def _register(c) -> list[tuple]:
    # the register's numbers restart per township on a server, per file on SQLite
    with c.unit_of_work() as s:
        return [
            tuple(row)
            for row in s.execute(
                select(
                    CertificateRequestRow.year,
                    CertificateRequestRow.request_date,
                    CertificateRequestRow.applicant_name,
                    CertificateRequestRow.id_number,
                    CertificateRequestRow.outcome,
                    UnitRow.name,
                )
                .join(UnitRow, UnitRow.id == CertificateRequestRow.village_id)
                .order_by(CertificateRequestRow.id)
            ).all()
        ]


@pytest.fixture(scope="module")
def other_city(tmp_path_factory) -> list[tuple]:
    """The register of another city seeded alike in a SQLite file of its own: seeded once per
    run (not once per backend), the city of each backend is compared with it."""
    from jianfu.services.database import open_app
    from tests.conftest import _data_dir, once_per_run

    def build(folder):
        with _data_dir(folder / "userdata"):
            other = open_app(str(folder / "other.db"))
            try:
                seed_demo_city(other, scale=0.01, today=TODAY)
                return _register(other)
            finally:
                other.database.close()

    return once_per_run(tmp_path_factory, "other-city", build)


def test_same_seed_same_rows(city, other_city):
    ctx, _counts, _lines = city
    assert _register(ctx) == other_city


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
    village_id = services.boards.villages()[-1].id
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


def test_a_new_request_takes_the_next_free_number(city):
    """Numbers go on per township on a server; a SQLite file numbers the whole city at once."""
    ctx, _counts, _lines = city
    services = Services.create(ctx)
    village = services.certificates.villages()[0]
    year = TODAY.year
    with ctx.unit_of_work() as s:
        town = s.execute(select(UnitRow.parent_id).where(UnitRow.id == village.id)).scalar_one()
        mine = CertificateRequestRow.year == year
        if not ctx.database.is_sqlite:
            mine = mine & (CertificateRequestRow.township_id == town)
        last = s.execute(select(func.max(CertificateRequestRow.seq)).where(mine)).scalar_one()
    added = services.certificates.register(
        CertificateInput(
            request_date=TODAY, applicant_name="王五", subject="居住证明",
            village_id=village.id, unlisted=True,
        ),
        result=CheckResult(Verdict.UNLISTED),
        today=TODAY,
    )  # fmt: skip
    assert (added.year, added.seq) == (year, last + 1)


def test_every_case_has_its_years_next_number_in_the_order_received(city):
    """The city's cases were inserted without a 受理编号; each has one now, numbered per year
    in the order received after the ordinary demo's, and a case received next takes the
    number after the last (as a township numbers the cases it receives)."""
    from jianfu.db.repositories.tasks import next_serial

    ctx, counts, _lines = city
    with ctx.unit_of_work() as s:
        cases = s.execute(
            select(
                AdmissionCaseRow.id, AdmissionCaseRow.serial_number, AdmissionCaseRow.received_on
            ).order_by(AdmissionCaseRow.id)
        ).all()
        years = {c.received_on.year for c in cases}
        following = {year: next_serial(s, year) for year in years}
    assert all(c.serial_number for c in cases)
    assert len({c.serial_number for c in cases}) == len(cases)
    by_year: dict[int, list[int]] = {}
    for c in cases:
        year, _, number = c.serial_number.partition("-")
        assert year == str(c.received_on.year) and len(number) >= 3, c.serial_number
        by_year.setdefault(c.received_on.year, []).append(int(number))
    for year, numbers in by_year.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (year, numbers)
        assert following[year] == f"{year}-{len(numbers) + 1:03d}"
    # the city's own (added last), numbered in the order received
    added = cases[-counts["准入申请"] :]
    ordered = sorted(added, key=lambda c: (c.received_on.year, int(c.serial_number[5:])))
    assert [c.received_on for c in ordered] == sorted(c.received_on for c in added)
