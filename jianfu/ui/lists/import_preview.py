"""The preview of an Excel import: what would be saved and every problem, before saving."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.lists import EditionStatus, ListEdition
from jianfu.services.lists import ImportPreview
from jianfu.ui.lists.compare import make_table
from jianfu.ui.lists.models import ImportProblemTableModel, PreviewItemTableModel

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
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"导入预览 — {preview.file_name}")
        self.resize(980, 640)
        self._preview, self._editions = preview, editions
        # The name problem is re-checked as the clerk edits the name; the rest are the file's.
        taken = name_problem(preview.edition_name, editions)
        self.file_problems = [p for p in preview.problems if p != taken]

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
        self.tabs.setCurrentIndex(0 if self.file_problems else 1)

        self.departments_label = QLabel()
        self.departments_label.setWordWrap(True)
        self.create_departments_check = QCheckBox("自动新增这些部门")
        lines = []
        if preview.department_matches:
            pairs = "；".join(f"{a} → {b}" for a, b in preview.department_matches.items())
            lines.append(f"按部门表对应：{pairs}")
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

        self.name_edit = QLineEdit(preview.edition_name)
        self.activate_check = QCheckBox("导入后立即施行（现行版本将被废止）")
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
        layout.addWidget(self.departments_label)
        layout.addWidget(self.create_departments_check)
        layout.addLayout(form)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._on_name_edit_changed)
        self.create_departments_check.toggled.connect(self._update_verdict)
        self._update_verdict()

    # ---- public API

    def problems(self) -> list[str]:
        """Every problem that keeps 导入 disabled, in the order shown."""
        problems = list(self.file_problems)
        name = self.name_edit.text().strip()
        if not name:
            problems.append("请填写版本名称")
        elif taken := name_problem(name, self._editions):
            problems.append(taken)
        return problems

    def request(self) -> ImportRequest:
        """The import as confirmed (only meaningful when ``problems()`` is empty)."""
        preview = replace(
            self._preview, edition_name=self.name_edit.text().strip(), problems=self.problems()
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
        missing = bool(self._preview.unknown_departments) and not (
            self.create_departments_check.isChecked()
        )
        name = self.name_edit.text().strip()
        if self.file_problems:
            text = (
                f"文件中有 {len(self.file_problems)} 个问题，请在 Excel 中改正后重新导入。"
                "本次不会保存任何内容。"
            )
        elif problems:
            text = problems[-1]
        elif missing:
            text = "请勾选“自动新增这些部门”，或先到“部门”中新增后再导入。"
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
    ) -> ImportRequest | None:
        """Show the preview; the confirmed import, or ``None`` when cancelled."""
        dialog = cls(preview, editions, kind_names, parent)
        try:
            return dialog.request() if dialog.exec() else None
        finally:
            dialog.deleteLater()  # it may hold 50,000 previewed items
