"""Use cases for the fonts of official documents: which file each role uses, the clerk's choice.

The choice is kept per machine (font files differ between machines), not in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.reports.fonts import (
    LATIN,
    LATIN_LABEL,
    FontRole,
    describe_font_file,
    find_fonts,
    load_font_choices,
    refusal,
    save_font_choices,
)

#: The roles the clerk can set, in the order the settings show them.
ROLES: tuple[tuple[str, str], ...] = (
    *((role.value, role.label) for role in FontRole),
    (LATIN, LATIN_LABEL),
)


@dataclass(frozen=True)
class RoleFont:
    """What one role prints with."""

    role: str
    label: str  # 标题, 正文 …
    family: str  # "" when nothing is installed for it
    path: str  # "" for the built-in CID font or no Latin face
    chosen: bool  # the clerk picked the file
    note: str  # 公文规定字体 / 代替 / 未嵌入 …


class FontService:
    """Read and keep the clerk's font choices; tell what each role uses."""

    def choices(self) -> dict[str, str]:
        """The saved role -> font file choices."""
        return load_font_choices()

    def check_file(self, path: str) -> str:
        """The family name of a font file fit for a PDF; raises ValidationError otherwise."""
        face = describe_font_file(path)
        if face is None:
            raise ValidationError(FieldProblem("font", f"“{path}”不是可读的字体文件（.ttf、.ttc）"))
        reason = refusal(face)
        if reason:
            raise ValidationError(FieldProblem("font", f"{reason}，请选择其他字体文件"))
        return face.display or face.family

    def effective(self, choices: Mapping[str, str] | None = None) -> list[RoleFont]:
        """What each role prints with under ``choices`` (the saved ones by default)."""
        choices = self.choices() if choices is None else dict(choices)
        font_set = find_fonts(role_paths=choices)
        rows = []
        for role, label in ROLES:
            choice = font_set.latin if role == LATIN else font_set.choices[FontRole(role)]
            if choice is None:
                rows.append(
                    RoleFont(role, label, "", "", False, "未找到西文字体，数字和字母用中文字体")
                )
                continue
            if not choice.embedded:
                note = "内置字体，不嵌入文件"
            elif choice.path == choices.get(role):
                note = "已选择"
            elif choice.preferred:
                note = "公文规定字体"
            else:
                note = "代替字体"
            rows.append(
                RoleFont(
                    role,
                    label,
                    choice.family,
                    choice.path or "",
                    choice.path is not None and choice.path == choices.get(role),
                    note,
                )
            )
        return rows

    def notes(self, choices: Mapping[str, str] | None = None) -> list[str]:
        """Notes beyond the rows: installed fonts that cannot be used (their licence forbids
        embedding, CFF outlines) and roles left with the non-embedded built-in font."""
        choices = self.choices() if choices is None else dict(choices)
        notes = find_fonts(role_paths=choices).warnings()
        return [n for n in notes if "未使用" in n or "未嵌入" in n]

    def save(self, choices: Mapping[str, str]) -> None:
        """Keep the clerk's choices; each file is checked first, nothing is saved on a problem."""
        for path in choices.values():
            if path:
                self.check_file(path)
        save_font_choices({k: v for k, v in choices.items() if v})
