"""Problems found in an imported file, kept as data up to the screen that lists them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an imported file, at the sheet, row and column where it applies.

    ``column`` is the Excel letter plus the header label, e.g. ``H（事项性质）``; ``field`` the
    name of the field read from it (``nature``) where there is one; ``file`` the file's name
    where the problem is about the file as a whole or the preview holds several files.
    ``str(problem)`` gives the place and the message as the clerk reads them.
    """

    sheet: str
    row: int | None
    column: str | None
    message: str
    field: str = ""
    file: str = ""

    @property
    def column_text(self) -> str:
        """The column as the clerk reads it: ``H 列（事项性质）``, or ``""``."""
        if not self.column:
            return ""
        letter, _, label = self.column.partition("（")
        return f"{letter} 列" + (f"（{label}" if label else "")

    @property
    def place(self) -> str:
        """Where the problem is, in Chinese: 工作表“清单”第 5 行 H 列（事项性质）."""
        if not self.sheet:
            return self.file
        text = f"工作表“{self.sheet}”"
        if self.row is not None:
            text += f"第 {self.row} 行"
        if self.column:
            text += f" {self.column_text}"
        return text

    def __str__(self) -> str:
        place = self.place
        return f"{place}：{self.message}" if place else self.message


def file_problem(file: str, message: str) -> ImportProblem:
    """A problem of the file as a whole (nothing read, an edition name taken)."""
    return ImportProblem("", None, None, message, file=file)
