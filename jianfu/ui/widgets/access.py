"""Buttons that change records are off for people whose level may not change them.

The server's grants refuse such a change anyway (``db.grants``); here the clerk sees it before
trying: the button is greyed out, its tooltip says why, and it stays off when the screen
enables its buttons again after a selection. Double-clicking a row no longer opens an edit form.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from jianfu.services.people import LISTS, REFERENCE, TOWNSHIP_RECORDS

#: screen -> (whose records it shows, the buttons that change them, views whose double-click
#: opens an edit form)
SCREEN_WRITES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "lists": (
        LISTS,
        (
            "new_draft_button",
            "activate_button",
            "add_button",
            "edit_button",
            "withdraw_button",
            "import_button",
        ),
        ("view",),
    ),
    "tasks": (TOWNSHIP_RECORDS, ("record_button", "case_button"), ()),
    "boards": (
        TOWNSHIP_RECORDS,
        (
            "rules_button",
            "entry_button",
            "edit_button",
            "delete_button",
            "dispose_button",
            "close_out_button",
            "inspect_button",
            "add_before_button",
            "add_after_button",
            "import_button",
        ),
        ("view",),
    ),
    "certificates": (TOWNSHIP_RECORDS, ("new_button", "outcome_button"), ("view",)),
    "burdens": (
        TOWNSHIP_RECORDS,
        ("add_button", "edit_button", "delete_button", "cleanup_button", "import_button"),
        ("view",),
    ),
    "units": (TOWNSHIP_RECORDS, ("add_button", "edit_button", "toggle_button"), ("view",)),
    "departments": (REFERENCE, ("add_button", "edit_button", "toggle_button"), ("view",)),
}
#: screen -> buttons on it that change the shared reference data (only an administrator may)
REFERENCE_WRITES: dict[str, tuple[str, ...]] = {
    "boards": ("rules_button",),
    "cases": ("workdays_button",),
}


#: screen -> buttons on it that change a list (on a shared server only an administrator may):
#: the mechanism was offered 列入清单草稿 and sent to 清单 to make a draft it may not make
LIST_WRITES: dict[str, tuple[str, ...]] = {
    "cases": ("add_to_list",),
}


_REASON = "jianfu_locked_because"


class _StaysOff(QObject):
    """Switches a locked button off again whenever its screen switches it on, and keeps the
    reason as its tooltip when the screen sets another one (只有草稿版本才能施行 …)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.EnabledChange and watched.isEnabled():
            watched.setEnabled(False)
        elif event.type() == QEvent.Type.ToolTipChange:
            reason = watched.property(_REASON)
            if reason and watched.toolTip() != reason:
                watched.setToolTip(reason)
        return False


_STAYS_OFF = _StaysOff()


def lock(controls: Iterable[QAbstractButton], reason: str) -> None:
    """Grey out ``controls`` for good, with ``reason`` as their tooltip."""
    for control in controls:
        control.setEnabled(False)
        control.setToolTip(reason)
        control.setProperty(_REASON, reason)
        control.installEventFilter(_STAYS_OFF)


def locked_reason(control: QWidget) -> str:
    """Why ``lock`` greyed ``control`` out for good ('' when it did not)."""
    return str(control.property(_REASON) or "")


_USUAL_TIP = "jianfu_usual_tooltip"
_OFF_TIP = "jianfu_off_tooltip"


def enable_or_say_why(button: QAbstractButton, reason: str) -> None:
    """``button`` on when ``reason`` is empty; otherwise greyed out with ``reason`` as its
    tooltip (a greyed-out button that does not say why leaves the clerk guessing). Its own
    tooltip, with what was added to it meanwhile (a shortcut's hint), comes back when it is
    on again."""
    usual, said = button.property(_USUAL_TIP), button.property(_OFF_TIP)
    tip = button.toolTip()
    if reason:
        if usual is None:
            button.setProperty(_USUAL_TIP, tip)
        elif said and tip.startswith(said):  # another reason now: keep what was added
            reason += tip[len(said) :]
        button.setProperty(_OFF_TIP, reason)
        button.setEnabled(False)
        button.setToolTip(reason)
        return
    button.setEnabled(True)
    if usual is not None:
        added = tip[len(said) :] if said and tip.startswith(said) else ""
        if added in str(usual):
            added = ""
        button.setToolTip(str(usual) + added)
        button.setProperty(_USUAL_TIP, None)
        button.setProperty(_OFF_TIP, None)


def lock_fields(fields: Iterable[QWidget], reason: str) -> None:
    """Form fields shown but not editable, with ``reason`` as their tooltip."""
    for field in fields:
        field.setEnabled(False)
        field.setToolTip(reason)


def lock_screen(key: str, page: QWidget, refusal_for, within: QWidget | None = None) -> str:
    """Lock the write buttons of screen ``key`` when ``refusal_for(records)`` gives a reason;
    returns the reason ("" when the person may write there). ``within``: only the buttons of
    that part of the page (built after the page, when first shown)."""

    def part(name: str) -> QWidget | None:
        w = getattr(page, name, None)
        if not isinstance(w, QWidget):
            return None
        return w if within is None or within.isAncestorOf(w) else None

    def button(name: str) -> QAbstractButton | None:
        b = part(name)
        return b if isinstance(b, QAbstractButton) else None

    reason = _lock_records(key, refusal_for, part, button)
    # buttons that change what every township shares, when the screen's own rule left them on
    if shared := refusal_for(REFERENCE) if key in REFERENCE_WRITES else "":
        lock(
            (
                b
                for name in REFERENCE_WRITES[key]
                if (b := button(name)) is not None and not b.property(_REASON)
            ),
            shared,
        )
    if lists := refusal_for(LISTS) if key in LIST_WRITES else "":
        lock(
            (
                b
                for name in LIST_WRITES[key]
                if (b := button(name)) is not None and not b.property(_REASON)
            ),
            lists,
        )
    return reason


def _lock_records(
    key: str,
    refusal_for,
    part: Callable[[str], QWidget | None],
    button: Callable[[str], QAbstractButton | None],
) -> str:
    if key not in SCREEN_WRITES:
        return ""
    records, buttons, views = SCREEN_WRITES[key]
    reason = refusal_for(records)
    if not reason:
        return ""
    lock((b for name in buttons if (b := button(name)) is not None), reason)
    for name in views:
        view = part(name)
        if isinstance(view, QAbstractItemView):
            with contextlib.suppress(RuntimeError, TypeError):  # nothing connected
                view.doubleClicked.disconnect()
    return reason
