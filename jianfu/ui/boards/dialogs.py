"""Dialogs of the signboard screen: edit a board, bulk disposition, close-out, inspection,
the allowed set, a period, the import preview and the full-size photo."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.boards import (
    AllowedRule,
    BoardInput,
    BoardStatus,
    Disposition,
    Inspection,
    Placement,
    Signboard,
    close_out_problem,
    parse_keywords,
)
from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.ui.glyphs import stored_text_label
from jianfu.ui.widgets.completion import KnownDepartments, complete_department
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.form import ERROR_STYLE, FormDialog, ask_to_discard
from jianfu.ui.widgets.tables import ImportProblemTableModel, make_table

if TYPE_CHECKING:
    from jianfu.services.boards import BoardImportPreview, BoardsService


def to_qdate(value: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: dt.date, today: dt.date) -> QDateEdit:
    """A calendar date field that cannot go past today."""
    edit = DateEdit(value)
    edit.setMaximumDate(to_qdate(today))
    return edit


class BoardDialog(FormDialog):
    """Edit every field of one board."""

    def __init__(
        self,
        service: BoardsService,
        board: Signboard,
        villages: list[tuple[int, str]],
        categories: list[str],
        parent: QWidget | None = None,
        *,
        departments: Sequence[str] = (),
        department_forms: Mapping[str, str] | None = None,
    ) -> None:
        """``departments`` are offered under 要求挂牌部门 and ``department_forms`` written in
        full before saving, as the entry grid does (``BoardsService.departments`` and
        ``department_forms``)."""
        # the board's name in its field, not in the title: the window manager draws a title
        # in its own font, where a character only the app's fonts have is a box
        super().__init__("编辑牌子", parent)
        self.setMinimumWidth(520)
        self._service, self._board = service, board
        self._categories = list(categories)
        self.known_departments = KnownDepartments(department_forms)
        today = service.today()
        self.village = QComboBox()
        for id_, name in villages:
            self.village.addItem(name, id_)
        self.village.setCurrentIndex(max(0, self.village.findData(board.village_id)))
        self.name = QLineEdit(board.name)
        self.category = QComboBox()
        self.category.addItems(categories)
        self.category.setCurrentText(board.category)
        self.placement = QComboBox()
        self.placement.addItems([p.value for p in Placement])
        self.placement.setCurrentText(board.placement.value)
        self.room = QLineEdit(board.room)
        self.department = QLineEdit(board.department)
        complete_department(self.department, departments)
        self.basis = QLineEdit(board.basis)
        self.size_material = QLineEdit(board.size_material)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 999)
        self.quantity.setValue(board.quantity)
        self.disposition = QComboBox()
        self.disposition.addItem("（未处置）", None)
        for d in Disposition:
            self.disposition.addItem(d.value, d.value)
        self.disposition.setCurrentIndex(
            max(
                0, self.disposition.findData(board.disposition.value if board.disposition else None)
            )
        )
        self.disposed_on = date_edit(board.disposed_on or today, today)
        self.first_reviewer = QLineEdit(board.first_reviewer)
        self.notes = QLineEdit(board.notes)
        for key, label, widget in (
            ("village", "村(社区)", self.village),
            ("name", "牌子名称", self.name),
            ("category", "类别", self.category),
            ("placement", "位置", self.placement),
            ("room", "房间", self.room),
            ("department", "要求挂牌部门", self.department),
            ("basis", "依据文件", self.basis),
            ("size_material", "规格/材质", self.size_material),
            ("quantity", "数量", self.quantity),
            ("disposition", "处置", self.disposition),
            ("disposed_on", "处置日期", self.disposed_on),
            ("first_reviewer", "初审人", self.first_reviewer),
            ("notes", "备注", self.notes),
        ):
            self.add_field(key, label, widget)
        self.disposition.currentIndexChanged.connect(self._on_disposition_changed)
        self.disposed_on.setEnabled(self.disposition.currentData() is not None)

    def _on_disposition_changed(self, _index: int) -> None:
        disposed = self.disposition.currentData() is not None
        self.disposed_on.setEnabled(disposed)
        if disposed and not self.first_reviewer.text().strip():
            # the one who disposed the last boards: it was typed again at every disposition
            self.first_reviewer.setText(_remembered_reviewer(FIRST_REVIEWER_KEY))

    def input(self) -> BoardInput:
        """What the form says."""
        b = self._board
        disposition = self.disposition.currentData()
        return BoardInput(
            self.village.currentData(),
            self.name.text(),
            self.category.currentText(),
            self.placement.currentText(),
            self.room.text(),
            self.department.text(),
            self.basis.text(),
            self.size_material.text(),
            self.quantity.value(),
            disposition,
            from_qdate(self.disposed_on.date()) if disposition else None,
            b.registered_on,
            b.approved_addition,
            b.approval_document,
            self.first_reviewer.text(),
            b.second_reviewer,
            self.notes.text(),
        )

    def save(self) -> Signboard:
        """Override: save through the service (a department typed as another way of writing
        one of 部门 is first written in full and said, and saved at the next 保存)."""
        self.known_departments.check_before_saving(
            self.department.text(),
            self.department.setText,
            lambda: self.input().cleaned(self._service.today(), self._categories),
        )
        saved = self._service.update_board(self._board.id, self.input(), self._board.version)
        if saved.disposition is not None:
            _remember_reviewer(saved.first_reviewer.strip(), FIRST_REVIEWER_KEY)
        return saved

    @classmethod
    def ask(cls, parent: QWidget | None, *args: Any, **kwargs: Any) -> Signboard | None:
        """The saved board, or ``None`` when cancelled."""
        dialog = cls(*args, parent=parent, **kwargs)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


@dataclass(frozen=True)
class DisposeRequest:
    """The bulk disposition the clerk confirmed."""

    disposition: Disposition
    on: dt.date
    reviewer: str
    all_matching: bool
    #: boards disposed before get this disposition and date too
    redo: bool = False


class DisposeDialog(QDialog):
    """Choose one disposition and date for the selected boards (default: 摘除 today)."""

    def __init__(
        self, selected: int, matching: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("批量处置")
        self.setMinimumWidth(420)
        self.disposition = QComboBox()
        for d in Disposition:
            self.disposition.addItem(d.value, d.value)
        self.disposition.setCurrentText(Disposition.REMOVE.value)
        self.on = date_edit(today, today)
        self.reviewer = QLineEdit(_remembered_reviewer(FIRST_REVIEWER_KEY))
        self.reviewer.setPlaceholderText("可不填")
        self.all_matching = QCheckBox(f"改为处置当前筛选出的全部 {matching} 块牌子")
        self.all_matching.setChecked(selected == 0)
        self.all_matching.setEnabled(selected > 0 and matching > selected)
        self.redo = QCheckBox("已处置的牌子也改为这次的处置方式和日期")
        self.redo.setToolTip("不勾选时，已处置的牌子保留原来的处置和日期，只处置待处置和复查反弹的")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._selected, self._matching = selected, matching
        form = QFormLayout()
        form.addRow("处置方式", self.disposition)
        form.addRow("处置日期", self.on)
        form.addRow("初审人", self.reviewer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("处置")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.all_matching)
        layout.addWidget(self.redo)
        layout.addWidget(buttons)
        self.all_matching.toggled.connect(self._update_summary)
        self.redo.toggled.connect(self._update_summary)
        self.disposition.currentIndexChanged.connect(self._update_summary)
        self._update_summary()
        self._opened = self.request()

    def reject(self) -> None:
        """取消 or Esc: ask before dropping what the clerk typed or chose (a 初审人 typed
        went without a word on Esc); Enter and Esc in the question keep the dialog."""
        if self.request() != self._opened and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """Whether to close and lose what was typed (asks the clerk)."""
        return ask_to_discard(self)

    def _update_summary(self, *_args: object) -> None:
        n = self._matching if self.all_matching.isChecked() else self._selected
        self.summary.setText(
            f"将把 {n} 块牌子标为“{self.disposition.currentText()}”，状态改为“已处置”。"
            + ("" if self.redo.isChecked() else "其中已处置的保留原来的处置和日期。")
            + "已销号的牌子不能再处置。"
        )

    def request(self) -> DisposeRequest:
        """What the dialog says."""
        return DisposeRequest(
            Disposition(self.disposition.currentData()),
            from_qdate(self.on.date()),
            self.reviewer.text(),
            self.all_matching.isChecked(),
            self.redo.isChecked(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, selected: int, matching: int, today: dt.date
    ) -> DisposeRequest | None:
        """The confirmed request, or ``None``."""
        dialog = cls(selected, matching, today, parent)
        try:
            if not dialog.exec():
                return None
            request = dialog.request()
            _remember_reviewer(request.reviewer.strip(), FIRST_REVIEWER_KEY)
            return request
        finally:
            dialog.deleteLater()


class InspectionDialog(FormDialog):
    """Record a re-inspection of one board."""

    def __init__(self, service: BoardsService, board: Signboard, parent: QWidget | None = None):
        # the board's name in the dialog, not in its title (the window manager's font)
        super().__init__("复查牌子", parent)
        self._service, self._board = service, board
        today = service.today()
        self.board_name = stored_text_label(board.name, "board_name")
        self.add_field("board", "牌子", self.board_name)
        self.inspected_on = self.add_field("inspected_on", "检查日期", date_edit(today, today))
        self.inspector = self.add_field("inspector", "检查人", QLineEdit())
        self.found_hanging = self.add_field(
            "found_hanging", "", QCheckBox("牌子仍挂着（或已挂回）")
        )
        self.finding = self.add_field("finding", "检查情况", QPlainTextEdit())
        self.finding.setFixedHeight(70)
        if board.disposition is not None and board.disposition.takes_down:
            hint = "此牌子已摘除/合并：如发现又挂回，将标为“复查反弹”。"
        else:
            hint = "记录复查情况。"
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self._form.insertRow(1, self.hint)  # under the board's name

    def save(self) -> tuple[Inspection, Signboard]:
        """Override: record through the service."""
        return self._service.record_inspection(
            Inspection(
                self._board.id,
                from_qdate(self.inspected_on.date()),
                self.inspector.text(),
                self.finding.toPlainText(),
                found_hanging=self.found_hanging.isChecked(),
            )
        )

    @classmethod
    def ask(cls, parent: QWidget | None, service: BoardsService, board: Signboard):
        """(inspection, board after) or ``None``."""
        dialog = cls(service, board, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


#: The order a 销号 names the dispositions in: those taken down first, 保留 last.
CLOSE_OUT_ORDER = (Disposition.REMOVE, Disposition.MERGE, Disposition.STANDARDISE, Disposition.KEEP)


def close_out_text(boards: Sequence[Signboard]) -> str:
    """What the reviewer confirms: each disposition with its count. A kept board (范围内 ·
    保留) was never to be rectified: "整改到位" for 111 boards of which 78 were kept read as
    if they had all been put right."""
    per = Counter(b.disposition for b in boards)
    parts = [f"{d.value} {per[d]} 块" for d in CLOSE_OUT_ORDER if per[d]]
    undecided = len(boards) - sum(per[d] for d in CLOSE_OUT_ORDER)
    if undecided:
        parts.append(f"未处置 {undecided} 块")
    text = f"复审确认 {len(boards)} 块牌子已按处置落实，予以销号：{'、'.join(parts)}。"
    if per[Disposition.KEEP]:
        text += "保留的牌子在允许范围内，不需整改，销号只确认其处置。"
    return text


def close_out_refusal(boards: Sequence[Signboard]) -> str:
    """Why the selected boards cannot be closed out, with what to do first ('' when they
    can). Said when the dialog opens: it read 复审确认 1 块牌子已按处置落实，予以销号：未处置
    1 块, and only after the 复审人 was typed and 销号 clicked, 未销号任何牌子：…还没有处置."""
    # each reason without its own 不能销号 (said once, first)
    refused = [why.removesuffix("，不能销号") for b in boards if (why := close_out_problem(b))]
    if not refused:
        return ""
    more = f"等 {len(refused)} 块" if len(refused) > 3 else ""
    lead = f"选中的 {len(boards)} 块牌子中有 {len(refused)} 块" if len(boards) > 1 else ""
    text = f"{lead}不能销号：" + "；".join(refused[:3]) + more + "。"
    if any(b.status is BoardStatus.PENDING for b in boards):
        text += (
            "销号是复审确认处置已落实：请先点“编辑”或“批量处置(摘除)…”"
            "记下处置（摘除、合并等），再销号。"
        )
    if len(refused) < len(boards):
        text += "只选中已处置的牌子即可销号。"
    return text


#: where the last 复审人 of a 销号 is kept (this computer's, as the certificates' signer)
REVIEWER_KEY = "boards/close_out_reviewer"
#: where the last 初审人 of a disposition is kept (编辑牌子, 批量处置)
FIRST_REVIEWER_KEY = "boards/first_reviewer"


def _remembered_reviewer(key: str = REVIEWER_KEY) -> str:
    from jianfu.ui.widgets.prefs import ui_settings

    return str(ui_settings().value(key, "") or "")


def _remember_reviewer(name: str, key: str = REVIEWER_KEY) -> None:
    from jianfu.ui.widgets.prefs import ui_settings

    if name:  # 可不填 where it may be empty: an empty one keeps the last name
        ui_settings().setValue(key, name)


class CloseOutDialog(FormDialog):
    """销号: the second reviewer confirms the selected boards."""

    def __init__(
        self, service: BoardsService, boards: Sequence[Signboard], parent: QWidget | None = None
    ):
        super().__init__("销号", parent)
        # the act, not 保存: the second reviewer closes the boards out
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("销号")
        self._service, self._ids = service, [b.id for b in boards]
        refusal = close_out_refusal(boards)
        info = QLabel(refusal or close_out_text(boards))
        info.setWordWrap(True)
        if refusal:  # said at once, and 销号 not offered: the service would refuse them all
            info.setStyleSheet(ERROR_STYLE)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._form.addRow(info)
        self.reviewer = self.add_field("reviewer", "复审人", QLineEdit())
        # the one who closed the last boards out: the same person reviews a township's boards,
        # and the name was typed again at every 销号
        self.reviewer.setText(_remembered_reviewer())
        self.add_field("boards", "", QLabel())

    def save(self) -> int:
        """Override: close out through the service."""
        done = self._service.close_out(self._ids, self.reviewer.text())
        _remember_reviewer(self.reviewer.text().strip())
        return done

    @classmethod
    def ask(
        cls, parent: QWidget | None, service: BoardsService, boards: Sequence[Signboard]
    ) -> int | None:
        """How many were closed out, or ``None``."""
        dialog = cls(service, boards, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class AllowedSetDialog(QDialog):
    """Edit the allowed set: one rule per row (name, keywords, where it holds)."""

    PLACES = ("外部", "内部", "不限")

    def __init__(self, service: BoardsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("允许挂牌范围")
        self.resize(900, 440)
        self._service = service
        self.changed = 0
        intro = QLabel(
            "名称中含有任一关键词、且位置相符的牌子在允许范围内；其余牌子标为“范围外”，需要处置。"
            "关键词之间用顿号“、”分隔。"
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["规则名称", "关键词", "位置"])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(2, 90)
        # the keywords take the dialog's width (集体经济组织's were cut beside an empty strip)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        for rule in service.allowed_set().rules:
            self._add_row(rule.name, "、".join(rule.keywords), rule.placement_text)
        self.add_button = QPushButton("增加规则")
        self.remove_button = QPushButton("删除选中规则")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存并重新标记")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self._add_row("", "", "外部"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._opened = self._rows()

    def _rows(self) -> list[tuple[str, str, str]]:
        """The table as it stands: name, keywords and place of each row."""
        return [
            (
                (self.table.item(r, 0) or QTableWidgetItem()).text(),
                (self.table.item(r, 1) or QTableWidgetItem()).text(),
                self.table.cellWidget(r, 2).currentText(),  # type: ignore[union-attr]
            )
            for r in range(self.table.rowCount())
        ]

    def reject(self) -> None:
        """取消 or Esc: ask before dropping the rules edited (they went without a word)."""
        if self._rows() != self._opened and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """Whether to close and lose the rules edited (asks the clerk)."""
        return ask_to_discard(self)

    def _add_row(self, name: str, keywords: str, place: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(name))
        self.table.setItem(r, 1, QTableWidgetItem(keywords))
        combo = QComboBox()
        combo.addItems(self.PLACES)
        combo.setCurrentText(place)
        self.table.setCellWidget(r, 2, combo)

    def _on_remove_button_clicked(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def rules(self) -> list[AllowedRule]:
        """The rules as typed."""
        out = []
        for r in range(self.table.rowCount()):
            name = (self.table.item(r, 0) or QTableWidgetItem()).text()
            keywords = parse_keywords((self.table.item(r, 1) or QTableWidgetItem()).text())
            place = self.table.cellWidget(r, 2).currentText()  # type: ignore[union-attr]
            if not name.strip() and not keywords:
                continue
            placement = None if place == "不限" else Placement(place)
            out.append(AllowedRule(name, keywords, placement))
        return out

    def accept(self) -> None:
        """Override: save first; the dialog stays open with the problem when refused."""
        try:
            self.changed = self._service.save_allowed_set(self.rules())
        except ValidationError as err:
            self.error.setText(str(err))
            return
        except JianfuError as err:
            QMessageBox.warning(self, "未能保存", str(err))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, service: BoardsService) -> int | None:
        """How many boards changed flag, or ``None`` when cancelled."""
        dialog = cls(service, parent)
        try:
            return dialog.changed if dialog.exec() else None
        finally:
            dialog.deleteLater()


class PeriodDialog(QDialog):
    """Choose a period (default: this quarter so far) for the clean-up ledger."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("销号清单时段")
        # wide enough for the title bar to show the whole title with the app's name after it
        # (two date fields made it 200 px wide: 销号清单… — 减负)
        shown = f"{self.windowTitle()} — {QGuiApplication.applicationDisplayName() or '减负'}"
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(shown) + 180)
        quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        self.start = QDateEdit(to_qdate(quarter_start))
        self.end = QDateEdit(to_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow("开始日期", self.start)
        form.addRow("结束日期", self.end)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, today: dt.date) -> tuple[dt.date, dt.date] | None:
        """(start, end) or ``None``."""
        dialog = cls(today, parent)
        try:
            if not dialog.exec():
                return None
            return from_qdate(dialog.start.date()), from_qdate(dialog.end.date())
        finally:
            dialog.deleteLater()


