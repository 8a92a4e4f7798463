"""ORM rows: task requests (事项审核), admission cases (准入审批) and steps, workday overrides."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jianfu.db import sort_keys
from jianfu.db.base import Base
from jianfu.db.models import TownshipOwnedMixin, VersionedMixin

#: the in-list (TaskDecision.IN_LIST) temporary and staged (ItemNature) tasks, whose end date
#: 首页 reminds of once passed (``repositories.tasks.past_end_tasks``, ``db.plain_reads``)
PAST_END_WHERE = "decision = '清单内' AND nature IN ('临时', '阶段')"


class TaskRequestRow(TownshipOwnedMixin, VersionedMixin, Base):
    """A task a department pushed down, as recorded by the clerk, with the check's finding."""

    __tablename__ = "task_request"
    __table_args__ = (
        Index("ix_task_request_received", "received_on"),
        Index("ix_task_request_decision", "decision", "received_on"),
        # the period report's counts: a township's tasks of the period (0024)
        Index("ix_task_request_township_received", "township_id", "received_on"),
        # 事项审核's departments seen on tasks, walked from one to the next (0031)
        Index("ix_task_request_department", "department"),
        # 首页's reminders of the temporary and staged in-list tasks past their end (0030):
        # those tasks alone by end date (a city's 2,700 of 20,000), in the reminders' order
        Index(
            "ix_task_request_past_end",
            "end_date",
            "id",
            # PostgreSQL too: db.engine.share_partial_indexes
            sqlite_where=text(PAST_END_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    department: Mapped[str] = mapped_column(String(60), nullable=False)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    received_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    all_villages: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    nature: Mapped[str | None] = mapped_column(String(4))
    #: every box of 对村(社区)的要求 ticked is 132 characters; SQLite checks no length (0036)
    demands: Mapped[str] = mapped_column(
        String(100).with_variant(String(400), "postgresql"), nullable=False, default=""
    )
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    verdict: Mapped[str | None] = mapped_column(String(12))  # the matcher's
    decision: Mapped[str] = mapped_column(String(6), nullable=False)  # the clerk's
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("list_item.id", ondelete="SET NULL"), index=True
    )
    item_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    item_kind: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    candidates: Mapped[list[TaskCandidateRow]] = relationship(
        order_by="TaskCandidateRow.rank", cascade="all, delete-orphan"
    )
    village_links: Mapped[list[TaskVillageRow]] = relationship(cascade="all, delete-orphan")
    recorded_by: Mapped[str] = mapped_column(String(40), nullable=False)


class TaskCandidateRow(Base):
    """One of the matcher's candidates when the task was recorded (kept as it was)."""

    __tablename__ = "task_candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("task_request.id", ondelete="CASCADE"), nullable=False, index=True
    )
    rank: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("list_item.id", ondelete="SET NULL"))
    item_name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)


class TaskVillageRow(Base):
    """A village a task concerns (none when the task concerns all of them)."""

    __tablename__ = "task_village"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("task_request.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True, index=True)


class AdmissionCaseRow(TownshipOwnedMixin, VersionedMixin, Base):
    """An admission case for a task on no list; its request as received, its conditions."""

    __tablename__ = "admission_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("task_request.id"), unique=True, index=True
    )
    status: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    level: Mapped[str] = mapped_column(String(4), nullable=False)
    decision_working_days: Mapped[int] = mapped_column(Integer, nullable=False)
    serial_number: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    department: Mapped[str] = mapped_column(String(60), nullable=False)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    # the title and the department in pinyin order (``db.sort_keys``, 0033)
    title_key: Mapped[str] = sort_keys.key_column("title")
    department_key: Mapped[str] = sort_keys.key_column("department")
    content: Mapped[str] = mapped_column(Text, nullable=False)
    villages: Mapped[str] = mapped_column(Text, nullable=False)  # names joined with 、
    received_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    nature: Mapped[str | None] = mapped_column(String(4))
    document_number: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delegated_powers: Mapped[str] = mapped_column(Text, nullable=False, default="")
    funding: Mapped[str] = mapped_column(Text, nullable=False, default="")
    support: Mapped[str] = mapped_column(Text, nullable=False, default="")
    assessment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    contact: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    # what the mechanism approved (批准准入)
    approved_start: Mapped[dt.date | None] = mapped_column(Date)
    approved_end: Mapped[dt.date | None] = mapped_column(Date)
    conditions: Mapped[str | None] = mapped_column(Text)
    approved_funding: Mapped[str] = mapped_column(Text, nullable=False, default="")
    staffing: Mapped[str] = mapped_column(Text, nullable=False, default="")
    list_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("list_item.id", ondelete="SET NULL")
    )  # the item it became in a later list edition

    steps: Mapped[list[CaseStepRow]] = relationship(
        order_by="CaseStepRow.seq", cascade="all, delete-orphan"
    )


sort_keys.keep(AdmissionCaseRow)


class CaseStepRow(Base):
    """One step of a case's history (append-only)."""

    __tablename__ = "case_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("admission_case.id", ondelete="CASCADE"), nullable=False, index=True
    )
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    action: Mapped[str] = mapped_column(String(12), nullable=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    operator: Mapped[str] = mapped_column(String(40), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: the box the comment was written in (``domain.cases.comment_label``), since 0037
    written_as: Mapped[str] = mapped_column(
        String(20), nullable=False, default="", server_default=""
    )


class WorkdayOverrideRow(Base):
    """A local exception to the official calendar: a day off or a make-up working day."""

    __tablename__ = "workday_override"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean, nullable=False)
    note: Mapped[str] = mapped_column(String(100), nullable=False, default="")


class OfficialScheduleRow(Base):
    """A year's official holiday schedule imported from the State Council's notice.

    It wins over the built-in calendar for its year; on a shared database every township uses it.
    """

    __tablename__ = "official_schedule"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    imported_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)

    days: Mapped[list[OfficialDayRow]] = relationship(
        cascade="all, delete-orphan", order_by="OfficialDayRow.day"
    )


class OfficialDayRow(Base):
    """One day an imported notice names: a day off or a make-up working day."""

    __tablename__ = "official_day"

    year: Mapped[int] = mapped_column(
        ForeignKey("official_schedule.year", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean, nullable=False)
    note: Mapped[str] = mapped_column(String(60), nullable=False, default="")
