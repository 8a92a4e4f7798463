"""准入审批 as the county reviewer sees it: each step of a case's history says what was done
(the clerk sent it up, the reviewer wrote the county's opinion), and the reminders name each
case's township also when only one township's cases are due."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import QUrl

from jianfu.domain.cases import AdmissionCase, CaseStatus
from jianfu.services.cases import CaseFilter, CasesService
from jianfu.services.registry import Services
from tests.conftest import person_under_county
from tests.ui.conftest import read_screen


def _reviewer(ctx):
    """The county's reviewer (the demo township put under 南屏县), and the township's name."""
    return person_under_county(ctx, "reviewer", "黄文斌")


def _at_township_opinion(cases: CasesService) -> AdmissionCase:
    """The demo's case waiting at 乡镇意见."""
    return next(
        s.case
        for s in cases.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )


def _at_county_review(ctx) -> int:
    """The demo's case waiting at 乡镇意见, sent up to the county by the township's file."""
    cases = Services.create(ctx).cases
    case = _at_township_opinion(cases)
    assert case.id is not None
    cases.forward(case.id, "同意上报")
    return case.id


def test_the_reviewers_reminders_name_the_township_of_a_lone_case(demo_ctx):
    case_id = _at_county_review(demo_ctx)
    person, town = _reviewer(demo_ctx)
    demo_ctx.person = person
    cases = Services.create(demo_ctx).cases
    summary = cases.summary(cases.get(case_id))
    assert summary.due is not None
    found = cases.reminders(today=summary.due)  # one case, of one township, due today
    assert [r.case_id for r in found] == [case_id]
    # the reviewer's list spans the county's townships: a bare title said not whose it was
    assert found[0].heading.startswith(f"{town}：")
    # the screen reads both from one reading of the open cases: the same as each on its own
    estimates = cases.estimated_deadlines(summary.due)
    assert cases.reminders_and_estimates(summary.due) == (found, estimates)
    assert [r.heading for r in cases.reminders_and_estimates(summary.due)[0]] == [
        r.heading for r in found
    ]


def test_the_reviewers_history_says_who_sent_the_case_up_and_whose_opinion_is_whose(
    qtbot, demo_ctx, window_as
):
    window = window_as(_reviewer(demo_ctx)[0])
    page = read_screen(window, qtbot, "cases")
    service = window.services.cases
    summary = next(
        s for s in service.page(CaseFilter(), 0, 50).rows if s.case.status is CaseStatus.APPROVED
    )
    html = page._detail_html(summary)
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("办理经过")[1])
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
    assert cells[0][1] == "办理"
    done = [c[1].replace("<br>", "") for c in cells[1:]]  # a line a part: 县级审核，/报协调机制
    # the step reached said 县级审核 beside the clerk's name and 协调机制审批 beside the
    # county's opinion; the printed 办理记录 says what was done, and so does the screen
    assert done == ["受理", "提交乡镇意见", "报县级审核", "县级审核，报协调机制", "批准"]
    history = summary.case.history
    assert cells[4][3] == history[3].comment  # the county's opinion, on its own step


def test_a_case_that_leaves_the_queue_after_a_step_says_where_it_is(
    qtbot, demo_ctx, monkeypatch, window_as
):
    """The mechanism approves, the reviewer returns: the case leaves the queue shown, and the
    screen showed nothing selected with no word of where to print its 审批表 or notice."""
    from jianfu.domain.cases import CaseAction
    from jianfu.ui.cases.dialogs import StepDialog

    case_id = _at_county_review(demo_ctx)
    person, town = _reviewer(demo_ctx)

    def fill_and_accept(dialog) -> int:
        dialog.comment_edit.setPlainText("请补充经费来源的文件")
        dialog.accept()
        return int(dialog.result_value is not None)

    monkeypatch.setattr(StepDialog, "exec", fill_and_accept)
    page = read_screen(window_as(person), qtbot, "cases")
    assert page.filter_combo.currentText() == "待县级审核办理"
    assert page.select_case(case_id)
    page.record_step(CaseAction.RETURN_FOR_CORRECTION)
    assert page.selected() is None  # no longer waiting for the county
    assert "已办理“退回补正”" in page.last_message
    said = page.detail.toPlainText()
    assert "它已不在“待县级审核办理”中" in said and "在“全部案件”中查看、打印" in said
    assert f"（{town} 编号 " in said  # each township numbers its own cases
    with qtbot.waitSignal(page.model.sig_reloaded):  # the reload others' saves bring
        page.refresh_in_background(quiet=True)
    assert "它已不在“待县级审核办理”中" in page.detail.toPlainText()
    page._on_detail_anchor_clicked(QUrl(f"case:{case_id}"))  # the link
    assert page.filter_combo.currentText() == "全部案件"
    assert page.selected() is not None and page.selected().case.id == case_id


