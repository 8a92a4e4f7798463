"""The header a notice states about itself, and notice files read into text."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.notices import (
    notice_contact,
    read_header,
    recurring_deadline,
    work_deadline,
    work_name,
    work_period,
    work_start,
)
from jianfu.interchange.notice_files import read_notice

NOTICE = """南屏县民政局文件
南民〔2026〕37号
南屏县民政局关于开展2026年度最低生活保障对象动态复核的通知
各乡镇(街道)，各村(社区)：
为规范低保管理，请于6月30日前完成本年度复核。
特此通知。
南屏县民政局
2026年5月8日
"""


def test_header_reads_title_number_department_and_date() -> None:
    h = read_header(NOTICE)
    assert h.title == "南屏县民政局关于开展2026年度最低生活保障对象动态复核的通知"
    assert h.document_number == "南民〔2026〕37号"
    assert h.department == "南屏县民政局"
    assert h.issued_on == dt.date(2026, 5, 8)


def test_header_of_a_bare_line_has_no_invented_fields() -> None:
    h = read_header("请各村统计辖区内独居老人名单")
    assert h.document_number == ""
    assert h.department == ""
    assert h.issued_on is None


def test_square_bracket_numbers_become_the_official_brackets() -> None:
    assert read_header("南应急[2026]5号\n关于…").document_number == "南应急〔2026〕5号"


def test_impossible_signature_date_is_not_a_date() -> None:
    assert read_header("关于某事的通知\n正文\n南屏县民政局\n2026年13月40日").issued_on is None


def test_txt_in_gbk_and_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "a.txt"
    gbk.write_bytes(NOTICE.encode("gb18030"))
    utf = tmp_path / "b.txt"
    utf.write_text(NOTICE, encoding="utf-8-sig")
    for path in (gbk, utf):
        notice = read_notice(path)
        assert "最低生活保障" in notice.text
        assert notice.header.document_number == "南民〔2026〕37号"


def test_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in NOTICE.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "通知.docx"
    document.save(str(path))
    notice = read_notice(path)
    assert notice.header.title.endswith("动态复核的通知")
    assert "6月30日前完成" in notice.text


def test_pdf_text_layer(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "通知.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 12)
    for n, line in enumerate(NOTICE.splitlines()):
        c.drawString(72, 780 - 20 * n, line)
    c.save()
    notice = read_notice(path)
    assert "最低生活保障" in notice.text
    assert notice.header.department == "南屏县民政局"


def test_scanned_pdf_without_text_is_named_as_such(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 300, 300, fill=1)
    c.save()
    with pytest.raises(ValidationError, match="没有文字层"):
        read_notice(path)


def _ofd(path: Path, lines: list[str]) -> None:
    objects = "".join(
        f'<ofd:TextObject ID="{n + 10}" Boundary="20 {30 + 8 * n} 170 6" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="5">{line}</ofd:TextCode></ofd:TextObject>'
        for n, line in enumerate(lines)
    )
    page = (
        '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
        f'<ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        zf.writestr("Doc_0/Document.xml", "<ofd:Document/>")
        zf.writestr("Doc_0/Pages/Page_0/Content.xml", page)


def test_ofd_text_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "通知.ofd"
    _ofd(path, NOTICE.splitlines())
    notice = read_notice(path)
    assert notice.text.splitlines()[1] == "南民〔2026〕37号"
    assert notice.header.issued_on == dt.date(2026, 5, 8)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.xls", b"xx", "不支持"),
        ("a.txt", b"", "空文件"),
        ("a.docx", b"not a zip", "已损坏"),
        ("a.ofd", b"not a zip", "已损坏"),
        ("a.pdf", b"%PDF-1.4 broken", "PDF"),
        ("a.txt", b"hello world", "没有可审核的中文"),
    ],
)
def test_bad_files_get_a_chinese_message_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as err:
        read_notice(path)
    assert message in str(err.value)
    assert name in str(err.value)


@pytest.mark.parametrize(
    ("name", "kind"), [("通知.doc", "旧版 Word（.doc）"), ("通知.WPS", "WPS 文字（.wps）")]
)
def test_a_word_processors_own_file_is_to_be_saved_as_docx(tmp_path: Path, name, kind) -> None:
    """A .doc notice got 不支持“通知.doc”这种文件: the clerk was not told how to go on."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError) as err:
        read_notice(path)
    said = str(err.value)
    assert f"“{name}”是{kind}文件" in said and "“另存为”.docx 后再打开" in said
    assert "复制，粘贴到左侧" in said


