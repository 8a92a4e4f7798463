"""ORM rows. They never leave ``jianfu.db``: repositories turn them into domain objects."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from jianfu.db import sort_keys
from jianfu.db.base import Base


class VersionedMixin:
    """Optimistic locking: every UPDATE checks and bumps ``version``."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime,
        nullable=False,
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - a declared_attr takes cls
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class TownshipOwnedMixin:
    """A record made in one township (乡镇/街道): row-level security on PostgreSQL keys on it.

    Filled on flush from the record's village or from the session's township when the service
    left it empty (``jianfu.db.township``); nullable only because SQLite cannot add a NOT NULL
    column to a table with rows (migration 0010 fills every existing row).
    """

    @declared_attr
    def township_id(cls) -> Mapped[int | None]:  # noqa: N805 - a declared_attr takes cls
        return mapped_column(ForeignKey("unit.id"), index=True, nullable=True)


class UnitRow(VersionedMixin, Base):
    """The organisation tree: 市 → 县(市、区) → 乡镇(街道) → 村(社区).

    A single SQLite file holds one township (possibly under its county) and its villages.
    """

    __tablename__ = "unit"
    __table_args__ = (
        UniqueConstraint("parent_id", "name", name="uq_unit_parent_name"),
        # lists in village order walk this index (keyset pages at a city's 3,000 villages)
        Index("ix_unit_sort_order_id", "sort_order", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    type: Mapped[str] = mapped_column(String(10), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    parent: Mapped[UnitRow | None] = relationship(remote_side=[id])


class AppUserRow(Base):
    """A person who connects to a shared PostgreSQL with their own login role.

    ``login`` is the role's name (``current_user``); ``role`` the group it was put in (clerk,
    reviewer, mechanism, admin); ``unit_id`` the township, county or city the person works for.
    """

    __tablename__ = "app_user"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    role: Mapped[str] = mapped_column(String(12), nullable=False)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), nullable=False, index=True)
    display_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )

    unit: Mapped[UnitRow] = relationship()


class DepartmentRow(VersionedMixin, Base):
    """A department that pushes tasks down (党政群机构)."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    short_name: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    level: Mapped[str] = mapped_column(String(4), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class DepartmentAliasRow(Base):
    """A 责任单位 as a county list writes it (县民政局), mapped by the clerk to a department."""

    __tablename__ = "department_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("department.id", ondelete="CASCADE"), nullable=False, index=True
    )


class SettingRow(Base):
    """One setting, stored as JSON text under its key, for one township or for all of them.

    ``township_id`` NULL: the database-wide default (set by the administrator or the county);
    a township's own row, when it has one, wins over it. Row-level security on PostgreSQL
    lets a clerk write only their township's rows (migration 0017).
    """

    __tablename__ = "setting"
    __table_args__ = (
        UniqueConstraint("township_id", "key"),
        # Partial on both backends (migration 0017 creates it so on PostgreSQL too). Only the
        # SQLite clause is named here: a postgresql_where would load SQLAlchemy's PostgreSQL
        # dialect at every start of the embedded app (tests/ui/test_startup_imports.py).
        Index(
            "uq_setting_default_key",
            "key",
            unique=True,
            sqlite_where=text("township_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    township_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id"), nullable=True, index=True
    )
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class AuditRow(Base):
    """One entry of the audit trail: who changed what, when, before and after (JSON)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, index=True)
    operator: Mapped[str] = mapped_column(String(40), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    entity_id: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    hash: Mapped[str] = mapped_column(String(64), nullable=False, default="")


class ListKindRow(Base):
    """A kind of list (依法履职事项, 负面事项, 可出具证明事项 …); kinds are data."""

    __tablename__ = "list_kind"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    meaning: Mapped[str] = mapped_column(String(20), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ListDocumentRow(Base):
    """A list as published (工作事项准入清单, 出具证明事项清单 …); each has its own editions."""

    __tablename__ = "list_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    family: Mapped[str] = mapped_column(String(12), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ListEditionRow(VersionedMixin, Base):
    """An edition of one list document; at most one per document is in force."""

    __tablename__ = "list_edition"
    __table_args__ = (
        Index(
            "uq_list_edition_in_force",
            "document_id",
            "status",
            unique=True,
            sqlite_where=text("status = '施行中'"),  # PostgreSQL too: db.engine.make_engine
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Always set by the services; nullable in the schema only because SQLite cannot add a
    # NOT NULL column to a table that has rows without copying it (see migration 0012).
    document_id: Mapped[int] = mapped_column(
        ForeignKey("list_document.id"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    issuing_body: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    document_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    document: Mapped[ListDocumentRow] = relationship(lazy="joined")


class ListItemRow(VersionedMixin, Base):
    """One item of an edition: a work item or a certificate."""

    __tablename__ = "list_item"
    __table_args__ = (Index("ix_list_item_edition_kind", "edition_id", "kind_id", "sort_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("list_edition.id", ondelete="CASCADE"), nullable=False
    )
    kind_id: Mapped[int] = mapped_column(ForeignKey("list_kind.id"), nullable=False, index=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    number: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    section: Mapped[str] = mapped_column(String(100), nullable=False, server_default="")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    department: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    # the name, the department and the basis in pinyin order (``db.sort_keys``, 0033)
    name_key: Mapped[str] = sort_keys.key_column("name")
    department_key: Mapped[str] = sort_keys.key_column("department")
    basis_key: Mapped[str] = sort_keys.key_column("basis")
    participation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    nature: Mapped[str | None] = mapped_column(String(4))
    funding: Mapped[str] = mapped_column(Text, nullable=False, default="")
    scopes: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(6), nullable=False)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    withdrawn_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    purpose: Mapped[str] = mapped_column(Text, nullable=False, default="")
    procedure: Mapped[str] = mapped_column(Text, nullable=False, default="")
    model_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    alternative_route: Mapped[str | None] = mapped_column(String(10))
    alternative_detail: Mapped[str] = mapped_column(Text, nullable=False, default="")

    kind: Mapped[ListKindRow] = relationship()
    edition: Mapped[ListEditionRow] = relationship()


sort_keys.keep(ListItemRow)
