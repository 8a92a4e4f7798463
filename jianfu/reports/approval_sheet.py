"""The approval sheet (村(社区)工作事项准入审批表) sent to the coordination mechanism.

Layout from ``reference/domain.md`` §7: a one-page bordered form; empty fields stay blank
to be filled by hand, and every opinion cell keeps room for a signature and a 4 cm seal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from jianfu.reports.base import (
    FORM_MARGINS,
    SIZE_5,
    OfficialDocument,
    PageNumbers,
    format_date,
    phrases_kept,
)
from jianfu.reports.fonts import FontRole, FontSet

TITLE_SUFFIX = "村(社区)工作事项准入审批表"
CATEGORY_OPTIONS = ("协助", "其他")
NATURE_OPTIONS = ("长期", "阶段", "临时")
SIGNATURE_LINE = "负责人签字：　　　　　（盖章）　　　　年　　月　　日"
ASSESSMENT_REMINDER = "（职能部门不单独对村(社区)进行考核，纳入乡镇(街道)统一考核）"
BLANK_DATE = "　　年　　月　　日"
#: A round official seal is 4 cm across: an opinion cell is at least that tall (content plus
#: the cell's top and bottom padding).
SEAL_ROOM = 4 * cm - 5
#: When three levels' opinions would push the sheet's last row onto a second page, the
#: opinion cells give up this much of their seal room at most (the seal then overlaps the
#: signature line, as seals on forms usually do) so that the sheet stays one page.
SEAL_ROOM_FIT = 3.5 * cm - 5
CHECKED, UNCHECKED = "■", "□"


@dataclass(frozen=True)
class ApprovalSheetData:
    """Everything printed on the sheet, as plain text and dates; empty means "fill by hand"."""

    item_name: str = ""
    region: str = ""  # the county in the title, e.g. 示范县
    #: the township that sends the sheet up, led by its county where the case goes above the
    #: township (示范县城关镇)
    township: str = ""
    applicant_unit: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    serial_number: str = ""
    filled_on: dt.date | None = None
    basis: str = ""  # document and article
    category: str = ""  # 协助 / 其他 (or the other category's name)
    nature: str = ""  # 长期 / 阶段 / 临时
    village_work: str = ""  # 村(社区)承担的具体工作
    villages: str = ""  # which villages/communities
    village_count: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    delegated_powers: str = ""  # 下放权限 (权随责走)
    funding: str = ""  # amount, source and how it is paid (费随事转)
    support: str = ""  # 人员 / 培训 / 设备保障
    assessment: str = ""  # 考核方式
    township_opinion: str = ""
    county_opinion: str = ""
    mechanism_opinion: str = ""
    #: who recorded each opinion in the app and when (``林晓燕　2026年7月3日``); empty: by hand
    township_signed: str = ""
    county_signed: str = ""
    mechanism_signed: str = ""
    mechanism_name: str = "协调机制"  # e.g. 党建引领基层治理协调机制, 联席会议
    notes: str = ""

    @property
    def title(self) -> str:
        """The printed title, e.g. 示范县村(社区)工作事项准入审批表."""
        return f"{self.region.strip()}{TITLE_SUFFIX}"


class _OpinionBox(Flowable):
    """An opinion cell's content: the opinion at the top, the signature line at the bottom."""

    def __init__(
        self,
        opinion: Paragraph | None,
        signature: Paragraph,
        min_height: float,
        record: Paragraph | None = None,
    ):
        super().__init__()
        self.opinion = opinion
        self.signature = signature
        self.record = record  # who recorded the opinion in the app, and when
        self.min_height = min_height
        self._opinion_height = 0.0
        self._signature_height = 0.0
        self._record_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._opinion_height = (
            self.opinion.wrap(avail_width, avail_height)[1] if self.opinion else 0
        )
        self._record_height = self.record.wrap(avail_width, avail_height)[1] if self.record else 0
        self._signature_height = self.signature.wrap(avail_width, avail_height)[1]
        self.width = avail_width
        needed = self._opinion_height + 6 + self._record_height + self._signature_height
        self.height = max(self.min_height, needed)
        return self.width, self.height

    def draw(self) -> None:
        if self.opinion is not None:
            self.opinion.drawOn(self.canv, 0, self.height - self._opinion_height)
        if self.record is not None:
            self.record.drawOn(self.canv, 0, self._signature_height + 2)
        self.signature.drawOn(self.canv, 0, 0)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # keep the opinion and its signature together


