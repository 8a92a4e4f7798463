"""首页 (dashboard) and 统计报表 (period report) screens."""

from jianfu.ui.dashboard.report_screen import ReportsWidget, make_reports_widget
from jianfu.ui.dashboard.widget import DashboardWidget, make_dashboard_widget

__all__ = ["DashboardWidget", "ReportsWidget", "make_dashboard_widget", "make_reports_widget"]
