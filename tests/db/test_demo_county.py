"""``jianfu init --demo --scale county``: a county of townships, every case state, a login each.

The demo runs once per run (also under pytest-xdist) in a database of its own on the test
server; on a SQLite file it is refused with a message before any file is made.
"""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from jianfu.cli import main
from jianfu.db.models import AppUserRow, UnitRow
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_burdens import BurdenRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import TaskRequestRow
from jianfu.demo.county import TOWNSHIPS, seed_demo_county
from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.domain.errors import ValidationError
from jianfu.domain.units import UnitType
from jianfu.services.cases import CaseFilter
from jianfu.services.database import open_app
from jianfu.services.registry import Services

try:
    import fcntl
except ImportError:  # Windows: each worker builds its own county
    fcntl = None  # type: ignore[assignment]

PG = os.environ.get("JIANFU_TEST_DATABASE_URL")
needs_server = pytest.mark.skipif(not PG, reason="needs a PostgreSQL server")


def test_refused_on_a_sqlite_file_before_any_file_is_made(tmp_path, capsys):
    target = tmp_path / "county.db"
    assert main(["--database", str(target), "init", "--demo", "--scale", "county"]) == 1
    err = capsys.readouterr().err
    assert "县级演示数据需要共享的 PostgreSQL 数据库" in err and "SQLite 文件只供一个乡镇" in err
    assert not target.exists()


@pytest.mark.parametrize("scale", ["county", "city"])
def test_a_scale_without_demo_is_refused_before_any_file_is_made(tmp_path, capsys, scale):
    target = tmp_path / "county.db"
    assert main(["--database", str(target), "init", "--scale", scale]) == 2
    assert f"--scale {scale} 需要与 --demo 一起使用" in capsys.readouterr().err
    assert not target.exists()


