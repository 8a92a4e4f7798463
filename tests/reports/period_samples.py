"""A period report with made-up figures, shared by the PDF and Excel tests."""

from __future__ import annotations

import datetime as dt
import random

from jianfu.domain.period_report import (
    COLUMN_KEYS,
    Figures,
    PeriodReport,
    ReportRow,
    merge_department_flags,
)
from jianfu.domain.periods import parse_period

NAMES = ("东岭村", "西溪社区", "𠮷祥村", "峯下村", "南屏城市社区", "上坂村", "下洋村")


def make_report(n: int = 7, *, seed: int = 1, empty: bool = False, baseline: bool = True):
    rnd = random.Random(seed)
    period = parse_period("2026Q3")
    rows = []
    for i in range(n):
        name = NAMES[i] if i < len(NAMES) else f"第{i + 1}村"
        values = {} if empty else {k: rnd.randint(0, 9) for k in COLUMN_KEYS}
        rows.append(ReportRow(i + 1, name, "村", Figures(values), "8月10日新设" if i == 4 else ""))
    return PeriodReport(
        township="清溪镇",
        period=period,
        rows=rows,
        previous_period=period.previous(),
        previous_total=Figures({} if empty else {k: rnd.randint(0, 40) for k in COLUMN_KEYS}),
        baseline=dt.date(2026, 1, 1) if baseline else None,
        cumulative=Figures({k: 100 + i for i, k in enumerate(COLUMN_KEYS)}) if baseline else None,
        departments=()
        if empty
        else merge_department_flags({"县住房和城乡建设局": 3}, {"县公安局": 2}),
        preparer="张三",
        reviewer="李四",
        phone="0593-6123456",
        made_on=dt.date(2026, 10, 8),
    )
