"""Reading published admission lists: kinds, sections, problems, departments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianfu.domain.lists import (
    ALL_SCOPES,
    AlternativeRoute,
    ItemNature,
    ItemStatus,
    Scope,
)
from jianfu.interchange.list_import import (
    KindMatcher,
    parse_nature,
    parse_scopes,
    read_list_file,
)

DATA = Path(__file__).resolve().parents[2] / "data"
HEADER = ["序号", "事项名称", "具体工作", "政策依据", "责任部门", "事项性质", "适用范围"]


def kinds_of(result) -> list[tuple[str, str]]:
    return [(i.kind, i.name) for i in result.items]


def test_section_rows_set_the_kind(xlsx, kinds):
    path = xlsx(
        [
            ["某县村(社区)工作事项准入清单"],
            HEADER,
            ["一、依法履行职责事项(2项)"],
            ["（一）基层党建"],
            [1, "发展党员", "", "", "县委组织部", "长期", "村"],
            ["（二）协助开展人口普查工作"],
            [2, "组织村民会议", "", "", "县民政局", "", ""],
            ["二、协助政府工作事项"],
            [1, "协助征兵", "", "", "县人武部", "阶段", "村、涉农社区"],
            ["三、负面清单（共1项）"],
            [1, "招商引资", "", "", "", "", ""],
            ["四、便民服务事项"],
            [1, "代办社保", "", "", "县人社局", "", ""],
        ],
        merges=["A1:G1", "A3:G3", "A8:G8"],
    )
    result = read_list_file(path, kinds)
    assert result.problems == []
    assert kinds_of(result) == [
        ("duty", "发展党员"),
        ("duty", "组织村民会议"),
        ("assist", "协助征兵"),
        ("negative", "招商引资"),
        ("service", "代办社保"),
    ]
    assert result.title == "某县村(社区)工作事项准入清单"
    first = result.items[0]
    assert first.nature == ItemNature.LONG_TERM
    assert first.scopes == (Scope.VILLAGE,)
    assert result.items[2].scopes == (Scope.VILLAGE, Scope.RURAL_COMMUNITY)
    assert result.items[1].scopes == ALL_SCOPES
    assert result.departments == ["县委组织部", "县民政局", "县人武部", "县人社局"]
    assert result.sources[0] == ("Sheet1", 5)
    summary = result.sheets[0]
    assert summary.header_row == 2
    assert summary.items == 5
    assert summary.by_kind == {"duty": 2, "assist": 1, "negative": 1, "service": 1}
    assert summary.columns["name"] == "B（事项名称）"


def test_certificate_section_rows(xlsx, kinds):
    path = xlsx(
        [
            ["证明事项名称", "设定依据", "办理用途", "办理流程", "证明式样", "替代途径"],
            ["可出具证明事项"],
            ["监护关系证明", "《民法典》", "不动产登记", "申请-核实-出具", "兹证明……", ""],
            ["不应由村(社区)出具的证明事项"],
            ["亲属关系证明", "", "", "", "", "数据共享"],
            ["无犯罪记录证明", "", "", "", "", "部门核查"],
        ]
    )
    result = read_list_file(path, kinds)
    assert result.problems == []
    assert kinds_of(result) == [
        ("cert_allowed", "监护关系证明"),
        ("cert_forbidden", "亲属关系证明"),
        ("cert_forbidden", "无犯罪记录证明"),
    ]
    assert result.items[0].model_text == "兹证明……"
    assert result.items[1].alternative_route == AlternativeRoute.DATA_SHARING


def test_a_sheet_per_kind(xlsx, kinds):
    path = xlsx(
        {
            "依法履职事项": [["序号", "事项名称"], [1, "甲"], [2, "乙"]],
            "协助事项清单": [["序号", "事项名称"], [1, "丙"]],
            "负面清单": [["序号", "事项名称"], [1, "丁"]],
            "填表说明": [["本表由各乡镇填报"]],
        }
    )
    result = read_list_file(path, kinds)
    assert kinds_of(result) == [
        ("duty", "甲"),
        ("duty", "乙"),
        ("assist", "丙"),
        ("negative", "丁"),
    ]
    assert [s.sheet for s in result.sheets] == ["依法履职事项", "协助事项清单", "负面清单"]
    assert [(p.sheet, p.row) for p in result.problems] == [("填表说明", None)]
    assert "没有找到表头" in str(result.problems[0])


def test_a_sheet_per_part_titled_each_names_the_whole_list(xlsx, kinds):
    # A county's workbook: 附件1 …依法履行职责事项清单, 附件2 …协助…, 附件3 …不应承担…;
    # the edition and its posted print were named after the first sheet's part alone.
    head = ["序号", "事项名称"]
    issued = "云溪县委组织部 2026年3月1日印发（云组通〔2026〕5号）"
    path = xlsx(
        {
            "依法履职": [
                ["附件1"],
                ["云溪县村级组织依法履行职责事项清单"],
                [issued],
                head,
                [1, "甲"],
            ],
            "协助政府": [["附件2"], ["云溪县村级组织协助政府工作事项清单"], head, [1, "丙"]],
            "负面清单": [["附件3"], ["云溪县村级组织不应承担的工作事项清单"], head, [1, "丁"]],
        }
    )
    result = read_list_file(path, kinds)
    assert [k for k, _ in kinds_of(result)] == ["duty", "assist", "negative"]
    assert result.title == "云溪县村级组织工作事项准入清单"
    assert result.document_number == "云组通〔2026〕5号"


def test_one_part_alone_keeps_its_own_title(xlsx, kinds):
    head = ["序号", "事项名称"]
    path = xlsx({"依法履职": [["云溪县村级组织依法履行职责事项清单"], head, [1, "甲"], [2, "乙"]]})
    assert read_list_file(path, kinds).title == "云溪县村级组织依法履行职责事项清单"


def test_kind_column_wins_over_sections_and_forced_kind_wins_over_all(xlsx, kinds):
    rows = [
        ["编号", "清单类别", "事项名称"],
        ["一、依法履职事项"],
        [1, "协助办理事项", "甲"],
        [2, "", "乙"],
        [3, "assist", "丙"],
    ]
    path = xlsx({"负面清单": rows})
    result = read_list_file(path, kinds)
    assert kinds_of(result) == [("assist", "甲"), ("duty", "乙"), ("assist", "丙")]
    forced = read_list_file(path, kinds, kind="negative")
    assert {i.kind for i in forced.items} == {"negative"}
    with pytest.raises(ValueError, match="unknown kind"):
        read_list_file(path, kinds, kind="nope")


def test_unknown_kinds_are_problems(xlsx, kinds):
    path = xlsx(
        {
            "Sheet1": [
                ["序号", "类别", "事项名称"],
                [1, "小微权力", "甲"],
                [2, "依法履职", "乙"],
            ],
            "Sheet2": [
                ["序号", "事项名称"],
                ["一、管理服务事项(3项)"],
                [1, "丙"],
                [2, "丁"],
            ],
            "Sheet3": [["序号", "事项名称"], [1, "戊"]],
        }
    )
    result = read_list_file(path, kinds)
    assert kinds_of(result) == [("duty", "乙")]
    places = [(p.sheet, p.row, p.column) for p in result.problems]
    assert places == [
        ("Sheet1", 2, "B（类别）"),
        ("Sheet2", 2, None),
        ("Sheet2", 3, None),
        ("Sheet2", 4, None),
        ("Sheet3", 2, None),
    ]
    texts = [str(p) for p in result.problems]
    assert "类别“小微权力”不是已知的清单类别" in texts[0]
    assert "依法履职事项" in texts[0]  # lists the known kinds
    assert "分类标题“一、管理服务事项(3项)”" in texts[1]
    assert "无法确定此行属于哪个清单" in texts[4]
    # a file with a problem is not imported at all: no problem says its row alone was left out
    # (…不是已知的清单类别（已知：…），此行未导入, beside 本次不会保存任何内容 in the preview)
    assert not any("此行未导入" in text for text in texts)


def test_duplicate_names_within_a_kind_name_both_rows(xlsx, kinds):
    path = xlsx(
        [
            ["序号", "事项名称"],
            ["一、依法履职事项"],
            [1, "调解纠纷"],
            [2, "调解 纠纷"],
            ["二、协助政府工作事项"],
            [1, "调解纠纷"],
        ]
    )
    result = read_list_file(path, kinds)
    assert kinds_of(result) == [("duty", "调解纠纷"), ("assist", "调解纠纷")]
    assert len(result.problems) == 1
    p = result.problems[0]
    assert (p.row, p.column) == (4, "B（事项名称）")
    assert "第 3 行" in p.message
    assert "重复" in str(p)
    assert "工作表“Sheet1”第 4 行 B 列" in str(p)
    assert result.sheets[0].skipped == 1


def test_empty_names_and_bad_values_are_problems(xlsx, kinds):
    path = xlsx(
        {
            "依法履职事项": [
                HEADER,
                [1, "", "有内容但没有名称", "", "", "", ""],
                [2, "甲", "", "", "", "永久", "乡"],
                [3, "乙", "", "", "", "临时性", "社区"],
            ]
        }
    )
    result = read_list_file(path, kinds)
    assert kinds_of(result) == [("duty", "甲"), ("duty", "乙")]
    got = [(p.row, p.column, p.message[:6]) for p in result.problems]
    assert got == [
        (2, "B（事项名称）", "事项名称为空"),
        (3, "F（事项性质）", "事项性质应为"),
        (3, "G（适用范围）", "适用范围“乡"),
    ]
    a, b = result.items
    assert a.nature is None
    assert a.scopes == ALL_SCOPES
    assert b.nature == ItemNature.TEMPORARY
    assert b.scopes == (Scope.URBAN_COMMUNITY, Scope.RURAL_COMMUNITY)


def test_unrecognisable_header_says_which_headers_were_expected(xlsx, kinds):
    path = xlsx([["姓名", "电话"], ["张三", "123"]])
    result = read_list_file(path, kinds)
    assert result.items == []
    assert len(result.problems) == 1
    text = str(result.problems[0])
    for label in ("事项名称", "编号", "序号", "设定依据", "责任单位", "类别"):
        assert label in text


def test_missing_name_column(xlsx, kinds):
    path = xlsx([["序号", "责任单位", "设定依据"], [1, "民政局", "《村组法》"]])
    result = read_list_file(path, kinds)
    assert result.items == []
    assert "缺少必需的列" in str(result.problems[0])
    assert "工作事项" in str(result.problems[0])


def test_merged_department_and_kind_cells_inside_the_table(xlsx, kinds):
    path = xlsx(
        [
            ["序号", "类别", "事项名称", "责任单位"],
            [1, "依法履职事项", "甲", "县民政局"],
            [2, None, "乙", None],
            [3, "负面事项", "丙", "县应急局"],
        ],
        merges=["B2:B3", "D2:D3"],
    )
    result = read_list_file(path, kinds)
    assert result.problems == []
    got = [(i.kind, i.name, i.department) for i in result.items]
    assert got == [
        ("duty", "甲", "县民政局"),
        ("duty", "乙", "县民政局"),
        ("negative", "丙", "县应急局"),
    ]


def test_withdrawn_items_and_status_words(xlsx, kinds):
    path = xlsx(
        {
            "负面清单": [
                ["事项名称", "状态", "退出日期", "退出原因"],
                ["甲", "已取消", "2025年3月1日", "并入其他事项"],
                ["乙", "", dt.datetime(2025, 4, 1), ""],
                ["丙", "有效", None, None],
                ["丁", "作废", None, None],
            ]
        }
    )
    result = read_list_file(path, kinds)
    status = [(i.name, i.status, i.withdrawn_on) for i in result.items]
    assert status == [
        ("甲", ItemStatus.WITHDRAWN, dt.date(2025, 3, 1)),
        ("乙", ItemStatus.WITHDRAWN, dt.date(2025, 4, 1)),
        ("丙", ItemStatus.VALID, None),
        ("丁", ItemStatus.VALID, None),
    ]
    assert [(p.row, p.column) for p in result.problems] == [(5, "B（状态）")]


def test_gbk_csv_list(tmp_path, kinds):
    path = tmp_path / "负面清单.csv"
    text = "序号,事项名称,责任单位\r\n1,招商引资,县商务局\r\n2,征地拆迁,县自然资源局\r\n"
    path.write_bytes(text.encode("gbk"))
    result = read_list_file(path, kinds)
    assert result.problems == []
    assert kinds_of(result) == [("negative", "招商引资"), ("negative", "征地拆迁")]
    assert result.departments == ["县商务局", "县自然资源局"]


def test_unmapped_columns_go_to_extra(xlsx, kinds):
    path = xlsx({"依法履职事项": [["序号", "事项名称", "开具单位"], [1, "甲", "村委会"]]})
    result = read_list_file(path, kinds)
    assert result.items[0].extra == {"开具单位": "村委会"}


def test_kind_matcher(kinds):
    m = KindMatcher(kinds)
    assert m.match("一、依法履行职责事项（12项）", loose=True).code == "duty"
    assert m.match("二、协助政府工作事项", loose=True).code == "assist"
    assert m.match("村(社区)依法协助政府工作事项清单", loose=True).code == "assist"
    assert m.match("三、负面清单", loose=True).code == "negative"
    assert m.match("可出具证明事项", loose=True).code == "cert_allowed"
    assert m.match("不应由村（社区）出具的证明事项", loose=True).code == "cert_forbidden"
    assert m.match("证明事项负面清单", loose=True).code == "cert_forbidden"
    assert m.match("便民服务事项").code == "service"
    assert m.match("协助开展人口普查") is None
    assert not m.is_section("组织开展人口普查工作")
    assert m.is_section("依法履职事项")
    assert m.is_section("（三）平安建设")


def test_value_parsers():
    assert parse_nature(" 阶段性 ") == ItemNature.STAGED
    assert parse_nature(None) is None
    assert parse_scopes("村（社区）") == ALL_SCOPES
    assert parse_scopes("城市社区/涉农社区") == (Scope.URBAN_COMMUNITY, Scope.RURAL_COMMUNITY)
    with pytest.raises(ValueError, match="适用范围"):
        parse_scopes("街道")


def test_committed_county_sample(kinds):
    """A small county-style table: merged title, 文号 line, sections, merged 责任单位."""
    result = read_list_file(DATA / "county_list_sample.xlsx", kinds)
    assert result.problems == []
    assert result.title == "某某县村(社区)工作事项准入清单（2025年版）"
    assert result.document_number == "某委办〔2025〕12号"
    assert result.effective_date == dt.date(2025, 3, 1)
    assert [i.kind for i in result.items] == ["duty"] * 3 + ["assist"] * 2 + ["negative"]
    assert result.items[1].department == result.items[0].department == "县委组织部"
    assert result.departments == ["县委组织部", "县民政局", "县卫健局"]


def test_committed_gbk_csv_sample(kinds):
    result = read_list_file(DATA / "cert_forbidden_gbk.csv", kinds)
    assert result.problems == []
    assert [i.kind for i in result.items] == ["cert_forbidden"] * 3
    assert result.items[0].alternative_route == AlternativeRoute.DATA_SHARING


def test_a_model_text_naming_a_placeholder_no_certificate_fills_is_refused(xlsx, kinds):
    # {负责人} is not a placeholder ({签字负责人} is): the print would stop at it later
    path = xlsx(
        [
            ["证明事项名称", "办理用途", "证明式样"],
            ["可出具证明事项"],
            ["居住证明", "入学", "兹证明{申请人}居住在{村(社区)}。\n负责人：{签字负责人}\n{日期}"],
            ["监护关系证明", "", "兹证明{申请人}{事由}。\n负责人：{负责人}｛盖章日期｝"],
        ]
    )
    result = read_list_file(path, kinds)
    (problem,) = result.problems
    assert (problem.sheet, problem.row, problem.column, problem.field) == (
        "Sheet1",
        4,
        "C（证明式样）",
        "model_text",
    )
    assert "{负责人}、{盖章日期} 不存在" in problem.message
    assert "{签字负责人}" in problem.message.split("可用的占位符：")[1]
    assert str(problem).startswith(
        "工作表“Sheet1”第 4 行 C 列（证明式样）：“监护关系证明”的证明式样中的占位符"
    )


def test_the_placeholder_guide_says_what_fills_each():
    from jianfu.domain.certificates import PLACEHOLDERS, placeholder_guide

    lines = placeholder_guide().splitlines()
    assert len(lines) == len(PLACEHOLDERS)
    assert "{签字负责人}：办理结果中记录的签字负责人" in lines
