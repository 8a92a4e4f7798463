"""The 清单 screen: list editions, items, import/export, comparison and printing."""

from jianfu.ui.lists.browser import ListsWidget, make_lists_widget

__all__ = ["ListsWidget", "make_lists_widget"]