@pytest.mark.parametrize("role", ["mechanism", "reviewer", "clerk"])
def test_only_who_may_change_a_list_is_offered_to_add_an_approved_task_to_it(
    qtbot, demo_ctx, window_as, role
):
    """The mechanism, on an approved case, was offered 列入清单草稿 and told to make a draft
    in 清单, where it may not (on a shared server only an administrator changes a list)."""
    page = read_screen(window_as(person_under_county(demo_ctx, role)[0]), qtbot, "cases")
    page.filter_combo.setCurrentText("全部案件")
    qtbot.waitUntil(lambda: not page.model.reloading)  # a filter's cases: on a worker
    approved = next(
        page.model.row_at(r).case.id
        for r in range(page.model.rowCount())
        if page.model.row_at(r).case.status is CaseStatus.APPROVED
    )
    assert page.select_case(approved)
    assert not page.add_to_list.isEnabled()
    assert "清单由县（市）发布和维护" in page.add_to_list.toolTip()


def _waiting_at_county(ctx, received: list) -> list[int]:
    """Copies of the demo's case at 乡镇意见 received on each day of ``received``, sent up to
    the county in that order (the last received sent up first by nothing: by id), and the
    demo's own case sent up too: their ids, the demo's last."""
    import dataclasses

    from jianfu.db.repositories import tasks as repo

    cases = Services.create(ctx).cases
    first = _at_township_opinion(cases)
    ids = []
    with ctx.unit_of_work() as s:
        for n, day in enumerate(received):
            request = dataclasses.replace(first.request, received_on=day, title=f"测试事项{n}")
            copy = dataclasses.replace(
                first, id=None, task_id=None, serial_number=f"2026-{100 + n}", request=request
            )
            row = repo.new_case_row(copy)
            row.township_id = first.township_id
            s.add(row)
            s.flush()
            ids.append(row.id)
    for case_id in [*ids, first.id]:
        cases.forward(case_id, "同意上报")
    return [*ids, first.id]


def test_the_reviewers_list_puts_the_cases_waiting_for_the_county_first_most_urgent_first(
    qtbot, demo_ctx, window_as
):
    """Newest first put the longest overdue case of the reviewer's queue at the bottom of the
    list: the cases waiting for the county come first, by deadline, then the others, newest
    first; a clerk's list stays newest first."""
    import datetime as dt

    days = [dt.date(2026, 11, 20), dt.date(2026, 9, 1), dt.date(2026, 12, 1)]
    late, early, newest, demo = _waiting_at_county(demo_ctx, days)
    clerk = Services.create(demo_ctx).cases.page(CaseFilter(), 0, 50).rows
    assert [r.case.request.received_on for r in clerk] == sorted(
        (r.case.request.received_on for r in clerk), reverse=True
    )
    person, _town = _reviewer(demo_ctx)
    demo_ctx.person = person
    cases = Services.create(demo_ctx).cases
    queue = cases.page(CaseFilter(statuses=cases.queue()), 0, 50).rows
    # the demo's own case was received 2026-10-19: between the September and November copies
    assert [r.case.id for r in queue] == [early, demo, late, newest]
    assert [r.due for r in queue] == sorted(r.due for r in queue)
    everything = cases.page(CaseFilter(), 0, 50)
    assert [r.case.id for r in everything.rows[:4]] == [early, demo, late, newest]
    others = everything.rows[4:]
    assert others and all(r.case.status is not CaseStatus.COUNTY_REVIEW for r in others)
    assert [r.case.request.received_on for r in others] == sorted(
        (r.case.request.received_on for r in others), reverse=True
    )
    # pages of the list join up: the queue's end, then the others' beginning
    assert [r.case.id for r in cases.page(CaseFilter(), 3, 2).rows] == [
        newest,
        others[0].case.id,
    ]
    assert cases.page(CaseFilter(), 3, 2).total == everything.total == len(everything.rows)
    page = read_screen(window_as(person), qtbot, "cases")
    assert page.model.row_at(0).case.id == early  # the longest overdue on top
