"""The local synonyms of one list item: words the clerk confirmed as meaning it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import JianfuError
from jianfu.ui.widgets.form import ask_before


class SynonymsDialog(QDialog):
    """Add and remove the local synonyms of an item; every change is saved at once. A word
    typed and not added is not dropped by 关闭 or Esc without asking."""

    def __init__(
        self,
        item_name: str,
        synonyms_of: Callable[[str], list[str]],
        add: Callable[[str, str], None],
        remove: Callable[[str, str], None],
        parent: QWidget | None = None,
        *,
        refusals: tuple[str, str] = ("", ""),
    ) -> None:
        """``refusals``: why the connected person may not add, and not remove, a synonym
        (``services.people.synonym_refusals``); such buttons are greyed out with the reason."""
        super().__init__(parent)
        self.setWindowTitle("本地同义词")
        self._item = item_name
        self._synonyms_of, self._add, self._remove = synonyms_of, add, remove
        intro = QLabel(
            f"通知中出现下列词语时，按“{item_name}”审核。"
            "同义词保存在数据库中，共用数据库的同事也会用到。"
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.word_edit = QLineEdit()
        self.word_edit.setPlaceholderText("输入一个词，例如：村晚")
        self.add_button = QPushButton("添加(&A)")
        self.remove_button = QPushButton("删除所选(&D)")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.word_edit.returnPressed.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        row = QHBoxLayout()
        row.addWidget(self.word_edit, 1)
        row.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(420, 360)
        from jianfu.ui.widgets.access import lock, lock_fields

        add_refused, remove_refused = refusals
        self._may_add = not add_refused
        if add_refused:
            lock([self.add_button], add_refused)
            lock_fields([self.word_edit], add_refused)
        if remove_refused:
            lock([self.remove_button], remove_refused)
        self._reload()
        if self._may_add:  # opened to add a word: the cursor waits in the box (it was the list)
            self.word_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def unadded_word(self) -> str:
        """The word typed in the box and not added yet ('' when none)."""
        return self.word_edit.text().strip() if self._may_add else ""

    def reject(self) -> None:
        """Esc, 关闭 or the title bar: a word typed and not added goes only on the clerk's word
        (it was dropped without one, and the clerk believed it saved)."""
        word = self.unadded_word()
        if word and not self.confirm_drop(word):
            self.word_edit.setFocus()
            return
        super().reject()

    def confirm_drop(self, word: str) -> bool:
        """Whether to close without adding ``word`` (asks the clerk; tests replace it)."""
        return ask_before(
            self,
            "本地同义词",
            f"“{word}”还没有添加为同义词，关闭后不会保存。\n\n"
            "要保存，请点“返回”，再点“添加”（或按回车）。",
            "不添加，关闭(&N)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def words(self) -> list[str]:
        """The synonyms shown."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _reload(self) -> None:
        self.list.clear()
        self.list.addItems(self._synonyms_of(self._item))
        self.remove_button.setEnabled(self.list.count() > 0)

    def _on_add_clicked(self) -> None:
        word = self.word_edit.text().strip()
        try:
            self._add(word, self._item)
        except JianfuError as err:
            QMessageBox.warning(self, "未能添加", str(err))
            return
        self.word_edit.clear()
        self._reload()

    def _on_remove_clicked(self) -> None:
        current = self.list.currentItem()
        if current is None:
            return
        try:
            self._remove(current.text(), self._item)
        except JianfuError as err:
            QMessageBox.warning(self, "未能删除", str(err))
        self._reload()
