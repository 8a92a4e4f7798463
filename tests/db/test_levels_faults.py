"""The levels above the township at work, and what goes wrong there, on PostgreSQL.

Each person connects with their own login role (``jianfu users add``): the reviewer's and the
mechanism's queues, what each may record, two reviewers at once, the connection lost in the
middle of a decision, a clerk with plain psycopg, and grants for tables that come later.
"""

from __future__ import annotations

import os
import threading

import psycopg
import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from jianfu.cli import main
from jianfu.db import grants
from jianfu.db.models_tasks import CaseStepRow
from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.domain.errors import ConflictError, DatabaseError, ValidationError
from jianfu.services import cases as cases_module
from jianfu.services.database import open_app
from jianfu.services.people import describe_connected
from jianfu.services.registry import Services

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


@pytest.fixture
def county(pg_county):
    """The demo township and a second one under a county; two reviewers, a mechanism, a clerk;
    the demo's case at 乡镇意见 sent on to 县级审核 by the clerk."""
    clerk = Services.create(open_app(pg_county.urls["clerk"])).cases
    clerk.forward(pg_county.case_id, "同意，请县里审核")
    clerk.ctx.database.close()
    return pg_county.url, pg_county.urls, pg_county.logins, pg_county.case_id, pg_county.town


def _services(url: str) -> Services:
    return Services.create(open_app(url))


def test_the_levels_above_are_offered_no_step_of_a_case_at_another_level(county):
    """准入审批 offered the reviewer 退回补正 on a case still at the township (已受理), which the
    server refuses: the steps offered are the level's own from the case's status only."""
    _url, urls, _logins, _case_id, _town = county
    for who, mine in (("reviewer", CaseStatus.COUNTY_REVIEW), ("mechanism", None)):
        services = _services(urls[who])
        try:
            rows = services.cases.page(cases_module.CaseFilter()).rows
            assert len({s.case.status for s in rows}) >= 3
            for summary in rows:
                case = summary.case
                offered = services.cases.actions_for(case)
                assert bool(offered) == (case.status is mine), (who, case.status, offered)
        finally:
            services.ctx.database.close()


def test_each_level_sees_its_queue_and_may_record_only_its_own_steps(county, capsys):
    _url, urls, logins, case_id, town = county
    reviewer = _services(urls["reviewer"])
    try:
        assert reviewer.ctx.operator == logins["reviewer"]  # never the computer's login
        who = describe_connected(reviewer.ctx)
        assert who == f"当前用户：{logins['reviewer']}（县级审核，南屏县）"
        cases = reviewer.cases
        assert cases.queue() == (CaseStatus.COUNTY_REVIEW,)
        queue = cases.page(cases_module.CaseFilter(statuses=cases.queue()))
        assert [s.case.id for s in queue.rows] == [case_id]
        assert queue.rows[0].township == town and queue.rows[0].due is not None
        case = queue.rows[0].case
        assert cases.actions_for(case) == [
            CaseAction.REFER_TO_MECHANISM,
            CaseAction.RETURN_FOR_CORRECTION,
        ]
        with pytest.raises(ValidationError, match="县级审核人员不能办理“批准”"):
            cases.advance(case_id, CaseAction.APPROVE, case.version, comment="同意")
        # reminders above the township are their own queue's only
        assert {r.status for r in cases.reminders(within=100)} <= {CaseStatus.COUNTY_REVIEW}
        cases.advance(case_id, CaseAction.REFER_TO_MECHANISM, case.version, comment="县级审核同意")
        assert cases.page(cases_module.CaseFilter(statuses=cases.queue())).rows == []
    finally:
        reviewer.ctx.database.close()
    # the mechanism: its queue, its decision; the clerk's list shows the decision at once
    assert main(["--database", urls["mechanism"], "cases", "list", "--mine"]) == 0
    out = capsys.readouterr().out
    assert "（协调机制，南屏县）" in out and "[协调机制审批]" in out and town in out
    mechanism = _services(urls["mechanism"])
    try:
        case = mechanism.cases.get(case_id)
        assert mechanism.cases.actions_for(case) == [
            CaseAction.APPROVE,
            CaseAction.REFUSE,
            CaseAction.RETURN_FOR_CORRECTION,
        ]
        mechanism.cases.decide(case_id, True, "同意准入，经费由县财政保障")
    finally:
        mechanism.ctx.database.close()
    clerk = _services(urls["clerk"])
    try:
        decided = clerk.cases.get(case_id)
        assert decided.status is CaseStatus.APPROVED
        assert clerk.cases.actions_for(decided) == [CaseAction.WITHDRAW]  # the township's
        sheet = clerk.cases.approval_sheet_data(case_id)
        assert sheet.township_signed.startswith("演示")
        assert sheet.county_signed.startswith(logins["reviewer"])
        assert sheet.mechanism_signed.startswith(logins["mechanism"])
        assert sheet.mechanism_opinion.startswith("同意准入")
    finally:
        clerk.ctx.database.close()


