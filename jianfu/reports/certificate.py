"""Certificate prints: the certificate (证明) itself, the refusal notice, the register.

The certificate is laid out from the list item's model text after its placeholders were
filled: the first short line is the title, the last block (issuer, signer and date) goes to
the right with a seal area, and the register number is printed at the top. The refusal notice
is a :class:`~jianfu.reports.letter.NoticeLetter` that names the basis and the other route.
The register for a period is a landscape table. ID numbers reach this module masked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from jianfu.domain.certificates import (
    REGISTER_HEADERS,
    CertificateFigures,
    CertificateRequest,
    register_row,
)
from jianfu.domain.lists import AlternativeRoute
from jianfu.domain.text import mask_id_numbers, with_id_numbers_masked
from jianfu.reports.base import (
    BODY_LEADING,
    FORM_MARGINS,
    OPENING_MARKS,
    SIZE_3,
    SIZE_S4,
    OfficialDocument,
    PageNumbers,
    format_date,
    role_of,
)
from jianfu.reports.base import kept_whole as _kept_whole
from jianfu.reports.base import line_starts as _line_starts
from jianfu.reports.base import line_texts as _line_texts
from jianfu.reports.fonts import FontSet
from jianfu.reports.letter import NoticeLetter, build_letter_pdf

#: A first line this short (without spaces) is the certificate's title.
_TITLE_MAX = 8


@dataclass(frozen=True)
class CertificateSheet:
    """What goes on a certificate: the filled model text and the register details."""

    text: str  # the model text with its placeholders filled
    serial: str
    issuer: str  # the committee, printed in the seal area if the text has no signature
    date: dt.date
    footnote: str = ""  # e.g. "本证明经2026年3月2日议事协商同意出具"
    #: The 签字负责人 when the model text has no place for the name (no {签字负责人}):
    #: printed in the signature, under the issuer, above the date ('' prints none).
    signer: str = ""


class _SealArea(Flowable):
    """A dashed circle (42 mm, the usual seal) to the right, where the seal goes."""

    def __init__(self, width: float, diameter: float = 42 * mm) -> None:
        super().__init__()
        self.frame_width = width
        self.diameter = diameter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 0  # drawn over the signature above it, takes no room

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.Color(0.75, 0.2, 0.2))
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        r = self.diameter / 2
        cx = self.width - 4 * SIZE_3 - r + 10
        cy = r * 0.55
        c.circle(cx, cy, r)
        c.restoreState()


def _split_sheet(text: str) -> tuple[str, list[str], list[str]]:
    """Title, body paragraphs and signature lines of a filled model text."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    title = ""
    if lines and len(lines[0].replace(" ", "").replace("\u3000", "")) <= _TITLE_MAX:
        title = lines.pop(0).strip()
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    signature: list[str] = []
    last = blocks[-1] if blocks else []
    if len(blocks) > 1 and all(len(x) <= 30 for x in last) and any(map(_signs, last)):
        # a block of short lines with an issuer or a date: the signature, however many lines
        # (issuer, 负责人签字：, 经办人：, date printed left as body, and the default issuer and
        # date added under them: both twice)
        signature = blocks.pop()
    elif (n := _signature_tail(last)) and n < len(last) + len(blocks) - 1:
        # issuer and date right after the body, with no blank line before them
        signature, blocks[-1] = last[-n:], last[:-n]
    elif len(blocks) > 1 and len(last) <= 3 and all(len(x) <= 30 for x in last):
        signature = blocks.pop()
    body = [line for block in blocks for line in block]
    return title, body, signature


#: A signature line that is a date: 2026年11月20日, 二〇二六年十一月二十日, or 年 月 日 left blank.
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[〇○零一二三四五六七八九]{4}|\s*)年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}|\s*)月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|\s*)日$"
)
#: A signature line naming who issues: the committee, or anything sealed (（盖章）).
_ISSUER_LINE = re.compile(r"(?:委员会|居委会|村委会|党支部|党总支|[（(]盖?章[)）])$")
#: A short line with a person to sign or named: 负责人签字：, 经办人：林晓燕, 联系电话：….
_PERSON_LINE = re.compile(
    r"^[^，。；：:]{0,6}(?:负责人|经办人|签字|签名|主任|书记|联系人|电话|审核人|开具人)"
    r"[^，。；：:]{0,6}[：:][^，。；：:]{0,16}$"
)


