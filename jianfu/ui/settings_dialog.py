"""设置: the township's names and people, reused by every print-out, and the fonts of the
official documents on this computer (which file each role uses; the clerk may pick another)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import ValidationError
from jianfu.domain.settings import TownshipSettings
from jianfu.services.fonts import ROLES, FontService
from jianfu.ui.widgets.form import FormDialog
from jianfu.ui.widgets.printing import open_file_name

if TYPE_CHECKING:
    from jianfu.services.settings import SettingsService

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse

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


class _FontsForm(FormDialog):
    """A form with the fonts of the official documents on this computer in a box below its
    fields (the township's settings, or the fonts on their own above the township)."""

    def _add_fonts(self) -> None:
        self._fonts = FontService()
        self.font_choices: dict[str, str] = self._fonts.choices()
        self._fonts_saved = dict(self.font_choices)  # as this computer keeps them
        box = QGroupBox("公文字体（本机）")
        grid = QGridLayout(box)
        self.font_labels: dict[str, QLabel] = {}
        for row, (role, label) in enumerate(ROLES):
            grid.addWidget(QLabel(label), row, 0)
            shown = QLabel()
            shown.setTextInteractionFlags(shown.textInteractionFlags() | _SELECTABLE)
            self.font_labels[role] = shown
            grid.addWidget(shown, row, 1)
            pick = QPushButton("选择…")
            pick.setToolTip(f"为“{label}”选择一个字体文件（.ttf、.ttc）")
            pick.clicked.connect(lambda _=False, r=role: self._pick_font(r))
            grid.addWidget(pick, row, 2)
            auto = QPushButton("自动")
            auto.setToolTip("不指定文件，由程序在本机已安装的字体中查找")
            auto.clicked.connect(lambda _=False, r=role: self.reset_font(r))
            grid.addWidget(auto, row, 3)
        self.font_notes = QLabel()
        self.font_notes.setWordWrap(True)
        self.font_notes.setStyleSheet("color: #6d4c00;")
        grid.addWidget(self.font_notes, len(ROLES), 0, 1, 4)
        grid.setColumnStretch(1, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.buttons), box)  # below the fields
        self._show_fonts()

    def _show_fonts(self) -> None:
        for row in self._fonts.effective(self.font_choices):
            label = self.font_labels[row.role]
            path = label.fontMetrics().elidedText(row.path, Qt.TextElideMode.ElideMiddle, 330)
            label.setText(f"{row.family}（{row.note}）\n{path}" if row.family else row.note)
            label.setToolTip(row.path)
        notes = self._fonts.notes(self.font_choices)
        self.font_notes.setText("\n".join(notes))
        self.font_notes.setVisible(bool(notes))

    def font_folder(self, role: str) -> str:
        """Where the font file dialog of ``role`` starts: the folder of the file it uses now,
        or the system's fonts folder (it started in 文档, far from any font)."""
        from pathlib import Path

        from PySide6.QtCore import QStandardPaths

        current = self.font_labels[role].toolTip()
        folders = [str(Path(current).parent)] if current else []
        folders += QStandardPaths.standardLocations(QStandardPaths.StandardLocation.FontsLocation)
        return next((f for f in folders if Path(f).is_dir()), "")

    def _pick_font(self, role: str) -> None:
        path, _filter = open_file_name(
            self,
            "选择字体文件",
            self.font_folder(role),
            "字体文件 (*.ttf *.ttc *.TTF *.TTC);;所有文件 (*)",
        )
        if path:
            problem = self.choose_font(role, path)
            if problem:
                QMessageBox.warning(self, "不能使用这个字体", problem)

    def choose_font(self, role: str, path: str) -> str:
        """Use the font file ``path`` for ``role``; the problem ('' when it was taken)."""
        try:
            self._fonts.check_file(path)
        except ValidationError as err:
            return err.problems[0].message
        self.font_choices[role] = path
        self._show_fonts()
        return ""

    def reset_font(self, role: str) -> None:
        """Let the app find the font for ``role`` again."""
        self.font_choices.pop(role, None)
        self._show_fonts()

    def fonts_changed(self) -> bool:
        """Whether a font was picked or set back to 自动 and not saved yet."""
        return self.font_choices != self._fonts_saved

    def reject(self) -> None:
        """Override: a font picked (or set back to 自动) counts as typed: 取消 and Esc ask
        before dropping it, as for the other settings (it went without a word)."""
        if self.fonts_changed() and not self.fields.edited and not self.confirm_discard():
            return
        super().reject()


