"""A plain official notice letter (告知书, refusals): title, addressee, body, issuer and date.

Used for the 不予准入告知书, refusals of negative-list tasks and certificate refusals; the
callers write the words, this module only lays them out after GB/T 9704-2012.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer

from jianfu.reports.base import (
    BODY_LEADING,
    SIZE_3,
    OfficialDocument,
    PageNumbers,
    format_date,
)
from jianfu.reports.fonts import FontRole, FontSet

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
#: A heading is short and does not read as a sentence (no full stop before its end).
_HEADING_MAX = 40


@dataclass(frozen=True)
class NoticeLetter:
    """The words of a notice letter, as plain text; the layout is the same for all of them."""

    title: str
    addressee: str = ""  # e.g. 示范县医疗保障局 (a full-width colon is added)
    paragraphs: Sequence[str] = ()  # body paragraphs; "一、" and "（一）" lines become headings
    issuer: str = ""  # e.g. 示范县城关镇党委组织办
    date: dt.date | None = None
    document_number: str = ""  # printed under the title, e.g. 城组告〔2026〕3号
    attachments: Sequence[str] = ()  # names of attachments (附件)
    cc: str = ""  # 抄送 line, e.g. 县委社会工作部，县医疗保障局


def _addressee(text: str) -> str:
    text = text.strip().rstrip(":：").strip()
    return f"{text}：" if text else ""


def _heading_level(text: str) -> int:
    """1 for "一、…" and 2 for "（一）…" headings; 0 for ordinary paragraphs."""
    stripped = text.strip()
    if len(stripped) > _HEADING_MAX or "。" in stripped[:-1]:
        return 0
    if _LEVEL1.match(stripped):
        return 1
    if _LEVEL2.match(stripped):
        return 2
    return 0


def _signature(doc: OfficialDocument, issuer: str, date_text: str) -> list[Flowable]:
    """Issuer centred over the date, the date 4 characters in from the right (GB/T 9704 7.3.5).

    Both are measured as printed: the date's digits (and any in the issuer) are in the Latin
    face, which may be much wider than the Chinese font's own digits (DejaVu Serif's)."""
    st = doc.styles.signature
    w_issuer = doc.fonts.text_width(issuer, SIZE_3, FontRole.BODY)
    w_date = doc.fonts.text_width(date_text, SIZE_3, FontRole.BODY)
    if w_issuer <= w_date:
        date_indent = 4 * SIZE_3
        issuer_indent = date_indent + (w_date - w_issuer) / 2
    else:
        issuer_indent = 2 * SIZE_3
        date_indent = issuer_indent + (w_issuer - w_date) / 2
    out: list[Flowable] = []
    if issuer:
        out.append(
            doc.para(issuer, ParagraphStyle("jf-issuer", parent=st, rightIndent=issuer_indent))
        )
    if date_text:
        out.append(
            doc.para(date_text, ParagraphStyle("jf-date", parent=st, rightIndent=date_indent))
        )
    return out


#: Leadings tried, in turn, for a letter whose seal and date would otherwise go over to a
#: page of their own: GB/T 9704-2012 7.3.5.4 allows "调整行距、字距" when the space left cannot
#: hold the seal and the date. 三号 (16 pt) text stays at least 1.5 lines apart.
TIGHTER_LEADINGS = (27.0, 25.5, 24.0)


def build_letter_pdf(
    letter: NoticeLetter,
    *,
    fonts: FontSet | None = None,
    page_numbers: PageNumbers = PageNumbers.MULTI_PAGE,
) -> bytes:
    """The letter as PDF bytes, A4 portrait with the official margins.

    A letter that would run onto a second page only a little (its last paragraph, the room
    for the seal and the signature) is set with a smaller leading instead, so that it stays
    on one page; a longer letter keeps the official leading and its pages.
    """
    data, pages = _build(letter, fonts, page_numbers, BODY_LEADING)
    if pages == 2:
        for leading in TIGHTER_LEADINGS:
            tighter, count = _build(letter, fonts, page_numbers, leading)
            if count == 1:
                return tighter
    return data


def _build(
    letter: NoticeLetter, fonts: FontSet | None, page_numbers: PageNumbers, leading: float
) -> tuple[bytes, int]:
    """The PDF with the body's lines ``leading`` points apart, and its number of pages."""
    doc = OfficialDocument(fonts)
    if leading != BODY_LEADING:
        styles = doc.styles
        doc.styles = replace(
            styles,
            **{
                name: ParagraphStyle(
                    f"{getattr(styles, name).name}-{leading:g}",
                    parent=getattr(styles, name),
                    leading=leading,
                )
                for name in ("subtitle", "body", "heading1", "heading2", "addressee", "signature")
            },
        )
    st = doc.styles
    story: list[Flowable] = [doc.para(letter.title, st.title)]
    if letter.document_number:
        story.append(doc.para(letter.document_number, st.subtitle))
    story.append(Spacer(1, leading / 2))
    if letter.addressee.strip():
        story.append(doc.para(_addressee(letter.addressee), st.addressee))
    for text in letter.paragraphs:
        level = _heading_level(text)
        style = {1: st.heading1, 2: st.heading2}.get(level, st.body)
        story.append(doc.para(text.strip(), style))

    if letter.attachments:
        story.append(Spacer(1, leading))
        names = list(letter.attachments)
        if len(names) == 1:
            lines = [f"附件：{names[0]}"]
        else:
            lines = [f"附件：1.{names[0]}"] + [
                f"　　　{n}.{name}" for n, name in enumerate(names[1:], start=2)
            ]
        story += [doc.para(line, st.body) for line in lines]

    date_text = format_date(letter.date, "") if letter.date else ""
    signature = _signature(doc, letter.issuer.strip(), date_text)
    if signature:
        # Room for the seal, which covers the issuer's name and the date; the last paragraph
        # goes with them so the signature never stands alone on a page.
        last = [story.pop()] if len(story) > 1 else []
        story.append(KeepTogether([*last, Spacer(1, 2 * leading), *signature]))

    if letter.cc.strip():
        cc = letter.cc.strip().rstrip("。.")
        block = [
            HRFlowable(width="100%", thickness=1, color=colors.black, spaceAfter=4),
            doc.para(f"抄送：{cc}。", _cc_style(doc)),
            HRFlowable(width="100%", thickness=1, color=colors.black, spaceBefore=4),
        ]
        height = sum(
            f.wrap(doc.frame_width, doc.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in block
        )
        # The 版记 (抄送) sits at the foot of the last page.
        story += [_FillToBottom(height + 2, doc.frame_height), *block]
    data = doc.build(story, title=letter.title, subject=letter.title, page_numbers=page_numbers)
    return data, doc.page_count


class _FillToBottom(Flowable):
    """Empty space down to ``reserved`` points above the foot of the page, to push a block
    there; when less than that is left, it moves to the next page."""

    def __init__(self, reserved: float, frame_height: float) -> None:
        super().__init__()
        self.reserved = reserved
        self.frame_height = frame_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if avail_height >= self.reserved:
            self.height = avail_height - self.reserved
        elif self.reserved >= self.frame_height:
            self.height = 0  # a block taller than a page: just let it flow
        else:
            self.height = avail_height + 1  # too tall: the frame moves us to the next page
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


def _cc_style(doc: OfficialDocument) -> ParagraphStyle:
    """四号 body font, indented one character on both sides (GB/T 9704 版记)."""
    small = doc.styles.small
    return ParagraphStyle(
        "jf-cc", parent=small, leftIndent=small.fontSize, rightIndent=small.fontSize
    )
