"""Workbooks shaped like the admission and certificate lists counties publish.

Each function writes one file in the layout of a kind of published list (the item names are
facts taken from published lists, see ``tests/data/eval/SOURCES.md``; the files are ours) and
returns its path and what an import must produce: the edition names per list, 文号, 发布机关,
施行日期 and the number of items per kind and per section.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DUTY = [
    ("党的建设", "宣传贯彻执行党的路线方针政策和上级党组织的决议"),
    ("党的建设", "负责对要求入党的积极分子进行教育和培养"),
    ("社会治理", "调解民间纠纷，促进家庭和睦、邻里和谐"),
    ("社会治理", "管理本村的社会治安，维护良好的社会秩序"),
    ("公共服务", "组织开展全民健身活动、爱国卫生运动"),
]
ASSIST = [
    ("民生保障", "协助做好困难群众主动发现、申请受理、调查核实、民主评议和公示"),
    ("民生保障", "协助做好未成年人保护和困境儿童、留守妇女关爱服务"),
    ("平安建设", "协助完善群防群治机制，加强民间纠纷排查调处"),
]
NEGATIVE = [
    ("", "不得以开会发文、填表报数、台账记录、成立专班、微信关注、网络注册等方式安排工作"),
    ("", "不得在党中央国务院和省委省政府明确规定外与村（社区）签订“责任状”"),
]
CERT_ALLOWED = ["入党外调政审等发展党员证明", "居（租）住证明", "权属来源证明"]
CERT_FORBIDDEN = ["亲属关系证明", "婚姻状况证明", "健在证明", "居民养犬证明"]


@dataclass
class Expected:
    """What importing a published workbook must give."""

    editions: dict[str, str]  # document code -> edition name
    by_kind: dict[str, int]
    document_number: str = ""
    issuing_body: str = ""
    effective_date: dt.date | None = None
    sections: dict[str, int] = field(default_factory=dict)  # section -> items


def assert_imports_as_expected(lists, path: Path, want: Expected) -> None:
    """Import ``path`` through ``lists`` (a ListsService) and check everything ``want`` names."""
    from collections import Counter

    preview = lists.preview_import(path)
    assert preview.ok, preview.problems
    assert preview.by_kind == want.by_kind
    if want.document_number:
        assert preview.document_number == want.document_number
    if want.issuing_body:
        assert preview.issuing_body == want.issuing_body
    if want.effective_date:
        assert preview.effective_date == want.effective_date
    editions = lists.commit_import(preview, create_departments=True)
    assert {e.document: e.name for e in editions} == want.editions
    items = [i for e in editions for i in lists.all_items(e.id)]
    assert Counter(i.kind for i in items) == want.by_kind
    if want.sections:
        assert Counter(i.section for i in items) == want.sections
    if want.issuing_body:
        assert all(e.issuing_body == want.issuing_body for e in editions)


def _title(ws: Worksheet, lines: list[str], width: int) -> int:
    """Merged title lines above the header; returns the header's row."""
    for n, line in enumerate(lines, start=1):
        ws.cell(n, 1, line)
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
    return len(lines) + 1


def _sectioned(ws: Worksheet, start: int, rows: list[tuple[str, str]], dept: str) -> None:
    """序号/事项名称/责任单位 rows under 一、党的建设（2项） headings."""
    ws.cell(start, 1, "序号")
    ws.cell(start, 2, "事项名称")
    ws.cell(start, 3, "责任单位")
    r, current = start + 1, None
    numerals = "一二三四五六七八九十"
    sections = list(dict.fromkeys(s for s, _ in rows))
    for n, (section, name) in enumerate(rows, start=1):
        if section and section != current:
            count = sum(1 for s, _ in rows if s == section)
            ws.cell(r, 1, f"{numerals[sections.index(section)]}、{section}（{count}项）")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            r, current = r + 1, section
        ws.cell(r, 1, n)
        ws.cell(r, 2, name)
        ws.cell(r, 3, dept)
        r += 1


