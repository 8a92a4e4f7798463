"""Certificate prints: the certificate from a model text, the refusal notice, the register."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.domain.certificates import (
    AgencyDemand,
    CertificateFigures,
    CertificateRequest,
    Outcome,
    VillageCertificateFigures,
    short_basis,
)
from jianfu.domain.matching import Verdict
from jianfu.reports.base import FORM_MARGINS, OfficialDocument
from jianfu.reports.certificate import (
    REGISTER_COLUMNS,
    REGISTER_SIZE,
    CertificateSheet,
    _split_sheet,
    _with_signer,
    build_certificate_pdf,
    build_refusal_pdf,
    build_register_pdf,
    dates_kept,
    document_numbers_kept,
    masked_numbers_kept,
)

TEXT = (
    "证  明\n\n兹证明龚䶮（身份证号：1101**********002X）系清溪村集体经济组织成员，"
    "享有本村土地承包经营权。\n此证明用于加入农民专业合作社。\n\n"
    "清溪村村民委员会（盖章）\n2026年11月20日"
)
BASIS = (
    "《民政部 国家卫生健康委 公安部 司法部关于切实减轻基层群众性自治组织负担 "
    "规范证明事项的通知》（民发〔2020〕20号）"
)


def _request(n: int, **kw) -> CertificateRequest:
    values = {
        "id": n,
        "year": 2026,
        "seq": n,
        "request_date": dt.date(2026, 3, 1) + dt.timedelta(days=n % 28),
        "applicant_name": f"申请人{n}",
        "id_masked": "3509**********100X",
        "village_id": 1,
        "village": "清溪村",
        "subject": "单身证明，银行贷款要",
        "purpose": "办理贷款",
        "agency": "宁川农商银行清溪支行",
        "check_verdict": Verdict.FORBIDDEN,
        "verdict": Verdict.FORBIDDEN,
        "item_name": "婚姻状况证明",
        "outcome": Outcome.REFUSED,
        "outcome_date": dt.date(2026, 3, 2),
        "basis": BASIS,
        "alternative": "数据共享：由需求单位查询婚姻登记信息，或由申请人书面承诺婚姻状况(告知承诺)",
        "handler": "林晓燕",
        "signer": "陈建华",
    }
    values.update(kw)
    return CertificateRequest(**values)


def test_the_model_text_is_split_into_title_body_and_signature() -> None:
    title, body, signature = _split_sheet(TEXT)
    assert title == "证  明"
    assert body[0].startswith("兹证明龚䶮") and body[1] == "此证明用于加入农民专业合作社。"
    assert signature == ["清溪村村民委员会（盖章）", "2026年11月20日"]


def test_certificate_pdf_has_number_text_and_embedded_fonts(fonts, read_pdf) -> None:
    sheet = CertificateSheet(TEXT, "2026-0007", "清溪村村民委员会", dt.date(2026, 11, 20))
    pdf = read_pdf(build_certificate_pdf(sheet, fonts=fonts))
    assert len(pdf.pages) == 1
    assert "编号：2026-0007" in pdf.flat
    assert "证明" in pdf.flat
    assert "兹证明龚䶮（身份证号：1101**********002X）系清溪村集体经济组织成员" in pdf.flat
    assert "清溪村村民委员会（盖章）" in pdf.flat and "2026年11月20日" in pdf.flat
    assert all(pdf.font_descriptors().values())
    # 䶮 (Ext-A) has a glyph in an installed font: nothing to report.
    assert fonts.unprintable(TEXT) == set()


def test_a_text_without_signature_gets_the_issuer_and_date(fonts, read_pdf) -> None:
    sheet = CertificateSheet(
        "兹证明张三系本村村民。",
        "2026-0008",
        "城南社区居民委员会",
        dt.date(2026, 7, 1),
        footnote="本证明经2026年6月30日议事协商同意出具。",
    )
    pdf = read_pdf(build_certificate_pdf(sheet, fonts=fonts))
    assert "城南社区居民委员会（盖章）" in pdf.flat and "2026年7月1日" in pdf.flat
    assert "议事协商同意出具" in pdf.flat


def _lines(pdf) -> list[str]:
    """The page's lines, spaces removed (the signature block's order is checked)."""
    return [re.sub(r"\s+", "", line) for line in pdf.pages[0].splitlines() if line.strip()]


def test_the_signer_goes_between_the_issuer_and_the_date(fonts, read_pdf) -> None:
    """A model text without a place for the 签字负责人 (the demo's, or a county's) printed no
    signer although one was recorded: the name now goes under the issuer, above the date,
    inside the seal area."""
    sheet = CertificateSheet(
        TEXT, "2026-0007", "清溪村村民委员会", dt.date(2026, 11, 20), signer="王建国"
    )
    lines = _lines(read_pdf(build_certificate_pdf(sheet, fonts=fonts)))
    at = lines.index("负责人：王建国")
    assert lines[at - 1] == "清溪村村民委员会（盖章）" and lines[at + 1] == "2026年11月20日"
    # the full ID number stays on the document the applicant takes away
    assert "1101**********002X" in "".join(lines)


def test_the_signer_is_added_to_the_default_signature_too(fonts, read_pdf) -> None:
    sheet = CertificateSheet(
        "兹证明张三系本村村民。", "2026-0008", "城南社区居民委员会", dt.date(2026, 7, 1),
        signer="王建国",
    )  # fmt: skip
    lines = _lines(read_pdf(build_certificate_pdf(sheet, fonts=fonts)))
    assert lines[-3:] == ["城南社区居民委员会（盖章）", "负责人：王建国", "2026年7月1日"]


def test_a_signature_line_left_blank_gets_the_signer(fonts, read_pdf) -> None:
    """A county's text that leaves 负责人（签字）： blank: the name goes there, once."""
    text = TEXT.replace("（盖章）\n", "（盖章）\n负责人（签字）：\u3000\u3000\n")
    sheet = CertificateSheet(
        text, "2026-0009", "清溪村村民委员会", dt.date(2026, 11, 20), signer="王建国"
    )
    flat = read_pdf(build_certificate_pdf(sheet, fonts=fonts)).flat
    assert "负责人（签字）：王建国" in flat and flat.count("王建国") == 1


