"""Chinese text sorted by pinyin, as a clerk reads a list as alphabetical: 安村, 北村, 陈家村 …
(by code point it was 乐山村, 北村, 安村, 岭下村, 张村 …). The order is ICU's for Chinese, the
one Qt's collator for zh_CN gives here (the window sorted with it until migration 0033); the
app computes it without Qt (``domain.collation.sort_key``) and SQL sorts by the stored keys on
SQLite and PostgreSQL alike. The ledger's, the list's and the cases' header sorts give Qt's
order, page after page (keyset and OFFSET paging alike), on the demo's own names and on names
made to tie; the keys sort every name of the demos, and random texts, as Qt's collator does."""

from __future__ import annotations

import random
import threading
from functools import cmp_to_key

import pytest
from sqlalchemy import select, update

from PySide6.QtCore import QCollator, QLocale

from jianfu.db.models import ListItemRow
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.domain import collation
from jianfu.domain.boards import BoardFilter
from jianfu.services.cases import CaseFilter
from jianfu.services.lists import ItemFilter
from jianfu.services.registry import Services
from tests.conftest import seed_city

#: Village-like names, and the order a clerk expects (an, bei, chen, le, li, ling, qing, shi,
#: wang, yang, zhang, zhao)
NAMES = ["张村", "安村", "北村", "乐山村", "陈家村", "李村", "王村", "赵村", "岭下村"]
NAMES += ["清溪村", "石门村", "洋垄村"]
PINYIN = ["安村", "北村", "陈家村", "乐山村", "李村", "岭下村", "清溪村", "石门村", "王村"]
PINYIN += ["洋垄村", "张村", "赵村"]
#: Departments, by pinyin: 县发展和改革局 (fa), 县民政局 (min), 县委政法委 (wei), 县住房… (zhu)
DEPARTMENTS = ["县住房和城乡建设局", "县委政法委", "县民政局", "县发展和改革局"]

_local = threading.local()


def qt_compare(a: str, b: str) -> int:
    """Qt's collator for zh_CN (the window's order before 0033), ties by code point."""
    found = getattr(_local, "collator", None)
    if found is None:
        found = _local.collator = QCollator(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        )
    got = found.compare(a, b)
    return got if got else (a > b) - (a < b)


def _qt_sorted(texts, descending=False):
    return sorted(texts, key=cmp_to_key(qt_compare), reverse=descending)


def test_qt_sorts_chinese_by_pinyin_on_this_machine():
    assert sorted(NAMES) != PINYIN  # by code point
    assert _qt_sorted(NAMES) == PINYIN
    assert qt_compare("县发展和改革局", "县民政局") < 0


def test_the_keys_give_the_same_order_without_qt():
    assert collation.sorted_texts(NAMES) == PINYIN
    assert collation.sorted_texts(DEPARTMENTS) == DEPARTMENTS[::-1]
    assert sorted(NAMES, key=collation.sort_key) == PINYIN


def _mixed_characters() -> list[str]:
    """Characters a name may hold: Chinese, digits and letters (half and full width), the
    punctuation of documents, circled and bracketed numbers, Latin with tones (pinyin)."""
    ranges = [(0x4E00, 0x9FFF, 3), (0x3400, 0x4DBF, 97), (0x20, 0x7E, 1), (0xFF01, 0xFF5E, 1)]
    ranges += [(0x3000, 0x303F, 1), (0x2460, 0x24FF, 1), (0x3220, 0x3243, 1), (0x2010, 0x2027, 1)]
    chars = [chr(cp) for lo, hi, step in ranges for cp in range(lo, hi + 1, step)]
    return chars + list("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜ·—…《》〔〕【】（）、，。；：“”")


def test_the_keys_sort_random_texts_as_qt():
    rnd = random.Random(18)
    pool = _mixed_characters()
    texts = set()
    for _ in range(3000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 8)))
        i = rnd.randrange(len(text))
        # the same text once more with one character changed, cut short, lengthened
        texts |= {text, text[:i] + rnd.choice(pool) + text[i + 1 :], text[:i], text + "村"}
    texts.discard("")
    assert sorted(texts, key=collation.sort_key) == _qt_sorted(texts)