def _signs(line: str) -> bool:
    """The line is an issuer's or a date (what makes a block of short lines a signature)."""
    return bool(_DATE_LINE.match(line) or _ISSUER_LINE.search(line))


def _signature_tail(lines: list[str]) -> int:
    """How many of ``lines``' last lines are a signature (issuer, people, date) with an
    issuer or a date among them; 0 when they are not."""
    n = 0
    for line in reversed(lines):
        if len(line) > 30 or not (_signs(line) or _PERSON_LINE.match(line)):
            break
        n += 1
    return n if n and any(_signs(line) for line in lines[len(lines) - n :]) else 0


#: A signature line left for the signer to sign on: 负责人（签字）：, 签字：, 主任签名：.
_SIGN_HERE = re.compile(r"(?:负责人|签字|签名|主任)[^：:]{0,6}[：:]$")


#: Room to sign by hand after 负责人： when no signer was recorded (four characters).
_SIGN_BLANK = "\u3000" * 4


def _with_signer(signature: list[str], signer: str) -> list[str]:
    """The signature lines with the signer named where a village certificate carries it: on
    a line the text leaves for the signature (负责人（签字）：), else as 负责人：… under the
    issuer, above the date. Without a signer such a line keeps room to sign on (right-aligned,
    it had none)."""
    lines = list(signature)
    blank = next((i for i, line in enumerate(lines) if _SIGN_HERE.search(line.strip())), None)
    if blank is not None:
        lines[blank] = lines[blank].strip() + (signer or _SIGN_BLANK)
    # another line left to sign on (经办人：) keeps room too
    lines = [f"{x.strip()}{_SIGN_BLANK}" if x.strip().endswith(("：", ":")) else x for x in lines]
    if blank is None and signer:
        date = next(
            (i for i, line in enumerate(lines) if _DATE_LINE.match(line.strip())), len(lines)
        )
        lines.insert(date, f"负责人：{signer}")
    return lines


def build_certificate_pdf(sheet: CertificateSheet, *, fonts: FontSet | None = None) -> bytes:
    """The certificate as PDF bytes, one A4 page: number, title, text, signature, seal area."""
    doc = OfficialDocument(fonts)
    st = doc.styles
    title, body, signature = _split_sheet(sheet.text)
    if not signature:
        signature = [f"{sheet.issuer}（盖章）", format_date(sheet.date)]
    signature = _with_signer(signature, sheet.signer)
    number = ParagraphStyle("jf-cert-number", parent=st.small, alignment=TA_RIGHT)
    story: list[Flowable] = [doc.para(f"编号：{sheet.serial}", number), Spacer(1, 6)]
    story.append(doc.para(title or "证明", st.title))
    story.append(Spacer(1, BODY_LEADING / 2))
    story += [doc.para(line, st.body) for line in body]
    block: list[Flowable] = [Spacer(1, 2 * BODY_LEADING)]
    block += [doc.para(line, st.signature) for line in signature]
    block.append(_SealArea(doc.frame_width))
    story.append(KeepTogether(block))
    if sheet.footnote:
        story += [Spacer(1, BODY_LEADING), doc.para(sheet.footnote, st.small)]
    return doc.build(
        story, title=f"证明 {sheet.serial}", subject=title, page_numbers=PageNumbers.NEVER
    )


def _route_sentence(alternative: str) -> str:
    """Where to go instead, in one sentence: the route named in brackets when the list gives
    it before its detail (告知承诺：由申请人… reads 以下途径办理（告知承诺）：由申请人…, not two
    colons in a row)."""
    text = alternative.strip().rstrip("。")
    route, colon, detail = text.partition("：")
    if colon and detail and route in {r.value for r in AlternativeRoute}:
        return f"你可以通过以下途径办理（{route}）：{detail}。"
    return f"你可以通过以下途径办理：{text}。"


