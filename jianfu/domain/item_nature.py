"""How long a task lasts (事项性质), apart from the lists it comes from.

Cases, tasks and 首页's start-up reading (``db.plain_reads``) need only this enum of
``domain.lists``, which builds its kinds, editions and items (and their seeds) when imported;
``domain.lists`` re-exports it, where it has always been named.
"""

from __future__ import annotations

from enum import StrEnum


class ItemNature(StrEnum):
    """How long a task lasts."""

    LONG_TERM = "长期"
    STAGED = "阶段"
    TEMPORARY = "临时"
