"""The 其他负担 screen: the other-burdens ledger of every village and its clean-up."""

from jianfu.ui.burdens.widget import BurdensWidget, make_burdens_widget

__all__ = ["BurdensWidget", "make_burdens_widget"]
