"""Each level of an admission case writes only its own part, at its own step; then it is frozen.

The app refuses before it flushes (``jianfu.db.case_guard``) on SQLite and PostgreSQL; on
PostgreSQL migration 0018's triggers refuse the same writes from a person who opens the
database with another tool, with the same message naming the case and the column. The last
tests compare the two, role by role, status by status.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from jianfu.cli import main
from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models import UnitRow
from jianfu.db.models_tasks import AdmissionCaseRow, CaseStepRow
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain import case_levels
from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.domain.errors import ValidationError
from jianfu.domain.units import UnitType
from jianfu.services.cases import CaseFilter
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from tests.conftest import _copy_pg_template

needs_server = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


def _set(ctx, model, row_id: int, column: str, value: object) -> None:
    """Change one column of one row through the app's unit of work (as a screen would)."""
    with ctx.unit_of_work() as s:
        setattr(s.get(model, row_id), column, value)


def _delete(ctx, model, row_id: int) -> None:
    with ctx.unit_of_work() as s:
        s.delete(s.get(model, row_id))


def _approved_case(ctx) -> int:
    """The demo's case at 乡镇意见 taken through every step to 批准准入 by the file's clerk."""
    services = Services.create(ctx)
    with ctx.unit_of_work() as s:
        case_id = (
            s.execute(select(AdmissionCaseRow.id).where(AdmissionCaseRow.status == "乡镇意见"))
            .scalars()
            .first()
        )
    cases = services.cases
    cases.forward(case_id, "同意，请县里审核")
    cases.forward(case_id, "县级审核同意")
    cases.decide(case_id, True, "同意准入，每季度报送一次")
    return case_id


# ---------------------------------------------------------------- the app, both backends


def test_the_app_never_rewrites_a_decided_case_or_a_written_step(demo_ctx):
    ctx = demo_ctx
    case_id = _approved_case(ctx)
    with ctx.unit_of_work() as s:
        decision_step = s.execute(
            select(CaseStepRow.id).where(
                CaseStepRow.case_id == case_id, CaseStepRow.action == "批准"
            )
        ).scalar_one()
    for column, value in (
        ("conditions", "改写的条件"),
        ("approved_end", dt.date(2099, 12, 31)),
        ("staffing", "不需要人员"),
        ("title", "改写的事项"),
    ):
        with pytest.raises(ValidationError, match=r"案件“.*”（受理编号 .*）.*“[^”]+”"):
            _set(ctx, AdmissionCaseRow, case_id, column, value)
    for column, value in (
        ("comment", "改写的意见"),
        ("operator", "别人"),
        ("at", dt.datetime(2020, 1, 1)),
    ):
        with pytest.raises(ValidationError, match=r"“批准”.*办理记录只能追加"):
            _set(ctx, CaseStepRow, decision_step, column, value)
    with pytest.raises(ValidationError, match="办理记录只能追加，不能删除"):
        _delete(ctx, CaseStepRow, decision_step)
    case = Services.create(ctx).cases.get(case_id)
    assert case.status is CaseStatus.APPROVED
    assert case.conditions is not None and case.conditions.conditions == "同意准入，每季度报送一次"
    assert case.history[-1].comment == "同意准入，每季度报送一次"
    # what the app does to a decided case still works: the township withdraws it
    cases = Services.create(ctx).cases
    after = cases.advance(case_id, CaseAction.WITHDRAW, case.version, comment="期限已满")
    assert after.status is CaseStatus.WITHDRAWN and after.conditions == case.conditions


