"""The period statistics report (村(社区)减负工作情况统计表) as plain data.

One row per village/community and a 合计 row, in the column groups of the quarterly table
(reference: domain §6). The services fill the figures from the flows' ledgers; the PDF, the
Excel export, the screen and the dashboard all read this one model, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from jianfu.domain.periods import Period, chinese_date


class Measure(StrEnum):
    """Whether a column counts events in the period or the state at a moment."""

    FLOW = "flow"  # happened during the period: summed over time for the cumulative figures
    STOCK = "stock"  # how many exist at a moment (期初, 期末, 现有)


@dataclass(frozen=True)
class Column:
    """One figure column: its key, group, heading, unit of count and what it measures."""

    key: str
    group: str
    label: str
    unit: str
    measure: Measure = Measure.FLOW
    phrase: str = ""  # how the situation paragraph names it: 清理牌子

    @property
    def words(self) -> str:
        return self.phrase or f"{self.group}{self.label}"


#: Column groups of the table, in print order; each group's columns follow.
GROUPS: tuple[str, ...] = (
    "工作事项",
    "机制",
    "牌子",
    "证明",
    "报表台账",
    "工作群/APP",
    "督查检查考核",
)

COLUMNS: tuple[Column, ...] = (
    Column("tasks_listed", "工作事项", "清单内", "项", phrase="清单内事项"),
    Column("tasks_applied", "工作事项", "新申请准入", "项", phrase="新申请准入事项"),
    Column("tasks_approved", "工作事项", "批准", "项", phrase="批准准入事项"),
    Column("tasks_refused", "工作事项", "不批准", "项", phrase="不予准入事项"),
    Column("tasks_withdrawn", "工作事项", "退出", "项", phrase="退出事项"),
    Column("tasks_unadmitted", "工作事项", "发现未准入下派", "项", phrase="未经准入下派事项"),
    Column("mechanisms_existing", "机制", "现有", "个", Measure.STOCK, "现有工作机制"),
    Column("mechanisms_merged", "机制", "撤并", "个", phrase="撤并工作机制"),
    Column("boards_opening", "牌子", "期初", "块", Measure.STOCK, "期初牌子"),
    Column("boards_cleaned", "牌子", "清理", "块", phrase="清理牌子"),
    Column("boards_added", "牌子", "新增(经批准)", "块", phrase="经批准新增牌子"),
    Column("boards_closing", "牌子", "期末", "块", Measure.STOCK, "期末牌子"),
    Column("certs_issued", "证明", "出具", "件", phrase="出具证明"),
    Column("certs_refused", "证明", "不予出具", "件", phrase="不予出具证明"),
    Column("certs_unlisted", "证明", "清单外", "件", phrase="清单外证明申请"),
    Column("forms", "报表台账", "件数", "件", Measure.STOCK, "报表台账"),
    Column("channels", "工作群/APP", "个数", "个", Measure.STOCK, "工作群和政务APP"),
    Column("inspections", "督查检查考核", "次数", "次", phrase="督查检查考核"),
)

COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
COLUMN_BY_KEY: Mapping[str, Column] = {c.key: c for c in COLUMNS}

#: Which data source (flow) fills which columns; used to say what is not recorded yet.
SOURCES: Mapping[str, tuple[str, ...]] = {
    "事项审核和准入审批": (
        "tasks_listed",
        "tasks_applied",
        "tasks_approved",
        "tasks_refused",
        "tasks_withdrawn",
        "tasks_unadmitted",
    ),
    "牌子台账": ("boards_opening", "boards_cleaned", "boards_added", "boards_closing"),
    "证明台账": ("certs_issued", "certs_refused", "certs_unlisted"),
    "其他负担台账": (
        "mechanisms_existing",
        "mechanisms_merged",
        "forms",
        "channels",
        "inspections",
    ),
}

TOTAL_LABEL = "合计"
#: The task columns count a task once in each village it reaches (项次), as the paragraph does
#: (…28项（落到各村(社区)共217项次）): their 合计 is not the number of tasks.
UNITS_OF_COUNT = (
    "计量单位：事项（项次）、机制（个）、牌子（块）、证明（件）、"
    "报表台账（件）、工作群/APP（个）、督查检查考核（次）"
)


def group_spans() -> list[tuple[str, int, int]]:
    """Each group with the first and last column index it covers (0-based, figures only)."""
    spans: list[tuple[str, int, int]] = []
    for i, column in enumerate(COLUMNS):
        if spans and spans[-1][0] == column.group:
            spans[-1] = (column.group, spans[-1][1], i)
        else:
            spans.append((column.group, i, i))
    return spans


@dataclass(frozen=True)
class Figures:
    """The figure of every column; missing keys count as zero."""

    values: Mapping[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        if key not in COLUMN_BY_KEY:
            raise KeyError(key)
        return int(self.values.get(key, 0))

    def as_list(self) -> list[int]:
        return [self[k] for k in COLUMN_KEYS]

    @property
    def is_empty(self) -> bool:
        return not any(self.as_list())

    def __add__(self, other: Figures) -> Figures:
        return Figures({k: self[k] + other[k] for k in COLUMN_KEYS})

    def __sub__(self, other: Figures) -> Figures:
        return Figures({k: self[k] - other[k] for k in COLUMN_KEYS})

    @classmethod
    def total(cls, many: Iterable[Figures]) -> Figures:
        sums = dict.fromkeys(COLUMN_KEYS, 0)
        for f in many:
            for k, v in f.values.items():
                if k in sums:
                    sums[k] += int(v)
        return cls(sums)


@dataclass(frozen=True)
class UnitSpan:
    """A village/community with the days it joined and left the township (``None``: unknown)."""

    unit_id: int
    name: str
    type: str
    sort_order: int = 0
    added_on: dt.date | None = None
    removed_on: dt.date | None = None
    parent_id: int | None = None  # the township of a village, the county of a township

    def in_period(self, period: Period) -> bool:
        """Whether the unit existed for at least one day of ``period``."""
        if self.added_on is not None and self.added_on > period.end:
            return False
        return not (self.removed_on is not None and self.removed_on < period.start)

    def note(self, period: Period) -> str:
        """备注 for a unit that joined or left during ``period``."""
        notes = []
        if self.added_on is not None and period.start < self.added_on <= period.end:
            notes.append(f"{self.added_on.month}月{self.added_on.day}日新设")
        if self.removed_on is not None and period.start <= self.removed_on <= period.end:
            notes.append(f"{self.removed_on.month}月{self.removed_on.day}日撤并(停用)")
        return "，".join(notes)


def units_in_period(units: Iterable[UnitSpan], period: Period) -> list[UnitSpan]:
    """The units that existed for at least a day of ``period``, in print order."""
    return sorted(
        (u for u in units if u.in_period(period)), key=lambda u: (u.sort_order, u.name, u.unit_id)
    )


@dataclass(frozen=True)
class ReportRow:
    """One village/community of the report."""

    unit_id: int
    name: str
    type: str
    figures: Figures
    note: str = ""
    #: how many villages/communities the row sums (a township's or county's row); None: one
    villages: int | None = None


#: What a row of the report is, by the level of the reporting unit.
VILLAGE_ROWS = "村(社区)"
TOWNSHIP_ROWS = "乡镇(街道)"
COUNTY_ROWS = "县(市、区)"


@dataclass(frozen=True)
class DepartmentFlag:
    """A department that pushed unlisted tasks or demanded forbidden certificates."""

    name: str
    unlisted_tasks: int = 0
    forbidden_certificates: int = 0

    @property
    def text(self) -> str:
        parts = []
        if self.unlisted_tasks:
            parts.append(f"未经准入下派事项{self.unlisted_tasks}项")
        if self.forbidden_certificates:
            parts.append(f"要求出具不应出具的证明{self.forbidden_certificates}件")
        return "，".join(parts)


def merge_department_flags(
    unlisted: Mapping[str, int], forbidden: Mapping[str, int]
) -> list[DepartmentFlag]:
    """One flag per department, the most flagged first."""
    names = {n for n, v in unlisted.items() if v} | {n for n, v in forbidden.items() if v}
    flags = [DepartmentFlag(n, unlisted.get(n, 0), forbidden.get(n, 0)) for n in names]
    flags.sort(key=lambda f: (-(f.unlisted_tasks + f.forbidden_certificates), f.name))
    return flags


@dataclass(frozen=True)
class PeriodReport:
    """The whole report: rows, totals, change, cumulative figures and flagged departments."""

    township: str
    period: Period
    rows: Sequence[ReportRow]
    previous_period: Period
    previous_total: Figures
    baseline: dt.date | None = None
    cumulative: Figures | None = None  # from ``baseline`` to the end of the period
    departments: Sequence[DepartmentFlag] = ()
    missing_sources: Sequence[str] = ()  # flows whose ledgers are not kept yet
    #: Tasks and cases counted once each (a task for five villages is one task, five rows).
    distinct_tasks: Figures | None = None
    preparer: str = ""
    reviewer: str = ""
    phone: str = ""
    made_on: dt.date = field(default_factory=dt.date.today)
    #: The audit trail's length and end when the report was made (操作记录 N 条，末条校验码 …):
    #: printed so that entries deleted later can be found by comparing with the paper.
    audit_anchor: str = ""
    #: what one row is: 村(社区) for a township, 乡镇(街道) for a county, 县(市、区) for a city
    row_label: str = VILLAGE_ROWS
    #: Each ledger's first recorded day, by its name in ``SOURCES`` (a ledger with no record
    #: is absent): a previous period before it had nothing recorded to compare with.
    first_records: Mapping[str, dt.date] = field(default_factory=dict)

    @cached_property
    def unrecorded_before(self) -> dict[str, dt.date]:
        """The ledgers first recorded after the previous period ended: name -> first day."""
        end = self.previous_period.end
        return {n: d for n, d in self.first_records.items() if d > end}

    @property
    def nothing_before(self) -> bool:
        """No ledger recorded anything before the previous period ended."""
        late = self.unrecorded_before
        return bool(late) and late.keys() == self.first_records.keys()

    @cached_property
    def uncompared(self) -> frozenset[str]:
        """The columns not compared with the previous period: their ledger recorded nothing
        then. The year 2026 against 2025 said 期末牌子增加145块, boards registered in 2026
        read as if hung that year."""
        return frozenset(k for n in self.unrecorded_before for k in SOURCES[n])

    def previous_cells(self) -> list[str]:
        """The previous period's totals as printed: "—" where nothing was recorded."""
        return [
            "—" if k in self.uncompared else str(v)
            for k, v in zip(COLUMN_KEYS, self.previous_total.as_list(), strict=True)
        ]

    def change_cells(self, show: Callable[[int], str]) -> list[str]:
        """The change against the previous period, each ``show``n; "—" where not compared."""
        return [
            "—" if k in self.uncompared else show(v)
            for k, v in zip(COLUMN_KEYS, self.change.as_list(), strict=True)
        ]

    def unrecorded_text(self, table: bool = True) -> str:
        """Why some figures are not compared (本软件自2026年7月10日起登记，上期（2025年）无记录
        …); "" when every figure is. ``table``: said under the table (names the "—")."""
        late = self.unrecorded_before
        if not late:
            return ""
        label = self.previous_period.label
        dash = "（表中以“—”表示）" if table else ""
        if self.nothing_before:
            since = chinese_date(min(late.values()))
            return f"本软件自{since}起登记，上期（{label}）无记录，不作比较{dash}。"
        parts = "、".join(f"{n}自{chinese_date(d)}起登记" for n, d in late.items())
        return f"{parts}，上期（{label}）无记录，相应栏目不作比较{dash}。"

    @property
    def rolled_up(self) -> bool:
        """Rows are townships or counties, each summing its villages."""
        return self.row_label != VILLAGE_ROWS

    @property
    def village_count(self) -> int:
        """How many villages/communities the report covers."""
        return sum(r.villages if r.villages is not None else 1 for r in self.rows)

    @cached_property
    def total(self) -> Figures:
        """The sum over the villages (worked out once: the prints ask for it many times)."""
        return Figures.total(r.figures for r in self.rows)

    @property
    def change(self) -> Figures:
        """This period's totals minus the previous period's."""
        return self.total - self.previous_total

    @property
    def is_empty(self) -> bool:
        """No village recorded anything in the period."""
        return self.total.is_empty

    @property
    def title(self) -> str:
        """〔乡镇〕〔年〕第〔季〕季度村(社区)减负工作情况统计表."""
        return f"{self.township}{self.period.label}村(社区)减负工作情况统计表"

    @property
    def notes(self) -> list[str]:
        """Remarks under the table: units that joined or left, sources not kept yet."""
        out = [f"{r.name}：{r.note}" for r in self.rows if r.note]
        if self.missing_sources:
            out.append(f"{'、'.join(self.missing_sources)}尚未启用，相应栏目按0填报。")
        if unrecorded := self.unrecorded_text():
            out.append(unrecorded)
        if self.audit_anchor:
            # what the code is for, in a clerk's words (校验码 alone puzzled a clerk)
            out.append(
                f"本表生成时本软件有{self.audit_anchor}；在“操作记录”中点“校验”，"
                "可查出本表打印后有无记录被删除或改动。"
            )
        return out

    def summary_text(self) -> str:
        """A draft 情况报告 stating the key figures in plain Chinese, for the clerk to edit."""
        return situation_paragraph(self)