def test_the_generator_refuses_a_sqlite_file(tmp_path):
    ctx = open_app(str(tmp_path / "county.db"))
    try:
        with pytest.raises(ValidationError, match="需要共享的 PostgreSQL"):
            seed_demo_county(ctx)
        with ctx.unit_of_work() as s:
            assert s.execute(select(func.count()).select_from(UnitRow)).scalar_one() == 0
    finally:
        ctx.database.close()


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The county demo made by the command line in a database of its own; (url, output).

    Under pytest-xdist the first worker to need it builds it and the others wait and read the
    same database (every test here only reads it): the county is built once per run, not
    once per worker that got one of these tests (each build is 15 s to over a minute).
    """
    from tests.conftest import _maintenance

    engine, name = _maintenance(PG)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    shared = worker is not None and fcntl is not None
    if shared:  # the run's database name, not the worker's (conftest appends _<worker>)
        name = name.removesuffix(f"_{worker}")
    database = f"{name}_county"
    url = make_url(PG).set(database=database).render_as_string(hide_password=False)

    def build() -> str:
        with engine.connect() as con:
            con.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            con.execute(text(f'CREATE DATABASE "{database}"'))
        before = os.environ.get("JIANFU_DATA_DIR")
        os.environ["JIANFU_DATA_DIR"] = str(tmp_path_factory.mktemp("county") / "userdata")
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main(["--database", url, "init", "--demo", "--scale", "county"]) == 0
        finally:
            if before is None:
                del os.environ["JIANFU_DATA_DIR"]
            else:
                os.environ["JIANFU_DATA_DIR"] = before
        return out.getvalue()

    if shared:
        # the workers' temporary folders are siblings in this run's own folder
        run = tmp_path_factory.getbasetemp().parent
        done = run / "county-demo.out"
        with (run / "county-demo.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                output = build()
                done.write_text(output, encoding="utf-8")
            output = done.read_text(encoding="utf-8")
    else:
        output = build()
    yield url, output
    if not shared:  # a shared one may still be read by another worker; the next run drops it
        with engine.connect() as con:
            con.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    engine.dispose()


def _logins(output: str) -> dict[str, tuple[str, str]]:
    """login -> (role label, unit), as printed."""
    found = re.findall(r"^  (\w+)\t(\S+)\t(\S+)\t", output, re.MULTILINE)
    return {login: (label, unit) for login, label, unit in found}


def _as(url: str, login: str):
    return create_engine(make_url(url).set(username=login, password=None))


@needs_server
def test_the_tree_and_every_townships_records(county):
    url, _out = county
    engine = create_engine(url)
    with engine.connect() as con:

        def count(sql: str, **params) -> int:
            return con.execute(text(sql), params).scalar_one()

        assert count("SELECT count(*) FROM unit WHERE type = :t", t=UnitType.CITY.value) == 1
        county_id = con.execute(
            text("SELECT id FROM unit WHERE type = :t"), {"t": UnitType.COUNTY.value}
        ).scalar_one()
        towns = dict(
            con.execute(
                text("SELECT name, id FROM unit WHERE type = :t AND parent_id = :c"),
                {"t": UnitType.TOWNSHIP.value, "c": county_id},
            ).all()
        )
        assert set(towns) == {t.name for t in TOWNSHIPS}
        for town_id in towns.values():
            assert count("SELECT count(*) FROM unit WHERE parent_id = :t", t=town_id) >= 5
            for row in (TaskRequestRow, CertificateRequestRow, SignboardRow, BurdenRow):
                table = row.__tablename__
                n = count(f"SELECT count(*) FROM {table} WHERE township_id = :t", t=town_id)
                assert n > 0, (table, town_id)
        statuses = set(con.execute(text("SELECT DISTINCT status FROM admission_case")).scalars())
    engine.dispose()
    assert statuses == {s.value for s in CaseStatus}


@needs_server
def test_one_login_per_role_printed_with_how_to_connect(county):
    url, out = county
    printed = _logins(out)
    labels = sorted(label for label, _unit in printed.values())
    assert labels == sorted(["乡镇经办"] * len(TOWNSHIPS) + ["县级审核", "协调机制", "管理员"])
    assert {unit for label, unit in printed.values() if label == "乡镇经办"} == {
        t.name for t in TOWNSHIPS
    }
    assert re.search(r"jianfu --database postgresql\+psycopg://\w+_clerk\w*@", out)
    assert out.count("密码 ") == len(printed) and "密码只显示这一次" in out
    ctx = open_app(url)
    try:
        with ctx.unit_of_work() as s:
            mapped = {r.login: r.role for r in s.execute(select(AppUserRow)).scalars()}
        assert set(mapped) == set(printed)
    finally:
        ctx.database.close()


@needs_server
def test_a_clerk_sees_only_their_township(county):
    url, out = county
    printed = _logins(out)
    clerk = next(k for k, (label, unit) in printed.items() if unit == "石门乡")
    engine = create_engine(url)
    with engine.connect() as con:
        shimen = con.execute(text("SELECT id FROM unit WHERE name = '石门乡'")).scalar_one()
        everyone = con.execute(text("SELECT count(*) FROM certificate_request")).scalar_one()
    engine.dispose()
    engine = _as(url, clerk)
    with engine.connect() as con:
        assert con.execute(text("SELECT current_user")).scalar_one() == clerk
        seen = set(con.execute(text("SELECT township_id FROM certificate_request")).scalars())
        cases = set(con.execute(text("SELECT township_id FROM admission_case")).scalars())
        mine = con.execute(text("SELECT count(*) FROM certificate_request")).scalar_one()
    engine.dispose()
    assert seen == {shimen} and cases == {shimen}
    assert 0 < mine < everyone
    # the county's lists are every township's: the clerk checks against them
    ctx = open_app(make_url(url).set(username=clerk).render_as_string(hide_password=False))
    try:
        lists = Services.create(ctx).lists
        assert {e.document for e in lists.editions_in_force()} >= {"work", "certificate"}
        check = lists.check_task("请各村(社区)协助开展城乡居民基本医疗保险参保登记和缴费宣传动员")
        assert check.best is not None
    finally:
        ctx.database.close()


@needs_server
def test_each_level_finds_its_queue_and_a_clerk_cannot_act_for_another_township(county):
    url, out = county
    printed = _logins(out)
    who = {label: login for login, (label, _unit) in printed.items() if label != "乡镇经办"}
    base = make_url(url)
    for label, status in (
        ("县级审核", CaseStatus.COUNTY_REVIEW),
        ("协调机制", CaseStatus.MECHANISM_REVIEW),
    ):
        ctx = open_app(base.set(username=who[label]).render_as_string(hide_password=False))
        try:
            cases = Services.create(ctx).cases
            waiting = cases.page(CaseFilter(statuses=cases.queue())).rows
            assert len(waiting) >= 2 and {c.case.status for c in waiting} == {status}
            assert len({c.township for c in waiting}) >= 2  # the level above sees several
        finally:
            ctx.database.close()
    clerk = next(k for k, (label, unit) in printed.items() if unit == "石门乡")
    ctx = open_app(base.set(username=clerk).render_as_string(hide_password=False))
    try:
        with ctx.unit_of_work() as s:
            other = s.execute(select(UnitRow.id).where(UnitRow.name == "龙潭镇")).scalar_one()
        with (
            ctx.acting_for(other),
            pytest.raises(ValidationError, match="只能为本乡镇"),
            ctx.unit_of_work(),
        ):
            pass
    finally:
        ctx.database.close()
    engine = _as(url, who["协调机制"])
    with engine.connect() as con, pytest.raises(ProgrammingError, match="permission denied"):
        con.execute(text("SELECT id_number FROM certificate_request"))  # never above the clerk
    engine.dispose()


@needs_server
def test_each_persons_figures_by_village_list_the_villages_of_their_own_units(county):
    """证明's, 牌子's and 其他负担's figures per village list the connected person's villages:
    a clerk's township's, the reviewer's county's; not every village on the server (a clerk of
    a city saw 3,000 rows of zeros) nor the first township's (the reviewer's 其他负担)."""
    import datetime as dt

    url, out = county
    printed = _logins(out)
    owner = create_engine(url)
    with owner.connect() as con:
        rows = con.execute(
            text(
                "SELECT v.id, t.name FROM unit v JOIN unit t ON t.id = v.parent_id "
                "WHERE t.type = :t"
            ),
            {"t": UnitType.TOWNSHIP.value},
        ).all()
    owner.dispose()
    township_of = dict(rows)
    start, end = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
    clerk = next(k for k, (label, unit) in printed.items() if unit == "石门乡")
    reviewer = next(k for k, (label, _unit) in printed.items() if label == "县级审核")
    for login, towns in ((clerk, {"石门乡"}), (reviewer, {t.name for t in TOWNSHIPS})):
        ctx = open_app(make_url(url).set(username=login).render_as_string(hide_password=False))
        try:
            services = Services.create(ctx)
            certificates = services.certificates.figures(start, end).villages
            boards = services.boards.counts(start, end).villages
            burdens = services.burdens.counts(start, end).villages
        finally:
            ctx.database.close()
        expected = {v for v, town in township_of.items() if town in towns}
        assert {v.village_id for v in certificates} == expected, login
        assert {v for v, _name in boards} == expected, login
        assert {v.unit_id for v in burdens} == expected, login


@needs_server
def test_every_step_is_signed_by_the_person_of_its_level_and_the_county_writes_its_opinion(
    county,
):
    url, _out = county
    ctx = open_app(url)
    try:
        cases = Services.create(ctx).cases
        rows = cases.page(CaseFilter(), 0, 200).rows
        clerks = {t.name: t.clerk for t in TOWNSHIPS}
        for summary in rows:
            case = cases.get(summary.case.id)
            for step in case.history:
                # the 清溪镇 cases were signed "postgres", the login that built the demo
                expected = {
                    CaseAction.REFER_TO_MECHANISM: {"黄文斌"},
                    CaseAction.APPROVE: {"吴秀琴"},
                    CaseAction.REFUSE: {"吴秀琴"},
                    CaseAction.RETURN_FOR_CORRECTION: {"黄文斌", "吴秀琴"},
                }.get(step.action, {clerks[summary.township]})
                assert step.operator in expected, (summary.township, step)
            if case.status in (CaseStatus.APPROVED, CaseStatus.REFUSED):
                sheet = cases.approval_sheet_data(case.id)
                assert sheet.county_opinion and sheet.county_signed.startswith("黄文斌")
    finally:
        ctx.database.close()


@needs_server
def test_each_township_has_its_own_certificates_people_and_settings(county):
    """No two townships show the same register: their own applicants, ID numbers, mix of
    requests, clerk and signer; each township's settings name its own people (issue 14)."""
    url, _out = county
    engine = create_engine(url)
    with engine.connect() as con:
        rows = con.execute(
            text(
                "SELECT u.name, c.applicant_name, c.id_number, c.subject, c.handler, c.signer "
                "FROM certificate_request c JOIN unit u ON u.id = c.township_id "
                "ORDER BY c.request_date, c.id"
            )
        ).all()
        towns = dict(
            con.execute(
                text("SELECT name, id FROM unit WHERE type = :t"), {"t": UnitType.TOWNSHIP.value}
            ).all()
        )
    engine.dispose()
    by_town: dict[str, list] = {}
    for town, *rest in rows:
        by_town.setdefault(town, []).append(rest)
    assert set(by_town) == {t.name for t in TOWNSHIPS}
    names = [r[0] for register in by_town.values() for r in register]
    assert len(names) == len(set(names))  # nobody applied in two townships
    numbers = [r[1] for register in by_town.values() for r in register if r[1]]
    assert len(numbers) == len(set(numbers))
    mixes = {tuple(r[2] for r in register) for register in by_town.values()}
    assert len(mixes) == len(TOWNSHIPS)
    for town in TOWNSHIPS:
        register = by_town[town.name]
        assert {r[3] for r in register} == {town.clerk}
        assert {r[4] for r in register} - {None, ""} == {town.reviewer or "陈建华"}
    services = Services.create(open_app(url))
    try:
        settings = services.settings
        first = settings.load(towns[TOWNSHIPS[0].name])
        assert first.mechanism_name == "宁川市党建引领基层治理协调机制"  # the city's, as its cases
        for town in TOWNSHIPS[1:]:
            own = settings.load(towns[town.name])
            assert (own.preparer, own.reviewer, own.phone) == (
                town.clerk,
                town.reviewer,
                town.phone,
            )
            assert {"preparer", "reviewer", "phone"} <= settings.own_fields(towns[town.name])
            assert own.county_name == "南屏县" and own.mechanism_level == "市"  # the defaults
    finally:
        services.ctx.database.close()
