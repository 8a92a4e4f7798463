"""PostgreSQL enforces who may see and change what: row-level security, grants, triggers.

Runs only against a server (``JIANFU_TEST_DATABASE_URL``); connects as the login roles that
``jianfu users add`` creates, with plain SQL as another tool would, and through the app.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from jianfu.cli import main
from jianfu.db.models import UnitRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.repositories import certificates as certificates_repo
from jianfu.db.repositories.certificates import CertificateFilter
from jianfu.domain.certificates import CertificateInput
from jianfu.domain.errors import ValidationError
from jianfu.domain.matching import CheckResult, Verdict
from jianfu.domain.units import UnitType
from jianfu.services.certificates import CertificatesService
from jianfu.services.database import open_app

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


@pytest.fixture
def county(_pg_empty_template):
    """A county with two townships of two villages, one certificate and one case in each."""
    from tests.conftest import _copy_pg_template

    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    _copy_pg_template(url, _pg_empty_template)  # migrated, empty
    ctx = open_app(url)
    ids: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        c = UnitRow(name="南屏县", type=UnitType.COUNTY.value)
        s.add(c)
        s.flush()
        for town in ("清溪镇", "石门乡"):
            t = UnitRow(name=town, type=UnitType.TOWNSHIP.value, parent_id=c.id)
            s.add(t)
            s.flush()
            ids[town] = t.id
            for v in ("一村", "二村"):
                row = UnitRow(name=town + v, type=UnitType.VILLAGE.value, parent_id=t.id)
                s.add(row)
                s.flush()
                ids[town + v] = row.id
    with ctx.database.engine.begin() as con:
        for n, town in enumerate(("清溪镇", "石门乡"), start=1):
            ids[f"cert{town}"] = con.execute(
                text(
                    "INSERT INTO certificate_request (township_id, year, seq, request_date, "
                    "applicant_name, id_number, id_masked, village_id, subject, purpose, agency,"
                    " check_verdict, candidates, verdict, item_name, item_kind, outcome, basis,"
                    " alternative, referred_to, fact, handler, signer, sealed, attachments,"
                    " notes, consult_participants, consult_signer, version, created_at,"
                    " updated_at) VALUES (:t, 2026, 1, '2026-07-01', :name, '11010519491231002X',"
                    " '110105********002X', :v, '居住证明', '', '', '清单外', '[]', '清单外', '',"
                    " '', '待办理', '', '', '', '', '', '', false, '', '', '', '', 1, now(), now())"
                    " RETURNING id"
                ),
                {"t": ids[town], "name": f"申请人{n}", "v": ids[town + "一村"]},
            ).scalar_one()
            ids[f"case{town}"] = con.execute(
                text(
                    "INSERT INTO admission_case (township_id, status, level, "
                    "decision_working_days, serial_number, title, department, content, villages,"
                    " received_on, document_number, basis, delegated_powers, funding, support,"
                    " assessment, contact, phone, approved_funding, staffing, version,"
                    " created_at, updated_at) VALUES (:t, '协调机制审批', '县', 15, '', "
                    "'创建评比', '县文明办', '挂牌', '', '2026-07-01', '', '', '', '', '', '', '',"
                    " '', '', '', 1, now(), now()) RETURNING id"
                ),
                {"t": ids[town]},
            ).scalar_one()
    ctx.database.close()
    suffix = uuid.uuid4().hex[:6]
    logins = {r: f"{r}_{suffix}" for r in ("clerk", "reviewer", "mechanism")}
    units = {"clerk": "清溪镇", "reviewer": "南屏县", "mechanism": "南屏县"}
    for role, login in logins.items():
        assert main(["--database", url, "users", "add", login, "--role", role,
                     "--unit", units[role]]) == 0  # fmt: skip
    return url, ids, logins


def _as(url: str, login: str):
    return create_engine(make_url(url).set(username=login))


def test_a_clerk_sees_and_changes_only_their_township(county, capsys):
    url, ids, logins = county
    engine = _as(url, logins["clerk"])
    with engine.connect() as con:
        assert con.execute(text("SELECT current_user")).scalar_one() == logins["clerk"]
        seen = con.execute(text("SELECT id, id_number FROM certificate_request")).all()
        assert [r.id for r in seen] == [ids["cert清溪镇"]]
        assert seen[0].id_number == "11010519491231002X"  # the clerk's own work needs it
        other = con.execute(
            text("SELECT * FROM certificate_request WHERE id = :i"), {"i": ids["cert石门乡"]}
        ).all()
        assert other == []
        changed = con.execute(
            text("UPDATE certificate_request SET notes = '改' WHERE id = :i"),
            {"i": ids["cert石门乡"]},
        )
        assert changed.rowcount == 0
        con.rollback()
        with pytest.raises(ProgrammingError, match="row-level security"):
            con.execute(
                text("UPDATE admission_case SET township_id = :o WHERE id = :i"),
                {"o": ids["石门乡"], "i": ids["case清溪镇"]},
            )
        con.rollback()
    engine.dispose()
    assert main(["--database", url, "users", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"{logins['clerk']}\t乡镇经办\t清溪镇" in listed
    assert f"{logins['reviewer']}\t县级审核\t南屏县" in listed
    assert main(["--database", url, "users", "list", "--json"]) == 0
    users = {u["login"]: u for u in json.loads(capsys.readouterr().out)["users"]}
    assert users[logins["clerk"]]["role"] == "clerk" and users[logins["clerk"]]["unit"] == "清溪镇"
    assert users[logins["reviewer"]]["role_label"] == "县级审核"
    assert all(u["can_login"] for u in users.values() if u["login"] in logins.values())


def test_only_the_mechanism_may_decide_a_case(county):
    url, ids, logins = county
    decide = text("UPDATE admission_case SET status = '批准准入', version = version + 1 "
                  "WHERE id = :i")  # fmt: skip
    for who in ("clerk", "reviewer"):
        engine = _as(url, logins[who])
        with (
            engine.connect() as con,
            pytest.raises(DBAPIError, match="只有协调机制可以作出准入决定"),
        ):
            con.execute(decide, {"i": ids["case清溪镇"]})
        engine.dispose()
    engine = _as(url, logins["mechanism"])
    with engine.begin() as con:
        assert con.execute(decide, {"i": ids["case石门乡"]}).rowcount == 1
        # the mechanism reads both townships, but never an applicant's ID number
        assert con.execute(text("SELECT count(*) FROM certificate_request")).scalar_one() == 2
    with engine.connect() as con, pytest.raises(ProgrammingError, match="permission denied"):
        con.execute(text("SELECT id_number FROM certificate_request"))
    engine.dispose()


def test_a_village_outside_the_township_is_refused_in_the_app_and_by_the_server(county):
    url, ids, logins = county
    clerk_url = make_url(url).set(username=logins["clerk"]).render_as_string(hide_password=False)
    ctx = open_app(clerk_url)
    assert ctx.operator == logins["clerk"]
    service = CertificatesService(ctx)
    unlisted = CheckResult(Verdict.UNLISTED)
    data = CertificateInput(
        request_date=dt.date(2026, 7, 2),
        applicant_name="王五",
        subject="居住证明",
        village_id=ids["石门乡一村"],
        unlisted=True,
    )
    with pytest.raises(ValidationError, match="不属于本乡镇"):
        service.register(data, result=unlisted, today=dt.date(2026, 7, 2))
    mine = service.register(
        CertificateInput(
            request_date=dt.date(2026, 7, 2),
            applicant_name="王五",
            subject="居住证明",
            village_id=ids["清溪镇二村"],
            unlisted=True,
        ),
        result=unlisted,
        today=dt.date(2026, 7, 2),
    )
    assert mine.seq == 2  # numbered within the township
    ctx.database.close()
    engine = _as(url, logins["clerk"])
    with engine.connect() as con, pytest.raises(DBAPIError, match="不属于本乡镇"):
        con.execute(
            text("UPDATE certificate_request SET village_id = :v WHERE id = :i"),
            {"v": ids["石门乡二村"], "i": ids["cert清溪镇"]},
        )
    engine.dispose()


def test_above_the_township_only_a_cases_step_and_decision_may_be_written(county):
    """The reviewer and the mechanism hold no INSERT, UPDATE or DELETE on any table but the
    case's decision columns, its steps and the audit trail; tried as each role."""
    url, ids, logins = county
    owner = create_engine(url)
    with owner.connect() as con:
        tables = (
            con.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
            .scalars()
            .all()
        )
        for role in ("jianfu_reviewer", "jianfu_mechanism"):
            held = {
                (table, privilege)
                for table in tables
                for privilege in ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
                if con.execute(
                    text("SELECT has_table_privilege(:r, :t, :p)"),
                    {"r": role, "t": table, "p": privilege},
                ).scalar_one()
            }
            assert held == {("case_step", "INSERT"), ("audit_log", "INSERT")}, role
            writable = (
                con.execute(
                    text(
                        "SELECT DISTINCT column_name FROM information_schema.column_privileges "
                        "WHERE grantee = :r AND table_name = 'admission_case' "
                        "AND privilege_type = 'UPDATE'"
                    ),
                    {"r": role},
                )
                .scalars()
                .all()
            )
            assert "title" not in writable and "township_id" not in writable
            assert "status" in writable
    owner.dispose()
    for who in ("reviewer", "mechanism"):
        engine = _as(url, logins[who])
        for statement in (
            "UPDATE admission_case SET title = '改写的事项' WHERE id = :case",
            "UPDATE admission_case SET township_id = :other WHERE id = :case",
            "UPDATE certificate_request SET notes = '改' WHERE id = :cert",
            "DELETE FROM certificate_request WHERE id = :cert",
            "UPDATE unit SET name = '改名' WHERE id = :other",
            "INSERT INTO unit (name, type, sort_order, active, notes, version, created_at, "
            "updated_at) VALUES ('新村', '村', 0, true, '', 1, now(), now())",
            "DELETE FROM admission_case WHERE id = :case",
            "UPDATE setting SET value = '\"\"'",
        ):
            with (
                engine.connect() as con,
                pytest.raises(ProgrammingError, match="permission denied"),
            ):
                con.execute(
                    text(statement),
                    {"case": ids["case清溪镇"], "cert": ids["cert清溪镇"], "other": ids["石门乡"]},
                )
        engine.dispose()