def _choices(value: str, options: tuple[str, ...]) -> str:
    """``■协助　□其他``: the chosen option ticked; an unlisted value goes with the last one."""
    value = value.strip()
    if not value:
        return "　".join(UNCHECKED + o for o in options)
    if value not in options:
        return (
            "　".join(UNCHECKED + o for o in options[:-1]) + f"　{CHECKED}{options[-1]}（{value}）"
        )
    return "　".join((CHECKED if o == value else UNCHECKED) + o for o in options)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    return f"{format_date(start, BLANK_DATE)} 至 {format_date(end, BLANK_DATE)}"


def _villages(data: ApprovalSheetData) -> str:
    if data.village_count is None:
        return data.villages if data.villages else ""
    count = f"共{data.village_count}个"
    return f"{data.villages}（{count}）" if data.villages else count


def build_approval_sheet_pdf(data: ApprovalSheetData, *, fonts: FontSet | None = None) -> bytes:
    """The filled (or blank) approval sheet as PDF; one A4 page unless the text is long."""
    doc = OfficialDocument(fonts, margins=FORM_MARGINS)
    st = doc.styles
    size = st.cell.fontSize
    # Forms are denser than body text: tighter leading keeps the sheet on one page.
    value = ParagraphStyle("jf-form-value", parent=st.cell, leading=size * 1.25)
    label = ParagraphStyle("jf-form-label", parent=st.label, leading=size * 1.15)
    small = ParagraphStyle("jf-form-small", parent=st.cell, fontSize=SIZE_5, leading=SIZE_5 * 1.25)
    right = ParagraphStyle("jf-form-right", parent=value, alignment=TA_RIGHT)
    opinion_style = ParagraphStyle("jf-form-opinion", parent=value, firstLineIndent=2 * size)
    title = ParagraphStyle("jf-form-title", parent=st.title, spaceAfter=6)

    story: list[Flowable] = [doc.para(data.title, title)]
    # Two lines under the title, as forms head their table: who sends the sheet and its
    # number, then who applies (with room for its seal) and the date.
    size_pt = value.fontSize

    def width(text: str) -> float:  # as printed: the date's digits are in the Latin face
        return doc.fonts.text_width(text, size_pt, FontRole.BODY) + 2

    lines = [
        [f"乡镇(街道)：{data.township}", f"编号：{data.serial_number or '　　　　'}"],
        [
            f"申请单位(盖章)：{data.applicant_unit}",
            f"填报日期：{format_date(data.filled_on, BLANK_DATE)}",
        ],
    ]
    # The right-hand side as wide as its widest text, the left the rest.
    right_w = max(width(r) for _left, r in lines)
    if width(lines[1][0]) + right_w > doc.frame_width:
        lines[1][0] = "申请单位(盖章)："  # the unit's name is in the table; room to stamp
    if max(width(left) for left, _r in lines) + right_w <= doc.frame_width:
        head_widths = [doc.frame_width - right_w, right_w]
    else:
        head_widths = doc.col_widths((0.45, 0.55))
    head = Table(
        [[doc.para(left, value), doc.para(r, right)] for left, r in lines],
        colWidths=head_widths,
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), doc.fonts.name(FontRole.BODY)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        ),
    )
    story.append(head)

    seal_room = SEAL_ROOM

    def opinion(text: str, signed: str = "") -> _OpinionBox:
        para = doc.para(text, opinion_style) if text.strip() else None
        record = doc.para(f"经办人：{signed}", right) if signed.strip() else None
        return _OpinionBox(para, doc.para(SIGNATURE_LINE, right), seal_room, record)

    fractions = (0.19, 0.29, 0.1, 0.14, 0.08, 0.2)
    value_width = sum(doc.col_widths(fractions)[1:]) - 8  # spanned cell less its padding

    def opinion_rows(name: str, text: str, signed: str = "") -> list[tuple[str, object, float]]:
        box = opinion(text, signed)
        if box.wrap(value_width, doc.frame_height)[1] <= doc.frame_height * 0.4:
            return [(name, box, 0)]
        # Too long for one cell on a page: the text becomes a row that can be continued on
        # the next page, and the signature and seal get a row of their own.
        record = doc.para(f"经办人：{signed}", right) if signed.strip() else None
        signature = _OpinionBox(None, doc.para(SIGNATURE_LINE, right), seal_room, record)
        return [(name, text, 0), ("", signature, 0)]

    assessment = [doc.para(data.assessment, value)] if data.assessment.strip() else []
    assessment.append(doc.para(ASSESSMENT_REMINDER, small))
    category = (
        f"{_choices(data.category, CATEGORY_OPTIONS)}；　{_choices(data.nature, NATURE_OPTIONS)}"
    )

    def sheet_table() -> Flowable:
        return _sheet_table(doc, data, value, label, fractions, opinion_rows, assessment, category)

    table = sheet_table()
    above = sum(f.wrap(doc.frame_width, doc.frame_height)[1] for f in story) + title.spaceAfter
    over = above + table.wrap(doc.frame_width, doc.frame_height)[1] - doc.frame_height
    if 0 < over <= 3 * (SEAL_ROOM - SEAL_ROOM_FIT):
        seal_room = SEAL_ROOM - over / 3 - 1  # the three opinion cells share the saving
        table = sheet_table()
    story.append(table)
    return doc.build(
        story, title=data.title, subject=data.item_name, page_numbers=PageNumbers.MULTI_PAGE
    )


