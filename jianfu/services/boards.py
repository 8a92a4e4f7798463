"""Use cases for the signboard ledger (牌子台账): boards, dispositions, inspections, photos,
the allowed set, Excel import/export, prints and the period counts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db.models import UnitRow
from jianfu.db.models_boards import (
    BoardCategoryRow,
    BoardInspectionRow,
    BoardPhotoRow,
    SignboardRow,
)
from jianfu.db.repositories import audit
from jianfu.db.repositories import boards as repo
from jianfu.db.repositories import departments as departments_repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.board_reminders import attention_lines
from jianfu.domain.boards import (
    AllowedRule,
    AllowedSet,
    BoardCategory,
    BoardCounts,
    BoardFilter,
    BoardInput,
    BoardPhoto,
    BoardStatus,
    Disposition,
    Inspection,
    PhotoStage,
    Placement,
    Signboard,
    check_disposition,
    check_status,
    clean_category_name,
    close_out_problem,
    inspection_outcome,
    parse_disposition,
    status_for,
)
from jianfu.domain.errors import FieldProblem, JianfuError, NotFoundError, ValidationError
from jianfu.domain.imports import ImportProblem, file_problem
from jianfu.domain.paging import Page
from jianfu.domain.progress import Progress
from jianfu.domain.text import check_length, clean
from jianfu.domain.units import Unit
from jianfu.services import photo_store, units
from jianfu.services.context import AppContext
from jianfu.services.page_keys import PageKeys
from jianfu.services.records import load_for_update, snapshot

__all__ = ["BoardFilter", "BoardImportPreview", "BoardsService"]

#: Bulk changes are written in chunks of this many ids (SQLite's parameter limit).
CHUNK = 900


@dataclass
class BoardImportPreview:
    """What an import would save, and every problem; nothing is saved until commit."""

    file_name: str
    boards: list[BoardInput] = field(default_factory=list)
    statuses: list[BoardStatus | None] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)
    villages: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)  # capped; see problem_count
    problem_count: int = 0
    by_village: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the import can be saved as it is."""
        return not self.problems and bool(self.boards)


def _audit_board(board: Signboard) -> dict[str, Any]:
    data = snapshot(board)
    data.pop("photo_count", None)
    return data


