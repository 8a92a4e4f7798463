"""A township's case goes through the county reviewer to the mechanism, each under their own
login role on PostgreSQL; the approval sheet carries every level's opinion."""

from __future__ import annotations

import os

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
    assert "县级审核" in capsys.readouterr().out
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
