"""准入审批's list sorts by a column when its header is clicked: the service reads the cases in
that order page by page (编号 by year and number, the dates as dates, 审批期限 by the deadline
the service works out, 当前环节 in the order of the steps); a second click the other way, a
third the list's own order again (newest first; above the township the level's queue first).
The header's clicks did nothing before: the list is sorted in the service, not by the view."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from PySide6.QtCore import QPoint, Qt

from jianfu.db.repositories import tasks as repo
from jianfu.domain.cases import PENDING_STATUSES, CaseStatus
from jianfu.services.cases import CaseFilter, CasesService
from jianfu.services.registry import Services
from jianfu.ui.cases.screen import CasesWidget
from jianfu.ui.main_window import MainWindow

#: received on these days: the pending copies' deadlines differ, as do their numbers
DAYS = [dt.date(2026, 9, 1), dt.date(2026, 11, 20), dt.date(2026, 10, 5), dt.date(2026, 6, 8)]
#: the copies' numbers: as text 2026-1000 came before 2026-999
SERIALS = ["2026-999", "2026-1000", "2026-004", "2025-120"]


def _more_cases(ctx) -> None:
    """Copies of the demo's case at 乡镇意见 (the demo has three cases): one page is then not
    all of them."""
    cases = Services.create(ctx).cases
    first = next(
        s.case
        for s in cases.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    with ctx.unit_of_work() as s:
        for n, (day, serial) in enumerate(zip(DAYS, SERIALS, strict=True)):
            request = dataclasses.replace(first.request, received_on=day, title=f"测试事项{n}")
            copy = dataclasses.replace(
                first, id=None, task_id=None, serial_number=serial, request=request
            )
            row = repo.new_case_row(copy)
            row.township_id = first.township_id
            s.add(row)


def _all_rows(qtbot, page: CasesWidget) -> list:
    """Every case of the list, its further pages read as a scroll would read them."""
    model = page.model
    qtbot.waitUntil(lambda: not model.reloading and not model.loading, timeout=20000)
    while model.canFetchMore():  # (the view may have asked for the next page itself)
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading, timeout=20000)
    return [model.row_at(r) for r in range(model.rowCount())]


def _click(qtbot, page: CasesWidget, title: str) -> None:
    model, header = page.model, page.table.horizontalHeader()
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    x = header.sectionViewportPosition(column) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: not model.reloading, timeout=20000)


@pytest.fixture
def page(qtbot, demo_ctx, monkeypatch):
    _more_cases(demo_ctx)
    monkeypatch.setattr(CasesWidget, "PAGE_SIZE", 3)  # seven cases: three pages
    reads: list[tuple[int, int]] = []  # (offset, limit) of each page the list asked for
    own_page = CasesService.page

    def page_read(self, f, offset, limit):
        reads.append((offset, limit))
        return own_page(self, f, offset, limit)

    monkeypatch.setattr(CasesService, "page", page_read)
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    cases = window.show_screen("cases")
    cases.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: not cases.model.reloading, timeout=20000)
    cases.reads = reads
    yield cases
    window.tasks.wait_all()


def test_a_header_click_sorts_the_cases_through_every_page(qtbot, page):
    service = page._service
    header = page.table.horizontalHeader()
    own = [r.case.id for r in service.page(CaseFilter(), 0, 100).rows]
    assert len(own) == 7
    # the list pages: three cases a read (the view may already have asked for the next page
    # while its rows leave room, so how many are held at this moment is not fixed)
    list_reads = [read for read in page.reads if read != (0, 100)]  # less this test's own
    assert list_reads[0] == (0, 3) and {limit for _o, limit in list_reads} == {3}
    assert header.sortIndicatorSection() == -1  # the list's own order, no column's
    assert [r.case.id for r in _all_rows(qtbot, page)] == own
    page.select_case(own[4])

    _click(qtbot, page, "编号")
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    rows = _all_rows(qtbot, page)
    serials = [r.case.serial_number for r in rows]
    assert serials == sorted(serials, key=lambda s: (s[:4], int(s[5:])))
    assert serials.index("2026-999") < serials.index("2026-1000")  # by number, not by text
    assert serials[0] == "2025-120"
    assert page.selected() is not None and page.selected().case.id == own[4]  # kept

    _click(qtbot, page, "编号")  # the other way
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [r.case.serial_number for r in _all_rows(qtbot, page)] == serials[::-1]

    _click(qtbot, page, "收文日期")
    received = [r.case.request.received_on for r in _all_rows(qtbot, page)]
    assert received == sorted(received) and len(set(received)) == 7

    _click(qtbot, page, "审批期限")  # by the deadline's date, not by its text (估 …)
    rows = _all_rows(qtbot, page)
    pending = [r for r in rows if r.case.status in PENDING_STATUSES]
    assert len(pending) == 5 and rows[:5] == pending  # then the decided, without one
    assert [r.due for r in pending] == sorted(r.due for r in pending)
    assert len({r.due for r in pending}) > 1
    _click(qtbot, page, "审批期限")
    rows = _all_rows(qtbot, page)
    assert [r.due for r in rows[:5]] == sorted((r.due for r in pending), reverse=True)
    assert all(r.due is None for r in rows[5:])

    _click(qtbot, page, "当前环节")  # in the order of the steps
    statuses = [r.case.status for r in _all_rows(qtbot, page)]
    assert statuses == [CaseStatus.TOWNSHIP_OPINION] * 5 + [
        CaseStatus.APPROVED,
        CaseStatus.REFUSED,
    ]

    # a search and a filter keep the order chosen
    page.filter_combo.setCurrentText("办理中")
    qtbot.waitUntil(lambda: page.model.total == 5, timeout=20000)
    assert page.model.sort_key == ("status", False)
    _click(qtbot, page, "收文日期")
    received = [r.case.request.received_on for r in _all_rows(qtbot, page)]
    assert received == sorted(received) and len(received) == 5

    # the third click: the list's own order again
    _click(qtbot, page, "收文日期")
    _click(qtbot, page, "收文日期")
    assert header.sortIndicatorSection() == -1
    page.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: not page.model.reloading, timeout=20000)
    assert [r.case.id for r in _all_rows(qtbot, page)] == own


def test_above_the_township_a_header_orders_the_queue_with_the_others(demo_ctx):
    """The reviewer's list puts the county's queue first, by deadline; a column's order takes
    in every case alike, and its pages join up."""
    from tests.ui.test_cases_above_township import _reviewer, _waiting_at_county

    _waiting_at_county(demo_ctx, DAYS[:3])
    person, _town = _reviewer(demo_ctx)
    demo_ctx.person = person
    cases = Services.create(demo_ctx).cases
    own = cases.page(CaseFilter(), 0, 50).rows
    assert [r.case.status for r in own[:4]] == [CaseStatus.COUNTY_REVIEW] * 4
    for sort, descending in (("received", False), ("title", True), ("due", True)):
        f = CaseFilter(sort=sort, descending=descending)
        rows = cases.page(f, 0, 50).rows
        assert {r.case.id for r in rows} == {r.case.id for r in own}
        pages = [r for offset in range(0, len(rows), 2) for r in cases.page(f, offset, 2).rows]
        assert [r.case.id for r in pages] == [r.case.id for r in rows], sort
    received = [
        r.case.request.received_on for r in cases.page(CaseFilter(sort="received"), 0, 50).rows
    ]
    assert received == sorted(received)
    by_due = cases.page(CaseFilter(sort="due", descending=True), 0, 50).rows
    dues = [r.due for r in by_due if r.due is not None]
    assert dues == sorted(dues, reverse=True) and by_due[: len(dues)] == [
        r for r in by_due if r.due is not None
    ]
