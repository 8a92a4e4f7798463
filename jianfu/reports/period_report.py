"""The period statistics report (村(社区)减负工作情况统计表) as a landscape A4 PDF.

Page 1 onwards: the statistics form — title, reporting unit, period, date and units of count
at the top; one row per village/community, 合计, the previous period, the change and the
cumulative figures; notes, preparer, reviewer, phone and room for the seal at the bottom. The
two header rows repeat on every page. Then a summary page: the draft situation paragraph, two
charts drawn with ReportLab's graphics, and the departments that pushed unlisted tasks or
asked for forbidden certificates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from jianfu.domain.period_report import (
    COLUMN_BY_KEY,
    COLUMNS,
    TOTAL_LABEL,
    UNITS_OF_COUNT,
    VILLAGE_ROWS,
    Figures,
    PeriodReport,
    group_spans,
)
from jianfu.domain.periods import chinese_date
from jianfu.reports.base import (
    SIZE_5,
    SIZE_S4,
    OfficialDocument,
    PagedTable,
    PageNumbers,
    TableCommand,
    TableWithTail,
    format_date,
)
from jianfu.reports.fonts import FontRole, FontSet

if TYPE_CHECKING:
    # ReportLab's graphics are imported where the charts are drawn, after jianfu.reports.base
    # has turned off their checking of attributes, which they read when they load
    from reportlab.graphics.shapes import Drawing

#: Column widths in points of the 225 mm landscape text block: 序号, 村(社区), 备注, and a
#: figure column whose header label is two characters (批准) or longer (发现未准入下派, three
#: characters a line). 序号 + 村(社区) hold a summary row's label (上期合计（2026年第二季度）)
#: on one line.
NUMBER_WIDTH, NAME_WIDTH, NOTE_WIDTH = 20.0, 100.0, 56.0
NARROW_FIGURE_WIDTH, WIDE_FIGURE_WIDTH = 22.0, 29.0
#: 工作群/ on a line of its own (APP under it)
SLASH_FIGURE_WIDTH = 31.0

TABLE_FONT_SIZE = 9.0
HEADER_FONT_SIZE = 8.5
#: Single-spaced cells: a township's 13 or so villages, the totals and the seal on one page.
TABLE_LEADING = 10.8
HEADER_LEADING = 10.2
SUMMARY_LABEL_SIZE = 8.5
#: A table that goes over to a second page takes at least this many rows with its totals
#: (never the totals and one village alone).
ROWS_WITH_TOTALS = 3
#: The room left for the seal: the unit's name and the date under it, a 4.2 cm seal pressed
#: over both (its top may rise beside the notes and the preparer's line on the left).
SEAL_BLOCK_HEIGHT = 28 * 2.835

#: Figures compared with the previous period in the first chart.
CHART_KEYS = (
    "tasks_applied",
    "tasks_refused",
    "tasks_unadmitted",
    "mechanisms_merged",
    "boards_cleaned",
    "certs_refused",
    "certs_unlisted",
    "inspections",
)
CHART_LABELS = {
    "tasks_applied": "新申请准入",
    "tasks_refused": "不批准",
    "tasks_unadmitted": "未准入下派",
    "mechanisms_merged": "撤并机制",
    "boards_cleaned": "清理牌子",
    "certs_refused": "不予出具证明",
    "certs_unlisted": "清单外证明",
    "inspections": "督查检查考核",
}
#: How many villages the second chart shows at most.
TOP_VILLAGES = 10

CURRENT_COLOR = colors.HexColor("#2f5597")
PREVIOUS_COLOR = colors.HexColor("#a6a6a6")
TOTAL_SHADE = colors.HexColor("#f2f2f2")


def signed(value: int) -> str:
    """A change as printed: +3, -2, 0."""
    return f"+{value}" if value > 0 else str(value)


def header_rows(row_label: str = VILLAGE_ROWS) -> tuple[list[str], list[str]]:
    """The two header rows: group names over their columns, then the column labels; the
    second column is what a row is (村(社区), or 乡镇(街道) / 县(市、区) when rolled up)."""
    top = ["序号", row_label] + [""] * len(COLUMNS) + ["备注"]
    for group, first, _last in group_spans():
        top[2 + first] = group
    bottom = ["", ""] + [c.label for c in COLUMNS] + [""]
    return top, bottom


def single_column_groups() -> list[int]:
    """The figure columns (0-based) that are a group alone (报表台账, 工作群/APP, 督查检查考核):
    the printed form gives their group name both header rows."""
    return [first for _group, first, last in group_spans() if first == last]


def figure_widths() -> list[float]:
    """Each figure column's width in points: narrow under a two-character label."""
    alone = set(single_column_groups())
    widths = []
    for i, column in enumerate(COLUMNS):
        label = column.group if i in alone else column.label
        if "/" in label:
            widths.append(SLASH_FIGURE_WIDTH)
        elif len(label) <= 2 or (i in alone and len(label) <= 4):
            widths.append(NARROW_FIGURE_WIDTH)
        else:
            widths.append(WIDE_FIGURE_WIDTH)
    return widths


