"""ORM rows of what the check learns from the clerk: precedents and local synonyms."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from jianfu.db.base import Base


class CheckPrecedentRow(Base):
    """A decision the clerk confirmed on a notice (or a certificate request).

    ``item_name`` is empty when the clerk confirmed that the text is on no list. Items are
    referred to by name and kind, not by id, so that a precedent outlives the edition it was
    taken under: the next edition usually keeps the item's name.
    """

    __tablename__ = "check_precedent"
    __table_args__ = (Index("ix_check_precedent_purpose", "purpose", "decided_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(12), nullable=False)  # task | certificate
    text: Mapped[str] = mapped_column(Text, nullable=False)
    item_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    item_kind: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    decided_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    decided_by: Mapped[str] = mapped_column(String(40), nullable=False)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )


class ItemSynonymRow(Base):
    """A word the clerk confirmed as meaning a list item (a local synonym)."""

    __tablename__ = "item_synonym"
    __table_args__ = (UniqueConstraint("word", "item_name", name="uq_item_synonym_word_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(40), nullable=False)
    item_name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    created_by: Mapped[str] = mapped_column(String(40), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )
