"""The GB/T 9704 page: line breaking, page numbers, metadata, orientation, tall table rows."""

from __future__ import annotations

import datetime as dt

import reportlab.lib.textsplit as textsplit
import reportlab.platypus.paragraph as paragraph
from reportlab.lib.units import mm

from jianfu.reports.base import (
    CANNOT_START_EXTRA,
    OPENING_MARKS,
    OfficialDocument,
    PageNumbers,
    chinese_numeral,
    format_date,
    patch_line_breaking,
)


def test_chinese_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 9, 10, 12, 20, 35, 99)] == [
        "一",
        "九",
        "十",
        "十二",
        "二十",
        "三十五",
        "九十九",
    ]


def test_dates_have_no_leading_zeros() -> None:
    assert format_date(dt.date(2026, 7, 1)) == "2026年7月1日"
    assert format_date(None, "") == ""


def test_line_breaking_patch_is_applied_once() -> None:
    before = (textsplit.ALL_CANNOT_START, paragraph.ALL_CANNOT_START)
    patch_line_breaking()
    assert before == (textsplit.ALL_CANNOT_START, paragraph.ALL_CANNOT_START)
    for module in (textsplit, paragraph):
        assert all(ch in module.ALL_CANNOT_START for ch in CANNOT_START_EXTRA)


