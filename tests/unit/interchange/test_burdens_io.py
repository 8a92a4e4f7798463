"""Reading and writing the other-burdens ledger: headers, villages, types, problems, duplicates."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.burdens import DEFAULT_BURDEN_TYPES, BurdenRecord, CleanupAction
from jianfu.interchange.burdens import export_burdens, read_burden_file
from jianfu.interchange.table_reader import TableFileError

VILLAGES = {"清溪村": 1, "上洋村": 2, "城南社区": 3}
TODAY = dt.date(2026, 6, 30)
HEADER = [
    "序号",
    "村(社区)",
    "类别",
    "名称",
    "要求部门",
    "频次",
    "依据文件",
    "清理方式",
    "清理日期",
    "备注",
]


def read(path):
    return read_burden_file(path, VILLAGES, DEFAULT_BURDEN_TYPES, today=TODAY)


def places(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_header_below_a_title_with_synonyms_and_dates(xlsx):
    path = xlsx(
        [
            ["清溪镇村级组织工作负担清理台账"],
            ["填报单位：清溪镇组织办"],
            [
                "序号",
                "村居",
                "负担类型",
                "事项名称",
                "要求单位",
                "频率",
                "依据",
                "处置方式",
                "完成时间",
            ],
            [
                1,
                "清溪村",
                "报表",
                "安全隐患排查月报表",
                "县应急局",
                "每月",
                "",
                "已合并",
                "2026-05-06",
            ],
            [2, "城 南 社 区", "微信群", "文明创建群", "县委宣传部", "每日", "", "", None],
            [
                3,
                "上洋村",
                "观摩",
                "文明村镇观摩",
                "",
                "每半年",
                "",
                "取消",
                dt.datetime(2026, 4, 1),
            ],
            ["填表人：林晓燕"],
        ]
    )
    result = read(path)
    assert places(result) == []
    got = [
        (i.unit_name, i.data.unit_id, i.data.type, i.data.name, i.data.action, i.data.action_date)
        for i in result.items
    ]
    assert got == [
        ("清溪村", 1, "form", "安全隐患排查月报表", CleanupAction.MERGED, dt.date(2026, 5, 6)),
        ("城南社区", 3, "channel", "文明创建群", None, None),
        ("上洋村", 2, "inspection", "文明村镇观摩", CleanupAction.CANCELLED, dt.date(2026, 4, 1)),
    ]
    assert [(i.sheet, i.row) for i in result.items] == [("Sheet1", 4), ("Sheet1", 5), ("Sheet1", 6)]


def test_one_sheet_per_type_without_a_type_column(xlsx):
    path = xlsx(
        {
            "工作机制": [["村(社区)", "名称"], ["清溪村", "河长制工作站"]],
            "报表台账": [["村(社区)", "名称"], ["清溪村", "河长制工作站"]],
        }
    )
    result = read(path)
    assert places(result) == []
    assert [(i.data.type, i.data.name) for i in result.items] == [
        ("mechanism", "河长制工作站"),
        ("form", "河长制工作站"),
    ]


def test_one_sheet_per_village_without_a_village_column(xlsx):
    path = xlsx({"上洋村": [["类别", "名称"], ["工作群", "防汛值班群"]]})
    result = read(path)
    assert [(i.unit_name, i.data.name) for i in result.items] == [("上洋村", "防汛值班群")]


def test_every_problem_names_sheet_row_and_column(xlsx):
    path = xlsx(
        {
            "台账": [
                HEADER,
                [1, "清溪村", "报表台账", "好的一行", "", "", "", "", "", ""],
                [2, "不存在村", "报表台账", "村名错", "", "", "", "", "", ""],
                [3, "清溪村", "牌子", "类别错", "", "", "", "", "", ""],
                [4, "清溪村", "报表台账", "", "", "", "", "", "", ""],
                [5, "清溪村", "报表台账", "方式错", "", "", "", "研究中", "", ""],
                [6, "清溪村", "报表台账", "日期在将来", "", "", "", "撤并", "2026-07-01", ""],
                [7, "清溪村", "报表台账", "日期写错", "", "", "", "撤并", "下个月", ""],
                [8, "清溪村", "报表台账", "撤并没日期", "", "", "", "撤并", "", ""],
                [9, "清溪村", "报表台账", "好的一行", "", "", "", "", "", ""],
            ]
        }
    )
    result = read(path)
    problems = places(result)
    assert [i.data.name for i in result.items] == ["好的一行"]
    expected = [
        "工作表“台账”第 3 行 B 列（村(社区)）：本乡镇没有名为“不存在村”的村(社区)",
        "工作表“台账”第 4 行 C 列（类别）：类别“牌子”无法识别",
        "工作表“台账”第 5 行 D 列（名称）：名称为空",
        "工作表“台账”第 6 行 H 列（清理方式）：清理方式应为“撤并”“取消”或“保留”，现为“研究中”",
        "工作表“台账”第 7 行 I 列（清理日期）：清理日期 2026-07-01 晚于今天，不能预填",
        "工作表“台账”第 8 行 I 列（清理日期）：无法识别的日期“下个月”",
        "工作表“台账”第 9 行 I 列（清理日期）：已选“撤并”，请填写清理日期",
        "工作表“台账”第 10 行 D 列（名称）：与工作表“台账”第 2 行重复",
    ]
    assert len(problems) == len(expected)
    for got, want in zip(sorted(problems, key=_row), expected, strict=True):
        assert got.startswith(want), (got, want)


def _row(text: str) -> int:
    return int(text.split("第 ")[1].split(" 行")[0])


def test_missing_name_column_and_unreadable_files(xlsx, tmp_path):
    result = read(xlsx([["村(社区)", "类别", "部门"], ["清溪村", "报表", "县局"]]))
    assert result.items == []
    assert "表头缺少必需的列：“名称”" in places(result)[0]
    pdf = tmp_path / "台账.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(TableFileError, match="PDF 文件"):
        read(pdf)


def test_an_empty_table_is_a_problem(xlsx):
    result = read(xlsx([["村(社区)", "类别", "名称"]]))
    assert result.items == [] and "没有读到任何负担事项" in places(result)[0]


def test_export_reads_back_the_same_entries(tmp_path):
    records = [
        BurdenRecord(
            1,
            1,
            "清溪村",
            "mechanism",
            "河长制工作站",
            "县水利局",
            "常设",
            "某方案",
            CleanupAction.MERGED,
            dt.date(2026, 5, 1),
            "并入综合站",
        ),
        BurdenRecord(2, 3, "城南社区", "channel", "=SUM(A1)", notes="文字以等号开头"),
        BurdenRecord(3, 2, "上洋村", "inspection", "年度考核", action=CleanupAction.KEPT),
    ]
    path = tmp_path / "out.xlsx"
    export_burdens(path, "清溪镇村(社区)其他负担台账", records, DEFAULT_BURDEN_TYPES)
    result = read(path)
    assert places(result) == []
    back = [
        (
            i.data.unit_id,
            i.data.type,
            i.data.name,
            i.data.department,
            i.data.frequency,
            i.data.basis,
            i.data.action,
            i.data.action_date,
            i.data.notes,
        )
        for i in result.items
    ]
    assert back == [
        (
            r.unit_id,
            r.type,
            r.name,
            r.department,
            r.frequency,
            r.basis,
            r.action,
            r.action_date,
            r.notes,
        )
        for r in records
    ]


def test_a_row_with_a_bad_cell_is_also_checked_for_unknown_names(xlsx):
    path = xlsx(
        [
            HEADER,
            [1, "无此村", "未知类别", "安全隐患排查月报表", "县应急局", "每月", "", "扔掉", "", ""],
        ]
    )
    result = read(path)
    fields = sorted(p.field for p in result.problems)
    assert fields == ["action", "type", "unit"], places(result)
    assert all(p.row == 2 for p in result.problems)
    assert any("无此村" in p.message for p in result.problems)
    assert any("未知类别" in p.message for p in result.problems)
