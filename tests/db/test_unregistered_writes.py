"""A login with no person in this database writes nothing on any table (issue 14, migration 0023).

Row-level security shows such a login no township's rows, but a group role's grants still let
it INSERT on the tables without policies (the audit trail, the confirmed check decisions, the
synonyms). Migration 0023's statement trigger on every table refuses every INSERT, UPDATE and
DELETE by a login that is not the owner, a superuser or an active person of ``app_user``.

The tables are enumerated from the server's own grants (table and column privileges of the four
group roles), not from a list kept here: a table a later migration adds, and grants, is checked
too. Each statement is issued with plain psycopg, as a person opening the database with another
tool would.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jianfu.db import grants
from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.services.database import open_app
from jianfu.services.registry import Services

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

GUARD = "jianfu_registered_writes_only"
WRITES = ("INSERT", "UPDATE", "DELETE")


def _connect(url: str, login: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=login)


def _refusal(login: str, table: str, verb: str) -> str:
    return f"数据库账户“{login}”未登记为本系统人员（或已停用），不能{verb}"


@pytest.fixture
def strangers(pg_county) -> Iterator[tuple[object, dict[str, str]]]:
    """The county (``pg_county``) and, for each group role, a login that is a member of it and
    no person of this database (e.g. a clerk of another county's database on the same server)."""
    owner = create_engine(pg_county.url)
    made: dict[str, str] = {}
    with owner.begin() as con:
        for group in grants.GROUPS:
            login = f"nobody_{group.removeprefix('jianfu_')}_{uuid.uuid4().hex[:6]}"
            con.execute(text(f"CREATE ROLE {login} LOGIN IN ROLE {group}"))
            made[group] = login
    yield pg_county, made
    with owner.begin() as con:
        for login in made.values():
            con.execute(text(f"DROP OWNED BY {login}"))
            con.execute(text(f"DROP ROLE {login}"))
    owner.dispose()


def _granted_writes(con) -> list[tuple[str, str, str]]:
    """(table, group, INSERT|UPDATE|DELETE) for every write a group role is granted, read from
    the server (a column grant of UPDATE counts: the reviewer's and mechanism's on cases)."""
    rows = con.execute(
        text(
            "SELECT c.relname, g.g, p.p FROM pg_class c "
            "CROSS JOIN unnest(CAST(:groups AS text[])) AS g(g) "
            "CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE']) AS p(p) "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
            "AND (has_table_privilege(g.g, c.oid, p.p) "
            "     OR (p.p = 'UPDATE' AND has_any_column_privilege(g.g, c.oid, 'UPDATE'))) "
            "ORDER BY 1, 2, 3"
        ),
        {"groups": list(grants.GROUPS)},
    ).all()
    return [(t, g, p) for t, g, p in rows]


def _statement(con, table: str, group: str, privilege: str) -> tuple[str, tuple]:
    """A real write of ``privilege`` on ``table``: a copy of one of its rows (its own id left to
    the sequence), an update of a column the group may update, a delete of every row."""
    if privilege == "INSERT":
        row = con.execute(text(f"SELECT to_jsonb(t) FROM {table} t LIMIT 1")).scalar()
        row = dict(row or {})
        defaulted = con.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                "AND table_schema = current_schema() AND column_default LIKE 'nextval%'"
            ),
            {"t": table},
        ).scalars()
        for column in defaulted:
            row.pop(column, None)
        columns = ", ".join(row) or ""
        if not columns:
            return f"INSERT INTO {table} DEFAULT VALUES", ()
        return (
            f"INSERT INTO {table} ({columns}) SELECT {columns} "
            f"FROM jsonb_populate_record(NULL::{table}, %s::jsonb)",
            (psycopg.types.json.Jsonb(row),),
        )
    if privilege == "UPDATE":
        column = con.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                "AND table_schema = current_schema() "
                "AND has_column_privilege(:g, format('%I', :t), column_name, 'UPDATE') "
                "ORDER BY ordinal_position LIMIT 1"
            ),
            {"t": table, "g": group},
        ).scalar_one()
        return f"UPDATE {table} SET {column} = {column}", ()
    return f"DELETE FROM {table}", ()