class SettingsDialog(_FontsForm):
    """Edit and save ``TownshipSettings``."""

    def __init__(self, service: SettingsService, parent: QWidget | None = None) -> None:
        super().__init__("乡镇设置", parent)
        self.setMinimumWidth(640)
        self._service = service
        #: the township whose settings are edited (None: the person's own, or the defaults)
        self._town: int | None = None
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
        from jianfu.services.people import write_refusal

        # above the township the settings are a township's: shown, not changed (the fonts
        # below are this computer's and stay the person's to choose)
        person = service.ctx.person
        self.read_only = write_refusal(person)
        #: an administrator's choice of the township edited ([]: their own settings only)
        self.choices: list[tuple[int, str]] = [] if self.read_only else service.townships()
        self.town_combo: QComboBox | None = None
        # a clerk of a shared server (and the administrator choosing a township) sees which
        # values are the township's own and which follow the defaults
        self._marks = bool(self.choices) or getattr(person, "role", None) == "clerk"
        if self.choices:
            self._add_township_choice()
        self._show_scope()
        if self.read_only:
            from jianfu.ui.widgets.access import lock_fields

            lock_fields(
                [*self.edits.values(), self.level_combo, *self.spins.values()], self.read_only
            )
        self._add_fonts()

    # ---- which township (the administrator of several townships)

    def _add_township_choice(self) -> None:
        from PySide6.QtWidgets import QHBoxLayout

        from jianfu.services.settings import DEFAULTS_LABEL

        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("编辑(&U)：")
        combo = QComboBox()
        combo.addItem(f"{DEFAULTS_LABEL}（乡镇未自行设置的项目采用）", None)
        for town_id, label in self.choices:
            combo.addItem(label, town_id)
        combo.setToolTip("选择要查看和修改哪个乡镇(街道)的设置，或各乡镇共用的默认设置")
        combo.setMinimumContentsLength(16)
        caption.setBuddy(combo)
        line.addWidget(caption)
        line.addWidget(combo, 1)
        self.town_combo = combo
        combo.activated.connect(lambda index: self.choose_township(combo.itemData(index)))
        self.scope_note = QLabel()
        self.scope_note.setWordWrap(True)
        self.scope_note.setStyleSheet("color: #555;")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, row)
        layout.insertWidget(1, self.scope_note)

    def choose_township(self, town_id: int | None) -> bool:
        """Edit the settings of ``town_id`` (None: the defaults); False when the clerk kept
        the unsaved values of the one before."""
        if town_id == self._town:
            return True
        if self.fields.edited and not self.confirm_discard():
            self._select_in_combo(self._town)
            return False
        self._town = town_id
        self.clear_problems()
        self.load_record(self._service.load(town_id))
        self.fields.edited = False
        self._select_in_combo(town_id)
        self._show_scope()
        return True

    def _select_in_combo(self, town_id: int | None) -> None:
        if self.town_combo is not None:
            self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(town_id)))

    def _show_scope(self) -> None:
        """The title, the township name's field and each field's mark: the township's own
        value, or the default's."""
        defaults = self._service.edits_defaults(self._town) if not self.read_only else False
        # a township's own file before its first save has no township yet, but what is typed
        # is the township's: not 各乡镇默认设置 (a new clerk's first sight of the settings)
        defaults = defaults and (bool(self.choices) or self._service.ctx.person is not None)
        label = dict(self.choices).get(self._town, "") if self._town is not None else ""
        if defaults:
            # an administrator (or the owner of several townships): the defaults every
            # township falls back to for what it has not set itself
            self.setWindowTitle("各乡镇默认设置（乡镇未自行设置的项目采用这里的值）")
        elif label:
            # the township's name is the chooser's, above: not in the title, which the window
            # manager draws in its own font (a character only the app's fonts have is a box)
            self.setWindowTitle("乡镇设置")
        if self.choices:
            self.scope_note.setText(
                "各乡镇共用的默认设置：乡镇没有自行设置的项目采用这里的值。"
                if defaults
                else f"{label}的设置：标“本乡镇”的是该乡镇自己的值，标“默认”的沿用各乡镇默认设置；"
                "改成与默认相同的值即恢复沿用默认。"
            )
        self.edits["township_name"].setEnabled(not defaults or not self.choices)
        own = frozenset() if defaults or not self._marks else self._service.own_fields(self._town)
        fallback = self._service.defaults() if own else None
        for key, widget in self._widgets().items():
            label_widget = self.fields.form.labelForField(widget.parentWidget())
            if not isinstance(label_widget, QLabel):
                continue
            text = TownshipSettings.LABELS[key]
            tip = ""
            if own and key != "township_name":
                if key in own:
                    text += ' <span style="color:#1b5e20">(本乡镇)</span>'
                    tip = f"本乡镇自己的值；各乡镇默认设置是：{_shown(fallback, key)}"
                else:
                    text += ' <span style="color:#8a8a8a">(默认)</span>'
                    tip = "沿用各乡镇的默认设置；在这里修改即成为本乡镇自己的值"
            label_widget.setText(text)
            label_widget.setToolTip(tip)

    def _widgets(self) -> dict[str, QWidget]:
        return {**self.edits, "mechanism_level": self.level_combo, **self.spins}

    def values(self) -> TownshipSettings:
        """The settings as typed."""
        return replace(
            self._current,
            **{k: e.text() for k, e in self.edits.items()},
            mechanism_level=self.level_combo.currentText(),
            **{k: s.value() for k, s in self.spins.items()},
        )

    def save(self) -> TownshipSettings:
        """Override: validate and store; the font choices are kept on this computer."""
        if self.read_only:  # only this computer's fonts
            self._fonts.save(self.font_choices)
            return self._current
        saved = self._service.save(self.values(), expected=self._current, township_id=self._town)
        self._fonts.save(self.font_choices)
        return saved

    def conflict_versions(self):
        """Override: the settings as opened, as typed, and as another clerk saved them."""
        return self._current, self.values(), lambda: self._service.load(self._town)

    def load_record(self, record: TownshipSettings) -> None:
        """Override: show the settings another clerk saved; edit those from now on."""
        self._current = record
        for key, edit in self.edits.items():
            edit.setText(getattr(record, key))
        self.level_combo.setCurrentText(record.mechanism_level)
        for key, spin in self.spins.items():
            spin.setValue(getattr(record, key))

    @classmethod
    def ask(cls, parent: QWidget | None, service: SettingsService) -> TownshipSettings | None:
        """Show the dialog; the saved settings, or ``None`` when cancelled."""
        dialog = cls(service, parent)
        return dialog.result_value if dialog.exec() else None


def _shown(settings: TownshipSettings | None, key: str) -> str:
    value = getattr(settings, key, "")
    return "（空）" if value == "" else str(value)


class FontsDialog(_FontsForm):
    """公文字体 on their own: what a county's reviewer and the coordination mechanism may set
    (a township's settings are the township's to keep: the menu offers them this instead of
    a township's form all greyed out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("公文字体（本机）", parent)
        self.setMinimumWidth(640)
        self.fields.hide()
        note = QLabel("打印和导出公文所用的字体，只保存在这台电脑上。")
        note.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        self._add_fonts()

    def save(self) -> dict[str, str]:
        """Override: keep the font choices on this computer."""
        self._fonts.save(self.font_choices)
        return dict(self.font_choices)

    @classmethod
    def ask(cls, parent: QWidget | None) -> dict[str, str] | None:
        """Show the dialog; the fonts kept, or ``None`` when cancelled."""
        dialog = cls(parent)
        return dialog.result_value if dialog.exec() else None
