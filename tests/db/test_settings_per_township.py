"""Settings per township with database-wide defaults; clerks write only their own (issue 14).

The first tests run on SQLite and PostgreSQL (``db_url``) through the services; the last ones
need a server and connect as the login roles ``jianfu users add`` creates, with plain SQL as
another tool would, and through the app.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from jianfu.db import engine as engine_module
from jianfu.db.migrate import upgrade
from jianfu.db.models import DepartmentRow, UnitRow
from jianfu.db.repositories import settings as settings_repo
from jianfu.domain.departments import DepartmentInput, DepartmentLevel
from jianfu.domain.errors import ConflictError, DatabaseError
from jianfu.domain.periods import parse_period
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.tasks import TaskDecision, TaskInput
from jianfu.domain.units import UnitType
from jianfu.services.database import open_app
from jianfu.services.people import REFERENCE, write_refusal
from jianfu.services.registry import Services
from jianfu.services.settings import SettingsService
from tests.conftest import two_townships

needs_server = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


def test_each_township_keeps_its_own_settings_over_the_defaults(ctx):
    ids = two_townships(ctx)
    service = SettingsService(ctx)
    assert service.edits_defaults()  # the owner of several townships: the defaults
    defaults = service.save(
        TownshipSettings(county_name="南屏县", phone="0593-1000000", decision_working_days=20)
    )
    assert defaults.township_name == ""
    with ctx.acting_for(ids["清溪镇"]):
        loaded = service.load()
        assert (loaded.township_name, loaded.county_name, loaded.phone) == (
            "清溪镇",  # its unit's name until it saves one
            "南屏县",
            "0593-1000000",
        )
        service.save(
            TownshipSettings(
                township_name="清溪镇", county_name="南屏县", preparer="张三", phone="0593-6123456"
            ),
            expected=loaded,
        )
    with ctx.acting_for(ids["石门乡"]):
        service.save(
            TownshipSettings(township_name="石门乡", county_name="南屏县", preparer="李四")
        )
        other = service.load()
    with ctx.acting_for(ids["清溪镇"]):
        mine = service.load()
    assert (mine.preparer, mine.phone) == ("张三", "0593-6123456")
    assert (other.township_name, other.preparer) == ("石门乡", "李四")
    assert other.phone == "" and other.decision_working_days == 15  # saved as its own values
    assert service.load() == defaults  # the defaults are untouched by the townships' saves
    # a default changed later reaches a township for the fields it never changed
    service.save(replace_(defaults, city_name="宁川市"), expected=defaults)
    with ctx.acting_for(ids["清溪镇"]):
        assert service.load().city_name == "宁川市"
        assert service.load().preparer == "张三"


def replace_(settings: TownshipSettings, **changes) -> TownshipSettings:
    from dataclasses import replace

    return replace(settings, **changes)


def test_the_conflict_check_is_per_township(ctx):
    ids = two_townships(ctx)
    service = SettingsService(ctx)
    with ctx.acting_for(ids["清溪镇"]):
        mine = service.load()
    with ctx.acting_for(ids["石门乡"]):
        service.save(TownshipSettings(township_name="石门乡", preparer="李四"))
    with ctx.acting_for(ids["清溪镇"]):
        # another township's save is no conflict for this one
        saved = service.save(replace_(mine, preparer="张三"), expected=mine)
        with pytest.raises(ConflictError):
            service.save(replace_(mine, preparer="王五"), expected=mine)
        assert service.load() == saved


def test_a_single_file_keeps_its_one_townships_settings(ctx):
    service = SettingsService(ctx)
    empty = service.load()
    saved = service.save(TownshipSettings(township_name="清溪镇", preparer="张三"), expected=empty)
    assert not service.edits_defaults()
    assert service.load() == saved
    with ctx.unit_of_work() as s:
        town = s.execute(
            select(UnitRow).where(UnitRow.type == UnitType.TOWNSHIP.value)
        ).scalar_one()
        assert town.name == "清溪镇"
        assert settings_repo.load_raw(s, town.id)["township.preparer"] == "张三"
        assert settings_repo.load_township(s) == saved


def _old_settings_database(url: str, values: dict[str, object]) -> None:
    """A database as main's head (0016) left it: one set of settings for the whole file."""
    engine = engine_module.make_engine(engine_module.parse_url(url))
    try:
        upgrade(engine, "0016")
        with engine.begin() as con:
            con.execute(
                text(
                    "INSERT INTO unit (name, type, sort_order, active, notes, version) "
                    "VALUES ('清溪镇', :t, 0, true, '', 1)"
                ),
                {"t": UnitType.TOWNSHIP.value},
            )
            for key, value in values.items():
                con.execute(
                    text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                    {"k": f"township.{key}", "v": json.dumps(value, ensure_ascii=False)},
                )
    finally:
        engine.dispose()


