"""The comparison of two list editions on screen, with a button that prints it as PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.list_diff import EditionDiff
from jianfu.ui.lists.models import diff_change_rows, diff_item_rows
from jianfu.ui.widgets.feedback import asking_if_unprintable, print_pdf
from jianfu.ui.widgets.tables import SimpleTableModel, make_table

if TYPE_CHECKING:
    from jianfu.ui.background import TaskHandle, TaskRunner

ITEM_HEADERS = ("类别", "编号", "事项名称", "责任单位")
CHANGE_HEADERS = ("类别", "事项名称", "变更内容", "原版本", "新版本")


class CompareDialog(QDialog):
    """Items added, withdrawn and changed (field by field, old → new) between two editions;
    ``print_pdf(allow_missing)`` makes the comparison's PDF (打印…), asked first when a
    character would print as □."""

    sig_printed = Signal(str)
    """The comparison was saved as a PDF at this path."""

    def __init__(
        self,
        diff: EditionDiff,
        print_pdf: Callable[[bool], bytes],
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("版本比较")
        self.resize(1000, 620)
        self._diff, self._print_pdf, self._tasks = diff, print_pdf, tasks
        self._printing: TaskHandle | None = None

        heading = QLabel(f"原版本：{diff.old_name}<br>新版本：{diff.new_name}")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 11pt;")
        if diff.is_empty:
            summary = "两个版本的有效事项相同，没有新增、退出或变更。"
        else:
            summary = (
                f"新增 {len(diff.added)} 项，退出 {len(diff.removed)} 项，"
                f"变更 {len(diff.changed)} 项。"
            )
        self.summary_label = QLabel(summary)
        self.summary_label.setStyleSheet("font-weight: bold;")

        self.added_model = SimpleTableModel(ITEM_HEADERS, diff_item_rows(diff, diff.added), self)
        self.removed_model = SimpleTableModel(
            ITEM_HEADERS, diff_item_rows(diff, diff.removed), self
        )
        self.changed_model = SimpleTableModel(CHANGE_HEADERS, diff_change_rows(diff), self)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            make_table(self.added_model, (130, 70, 360)), f"新增事项 ({len(diff.added)})"
        )
        self.tabs.addTab(
            make_table(self.removed_model, (130, 70, 360)), f"退出事项 ({len(diff.removed)})"
        )
        self.tabs.addTab(
            make_table(self.changed_model, (110, 200, 80, 290)), f"变更事项 ({len(diff.changed)})"
        )
        for index, items in enumerate((diff.added, diff.removed, diff.changed)):
            if items:
                self.tabs.setCurrentIndex(index)
                break

        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.print_button = QPushButton("打印…")
        self.print_button.setToolTip("预览比较结果，可打印或另存为 PDF 报送")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

    def _on_print_button_clicked(self) -> None:
        # the print preview (打印 / 另存为PDF), as every other print of the app: it went
        # straight to a file dialog
        suggested = f"清单版本比较-{self._diff.new_name}.pdf".replace("/", "-")
        make = self._print_pdf

        def show(allow_missing: bool) -> None:
            self._printing = print_pdf(  # type: ignore[assignment]
                self,
                self._tasks,
                "打印比较结果",
                suggested,
                lambda: make(allow_missing),
                on_saved=self._on_printed,
                on_error=(
                    show_failure
                    if allow_missing
                    else asking_if_unprintable(
                        self, "未能生成 PDF", lambda: show(True), show_failure
                    )
                ),
            )

        def show_failure(exc: BaseException) -> None:
            QMessageBox.warning(self, "未能生成 PDF", str(exc))

        show(False)

    def reject(self) -> None:
        """Override: stay open while the PDF is being written (its result comes back here)."""
        if self._printing is not None and not self._printing.done:
            return
        super().reject()

    def _on_printed(self, path: str) -> None:
        self.status_label.setText(f"已保存到 {path}")
        self.sig_printed.emit(path)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        diff: EditionDiff,
        print_pdf: Callable[[bool], bytes],
        tasks: TaskRunner,
    ) -> None:
        """Show the comparison until the clerk closes it."""
        dialog = cls(diff, print_pdf, tasks, parent)
        dialog.exec()
        dialog.deleteLater()
