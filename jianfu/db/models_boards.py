"""ORM rows: signboards (牌子) with categories, the allowed set, photos and inspections."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jianfu.db import sort_keys
from jianfu.db.base import Base
from jianfu.db.models import TownshipOwnedMixin, UnitRow, VersionedMixin


class BoardCategoryRow(Base):
    """A category of board (门牌, 吊牌, 方牌 …); categories are data."""

    __tablename__ = "board_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class BoardAllowedRuleRow(Base):
    """One rule of the allowed set: boards whose name has a keyword may hang there."""

    __tablename__ = "board_allowed_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    keywords: Mapped[str] = mapped_column(Text, nullable=False)  # joined with "、"
    placement: Mapped[str | None] = mapped_column(String(4))  # None: outside and inside
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SignboardRow(TownshipOwnedMixin, VersionedMixin, Base):
    """One board (or several identical ones: ``quantity``) of a village's ledger."""

    __tablename__ = "signboard"
    __table_args__ = (
        # The ledger filters by village, status and category at 100,000+ rows.
        Index("ix_signboard_unit_status", "unit_id", "status"),
        Index("ix_signboard_status_allowed", "status", "allowed"),
        # 首页's counts by status as a person's login (its townships' boards only), from the
        # index alone (0029)
        Index("ix_signboard_township_status", "township_id", "status", "allowed"),
        Index("ix_signboard_unit_name", "unit_id", "name"),
        Index("ix_signboard_disposed_on", "disposed_on"),
        # the ledger in village order: a village's boards by id, straight from the index
        Index("ix_signboard_unit_id_id", "unit_id", "id"),
        # the ledger by name and by department, page after page, straight from the index (0033)
        Index("ix_signboard_name_key", "name_key", "id"),
        Index("ix_signboard_department_key", "department_key", "id"),
        # the period report's counts (首页): every column the standing count reads, so a
        # township's boards are counted from the index alone, not from the table (0024)
        Index(
            "ix_signboard_township_counts",
            "township_id",
            "unit_id",
            "registered_on",
            "approved_addition",
            "disposition",
            "disposed_on",
            "relapsed_on",
            "quantity",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("board_category.id"), nullable=False, index=True
    )
    placement: Mapped[str] = mapped_column(String(4), nullable=False)
    room: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    department: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    # the name and the department in pinyin order (``db.sort_keys``, 0033)
    name_key: Mapped[str] = sort_keys.key_column("name")
    department_key: Mapped[str] = sort_keys.key_column("department")
    basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    size_material: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    disposition: Mapped[str | None] = mapped_column(String(4))
    disposed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(6), nullable=False)
    registered_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    approved_addition: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    approval_document: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    first_reviewer: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    second_reviewer: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    allowed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    relapse_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    relapsed_on: Mapped[dt.date | None] = mapped_column(Date)
    last_inspected_on: Mapped[dt.date | None] = mapped_column(Date)
    photo_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    unit: Mapped[UnitRow] = relationship(foreign_keys="SignboardRow.unit_id")
    category: Mapped[BoardCategoryRow] = relationship()


sort_keys.keep(SignboardRow)


class BoardPhotoRow(Base):
    """A photo of a board, copied into the app's data folder (``file`` is relative to it)."""

    __tablename__ = "board_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(
        ForeignKey("signboard.id", ondelete="CASCADE"), nullable=False, index=True
    )
    stage: Mapped[str] = mapped_column(String(4), nullable=False)
    file: Mapped[str] = mapped_column(String(200), nullable=False)
    original_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    width: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    height: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    size_bytes: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )

    board: Mapped[SignboardRow] = relationship()


class BoardInspectionRow(Base):
    """A (re-)inspection of a board: date, inspector, finding, and whether it hung again."""

    __tablename__ = "board_inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(
        ForeignKey("signboard.id", ondelete="CASCADE"), nullable=False, index=True
    )
    inspected_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    inspector: Mapped[str] = mapped_column(String(20), nullable=False)
    finding: Mapped[str] = mapped_column(Text, nullable=False, default="")
    found_hanging: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    relapse: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    board: Mapped[SignboardRow] = relationship()
