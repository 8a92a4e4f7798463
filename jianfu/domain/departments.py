"""Departments (党政群机构) that push tasks down to the villages."""

from __future__ import annotations

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