def test_a_signature_line_without_a_signer_keeps_room_to_sign(fonts, read_pdf) -> None:
    """负责人： with no signer recorded: right-aligned, the colon stood at the margin with no
    room for the hand signature."""
    assert _with_signer(["清溪村村民委员会（盖章）", "负责人：", "2026年11月20日"], "")[1] == (
        "负责人：" + "\u3000" * 4
    )
    assert _with_signer(["清溪村村民委员会（盖章）", "2026年11月20日"], "") == [
        "清溪村村民委员会（盖章）",
        "2026年11月20日",
    ]


def test_without_a_signer_the_signature_is_as_before(fonts, read_pdf) -> None:
    sheet = CertificateSheet(TEXT, "2026-0007", "清溪村村民委员会", dt.date(2026, 11, 20))
    lines = _lines(read_pdf(build_certificate_pdf(sheet, fonts=fonts)))
    assert lines[-2:] == ["清溪村村民委员会（盖章）", "2026年11月20日"]
    assert not any("负责人" in line for line in lines)


def test_refusal_names_basis_route_and_masked_applicant(fonts, read_pdf) -> None:
    pdf = read_pdf(
        build_refusal_pdf(_request(3), "清溪村村民委员会", dt.date(2026, 3, 2), fonts=fonts)
    )
    flat = pdf.flat
    assert "不予出具证明告知书" in flat and "编号：2026-0003" in flat
    assert "申请人3（身份证号：3509**********100X）" in flat
    assert "民发〔2020〕20号" in flat
    # the list's route named in brackets before its detail, not two colons in a row
    assert "你可以通过以下途径办理（数据共享）：由需求单位查询" in flat
    assert "办理：数据共享：" not in flat
    assert "宁川农商银行清溪支行" in flat


