"""Others' saves on a shared PostgreSQL, for the window's change signal (``jianfu.db.notify``).

The UI reaches the listening connection through here: ``open_change_feed`` (blocking: call it
off the GUI thread) gives a ``ChangeFeed`` on a database server and None on a SQLite file,
where every save is this window's own and the unit of work announces it already.
"""

from __future__ import annotations

from jianfu.db.notify import ALL_KINDS, ChangeFeed, FeedLostError
from jianfu.services.context import AppContext

__all__ = ["ALL_KINDS", "ChangeFeed", "FeedLostError", "open_change_feed"]


def open_change_feed(ctx: AppContext) -> ChangeFeed | None:
    """Listen for others' saves to ``ctx``'s database; None on SQLite.

    Raises ``DatabaseError`` when the server cannot be reached (try again later).
    """
    if ctx.database.is_sqlite:
        return None
    return ChangeFeed.open(ctx.database.engine)
