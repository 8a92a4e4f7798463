"""Reading the admission lists (准入清单) that counties publish as Excel (or CSV) tables.

The result is plain data (``ListImport``): the items with their kind codes, the problems
found (each naming sheet, row and column), a summary per sheet and the department names as
written. Departments are not resolved here: the service checks them against the database.

The kind of a row comes from, in this order: the ``kind`` argument; a 类别 column; the
latest section row in the table (一、依法履行职责事项(12项)); the sheet name.
Sub-headings such as （一）基层党建 do not change the kind. A name that occurs twice within
one kind is imported once: the later row is reported and left out.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jianfu.domain.certificates import PLACEHOLDERS, unknown_placeholders
from jianfu.domain.imports import ImportProblem
from jianfu.domain.lists import (
    ALL_SCOPES,
    ITEM_FIELD_LABELS,
    AlternativeRoute,
    ItemNature,
    ItemStatus,
    ListFamily,
    ListItem,
    ListKind,
    Scope,
)
from jianfu.domain.progress import Progress
from jianfu.interchange.table_reader import (
    FieldSpec,
    TableReader,
    TableRow,
    cell_text,
    normalize_header,
    parse_code,
    parse_date,
    parse_text,
)

# ------------------------------------------------------------------ value parsers

_NATURES = {
    "长期": ItemNature.LONG_TERM,
    "长期性": ItemNature.LONG_TERM,
    "阶段": ItemNature.STAGED,
    "阶段性": ItemNature.STAGED,
    "临时": ItemNature.TEMPORARY,
    "临时性": ItemNature.TEMPORARY,
}


def parse_nature(value: Any) -> ItemNature | None:
    """事项性质: 长期, 阶段 or 临时 (also 长期性 …); blank is ``None``."""
    text = _squash(value)
    if not text:
        return None
    if text in _NATURES:
        return _NATURES[text]
    raise ValueError(f"事项性质应为“长期”“阶段”或“临时”，现为“{cell_text(value)}”")


_ALL_SCOPE_WORDS = {"村(社区)", "村(居)", "村居", "全部", "所有", "通用", "城乡社区", "村和社区"}
_SCOPE_WORDS = {
    "村": (Scope.VILLAGE,),
    "行政村": (Scope.VILLAGE,),
    "城市社区": (Scope.URBAN_COMMUNITY,),
    "涉农社区": (Scope.RURAL_COMMUNITY,),
    "农村社区": (Scope.RURAL_COMMUNITY,),
    "社区": (Scope.URBAN_COMMUNITY, Scope.RURAL_COMMUNITY),
}


def parse_scopes(value: Any) -> tuple[Scope, ...]:
    """适用范围: 村、城市社区、涉农社区 in any combination; blank means all of them."""
    text = _squash(value)
    if not text or text in _ALL_SCOPE_WORDS:
        return ALL_SCOPES
    found: set[Scope] = set()
    for token in re.split(r"[、,，/;；|和及与]+", text):
        if not token:
            continue
        if token in _ALL_SCOPE_WORDS:
            return ALL_SCOPES
        if token not in _SCOPE_WORDS:
            raise ValueError(
                f"适用范围“{cell_text(value)}”无法识别，"
                "应为“村”“城市社区”“涉农社区”中的一个或几个，用“、”分隔"
            )
        found.update(_SCOPE_WORDS[token])
    return tuple(s for s in ALL_SCOPES if s in found)


_STATUSES = {
    "有效": ItemStatus.VALID,
    "保留": ItemStatus.VALID,
    "现行": ItemStatus.VALID,
    "已退出": ItemStatus.WITHDRAWN,
    "退出": ItemStatus.WITHDRAWN,
    "已取消": ItemStatus.WITHDRAWN,
    "取消": ItemStatus.WITHDRAWN,
    "已删除": ItemStatus.WITHDRAWN,
    "删除": ItemStatus.WITHDRAWN,
}


def parse_status(value: Any) -> ItemStatus | None:
    """状态: 有效 or 已退出 (also 保留, 取消 …); blank is ``None`` (decided later)."""
    text = _squash(value)
    if not text:
        return None
    if text in _STATUSES:
        return _STATUSES[text]
    raise ValueError(f"状态应为“有效”或“已退出”，现为“{cell_text(value)}”")


_ROUTES = {
    "部门核查": AlternativeRoute.DEPARTMENT_CHECK,
    "核查": AlternativeRoute.DEPARTMENT_CHECK,
    "告知承诺": AlternativeRoute.WRITTEN_PROMISE,
    "告知承诺制": AlternativeRoute.WRITTEN_PROMISE,
    "个人承诺": AlternativeRoute.WRITTEN_PROMISE,
    "数据共享": AlternativeRoute.DATA_SHARING,
    "信息共享": AlternativeRoute.DATA_SHARING,
    "证照": AlternativeRoute.LICENCE,
    "证照代替": AlternativeRoute.LICENCE,
    "凭证照办理": AlternativeRoute.LICENCE,
}


def parse_route(value: Any) -> AlternativeRoute | None:
    """替代途径: 部门核查, 告知承诺, 数据共享 or 证照 (and common variants)."""
    text = _squash(value)
    if not text:
        return None
    if text in _ROUTES:
        return _ROUTES[text]
    raise ValueError(
        f"替代途径应为“部门核查”“告知承诺”“数据共享”或“证照”，现为“{cell_text(value)}”；"
        "具体做法请写在“替代途径说明”列"
    )


def _squash(value: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))


# ------------------------------------------------------------------ the field spec

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编码", "事项编号"),
    "section": ("领域", "事项领域", "工作领域", "板块"),
    "kind": ("清单类别", "事项类别", "清单类型", "类型", "所属清单"),
    "name": (
        "工作事项",
        "名称",
        "事项",
        "工作事项名称",
        "事项名称(证明名称)",
        "证明事项",
        "证明事项名称",
        "证明名称",
        "项目名称",
        "不应承担的事项",
        "减负事项",
    ),
    "content": (
        "具体工作",
        "工作内容",
        "主要内容",
        "村(社区)承担的具体工作",
        "承担的具体工作",
        "具体工作内容",
        "职责内容",
        "事项描述",
    ),
    "basis": (
        "依据",
        "政策依据",
        "法律依据",
        "实施依据",
        "制度依据",
        "设立依据",
        "法定依据",
        "法律法规依据",
        "政策法规依据",
    ),
    "department": (
        "责任部门",
        "主管部门",
        "牵头部门",
        "业务主管部门",
        "责任(牵头)部门",
        "责任(牵头)单位",
        "牵头单位",
        "主管单位",
        "职能部门",
        "县级主管部门",
    ),
    "participation": ("履职方式", "参与方式", "村(社区)协助方式"),
    "nature": ("性质", "时限性质"),
    "funding": ("经费", "经费来源", "工作经费", "保障经费"),
    "scopes": ("范围", "适用对象"),
    "status": ("事项状态",),
    "withdrawn_on": ("取消日期", "退出时间"),
    "withdrawn_reason": ("取消原因", "退出理由"),
    "notes": ("附注",),
    "purpose": ("用途", "证明用途"),
    "procedure": ("流程", "具体流程", "办理程序", "办事流程"),
    "model_text": ("式样", "证明样式", "样式", "证明模板"),
    "alternative_route": ("替代方式",),
    "alternative_detail": ("替代说明", "替代方式说明"),
}

_PARSERS = {
    "number": parse_code,
    "nature": parse_nature,
    "scopes": parse_scopes,
    "status": parse_status,
    "withdrawn_on": parse_date,
    "alternative_route": parse_route,
}


def list_fields() -> list[FieldSpec]:
    """The field spec of a published list: ITEM_FIELD_LABELS as labels plus synonyms."""
    return [
        FieldSpec(
            name,
            label,
            _SYNONYMS.get(name, ()),
            required=name == "name",
            parser=_PARSERS.get(name, parse_text),
        )
        for name, label in ITEM_FIELD_LABELS.items()
    ]


_KNOWN_HEADERS = {normalize_header(h) for spec in list_fields() for h in spec.headers}

# ------------------------------------------------------------------ kinds

#: Other names the seeded kinds go by in published lists.
KIND_SYNONYMS: dict[str, tuple[str, ...]] = {
    "duty": (
        "依法履职",
        "依法履行职责事项",
        "依法履职事项清单",
        "履职事项",
        "主责事项",
        "自治事项",
        "依法自治事项",
        "基层群众性自治组织依法履行职责事项",
    ),
    "assist": (
        "协助事项",
        "协助政府工作事项",
        "依法协助政府工作事项",
        "协助党委政府工作事项",
        "协助工作事项",
        "协助办理",
    ),
    "negative": (
        "负面清单",
        "负面事项清单",
        "不应由村(社区)承担的工作事项",
        "村(社区)不承担的工作事项",
        "禁止事项",
        "减负清单",
        "减负事项",
        "减负事项清单",
        "不应承担事项",
        "取消和禁入事项",
    ),
    "cert_allowed": (
        "可出具证明",
        "可出具的证明事项",
        "出具证明事项",
        "应出具证明事项",
        "保留证明事项",
    ),
    "cert_forbidden": (
        "不应出具证明",
        "不应由村(社区)出具的证明事项",
        # the title of the national list (民发〔2020〕20号) that counties repeat
        "不应由基层群众性自治组织出具证明事项",
        "不出具证明事项",
        "不予出具证明事项",
        "取消证明事项",
        "证明事项负面清单",
    ),
}

_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+\s*[、.．]|第[一二三四五六七八九十]+(?:部分|类|章|节)[、:：\s]*)"
)
_SUBHEADING_RE = re.compile(r"^(?:[(（]\s*[一二三四五六七八九十0-9]+\s*[)）]|\d+\s*[、.．])")
_COUNT_RE = re.compile(r"[(（]\s*(?:共\s*)?\d+\s*(?:项|条|个)\s*[)）]\s*$")
_QUALIFIERS_RE = re.compile(r"村\(社区\)|村\(居\)|\(社区\)|村居|村级|城乡社区")


def _kind_key(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t)
    t = _HEADING_RE.sub("", t)
    t = _COUNT_RE.sub("", t)
    t = _QUALIFIERS_RE.sub("", t).replace("的", "")
    t = re.sub(r"清单$", "", t)
    return re.sub(r"(?:工作)?事项$", "", t)


class KindMatcher:
    """Finds the list kind named by a 类别 cell, a section row or a sheet name."""

    def __init__(self, kinds: Sequence[ListKind]) -> None:
        self.kinds = list(kinds)
        self._keys: dict[str, ListKind] = {}
        for kind in self.kinds:
            for text in (kind.name, kind.code, *KIND_SYNONYMS.get(kind.code, ())):
                key = _kind_key(text)
                if key:
                    self._keys.setdefault(key, kind)

    def match(self, text: str, *, loose: bool = False) -> ListKind | None:
        """The kind whose name, code or synonym is ``text``; ``loose`` accepts containment."""
        key = _kind_key(text)
        if not key:
            return None
        if key in self._keys:
            return self._keys[key]
        if key.lower() in self._keys:
            return self._keys[key.lower()]
        if not loose:
            return None
        hits = sorted(((len(k), kind) for k, kind in self._keys.items() if k in key), reverse=True)
        if not hits:
            return None
        if len(hits) > 1 and hits[1][0] == hits[0][0] and hits[1][1] != hits[0][1]:
            return None  # two kinds fit equally well
        return hits[0][1]

    def is_heading(self, text: str) -> bool:
        """True for a top-level section heading (一、…, 第一部分 …, … (12项))."""
        t = unicodedata.normalize("NFKC", text).strip()
        return bool(_HEADING_RE.match(t) or _COUNT_RE.search(t))

    def is_subheading(self, text: str) -> bool:
        """True for a sub-heading inside a kind, e.g. （一）基层党建; it keeps the kind."""
        return bool(_SUBHEADING_RE.match(unicodedata.normalize("NFKC", text).strip()))

    def is_section(self, text: str) -> bool:
        """True for a row that is a heading, a sub-heading or exactly a kind's name."""
        t = unicodedata.normalize("NFKC", text).strip()
        if len(t) > 60:
            return False
        return self.is_heading(t) or bool(_SUBHEADING_RE.match(t)) or self.match(t) is not None

    def names(self) -> str:
        """The known kinds' names, for messages."""
        return "、".join(k.name for k in self.kinds)