def _sheet_table(
    doc: OfficialDocument,
    data: ApprovalSheetData,
    value: ParagraphStyle,
    label: ParagraphStyle,
    fractions: tuple[float, ...],
    opinion_rows: Callable[[str, str, str], list[tuple[str, object, float]]],
    assessment: Sequence[Flowable],
    category: str,
) -> Flowable:
    mechanism = data.mechanism_name.strip() or "协调机制"
    # (label, content, minimum height when the field is empty: a line to write by hand;
    # labels of two lines make their rows tall enough already)
    span_rows: list[tuple[str, object, float]] = [
        ("设定依据", data.basis, 24),
        ("事项类别", category, 0),
        ("村(社区)承担的具体工作", data.village_work, 48),
        ("涉及村(社区)及数量", _villages(data), 0),
        ("实施起止时间", _period(data.start_date, data.end_date), 0),
        ("下放权限", data.delegated_powers, 24),
        ("经费保障", data.funding, 24),
        ("人员、培训、设备保障", data.support, 0),
        ("考核方式", assessment, 36 if not data.assessment.strip() else 0),
        *opinion_rows("乡镇(街道)意见", data.township_opinion, data.township_signed),
        *opinion_rows("县级审核意见", data.county_opinion, data.county_signed),
        *opinion_rows(f"{mechanism}审批意见", data.mechanism_opinion, data.mechanism_signed),
        ("备注", data.notes, 24),
    ]
    rows: list[list[object]] = [  # text, paragraphs, or a cell's list of flowables
        [doc.para("事项名称", label), data.item_name, "", "", "", ""],
        [
            doc.para("申请单位", label),
            data.applicant_unit,
            doc.para("联系人", label),
            data.contact_person,
            doc.para("电话", label),
            data.contact_phone,
        ],
    ]
    heights: list[float] = [0 if data.item_name.strip() else 24, 24]
    # the mechanism's name (a setting, 宁川市党建引领基层治理协调机制) breaks between its phrases
    named = f"{mechanism}审批意见"
    label_width = doc.col_widths(fractions)[0] - 8  # less the cell's padding
    for name, content, height in span_rows:
        head = (
            phrases_kept(doc, name, label_width, label) if name == named else doc.para(name, label)
        )
        rows.append([head, content, "", "", "", ""])
        blank = not isinstance(content, str) or not content.strip()
        heights.append(height if blank else 0)
    spans = [("SPAN", (1, r), (5, r)) for r in range(len(rows)) if r != 1]
    padding = [
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return doc.table(
        rows,
        fractions,
        header_rows=0,
        style=value,
        extra=[*padding, *spans],
        min_row_heights=heights,
    )