def two_attachments(folder: Path) -> tuple[Path, Expected]:
    """附件1 / 附件2 sheets, kind in the merged title, subject sections, 自…起施行."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附件1"
    start = _title(
        ws,
        [
            "附件1",
            "南屏县村(社区)依法履行职责事项清单",
            "南委办发〔2026〕3号　　自2026年3月1日起施行",
        ],
        3,
    )
    _sectioned(ws, start, DUTY, "县民政局")
    ws2 = wb.create_sheet("附件2")
    start = _title(ws2, ["附件2", "南屏县村(社区)依法协助政府工作事项清单"], 3)
    _sectioned(ws2, start, ASSIST, "县民政局")
    path = folder / "两个附件.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "南屏县村(社区)工作事项准入清单"},  # both parts: not the first one's title
        {"duty": 5, "assist": 3},
        "南委办发〔2026〕3号",
        effective_date=dt.date(2026, 3, 1),
        sections={"党的建设": 2, "社会治理": 2, "公共服务": 1, "民生保障": 2, "平安建设": 1},
    )


def kind_headings_in_one_sheet(folder: Path) -> tuple[Path, Expected]:
    """One sheet, the kinds as merged heading rows (一、依法履职事项（5项）…)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "清单"
    start = _title(ws, ["宁川市某区村(社区)工作事项准入清单", "发布机关：中共某区委办公室"], 2)
    ws.cell(start, 1, "序号")
    ws.cell(start, 2, "事项名称")
    r = start + 1
    for heading, rows in (
        ("一、依法履行职责事项（5项）", DUTY),
        ("二、依法协助政府工作事项（3项）", ASSIST),
        ("三、负面事项（2项）", NEGATIVE),
    ):
        ws.cell(r, 1, heading)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        r += 1
        for n, (_s, name) in enumerate(rows, start=1):
            ws.cell(r, 1, n)
            ws.cell(r, 2, name)
            r += 1
    path = folder / "分类标题.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "宁川市某区村(社区)工作事项准入清单"},
        {"duty": 5, "assist": 3, "negative": 2},
        issuing_body="中共某区委办公室",
    )


def kind_column_with_sections(folder: Path) -> tuple[Path, Expected]:
    """A 类别 column and a 领域 column; 施行日期： line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["某县村级组织工作事项清单（2026年版）"])
    ws.append(["文号：某委发〔2026〕12号", "", "施行日期：2026-05-01"])
    ws.append(["序号", "类别", "领域", "事项名称", "责任单位"])
    n = 0
    for kind, rows in (("依法履职", DUTY), ("协助事项", ASSIST)):
        for section, name in rows:
            n += 1
            ws.append([n, kind, section, name, "民政局"])
    path = folder / "类别列.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "某县村级组织工作事项清单（2026年版）"},
        {"duty": 5, "assist": 3},
        "某委发〔2026〕12号",
        effective_date=dt.date(2026, 5, 1),
        sections={"党的建设": 2, "社会治理": 2, "公共服务": 1, "民生保障": 2, "平安建设": 1},
    )


def certificate_two_sheets(folder: Path) -> tuple[Path, Expected]:
    """A certificate list: one sheet of 可出具, one of 不应出具, 证明名称 header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "可出具的证明事项"
    ws.append(["序号", "证明名称", "办理部门"])
    for n, name in enumerate(CERT_ALLOWED, start=1):
        ws.append([n, name, "民政局"])
    ws2 = wb.create_sheet("不应出具的证明事项")
    ws2.append(["序号", "证明名称"])
    for n, name in enumerate(CERT_FORBIDDEN, start=1):
        ws2.append([n, name])
    path = folder / "证明事项清单.xlsx"
    wb.save(path)
    return path, Expected(
        {"certificate": "证明事项清单(导入)"}, {"cert_allowed": 3, "cert_forbidden": 4}
    )


def both_lists_one_file(folder: Path) -> tuple[Path, Expected]:
    """Work items and certificates in one workbook: one edition of each list."""
    wb = Workbook()
    ws = wb.active
    ws.title = "负面清单"
    ws.append(["序号", "事项名称"])
    for n, (_s, name) in enumerate(NEGATIVE, start=1):
        ws.append([n, name])
    ws2 = wb.create_sheet("不应出具证明事项")
    ws2.append(["序号", "证明名称"])
    for n, name in enumerate(CERT_FORBIDDEN, start=1):
        ws2.append([n, name])
    path = folder / "两个清单.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "两个清单(导入)", "certificate": "两个清单(导入)（证明事项）"},
        {"negative": 2, "cert_forbidden": 4},
    )


def serials_and_issue_date(folder: Path) -> tuple[Path, Expected]:
    """Serial numbers (一)、①、1.1 and 自印发之日起施行 with the 印发 date."""
    wb = Workbook()
    ws = wb.active
    ws.title = "依法履行职责事项"
    ws.append(["某镇村(社区)依法履行职责事项清单"])
    ws.append(["自印发之日起施行", "2026年4月10日印发"])
    ws.append(["编号", "事项名称"])
    for number, (_s, name) in zip(["(一)", "①", "1.1", "1.2", "1.10"], DUTY, strict=True):
        ws.append([number, name])
    path = folder / "序号.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "某镇村(社区)依法履行职责事项清单"},
        {"duty": 5},
        effective_date=dt.date(2026, 4, 10),
    )