def test_upgrading_keeps_the_values_for_the_township(db_url):
    values = {
        "township_name": "清溪镇",
        "county_name": "南屏县",
        "preparer": "张三",
        "phone": "0593-6123456",
        "decision_working_days": 20,
    }
    _old_settings_database(db_url, values)
    ctx = open_app(db_url)
    try:
        loaded = SettingsService(ctx).load()
        for key, value in values.items():
            assert getattr(loaded, key) == value
        with ctx.unit_of_work() as s:
            defaults = settings_repo.load_defaults(s)
        # a township's own people stay its own; the county's fields become the defaults
        assert (defaults.county_name, defaults.decision_working_days) == ("南屏县", 20)
        assert (defaults.township_name, defaults.preparer, defaults.phone) == ("", "", "")
    finally:
        ctx.database.close()


def test_a_clerk_is_told_shared_data_is_the_administrators():
    from jianfu.db.township import ConnectedPerson

    clerk = ConnectedPerson("c", "clerk", 1, "清溪镇", "张三")
    admin = ConnectedPerson("a", "admin", 1, "南屏县", "管理员")
    assert "由管理员维护" in write_refusal(clerk, REFERENCE)
    assert write_refusal(admin, REFERENCE) == ""
    assert write_refusal(None, REFERENCE) == ""  # a single file's clerk keeps every button


# ------------------------------------------------------------------ real login roles


@pytest.fixture
def county(pg_county):
    """The demo township (清溪镇) and 石门乡 under 南屏县; a clerk for each (a, b), an admin."""
    c = pg_county
    urls = {"a": c.urls["clerk"], "b": c.urls["clerk_b"], "admin": c.urls["admin"]}
    ids = {"a": c.ids[c.town], "b": c.ids["石门乡"]}
    names = {"a": c.town, "b": "石门乡"}
    return c.url, urls, ids, names


def _services(url: str) -> Services:
    return Services.create(open_app(url))


@needs_server
def test_two_clerks_each_see_and_save_only_their_townships_settings(county):
    _url, urls, ids, names = county
    admin = _services(urls["admin"])
    a, b = _services(urls["a"]), _services(urls["b"])
    try:
        assert admin.settings.edits_defaults()
        admin.settings.save(TownshipSettings(county_name="南屏县", phone="0593-1000000"))
        assert not a.settings.edits_defaults()
        before_b = b.settings.load()
        assert (before_b.township_name, before_b.phone) == (names["b"], "0593-1000000")
        a_saved = a.settings.save(replace_(a.settings.load(), preparer="张三", phone="0593-1111"))
        b_saved = b.settings.save(replace_(before_b, preparer="李四"), expected=before_b)
        assert a.settings.load() == a_saved and b.settings.load() == b_saved
        assert (a_saved.preparer, b_saved.preparer) == ("张三", "李四")
        assert b_saved.phone == "0593-1000000"  # the default, B never changed it
        assert admin.settings.load().preparer == ""  # the defaults stay the admin's
        # what a township prints: its own settings (the report signs with them)
        report_b = b.report.build(parse_period("2026Q3"), unit=ids["b"])
        assert (report_b.township, report_b.preparer) == (names["b"], "李四")
        report_a = a.report.build(parse_period("2026Q3"))
        assert (report_a.township, report_a.preparer, report_a.phone) == (
            names["a"],
            "张三",
            "0593-1111",
        )
    finally:
        for svc in (admin, a, b):
            svc.ctx.database.close()