def _counts(con, tables: set[str]) -> dict[str, int]:
    return {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def test_every_write_any_group_is_granted_is_refused_to_a_member_with_no_person(strangers):
    county, logins = strangers
    owner = create_engine(county.url)
    with owner.connect() as con:
        writes = _granted_writes(con)
        statements = {w: _statement(con, *w) for w in writes}
        tables = {t for t, _g, _p in writes}
        before = _counts(con, tables)
        unguarded = (
            con.execute(
                text(
                    "SELECT relname FROM pg_class c "
                    "WHERE relnamespace = current_schema()::regnamespace "
                    "AND relkind = 'r' AND NOT EXISTS (SELECT 1 FROM pg_trigger g "
                    "WHERE g.tgrelid = c.oid AND g.tgname = :n)"
                ),
                {"n": GUARD},
            )
            .scalars()
            .all()
        )
    # what the grants let the groups write: the case tables and the ledgers (clerks), the audit
    # trail (everyone), the checking's decisions and synonyms (clerks add), a case's step above
    assert {("audit_log", g, "INSERT") for g in grants.GROUPS} <= set(writes)
    assert {
        ("check_precedent", "jianfu_clerk", "INSERT"),
        ("item_synonym", "jianfu_clerk", "INSERT"),
        ("case_step", "jianfu_reviewer", "INSERT"),
        ("admission_case", "jianfu_mechanism", "UPDATE"),
        ("app_user", "jianfu_admin", "INSERT"),
    } <= set(writes)
    assert len(tables) >= 25 and len(writes) >= 80
    assert unguarded == []  # and every other table carries the trigger too
    refused = 0
    for (table, group, privilege), (sql, params) in statements.items():
        login = logins[group]
        verb = {"INSERT": "新增", "UPDATE": "修改", "DELETE": "删除"}[privilege]
        with _connect(county.url, login) as con:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
                con.execute(sql, params)
            message = str(err.value).splitlines()[0]
        assert message.startswith(_refusal(login, table, verb)), (table, group, privilege, sql)
        assert f"（数据表 {table}）" in message and "jianfu users add" in message
        refused += 1
    assert refused == len(writes)
    with owner.connect() as con:
        assert _counts(con, tables) == before
    owner.dispose()


def test_a_person_writes_what_the_group_allows_and_the_unregistered_member_does_not(strangers):
    """The same statements: accepted from the registered clerk, refused from the member of the
    clerk group with no person, from a person disabled while connected, and under SET ROLE."""
    county, logins = strangers
    clerk = county.logins["clerk"]
    inserts = (
        (
            "audit_log",
            # signed with the person's own name and chained to the trail's last entry (0038)
            "INSERT INTO audit_log (at, operator, action, entity, entity_id, prev_hash, hash) "
            "SELECT a.at, a.op, '查看', 'case', %s::text, a.prev, "
            "encode(sha256(convert_to(concat_ws(chr(31), a.prev, "
            "to_char(a.at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), a.op, '查看', "
            "'case', %s::text, '', ''), 'UTF8')), 'hex') FROM (SELECT localtimestamp AS at, "
            "coalesce((SELECT left(display_name, 40) FROM app_user WHERE login = current_user),"
            " current_user) AS op, coalesce(jianfu_audit_last_hash(), '') AS prev) a",
        ),
        (
            "check_precedent",
            "INSERT INTO check_precedent (purpose, text, item_name, item_kind, decided_on, "
            "decided_by, source) VALUES ('task', %s, '垃圾分类', 'in_list', current_date, 'x', "
            "'confirmed')",
        ),
        (
            "item_synonym",
            "INSERT INTO item_synonym (word, item_name, created_by) VALUES (%s, '垃圾分类', 'x')",
        ),
    )
    owner = create_engine(county.url)
    for table, sql in inserts:
        marker = f"甲{uuid.uuid4().hex[:8]}"
        params = (marker,) * sql.count("%s")
        with _connect(county.url, clerk) as con:
            con.execute(sql, params)
        unregistered = pytest.raises(psycopg.errors.InsufficientPrivilege, match="未登记为本系统")
        with _connect(county.url, logins["jianfu_clerk"]) as con, unregistered:
            con.execute(sql, (f"乙{marker}",) * sql.count("%s"))
        with _connect(county.url, clerk) as con:  # a person under the group's name: no one
            con.execute("SET ROLE jianfu_clerk")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="“jianfu_clerk”未登记"):
                con.execute(sql, (f"丙{marker}",) * sql.count("%s"))
        with owner.connect() as con:
            found = (
                con.execute(
                    text(
                        f"SELECT to_jsonb(t)::text FROM {table} t WHERE to_jsonb(t)::text LIKE :m"
                    ),
                    {"m": f"%{marker}%"},
                )
                .scalars()
                .all()
            )
        assert len(found) == 1 and f"乙{marker}" not in found[0], table
    # the clerk disabled while still connected: the open connection writes no more
    with _connect(county.url, clerk) as con:
        con.execute(inserts[2][1], ("停用前",))
        con.commit()
        with owner.begin() as o:
            o.execute(text("UPDATE app_user SET active = false WHERE login = :l"), {"l": clerk})
        disabled = "未登记为本系统人员（或已停用）"
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=disabled):
            con.execute(inserts[2][1], ("停用后",))
    with owner.begin() as o:
        o.execute(text("UPDATE app_user SET active = true WHERE login = :l"), {"l": clerk})
    # the administrator (a person) and the owner (a superuser here) still write and correct
    with _connect(county.url, county.logins["admin"]) as con:
        con.execute("DELETE FROM item_synonym WHERE word = '停用前'")
    with owner.begin() as con:
        con.execute(text("INSERT INTO item_synonym (word, item_name, created_by) "
                         "VALUES ('所有者', '垃圾分类', 'x')"))  # fmt: skip
    owner.dispose()


