"""Migration 0030: the row-level policies' helper ``jianfu_visible_townships()`` in PL/pgSQL
(planned once per connection, each level of the unit tree by the index on ``parent_id``)
answers every person exactly as the SQL function before it did.

Runs only against a server. The county of ``pg_county`` is put under a city beside a second
county with its own township, so the people at each level (a township's clerk, the county's
reviewers, the mechanism at the county and at the city, the administrator) see different sets;
an inactive login and one moved to a village see none. Each answer is compared with 0010's
rule run as the same login, and with the townships it must be. The policies still decide what
a login reads (``tests/db/test_township_roles.py`` runs at the head). Speed: the migration's
docstring.
"""

from __future__ import annotations

import os

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.schema_version import SCHEMA_HEAD

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

#: 0010's rule, as a query (its ``jianfu_is_admin()`` written out)
FORMER_RULE = """
    WITH RECURSIVE below(id, type) AS (
        SELECT u.id, u.type FROM unit u JOIN app_user a ON a.unit_id = u.id
        WHERE a.login = current_user AND a.active AND a.role <> 'admin'
        UNION ALL
        SELECT u.id, u.type FROM unit u JOIN below b ON u.parent_id = b.id
        WHERE b.type <> '乡镇(街道)'
    )
    SELECT id FROM below WHERE type = '乡镇(街道)'
    UNION ALL
    SELECT id FROM unit WHERE type = '乡镇(街道)' AND coalesce(
        (SELECT role = 'admin' FROM app_user WHERE login = current_user AND active), false)
"""


def _unit(con, name: str, type_: str, parent: int | None) -> int:
    return con.execute(
        text(
            "INSERT INTO unit (parent_id, name, type, sort_order, active, notes, version) "
            "VALUES (:p, :n, :t, 0, true, '', 1) RETURNING id"
        ),
        {"p": parent, "n": name, "t": type_},
    ).scalar_one()


def _as(con, login: str, query: str) -> list[int]:
    con.execute(text(f'SET ROLE "{login}"'))
    try:
        return sorted(con.execute(text(query)).scalars())
    finally:
        con.execute(text("RESET ROLE"))


def _answers(con, logins: dict[str, str]) -> dict[str, list[int]]:
    """Each person's visible townships, checked equal to the former rule's."""
    seen = {}
    for who, login in logins.items():
        now = _as(con, login, "SELECT jianfu_visible_townships()")
        assert now == _as(con, login, FORMER_RULE), who
        seen[who] = now
    return seen


def _city(con, ids: dict[str, int]) -> dict[str, int]:
    """宁川市 above 南屏县, and 北岭县 beside it with 北岭镇 and its village."""
    county = con.execute(text("SELECT parent_id FROM unit WHERE id = :t"), {"t": ids["石门乡"]})
    county_id = county.scalar_one()
    city = _unit(con, "宁川市", "市", None)
    con.execute(text("UPDATE unit SET parent_id = :c WHERE id = :k"), {"c": city, "k": county_id})
    other = _unit(con, "北岭县", "县(市、区)", city)
    town = _unit(con, "北岭镇", "乡镇(街道)", other)
    village = _unit(con, "北岭镇一村", "村(社区)", town)
    return {"city": city, "county": county_id, "other town": town, "village": village}


def test_each_person_sees_the_townships_of_the_former_rule(pg_county):
    engine = create_engine(pg_county.url)  # the owner's
    try:
        with engine.connect() as con:
            units = _city(con, pg_county.ids)
            town, other = pg_county.ids[pg_county.town], pg_county.ids["石门乡"]
            seen = _answers(con, pg_county.logins)
            assert seen["clerk"] == [town]
            assert seen["clerk_b"] == [other]
            for who in ("reviewer", "reviewer2", "mechanism"):  # 南屏县's, not 北岭县's
                assert seen[who] == sorted([town, other]), who
            everywhere = sorted([town, other, units["other town"]])
            assert seen["admin"] == everywhere

            # the mechanism at the city, a reviewer no longer active, a clerk put on a village
            # (the app allows neither; the rule must still hold)
            people = pg_county.logins
            for who, unit in (("mechanism", units["city"]), ("clerk_b", units["village"])):
                con.execute(
                    text("UPDATE app_user SET unit_id = :u WHERE login = :l"),
                    {"u": unit, "l": people[who]},
                )
            con.execute(
                text("UPDATE app_user SET active = false WHERE login = :l"),
                {"l": people["reviewer2"]},
            )
            seen = _answers(con, people)
            assert seen["mechanism"] == everywhere
            assert seen["reviewer2"] == [] and seen["clerk_b"] == []
            assert seen["reviewer"] == sorted([town, other])
            # an administrator no longer active sees nothing either
            con.execute(
                text("UPDATE app_user SET active = false WHERE login = :l"), {"l": people["admin"]}
            )
            assert _answers(con, {"admin": people["admin"]}) == {"admin": []}
            con.rollback()
    finally:
        engine.dispose()


def _function(con) -> tuple[str, list[str], bool, str]:
    return tuple(
        con.execute(
            text(
                "SELECT l.lanname, p.proconfig, p.prosecdef, p.provolatile FROM pg_proc p "
                "JOIN pg_language l ON l.oid = p.prolang "
                "WHERE p.oid = 'jianfu_visible_townships()'::regprocedure"
            )
        ).one()
    )


def test_it_goes_down_to_the_sql_function_and_up_again(pg_county):
    assert SCHEMA_HEAD >= "0030"
    engine = create_engine(pg_county.url)
    try:
        with engine.connect() as con:
            # planned once per connection; the caller's rights, the search path of 0028
            assert _function(con) == ("plpgsql", ["search_path=public, pg_temp"], False, "s")
            at_head = _answers(con, pg_county.logins)
            con.rollback()
        cfg = alembic_config()
        with engine.begin() as con:
            cfg.attributes["connection"] = con
            command.downgrade(cfg, "0029")
        with engine.connect() as con:
            assert _function(con) == ("sql", ["search_path=public, pg_temp"], False, "s")
            assert _answers(con, pg_county.logins) == at_head
            con.rollback()
        upgrade(engine)
        with engine.connect() as con:
            assert _function(con)[0] == "plpgsql"
            assert _answers(con, pg_county.logins) == at_head
            con.rollback()
    finally:
        engine.dispose()
