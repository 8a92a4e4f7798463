"""Use cases for the admission lists: editions, items, import/export, print, checks."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db.models import (
    DepartmentRow,
    ListDocumentRow,
    ListEditionRow,
    ListItemRow,
    ListKindRow,
)
from jianfu.db.repositories import audit
from jianfu.db.repositories import check as check_repo
from jianfu.db.repositories import departments as departments_repo
from jianfu.db.repositories import lists as repo
from jianfu.db.repositories.lists import ItemFilter
from jianfu.domain.errors import FieldProblem, JianfuError, NotFoundError, ValidationError
from jianfu.domain.imports import ImportProblem, file_problem
from jianfu.domain.list_diff import EditionDiff, diff_editions
from jianfu.domain.lists import (
    EditionStatus,
    ItemStatus,
    KindMeaning,
    ListDocument,
    ListEdition,
    ListFamily,
    ListItem,
    ListKind,
    clean_item,
    companion_edition_name,
)
from jianfu.domain.paging import Page
from jianfu.domain.precedents import Precedent
from jianfu.domain.progress import Progress
from jianfu.domain.text import check_required, clean
from jianfu.services.context import AppContext
from jianfu.services.records import load_for_update, snapshot

if TYPE_CHECKING:
    from jianfu.domain.matching import CheckResult, Matcher  # loaded when a check first runs

__all__ = ["NEW_DEPARTMENT", "ImportPreview", "ItemFilter", "ListsService"]


@dataclass(frozen=True)
class KindChange:
    """One kind's items before and after an edition is put in force."""

    code: str
    name: str
    before: int
    after: int
    added: int
    changed: int
    withdrawn: int

    @property
    def emptied(self) -> bool:
        """True when the kind goes from some items to none (usually a mistake)."""
        return self.before > 0 and self.after == 0


@dataclass(frozen=True)
class InForceChanges:
    """What putting an edition in force changes in its list."""

    document: str
    replaces: str | None
    kinds: tuple[KindChange, ...]

    @property
    def warnings(self) -> list[str]:
        """One line for each kind that would be emptied."""
        return [
            f"注意：“{k.name}”现有 {k.before} 项，施行后将一项也没有"
            for k in self.kinds
            if k.emptied
        ]

    def lines(self) -> list[str]:
        """The changes as the clerk reads them, one line per kind."""
        out = [
            f"{k.name}：{k.before} 项 → {k.after} 项（新增 {k.added}，修改 {k.changed}，"
            f"退出 {k.withdrawn}）"
            for k in self.kinds
        ]
        return out + self.warnings


@dataclass
class ImportPreview:
    """What an import would do, shown to the clerk before anything is saved."""

    file_name: str
    items: list[ListItem]
    #: What keeps the import from being saved, each with its file, sheet, row, column and field.
    problems: list[ImportProblem]
    unknown_departments: list[str]
    by_kind: dict[str, int]
    edition_name: str
    document_number: str = ""
    effective_date: dt.date | None = None
    issuing_body: str = ""
    sources: list[tuple[str, int]] = field(default_factory=list)
    #: 责任单位 as written in the file -> the department's full name it was matched to
    #: (only where they differ: 县民政局 -> 南屏县民政局).
    department_matches: dict[str, str] = field(default_factory=dict)
    #: The clerk's decisions, 责任单位 as written -> a department's full name to map it to, or
    #: ``NEW_DEPARTMENT`` to create a department of that name. Written names left out keep
    #: the proposed match (or, matching nothing, are created with ``create_departments``).
    department_choices: dict[str, str] = field(default_factory=dict)
    #: The items per list document (工作事项, 证明事项), in the file's order.
    by_family: dict[ListFamily, int] = field(default_factory=dict)

    def editions_filled(self, name: str | None = None) -> list[tuple[str, ListFamily, int]]:
        """The editions an import under ``name`` (the preview's by default) fills, one per
        list document the file holds, as :meth:`ListsService.commit_import` names them, with
        the number of items each gets."""
        name = self.edition_name if name is None else name
        several = len(self.by_family) > 1
        return [
            (companion_edition_name(name, family) if several else name, family, count)
            for family, count in self.by_family.items()
        ]

    def undecided_departments(self) -> list[str]:
        """The written names that match no department and that the clerk has not decided."""
        return [d for d in self.unknown_departments if d not in self.department_choices]

    @property
    def ok(self) -> bool:
        """True when the import can be saved (unknown departments may still be created)."""
        return not self.problems


