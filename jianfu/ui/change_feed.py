"""Others' saves on a shared PostgreSQL, into the window's change signal.

One listening connection per window (``services.change_feed``): it is opened on a worker,
then its socket is watched by a ``QSocketNotifier`` on the GUI thread, which reads what arrived
without waiting (no thread of its own, no polling). What others saved is handed to the
``ChangeHub`` like the window's own saves: the first at once, what follows within
``DEBOUNCE_MS`` gathered and handed on at its end, so that a colleague's import of many
commits reloads a screen a few times, not once per commit; the hub's watches then reload the
screens shown and mark the others stale. A broken connection (the server restarted) is opened
again quietly, after 1, 2, 5, 10 then every 30 seconds, and once it is back every kind is
announced, since what was saved meanwhile was not heard. On a SQLite file nothing is opened.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from jianfu.services.change_feed import ALL_KINDS, ChangeFeed, FeedLostError, open_change_feed
from jianfu.services.context import AppContext
from jianfu.ui.background import TaskRunner
from jianfu.ui.changes import ChangeHub

log = logging.getLogger("jianfu.ui.change_feed")

#: others' saves arriving within this time after one handed on are gathered into one
DEBOUNCE_MS = 300
#: waits before each attempt to listen again (the last one repeats)
RETRY_MS = (1000, 2000, 5000, 10000, 30000)


class ChangeFeedListener(QObject):
    """Hands others' committed saves to ``hub`` while started (see the module docstring)."""

    sig_listening = Signal(bool)
    """The connection is listening (True), or was lost and is being opened again (False)."""

    def __init__(
        self, hub: ChangeHub, ctx: AppContext, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._ctx = ctx
        self._runner = runner
        self._lock = threading.Lock()
        self._stopped = True
        self._feed: ChangeFeed | None = None
        self._unclaimed: ChangeFeed | None = None  # opened on a worker, not yet taken here
        self._notifier: QSocketNotifier | None = None
        self._pending: dict[str, frozenset[int]] = {}
        self._attempt = 0
        self._missed = False  # the connection was lost: what was saved meanwhile is unknown
        self._rereading = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._deliver)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._open)

    @property
    def listening(self) -> bool:
        """A connection is open and watched."""
        return self._notifier is not None

    @property
    def feed(self) -> ChangeFeed | None:
        """The open connection, if any (for tests)."""
        return self._feed

    def start(self) -> None:
        """Start listening (on a database server; on SQLite: nothing)."""
        if self._ctx.database.is_sqlite or not self._stopped:
            return
        self._stopped = False
        self._open()

    def read_again_when_listening(self) -> None:
        """The screens shown were read before this window could hear others' saves (首页
        read before the database opened): once listening, every kind is announced, as after
        a lost connection, so that they are read again."""
        self._missed = True

    def stop(self) -> None:
        """Stop listening and close the connection; nothing is delivered afterwards."""
        with self._lock:
            self._stopped = True
            unclaimed, self._unclaimed = self._unclaimed, None
        if unclaimed is not None:  # opened, its hand-over still queued (or never delivered)
            unclaimed.close()
        self._retry.stop()
        self._debounce.stop()
        self._pending = {}
        self._drop_feed()

    # ---------------------------------------------------------------- connecting

    def _open(self) -> None:
        if self._stopped:
            return
        handle = self._runner.run(lambda _progress: self._open_on_worker(), owner=self)
        handle.sig_finished.connect(self._on_opened)
        handle.sig_failed.connect(self._on_open_failed)

    def _open_on_worker(self) -> ChangeFeed | None:
        feed = open_change_feed(self._ctx)
        with self._lock:
            if feed is not None and self._stopped:  # the window closed meanwhile
                feed.close()
                return None
            self._unclaimed = feed
        return feed

    def _on_opened(self, feed: object) -> None:
        if not isinstance(feed, ChangeFeed):
            return
        with self._lock:
            if self._unclaimed is not feed:  # stop() closed it
                return
            self._unclaimed = None
        self._feed = feed
        self._attempt = 0
        notifier = QSocketNotifier(feed.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._on_readable)
        self._notifier = notifier
        if self._missed:
            self._missed = False
            self._add(dict.fromkeys(ALL_KINDS, frozenset()))
        self.sig_listening.emit(True)
        self._on_readable()  # what arrived with the LISTEN's answer

    def _on_open_failed(self, exc: object) -> None:
        if self._stopped:
            return
        log.info("未能收听数据库的变动通知，稍后重试：%s", exc)
        self._missed = True
        self._retry.start(RETRY_MS[min(self._attempt, len(RETRY_MS) - 1)])
        self._attempt += 1

    def _lost(self, why: object) -> None:
        log.info("数据库变动通知的连接断开，稍后重新连接：%s", why)
        self._drop_feed()
        self._missed = True
        self.sig_listening.emit(False)
        self._retry.start(RETRY_MS[0])
        self._attempt = 1

    def _drop_feed(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._feed is not None:
            self._feed.close()
            self._feed = None

    # ---------------------------------------------------------------- hearing

    def _on_readable(self) -> None:
        feed = self._feed
        if feed is None:
            return
        try:
            kinds = feed.take()
        except FeedLostError as exc:
            self._lost(exc)
            return
        if kinds:
            self._add(kinds)
        if feed.townships_stale and not self._rereading:
            self._reread_townships(feed)

    def _reread_townships(self, feed: ChangeFeed) -> None:
        self._rereading = True
        handle = self._runner.run(lambda _progress: feed.reread_townships(), owner=self)

        def done(_result: object) -> None:
            self._rereading = False
            if feed is self._feed and feed.channels_changed:
                # other townships' channels to listen on (or new names): listen again on a
                # new connection; what was saved meanwhile is announced as after a loss
                self._drop_feed()
                self._missed = True
                self._open()

        handle.sig_finished.connect(done)
        handle.sig_failed.connect(done)  # still stale: every township passes meanwhile

    def _add(self, kinds: dict[str, frozenset[int]]) -> None:
        self._pending.update(kinds)
        if not self._debounce.isActive():
            self._deliver()  # the first at once; what follows waits for the timer
            self._debounce.start()

    def _deliver(self) -> None:
        pending, self._pending = self._pending, {}
        if pending and not self._stopped:
            self._hub.notify(pending, remote=True)
