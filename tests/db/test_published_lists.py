"""Workbooks shaped like published lists, imported through the service as a clerk would."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from jianfu.services.lists import ListsService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
import make_published_lists as published


@pytest.fixture
def lists(ctx) -> ListsService:
    return ListsService(ctx)


@pytest.mark.parametrize("make", published.GOOD, ids=lambda f: f.__name__)
def test_a_published_shape_imports_into_the_right_lists(lists, tmp_path, make):
    published.assert_imports_as_expected(lists, *make(tmp_path))


def test_two_sheets_claiming_one_kind_are_refused_naming_both(lists, tmp_path):
    preview = lists.preview_import(published.two_sheets_one_kind(tmp_path))
    assert not preview.ok
    assert any("负面清单(一)" in p and "负面清单(二)" in p for p in map(str, preview.problems))
    before = lists.editions()
    with pytest.raises(Exception, match="未导入任何内容"):
        lists.commit_import(preview)
    assert lists.editions() == before


def test_an_impossible_effective_date_is_a_problem_of_the_sheet(lists, tmp_path):
    preview = lists.preview_import(published.impossible_date(tmp_path))
    assert not preview.ok
    assert any("2026年13月1日" in p and "依法履行职责事项" in p for p in map(str, preview.problems))


def test_export_reads_back_issuing_body_and_sections(lists, tmp_path):
    path, _ = published.two_attachments(tmp_path)
    (edition,) = lists.commit_import(lists.preview_import(path), create_departments=True)
    out = lists.export_edition(edition.id, tmp_path / "回读.xlsx")
    again = lists.preview_import(out, edition_name="回读")
    assert again.ok, again.problems
    assert Counter(i.section for i in again.items) == Counter(
        i.section for i in lists.all_items(edition.id)
    )


def test_export_reads_back_the_issuing_body_and_every_item_field(lists, tmp_path):
    path, want = published.kind_headings_in_one_sheet(tmp_path)
    (edition,) = lists.commit_import(lists.preview_import(path), create_departments=True)
    assert edition.issuing_body == want.issuing_body
    out = lists.export_edition(edition.id, tmp_path / "回读.xlsx")
    again = lists.preview_import(out, edition_name="回读")
    assert again.ok, again.problems
    assert again.issuing_body == want.issuing_body
    fields = ("kind", "number", "name", "section", "content", "basis", "department", "status")
    stored = [tuple(getattr(i, f) for f in fields) for i in lists.all_items(edition.id)]
    assert [tuple(getattr(i, f) for f in fields) for i in again.items] == stored


@pytest.mark.parametrize(
    ("make", "where", "what"),
    [
        (
            published.empty_section,
            "工作表“依法履行职责事项”第 2 行",
            "“一、党的建设（2项）”下没有任何事项",
        ),
        (published.kinds_not_told_apart, "工作表“附件1”第 2 行", "无法确定此行属于哪个清单"),
        (published.item_without_name, "工作表“依法履行职责事项”第 3 行 B 列（事项名称）", "为空"),
    ],
    ids=["empty_section", "kinds_not_told_apart", "item_without_name"],
)
def test_bad_published_files_name_sheet_row_and_column_and_save_nothing(
    lists, tmp_path, make, where, what
):
    before = lists.editions()
    preview = lists.preview_import(make(tmp_path))
    assert not preview.ok
    texts = [str(p) for p in preview.problems]
    assert any(p.startswith(where) and what in p for p in texts), texts
    with pytest.raises(Exception, match="未导入任何内容"):
        lists.commit_import(preview, create_departments=True)
    assert lists.editions() == before