def test_an_id_number_in_any_free_text_of_the_refusal_is_masked() -> None:
    """The notice masks the ID field; an ID number typed into the request (要证明的事项), the
    basis or the other route was printed in full beside it."""
    from jianfu.reports.certificate import refusal_letter

    full = "11010519491231002X"
    letter = refusal_letter(
        _request(
            4, subject=f"证明{full}的居住情况", basis=f"依据{full}", alternative=f"途径{full}"
        ),
        "清溪村村民委员会",
        dt.date(2026, 3, 2),
    )
    words = "".join([letter.addressee, *letter.paragraphs])
    assert full not in words
    assert words.count("1101**********002X") == 3


def test_register_table_repeats_its_header_and_sums_up(fonts, read_pdf) -> None:
    requests = [_request(n) for n in range(1, 61)]
    total = VillageCertificateFigures("合计", requests=60, refused=60, forbidden=60)
    figures = CertificateFigures(dt.date(2026, 1, 1), dt.date(2026, 3, 31), (), total)
    pdf = read_pdf(
        build_register_pdf(
            requests,
            township="清溪镇",
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 3, 31),
            figures=figures,
            fonts=fonts,
        )
    )
    assert len(pdf.pages) > 1
    pages = [re.sub(r"\s+", "", page) for page in pdf.pages]
    assert all("身份证号" in page and "签字负责人" in page for page in pages)
    assert "清溪镇证明事项登记簿" in pdf.flat
    assert "2026-0001" in pdf.flat and "2026-0060" in pdf.flat
    assert "本期共登记60件" in pdf.flat
    assert "— 1 —" in pdf.pages[0]


def test_a_name_character_no_font_has_prints_as_a_box_not_a_gap(fonts, read_pdf) -> None:
    """Walked 2026-12 on a machine without a font for it: the register printed 王\U00031350
    as 王, a wrong name with nothing to show it. A box marks where to write the character."""
    rare = "\U00031350"  # CJK Extension H: no font of Debian 12 has it
    if not fonts.unprintable(rare):
        pytest.skip("a font here has U+31350")
    pdf = read_pdf(
        build_register_pdf(
            [_request(1, applicant_name=f"王{rare}", signer=f"陈{rare}华")],
            township="清溪镇",
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 3, 31),
            fonts=fonts,
        )
    )
    flat = re.sub(r"\s+", "", pdf.flat)
    assert "王□" in flat and "陈□华" in flat
    markup = fonts.markup(f"王{rare}")
    assert "□" in markup and rare not in markup


def test_an_empty_register_says_so(fonts, read_pdf) -> None:
    pdf = read_pdf(
        build_register_pdf(
            [], township="", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), fonts=fonts
        )
    )
    assert "本期无登记" in pdf.flat


def test_short_basis_keeps_the_document_number() -> None:
    assert short_basis(BASIS) == "民发〔2020〕20号"
    assert short_basis("《中国公民收养子女登记办法》第六条") == "《中国公民收养子女登记办法》第六条"
    assert len(short_basis("很长的依据" * 20)) == 40


def test_register_keeps_each_masked_id_number_and_handler_on_one_line(fonts, read_pdf) -> None:
    """The ID column was a hair too narrow: the last digit went to a line of its own
    (3509**********163 / 1), and 林晓燕 broke after 林晓 (2026-12)."""
    requests = [_request(n, id_masked=f"3509**********{1600 + n}") for n in range(1, 9)]
    pdf = read_pdf(
        build_register_pdf(
            requests,
            township="清溪镇",
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 3, 31),
            fonts=fonts,
        )
    )
    lines = [line.strip() for line in pdf.text.splitlines()]
    for n in range(1, 9):
        assert any(f"3509**********{1600 + n}" in line for line in lines), n
    assert sum("林晓燕" in line for line in lines) == 8


