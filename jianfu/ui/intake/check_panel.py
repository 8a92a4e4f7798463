"""The notice editor with the live verdict: debounced checks, matched words highlighted."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import JianfuError
from jianfu.domain.lexicon import LEARNED_LABEL
from jianfu.domain.normalize import fold_width, to_simplified
from jianfu.domain.tasks import task_demands
from jianfu.domain.verdicts import Verdict

if TYPE_CHECKING:
    from jianfu.domain.matching import CheckResult

#: Notice files the editor takes by drag and drop (the reader says what is wrong with others).
NOTICE_SUFFIXES = (".docx", ".pdf", ".ofd", ".txt")

#: Milliseconds without typing before the text is checked.
DEBOUNCE_MS = 300
HIGHLIGHT = QColor("#ffe58f")
#: The words the learned lexicon read (a hint, not a match): paler.
HIGHLIGHT_LEARNED = QColor("#e3ecfa")
VERDICT_STYLE = {
    Verdict.ADMITTED: "background:#e6f4ea; color:#1e6b34;",
    Verdict.NEGATIVE: "background:#fde7e9; color:#a50e0e;",
    Verdict.UNLISTED: "background:#fff4e0; color:#8a4b00;",
}
IDLE_STYLE = "background:#f1f3f4; color:#5f6368;"


class NoticeEditor(QPlainTextEdit):
    """The notice text; a dropped notice file is handed on instead of pasted as a path."""

    sig_file_dropped = Signal(str)
    sig_synonym_requested = Signal(str)  # the selected words

    def _local_file(self, event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return files[0] if len(files) == 1 else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_file(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self._local_file(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._local_file(event)
        if path:
            event.acceptProposedAction()
            self.sig_file_dropped.emit(path)
        else:
            super().dropEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        words = self.textCursor().selectedText().strip()
        if 2 <= len(words) <= 20:
            menu.addSeparator()
            action = menu.addAction(f"把“{words}”记为所选清单事项的同义词…")
            action.triggered.connect(lambda: self.sig_synonym_requested.emit(words))
        menu.exec(event.globalPos())
        menu.deleteLater()


#: Under an unlisted verdict with near items: how the clerk takes one of them instead.
UNLISTED_NEAR_HINT = "如确属下表中某一事项：选中该行，再在右侧“审核结论”改选“清单内事项”"


def _cited_note(result: CheckResult) -> str:
    """What the first candidate is when the verdict rests on it (清单内, 负面 …): the item
    cited, and why it is first where another scores more: a confirmed earlier decision, a
    negative item near enough decides, or of two near-scored items the notice's own words
    point to this one (the check's tie-break)."""
    if result.verdict is Verdict.UNLISTED or not result.candidates:
        return ""
    first = result.candidates[0]
    if not any(c.score > first.score for c in result.candidates[1:]):
        return "审核结论依据此事项"
    if result.precedent is not None:
        return "审核结论依据此事项：与以往登记并确认的事项相同"
    if result.verdict in (Verdict.NEGATIVE, Verdict.FORBIDDEN):
        return (
            "审核结论依据此事项：与负面清单事项相近的，先按负面清单处理，"
            "相似度更高的事项不能直接承接"
        )
    return "审核结论依据此事项：与相似度相近的事项相比，通知自身的用词更多地指向此事项"


class CheckPanel(QWidget):
    """Paste or type a notice; the verdict and five candidates follow as the clerk types."""

    sig_checked = Signal(object)  # CheckResult, or None when the text is empty or unusable
    #: the clerk picked a candidate (its row), not the check's filling of the table
    sig_candidate_picked = Signal(int)

    def __init__(
        self,
        check: Callable[[str], CheckResult],
        kind_names: dict[str, str],
        parent: QWidget | None = None,
        *,
        synonyms_of: Callable[[str], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._kind_names = kind_names
        self._synonyms_of = synonyms_of
        self.result: CheckResult | None = None
        #: the candidate the clerk picked (item id and name): a check of the same notice again
        #: (each edit, a list saved elsewhere, the check before saving) keeps it picked; it
        #: selected the best candidate again, and the task was recorded against that one
        self._picked: tuple[int | None, str] | None = None
        self._filling = False

        self.editor = NoticeEditor()
        # Tab goes on to the candidates and the form, as in any form: it typed a tab into the
        # notice (checked again, and recorded with it)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(
            "把部门通知的全文或要点粘贴到这里（或把通知文件 .docx/.pdf/.ofd/.txt 拖到这里），"
            "停止输入后自动对照施行中的清单审核。"
        )
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setMinimumHeight(44)
        font = self.verdict_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.words_label = QLabel()
        self.words_label.setWordWrap(True)
        self.candidates = QTableWidget(0, 3)
        self.candidates.setHorizontalHeaderLabels(["清单事项", "类别", "相似度"])
        self.candidates.verticalHeader().hide()
        self.candidates.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.candidates.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.candidates.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.candidates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.candidates.itemSelectionChanged.connect(self._on_candidates_picked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 3)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.words_label)
        layout.addWidget(self.candidates, 2)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.check_now)
        self.editor.textChanged.connect(self.timer.start)
        self._show_idle("等待输入通知内容")

    # ---- public API

    def text(self) -> str:
        """The notice as typed."""
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the notice and check it at once (another notice: the best candidate)."""
        self._picked = None
        self.editor.setPlainText(text)
        self.check_now()

    def selected_candidate(self) -> int:
        """The row of the candidate the clerk picked (the best one when none is picked)."""
        rows = self.candidates.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def check_now(self) -> None:
        """Check the current text (the debounce timer calls this)."""
        self.timer.stop()
        text = self.text()
        if not text.strip():
            self._set_result(None)
            self._show_idle("等待输入通知内容")
            return
        try:
            result = self._check(text)
        except JianfuError as err:
            self._set_result(None)
            self._show_idle(str(err))
            return
        self._set_result(result)

    # ---- showing

    def _on_candidates_picked(self) -> None:
        if self._filling or self.result is None:
            return
        rows = self.candidates.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.result.candidates):
            item = self.result.candidates[rows[0].row()].item
            self._picked = (item.id, item.name)
            self.sig_candidate_picked.emit(rows[0].row())

    def _show_idle(self, text: str) -> None:
        if not self.text().strip():
            self._picked = None  # no notice: the next one starts from its best candidate
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(IDLE_STYLE)
        self.words_label.clear()
        self.candidates.setRowCount(0)
        self.editor.setExtraSelections([])

    def _set_result(self, result: CheckResult | None) -> None:
        self.result = result
        if result is not None:
            # the matcher is imported when the first notice is checked, not as the screen opens
            # (its patterns take 100-250 ms to compile)
            from jianfu.domain.matching import Confidence

            # the caution after a comma: （需报批）（把握不大，请人工核对） were two brackets
            sure = "" if result.confidence is Confidence.HIGH else "，把握不大，请人工核对"
            self.verdict_label.setText(result.verdict.label + sure)
            self.verdict_label.setStyleSheet(VERDICT_STYLE.get(result.verdict, IDLE_STYLE))
            self.words_label.setText("\n".join(self._explanation(result)))
            self._fill_candidates(result)
            self._highlight(result.matched_words, result.best.learned if result.best else ())
        self.sig_checked.emit(result)

    def _explanation(self, result: CheckResult) -> list[str]:
        """The lines under the verdict: note, demands, matched words, local synonyms."""
        lines = []
        if result.note:
            lines.append(result.note)
        if result.verdict is Verdict.UNLISTED and result.candidates:
            # how the clerk says the task is a listed one after all (the right side follows)
            lines.append(UNLISTED_NEAR_HINT)
        if result.demands:
            # by the names of the form's boxes it ticks (the check's own names, 考核评比/排名/通报
            # beside the box 考核评比/督查检查, read as two different things)
            boxes = task_demands(result.demands)
            lines.append("通知对村(社区)的要求：" + "、".join(d.value for d in boxes))
        if result.matched_words:
            lines.append("命中词：" + "、".join(self.as_written(result.matched_words[:12])))
        if result.sender:
            lines.append(f"发文单位“{result.sender}”的职责领域与该事项相符")
        best = result.best
        if best is not None and best.learned:
            lines.append(LEARNED_LABEL + "、".join(best.learned[:6]))
        if best is not None and self._synonyms_of is not None:
            try:
                local = self._synonyms_of(best.item.name)
            except JianfuError:
                local = []
            if local:
                lines.append(f"“{best.item.name}”的本地同义词：" + "、".join(local))
        return lines

    def _fill_candidates(self, result: CheckResult) -> None:
        self._filling = True
        try:
            self._fill_rows(result)
        finally:
            self._filling = False

    def _fill_rows(self, result: CheckResult) -> None:
        self.candidates.setRowCount(len(result.candidates))
        cited = _cited_note(result)
        for row, c in enumerate(result.candidates):
            name = QTableWidgetItem(c.item.name)
            name.setToolTip(
                "\n".join(
                    x
                    for x in (
                        cited if row == 0 else "",
                        c.item.name,
                        f"责任单位：{c.item.department}" if c.item.department else "",
                        f"依据：{c.item.basis}" if c.item.basis else "",
                        "命中：" + "、".join(self.as_written(c.matched)) if c.matched else "",
                        LEARNED_LABEL + "、".join(c.learned) if c.learned else "",
                    )
                    if x
                )
            )
            kind = QTableWidgetItem(self._kind_names.get(c.kind, c.kind))
            score = QTableWidgetItem(f"{c.score:.0f}")
            score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row == 0 and cited:
                # the item the verdict rests on: bold, and said so where the score is lower
                font = name.font()
                font.setBold(True)
                for cell in (name, kind, score):
                    cell.setFont(font)
                kind.setToolTip(cited)
                score.setToolTip(cited)
            for col, cell in enumerate((name, kind, score)):
                self.candidates.setItem(row, col, cell)
        if result.candidates:
            keys = [(c.item.id, c.item.name) for c in result.candidates]
            self.candidates.selectRow(keys.index(self._picked) if self._picked in keys else 0)

    def _highlight(self, words: tuple[str, ...], learned: tuple[str, ...] = ()) -> None:
        """Mark every occurrence of the matched words in the notice, and in a paler colour
        the words the learned lexicon read (林地 of 林地→财产) that are not matched ones.

        The words are the check's (simplified, folded, lower case): they are looked for in
        the notice read the same way, and marked in its own characters (集體所有 for 集体所有)."""
        document = self.editor.document()
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        pale = QTextCharFormat()
        pale.setBackground(HIGHLIGHT_LEARNED)
        sources = {pair.split("→")[0] for pair in learned} - set(words)
        marks = [(w, fmt) for w in sorted(set(words), key=len, reverse=True)[:40]]
        marks += [(w, pale) for w in sorted(sources, key=len, reverse=True)[:20]]
        text = document.toPlainText()
        searched = _as_checked(text)
        # (Qt counts a character outside the BMP twice)
        wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
        selections = []
        taken: list[tuple[int, int]] = []
        for word, colour in marks:
            if len(word) < 2:
                continue
            at = searched.find(word)
            while at >= 0 and len(selections) < 500:
                span = (at, at + len(word))
                at = searched.find(word, at + 1)
                if colour is pale and any(a < span[1] and span[0] < b for a, b in taken):
                    continue  # (inside a matched word: it stays marked as matched)
                taken.append(span)
                start, end = (p + bisect_left(wide, p) for p in span)
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor  # type: ignore[attr-defined]
                selection.format = colour  # type: ignore[attr-defined]
                selections.append(selection)
        self.editor.setExtraSelections(selections)

    def as_written(self, words: Sequence[str]) -> list[str]:
        """The check's ``words`` (simplified, folded, lower case) as the notice writes them,
        where it does: APP for the check's app, 集體所有 for 集体所有 (as they are marked)."""
        text = self.text()
        searched = _as_checked(text)
        seen: list[str] = []
        for word in words:
            at = searched.find(word) if len(searched) == len(text) else -1
            written = text[at : at + len(word)] if at >= 0 else word
            if written not in seen:
                seen.append(written)
        return seen

    def highlighted_words(self) -> list[str]:
        """The text of each highlighted span (for tests and screenshots)."""
        return [s.cursor.selectedText() for s in self.editor.extraSelections()]


def _as_checked(text: str) -> str:
    """``text`` as the check reads it, character for character: full-width folded,
    simplified, lower case (each step kept only where it keeps every character's place)."""
    for step in (fold_width, to_simplified, str.lower):
        read = step(text)
        if len(read) == len(text):
            text = read
    return text
