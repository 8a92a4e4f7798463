"""Reading and writing signboard ledgers (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.domain.boards import BoardStatus, Disposition, Placement, Signboard
from jianfu.interchange.board_io import (
    export_boards,
    parse_quantity,
    parse_yes_no,
    read_board_file,
    split_placement,
)


def test_placement_with_room_and_values():
    assert split_placement("内部·会议室") == (Placement.INSIDE, "会议室")
    assert split_placement("室内（调解室）") == (Placement.INSIDE, "调解室")
    assert split_placement("") == (Placement.OUTSIDE, "")
    with pytest.raises(ValueError, match="位置应为"):
        split_placement("楼顶")
    assert parse_quantity("3块") == 3 and parse_quantity(None) is None
    with pytest.raises(ValueError, match="整数"):
        parse_quantity("1.5")
    assert parse_yes_no("√") is True and parse_yes_no("否") is False


def test_header_below_a_title_with_synonyms(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["某镇村级牌子排查台账"])
    ws.append(["填报单位：某镇"])
    ws.append(["所在村", "牌匾名称", "牌子类别", "挂牌位置", "挂牌部门", "处置方式", "清理日期"])
    ws.append(["岭下村", "综治中心", "吊牌", "外部", "县委政法委", "摘牌", dt.datetime(2026, 5, 1)])
    ws.append(["岭下村", "值班制度", "制度牌", "内部-办公室", "", "", None])
    ws.append(["岭下村", "妇女之家", "方牌", "外部", "", "烧掉", None])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    read = read_board_file(path)
    assert [r.data.name for r in read.rows] == ["综治中心", "值班制度", "妇女之家"]
    first, second = read.rows[0], read.rows[1]
    assert first.village == "岭下村" and first.row == 4
    assert first.data.disposition is Disposition.REMOVE
    assert first.data.disposed_on == dt.date(2026, 5, 1)
    assert (second.data.placement, second.data.room) == (Placement.INSIDE, "办公室")
    assert len(read.problems) == 1
    assert "第 6 行" in str(read.problems[0]) and "处置应为" in str(read.problems[0])


def test_export_writes_the_required_columns_and_reads_back(tmp_path):
    board = Signboard(
        id=1,
        village_id=2,
        village="岭下村",
        name="=综治中心",
        category="吊牌",
        placement=Placement.INSIDE,
        room="会议室",
        department="县委政法委",
        basis="",
        size_material="",
        quantity=2,
        disposition=Disposition.MERGE,
        disposed_on=dt.date(2026, 5, 1),
        status=BoardStatus.DISPOSED,
        registered_on=dt.date(2026, 4, 1),
        approved_addition=False,
        approval_document="",
        first_reviewer="林晓燕",
        second_reviewer="",
        notes="",
        allowed=False,
    )
    path = tmp_path / "out.xlsx"
    assert export_boards(path, [board], title="岭下镇村(社区)牌子台账") == 1
    ws = load_workbook(path).active
    header = [c.value for c in ws[2]]
    for column in (
        "村(社区)",
        "牌子名称",
        "类别",
        "位置",
        "要求挂牌部门",
        "处置",
        "处置日期",
        "状态",
    ):
        assert column in header
    assert ws.cell(3, header.index("牌子名称") + 1).value == "=综治中心"  # text, not a formula
    read = read_board_file(path)
    assert not read.problems
    row = read.rows[0]
    assert (row.data.name, row.data.room, row.data.quantity) == ("=综治中心", "会议室", 2)
    assert row.status is BoardStatus.DISPOSED
