"""首页 (dashboard) and 统计报表 (period report) screens.

The names are looked up on first use: start-up imports ``widget`` (the first screen) only, not
the report screen and its printing code.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "DashboardWidget": "jianfu.ui.dashboard.widget",
    "make_dashboard_widget": "jianfu.ui.dashboard.widget",
    "ReportsWidget": "jianfu.ui.dashboard.report_screen",
    "make_reports_widget": "jianfu.ui.dashboard.report_screen",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
