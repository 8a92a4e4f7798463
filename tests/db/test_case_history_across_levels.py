"""The printed 办理记录 on a shared server says what each level did, as the screen does:
the clerk sent the case up (报县级审核), the reviewer wrote the county's opinion on referring
it (县级审核，报协调机制); 序号 heads its column on one line."""

from __future__ import annotations

import io

from pypdf import PdfReader

from jianfu.db.township import ConnectedPerson
from jianfu.domain.cases import CaseStatus
from jianfu.services.cases import CaseFilter
from jianfu.services.registry import Services
from tests.conftest import put_under_county


def test_the_printed_history_says_what_each_level_did(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        reviewer = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
    cases = Services.create(demo_ctx).cases
    approved = next(
        s.case.id
        for s in cases.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.APPROVED
    )
    assert approved is not None
    # a township's own file: the clerk records every step, named as they are
    actions = [st.action for st in cases.history_data(approved).steps]
    assert actions == ["受理", "提交乡镇意见", "提交县级审核", "报协调机制", "批准"]
    demo_ctx.person = reviewer
    cases = Services.create(demo_ctx).cases
    actions = [st.action for st in cases.history_data(approved).steps]
    assert actions == ["受理", "提交乡镇意见", "报县级审核", "县级审核，报协调机制", "批准"]
    reader = PdfReader(io.BytesIO(cases.print_history(approved)))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "序号" in text  # not 序 / 号
    assert "县级审核，报协调机制" in text.replace("\n", "").replace(" ", "")
