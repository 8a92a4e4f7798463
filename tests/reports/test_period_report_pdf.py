"""The period statistics PDF: title, header rows on every page, totals, rare characters."""

from __future__ import annotations

import re

from period_samples import make_report

from jianfu.domain.period_report import COLUMNS
from jianfu.reports.fonts import FontRole
from jianfu.reports.period_report import build_period_report_pdf, header_rows, signed, table_rows


def test_header_rows_put_groups_over_their_columns():
    top, bottom = header_rows()
    assert top[:3] == ["序号", "村(社区)", "工作事项"]
    assert top[2 + 6] == "机制" and top[2 + 8] == "牌子" and top[-1] == "备注"
    assert bottom[2:-1] == [c.label for c in COLUMNS]
    assert signed(3) == "+3" and signed(-2) == "-2" and signed(0) == "0"


def test_summary_rows_follow_the_villages():
    report = make_report(3)
    rows, marks = table_rows(report)
    assert [r[1] for r in rows[marks["total"] :]] == [
        "合计",
        "上期合计（2026年第二季度）",
        "比上期增减",
        "累计（自2026年1月1日起）",
    ]
    total = [sum(int(r[2 + i]) for r in rows[:3]) for i in range(len(COLUMNS))]
    assert rows[marks["total"]][2:-1] == [str(v) for v in total]


def test_the_pdf_reads_back(fonts, read_pdf):
    report = make_report()
    pdf = read_pdf(build_period_report_pdf(report, fonts=fonts))
    flat = pdf.flat
    assert "清溪镇2026年第三季度村(社区)减负工作情况统计表" in flat
    assert "填报单位（盖章）：清溪镇" in flat
    assert "填报日期：2026年10月8日" in flat
    # the task columns count a task in each village it reaches: 项次, as the paragraph says
    assert "计量单位：事项（项次）" in flat
    assert "填表人：张三" in flat and "审核人：李四" in flat and "联系电话：0593-6123456" in flat
    assert "注：南屏城市社区：8月10日新设" in flat
    for name in ("东岭村", "西溪社区", "峯下村"):
        assert name in flat
    assert "合计" in flat and "比上期增减" in flat
    # the summary page: the paragraph, the charts' titles and the departments
    assert "情况报告（草稿，请核实后修改）" in flat
    assert "本期与上期主要数据对比" in flat and "清理牌子最多的村(社区)" in flat
    assert "县住房和城乡建设局" in flat
    assert all(pdf.font_descriptors().values())  # every font embedded
    assert len(pdf.reader.pages[0].mediabox) == 4
    box = pdf.reader.pages[0].mediabox
    assert box.width > box.height  # landscape


def test_the_two_header_rows_repeat_on_every_page(fonts, read_pdf):
    report = make_report(80)
    pdf = read_pdf(build_period_report_pdf(report, fonts=fonts))
    table_pages = [re.sub(r"\s+", "", p) for p in pdf.pages[:-1]]
    table_pages = [p for p in table_pages if "情况报告（草稿" not in p]
    assert len(table_pages) >= 3
    for page in table_pages:
        for label in ("工作事项", "新申请准入", "发现未准入下派", "新增(经批准)", "督查检查考核"):
            assert label in page
    assert "第80村" in "".join(table_pages)


def test_an_edited_paragraph_replaces_the_draft_and_an_empty_period_prints(fonts, read_pdf):
    pdf = read_pdf(
        build_period_report_pdf(
            make_report(3, empty=True, baseline=False),
            fonts=fonts,
            situation="第一段<b>不是标签</b>&。\n第二段。",
        )
    )
    flat = pdf.flat
    assert "第一段<b>不是标签</b>&。" in flat and "第二段。" in flat
    # the clerk's own paragraph, checked on screen, is not printed as a draft to correct
    assert "一、情况报告" in flat and "草稿" not in flat
    assert "本期各村(社区)均无减负工作数据记录。" in flat
    assert "本期没有清理牌子的记录" in flat
    assert "本期未发现部门和单位未经准入下派事项" in flat
    assert "累计" not in flat


def test_rare_characters_are_printed_or_reported(fonts, read_pdf):
    pdf = read_pdf(build_period_report_pdf(make_report(), fonts=fonts))
    fallback = fonts._font_for("𠮷", FontRole.BODY)
    if fallback is None:  # no installed font has it: the font set reports it, never silently
        assert "𠮷" in fonts.unprintable("𠮷祥村")
    elif fallback != fonts.name(FontRole.BODY):  # drawn in the font that has it
        assert len(pdf.font_descriptors()) >= 2
    assert "祥村" in pdf.flat


def test_lines_tables_and_paragraphs_do_not_break_in_the_wrong_place(fonts, read_pdf):
    import dataclasses
    import datetime as dt

    from jianfu.domain.period_report import merge_department_flags
    from jianfu.domain.periods import date_range

    names = [f"南屏县第{n}个下派工作较多的部门" for n in range(1, 9)]
    report = dataclasses.replace(
        make_report(12),
        period=date_range(dt.date(2025, 10, 1), dt.date(2026, 12, 31)),
        departments=merge_department_flags(dict.fromkeys(names, 2), {}),
    )
    long = "本季度" + "各村(社区)对照清单逐项核实工作事项，" * 14 + "情况良好。"
    pdf = read_pdf(build_period_report_pdf(report, fonts=fonts, situation=long + "\n" + long))
    lines = [line.strip() for page in pdf.pages for line in page.splitlines()]
    # The period on one line, "APP" in one piece under 工作群/.
    assert any("统计时段：2025年10月1日至2026年12月31日" in line for line in lines)
    assert "APP" in lines and "AP" not in lines
    # Both paragraphs printed whole (each may break across a page); the departments'
    # heading and table together.
    squashed = [re.sub(r"\s+", "", p) for p in pdf.pages]
    assert re.sub(r"—\d+—", "", pdf.flat).count(long) == 2  # page numbers left out
    heading = next(p for p in squashed if "三、未经准入下派事项" in p)
    assert all(name in heading for name in names)


