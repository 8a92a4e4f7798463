"""The approval sheet (审批表): rows, values, signature lines, one page, blank and long input."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.reports.approval_sheet import (
    ASSESSMENT_REMINDER,
    ApprovalSheetData,
    build_approval_sheet_pdf,
)

LABELS = (
    "事项名称",
    "申请单位",
    "联系人",
    "电话",
    "设定依据",
    "事项类别",
    "村(社区)承担的具体工作",
    "涉及村(社区)及数量",
    "实施起止时间",
    "下放权限",
    "经费保障",
    "人员、培训、设备保障",
    "考核方式",
    "乡镇(街道)意见",
    "县级审核意见",
    "备注",
)


@pytest.fixture
def filled() -> ApprovalSheetData:
    return ApprovalSheetData(
        item_name="协助开展城乡居民医疗保险集中参保缴费工作",
        region="示范县",
        township="示范县城关镇",
        applicant_unit="示范县医疗保障局",
        contact_person="张三",
        contact_phone="0593-1234567",
        serial_number="示准〔2026〕12号",
        filled_on=dt.date(2026, 7, 1),
        basis="《社会保险法》第八十二条",
        category="协助",
        nature="阶段",
        village_work="入户宣传参保政策，发放告知书；不承担收缴费用和审核责任。",
        villages="城关村、东风社区、溪口村",
        village_count=12,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 12, 31),
        delegated_powers="无",
        funding="每村(社区)工作经费2000元，由县医保局列入年度预算。",
        support="县医保局派员驻点指导；开展一次业务培训。",
        assessment="由乡镇(街道)统一考核",
        township_opinion="同意报请县协调机制审批。",
        mechanism_name="党建引领基层治理协调机制",
        notes="成绩 < 60 & <b>加粗</b>",
    )


def test_filled_sheet(fonts, filled, read_pdf) -> None:
    pdf = read_pdf(build_approval_sheet_pdf(filled, fonts=fonts))
    assert len(pdf.pages) == 1
    flat = pdf.flat
    assert flat.startswith("示范县村(社区)工作事项准入审批表")
    # the header: the township that sends the sheet and its number, then the applicant and
    # the date, each pair on a line of its own
    assert flat.startswith(
        "示范县村(社区)工作事项准入审批表乡镇(街道)：示范县城关镇编号：示准〔2026〕12号"
        "申请单位(盖章)：示范县医疗保障局填报日期：2026年7月1日事项名称"
    )
    at = flat.index("填报日期")
    for label in LABELS:  # the rows in the order of domain.md §7
        at = flat.index(label, at + 1)
    assert "党建引领基层治理协调机制审批意见" in flat
    for value in (
        "协助开展城乡居民医疗保险集中参保缴费工作",
        "0593-1234567",
        "■协助□其他；□长期■阶段□临时",
        "城关村、东风社区、溪口村（共12个）",
        "2026年9月1日至2026年12月31日",
        "同意报请县协调机制审批。",
        ASSESSMENT_REMINDER,
    ):
        assert value in flat, value
    assert flat.count("负责人签字：") == 3
    assert flat.count("（盖章）") == 3
    assert "成绩<60&<b>加粗</b>" in flat
    assert "—1—" not in flat  # one page: no page number
    assert all(pdf.font_descriptors().values())
    assert pdf.reader.metadata.title == "示范县村(社区)工作事项准入审批表"


def test_blank_sheet_fits_one_page(fonts, read_pdf) -> None:
    pdf = read_pdf(build_approval_sheet_pdf(ApprovalSheetData(), fonts=fonts))
    assert len(pdf.pages) == 1
    flat = pdf.flat
    assert flat.startswith("村(社区)工作事项准入审批表乡镇(街道)：编号：申请单位(盖章)：")
    assert "协调机制审批意见" in flat
    assert "□协助□其他；□长期□阶段□临时" in flat
    assert flat.count("负责人签字：") == 3


def test_unlisted_category_is_written_out(fonts, read_pdf) -> None:
    data = ApprovalSheetData(category="临时交办", nature="临时")
    flat = read_pdf(build_approval_sheet_pdf(data, fonts=fonts)).flat
    assert "□协助■其他（临时交办）；□长期□阶段■临时" in flat


def test_long_text_flows_to_more_pages_with_numbers(fonts, filled, read_pdf) -> None:
    long_work = "".join(f"第{n}项具体工作：入户宣传并登记。" for n in range(150))
    data = ApprovalSheetData(
        item_name="长文本事项", village_work=long_work, county_opinion="同意。"
    )
    pdf = read_pdf(build_approval_sheet_pdf(data, fonts=fonts))
    assert len(pdf.pages) >= 2
    for number, page in enumerate(pdf.pages, start=1):
        assert f"— {number} —" in page
    flat = pdf.flat
    assert "第0项具体工作" in flat
    assert "第149项具体工作" in flat
    assert flat.count("负责人签字：") == 3


def test_an_opinion_longer_than_a_page_is_continued(fonts, read_pdf) -> None:
    data = ApprovalSheetData(township_opinion="".join(f"第{n}条意见。" for n in range(600)))
    pdf = read_pdf(build_approval_sheet_pdf(data, fonts=fonts))
    assert len(pdf.pages) >= 3
    flat = pdf.flat
    assert "第599条意见。" in flat
    assert flat.count("负责人签字：") == 3


def test_three_levels_opinions_signed_in_the_app_stay_on_one_page(fonts, read_pdf) -> None:
    """A county server's case: every level wrote and signed its opinion (walked 2026-12)."""
    data = ApprovalSheetData(
        item_name="关于开展乡村旅游民宿经营情况摸底调查的通知",
        region="南屏县",
        township="南屏县清溪镇",
        applicant_unit="南屏县文化广电和旅游局",
        serial_number="2026-004",
        filled_on=dt.date(2026, 12, 5),
        nature="临时",
        village_work="南屏县文化广电和旅游局关于开展村(社区)乡村旅游民宿经营情况摸底调查的通知。"
        "请各村(社区)于12月20日前安排专人逐户走访辖区内民宿，填写民宿经营情况统计表并拍照上传至工作群。",
        villages="清溪村、上洋村、下岐村、溪口村、东山村、后垅村、坑头村、岭下村等（共13个）",
        village_count=13,
        start_date=dt.date(2027, 2, 1),
        end_date=dt.date(2027, 3, 31),
        township_opinion="属清单外事项，村(社区)无力承担逐户走访，建议由县文旅局自行组织调查。",
        county_opinion="经审核，该项调查属县文旅局自身职责，建议不予准入。",
        mechanism_opinion="该调查属县文旅局自身职责，不得摊派村(社区)，不予准入。",
        township_signed="林晓燕　2026年12月5日",
        county_signed="黄文斌　2026年12月5日",
        mechanism_signed="吴秀琴　2026年12月5日",
        mechanism_name="宁川市党建引领基层治理协调机制",
    )
    pdf = read_pdf(build_approval_sheet_pdf(data, fonts=fonts))
    assert len(pdf.pages) == 1
    text = pdf.pages[0]
    assert "备注" in text and "吴秀琴" in text
    assert "乡镇(街道)：南屏县清溪镇" in pdf.flat
    assert "申请单位(盖章)：南屏县文化广电和旅游局" in pdf.flat  # room for the unit's name