def _register_lines(fonts, column: str, text: str) -> list[str]:
    """The lines ``text`` takes in the register's ``column``; each fits the column."""
    doc = OfficialDocument(fonts, landscape_pages=True, margins=FORM_MARGINS)
    style = doc.styles.sized(doc.styles.cell, REGISTER_SIZE)
    names = [name for name, _ in REGISTER_COLUMNS]
    width = doc.col_widths([w for _, w in REGISTER_COLUMNS])[names.index(column)] - 8
    para = masked_numbers_kept(doc, text, width, style)
    assert not isinstance(para, str)
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    assert all(line.currentWidth <= width for line in lines), column
    return ["".join(frag.text for frag in line.words) for line in lines]


def test_a_masked_number_in_a_narrow_register_cell_breaks_only_into_even_pieces(fonts) -> None:
    """A masked ID number typed into 索要单位 or 备注 was cut anywhere by the CJK line
    breaking: 代理人王五3501***** / *****1233 ran into the text, 份证3501* / ******** /
    *1233）took three lines, and 备注 had a stray 1 and 233 on lines of their own."""
    assert _register_lines(fonts, "索要单位", "代理人王五3501**********1233") == [
        "代理人王五",
        "3501*****",
        "*****1233",
    ]
    # a closing bracket stays with the number's last piece rather than a line of its own
    assert _register_lines(fonts, "索要单位", "清溪支行（经办人3501**********1233）")[-2:] == [
        "3501*****",
        "*****1233）",
    ]
    # a narrow column: even pieces at the cell's size, the text after on its line
    assert _register_lines(fonts, "备注", "身份证3501**********1233本人") == [
        "身份证",
        "3501*****",
        "*****1233",
        "本人",
    ]
    assert _register_lines(fonts, "申请人", "身份证3501**********1233本人") == [
        "身份证",
        "3501**",
        "******",
        "**1233",
        "本人",
    ]


def test_register_text_without_a_masked_number_is_left_to_the_table(fonts) -> None:
    doc = OfficialDocument(fonts, landscape_pages=True, margins=FORM_MARGINS)
    style = doc.styles.sized(doc.styles.cell, REGISTER_SIZE)
    assert masked_numbers_kept(doc, "宁川农商银行清溪支行", 40, style) == "宁川农商银行清溪支行"
    # a number that is no masked ID (a 文号, a phone) is no reason to cut the text
    assert masked_numbers_kept(doc, "电话13905911234", 40, style) == "电话13905911234"


def test_the_register_pdf_keeps_the_pieces_of_a_masked_number(fonts, read_pdf) -> None:
    requests = [
        _request(1, agency="代理人王五350111199001011233", notes="身份证350111199001011233本人")
    ]
    pdf = read_pdf(
        build_register_pdf(
            requests, township="清溪镇", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31),
            fonts=fonts,
        )
    )  # fmt: skip
    assert "350111199001011233" not in pdf.flat  # still masked
    lines = [re.sub(r"\s+", "", line) for line in pdf.text.splitlines()]
    assert any(line.endswith("3501*****") for line in lines)
    assert any(line.startswith("*****1233") for line in lines)


def _cell_lines(fonts, column: str, text: str) -> list[str]:
    """The lines ``text`` takes in the register's ``column`` as the register prints it."""
    doc = OfficialDocument(fonts, landscape_pages=True, margins=FORM_MARGINS)
    style = doc.styles.sized(doc.styles.cell, REGISTER_SIZE)
    names = [name for name, _ in REGISTER_COLUMNS]
    width = doc.col_widths([w for _, w in REGISTER_COLUMNS])[names.index(column)] - 8
    para = document_numbers_kept(doc, text, width, style)
    if isinstance(para, str):
        return [para]
    para.wrap(width, 10_000)
    return ["".join(frag.text for frag in line.words) for line in para.blPara.lines]