def test_the_policies_hand_the_visible_townships_to_the_index(county):
    """``township_id IN (SELECT …)`` filtered every row of a table; ``= ANY (ARRAY(…))`` lets the
    index on township_id choose them (migration 0016; tests/bench/levels_figures.py)."""
    url, _ids, _logins = county
    engine = create_engine(url)
    with engine.connect() as con:
        policies = {
            (table, name): (qual, check)
            for table, name, qual, check in con.execute(
                text("SELECT tablename, policyname, qual, with_check FROM pg_policies")
            ).all()
        }
    engine.dispose()
    owned = ("task_request", "admission_case", "certificate_request", "signboard", "burden")
    for table in owned:
        read, _ = policies[(table, f"{table}_read")]
        change, change_check = policies[(table, f"{table}_change")]
        for qual in (read, change, change_check):
            assert "ANY (ARRAY( SELECT jianfu_visible_townships()" in qual, (table, qual)


def test_the_reviewer_cannot_rewrite_what_the_mechanism_decides(county):
    """Only the coordination mechanism decides a case (批准准入 and its terms): the county's
    reviewer forwards or returns it (its status), and may not write the approved period,
    conditions, funds or staffing of a case, before or after the mechanism's decision."""
    url, ids, logins = county
    engine = _as(url, logins["reviewer"])
    for column in ("conditions", "approved_funding", "staffing", "approved_start"):
        value = "DATE '2027-01-01'" if column == "approved_start" else "'县审核改写的条件'"
        with engine.connect() as con, pytest.raises(ProgrammingError, match="permission denied"):
            con.execute(
                text(f"UPDATE admission_case SET {column} = {value} WHERE id = :case"),
                {"case": ids["case清溪镇"]},
            )
    engine.dispose()
    engine = _as(url, logins["mechanism"])
    with engine.begin() as con:  # the mechanism's decision: its terms
        changed = con.execute(
            text("UPDATE admission_case SET conditions = '按季度报送' WHERE id = :case"),
            {"case": ids["case清溪镇"]},
        ).rowcount
    engine.dispose()
    assert changed == 1