def refusal_letter(
    request: CertificateRequest, issuer: str, date: dt.date, township: str = ""
) -> NoticeLetter:
    """The words of the notice telling the applicant why not and where to go instead."""
    who = request.applicant_name
    if request.id_masked:
        who += f"（身份证号：{request.id_masked}）"
    asked = f"你于{format_date(request.request_date)}申请出具“{request.subject}”"
    if request.purpose:  # the ID field is masked here, so is an ID number in free text
        asked += f"，用途为{mask_id_numbers(request.purpose)}"
    if request.agency:
        asked += f"，索要单位为{mask_id_numbers(request.agency)}"
    paragraphs = [asked + "。"]
    item = f"“{request.item_name}”" if request.item_name else "该证明事项"
    basis = request.basis or "有关规定"
    committee = issuer or "本村(居)委会"
    reason = f"经核对，{item}属于村(社区)不应出具的证明事项。根据{basis}，{committee}不予出具。"
    paragraphs.append(reason)
    if request.alternative:
        paragraphs.append(_route_sentence(request.alternative))
    paragraphs.append(f"如有疑问，可向{committee}或{township or '乡镇(街道)'}咨询。")
    letter = NoticeLetter(
        title="不予出具证明告知书",
        addressee=who,
        paragraphs=paragraphs,
        issuer=issuer,
        date=date,
        document_number=f"编号：{request.serial}",
    )
    # the ID field is masked here, so is an ID number in any free text (事项, 依据, 途径)
    return with_id_numbers_masked(letter)


def build_refusal_pdf(
    request: CertificateRequest,
    issuer: str,
    date: dt.date,
    *,
    township: str = "",
    fonts: FontSet | None = None,
) -> bytes:
    """The refusal notice as PDF bytes."""
    return build_letter_pdf(refusal_letter(request, issuer, date, township), fonts=fonts)


#: Widths (mm, scaled to the page) of the register columns, in the order of REGISTER_HEADERS.
#: 备注 holds a consultation's date (2026-09-21议事协商同意), 42 pt at 9 pt: 17.5 mm gives it a
#: line; the 3.5 mm came from 用途 (four characters a line either way), 盖章 (是 or 否) and
#: the three name columns (a three-character name still on one line).
REGISTER_WIDTHS: tuple[float, ...] = (17, 18, 12.5, 38, 16, 25, 16, 19, 16, 23, 12.5, 12.5, 7, 17.5)
REGISTER_COLUMNS: tuple[tuple[str, float], ...] = tuple(
    zip(REGISTER_HEADERS, REGISTER_WIDTHS, strict=True)
)
#: Left plus right padding of a table cell (OfficialDocument.table's own).
_CELL_PADDING = 8.0
#: Register cells are dense: 9 pt.
REGISTER_SIZE = 9.0


#: A masked ID number in free text (索要单位, 备注): 3501**********1233, 3501*******123.
_MASKED_NUMBER = re.compile(r"(?<![0-9*])\d{4}\*{7,}\d{3}[0-9Xx](?![0-9*])")
#: Closing marks that stay on the number's last line rather than start a line of their own.
_CLOSING = "）)」』》〉】，。；、"
#: The number is printed no smaller than this (points) in a narrow cell.
_MASKED_MIN_SIZE = 7.0


def _masked_number_pieces(
    number: str, tail: str, width: float, font: str, size: float
) -> tuple[list[str], float]:
    """``number`` cut into the fewest equal pieces (one a line, ``tail`` after the last) that
    fit ``width`` at a size not below :data:`_MASKED_MIN_SIZE`, and that size (``size`` when
    they fit at it)."""
    pieces, fit = [number + tail], size
    for count in range(1, 5):
        step = -(-len(number) // count)
        pieces = [number[i : i + step] for i in range(0, len(number), step)]
        pieces[-1] += tail
        widest = max(stringWidth(p, font, size) for p in pieces)
        # a size that fits, rounded down to a tenth of a point
        fit = size if widest <= width else math.floor(size * width / widest * 10) / 10
        if fit >= _MASKED_MIN_SIZE:
            break
    return pieces, fit


def masked_numbers_kept(
    doc: OfficialDocument, text: str, width: float, style: ParagraphStyle
) -> str | Paragraph:
    """A register cell whose masked ID numbers wrap sensibly in ``width`` points: each
    begins a line of its own and is cut only into equal pieces that fill their lines (in a
    narrow column at a slightly smaller size), never into a stray ``*`` or ``1233``; text
    without one is returned as it is. The CJK line breaking cut 3501****…1233 anywhere,
    across three lines in 索要单位 and four in 备注."""
    if not _MASKED_NUMBER.search(text):
        return text
    font, size = style.fontName, style.fontSize
    parts: list[str] = []
    at = 0
    for m in _MASKED_NUMBER.finditer(text):
        before = text[at : m.start()]
        at = m.end()
        tail = ""
        while at < len(text) and text[at] in _CLOSING and len(tail) < 2:
            tail, at = tail + text[at], at + 1
        pieces, fit = _masked_number_pieces(m[0], tail, width, font, size)
        if before:
            parts.append(doc.fonts.markup(before.rstrip(" "), role_of(style)))
        number = "<br/>".join(doc.fonts.markup(p, role_of(style)) for p in pieces)
        parts.append(number if fit == size else f'<font size="{fit:g}">{number}</font>')
    if rest := text[at:].lstrip(" "):
        parts.append(doc.fonts.markup(rest, role_of(style)))
    return Paragraph("<br/>".join(part for part in parts if part), style)


#: A document number (文号): the issuer's short name, the year in its brackets, the number.
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?P<year>〔\d{4}〕|［\d{4}］|\[\d{4}\]|【\d{4}】)\d+号"
)


