"""Saves made by other people on a shared PostgreSQL, announced as they commit (LISTEN/NOTIFY).

Migration 0022 puts a trigger on every table whose rows the screens show: each changed row
sends ``pg_notify('jianfu_changes', '<table>:<township id>')`` (``'<table>'`` for the rows of
no township), which PostgreSQL delivers only when the transaction commits, once per distinct
payload. ``ChangeFeed`` is the one connection of a window that listens: ``open`` connects
(blocking: call it off the GUI thread), ``fileno`` is the socket to watch, and ``take`` reads
what has arrived without ever waiting and hands it over as the kinds of ``jianfu.db.changes``.

Since migration 0023b a township's rows are announced on a channel of that township's own
(``jianfu_changes_`` and 32 random hex digits), kept in ``change_channel`` under row-level
security: the feed listens on ``CHANNEL`` (what everyone reads: lists, departments, the
calendar, units, people) and on the channels of the townships the person may read, the only
names it can read. PostgreSQL cannot refuse a LISTEN, but a login cannot listen on a name it
cannot read, so another township's saves never reach it. What is sent, and so all that any
listener can learn: ``<table>:<township id>`` (``<table>`` alone on the shared channel for the
rows of no township), never anything of a row.

What ``take`` still drops: the notifications of this app's own connections (its own saves are
announced by the unit of work already) and, as a second guard, those of townships the person
does not see (``jianfu_visible_townships()``, the function the row-level policies use). A
notification says only "look again": what a screen then shows is still what the policies let
it read.
"""

from __future__ import annotations

import contextlib
import re
import threading
import weakref
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event, text

from jianfu.db.changes import TABLE_KINDS, Changes
from jianfu.domain.errors import DatabaseError

if TYPE_CHECKING:
    import psycopg

CHANNEL = "jianfu_changes"
#: a township's own channel (0023b); nothing else is ever put into a LISTEN statement
_TOWNSHIP_CHANNEL = re.compile(r"jianfu_changes_[0-9a-f]{32}")
#: the shared channel's payload when the township channels were given new names
_CHANNELS_RENEWED = "change_channel"
#: every kind a notification can name (a feed that was away announces them all)
ALL_KINDS = frozenset(TABLE_KINDS.values()) - {"audit", "check"}
#: tables whose notifications pass whatever their township: they change who sees what
_ALWAYS = frozenset({"unit", "app_user"})
_PAYLOAD = re.compile(r"([a-z_]+)(?::(\d+))?")
#: TCP keepalives: a server that vanished without closing the connection (a cable, a crash
#: of its machine) is noticed within about a minute, and the feed reconnects
_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "connect_timeout": 5,
}


class FeedLostError(Exception):
    """The listening connection broke (the server restarted or went away)."""


def parse(payload: str) -> tuple[str, int | None] | None:
    """(table, township id or None) from a notification's payload; None if it is not ours."""
    m = _PAYLOAD.fullmatch(payload)
    if m is None:
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else None


# ---------------------------------------------------------------- this app's own connections

_OWN: weakref.WeakKeyDictionary[Engine, set[int]] = weakref.WeakKeyDictionary()
_OWN_LOCK = threading.Lock()


def track_backends(engine: Engine) -> None:
    """Keep the server process ids of ``engine``'s connections (its notifications are its own)."""
    pids: set[int] = set()
    _OWN[engine] = pids

    def opened(dbapi_conn: Any, _record: object) -> None:
        with _OWN_LOCK:
            pids.add(int(dbapi_conn.info.backend_pid))

    def closed(dbapi_conn: Any, *_record: object) -> None:  # emitted before it closes
        with contextlib.suppress(Exception), _OWN_LOCK:
            pids.discard(int(dbapi_conn.info.backend_pid))

    event.listen(engine, "connect", opened)
    event.listen(engine, "close", closed)
    event.listen(engine, "close_detached", closed)


def own_backends(engine: Engine) -> frozenset[int]:
    """The server process ids of ``engine``'s open connections."""
    with _OWN_LOCK:
        return frozenset(_OWN.get(engine, ()))


# ---------------------------------------------------------------- the listening connection