class BoardsService:
    """The signboard ledger of every village, with the township's allowed set."""

    def __init__(self, ctx: AppContext, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.ctx = ctx
        self.today = today
        #: where the ledger's next page starts, in every sort (:mod:`services.page_keys`)
        self._page_keys: PageKeys[BoardFilter, repo.BoardKey] = PageKeys()

    # ---------------------------------------------------------------- reference data

    def categories(self) -> list[BoardCategory]:
        """The board categories in use, in order."""
        with self.ctx.unit_of_work() as s:
            return repo.categories(s)

    def add_category(self, name: str) -> BoardCategory:
        """Add a board category (e.g. 展板); names are unique."""
        name = clean_category_name(name)
        with self.ctx.unit_of_work() as s:
            if name in repo.category_ids(s):
                raise ValidationError(FieldProblem("name", f"已有类别“{name}”"))
            order = max(
                (c.sort_order for c in repo.categories(s, include_inactive=True)), default=0
            )
            row = BoardCategoryRow(name=name, sort_order=order + 10, active=True)
            s.add(row)
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity="board_category",
                entity_id=row.id,
                after={"name": name},
            )
            return BoardCategory(name, row.sort_order, True, row.id)

    def allowed_set(self) -> AllowedSet:
        """The rules of the allowed set."""
        with self.ctx.unit_of_work() as s:
            return repo.allowed_set(s)

    def save_allowed_set(self, rules: Sequence[AllowedRule]) -> int:
        """Replace the allowed set and re-flag every board; returns how many flags changed."""
        cleaned = tuple(r.cleaned() for r in rules)
        names = [r.name for r in cleaned]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValidationError(FieldProblem("name", f"规则名称重复：{'、'.join(dupes)}"))
        with self.ctx.unit_of_work() as s:
            before = repo.allowed_set(s)
            repo.replace_rules(s, cleaned)
            changed = repo.recompute_allowed(s, AllowedSet(cleaned))
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改允许范围",
                entity="board_allowed_rule",
                before={"rules": [_rule_dict(r) for r in before.rules]},
                after={"rules": [_rule_dict(r) for r in cleaned], "boards_changed": changed},
            )
            return changed

    def villages(self) -> list[Unit]:
        """The active villages/communities, in the clerk's order (:func:`units.villages`)."""
        return units.villages(self.ctx)

    def departments(self) -> list[str]:
        """Department names for completion: the department table, then those on boards."""
        with self.ctx.unit_of_work() as s:
            return departments_repo.offered_names(s, repo.departments(s))

    def department_forms(self) -> dict[str, str]:
        """Each other way a department of 部门 is written (县民政局) -> its full name
        (南屏县民政局): the form suggests the full name for what the clerk typed."""
        with self.ctx.unit_of_work() as s:
            return departments_repo.written_forms(s)

    # ---------------------------------------------------------------- reading the ledger

    def page(self, f: BoardFilter, offset: int = 0, limit: int = 200) -> Page[Signboard]:
        """One page of the ledger, filtered and sorted in SQL."""
        after = self._page_keys.before(f, offset)
        with self.ctx.unit_of_work() as s:
            page, last = repo.page_after(s, f, offset, limit, after)
        self._page_keys.remember(f, offset + len(page.rows), last)
        return page

    def namesakes(self, village_id: int, name: str) -> list[tuple[str, str]]:
        """(placement, room) of each board of the village named ``name``, spaces aside (the
        entry grid's twin-name note, asked at each save: it read a page of the ledger, a
        search's 200 rows and their count, to find them)."""
        name = "".join(name.split())
        if not name:
            return []
        with self.ctx.unit_of_work() as s:
            return repo.namesakes(s, village_id, name)

    def count(self, f: BoardFilter) -> int:
        """How many boards match ``f``."""
        with self.ctx.unit_of_work() as s:
            return repo.count(s, f)

    def waiting_review(self, townships: tuple[int, ...] = ()) -> int:
        """How many boards are 已处置 and wait for the review that closes them (首页; of
        ``townships`` only when given)."""
        return self.count(BoardFilter(status=BoardStatus.DISPOSED.value, townships=townships))

    def ids(self, f: BoardFilter) -> list[int]:
        """The ids of every board matching ``f`` (for "select all" bulk actions)."""
        with self.ctx.unit_of_work() as s:
            return repo.ids_matching(s, f)

    def get(self, board_id: int) -> Signboard:
        """One board."""
        with self.ctx.unit_of_work() as s:
            board = repo.get(s, board_id)
            if board is None:
                raise NotFoundError("找不到这块牌子，可能已被其他人删除。")
            return board

    def attention(self, townships: tuple[int, ...] = ()) -> tuple[int, int]:
        """(flagged boards still 待处置, boards 复查反弹), of ``townships`` only when given."""
        with self.ctx.unit_of_work() as s:
            return repo.attention(s, townships)

    def reminders(self, townships: tuple[int, ...] = ()) -> list[str]:
        """Reminder lines for the dashboard (empty when nothing needs doing; of ``townships``
        only when given)."""
        return attention_lines(*self.attention(townships))

    # ---------------------------------------------------------------- writing boards

    def add_board(self, data: BoardInput) -> Signboard:
        """Register one board (status 待处置, or 已处置 when a disposition is given)."""
        with self.ctx.unit_of_work() as s:
            data, category_ids = self._clean(s, data)
            assert data.village_id is not None and isinstance(data.placement, Placement)
            self._check_village(s, data.village_id)
            self._check_duplicate(s, data, None)
            rules = repo.allowed_set(s)
            row = SignboardRow(
                status=status_for(parse_disposition(data.disposition)).value,
                allowed=rules.allows(data.name, data.placement),
            )
            repo.apply_input(row, data, category_ids[str(data.category)])
            s.add(row)
            s.flush()
            board = self._load(s, row.id)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="登记",
                entity="signboard",
                entity_id=row.id,
                after=_audit_board(board),
            )
            return board

    def update_board(self, board_id: int, data: BoardInput, expected_version: int) -> Signboard:
        """Save an edit; refused when someone else changed the board since it was read."""
        with self.ctx.unit_of_work() as s:
            data, category_ids = self._clean(s, data)
            assert data.village_id is not None and isinstance(data.placement, Placement)
            row = load_for_update(s, SignboardRow, board_id, expected_version, "牌子")
            before = self._load(s, row.id)
            self._check_village(s, data.village_id)
            self._check_duplicate(s, data, row.id)
            repo.apply_input(row, data, category_ids[str(data.category)])
            disposition = parse_disposition(data.disposition)
            if before.status is not BoardStatus.RELAPSED or disposition != before.disposition:
                row.status = status_for(disposition, before.status).value
            if disposition is None:
                row.status = BoardStatus.PENDING.value
            row.allowed = repo.allowed_set(s).allows(data.name, data.placement)
            s.flush()
            board = self._load(s, row.id)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改",
                entity="signboard",
                entity_id=row.id,
                before=_audit_board(before),
                after=_audit_board(board),
            )
            return board

    def delete_board(self, board_id: int, expected_version: int) -> None:
        """Remove a board registered by mistake, with its photos and inspections."""
        files: list[str] = []
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, SignboardRow, board_id, expected_version, "牌子")
            before = self._load(s, row.id)
            files = list(
                s.execute(select(BoardPhotoRow.file).where(BoardPhotoRow.board_id == row.id))
                .scalars()
                .all()
            )
            s.query(BoardPhotoRow).filter(BoardPhotoRow.board_id == row.id).delete()
            s.query(BoardInspectionRow).filter(BoardInspectionRow.board_id == row.id).delete()
            s.delete(row)
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="删除",
                entity="signboard",
                entity_id=board_id,
                before=_audit_board(before),
            )
        for f in files:
            photo_store.discard(f)

    def dispose(
        self,
        board_ids: Sequence[int],
        disposition: Disposition | str,
        on: dt.date | None,
        *,
        reviewer: str = "",
        progress: Progress | None = None,
        redo: bool = False,
    ) -> int:
        """Record one disposition for many boards in one transaction; returns how many.

        Closed-out boards (已销号) are refused: reopen is not a bulk action. Boards disposed
        before (已处置) keep their disposition and date unless ``redo``: a selection holding
        them put today's 摘除 over an earlier 合并, moving it out of the period it counted in.
        """
        try:
            chosen = parse_disposition(disposition)
        except ValueError as exc:
            raise ValidationError(FieldProblem("disposition", str(exc))) from exc
        if chosen is None:
            raise ValidationError(FieldProblem("disposition", "请选择处置方式"))
        problems = check_disposition(chosen, on, self.today())
        reviewer = clean(reviewer)
        problems += check_length("reviewer", "初审人", reviewer, 20)
        ids = sorted(set(board_ids))
        if not ids:
            problems.append(FieldProblem("boards", "请先选择要处置的牌子"))
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            closed: list[str] = []
            for start in range(0, len(ids), CHUNK):
                part = ids[start : start + CHUNK]
                closed += s.execute(
                    select(SignboardRow.name).where(
                        SignboardRow.id.in_(part), SignboardRow.status == BoardStatus.CLOSED.value
                    )
                ).scalars()
            if closed:
                names = "、".join(closed[:5]) + ("等" if len(closed) > 5 else "")
                raise ValidationError(
                    FieldProblem("boards", f"{len(closed)} 块牌子已销号，不能再处置：{names}")
                )
            if not redo:
                done: set[int] = set()
                for start in range(0, len(ids), CHUNK):
                    part = ids[start : start + CHUNK]
                    done.update(
                        s.execute(
                            select(SignboardRow.id).where(
                                SignboardRow.id.in_(part),
                                SignboardRow.status == BoardStatus.DISPOSED.value,
                            )
                        ).scalars()
                    )
                ids = [i for i in ids if i not in done]
                if not ids:
                    raise ValidationError(
                        FieldProblem(
                            "boards",
                            "选中的牌子都已处置过；要改为这次的处置方式和日期，"
                            "请勾选“已处置的牌子也改为这次的处置方式和日期”",
                        )
                    )
            found = 0
            values: dict[str, object] = {
                "disposition": chosen.value,
                "disposed_on": on,
                "status": BoardStatus.DISPOSED.value,
                "version": SignboardRow.version + 1,
            }
            if reviewer:
                values["first_reviewer"] = reviewer
            for start in range(0, len(ids), CHUNK):
                if progress is not None:
                    progress.step(start, len(ids), "正在保存处置…")
                result = s.execute(
                    update(SignboardRow)
                    .where(SignboardRow.id.in_(ids[start : start + CHUNK]))
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
                found += result.rowcount or 0  # type: ignore[attr-defined]
            if found != len(ids):
                raise NotFoundError("部分牌子已被其他人删除，未保存任何处置，请刷新后重试。")
            audit.record(
                s,
                operator=self.ctx.operator,
                action=f"批量{chosen.value}",
                entity="signboard",
                entity_id=str(ids[0]) if len(ids) == 1 else f"{len(ids)}块",
                after={
                    "disposition": chosen.value,
                    "disposed_on": on,
                    "count": len(ids),
                    "ids": ids,
                    "reviewer": reviewer,
                },
            )
            return found

    def close_out(self, board_ids: Sequence[int], reviewer: str) -> int:
        """销号: the second reviewer confirms the disposition; all boards or none."""
        reviewer = clean(reviewer)
        problems = []
        if not reviewer:
            problems.append(FieldProblem("reviewer", "请填写复审人"))
        problems += check_length("reviewer", "复审人", reviewer, 20)
        if not board_ids:
            problems.append(FieldProblem("boards", "请先选择要销号的牌子"))
        if problems:
            raise ValidationError(problems)
        with self.ctx.unit_of_work() as s:
            refused = []
            for board_id in sorted(set(board_ids)):
                board = self._load(s, board_id)
                why = close_out_problem(board)
                if why:
                    refused.append(why)
            if refused:
                more = f"等 {len(refused)} 块" if len(refused) > 3 else ""
                raise ValidationError(
                    FieldProblem("boards", "未销号任何牌子：" + "；".join(refused[:3]) + more)
                )
            ids = sorted(set(board_ids))
            for start in range(0, len(ids), CHUNK):
                s.execute(
                    update(SignboardRow)
                    .where(SignboardRow.id.in_(ids[start : start + CHUNK]))
                    .values(
                        status=BoardStatus.CLOSED.value,
                        second_reviewer=reviewer,
                        version=SignboardRow.version + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
            audit.record(
                s,
                operator=self.ctx.operator,
                action="销号",
                entity="signboard",
                entity_id=f"{len(ids)}块",
                after={"ids": ids, "reviewer": reviewer},
            )
            return len(ids)

    # ---------------------------------------------------------------- inspections

    def record_inspection(self, inspection: Inspection) -> tuple[Inspection, Signboard]:
        """Record a (re-)inspection; a removed board found hanging again relapses."""
        inspection = inspection.cleaned(self.today())
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, SignboardRow, inspection.board_id, None, "牌子")
            board = self._load(s, row.id)
            status, relapse = inspection_outcome(board, inspection.found_hanging)
            irow = BoardInspectionRow(
                board_id=row.id,
                inspected_on=inspection.inspected_on,
                inspector=inspection.inspector,
                finding=inspection.finding,
                found_hanging=inspection.found_hanging,
                relapse=relapse,
            )
            s.add(irow)
            row.status = status.value
            if relapse:
                row.relapse_count += 1
                row.relapsed_on = inspection.inspected_on
            if row.last_inspected_on is None or inspection.inspected_on > row.last_inspected_on:
                row.last_inspected_on = inspection.inspected_on
            s.flush()
            saved = repo.inspection_to_domain(irow)
            after = self._load(s, row.id)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="复查反弹" if relapse else "复查",
                entity="signboard",
                entity_id=row.id,
                before={"status": board.status.value},
                after={
                    "status": after.status.value,
                    "inspected_on": saved.inspected_on,
                    "inspector": saved.inspector,
                    "finding": saved.finding,
                    "found_hanging": saved.found_hanging,
                },
            )
            return saved, after

    def inspections(self, board_id: int) -> list[Inspection]:
        """A board's inspections, newest first."""
        with self.ctx.unit_of_work() as s:
            rows = s.execute(
                select(BoardInspectionRow)
                .where(BoardInspectionRow.board_id == board_id)
                .order_by(BoardInspectionRow.inspected_on.desc(), BoardInspectionRow.id.desc())
            ).scalars()
            return [repo.inspection_to_domain(r) for r in rows]

    # ---------------------------------------------------------------- photos

    def add_photo(
        self, board_id: int, source: Path, stage: PhotoStage | str = PhotoStage.BEFORE
    ) -> BoardPhoto:
        """Check that ``source`` is an image, copy it into the data folder, attach it."""
        stage = PhotoStage(stage)
        stored = photo_store.copy_in(Path(source), f"boards/{board_id % 100:02d}")
        try:
            with self.ctx.unit_of_work() as s:
                row = s.get(SignboardRow, board_id)
                if row is None:
                    raise NotFoundError("找不到这块牌子，可能已被其他人删除。")
                photo = BoardPhotoRow(
                    board_id=board_id,
                    stage=stage.value,
                    file=stored.relative,
                    original_name=Path(source).name[:200],
                    width=stored.width,
                    height=stored.height,
                    size_bytes=stored.size_bytes,
                )
                s.add(photo)
                row.photo_count += 1
                s.flush()
                result = repo.photo_to_domain(photo)
                audit.record(
                    s,
                    operator=self.ctx.operator,
                    action="添加照片",
                    entity="signboard",
                    entity_id=board_id,
                    after={"stage": stage.value, "file": result.file, "name": result.original_name},
                )
                return result
        except BaseException:
            photo_store.discard(stored.relative)
            raise

    def add_photos(
        self, board_id: int, sources: Iterable[Path], stage: PhotoStage | str = PhotoStage.BEFORE
    ) -> tuple[list[BoardPhoto], list[str]]:
        """Add several photos; the ones that are not images are reported, the rest kept."""
        added: list[BoardPhoto] = []
        problems: list[str] = []
        for source in sources:
            try:
                added.append(self.add_photo(board_id, source, stage))
            except photo_store.PhotoError as exc:
                problems.append(str(exc))
        return added, problems

    def photos(self, board_id: int) -> list[BoardPhoto]:
        """A board's photos: before the fix first, then after, in the order added."""
        with self.ctx.unit_of_work() as s:
            rows = s.execute(
                select(BoardPhotoRow)
                .where(BoardPhotoRow.board_id == board_id)
                .order_by(BoardPhotoRow.stage.desc(), BoardPhotoRow.id)
            ).scalars()
            return [repo.photo_to_domain(r) for r in rows]

    def photo_path(self, photo: BoardPhoto) -> Path:
        """The full path of a photo's file in the data folder."""
        path = photo_store.absolute(photo.file)
        if not path.is_file():
            raise photo_store.PhotoError(
                f"照片“{photo.original_name or path.name}”的文件不在本机的数据文件夹中。"
            )
        return path

    def thumbnail(self, photo: BoardPhoto, size: int = photo_store.THUMB_SIZE) -> bytes:
        """A PNG thumbnail (cached); slow for huge photos, so call it off the GUI thread."""
        return photo_store.thumbnail(photo.file, size)

    def remove_photo(self, photo: BoardPhoto) -> None:
        """Detach a photo and delete its file."""
        with self.ctx.unit_of_work() as s:
            row = s.get(BoardPhotoRow, photo.id)
            if row is None:
                return
            board = s.get(SignboardRow, row.board_id)
            if board is not None:
                board.photo_count = max(0, board.photo_count - 1)
            s.delete(row)
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="删除照片",
                entity="signboard",
                entity_id=photo.board_id,
                before={"file": photo.file, "name": photo.original_name},
            )
        photo_store.discard(photo.file)

    # ---------------------------------------------------------------- counts and prints

    def counts(self, start: dt.date, end: dt.date) -> BoardCounts:
        """Boards per village and category for the period report: 期初, 清理, 新增(经批准), 期末."""
        if end < start:
            raise ValidationError(FieldProblem("end", "结束日期早于开始日期"))
        with self.ctx.unit_of_work() as s:
            return repo.counts(s, start, end, units.townships_in_view(self.ctx, s))

    def print_inventory(self, village_id: int) -> bytes:
        """A village's board inventory with dispositions, as PDF bytes."""
        from jianfu.reports.boards import build_inventory_pdf

        with self.ctx.unit_of_work() as s:
            unit = s.get(UnitRow, village_id)
            if unit is None or unit.parent_id is None:
                raise NotFoundError("找不到这个村(社区)。")
            boards = list(repo.iter_boards(s, BoardFilter(village_id=village_id)))
            settings = units.print_settings(self.ctx, s)
            name = unit.name
        if (places := units.village_townships(self.ctx)) is not None:
            name = places.label(village_id, name, "")  # 石门乡清溪村: a county has several 清溪村
        return build_inventory_pdf(name, boards, settings, today=self.today())

    def closeout_boards(
        self, start: dt.date, end: dt.date, village_id: int | None = None
    ) -> list[Signboard]:
        """Boards disposed in the period (保留 excluded), in village order."""
        return [
            b
            for b in self._disposed_in(start, end, village_id)
            if b.disposition is not Disposition.KEEP
        ]

    def _disposed_in(
        self,
        start: dt.date,
        end: dt.date,
        village_id: int | None = None,
        township_id: int | None = None,
    ) -> list[Signboard]:
        """Boards disposed in the period, 保留 too, in village order (of one township's villages
        with ``township_id``)."""
        shown = BoardFilter(
            village_id=village_id, townships=(township_id,) if township_id is not None else ()
        )
        with self.ctx.unit_of_work() as s:
            return [
                b
                for b in repo.iter_boards(s, shown)
                if b.disposition is not None
                and b.disposed_on is not None
                and start <= b.disposed_on <= end
            ]

    def print_closeout(
        self,
        start: dt.date,
        end: dt.date,
        village_id: int | None = None,
        township_id: int | None = None,
    ) -> bytes:
        """The clean-up ledger (销号清单) of a period as PDF bytes; above the township, of one
        township's boards with ``township_id``."""
        from jianfu.reports.boards import build_closeout_pdf

        if end < start:
            raise ValidationError(FieldProblem("end", "结束日期早于开始日期"))
        disposed = self._disposed_in(start, end, village_id, township_id)
        boards = [b for b in disposed if b.disposition is not Disposition.KEEP]
        # kept boards are not listed (nothing was put right), but they are counted: a 销号
        # confirms them too, and the list's 已销号 would not add up with the ledger's
        kept = sum(b.quantity for b in disposed if b.disposition is Disposition.KEEP)
        with self.ctx.unit_of_work() as s:
            settings = units.print_settings(self.ctx, s)
            if township_id is not None and village_id is None:
                # one township's, picked above it: titled as its clerk's own is
                settings = replace(
                    settings, township_name=units.township_name(self.ctx, s, township_id)
                )
        if (places := units.village_townships(self.ctx)) is not None:
            # several townships' boards, mixed by each one's order: township by township, the
            # township over each village (a county has villages of one name in several)
            boards = [
                replace(b, village=places.label(b.village_id, b.village, "\n"))
                for b in places.in_order(boards, lambda b: b.village_id)
            ]
        return build_closeout_pdf(boards, start, end, settings, today=self.today(), kept=kept)

    # ---------------------------------------------------------------- import / export

    def preview_import(self, path: Path, progress: Progress | None = None) -> BoardImportPreview:
        """Read a ledger file and check every row; nothing is saved."""
        from jianfu.interchange.board_io import read_board_file
        from jianfu.interchange.table_reader import TableFileError, cap_import_problems

        try:
            read = read_board_file(path, progress=progress)
        except TableFileError as exc:
            raise ValidationError(FieldProblem("file", str(exc))) from exc
        preview = BoardImportPreview(read.file_name)
        problems = list(read.problems)
        today = self.today()
        with self.ctx.unit_of_work() as s:
            village_ids = {name: id_ for id_, name in self._village_rows(s)}
            categories = list(repo.category_ids(s))
            seen: dict[tuple[int | None, str, str, str], tuple[str, int]] = {}
            resolved: list[tuple[BoardInput, BoardStatus | None, tuple[str, int], str]] = []
            reported = {(p.sheet, p.row) for p in read.problems}  # one look-up per row
            known = "、".join(list(village_ids)[:12])
            for r in read.rows:
                source = r.source
                village_id = village_ids.get(_squash_name(r.village))
                unknown_village = village_id is None and bool(r.village)
                if unknown_village:
                    problems.append(
                        source.problem(
                            "village",
                            f"村(社区)“{r.village}”不在本乡镇的村(社区)中（现有：{known}）",
                        )
                    )
                if (r.sheet, r.row) in reported:
                    # The reader found problems in this row's cells; say at once, too, what
                    # names it holds that do not exist, so one correction round finds them all.
                    if r.data.category:
                        try:
                            replace(r.data, village_id=0).cleaned(today, categories)
                        except ValidationError as err:
                            problems += [
                                source.problem(p.field, p.message)
                                for p in err.problems
                                if p.field == "category"
                            ]
                    continue
                if unknown_village:
                    continue
                try:
                    data = replace(r.data, village_id=village_id).cleaned(today, categories)
                except ValidationError as err:
                    for p in err.problems:
                        problems.append(source.problem(p.field, p.message))
                    continue
                if r.status is not None:
                    why = check_status(r.status, parse_disposition(data.disposition))
                    if why:
                        problems.append(source.problem("status", why))
                        continue
                key = data.duplicate_key()
                if key in seen:
                    sheet, first = seen[key]
                    where = (
                        f"第 {first} 行" if sheet == r.sheet else f"工作表“{sheet}”第 {first} 行"
                    )
                    problems.append(
                        source.problem(
                            "name",
                            f"“{r.village}”的“{data.name}”（{_place(data)}）与{where}重复；"
                            "同一块牌子有多块请填“数量”",
                        )
                    )
                    continue
                seen[key] = (r.sheet, r.row)
                resolved.append((data, r.status, (r.sheet, r.row), r.village))
            existing = repo.existing_keys(s, {d.village_id for d, *_ in resolved if d.village_id})
            for data, status, (sheet, row), village in resolved:
                if data.duplicate_key() in existing:
                    problems.append(
                        ImportProblem(
                            sheet,
                            row,
                            None,
                            f"台账中已登记“{village}”的“{data.name}”（{_place(data)}），"
                            "不能重复导入",
                        )
                    )
                    continue
                preview.boards.append(data)
                preview.statuses.append(status)
                preview.sources.append((sheet, row))
                preview.villages.append(village)
                preview.by_village[village] = preview.by_village.get(village, 0) + data.quantity
                cat = str(data.category)
                preview.by_category[cat] = preview.by_category.get(cat, 0) + data.quantity
        problems.sort(key=lambda p: (p.sheet, p.row or 0))
        preview.problem_count = len(problems)
        preview.problems = cap_import_problems(problems)
        if not read.rows and not preview.problems:
            preview.problems.append(file_problem(read.file_name, "没有读到任何牌子"))
        return preview

    def commit_import(self, preview: BoardImportPreview, progress: Progress | None = None) -> int:
        """Save a previewed import in one transaction: every board, or none."""
        if not preview.ok:
            lines = [str(p) for p in preview.problems] or ["文件中没有牌子"]
            raise JianfuError("导入文件有问题，未导入任何内容：\n" + "\n".join(lines[:50]))
        with self.ctx.unit_of_work() as s:
            cat_ids = repo.category_ids(s)
            rules = repo.allowed_set(s)
            existing = repo.existing_keys(s, {d.village_id for d in preview.boards if d.village_id})
            clashes = [d.name for d in preview.boards if d.duplicate_key() in existing]
            if clashes:
                raise ValidationError(
                    FieldProblem("file", "台账中已有这些牌子，未导入：" + "、".join(clashes[:10]))
                )
            total = len(preview.boards)
            for n, (data, status) in enumerate(
                zip(preview.boards, preview.statuses, strict=True), start=1
            ):
                assert isinstance(data.placement, Placement)
                disposition = parse_disposition(data.disposition)
                row = SignboardRow(
                    status=(status or status_for(disposition)).value,
                    allowed=rules.allows(data.name, data.placement),
                )
                repo.apply_input(row, data, cat_ids[str(data.category)])
                s.add(row)
                if n % 1000 == 0:
                    s.flush()
                    if progress is not None:
                        progress.step(n, total, f"已保存 {n} 块牌子")
            s.flush()
            audit.record(
                s,
                operator=self.ctx.operator,
                action="导入",
                entity="signboard",
                entity_id=f"{total}块",
                after={
                    "file": preview.file_name,
                    "boards": total,
                    "by_village": preview.by_village,
                    "by_category": preview.by_category,
                },
            )
            return total

    def export(
        self, target: Path, f: BoardFilter | None = None, progress: Progress | None = None
    ) -> int:
        """Write the ledger (or the boards matching ``f``) to .xlsx; returns how many."""
        from jianfu.interchange.board_io import export_boards

        f = f or BoardFilter()
        townships = units.village_townships(self.ctx)  # several townships': each row names its
        with self.ctx.unit_of_work() as s:
            settings = units.print_settings(self.ctx, s)
            total = repo.count(s, f)
            title = f"{settings.township_name}村(社区)牌子台账".strip()
            try:
                written = export_boards(
                    target,
                    repo.iter_boards(s, f, by_township=townships is not None),
                    title=title,
                    total=total,
                    progress=progress,
                    townships=townships,
                )
            except OSError as exc:
                raise JianfuError(f"无法写入“{target}”：{files.os_reason(exc)}") from exc
        return written

    # ---------------------------------------------------------------- helpers

    def _clean(self, s: Session, data: BoardInput) -> tuple[BoardInput, dict[str, int]]:
        """The cleaned input and the category ids it was checked against (read once a save:
        the save reads its category's id from them)."""
        ids = repo.category_ids(s)
        return data.cleaned(self.today(), list(ids)), ids

    @staticmethod
    def _village_rows(s: Session) -> list[tuple[int, str]]:
        rows = s.execute(
            select(UnitRow.id, UnitRow.name)
            .where(units_repo.is_village())
            .order_by(UnitRow.sort_order)
        )
        return [(id_, _squash_name(name)) for id_, name in rows]

    @staticmethod
    def _check_village(s: Session, village_id: int) -> None:
        unit = s.get(UnitRow, village_id)
        if unit is None or unit.type not in units_repo.VILLAGE_TYPES:
            raise ValidationError(FieldProblem("village", "请选择牌子所在的村(社区)"))

    @staticmethod
    def _check_duplicate(s: Session, data: BoardInput, own_id: int | None) -> None:
        assert data.village_id is not None and isinstance(data.placement, Placement)
        other = repo.find_duplicate(
            s, data.village_id, data.name, data.placement.value, data.room, own_id
        )
        if other is not None:
            raise ValidationError(
                FieldProblem(
                    "name",
                    f"本村(社区)已登记“{data.name}”（{_place(data)}）；同一块牌子有多块请改“数量”",
                )
            )

    @staticmethod
    def _load(s: Session, board_id: int) -> Signboard:
        board = repo.get(s, board_id)
        if board is None:
            raise NotFoundError("找不到这块牌子，可能已被其他人删除。")
        return board


def _place(data: BoardInput) -> str:
    placement = data.placement.value if isinstance(data.placement, Placement) else "外部"
    return f"{placement}·{data.room}" if data.room else placement


def _squash_name(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def _rule_dict(rule: AllowedRule) -> dict[str, object]:
    return {"name": rule.name, "keywords": list(rule.keywords), "placement": rule.placement_text}