def document_numbers_kept(
    doc: OfficialDocument, text: str, width: float, style: ParagraphStyle
) -> str | Paragraph:
    """A register cell whose document numbers (民发〔2020〕20号) are never cut inside a part:
    a line breaks before the number, or where it does not fit on one line between its parts
    (民发 / 〔2020〕 / 20号); text without one is returned as it is. The CJK line breaking cut
    anywhere, 民发〔202 / 0〕20号 in 依据 (the closing bracket took the 0 down with it)."""
    numbers = list(_DOC_NUMBER.finditer(text))
    if not numbers:
        return text
    role = role_of(style)
    breaks: set[int] = set()
    para = Paragraph(doc.fonts.markup(text, role), style)
    for _ in range(3 * len(numbers) + 1):  # at most three breaks a number
        cuts = sorted(breaks)
        pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        para = Paragraph("<br/>".join(doc.fonts.markup(p, role) for p in pieces), style)
        para.wrap(width, 1_000_000)
        starts = _line_starts(text, _line_texts(para))
        bad = next(
            (
                (start, line_start, m)
                for line_start, start in zip([0, *starts], starts, strict=False)
                for m in numbers
                if m.start() < start < m.end() and start not in m.span("year")
            ),
            None,
        )
        if bad is None:
            return para
        cut, line_start, m = bad
        begin = m.start()
        while begin > 0 and text[begin - 1] in OPENING_MARKS:
            begin -= 1  # （民发… goes down whole: no line ends with its opening bracket
        if begin > line_start and _text_width(doc, text[begin : m.end()], style) <= width:
            breaks.add(begin)  # the whole number on the next line
            continue
        between = [at for at in (begin, *m.span("year")) if line_start < at < cut]
        if not between:
            return para  # a part wider than the column: nothing better to do
        breaks.add(max(between))
    return para


#: An ISO date (2026-09-21) inside a register cell's text.
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def dates_kept(
    doc: OfficialDocument, text: str, width: float, style: ParagraphStyle
) -> str | Paragraph:
    """A register cell whose ISO dates are never cut: a line breaks before a date that does
    not fit where it falls, and a date wider than the column prints a little smaller (not
    below :data:`_MASKED_MIN_SIZE`; narrower still, cut only after its year). The CJK line
    breaking cut 2026-09 / -21议事协商同意 in 备注. Text without a date is returned as it is."""
    dates = [m.span() for m in _ISO_DATE.finditer(text)]
    if not dates:
        return text
    role, size = role_of(style), style.fontSize
    fit = min(size, width / _text_width(doc, "2026-09-21", style) * size)
    fit = math.floor(fit * 10) / 10
    if fit < _MASKED_MIN_SIZE:  # cut after the year, at the cell's size
        fit = size
        dates = [span for a, b in dates for span in ((a, a + 5), (a + 5, b))]

    def markup(a: int, b: int) -> str:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        parts, at = [], a
        for start, end in dates:
            start, end = max(start, a), min(end, b)
            if start >= end:
                continue
            parts.append(doc.fonts.markup(text[at:start], role))
            date = doc.fonts.markup(text[start:end], role)
            parts.append(date if fit == size else f'<font size="{fit:g}">{date}</font>')
            at = end
        parts.append(doc.fonts.markup(text[at:b], role))
        return "".join(parts)

    return _kept_whole(doc, text, width, style, dates, markup)