def csv_with_bom(folder: Path) -> tuple[Path, Expected]:
    """A CSV (UTF-8 with BOM, as Excel saves it) with a 类别 column."""
    path = folder / "协助清单.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["序号", "事项名称", "类别"])
        for n, (_s, name) in enumerate(ASSIST, start=1):
            w.writerow([n, name, "协助办理事项"])
    return path, Expected({"work": "协助清单(导入)"}, {"assist": 3})


def negative_sheet_named_only(folder: Path) -> tuple[Path, Expected]:
    """No title at all; the sheet's name says the kind (减负清单)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "减负清单"
    ws.append(["序号", "不应承担的事项"])
    for n, (_s, name) in enumerate(NEGATIVE, start=1):
        ws.append([n, name])
    path = folder / "减负清单.xlsx"
    wb.save(path)
    return path, Expected({"work": "减负清单(导入)"}, {"negative": 2})


GOOD: tuple[Callable[[Path], tuple[Path, Expected]], ...] = (
    two_attachments,
    kind_headings_in_one_sheet,
    kind_column_with_sections,
    certificate_two_sheets,
    both_lists_one_file,
    serials_and_issue_date,
    csv_with_bom,
    negative_sheet_named_only,
)


def two_sheets_one_kind(folder: Path) -> Path:
    """Bad: two sheets both titled as the negative list."""
    wb = Workbook()
    for n, title in enumerate(("负面清单(一)", "负面清单(二)")):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["序号", "事项名称"])
        ws.append([1, NEGATIVE[n][1]])
    path = folder / "两张负面.xlsx"
    wb.save(path)
    return path


def impossible_date(folder: Path) -> Path:
    """Bad: 施行日期 in month 13."""
    wb = Workbook()
    ws = wb.active
    ws.title = "依法履行职责事项"
    ws.append(["某村(社区)依法履行职责事项清单"])
    ws.append(["施行日期：2026年13月1日"])
    ws.append(["序号", "事项名称"])
    ws.append([1, DUTY[0][1]])
    path = folder / "日期有误.xlsx"
    wb.save(path)
    return path


# ------------------------------------------------------------------ more published shapes
# The item names below are read from ``eval/items.jsonl`` (names as published, with their
# sources in ``eval/SOURCES.md``); the layouts follow how the named documents print them.


def _published(kind: str, first: int, last: int) -> list[tuple[str, str]]:
    """(section, name) of the evaluation items of ``kind`` numbered first..last."""
    import json

    rows = []
    path = Path(__file__).resolve().parent / "eval" / "items.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["kind"] == kind and first <= int(item["number"]) <= last:
            rows.append((item["section"], item["name"]))
    return rows


def national_certificate_batch(folder: Path) -> tuple[Path, Expected]:
    """民发〔2020〕20号 shape: 附件 title, 证明名称 + 取消后的办理方式 (an unknown column kept)."""
    names = [name for _s, name in _published("cert_forbidden", 1, 20)]
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    start = _title(
        ws,
        ["附件", "不应由基层群众性自治组织出具证明事项清单(第一批)", "民发〔2020〕20号"],
        3,
    )
    ws.cell(start, 1, "序号")
    ws.cell(start, 2, "证明名称")
    ws.cell(start, 3, "取消后的办理方式")
    for n, name in enumerate(names, start=1):
        ws.append([n, name, "由申请人书面承诺或有关部门核查"])
    path = folder / "不应出具证明第一批.xlsx"
    wb.save(path)
    return path, Expected(
        {"certificate": "不应由基层群众性自治组织出具证明事项清单(第一批)"},
        {"cert_forbidden": 20},
        "民发〔2020〕20号",
    )


def provincial_negative_rules(folder: Path) -> tuple[Path, Expected]:
    """湘民发〔2020〕41号 shape: 减负工作事项清单, rules numbered （一）（二）…, 印发 date."""
    rules = [name for _s, name in _published("negative", 1, 6)]
    wb = Workbook()
    ws = wb.active
    ws.title = "减负工作事项清单"
    ws.append(["湖南省基层群众性自治组织减负工作事项清单"])
    ws.append(["湘民发〔2020〕41号", "", "自印发之日起施行"])
    ws.append(["", "", "2020年12月30日印发"])
    ws.append(["序号", "减负事项"])
    for n, rule in enumerate(rules, start=1):
        ws.append([f"（{'一二三四五六七八九十'[n - 1]}）", rule])
    path = folder / "减负工作事项清单.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "湖南省基层群众性自治组织减负工作事项清单"},
        {"negative": 6},
        "湘民发〔2020〕41号",
        effective_date=dt.date(2020, 12, 30),
    )


def guidance_catalogue_numbered(folder: Path) -> tuple[Path, Expected]:
    """湖北 履职事项指导目录 shape: one 事项内容 column, serials 1.–13., a 主责事项 heading row."""
    duties = [name for _s, name in _published("duty", 1, 13)]
    wb = Workbook()
    ws = wb.active
    ws.title = "指导目录"
    start = _title(ws, ["湖北省村级组织履职事项清单指导目录"], 2)
    ws.cell(start, 1, "序号")
    ws.cell(start, 2, "事项名称")
    ws.cell(start + 1, 1, "一、主责事项（13项）")
    ws.merge_cells(start_row=start + 1, start_column=1, end_row=start + 1, end_column=2)
    for n, duty in enumerate(duties, start=1):
        ws.append([f"{n}.", duty])
    path = folder / "履职事项指导目录.xlsx"
    wb.save(path)
    return path, Expected({"work": "湖北省村级组织履职事项清单指导目录"}, {"duty": 13})


def city_certificate_positive_list(folder: Path) -> tuple[Path, Expected]:
    """北京 shape: the few certificates a community still issues, with 出具依据 and 办理部门."""
    names = [name for _s, name in _published("cert_allowed", 1, 4)]
    wb = Workbook()
    ws = wb.active
    ws.title = "社区可出具证明事项"
    start = _title(ws, ["社区出具证明事项清单", "发布机关：北京市民政局"], 4)
    for col, label in enumerate(("序号", "证明事项名称", "设定依据", "办理部门"), start=1):
        ws.cell(start, col, label)
    for n, name in enumerate(names, start=1):
        ws.append([n, name, "有关法规规章规定", "市民政局"])
    path = folder / "社区证明事项清单.xlsx"
    wb.save(path)
    return path, Expected(
        {"certificate": "社区出具证明事项清单"},
        {"cert_allowed": 4},
        issuing_body="北京市民政局",
    )


def guidance_three_sheets_with_sections(folder: Path) -> tuple[Path, Expected]:
    """广东 指导目录 shape: 附件1–3 sheets (主责 / 协助 / 负面), each with subject headings."""
    wb = Workbook()
    sheets = (
        ("附件1", "村(居)民委员会依法履行职责事项清单", _published("duty", 26, 31)),
        ("附件2", "村(居)民委员会依法协助政府工作事项清单", _published("assist", 1, 6)),
        ("附件3", "村(居)民委员会负面事项清单", _published("negative", 7, 13)),
    )
    # subject headings as the sheets print them; 居民自治 or 协助政府 would read as kind names
    sections = {"duty": "组织建设", "assist": "社会事务", "negative": "考核督查"}
    expected_sections: dict[str, int] = {}
    for n, (sheet, title, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = sheet
        start = _title(ws, [sheet, title], 3)
        section = list(sections.values())[n]
        _sectioned(ws, start, [(section, name) for _s, name in rows], "县民政局")
        expected_sections[section] = len(rows)
    path = folder / "三个附件.xlsx"
    wb.save(path)
    return path, Expected(
        {"work": "村(居)民委员会工作事项准入清单"},
        {"duty": 6, "assist": 6, "negative": 7},
        sections=expected_sections,
    )


GOOD = (
    *GOOD,
    national_certificate_batch,
    provincial_negative_rules,
    guidance_catalogue_numbered,
    city_certificate_positive_list,
    guidance_three_sheets_with_sections,
)


def empty_section(folder: Path) -> Path:
    """Bad: a subject heading with no items under it (the next heading follows at once)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "依法履行职责事项"
    ws.append(["序号", "事项名称"])
    ws.append(["一、党的建设（2项）"])
    ws.append(["二、社会治理（1项）"])
    ws.append([1, DUTY[2][1]])
    path = folder / "空分类.xlsx"
    wb.save(path)
    return path


def kinds_not_told_apart(folder: Path) -> Path:
    """Bad: 附件1 / 附件2 with neither a title, a 类别 column nor a kind heading."""
    wb = Workbook()
    for n, (sheet, rows) in enumerate((("附件1", DUTY[:2]), ("附件2", ASSIST[:2]))):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = sheet
        ws.append(["序号", "事项名称"])
        for i, (_s, name) in enumerate(rows, start=1):
            ws.append([i, name])
    path = folder / "类别不明.xlsx"
    wb.save(path)
    return path


def item_without_name(folder: Path) -> Path:
    """Bad: a numbered row whose 事项名称 is empty."""
    wb = Workbook()
    ws = wb.active
    ws.title = "依法履行职责事项"
    ws.append(["序号", "事项名称", "责任单位"])
    ws.append([1, DUTY[0][1], "县委组织部"])
    ws.append([2, "", "县民政局"])
    path = folder / "缺名称.xlsx"
    wb.save(path)
    return path