def test_the_rules_name_the_case_the_column_and_the_level():
    name = case_levels.case_name("创建评比", "2026-001")
    assert name == "案件“创建评比”（受理编号 2026-001）"
    problem = case_levels.case_change_problem(
        "clerk", name, CaseStatus.APPROVED, CaseStatus.APPROVED, {"conditions"}
    )
    assert problem is not None and "“准入条件”是协调机制的准入决定" in problem
    assert "乡镇经办人员不能修改" in problem
    # the mechanism itself: frozen once decided; the administrator may correct
    frozen = case_levels.case_change_problem(
        "mechanism", name, CaseStatus.APPROVED, CaseStatus.APPROVED, {"approved_end"}
    )
    assert frozen is not None and "准入决定已经作出" in frozen
    assert (
        case_levels.case_change_problem(
            "admin", name, CaseStatus.APPROVED, CaseStatus.APPROVED, {"approved_end"}
        )
        is None
    )
    review = case_levels.step_insert_problem(
        "clerk", name, CaseStatus.COUNTY_REVIEW, CaseAction.REFER_TO_MECHANISM,
        CaseStatus.MECHANISM_REVIEW,
    )  # fmt: skip
    assert review is not None and "是县级审核的意见" in review
    # the township's own file records every step, but what is written stays written
    assert (
        case_levels.case_change_problem(
            None, name, CaseStatus.MECHANISM_REVIEW, CaseStatus.APPROVED, {"conditions", "status"}
        )
        is None
    )
    assert (
        case_levels.case_change_problem(
            None, name, CaseStatus.COUNTY_REVIEW, CaseStatus.COUNTY_REVIEW, {"title"}
        )
        is not None
    )


# ---------------------------------------------------------------- PostgreSQL with logins


@pytest.fixture
def levels(pg_county):
    """The demo township under a county; a login per role; one case approved across levels
    (forwarded by the clerk, referred by the reviewer, approved by the mechanism)."""
    c = pg_county
    url, urls, logins, case_id = c.url, c.urls, c.logins, c.case_id
    for role, opinion in (
        ("clerk", "同意，请县里审核"),
        ("reviewer", "县级审核同意"),
    ):
        services = Services.create(open_app(urls[role]))
        services.cases.forward(case_id, opinion)
        services.ctx.database.close()
    services = Services.create(open_app(urls["mechanism"]))
    services.cases.decide(case_id, True, "同意准入，每季度报送一次")
    services.ctx.database.close()
    return url, urls, logins, case_id


def _connect(url: str, login: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=login)


def _refused(url: str, login: str, sql: str, params: tuple = ()) -> str:
    """Run ``sql`` as ``login`` (a tool other than the app); the server's refusal."""
    with _connect(url, login) as con:
        with pytest.raises(psycopg.Error) as err:
            con.execute(sql, params)
        return str(err.value).splitlines()[0]


@needs_server
def test_a_clerk_with_plain_sql_cannot_rewrite_the_decision_or_the_opinions(levels):
    url, _urls, logins, case_id = levels
    clerk = logins["clerk"]
    with _connect(url, clerk) as con:  # the clerk sees the case and its decision
        title, conditions = con.execute(
            "SELECT title, conditions FROM admission_case WHERE id = %s", (case_id,)
        ).fetchone()
    assert conditions == "同意准入，每季度报送一次"
    for column, value, label in (
        ("conditions", "'改写的条件'", "准入条件"),
        ("approved_start", "DATE '2020-01-01'", "批准的实施起始日期"),
        ("approved_end", "DATE '2099-12-31'", "批准的实施结束日期"),
        ("approved_funding", "'无'", "批准的经费保障"),
        ("staffing", "'无'", "人员保障"),
    ):
        message = _refused(
            url, clerk, f"UPDATE admission_case SET {column} = {value} WHERE id = %s", (case_id,)
        )
        assert f"案件“{title}”" in message and f"“{label}”是协调机制的准入决定" in message
    message = _refused(
        url, clerk, "UPDATE admission_case SET status = '不予准入' WHERE id = %s", (case_id,)
    )
    assert "只有协调机制可以作出准入决定" in message
    message = _refused(
        url, clerk, "UPDATE admission_case SET status = '县级审核' WHERE id = %s", (case_id,)
    )
    assert "乡镇经办人员不能把它改为“县级审核”" in message
    # the opinions, who gave them and when: the mechanism's and the reviewer's
    for action in ("批准", "报协调机制"):
        for column, value, label in (
            ("comment", "'改写的意见'", "意见"),
            ("operator", "'别人'", "办理人"),
            ("at", "TIMESTAMP '2020-01-01 09:00'", "办理时间"),
            ("written_as", "'报送说明'", "意见栏目"),  # 0037: the box it was written in
        ):
            message = _refused(
                url, clerk,
                f"UPDATE case_step SET {column} = {value} WHERE case_id = %s AND action = %s",
                (case_id, action),
            )  # fmt: skip
            assert f"“{action}”" in message and f"“{label}”不能修改" in message, message
        message = _refused(
            url, clerk, "DELETE FROM case_step WHERE case_id = %s AND action = %s",
            (case_id, action),
        )  # fmt: skip
        assert "办理记录只能追加，不能删除" in message
    message = _refused(
        url, clerk,
        "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment) "
        "SELECT %s, max(seq) + 1, '批准准入', '批准', now(), (SELECT display_name "
        "FROM app_user WHERE login = current_user), '再批一次' "
        "FROM case_step WHERE case_id = %s",
        (case_id, case_id),
    )  # fmt: skip
    assert "乡镇经办人员不能在这一环节记录“批准”" in message
    message = _refused(url, clerk, "DELETE FROM admission_case WHERE id = %s", (case_id,))
    assert "已报送上级办理，不能删除" in message
    # nothing of it changed; the owner may still correct
    owner = create_engine(url)
    with owner.begin() as con:
        row = con.execute(
            text("SELECT conditions, status FROM admission_case WHERE id = :i"), {"i": case_id}
        ).one()
        assert tuple(row) == ("同意准入，每季度报送一次", "批准准入")
        opinions = con.execute(
            text("SELECT action, comment FROM case_step WHERE case_id = :i ORDER BY seq"),
            {"i": case_id},
        ).all()
        assert ("批准", "同意准入，每季度报送一次") in opinions
        assert ("报协调机制", "县级审核同意") in opinions
        con.execute(
            text("UPDATE admission_case SET staffing = '专人一名' WHERE id = :i"), {"i": case_id}
        )
    owner.dispose()