# ------------------------------------------------------------------ the result


@dataclass
class SheetSummary:
    """What was read from one sheet."""

    sheet: str
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    items: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    skipped: int = 0


@dataclass
class ListImport:
    """A published list file read into plain data.

    ``items[i]`` came from ``sources[i]`` (sheet, row). ``title``, ``document_number`` and
    ``effective_date`` are taken from the lines above the header, when present.
    """

    file_name: str
    items: list[ListItem] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    title: str = ""
    document_number: str = ""
    effective_date: dt.date | None = None
    issuing_body: str = ""

    @property
    def ok(self) -> bool:
        """True when nothing at all was wrong."""
        return not self.problems


_DOC_NUMBER_RE = re.compile(r"文号\s*[:：]\s*(\S+)")
_DOC_NUMBER_BARE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号"
)
_EFFECTIVE_RE = re.compile(r"(?:生效|施行|实施|执行)(?:日期|时间)\s*[:：]\s*(\S+)")
_FROM_DATE_RE = re.compile(
    r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*(?:施行|实施|执行|生效)"
)
_FROM_ISSUE_RE = re.compile(r"自(?:印发|发布|公布)之日起\s*(?:施行|实施|执行|生效)")
_ISSUED_RE = re.compile(
    r"(?:(?:印发|发布|公布|发文)(?:日期|时间)\s*[:：]\s*(\S+))"
    r"|(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:印发|发布|公布)"
)
_ISSUER_RE = re.compile(
    r"(?:发布|印发|发文|制定)(?:机关|单位)\s*[:：]\s*(.+?)(?=\u3000|\s{2,}|文号|生效|施行|$)"
)
_ATTACHMENT_RE = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*")


