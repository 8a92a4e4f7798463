"""A form dialog that shows each validation problem next to its field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpacerItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import ConflictError, FieldProblem, JianfuError, ValidationError
from jianfu.ui.glyphs import NOTE_COLOR, missing_note
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.shortcuts import RECORD, native

ERROR_STYLE = "color: #b00020;"
#: A note under a field: advice to read, not something wrong (glyphs.NOTE_COLOR's amber).
NOTE_STYLE = f"color: {NOTE_COLOR};"
#: The gap between a field and the problem line or note under it.
FIELD_SPACING = 2
#: A wrapped label's minimum height as fit_height set it last, and as its dialog set it.
_FITTED, _FLOOR = "jianfu_fitted_height", "jianfu_own_minimum_height"


def _on_change(widget: QWidget, callback: Callable[..., None]) -> None:
    """Call ``callback`` whenever the clerk changes the value of an input widget."""
    for signal in (
        "textEdited",  # QLineEdit (typing, not setText)
        "textChanged",  # QPlainTextEdit, QTextEdit
        "currentIndexChanged",  # QComboBox
        "editTextChanged",  # editable QComboBox
        "dateChanged",  # QDateEdit
        "valueChanged",  # spin boxes
        "toggled",  # check boxes, radio buttons
    ):
        if isinstance(widget, QLineEdit) and signal == "textChanged":
            continue
        bound = getattr(widget, signal, None)
        if bound is not None and hasattr(bound, "connect"):
            bound.connect(callback)


def ask_before(
    parent: QWidget | None,
    title: str,
    text: str,
    go: str,
    stay: str,
    *,
    go_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
) -> bool:
    """Whether the clerk goes ahead with what ``text`` warns of: two buttons, and Enter and Esc
    both choose ``stay`` (nothing is lost by a key pressed in haste)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ahead = box.addButton(go, go_role)
    keep = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is ahead


def ask_to_discard(parent: QWidget) -> bool:
    """Whether to close ``parent`` and lose what the clerk typed there (asks the clerk)."""
    return ask_before(
        parent,
        "放弃填写",
        "已填写的内容尚未保存，确定放弃吗？",
        "放弃(&D)",
        "继续填写(&C)",
        go_role=QMessageBox.ButtonRole.DestructiveRole,
    )