@needs_server
def test_the_levels_above_cannot_rewrite_what_they_or_others_wrote(levels):
    url, _urls, logins, case_id = levels
    # the reviewer's opinion is frozen once given, for the reviewer too (no grant to change
    # a step: the levels above only add theirs)
    message = _refused(
        url, logins["reviewer"],
        "UPDATE case_step SET comment = '改' WHERE case_id = %s AND action = '报协调机制'",
        (case_id,),
    )  # fmt: skip
    assert "permission denied" in message
    # the mechanism's decision is frozen once made
    message = _refused(
        url, logins["mechanism"],
        "UPDATE admission_case SET conditions = '改写' WHERE id = %s", (case_id,),
    )  # fmt: skip
    assert "准入决定已经作出（现为“批准准入”），“准入条件”不能再修改" in message
    message = _refused(
        url, logins["mechanism"],
        "UPDATE admission_case SET status = '不予准入' WHERE id = %s", (case_id,),
    )  # fmt: skip
    assert "协调机制人员不能把它改为“不予准入”" in message
    # the administrator may correct
    with _connect(url, logins["admin"]) as con:
        con.execute("UPDATE admission_case SET staffing = '专人一名' WHERE id = %s", (case_id,))


@needs_server
def test_the_app_refuses_the_clerk_before_the_server_and_the_daily_work_goes_on(levels):
    _url, urls, _logins, case_id = levels
    clerk = Services.create(open_app(urls["clerk"]))
    try:
        ctx = clerk.ctx
        with pytest.raises(ValidationError, match="“准入条件”是协调机制的准入决定"):
            _set(ctx, AdmissionCaseRow, case_id, "conditions", "改写")
        # the township reads the decision at once, its reminders and its list
        case = clerk.cases.get(case_id)
        assert case.status is CaseStatus.APPROVED and case.history[-1].action is CaseAction.APPROVE
        clerk.cases.reminders(within=100)
        assert case_id in {row.case.id for row in clerk.cases.page(CaseFilter()).rows}
        sheet = clerk.cases.approval_sheet_data(case_id)
        assert sheet.mechanism_opinion == "同意准入，每季度报送一次"
        assert sheet.county_opinion == "县级审核同意"
        # withdraws it when its period is over; receives, forwards and corrects a new one
        after = clerk.cases.advance(case_id, CaseAction.WITHDRAW, case.version, comment="期限已满")
        assert after.status is CaseStatus.WITHDRAWN
    finally:
        clerk.ctx.database.close()