def strip_attachment(line: str) -> str:
    """A title line without its 附件1 / 附件二： label."""
    return _ATTACHMENT_RE.sub("", line.strip()).strip()


def _read_preamble(result: ListImport, preamble: Sequence[str], sheet: str = "") -> None:
    """Title, 文号, 发布机关 and 施行日期 from the lines above a sheet's header; an impossible
    date is a problem of the sheet, not silently ignored."""
    issued: dt.date | None = None
    from_issue = False
    titles: list[str] = []
    for line in preamble:
        m = _DOC_NUMBER_RE.search(line) or _DOC_NUMBER_BARE_RE.search(line)
        eff = _EFFECTIVE_RE.search(line) or _FROM_DATE_RE.search(line)
        who = _ISSUER_RE.search(line)
        when = _ISSUED_RE.search(line)
        from_issue = from_issue or bool(_FROM_ISSUE_RE.search(line))
        if m and not result.document_number:
            result.document_number = re.sub(r"\s+", "", m[1] if m.re is _DOC_NUMBER_RE else m[0])
        if eff and result.effective_date is None:
            try:
                result.effective_date = parse_date(re.sub(r"\s+", "", eff[1]))
            except ValueError as exc:
                result.problems.append(
                    ImportProblem(sheet, None, None, f"施行日期“{eff[1]}”有误：{exc}")
                )
        if who and not result.issuing_body:
            result.issuing_body = who[1].strip()
        if when and issued is None:
            try:
                issued = parse_date(re.sub(r"\s+", "", when[1] or when[2]))
            except ValueError as exc:
                result.problems.append(
                    ImportProblem(sheet, None, None, f"印发日期“{when[1] or when[2]}”有误：{exc}")
                )
        title = strip_attachment(line)
        if not (m or eff or who or when) and title and not _FROM_ISSUE_RE.search(line):
            titles.append(title)
    if result.effective_date is None and from_issue and issued is not None:
        result.effective_date = issued
    if not result.title and titles:
        result.title = next((t for t in titles if "清单" in t), titles[0])


