"""The other burdens (其他负担) of the villages: mechanisms, forms, chat groups, inspections.

Each village keeps a ledger of what departments made it host or do besides tasks: standing
mechanisms and designated posts, report forms and ledgers, work chat groups and government
apps, inspections, assessments and study visits. Each entry records who required it, how
often, on what basis, and how it was cleaned up (撤并 / 取消 / 保留) and when.

The burden types are data (a table seeded with :data:`DEFAULT_BURDEN_TYPES`); the period
report maps the four default codes to its columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from jianfu.domain.burden_counts import (
    CHANNEL,
    FORM,
    INSPECTION,
    MECHANISM,
    PENDING,
    BurdenCounts,
    BurdenRecord,
    BurdenType,
    CleanupAction,
    TypeCounts,
    VillageCounts,
    count_period,
)
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.text import check_length, check_required, clean

#: named here (the records and their counts are defined in ``domain.burden_counts``)
__all__ = [
    "BASIS_MAX",
    "CHANNEL",
    "DEFAULT_BURDEN_TYPES",
    "DEPARTMENT_MAX",
    "FIELD_LABELS",
    "FORM",
    "FREQUENCIES",
    "FREQUENCY_MAX",
    "INSPECTION",
    "MECHANISM",
    "NAME_MAX",
    "NOTES_MAX",
    "PENDING",
    "TYPE_NAME_MAX",
    "BurdenCounts",
    "BurdenFilter",
    "BurdenInput",
    "BurdenRecord",
    "BurdenType",
    "CleanupAction",
    "TypeCounts",
    "VillageCounts",
    "burden_problems",
    "check_action",
    "count_period",
    "parse_action",
    "resolve_type",
    "type_names",
]

NAME_MAX = 200
DEPARTMENT_MAX = 60
FREQUENCY_MAX = 40
BASIS_MAX = 500
NOTES_MAX = 500
TYPE_NAME_MAX = 40


#: The types a new database starts with (migration 0006 inserts them).
DEFAULT_BURDEN_TYPES: tuple[BurdenType, ...] = (
    BurdenType(
        MECHANISM,
        "工作机制/专人专岗",
        10,
        ("工作机制", "机制", "专人专岗", "领导小组", "工作站", "机构", "工作机构"),
    ),
    BurdenType(FORM, "报表台账", 20, ("报表", "台账", "表格", "报表/台账", "填报")),
    BurdenType(
        CHANNEL,
        "工作群/政务APP",
        30,
        ("工作群", "微信群", "政务APP", "APP", "小程序", "公众号", "群"),
    ),
    BurdenType(
        INSPECTION,
        "督查检查/考核评比/观摩",
        40,
        (
            "督查检查",
            "督查",
            "检查",
            "考核评比",
            "考核",
            "评比",
            "观摩",
            "创建示范",
            "督查检查考核",
        ),
    ),
)


def type_names(types: Iterable[BurdenType]) -> dict[str, str]:
    """code -> name."""
    return {t.code: t.name for t in types}


#: Frequencies offered in the form (the field is free text; these are suggestions).
FREQUENCIES: tuple[str, ...] = (
    "常设",
    "每日",
    "每周",
    "每月",
    "每季度",
    "每半年",
    "每年",
    "不定期",
    "一次性",
)

FIELD_LABELS: dict[str, str] = {
    "unit": "村(社区)",
    "type": "类别",
    "name": "名称",
    "department": "要求部门",
    "frequency": "频次",
    "basis": "依据文件",
    "action": "清理方式",
    "action_date": "清理日期",
    "notes": "备注",
}


@dataclass(frozen=True)
class BurdenFilter:
    """What the ledger shows: one village or all, one type or all, an action or all.

    ``action`` is ``""`` (all), :data:`PENDING` (no action yet) or a :class:`CleanupAction`
    value; ``query`` searches name, department, basis and notes.
    """

    unit_id: int | None = None
    type: str = ""
    action: str = ""
    query: str = ""
    #: above the township: only this township's villages (None: every one)
    township_id: int | None = None


@dataclass(frozen=True)
class BurdenInput:
    """What the clerk typed into the burden form (or one imported row), before validation."""

    unit_id: int | None
    type: str
    name: str
    department: str = ""
    frequency: str = ""
    basis: str = ""
    action: CleanupAction | None = None
    action_date: dt.date | None = None
    notes: str = ""

    def cleaned(self, type_codes: Iterable[str], today: dt.date | None = None) -> BurdenInput:
        """Return a trimmed copy, or raise ``ValidationError`` naming every bad field."""
        problems = burden_problems(self, type_codes, today)
        if problems:
            raise ValidationError(problems)
        return replace(
            self,
            type=clean(self.type),
            name=clean(self.name),
            department=clean(self.department),
            frequency=clean(self.frequency),
            basis=clean(self.basis),
            notes=clean(self.notes),
        )


def check_action(
    action: CleanupAction | None, on: dt.date | None, today: dt.date | None = None
) -> list[FieldProblem]:
    """A clean-up action needs a date; the date must not lie in the future."""
    today = today or dt.date.today()
    problems: list[FieldProblem] = []
    if action is not None and action.removes and on is None:
        problems.append(FieldProblem("action_date", f"已选“{action.value}”，请填写清理日期"))
    if on is not None:
        if action is None:
            problems.append(
                FieldProblem("action", "填了清理日期，请选择清理方式（撤并、取消或保留）")
            )
        if on > today:
            problems.append(
                FieldProblem("action_date", f"清理日期 {on.isoformat()} 晚于今天，不能预填")
            )
    return problems


def burden_problems(
    data: BurdenInput, type_codes: Iterable[str], today: dt.date | None = None
) -> list[FieldProblem]:
    """Every problem with one burden entry (empty when it is fine)."""
    problems: list[FieldProblem] = []
    if data.unit_id is None:
        problems.append(FieldProblem("unit", "请选择村(社区)"))
    codes = set(type_codes)
    kind = clean(data.type)
    if not kind:
        problems.append(FieldProblem("type", "请选择类别"))
    elif kind not in codes:
        problems.append(FieldProblem("type", f"没有“{kind}”这个类别"))
    problems += check_required("name", "名称", clean(data.name), NAME_MAX)
    problems += check_length("department", "要求部门", clean(data.department), DEPARTMENT_MAX)
    problems += check_length("frequency", "频次", clean(data.frequency), FREQUENCY_MAX)
    problems += check_length("basis", "依据文件", clean(data.basis), BASIS_MAX)
    problems += check_length("notes", "备注", clean(data.notes), NOTES_MAX)
    problems += check_action(data.action, data.action_date, today)
    return problems


def parse_action(text: str) -> CleanupAction | None:
    """撤并/取消/保留 and common variants (合并, 撤销, 已取消, 继续保留); blank is ``None``."""
    t = "".join(clean(text).split())
    if not t or t in (PENDING, "未清理", "未处置", "待处置", "无"):
        return None
    for word, action in _ACTION_WORDS:
        if word in t:
            return action
    raise ValueError(f"清理方式应为“撤并”“取消”或“保留”，现为“{clean(text)}”")


_ACTION_WORDS: tuple[tuple[str, CleanupAction], ...] = (
    ("撤并", CleanupAction.MERGED),
    ("合并", CleanupAction.MERGED),
    ("整合", CleanupAction.MERGED),
    ("并入", CleanupAction.MERGED),
    ("取消", CleanupAction.CANCELLED),
    ("撤销", CleanupAction.CANCELLED),
    ("撤除", CleanupAction.CANCELLED),
    ("停用", CleanupAction.CANCELLED),
    ("注销", CleanupAction.CANCELLED),
    ("退出", CleanupAction.CANCELLED),
    ("保留", CleanupAction.KEPT),
)


def resolve_type(text: str, types: Sequence[BurdenType]) -> str | None:
    """The type code for a type as written in a ledger (name, code or alias), or ``None``."""
    t = "".join(clean(text).split()).lower()
    if not t:
        return None
    for kind in types:
        if t in ("".join(w.split()).lower() for w in kind.words):
            return kind.code
    return None
