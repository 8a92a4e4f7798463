"""The clerk's choices for 责任单位 as a list writes them, remembered as aliases."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import NEW_DEPARTMENT, ListsService


@pytest.fixture
def lists(demo_ctx):
    return ListsService(demo_ctx)


def _workbook(path, departments):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "类别", "责任单位"])
    for n, dept in enumerate(departments, start=1):
        ws.append([n, f"协助开展第{n}项工作", "协助办理事项", dept])
    wb.save(path)
    return path


def _department_of(lists, editions, written_item_no):
    items = lists.all_items(editions[0].id)
    return next(i for i in items if i.name == f"协助开展第{written_item_no}项工作")


def test_a_changed_match_is_used_and_remembered(lists, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", ["民政局"])
    preview = lists.preview_import(path, edition_name="甲")
    assert preview.department_matches == {"民政局": "南屏县民政局"}
    preview.department_choices["民政局"] = "南屏县司法局"  # the clerk knows better
    editions = lists.commit_import(preview)
    assert _department_of(lists, editions, 1).department == "民政局"  # kept as written
    again = lists.preview_import(_workbook(tmp_path / "b.xlsx", ["民政局"]), edition_name="乙")
    assert again.department_matches == {"民政局": "南屏县司法局"}
    assert again.unknown_departments == []


def test_an_accepted_match_is_remembered_and_a_new_name_stays_unknown(lists, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", ["县民政局", "县新业态发展中心"])
    preview = lists.preview_import(path, edition_name="甲")
    assert preview.undecided_departments() == ["县新业态发展中心"]
    with pytest.raises(JianfuError, match="县新业态发展中心"):
        lists.commit_import(preview)
    preview.department_choices["县新业态发展中心"] = "南屏县民政局"
    lists.commit_import(preview)  # every name decided: no --create-departments needed
    again = lists.preview_import(
        _workbook(tmp_path / "b.xlsx", ["县民政局", "县新业态发展中心"]), edition_name="乙"
    )
    assert again.department_matches == {
        "县民政局": "南屏县民政局",
        "县新业态发展中心": "南屏县民政局",
    }


def test_the_clerk_may_create_a_department_instead_of_the_proposed_match(lists, demo_ctx, tmp_path):
    departments = DepartmentsService(demo_ctx)
    before = departments.list_page().total
    preview = lists.preview_import(_workbook(tmp_path / "a.xlsx", ["县民政局"]), edition_name="甲")
    preview.department_choices["县民政局"] = NEW_DEPARTMENT
    lists.commit_import(preview)
    assert departments.list_page().total == before + 1
    assert "县民政局" in {d.name for d in departments.list_page("县民政局").rows}


def test_create_departments_creates_only_what_matches_nothing(lists, demo_ctx, tmp_path):
    departments = DepartmentsService(demo_ctx)
    before = departments.list_page().total
    path = _workbook(tmp_path / "a.xlsx", ["县民政局", "民政局", "南屏县民政局", "县数据局"])
    lists.commit_import(lists.preview_import(path, edition_name="甲"), create_departments=True)
    assert departments.list_page().total == before + 1


def test_a_choice_of_a_department_that_does_not_exist_saves_nothing(lists, tmp_path):
    before = lists.editions()
    preview = lists.preview_import(_workbook(tmp_path / "a.xlsx", ["民政局"]), edition_name="甲")
    preview.department_choices["民政局"] = "南屏县不存在局"
    with pytest.raises(ValidationError, match="南屏县不存在局"):
        lists.commit_import(preview)
    assert lists.editions() == before
