"""The notice letter: title, addressee, headings, attachments, signature and 抄送."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.reports.base import PageNumbers
from jianfu.reports.letter import NoticeLetter, _heading_level, build_letter_pdf


@pytest.fixture
def letter() -> NoticeLetter:
    return NoticeLetter(
        title="工作事项不予准入告知书",
        document_number="城组告〔2026〕3号",
        addressee="示范县医疗保障局:",
        paragraphs=[
            "你单位提出的《关于请各村(社区)协助开展参保缴费工作的通知》已收悉。",
            "一、审核情况",
            "该事项属于负面事项清单第3项，依照有关规定不予准入。",
            "（一）处理意见",
            "请你单位依法自行组织实施。AT&T <b>不加粗</b>",
        ],
        attachments=["准入清单(2026年版)"],
        issuer="示范县城关镇党委组织办",
        date=dt.date(2026, 7, 1),
        cc="县委社会工作部，县医疗保障局。",
    )


def test_letter_text(fonts, letter, read_pdf) -> None:
    pdf = read_pdf(build_letter_pdf(letter, fonts=fonts))
    flat = pdf.flat
    order = [
        "工作事项不予准入告知书",
        "城组告〔2026〕3号",
        "示范县医疗保障局：",
        "一、审核情况",
        "（一）处理意见",
        "AT&T<b>不加粗</b>",
        "附件：准入清单(2026年版)",
        "示范县城关镇党委组织办",
        "2026年7月1日",
        "抄送：县委社会工作部，县医疗保障局。",
    ]
    positions = [flat.index(text) for text in order]
    assert positions == sorted(positions)
    assert "医疗保障局:" not in flat  # the colon is full width
    assert all(pdf.font_descriptors().values())
    assert pdf.reader.metadata.title == "工作事项不予准入告知书"


def test_minimal_letter(fonts, read_pdf) -> None:
    pdf = read_pdf(
        build_letter_pdf(NoticeLetter(title="告知书", paragraphs=["正文。"]), fonts=fonts)
    )
    assert len(pdf.pages) == 1
    assert pdf.flat == "告知书正文。"


def test_several_attachments_are_numbered(fonts, read_pdf) -> None:
    letter = NoticeLetter(title="告知书", paragraphs=["正文。"], attachments=["甲表", "乙表"])
    flat = read_pdf(build_letter_pdf(letter, fonts=fonts)).flat
    assert "附件：1.甲表" in flat
    assert "2.乙表" in flat


def test_long_letter_keeps_signature_with_text(fonts, letter, read_pdf) -> None:
    body = [f"第{n}段：请你单位依法自行组织实施，不得将工作交由村(社区)承担。" for n in range(40)]
    long_letter = NoticeLetter(
        title="告知书", paragraphs=body, issuer="示范县城关镇党委组织办", date=dt.date(2026, 7, 1)
    )
    pdf = read_pdf(build_letter_pdf(long_letter, fonts=fonts))
    assert len(pdf.pages) > 1
    last = pdf.pages[-1]
    assert "2026年7月1日" in last
    assert "第39段" in last
    for number, page in enumerate(pdf.pages, start=1):
        assert f"— {number} —" in page


def test_a_letter_a_little_too_long_keeps_its_seal_and_date_on_its_one_page(
    fonts, read_pdf, monkeypatch
):
    """GB/T 9704 7.3.5.4: when the space left cannot hold the seal and the date, the line
    spacing is adjusted; the 不予准入告知书 ran onto a second page for them (issue 14)."""
    from jianfu.reports.base import BODY_LEADING
    from jianfu.reports.letter import _build

    def letter(lines: int) -> NoticeLetter:
        return NoticeLetter(
            title="村(社区)工作事项不予准入告知书",
            document_number="编号：2026-004",
            addressee="南屏县发展和改革局",
            paragraphs=["该项工作请由贵单位依职责自行承担，不得要求村(社区)承担。"] * lines,
            issuer="清溪镇党委组织办",
            date=dt.date(2026, 11, 20),
        )

    official = [
        _build(letter(n), fonts, PageNumbers.MULTI_PAGE, BODY_LEADING)[1] for n in range(12)
    ]
    first_over = official.index(2)  # the first letter whose signature would go over
    pdf = read_pdf(build_letter_pdf(letter(first_over), fonts=fonts))
    assert len(pdf.pages) == 1 and "2026年11月20日" in pdf.pages[0]
    # a letter that fits keeps the official spacing; so does one far too long for a page
    import jianfu.reports.letter as module

    used: list[float] = []

    def recording(*args):
        used.append(args[-1])
        return _build(*args)

    monkeypatch.setattr(module, "_build", recording)
    build_letter_pdf(letter(first_over - 1), fonts=fonts)
    build_letter_pdf(letter(40), fonts=fonts)
    assert used == [BODY_LEADING, BODY_LEADING]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、审核情况", 1),
        ("十二、其他", 1),
        ("（一）处理意见", 2),
        ("(二)复核途径", 2),
        ("一、经审核，该事项不予准入。请你单位依法自行组织实施，不得交由村(社区)承担。", 0),
        ("你单位来函收悉。", 0),
    ],
)
def test_heading_levels(text: str, level: int) -> None:
    assert _heading_level(text) == level


def _line_extent(page, text: str) -> tuple[float, float]:
    """The left and right edges (points) of the printed line that is exactly ``text``: its
    characters' advance boxes (pdfium's loose boxes), not the ink."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    chars = [
        (textpage.get_text_range(i, 1), textpage.get_charbox(i, loose=True)) for i in range(count)
    ]
    for start in range(count - len(text) + 1):
        run = chars[start : start + len(text)]
        if "".join(c for c, _ in run) == text:
            return min(box[0] for _, box in run), max(box[2] for _, box in run)
    raise AssertionError(f"{text!r} not on the page")


@pytest.mark.parametrize(
    ("issuer", "day"),
    [
        ("清溪镇人民政府", dt.date(2026, 12, 17)),  # the date the wider
        ("南屏县清溪镇党建引领基层治理协调机制", dt.date(2026, 7, 1)),  # the issuer the wider
    ],
)
def test_the_issuer_is_centred_over_the_date_as_printed(issuer, day, dejavu_latin_fonts) -> None:
    """The issuer is centred over the date, whose digits print in the Latin face: measured in
    the Chinese font alone, the date was reckoned narrower than printed where that face is
    DejaVu Serif (a Debian machine without Liberation), and the issuer stood right of the
    date's middle."""
    import pypdfium2 as pdfium

    fonts = dejavu_latin_fonts
    letter = NoticeLetter(
        title="工作事项不予准入告知书", paragraphs=["正文。"], issuer=issuer, date=day
    )
    page = pdfium.PdfDocument(build_letter_pdf(letter, fonts=fonts))[0]
    left, right = _line_extent(page, issuer)
    date_left, date_right = _line_extent(page, f"{day.year}年{day.month}月{day.day}日")
    assert abs((left + right) / 2 - (date_left + date_right) / 2) < 0.5  # 1.8-2.4 before