class BoardImportDialog(QDialog):
    """What the import would save and every problem; 导入 stays disabled on any problem."""

    def __init__(self, preview: BoardImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the file's name in the dialog, not in its title (the window manager's font)
        self.setWindowTitle("导入预览")
        self.resize(820, 520)
        total = sum(preview.by_village.values())
        per = "、".join(f"{k} {v} 块" for k, v in preview.by_village.items())
        self.summary = QLabel(
            f"从“{preview.file_name}”可导入 {len(preview.boards)} 条牌子记录（共 {total} 块）"
            + (f"：{per}" if per else "")
        )
        self.summary.setWordWrap(True)
        self.problem_model = ImportProblemTableModel(preview.problems, self)
        self.problems = make_table(self.problem_model, (90, 44, 130))
        self.verdict = QLabel(
            f"文件中有 {preview.problem_count or len(preview.problems)} 个问题，"
            "请在 Excel 中改正后重新导入。"
            "本次不会保存任何内容。"
            if preview.problems
            else "没有发现问题，可以导入。"
        )
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet(ERROR_STYLE if preview.problems else "color: #1b5e20;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("导入")
        self.ok_button.setEnabled(preview.ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if preview.problems:
            layout.addWidget(QLabel(f"问题（{preview.problem_count or len(preview.problems)}）："))
            layout.addWidget(self.problems, 1)
        else:  # the empty table the dialog's own (its model is): not a window left over
            self.problems.setParent(self)
            self.problems.hide()
            layout.addStretch(1)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, preview: BoardImportPreview) -> bool:
        """True when the clerk confirmed the import."""
        dialog = cls(preview, parent)
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()


def load_scaled_image(path: str, longest: int = 1600) -> QImage:
    """A photo read at most ``longest`` pixels on its longer side (safe off the GUI thread)."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > longest:
        reader.setScaledSize(
            size.scaled(QSize(longest, longest), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        raise JianfuError(f"无法打开照片：{reader.errorString()}")
    return image


class PhotoViewDialog(QDialog):
    """A photo at full size (scaled to at most 1600 px), scrollable, under ``caption`` (its
    stage and file name: in the dialog, not in its title, which the window manager draws in
    its own font)."""

    def __init__(self, caption: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("查看照片")
        self.resize(min(image.width() + 40, 1100), min(image.height() + 70, 800))
        self.caption = stored_text_label(caption, "photo_caption")
        self.label = QLabel()
        self.label.setPixmap(QPixmap.fromImage(image))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area = QScrollArea()
        area.setWidget(self.label)
        area.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(area)