#: A ``department_choices`` value: create a department under the name as written.
NEW_DEPARTMENT = ""


def _guess_level(name: str) -> str:
    if "市" in name and "县" not in name:
        return "市"
    if any(w in name for w in ("镇", "乡", "街道")):
        return "乡镇"
    return "县"


class ListsService:
    """Editions and items of the admission lists, and the checks against them."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._matcher_lock = threading.Lock()
        self._matcher_key: tuple[object, ...] | None = None
        self._precedents_key: tuple[object, ...] | None = None
        self._matcher: Matcher | None = None

    # ---------------------------------------------------------------- reading

    def kinds(self) -> list[ListKind]:
        """Every list kind, in order."""
        with self.ctx.unit_of_work() as s:
            return repo.kinds(s)

    def add_kind(self, code: str, name: str, meaning: KindMeaning) -> ListKind:
        """Add a kind of list (some places keep six lists); codes and names are unique."""
        code, name = clean(code).lower(), clean(name)
        problems = check_required("name", "类别名称", name, 40)
        problems += check_required("code", "类别代码", code, 30)
        if code and not re.fullmatch(r"[a-z][a-z0-9_]*", code):
            problems.append(FieldProblem("code", "类别代码只能用小写英文字母、数字和下划线"))
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            for kind in repo.kinds(s):
                if kind.code == code:
                    raise ValidationError(FieldProblem("code", f"已有代码为“{code}”的类别"))
                if kind.name == name:
                    raise ValidationError(FieldProblem("name", f"已有名为“{name}”的类别"))
            order = max((k.sort_order for k in repo.kinds(s)), default=0) + 10
            row = ListKindRow(
                code=code, name=name, meaning=KindMeaning(meaning).value, sort_order=order
            )
            s.add(row)
            s.flush()
            kind = repo.kind_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity="list_kind",
                entity_id=row.id,
                after=snapshot(kind),
            )
            return kind

    def editions(self) -> list[ListEdition]:
        """Every edition, the one in force first."""
        with self.ctx.unit_of_work() as s:
            return repo.editions(s)

    def edition_in_force(self, document: str = "work") -> ListEdition | None:
        """The edition in force of one list document, or ``None`` when there is none yet."""
        with self.ctx.unit_of_work() as s:
            row = repo.in_force(s, document)
            return repo.edition_to_domain(row) if row else None

    def editions_in_force(self) -> list[ListEdition]:
        """The edition in force of every list document that has one."""
        with self.ctx.unit_of_work() as s:
            return [repo.edition_to_domain(r) for r in repo.all_in_force(s)]

    def documents(self) -> list[ListDocument]:
        """The list documents (工作事项准入清单, 出具证明事项清单 …)."""
        with self.ctx.unit_of_work() as s:
            return repo.documents(s)

    def items_page(self, f: ItemFilter, offset: int = 0, limit: int = 200) -> Page[ListItem]:
        """One page of an edition's items, filtered and sorted in SQL."""
        with self.ctx.unit_of_work() as s:
            return repo.items_page(s, f, offset, limit)

    def kind_counts(self, f: ItemFilter) -> dict[str, int]:
        """How many of an edition's items match ``f`` (its kind left out), kind by kind."""
        with self.ctx.unit_of_work() as s:
            return repo.kind_counts(s, f)

    def all_items(self, edition_id: int) -> list[ListItem]:
        """Every item of an edition, in list order."""
        with self.ctx.unit_of_work() as s:
            return repo.all_items(s, edition_id)

    def department_names(self) -> list[str]:
        """The full names of the active departments, in the clerk's order (for mapping)."""
        with self.ctx.unit_of_work() as s:
            rows = s.query(DepartmentRow.name).filter(DepartmentRow.active.is_(True))
            return [r.name for r in rows.order_by(DepartmentRow.sort_order, DepartmentRow.id)]

    def departments_of(self, edition_id: int) -> list[str]:
        """The responsible departments named in an edition."""
        with self.ctx.unit_of_work() as s:
            return repo.departments_of(s, edition_id)

    # ---------------------------------------------------------------- editions

    def create_edition(self, edition: ListEdition, *, copy_in_force: bool = True) -> ListEdition:
        """A new draft edition, starting as a copy of the one in force (if any)."""
        name = clean(edition.name)
        problems = check_required("name", "版本名称", name, 120)
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            document = self._document_row(s, edition.document)
            if repo.edition_by_name(s, name) is not None:
                raise ValidationError(FieldProblem("name", f"已有名为“{name}”的清单版本"))
            row = ListEditionRow(
                document_id=document.id,
                name=name,
                issuing_body=clean(edition.issuing_body),
                document_number=clean(edition.document_number),
                effective_date=edition.effective_date,
                status=EditionStatus.DRAFT.value,
                notes=clean(edition.notes),
            )
            s.add(row)
            s.flush()
            copied = 0
            source = repo.in_force(s, document.code) if copy_in_force else None
            if source is not None:
                items = [i for i in repo.all_items(s, source.id) if i.status is ItemStatus.VALID]
                copied = repo.insert_items(s, row.id, items, repo.kind_ids(s))
            result = repo.edition_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新建草稿",
                entity="list_edition",
                entity_id=row.id,
                after={**snapshot(result), "copied_items": copied},
            )
            return result

    def update_edition(self, edition: ListEdition) -> ListEdition:
        """Save the edition's own fields (name, issuing body, 文号, date, notes)."""
        assert edition.id is not None
        name = clean(edition.name)
        problems = check_required("name", "版本名称", name, 120)
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, ListEditionRow, edition.id, edition.version, "清单版本")
            other = repo.edition_by_name(s, name)
            if other is not None and other.id != row.id:
                raise ValidationError(FieldProblem("name", f"已有名为“{name}”的清单版本"))
            before = snapshot(repo.edition_to_domain(row))
            row.name, row.issuing_body = name, clean(edition.issuing_body)
            row.document_number, row.effective_date = (
                clean(edition.document_number),
                edition.effective_date,
            )
            row.notes = clean(edition.notes)
            s.flush()
            result = repo.edition_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改",
                entity="list_edition",
                entity_id=row.id,
                before=before,
                after=snapshot(result),
            )
            return result

    def in_force_changes(self, edition_id: int) -> InForceChanges:
        """What putting ``edition_id`` in force changes, per kind, against the edition of the
        same list now in force; warnings where a kind would go from some items to none."""
        with self.ctx.unit_of_work() as s:
            row = self._edition_row(s, edition_id)
            old = repo.in_force(s, row.document.code)
            kinds = repo.kinds(s)
            new_items = repo.all_items(s, row.id)
            old_items = repo.all_items(s, old.id) if old is not None else []
            diff = diff_editions(old_items, new_items, kinds=kinds)
            valid = [i for i in new_items if i.status is ItemStatus.VALID]
            old_valid = [i for i in old_items if i.status is ItemStatus.VALID]
            family = row.document.family
            rows: list[KindChange] = []
            for kind in kinds:
                if kind.meaning.family.value != family:
                    continue
                before = sum(1 for i in old_valid if i.kind == kind.code)
                after = sum(1 for i in valid if i.kind == kind.code)
                rows.append(
                    KindChange(
                        kind.code,
                        kind.name,
                        before,
                        after,
                        sum(1 for i in diff.added if i.kind == kind.code),
                        sum(1 for c in diff.changed if c.new.kind == kind.code),
                        sum(1 for i in diff.removed if i.kind == kind.code),
                    )
                )
            return InForceChanges(row.document.name, old.name if old else None, tuple(rows))

    def put_in_force(self, edition_id: int, expected_version: int | None = None) -> ListEdition:
        """Make a draft the edition in force; the previous one is repealed."""
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, ListEditionRow, edition_id, expected_version, "清单版本")
            if row.status != EditionStatus.DRAFT.value:
                raise ValidationError(
                    FieldProblem("status", f"只有草稿才能施行，“{row.name}”现为{row.status}")
                )
            if not repo.items_page(s, ItemFilter(row.id), 0, 1).total:
                raise ValidationError(FieldProblem("status", f"“{row.name}”还没有任何事项"))
            old = repo.in_force(s, row.document.code)
            if old is not None:
                old.status = EditionStatus.REPEALED.value
                s.flush()
            row.status = EditionStatus.IN_FORCE.value
            if row.effective_date is None:
                row.effective_date = dt.date.today()
            s.flush()
            result = repo.edition_to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="施行",
                entity="list_edition",
                entity_id=row.id,
                before={"repealed": old.name if old else None},
                after=snapshot(result),
            )
            return result

    # ---------------------------------------------------------------- items

    def get_item(self, item_id: int) -> ListItem:
        """One item as it is stored now (e.g. after another clerk saved it)."""
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, ListItemRow, item_id, None, "事项")
            return repo.item_to_domain(row, row.kind.code)

    def save_item(self, item: ListItem) -> ListItem:
        """Add (no id) or edit an item of a draft edition."""
        with self.ctx.unit_of_work() as s:
            kind_ids = repo.kind_ids(s)
            item = clean_item(item, set(kind_ids))
            if item.id is None:
                assert item.edition_id is not None
                edition = self._edition_row(s, item.edition_id)
                self._require_draft(edition, "新增事项")
                self._check_unique_name(s, edition.id, item, kind_ids)
                row = ListItemRow(edition_id=edition.id, sort_order=self._next_order(s, edition.id))
                before = None
            else:
                row = load_for_update(s, ListItemRow, item.id, item.version, "事项")
                self._require_draft(row.edition, "修改事项")
                self._check_unique_name(s, row.edition_id, item, kind_ids)
                before = snapshot(repo.item_to_domain(row, row.kind.code))
                edition = row.edition
            self._check_kind_fits(s, edition, item.kind)
            repo.apply_item(row, item, kind_ids[item.kind])
            row.department_id = self._department_id(s, item.department)
            s.add(row)
            s.flush()
            saved = repo.item_to_domain(row, item.kind)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增" if before is None else "修改",
                entity="list_item",
                entity_id=row.id,
                before=before,
                after=snapshot(saved),
            )
            return saved

    def withdraw_item(
        self, item_id: int, on: dt.date, reason: str, expected_version: int | None = None
    ) -> ListItem:
        """Withdraw (退出) an item with a date and a reason; it stays in the edition's history."""
        reason = clean(reason)
        problems = check_required("withdrawn_reason", "退出原因", reason, 500)
        if on > dt.date.today():
            problems.append(FieldProblem("withdrawn_on", "退出日期不能晚于今天"))
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, ListItemRow, item_id, expected_version, "事项")
            if row.status == ItemStatus.WITHDRAWN.value:
                raise ValidationError(FieldProblem("status", f"“{row.name}”已经退出"))
            before = snapshot(repo.item_to_domain(row, row.kind.code))
            row.status, row.withdrawn_on, row.withdrawn_reason = (
                ItemStatus.WITHDRAWN.value,
                on,
                reason,
            )
            s.flush()
            saved = repo.item_to_domain(row, row.kind.code)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="退出",
                entity="list_item",
                entity_id=row.id,
                before=before,
                after=snapshot(saved),
            )
            return saved

    # ---------------------------------------------------------------- import / export

    def preview_import(
        self,
        path: Path,
        *,
        kind: str | None = None,
        edition_name: str | None = None,
        progress: Progress | None = None,
    ) -> ImportPreview:
        """Read a file and say what an import would do; nothing is saved."""
        from jianfu.domain.lists import file_item_problems
        from jianfu.interchange.list_import import read_list_file
        from jianfu.interchange.table_reader import TableFileError, cap_import_problems

        kinds = self.kinds()
        if kind and kind not in {k.code for k in kinds}:
            names = "、".join(f"{k.code}（{k.name}）" for k in kinds)
            raise ValidationError(FieldProblem("kind", f"没有“{kind}”这个清单类别；可选：{names}"))
        try:
            read = read_list_file(path, kinds, kind=kind, progress=progress)
        except TableFileError as exc:
            raise ValidationError(FieldProblem("file", str(exc))) from exc
        found = [*read.problems, *file_item_problems(read.items, read.sources)]
        problems = [replace(p, file=read.file_name) for p in cap_import_problems(found)]
        if not read.items and not problems:
            problems.append(file_problem(read.file_name, "没有读到任何事项"))
        by_kind: dict[str, int] = {}
        by_family: dict[ListFamily, int] = {}
        families = {k.code: k.meaning.family for k in kinds}
        for item in read.items:
            by_kind[item.kind] = by_kind.get(item.kind, 0) + 1
            family = families.get(item.kind, ListFamily.WORK)
            by_family[family] = by_family.get(family, 0) + 1
        with self.ctx.unit_of_work() as s:
            unknown: list[str] = []
            matches: dict[str, str] = {}
            for written in read.departments:
                dep_id = self._department_id(s, written)
                if dep_id is None:
                    unknown.append(written)
                    continue
                full = s.get(DepartmentRow, dep_id)
                if full is not None and full.name != written:
                    matches[written] = full.name
            name = clean(edition_name or "") or read.title or f"{Path(path).stem}(导入)"
            existing = repo.edition_by_name(s, name)
            if existing is not None and existing.status != EditionStatus.DRAFT.value:
                taken = f"清单版本“{name}”{existing.status}，不能再导入；请另起版本名称"
                problems.append(replace(file_problem(read.file_name, taken), field="edition_name"))
        return ImportPreview(
            file_name=read.file_name,
            items=read.items,
            problems=problems,
            unknown_departments=unknown,
            by_kind=by_kind,
            by_family=by_family,
            edition_name=name,
            document_number=read.document_number,
            effective_date=read.effective_date,
            issuing_body=read.issuing_body,
            sources=read.sources,
            department_matches=matches,
        )

    def commit_import(
        self,
        preview: ImportPreview,
        *,
        create_departments: bool = False,
        activate: bool = False,
        progress: Progress | None = None,
    ) -> list[ListEdition]:
        """Save a previewed import in one transaction: all of it, or nothing.

        The items go into one edition per list document (工作事项准入清单, 出具证明事项清单),
        all named as the preview says; with ``activate`` each is put in force for its list.
        """
        if not preview.ok:
            problems = "\n".join(str(p) for p in preview.problems)
            raise JianfuError("导入文件有问题，未导入任何内容：\n" + problems)
        undecided = preview.undecided_departments()
        if undecided and not create_departments:
            raise JianfuError(
                "以下责任单位在部门表中还没有，请先新增或选择自动新增：" + "、".join(undecided)
            )
        with self.ctx.unit_of_work() as s:
            dep_ids, created, aliases = self._resolve_departments(
                s, preview, {i.department for i in preview.items if i.department}
            )
            kinds = {k.code: k for k in repo.kinds(s)}
            kind_ids = repo.kind_ids(s)
            by_family: dict[ListFamily, list[ListItem]] = {}
            for item in preview.items:
                by_family.setdefault(kinds[item.kind].meaning.family, []).append(item)
            results: list[ListEdition] = []
            total, done = len(preview.items), 0
            for family, items in by_family.items():
                document = repo.document_for_family(s, family)
                name = (
                    companion_edition_name(preview.edition_name, family)
                    if len(by_family) > 1
                    else preview.edition_name
                )
                row = repo.edition_by_name(s, name)
                if row is not None and row.document_id != document.id:
                    raise ValidationError(
                        FieldProblem(
                            "edition",
                            f"“{name}”是{row.document.name}的版本，不能导入{family.label}",
                        )
                    )
                if row is None:
                    row = ListEditionRow(
                        document_id=document.id,
                        name=name,
                        issuing_body=preview.issuing_body[:120],
                        document_number=preview.document_number,
                        effective_date=preview.effective_date,
                        status=EditionStatus.DRAFT.value,
                    )
                    s.add(row)
                    s.flush()
                else:
                    self._require_draft(row, "导入")
                existing = {(i.kind, i.name) for i in repo.all_items(s, row.id)}
                clashes = [f"{i.name}" for i in items if (i.kind, i.name) in existing]
                if clashes:
                    raise ValidationError(
                        FieldProblem(
                            "file", "版本中已有同名事项，未导入：" + "、".join(clashes[:10])
                        )
                    )
                for start in range(0, len(items), 1000):
                    if progress is not None:
                        progress.step(done + start, total, "正在保存…")
                    repo.insert_items(
                        s,
                        row.id,
                        items[start : start + 1000],
                        kind_ids,
                        dep_ids,
                    )
                done += len(items)
                if activate:
                    old = repo.in_force(s, document.code)
                    if old is not None and old.id != row.id:
                        old.status = EditionStatus.REPEALED.value
                        s.flush()
                    row.status = EditionStatus.IN_FORCE.value
                    row.effective_date = row.effective_date or dt.date.today()
                s.flush()
                results.append(repo.edition_to_domain(row))
            audit.record(
                s,
                operator=self.ctx.operator,
                action="导入",
                entity="list_edition",
                entity_id=",".join(str(e.id) for e in results),
                after={
                    "file": preview.file_name,
                    "editions": [f"{e.document}:{e.name}" for e in results],
                    "items": total,
                    "by_kind": preview.by_kind,
                    "activated": activate,
                    "new_departments": created,
                    "department_aliases": aliases,
                },
            )
            return results

    def export_edition(
        self, edition_id: int, target: Path, progress: Progress | None = None
    ) -> Path:
        """Write an edition to .xlsx in the shape counties publish."""
        from jianfu.interchange.list_export import export_edition

        edition, kinds, items = self._edition_bundle(edition_id)
        try:
            export_edition(target, edition, kinds, items, progress=progress)
        except OSError as exc:
            raise JianfuError(f"无法写入“{target}”：{files.os_reason(exc)}") from exc
        return target

    def print_edition(
        self, edition_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The edition for public posting (公示), as PDF bytes; refused with UnprintableError
        when no installed font has a character of it, unless ``allow_missing`` (□ then)."""
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of
        from jianfu.reports.lists import build_list_pdf

        font_set = fonts or find_fonts()
        edition, kinds, items = self._edition_bundle(edition_id)
        text = text_of([edition, kinds, items])
        refuse_unprintable(font_set, text, allow_missing)  # type: ignore[arg-type]
        return build_list_pdf(edition, kinds, items, fonts=font_set)  # type: ignore[arg-type]

    def compare(self, old_id: int, new_id: int) -> EditionDiff:
        """Items added, withdrawn and changed between two editions."""
        old, kinds, old_items = self._edition_bundle(old_id)
        new, _, new_items = self._edition_bundle(new_id)
        return diff_editions(
            old_items, new_items, old_name=old.name, new_name=new.name, kinds=kinds
        )

    def print_comparison(
        self,
        old_id: int,
        new_id: int,
        *,
        allow_missing: bool = False,
        fonts: object | None = None,
    ) -> bytes:
        """The comparison of two editions as PDF bytes; refused like :meth:`print_edition`."""
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of
        from jianfu.reports.lists import build_diff_pdf

        font_set = fonts or find_fonts()
        diff = self.compare(old_id, new_id)
        refuse_unprintable(font_set, text_of(diff), allow_missing)  # type: ignore[arg-type]
        return build_diff_pdf(diff, fonts=font_set)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- checks

    def matcher(self) -> Matcher:
        """The matcher over the lists in force (work items and certificates), rebuilt only
        when a list or a local synonym changes; a new precedent (every confirmed decision
        makes one) re-indexes only the precedents."""
        with self.ctx.unit_of_work() as s:
            rows = repo.all_in_force(s)
            if not rows:
                raise JianfuError("还没有施行中的清单版本，无法审核。请先导入或施行一个清单版本。")
            precedent_count, precedent_last, *synonyms = check_repo.fingerprint(s)
            key = (
                tuple((r.id, r.version, repo.items_fingerprint(s, r.id)) for r in rows),
                tuple(synonyms),
            )
            precedents_key = (precedent_count, precedent_last)

            def precedents() -> list[Precedent]:
                return [
                    *check_repo.precedents(s, check_repo.TASK),
                    *check_repo.precedents(s, check_repo.CERTIFICATE),
                ]

            with self._matcher_lock:
                if key != self._matcher_key or self._matcher is None:
                    # its patterns compile on import: loaded here, not with the first screen
                    from jianfu.domain.lexicon import app_lexicon
                    from jianfu.domain.matching import Matcher

                    items = [i for r in rows for i in repo.all_items(s, r.id)]
                    self._matcher = Matcher(
                        items,
                        repo.kinds(s),
                        local_synonyms=check_repo.synonyms(s),
                        precedents=precedents(),
                        lexicon=app_lexicon(),
                    )
                    self._matcher_key = key
                elif precedents_key != self._precedents_key:
                    self._matcher = self._matcher.with_precedents(precedents())
                self._precedents_key = precedents_key
                return self._matcher

    def check_task(self, text: str) -> CheckResult:
        """Check a task text against the work-item lists in force."""
        return self.matcher().check(text)

    def check_certificate(self, text: str) -> CheckResult:
        """Check a certificate request against the certificate lists in force."""
        return self.matcher().check_certificate(text)

    # ---------------------------------------------------------------- helpers

    def _edition_bundle(
        self, edition_id: int
    ) -> tuple[ListEdition, list[ListKind], list[ListItem]]:
        with self.ctx.unit_of_work() as s:
            row = self._edition_row(s, edition_id)
            return repo.edition_to_domain(row), repo.kinds(s), repo.all_items(s, row.id)

    @staticmethod
    def _document_row(s: Session, code: str) -> ListDocumentRow:
        row = repo.document_row(s, code or "work")
        if row is None:
            known = "、".join(f"{d.code}（{d.name}）" for d in repo.documents(s))
            raise ValidationError(FieldProblem("document", f"没有“{code}”这个清单；可选：{known}"))
        return row

    @staticmethod
    def _check_kind_fits(s: Session, edition: ListEditionRow, kind: str) -> None:
        """A kind's items go only into editions of a list of its family."""
        kinds = {k.code: k for k in repo.kinds(s)}
        meaning = kinds[kind].meaning
        if meaning.family.value != edition.document.family:
            raise ValidationError(
                FieldProblem(
                    "kind",
                    f"“{kinds[kind].name}”属于{meaning.family.label}清单，"
                    f"不能加入“{edition.document.name}”的版本",
                )
            )

    @staticmethod
    def _edition_row(s: Session, edition_id: int) -> ListEditionRow:
        row = s.get(ListEditionRow, edition_id)
        if row is None:
            raise NotFoundError("找不到这个清单版本。")
        return row

    @staticmethod
    def _require_draft(edition: ListEditionRow, action: str) -> None:
        if edition.status != EditionStatus.DRAFT.value:
            raise ValidationError(
                FieldProblem(
                    "edition",
                    f"“{edition.name}”{edition.status}，不能{action}；"
                    "请新建草稿版本修改，施行中的事项只能退出",
                )
            )

    @staticmethod
    def _check_unique_name(
        s: Session, edition_id: int, item: ListItem, kind_ids: dict[str, int]
    ) -> None:
        clash = (
            s.query(ListItemRow)
            .filter(
                ListItemRow.edition_id == edition_id,
                ListItemRow.kind_id == kind_ids[item.kind],
                ListItemRow.name == item.name,
            )
            .first()
        )
        if clash is not None and clash.id != item.id:
            raise ValidationError(FieldProblem("name", f"本版本同类别中已有“{item.name}”"))

    @staticmethod
    def _next_order(s: Session, edition_id: int) -> int:
        return repo.max_item_order(s, edition_id) + 10

    def _resolve_departments(
        self, s: Session, preview: ImportPreview, written: set[str]
    ) -> tuple[dict[str, int], list[str], dict[str, str]]:
        """Department ids for the names as written, following the clerk's choices.

        Creates what the clerk chose to create and what matches nothing; remembers every
        mapping to another name as an alias, so the next list that writes it so matches at once.
        Returns the ids, the departments created and the aliases remembered.
        """
        ids: dict[str, int] = {}
        created: list[str] = []
        aliases: dict[str, str] = {}
        for name in sorted(written):
            choice = preview.department_choices.get(name)
            dep_id = None
            if choice is not None and choice != NEW_DEPARTMENT:
                row = departments_repo.find_by_name(s, choice)
                if row is None:
                    raise ValidationError(
                        FieldProblem("department", f"部门表中没有“{choice}”（{name}要对应的部门）")
                    )
                dep_id = row.id
            elif choice is None:
                dep_id = self._department_id(s, name)
            if dep_id is None:
                row = departments_repo.find_by_name(s, name[:60])
                if row is None:
                    row = DepartmentRow(
                        name=name[:60],
                        short_name="",
                        level=_guess_level(name),
                        sort_order=departments_repo.max_sort_order(s) + 10,
                    )
                    s.add(row)
                    s.flush()
                    created.append(row.name)
                dep_id = row.id
            full = s.get(DepartmentRow, dep_id)
            if (
                full is not None
                and full.name != name
                and departments_repo.remember_alias(s, name, dep_id)
            ):
                aliases[name] = full.name
            ids[name] = dep_id
        return ids, created, aliases

    @staticmethod
    def _department_id(s: Session, name: str) -> int | None:
        """The department a list's 责任单位 means: full name, a name the clerk mapped before
        (alias), 简称, or with the county prefix left out or added (县民政局 / 民政局)."""
        if not name:
            return None
        row = departments_repo.find_by_name(s, name) or departments_repo.find_by_alias(s, name)
        if row is not None:
            return row.id
        from jianfu.db.repositories import settings as settings_repo
        from jianfu.domain.departments import match_department

        rows = s.query(DepartmentRow.id, DepartmentRow.name, DepartmentRow.short_name).all()
        county = settings_repo.load_township(s).county_name
        return match_department(name, [(r.id, r.name, r.short_name) for r in rows], county)