def _text_width(doc: OfficialDocument, text: str, style: ParagraphStyle) -> float:
    """The width of ``text`` on one line in ``style`` (its Latin face's digits included)."""
    runs = doc.fonts.plain_runs(text, role_of(style)) or [(style.fontName, text)]
    return sum(stringWidth(t, f, style.fontSize) for f, t in runs)


#: The register's columns printed centred: 编号, 日期, 结果, 盖章.
_CENTERED = (0, 1, 8, 12)
#: A count in the register's summary, kept on one line: 22 件, （1件）.
_COUNT = re.compile(r"（\d+件）|\d+ 件")


def build_register_pdf(
    requests: Sequence[CertificateRequest],
    *,
    township: str,
    start: dt.date,
    end: dt.date,
    figures: CertificateFigures | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """The register of a period: a landscape table, header repeated on every page."""
    doc = OfficialDocument(fonts, landscape_pages=True, margins=FORM_MARGINS)
    st = doc.styles
    cell = st.sized(st.cell, REGISTER_SIZE)
    header = st.sized(st.cell_header, REGISTER_SIZE)
    title = f"{township}证明事项登记簿" if township else "证明事项登记簿"
    period = f"（{format_date(start)}—{format_date(end)}）"
    story: list[Flowable] = [
        doc.para(title, st.sized(st.title, 18.0)),
        doc.para(period, st.sized(st.subtitle, SIZE_S4)),
        Spacer(1, 6),
    ]
    rows: list[list[str | Flowable]] = [[name for name, _ in REGISTER_COLUMNS]]
    widths = doc.col_widths([w for _, w in REGISTER_COLUMNS])
    id_column = REGISTER_HEADERS.index("身份证号")
    for r in requests:
        row: list[str | Flowable] = list(register_row(r))
        for c, text in enumerate(row):
            if c != id_column and isinstance(text, str):
                row[c] = masked_numbers_kept(doc, text, widths[c] - _CELL_PADDING, cell)
            if isinstance(kept := row[c], str):
                row[c] = document_numbers_kept(doc, kept, widths[c] - _CELL_PADDING, cell)
            if c not in _CENTERED and isinstance(kept := row[c], str):
                row[c] = dates_kept(doc, kept, widths[c] - _CELL_PADDING, cell)
        rows.append(row)
    if not requests:
        rows.append(["本期无登记", *[""] * (len(REGISTER_COLUMNS) - 1)])
    extra = [] if requests else [("SPAN", (0, 1), (-1, 1))]
    story.append(
        doc.table(
            rows,
            [w for _, w in REGISTER_COLUMNS],
            style=cell,
            header_style=header,
            center_cols=_CENTERED,
            extra=extra,
        )
    )
    if figures is not None:
        t = figures.total
        # 出具 and 不予出具 always, the others when there are any: the summary fills fewer
        # lines (it ran one line onto a page of its own)
        consulted = f"（其中议事协商后出具 {t.consulted} 件）" if t.consulted else ""
        outcomes = [f"出具 {t.issued} 件{consulted}", f"不予出具 {t.refused} 件"]
        outcomes += [
            f"{label} {n} 件"
            for label, n in (("转部门核查", t.referred), ("待办理", t.pending))
            if n
        ]
        summary = f"本期共登记 {t.requests} 件：{'，'.join(outcomes)}；清单外 {t.unlisted} 件。"
        if figures.agencies:
            top = "、".join(
                f"{mask_id_numbers(a.agency)}（{a.count}件）" for a in figures.agencies[:5]
            )
            summary += f"索要不应出具证明最多的单位：{top}。"
        counts = [m.span() for m in _COUNT.finditer(summary)]
        para = _kept_whole(doc, summary, sum(widths), st.sized(st.plain, SIZE_S4), counts)
        story += [Spacer(1, 6), para]
    return doc.build(story, title=title, subject=period, page_numbers=PageNumbers.ALWAYS)
