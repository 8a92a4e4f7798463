"""Chinese text sorted by pinyin, as a clerk reads a list as alphabetical: 安村, 北村, 陈家村 …
(by code point it was 乐山村, 北村, 安村, 岭下村, 张村 …). The window sorts with Qt's collator
for Chinese (China), ICU's pinyin order here; SQLite's ORDER BY with the same comparison,
PostgreSQL's with ICU's zh-x-icu: the ledger's, the list's and the cases' header sorts give
the same order on both, page after page (keyset and OFFSET paging alike)."""

from __future__ import annotations

from functools import cmp_to_key

import pytest
from sqlalchemy import select, update

from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.domain import collation
from jianfu.domain.boards import BoardFilter
from jianfu.services.cases import CaseFilter
from jianfu.services.lists import ItemFilter
from jianfu.services.registry import Services
from jianfu.ui import collation as qt_collation

#: Village-like names, and the order a clerk expects (an, bei, chen, le, li, ling, qing, shi,
#: wang, yang, zhang, zhao)
NAMES = ["张村", "安村", "北村", "乐山村", "陈家村", "李村", "王村", "赵村", "岭下村"]
NAMES += ["清溪村", "石门村", "洋垄村"]
PINYIN = ["安村", "北村", "陈家村", "乐山村", "李村", "岭下村", "清溪村", "石门村", "王村"]
PINYIN += ["洋垄村", "张村", "赵村"]
#: Departments, by pinyin: 县发展和改革局 (fa), 县民政局 (min), 县委政法委 (wei), 县住房… (zhu)
DEPARTMENTS = ["县住房和城乡建设局", "县委政法委", "县民政局", "县发展和改革局"]


@pytest.fixture
def qt_order():
    """The window's comparison (``install_chinese`` installs it as the app starts)."""
    qt_collation.install()
    yield qt_collation.compare
    collation.install(None)


def test_qt_sorts_chinese_by_pinyin_on_this_machine():
    assert sorted(NAMES) != PINYIN  # by code point
    assert sorted(NAMES, key=cmp_to_key(qt_collation.compare)) == PINYIN
    assert qt_collation.compare("县发展和改革局", "县民政局") < 0


def test_without_qt_the_readings_give_the_same_order():
    assert collation.installed() is None
    assert sorted(NAMES, key=collation.reading_key) == PINYIN
    assert collation.sorted_texts(NAMES) == PINYIN
    assert collation.sorted_texts(DEPARTMENTS) == DEPARTMENTS[::-1]


def _walk(fetch, size: int) -> list:
    rows: list = []
    while True:
        page = fetch(len(rows), size)
        rows += page.rows
        if not page.has_more:
            return rows


def _qt_sorted(texts, compare, descending=False):
    return sorted(texts, key=cmp_to_key(compare), reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("sort", "values"), [("name", NAMES), ("department", DEPARTMENTS)])
def test_the_board_ledger_sorts_by_pinyin_page_after_page(
    demo_ctx, qt_order, sort, values, descending
):
    with demo_ctx.unit_of_work() as s:
        ids = list(s.execute(select(SignboardRow.id).order_by(SignboardRow.id)).scalars())
        for n, board_id in enumerate(ids):
            s.execute(
                update(SignboardRow)
                .where(SignboardRow.id == board_id)
                .values({sort: values[n % len(values)]})
            )
    boards = Services.create(demo_ctx).boards
    f = BoardFilter(sort=sort, descending=descending)
    walked = _walk(lambda offset, size: boards.page(f, offset, size), 7)  # by key
    assert len(walked) == len(ids) > 40
    shown = [getattr(b, sort) for b in walked]
    assert shown == _qt_sorted(shown, qt_order, descending)
    # rows of one name in the order of entry (the page's key goes on past the ties)
    for value in values:
        same = [b.id for b in walked if getattr(b, sort) == value]
        assert same == sorted(same, reverse=descending)


def test_the_lists_items_sort_by_pinyin(demo_ctx, qt_order):
    services = Services.create(demo_ctx)
    edition = services.lists.editions()[0]  # the one in force
    for descending in (False, True):
        f = ItemFilter(edition.id, sort="name", descending=descending)
        walked = _walk(lambda offset, size, f=f: services.lists.items_page(f, offset, size), 9)
        names = [i.name for i in walked]
        assert len(names) > 20
        assert names == _qt_sorted(names, qt_order, descending)
    by_department = services.lists.items_page(ItemFilter(edition.id, sort="department"))
    departments = [i.department for i in by_department.rows]
    assert departments == _qt_sorted(departments, qt_order)
    assert services.lists.departments_of(edition.id) == _qt_sorted(
        set(departments) - {""}, qt_order
    )


def test_the_cases_sort_by_pinyin(demo_ctx, qt_order):
    with demo_ctx.unit_of_work() as s:
        ids = list(s.execute(select(AdmissionCaseRow.id).order_by(AdmissionCaseRow.id)).scalars())
        for n, case_id in enumerate(ids):
            s.execute(
                update(AdmissionCaseRow)
                .where(AdmissionCaseRow.id == case_id)
                .values(title=NAMES[n], department=DEPARTMENTS[n % len(DEPARTMENTS)])
            )
    cases = Services.create(demo_ctx).cases
    assert len(ids) >= 3
    for sort in ("title", "department"):
        for descending in (False, True):
            f = CaseFilter(sort=sort, descending=descending)
            walked = _walk(lambda offset, size, f=f: cases.page(f, offset, size), 2)
            shown = [getattr(c.case.request, sort) for c in walked]
            assert len(shown) == len(ids)
            assert shown == _qt_sorted(shown, qt_order, descending), (sort, descending)