def test_missing_file(tmp_path: Path) -> None:
    """The reason in Chinese (the file, not a folder), never the OS's English."""
    with pytest.raises(ValidationError, match="无法打开") as err:
        read_notice(tmp_path / "无此文件.txt")
    assert "文件不存在" in str(err.value) and "No such file" not in str(err.value)


def test_a_notice_pasted_as_one_line_gives_the_title_at_its_head() -> None:
    h = read_header("县农业农村局关于做好秋冬种工作的通知：各村要建立台账，每周报送。")
    assert h.title == "县农业农村局关于做好秋冬种工作的通知"
    assert h.department == "县农业农村局"
    # a lead-in is no issuer: the title is not cut out of the sentence
    lead_in = read_header("按照县委关于做好秋冬种工作的通知，各村要每周报送进度。")
    assert lead_in.title != "按照县委关于做好秋冬种工作的通知"


# ---------------------------------------------------------------- the date the work is due by

DEC_1 = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("请各村（社区）于12月20日前完成核查，并每周五报送进展情况。", dt.date(2026, 12, 20)),
        ("于2026年12月25日前填写排查登记表", dt.date(2026, 12, 25)),
        ("请于１２月２０日之前报送", dt.date(2026, 12, 20)),  # full-width digits
        ("12月底前完成摸底", dt.date(2026, 12, 31)),
        ("截止时间为12月18日", dt.date(2026, 12, 18)),
        ("请于1月10日前报送", dt.date(2027, 1, 10)),  # a December notice: next January
        ("12月5日前完成初查，12月28日前全部完成", dt.date(2026, 12, 28)),  # the last one
        # a period's end: the form's 结束日期 stayed 未定 for this notice
        ("统计工作自2027年1月1日起开展，至2027年12月31日止。", dt.date(2027, 12, 31)),
        ("根据2026年3月5日印发的方案，于12月20日以前完成", dt.date(2026, 12, 20)),
        # a span from now (即日起至…): its end, seen left 未定 in a walk
        ("征集活动即日起至2027年1月31日，请各村广泛发动。", dt.date(2027, 1, 31)),
        ("自发文之日起至1月15日，各村集中开展排查。", dt.date(2027, 1, 15)),
        ("截至2026年11月30日，全县已完成登记", None),  # a count so far, not a deadline
        ("南屏县民政局\n2026年12月1日", None),  # the issue date is not a deadline
        ("按照2025年6月30日前的部署", None),  # before the notice: not this work's deadline
        ("每周五前报送", None),
        ("13月5日前", None),
    ],
)
def test_the_date_the_notice_asks_the_work_done_by(text, due):
    assert work_deadline(text, DEC_1) == due


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("关于开展冬春季爱国卫生运动的通知", "冬春季爱国卫生运动"),
        ("关于配合做好辖区征收拆迁动员工作的函", "辖区征收拆迁动员工作"),
        ("县民政局关于协助开展校园周边食品安全排查的紧急通知", "校园周边食品安全排查"),
        ("关于做好秋冬种农情信息报送的通知（第二批）", "秋冬种农情信息报送"),
        ("关于转发《关于开展冬春季爱国卫生运动的通知》的通知", "冬春季爱国卫生运动"),
        ("关于印发《南屏镇防汛工作方案》的通知", "南屏镇防汛工作方案"),
        ("关于 开展 村级文化活动室 使用情况评比的通知", "村级文化活动室使用情况评比"),
        # no 关于…的通知: the title as typed, for the clerk to edit
        ("秋冬种农情信息报送", "秋冬种农情信息报送"),
        # nothing but asking words left: they stay rather than an empty name
        ("关于开展的通知", "开展"),
        ("", ""),
    ],
)
def test_work_name_is_the_work_a_title_asks_for(title: str, name: str) -> None:
    assert work_name(title) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系人：王丽，电话：6120088", ("王丽", "6120088")),
        ("联系人及电话：王丽 0593-6120088", ("王丽", "0593-6120088")),
        ("联系人：陈建国同志（电话0593－6120088）。", ("陈建国", "0593-6120088")),
        ("联系人：陈建国13805931234", ("陈建国", "13805931234")),
        ("请于2026年12月20日前报送。联系电话：0593-6123456。", ("", "0593-6123456")),
        # a department before the name, a 联系人 with no colon, nothing at all
        ("联系人：县文旅局王丽", ("", "")),
        ("请各村明确一名联系人负责收集，于20261220前报乡镇。", ("", "")),
        ("请于12月20日前完成。", ("", "")),
    ],
)
def test_the_contact_and_phone_a_notice_gives(text, expected):
    assert notice_contact(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("自2027年1月起，各村（社区）每月5日前报送上月情况。", "每月5日前"),
        ("请于每季度末将台账报镇党政办。", "每季度末"),
        ("每周五前报送本周巡查记录", "每周五前"),
        ("每个月 5 号前上报", "每个月5号前"),
        ("每年12月20日前报送年度总结", "每年12月20日前"),
        ("每半年结束后10日内报送", "每半年结束后10日内"),
        ("请各村每周巡查一次。", ""),  # no day named: no deadline
        ("每月开展一次入户走访", ""),
        ("请于2026年12月25日前填写排查登记表。", ""),
    ],
)
def test_a_deadline_that_comes_again_is_read(text, found):
    assert recurring_deadline(text) == found


