"""A check's verdict and the check of a text before it: light, without the matcher.

``Verdict`` is stored in every task and certificate request and counted by every report, and
``validate_text`` checks what a request is about when it is registered. The matcher
(``domain.matching``, which re-exports both) compiles hundreds of patterns when it is imported:
the first screen, the reports and the registers read verdicts without loading it; it loads when
a check first runs.
"""

from __future__ import annotations

from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.normalize import normalize


class Verdict(StrEnum):
    """The outcome of a check; the label is what the clerk reads."""

    ADMITTED = "admitted"
    NEGATIVE = "negative"
    UNLISTED = "unlisted"
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"

    @property
    def label(self) -> str:
        """The verdict in Chinese."""
        return {
            Verdict.ADMITTED: "清单内事项（准入）",
            Verdict.NEGATIVE: "负面清单事项（拒绝）",
            Verdict.UNLISTED: "清单外事项（需报批）",
            Verdict.ALLOWED: "可出具证明",
            Verdict.FORBIDDEN: "不应出具证明",
        }[self]


def validate_text(text: str | None) -> str:
    """The text stripped; raise ``ValidationError`` when there is nothing to check."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(FieldProblem("text", "请输入或粘贴要审核的通知内容"))
    letters = normalize(raw, boilerplate=False).replace(" ", "")
    if not letters:
        raise ValidationError(FieldProblem("text", "文本只有标点符号，没有可审核的内容"))
    if len(letters) < 2:
        raise ValidationError(
            FieldProblem("text", f"文本只有一个字（“{letters}”），请输入完整的事项或通知内容")
        )
    return raw
