"""What the check learns from the clerk: confirmed decisions (precedents) and local synonyms.

A precedent is stored whenever the clerk confirms a finding: recording a task on the 事项审核
screen, registering a certificate request, or ``jianfu check TEXT --confirm``. A near-identical
text later gets the confirmed item at once. A local synonym is a word the clerk confirmed as
meaning an item; it is shown in the explanation and editable per item. Both live in the
database, so a shared database shares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from jianfu.db.repositories import audit
from jianfu.db.repositories import check as repo
from jianfu.db.repositories import lists as lists_repo
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.lists import KindMeaning
from jianfu.domain.normalize import cjk_count, normalize
from jianfu.domain.precedents import Precedent
from jianfu.domain.verdicts import validate_text
from jianfu.services.context import AppContext

TASK = repo.TASK
CERTIFICATE = repo.CERTIFICATE
#: What the clerk types for "on no list".
UNLISTED_WORDS = frozenset({"清单外", "清单外事项", "unlisted", "无"})
SYNONYM_MAX = 20


def remember(
    s: Session,
    ctx: AppContext,
    *,
    purpose: str,
    text: str,
    item_name: str | None,
    item_kind: str | None,
    day: dt.date,
    source: str,
) -> int | None:
    """Store a confirmed decision inside the caller's unit of work (nothing for empty text)."""
    if not text or not text.strip():
        return None
    return repo.add_precedent(
        s,
        purpose=purpose,
        text=text.strip(),
        item_name=item_name,
        item_kind=item_kind,
        decided_on=day,
        decided_by=ctx.operator,
        source=source,
    )


def synonym_word(word: str) -> str:
    """``word`` as a local synonym is stored (normalised, without spaces), or a clear error
    when it cannot be one (fewer than two Chinese characters, more than ``SYNONYM_MAX``)."""
    clean = normalize(word or "", boilerplate=False).replace(" ", "")
    if cjk_count(clean) < 2:
        raise ValidationError(FieldProblem("word", "同义词至少要有两个汉字"))
    if len(clean) > SYNONYM_MAX:
        raise ValidationError(FieldProblem("word", f"同义词不能超过{SYNONYM_MAX}个字"))
    return clean


class ChecksService:
    """Confirm a check's finding, and keep the local synonyms of list items."""

    def __init__(self, ctx: AppContext, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.ctx = ctx
        self.today = today

    def confirm(self, text: str, item: str | None, *, certificate: bool = False) -> Precedent:
        """Confirm that ``text`` is the list item named ``item`` (None / 清单外: on no list)."""
        raw = validate_text(text)
        purpose = CERTIFICATE if certificate else TASK
        name = (item or "").strip()
        if name in UNLISTED_WORDS:
            name = ""
        with self.ctx.unit_of_work() as s:
            kind = self._item_kind(s, name, certificate=certificate) if name else None
            pid = remember(
                s,
                self.ctx,
                purpose=purpose,
                text=raw,
                item_name=name or None,
                item_kind=kind,
                day=self.today(),
                source="confirm",
            )
            audit.record(
                s,
                operator=self.ctx.operator,
                action="确认审核结论",
                entity="precedent",
                entity_id=pid,
                after={"事项": name or "清单外", "用途": "证明" if certificate else "事项"},
            )
        return Precedent(raw, name or None, kind, self.today(), pid, purpose)

    def add_synonym(self, word: str, item: str) -> None:
        """Remember that ``word`` means the item named ``item``."""
        clean = synonym_word(word)
        with self.ctx.unit_of_work() as s:
            self._item_kind(s, item, certificate=None)
            if repo.find_synonym(s, clean, item) is not None:
                raise ValidationError(FieldProblem("word", f"“{clean}”已是“{item}”的同义词"))
            from jianfu.db.models_check import ItemSynonymRow

            s.add(ItemSynonymRow(word=clean, item_name=item, created_by=self.ctx.operator))
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="添加同义词",
                entity="synonym",
                entity_id=item,
                after={"同义词": clean, "事项": item},
            )

    def remove_synonym(self, word: str, item: str) -> None:
        """Forget a local synonym."""
        with self.ctx.unit_of_work() as s:
            row = repo.find_synonym(s, word, item)
            if row is None:
                raise NotFoundError(f"“{item}”没有同义词“{word}”")
            s.delete(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="删除同义词",
                entity="synonym",
                entity_id=item,
                before={"同义词": word, "事项": item},
            )

    def synonyms_of(self, item: str) -> list[str]:
        """The local synonyms of one item, in order."""
        with self.ctx.unit_of_work() as s:
            return repo.synonyms_of(s, item)

    @staticmethod
    def _item_kind(s: Session, name: str, *, certificate: bool | None) -> str:
        """The kind code of the item named ``name`` in the lists in force, or a clear error."""
        items = [i for e in lists_repo.all_in_force(s) for i in lists_repo.all_items(s, e.id)]
        kinds = {k.code: k for k in lists_repo.kinds(s)}
        for it in items:
            if it.name != name or it.kind not in kinds:
                continue
            is_cert = kinds[it.kind].meaning in (KindMeaning.MAY_ISSUE, KindMeaning.MAY_NOT_ISSUE)
            if certificate is None or is_cert == certificate:
                return it.kind
        what = "证明事项清单" if certificate else "工作事项清单"
        if certificate is None:
            what = "施行中的清单"
        raise ValidationError(FieldProblem("item", f"{what}中没有名为“{name}”的事项"))
