"""Progress and cancellation for long work, without any GUI.

A long operation (an import, a report, a backup) takes a ``Progress`` and calls
``step(done, total)`` now and then; the call raises ``Cancelled`` once the clerk has pressed
Cancel, so the operation stops where it is and its unit of work rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):  # noqa: N818 - it is an event, not an error
    """The clerk cancelled the operation; nothing was saved."""


class Progress:
    """Thread-safe progress report plus a cancel flag, shared by a worker and its caller."""

    def __init__(self, on_step: Callable[[int, int, str], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._on_step = on_step
        self.done = 0
        self.total = 0
        self.message = ""

    def cancel(self) -> None:
        """Ask the operation to stop at its next step."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._cancel.is_set()

    def step(self, done: int, total: int = 0, message: str = "") -> None:
        """Record progress; raise ``Cancelled`` if the operation should stop."""
        if self._cancel.is_set():
            raise Cancelled
        self.done, self.total = done, total
        if message:
            self.message = message
        if self._on_step is not None:
            self._on_step(done, total, self.message)


#: A progress that nobody watches, for callers that do not care.
def silent() -> Progress:
    """A fresh ``Progress`` with no listener."""
    return Progress()
