"""设置: the township's names and people, reused by every print-out."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from jianfu.domain.settings import TownshipSettings
from jianfu.ui.widgets.form import FormDialog

if TYPE_CHECKING:
    from jianfu.services.settings import SettingsService

_TEXT_FIELDS = (
    ("township_name", "如：清溪镇"),
    ("county_name", "如：南屏县"),
    ("city_name", "如：宁川市"),
    ("mechanism_name", "如：南屏县党建引领基层治理协调机制"),
    ("preparer", ""),
    ("reviewer", ""),
    ("phone", "如：0593-6123456"),
    ("report_baseline", "统计报表累计数从这天算起，如：2026-01-01；留空则不统计累计数"),
)


class SettingsDialog(FormDialog):
    """Edit and save ``TownshipSettings``."""

    def __init__(self, service: SettingsService, parent: QWidget | None = None) -> None:
        super().__init__("乡镇设置", parent)
        self.setMinimumWidth(520)
        self._service = service
        self._current = service.load()
        labels = TownshipSettings.LABELS
        self.edits: dict[str, QLineEdit] = {}
        for key, hint in _TEXT_FIELDS:
            edit = QLineEdit(getattr(self._current, key))
            edit.setPlaceholderText(hint)
            self.edits[key] = self.add_field(key, labels[key], edit)
            if key == "mechanism_name":
                self.level_combo = self.add_field(
                    "mechanism_level", labels["mechanism_level"], QComboBox()
                )
                self.level_combo.addItems(["市", "县", "乡镇"])
                self.level_combo.setCurrentText(self._current.mechanism_level)
        self.spins: dict[str, QSpinBox] = {}
        for key in ("notice_working_days", "decision_working_days"):
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setSuffix(" 个工作日")
            spin.setValue(getattr(self._current, key))
            self.spins[key] = self.add_field(key, labels[key], spin)

    def values(self) -> TownshipSettings:
        """The settings as typed."""
        return replace(
            self._current,
            **{k: e.text() for k, e in self.edits.items()},
            mechanism_level=self.level_combo.currentText(),
            **{k: s.value() for k, s in self.spins.items()},
        )

    def save(self) -> TownshipSettings:
        """Override: validate and store."""
        return self._service.save(self.values())

    @classmethod
    def ask(cls, parent: QWidget | None, service: SettingsService) -> TownshipSettings | None:
        """Show the dialog; the saved settings, or ``None`` when cancelled."""
        dialog = cls(service, parent)
        return dialog.result_value if dialog.exec() else None
