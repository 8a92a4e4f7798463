"""The 牌子 and 其他负担 ledgers exported by the county reviewer name each row's township in a
乡镇(街道) column, as the screens name it above the village: two townships' 清溪村 were two
rows of 清溪村 the reader could not tell apart. A township's export has no such column. One
village's 负担台账 is titled with its township too."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from jianfu.domain.boards import BoardInput
from jianfu.domain.burdens import BurdenFilter, BurdenInput
from jianfu.domain.units import UnitType
from jianfu.interchange.board_io import read_board_file
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from tests.conftest import same_village_twice

TOWNSHIP = UnitType.TOWNSHIP.value  # 乡镇(街道), the screens' column header


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def _table(path) -> tuple[list[str], list[dict[str, object]]]:
    """The header (row 2, under the title) and the rows as header -> value."""
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    header = [str(v) for v in rows[1]]
    return header, [dict(zip(header, r, strict=True)) for r in rows[2:]]


def test_the_county_reviewers_board_export_names_each_boards_township(demo_ctx, tmp_path):
    person, town_name, other_village = same_village_twice(demo_ctx)
    service = BoardsService(demo_ctx)
    service.add_board(BoardInput(other_village, "石门乡清溪村综治中心", category="门牌"))
    service.export(tmp_path / "乡镇.xlsx")
    header, _rows = _table(tmp_path / "乡镇.xlsx")
    assert TOWNSHIP not in header  # a township's own export, as before
    assert header[0] == "村(社区)"

    demo_ctx.person = person
    service.export(tmp_path / "县.xlsx")
    header, rows = _table(tmp_path / "县.xlsx")
    assert header[:2] == [TOWNSHIP, "村(社区)"]  # the township over the village, as on screen
    towns = {r[TOWNSHIP] for r in rows if r["村(社区)"] == "清溪村"}
    assert towns == {town_name, "石门乡"}
    assert all(r[TOWNSHIP] for r in rows)
    mine = [r for r in rows if r["牌子名称"] == "石门乡清溪村综治中心"]
    assert [r[TOWNSHIP] for r in mine] == ["石门乡"]
    # township by township, as the county's prints (石门乡's board came first: its 清溪村 is
    # first in its township's order, and the villages' orders were mixed)
    assert [r[TOWNSHIP] for r in rows] == [town_name] * (len(rows) - 1) + ["石门乡"]
    read = read_board_file(tmp_path / "县.xlsx")  # the reader passes over the new column
    assert [(r.village, r.data.name) for r in read.rows] == [
        (r["村(社区)"], r["牌子名称"]) for r in rows
    ]


def test_the_county_reviewers_burden_export_names_each_entrys_township(demo_ctx, tmp_path):
    person, town_name, other_village = same_village_twice(demo_ctx)
    service = BurdensService(demo_ctx)
    code = service.types()[0].code
    service.add(BurdenInput(other_village, code, "石门乡清溪村的报表"))
    service.export(tmp_path / "乡镇.xlsx")
    header, _rows = _table(tmp_path / "乡镇.xlsx")
    assert TOWNSHIP not in header
    assert header[:2] == ["序号", "村(社区)"]

    demo_ctx.person = person
    service.export(tmp_path / "县.xlsx")
    header, rows = _table(tmp_path / "县.xlsx")
    assert header[:3] == ["序号", TOWNSHIP, "村(社区)"]
    towns = {r[TOWNSHIP] for r in rows if r["村(社区)"] == "清溪村"}
    assert towns == {town_name, "石门乡"}
    assert all(r[TOWNSHIP] for r in rows)
    mine = [r for r in rows if r["名称"] == "石门乡清溪村的报表"]
    assert [r[TOWNSHIP] for r in mine] == ["石门乡"]
    assert [r[TOWNSHIP] for r in rows] == [town_name] * (len(rows) - 1) + ["石门乡"]
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))


def test_a_village_of_the_county_exported_alone_still_names_its_township(demo_ctx, tmp_path):
    """In its rows and in the title (清溪村其他负担台账 was either township's 清溪村)."""
    person, _town_name, other_village = same_village_twice(demo_ctx)
    BurdensService(demo_ctx).add(
        BurdenInput(other_village, BurdensService(demo_ctx).types()[0].code, "石门乡的表")
    )
    one = BurdenFilter(unit_id=other_village)
    path = BurdensService(demo_ctx).export(tmp_path / "镇.xlsx", one)
    assert load_workbook(path).active["A1"].value == "清溪村其他负担台账"  # a township's, as before
    demo_ctx.person = person
    path = BurdensService(demo_ctx).export(tmp_path / "村.xlsx", one)
    _header, rows = _table(path)
    assert [(r[TOWNSHIP], r["村(社区)"]) for r in rows] == [("石门乡", "清溪村")]
    assert load_workbook(path).active["A1"].value == "石门乡清溪村其他负担台账"
    text = _pdf_text(BurdensService(demo_ctx).print_ledger(other_village))
    assert "石门乡清溪村其他负担台账" in text