# ------------------------------------------------------------------ reading


def read_list_file(
    path: str | os.PathLike[str],
    kinds: Sequence[ListKind],
    *,
    kind: str | None = None,
    progress: Progress | None = None,
) -> ListImport:
    """Read a published list file; ``kind`` (a kind code) forces the kind of every row.

    Raises ``TableFileError`` when the file cannot be read at all and ``Cancelled`` when the
    clerk cancels through ``progress``.
    """
    matcher = KindMatcher(kinds)
    by_code = {k.code: k for k in kinds}
    forced = by_code.get(kind) if kind else None
    if kind and forced is None:
        raise ValueError(f"unknown kind code {kind!r}")
    reader = TableReader(path, list_fields(), progress=progress, is_section=matcher.is_section)
    result = ListImport(file_name=reader.file_name)
    summaries: dict[str, SheetSummary] = {}
    seen_names: dict[tuple[str, str], tuple[str, int]] = {}
    departments: dict[str, None] = {}
    section_kind: dict[str, ListKind | None] = {}
    sheet_kind: dict[str, ListKind | None] = {}
    sheet_title: dict[str, str] = {}
    subject: dict[str, str] = {}
    own: list[ImportProblem] = []
    # the last heading of each sheet: (its row, 1 for a sub-heading else 0, rows under it)
    open_heading: dict[str, tuple[TableRow, int, int]] = {}

    def close_heading(sheet: str, next_level: int | None) -> None:
        """A heading with no item rows before the next heading of its level is a problem."""
        last = open_heading.get(sheet)
        if last is None or last[2] or (next_level is not None and last[1] < next_level):
            return
        heading = last[0]
        own.append(heading.problem(None, f"分类标题“{heading.section}”下没有任何事项"))

    for row in reader.rows():
        summary = summaries.get(row.sheet)
        if summary is None:
            header = row.header
            summary = SheetSummary(
                row.sheet,
                header.row,
                {n: header.column_ref(n) for n in header.columns},
            )
            summaries[row.sheet] = summary
            sheet_kind[row.sheet] = matcher.match(row.sheet, loose=True) or next(
                (
                    found
                    for line in header.preamble
                    if (found := matcher.match(strip_attachment(line), loose=True)) is not None
                ),
                None,
            )
            if not result.title and not result.document_number:
                _read_preamble(result, header.preamble, row.sheet)
            sheet_title[row.sheet] = next(
                (t for line in header.preamble if "清单" in (t := strip_attachment(line))), ""
            )
        if row.section is not None:
            sub = matcher.is_subheading(row.section)
            close_heading(row.sheet, int(sub))
            open_heading[row.sheet] = (row, int(sub), 0)
            found = matcher.match(row.section, loose=not sub)
            known = (
                forced is not None
                or "kind" in row.header.columns
                or sheet_kind.get(row.sheet) is not None
            )
            if found is not None:
                section_kind[row.sheet] = found
                subject[row.sheet] = ""
            elif sub or known:
                # A subject heading (一、党的建设（2项）, （一）基层党建): the kind is known from
                # the column, the sheet or the title, so the heading names the items' section.
                subject[row.sheet] = _section_name(row.section)
                if not sub and row.sheet in section_kind and section_kind[row.sheet] is None:
                    del section_kind[row.sheet]
            elif matcher.is_heading(row.section):
                section_kind[row.sheet] = None
                own.append(
                    row.problem(
                        None,
                        f"分类标题“{row.section}”不是已知的清单类别"
                        f"（已知：{matcher.names()}），其下各行无法确定类别",
                    )
                )
            continue
        if row.sheet in open_heading:
            heading, level, count = open_heading[row.sheet]
            open_heading[row.sheet] = (heading, level, count + 1)
        item_kind, problem = _row_kind(row, forced, matcher, section_kind, sheet_kind)
        name = row.values.get("name") or ""
        if not name:
            if not any(p.column == row.column_ref("name") for p in row.problems):
                own.append(row.problem("name", "事项名称为空"))
            summary.skipped += 1
            continue
        if item_kind is None:
            own.append(problem or row.problem(None, "无法确定类别"))
            summary.skipped += 1
            continue
        key = (item_kind.code, _squash(name))
        if key in seen_names:
            first_sheet, first_row = seen_names[key]
            where = (
                f"第 {first_row} 行"
                if first_sheet == row.sheet
                else (f"工作表“{first_sheet}”第 {first_row} 行")
            )
            own.append(
                row.problem(
                    "name",
                    f"事项名称“{name}”在“{item_kind.name}”中与{where}重复",
                )
            )
            summary.skipped += 1
            continue
        seen_names[key] = (row.sheet, row.row)
        item = _make_item(row, item_kind.code, subject.get(row.sheet, ""))
        if unknown := unknown_placeholders(item.model_text):
            # refused here: the print would stop at it, and only the workbook writes the texts
            own.append(row.problem("model_text", unknown_placeholder_message(name, unknown)))
        result.items.append(item)
        result.sources.append((row.sheet, row.row))
        summary.items += 1
        summary.by_kind[item_kind.code] = summary.by_kind.get(item_kind.code, 0) + 1
        if item.department:
            departments.setdefault(item.department, None)

    for sheet in list(open_heading):
        close_heading(sheet, None)
    for header in reader.headers:
        if header.sheet not in summaries:
            summaries[header.sheet] = SheetSummary(
                header.sheet,
                header.row,
                {n: header.column_ref(n) for n in header.columns},
            )
    claimed: dict[str, str] = {}
    for sheet, found in sheet_kind.items():
        if found is None or forced is not None:
            continue
        if found.code in claimed:
            own.append(
                ImportProblem(
                    sheet,
                    None,
                    None,
                    f"工作表“{claimed[found.code]}”和“{sheet}”都是“{found.name}”，"
                    "无法确定以哪一张为准；请合并为一张或改正标题",
                )
            )
        else:
            claimed[found.code] = sheet
    order = {h.sheet: i for i, h in enumerate(reader.headers)}
    result.sheets = sorted(summaries.values(), key=lambda s: order.get(s.sheet, 0))
    sheet_order = {s.sheet: i for i, s in enumerate(result.sheets)}
    result.problems = sorted(
        reader.problems + result.problems + own,
        key=lambda p: (sheet_order.get(p.sheet, -1), p.row or 0),
    )
    result.departments = list(departments)
    read_kinds = {by_code[i.kind] for i in result.items if i.kind in by_code}
    if len(read_kinds) > 1 and matcher.match(result.title, loose=True) is not None:
        result.title = _whole_title(list(sheet_title.values()), read_kinds) or result.title
    return result


