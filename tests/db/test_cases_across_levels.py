"""A township's case goes through the county reviewer to the mechanism, each under their own
login role on PostgreSQL; the approval sheet carries every level's opinion."""

from __future__ import annotations

import os
import re

import pytest

from jianfu.cli import main
from jianfu.domain.cases import CaseAction
from jianfu.domain.errors import ConflictError
from jianfu.services.database import open_app
from jianfu.services.registry import Services

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)


@pytest.fixture
def county(pg_county):
    """The demo township under a county, a login per role; the case waiting at 乡镇意见."""
    return pg_county.urls, pg_county.case_id


def _cli(url: str, *args: str) -> int:
    return main(["--database", url, "cases", *args])


def test_a_case_moves_up_the_levels_and_the_sheet_carries_every_opinion(county, capsys):
    urls, case_id = county
    cid = str(case_id)
    assert _cli(urls["clerk"], "advance", cid, "--opinion", "请县里审核") == 0
    said = capsys.readouterr().out
    # the case by its 编号 (the sheet's), not only by the number on no screen
    assert re.match(rf"案件 \d{{4}}-\d{{3}}（{cid}） 已报送：现为“县级审核”", said), said
    # the clerk can neither refer it to the mechanism nor decide it
    assert _cli(urls["clerk"], "advance", cid, "--opinion", "再报") == 1
    assert "乡镇经办人员不能办理“报协调机制”" in capsys.readouterr().err
    assert _cli(urls["clerk"], "decide", cid, "--approve", "--opinion", "同意") == 1
    assert "乡镇经办人员不能办理“批准”" in capsys.readouterr().err
    # the reviewer sees it in their list and sends it on with the county's opinion
    assert _cli(urls["reviewer"], "list") == 0
    assert "[县级审核]" in capsys.readouterr().out
    assert _cli(urls["reviewer"], "decide", cid, "--refuse", "--opinion", "不同意") == 1
    assert "县级审核人员不能办理“不予准入”" in capsys.readouterr().err
    assert _cli(urls["reviewer"], "advance", cid, "--opinion", "县级审核同意，报协调机制") == 0
    capsys.readouterr()
    # two people of the mechanism decide at once: one wins, the other is told
    first, second = (Services.create(open_app(urls["mechanism"])) for _ in range(2))
    seen = first.cases.get(case_id)
    assert second.cases.get(case_id).version == seen.version
    first.cases.advance(case_id, CaseAction.REFUSE, seen.version, comment="增加村级负担，不予准入")
    with pytest.raises(ConflictError, match=r"刚被mechanism_.*办理过.*未保存"):
        second.cases.advance(case_id, CaseAction.REFUSE, seen.version, comment="我也不同意")
    sheet = first.cases.approval_sheet_data(case_id)
    assert sheet.county_opinion == "县级审核同意，报协调机制"
    assert "增加村级负担" in sheet.mechanism_opinion
    assert sheet.township_opinion  # the demo's township opinion
    for s in (first, second):
        s.ctx.database.close()
    # the township sees the decision at once, signed by the mechanism's login
    clerk = Services.create(open_app(urls["clerk"])).cases
    decided = clerk.get(case_id)
    assert decided.status == "不予准入"
    assert decided.history[-1].operator.startswith("mechanism_")
    clerk.ctx.database.close()


def test_what_the_clerk_writes_on_sending_a_case_up_never_prints_as_the_county_opinion(county):
    urls, case_id = county
    clerk = Services.create(open_app(urls["clerk"])).cases
    assert clerk.across_levels
    case = clerk.get(case_id)
    clerk.advance(case_id, CaseAction.SUBMIT_COUNTY_REVIEW, case.version, comment="请县里审核")
    reviewer = Services.create(open_app(urls["reviewer"])).cases
    case = reviewer.get(case_id)
    reviewer.advance(case_id, CaseAction.REFER_TO_MECHANISM, case.version, comment="")
    sheet = reviewer.approval_sheet_data(case_id)
    assert sheet.county_opinion == ""  # the reviewer wrote none: the line stays for the pen
    assert sheet.county_signed.startswith("reviewer_")  # signed by the county, not the clerk
    for service in (clerk, reviewer):
        service.ctx.database.close()


def test_a_case_number_two_townships_share_names_each_case_for_the_levels_above(
    pg_county, capsys, tmp_path
):
    """Each township numbers its own cases: the reviewer's ``cases print 2026-001`` when both
    townships have one names each case with its township and the number that opens it (it
    said only 不同乡镇); that number prints it."""
    import datetime as dt
    from dataclasses import replace

    from sqlalchemy import create_engine, text

    from jianfu.domain.lists import ItemNature
    from jianfu.domain.tasks import TaskDecision, TaskInput
    from jianfu.domain.verdicts import Verdict

    urls = pg_county.urls
    services = Services.create(open_app(urls["clerk_b"]))
    try:
        task = services.tasks.record(
            TaskInput(
                title="关于开展农村电动自行车充电桩摸底的通知",
                department="南屏县发改局",
                received_on=dt.date.today(),
                decision=TaskDecision.UNLISTED,
                text="请各村安排专人每周统计充电桩数量，于每周五前报送县发改局。",
                verdict=Verdict.UNLISTED,
            )
        )
        request = replace(
            services.cases.request_for_task(task.id),
            start_date=dt.date.today() + dt.timedelta(days=90),
            nature=ItemNature.LONG_TERM,
        )
        theirs = services.cases.open_case(task.id, request, accept_short_notice=True).id
    finally:
        services.ctx.database.close()
    owner = create_engine(pg_county.url)
    with owner.begin() as con:  # the same number as the demo township's case
        number = con.execute(
            text("SELECT serial_number FROM admission_case WHERE id = :i"),
            {"i": pg_county.case_id},
        ).scalar_one()
        con.execute(
            text("UPDATE admission_case SET serial_number = :n WHERE id = :i"),
            {"n": number, "i": theirs},
        )
    owner.dispose()
    sheet = tmp_path / "审批表.pdf"
    assert _cli(urls["reviewer"], "print", number, str(sheet)) == 1
    said = capsys.readouterr().err
    assert f"有 2 个编号为 {number} 的案件（各乡镇分别编号）" in said
    assert f"清溪镇 电动自行车充电设施使用情况摸底：{pg_county.case_id}" in said
    assert f"石门乡 农村电动自行车充电桩摸底：{theirs}" in said
    assert not sheet.exists()
    assert _cli(urls["reviewer"], "print", str(theirs), str(sheet)) == 0
    assert sheet.read_bytes().startswith(b"%PDF")
