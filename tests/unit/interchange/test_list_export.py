"""Exporting an edition to .xlsx: the published shape, and export -> import round trips."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from jianfu.domain.lists import (
    ITEM_FIELD_LABELS,
    AlternativeRoute,
    ItemNature,
    ItemStatus,
    KindMeaning,
    ListEdition,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.domain.progress import Progress
from jianfu.interchange.list_export import chinese_numeral, export_edition
from jianfu.interchange.list_import import read_list_file

EDITION = ListEdition(
    "某县村(社区)工作事项准入清单（2025年版）",
    issuing_body="中共某县委组织部",
    document_number="某组通〔2025〕7号",
    effective_date=dt.date(2025, 1, 1),
)


def sample_items() -> list[ListItem]:
    return [
        ListItem(
            "duty",
            "组织<村民>会议 & 村民代表会议",
            number="1",
            content="召集会议\n公布决定",
            basis="《中华人民共和国村民委员会组织法》第二十一条",
            department="县民政局",
            participation="组织实施",
            nature=ItemNature.LONG_TERM,
            funding="县财政保障",
            scopes=(Scope.VILLAGE, Scope.RURAL_COMMUNITY),
            notes="=不是公式",
        ),
        ListItem("duty", "𠮷祥村务公开", number="01", department="县民政局"),
        ListItem(
            "assist",
            "协助征兵",
            number="A-3",
            nature=ItemNature.STAGED,
            scopes=(Scope.URBAN_COMMUNITY,),
            status=ItemStatus.WITHDRAWN,
            withdrawn_on=dt.date(2025, 6, 30),
            withdrawn_reason="已由人武部直接办理",
        ),
        ListItem("negative", "招商引资", number="1", nature=ItemNature.TEMPORARY),
        ListItem(
            "cert_allowed",
            "监护关系证明",
            number="1",
            basis="《民法典》第二十七条",
            purpose="监护人办理不动产登记",
            procedure="1.申请\n2.入户核实\n3.出具",
            model_text="兹证明 ____ 为 ____ 的监护人。\n特此证明。",
        ),
        ListItem(
            "cert_forbidden",
            "亲属关系证明",
            number="1",
            alternative_route=AlternativeRoute.DATA_SHARING,
            alternative_detail="由公安机关通过人口信息系统核查",
            department="县公安局",
        ),
    ]


def export_and_read(tmp_path: Path, kinds, items, **kw):
    path = tmp_path / "导出.xlsx"
    export_edition(path, EDITION, kinds, items, **kw)
    return path, read_list_file(path, kinds)


def test_round_trip_gives_back_every_field(tmp_path, kinds):
    items = sample_items()
    _path, result = export_and_read(tmp_path, kinds, items)
    assert result.problems == []
    assert result.items == items  # dataclass equality covers every field but ``extra``
    for item in result.items:
        assert item.extra == {}
    assert result.title == EDITION.name
    assert result.document_number == EDITION.document_number
    assert result.effective_date == EDITION.effective_date
    assert result.departments == ["县民政局", "县公安局"]


def test_round_trip_per_field_is_explicit(tmp_path, kinds):
    items = sample_items()
    _path, result = export_and_read(tmp_path, kinds, items)
    for before, after in zip(items, result.items, strict=True):
        for f in dataclasses.fields(ListItem):
            if f.name in ITEM_FIELD_LABELS:
                assert getattr(after, f.name) == getattr(before, f.name), f.name


def test_withdrawn_items_can_be_left_out(tmp_path, kinds):
    items = sample_items()
    _path, result = export_and_read(tmp_path, kinds, items, include_withdrawn=False)
    assert [i.name for i in result.items] == [
        i.name for i in items if i.status != ItemStatus.WITHDRAWN
    ]


def test_the_published_shape(tmp_path, kinds):
    path, _result = export_and_read(tmp_path, kinds, sample_items())
    ws = load_workbook(path)["准入清单"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    ncols = len(ITEM_FIELD_LABELS) + 1
    last = get_column_letter(ncols)
    assert f"A1:{last}1" in merged
    assert f"A2:{last}2" in merged
    assert ws["A1"].value == EDITION.name
    assert ws["A1"].font.bold
    assert "文号：某组通〔2025〕7号" in ws["A2"].value
    assert "生效日期：2025年1月1日" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header == ["序号", *ITEM_FIELD_LABELS.values()]
    assert all(c.font.bold and c.border.left.style == "thin" for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["E"].width >= 20  # 事项名称
    sections = [r[0].value for r in ws.iter_rows(min_row=4) if r[1].value is None]
    assert sections == [
        "一、依法履职事项（2项）",
        "二、协助办理事项（1项）",
        "三、负面事项（1项）",
        "四、可出具证明事项（1项）",
        "五、不应出具证明事项（1项）",
    ]
    assert ws["A5"].value == 1
    assert ws["A6"].value == 2
    assert ws["B6"].value == "01"
    assert ws["B6"].data_type == "s"
    notes_col = header.index("备注") + 1
    assert ws.cell(5, notes_col).data_type == "s"  # "=不是公式" stays text
    assert ws.cell(5, header.index("事项内容") + 1).alignment.wrap_text


def test_kinds_follow_sort_order_and_unknown_codes_come_last(tmp_path):
    kinds = [
        ListKind("b", "乙类事项", KindMeaning.ADMITTED, 2),
        ListKind("a", "甲类事项", KindMeaning.ADMITTED, 1),
    ]
    items = [ListItem("b", "二"), ListItem("x", "三"), ListItem("a", "一")]
    path = tmp_path / "k.xlsx"
    export_edition(path, ListEdition("测试"), kinds, items)
    ws = load_workbook(path).active
    col_a = [r[0].value for r in ws.iter_rows(min_row=4)]
    assert col_a == ["一、甲类事项（1项）", 1, "二、乙类事项（1项）", 1, "三、x（1项）", 1]


def test_export_to_a_stream_with_progress(kinds):
    items = [ListItem("duty", f"事项{i}", number=str(i)) for i in range(1, 451)]
    steps: list[int] = []
    buf = io.BytesIO()
    export_edition(buf, EDITION, kinds, items, progress=Progress(lambda d, t, m: steps.append(d)))
    assert steps == [200, 400, 450]
    assert buf.getvalue()[:2] == b"PK"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (21, "二十一")])
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text
