"""The printed other-burdens ledger (其他负担台账) of one village or of the whole township.

Landscape A4: the title and the period, a summary table (before / cleaned / now by type, per
village with a 合计 row), then the entries with their clean-up actions, village by village,
and the preparer's line at the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from jianfu.domain.burdens import BurdenCounts, BurdenRecord, VillageCounts, type_names
from jianfu.reports.base import (
    SIZE_5,
    OfficialDocument,
    PageNumbers,
    TableCommand,
    TableWithTail,
    chinese_numeral,
    format_date,
)
from jianfu.reports.fonts import FontSet

DETAIL_COLUMNS = (
    "序号",
    "类别",
    "名称",
    "要求部门",
    "频次",
    "依据文件",
    "清理方式",
    "清理日期",
    "备注",
)
DETAIL_FRACTIONS = (0.05, 0.13, 0.185, 0.12, 0.06, 0.175, 0.08, 0.11, 0.09)
SUMMARY_FIGURES = ("清理前", "已清理", "现有")
#: Room a heading needs below it (itself, the header and a row), else it starts a new page.
HEADING_ROOM = 110


@dataclass(frozen=True)
class LedgerPrint:
    """Everything the ledger print shows, as plain data."""

    title: str
    counts: BurdenCounts
    records: Sequence[BurdenRecord]
    preparer: str = ""
    reviewer: str = ""
    phone: str = ""
    printed_on: dt.date | None = None


def _summary_rows(data: LedgerPrint) -> tuple[list[list[str]], list[TableCommand]]:
    """Two header rows (type, then figure) and one row per village (plus 合计)."""
    types = data.counts.types
    top = ["村(社区)"]
    sub = [""]
    spans: list[TableCommand] = [("SPAN", (0, 0), (0, 1))]
    for n, t in enumerate(types):
        col = 1 + 3 * n
        top += [t.name, "", ""]
        sub += list(SUMMARY_FIGURES)
        spans.append(("SPAN", (col, 0), (col + 2, 0)))
    villages: list[VillageCounts] = list(data.counts.villages)
    if len(villages) != 1:
        villages.append(data.counts.total)
    rows = [top, sub]
    for v in villages:
        row = [v.unit_name]
        for t in types:
            c = v.of(t.code)
            row += [str(c.before), str(c.cleaned), str(c.now)]
        rows.append(row)
    return rows, spans


def _detail_rows(records: Sequence[BurdenRecord], names: dict[str, str]) -> list[list[str]]:
    rows = []
    for n, r in enumerate(records, start=1):
        rows.append(
            [
                str(n),
                names.get(r.type, r.type),
                r.name,
                r.department,
                r.frequency,
                r.basis,
                r.action_text,
                r.action_date.isoformat() if r.action_date else "",
                r.notes,
            ]
        )
    return rows


def build_burden_ledger_pdf(data: LedgerPrint, *, fonts: FontSet | None = None) -> bytes:
    """The ledger as PDF bytes."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    cell = st.sized(st.cell, SIZE_5)
    header_cell = st.sized(st.cell_header, SIZE_5)
    counts = data.counts
    story: list[Flowable] = [doc.para(data.title, st.title)]
    period = f"统计期间：{format_date(counts.start)}至{format_date(counts.end)}"
    if data.printed_on:
        period += f"　　打印日期：{format_date(data.printed_on)}"
    story += [doc.para(period, st.subtitle), Spacer(1, 8)]

    story.append(doc.para(f"{chinese_numeral(1)}、清理情况汇总", st.heading1))
    rows, spans = _summary_rows(data)
    n_types = len(counts.types)
    has_total = len(counts.villages) != 1
    summary = doc.table(
        rows,
        (0.16, *([0.84 / (3 * n_types)] * (3 * n_types))),
        header_rows=2,
        style=cell,
        header_style=header_cell,
        center_cols=tuple(range(1, 1 + 3 * n_types)),
        # single-spaced: a township's 13 or so villages and 合计 on the first page
        extra=[
            *spans,
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
        keep_with_last=1 if has_total else 0,  # 合计 never starts a page alone
        rows_with_last=3,
    )
    note = doc.para(
        "注：清理前＝期初尚存及期内新增的项数；已清理＝期内撤并、取消的项数；"
        "现有＝期末尚存的项数（含保留）。",
        st.sized(st.small, SIZE_5),
    )
    story.append(TableWithTail(summary, [note], doc.frame_height))
    story.append(Spacer(1, 10))

    names = type_names(counts.types)
    story.append(CondPageBreak(HEADING_ROOM))
    story.append(doc.para(f"{chinese_numeral(2)}、台账明细（{len(data.records)}项）", st.heading1))
    groups: dict[str, list[BurdenRecord]] = {}
    for r in data.records:
        groups.setdefault(r.unit_name, []).append(r)
    if not groups:
        story.append(doc.para("没有登记任何负担事项。", st.subtitle))
    many = len(groups) > 1
    people = (
        f"填表人：{data.preparer or '　　　　'}　　审核人：{data.reviewer or '　　　　'}"
        f"　　联系电话：{data.phone or '　　　　'}"
    )
    signed = [Spacer(1, 14), doc.para(people, st.plain)]
    for n, (village, records) in enumerate(groups.items(), start=1):
        if many:
            story.append(CondPageBreak(HEADING_ROOM))
            story.append(
                doc.para(f"（{chinese_numeral(n)}）{village}（{len(records)}项）", st.heading2)
            )
        last = n == len(groups)
        table = doc.table(
            [DETAIL_COLUMNS, *_detail_rows(records, names)],
            DETAIL_FRACTIONS,
            style=cell,
            header_style=header_cell,
            center_cols=(0, 4, 6, 7),
            # the ledger's last page holds more than its last row and the 填表人 line (a
            # county's 40 pages ended on one row of 桃溪社区 and the names)
            keep_with_last=1 if last else 0,
            rows_with_last=2,
        )
        if last:
            story.append(TableWithTail(table, signed, doc.frame_height))
        else:
            story += [table, Spacer(1, 8)]
    if not groups:
        story += signed
    return doc.build(
        story,
        title=data.title,
        subject="村(社区)其他负担台账",
        page_numbers=PageNumbers.ALWAYS,
    )
