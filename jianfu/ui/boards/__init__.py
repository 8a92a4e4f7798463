"""The 牌子 (signboards) screen."""

from jianfu.ui.boards.ledger import BoardsWidget, make_boards_widget

__all__ = ["BoardsWidget", "make_boards_widget"]
