"""首页's reminders of the signboard ledger (plain text; 首页 at start-up imports this without
the rest of ``domain.boards``)."""

from __future__ import annotations


def attention_lines(flagged: int, relapsed: int) -> list[str]:
    """Boards found hanging again, flagged boards not dealt with (none when there are none)."""
    out = []
    if relapsed:
        out.append(f"{relapsed} 块牌子复查时发现又挂回（复查反弹），请重新处置")
    if flagged:
        out.append(f"{flagged} 块允许范围外的牌子尚未处置")
    return out