def table_rows(report: PeriodReport) -> tuple[list[list[str]], dict[str, int]]:
    """The body rows as text, and the index (in the returned list) of the summary rows."""
    rows: list[list[str]] = []
    for n, row in enumerate(report.rows, start=1):
        rows.append([str(n), row.name, *map(str, row.figures.as_list()), row.note])
    marks = {"total": len(rows)}
    rows.append(["", TOTAL_LABEL, *map(str, report.total.as_list()), ""])
    marks["previous"] = len(rows)
    rows.append(
        [
            "",
            f"上期合计（{report.previous_period.label}）",
            *report.previous_cells(),
            "",
        ]
    )
    marks["change"] = len(rows)
    rows.append(["", "比上期增减", *report.change_cells(signed), ""])
    if report.cumulative is not None and report.baseline is not None:
        marks["cumulative"] = len(rows)
        rows.append(
            [
                "",
                f"累计（自{chinese_date(report.baseline)}起）",
                *map(str, report.cumulative.as_list()),
                "",
            ]
        )
    return rows, marks


def _statistics_table(doc: OfficialDocument, report: PeriodReport) -> PagedTable:
    st = doc.styles
    cell = ParagraphStyle(
        "jf-report-cell", parent=st.sized(st.cell, TABLE_FONT_SIZE), leading=TABLE_LEADING
    )
    header = ParagraphStyle(
        "jf-report-header",
        parent=st.sized(st.cell_header, HEADER_FONT_SIZE),
        leading=HEADER_LEADING,
    )
    top, bottom = header_rows(report.row_label)
    for i in single_column_groups():
        bottom[2 + i] = ""  # the group's name stands over both rows
    # A narrow group column: break after the slash, never inside "APP"; four characters
    # two by two (不予/出具, not 不予出/具).
    top = [label.replace("/", "/\n") if "/" in label else label for label in top]
    bottom = [_two_by_two(label) for label in bottom]
    body, marks = table_rows(report)
    n_cols = len(top)
    last = n_cols - 1
    spans: list[TableCommand] = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (last, 0), (last, 1)),
    ]
    for _group, first, end in group_spans():
        if first == end:
            spans.append(("SPAN", (2 + first, 0), (2 + first, 1)))
        else:
            spans.append(("SPAN", (2 + first, 0), (2 + end, 0)))
    extra: list[TableCommand] = [
        *spans,
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for key in ("total", "previous", "change", "cumulative"):
        if key in marks:
            r = 2 + marks[key]
            extra.append(("SPAN", (0, r), (1, r)))
    total_row = 2 + marks["total"]
    extra.append(("BACKGROUND", (0, total_row), (-1, total_row), TOTAL_SHADE))
    fractions = [NUMBER_WIDTH, NAME_WIDTH, *figure_widths(), NOTE_WIDTH]
    # The summary rows' labels stand in the merged 序号 + 村(社区) cell.
    label_style = ParagraphStyle(
        "jf-report-label",
        parent=st.sized(st.cell_header, SUMMARY_LABEL_SIZE),
        leading=HEADER_LEADING,
    )
    rows: list[Sequence[Paragraph | str]] = [top, bottom]
    for i, row in enumerate(body):
        if i >= marks["total"]:
            rows.append([doc.para(row[1], label_style), "", *row[2:]])
        else:
            rows.append(row)
    return doc.table(
        rows,
        fractions,
        header_rows=2,
        style=cell,
        header_style=header,
        center_cols=tuple(range(0, n_cols - 1)),
        extra=extra,
        keep_with_last=len(body) - marks["total"],  # 合计, 上期, 增减 (, 累计)
        rows_with_last=ROWS_WITH_TOTALS,
    )


def _two_by_two(label: str) -> str:
    """A four-character label broken in the middle; others as they are."""
    if len(label) == 4 and all("\u4e00" <= ch <= "\u9fff" for ch in label):
        return f"{label[:2]}\n{label[2:]}"
    return label


def _top_lines(doc: OfficialDocument, report: PeriodReport) -> Table:
    """填报单位 / 统计时段 / 填报日期 on one line, the units of count under it."""
    st = doc.styles
    small = st.sized(st.plain, SIZE_S4, "jf-report-top")
    left = ParagraphStyle("jf-report-top-l", parent=small, alignment=TA_LEFT)
    mid = ParagraphStyle("jf-report-top-c", parent=small, alignment=TA_CENTER)
    right = ParagraphStyle("jf-report-top-r", parent=small, alignment=TA_RIGHT)
    # 五号: the units of count on one line
    units = ParagraphStyle("jf-report-units", parent=st.sized(st.plain, SIZE_5), alignment=TA_LEFT)
    unit = report.township or "　　　　"
    data: list[list[Paragraph | str]] = [
        [
            doc.para(f"填报单位（盖章）：{unit}", left),
            doc.para(f"统计时段：{report.period.span_text}", mid),
            doc.para(f"填报日期：{format_date(report.made_on)}", right),
        ],
        [doc.para(UNITS_OF_COUNT, units), "", ""],
    ]
    # The period gets the widest cell so that "…12月31日" stays on one line.
    table = Table(data, colWidths=doc.col_widths((0.31, 0.42, 0.27)))
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 1), (-1, 1)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), doc.fonts.name(FontRole.BODY)),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def _signature_block(doc: OfficialDocument, report: PeriodReport, notes: Sequence[str]) -> Table:
    """The notes and preparer, reviewer, phone on the left; room for the unit's seal on the
    right, beside them (the seal needs the height, the notes the width)."""
    st = doc.styles
    small = st.sized(st.plain, SIZE_S4, "jf-report-sign")
    note_style = st.sized(st.plain, SIZE_5, "jf-report-note")
    right = ParagraphStyle("jf-report-sign-r", parent=small, alignment=TA_RIGHT)
    gap = "　　　　　　"
    people = (
        f"填表人：{report.preparer or gap}　　审核人：{report.reviewer or gap}　　"
        f"联系电话：{report.phone or gap}"
    )
    left: list[Flowable] = [
        doc.para(f"注{n}：{note}" if len(notes) > 1 else f"注：{note}", note_style)
        for n, note in enumerate(notes, start=1)
    ]
    if left:
        left.append(Spacer(1, 6))
    left.append(doc.para(people, small))
    seal = f"{report.township or '填报单位'}（盖章）\n\n{format_date(None)}"
    widths = doc.col_widths((0.66, 0.34))
    top_padding = 4
    needed = sum(f.wrap(widths[0], 1e6)[1] for f in left) + top_padding + 4
    table = Table(
        [[left, doc.para(seal, right)]],
        colWidths=widths,
        rowHeights=[max(SEAL_BLOCK_HEIGHT, needed)],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "TOP"),
                ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), doc.fonts.name(FontRole.BODY)),
                ("RIGHTPADDING", (0, 0), (-1, -1), 24),
                ("TOPPADDING", (0, 0), (-1, -1), top_padding),
            ]
        )
    )
    return table