# ---------------------------------------------------------------- the situation paragraph


def _n(figures: Figures, key: str) -> str:
    return f"{figures[key]}{COLUMN_BY_KEY[key].unit}"


def _change_phrases(change: Figures, keys: Sequence[str], per_village_tasks: bool) -> list[str]:
    out = []
    for key in keys:
        delta = change[key]
        if delta:
            word = "增加" if delta > 0 else "减少"
            unit = COLUMN_BY_KEY[key].unit
            if per_village_tasks and key.startswith("tasks_"):
                unit = "项次"  # the table's task columns count each village a task reaches
            out.append(f"{COLUMN_BY_KEY[key].words}{word}{abs(delta)}{unit}")
    return out


#: The figures whose change against the previous period the paragraph mentions.
CHANGE_KEYS = (
    "tasks_applied",
    "tasks_unadmitted",
    "boards_cleaned",
    "boards_closing",
    "certs_refused",
    "certs_unlisted",
    "forms",
    "channels",
    "inspections",
)


def situation_paragraph(report: PeriodReport) -> str:
    """The draft 情况报告: counts of villages, tasks, boards, certificates and other burdens."""
    t = report.total
    who = report.township or "本乡镇(街道)"
    head = f"{report.period.label}（{report.period.span_text}），{who}共有"
    if report.rolled_up:
        head += f"{report.row_label}{len(report.rows)}个、村(社区){report.village_count}个"
    else:
        head += f"村(社区){len(report.rows)}个"
    joined = [r.name for r in report.rows if "新设" in r.note]
    left = [r.name for r in report.rows if "撤并" in r.note]
    if joined:
        head += f"，其中本期新设{'、'.join(joined)}"
    if left:
        head += f"，本期撤并(停用){'、'.join(left)}"
    # Paragraphs: the tasks; boards, mechanisms, certificates and the rest; the change and
    # the cumulative figures; the departments. The clerk edits them one by one.
    first = [head + "。"]
    second: list[str] = []
    third: list[str] = []
    if report.is_empty:
        first.append("本期各村(社区)暂无减负工作数据记录。")
    else:
        d = report.distinct_tasks or t
        tasks = d["tasks_listed"] + d["tasks_applied"] + d["tasks_unadmitted"]
        spread = t["tasks_listed"] + t["tasks_applied"] + t["tasks_unadmitted"]
        reach = (
            f"（落到各村(社区)共{spread}项次）" if report.distinct_tasks and spread != tasks else ""
        )
        first.append(
            f"本期部门向村(社区)布置工作事项{tasks}项{reach}，"
            f"其中清单内事项{_n(d, 'tasks_listed')}，"
            f"清单外新申请准入{_n(d, 'tasks_applied')}，经协调机制批准{_n(d, 'tasks_approved')}、"
            f"不予准入{_n(d, 'tasks_refused')}；退出事项{_n(d, 'tasks_withdrawn')}；"
            f"发现未经准入擅自下派事项{_n(d, 'tasks_unadmitted')}。"
        )
        second.append(
            f"现有工作机制{_n(t, 'mechanisms_existing')}，撤并{_n(t, 'mechanisms_merged')}。"
            f"牌子期初{_n(t, 'boards_opening')}，清理{_n(t, 'boards_cleaned')}，"
            f"经批准新增{_n(t, 'boards_added')}，期末{_n(t, 'boards_closing')}。"
        )
        second.append(
            f"村(社区)出具证明{_n(t, 'certs_issued')}，不予出具{_n(t, 'certs_refused')}，"
            f"收到清单外证明申请{_n(t, 'certs_unlisted')}。"
            f"村(社区)现需填报的报表台账{_n(t, 'forms')}，工作群和政务APP {_n(t, 'channels')}，"
            f"本期接受督查检查考核{_n(t, 'inspections')}。"
        )
    compared = [k for k in CHANGE_KEYS if k not in report.uncompared]
    changes = _change_phrases(report.change, compared, report.distinct_tasks is not None)
    previous = report.previous_period.label
    if changes:
        third.append(f"与{previous}相比，{'，'.join(changes)}。")
    elif not report.is_empty and compared and not report.nothing_before:
        third.append(f"主要数据与{previous}持平。")
    if not report.is_empty and (unrecorded := report.unrecorded_text(table=False)):
        third.append(unrecorded)
    if report.cumulative is not None and report.baseline is not None:
        c = report.cumulative
        third.append(
            f"自{chinese_date(report.baseline)}以来，累计清理牌子{_n(c, 'boards_cleaned')}，"
            f"撤并工作机制{_n(c, 'mechanisms_merged')}，不予准入事项{_n(c, 'tasks_refused')}，"
            f"退出事项{_n(c, 'tasks_withdrawn')}，不予出具证明{_n(c, 'certs_refused')}。"
        )
    fourth: list[str] = []
    if report.departments:
        named = "；".join(f"{d.name}（{d.text}）" for d in report.departments)
        fourth.append(
            f"本期有{len(report.departments)}个部门和单位未经准入下派事项或要求村(社区)出具不应出具的证明："
            f"{named}，建议督促整改。"
        )
    return "\n".join("".join(p) for p in (first, second, third, fourth) if p)