@needs_server
def test_a_returned_case_is_corrected_and_sent_up_again(levels):
    """The township's request is its own again once the county returns the case; frozen once
    it is sent up."""
    url, urls, _logins, _case_id = levels
    owner = create_engine(url)
    with owner.begin() as con:  # a case sent up to the county (the owner copies the first)
        returned = con.execute(
            text(
                "INSERT INTO admission_case (township_id, status, level, decision_working_days,"
                " serial_number, title, department, content, villages, received_on,"
                " document_number, basis, delegated_powers, funding, support, assessment,"
                " contact, phone, approved_funding, staffing, version, created_at, updated_at)"
                " SELECT township_id, '县级审核', level, decision_working_days, '2026-099',"
                " '补正的事项', department, content, villages, received_on, '', '', '', '', '',"
                " '', '', '', '', '', 1, now(), now() FROM admission_case WHERE id = :i"
                " RETURNING id"
            ),
            {"i": _case_id},
        ).scalar_one()
        for seq, (status, action) in enumerate(
            (("已受理", "受理"), ("乡镇意见", "提交乡镇意见"), ("县级审核", "提交县级审核")),
            start=1,
        ):
            con.execute(
                text(
                    "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment)"
                    " VALUES (:c, :n, :s, :a, now() - interval '1 day', '演示', '')"
                ),
                {"c": returned, "n": seq, "s": status, "a": action},
            )
    owner.dispose()
    reviewer = Services.create(open_app(urls["reviewer"]))
    version = reviewer.cases.get(returned).version
    reviewer.cases.advance(
        returned, CaseAction.RETURN_FOR_CORRECTION, version, comment="请补充经费依据"
    )
    reviewer.ctx.database.close()
    clerk = Services.create(open_app(urls["clerk"]))
    try:
        version = clerk.cases.get(returned).version
        _set(clerk.ctx, AdmissionCaseRow, returned, "funding", "县财政专项经费")  # corrected
        # its title too, with the title's sort key (0033): the township's request as well
        _set(clerk.ctx, AdmissionCaseRow, returned, "title", "补正后的事项")
        clerk.cases.advance(returned, CaseAction.RESUBMIT, version + 2, comment="已补正")
        clerk.cases.forward(returned, "同意")
        case = clerk.cases.forward(returned, "请县里审核")
        assert case.status is CaseStatus.COUNTY_REVIEW
        assert case.request.funding == "县财政专项经费"
        assert case.request.title == "补正后的事项"
        with pytest.raises(ValidationError, match="已报送上级（现为“县级审核”）"):
            _set(clerk.ctx, AdmissionCaseRow, returned, "funding", "再改")
        message = _refused(
            url, make_url(urls["clerk"]).username,
            "UPDATE admission_case SET funding = '再改' WHERE id = %s", (returned,),
        )  # fmt: skip
        assert "乡镇(街道)的申请内容“经费保障”不能再修改" in message
    finally:
        clerk.ctx.database.close()


# ---------------------------------------------------------------- the server agrees with the app


_COLUMNS = {
    "conditions": "'改'",
    "approved_end": "DATE '2030-01-01'",
    "title": "'改'",
    "funding": "'改'",
    "created_at": "TIMESTAMP '2020-01-01 09:00'",
}


