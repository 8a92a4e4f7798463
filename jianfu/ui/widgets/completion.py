"""Completion that finds a department by any part of its name or by its 简称:
应急 → 南屏县应急管理局, 县医保局 → 南屏县医疗保障局 (when that is its 简称)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

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
