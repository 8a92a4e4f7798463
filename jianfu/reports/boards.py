"""Signboard prints: a village's board inventory with dispositions, and the clean-up ledger
(销号清单) of a period. Both are landscape A4 tables with the township's preparer block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from jianfu.domain.boards import BoardStatus, Disposition, Signboard
from jianfu.domain.settings import TownshipSettings
from jianfu.reports.base import (
    SIZE_5,
    OfficialDocument,
    PageNumbers,
    TableWithTail,
    format_date,
)
from jianfu.reports.fonts import FontSet

INVENTORY_COLUMNS = (
    "序号",
    "牌子名称",
    "类别",
    "位置",
    "要求挂牌部门",
    "依据文件",
    "数量",
    "允许范围",
    "处置",
    "处置日期",
    "状态",
)
#: 允许范围 holds its header on one line (it broke as 允许范 / 围), from 依据文件.
INVENTORY_FRACTIONS = (0.05, 0.18, 0.07, 0.1, 0.13, 0.125, 0.05, 0.085, 0.06, 0.11, 0.09)

CLOSEOUT_COLUMNS = (
    "序号",
    "村(社区)",
    "牌子名称",
    "类别",
    "位置",
    "要求挂牌部门",
    "数量",
    "处置",
    "处置日期",
    "初审人",
    "复审人",
    "状态",
)
#: 位置 holds 内部·服务大厅 on one line (two-line rows sent the twelfth board and 合计 over).
#: 状态 holds 复查反弹 on one line (it broke as 复查反 / 弹), with the narrow cell sides.
CLOSEOUT_FRACTIONS = (0.05, 0.09, 0.16, 0.07, 0.135, 0.14, 0.05, 0.05, 0.105, 0.065, 0.065, 0.08)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _preparer_line(settings: TownshipSettings, today: dt.date) -> str:
    parts = [
        f"填表人：{settings.preparer or '　　　　'}",
        f"审核人：{settings.reviewer or '　　　　'}",
        f"联系电话：{settings.phone or '　　　　　　'}",
        f"填报日期：{format_date(today)}",
    ]
    return "　　".join(parts)


def _quantity(boards: Sequence[Signboard]) -> int:
    return sum(b.quantity for b in boards)


def build_inventory_pdf(
    village: str,
    boards: Sequence[Signboard],
    settings: TownshipSettings,
    *,
    today: dt.date,
    fonts: FontSet | None = None,
) -> bytes:
    """One village's boards with their category, place, department and disposition."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    cell = st.sized(st.cell, SIZE_5)
    header_cell = st.sized(st.cell_header, SIZE_5)
    title = f"{village}牌子台账"
    story: list[Flowable] = [doc.para(title, st.title)]
    if settings.township_name:
        story.append(doc.para(f"{settings.township_name}　{format_date(today)}", st.subtitle))
    flagged = [b for b in boards if b.flagged]
    by_category: dict[str, int] = {}
    for b in boards:
        by_category[b.category] = by_category.get(b.category, 0) + b.quantity
    removed = [b for b in boards if b.disposition is not None and b.disposition.takes_down]
    relapsed = [b for b in boards if b.status is BoardStatus.RELAPSED]
    summary = (
        f"共登记牌子 {_quantity(boards)} 块，其中允许范围外 {_quantity(flagged)} 块；"
        f"已摘除或合并 {_quantity(removed)} 块"
        + (f"，复查反弹 {_quantity(relapsed)} 块" if relapsed else "")
        + "。"
    )
    if by_category:
        summary += "按类别：" + "、".join(f"{k} {v} 块" for k, v in by_category.items()) + "。"
    story.append(doc.para(summary, st.sized(st.plain, 12)))
    story.append(Spacer(1, 6))
    rows: list[list[str]] = [list(INVENTORY_COLUMNS)]
    for n, b in enumerate(boards, start=1):
        rows.append(
            [
                str(n),
                b.name,
                b.category,
                b.place_text,
                b.department,
                b.basis,
                str(b.quantity),
                "范围内" if b.allowed else "范围外",
                b.disposition.value if b.disposition else "",
                _date(b.disposed_on),
                b.status_text,
            ]
        )
    sign = [Spacer(1, 10), doc.para(_preparer_line(settings, today), st.sized(st.plain, 12))]
    if len(rows) == 1:
        story.append(doc.para("本村(社区)尚未登记牌子。", st.subtitle))
        story += sign
    else:
        table = doc.table(
            rows,
            INVENTORY_FRACTIONS,
            style=cell,
            header_style=header_cell,
            center_cols=(0, 2, 3, 6, 7, 8, 9, 10),
        )
        story.append(TableWithTail(table, sign, doc.frame_height))
    return doc.build(
        story, title=title, subject="村(社区)牌子台账", page_numbers=PageNumbers.MULTI_PAGE
    )