def _walk(fetch, size: int) -> list:
    rows: list = []
    while True:
        page = fetch(len(rows), size)
        rows += page.rows
        if not page.has_more:
            return rows


#: the names each sort reads
COLUMNS = (
    (SignboardRow, ("name", "department")),
    (ListItemRow, ("name", "department", "basis")),
    (AdmissionCaseRow, ("title", "department")),
)


def _names_sort_as_qt(ctx) -> int:
    """Each stored key is its name's, and the keys sort every name as Qt does; how many."""
    names: set[str] = set()
    with ctx.unit_of_work() as s:
        for row, sources in COLUMNS:
            for source in sources:
                key = getattr(row, f"{source}_key")
                pairs = s.execute(select(getattr(row, source), key).distinct()).all()
                assert all(k == collation.sort_key(n) for n, k in pairs), (row, source)
                names |= {n for n, _k in pairs}
    assert sorted(names, key=collation.sort_key) == _qt_sorted(names)
    return len(names)


def test_every_name_of_the_township_demo_sorts_as_qt(demo_ctx):
    assert _names_sort_as_qt(demo_ctx) > 100


def test_every_name_of_the_city_demo_sorts_as_qt(db_template):
    ctx, _ = db_template("city", seed_city)
    assert _names_sort_as_qt(ctx) > 300


#: every header sort of a Chinese name: (service, its filter, the shown value)
def _sorts(services, edition_id):
    boards, lists, cases = services.boards, services.lists, services.cases
    out = []
    for descending in (False, True):
        for sort in ("name", "department"):
            f = BoardFilter(sort=sort, descending=descending)
            out.append((f"牌子 {sort}", boards.page, f, lambda b, s=sort: getattr(b, s)))
        for sort in ("name", "department", "basis"):
            f = ItemFilter(edition_id, sort=sort, descending=descending)
            out.append((f"清单 {sort}", lists.items_page, f, lambda i, s=sort: getattr(i, s)))
        for sort in ("title", "department"):
            f = CaseFilter(sort=sort, descending=descending)
            out.append(
                (f"准入审批 {sort}", cases.page, f, lambda c, s=sort: getattr(c.case.request, s))
            )
    return out


def test_every_name_sort_of_the_city_demo_walks_in_qts_order(db_template):
    """On the city demo as generated: each sort, both ways, page after page, shows the names
    in Qt's order, every row once."""
    ctx, _ = db_template("city", seed_city)
    services = Services.create(ctx)
    edition = services.lists.editions()[0]
    for label, fetch, f, shown in _sorts(services, edition.id):
        walked = _walk(lambda offset, size, fetch=fetch, f=f: fetch(f, offset, size), 97)
        assert len(walked) > 5, label
        ids = [getattr(r, "id", None) or r.case.id for r in walked]
        assert len(set(ids)) == len(ids), label
        values = [shown(r) for r in walked]
        assert values == _qt_sorted(values, f.descending), label


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("sort", "values"), [("name", NAMES), ("department", DEPARTMENTS)])
def test_the_board_ledger_sorts_by_pinyin_page_after_page(demo_ctx, sort, values, descending):
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
    assert shown == _qt_sorted(shown, descending)
    # rows of one name in the order of entry (the page's key goes on past the ties)
    for value in values:
        same = [b.id for b in walked if getattr(b, sort) == value]
        assert same == sorted(same, reverse=descending)


def test_the_lists_items_sort_by_pinyin(demo_ctx):
    services = Services.create(demo_ctx)
    edition = services.lists.editions()[0]  # the one in force
    for descending in (False, True):
        f = ItemFilter(edition.id, sort="name", descending=descending)
        walked = _walk(lambda offset, size, f=f: services.lists.items_page(f, offset, size), 9)
        names = [i.name for i in walked]
        assert len(names) > 20
        assert names == _qt_sorted(names, descending)
    by_department = services.lists.items_page(ItemFilter(edition.id, sort="department"))
    departments = [i.department for i in by_department.rows]
    assert departments == _qt_sorted(departments)
    assert services.lists.departments_of(edition.id) == _qt_sorted(set(departments) - {""})


def test_the_cases_sort_by_pinyin(demo_ctx):
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
            assert shown == _qt_sorted(shown, descending), (sort, descending)