@pytest.fixture
def matrix(_pg_empty_template):
    """A county with one township; a case for every (status of its last step, its status)
    pair, made by the owner with plain SQL; a login per role."""
    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    _copy_pg_template(url, _pg_empty_template)  # migrated, empty
    ctx = open_app(url)
    with ctx.unit_of_work() as s:
        county = UnitRow(name="南屏县", type=UnitType.COUNTY.value)
        s.add(county)
        s.flush()
        town = UnitRow(name="清溪镇", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(town)
        s.flush()
        town_id = town.id
    ctx.database.close()
    engine = create_engine(url)
    cases: dict[tuple[CaseStatus, CaseStatus], tuple[int, str]] = {}
    with engine.begin() as con:
        for n, (last, status) in enumerate(
            ((a, b) for a in CaseStatus for b in CaseStatus), start=1
        ):
            serial = f"2026-{n:03d}"
            case_id = con.execute(
                text(
                    "INSERT INTO admission_case (township_id, status, level, "
                    "decision_working_days, serial_number, title, department, content, villages,"
                    " received_on, document_number, basis, delegated_powers, funding, support,"
                    " assessment, contact, phone, conditions, approved_funding, staffing,"
                    " list_item_id, version, created_at, updated_at) VALUES (:t, :s, '县', 15,"
                    " :serial, :title, '县文明办', '挂牌', '', '2026-07-01', '', '', '', '', '',"
                    " '', '', '', 'x', '', '', NULL, 1, now(), now()) RETURNING id"
                ),
                {"t": town_id, "s": status.value, "serial": serial, "title": f"事项{n}"},
            ).scalar_one()
            con.execute(
                text(
                    "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment)"
                    " VALUES (:c, 1, :s, '受理', now(), '演示', '')"
                ),
                {"c": case_id, "s": last.value},
            )
            cases[(last, status)] = (case_id, case_levels.case_name(f"事项{n}", serial))
    engine.dispose()
    suffix = uuid.uuid4().hex[:6]
    logins = {r: f"m{r}_{suffix}" for r in ("clerk", "reviewer", "mechanism")}
    for role, login in logins.items():
        unit = "清溪镇" if role == "clerk" else "南屏县"
        assert main(["--database", url, "users", "add", login, "--role", role, "--unit", unit]) == 0
    return url, cases, logins


def _outcome(con: psycopg.Connection, sql: str, params: tuple) -> str | None:
    """None when the server accepts ``sql``; else its message (first line). Rolled back."""
    try:
        with con.transaction(force_rollback=True):
            con.execute(sql, params)
    except psycopg.Error as exc:
        return str(exc).splitlines()[0]
    return None


@needs_server
def test_the_server_refuses_exactly_what_the_app_refuses(matrix):
    """Every role, every status, the decision's, the request's and other columns, every status
    change and every step: the server's answer is the app's, word for word."""
    url, cases, logins = matrix
    compared = accepted = 0
    for role, login in logins.items():
        with _connect(url, login) as con:
            for (last, status), (case_id, name) in cases.items():
                if last is status:
                    changes = [({c}, f"SET {c} = {v}", status) for c, v in _COLUMNS.items()]
                    changes += [
                        ({"status"}, f"SET status = '{to.value}'", to)
                        for to in CaseStatus
                        if to is not status
                    ]
                    for columns, assignment, new in changes:
                        app = case_levels.case_change_problem(role, name, status, new, columns)
                        server = _outcome(
                            con, f"UPDATE admission_case {assignment} WHERE id = %s", (case_id,)
                        )
                        if server is not None and "permission denied" in server:
                            assert app is not None, (role, status, assignment)  # grants first
                            continue
                        assert server == app, (role, status, assignment)
                        compared += 1
                        accepted += app is None
                # a step taking the case from ``last`` to where it stands now
                for action in CaseAction:
                    app = case_levels.step_insert_problem(role, name, last, action, status)
                    server = _outcome(
                        con,
                        "INSERT INTO case_step (case_id, seq, status, action, at, operator,"
                        " comment) VALUES (%s, 2, %s, %s, now(), (SELECT display_name"
                        " FROM app_user WHERE login = current_user), '')",  # own name (0038)
                        (case_id, status.value, action.value),
                    )
                    assert server == app, (role, last, action, status)
                    compared += 1
                    accepted += app is None
    # accepted: each role's 9 steps as steps and as status changes, the clerk's request at
    # its 3 township statuses (2 columns), the mechanism's terms at its step (2 columns)
    assert accepted == 9 + 9 + 3 * 2 + 2
    assert compared > 1000


# ---------------------------------------------------------------- upgrade and downgrade


@needs_server
def test_a_database_at_the_previous_head_upgrades_keeps_its_cases_and_downgrades(levels):
    url, _urls, logins, case_id = levels
    engine = create_engine(url)
    with engine.begin() as con:
        head = con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert head == SCHEMA_HEAD
        steps = con.execute(
            text("SELECT count(*) FROM case_step WHERE case_id = :i"), {"i": case_id}
        ).scalar_one()
    cfg = alembic_config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0019")
    # 0019 (the head before 0018): the status-only trigger, the clerk rewrites the terms again
    with _connect(url, logins["clerk"]) as con:
        con.execute("UPDATE admission_case SET staffing = '改' WHERE id = %s", (case_id,))
    upgrade(engine)
    with engine.begin() as con:
        head = con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert head == SCHEMA_HEAD
        assert (
            con.execute(
                text("SELECT count(*) FROM case_step WHERE case_id = :i"), {"i": case_id}
            ).scalar_one()
            == steps
        )
    message = _refused(
        url, logins["clerk"], "UPDATE admission_case SET staffing = '再改' WHERE id = %s",
        (case_id,),
    )  # fmt: skip
    assert "“人员保障”是协调机制的准入决定" in message
    engine.dispose()