def _steps_as(url: str, login: str | None) -> dict[int, tuple[int, int | None]]:
    """case_step id -> (case id, township_id) as ``login`` (None: the owner)."""
    engine = _as(url, login) if login else create_engine(url)
    with engine.connect() as con:
        rows = con.execute(text("SELECT id, case_id, township_id FROM case_step")).all()
    engine.dispose()
    return {r.id: (r.case_id, r.township_id) for r in rows}


def test_a_childs_rows_follow_their_parents_township(county):
    """Migration 0019: a case's steps (like a task's villages, a board's photos) carry their
    case's township, filled by the server whatever the writer sends, and moved with the case;
    each person sees exactly the steps of the cases they see, and may not add one to a case
    they cannot see."""
    url, ids, logins = county
    owner = create_engine(url)
    with owner.begin() as con:
        for town in ("清溪镇", "石门乡"):
            con.execute(
                text(
                    "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment,"
                    " township_id) VALUES (:c, 1, '乡镇申请', '提交', now(), '测试', '', :wrong)"
                ),
                {"c": ids[f"case{town}"], "wrong": ids["石门乡" if town == "清溪镇" else "清溪镇"]},
            )
    steps = _steps_as(url, None)
    assert sorted(t for _c, t in steps.values()) == sorted([ids["清溪镇"], ids["石门乡"]])
    for case_id, town in steps.values():
        assert case_id == ids["case清溪镇" if town == ids["清溪镇"] else "case石门乡"]
    clerk = _steps_as(url, logins["clerk"])
    assert [c for c, _t in clerk.values()] == [ids["case清溪镇"]]
    for role in ("reviewer", "mechanism"):
        assert _steps_as(url, logins[role]) == steps, role

    engine = _as(url, logins["clerk"])
    with engine.connect() as con, pytest.raises(ProgrammingError, match="row-level security"):
        con.execute(
            text(
                "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment,"
                " township_id) VALUES (:c, 2, '乡镇申请', '提交', now(), (SELECT display_name"
                " FROM app_user WHERE login = current_user), '', :own)"
            ),  # signed with the clerk's own name (0038): the township is what is refused
            {"c": ids["case石门乡"], "own": ids["清溪镇"]},
        )
    engine.dispose()

    with owner.begin() as con:  # the case moves: its steps go with it
        con.execute(
            text("UPDATE admission_case SET township_id = :o WHERE id = :i"),
            {"o": ids["石门乡"], "i": ids["case清溪镇"]},
        )
    assert _steps_as(url, logins["clerk"]) == {}
    assert {t for _c, t in _steps_as(url, None).values()} == {ids["石门乡"]}
    owner.dispose()


