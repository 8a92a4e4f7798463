"""The printed 办理记录 of an admission case."""

from __future__ import annotations

import datetime as dt
import re

from jianfu.reports.case_history import CaseHistoryData, HistoryStep, build_case_history_pdf

STEPS = (
    ("已受理", "受理", "张志强", ""),
    ("乡镇(街道)意见", "提交乡镇意见", "张志强", "该项工作确需村(社区)协助，同意上报"),
    ("县级审核", "报县级审核", "张志强", ""),
    ("宁川市党建引领基层治理协调机制审批", "县级审核，报协调机制", "黄文斌", "依据充分，建议准入"),
    ("退回补正", "补正后重新受理", "张志强", ""),
)


def test_each_step_and_its_level_print_whole(fonts, read_pdf) -> None:
    """A city's walk printed 提交乡镇 / 意见, 报县级审 / 核, 县级审 / 核，报协 / 调机制 and
    乡镇(街道)意 / 见: 办理 and 环节 were narrower than their words."""
    data = CaseHistoryData(
        title="电动自行车充电设施使用情况摸底",
        serial_number="2026-008",
        facts=(("乡镇(街道)", "龙潭镇"), ("申请单位", "南屏县发展和改革局")),
        steps=[
            HistoryStep(dt.datetime(2026, 10, 20 + n, 9, 0), step, action, operator, comment)
            for n, (step, action, operator, comment) in enumerate(STEPS)
        ],
        status="不予准入",
        printed_on=dt.date(2026, 12, 7),
    )
    pdf = read_pdf(build_case_history_pdf(data, fonts=fonts))
    lines = [re.sub(r"\s+", "", line) for line in pdf.text.splitlines()]
    for whole in ("提交乡镇意见", "报县级审核", "补正后重新受理", "乡镇(街道)意见", "黄文斌"):
        assert any(whole in line for line in lines), (whole, lines)
    # the reviewer's step: a line a part, cut at its comma
    assert any(line.endswith("县级审核，") for line in lines), lines
    assert any(line.startswith("报协调机制") for line in lines), lines
    assert len(pdf.pages) == 1


def test_the_mechanisms_long_name_breaks_between_its_phrases(fonts, read_pdf) -> None:
    """环节 宁川市党建引领基层治理协调机制审批 broke anywhere:
    宁川市党建引 / 领基层治理协 / 调机制审批."""
    data = CaseHistoryData(
        title="犬只登记摸底",
        serial_number="2026-004",
        facts=(("申请单位", "南屏县农业农村局"),),
        steps=[
            HistoryStep(dt.datetime(2026, 12, 7, 9, 0), step, action, operator, comment)
            for step, action, operator, comment in STEPS
        ],
        status="已批准准入",
        printed_on=dt.date(2026, 12, 7),
    )
    lines = [
        re.sub(r"\s+", "", line)
        for line in read_pdf(build_case_history_pdf(data, fonts=fonts)).text.splitlines()
    ]
    at = lines.index("宁川市")
    cell = lines[at : at + 4]
    assert "".join(cell) == "宁川市党建引领基层治理协调机制审批", cell
    phrases = ("宁川市", "党建引领", "基层治理", "协调机制", "审批")
    for line in cell:  # each line whole phrases
        while line:
            line = line.removeprefix(next(p for p in phrases if line.startswith(p)))