def test_a_paragraph_breaks_across_pages_but_never_leaves_one_line_alone(fonts, read_pdf):
    """The paragraph on departments (4 lines) went whole to page 3, leaving room for two
    lines on page 2: a paragraph may break, but a page never holds one line of it alone."""
    last = "末" * 200  # five lines or so, told apart from the short ones before it
    report = make_report(3)
    split = []
    for before in range(4, 22):
        situation = "\n".join([*(f"第{n}段。" for n in range(before)), last])
        pdf = read_pdf(build_period_report_pdf(report, fonts=fonts, situation=situation))
        assert last in re.sub(r"—\d+—", "", pdf.flat)  # whole, page numbers left out
        parts = [sum(1 for line in page.splitlines() if "末末" in line) for page in pdf.pages]
        parts = [n for n in parts if n]
        assert all(n >= 2 for n in parts), (before, parts)
        if len(parts) > 1:
            split.append(before)
    assert split, "the last paragraph never broke across a page: it was kept whole"


def _village_rows(page: str) -> list[str]:
    return re.findall(r"^\s*\d+\s+(\S*(?:村|社区))\s", page, re.M)


def test_a_township_of_13_villages_prints_on_one_page_with_its_totals_and_seal(fonts, read_pdf):
    """13 villages, the totals, the notes and the seal block on the first page, at the
    official landscape margins (the text block of GB/T 9704 turned sideways)."""
    from jianfu.reports.base import LANDSCAPE_MARGINS, OfficialDocument

    assert OfficialDocument(fonts, landscape_pages=True).margins == LANDSCAPE_MARGINS
    assert (LANDSCAPE_MARGINS.top, LANDSCAPE_MARGINS.left) == (28, 37)
    pdf = read_pdf(build_period_report_pdf(make_report(13), fonts=fonts))
    first = pdf.pages[0]
    flat = re.sub(r"\s+", "", first)
    assert "第13村" in flat
    for words in (
        "合计",
        "比上期增减",
        "累计",
        "注：南屏城市社区",
        "填表人：张三",
        "清溪镇（盖章）",
    ):
        assert words in flat
    assert "情况报告" not in flat


def test_a_longer_table_takes_rows_with_its_totals_and_the_seal_signs_them(fonts, read_pdf):
    """When the villages go over to another page, at least three go with the totals, and
    the seal block is on the page of the totals."""
    for n in (14, 16, 20, 31):
        pdf = read_pdf(build_period_report_pdf(make_report(n), fonts=fonts))
        summary = next(i for i, p in enumerate(pdf.pages) if "情况报告（草稿" in p)
        pages = pdf.pages[:summary]
        with_totals = [p for p in pages if "比上期增减" in p]
        assert len(with_totals) == 1, n
        last = with_totals[0]
        assert len(_village_rows(last)) >= 3, (n, _village_rows(last))
        assert "填表人" in last and "（盖章）" in last.split("比上期增减")[1], n
        seen = [v for p in pages for v in _village_rows(p)]
        assert seen[-1] == f"第{n}村" and len(seen) == n, n


CHECKED_CHARTS = """
import sys
import reportlab.graphics.shapes  # loaded first: its shapes check what is set on them
from reportlab import rl_config
sys.path.insert(0, sys.argv[1])
from period_samples import make_report
from jianfu.reports.fonts import find_fonts
from jianfu.reports.period_report import comparison_chart, villages_chart
from reportlab.graphics import renderPDF
rl_config.shapeChecking = 1  # jianfu.reports.base turned it off
assert reportlab.graphics.shapes.Shape.__dict__.get("__setattr__") is not None
for chart in (comparison_chart, villages_chart):
    renderPDF.drawToString(chart(make_report(12), find_fonts(), 320, 190))
print("checked")
"""


def test_the_app_turns_chart_checking_off_and_its_charts_pass_it(fonts):
    """The app draws its charts without ReportLab's checking of their attributes (a third of
    a township's report went to it); drawn with the checking on, they still pass it."""
    import subprocess
    import sys
    from pathlib import Path

    from reportlab import rl_config
    from reportlab.graphics import shapes

    assert rl_config.shapeChecking == 0
    assert shapes.Shape.__dict__.get("__setattr__") is None  # loaded after it was turned off
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", CHECKED_CHARTS, here], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "checked"


def test_banks_and_companies_asking_for_certificates_are_not_called_departments(fonts, read_pdf):
    """The county's quarter report named 宁川农商银行、某人寿保险公司、某婚恋服务公司 among
    its 15个部门 (本期有15个部门未经准入下派事项或要求村(社区)出具不应出具的证明, the table's
    heading and column 部门): the agencies asking for forbidden certificates are 单位."""
    import dataclasses

    from jianfu.domain.period_report import merge_department_flags

    flags = merge_department_flags({"南屏县民政局": 1}, {"宁川农商银行清溪支行": 2})
    report = dataclasses.replace(make_report(3), departments=flags)
    assert "本期有2个部门和单位未经准入下派事项" in report.summary_text()
    pdf = read_pdf(build_period_report_pdf(report, fonts=fonts))
    flat = re.sub(r"\s+", "", pdf.flat)
    assert "三、未经准入下派事项或要求出具不应出具证明的部门和单位" in flat
    assert "序号部门和单位未经准入下派事项" in flat