def test_the_child_tables_policies_use_their_own_township_index(county):
    """A child's policy is its parent's read rule on its own township_id (0019), not a probe
    into the parent per row (0010's EXISTS, which cost the mechanism 5.4x the owner's join)."""
    url, _ids, _logins = county
    engine = create_engine(url)
    with engine.connect() as con:
        quals = dict(
            con.execute(
                text("SELECT tablename, qual FROM pg_policies WHERE policyname LIKE '%_follows_%'")
            ).all()
        )
        indexed = set(
            con.execute(
                text(
                    "SELECT tablename FROM pg_indexes "
                    "WHERE indexname = 'ix_' || tablename || '_township_id'"
                )
            ).scalars()
        )
    engine.dispose()
    children = {"task_candidate", "task_village", "case_step", "board_photo", "board_inspection"}
    assert set(quals) == children
    for table, qual in quals.items():
        assert "ANY (ARRAY( SELECT jianfu_visible_townships()" in qual, (table, qual)
        assert "EXISTS" not in qual, (table, qual)
    assert children <= indexed


def test_the_search_helper_answers_a_person_only_within_their_townships(county):
    """0019c: under row-level security an ILIKE never reaches an index, so a login's search
    asks jianfu_certificate_candidates (SECURITY DEFINER) for the ids by index; it answers
    with ids of the person's own townships only, by the policies' own rule, and the search
    through the app finds exactly the rows a scan finds."""
    url, ids, logins = county
    both = {ids["cert清溪镇"], ids["cert石门乡"]}
    owner = create_engine(url)
    with owner.connect() as con:
        for role, login in logins.items():  # the helper's rule is the policies' rule
            con.execute(text(f'SET ROLE "{login}"'))
            policies = sorted(con.execute(text("SELECT jianfu_visible_townships()")).scalars())
            con.execute(text("RESET ROLE"))
            helper = sorted(
                con.execute(
                    text("SELECT jianfu_visible_townships_of(:who)"), {"who": login}
                ).scalars()
            )
            assert helper == policies, role
    owner.dispose()
    for role, seen in (("clerk", {ids["cert清溪镇"]}), ("mechanism", both), ("reviewer", both)):
        engine = _as(url, logins[role])
        with engine.connect() as con:
            for query in ("申", "申请", "居住证明", "证明"):
                found = set(
                    con.execute(
                        text("SELECT jianfu_certificate_candidates(:q)"), {"q": query}
                    ).scalars()
                )
                assert found == seen, (role, query)
            assert con.execute(text("SELECT jianfu_certificate_candidates('无此人')")).all() == []
            with pytest.raises(ProgrammingError, match="permission denied"):
                con.execute(text("SELECT jianfu_visible_townships_of('postgres')"))
        engine.dispose()
        ctx = open_app(make_url(url).set(username=logins[role]).render_as_string(False))
        try:
            expectations = (
                ("申请人1", {ids["cert清溪镇"]}),
                ("请", both),
                ("1", {ids["cert清溪镇"]}),
                ("2", both),  # the beginning of every 2026 number (2026-0001), and 申请人2
            )
            with ctx.unit_of_work() as s:
                for query, expected in expectations:
                    stmt = certificates_repo._filtered(s, CertificateFilter(query=query))
                    rows = s.execute(stmt.with_only_columns(CertificateRequestRow.id)).scalars()
                    assert set(rows) == expected & seen, (role, query)
        finally:
            ctx.database.close()


