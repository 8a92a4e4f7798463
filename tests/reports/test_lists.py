"""The list edition for posting and the printed comparison of two editions."""

from __future__ import annotations

import re

import pytest
from report_samples import make_items

from jianfu.domain.list_diff import diff_editions
from jianfu.domain.lists import SEED_KINDS, ListEdition, ListItem
from jianfu.reports.lists import build_diff_pdf, build_list_pdf


@pytest.fixture
def posted(fonts, edition, sample_items, read_pdf):
    return read_pdf(build_list_pdf(edition, SEED_KINDS, sample_items, fonts=fonts))


def test_header_names_the_edition(posted) -> None:
    flat = posted.flat
    assert "示范县村(社区)工作事项准入清单(2026年版)" in flat
    assert "示组通〔2026〕3号" in flat
    assert "自2026年7月1日起施行" in flat
    assert posted.reader.metadata.title == "示范县村(社区)工作事项准入清单(2026年版)"


def test_kinds_are_numbered_headings_with_counts(posted) -> None:
    flat = posted.flat
    # 20 items, 4 per kind; one duty item is withdrawn and left out.
    expected = [
        "一、依法履职事项（3项）",
        "二、协助办理事项（4项）",
        "三、负面事项（4项）",
        "四、可出具证明事项（4项）",
        "五、不应出具证明事项（4项）",
    ]
    positions = [flat.index(h) for h in expected]
    assert positions == sorted(positions)


def test_columns_and_rows(posted) -> None:
    flat = posted.flat
    for column in ("序号", "事项名称", "事项内容", "设定依据", "责任单位"):
        assert column in flat
    for column in ("证明名称", "办理用途", "替代途径"):
        assert column in flat
    assert "部门核查：由公安机关通过户籍信息核查" in flat
    assert "县人力资源和社会保障局" in flat
    assert "已经退出的旧事项" not in flat


def test_user_text_appears_literally(posted) -> None:
    flat = posted.flat
    assert "成绩<60分&<b>加粗</b>的事项" in flat
    assert "AT&T第1行第2行" in flat
    assert "a<b" in flat


def test_withdrawn_items_on_request(fonts, edition, sample_items, read_pdf) -> None:
    pdf = read_pdf(
        build_list_pdf(edition, SEED_KINDS, sample_items, fonts=fonts, include_withdrawn=True)
    )
    assert "已经退出的旧事项（已退出）" in pdf.flat
    assert "一、依法履职事项（4项）" in pdf.flat


def test_items_of_unknown_kinds_are_not_dropped(fonts, edition, read_pdf) -> None:
    items = [ListItem("duty", "调解民间纠纷"), ListItem("local_extra", "本地特色事项")]
    pdf = read_pdf(build_list_pdf(edition, SEED_KINDS, items, fonts=fonts))
    assert "二、其他事项（1项）" in pdf.flat
    assert "本地特色事项" in pdf.flat


def test_empty_edition_says_so(fonts, read_pdf) -> None:
    pdf = read_pdf(build_list_pdf(ListEdition(name="空清单"), SEED_KINDS, [], fonts=fonts))
    assert "本版清单暂无事项" in pdf.flat


def test_pages_are_landscape_with_embedded_fonts(posted) -> None:
    for page in posted.reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    used = posted.font_descriptors()
    assert used
    assert all(used.values()), used


def test_a_300_item_edition(fonts, edition, read_pdf) -> None:
    pdf = read_pdf(build_list_pdf(edition, SEED_KINDS, make_items(300), fonts=fonts))
    # About 8-12 rows fit on a landscape page: 300 rows plus headings need 25-45 pages.
    assert 20 <= len(pdf.pages) <= 60
    for number, page in enumerate(pdf.pages, start=1):
        assert "序号" in page  # the header row is repeated on every page
        assert f"— {number} —" in page
    flat = pdf.flat
    assert "一、依法履职事项（60项）" in flat
    assert "五、不应出具证明事项（60项）" in flat
    # every item printed once, numbered 1..60 under its kind
    assert len(re.findall(r"（第\d+项）", flat)) == 300


def test_comparison_of_two_editions(fonts, read_pdf) -> None:
    old = make_items(10)
    new = list(old)
    new[1] = ListItem(
        new[1].kind,
        new[1].name,
        number=new[1].number,
        content="修改后的内容",
        department="县医保局",
    )
    removed = new.pop(2)
    new.append(ListItem("duty", "组织开展移风易俗宣传", content="宣传新风尚", basis="县委文件"))
    diff = diff_editions(old, new, old_name="2025年版", new_name="2026年版", kinds=SEED_KINDS)
    pdf = read_pdf(build_diff_pdf(diff, fonts=fonts))
    flat = pdf.flat
    assert "清单版本对照表" in flat
    assert "原版本：2025年版" in flat
    assert "新增1项，退出1项，调整1项" in flat
    assert "一、新增事项（1项）" in flat
    assert "组织开展移风易俗宣传" in flat
    assert "二、退出事项（1项）" in flat
    assert removed.name in flat
    assert "三、调整事项（1项）" in flat
    for text in ("事项内容", "修改后的内容", "责任单位", "县人力资源和社会保障局", "县医保局"):
        assert text in flat
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pdf.reader.pages)
    assert all(pdf.font_descriptors().values())


def test_comparison_without_differences(fonts, read_pdf) -> None:
    items = make_items(5)
    pdf = read_pdf(build_diff_pdf(diff_editions(items, items), fonts=fonts))
    assert "没有变化" in pdf.flat
