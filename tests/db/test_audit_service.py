"""The audit service: filtering the trail, and the chain check that finds tampering."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, update

from jianfu.db.models import AuditRow
from jianfu.domain.audit import AuditFilter, diff_values
from jianfu.domain.departments import DepartmentInput, DepartmentLevel
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput
from jianfu.services.audit import AuditService
from jianfu.services.departments import DepartmentsService
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


@pytest.fixture
def trail(ctx):
    """A few changes by two clerks."""
    units, deps = UnitsService(ctx), DepartmentsService(ctx)
    ctx.operator = "林晓燕"
    a = units.add_unit(UnitInput("东山村"))
    units.update_unit(
        a.id, UnitInput("东山新村", sort_order=a.sort_order, notes="2024年撤并"), a.version
    )
    ctx.operator = "陈志强"
    d = deps.add_department(DepartmentInput("南屏县民政局", "民政局", DepartmentLevel.COUNTY))
    deps.set_active(d.id, False, d.version)
    SettingsService(ctx).save(TownshipSettings(township_name="清溪镇"))
    return AuditService(ctx)


def test_filters_by_operator_entity_action_and_text(trail):
    assert trail.page(AuditFilter()).total == 5
    by_lin = trail.page(AuditFilter(operator="林晓燕"))
    assert [e.action for e in by_lin.rows] == ["修改", "新增"]
    assert {e.entity for e in trail.page(AuditFilter(entity="department")).rows} == {"department"}
    assert trail.page(AuditFilter(action="停用")).rows[0].record_name == "南屏县民政局"
    found = trail.page(AuditFilter(text="撤并"))
    assert [(e.entity, e.action) for e in found.rows] == [("unit", "修改")]
    # LIKE wildcards typed by the clerk are taken literally
    assert trail.page(AuditFilter(text="%")).total == 0
    assert trail.page(AuditFilter(text="东_村")).total == 0


def test_filters_by_date_range_inclusive(trail):
    today = dt.date.today()
    assert trail.page(AuditFilter(date_from=today, date_to=today)).total == 5
    assert trail.page(AuditFilter(date_to=today - dt.timedelta(days=1))).total == 0
    assert trail.page(AuditFilter(date_from=today + dt.timedelta(days=1))).total == 0


def test_paging_newest_first(trail):
    first = trail.page(AuditFilter(), offset=0, limit=2)
    rest = trail.page(AuditFilter(), offset=2, limit=10)
    ids = [e.id for e in first.rows + rest.rows]
    assert ids == sorted(ids, reverse=True) and len(ids) == 5
    assert first.has_more and not rest.has_more


def test_choices_for_the_filter_boxes(trail):
    choices = trail.choices()
    assert choices["operator"] == ["陈志强", "林晓燕"]  # by pinyin: chen, lin
    assert set(choices["entity"]) == {"unit", "department", "settings"}
    assert "停用" in choices["action"]


def test_before_and_after_side_by_side(trail):
    edit = trail.page(AuditFilter(operator="林晓燕", action="修改")).rows[0]
    changed = {c.field: (c.before, c.after) for c in edit.changes() if c.changed}
    assert changed == {"name": ("东山村", "东山新村"), "notes": ("", "2024年撤并")}
    labels = {c.label for c in diff_values(edit.before, edit.after, only_changed=True)}
    assert labels == {"名称", "备注"}


def test_verify_ok_then_edited_entry_found(trail, ctx):
    check = trail.verify()
    assert check.ok and check.checked == 5
    assert "完整" in check.message()
    third = sorted(e.id for e in trail.page(AuditFilter()).rows)[2]
    with ctx.unit_of_work() as s:
        s.execute(update(AuditRow).where(AuditRow.id == third).values(after='{"name": "改过"}'))
    check = trail.verify()
    assert not check.ok and check.broken_id == third and check.checked == 2
    assert str(third) in check.message() and check.broken_at is not None


def test_verify_shows_the_last_code_a_printed_report_carries(trail, ctx):
    """A printed 统计表 says 操作记录 N 条，末条校验码 …; 校验 said only 已校验 N 条, so the code
    on the paper could be compared with nothing in the window."""
    from jianfu.services import audit_anchor

    with ctx.unit_of_work() as s:
        printed = audit_anchor.current(s).short()
    check = trail.verify()
    code = printed.rsplit(" ", 1)[1]
    assert len(code) == 12 and f"末条校验码 {code}" in check.message()


def test_verify_finds_a_deleted_entry(trail, ctx):
    ids = sorted(e.id for e in trail.page(AuditFilter()).rows)
    with ctx.unit_of_work() as s:
        s.execute(delete(AuditRow).where(AuditRow.id == ids[1]))
    check = trail.verify()
    assert check.broken_id == ids[2]


def test_verify_walks_a_long_chain_in_batches(ctx):
    units = UnitsService(ctx)
    for i in range(30):
        units.add_unit(UnitInput(f"村{i:02d}"))
    from jianfu.db.repositories import audit

    with ctx.unit_of_work() as s:
        assert audit.check_chain(s, batch=7).checked == 30
        s.execute(
            update(AuditRow)
            .where(AuditRow.id == audit.recent(s, 30)[5].id)
            .values(at=dt.datetime(2020, 1, 1))
        )
    with ctx.unit_of_work() as s:
        check = audit.check_chain(s, batch=7)
        assert check.checked == 24 and check.broken_at == dt.datetime(2020, 1, 1)


def test_above_the_township_each_operator_is_named_with_their_unit(trail, ctx):
    """The county's reviewer read 刘海燕 办理 证明申请 2026-0014 曾碧云 with nothing saying
    which township: each numbers its own certificates, and 2026-0014 was any of four."""
    from jianfu.db.models import AppUserRow, UnitRow
    from tests.conftest import put_under_county

    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        s.add(AppUserRow(login="qingxi_clerk", role="clerk", unit_id=town.id,
                         display_name="林晓燕"))  # fmt: skip
        other = UnitRow(name="石门乡", type="township", parent_id=county.id)
        s.add(other)
        s.flush()
        # two people of one name in two townships: no unit is guessed
        for login, unit in (("a_clerk", town.id), ("b_clerk", other.id)):
            s.add(AppUserRow(login=login, role="clerk", unit_id=unit, display_name="陈志强"))
        county_id, town_name = county.id, town.name
    rows = trail.page(AuditFilter()).rows
    assert {e.operator_shown for e in rows} == {"林晓燕", "陈志强"}  # a township's own trail
    from jianfu.db.township import ConnectedPerson

    ctx.person = ConnectedPerson("nanping_reviewer", "reviewer", county_id, "南屏县", "黄文斌")
    shown = {e.operator_shown for e in trail.page(AuditFilter()).rows}
    assert shown == {f"林晓燕（{town_name}）", "陈志强"}
