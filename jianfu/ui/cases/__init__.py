"""The 准入审批 screen and its dialogs."""

from jianfu.ui.cases.screen import CasesWidget, make_cases_widget

__all__ = ["CasesWidget", "make_cases_widget"]
