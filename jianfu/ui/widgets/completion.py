"""Completion that finds a department by any part of its name or by its 简称:
应急 → 南屏县应急管理局, 县医保局 → 南屏县医疗保障局 (when that is its 简称); and a department
typed as another way of writing one of 部门, written in full before saving (KnownDepartments)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from jianfu.domain.errors import ValidationError
from jianfu.ui.widgets.form import FieldNote

#: The text the completer searches: the name, then the 简称.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 41


class _NameCompleter(QCompleter):
    """Searches the name and 简称, puts the full name into the field."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def complete_anywhere(combo: QComboBox, short_names: dict[str, str] | None = None) -> QCompleter:
    """Let the editable ``combo`` complete on any part of its items' names or their 简称."""
    short_names = short_names or {}
    for i in range(combo.count()):
        name = combo.itemText(i)
        combo.setItemData(i, f"{name} {short_names.get(name, '')}".strip(), SEARCH_ROLE)
    completer = _NameCompleter(combo.model(), combo)
    completer.setCompletionRole(SEARCH_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return completer


def complete_department(edit: QLineEdit, departments: Sequence[str]) -> QCompleter:
    """A free-text department field (要求挂牌部门) offering ``departments`` (those of 部门
    first, then the others used: ``departments_repo.offered_names``) by any part of them."""
    completer = QCompleter(list(departments), edit)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return completer


class KnownDepartments:
    """A department typed freely (要求挂牌部门, 要求部门) held against those of 部门: typed as
    another way of writing one (县民政局, 民政局 for 南屏县民政局; ``forms`` from
    ``departments_repo.written_forms``), the form writes the full name in the field and says
    so before it saves, so one department is not kept under two names; the clerk saves
    again, or types the short form back to keep it as typed. A department 部门 does not
    know (县林业局) is saved as typed."""

    def __init__(self, forms: Mapping[str, str] | None = None) -> None:
        self._forms = dict(forms or {})
        self._kept: set[str] = set()  # short forms the clerk typed back after a rewrite

    def rewrite(self, typed: str) -> str | None:
        """The full name to write for ``typed`` before saving, or ``None`` to save it as it
        is. Once rewritten, the same text typed again is kept."""
        text = typed.strip()
        full = self._forms.get(text)
        if full is None or text in self._kept:
            return None
        self._kept.add(text)
        return full

    @staticmethod
    def note(typed: str, full: str, save: str = "保存") -> str:
        """What the form says on writing ``full`` for ``typed`` (``save``: how it saves)."""
        return (
            f"“{typed.strip()}”即部门名单中的“{full}”，已改为全称，请核对后再{save}；"
            f"如要按原样保存，改回“{typed.strip()}”即可"
        )

    def check_before_saving(
        self,
        typed: str,
        write: Callable[[str], None],
        others: Callable[[], object],
        field: str = "department",
    ) -> None:
        """A form dialog's save: ``typed`` as another way of writing a department of 部门 is
        written in full (``write``) and said under ``field`` with the problems of the other
        fields (``others`` cleans the form's input), as a ``ValidationError`` (the department's
        a ``FieldNote``: said as advice, not as a problem); the next save
        goes through. Nothing when it is saved as typed."""
        full = self.rewrite(typed)
        if full is None:
            return
        write(full)
        problems = [FieldNote(field, self.note(typed, full))]  # advice, in the notes' amber
        try:  # the other fields' problems said with it, not one save later
            others()
        except ValidationError as err:
            problems += [p for p in err.problems if p.field != field]
        raise ValidationError(problems)
