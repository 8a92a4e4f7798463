"""The period report PDF beside raw ReportLab drawing the same content, in one run.

Run from the repository root:
    python tests/bench/report_pdf_figures.py [--villages 3000] [--runs 3] [--repeat 1]
    python tests/bench/report_pdf_figures.py --villages 13 --runs 5 --repeat 9  (a township)

Each measurement is a fresh process (so each has its own peak memory); the kinds alternate so
that machine noise hits all alike. "jianfu" is ``build_period_report_pdf`` of a report with N
villages (the statistics table, its notes and signatures, the summary page with the charts and
the departments). Two anchors, both on the same page in the same fonts: "whole" draws all of
that content with raw ReportLab (``raw_report_pdf``: a ``LongTable``, CJK paragraphs, the same
chart widgets): the fair anchor, since the document must contain it all; "table" is only the
statistics table as one ``LongTable`` of the very same strings (the anchor of earlier runs,
which leaves out the summary page). ``--repeat N`` times N builds in each process after one
not timed (a print in a running app: a township's report is too small for a cold process to
say anything but imports). Prints medians, pages and peak memory.

``--accel both`` runs each kind with and without ReportLab's C accelerator (``rl-accel``,
whose ``_rl_accel`` module ReportLab uses when it can import it; "without" hides that module,
so ReportLab falls back to its pure-Python functions), all alternating in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if "--tree" in sys.argv:  # a child timing another tree's code (--other)
    ROOT = Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def make_report(villages: int):
    """A quarter's report with ``villages`` rows of made-up figures (seeded)."""
    import datetime as dt

    from jianfu.domain.period_report import (
        COLUMN_KEYS,
        Figures,
        PeriodReport,
        ReportRow,
        merge_department_flags,
    )
    from jianfu.domain.periods import parse_period

    rnd = random.Random(5)
    period = parse_period("2026Q3")
    towns = [f"{a}{b}镇" for a in "东西南北中上下" for b in "岭溪坂洋山湖塘"]
    rows = []
    for i in range(villages):
        name = f"{towns[i // 60 % len(towns)]}{rnd.choice('青石白水桃李')}{i % 60 + 1}村"
        if i % 17 == 0:
            name = f"{towns[i // 60 % len(towns)]}城关街道第{i % 60 + 1}社区居民委员会"
        figures = Figures({k: rnd.choice((0, 0, 1, 2, 3, 12, 40)) for k in COLUMN_KEYS})
        note = "本期新设，原属邻村拆分" if i % 250 == 3 else ""
        rows.append(ReportRow(i + 1, name, "村", figures, note))
    total = Figures({k: sum(r.figures[k] for r in rows) for k in COLUMN_KEYS})
    return PeriodReport(
        township="宁川市",
        period=period,
        rows=rows,
        previous_period=period.previous(),
        previous_total=total,
        baseline=dt.date(2026, 1, 1),
        cumulative=total,
        departments=merge_department_flags(
            {"县住房和城乡建设局": 3, "县农业农村局": 1}, {"县公安局": 2, "县民政局": 1}
        ),
        preparer="张三",
        reviewer="李四",
        phone="0593-6123456",
        made_on=dt.date(2026, 10, 8),
    )


def app_pdf(report, fonts) -> bytes:
    from jianfu.reports.period_report import build_period_report_pdf

    return build_period_report_pdf(report, fonts=fonts)


