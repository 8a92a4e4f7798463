"""ORM rows: the other burdens (其他负担) of each village: mechanisms, forms, groups, checks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jianfu.db.base import Base
from jianfu.db.models import TownshipOwnedMixin, UnitRow, VersionedMixin


class BurdenTypeRow(Base):
    """A kind of burden (工作机制/专人专岗, 报表台账 …); kinds are data, seeded by 0006."""

    __tablename__ = "burden_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    aliases: Mapped[str] = mapped_column(Text, nullable=False, default="")


class BurdenRow(TownshipOwnedMixin, VersionedMixin, Base):
    """One burden of one village, with its clean-up action."""

    __tablename__ = "burden"
    __table_args__ = (
        UniqueConstraint("unit_id", "type_id", "name", name="uq_burden_unit_type_name"),
        Index("ix_burden_type_action", "type_id", "action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), nullable=False, index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("burden_type.id"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    department: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    frequency: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    action: Mapped[str | None] = mapped_column(String(4))
    action_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    unit: Mapped[UnitRow] = relationship(foreign_keys="BurdenRow.unit_id")
    type: Mapped[BurdenTypeRow] = relationship()