class NoteLabel(QLabel):
    """A wrapped label (a note beside a field) whose size hint is its text's height at the
    width it has: a form lays its rows out by their hints, and a wrapped label's own hint is
    its text's height at a narrower width of Qt's choosing, so in a wide dialog it stood a
    line or two taller than its text (受理准入申请's 期限 and 涉及村(社区))."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        """Override: the present width and the height of the text at it, once it has one (a
        field's holder asks its layout for the height at the hint's width)."""
        width = self.width()
        if width <= 0:
            return super().sizeHint()
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: another width, another height."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class FieldForm(QWidget):
    """Labelled fields in a form layout, with a problem line under each field.

    Used by :class:`FormDialog` and by screens that keep a form open on the page.
    """

    #: A problem line went away because the clerk changed what it was about (its room is free).
    sig_problem_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        #: per field, the fields whose problems its change also clears (see clear_with)
        self._clears_too: dict[str, list[str]] = {}
        self._dates: dict[str, DateEdit] = {}
        #: The field widgets in the order they were added.
        self.inputs: list[QWidget] = []
        #: True once the clerk typed or chose in the form on screen (not the prefilling).
        self.edited = False
        #: How many fields may show a note on characters no font has (see _glyph_note).
        self.notes = 0
        self._owner: FieldForm | None = None  # the form this one's fields belong to
        self.form = QFormLayout()
        self._general_error = NoteLabel()
        self._general_error.setStyleSheet(ERROR_STYLE)
        self._general_error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self._general_error)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        """Add a labelled field whose problems will show under it."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(FIELD_SPACING)
        box.addWidget(widget)
        error = NoteLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box.addWidget(error)
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            box.addWidget(_glyph_note(key, widget))
            self.notes += 1
        self._errors[key] = error
        self._widgets[key] = widget
        self.form.addRow(label, holder)
        _level_label(self.form.labelForField(holder), widget)
        self.inputs.append(widget)
        if isinstance(widget, DateEdit):
            self._dates[key] = widget
        # A problem goes away as soon as the clerk changes the field it was about.
        _on_change(widget, lambda *_: self._clear_problem(key))
        if not isinstance(widget, QDateEdit):  # a field of two dates (起止日期): either one
            for date in widget.findChildren(QDateEdit):
                date.dateChanged.connect(lambda *_: self._clear_problem(key))
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda *_: self._mark_edited())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(self._mark_edited)
        # A choice the clerk made counts too (a 办理结果, a date, 盖章 ticked went without a
        # word on Esc); only the clerk's own changes, not the form prefilling itself.
        for part in (widget, *widget.findChildren(QWidget)):
            if isinstance(part, QComboBox):
                part.activated.connect(lambda *_: self._mark_edited())
                if part.lineEdit() is not None:
                    part.lineEdit().textEdited.connect(lambda *_: self._mark_edited())
            elif isinstance(part, QAbstractButton) and part.isCheckable():
                part.clicked.connect(lambda *_: self._mark_edited())
            elif isinstance(part, QDateEdit):
                part.dateChanged.connect(lambda *_: self._mark_edited())
            elif isinstance(part, QAbstractSpinBox) and hasattr(part, "valueChanged"):
                part.valueChanged.connect(lambda *_: self._mark_edited())
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.setTabChangesFocus(True)  # Tab moves on to the next field, as in any form
        return widget

    def _mark_edited(self) -> None:
        if self.isVisible():
            self.edited = True
            if self._owner is not None:
                self._owner.edited = True

    def include(self, part: FieldForm) -> None:
        """Take the fields of ``part``, a form laid out inside this one (a group box of
        fields), as this form's own: their problems show under them, not at the bottom of the
        form, the cursor goes to them, and typing there counts as an edit of this form."""
        self._errors.update(part._errors)
        self._widgets.update(part._widgets)
        for source, keys in part._clears_too.items():
            self._clears_too.setdefault(source, []).extend(keys)
        self._dates.update(part._dates)
        self.inputs.extend(part.inputs)
        part._owner = self

    def clear_with(self, key: str, *sources: str) -> None:
        """The problem under field ``key`` is about ``sources`` too (an end date before the
        start, a start with too little notice after the 收文日期): a change to any of them
        clears it as a change to ``key`` does, so that no problem the clerk has just put
        right stays on screen."""
        for source in sources:
            self._clears_too.setdefault(source, []).append(key)

    def clear_problem(self, key: str) -> None:
        """Take away the problem under ``key`` when the clerk changed what it was about where
        the form does not see it (an item picked in a table beside the form)."""
        self._clear_problem(key)

    def _clear_problem(self, key: str) -> None:
        cleared = False
        for shown in (key, *self._clears_too.get(key, ())):
            label = self._errors.get(shown)
            if label is not None and not label.isHidden():
                _let_go(label)
                cleared = True
        if cleared:
            self.sig_problem_cleared.emit()

    def check_dates(self) -> None:
        """Refuse typed dates that do not exist (2026-02-30) before anything is saved."""
        problems = [
            FieldProblem(key, reason)
            for key, edit in self._dates.items()
            if (reason := edit.problem())
        ]
        if problems:
            raise ValidationError(problems)

    def share_problem_line(self, key: str, shown_under: str) -> None:
        """Show the problems of field ``key`` under the field ``shown_under``."""
        self._errors[key] = self._errors[shown_under]

    def error_text(self, key: str) -> str:
        """The problem shown under field ``key`` ('' when none)."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    def general_error_text(self) -> str:
        """Problems of fields the form does not show ('' when none)."""
        return self._general_error.text() if not self._general_error.isHidden() else ""

    def show_problems(self, err: ValidationError) -> None:
        """Show each problem under its field; problems of unknown fields go at the bottom.
        The cursor goes to the first field (in the form's order) that has a problem, so the
        clerk types the correction at once."""
        self.clear_problems()
        general = []
        for problem in err.problems:
            label = self._errors.get(problem.field)
            if label is None:
                general.append(problem.message)
            else:
                label.setText(problem.message)
                label.setStyleSheet(NOTE_STYLE if isinstance(problem, FieldNote) else ERROR_STYLE)
                label.show()
        if general:
            self._general_error.setText("\n".join(general))
            self._general_error.show()
        self._focus_first_problem({p.field for p in err.problems})

    def _focus_first_problem(self, keys: set[str]) -> None:
        for key, field in self._widgets.items():
            if key not in keys:
                continue
            # a field made of several widgets (two dates, check boxes): its first input
            for widget in (field, *field.findChildren(QWidget)):
                if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    if isinstance(widget, QLineEdit):
                        widget.selectAll()
                    return

    def clear_problems(self) -> None:
        """Hide every problem line."""
        for label in (*self._errors.values(), self._general_error):
            _let_go(label)


@dataclass(frozen=True)
class FieldNote(FieldProblem):
    """Advice under a field rather than a problem (a department written in full before it is
    saved): it stops this save as a problem does, so that the clerk reads it, and is said in
    the notes' amber, not the problems' red."""


def note_room(widget: QWidget) -> int:
    """The height a one-line note under a field adds to a form in ``widget``'s font: its
    line, measured with a character no font has (the box's font may make the line taller
    than the font's own), and the gap."""
    sample = QLabel("本机字体缺少“\U00031350”（U+31350）")
    sample.setFont(widget.font())
    return sample.sizeHint().height() + FIELD_SPACING


def _let_go(label: QLabel) -> None:
    """Hide a problem line and drop the height fit_height gave it for its text, so that the
    next problem there takes the height of its own text."""
    label.clear()
    label.hide()
    label.setMinimumHeight(0)


def _level_label(label: QWidget | None, field: QWidget) -> None:
    """Keep a row's label level with its field when a problem line or a note opens under the
    field: QFormLayout gives a label up to 7/4 of its own height, centred, so under a note it
    sat between the field and the note. No taller than the field, it stays centred on it."""
    if label is not None:
        label.setMaximumHeight(max(label.sizeHint().height(), field.sizeHint().height()))


def _glyph_note(key: str, widget: QLineEdit | QPlainTextEdit) -> QLabel:
    """A line under ``widget`` naming the characters typed there that no installed font can
    show (谢𠮷 on a machine without a font for CJK Extension B): the text is saved as typed,
    and the clerk knows the box on screen is not what was saved. Hidden otherwise."""
    note = NoteLabel()
    note.setObjectName(f"glyphs_{key}")
    note.setStyleSheet(NOTE_STYLE)
    note.hide()

    def check() -> None:
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        said = missing_note(text, widget.font(), saved=False)
        if said != note.text():
            note.setText(said)
            note.setVisible(bool(said))

    widget.textChanged.connect(check)
    check()
    return note


class FormDialog(QDialog):
    """Fields in a form layout, an error line under each, OK/Cancel at the bottom.

    Subclasses add fields with ``add_field`` and implement ``save()``, which calls the
    service and returns the saved record, or raises; ``accept`` keeps the dialog open and
    shows the problems when the service refuses.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.result_value: Any = None
        #: The height fit_height gave the dialog last (None before it did): a dialog still that
        #: high gives back the room of a problem line that went; one the clerk resized keeps
        #: the clerk's size.
        self._fitted_height: int | None = None
        self.fields = FieldForm()
        self.fields.sig_problem_cleared.connect(self._refit_later)
        self._form = self.fields.form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("保存")
        ok.setToolTip(f"快捷键：{native(RECORD)}")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter (either Enter) does the dialog's main action from any field, as in
        # desktop forms: in a multi-line box Enter starts a new line, and the clerk had to Tab
        # to the button (Ctrl+Enter gave a new line too).
        for sequence in (RECORD, "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_main_action_shortcut)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        # Room for a note under a field (a character no font has, 谢𠮷): the dialog opens with
        # it above the buttons, and a note that shows while the clerk types takes it, so the
        # dialog keeps its size and place instead of growing by a line (and moving up at the
        # foot of a 768-pixel screen). It shrinks to nothing; empty, it reads as a margin.
        self._note_room = QSpacerItem(
            0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding
        )
        layout.addItem(self._note_room)
        layout.addWidget(self.buttons)

    def _on_main_action_shortcut(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None and ok.isVisible() and ok.isEnabled():
            ok.click()

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        """Add a labelled field whose problems will show under it."""
        added = self.fields.add_field(key, label, widget)
        if self.fields.notes and not self._note_room.sizeHint().height():
            self._note_room.changeSize(
                0, note_room(self), QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding
            )
            self.layout().invalidate()
        return added

    def error_text(self, key: str) -> str:
        """The problem shown under field ``key`` ('' when none)."""
        return self.fields.error_text(key)

    def show_problems(self, err: ValidationError) -> None:
        """Show each problem under its field; problems of unknown fields go at the bottom."""
        self.fields.show_problems(err)
        self.fit_height()

    def _refit_later(self) -> None:
        """A problem line went: fit once the layout has let go of it."""
        QTimer.singleShot(0, self, self.fit_height)

    def fit_height(self) -> None:
        """Take the height the fields need now: grow for problem lines and wrapped text (they
        would otherwise squeeze the rows and cut through the glyphs), and give the room back
        when they go (受理准入申请 stayed at the foot of a 768-pixel screen after its problem
        line went), unless the clerk has resized the dialog since."""
        for label in self.findChildren(QLabel):
            if label.wordWrap() and label.isVisible() and label.width() > 0:
                # A wrapped label asks for the height of its text at its present width, no
                # more: the height of a longer text it had would leave a gap and squeeze the
                # rows (a text box) when the dialog gives the room back. A minimum its dialog
                # set (room kept for a long verdict) stays.
                if label.minimumHeight() != label.property(_FITTED):
                    label.setProperty(_FLOOR, label.minimumHeight())
                # measured from its own minimum: a label's height for a width is never less
                label.setMinimumHeight(label.property(_FLOOR) or 0)
                fitted = max(label.minimumHeight(), label.heightForWidth(label.width()))
                label.setMinimumHeight(fitted)
                label.setProperty(_FITTED, fitted)
        # the fields' sizes as they are now: a hidden line or a shorter note goes up from the
        # field's holder to the form and the dialog, each level in a posted event of its own
        for _ in range(4):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout = self.layout()
        layout.activate()
        need = max(
            layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else 0,
            layout.sizeHint().height(),
            layout.minimumSize().height(),
        )
        screen = self.screen()
        if screen is not None:
            need = min(need, screen.availableGeometry().height() - 40)
        if need > self.height() or (need < self.height() == self._fitted_height):
            self.resize(self.width(), need)
            self._fitted_height = self.height()
        elif self._fitted_height is None:
            self._fitted_height = self.height()  # as it opened
        self.keep_on_screen()  # also when the layout grew the dialog by itself

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: grown (by a problem line, a longer note, its layout), keep the whole
        dialog on the screen once the window has its new size."""
        super().resizeEvent(event)
        if self.isVisible() and event.size().height() > event.oldSize().height():
            QTimer.singleShot(0, self.keep_on_screen)

    def keep_on_screen(self) -> None:
        """Move up so that the whole dialog is on the screen: grown downwards from where it
        opened, its 保存/取消 went below a 768-pixel screen's edge."""
        screen = self.screen()
        if screen is None or not self.isVisible():
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        if frame.bottom() > area.bottom():
            top = max(area.top(), area.bottom() - frame.height() + 1)
            self.move(self.x(), top)

    def clear_problems(self) -> None:
        """Hide every problem line."""
        self.fields.clear_problems()

    def showEvent(self, event: QShowEvent) -> None:
        """Override: the cursor starts in the first field the clerk can type in (unless the
        dialog chose one), so typing goes there and Enter does not hit 取消."""
        super().showEvent(event)
        current = self.focusWidget()
        if current is None or isinstance(current, QAbstractButton):
            for widget in self.fields.inputs:
                if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    break

    def reject(self) -> None:
        """Esc or 取消: ask before throwing away what the clerk typed."""
        if self.fields.edited and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """Whether to close and lose the typed values (asks the clerk)."""
        return ask_to_discard(self)

    def save(self) -> Any:
        """Override: validate and store through a service; return the saved record."""
        raise NotImplementedError

    def accept(self) -> None:
        """Override: save first; close only when the save succeeded."""
        try:
            self.fields.check_dates()
            self.result_value = self.save()
        except ValidationError as err:
            self.show_problems(err)
            return
        except ConflictError as err:
            self.on_conflict(err)
            return
        except JianfuError as err:
            QMessageBox.warning(self, "未能保存", str(err))
            return
        super().accept()

    # ---- another clerk saved the same record first (optimistic locking)

    def conflict_versions(self) -> tuple[Any, Any, Callable[[], Any]] | None:
        """Override in editors of existing records: (the record as opened, the values as typed,
        a function reading the record as stored now). ``None``: just say it was refused."""
        return None

    def load_record(self, record: Any) -> None:
        """Override: fill the form from ``record`` and edit that version from now on."""

    def on_conflict(self, err: ConflictError) -> None:
        """Show what the other clerk changed beside what this clerk typed; offer to reload."""
        versions = self.conflict_versions()
        if versions is None:
            QMessageBox.warning(self, "未能保存", str(err))
            return
        from jianfu.domain.conflicts import compare_versions
        from jianfu.ui.widgets.conflict import ConflictDialog

        original, mine, read_theirs = versions
        try:
            theirs = read_theirs()
        except JianfuError as exc:
            QMessageBox.warning(self, "未能保存", f"{err}\n{exc}")
            return
        if ConflictDialog.ask(self, str(err), compare_versions(original, mine, theirs)):
            self.load_record(theirs)