def test_a_full_id_number_is_searched_only_where_the_server_lets_it_be_read(county):
    """The levels above may not read id_number: a reviewer's search for a full number asked the
    server to compare it and was refused (无权办理这项操作 in an error box on the county's
    server). It is not compared for them and finds nothing, with the reason to show; the
    clerk's search finds the request."""
    url, ids, logins = county
    number = "11010519491231002X"
    owner = create_engine(url)
    with owner.begin() as con:  # the fixture's rows as the app writes a verdict
        con.execute(text("UPDATE certificate_request SET check_verdict = 'unlisted', "
                         "verdict = 'unlisted'"))  # fmt: skip
    owner.dispose()
    for role, expected in (("clerk", {ids["cert清溪镇"]}), ("reviewer", set())):
        ctx = open_app(make_url(url).set(username=logins[role]).render_as_string(False))
        try:
            assert ctx.person is not None and ctx.person.role == role
            service = CertificatesService(ctx)
            page = service.page(CertificateFilter(query=number))
            assert {r.id for r in page.rows} == expected, role
            why = service.id_number_not_searched(number)
            assert ("不能按身份证号查找" in why) is (role == "reviewer")
        finally:
            ctx.database.close()


def test_a_register_number_two_townships_share_asks_the_levels_above_for_the_serial(county):
    """Each township numbers its own requests: the reviewer's ``certs show 2026-0001`` stopped
    on MultipleResultsFound (程序遇到意外错误); it now names each township's request with the
    序号 that opens it. The clerk's number is their own; the certificate itself, with the full
    ID number, is printed by the township only (the server never lets the levels above read
    it: 无权办理这项操作 …未保存 before)."""
    from jianfu.domain.errors import JianfuError

    url, ids, logins = county
    owner = create_engine(url)
    with owner.begin() as con:  # the fixture's rows as the app writes a verdict
        con.execute(text("UPDATE certificate_request SET check_verdict = 'unlisted', "
                         "verdict = 'unlisted'"))  # fmt: skip
    owner.dispose()
    for role in ("clerk", "reviewer"):
        ctx = open_app(make_url(url).set(username=logins[role]).render_as_string(False))
        try:
            service = CertificatesService(ctx)
            if role == "clerk":
                assert service.find("2026-0001").id == ids["cert清溪镇"]
                continue
            with pytest.raises(JianfuError) as many:
                service.find("2026-0001")
            said = str(many.value)
            assert "有 2 个编号为 2026-0001 的证明申请" in said
            assert f"清溪镇 申请人1：序号 {ids['cert清溪镇']}" in said
            assert f"石门乡 申请人2：序号 {ids['cert石门乡']}" in said
            assert service.find(str(ids["cert石门乡"])).applicant_name == "申请人2"
            with pytest.raises(JianfuError, match="证明由申请人所在的乡镇"):
                service.certificate_text(ids["cert石门乡"])
        finally:
            ctx.database.close()


def test_a_person_added_to_a_unit_that_is_not_there_is_told_the_ones_that_are(county, capsys):
    """``users add … --unit 南屏县/城关镇`` in a county without one: the refusal names the
    townships there are (a guess before), and the counties for a reviewer."""
    url, _ids, _logins = county
    args = ["--database", url, "users", "add", f"x_{uuid.uuid4().hex[:6]}", "--role"]
    assert main([*args, "clerk", "--unit", "南屏县/城关镇"]) == 1
    said = capsys.readouterr().err
    assert "没有名为“南屏县/城关镇”的乡镇(街道)" in said and "（现有：清溪镇、石门乡）" in said
    assert main([*args, "reviewer", "--unit", "北屏县"]) == 1
    assert "（现有：南屏县）" in capsys.readouterr().err
