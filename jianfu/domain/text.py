"""Small text rules shared by the forms: trimming and length limits."""

from __future__ import annotations

from jianfu.domain.errors import FieldProblem


def clean(text: str | None) -> str:
    """Strip surrounding white space, including the full-width space U+3000."""
    return (text or "").strip().strip("\u3000").strip()


def check_required(field: str, label: str, value: str, max_len: int) -> list[FieldProblem]:
    """Problems with a required text field: empty, or longer than ``max_len`` characters."""
    if not value:
        return [FieldProblem(field, f"{label}不能为空")]
    return check_length(field, label, value, max_len)


def check_length(field: str, label: str, value: str, max_len: int) -> list[FieldProblem]:
    """A problem when ``value`` is longer than ``max_len`` characters."""
    if len(value) > max_len:
        return [FieldProblem(field, f"{label}不能超过 {max_len} 个字（现有 {len(value)} 个）")]
    return []