@pytest.mark.parametrize("latin", ["installed", "dejavu"])
def test_a_document_number_in_the_register_is_never_cut_inside_a_part(
    latin, fonts, request
) -> None:
    """依据 printed 民发〔202 / 0〕20号 (the closing bracket took the 0 down with it) and
    南委办发〔2025〕18 / 号: a line breaks before a 文号 or between its parts, never inside."""
    if latin == "dejavu":
        fonts = request.getfixturevalue("dejavu_latin_fonts")
    parts = {"民发", "〔2020〕", "20号", "南委办发", "〔2025〕", "18号", "厅字", "〔2022〕", "28号"}
    for basis in (
        "民发〔2020〕20号",
        "南委办发〔2025〕18号",
        "根据厅字〔2022〕28号文件第三条",
        "《南屏县村(社区)证明事项清单》（南委办发〔2025〕18号）",
    ):
        joined = "".join(_cell_lines(fonts, "依据", basis))
        assert joined == basis.replace(" ", "")
        cuts, at = set(), 0
        for line in _cell_lines(fonts, "依据", basis)[:-1]:
            at += len(line)
            cuts.add(at)
        for part in parts:
            start = basis.find(part)
            if start >= 0:
                assert not any(start < cut < start + len(part) for cut in cuts), (basis, part)
    # the commonest one takes two lines, cut after its year, with the fonts most machines have
    if latin == "installed":
        assert _cell_lines(fonts, "依据", "民发〔2020〕20号") == ["民发〔2020〕", "20号"]


def test_the_register_pdf_prints_the_document_number_whole(fonts, read_pdf) -> None:
    pdf = read_pdf(
        build_register_pdf(
            [_request(1, basis=BASIS, id_masked="3509**********100X")],
            township="清溪镇", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31),
            fonts=fonts,
        )
    )  # fmt: skip
    lines = [re.sub(r"\s+", "", line) for line in pdf.text.splitlines()]
    assert any(line.endswith("民发〔2020〕") for line in lines), lines
    assert any(line.startswith("20号") for line in lines)
    assert any("3509**********100X" in line for line in lines)  # masked and whole


def _date_lines(fonts, column: str, text: str) -> list[str]:
    """The lines ``text`` takes in the register's ``column`` with its dates kept whole."""
    doc = OfficialDocument(fonts, landscape_pages=True, margins=FORM_MARGINS)
    style = doc.styles.sized(doc.styles.cell, REGISTER_SIZE)
    names = [name for name, _ in REGISTER_COLUMNS]
    width = doc.col_widths([w for _, w in REGISTER_COLUMNS])[names.index(column)] - 8
    para = dates_kept(doc, text, width, style)
    if isinstance(para, str):
        return [para]
    para.wrap(width, 10_000)
    return ["".join(frag.text for frag in line.words) for line in para.blPara.lines]


@pytest.mark.parametrize("latin", ["installed", "dejavu"])
def test_a_date_in_the_notes_is_never_cut(latin, fonts, request) -> None:
    """备注 printed 2026-09 / -21议事协商同意: the date needs 42 pt at 9 pt and 备注 had 32."""
    if latin == "dejavu":
        fonts = request.getfixturevalue("dejavu_latin_fonts")
    lines = _date_lines(fonts, "备注", "2026-09-21议事协商同意")
    assert "".join(lines) == "2026-09-21议事协商同意"
    assert lines[0] == "2026-09-21"
    # after other text the date begins a line of its own rather than being cut
    lines = _date_lines(fonts, "备注", "附件：户口簿；2026-10-08议事协商未同意")
    assert "2026-10-08" in lines
    if latin == "installed":  # the fonts most machines have: at the cell's own size
        assert _date_lines(fonts, "备注", "2026-09-21议事协商同意") == [
            "2026-09-21",
            "议事协商",
            "同意",
        ]
    assert _date_lines(fonts, "备注", "本人申请") == ["本人申请"]  # no date: left to the table


def test_the_register_pdf_prints_a_consultation_date_whole(fonts, read_pdf) -> None:
    pdf = read_pdf(
        build_register_pdf(
            [_request(1, notes="2026-09-21议事协商同意")],
            township="清溪镇", start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30),
            fonts=fonts,
        )
    )  # fmt: skip
    lines = [re.sub(r"\s+", "", line) for line in pdf.text.splitlines()]
    assert any(line.endswith("2026-09-21") for line in lines), lines


