"""What the clerk reads for a board's status (a board in range not yet confirmed: 待核定)."""

from __future__ import annotations

from jianfu.domain.boards import BoardStatus, parse_status, status_text


def test_a_board_in_range_not_yet_dealt_with_reads_awaiting_confirmation():
    """Every new board is stored 待处置; beside a 村民委员会 门牌 within the allowed set a
    clerk read 待处置 as "to be taken down"."""
    assert status_text(BoardStatus.PENDING, True) == "待核定"
    assert status_text(BoardStatus.PENDING, False) == "待处置"
    for status in (BoardStatus.DISPOSED, BoardStatus.CLOSED, BoardStatus.RELAPSED):
        assert status_text(status, True) == status_text(status, False) == status.value


def test_the_import_reads_back_what_the_export_writes():
    assert parse_status("待核定") is BoardStatus.PENDING
    assert parse_status("待处置") is BoardStatus.PENDING
