"""Keyboard access to the daily actions: shortcuts, mnemonics and one-Tab date fields.

The same keys mean the same thing on every screen: Ctrl+N new (登记/新增), Ctrl+P print,
Ctrl+F find; on 事项审核 Ctrl+Enter records and Ctrl+Shift+A receives. Buttons get an Alt
mnemonic, and their tooltip names the shortcut. A shortcut acts only on the screen shown and
only when its button could be clicked (also from another tab of that screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QLineEdit, QWidget

from jianfu.ui.widgets.dates import DateEdit

NEW = "Ctrl+N"
PRINT = "Ctrl+P"
FIND = "Ctrl+F"
RECORD = "Ctrl+Return"

#: Per screen: (attribute of the page, shortcut or '', mnemonic letter or '').
SCREEN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "tasks": (
        ("record_button", RECORD, "R"),
        ("clear_button", "", "L"),
        ("refusal_button", PRINT, "P"),
        ("case_button", "Ctrl+Shift+A", "A"),
        ("search_edit", FIND, ""),
    ),
    "cases": (
        ("print_sheet", PRINT, "P"),
        ("print_refusal", "", "J"),
        # not H: 帮助(&H) of the menu bar has it
        ("print_history", "", "L"),
        ("add_to_list", "", "I"),
        ("workdays_button", "", "D"),
        ("search_edit", FIND, ""),
    ),
    "boards": (
        ("entry_button", NEW, "N"),
        ("edit_button", "", "E"),
        ("inspect_button", "", "I"),
        ("print_button", PRINT, "P"),
        ("search", FIND, ""),
    ),
    "certificates": (
        ("new_button", NEW, "N"),
        ("outcome_button", "", "R"),
        ("print_button", PRINT, "P"),
        ("refusal_button", "", "J"),
        ("search", FIND, ""),
    ),
    "burdens": (
        ("add_button", NEW, "N"),
        ("edit_button", "", "E"),
        ("cleanup_button", "", "C"),
        ("print_button", PRINT, "P"),
        ("search", FIND, ""),
    ),
    "reports": (
        ("count_button", "F5", "T"),
        ("pdf_button", PRINT, "P"),
        ("xlsx_button", "", "X"),
    ),
    "lists": (
        ("add_button", NEW, "N"),
        ("import_button", "", "I"),
        ("print_button", PRINT, "P"),
        ("search", FIND, ""),
    ),
    "units": (("add_button", NEW, "N"), ("edit_button", "", "E"), ("search", FIND, "")),
    "departments": (("add_button", NEW, "N"), ("edit_button", "", "E"), ("search", FIND, "")),
    "audit": (("verify_button", "", "V"), ("search", FIND, "")),
}


#: The letters of the menu bar (文件(&F), 设置(&S), 帮助(&H)): no button may take them.
MENU_LETTERS = frozenset("FSH")


def with_mnemonic(text: str, letter: str) -> str:
    """``登记申请…`` with ``N`` → ``登记申请(&N)…`` (unchanged when it has one)."""
    if not letter or "&" in text:
        return text
    tail = "…" if text.endswith("…") else ""
    return f"{text.removesuffix('…')}(&{letter}){tail}"


def native(sequence: str) -> str:
    """A key sequence as the clerk reads it (Ctrl+Return → Ctrl+Enter)."""
    return (
        QKeySequence(sequence)
        .toString(QKeySequence.SequenceFormat.NativeText)
        .replace("Return", "Enter")
    )


def bind_screen(key: str, page: QWidget, within: QWidget | None = None) -> list[QShortcut]:
    """Give the page of screen ``key`` its shortcuts and mnemonics; one Tab leaves its dates.
    ``within``: only those of that part of the page (built after the page, when first shown)."""
    made = []
    for attr, sequence, letter in SCREEN_KEYS.get(key, ()):
        widget = getattr(page, attr, None)
        if within is not None and not (isinstance(widget, QWidget) and within.isAncestorOf(widget)):
            continue
        if isinstance(widget, QAbstractButton):
            widget.setText(with_mnemonic(widget.text(), letter))
        if not isinstance(widget, QWidget) or not sequence:
            continue
        # Window-wide, so they work right after a click in the navigation; a page hidden in
        # the stack does not take them (Qt skips shortcuts of invisible widgets).
        shortcut = QShortcut(QKeySequence(sequence), page)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda w=widget: _activate(w))
        if sequence == RECORD:  # the keypad's Enter too
            extra = QShortcut(QKeySequence("Ctrl+Enter"), page)
            extra.setContext(Qt.ShortcutContext.WindowShortcut)
            extra.activated.connect(lambda w=widget: _activate(w))
            made.append(extra)
        tip = widget.toolTip()
        hint = f"快捷键：{native(sequence)}"
        if hint not in tip:
            widget.setToolTip(f"{tip}（{hint}）" if tip else hint)
        made.append(shortcut)
    for edit in (page if within is None else within).findChildren(QDateEdit):
        if not isinstance(edit, DateEdit):
            one_tab(edit)
    return made


def _activate(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit):
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        widget.selectAll()
    elif isinstance(widget, QAbstractButton) and widget.isEnabled() and widget.window().isVisible():
        widget.click()  # also from another tab of the screen (事项审核: record, then print)


class _OneTab(QObject):
    """Tab and Shift+Tab leave a date field instead of stepping through year, month and day."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
                )
                QWidget.focusNextPrevChild(watched, forward)
                return True
        return False


_ONE_TAB = _OneTab()


def one_tab(edit: QDateEdit) -> None:
    """Make one Tab leave ``edit``."""
    edit.installEventFilter(_ONE_TAB)