def test_no_closing_mark_reaches_a_cells_border(fonts, monkeypatch) -> None:
    """A ``)`` or ``）`` ending a line of a cell hung past the line's end (ReportLab's
    wrapping) into the cell's 4 pt padding and touched the border (seen on the 审批表 at
    100 dpi: 设定依据 ending in (按月汇总)). No line of any cell is wider than its cell's room,
    the marks at every place of a line, in each kind of row."""
    from reportlab.platypus import Paragraph

    widest: list[float] = []
    wrap = Paragraph.wrap

    def measured(self, avail_width, avail_height):
        size = wrap(self, avail_width, avail_height)
        for line in self.blPara.lines:
            space = line.extraSpace if hasattr(line, "extraSpace") else line[0]
            widest.append(-space)
        return size

    monkeypatch.setattr(Paragraph, "wrap", measured)
    work = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次"
    for n in range(30):  # the marks come at every place of a line
        text = "各" * n + work
        data = ApprovalSheetData(
            item_name=text + "(试行)",
            basis=text + "(按月汇总)",
            village_work=text + "（按月汇总）",
            funding="由" + text + "（见附件）",
            township_opinion=text + "（同意上报）",
            notes=text + ")",
        )
        assert build_approval_sheet_pdf(data, fonts=fonts).startswith(b"%PDF")
    assert len(widest) > 30 * 6
    assert max(widest) <= 0.01


def test_the_date_above_the_table_stays_on_one_line_in_a_wide_latin_face(
    read_pdf, dejavu_latin_fonts
) -> None:
    """填报日期：2026年12月7日 is printed with its digits in the Latin face; measured in the
    Chinese font alone its cell came out too narrow where that face is DejaVu Serif (a Debian
    machine without Liberation): 日 went on a line of its own (walked 2026-12, 1 page)."""
    fonts = dejavu_latin_fonts
    for day in (dt.date(2026, 12, 7), dt.date(2026, 12, 17), dt.date(2026, 7, 1)):
        data = ApprovalSheetData(
            township="南屏县清溪镇",
            applicant_unit="南屏县公安局",
            serial_number="2026-004",
            filled_on=day,
        )
        lines = [line.strip() for line in read_pdf(build_approval_sheet_pdf(data, fonts=fonts))
                 .pages[0].splitlines()]  # fmt: skip
        date = f"填报日期：{day.year}年{day.month}月{day.day}日"
        assert date in lines, lines[:6]


def test_a_long_mechanism_name_breaks_between_its_phrases(fonts, read_pdf) -> None:
    """The label 宁川市党建引领基层治理协调机制审批意见 broke anywhere:
    宁川市党建引 / 领基层治理协 / 调机制审批意 / 见."""
    data = ApprovalSheetData(
        region="南屏县",
        township="南屏县清溪镇",
        item_name="犬只登记摸底",
        mechanism_name="宁川市党建引领基层治理协调机制",
        mechanism_opinion="同意准入。",
    )
    lines = [
        re.sub(r"\s+", "", line)
        for line in read_pdf(build_approval_sheet_pdf(data, fonts=fonts)).text.splitlines()
    ]
    at = lines.index("宁川市")
    assert lines[at : at + 5] == ["宁川市", "党建引领", "基层治理", "协调机制", "审批意见"]
