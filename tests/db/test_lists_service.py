"""The admission lists through the service, on every backend."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from openpyxl import Workbook

from jianfu.domain.collation import sorted_texts
from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.domain.lists import EditionStatus, ItemStatus, ListEdition, ListItem
from jianfu.domain.matching import Verdict
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import ItemFilter, ListsService


@pytest.fixture
def lists(demo_ctx):
    return ListsService(demo_ctx)


def _in_force(lists: ListsService) -> ListEdition:
    edition = lists.edition_in_force()
    assert edition is not None
    return edition


def test_demo_lists_are_two_documents_each_with_its_edition_in_force(lists):
    work, cert = lists.edition_in_force("work"), lists.edition_in_force("certificate")
    assert work is not None and cert is not None
    assert work.document_number == "南委办发〔2025〕18号"
    assert cert.document_number == "南民发〔2025〕9号"

    def counts(edition):
        return {
            k.code: lists.items_page(ItemFilter(edition.id, kind=k.code)).total
            for k in lists.kinds()
        }

    assert {k: n for k, n in counts(work).items() if n} == {
        "duty": 21,
        "assist": 29,
        "negative": 10,
    }
    assert {k: n for k, n in counts(cert).items() if n} == {"cert_allowed": 8, "cert_forbidden": 16}
    assert [d.name for d in lists.documents()] == [
        "村(社区)工作事项准入清单",
        "村(社区)出具证明事项清单",
    ]


def test_putting_a_work_list_in_force_leaves_the_certificate_list_alone(lists, tmp_path):
    cert = lists.edition_in_force("certificate")
    draft = lists.create_edition(ListEdition(name="2026年修订", document="work"))
    changes = lists.in_force_changes(draft.id)
    assert [k.code for k in changes.kinds] == ["duty", "assist", "negative"]
    assert all(k.before == k.after and not k.added for k in changes.kinds)
    assert changes.warnings == []
    lists.put_in_force(draft.id)
    assert lists.edition_in_force("certificate") == cert
    assert lists.check_certificate("婚姻状况证明").verdict.value == "forbidden"


def test_a_kind_going_to_none_is_warned_before_it_is_put_in_force(lists):
    draft = lists.create_edition(ListEdition(name="只有履职", document="work"), copy_in_force=False)
    lists.save_item(ListItem("duty", "组织开展爱国卫生运动", edition_id=draft.id))
    changes = lists.in_force_changes(draft.id)
    emptied = {k.code for k in changes.kinds if k.emptied}
    assert emptied == {"assist", "negative"}
    assert any("协助办理事项" in w and "一项也没有" in w for w in changes.warnings)


def test_a_certificate_kind_cannot_go_into_a_work_item_edition(lists):
    draft = lists.create_edition(ListEdition(name="工作草稿", document="work"), copy_in_force=False)
    with pytest.raises(ValidationError, match="证明事项清单"):
        lists.save_item(ListItem("cert_forbidden", "婚姻状况证明", edition_id=draft.id))


@pytest.mark.parametrize("query", ["卫生运动", "医疗保险", "卫生", "医"])
def test_search_finds_items_for_long_and_short_queries(lists, query):
    edition = _in_force(lists)
    rows = lists.items_page(ItemFilter(edition.id, query=query)).rows
    assert rows
    assert all(query in (r.name + r.content + r.basis + r.department) for r in rows)


def test_search_with_sql_wildcards_is_literal(lists):
    edition = _in_force(lists)
    assert lists.items_page(ItemFilter(edition.id, query="%")).total == 0
    assert lists.items_page(ItemFilter(edition.id, query="_")).total == 0


def test_filters_and_sort_happen_in_sql(lists):
    edition = _in_force(lists)
    page = lists.items_page(ItemFilter(edition.id, department="南屏县民政局", sort="name"))
    assert page.total > 0
    assert all(r.department == "南屏县民政局" for r in page.rows)
    names = [r.name for r in page.rows]
    assert names == sorted_texts(names) and len(names) > 1  # by pinyin
    temp = lists.items_page(ItemFilter(edition.id, nature="临时"))
    assert all(r.nature and r.nature.value == "临时" for r in temp.rows)


def test_draft_copies_the_edition_in_force_and_edits_stay_in_the_draft(lists):
    old = _in_force(lists)
    draft = lists.create_edition(ListEdition(name="2026年版"))
    assert draft.status is EditionStatus.DRAFT
    first = lists.items_page(ItemFilter(draft.id)).rows[0]
    edited = lists.save_item(ListItem(**{**first.__dict__, "name": first.name + "（修订）"}))
    assert edited.name.endswith("（修订）")
    assert lists.items_page(ItemFilter(old.id, query="（修订）")).total == 0


def test_items_of_the_edition_in_force_cannot_be_edited_only_withdrawn(lists):
    edition = _in_force(lists)
    item = lists.items_page(ItemFilter(edition.id)).rows[0]
    with pytest.raises(ValidationError, match="新建草稿"):
        lists.save_item(ListItem(**{**item.__dict__, "name": "改名"}))
    with pytest.raises(ValidationError):
        lists.withdraw_item(item.id, dt.date.today(), "  ", item.version)
    gone = lists.withdraw_item(item.id, dt.date.today(), "上级清单调整", item.version)
    assert gone.status is ItemStatus.WITHDRAWN
    assert lists.items_page(ItemFilter(edition.id, status="已退出")).rows == [gone]


def test_item_validation_names_the_field(lists):
    draft = lists.create_edition(ListEdition(name="草稿"))
    with pytest.raises(ValidationError) as err:
        lists.save_item(ListItem(kind="duty", name="  ", edition_id=draft.id))
    assert err.value.for_field("name") == "事项名称不能为空"
    with pytest.raises(ValidationError) as err:
        lists.save_item(ListItem(kind="duty", name="组织开展爱国卫生运动", edition_id=draft.id))
    assert "已有" in err.value.for_field("name")


def test_put_in_force_repeals_the_previous_edition(lists):
    old = _in_force(lists)
    draft = lists.create_edition(ListEdition(name="2026年版"))
    now = lists.put_in_force(draft.id, draft.version)
    assert now.status is EditionStatus.IN_FORCE
    statuses = {e.name: e.status for e in lists.editions()}
    assert statuses[old.name] is EditionStatus.REPEALED
    with pytest.raises(ValidationError):
        lists.put_in_force(old.id)


def test_export_then_import_gives_the_same_edition(lists, tmp_path):
    edition = _in_force(lists)
    path = lists.export_edition(edition.id, tmp_path / "清单.xlsx")
    preview = lists.preview_import(path, edition_name="回读版")
    assert preview.ok, preview.problems
    (copy,) = lists.commit_import(preview)
    diff = lists.compare(edition.id, copy.id)
    assert diff.is_empty
    assert copy.document == "work"


def test_a_workbook_with_both_lists_gives_one_edition_of_each(lists, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "类别", "责任单位"])
    ws.append([1, "协助开展秸秆禁烧巡查", "协助办理事项", "南屏县民政局"])
    ws.append([2, "居民养犬证明", "不应出具证明事项", "南屏县民政局"])
    wb.save(tmp_path / "both.xlsx")
    preview = lists.preview_import(
        tmp_path / "both.xlsx", edition_name="某县村(社区)工作事项准入清单"
    )
    assert preview.ok, preview.problems
    work, cert = lists.commit_import(preview, activate=True)
    assert (work.document, cert.document) == ("work", "certificate")
    assert cert.name == "某县村(社区)出具证明事项清单"
    assert lists.edition_in_force("work") == work
    assert lists.edition_in_force("certificate") == cert


def _bad_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "类别", "责任单位"])
    ws.append([1, "开展垃圾分类宣传", "协助办理事项", "南屏县城市管理局"])
    ws.append([2, "", "协助办理事项", "南屏县民政局"])
    wb.save(path)
    return path


def test_a_file_with_problems_saves_nothing(lists, tmp_path):
    before = lists.editions()
    preview = lists.preview_import(_bad_workbook(tmp_path / "bad.xlsx"))
    assert not preview.ok
    assert any(p.row == 3 for p in preview.problems)
    with pytest.raises(JianfuError):
        lists.commit_import(preview)
    assert lists.editions() == before


def test_unknown_departments_are_created_only_when_asked(lists, demo_ctx, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "类别", "责任单位"])
    ws.append([1, "开展垃圾分类宣传", "协助办理事项", "南屏县城市管理局"])
    wb.save(tmp_path / "new-dept.xlsx")
    preview = lists.preview_import(tmp_path / "new-dept.xlsx", edition_name="补充清单")
    assert preview.ok and preview.unknown_departments == ["南屏县城市管理局"]
    with pytest.raises(JianfuError, match="南屏县城市管理局"):
        lists.commit_import(preview)
    assert all(e.name != "补充清单" for e in lists.editions())
    lists.commit_import(preview, create_departments=True)
    assert DepartmentsService(demo_ctx).list_page("城市管理").total == 1


def test_checks_use_the_lists_in_force(lists):
    assert lists.check_task("请各村组织开展爱国卫生运动").verdict is Verdict.ADMITTED
    assert lists.check_certificate("开具收养人婚姻状况和抚养能力证明").verdict is Verdict.ALLOWED
    with pytest.raises(ValidationError):
        lists.check_task("。。。")


def test_checks_without_an_edition_in_force_say_so(ctx):
    with pytest.raises(JianfuError, match="还没有施行中的清单版本"):
        ListsService(ctx).check_task("组织开展爱国卫生运动")


def test_print_edition_gives_a_pdf(lists):
    pdf = lists.print_edition(_in_force(lists).id)
    assert pdf.startswith(b"%PDF")


def test_the_clerk_can_add_a_kind(lists):
    from jianfu.domain.lists import KindMeaning

    kind = lists.add_kind("small_power", "小微权力事项", KindMeaning.ADMITTED)
    assert kind in lists.kinds()
    with pytest.raises(ValidationError) as err:
        lists.add_kind("other", "小微权力事项", KindMeaning.ADMITTED)
    assert err.value.for_field("name")
    with pytest.raises(ValidationError) as err:
        lists.add_kind("中文代码", "另一类", KindMeaning.ADMITTED)
    assert err.value.for_field("code")


def test_items_sort_by_number_as_a_number(lists):
    draft = lists.create_edition(ListEdition(name="编号排序", document="work"), copy_in_force=False)
    for number in ("1001", "2", "10", "1", "2001"):
        lists.save_item(ListItem("duty", f"事项{number}", number=number, edition_id=draft.id))
    rows = lists.items_page(ItemFilter(draft.id, sort="number")).rows
    assert [r.number for r in rows] == ["1", "2", "10", "1001", "2001"]


def test_departments_as_written_match_by_county_prefix_and_short_name(lists, demo_ctx, tmp_path):
    wb = Workbook()  # the demo township's county is 南屏县
    ws = wb.active
    ws.append(["序号", "事项名称", "类别", "责任单位"])
    ws.append([1, "协助开展低保对象动态复核", "协助办理事项", "县民政局"])
    ws.append([2, "协助开展法治宣传", "协助办理事项", "民政局"])
    ws.append([3, "协助开展新业态调查", "协助办理事项", "县新业态发展中心"])
    wb.save(tmp_path / "deps.xlsx")
    preview = lists.preview_import(tmp_path / "deps.xlsx", edition_name="部门对应")
    assert preview.department_matches == {"县民政局": "南屏县民政局", "民政局": "南屏县民政局"}
    assert preview.unknown_departments == ["县新业态发展中心"]
    departments = DepartmentsService(demo_ctx)
    before = departments.list_page().total
    lists.commit_import(preview, create_departments=True)
    assert departments.list_page().total == before + 1


def test_kind_counts_are_each_kinds_total_under_the_other_choices(lists):
    """The 清单 screen's tabs count each kind in one statement: the totals the items' pages
    of each kind give, for the same search and choices (the filter's own kind left out)."""
    edition = _in_force(lists)
    assert edition.id is not None
    department = lists.departments_of(edition.id)[0]
    kinds = [k.code for k in lists.kinds()]
    for f in (
        ItemFilter(edition.id),
        ItemFilter(edition.id, query="村"),
        ItemFilter(edition.id, department=department),
        ItemFilter(edition.id, kind=kinds[0], query="统计"),
    ):
        counts = lists.kind_counts(f)
        for kind in kinds:
            assert counts.get(kind, 0) == lists.items_page(replace(f, kind=kind), 0, 1).total
        assert sum(counts.values()) == lists.items_page(replace(f, kind="")).total
    assert sum(lists.kind_counts(ItemFilter(edition.id)).values()) > 0


def test_the_edition_and_the_comparison_with_a_missing_character_are_refused_first(
    lists, single_font
) -> None:
    """An item naming a character no installed font has (𠮷, with only WenQuanYi) is named
    before the 公示 PDF and the comparison print, and prints as □ when allowed."""
    from jianfu.reports.fonts import UnprintableError

    old = _in_force(lists)
    draft = lists.create_edition(ListEdition(name="2026年版"))
    item = lists.all_items(draft.id)[0]
    lists.save_item(replace(item, name="协助吉𠮷村开展巡查"))
    for make in (
        lambda allow: lists.print_edition(draft.id, fonts=single_font, allow_missing=allow),
        lambda allow: lists.print_comparison(
            old.id, draft.id, fonts=single_font, allow_missing=allow
        ),
    ):
        with pytest.raises(UnprintableError) as refused:
            make(False)
        assert refused.value.chars == ["𠮷"]
        assert "吉□村" in _pdf_text(make(True))


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
