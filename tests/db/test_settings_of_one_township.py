"""The administrator edits one particular township's settings (issue 14): the service, and
``jianfu settings show|set [--unit NAME]``, on SQLite and PostgreSQL, then with real login
roles on a server (a clerk refused outside their township, by the app and by the database).
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jianfu.cli import main
from jianfu.db.models import UnitRow
from jianfu.db.township import ConnectedPerson
from jianfu.domain.errors import ValidationError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitType
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService

needs_server = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


def _tree(ctx) -> dict[str, int]:
    """南屏县 (城关镇, 石门乡) and 北川县 (城关镇): a township name repeated across counties."""
    ids: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        for county, towns in (("南屏县", ("城关镇", "石门乡")), ("北川县", ("城关镇",))):
            row = UnitRow(name=county, type=UnitType.COUNTY.value)
            s.add(row)
            s.flush()
            ids[county] = row.id
            for town in towns:
                t = UnitRow(name=town, type=UnitType.TOWNSHIP.value, parent_id=row.id)
                s.add(t)
                s.flush()
                ids[f"{county}/{town}"] = t.id
        s.add(UnitRow(name="石门村", type=UnitType.VILLAGE.value, parent_id=ids["南屏县/石门乡"]))
    return ids


def _replace(settings: TownshipSettings, **changes) -> TownshipSettings:
    from dataclasses import replace

    return replace(settings, **changes)


@pytest.mark.parametrize("as_admin", [False, True], ids=["owner", "admin"])
def test_the_administrator_edits_one_townships_settings_over_the_defaults(ctx, as_admin):
    ids = _tree(ctx)
    if as_admin:
        ctx.person = ConnectedPerson("adm", "admin", ids["南屏县"], "南屏县", "管理员")
    service = SettingsService(ctx)
    assert service.townships() == [
        (ids["南屏县/城关镇"], "南屏县/城关镇"),
        (ids["南屏县/石门乡"], "石门乡"),
        (ids["北川县/城关镇"], "北川县/城关镇"),
    ]
    defaults = service.save(TownshipSettings(county_name="南屏县", phone="0593-1000000"))
    town = ids["南屏县/石门乡"]
    assert not service.edits_defaults(town) and service.edits_defaults()
    loaded = service.load(town)
    assert (loaded.township_name, loaded.phone) == ("石门乡", "0593-1000000")
    assert service.own_fields(town) == {"township_name"}  # all else from the defaults
    saved = service.save(
        _replace(loaded, preparer="李四", decision_working_days=20, township_name="石门镇"),
        expected=loaded,
        township_id=town,
    )
    assert service.load(town) == saved
    assert service.own_fields(town) == {"township_name", "preparer", "decision_working_days"}
    assert service.load() == defaults  # the defaults stay as they were
    assert service.own_fields() == frozenset()
    with ctx.unit_of_work() as s:  # the renamed unit is that township's, not the first one
        assert s.get(UnitRow, town).name == "石门镇"
        assert s.get(UnitRow, ids["南屏县/城关镇"]).name == "城关镇"
    # back to the default for one field: its own value goes, the default shows through
    back = service.save(_replace(saved, decision_working_days=15), township_id=town)
    assert "decision_working_days" not in service.own_fields(town)
    assert back.decision_working_days == 15
    with pytest.raises(ValidationError, match="有 2 个单位名为“城关镇”"):
        service.township_named("城关镇")
    assert service.township_named("北川县/城关镇") == (ids["北川县/城关镇"], "北川县/城关镇")
    with pytest.raises(ValidationError, match="设置按乡镇\\(街道\\)保存"):
        service.township_named("北川县")
    with pytest.raises(ValidationError, match="请填它所属的乡镇"):
        service.township_named("石门村")


def test_a_clerk_keeps_to_their_township_and_a_reviewer_only_reads(ctx):
    ids = _tree(ctx)
    mine, other = ids["南屏县/城关镇"], ids["南屏县/石门乡"]
    ctx.person = ConnectedPerson("c", "clerk", mine, "城关镇", "张三")
    service = SettingsService(ctx)
    assert service.townships() == []  # no choice: their own township only
    assert service.scope() == mine and service.scope(mine) == mine
    for call in (
        lambda: service.load(other),
        lambda: service.save(TownshipSettings(township_name="石门乡"), township_id=other),
        lambda: service.township_named("石门乡"),
    ):
        with pytest.raises(ValidationError, match="乡镇经办人员只能查看和修改本乡镇（城关镇）"):
            call()
    ctx.person = ConnectedPerson("r", "reviewer", ids["南屏县"], "南屏县", "审核员")
    assert service.townships() == []
    assert service.load(other).township_name == "石门乡"  # below the county: readable
    with pytest.raises(ValidationError, match="县级审核人员只能查看"):
        service.save(TownshipSettings(township_name="石门乡"), township_id=other)
    with pytest.raises(ValidationError, match="不在您的单位（南屏县）之内"):
        service.load(ids["北川县/城关镇"])
    # a server login with no person in this database: no choice, no township's save
    from jianfu.db.township import UNREGISTERED

    ctx.person = ConnectedPerson("x", UNREGISTERED, None, "", "未登记的数据库账户 x")
    assert service.townships() == []
    with pytest.raises(ValidationError, match="未登记为本系统人员"):
        service.save(TownshipSettings(township_name="石门乡"), township_id=other)


def _run(capsys, url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--database", url, "settings", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_settings_commands(ctx, db_url, capsys):
    ids = _tree(ctx)
    ctx.database.close()  # the commands open the database themselves, as its owner
    town = "南屏县/城关镇"
    code, out, _err = _run(capsys, db_url, "set", "联系电话", "0593-1000000")
    assert code == 0 and "已将 各乡镇默认设置 的联系电话改为 0593-1000000" in out
    code, out, _err = _run(capsys, db_url, "set", "填表人", "张三", "--unit", town)
    assert (code, out.strip()) == (0, "已将 南屏县/城关镇 的填表人改为 张三")
    code, out, _err = _run(capsys, db_url, "set", "decision_working_days", "20", "--unit", town)
    assert code == 0
    code, out, _err = _run(capsys, db_url, "show", "--unit", town, "--json")
    shown = json.loads(out)
    assert (shown["unit"], shown["township_id"], shown["defaults"]) == (town, ids[town], False)
    by_key = {row["key"]: row for row in shown["settings"]}
    assert (by_key["preparer"]["value"], by_key["preparer"]["source"]) == ("张三", "township")
    assert (by_key["phone"]["value"], by_key["phone"]["source"]) == ("0593-1000000", "defaults")
    assert by_key["decision_working_days"] == {
        "key": "decision_working_days",
        "label": "审批时限工作日数",
        "value": 20,
        "source": "township",
    }
    code, out, _err = _run(capsys, db_url, "show", "--unit", town)
    assert code == 0 and out.startswith("南屏县/城关镇 的设置")
    assert any(line.split()[:3] == ["填表人", "张三", "[本乡镇]"] for line in out.splitlines())
    assert any(line.split()[-1] == "[默认]" and "联系电话" in line for line in out.splitlines())
    code, out, _err = _run(capsys, db_url, "show")  # the defaults: no township's values
    assert code == 0 and out.startswith("各乡镇默认设置")
    assert "张三" not in out and "[默认]" not in out
    code, out, _err = _run(capsys, db_url, "set", "审批时限工作日数", "--default", "--unit", town)
    assert code == 0 and "改回沿用默认设置：15" in out
    # the other township with the same name never changed
    code, out, _err = _run(capsys, db_url, "show", "--unit", "北川县/城关镇", "--json")
    assert {r["key"]: r["value"] for r in json.loads(out)["settings"]}["preparer"] == ""
    # refusals, in Chinese, and nothing saved
    for args, message in (
        (("show", "--unit", "城关镇"), "有 2 个单位名为“城关镇”（南屏县/城关镇、北川县/城关镇）"),
        (("show", "--unit", "东山镇"), "没有名为“东山镇”"),
        (("set", "填表人", "李四", "--unit", "南屏县"), "设置按乡镇(街道)保存"),
        (("set", "邮编", "1", "--unit", town), "没有设置项目“邮编”"),
        (("set", "审批时限工作日数", "二十", "--unit", town), "应是一个整数"),
        (("set", "审批时限工作日数", "400", "--unit", town), "应在 1 到 365 之间"),
        (("set", "填表人", "--unit", town), "请给出新的值"),
        (("set", "填表人", "--default"), "只用于某个乡镇的设置"),
    ):
        code, _out, err = _run(capsys, db_url, *args)
        assert code == 1 and err.startswith("错误：") and message in err, (args, err)


# ------------------------------------------------------------------ real login roles


@pytest.fixture
def server(_pg_empty_template):
    """The tree above on a fresh server, a clerk of 南屏县/城关镇, a reviewer and an admin."""
    from tests.conftest import _copy_pg_template

    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    _copy_pg_template(url, _pg_empty_template)  # migrated, empty
    ctx = open_app(url)
    ids = _tree(ctx)
    ctx.database.close()
    suffix = uuid.uuid4().hex[:6]
    people = {
        "clerk": ("clerk", "南屏县/城关镇"),
        "reviewer": ("reviewer", "南屏县"),
        "admin": ("admin", "南屏县"),
    }
    urls = {}
    for who, (role, unit) in people.items():
        login = f"t{who}_{suffix}"
        assert main(["--database", url, "users", "add", login, "--role", role, "--unit", unit]) == 0
        urls[who] = make_url(url).set(username=login).render_as_string(hide_password=False)
    return url, urls, ids


@needs_server
def test_as_login_roles_the_admin_edits_any_township_a_clerk_only_their_own(server, capsys):
    url, urls, ids = server
    capsys.readouterr()
    code, out, err = _run(capsys, urls["admin"], "set", "填表人", "李四", "--unit", "石门乡")
    assert (code, err) == (0, "") and "已将 南屏县/石门乡 的填表人改为 李四" in out
    code, out, err = _run(capsys, urls["admin"], "set", "联系电话", "0593-1000000")
    assert code == 0, err
    code, out, err = _run(capsys, urls["clerk"], "set", "填表人", "张三")  # their own
    assert code == 0 and "已将 城关镇 的填表人改为 张三" in out, err
    code, out, err = _run(capsys, urls["clerk"], "show", "--json")
    shown = {r["key"]: r for r in json.loads(out)["settings"]}
    assert shown["preparer"]["value"] == "张三"
    assert (shown["phone"]["value"], shown["phone"]["source"]) == ("0593-1000000", "defaults")
    for args in (("show", "--unit", "石门乡"), ("set", "填表人", "王五", "--unit", "石门乡")):
        code, _out, err = _run(capsys, urls["clerk"], *args)
        assert code == 1 and "乡镇经办人员只能查看和修改本乡镇（城关镇）的设置" in err, err
    code, _out, err = _run(capsys, urls["clerk"], "set", "联系电话", "1", "--unit", "北川县/城关镇")
    assert code == 1 and "乡镇经办人员只能" in err
    code, out, err = _run(capsys, urls["reviewer"], "show", "--unit", "石门乡", "--json")
    assert (
        code == 0
        and {r["key"]: r["value"] for r in json.loads(out)["settings"]}["preparer"] == "李四"
    )
    code, _out, err = _run(capsys, urls["reviewer"], "set", "填表人", "王五", "--unit", "石门乡")
    assert code == 1 and "县级审核人员只能查看" in err
    code, _out, err = _run(capsys, urls["reviewer"], "show", "--unit", "北川县/城关镇")
    assert code == 1 and "不在您的单位（南屏县）之内" in err
    # what the server holds: the admin's value under 石门乡, the clerk's under 城关镇
    owner = create_engine(url)
    try:
        with owner.connect() as con:
            rows = con.execute(
                text("SELECT township_id, value FROM setting WHERE key = 'township.preparer'")
            ).all()
    finally:
        owner.dispose()
    assert {(t, json.loads(v)) for t, v in rows} >= {
        (ids["南屏县/石门乡"], "李四"),
        (ids["南屏县/城关镇"], "张三"),
    }
    assert "王五" not in str(rows)