def unknown_placeholder_message(item: str, unknown: Sequence[str]) -> str:
    """Why ``item``'s model text with ``unknown`` placeholders is refused, and which ones it
    may use."""
    named = "、".join(f"{{{name}}}" for name in unknown)
    usable = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
    return f"“{item}”的证明式样中的占位符 {named} 不存在，打印时无法填写；可用的占位符：{usable}"


_PART_START_RE = re.compile(r"(?:依法|不应|不予|不|可|应|协助)+$")


def _whole_title(titles: list[str], kinds: set[ListKind]) -> str:
    """The title of a workbook whose sheets are the parts of one list, each with its own
    title (附件1 云溪县村级组织依法履行职责事项清单, 附件2 …协助政府工作事项清单): what the sheets'
    titles begin with and the list's name, 云溪县村级组织工作事项准入清单; '' when the sheets
    share no such beginning. The first sheet's title named the whole edition and its print
    after one part."""
    titles = [t for t in titles if t]
    if len(titles) < 2:
        return ""
    # cut back to where the parts' names begin: 南屏县村(社区)依法 | 履行职责… / 协助政府…
    shared = titles[0]
    for title in titles[1:]:
        n = 0
        while n < min(len(shared), len(title)) and shared[n] == title[n]:
            n += 1
        shared = shared[:n]
    start = _PART_START_RE.sub("", shared)
    if len(start) < 2:
        return ""
    certificates = all(k.meaning.family is ListFamily.CERTIFICATE for k in kinds)
    return start + ("出具证明事项清单" if certificates else "工作事项准入清单")


