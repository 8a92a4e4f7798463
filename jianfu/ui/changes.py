"""One change signal for the whole window: what a save changed, so open screens show it.

Every unit of work that commits tells its context what it changed (``jianfu.db.changes``:
kinds such as "task", "case", "certificate", "board", "burden", "list", "settings", "unit",
with the ids of the rows). ``ChangeHub`` listens there, gathers what arrives from any thread
and emits ``sig_changed`` once on the GUI thread after the saving code has returned. A screen
is subscribed with ``ChangeHub.watch``: shown, it reloads at once; hidden, it is marked stale
and reloads when it is next shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

#: what a screen's reload is handed: the change that made it stale (None when only shown)
Reload = Callable[["Change"], object]


@dataclass(frozen=True)
class Change:
    """What one or more saves changed: kinds, and the ids of the rows where known."""

    ids: Mapping[str, frozenset[int]] = field(default_factory=dict)
    #: all of it was saved by others (announced by the database server, ``ui.change_feed``):
    #: a screen that fails to read it again need not show an error box nobody asked for
    remote: bool = False

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of record changed."""
        return frozenset(self.ids)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether any of ``kinds`` changed."""
        return not self.kinds.isdisjoint(kinds)

    def merged(self, other: Mapping[str, Iterable[int]], *, remote: bool = False) -> Change:
        """This change and ``other`` (others' saves when ``remote``) together."""
        ids = {k: set(v) for k, v in self.ids.items()}
        for kind, more in other.items():
            ids.setdefault(kind, set()).update(more)
        return Change({k: frozenset(v) for k, v in ids.items()}, self.remote and remote)


class ChangeHub(QObject):
    """The window's change signal (one per window and open database)."""

    sig_changed = Signal(object)
    """Records were saved (a ``Change``); emitted on the GUI thread."""
    _sig_posted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: Change | None = None
        self._sig_posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def listen_to(self, ctx: object) -> None:
        """Hear every commit of the services' context ``ctx`` (an ``AppContext``)."""
        listeners = ctx.on_commit  # type: ignore[attr-defined]
        if self.notify not in listeners:
            listeners.append(self.notify)

    def stop_listening(self, ctx: object) -> None:
        """Stop hearing ``ctx`` (the window closes or opens another database)."""
        listeners = ctx.on_commit  # type: ignore[attr-defined]
        if self.notify in listeners:
            listeners.remove(self.notify)

    def notify(self, changed: Mapping[str, Iterable[int]], *, remote: bool = False) -> None:
        """Records of these kinds (kind -> ids) were saved (by others when ``remote``); from
        any thread."""
        with self._lock:
            first = self._pending is None
            if self._pending is None:
                self._pending = Change(remote=remote).merged(changed, remote=remote)
            else:
                self._pending = self._pending.merged(changed, remote=remote)
        if first:
            self._sig_posted.emit()  # queued: delivered after the saving code returns

    def _deliver(self) -> None:
        with self._lock:
            change, self._pending = self._pending, None
        if change is not None and change.kinds:
            self.sig_changed.emit(change)

    def watch(self, widget: QWidget, kinds: Iterable[str], reload: Reload) -> ChangeWatch:
        """Call ``reload(change)`` when records of ``kinds`` change: at once while ``widget``
        is shown, else when it is next shown."""
        return ChangeWatch(self, widget, frozenset(kinds), reload)


class ChangeWatch(QObject):
    """One screen's subscription: reload now when shown, or mark stale until shown."""

    def __init__(
        self, hub: ChangeHub, widget: QWidget, kinds: frozenset[str], reload: Reload
    ) -> None:
        super().__init__(widget)
        self.kinds = kinds
        self.stale: Change | None = None
        self._widget = widget
        self._reload = reload
        hub.sig_changed.connect(self._on_hub_changed)
        widget.installEventFilter(self)

    @staticmethod
    def of(widget: QWidget) -> ChangeWatch | None:
        """The watch on ``widget``, if it has one."""
        return widget.findChild(ChangeWatch, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def take_stale(self) -> Change | None:
        """What changed while the screen was hidden (None: nothing); it is not caught up again
        when shown: the caller shows it."""
        change, self.stale = self.stale, None
        return change

    def _on_hub_changed(self, change: Change) -> None:
        if not change.touches(self.kinds):
            return
        if self._widget.isVisible():
            self.stale = None
            self._reload(change)
        else:
            self.stale = (
                change
                if self.stale is None
                else self.stale.merged(change.ids, remote=change.remote)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: a stale screen that is shown reloads (after whoever showed it)."""
        if watched is self._widget and event.type() == QEvent.Type.Show and self.stale:
            QTimer.singleShot(0, self, self._catch_up)
        return False

    def _catch_up(self) -> None:
        change, self.stale = self.stale, None
        if change is not None and self._widget.isVisible():
            self._reload(change)
        elif change is not None:
            self.stale = change


class LatestRead(QObject):
    """Reads in the background where only the newest answer counts: an older read that
    ends after a newer one started is dropped (a screen's reminders, figures …)."""

    def __init__(self, runner: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._pending = False

    def run(
        self,
        read: Callable[[], object],
        done: Callable[[object], object],
        failed: Callable[[object], object] | None = None,
    ) -> None:
        """Call ``read()`` on a worker, then ``done(result)`` (or ``failed(exc)``) here."""
        self._generation += 1
        generation = self._generation
        self._pending = True
        # the handle is this object's: destroyed with the screen, the answer is dropped
        handle = self._runner.run(lambda _progress: read(), owner=self)  # type: ignore[attr-defined]

        def answered(answer: object, to: Callable[[object], object] | None) -> None:
            if generation != self._generation:
                return  # a newer read was started since: its answer counts
            self._pending = False
            if to is not None:
                to(answer)

        handle.sig_finished.connect(lambda r: answered(r, done))
        handle.sig_failed.connect(lambda e: answered(e, failed))

    @property
    def pending(self) -> bool:
        """The newest read has not answered yet."""
        return self._pending

    def forget(self) -> None:
        """Drop the answers of reads still running (a newer read was made another way)."""
        self._generation += 1
        self._pending = False
