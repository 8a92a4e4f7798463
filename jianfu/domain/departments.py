"""Departments (党政群机构) that push tasks down to the villages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.text import check_length, check_required, clean

NAME_MAX = 60
SHORT_NAME_MAX = 20


class DepartmentLevel(StrEnum):
    """The level a department belongs to."""

    CITY = "市"
    COUNTY = "县"
    TOWNSHIP = "乡镇"


@dataclass(frozen=True)
class Department:
    """A department as the rest of the app sees it."""

    id: int
    name: str
    short_name: str
    level: DepartmentLevel
    active: bool
    sort_order: int = 0
    version: int = 1

    @property
    def display_name(self) -> str:
        """The short name when there is one, else the full name."""
        return self.short_name or self.name


@dataclass(frozen=True)
class DepartmentInput:
    """What the clerk typed into the department form, before validation."""

    name: str
    short_name: str = ""
    level: DepartmentLevel = DepartmentLevel.COUNTY
    sort_order: int = 0

    def cleaned(self) -> DepartmentInput:
        """Return a copy with the text fields trimmed, or raise ``ValidationError``."""
        name, short = clean(self.name), clean(self.short_name)
        problems: list[FieldProblem] = []
        problems += check_required("name", "部门名称", name, NAME_MAX)
        problems += check_length("short_name", "简称", short, SHORT_NAME_MAX)
        if not 0 <= self.sort_order <= 99999:
            problems.append(FieldProblem("sort_order", "排序号应在 0 到 99999 之间"))
        if problems:
            raise ValidationError(problems)
        return DepartmentInput(
            name=name, short_name=short, level=self.level, sort_order=self.sort_order
        )


_ADMIN_SUFFIX = ("自治县", "县", "市", "区", "旗")


def name_forms(full_name: str, short_name: str = "", county: str = "") -> set[str]:
    """The ways a list may write a department: full name, 简称, the county prefix left out or
    kept only as 县 (南屏县民政局 -> 民政局, 县民政局; 南屏县委宣传部 -> 县委宣传部), and 县 before
    the 简称 of a government department (南屏县卫生健康局, 卫健局 -> 县卫健局)."""
    forms = {full_name}
    if short_name:
        forms.add(short_name)
    if county and full_name.startswith(county) and len(full_name) > len(county) + 1:
        rest = full_name[len(county) :]
        suffix = next((s for s in _ADMIN_SUFFIX if county.endswith(s)), "")
        if suffix:
            forms.add(suffix + rest)  # 县民政局, 县委宣传部
        if not rest.startswith(("委", "人民政府", "政府")):
            forms.add(rest)  # 民政局 (but not 委宣传部)
            if suffix and short_name and not short_name.startswith(suffix):
                forms.add(suffix + short_name)  # 县卫健局 (南屏县卫生健康局, 简称 卫健局)
        elif (
            rest.startswith("委")
            and suffix
            and short_name
            and not short_name.startswith((suffix, "委"))
        ):
            # 县委 before the 简称 of a 县委 department: 县委政法委 (南屏县委政法委员会, 简称
            # 政法委), 县委编办, 县委社工部
            forms.add(suffix + "委" + short_name)
    return forms


def written_forms(
    departments: Iterable[tuple[str, str]],
    county: str = "",
    aliases: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """Each other way a department of ``departments`` ((full name, 简称)) is written -> its
    full name: the forms of :func:`name_forms` (民政局, 县民政局 for 南屏县民政局) and the
    ``aliases`` ((written, full name)) a clerk mapped it from. A form two departments share,
    and another department's full name, stand for none."""
    departments = list(departments)
    fulls = {full for full, _short in departments}
    forms: dict[str, str | None] = {}
    for full, short in departments:
        for form in name_forms(full, short, county):
            if form != full:
                forms[form] = full if forms.get(form, full) == full else None
    for written, full in aliases:
        if written != full and full in fulls:
            forms[written] = full
    return {form: full for form, full in forms.items() if full is not None and form not in fulls}


def match_department(
    written: str, departments: list[tuple[int, str, str]], county: str = ""
) -> int | None:
    """The id of the department a list's 责任单位 means, or None when none or several match.

    ``departments`` holds (id, full name, 简称). An exact full name wins; otherwise a form of
    exactly one department must equal what is written.
    """
    name = written.strip()
    if not name:
        return None
    for dep_id, full, _short in departments:
        if full == name:
            return dep_id
    hits = {
        dep_id for dep_id, full, short in departments if name in name_forms(full, short, county)
    }
    return hits.pop() if len(hits) == 1 else None


def department_named(sender: str, names: list[str], short_names: dict[str, str]) -> str:
    """The department of ``names`` a notice's sender means ("县民政局" -> 南屏县民政局), else "".

    A sender is the department when it is its full name or 简称, or when the full name ends
    with the sender less its leading 县/市/区 (the county's name left out), or the other way
    round (a department entered as 县民政局, a notice from 云溪县民政局); only one department
    may match.
    """
    sender = sender.strip()
    if not sender:
        return ""
    if sender in names:
        return sender
    by_short = [n for n, short in short_names.items() if short == sender]
    if len(by_short) == 1:
        return by_short[0]
    core = _without_level(sender)
    hits = [n for n in names if n.endswith(core) or _names_in_county(sender, n)]
    return hits[0] if len(hits) == 1 else ""


def _without_level(name: str) -> str:
    """``name`` less a leading 县/市/区 (县民政局 -> 民政局); a short name (县委) as it is."""
    return name[1:] if name[0] in "县市区" and len(name) > 3 else name


def _names_in_county(sender: str, department: str) -> bool:
    """A department entered as a list writes it (县民政局: 自动新增 at an import) and a sender
    naming its county (云溪县民政局): the sender is that department when it ends with the name
    less its 县, and the level before that is the same (宁川市民政局 is no 县民政局)."""
    core = _without_level(department)
    if core == department or not sender.endswith(core) or len(sender) == len(core):
        return False
    return sender[: -len(core)].endswith(department[0])
