"""The other-burdens service on SQLite and PostgreSQL: entry, clean-up, counts, files, print."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jianfu.db.repositories import audit
from jianfu.demo.burdens import seed_demo_burdens
from jianfu.domain.burdens import (
    DEFAULT_BURDEN_TYPES,
    PENDING,
    BurdenFilter,
    BurdenInput,
    CleanupAction,
)
from jianfu.domain.errors import ConflictError, JianfuError, ValidationError
from jianfu.services.burdens import BurdensService

TODAY = dt.date.today()


@pytest.fixture
def service(demo_ctx) -> BurdensService:
    return BurdensService(demo_ctx)


def village(service: BurdensService, name: str) -> int:
    return next(v.id for v in service.villages() if v.name == name)


def add(service, name, unit="清溪村", kind="form", **kw):
    return service.add(BurdenInput(village(service, unit), kind, name, **kw))


def trail(ctx, entity="burden"):
    with ctx.unit_of_work() as s:
        return audit.recent(s, 500, entity)


def test_the_migration_seeds_the_default_types(ctx):
    assert BurdensService(ctx).types() == list(DEFAULT_BURDEN_TYPES)


def test_demo_gives_every_village_entries_some_cleaned(service):
    records = service.all()
    assert len(records) == service.count_entries() > 100
    assert {r.unit_name for r in records} == {v.name for v in service.villages()}
    actions = {r.action for r in records}
    assert {None, CleanupAction.MERGED, CleanupAction.CANCELLED, CleanupAction.KEPT} <= actions
    assert all(r.action_date is None or r.action_date <= TODAY for r in records)
    assert seed_demo_burdens(service.ctx) == 0  # only once


def test_add_edit_delete_with_audit(service, demo_ctx):
    saved = add(service, "  人口信息月报表 ", department="县统计局", frequency="每月")
    assert (saved.unit_name, saved.type, saved.name, saved.action) == (
        "清溪村",
        "form",
        "人口信息月报表",
        None,
    )
    edited = service.update(
        saved.id,
        BurdenInput(
            village(service, "上洋村"),
            "form",
            "人口信息季报表",
            department="县统计局",
            frequency="每季度",
            action=CleanupAction.MERGED,
            action_date=TODAY,
            notes="并入综合报表",
        ),
        saved.version,
    )
    assert (edited.unit_name, edited.name, edited.action, edited.version) == (
        "上洋村",
        "人口信息季报表",
        CleanupAction.MERGED,
        saved.version + 1,
    )
    service.delete(edited.id, edited.version)
    entries = trail(demo_ctx)[:3]
    assert [e.action for e in entries] == ["删除", "修改", "新增"]
    assert entries[1].before["name"] == "人口信息月报表"
    assert entries[1].after["unit_name"] == "上洋村"
    assert entries[0].before["name"] == "人口信息季报表"


def test_same_name_in_the_same_village_and_type_is_refused(service):
    add(service, "重复的报表")
    with pytest.raises(ValidationError) as info:
        add(service, "重复的报表")
    assert info.value.for_field("name") == "这个村(社区)的同类别中已有“重复的报表”"
    # another village or another type is fine
    add(service, "重复的报表", unit="上洋村")
    add(service, "重复的报表", kind="inspection")


def test_bad_input_is_refused_per_field_and_nothing_saved(service):
    before = service.count_entries()
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # the day after the check's today
    with pytest.raises(ValidationError) as info:
        service.add(
            BurdenInput(None, "form", "", action=CleanupAction.MERGED, action_date=tomorrow)
        )
    assert info.value.for_field("unit") == "请选择村(社区)"
    assert info.value.for_field("name") == "名称不能为空"
    assert "晚于今天" in info.value.for_field("action_date")
    assert service.count_entries() == before


def test_a_stale_edit_is_refused(service):
    saved = add(service, "某工作群", kind="channel")
    service.update(saved.id, BurdenInput(saved.unit_id, "channel", "某工作群（改）"), saved.version)
    with pytest.raises(ConflictError):
        service.update(saved.id, BurdenInput(saved.unit_id, "channel", "又改"), saved.version)


def test_bulk_clean_up_is_one_transaction(service, demo_ctx):
    a = add(service, "甲群", kind="channel")
    b = add(service, "乙群", kind="channel", notes="原备注")
    done = service.apply_action([a, b], CleanupAction.MERGED, TODAY, note="并入镇村工作总群")
    assert [(r.action, r.action_date) for r in done] == [(CleanupAction.MERGED, TODAY)] * 2
    assert [r.notes for r in done] == ["并入镇村工作总群", "原备注；并入镇村工作总群"]
    assert [e.action for e in trail(demo_ctx)[:2]] == ["清理：撤并", "清理：撤并"]

    # one stale entry: nothing at all is changed
    c = add(service, "丙群", kind="channel")
    stale_b = b  # version before the bulk action
    with pytest.raises(ConflictError):
        service.apply_action([c, stale_b], CleanupAction.CANCELLED, TODAY)
    assert service.get(c.id).action is None
    assert service.get(b.id).action is CleanupAction.MERGED


def test_bulk_clean_up_refuses_a_future_date_or_no_selection(service):
    a = add(service, "丁表")
    with pytest.raises(ValidationError, match="晚于今天"):
        service.apply_action([a], CleanupAction.CANCELLED, TODAY + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="请先选择要清理的事项"):
        service.apply_action([], CleanupAction.CANCELLED, TODAY)
    assert service.get(a.id).action is None


def test_filters_page_in_sql(service):
    qx = village(service, "清溪村")
    all_qx = service.page(BurdenFilter(unit_id=qx))
    assert all_qx.total == len([r for r in service.all() if r.unit_name == "清溪村"])
    forms = service.page(BurdenFilter(unit_id=qx, type="form"))
    assert forms.rows and all(r.type == "form" for r in forms.rows)
    pending = service.page(BurdenFilter(action=PENDING), 0, 10_000)
    assert pending.rows and all(r.action is None for r in pending.rows)
    merged = service.page(BurdenFilter(action="撤并"), 0, 10_000)
    assert merged.rows and all(r.action is CleanupAction.MERGED for r in merged.rows)
    found = service.page(BurdenFilter(query="水利"), 0, 10_000)
    assert found.rows and all("水利" in r.department for r in found.rows)
    page2 = service.page(BurdenFilter(), 10, 10)
    assert (page2.offset, len(page2.rows)) == (10, 10)
    assert page2.rows[0] == service.all()[10]


def test_counts_per_village_and_type_for_the_period_report(service):
    start, end = TODAY - dt.timedelta(days=400), TODAY
    before = service.counts(start, end)
    assert [v.unit_name for v in before.villages] == [v.name for v in service.villages()]
    qx = before.village("清溪村")
    old = qx.of("mechanism")
    a = add(service, "新机制A", kind="mechanism")
    b = add(service, "新机制B", kind="mechanism")
    service.apply_action([a], CleanupAction.MERGED, TODAY)
    service.apply_action([b], CleanupAction.KEPT, TODAY)
    after = service.counts(start, end).village("清溪村").of("mechanism")
    assert after.before == old.before + 2
    assert after.merged == old.merged + 1
    assert after.now == old.now + 1
    assert after.kept == old.kept + 1
    # a period that ended yesterday does not see today's merge, nor the entries as cleaned
    yesterday = service.counts(start, TODAY - dt.timedelta(days=1)).village("清溪村")
    assert yesterday.of("mechanism").merged == after.merged - 1
    total = service.counts(start, end).total
    assert total.of("form").before == sum(
        v.of("form").before for v in service.counts(start, end).villages
    )
    one = service.counts(start, end, village(service, "清溪村"))
    assert [v.unit_name for v in one.villages] == ["清溪村"]


def test_export_then_import_into_another_township_gives_the_same_entries(service, tmp_path, db_url):
    path = service.export(tmp_path / "台账.xlsx")
    ws = load_workbook(path).active
    assert ws["A1"].value == "清溪镇村(社区)其他负担台账"
    assert [c.value for c in ws[2]][:4] == ["序号", "村(社区)", "类别", "名称"]
    assert ws.max_row == 2 + service.count_entries()

    # importing into the same ledger: every row is a duplicate, nothing saved
    preview = service.preview_import(path)
    assert len(preview.problems) == service.count_entries()
    assert "已在台账中" in preview.problems[0].message and preview.problems[0].row == 3
    assert str(preview.problems[0]).startswith("工作表“")
    with pytest.raises(JianfuError, match="未导入任何内容"):
        service.commit_import(preview)

    # delete everything, then import back
    original = service.all()
    for r in original:
        service.delete(r.id, r.version)
    preview = service.preview_import(path)
    assert preview.ok and preview.problems == []
    assert service.commit_import(preview) == len(original)

    def key(r):
        return (
            r.unit_name,
            r.type,
            r.name,
            r.department,
            r.frequency,
            r.basis,
            r.action,
            r.action_date,
            r.notes,
        )

    assert sorted(map(key, service.all())) == sorted(map(key, original))


def test_print_ledger_of_a_village(service, read_text):
    qx = village(service, "清溪村")
    add(service, "成绩 < 60 & <b>加粗</b> 的台账")
    pdf = service.print_ledger(qx, dt.date(TODAY.year, 1, 1), TODAY)
    text = read_text(pdf)
    assert "清溪村其他负担台账" in text
    assert "成绩<60&<b>加粗</b>的台账" in text
    assert "上洋村" not in text
    assert "填表人：林晓燕" in text and "审核人：陈建华" in text


@pytest.fixture
def read_text():
    def read(data: bytes) -> str:
        assert data.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(data))
        return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)

    return read


def test_a_township_is_not_taken_for_a_village(service, demo_ctx):
    """Under a county the township has a parent too: an entry 'in' the township itself is
    refused, as the board ledger refuses it."""
    from tests.conftest import put_under_county

    with demo_ctx.unit_of_work() as s:
        _county, town = put_under_county(s)
        town_id = town.id
    before = service.count_entries()
    with pytest.raises(ValidationError) as refused:
        service.add(BurdenInput(town_id, "form", "乡镇自己的报表"))
    assert refused.value.for_field("unit")
    assert service.count_entries() == before


def test_the_search_finds_a_village_and_a_township_by_name(service, demo_ctx):
    """Above the township the 村(社区) column names each row's township (石门乡/清溪村); the
    county's reviewer typed 石门乡 in the search and got 符合条件 0 项: only the entry's name,
    department, basis and notes were searched."""
    from tests.conftest import same_village_twice

    _person, town, other = same_village_twice(demo_ctx)
    with demo_ctx.unit_of_work() as s:
        from sqlalchemy import select

        from jianfu.db.models import UnitRow
        from jianfu.db.models_burdens import BurdenRow, BurdenTypeRow

        form = s.execute(select(BurdenTypeRow).where(BurdenTypeRow.code == "form")).scalar_one()
        parent = s.get(UnitRow, other).parent_id
        s.add(BurdenRow(unit_id=other, type_id=form.id, name="石门乡的台账", township_id=parent))
    everything = service.page(BurdenFilter(), 0, 10_000).total
    assert service.page(BurdenFilter(query=town), 0, 10_000).total == everything - 1
    found = service.page(BurdenFilter(query="石门乡"), 0, 10_000).rows
    assert [r.name for r in found] == ["石门乡的台账"]
    # a village's name: its entries, in either township
    named = service.page(BurdenFilter(query="清溪村"), 0, 10_000).rows
    assert {r.unit_id for r in named} == {village(service, "清溪村"), other}
