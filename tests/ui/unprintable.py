"""Helpers of the tests of prints that ask before printing □ for a character no installed
font has (``feedback.print_pdf_asking``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox


def refused_until_allowed(made: list[bool]):
    """A print holding 𠮷 on a machine without a font for it (as the services make it):
    refused naming the character unless allowed; ``made`` records each call's allowance."""
    from jianfu.reports.fonts import UnprintableError

    def make(*_args: Any, allow_missing: bool = False) -> bytes:
        made.append(allow_missing)
        if not allow_missing:
            raise UnprintableError(["𠮷"])
        return b"%PDF-1.4"

    return make


def answering(monkeypatch, *answers: QMessageBox.StandardButton) -> list[str]:
    """The texts of the questions asked, answered in turn with ``answers``."""
    asked: list[str] = []

    def question(_parent, _title, text, *args):
        asked.append(text)
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked
