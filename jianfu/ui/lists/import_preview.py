"""The preview of an Excel import: what would be saved and every problem, before saving."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.certificates import placeholder_guide
from jianfu.domain.imports import ImportProblem, file_problem
from jianfu.domain.lists import EditionStatus, ListEdition
from jianfu.services.lists import NEW_DEPARTMENT, ImportPreview
from jianfu.ui.lists.models import PreviewItemTableModel
from jianfu.ui.widgets.tables import ImportProblemTableModel, make_table

ERROR_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class ImportRequest:
    """What the clerk confirmed in the preview: the preview to save and the two choices."""

    preview: ImportPreview
    create_departments: bool
    activate: bool


def name_problem(name: str, editions: list[ListEdition]) -> str:
    """The service's problem text when ``name`` is taken by an edition that is not a draft."""
    for e in editions:
        if e.name == name and e.status is not EditionStatus.DRAFT:
            return f"清单版本“{name}”{e.status.value}，不能再导入；请另起版本名称"
    return ""


class ImportPreviewDialog(QDialog):
    """Items per kind and every problem (sheet, row, column); 导入 stays disabled while the
    file has problems, so a bad file saves nothing."""

    def __init__(
        self,
        preview: ImportPreview,
        editions: list[ListEdition],
        kind_names: dict[str, str],
        parent: QWidget | None = None,
        department_names: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        # the file's name in the summary below, not in the title (the window manager's font)
        self.setWindowTitle("导入预览")
        self.resize(980, 640)
        self._preview, self._editions = preview, editions
        # The name problem is re-checked as the clerk edits the name; the rest are the file's.
        self.file_problems = [p for p in preview.problems if p.field != "edition_name"]

        total = len(preview.items)
        per_kind = "、".join(
            f"{kind_names.get(code, code)} {count}" for code, count in preview.by_kind.items()
        )
        self.summary_label = QLabel(
            f"从“{preview.file_name}”读到 {total} 个事项"
            + (f"：{per_kind}。" if per_kind else "。")
        )
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-size: 11pt;")

        self.problem_model = ImportProblemTableModel(self.file_problems, self)
        self.item_model = PreviewItemTableModel(preview.items, preview.sources, kind_names, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            make_table(self.problem_model, (110, 44, 130)), f"问题 ({len(self.file_problems)})"
        )
        self.tabs.addTab(
            make_table(self.item_model, (100, 44, 110, 60, 300, 180)), f"将导入的事项 ({total})"
        )
        self.department_table = self._department_table(preview, department_names or [])
        if self.department_table.rowCount():
            self.tabs.addTab(
                self.department_table, f"责任单位对应 ({self.department_table.rowCount()})"
            )
        self.tabs.setCurrentIndex(0 if self.file_problems else 1)

        self.departments_label = QLabel()
        self.departments_label.setWordWrap(True)
        self.create_departments_check = QCheckBox("未选择对应部门的，自动新增")
        lines = []
        if preview.department_matches:
            pairs = "；".join(f"{a} → {b}" for a, b in preview.department_matches.items())
            lines.append(f"按部门表对应：{pairs}（可在“责任单位对应”中更改）")
        if preview.unknown_departments:
            names = "、".join(preview.unknown_departments)
            lines.append(
                f"以下 {len(preview.unknown_departments)} 个责任单位在部门表中还没有：{names}"
            )
        else:
            self.create_departments_check.hide()
        if lines:
            self.departments_label.setText("\n".join(lines))
        else:
            self.departments_label.hide()

        # only the workbook writes the certificates' model texts: what they may hold is said here
        self.placeholders_label = QLabel(
            "证明式样可用的占位符（打印时填入）：" + placeholder_guide("；")
        )
        self.placeholders_label.setWordWrap(True)
        self.placeholders_label.setStyleSheet("color: #555;")
        self.placeholders_label.setVisible(any(i.model_text for i in preview.items))

        self.name_edit = QLineEdit(preview.edition_name)
        # which edition in force goes: a certificate list read into a new township said
        # 现行版本将被废止 beside its work-item list, the only edition in force
        families = {str(f) for f in preview.by_family}
        replaced = "”“".join(
            e.name
            for e in editions
            if e.status is EditionStatus.IN_FORCE and e.document in families
        )
        self.activate_check = QCheckBox(
            f"导入后立即施行（现行的“{replaced}”将被废止）" if replaced else "导入后立即施行"
        )
        form = QFormLayout()
        form.addRow("导入为版本", self.name_edit)
        form.addRow("", self.activate_check)

        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("导入")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholders_label)
        layout.addWidget(self.departments_label)
        layout.addWidget(self.create_departments_check)
        layout.addLayout(form)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._on_name_edit_changed)
        self.create_departments_check.toggled.connect(self._update_verdict)
        for combo in self.department_combos().values():
            combo.currentIndexChanged.connect(self._on_department_combo_changed)
        self._update_verdict()

    # ---- departments

    def _department_table(self, preview: ImportPreview, names: list[str]) -> QTableWidget:
        """One row per 责任单位 that is not written as a department's full name: the proposed
        match (or none), to accept, change to another department, or create."""
        written = [*preview.department_matches, *preview.unknown_departments]
        table = QTableWidget(len(written), 2)
        table.setHorizontalHeaderLabels(["文件中写作", "对应部门"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, name in enumerate(written):
            table.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox()
            proposed = preview.department_matches.get(name)
            if proposed is not None:
                combo.addItem(f"{proposed}（建议）", proposed)
            else:
                combo.addItem("（部门表中没有，请选择或新建）", None)
            combo.addItem(f"新建部门“{name}”", NEW_DEPARTMENT)
            for other in names:
                if other != proposed:
                    combo.addItem(other, other)
            table.setCellWidget(row, 1, combo)
        return table

    def department_combos(self) -> dict[str, QComboBox]:
        """The choice per 责任单位 as written."""
        table = self.department_table
        return {
            table.item(row, 0).text(): table.cellWidget(row, 1)  # type: ignore[misc]
            for row in range(table.rowCount())
        }

    def department_choices(self) -> dict[str, str]:
        """What the clerk changed or decided: written name -> department (or NEW_DEPARTMENT)."""
        choices = {}
        for name, combo in self.department_combos().items():
            data = combo.currentData()
            if data is not None and data != self._preview.department_matches.get(name):
                choices[name] = data
        return choices

    def _undecided(self) -> list[str]:
        chosen = self.department_choices()
        return [d for d in self._preview.unknown_departments if d not in chosen]

    def _on_department_combo_changed(self, _index: int) -> None:
        self._update_verdict()

    # ---- public API

    def problems(self) -> list[ImportProblem]:
        """Every problem that keeps 导入 disabled, in the order shown."""
        problems = list(self.file_problems)
        name = self.name_edit.text().strip()
        text = "请填写版本名称" if not name else name_problem(name, self._editions)
        if text:
            problem = file_problem(self._preview.file_name, text)
            problems.append(replace(problem, field="edition_name"))
        return problems

    def request(self) -> ImportRequest:
        """The import as confirmed (only meaningful when ``problems()`` is empty)."""
        preview = replace(
            self._preview,
            edition_name=self.name_edit.text().strip(),
            problems=self.problems(),
            department_choices=self.department_choices(),
        )
        return ImportRequest(
            preview,
            create_departments=self.create_departments_check.isChecked(),
            activate=self.activate_check.isChecked(),
        )

    # ---- slots

    def _on_name_edit_changed(self, _text: str) -> None:
        self._update_verdict()

    def _update_verdict(self) -> None:
        problems = self.problems()
        missing = bool(self._undecided()) and not self.create_departments_check.isChecked()
        name = self.name_edit.text().strip()
        if self.file_problems:
            text = (
                f"文件中有 {len(self.file_problems)} 个问题，请在 Excel 中改正后重新导入。"
                "本次不会保存任何内容。"
            )
        elif problems:
            text = problems[-1].message
        elif missing:
            text = (
                "请在“责任单位对应”中为每个未对应的责任单位选择部门或新建，"
                "或勾选“未选择对应部门的，自动新增”。"
            )
        elif len(filled := self._preview.editions_filled(name)) > 1:
            # a workbook of both lists fills a draft of each (工作事项 and 证明事项)
            existing = {e.name for e in self._editions}
            text = (
                "将"
                + "；".join(
                    f"{'添加到已有草稿' if edition in existing else '新建草稿版本'}“{edition}”"
                    f"（{family.label} {count} 个）"
                    for edition, family, count in filled
                )
                + "。"
            )
        elif any(e.name == name for e in self._editions):
            text = f"事项将添加到已有草稿“{name}”中。"
        else:
            text = f"将新建草稿版本“{name}”，共 {len(self._preview.items)} 个事项。"
        self.verdict_label.setText(text)
        bad = bool(problems) or missing
        self.verdict_label.setStyleSheet(ERROR_STYLE if bad else "color: #1b5e20;")
        self.ok_button.setEnabled(not bad)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        preview: ImportPreview,
        editions: list[ListEdition],
        kind_names: dict[str, str],
        department_names: list[str] | None = None,
    ) -> ImportRequest | None:
        """Show the preview; the confirmed import, or ``None`` when cancelled."""
        dialog = cls(preview, editions, kind_names, parent, department_names)
        try:
            return dialog.request() if dialog.exec() else None
        finally:
            dialog.deleteLater()  # it may hold 50,000 previewed items