def _label_font(fonts: FontSet, text: str, role: FontRole = FontRole.BODY) -> str:
    """The font for a chart label: the body font, or a fallback that has its rare characters.

    Chart strings are drawn in one font each (no per-character markup), so a village name
    with a character the body font lacks is drawn wholly in the font that has it.
    """
    primary = fonts.name(role)
    for ch in text:
        found = fonts._font_for(ch, role)  # same package: the per-glyph lookup
        if found is not None and found != primary:
            return found
    return primary


def comparison_chart(report: PeriodReport, fonts: FontSet, width: float, height: float) -> Drawing:
    """Grouped bars: this period against the previous one, for the key flow figures."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String

    font = fonts.name(FontRole.BODY)
    # the renderer would start in Helvetica, not embedded
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(
        String(
            width / 2,
            height - 14,
            "本期与上期主要数据对比",
            fontName=font,
            fontSize=11,
            textAnchor="middle",
        )
    )
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 46
    chart.width, chart.height = width - 50, height - 90  # type: ignore[assignment]  # stubs: int
    current = [report.total[k] for k in CHART_KEYS]
    # no bar where the previous period recorded nothing (a bar of 0 reads as a rise)
    previous = [None if k in report.uncompared else report.previous_total[k] for k in CHART_KEYS]
    chart.data = [previous, current]
    top = max([*current, *(v for v in previous if v is not None), 1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = _nice_step(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.categoryAxis.categoryNames = [CHART_LABELS[k] for k in CHART_KEYS]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    chart.bars[0].fillColor = PREVIOUS_COLOR
    chart.bars[1].fillColor = CURRENT_COLOR
    chart.bars.strokeColor = None
    # Values on the current period's bars only: two labels per category would overlap.
    chart.barLabelFormat = [None, "%d"]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.groupSpacing = 8
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 10, height - 24  # type: ignore[assignment]  # stubs: int
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.fontName = font
    legend.fontSize = 8
    legend.columnMaximum = 1
    legend.dx, legend.dy = 8, 8
    legend.deltax = 70
    legend.colorNamePairs = [
        (
            PREVIOUS_COLOR,
            f"上期（{report.previous_period.label}"
            + ("，无记录" if report.uncompared.issuperset(CHART_KEYS) else "")
            + "）",
        ),
        (CURRENT_COLOR, f"本期（{report.period.label}）"),
    ]
    drawing.add(legend)
    return drawing


def villages_chart(
    report: PeriodReport, fonts: FontSet, width: float, height: float, key: str = "boards_cleaned"
) -> Drawing:
    """Horizontal bars: the rows (villages, or townships …) with the highest figure ``key``
    (at most 10)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String

    font = fonts.name(FontRole.BODY)
    column = COLUMN_BY_KEY[key]
    # the renderer would start in Helvetica, not embedded
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(
        String(
            width / 2,
            height - 14,
            f"{column.words}最多的{report.row_label}",
            fontName=font,
            fontSize=11,
            textAnchor="middle",
        )
    )
    ranked = sorted(
        (r for r in report.rows if r.figures[key] > 0), key=lambda r: (-r.figures[key], r.name)
    )[:TOP_VILLAGES]
    if not ranked:
        drawing.add(
            String(
                width / 2,
                height / 2,
                f"本期没有{column.words}的记录",
                fontName=font,
                fontSize=10,
                textAnchor="middle",
                fillColor=colors.grey,
            )
        )
        return drawing
    ranked.reverse()  # the chart draws the first category at the bottom
    chart = HorizontalBarChart()
    chart.x, chart.y = 96, 22
    chart.width, chart.height = width - 120, height - 48  # type: ignore[assignment]  # stubs: int
    chart.data = [[r.figures[key] for r in ranked]]
    top = max(r.figures[key] for r in ranked)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = _nice_step(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.categoryAxis.categoryNames = [_short(r.name) for r in ranked]
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fontName = font
    # Rare characters: a label whose name needs another font gets it, one label at a time.
    for i, r in enumerate(ranked):
        name_font = _label_font(fonts, r.name)
        if name_font != font:
            chart.categoryAxis.labels[i].fontName = name_font
    chart.bars[0].fillColor = CURRENT_COLOR
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def _short(name: str, limit: int = 8) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _nice_step(value: int) -> int:
    """A round axis step (1, 2 or 5 × 10^n) giving about five steps up to ``value``."""
    raw = max(value, 1) / 5
    magnitude = 1
    while magnitude * 10 <= raw:
        magnitude *= 10
    for m in (1, 2, 5, 10):
        if m * magnitude >= raw:
            return m * magnitude
    return 10 * magnitude


def _nice_max(value: int) -> int:
    """The axis maximum: the first step above ``value`` (room for the bar labels)."""
    step = _nice_step(value)
    return step * (value // step + 1)


def _departments_table(doc: OfficialDocument, report: PeriodReport) -> list[Flowable]:
    st = doc.styles
    heading = doc.para("三、未经准入下派事项或要求出具不应出具证明的部门和单位", st.heading1)
    out: list[Flowable] = [
        CondPageBreak(120),  # the heading never stands alone at the foot of a page
    ]
    if not report.departments:
        out.append(
            KeepTogether(
                [
                    heading,
                    doc.para(
                        "本期未发现部门和单位未经准入下派事项或要求村(社区)出具不应出具的证明。",
                        st.body,
                    ),
                ]
            )
        )
        return out
    cell = st.sized(st.cell, SIZE_5)
    header = st.sized(st.cell_header, SIZE_5)
    rows: list[list[str]] = [
        ["序号", "部门和单位", "未经准入下派事项（项）", "要求出具不应出具的证明（件）"]
    ]
    for n, flag in enumerate(report.departments, start=1):
        rows.append([str(n), flag.name, str(flag.unlisted_tasks), str(flag.forbidden_certificates)])
    table = doc.table(
        rows, (0.08, 0.52, 0.2, 0.2), style=cell, header_style=header, center_cols=(0, 2, 3)
    )
    # A table that fits on a page is never split (a long one repeats its header row).
    out.append(KeepTogether([heading, table]))
    return out


def build_period_report_pdf(
    report: PeriodReport,
    *,
    fonts: FontSet | None = None,
    situation: str | None = None,
) -> bytes:
    """The statistics form, then the summary page; ``situation`` replaces the draft text."""
    doc = OfficialDocument(fonts, landscape_pages=True)
    st = doc.styles
    title_style = ParagraphStyle("jf-report-title", parent=st.sized(st.title, 20), spaceAfter=6)
    story: list[Flowable] = [
        doc.para(report.title, title_style),
        _top_lines(doc, report),
        Spacer(1, 4),
        table := _statistics_table(doc, report),
    ]
    notes = list(report.notes)
    if report.is_empty:
        notes = ["本期各村(社区)均无减负工作数据记录。", *notes]
    tail: list[Flowable] = [Spacer(1, 4), _signature_block(doc, report, notes)]
    # The seal block signs the totals: it is never on a page without them.
    story[-1] = TableWithTail(table, tail, doc.frame_height)

    # ---- the summary page
    story.append(PageBreak())
    story.append(doc.para(f"{report.township}{report.period.label}村(社区)减负工作情况", st.title))
    # The paragraph the clerk checked and exported is theirs: the report sent up under the
    # township's seal said 草稿，请核实后修改 over it. Only the generated draft says so.
    draft = "（草稿，请核实后修改）" if situation is None else ""
    story.append(doc.para(f"一、情况报告{draft}", st.heading1))
    text = report.summary_text() if situation is None else situation
    # A paragraph breaks across pages, never leaving one line alone at a page's foot or
    # head: kept whole, the paragraph on departments went to page 3 with room on page 2.
    flowing = ParagraphStyle("jf-report-body", parent=st.body, allowOrphans=0, allowWidows=0)
    for paragraph in [p for p in text.split("\n") if p.strip()] or [""]:
        story.append(doc.para(paragraph.strip(), flowing))
    story.append(CondPageBreak(200))
    story.append(doc.para("二、主要数据图表", st.heading1))
    half = doc.frame_width / 2 - 6
    charts = Table(
        [
            [
                comparison_chart(report, doc.fonts, half, 190),
                villages_chart(report, doc.fonts, half, 190),
            ]
        ],
        colWidths=[half + 6, half + 6],
    )
    charts.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), doc.fonts.name(FontRole.BODY)),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(charts)
    story.append(Spacer(1, 8))
    story += _departments_table(doc, report)
    return doc.build(
        story,
        title=report.title,
        subject="村(社区)减负工作情况统计表",
        page_numbers=PageNumbers.ALWAYS,
    )


def figures_text(figures: Figures) -> Sequence[str]:
    """The figures as printed in one table row (used by tests and the preview)."""
    return [str(v) for v in figures.as_list()]
