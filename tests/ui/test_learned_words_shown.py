"""The clerk sees which words the check read through its learned lexicon: beside the verdict,
under the cited item and in the candidate's tooltip (they are a hint to check, not a fact)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.ui.intake.check_panel import HIGHLIGHT, HIGHLIGHT_LEARNED

pytestmark = pytest.mark.usefixtures("qtbot")


@pytest.fixture(autouse=True)
def _table_read(monkeypatch):
    """These tests give the app a learned table of their own instead of the shipped one (which
    is learned again as sets are spent, and its pairs move)."""
    from jianfu.domain import lexicon

    table = lexicon.Lexicon({"林地": ("财产",)}, {})
    monkeypatch.setattr(lexicon, "app_lexicon", lambda: table)


#: On the demo lists: 林地 is no word of 依法管理本村集体所有的土地和其他财产; the table
#: read says that notices saying it are about its 财产.
NOTICE = "请各村把集体所有的荒地、林地清查一遍"


def test_the_learned_words_are_shown_with_the_check(window):
    intake = window.show_screen("tasks")
    intake.check_panel.set_text(NOTICE)
    result = intake.check_panel.result
    assert result is not None and result.best is not None
    assert result.best.item.name == "依法管理本村集体所有的土地和其他财产"
    assert "林地→财产" in result.best.learned
    assert "参照以往审核的说法：" in intake.check_panel.words_label.text()
    assert "林地→财产" in intake.check_panel.words_label.text()
    assert "林地→财产" in intake.item_label.text()  # under the item the notice is cited for
    tip = intake.check_panel.candidates.item(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "参照以往审核的说法：" in tip
    # the notice's words it read are marked too, paler than the matched ones
    marked = {
        s.cursor.selectedText(): s.format.background().color().name()
        for s in intake.check_panel.editor.extraSelections()
    }
    assert marked["林地"] != marked["集体所有"]


def test_a_notice_in_the_lists_own_words_shows_none(window):
    intake = window.show_screen("tasks")
    intake.check_panel.set_text("请各村依法管理本村集体所有的土地和其他财产")
    assert "参照以往审核的说法" not in intake.check_panel.words_label.text()


def test_a_notice_in_traditional_characters_is_marked_too(window):
    """The check reads 請各村把集體所有的… as simplified; its words are marked where the notice
    says them, in the notice's own characters (集體所有 for the matched 集体所有)."""
    intake = window.show_screen("tasks")
    intake.check_panel.set_text("請各村把集體所有的荒地、林地清查一遍")
    result = intake.check_panel.result
    assert result is not None and result.best is not None
    assert "林地→财产" in result.best.learned
    marked = {
        s.cursor.selectedText(): s.format.background().color().name()
        for s in intake.check_panel.editor.extraSelections()
    }
    # (it marked neither: the notice was searched for the simplified words)
    assert marked["集體所有"] == marked["集體"] != marked["林地"]


def test_a_pale_mark_never_covers_a_matched_one(window):
    """A learned source inside or across a matched word is not marked; elsewhere it is, and
    every mark is on the very characters of its word (a character beyond the BMP before it,
    which Qt counts twice, shifts nothing)."""
    panel = window.show_screen("tasks").check_panel
    panel.editor.setPlainText("𠀀集体所有林地，林地清查，集体")
    panel._highlight(("集体所有",), ("集体→财产", "所有林→财产", "林地→财产"))
    spans = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color())
        for s in panel.editor.extraSelections()
    ]
    yellow = [(a, b) for a, b, c in spans if c == HIGHLIGHT]
    pale = [(a, b) for a, b, c in spans if c == HIGHLIGHT_LEARNED]
    assert len(yellow) == 1 and len(pale) == 3  # 林地 twice, the lone 集体 at the end
    assert not any(a < d and c < b for a, b in yellow for c, d in pale)
    assert sorted(panel.highlighted_words()) == sorted(["集体所有", "集体", "林地", "林地"])
