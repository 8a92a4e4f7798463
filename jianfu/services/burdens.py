"""Use cases for the other-burdens ledger (其他负担): entries, clean-up, counts, files, print."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db.models import UnitRow
from jianfu.db.models_burdens import BurdenRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import burdens as repo
from jianfu.db.repositories import departments as departments_repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.burdens import (
    BurdenCounts,
    BurdenFilter,
    BurdenInput,
    BurdenRecord,
    BurdenType,
    CleanupAction,
    check_action,
    count_period,
)
from jianfu.domain.collation import sorted_texts
from jianfu.domain.errors import FieldProblem, JianfuError, NotFoundError, ValidationError
from jianfu.domain.imports import ImportProblem
from jianfu.domain.paging import Page
from jianfu.domain.progress import Progress
from jianfu.domain.text import check_length, clean, with_id_numbers_masked
from jianfu.domain.units import Unit, township_label, village_label
from jianfu.services import units
from jianfu.services.context import AppContext
from jianfu.services.records import load_for_update, snapshot

if TYPE_CHECKING:
    from jianfu.interchange.burdens import ImportedBurden

__all__ = ["BurdenFilter", "BurdenImportPreview", "BurdensService"]

ENTITY = "burden"
#: Counts "since ever" start here.
EARLIEST = dt.date(2000, 1, 1)


@dataclass
class BurdenImportPreview:
    """What an import would save, shown before anything is saved; ``problems`` block it."""

    file_name: str
    items: list[ImportedBurden] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)  # capped; see problem_count
    rows_read: int = 0
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        """True when the import can be saved."""
        return not self.problems and bool(self.items)

    def by_type(self) -> dict[str, int]:
        """type code -> entries."""
        return dict(Counter(i.data.type for i in self.items))

    def by_village(self) -> dict[str, int]:
        """village name -> entries."""
        return dict(Counter(i.unit_name for i in self.items))


class BurdensService:
    """The ledger of mechanisms, forms, chat groups and inspections of every village."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # ---------------------------------------------------------------- reading

    def types(self) -> list[BurdenType]:
        """Every burden type, in order."""
        with self.ctx.unit_of_work() as s:
            return repo.types(s)

    def villages(self) -> list[Unit]:
        """The villages/communities in the clerk's order, active ones first, then those no
        longer active that old entries still name (:func:`units.villages`)."""
        return units.villages(self.ctx, include_inactive=True)

    def department_names(self) -> list[str]:
        """Departments to offer in the form: the department table, then names used before."""
        with self.ctx.unit_of_work() as s:
            used = s.execute(select(BurdenRow.department).distinct()).scalars()
            return departments_repo.offered_names(s, sorted_texts(used))  # those by pinyin

    def department_forms(self) -> dict[str, str]:
        """Each other way a department of 部门 is written (县民政局) -> its full name
        (南屏县民政局): the form suggests the full name for what the clerk typed."""
        with self.ctx.unit_of_work() as s:
            return departments_repo.written_forms(s)

    def page(self, f: BurdenFilter, offset: int = 0, limit: int = 200) -> Page[BurdenRecord]:
        """One page of entries matching ``f``."""
        with self.ctx.unit_of_work() as s:
            return repo.page(s, f, offset, limit)

    def all(self, f: BurdenFilter | None = None) -> list[BurdenRecord]:
        """Every entry matching ``f``, in ledger order."""
        with self.ctx.unit_of_work() as s:
            return repo.all_records(s, f)

    def get(self, burden_id: int) -> BurdenRecord:
        """One entry."""
        with self.ctx.unit_of_work() as s:
            return repo.record(s, self._row(s, burden_id))

    # ---------------------------------------------------------------- writing

    def add(self, data: BurdenInput) -> BurdenRecord:
        """Record a burden of a village."""
        with self.ctx.unit_of_work() as s:
            type_ids = repo.type_ids(s)
            data = data.cleaned(type_ids)
            self._check_village(s, data.unit_id)
            self._check_unique(s, data, type_ids, None)
            row = BurdenRow(unit_id=data.unit_id, type_id=type_ids[data.type])
            self._apply(row, data)
            s.add(row)
            s.flush()
            saved = repo.record(s, row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity=ENTITY,
                entity_id=row.id,
                after=snapshot(saved),
            )
            return saved

    def update(self, burden_id: int, data: BurdenInput, expected_version: int) -> BurdenRecord:
        """Save an edit; refused when someone else changed the entry since it was read."""
        with self.ctx.unit_of_work() as s:
            type_ids = repo.type_ids(s)
            data = data.cleaned(type_ids)
            row = self._row(s, burden_id, expected_version)
            before = snapshot(repo.record(s, row))
            self._check_village(s, data.unit_id)
            self._check_unique(s, data, type_ids, row.id)
            row.unit_id, row.type_id = data.unit_id, type_ids[data.type]  # type: ignore[assignment]
            self._apply(row, data)
            s.flush()
            s.refresh(row)
            saved = repo.record(s, row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改",
                entity=ENTITY,
                entity_id=row.id,
                before=before,
                after=snapshot(saved),
            )
            return saved

    def delete(self, burden_id: int, expected_version: int) -> None:
        """Remove an entry recorded by mistake (a cleaned burden is recorded as 取消 instead)."""
        with self.ctx.unit_of_work() as s:
            row = self._row(s, burden_id, expected_version)
            before = snapshot(repo.record(s, row))
            s.delete(row)
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="删除",
                entity=ENTITY,
                entity_id=burden_id,
                before=before,
            )

    def apply_action(
        self,
        entries: Sequence[BurdenRecord],
        action: CleanupAction,
        on: dt.date,
        note: str = "",
    ) -> list[BurdenRecord]:
        """Record one clean-up action on many entries at once: all of them, or none."""
        note, action = clean(note), CleanupAction(action)
        problems = check_action(action, on)
        problems += check_length("notes", "说明", note, 200)
        if not entries:
            problems.append(FieldProblem("entries", "请先选择要清理的事项"))
        if problems:
            raise ValidationError(problems)
        saved: list[BurdenRecord] = []
        with self.ctx.unit_of_work() as s:
            for entry in entries:
                row = self._row(s, entry.id, entry.version)
                before = snapshot(repo.record(s, row))
                row.action, row.action_date = action.value, on
                if note and note not in row.notes:
                    row.notes = f"{row.notes}；{note}" if row.notes else note
                    if len(row.notes) > 500:
                        raise ValidationError(
                            FieldProblem("notes", f"“{row.name}”的备注加上说明后超过 500 字")
                        )
                s.flush()
                record = repo.record(s, row)
                audit.record(
                    s,
                    operator=self.ctx.operator,
                    action=f"清理：{action.value}",
                    entity=ENTITY,
                    entity_id=row.id,
                    before=before,
                    after=snapshot(record),
                )
                saved.append(record)
        return saved

    # ---------------------------------------------------------------- counts

    def counts(
        self,
        start: dt.date,
        end: dt.date,
        unit_id: int | None = None,
        township_id: int | None = None,
    ) -> BurdenCounts:
        """Before / cleaned / now per village (every village, in order) and type for a period;
        above the township, of one township's villages with ``township_id``.

        For the period report: ``counts.village(name).of("mechanism").now`` is 机制现有,
        ``.merged`` 撤并 (``.cleaned`` = 撤并 + 取消); ``"form"`` 报表台账, ``"channel"``
        工作群/APP and ``"inspection"`` 督查检查考核 give 件数/个数/次数 as ``now``.
        """
        with self.ctx.unit_of_work() as s:
            types = repo.types(s)
            stmt = select(UnitRow.id, UnitRow.name).order_by(
                UnitRow.active.desc(), UnitRow.sort_order, UnitRow.id
            )
            towns = units.townships_in_view(self.ctx, s)
            if towns is not None:  # a person's: their township, or every one below them
                stmt = stmt.where(UnitRow.parent_id.in_(towns))
            elif (town := units_repo.township(s)) is not None:
                stmt = stmt.where(UnitRow.parent_id == town.id)
            if unit_id is not None:
                stmt = stmt.where(UnitRow.id == unit_id)
            if township_id is not None:
                stmt = stmt.where(UnitRow.parent_id == township_id)
            villages = [(uid, name) for uid, name in s.execute(stmt)]
            records = repo.all_records(s, BurdenFilter(unit_id=unit_id, township_id=township_id))
        return count_period(records, villages, types, start, end)

    def count_entries(self) -> int:
        """How many entries the ledger holds."""
        with self.ctx.unit_of_work() as s:
            return s.execute(select(func.count()).select_from(BurdenRow)).scalar_one()

    # ---------------------------------------------------------------- files

    def preview_import(
        self, path: Path, *, progress: Progress | None = None, today: dt.date | None = None
    ) -> BurdenImportPreview:
        """Read a ledger file and say what an import would save; nothing is saved."""
        from jianfu.interchange.burdens import read_burden_file
        from jianfu.interchange.table_reader import TableFileError, cap_import_problems

        with self.ctx.unit_of_work() as s:
            types = repo.types(s)
            village_ids = {u.name: u.id for u in self._villages(s)}
        try:
            read = read_burden_file(path, village_ids, types, today=today, progress=progress)
        except TableFileError as exc:
            raise ValidationError(FieldProblem("file", str(exc))) from exc
        problems = list(read.problems)
        with self.ctx.unit_of_work() as s:
            existing = repo.existing_keys(s, sorted(set(village_ids.values())))
        for item in read.items:
            if item.key in existing:
                problems.append(
                    ImportProblem(
                        item.sheet,
                        item.row,
                        None,
                        f"{item.unit_name}的“{item.data.name}”已在台账中，"
                        "请删去这一行（要修改请在程序中编辑）",
                    )
                )
        problems.sort(key=lambda p: (p.sheet, p.row or 0))  # row by row, whoever found them
        return BurdenImportPreview(
            read.file_name, read.items, cap_import_problems(problems), read.rows_read, len(problems)
        )

    def commit_import(
        self, preview: BurdenImportPreview, *, progress: Progress | None = None
    ) -> int:
        """Save a previewed import in one transaction: every entry, or nothing."""
        if preview.problems:
            raise JianfuError(
                "导入文件有问题，未导入任何内容：\n"
                + "\n".join(str(p) for p in preview.problems[:50])
            )
        if not preview.items:
            raise JianfuError(f"“{preview.file_name}”中没有可导入的负担事项。")
        total = len(preview.items)
        with self.ctx.unit_of_work() as s:
            type_ids = repo.type_ids(s)
            # every item of a preview without problems names its village
            unit_ids = sorted({i.data.unit_id for i in preview.items if i.data.unit_id is not None})
            existing = repo.existing_keys(s, unit_ids)
            clashes = [i for i in preview.items if i.key in existing]
            if clashes:
                raise ValidationError(
                    FieldProblem(
                        "file",
                        "台账中已有同名事项（可能刚被其他人导入），未导入："
                        + "、".join(f"{i.unit_name}“{i.data.name}”" for i in clashes[:10]),
                    )
                )
            for n, item in enumerate(preview.items):
                if progress is not None and n % 500 == 0:
                    progress.step(n, total, "正在保存…")
                row = BurdenRow(unit_id=item.data.unit_id, type_id=type_ids[item.data.type])
                self._apply(row, item.data)
                s.add(row)
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="导入",
                entity=ENTITY,
                after={
                    "file": preview.file_name,
                    "entries": total,
                    "by_type": preview.by_type(),
                    "by_village": preview.by_village(),
                },
            )
        return total

    def export(
        self, target: Path, f: BurdenFilter | None = None, progress: Progress | None = None
    ) -> Path:
        """Write the entries matching ``f`` (all by default) to .xlsx; the importer reads it."""
        from jianfu.interchange.burdens import export_burdens

        records = self.all(f)
        title = self._title(f.unit_id if f else None, f.township_id if f else None)
        if (townships := units.village_townships(self.ctx)) is not None:
            # several townships': township by township, as the print (their orders were mixed)
            records = townships.in_order(records, lambda r: r.unit_id)
        try:
            export_burdens(
                target,
                title,
                records,
                self.types(),
                total=len(records),
                progress=progress,
                townships=townships,  # each row names its township
            )
        except OSError as exc:
            raise JianfuError(f"无法写入“{target}”：{files.os_reason(exc)}") from exc
        return target

    def print_ledger(
        self,
        unit_id: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        township_id: int | None = None,
    ) -> bytes:
        """A village's (or, without ``unit_id``, the township's) ledger as PDF bytes; above
        the township, one township's with ``township_id`` (every one's without)."""
        from jianfu.reports.burdens import LedgerPrint, build_burden_ledger_pdf

        end = end or dt.date.today()
        start = start or dt.date(end.year, 1, 1)
        counts = self.counts(start, end, unit_id, township_id)
        # Entries cleaned before the period are gone; the print shows what the period saw.
        day_before = start - dt.timedelta(days=1)
        shown = BurdenFilter(unit_id=unit_id, township_id=township_id)
        records = [r for r in self.all(shown) if r.present_on(day_before)]
        counts, records = self._by_township(counts, records)
        with self.ctx.unit_of_work() as s:
            settings = units.print_settings(self.ctx, s)  # above the township: the reviewer's
        data = LedgerPrint(
            title=self._title(unit_id, township_id),
            counts=counts,
            # an ID number typed into a 备注 is masked in the print (the ledger leaves the office)
            records=[with_id_numbers_masked(r) for r in records],
            preparer=settings.preparer,
            reviewer=settings.reviewer,
            phone=settings.phone,
            printed_on=dt.date.today(),
        )
        return build_burden_ledger_pdf(data)

    # ---------------------------------------------------------------- helpers

    def _by_township(
        self, counts: BurdenCounts, records: list[BurdenRecord]
    ) -> tuple[BurdenCounts, list[BurdenRecord]]:
        """Above the township, for the print: each village led by its township and the
        villages township by township (they came mixed, 清溪村 石门口村 龙潭村 …, by each
        township's own order, and a county has villages of one name in several townships)."""
        places = units.village_townships(self.ctx)
        if places is None:
            return counts, records
        counts = replace(
            counts,
            villages=[
                replace(v, unit_name=places.label(v.unit_id, v.unit_name))
                for v in places.in_order(counts.villages, lambda v: v.unit_id)
            ],
        )
        records = places.in_order(records, lambda r: r.unit_id)  # stable: each one's order
        return counts, [replace(r, unit_name=places.label(r.unit_id, r.unit_name)) for r in records]

    def _title(self, unit_id: int | None, township_id: int | None = None) -> str:
        with self.ctx.unit_of_work() as s:
            # a county's or city's ledger is its own, not its first township's
            owner = units.above_name(self.ctx, s)
            if unit_id is None and township_id is not None:
                # one township's, picked above it: titled as its clerk's own print is
                return f"{units.township_name(self.ctx, s, township_id)}村(社区)其他负担台账"
            if unit_id is not None:
                row = s.get(UnitRow, unit_id)
                if row is None:
                    raise NotFoundError("找不到这个村(社区)。")
                # above the township a village with its township (石门乡清溪村): a county has
                # villages of one name in several townships; a city's, led by its county
                # (北岭县/石门乡清溪村): its counties have townships of one name
                parent = ""
                if owner is not None and (town := row.parent) is not None:
                    up = (
                        town.parent.name
                        if town.parent and units.counties_named(self.ctx, s)
                        else ""
                    )
                    parent = township_label(town.name, up)
                return f"{village_label(parent, row.name, '')}其他负担台账"
            if owner is None:
                town = units_repo.township(s)
                owner = town.name if town is not None else ""
            return f"{owner}村(社区)其他负担台账"

    @staticmethod
    def _villages(s: Session) -> list[Unit]:
        town = units_repo.township(s)
        if town is None:
            return []
        return units_repo.page(s, town.id, offset=0, limit=100_000).rows

    @staticmethod
    def _row(s: Session, burden_id: int, expected_version: int | None = None) -> BurdenRow:
        return load_for_update(s, BurdenRow, burden_id, expected_version, "负担事项")

    @staticmethod
    def _apply(row: BurdenRow, data: BurdenInput) -> None:
        row.name, row.department, row.frequency = data.name, data.department, data.frequency
        row.basis, row.notes = data.basis, data.notes
        row.action = data.action.value if data.action else None
        row.action_date = data.action_date

    @staticmethod
    def _check_village(s: Session, unit_id: int | None) -> None:
        row = s.get(UnitRow, unit_id) if unit_id is not None else None
        # a township under a county has a parent too: ask the type
        if row is None or row.type not in units_repo.VILLAGE_TYPES:
            raise ValidationError(FieldProblem("unit", "请选择村(社区)"))

    @staticmethod
    def _check_unique(
        s: Session, data: BurdenInput, type_ids: dict[str, int], own_id: int | None
    ) -> None:
        assert data.unit_id is not None
        other = repo.find(s, data.unit_id, type_ids[data.type], data.name)
        if other is not None and other.id != own_id:
            raise ValidationError(FieldProblem("name", f"这个村(社区)的同类别中已有“{data.name}”"))