def test_every_years_date_is_no_end_of_the_work():
    after = dt.date(2026, 12, 3)
    assert work_deadline("每年12月20日前报送年度总结。", after) is None
    assert work_deadline("请于12月20日前报送。", after) == dt.date(2026, 12, 20)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("自2027年1月起，请各村每月5日前报送。", dt.date(2027, 1, 1)),
        ("从1月1日起，各村开展冬季巡查。", dt.date(2027, 1, 1)),  # a December notice
        ("本办法于2027年3月15日起施行。", dt.date(2027, 3, 15)),
        ("自12月10日开始集中排查。", dt.date(2026, 12, 10)),
        ("自即日起开展排查。", None),
        ("请于2026年12月25日前填写排查登记表。", None),
    ],
)
def test_the_date_the_work_starts_from_is_read(text, start):
    assert work_start(text, dt.date(2026, 12, 3)) == start


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "缴费期为2027年1月1日至2027年6月30日。",
            (dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
        ),
        ("集中排查时间：12月10日—12月31日", (dt.date(2026, 12, 10), dt.date(2026, 12, 31))),
        ("1月1日到6月30日开展巡查", (dt.date(2027, 1, 1), dt.date(2027, 6, 30))),  # December
        ("12月15日至1月15日", (dt.date(2026, 12, 15), dt.date(2027, 1, 15))),  # over New Year
        # the data asked for, not when the work is done
        ("请报送2026年1月1日至11月30日的情况。", None),
        ("统计时段为2026年1月1日至12月31日。", None),
        ("请于12月20日前报送。", None),
        ("2月30日至3月5日", None),
    ],
)
def test_a_period_the_work_runs_over_is_read(text, period):
    """缴费期为2027年1月1日至2027年6月30日 left 起止日期 未定: neither 自…起 nor …前."""
    assert work_period(text, dt.date(2026, 12, 1)) == period


def test_a_period_gives_the_works_start_and_end():
    text = "三、缴费期为2027年1月1日至2027年6月30日。\n二、于每月5日前报送乡镇社保所。"
    after = dt.date(2026, 12, 1)
    assert work_start(text, after) == dt.date(2027, 1, 1)
    assert work_deadline(text, after) == dt.date(2027, 6, 30)
    # 自…起 still comes first; a later 前 is still the end
    both = "自2027年2月1日起开展。集中整治1月1日至1月31日，请于2027年8月1日前总结。"
    assert work_start(both, after) == dt.date(2027, 2, 1)
    assert work_deadline(both, after) == dt.date(2027, 8, 1)
