"""The township's settings: names and people that every print-out reuses."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import ClassVar

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.periods import parse_date
from jianfu.domain.text import check_length, check_required, clean

_PHONE = re.compile(r"^[0-9０-９\-－ ()（）转]*$")


@dataclass(frozen=True)
class TownshipSettings:
    """Settings kept in the database, so every clerk of a shared database sees the same."""

    township_name: str = ""
    county_name: str = ""
    city_name: str = ""
    mechanism_name: str = "党建引领基层治理协调机制"
    mechanism_level: str = "县"
    preparer: str = ""
    reviewer: str = ""
    phone: str = ""
    notice_working_days: int = 30
    decision_working_days: int = 15
    report_baseline: str = ""  # ISO date: the statistics report counts cumulative figures from it
    daily_backup_keep: int = 10  # automatic daily backups kept (SQLite); 0 turns them off

    LABELS: ClassVar[dict[str, str]] = {
        "township_name": "乡镇(街道)名称",
        "county_name": "县(市、区)名称",
        "city_name": "市名称",
        "mechanism_name": "协调机制名称",
        "mechanism_level": "协调机制层级",
        "preparer": "填表人",
        "reviewer": "审核人",
        "phone": "联系电话",
        "notice_working_days": "提前申请工作日数",
        "decision_working_days": "审批时限工作日数",
        "report_baseline": "统计累计起始日期",
        "daily_backup_keep": "每日自动备份保留份数",
    }

    def cleaned(self, *, defaults: bool = False) -> TownshipSettings:
        """Return a trimmed copy, or raise ``ValidationError`` naming every bad field.

        ``defaults``: the database-wide defaults, which name no township.
        """
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        problems: list[FieldProblem] = []
        for key, value in list(values.items()):
            if isinstance(value, str):
                values[key] = clean(value)
        if defaults:
            problems += check_length(
                "township_name", self.LABELS["township_name"], values["township_name"], 40
            )
        else:
            problems += check_required(
                "township_name", self.LABELS["township_name"], values["township_name"], 40
            )
        problems += check_required(
            "mechanism_name", self.LABELS["mechanism_name"], values["mechanism_name"], 60
        )
        for key in ("county_name", "city_name", "preparer", "reviewer"):
            problems += check_length(key, self.LABELS[key], values[key], 40)
        if values["mechanism_level"] not in ("市", "县", "乡镇"):
            problems.append(FieldProblem("mechanism_level", "协调机制层级只能是 市、县 或 乡镇"))
        problems += check_length("phone", "联系电话", values["phone"], 30)
        if not _PHONE.match(values["phone"]):
            problems.append(FieldProblem("phone", "联系电话只能包含数字、横线、括号和“转”"))
        for key in ("notice_working_days", "decision_working_days"):
            if not 1 <= int(values[key]) <= 365:
                problems.append(FieldProblem(key, f"{self.LABELS[key]}应在 1 到 365 之间"))
        if not 0 <= int(values["daily_backup_keep"]) <= 365:
            problems.append(
                FieldProblem("daily_backup_keep", "自动备份保留份数应为 0 到 365（0 为不备份）")
            )
        if baseline := values["report_baseline"]:
            # as every date field: 2026-01-01, 2026/1/1, 2026年1月1日; a wrong one is named
            try:
                day = parse_date(baseline, "report_baseline", self.LABELS["report_baseline"])
                values["report_baseline"] = day.isoformat()
            except ValidationError as err:
                problems += err.problems
        if problems:
            raise ValidationError(problems)
        return replace(self, **values)