def build_closeout_pdf(
    boards: Sequence[Signboard],
    start: dt.date,
    end: dt.date,
    settings: TownshipSettings,
    *,
    today: dt.date,
    fonts: FontSet | None = None,
    kept: int = 0,
) -> bytes:
    """The boards dealt with in a period, one row each, for sign-off (销号); ``kept``: the
    boards 保留 in the period, counted but not listed (there was nothing to put right)."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    cell = st.sized(st.cell, SIZE_5)
    header_cell = st.sized(st.cell_header, SIZE_5)
    title = f"{settings.township_name}牌子清理销号清单".strip()
    story: list[Flowable] = [doc.para(title, st.title)]
    story.append(doc.para(f"时段：{format_date(start)}至{format_date(end)}", st.subtitle))
    per: dict[Disposition, int] = {}
    for b in boards:
        if b.disposition is not None:
            per[b.disposition] = per.get(b.disposition, 0) + b.quantity
    closed = _quantity([b for b in boards if b.status is BoardStatus.CLOSED])
    parts = "、".join(f"{d.value} {per[d]} 块" for d in Disposition if d in per)
    summary = f"本时段处置牌子 {_quantity(boards)} 块" + (f"（{parts}）" if parts else "")
    if kept:  # all the period's dispositions, then what the list holds
        listed = _quantity(boards)
        summary = (
            f"本时段处置牌子 {listed + kept} 块（{parts + '、' if parts else ''}保留 {kept} 块）"
        )
        summary += f"，其中保留的 {kept} 块在允许范围内，不需整改，不列入本清单"
        summary += f"；列入本清单 {listed} 块，已销号 {closed} 块，待销号 {listed - closed} 块。"
    else:
        summary += f"，已销号 {closed} 块，待销号 {_quantity(boards) - closed} 块。"
    story.append(doc.para(summary, st.sized(st.plain, 12)))
    story.append(Spacer(1, 6))
    rows: list[list[str]] = [list(CLOSEOUT_COLUMNS)]
    for n, b in enumerate(boards, start=1):
        rows.append(
            [
                str(n),
                b.village,
                b.name,
                b.category,
                b.place_text,
                b.department,
                str(b.quantity),
                b.disposition.value if b.disposition else "",
                _date(b.disposed_on),
                b.first_reviewer,
                b.second_reviewer,
                b.status_text,
            ]
        )
    sign = [Spacer(1, 10), doc.para(_preparer_line(settings, today), st.sized(st.plain, 12))]
    if len(rows) == 1:
        story.append(doc.para("本时段没有处置牌子。", st.subtitle))
        story += sign
    else:
        rows.append(["合计", "", "", "", "", "", str(_quantity(boards)), "", "", "", "", ""])
        table = doc.table(
            rows,
            CLOSEOUT_FRACTIONS,
            style=cell,
            header_style=header_cell,
            center_cols=(0, 3, 4, 6, 7, 8, 9, 10, 11),
            keep_with_last=1,  # 合计 never starts a page without three boards
            rows_with_last=3,
            extra=[  # single-spaced: a quarter's dozen boards and the signatures on a page
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                # twelve columns: narrow sides leave each its text (复查反弹 on one line)
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ],
        )
        # the people who sign stay on the page of the last boards and 合计
        story.append(TableWithTail(table, sign, doc.frame_height))
    return doc.build(
        story,
        title=title or "牌子清理销号清单",
        subject=f"{start.isoformat()}—{end.isoformat()}",
        page_numbers=PageNumbers.MULTI_PAGE,
    )
