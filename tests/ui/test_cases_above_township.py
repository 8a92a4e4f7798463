"""准入审批 as the county reviewer sees it: each step of a case's history says what was done
(the clerk sent it up, the reviewer wrote the county's opinion), and the reminders name each
case's township also when only one township's cases are due."""

from __future__ import annotations

import re

from jianfu.db.township import ConnectedPerson
from jianfu.domain.cases import CaseStatus
from jianfu.services.cases import CaseFilter
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow
from tests.conftest import put_under_county


def _reviewer(ctx):
    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "黄文斌")
    return person, town.name


def _at_county_review(ctx) -> int:
    """The demo's case waiting at 乡镇意见, sent up to the county by the township's file."""
    cases = Services.create(ctx).cases
    case = next(
        s.case
        for s in cases.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
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


def test_the_reviewers_history_says_who_sent_the_case_up_and_whose_opinion_is_whose(
    qtbot, demo_ctx
):
    person, _town = _reviewer(demo_ctx)
    demo_ctx.person = person
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    try:
        page = window.show_screen("cases")
        service = window.services.cases
        summary = next(
            s
            for s in service.page(CaseFilter(), 0, 50).rows
            if s.case.status is CaseStatus.APPROVED
        )
        html = page._detail_html(summary)
        rows = re.findall(r"<tr>(.*?)</tr>", html.split("办理经过")[1])
        cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
        assert cells[0][1] == "办理"
        done = [c[1] for c in cells[1:]]
        # the step reached said 县级审核 beside the clerk's name and 协调机制审批 beside the
        # county's opinion; the printed 办理记录 says what was done, and so does the screen
        assert done == ["受理", "提交乡镇意见", "报县级审核", "县级审核，报协调机制", "批准"]
        history = summary.case.history
        assert cells[4][3] == history[3].comment  # the county's opinion, on its own step
    finally:
        window.tasks.wait_all()