def test_no_line_starts_with_closing_punctuation(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    text = "根据有关规定各村社区应当按时完成工作任务并及时报送材料"
    story = [
        doc.para(text[:n] + "，" + text + "；" + text + "：" + text + "）。", doc.styles.plain)
        for n in range(1, len(text))
    ]
    pdf = read_pdf(doc.build(story, title="换行测试"))
    lines = [line.strip() for line in pdf.text.splitlines() if line.strip()]
    assert len(lines) > 2 * len(text)
    bad = [line for line in lines if line[0] in CANNOT_START_EXTRA]
    assert bad == []


def test_two_closing_marks_in_a_row_never_start_a_line(fonts, read_pdf) -> None:
    """ReportLab hangs one closing mark in the margin; the second of ``），`` or ``）；`` went
    to the start of the next line (the period report's list of departments, 2026-12)."""
    doc = OfficialDocument(fonts)
    text = "南屏县不动产登记中心要求出具不应出具的证明"
    story = [
        doc.para("各" * n + f"（{words}），" + text + f"（{words}）；" + text + "。", style)
        for n in range(40)  # the marks come at every place of a line
        for words in ("四件", "4件")  # one font, and a digit in the Latin font between
        for style in (doc.styles.body, doc.styles.plain)
    ]
    pdf = read_pdf(doc.build(story, title="换行测试"))
    lines = [line.strip() for line in pdf.text.splitlines() if line.strip()]
    assert len(lines) > 4 * len(text)
    bad = [line for line in lines if line[0] in "，；。）"]
    assert bad == []


def test_no_line_ends_with_an_opening_mark(fonts, read_pdf) -> None:
    """An opening mark goes down with what it opens: the 拒绝告知书 ended lines with
    （依据：《 and a lone （, and 村( with 社区) on the next line."""
    doc = OfficialDocument(fonts)
    text = "中的不得要求村(社区)承担征地拆迁任务"
    story = [
        doc.para(
            "各" * n + text + "（依据：《关于规范村级组织工作事务的意见》（厅字〔2022〕28号））。",
            style,
        )
        for n in range(40)  # the marks come at every place of a line
        for style in (doc.styles.body, doc.styles.plain)
    ]
    pdf = read_pdf(doc.build(story, title="换行测试"))
    lines = [line.strip() for line in pdf.text.splitlines() if line.strip()]
    assert len(lines) > 80
    bad = [line for line in lines if line[-1] in OPENING_MARKS]
    assert bad == []


def _overflows(para, width: float) -> list[float]:
    """By how much each line of ``para`` wrapped at ``width`` is wider than it (0: fits)."""
    para.wrap(width, 100_000)
    lines = para.blPara.lines
    spaces = [line.extraSpace if hasattr(line, "extraSpace") else line[0] for line in lines]
    return [max(-space, 0.0) for space in spaces]


def test_no_closing_mark_hangs_past_a_lines_end(fonts, monkeypatch) -> None:
    """ReportLab hangs one closing mark past the end of a line that has no room for it: in a
    table cell it went into the padding, and a ``)`` touched the 审批表's border. The mark now
    goes down with the character before it: no line is wider than its width, none starts
    with a closing mark, and the text is whole."""
    from jianfu.reports import base

    doc = OfficialDocument(fonts)
    texts = [
        "各" * n + "请各村(社区)每周统计辖区充电桩数量" + tail
        for n in range(30)  # the marks come at every place of a line
        for tail in ("(按月汇总)", "（按月汇总）", "（按月汇总）。", "(见附件1)")
    ]
    styles = (doc.styles.cell, doc.styles.plain)
    width = 200.0

    def overflows(text, style):
        return max(_overflows(doc.para(text, style), width))

    # ReportLab's own breakers (the patch undone): marks hang, up to most of their width
    monkeypatch.setattr(paragraph, "wordSplit", base._word_split)
    monkeypatch.setattr(paragraph, "cjkFragSplit", base._cjk_frag_split)
    hung = [overflows(text, style) for text in texts for style in styles]
    assert sum(1 for over in hung if over > 0.01) >= 10 and max(hung) > 3
    monkeypatch.undo()
    for text in texts:
        for style in styles:
            para = doc.para(text, style)
            assert max(_overflows(para, width)) <= 0.01, text
            lines = para.blPara.lines
            shown = [
                "".join(w.text for w in line.words) if hasattr(line, "words") else "".join(line[1])
                for line in lines
            ]
            assert "".join(shown) == text
            assert not any(line[:1] in "）)，。；" for line in shown[1:]), shown


def test_page_numbers_only_when_more_than_one_page(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    one = read_pdf(doc.build([doc.para("一页。")], title="一页"))
    assert len(one.pages) == 1
    assert "—" not in one.text

    always = read_pdf(
        doc.build([doc.para("一页。")], title="一页", page_numbers=PageNumbers.ALWAYS)
    )
    assert "— 1 —" in always.text

    story = [doc.para(f"第{n}段：为深入贯彻落实减轻基层负担的要求。") for n in range(60)]
    many = read_pdf(doc.build(story, title="多页"))
    assert len(many.pages) > 1
    for number, page in enumerate(many.pages, start=1):
        assert f"— {number} —" in page


def test_metadata_and_page_size(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    pdf = read_pdf(doc.build([doc.para("内容")], title="标题 & 名称", subject="主题"))
    meta = pdf.reader.metadata
    assert meta.title == "标题 & 名称"
    assert meta.author == "减负"
    assert "减负" in meta.creator
    box = pdf.reader.pages[0].mediabox
    assert round(float(box.width) / mm) == 210
    assert round(float(box.height) / mm) == 297


def test_landscape_pages_are_landscape(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts, landscape_pages=True)
    assert doc.frame_width > doc.frame_height
    pdf = read_pdf(doc.build([doc.para("横向")], title="横向"))
    box = pdf.reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_text_block_follows_the_standard(fonts) -> None:
    doc = OfficialDocument(fonts)
    assert round(doc.frame_width / mm) == 156
    assert round(doc.frame_height / mm) == 225


def test_a_cell_taller_than_a_page_is_continued(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    long_text = "".join(f"第{n}句内容。" for n in range(900))
    rows = [["序号", "内容"], ["1", long_text], ["2", "短"]]
    pdf = read_pdf(doc.build([doc.table(rows, (0.1, 0.9), center_cols=(0,))], title="长"))
    assert len(pdf.pages) > 2
    flat = pdf.flat
    assert "第0句内容。" in flat
    assert "第899句内容。" in flat
    assert all("序号" in page for page in pdf.pages)  # header row repeated


def test_fonts_are_embedded(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    table = doc.table([["甲", "乙"], ["", "内容 123 abc"]], (0.5, 0.5))
    pdf = read_pdf(doc.build([doc.para("正文"), table], title="字体"))
    used = pdf.font_descriptors()
    assert used
    assert all(used.values()), used


def test_long_tables_repeat_headers_and_keep_totals_with_a_row(fonts, read_pdf) -> None:
    # Every length from 20 to 64 rows: wherever the page falls, the two summary rows start a
    # page only together with the row before them, and each page has the header.
    for n in range(20, 65):
        doc = OfficialDocument(fonts)
        rows = [["序号", "名称", "数量"]]
        rows += [[str(i), f"第{i}行村", str(i * 3)] for i in range(1, n + 1)]
        rows += [["", "合计", "99"], ["", "上期合计", "98"]]
        table = doc.table(rows, (0.2, 0.5, 0.3), keep_with_last=2)
        pdf = read_pdf(doc.build([doc.para("说明" * 60), table], title="长表"))
        assert all("序号" in page for page in pdf.pages), n
        last = next(p for p in pdf.pages if "上期合计" in p)
        assert "合计" in last and f"第{n}行村" in last, n
        flat = pdf.flat
        assert all(f"第{i}行村" in flat for i in range(1, n + 1)), n


def test_plain_cells_keep_their_text_and_long_ones_wrap(fonts, read_pdf) -> None:
    doc = OfficialDocument(fonts)
    long_name = "城关街道第十八社区居民委员会" * 2
    rows = [["序号", "名称"], ["1", "东岭村12组"], ["2", long_name], ["3", "A&B <c>"]]
    table = doc.table(rows, (0.15, 0.25))
    data = table._data
    assert isinstance(data[1][0], str)  # digits in one font: a plain string
    assert not isinstance(data[2][1], str)  # too long for its column: a paragraph
    pdf = read_pdf(doc.build([table], title="单元格"))
    flat = pdf.flat
    assert "东岭村12组" in flat
    assert "A&B<c>" in flat  # (flat drops spaces)
    assert long_name[:10] in flat and "委员会" in flat


def test_a_repeated_text_is_one_paragraph_drawn_whole_in_every_cell(fonts, read_pdf) -> None:
    # A long table repeats its texts: one paragraph serves every cell that shows the text,
    # also in columns of different widths (it is wrapped again for each before drawing).
    doc = OfficialDocument(fonts)
    text = "收养人婚姻状况和抚养教育被收养人能力证明"
    rows = [["序号", "窄栏", "宽栏"]] + [[str(i), text, text] for i in range(1, 61)]
    table = doc.table(rows, (0.1, 0.15, 0.3))
    data = table._data
    assert not isinstance(data[1][1], str)  # too long for either column: a paragraph
    assert data[1][1] is data[2][1] is data[1][2]
    pdf = read_pdf(doc.build([table], title="重复"))
    assert len(pdf.pages) > 1
    assert pdf.flat.count(text) == 120
    para, width = data[1][1], table._widths
    assert para.wrap(width[1] - 8, 1e6)[1] > para.wrap(width[2] - 8, 1e6)[1]  # more lines