def _row_kind(
    row: TableRow,
    forced: ListKind | None,
    matcher: KindMatcher,
    section_kind: dict[str, ListKind | None],
    sheet_kind: dict[str, ListKind | None],
) -> tuple[ListKind | None, ImportProblem | None]:
    """The kind of a data row, or a problem saying why it cannot be told."""
    if forced is not None:
        return forced, None
    text = row.values.get("kind") or ""
    if text:
        found = matcher.match(text, loose=True)
        if found is None:
            return None, row.problem(
                "kind", f"类别“{text}”不是已知的清单类别（已知：{matcher.names()}）"
            )
        return found, None
    if row.sheet in section_kind:
        found = section_kind[row.sheet]
        if found is None:
            return None, row.problem(None, "所在分类标题不是已知的清单类别")
        return found, None
    if sheet_kind.get(row.sheet) is not None:
        return sheet_kind[row.sheet], None
    return None, row.problem(
        None,
        "无法确定此行属于哪个清单：表中没有“类别”列、分类标题行，工作表名也不是清单名称"
        f"（已知：{matcher.names()}）",
    )


_SECTION_NUMBER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）]|"
    r"第[一二三四五六七八九十]+部分\s*[:：]?)\s*"
)
_SECTION_COUNT_RE = re.compile(r"\s*[(（]\s*(?:共\s*)?\d+\s*项\s*[)）]\s*$")


