"""A login of the server with no person in this database is no administrator (issue 14).

Only the role that owns the database (or its tables) and a superuser act as 管理员 without an
entry in ``app_user``. Any other login, e.g. a clerk of another database on the same server
(the group roles are the server's), is shown as what it is, in the status bar and in the audit
trail, and is offered no button that writes.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.db.repositories import audit
from jianfu.db.township import UNREGISTERED
from jianfu.domain.cases import CaseAction
from jianfu.domain.errors import DatabaseError, ValidationError
from jianfu.services.cases import CaseFilter
from jianfu.services.database import open_app
from jianfu.services.people import (
    LISTS,
    REFERENCE,
    TOWNSHIP_RECORDS,
    describe_connected,
    write_refusal,
)
from jianfu.services.registry import Services
from tests.conftest import _copy_pg_template

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


@pytest.fixture
def stranger(_pg_demo_template):
    """The demo township (a copy of the run's template, not migrated and seeded again: 9-28 s
    a test at load 10); a login that is a clerk somewhere on this server but no person here."""
    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    _copy_pg_template(url, _pg_demo_template)
    ctx = open_app(url)
    with ctx.unit_of_work() as s:
        case_id = s.execute(select(AdmissionCaseRow.id).limit(1)).scalar_one()
    ctx.database.close()
    login = f"stranger_{uuid.uuid4().hex[:6]}"
    owner = create_engine(url)
    with owner.begin() as con:
        con.execute(text(f"CREATE ROLE {login} LOGIN IN ROLE jianfu_clerk"))
    owner.dispose()
    return (
        url,
        make_url(url).set(username=login).render_as_string(hide_password=False),
        login,
        case_id,
    )


def test_an_unregistered_login_is_shown_as_such_and_may_not_write(stranger):
    url, stranger_url, login, case_id = stranger
    services = Services.create(open_app(stranger_url))
    try:
        ctx = services.ctx
        assert ctx.person is not None and ctx.person.role == UNREGISTERED
        who = describe_connected(ctx)
        assert who == f"当前用户：未登记的数据库账户 {login}（不是本系统人员，只能查看，不能修改）"
        assert "管理员" not in who
        assert ctx.operator == f"未登记的数据库账户 {login}"
        for records in (TOWNSHIP_RECORDS, LISTS, REFERENCE):
            assert f"“{login}”未登记为本系统人员" in write_refusal(ctx.person, records)
        cases = services.cases
        assert cases.page(CaseFilter()).rows == []  # row-level security: no township of its own
        with pytest.raises(ValidationError, match="未登记为本系统人员"):
            cases.advance(case_id, CaseAction.SUBMIT_TOWNSHIP_OPINION, 1, comment="同意")
        # not even the audit trail, which every group may add to (migration 0023)
        refused = pytest.raises(DatabaseError, match=f"数据库账户“{login}”未登记为本系统人员")
        with refused, ctx.unit_of_work() as s:
            audit.record(s, operator=ctx.operator, action="查看", entity="case", entity_id=None)
    finally:
        services.ctx.database.close()
    owner = create_engine(url)
    with owner.connect() as con:
        signed = con.execute(
            text("SELECT count(*) FROM audit_log WHERE operator LIKE :o"), {"o": f"%{login}%"}
        )
        assert signed.scalar_one() == 0
    owner.dispose()


def test_the_owner_of_the_database_and_a_superuser_remain_the_administrator(stranger):
    url, _stranger_url, _login, _case_id = stranger
    services = Services.create(open_app(url))  # postgres: a superuser
    try:
        assert services.ctx.person is None
        assert describe_connected(services.ctx) == "当前用户：postgres（数据库所有者，管理员）"
    finally:
        services.ctx.database.close()
    # a database made by a login that is no superuser: it owns the database and its tables
    owner_login = f"owner_{uuid.uuid4().hex[:6]}"
    database = f"owned_{owner_login}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as con:
        con.execute(text(f"CREATE ROLE {owner_login} LOGIN"))
        con.execute(text(f"CREATE DATABASE {database} OWNER {owner_login}"))
    try:
        owner_url = make_url(url).set(username=owner_login, database=database)
        services = Services.create(open_app(owner_url.render_as_string(hide_password=False)))
        try:
            assert services.ctx.person is None
            assert describe_connected(services.ctx) == (
                f"当前用户：{owner_login}（数据库所有者，管理员）"
            )
        finally:
            services.ctx.database.close()
    finally:
        with engine.connect() as con:
            con.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        engine.dispose()


def test_the_window_of_an_unregistered_login_offers_no_write(stranger, qtbot):
    from jianfu.ui.main_window import MainWindow
    from jianfu.ui.widgets.access import REFERENCE_WRITES, SCREEN_WRITES

    _url, stranger_url, login, _case_id = stranger
    services = Services.create(open_app(stranger_url))
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert f"当前用户：未登记的数据库账户 {login}" in window.database_label.text()
        checked = 0
        for key in (*SCREEN_WRITES, *REFERENCE_WRITES):
            page = window.show_screen(key)
            names = SCREEN_WRITES.get(key, ((), (), ()))[1] + REFERENCE_WRITES.get(key, ())
            for name in names:
                button = getattr(page, name, None)
                if button is None:
                    continue
                assert not button.isEnabled(), (key, name)
                assert "未登记为本系统人员" in button.toolTip(), (key, name)
                checked += 1
        assert checked >= 20  # every screen's buttons that add, change or delete records
        cases = window.show_screen("cases")
        assert cases.action_buttons == {}
        window.tasks.wait_all()
    finally:
        services.ctx.database.close()


def test_a_login_with_no_rights_at_all_is_told_so(stranger):
    """A login nobody granted anything (not even a group role) cannot read the schema's
    version: it is told it is not registered, not shown a program error."""
    url, _stranger_url, _login, _case_id = stranger
    bare = f"bare_{uuid.uuid4().hex[:6]}"
    owner = create_engine(url)
    with owner.begin() as con:
        con.execute(text(f"CREATE ROLE {bare} LOGIN"))
    owner.dispose()
    bare_url = make_url(url).set(username=bare).render_as_string(hide_password=False)
    with pytest.raises(DatabaseError, match=f"{bare}@.*未登记为本系统人员.*jianfu users add"):
        open_app(bare_url)
