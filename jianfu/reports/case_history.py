"""The history of an admission case (准入审批办理记录): the request and every step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from jianfu.reports.base import BODY_LEADING, OfficialDocument, PageNumbers, phrases_kept
from jianfu.reports.fonts import FontSet


@dataclass(frozen=True)
class HistoryStep:
    """One row of the history table."""

    at: dt.datetime
    step: str
    action: str
    operator: str
    comment: str


@dataclass(frozen=True)
class CaseHistoryData:
    """What the history print shows."""

    title: str  # the task's name
    serial_number: str
    facts: Sequence[tuple[str, str]]  # label → value, in order
    steps: Sequence[HistoryStep]
    status: str
    printed_on: dt.date


def build_case_history_pdf(data: CaseHistoryData, *, fonts: FontSet | None = None) -> bytes:
    """The history as PDF bytes: a facts table, then the steps, oldest first."""
    doc = OfficialDocument(fonts)
    st = doc.styles
    small_cell = st.sized(st.cell, 11)
    small_head = st.sized(st.cell_header, 11)
    story: list[Flowable] = [
        doc.para("村(社区)工作事项准入审批办理记录", st.title),
        doc.para(f"（编号：{data.serial_number}）" if data.serial_number else "", st.subtitle),
        Spacer(1, BODY_LEADING / 2),
    ]
    label = st.sized(st.label, 11)
    pairs = [("事项名称", data.title), *data.facts, ("当前环节", data.status)]
    facts = [[doc.para(k, label), v] for k, v in pairs]
    story.append(doc.table(facts, (0.2, 0.8), header_rows=0, style=small_cell))
    story.append(Spacer(1, BODY_LEADING / 2))
    rows: list[list[object]] = [["序号", "时间", "环节", "办理", "经办人", "意见"]]
    fractions = (0.07, 0.17, 0.19, 0.20, 0.10, 0.27)
    # a step named by the mechanism (宁川市党建引领基层治理协调机制审批) breaks between phrases
    step_width = doc.col_widths(fractions)[2] - 8  # less the cell's padding
    for n, step in enumerate(data.steps, start=1):
        rows.append(
            [
                str(n),
                step.at.strftime("%Y-%m-%d %H:%M"),
                phrases_kept(doc, step.step, step_width, small_cell),
                step.action.replace("，", "，\n"),  # 县级审核， / 报协调机制
                step.operator,
                step.comment,
            ]
        )
    story.append(
        doc.table(
            rows,
            # 序号 on one line (it broke as 序 / 号); 办理 holds 补正后重新受理 and 环节
            # 乡镇(街道)意见 on one line (they broke as 提交乡镇 / 意见, 乡镇(街道)意 / 见)
            fractions,
            style=small_cell,
            header_style=small_head,
            center_cols=(0,),
        )
    )
    story.append(Spacer(1, BODY_LEADING / 2))
    story.append(
        doc.para(
            f"打印日期：{data.printed_on.year}年{data.printed_on.month}月{data.printed_on.day}日",
            st.signature,
        )
    )
    return doc.build(
        story,
        title=f"准入审批办理记录 {data.title}",
        page_numbers=PageNumbers.MULTI_PAGE,
    )
