"""A helper of the tests of prints: the print preview (``PdfPreviewDialog.ask``) as the clerk
uses it, and no file dialog before it."""

from __future__ import annotations

import re
from pathlib import Path

from jianfu.ui.widgets.printing import FileDialogs, PdfPreviewDialog


def previewed(monkeypatch, saved: Path | None = None) -> list[tuple[str, str]]:
    """Each preview shown, as (title, file name offered); the clerk saves it to ``saved``
    (另存为PDF), or closes it when None. A file dialog before the preview fails the test (the
    prints of 牌子 and 清单 went straight to one)."""
    shown: list[tuple[str, str]] = []

    def ask(_cls, _parent, data, title, suggested):
        shown.append((title, suggested))
        if saved is None:
            return None
        saved.write_bytes(data)
        return saved

    def no_file_dialog(*_a, **_k):
        raise AssertionError("a file dialog before the print preview")

    monkeypatch.setattr(FileDialogs, "getSaveFileName", staticmethod(no_file_dialog))
    monkeypatch.setattr(PdfPreviewDialog, "ask", classmethod(ask))
    return shown


def shown_text(text: str) -> str:
    """A button's text as read, without its mnemonic: 打印公示(&P)… → 打印公示…"""
    return re.sub(r"\(&.\)", "", text)