def test_the_register_summary_takes_no_page_for_its_last_line(fonts, read_pdf) -> None:
    """The demo register's summary ran one line onto a third page (…宁川市某保安公司（1 /
    件）。): a count is never cut, and an outcome with none is left out of the sentence."""
    requests = [_request(n, subject="单身证明，银行贷款要" * 2) for n in range(1, 12)]
    total = VillageCertificateFigures(
        "合计", requests=11, refused=8, referred=1, pending=2, unlisted=2
    )
    agencies = tuple(
        AgencyDemand(name, count)
        for name, count in (
            ("宁川农商银行清溪支行", 2),
            ("某人寿保险公司宁川分公司", 2),
            ("南屏县不动产登记中心", 1),
            ("宁川市某保安公司", 1),
        )
    )
    figures = CertificateFigures(dt.date(2026, 10, 1), dt.date(2026, 12, 31), (), total, agencies)
    pdf = read_pdf(
        build_register_pdf(
            requests, township="清溪镇", start=figures.start, end=figures.end,
            figures=figures, fonts=fonts,
        )
    )  # fmt: skip
    assert len(pdf.pages) == 2
    last = re.sub(r"\s+", "", pdf.pages[-1])
    assert "2026-0011" in last and "本期共登记11件" in last
    assert "出具0件，不予出具8件，转部门核查1件，待办理2件；清单外2件。" in last
    assert "议事协商" not in last  # none after a consultation: not said
    lines = [re.sub(r"\s+", "", line) for line in pdf.text.splitlines()]
    assert any(
        "宁川市某保安公司（1件）。" in line or line.startswith("（1件）。") for line in lines
    )
    assert not any(line.startswith("件）") for line in lines)


BODY = (
    "兹证明龚䶮（身份证号：1101**********002X）系清溪村集体经济组织成员，享有本村土地承包经营权。"
)


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        # four lines: issuer, 负责人签字：, 经办人：, date
        (
            f"证  明\n\n{BODY}\n\n清溪村村民委员会（盖章）\n负责人签字：\n经办人：林晓燕\n"
            "2026年11月20日",
            ["清溪村村民委员会（盖章）", "负责人签字：", "经办人：林晓燕", "2026年11月20日"],
        ),
        # issuer and date right after the body, no blank line
        (
            f"证  明\n\n{BODY}\n特此证明。\n清溪村村民委员会（盖章）\n2026年11月20日",
            ["清溪村村民委员会（盖章）", "2026年11月20日"],
        ),
        # the date written in Chinese numerals, after a blank line
        (
            f"证明\n{BODY}\n\n清溪村村民委员会\n负责人：\n二〇二六年十一月二十日",
            ["清溪村村民委员会", "负责人：", "二〇二六年十一月二十日"],
        ),
    ],
    ids=["four-lines", "no-blank-line", "chinese-numerals"],
)
def test_a_signature_of_any_length_or_without_a_blank_line_is_printed_once(
    fonts, read_pdf, text, signature
) -> None:
    """A signature block of 4+ lines, or issuer and date right after the body, were read as
    body: they printed at the left, and the default issuer and date were added under them
    (issuer and date twice)."""
    title, body, found = _split_sheet(text)
    assert found == signature and body[0] == BODY and title.replace(" ", "") == "证明"
    sheet = CertificateSheet(
        text, "2026-0011", "清溪村村民委员会", dt.date(2026, 11, 20), signer="王建国"
    )
    lines = _lines(read_pdf(build_certificate_pdf(sheet, fonts=fonts)))
    joined = "".join(lines)
    assert joined.count("清溪村村民委员会") == 1 and joined.count("王建国") == 1
    assert joined.count(signature[-1]) == 1
    assert lines[-1] == signature[-1]  # the date last, as written


def test_a_body_ending_in_a_short_line_is_not_taken_for_a_signature() -> None:
    text = f"证  明\n\n{BODY}\n此证明仅用于办理继承登记。\n经办人：林晓燕"
    assert _split_sheet(text)[2] == []  # no issuer, no date: the default signature is added
