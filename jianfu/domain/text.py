"""Small text rules shared by the forms: trimming and length limits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from jianfu.domain.errors import FieldProblem

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_D = TypeVar("_D", bound="DataclassInstance")

#: An 18-character (last may be X) or 15-digit ID number standing alone in free text.
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")


def mask_id_numbers(text: str) -> str:
    """``text`` with every ID-number-shaped run masked as the ID field is (``3501****123X``).

    For free text (事由, 用途, 备注 …) wherever the ID field itself is shown masked.
    """
    if not text or not any(c.isdigit() for c in text):
        return text
    return ID_NUMBER_IN_TEXT.sub(lambda m: m[0][:4] + "*" * (len(m[0]) - 8) + m[0][-4:], text)


def mask_id_numbers_in(value: Any) -> Any:
    """``value`` (str, or dicts and lists of them) with ID numbers masked in every string."""
    if isinstance(value, str):
        return mask_id_numbers(value)
    if isinstance(value, dict):
        return {k: mask_id_numbers_in(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_id_numbers_in(v) for v in value]
    return value


def with_id_numbers_masked(record: _D) -> _D:
    """``record`` (a dataclass, e.g. a print's data) with every ID number in its text masked.

    Strings, and lists, tuples and dataclasses of them, are masked at any depth; lists and
    tuples keep their type, other values stay as they are. For the prints that leave the
    township (审批表, 办理记录, 告知书 to a department, ledgers): an ID number typed into an
    opinion or a 备注 is masked there as the ID field is in the register. The certificate the
    applicant takes away is the one print that does not go through this.
    """
    return cast(_D, _masked(record))


def _masked(value: Any) -> Any:
    if type(value) is str:  # not an enum's value (StrEnum): those never hold an ID number
        return mask_id_numbers(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, tuple):
        items = [_masked(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _masked(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changes)
    return value


def clean(text: str | None) -> str:
    """Strip surrounding white space, including the full-width space U+3000."""
    return (text or "").strip().strip("\u3000").strip()


def with_texts(form: _D, texts: Mapping[str, str]) -> _D:
    """``form`` (a frozen dataclass) with the text fields named in ``texts`` set to their values.

    For the forms' ``cleaned()``: the cleaned texts are kept in a dict keyed by field name
    while they are checked, and every name is one of the form's ``str`` fields.
    ``dataclasses.replace(form, **texts)`` would have mypy match the dict's ``str`` values
    against every field of the form, whatever its type.
    """
    return replace(form, **texts)


def check_required(field: str, label: str, value: str, max_len: int) -> list[FieldProblem]:
    """Problems with a required text field: empty, or longer than ``max_len`` characters."""
    if not value:
        return [FieldProblem(field, f"{label}不能为空")]
    return check_length(field, label, value, max_len)


#: Control characters no clerk types (NUL, bell, escape …); tab and line breaks are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_length(field: str, label: str, value: str, max_len: int) -> list[FieldProblem]:
    """A problem when ``value`` is longer than ``max_len`` characters or holds control
    characters (NUL and the like: they come from broken files, never from typing)."""
    if len(value) > max_len:
        return [FieldProblem(field, f"{label}不能超过 {max_len} 个字（现有 {len(value)} 个）")]
    bad = _CONTROL.search(value)
    if bad is not None:
        return [
            FieldProblem(
                field,
                f"{label}中有不可见的控制字符（U+{ord(bad[0]):04X}，"
                f"在第 {bad.start() + 1} 个字处），请删去后重新输入",
            )
        ]
    return []
