"""Villages, departments and settings through the services, on every backend."""

from __future__ import annotations

import pytest

from jianfu.db.repositories import audit
from jianfu.demo.township import seed_demo
from jianfu.domain.departments import DepartmentInput, DepartmentLevel
from jianfu.domain.errors import ConflictError, ValidationError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput, UnitType
from jianfu.services.departments import DepartmentsService
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


def test_add_edit_and_deactivate_a_village(ctx):
    units = UnitsService(ctx)
    unit = units.add_unit(UnitInput(" 清溪村 ", UnitType.VILLAGE, notes="镇政府所在地"))
    assert (unit.name, unit.type, unit.active) == ("清溪村", UnitType.VILLAGE, True)
    edited = units.update_unit(
        unit.id, UnitInput("清溪社区", UnitType.RURAL_COMMUNITY), unit.version
    )
    assert edited.name == "清溪社区"
    assert edited.version == unit.version + 1
    off = units.set_active(edited.id, False, edited.version)
    assert not off.active
    assert units.list_page(include_inactive=False).total == 0
    assert units.list_page().rows == [off]


def test_duplicate_village_name_is_refused_and_nothing_saved(ctx):
    units = UnitsService(ctx)
    units.add_unit(UnitInput("上洋村"))
    with pytest.raises(ValidationError) as err:
        units.add_unit(UnitInput("上洋村"))
    assert "已有名为“上洋村”" in err.value.for_field("name")
    assert units.list_page().total == 1


def test_renaming_onto_another_village_is_refused(ctx):
    units = UnitsService(ctx)
    units.add_unit(UnitInput("上洋村"))
    other = units.add_unit(UnitInput("下岐村"))
    with pytest.raises(ValidationError):
        units.update_unit(other.id, UnitInput("上洋村"), other.version)
    assert units.get(other.id).name == "下岐村"


def test_second_edit_from_a_stale_copy_is_refused(ctx):
    units = UnitsService(ctx)
    unit = units.add_unit(UnitInput("溪口村"))
    units.update_unit(unit.id, UnitInput("溪口一村"), unit.version)
    with pytest.raises(ConflictError):
        units.update_unit(unit.id, UnitInput("溪口二村"), unit.version)
    assert units.get(unit.id).name == "溪口一村"


def test_search_and_paging(demo_ctx):
    units = UnitsService(demo_ctx)
    assert units.list_page("社区").total == 3
    assert [u.name for u in units.list_page("溪").rows] == ["清溪村", "溪口村", "溪滨社区"]
    first = units.list_page(limit=5)
    second = units.list_page(offset=5, limit=5)
    assert first.total == 13 and first.has_more
    assert {u.id for u in first.rows}.isdisjoint({u.id for u in second.rows})


def test_departments(demo_ctx):
    deps = DepartmentsService(demo_ctx)
    assert deps.list_page().total == 26  # with 南屏县人民武装部, 责任单位 of XZ08
    assert {d.name for d in deps.list_page("民政").rows} == {"南屏县民政局"}
    added = deps.add_department(DepartmentInput("南屏县林业局", "林业局", DepartmentLevel.COUNTY))
    assert deps.list_page("林业").rows == [added]
    with pytest.raises(ValidationError):
        deps.add_department(DepartmentInput("南屏县林业局"))
    off = deps.set_active(added.id, False, added.version)
    assert off not in deps.list_page(include_inactive=False).rows


def test_settings_round_trip_and_township_row(ctx):
    service = SettingsService(ctx)
    assert service.load() == TownshipSettings()
    saved = service.save(TownshipSettings(township_name="清溪镇", preparer="林晓燕"))
    assert service.load() == saved
    with pytest.raises(ValidationError):
        service.save(TownshipSettings(township_name=""))
    assert service.load().township_name == "清溪镇"


def test_every_change_is_audited_in_an_intact_chain(ctx):
    units = UnitsService(ctx)
    unit = units.add_unit(UnitInput("东山村"))
    units.update_unit(unit.id, UnitInput("东山新村"), unit.version)
    with ctx.unit_of_work() as s:
        entries = audit.recent(s)
        assert [e.action for e in entries] == ["修改", "新增"]
        assert entries[0].before["name"] == "东山村"
        assert entries[0].after["name"] == "东山新村"
        assert entries[0].operator == "测试员"
        assert audit.verify_chain(s) is None


def test_tampering_with_the_audit_trail_is_detected(ctx):
    from sqlalchemy import update

    from jianfu.db.models import AuditRow

    units = UnitsService(ctx)
    for name in ("一村", "二村", "三村"):
        units.add_unit(UnitInput(name))
    with ctx.unit_of_work() as s:
        second = audit.recent(s)[1].id
        s.execute(update(AuditRow).where(AuditRow.id == second).values(operator="别人"))
    with ctx.unit_of_work() as s:
        assert audit.verify_chain(s) == second


def test_demo_seed_runs_once(ctx):
    assert seed_demo(ctx) is True
    assert seed_demo(ctx) is False
    assert UnitsService(ctx).list_page().total == 13
    assert SettingsService(ctx).load().township_name == "清溪镇"
