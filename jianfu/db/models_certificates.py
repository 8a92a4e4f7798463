"""ORM rows: The certificate register (证明事项)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jianfu.db.base import Base
from jianfu.db.models import ListItemRow, TownshipOwnedMixin, UnitRow, VersionedMixin


class CertificateRequestRow(TownshipOwnedMixin, VersionedMixin, Base):
    """One request in the register: who asked what, the check, and what was done.

    ``id_number`` holds the full ID number for the record; it is read only to compare with a
    number the clerk types into the search, everything else uses ``id_masked``.
    """

    __tablename__ = "certificate_request"
    __table_args__ = (
        UniqueConstraint(
            "township_id", "year", "seq", name="uq_certificate_request_township_year_seq"
        ),
        Index("ix_certificate_request_date", "request_date", "id"),
        # what is waiting (待办理, a few among 300,000 at city scale): 首页 and the register
        Index("ix_certificate_request_outcome_verdict", "outcome", "verdict"),
        # the period report's counts (首页): a township's requests of the period, read from
        # the index alone (0024; a city's quarter: 18,000 of 300,000 rows, not all of them)
        Index(
            "ix_certificate_request_township_date",
            "township_id",
            "request_date",
            "village_id",
            "outcome",
            "verdict",
        ),
        # the register's figures of a period (the 证明 screen opens on the quarter's): every
        # village's requests by outcome and verdict when no township is named (a township's
        # file, the owner), read from the index alone (0026)
        Index(
            "ix_certificate_request_date_counts",
            "request_date",
            "village_id",
            "outcome",
            "verdict",
        ),
        # the agencies asking for forbidden certificates over a period (the figures, the
        # report): the period's forbidden requests are one range, read from the index alone
        # with their township, agency and item (0027)
        Index(
            "ix_certificate_request_forbidden_agency",
            "verdict",
            "request_date",
            "township_id",
            "agency",
            "item_name",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    request_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    applicant_name: Mapped[str] = mapped_column(String(40), nullable=False)
    # deferred: lists and reminders never select it, so the county's reviewer and the
    # mechanism (who may read every column but this one on a shared server) can open them
    id_number: Mapped[str] = mapped_column(String(18), nullable=False, default="", deferred=True)
    id_masked: Mapped[str] = mapped_column(String(18), nullable=False, default="")
    village_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    subject: Mapped[str] = mapped_column(Text, nullable=False)
    purpose: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    agency: Mapped[str] = mapped_column(String(120), nullable=False, default="", index=True)
    check_verdict: Mapped[str] = mapped_column(String(10), nullable=False)
    candidates: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    verdict: Mapped[str] = mapped_column(String(10), nullable=False)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("list_item.id", ondelete="SET NULL"), index=True
    )
    item_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    item_kind: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    outcome_date: Mapped[dt.date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    alternative: Mapped[str] = mapped_column(Text, nullable=False, default="")
    referred_to: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    fact: Mapped[str] = mapped_column(Text, nullable=False, default="")
    handler: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    signer: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    sealed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    attachments: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    consult_date: Mapped[dt.date | None] = mapped_column(Date)
    consult_participants: Mapped[str] = mapped_column(Text, nullable=False, default="")
    consult_agreed: Mapped[bool | None] = mapped_column(Boolean)
    consult_signer: Mapped[str] = mapped_column(String(40), nullable=False, default="")

    village: Mapped[UnitRow | None] = relationship(foreign_keys="CertificateRequestRow.village_id")
    item: Mapped[ListItemRow | None] = relationship()