def raw_longtable_pdf(report, fonts) -> bytes:
    """The report's statistics table as one raw ReportLab ``LongTable`` on the same page."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from jianfu.reports.base import OfficialDocument
    from jianfu.reports.period_report import (
        NAME_WIDTH,
        NOTE_WIDTH,
        NUMBER_WIDTH,
        TABLE_FONT_SIZE,
        figure_widths,
        header_rows,
        table_rows,
    )

    doc = OfficialDocument(fonts, landscape_pages=True)  # the same page and frame
    top, bottom = header_rows()
    body, _marks = table_rows(report)
    # the app's own column widths (parts of the frame, as the app's table takes them)
    widths = doc.col_widths([NUMBER_WIDTH, NAME_WIDTH, *figure_widths(), NOTE_WIDTH])
    buffer = io.BytesIO()
    m = doc.margins
    template = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
    )
    table = LongTable(
        [top, bottom, *body],
        colWidths=widths,
        repeatRows=2,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), fonts.name()),
                ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        ),
    )
    template.build([table])
    return buffer.getvalue()


def raw_report_pdf(report, fonts) -> bytes:
    """The whole report drawn with raw ReportLab: what the document must contain, no more.

    The same page and fonts; the title, the reporting unit's line, the statistics table (a
    ``LongTable``, two header rows repeated, its summary rows' labels over two columns), the
    notes, people and seal lines, page numbers; then the summary page: its title and
    headings, the situation paragraphs (CJK ``Paragraph``), the two bar charts built with
    ReportLab's chart widgets as the app configures them, and the departments' table. Plain
    ReportLab as a careful user would write it, without the app's own layout rules (Chinese
    punctuation kept off line starts, rows kept with the totals, rare characters' fallback
    fonts, the seal's room).
    """
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        LongTable,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from jianfu.domain.period_report import UNITS_OF_COUNT, group_spans
    from jianfu.reports.base import OfficialDocument, format_date
    from jianfu.reports.fonts import FontRole
    from jianfu.reports.period_report import (
        CHART_KEYS,
        CHART_LABELS,
        NAME_WIDTH,
        NOTE_WIDTH,
        NUMBER_WIDTH,
        TABLE_FONT_SIZE,
        figure_widths,
        header_rows,
        table_rows,
    )

    body_font, title_font = fonts.name(FontRole.BODY), fonts.name(FontRole.TITLE)
    heading_font = fonts.name(FontRole.HEADING)
    # digits and Latin letters in the Latin face, as the app prints them (GB/T 9704)
    latin = fonts.latin.font_name if fonts.latin else body_font
    latin_run = re.compile(r"[0-9A-Za-z.,:;%/+-]+")

    def lat(text: str) -> str:
        return latin_run.sub(lambda m: f'<font name="{latin}">{m.group()}</font>', text)

    doc = OfficialDocument(fonts, landscape_pages=True)  # the same page and frame
    m = doc.margins

    def style(name: str, font: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
        )

    title = style("t", title_font, 20, 27, alignment=TA_CENTER, spaceAfter=6)
    big_title = style("T", title_font, 22, 33, alignment=TA_CENTER, spaceAfter=14)
    body = style("b", body_font, 16, 28.9, firstLineIndent=32, alignment=TA_JUSTIFY)
    heading = style("h", heading_font, 16, 28.9, firstLineIndent=32)
    small = style("s", body_font, 12, 16.2)
    note = style("n", body_font, 10.5, 14.2)
    story: list = [Paragraph(lat(report.title), title)]
    top_line = style("l", body_font, 12, 16.2)
    top = Table(
        [
            [
                Paragraph(f"填报单位（盖章）：{report.township}", top_line),
                Paragraph(lat(f"统计时段：{report.period.span_text}"), top_line),
                Paragraph(lat(f"填报日期：{format_date(report.made_on)}"), top_line),
            ],
            [Paragraph(lat(UNITS_OF_COUNT), note), "", ""],
        ],
        colWidths=doc.col_widths((0.31, 0.42, 0.27)),
        style=[
            ("SPAN", (0, 1), (-1, 1)),
            ("FONTNAME", (0, 0), (-1, -1), body_font),
            ("FONTSIZE", (0, 0), (-1, 0), 12),
            ("FONTSIZE", (0, 1), (-1, 1), 10.5),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        ],
    )
    story += [top, Spacer(1, 4)]
    upper, lower = header_rows(report.row_label)
    body_rows, marks = table_rows(report)
    widths = doc.col_widths([NUMBER_WIDTH, NAME_WIDTH, *figure_widths(), NOTE_WIDTH])
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), body_font),
        ("FONTNAME", (0, 0), (-1, 1), heading_font),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-2, -1), "CENTER"),
        ("FONTNAME", (0, 2), (0, -1), latin),
        ("FONTNAME", (2, 2), (-2, -1), latin),
    ]
    for r in marks.values():
        commands.append(("SPAN", (0, r + 2), (1, r + 2)))
    last = len(upper) - 1
    commands += [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (last, 0), (last, 1))]
    for _group, first, end in group_spans():
        commands.append(("SPAN", (2 + first, 0), (2 + end, 0 if end > first else 1)))
    head = style("H", heading_font, 8.5, 10.2, alignment=TA_CENTER)
    cell = style("c", body_font, TABLE_FONT_SIZE, 10.8)
    header = [[Paragraph(label, head) for label in upper], [Paragraph(x, head) for x in lower]]

    def fitted(text: str, width: float):  # a Paragraph only where the text must wrap
        fits = stringWidth(text, body_font, TABLE_FONT_SIZE) <= width - 12
        return text if fits else Paragraph(lat(text), cell)

    rows = []
    for i, row in enumerate(body_rows):
        if i >= marks["total"]:  # the summary rows' label over 序号 and 村(社区)
            rows.append([Paragraph(lat(row[1]), head), "", *row[2:]])
        else:
            rows.append(
                [row[0], fitted(row[1], widths[1]), *row[2:-1], fitted(row[-1], widths[-1])]
            )
    story.append(
        LongTable([*header, *rows], colWidths=widths, repeatRows=2, style=TableStyle(commands))
    )
    notes = [Paragraph(lat(f"注{n}：{text}"), note) for n, text in enumerate(report.notes, start=1)]
    people = f"填表人：{report.preparer}　　审核人：{report.reviewer}　　联系电话：{report.phone}"
    seal = f"{report.township}（盖章）<br/><br/>{format_date(None)}"
    story.append(
        Table(
            [[[*notes, Spacer(1, 6), Paragraph(lat(people), small)], Paragraph(seal, small)]],
            colWidths=doc.col_widths((0.66, 0.34)),
            style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
        )
    )
    story.append(PageBreak())
    story.append(
        Paragraph(lat(f"{report.township}{report.period.label}村(社区)减负工作情况"), big_title)
    )
    story.append(Paragraph("一、情况报告（草稿，请核实后修改）", heading))
    for text in report.summary_text().split("\n"):
        if text.strip():
            story.append(Paragraph(lat(text.strip()), body))
    story.append(Paragraph("二、主要数据图表", heading))
    half = doc.frame_width / 2 - 6

    def comparison() -> Drawing:
        drawing = Drawing(half, 190, initialFontName=body_font)
        drawing.add(
            String(
                half / 2,
                176,
                "本期与上期主要数据对比",
                fontName=body_font,
                fontSize=11,
                textAnchor="middle",
            )
        )
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 34, 46, half - 50, 100
        current = [report.total[k] for k in CHART_KEYS]
        previous = [report.previous_total[k] for k in CHART_KEYS]
        chart.data = [previous, current]
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labels.fontName = body_font
        chart.valueAxis.labels.fontSize = 8
        chart.categoryAxis.categoryNames = [CHART_LABELS[k] for k in CHART_KEYS]
        chart.categoryAxis.labels.fontName = body_font
        chart.categoryAxis.labels.fontSize = 8
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.bars[0].fillColor = colors.grey
        chart.bars[1].fillColor = colors.blue
        chart.barLabelFormat = [None, "%d"]
        chart.barLabels.fontName = body_font
        chart.barLabels.fontSize = 7
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = half - 10, 166
        legend.alignment, legend.boxAnchor = "right", "ne"
        legend.fontName, legend.fontSize = body_font, 8
        legend.columnMaximum, legend.deltax = 1, 70
        legend.colorNamePairs = [
            (colors.grey, f"上期（{report.previous_period.label}）"),
            (colors.blue, f"本期（{report.period.label}）"),
        ]
        drawing.add(legend)
        return drawing

    def villages() -> Drawing:
        drawing = Drawing(half, 190, initialFontName=body_font)
        drawing.add(
            String(
                half / 2,
                176,
                f"清理牌子最多的{report.row_label}",
                fontName=body_font,
                fontSize=11,
                textAnchor="middle",
            )
        )
        ranked = sorted(
            (r for r in report.rows if r.figures["boards_cleaned"] > 0),
            key=lambda r: (-r.figures["boards_cleaned"], r.name),
        )[:10][::-1]
        if not ranked:
            return drawing
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 96, 22, half - 120, 142
        chart.data = [[r.figures["boards_cleaned"] for r in ranked]]
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labels.fontName = body_font
        chart.valueAxis.labels.fontSize = 8
        chart.categoryAxis.categoryNames = [r.name[:8] for r in ranked]
        chart.categoryAxis.labels.fontName = body_font
        chart.categoryAxis.labels.fontSize = 8
        chart.bars[0].fillColor = colors.blue
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = body_font
        chart.barLabels.fontSize = 7
        drawing.add(chart)
        return drawing

    story.append(Table([[comparison(), villages()]], colWidths=[half + 6, half + 6]))
    story.append(Spacer(1, 8))
    story.append(Paragraph("三、未经准入下派事项或要求出具不应出具证明的部门", heading))
    if report.departments:
        rows = [["序号", "部门", "未经准入下派事项（项）", "要求出具不应出具的证明（件）"]]
        for n, flag in enumerate(report.departments, start=1):
            rows.append(
                [str(n), flag.name, str(flag.unlisted_tasks), str(flag.forbidden_certificates)]
            )
        story.append(
            LongTable(
                rows,
                colWidths=doc.col_widths((0.08, 0.52, 0.2, 0.2)),
                repeatRows=1,
                style=[
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("FONTNAME", (0, 0), (-1, -1), body_font),
                    ("FONTNAME", (0, 0), (-1, 0), heading_font),
                    ("FONTNAME", (0, 1), (0, -1), latin),
                    ("FONTNAME", (2, 1), (-1, -1), latin),
                    ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ],
            )
        )
    else:
        story.append(
            Paragraph("本期未发现部门未经准入下派事项或要求村(社区)出具不应出具的证明。", body)
        )

    def number(canvas, template) -> None:
        text = canvas.beginText(template.pagesize[0] / 2, 12 * mm)
        for font, run in (
            (body_font, "— "),
            (latin, str(canvas.getPageNumber())),
            (body_font, " —"),
        ):
            text.setFont(font, 14)
            text.textOut(run)
        canvas.drawText(text)

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
    ).build(story, onFirstPage=number, onLaterPages=number)
    return buffer.getvalue()


#: What each child process builds: the app's report, the whole report in raw ReportLab (the
#: fair anchor), or only its statistics table as one raw ``LongTable`` (the earlier anchor).
BUILDERS = {"jianfu": app_pdf, "whole": raw_report_pdf, "table": raw_longtable_pdf}
LABELS = {
    "whole": "raw ReportLab, the whole report (table, summary, charts, departments)",
    "table": "raw ReportLab LongTable, the statistics table alone",
}


@contextlib.contextmanager
def raw_reportlab() -> Iterator[None]:
    """ReportLab's own CJK line breakers in place of the app's (which the app's modules, imported
    for the page's sizes, put in when they load) and its checking of graphics attributes on
    (the app turns it off) while an anchor is built: anchors are raw ReportLab. The app's are
    put back after. The checking is whole only where ReportLab's graphics were imported before
    the app's modules (``child`` does so for the anchors); elsewhere the anchor checks less."""
    import reportlab.platypus.paragraph as paragraph
    from reportlab import rl_config

    from jianfu.reports import base

    app = paragraph.cjkFragSplit, paragraph.wordSplit, rl_config.shapeChecking  # type: ignore[attr-defined]
    paragraph.cjkFragSplit = base._cjk_frag_split  # type: ignore[attr-defined]
    paragraph.wordSplit = base._word_split  # type: ignore[attr-defined]
    rl_config.shapeChecking = 1  # ReportLab's default (the app turns it off)
    try:
        yield
    finally:
        paragraph.cjkFragSplit, paragraph.wordSplit, rl_config.shapeChecking = app  # type: ignore[attr-defined]


def run(kind: str, villages: int, repeat: int) -> dict:
    """Build ``repeat`` times (after one build not timed when ``repeat`` > 1: a print in a
    running app, its fonts and ReportLab's modules loaded); the median of the builds."""
    from jianfu.reports.fonts import find_fonts

    report = make_report(villages)
    fonts = find_fonts()
    build = BUILDERS[kind]
    times, cpu = [], []
    with raw_reportlab() if kind != "jianfu" else contextlib.nullcontext():
        pdf = build(report, fonts) if repeat > 1 else b""
        for _ in range(repeat):
            # the same report again: the texts' markup kept from the build before forgotten
            getattr(fonts, "_markup_cache", {}).clear()
            t0, c0 = time.perf_counter(), time.process_time()
            pdf = build(report, fonts)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return {
        "seconds": statistics.median(times),
        "cpu": statistics.median(cpu),
        "bytes": len(pdf),
        "pdf": pdf,
    }


def block_accel() -> None:
    """Make ReportLab use its pure-Python fallbacks, as without ``rl-accel`` installed."""
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # import raises ImportError


def has_accel() -> bool:
    from reportlab.lib import rl_accel

    return "fp_str" in rl_accel._c_funcs


def child(kind: str, villages: int, repeat: int, save: str | None) -> None:
    result = run(kind, villages, repeat)
    pdf = result.pop("pdf")
    if save and pdf:
        Path(save).write_bytes(pdf)
    if pdf:
        import io

        from pypdf import PdfReader

        result["pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    result["accel"] = has_accel()
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="builds timed in each process after one not timed (1: one build, cold)",
    )
    parser.add_argument(
        "--anchors",
        default="whole,table",
        help="raw ReportLab anchors, comma-separated: whole (the fair one), table",
    )
    parser.add_argument("--save", help="a directory for the first run's PDFs (to look at)")
    parser.add_argument(
        "--accel",
        choices=("as-installed", "off", "both"),
        default="as-installed",
        help="ReportLab's C accelerator: as installed, hidden, or both in the same run",
    )
    parser.add_argument(
        "--other", help="another tree (e.g. the code before a change): its report, same run"
    )
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=tuple(BUILDERS), help=argparse.SUPPRESS)
    parser.add_argument("--no-accel", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.no_accel:
            block_accel()
        if args.child != "jianfu":  # ReportLab's graphics as raw ReportLab loads them
            import reportlab.graphics.charts.barcharts
            import reportlab.graphics.charts.legends  # noqa: F401
        child(args.child, args.villages, args.repeat, args.save)
        return
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    variants = {"as-installed": [False], "off": [True], "both": [True, False]}[args.accel]
    kinds = [*args.anchors.split(","), "jianfu", *(["other"] if args.other else [])]
    out: dict[tuple[bool, str], list[dict]] = {(o, k): [] for o in variants for k in kinds}
    for n in range(args.runs):
        for off in variants:
            for kind in kinds:
                cmd = [sys.executable, __file__, "--child", kind, "--villages", str(args.villages)]
                cmd += ["--repeat", str(args.repeat)]
                if kind == "other":
                    cmd[3] = "jianfu"
                    cmd += ["--tree", args.other]
                if n == 0 and args.save and not off:
                    cmd += ["--save", str(Path(args.save) / f"{kind}-{args.villages}.pdf")]
                if off:
                    cmd.append("--no-accel")
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                out[off, kind].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    how = f"{args.repeat} builds each, after one not timed" if args.repeat > 1 else "one build"
    print(
        f"{args.villages} villages, {args.runs} runs of each (fresh processes, alternating; "
        f"{how}); medians; load {os.getloadavg()[0]:.1f}"
    )
    for off in variants:
        print_figures({k: out[off, k] for k in kinds})


def print_figures(results: dict[str, list[dict]]) -> None:
    ours_ = results["jianfu"]
    accel = "with" if ours_[0]["accel"] else "without"
    print(f"{accel} ReportLab's C accelerator (rl-accel):")
    ours = statistics.median(r["seconds"] for r in ours_)
    ours_cpu = statistics.median(r["cpu"] for r in ours_)
    print(
        f"  jianfu period report PDF ({ours_[0]['pages']} pages, "
        f"{ours_[0]['bytes'] / 2**20:.1f} MB): median {ours * 1000:8.1f} ms "
        f"(CPU {ours_cpu * 1000:.1f} ms), "
        f"peak {statistics.median(r['peak_mib'] for r in ours_):.0f} MiB"
    )
    whole = statistics.median(r["seconds"] for r in results["whole"]) if "whole" in results else 0
    for kind, raws in results.items():
        if kind == "jianfu":
            continue
        if kind == "other":
            other = statistics.median(r["seconds"] for r in raws)
            other_cpu = statistics.median(r["cpu"] for r in raws)
            print(
                f"  the other tree's report ({raws[0]['pages']} pages): median "
                f"{other * 1000:8.1f} ms (CPU {other_cpu * 1000:.1f} ms); "
                f"this tree {ours / other:.2f}x of it (CPU {ours_cpu / other_cpu:.2f}x)"
                + (f"; it {other / whole:.2f}x the whole anchor" if whole else "")
            )
            continue
        raw = statistics.median(r["seconds"] for r in raws)
        raw_cpu = statistics.median(r["cpu"] for r in raws)
        print(
            f"  {LABELS[kind]} ({raws[0]['pages']} pages): median {raw * 1000:8.1f} ms "
            f"(CPU {raw_cpu * 1000:.1f} ms), "
            f"peak {statistics.median(r['peak_mib'] for r in raws):.0f} MiB; "
            f"jianfu {ours / raw:.2f}x (CPU {ours_cpu / raw_cpu:.2f}x)"
        )


if __name__ == "__main__":
    main()
