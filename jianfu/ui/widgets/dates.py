"""A date field the clerk can type into freely: 20270104, 2027-1-4, 2027年1月4日, 2027/01/04.

Qt's own date field edits year, month and day as separate sections: typing 2026-02-30 there
silently gives 2026-02-03, and an optional field showing 未定 takes no typed date at all. This
field takes the whole typed text, shows a date that does not exist in red with the reason and
keeps it (``problem()`` says what is wrong, forms refuse to save), opens its calendar at today
(or a related date) when the field is 未定, and leaves with one Tab.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

#: The value an optional field holds for 未定 (shown as 未定, never a real date).
NO_DATE = QDate(2000, 1, 1)

_TYPED_CHARS = set("0123456789-/.年月日 ")
_FULL = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_INVALID_STYLE = "QDateEdit { border: 1px solid #b00020; color: #b00020; }"


def parse_typed_date(text: str) -> tuple[dt.date | None, str]:
    """The date a clerk typed, or ``(None, reason)``; ``(None, "")`` for an empty text."""
    text = text.strip()
    if not text:
        return None, ""
    match = _FULL.match(text) or _COMPACT.match(text)
    if match is None:
        return None, f"“{text}”不是日期，请按 2026-03-15 或 20260315 填写"
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        if not 1 <= month <= 12:
            return None, f"没有{month}月：{text}"
        return None, f"{year}年{month}月没有{day}日：{text}"


class DateEdit(QDateEdit):
    """A yyyy-MM-dd field with a calendar; optional ones show 未定 for no date."""

    def __init__(
        self,
        value: dt.date | None = None,
        optional: bool = False,
        related: Callable[[], dt.date | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._typed: str | None = None
        self._problem = ""
        self._related = related
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("未定")
        self.set_value(value)
        self.calendarWidget().installEventFilter(self)
        self.dateChanged.connect(self._on_self_date_changed)

    # ------------------------------------------------------------------ value

    def is_optional(self) -> bool:
        return bool(self.specialValueText())

    def value(self) -> dt.date | None:
        """The date shown, or ``None`` for 未定."""
        d = self.date()
        if self.is_optional() and d == self.minimumDate():
            return None
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        """Show ``value`` (``None``: 未定 for an optional field, today otherwise)."""
        if value is None:
            self.setDate(self.minimumDate() if self.is_optional() else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def problem(self) -> str:
        """Why the typed text is not a date the field can hold ('' when it is fine)."""
        if self._typed is not None:
            self._commit_typed()
        return self._problem

    # ------------------------------------------------------------------ typing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._typed is not None:
            self._commit_typed()
            event.ignore()  # let the dialog's default button see Enter
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._start_typing(keep=not self._showing_special() and not self._all_selected())
            self._set_typed(self._typed[:-1] if key == Qt.Key.Key_Backspace else self._typed)
            return
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text and text in _TYPED_CHARS and plain:
            self._start_typing(keep=not self._showing_special() and not self._all_selected())
            self._set_typed(self._typed + text)
            return
        if self._typed is not None:
            self._commit_typed()
        super().keyPressEvent(event)

    def validate(self, text: str, pos: int) -> object:
        if self._typed is not None:
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def focusOutEvent(self, event) -> None:
        if self._typed is not None:
            self._commit_typed()
            if self._problem:
                # Keep the wrong text on screen (the base class would put the old date back).
                QWidget.focusOutEvent(self, event)
                return
        super().focusOutEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        """One Tab leaves the field (Qt's date field tabs through year, month and day)."""
        if self._typed is not None:
            self._commit_typed()
        return QWidget.focusNextPrevChild(self, next_)

    def _showing_special(self) -> bool:
        return self.is_optional() and self.date() == self.minimumDate() and self._typed is None

    def _all_selected(self) -> bool:
        line = self.lineEdit()
        return line.hasSelectedText() and line.selectedText() == line.text()

    def _start_typing(self, keep: bool) -> None:
        if self._typed is None:
            self._typed = self.lineEdit().text() if keep else ""

    def _set_typed(self, text: str) -> None:
        self._typed = text
        self.lineEdit().setText(text)
        self.lineEdit().setCursorPosition(len(text))

    def _commit_typed(self) -> None:
        typed, self._typed = self._typed or "", None
        value, reason = parse_typed_date(typed)
        if value is None and not reason and not self.is_optional():
            reason = "请填写日期"
        if value is not None:
            low, high = self.minimumDate(), self.maximumDate()
            q = QDate(value.year, value.month, value.day)
            if q < low or q > high or (self.is_optional() and q == low):
                first = low.addDays(1 if self.is_optional() else 0).toString("yyyy-MM-dd")
                reason = f"日期须在 {first} 至 {high.toString('yyyy-MM-dd')} 之间"
        if reason:
            self._problem = reason
            self.setStyleSheet(_INVALID_STYLE)
            self.setToolTip(reason)
            self.lineEdit().setText(typed)
            return
        self._set_problem_free()
        self.set_value(value)
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()) if value else "未定")

    def _set_problem_free(self) -> None:
        if self._problem:
            self._problem = ""
            self.setStyleSheet("")
            self.setToolTip("")

    def _on_self_date_changed(self, _date: QDate) -> None:
        if self._typed is None:
            self._set_problem_free()

    # ------------------------------------------------------------------ calendar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        calendar_shown = watched is self.calendarWidget() and event.type() == QEvent.Type.Show
        if calendar_shown and self.value() is None:
            QTimer.singleShot(0, self._show_calendar_near)
        return super().eventFilter(watched, event)

    def _show_calendar_near(self) -> None:
        near = (self._related() if self._related else None) or dt.date.today()
        calendar = self.calendarWidget()
        calendar.setCurrentPage(near.year, near.month)


def date_problems(edits: dict[str, DateEdit]) -> list[tuple[str, str]]:
    """``(field, reason)`` for every field whose typed text is not a date it can hold."""
    return [(key, edit.problem()) for key, edit in edits.items() if edit.problem()]


def date_edit(
    value: dt.date | None,
    optional: bool = True,
    related: Callable[[], dt.date | None] | None = None,
) -> DateEdit:
    """A date field the clerk can type into; optional ones show 未定 for no date and open their
    calendar at ``related()`` (or today)."""
    return DateEdit(value, optional=optional, related=related)


def date_value(edit: QDateEdit) -> dt.date | None:
    """The date shown, or ``None`` for 未定."""
    if isinstance(edit, DateEdit):
        return edit.value()
    d = edit.date()
    if edit.specialValueText() and d == edit.minimumDate():
        return None
    return dt.date(d.year(), d.month(), d.day())