@needs_server
def test_a_clerk_cannot_change_another_townships_or_the_default_settings_with_sql(county):
    url, urls, ids, _names = county
    admin = _services(urls["admin"])
    b = _services(urls["b"])
    try:
        admin.settings.save(TownshipSettings(county_name="南屏县"))
        b.settings.save(replace_(b.settings.load(), preparer="李四"))
    finally:
        admin.ctx.database.close()
        b.ctx.database.close()
    engine = create_engine(urls["a"])
    try:
        with engine.connect() as con:
            seen = set(con.execute(text("SELECT township_id FROM setting")).scalars())
            assert ids["b"] not in seen and None in seen  # the defaults, not B's
            for where in ("township_id = :b", "township_id IS NULL"):
                for sql in (
                    f"UPDATE setting SET value = '\"改\"' WHERE {where}",
                    f"DELETE FROM setting WHERE {where}",
                ):
                    assert con.execute(text(sql), {"b": ids["b"]}).rowcount == 0
            insert = "INSERT INTO setting (township_id, key, value) VALUES (:t, 'x.test', '1')"
            for town in (ids["b"], None):
                with pytest.raises(ProgrammingError, match="row-level security"):
                    con.execute(text(insert), {"t": town})
                con.rollback()
            con.execute(text(insert), {"t": ids["a"]})  # their own township's rows: yes
            con.rollback()
    finally:
        engine.dispose()
    owner = create_engine(url)
    try:
        with owner.connect() as con:
            rows = dict(
                con.execute(
                    text("SELECT key, value FROM setting WHERE township_id = :b"), {"b": ids["b"]}
                ).all()
            )
            defaults = dict(
                con.execute(text("SELECT key, value FROM setting WHERE township_id IS NULL")).all()
            )
        assert json.loads(rows["township.preparer"]) == "李四"
        assert json.loads(defaults["township.county_name"]) == "南屏县"
        assert "改" not in json.dumps(rows) + json.dumps(defaults)
    finally:
        owner.dispose()


@needs_server
def test_a_clerk_cannot_change_shared_reference_rows_but_does_their_work(county):
    _url, urls, _ids, _names = county
    engine = create_engine(urls["a"])
    try:
        with engine.connect() as con:
            for sql in (
                "UPDATE department SET short_name = '改'",
                "DELETE FROM department_alias",
                "INSERT INTO department (name, short_name, level, sort_order, active, version) "
                "VALUES ('某局', '', '县级', 1, true, 1)",
                "UPDATE board_category SET name = name || '改'",
                "DELETE FROM board_allowed_rule",
                "INSERT INTO workday_override (day, is_workday, note) VALUES "
                "('2026-10-10', true, '')",
                "DELETE FROM workday_override",
                "DELETE FROM official_day",
                "UPDATE burden_type SET name = name",
                "DELETE FROM item_synonym",
                "UPDATE check_precedent SET text = text",
            ):
                with pytest.raises(ProgrammingError, match="permission denied"):
                    con.execute(text(sql))
                con.rollback()
    finally:
        engine.dispose()
    a = _services(urls["a"])
    try:
        # the app says it in Chinese, not a traceback
        with pytest.raises(DatabaseError, match="部门是各乡镇共用的基础数据，由管理员维护"):
            a.departments.add_department(
                DepartmentInput(name="南屏县某新局", short_name="", level=DepartmentLevel.COUNTY)
            )
        with pytest.raises(DatabaseError, match="工作日设置是各乡镇共用的基础数据"):
            a.cases.set_override(dt.date(2026, 10, 10), True, "调休")
        # the clerk's daily work: a task from a department not in the table, a synonym
        task = a.tasks.record(
            TaskInput(
                title="关于开展某项检查的通知", department="南屏县某新局",
                received_on=dt.date(2026, 7, 1), decision=TaskDecision.UNLISTED,
            )
        )  # fmt: skip
        assert task.id is not None
        a.checks.add_synonym("龙舟大赛", "开展群众性文化体育活动")
        assert a.checks.synonyms_of("开展群众性文化体育活动") == ["龙舟大赛"]
    finally:
        a.ctx.database.close()
    admin = _services(urls["admin"])
    try:
        with admin.ctx.unit_of_work() as s:
            row = s.execute(select(DepartmentRow).limit(1)).scalar_one()
            row.short_name = "改过"  # the administrator keeps the reference data
        admin.cases.set_override(dt.date(2026, 10, 10), True, "调休")
    finally:
        admin.ctx.database.close()