def _section_name(heading: str) -> str:
    """一、党的建设（2项） -> 党的建设."""
    text = unicodedata.normalize("NFKC", heading).strip()
    text = _SECTION_COUNT_RE.sub("", _SECTION_NUMBER_RE.sub("", text))
    return text.strip()[:100]


def _make_item(row: TableRow, kind: str, section: str = "") -> ListItem:
    v = row.values
    status = v.get("status")
    withdrawn_on = v.get("withdrawn_on")
    withdrawn_reason = v.get("withdrawn_reason") or ""
    if status is None:
        status = ItemStatus.WITHDRAWN if withdrawn_on or withdrawn_reason else ItemStatus.VALID
    scopes = v.get("scopes") or ALL_SCOPES
    extra = {k: t for k, t in row.extra.items() if normalize_header(k) not in _KNOWN_HEADERS}
    return ListItem(
        kind=kind,
        name=v.get("name") or "",
        number=v.get("number") or "",
        section=v.get("section") or section,
        content=v.get("content") or "",
        basis=v.get("basis") or "",
        department=v.get("department") or "",
        participation=v.get("participation") or "",
        nature=v.get("nature"),
        funding=v.get("funding") or "",
        scopes=scopes,
        status=status,
        withdrawn_on=withdrawn_on,
        withdrawn_reason=withdrawn_reason,
        notes=v.get("notes") or "",
        purpose=v.get("purpose") or "",
        procedure=v.get("procedure") or "",
        model_text=v.get("model_text") or "",
        alternative_route=v.get("alternative_route"),
        alternative_detail=v.get("alternative_detail") or "",
        extra=extra,
    )
