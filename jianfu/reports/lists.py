"""The list edition printed for public posting (公示), and the printed comparison of two editions.

Both are landscape A4 tables: the lists have wide text columns, and a posted list is read
on a notice board where fewer, longer rows are easier to follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from jianfu.domain.list_diff import EditionDiff, field_text
from jianfu.domain.lists import (
    ItemStatus,
    KindMeaning,
    ListEdition,
    ListItem,
    ListKind,
)
from jianfu.reports.base import (
    SIZE_5,
    OfficialDocument,
    PageNumbers,
    chinese_numeral,
    format_date,
)
from jianfu.reports.fonts import FontSet

#: Kind heading for items whose kind code is not among the kinds given (never drop them).
OTHER_KIND_NAME = "其他事项"

WORK_COLUMNS = ("序号", "事项名称", "事项内容", "设定依据", "责任单位")
WORK_FRACTIONS = (0.06, 0.2, 0.36, 0.24, 0.14)
CERT_COLUMNS_ALLOWED = ("序号", "证明名称", "办理用途", "设定依据")
CERT_COLUMNS_FORBIDDEN = ("序号", "证明名称", "办理用途", "替代途径")
CERT_FRACTIONS = (0.06, 0.26, 0.34, 0.34)

#: Room a kind heading needs below it (itself, the header row and a first row); with less
#: left on the page the heading moves to the next page instead of standing alone.
HEADING_ROOM = 100


def _alternative(item: ListItem) -> str:
    """The other route for a certificate the village must not issue, e.g. 部门核查：…"""
    route = item.alternative_route.value if item.alternative_route else ""
    if route and item.alternative_detail:
        return f"{route}：{item.alternative_detail}"
    return route or item.alternative_detail


def _group(
    kinds: Sequence[ListKind], items: Sequence[ListItem], include_withdrawn: bool
) -> list[tuple[ListKind, list[ListItem]]]:
    """Items under their kinds, kinds in their sort order; unknown kinds go last."""
    ordered = sorted(kinds, key=lambda k: (k.sort_order, k.code))
    known = {k.code for k in ordered}
    shown = [i for i in items if include_withdrawn or i.status != ItemStatus.WITHDRAWN]
    groups = [(k, [i for i in shown if i.kind == k.code]) for k in ordered]
    other = [i for i in shown if i.kind not in known]
    if other:
        groups.append((ListKind("", OTHER_KIND_NAME, KindMeaning.ADMITTED, 10**6), other))
    return [(k, group) for k, group in groups if group]


def _kind_rows(
    kind: ListKind, items: Sequence[ListItem]
) -> tuple[tuple[str, ...], list[list[str]]]:
    """Header and rows of one kind's table, numbered 1..n."""
    header: tuple[str, ...]
    if kind.meaning == KindMeaning.MAY_NOT_ISSUE:
        header = CERT_COLUMNS_FORBIDDEN
        rows = [[str(n), i.name, i.purpose, _alternative(i)] for n, i in enumerate(items, 1)]
    elif kind.holds_certificates:
        header = CERT_COLUMNS_ALLOWED
        rows = [[str(n), i.name, i.purpose, i.basis] for n, i in enumerate(items, 1)]
    else:
        header = WORK_COLUMNS
        rows = [[str(n), i.name, i.content, i.basis, i.department] for n, i in enumerate(items, 1)]
    for row, item in zip(rows, items, strict=True):
        if item.status == ItemStatus.WITHDRAWN:
            row[1] = f"{row[1]}（已退出）"
    return header, rows