def test_two_reviewers_at_once_one_wins_the_other_is_told(county, monkeypatch):
    _url, urls, logins, case_id, _town = county
    both = [_services(urls["reviewer"]), _services(urls["reviewer2"])]
    version = both[0].cases.get(case_id).version
    # both have read the case before either writes: the second waits on the row, then finds
    # the version moved on
    barrier = threading.Barrier(2, timeout=20)
    original = cases_module.load_for_update

    def load_then_wait(*args, **kwargs):
        row = original(*args, **kwargs)
        barrier.wait()
        return row

    monkeypatch.setattr(cases_module, "load_for_update", load_then_wait)
    outcome: dict[int, object] = {}

    def act(n: int) -> None:
        action = (CaseAction.REFER_TO_MECHANISM, CaseAction.RETURN_FOR_CORRECTION)[n]
        try:
            outcome[n] = both[n].cases.advance(case_id, action, version, comment=f"第{n}位")
        except ConflictError as err:
            outcome[n] = err

    threads = [threading.Thread(target=act, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    errors = [o for o in outcome.values() if isinstance(o, ConflictError)]
    won = [o for o in outcome.values() if not isinstance(o, ConflictError)]
    assert len(errors) == 1 and len(won) == 1, outcome
    winner = logins["reviewer" if 0 in outcome and outcome[0] in won else "reviewer2"]
    assert f"刚被{winner}办理过" in str(errors[0]) and "未保存" in str(errors[0])
    case = both[0].cases.get(case_id)
    assert case.version == version + 1
    assert [s.operator for s in case.history].count(winner) == 1
    assert len([s for s in case.history if s.comment.startswith("第")]) == 1
    for s in both:
        s.ctx.database.close()


def test_the_connection_lost_mid_decision_leaves_nothing_half_written(county):
    url, urls, _logins, case_id, _town = county
    reviewer = _services(urls["reviewer"])
    owner = create_engine(url)
    with owner.connect() as con:
        steps_before = con.execute(
            select(func.count()).select_from(CaseStepRow).where(CaseStepRow.case_id == case_id)
        ).scalar_one()
        audit_before = con.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    killed: list[int] = []

    def kill_after_first_write(conn, _cursor, statement, _params, _context, _many):
        # the first of the decision's writes went through; the server goes away before the next
        if killed or not statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            return
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with owner.begin() as other:
            other.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        killed.append(pid)

    engine = reviewer.ctx.database.engine
    event.listen(engine, "after_cursor_execute", kill_after_first_write)
    case = reviewer.cases.get(case_id)
    with pytest.raises(DatabaseError, match="未保存"):
        reviewer.cases.advance(
            case_id, CaseAction.REFER_TO_MECHANISM, case.version, comment="县级审核同意"
        )
    event.remove(engine, "after_cursor_execute", kill_after_first_write)
    assert killed
    with owner.connect() as con:
        row = con.execute(
            text("SELECT status, version FROM admission_case WHERE id = :i"), {"i": case_id}
        ).one()
        assert (row.status, row.version) == ("县级审核", case.version)
        steps = con.execute(
            select(func.count()).select_from(CaseStepRow).where(CaseStepRow.case_id == case_id)
        ).scalar_one()
        assert steps == steps_before
        assert con.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == audit_before
    # the app's next action opens a new connection and works
    again = reviewer.cases.advance(
        case_id, CaseAction.REFER_TO_MECHANISM, case.version, comment="县级审核同意"
    )
    assert again.status is CaseStatus.MECHANISM_REVIEW
    reviewer.ctx.database.close()
    owner.dispose()


def test_a_clerk_with_plain_psycopg_is_refused_by_the_server(county):
    url, _urls, logins, case_id, _town = county
    owner = make_url(url)
    with psycopg.connect(
        host=owner.host, port=owner.port, dbname=owner.database, user="postgres"
    ) as con:
        other_town, other_village = con.execute(
            "SELECT t.id, v.id FROM unit t JOIN unit v ON v.parent_id = t.id "
            "WHERE t.name = '石门乡'"
        ).fetchone()
        con.execute(
            "INSERT INTO certificate_request (township_id, year, seq, request_date, "
            "applicant_name, id_number, id_masked, village_id, subject, purpose, agency,"
            " check_verdict, candidates, verdict, item_name, item_kind, outcome, basis,"
            " alternative, referred_to, fact, handler, signer, sealed, attachments,"
            " notes, consult_participants, consult_signer, version, created_at,"
            " updated_at) VALUES (%s, 2026, 1, '2026-07-01', '石门乡申请人', "
            "'11010519491231002X', '110105********002X', %s, '居住证明', '', '', '清单外', '[]',"
            " '清单外', '', '', '待办理', '', '', '', '', '', '', false, '', '', '', '', 1,"
            " now(), now())",
            (other_town, other_village),
        )
    clerk = {"host": owner.host, "port": owner.port, "dbname": owner.database}
    clerk["user"] = logins["clerk"]
    with psycopg.connect(**clerk) as con:
        assert con.execute("SELECT current_user").fetchone()[0] == logins["clerk"]
        names = [r[0] for r in con.execute("SELECT applicant_name FROM certificate_request")]
        assert "石门乡申请人" not in names
        assert con.execute(
            "SELECT count(*) FROM certificate_request WHERE township_id = %s", (other_town,)
        ).fetchone() == (0,)
    with psycopg.connect(**clerk) as con, pytest.raises(psycopg.Error, match="只有协调机制"):
        con.execute(
            "UPDATE admission_case SET status = '批准准入', version = version + 1 WHERE id = %s",
            (case_id,),
        )
    with psycopg.connect(**clerk) as con, pytest.raises(psycopg.Error, match="row-level"):
        con.execute(
            "INSERT INTO burden (township_id, unit_id) VALUES (%s, %s)",
            (other_town, other_village),
        )
    with psycopg.connect(**clerk) as con, pytest.raises(psycopg.Error, match="permission"):
        con.execute("UPDATE alembic_version SET version_num = 'x'")


def test_tables_added_later_get_their_grants(county):
    url, urls, logins, _case_id, _town = county
    owner = create_engine(url)
    # a later migration adds a table; the grants step after the upgrade reaches it
    with owner.begin() as con:
        con.execute(text("CREATE TABLE later_thing (id serial PRIMARY KEY, name text)"))
        con.execute(text("REVOKE ALL ON later_thing FROM jianfu_clerk, jianfu_reviewer"))
        assert grants.apply(con)
    # a table the owner creates afterwards is readable through the default privileges
    with owner.begin() as con:
        con.execute(text("CREATE TABLE later_other (id serial PRIMARY KEY)"))
        con.execute(text("ALTER TABLE certificate_request ADD COLUMN later_note text"))
        grants.apply(con)
    for who in ("clerk", "reviewer"):
        engine = create_engine(urls[who])
        with engine.connect() as con:
            con.execute(text("SELECT * FROM later_thing")).all()
            con.execute(text("SELECT * FROM later_other")).all()
            con.execute(text("SELECT later_note FROM certificate_request")).all()
        engine.dispose()
    engine = create_engine(urls["clerk"])
    with engine.begin() as con:
        con.execute(text("INSERT INTO later_thing (name) VALUES ('clerk')"))
    engine.dispose()
    engine = create_engine(urls["reviewer"])
    with engine.connect() as con, pytest.raises(Exception, match="permission denied"):
        con.execute(text("SELECT id_number FROM certificate_request"))
    engine.dispose()
    owner.dispose()
    assert logins["clerk"]


def test_the_levels_above_open_the_first_screen_and_the_register_without_id_numbers(county):
    from jianfu.services.dashboard import load_dashboard

    _url, urls, _logins, _case_id, _town = county
    for who in ("reviewer", "mechanism"):
        services = _services(urls[who])
        try:
            dashboard = load_dashboard(services)
            assert dashboard.problems == [], who
            page = services.certificates.page()
            assert page.total > 0 and all("*" in r.id_masked for r in page.rows if r.id_masked)
        finally:
            services.ctx.database.close()


def test_the_cases_screen_at_each_level(county, qtbot):
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.cases.screen import CasesWidget

    _url, urls, _logins, case_id, town = county
    opened, runners = [], []
    for who in ("reviewer", "mechanism", "clerk"):
        services = _services(urls[who])
        opened.append(services)
        runners.append(TaskRunner())  # the reminders are read on it
        widget = CasesWidget(services.cases, runners[-1])
        qtbot.addWidget(widget)
        first = widget.filter_combo.itemText(0)
        if who == "clerk":
            assert first == "全部案件" and widget.workdays_button.isVisibleTo(widget)
            assert widget.select_case(case_id)
            assert widget.action_buttons == {}
            assert "不由本级办理" in widget.actions_title.text()
            continue
        label = {"reviewer": "县级审核", "mechanism": "协调机制"}[who]
        assert first == f"待{label}办理"
        assert not widget.workdays_button.isVisibleTo(widget)
        waiting = [widget.model.row_at(r) for r in range(widget.model.rowCount())]
        if who == "reviewer":
            assert [s.case.id for s in waiting] == [case_id] and waiting[0].township == town
            assert widget.select_case(case_id)
            assert set(widget.action_buttons) == {
                CaseAction.REFER_TO_MECHANISM,
                CaseAction.RETURN_FOR_CORRECTION,
            }
            assert town in widget.detail.toPlainText()
            services.cases.forward(case_id, "县级审核同意")
            widget.refresh()
            assert "没有待县级审核办理的案件" in widget.detail.toPlainText()
        else:  # the mechanism's queue: what the reviewer sent on
            assert [s.case.id for s in waiting] == [case_id]
            assert widget.select_case(case_id)
            assert set(widget.action_buttons) == {
                CaseAction.APPROVE,
                CaseAction.REFUSE,
                CaseAction.RETURN_FOR_CORRECTION,
            }
    for runner in runners:  # the reminders' reads end before their databases close
        assert runner.wait_all()
    qtbot.wait(20)
    for services in opened:
        services.ctx.database.close()


def test_a_refusal_by_the_server_reads_in_chinese(county):
    from dataclasses import replace

    _url, urls, _logins, _case_id, _town = county
    reviewer = _services(urls["reviewer"])
    try:
        settings = reviewer.settings.load()
        with pytest.raises(DatabaseError, match="当前登录的账号无权办理这项操作") as err:
            reviewer.settings.save(replace(settings, phone="0593-1234567"), expected=settings)
        assert "permission denied" not in str(err.value)
    finally:
        reviewer.ctx.database.close()


def test_every_table_with_township_rows_has_row_level_security(county):
    """A later migration that adds a township's table must enable row-level security: the
    grants step gives clerks every new table, so without it they would read other townships."""
    url = county[0]
    owner = create_engine(url)
    with owner.connect() as con:
        unguarded = (
            con.execute(
                text(
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " JOIN information_schema.columns i ON i.table_name = c.relname"
                    " AND i.table_schema = n.nspname AND i.column_name = 'township_id'"
                    " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                    " AND NOT c.relrowsecurity"
                )
            )
            .scalars()
            .all()
        )
    owner.dispose()
    assert unguarded == []
