"""The generic table reader: headers, merged cells, formulas, odd files, big sheets."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from jianfu.domain.progress import Cancelled, Progress
from jianfu.interchange.table_reader import (
    FieldSpec,
    ImportProblem,
    TableFileError,
    TableReader,
    normalize_header,
    parse_code,
    parse_date,
    parse_text,
    read_table,
)

FIELDS = [
    FieldSpec("number", "编号", ("序号",), parser=parse_code),
    FieldSpec("kind", "类别", ("清单类别",)),
    FieldSpec("name", "事项名称", ("名称", "工作事项"), required=True, parser=parse_text),
    FieldSpec("department", "责任单位", ("责任部门", "牵头部门"), parser=parse_text),
    FieldSpec("date", "生效日期", ("日期",), parser=parse_date),
]
HEADER = ["序号", "类别", "事项名称", "责任单位", "生效日期"]


def read(path: Path, **kw) -> tuple[list, list[ImportProblem]]:
    return read_table(path, FIELDS, **kw)


def names(rows) -> list[str]:
    return [r.values["name"] for r in rows if r.section is None]


# ------------------------------------------------------------------ headers


def test_no_recognisable_header_is_one_problem_naming_sheet_and_expected_headers(xlsx):
    path = xlsx({"汇总": [["甲", "乙"], [1, 2], ["随便", "什么"]]})
    rows, problems = read(path)
    assert rows == []
    assert len(problems) == 1
    text = str(problems[0])
    assert "工作表“汇总”" in text
    assert "没有找到表头" in text
    assert "事项名称" in text
    assert "责任单位" in text


def test_missing_required_column_is_reported_at_the_header_row(xlsx):
    path = xlsx([["标题"], ["序号", "类别", "责任单位"], [1, "duty", "民政局"]])
    rows, problems = read(path)
    assert rows == []
    assert len(problems) == 1
    p = problems[0]
    assert (p.sheet, p.row) == ("Sheet1", 2)
    assert "缺少必需的列" in p.message
    assert "事项名称" in p.message
    assert "工作表“Sheet1”第 2 行" in str(p)


def test_header_variants_spaces_brackets_breaks_and_stars_are_tolerated(xlsx):
    header = ["序 号", "*类别", "事项名称\n（必填）", "责任（牵头）部门", "生效日期:"]
    path = xlsx([header, ["1", "a", "组织选举", "民政局", None], ["", "", "", "", ""]])
    rows, problems = read(path)
    assert problems == []
    assert rows[0].values["name"] == "组织选举"
    assert rows[0].values["department"] == "民政局"
    assert rows[0].column_ref("name") == "C（事项名称（必填））"
    assert normalize_header(" 事项名称 （必填）* ") == "事项名称(必填)"


def test_unknown_columns_are_kept_as_extra_and_best_synonym_wins(xlsx):
    path = xlsx([["序号", "编号", "名称", "联系人电话"], [1, "A-01", "调解纠纷", "123"]])
    rows, problems = read(path)
    assert problems == []
    row = rows[0]
    assert row.values["number"] == "A-01"  # 编号 (the label) beats 序号 (a synonym)
    assert row.extra == {"序号": "1", "联系人电话": "123"}


def test_merged_title_rows_above_the_header(xlsx):
    rows_in = [
        ["某县村(社区)工作事项准入清单"],
        ["文号：某组〔2025〕1号"],
        [],
        HEADER,
        [1, "duty", "宣传法律法规", "司法局", "2025-01-01"],
    ]
    path = xlsx(rows_in, merges=["A1:E1", "A2:E2"])
    reader = TableReader(path, FIELDS)
    rows = list(reader.rows())
    assert reader.problems == []
    assert reader.headers[0].row == 4
    assert reader.headers[0].preamble == ("某县村(社区)工作事项准入清单", "文号：某组〔2025〕1号")
    assert [(r.row, r.values["name"]) for r in rows] == [(5, "宣传法律法规")]


def test_two_row_header_with_merged_top_cells(xlsx):
    rows_in = [
        ["序号", "事项名称", "责任", None],
        [None, None, "牵头部门", "生效日期"],
        [1, "发展党员", "组织部", None],
    ]
    path = xlsx(rows_in, merges=["A1:A2", "B1:B2", "C1:D1"])
    rows, problems = read(path)
    assert problems == []
    assert [(r.row, r.values["name"], r.values["department"]) for r in rows] == [
        (3, "发展党员", "组织部")
    ]


def test_repeated_header_rows_are_skipped(xlsx):
    path = xlsx([HEADER, [1, "", "甲", "", None], HEADER, [2, "", "乙", "", None]])
    rows, problems = read(path)
    assert problems == []
    assert names(rows) == ["甲", "乙"]


# ------------------------------------------------------------------ rows


def test_blank_and_note_rows_are_skipped(xlsx):
    path = xlsx(
        [
            HEADER,
            [1, "", "甲", "", None],
            [],
            [None, None, None, None, None],
            ["  ", "\u3000", "", None, None],
            [2, "", "乙", "", None],
            ["备注：本清单自印发之日起施行"],
            ["注:以上事项动态调整"],
            ["说明：由县委组织部负责解释"],
            ["填表人：张三", None, "审核人：李四"],
        ],
        merges=["A7:E7"],
    )
    rows, problems = read(path)
    assert problems == []
    assert [(r.row, r.values["name"]) for r in rows] == [(2, "甲"), (6, "乙")]


def test_vertically_merged_cells_are_carried_down(xlsx):
    path = xlsx(
        [
            HEADER,
            [1, "协助", "甲", "民政局", None],
            [2, None, "乙", None, None],
            [3, None, "丙", "卫健委", None],
            [4, "负面", "丁", None, None],
            [None, None, None, None, None],
        ],
        merges=["B2:B4", "D2:D3", "B5:B6"],
    )
    rows, problems = read(path)
    assert problems == []
    got = [(r.values["name"], r.values["kind"], r.values["department"]) for r in rows]
    assert got == [
        ("甲", "协助", "民政局"),
        ("乙", "协助", "民政局"),
        ("丙", "协助", "卫健委"),
        ("丁", "负面", ""),
    ]


def test_merge_across_header_and_data_is_reported(xlsx):
    path = xlsx(
        [["序号", "类别", "事项名称"], [1, None, "甲"], [2, None, "乙"]],
        merges=["B1:B3"],
    )
    _rows, problems = read(path)
    assert len(problems) == 1
    p = problems[0]
    assert p.sheet == "Sheet1"
    assert p.row == 2
    assert p.column == "B（类别）"
    assert "B1:B3" in p.message
    assert "跨越表头" in p.message


def test_required_value_missing_is_a_problem_with_sheet_row_and_column(xlsx):
    path = xlsx([HEADER, [1, "", "", "民政局", None]])
    rows, problems = read(path)
    assert len(rows) == 1
    assert [str(p) for p in problems] == ["工作表“Sheet1”第 2 行 C 列（事项名称）：事项名称为空"]


def test_numbers_stored_as_text_and_numbers_where_text_is_expected(xlsx):
    path = xlsx(
        [
            HEADER,
            [1, "", "甲", 12345, None],
            ["2", "", 3.0, "x", None],
            [3.0, "", "丙", 2.5, None],
            ["4.0", "", "丁", True, None],
            ["\uff15", "", "戊", None, None],
        ]
    )
    rows, problems = read(path)
    assert problems == []
    got = [(r.values["number"], r.values["name"], r.values["department"]) for r in rows]
    assert got == [
        ("1", "甲", "12345"),
        ("2", "3", "x"),
        ("3", "丙", "2.5"),
        ("4", "丁", "是"),
        ("5", "戊", ""),
    ]


def test_dates_as_excel_dates_serials_and_text(xlsx):
    path = xlsx(
        [
            HEADER,
            [1, "", "a", "", dt.datetime(2025, 1, 1)],
            [2, "", "b", "", "2025-01-01"],
            [3, "", "c", "", "2025年1月1日"],
            [4, "", "d", "", "2025.1.1"],
            [5, "", "e", "", "2025/01/01"],
            [6, "", "f", "", 45658],
            [7, "", "g", "", "明年"],
            [8, "", "h", "", "2025-02-30"],
        ]
    )
    rows, problems = read(path)
    assert [r.values["date"] for r in rows[:6]] == [dt.date(2025, 1, 1)] * 6
    assert [(p.row, p.column) for p in problems] == [(8, "E（生效日期）"), (9, "E（生效日期）")]
    assert "无法识别的日期“明年”" in problems[0].message


def test_parse_code_and_date_units():
    assert parse_code(1) == parse_code("1") == parse_code(1.0) == parse_code("1.0") == "1"
    assert parse_code("01") == "01"
    assert parse_code(1.5) == "1.5"
    assert parse_date(None) is None
    assert parse_date("") is None
    assert parse_date("20250101") == dt.date(2025, 1, 1)
    with pytest.raises(ValueError, match=r"无法识别"):
        parse_date("2025-13-01")


# ------------------------------------------------------------------ formulas


def test_formulas_with_cached_values_are_read_and_without_are_problems(xlsx, cache_values):
    # openpyxl cannot store a formula's result; cache_values writes it into the sheet XML
    # the way Excel does when it saves (see conftest.add_cached_values).
    path = xlsx(
        [
            HEADER,
            ["=ROW()-1", "", "甲", '="民"&"政局"', None],
            ["=ROW()-1", "", "乙", "=D2", None],
        ]
    )
    cache_values(path, {"A2": 1, "D2": "民政局"})
    rows, problems = read(path)
    assert rows[0].values["number"] == "1"
    assert rows[0].values["department"] == "民政局"
    assert [(p.row, p.column) for p in problems] == [(3, "A（序号）"), (3, "D（责任单位）")]
    assert all("公式没有计算结果" in p.message for p in problems)
    assert rows[1].values["department"] == ""


def test_error_values_are_problems(xlsx, cache_values):
    path = xlsx([HEADER, [1, "", "甲", "=1/0", None]])
    xml_path = path
    with zipfile.ZipFile(xml_path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>1/0</f>" in xml
    cache_values(path, {"D2": "#DIV/0!"})
    _rows, problems = read(path)
    assert [(p.row, p.column) for p in problems] == [(2, "D（责任单位）")]
    assert "#DIV/0!" in problems[0].message


# ------------------------------------------------------------------ files that are not tables


def test_renamed_png_is_one_clear_error_naming_the_file(tmp_path):
    path = tmp_path / "清单.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(TableFileError, match=r"清单.xlsx") as err:
        read(path)
    assert "图片" in str(err.value)


def test_renamed_text_file_is_one_clear_error(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_text("序号,事项名称\n1,甲\n", encoding="utf-8")
    with pytest.raises(TableFileError, match=r"名单.xlsx") as err:
        read(path)
    assert "不是 Excel 工作簿" in str(err.value)
    assert ".csv" in str(err.value)


def test_other_zip_files_are_named(tmp_path):
    path = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(TableFileError, match=r"通知.xlsx.*Word 文档"):
        read(path)


def test_a_real_workbook_with_a_wrong_extension_is_read(xlsx):
    path = xlsx([HEADER, [1, "", "甲", "", None]], name="其实是新格式.xls")
    rows, problems = read(path)
    assert problems == []
    assert names(rows) == ["甲"]


def test_hidden_sheets_are_skipped(tmp_path):
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append([1, "", "甲", "", None])
    hidden = wb.create_sheet("下拉选项")
    hidden.append(["事项名称", "责任单位"])
    hidden.append(["不应读到", "x"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "h.xlsx")
    rows, problems = read(tmp_path / "h.xlsx")
    assert problems == []
    assert names(rows) == ["甲"]


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(TableFileError, match=r"空.xlsx.*空文件"):
        read(empty)
    with pytest.raises(TableFileError, match=r"无法打开文件“无.xlsx”：文件不存在") as err:
        read(tmp_path / "无.xlsx")
    assert "No such file" not in str(err.value)


def test_old_xls_is_one_clear_error(tmp_path, ole2):
    path = tmp_path / "旧表.xls"
    path.write_bytes(ole2(["Workbook", "\x05SummaryInformation"]))
    with pytest.raises(TableFileError, match=r"旧表.xls.*97-2003.*另存为"):
        read(path)


def test_encrypted_workbook_minimal_container(tmp_path, ole2):
    # A hand-built OLE2/CFB container with the two streams of an encrypted OOXML file.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(ole2(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(TableFileError, match=r"加密.xlsx.*密码"):
        read(path)


def test_encrypted_workbook_made_by_msoffcrypto(tmp_path, xlsx):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = xlsx([HEADER, [1, "", "甲", "", None]], name="plain.xlsx")
    path = tmp_path / "有密码.xlsx"
    with plain.open("rb") as src, path.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("123456", out)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(TableFileError, match=r"有密码.xlsx.*打开密码"):
        read(path)


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_chinese_encodings(tmp_path, encoding):
    path = tmp_path / "清单.csv"
    text = "序号,事项名称,责任单位\r\n1,组织开展“四议两公开”,县委组织部\r\n2,调解纠纷,司法局\r\n"
    path.write_bytes(text.encode(encoding))
    rows, problems = read(path)
    assert problems == []
    assert [(r.sheet, r.row, r.values["name"]) for r in rows] == [
        ("清单", 2, "组织开展“四议两公开”"),
        ("清单", 3, "调解纠纷"),
    ]


def test_csv_problem_names_column_letter(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("编号,名称,日期\n1,,2025-01-01\n", encoding="utf-8")
    _rows, problems = read(path)
    assert [str(p) for p in problems] == ["工作表“x”第 2 行 B 列（名称）：事项名称为空"]


def test_rare_characters_and_markup_survive(xlsx):
    path = xlsx([HEADER, [1, "", "𠮷野家<b>&amp;", "A&B <局>", None]])
    rows, problems = read(path)
    assert problems == []
    assert rows[0].values["name"] == "𠮷野家<b>&amp;"
    assert rows[0].values["department"] == "A&B <局>"


# ------------------------------------------------------------------ big sheets


def _big_workbook(path: Path, n: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("大表")
    ws.append(["清单"])
    ws.append(HEADER)
    for i in range(1, n + 1):
        ws.append([i, "duty", f"事项{i}", "民政局", None])
    wb.save(path)
    return path


@pytest.mark.slow
def test_a_50000_row_sheet_streams_with_progress(tmp_path):
    path = _big_workbook(tmp_path / "big.xlsx", 50_000)
    steps: list[tuple[int, int]] = []
    progress = Progress(lambda done, total, msg: steps.append((done, total)))
    reader = TableReader(path, FIELDS, progress=progress)
    count = 0
    for row in reader.rows():
        count += 1
        last = row
    assert count == 50_000
    assert last.row == 50_002
    assert last.values["name"] == "事项50000"
    assert reader.problems == []
    assert len(steps) >= 100
    assert steps[-1][0] >= 50_000
    assert any(total >= 50_000 for _done, total in steps)


def test_a_big_sheet_is_cancelled_from_the_progress_callback(tmp_path):
    path = _big_workbook(tmp_path / "big.xlsx", 5_000)
    progress: Progress

    def on_step(done: int, total: int, msg: str) -> None:
        if done >= 1_000:
            progress.cancel()

    progress = Progress(on_step)
    reader = TableReader(path, FIELDS, progress=progress)
    seen: list[int] = []

    def consume() -> None:
        for row in reader.rows():
            seen.append(row.row)

    with pytest.raises(Cancelled):
        consume()
    assert 1_000 <= len(seen) < 1_600


def test_problem_place_text():
    p = ImportProblem("清单", 7, "H（事项性质）", "事项性质应为长期")
    assert str(p) == "工作表“清单”第 7 行 H 列（事项性质）：事项性质应为长期"
    assert str(ImportProblem("清单", None, None, "没有表头")) == "工作表“清单”：没有表头"


def test_csv_with_semicolons(tmp_path):
    # A CSV with semicolons (as some European Excel settings write it) is still read.
    path = tmp_path / "semi.csv"
    path.write_bytes("序号;事项名称\n1;甲\n".encode())
    rows, problems = read(path)
    assert problems == []
    assert names(rows) == ["甲"]