def build_list_pdf(
    edition: ListEdition,
    kinds: Sequence[ListKind],
    items: Sequence[ListItem],
    *,
    fonts: FontSet | None = None,
    include_withdrawn: bool = False,
) -> bytes:
    """The edition as posted: title, 文号 and effective date, then one table per kind."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    cell = st.sized(st.cell, SIZE_5)
    header_cell = st.sized(st.cell_header, SIZE_5)
    story: list[Flowable] = [doc.para(edition.name, st.title)]
    if edition.document_number:
        story.append(doc.para(edition.document_number, st.subtitle))
    facts = []
    if edition.issuing_body:
        facts.append(f"发布单位：{edition.issuing_body}")
    if edition.effective_date:
        facts.append(f"自{format_date(edition.effective_date)}起施行")
    if facts:
        story.append(doc.para("　　".join(facts), st.subtitle))
    story.append(Spacer(1, 8))
    groups = _group(kinds, items, include_withdrawn)
    if not groups:
        story.append(doc.para("本版清单暂无事项。", st.subtitle))
    for n, (kind, group) in enumerate(groups, start=1):
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(doc.para(f"{chinese_numeral(n)}、{kind.name}（{len(group)}项）", st.heading1))
        header, rows = _kind_rows(kind, group)
        fractions = CERT_FRACTIONS if len(header) == 4 else WORK_FRACTIONS
        story.append(
            doc.table(
                [header, *rows],
                fractions,
                style=cell,
                header_style=header_cell,
                center_cols=(0,),
            )
        )
        story.append(Spacer(1, 10))
    return doc.build(
        story,
        title=edition.name,
        subject="村(社区)工作事项准入清单",
        page_numbers=PageNumbers.ALWAYS,
    )


def build_diff_pdf(diff: EditionDiff, *, fonts: FontSet | None = None) -> bytes:
    """The printed comparison: items added, withdrawn, and changed field by field."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    cell = st.sized(st.cell, SIZE_5)
    header_cell = st.sized(st.cell_header, SIZE_5)
    title = "清单版本对照表"
    story: list[Flowable] = [doc.para(title, st.title)]
    story.append(doc.para(f"原版本：{diff.old_name}　　新版本：{diff.new_name}", st.subtitle))
    story.append(
        doc.para(
            f"新增{len(diff.added)}项，退出{len(diff.removed)}项，调整{len(diff.changed)}项",
            st.subtitle,
        )
    )
    story.append(Spacer(1, 8))
    if diff.is_empty:
        story.append(doc.para("两个版本的事项相同，没有变化。", st.subtitle))

    def table(header: Sequence[str], rows: list[list[str]], fractions: Sequence[float]) -> None:
        story.append(
            doc.table(
                [header, *rows], fractions, style=cell, header_style=header_cell, center_cols=(0,)
            )
        )
        story.append(Spacer(1, 10))

    section = 0
    if diff.added:
        section += 1
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(
            doc.para(f"{chinese_numeral(section)}、新增事项（{len(diff.added)}项）", st.heading1)
        )
        rows = [
            [str(n), diff.kind_name(i.kind), i.name, i.content or i.purpose, i.basis]
            for n, i in enumerate(diff.added, 1)
        ]
        table(
            ("序号", "类别", "事项名称", "事项内容", "设定依据"),
            rows,
            (0.06, 0.14, 0.22, 0.34, 0.24),
        )
    if diff.removed:
        section += 1
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(
            doc.para(f"{chinese_numeral(section)}、退出事项（{len(diff.removed)}项）", st.heading1)
        )
        rows = [
            [str(n), diff.kind_name(i.kind), i.number, i.name, i.withdrawn_reason]
            for n, i in enumerate(diff.removed, 1)
        ]
        table(
            ("序号", "类别", "原编号", "事项名称", "退出原因"), rows, (0.06, 0.14, 0.1, 0.34, 0.36)
        )
    if diff.changed:
        section += 1
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(
            doc.para(f"{chinese_numeral(section)}、调整事项（{len(diff.changed)}项）", st.heading1)
        )
        rows = []
        for n, change in enumerate(diff.changed, 1):
            # One row per changed field; the item is named on its first row only (no spans:
            # spanned rows could not break across pages).
            kind = field_text(change.new, "kind", dict(diff.kind_names))
            for k, fc in enumerate(change.changes):
                lead = [str(n), kind, change.new.name] if k == 0 else ["", "", ""]
                rows.append([*lead, fc.label, fc.old, fc.new])
        table(
            ("序号", "类别", "事项名称", "调整内容", "原内容", "新内容"),
            rows,
            (0.06, 0.12, 0.2, 0.1, 0.26, 0.26),
        )
    return doc.build(story, title=title, subject=f"{diff.old_name} / {diff.new_name}")