def test_the_app_tells_an_unregistered_login_that_nothing_was_saved(strangers):
    """The app already offers such a login no write; a write that reaches the server anyway (an
    older app, a bug) comes back as the server's Chinese message, nothing saved."""
    from jianfu.db.repositories import audit

    county, logins = strangers
    login = logins["jianfu_reviewer"]
    url = make_url(county.url).set(username=login).render_as_string(hide_password=False)
    services = Services.create(open_app(url))
    try:
        ctx = services.ctx
        with pytest.raises(DatabaseError) as err, ctx.unit_of_work() as s:
            audit.record(s, operator=ctx.operator, action="查看", entity="case", entity_id=None)
        assert str(err.value).startswith(_refusal(login, "audit_log", "新增“操作记录”"))
        assert str(err.value).endswith("（未保存）")
    finally:
        services.ctx.database.close()


def test_a_table_added_later_is_guarded_without_being_named(strangers):
    county, logins = strangers
    owner = create_engine(county.url)
    with owner.begin() as con:
        con.execute(text("CREATE TABLE later_thing (id serial PRIMARY KEY, name text)"))
        assert grants.apply(con)  # the step after every upgrade
        assert grants.guard_every_table(con) == 0  # already there: nothing twice
    with _connect(county.url, county.logins["clerk"]) as con:
        con.execute("INSERT INTO later_thing (name) VALUES ('经办人')")
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="数据表 later_thing")
    with _connect(county.url, logins["jianfu_clerk"]) as con, refused:
        con.execute("INSERT INTO later_thing (name) VALUES ('未登记')")
    with owner.begin() as con:
        assert con.execute(text("SELECT array_agg(name) FROM later_thing")).scalar() == ["经办人"]
        con.execute(text("DROP TABLE later_thing"))
    owner.dispose()


def test_the_guard_downgrades_and_upgrades(strangers):
    """Before 0023 the unregistered member of the clerk group added a synonym (the hole); the
    downgrade takes away exactly the guard, the upgrade puts it back on every table."""
    county, logins = strangers
    engine = create_engine(county.url)
    cfg = alembic_config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0019d")
    with engine.connect() as con:
        assert (
            con.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname = :n"), {"n": GUARD}
            ).scalar_one()
            == 0
        )
        assert con.execute(text("SELECT to_regprocedure('jianfu_may_write(oid)')")).scalar() is None
    sql = "INSERT INTO item_synonym (word, item_name, created_by) VALUES ('漏洞', '垃圾分类', 'x')"
    with _connect(county.url, logins["jianfu_clerk"]) as con:
        con.execute(sql)
    upgrade(engine)
    with engine.connect() as con:
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        tables = con.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        ).scalar_one()
        assert (
            con.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname = :n"), {"n": GUARD}
            ).scalar_one()
            == tables
        )
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="未登记为本系统人员")
    with _connect(county.url, logins["jianfu_clerk"]) as con, refused:
        con.execute(sql.replace("漏洞", "补上"))
    engine.dispose()