def visible_townships(engine: Engine) -> frozenset[int] | None:
    """The townships the connected person sees; None: all (the owner, an administrator)."""
    with engine.connect() as con:
        role = con.execute(text("SELECT jianfu_person_role()")).scalar()
        if role is None or role == "admin":
            return None
        ids = con.execute(text("SELECT jianfu_visible_townships()")).scalars().all()
    return frozenset(int(i) for i in ids)


def township_channels(engine: Engine) -> frozenset[str]:
    """The channels of the townships the connected person may read (row-level security on
    ``change_channel`` chooses them); none before migration 0023b."""
    with engine.connect() as con:
        if con.execute(text("SELECT to_regclass('change_channel')")).scalar() is None:
            return frozenset()
        names = con.execute(text("SELECT channel FROM change_channel")).scalars().all()
    return frozenset(n for n in names if _TOWNSHIP_CHANNEL.fullmatch(n))


class ChangeFeed:
    """One connection that listens on ``CHANNEL`` and on the person's townships' channels
    (see the module docstring)."""

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        engine: Engine,
        townships: frozenset[int] | None,
        channels: frozenset[str] = frozenset(),
    ) -> None:
        self._conn = conn
        self._engine = engine
        self._townships = townships
        self._channels = channels
        #: a unit or a person changed: who sees which township may have changed
        self.townships_stale = False
        #: the person may now read other townships' channels (or they were renamed): listen
        #: again on a new connection
        self.channels_changed = False
        #: notifications dropped (another township's; this app's own saves)
        self.dropped = 0

    @property
    def channels(self) -> frozenset[str]:
        """The channels listened on: ``CHANNEL`` and the townships' ones."""
        return frozenset({CHANNEL, *self._channels})

    @classmethod
    def open(cls, engine: Engine) -> ChangeFeed:
        """Connect as the engine's login and listen (blocks up to the connect timeout)."""
        import psycopg

        args, params = engine.dialect.create_connect_args(engine.url)
        try:
            townships = visible_townships(engine)
            channels = township_channels(engine)
            conn = psycopg.Connection.connect(
                *args, **{**_KEEPALIVES, **params, "autocommit": True}
            )
        except Exception as exc:
            raise DatabaseError(f"无法收听数据库的变动通知：{exc}") from exc
        try:
            # one round trip for a city's 150 townships; the names match _TOWNSHIP_CHANNEL
            conn.execute("; ".join(f"LISTEN {c}" for c in sorted({CHANNEL, *channels})))
        except psycopg.Error as exc:
            conn.close()
            raise DatabaseError(f"无法收听数据库的变动通知：{exc}") from exc
        return cls(conn, engine, townships, channels)

    def fileno(self) -> int:
        """The socket: readable when notifications (or the connection's end) arrive."""
        return self._conn.fileno()

    def take(self) -> Changes:
        """The kinds others' committed saves changed since the last call; never waits.

        Raises ``FeedLostError`` when the connection broke.
        """
        import psycopg

        try:
            arrived = list(self._conn.notifies(timeout=0))
        except psycopg.Error as exc:
            raise FeedLostError(str(exc)) from exc
        if self._conn.closed:
            raise FeedLostError("连接已断开")
        own = own_backends(self._engine)
        kinds: dict[str, frozenset[int]] = {}
        for note in arrived:
            ours = note.channel == CHANNEL or note.channel in self._channels
            parsed = parse(note.payload) if ours else None
            if parsed is None:
                continue
            table, township = parsed
            if table == _CHANNELS_RENEWED:
                self.townships_stale = True
                continue
            kind = TABLE_KINDS.get(table)
            if kind is None:
                continue
            if table in _ALWAYS:
                self.townships_stale = True
            elif note.pid in own or not self._sees(township):
                self.dropped += 1
                continue
            kinds[kind] = frozenset()
        return kinds

    def _sees(self, township: int | None) -> bool:
        towns = self._townships
        return township is None or towns is None or self.townships_stale or township in towns

    def reread_townships(self) -> None:
        """Read again which townships the person sees (after a unit or person changed);
        through the app's own connections, so callable on a worker while ``take`` runs."""
        self._townships = visible_townships(self._engine)
        if township_channels(self._engine) != self._channels:
            self.channels_changed = True
        self.townships_stale = False

    def close(self) -> None:
        """Stop listening and close the connection (quietly if it is already broken)."""
        with contextlib.suppress(Exception):
            self._conn.close()
