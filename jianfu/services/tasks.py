"""Use cases of the intake (事项审核): check a notice, record the task, print a refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from jianfu.db.models import ListItemRow, ListKindRow, UnitRow
from jianfu.db.models_tasks import TaskRequestRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import departments as departments_repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import tasks as repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.repositories.tasks import TaskFilter
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.lists import KindMeaning
from jianfu.domain.paging import Page
from jianfu.domain.precedents import Precedent
from jianfu.domain.tasks import CITED_MEANING, Task, TaskDecision, TaskInput
from jianfu.domain.text import clean, with_id_numbers_masked
from jianfu.domain.units import Unit
from jianfu.services import units
from jianfu.services.checks import TASK, ChecksService, remember
from jianfu.services.context import AppContext
from jianfu.services.lists import ListsService
from jianfu.services.page_keys import PageKeys
from jianfu.services.records import snapshot
from jianfu.services.units import counties_named

if TYPE_CHECKING:
    from jianfu.domain.matching import CheckResult  # the matcher loads when a check runs
    from jianfu.interchange.notice_files import NoticeFile
    from jianfu.reports.letter import NoticeLetter

__all__ = ["TaskFilter", "TasksService"]


def _today() -> dt.date:
    return dt.date.today()


class TasksService:
    """Check notices against the lists in force and keep the register of recorded tasks."""

    def __init__(
        self, ctx: AppContext, lists: ListsService, today: Callable[[], dt.date] = _today
    ) -> None:
        self.ctx = ctx
        self.lists = lists
        self.today = today
        self.checks = ChecksService(ctx, today)
        #: where the list's next page starts (keyset paging, :mod:`services.page_keys`)
        self._page_keys: PageKeys[TaskFilter, repo.TaskKey] = PageKeys()

    # ---- checking

    def check(self, text: str) -> CheckResult:
        """The matcher's verdict on a notice (``ValidationError`` for an empty text).

        A verdict taken from an earlier record whose finding cites an item of another list
        (saved before the form refused that) is not given as settled: it is marked 把握不大
        with what is wrong and where to correct it. The verdict itself is the check's."""
        result = self.lists.check_task(text)
        if result.precedent is None or result.precedent.item_name is None:
            return result
        earlier = self.earlier_record(result.precedent)
        if earlier is None or not earlier.mismatch:
            return result
        from dataclasses import replace as _replace

        from jianfu.domain.matching import Confidence

        kind = next((k.name for k in self.lists.kinds() if k.code == earlier.data.item_kind), "")
        return _replace(
            result,
            confidence=Confidence.LOW,
            note=f"{result.note}；另：那条记录登记为“{earlier.data.decision}”，与此事项"
            f"（{kind or '其他类别'}）不符，尚未更正，不作定论：请核对本通知，并在“已登记事项”"
            "中选中那条记录，点“更正审核结论…”",
        )

    def earlier_record(self, precedent: Precedent | None) -> Task | None:
        """The task recorded with the notice a check recognised as the same (its precedent),
        or ``None`` (no precedent, a certificate's, or one confirmed without a task)."""
        if precedent is None or precedent.purpose != TASK or not precedent.text.strip():
            return None
        with self.ctx.unit_of_work() as s:
            return repo.latest_with_text(s, precedent.text)

    def read_notice(self, path: str | Path) -> NoticeFile:
        """A notice file's text and header (``ValidationError`` in Chinese when unreadable)."""
        from jianfu.interchange.notice_files import read_notice

        return read_notice(path)

    def kind_meanings(self) -> dict[str, KindMeaning]:
        """What each list kind means for a finding, by its code (负面事项: refuse …)."""
        return {k.code: k.meaning for k in self.lists.kinds()}

    def synonyms_of(self, item_name: str) -> list[str]:
        """The clerk's local synonyms of a list item."""
        return self.checks.synonyms_of(item_name)

    def add_synonym(self, word: str, item_name: str) -> None:
        """Remember that ``word`` means the item (the next check uses it)."""
        self.checks.add_synonym(word, item_name)

    def remove_synonym(self, word: str, item_name: str) -> None:
        """Forget a local synonym."""
        self.checks.remove_synonym(word, item_name)

    # ---- the register

    def validate(self, data: TaskInput) -> None:
        """What ``record`` would refuse, without saving (``ValidationError``): the form says so
        before it asks whether to record a notice recorded before."""
        data = data.cleaned(self.today())
        with self.ctx.unit_of_work() as s:
            _refuse_item_of_another_finding(s, data)

    def record(self, data: TaskInput) -> Task:
        """Save a task with the clerk's finding; nothing is saved when a field is wrong."""
        data = data.cleaned(self.today())
        with self.ctx.unit_of_work() as s:
            _refuse_item_of_another_finding(s, data)
            unit_ids = self._village_ids(s, data.villages)
            department = departments_repo.find_by_name(s, data.department)
            row = repo.new_task_row(
                data, unit_ids, department.id if department else None, self.ctx.operator
            )
            s.add(row)
            s.flush()
            task = repo.get_task(s, row.id)
            assert task is not None
            assert data.received_on is not None  # cleaned() refuses a task without one
            remember(
                s,
                self.ctx,
                purpose=TASK,
                text=data.text,
                item_name=task.data.item_name or None,
                item_kind=task.data.item_kind or None,
                day=data.received_on,
                source="task",
            )
            audit.record(
                s,
                operator=self.ctx.operator,
                action="登记事项",
                entity="task",
                entity_id=row.id,
                after=_audit_view(task),
            )
            return task

    def count_mismatched(self) -> int:
        """How many records cite an item of another list than their finding's."""
        with self.ctx.unit_of_work() as s:
            return repo.count_mismatched(s)

    def correction_items(self, task_id: int) -> list[tuple[int, str, str]]:
        """The items a mismatched record's finding may cite instead, (id, name, kind's name),
        from the work-item lists in force: the negative items for a 负面 record, the duty and
        assist items for a 清单内 one; those the check offered for its notice first (best
        first: the 医保征缴 notice's 代收税费 item, not the list's first negative item)."""
        task = self.get(task_id)
        wanted = CITED_MEANING.get(task.data.decision) if task.data.decision else None
        if wanted is None:
            return []
        kinds = {k.code: k for k in self.lists.kinds()}
        out: list[tuple[int, str, str]] = []
        for edition in self.lists.editions_in_force():
            if edition.id is None:
                continue
            for item in self.lists.all_items(edition.id):
                kind = kinds.get(item.kind)
                if kind is not None and kind.meaning is wanted and item.id is not None:
                    out.append((item.id, item.name, kind.name))
        offered = {c.item_id: n for n, c in enumerate(task.data.candidates) if c.item_id}
        return sorted(out, key=lambda i: offered.get(i[0], len(offered)))

    def correct_finding(self, task_id: int, item_id: int, reason: str = "") -> Task:
        """Put right a record whose finding cites an item of another list: the record cites
        ``item_id`` and its finding follows that item's list (an 依法履职/协助 item: 清单内, a
        negative one: 负面). Only such a record may be corrected; the change is in the audit
        trail (before and after) and the corrected decision is remembered for resends."""
        reason = clean(reason)
        with self.ctx.unit_of_work() as s:
            before = repo.get_task(s, task_id)
            row = s.get(TaskRequestRow, task_id)
            if before is None or row is None:
                raise NotFoundError("这条登记记录已不存在（可能已被删除），请刷新列表")
            if not before.mismatch:
                raise ValidationError(
                    FieldProblem("item_name", "这条记录的审核结论与对应清单事项相符，无需更正")
                )
            found = s.execute(
                select(ListItemRow.name, ListItemRow.kind_id, ListKindRow.code, ListKindRow.meaning)
                .join(ListKindRow, ListItemRow.kind_id == ListKindRow.id)
                .where(ListItemRow.id == item_id)
            ).first()
            follows = {v.value: k for k, v in CITED_MEANING.items()}
            decision = follows.get(found.meaning) if found is not None else None
            if found is None or decision is None:
                raise ValidationError(
                    FieldProblem("item_name", "请选定施行中清单的依法履职、协助办理或负面清单事项")
                )
            row.decision = decision.value
            row.item_id = item_id
            row.item_name = found.name
            row.item_kind = found.code
            s.flush()
            after = repo.get_task(s, task_id)
            assert after is not None and after.data.received_on is not None
            remember(
                s,
                self.ctx,
                purpose=TASK,
                text=after.data.text,
                item_name=after.data.item_name,
                item_kind=after.data.item_kind,
                day=self.today(),
                source="correction",
            )
            view = _audit_view(after)
            if reason:
                view["correction_note"] = reason
            audit.record(
                s,
                operator=self.ctx.operator,
                action="更正审核结论",
                entity="task",
                entity_id=task_id,
                before=_audit_view(before),
                after=view,
            )
            return after

    def page(self, f: TaskFilter, offset: int = 0, limit: int = 200) -> Page[Task]:
        """One page of recorded tasks, newest first."""
        after = self._page_keys.before(f, offset)
        with self.ctx.unit_of_work() as s:
            # a city's townships led by their counties, as 准入审批 names them
            named = counties_named(self.ctx, s)
            page, last = repo.tasks_page_after(s, f, offset, limit, after, with_county=named)
        self._page_keys.remember(f, offset + len(page.rows), last)
        return page

    def get(self, task_id: int) -> Task:
        """One recorded task."""
        with self.ctx.unit_of_work() as s:
            task = repo.get_task(s, task_id, with_county=counties_named(self.ctx, s))
        if task is None:
            raise NotFoundError("找不到这条事项记录。")
        return task

    def departments(self) -> list[str]:
        """Department names for the intake form: the department table, then any others seen."""
        with self.ctx.unit_of_work() as s:
            names = [d.name for d in departments_repo.page(s, limit=1000).rows if d.active]
            seen = repo.task_departments(s)
        return names + [n for n in seen if n not in names]

    def department_short_names(self) -> dict[str, str]:
        """简称 by department name, for completion (应急 → 南屏县应急管理局)."""
        with self.ctx.unit_of_work() as s:
            rows = departments_repo.page(s, limit=1000).rows
        return {d.name: d.short_name for d in rows if d.active and d.short_name}

    def villages(self) -> list[Unit]:
        """The active villages/communities, in the clerk's order (:func:`units.villages`)."""
        return units.villages(self.ctx)

    def township_villages(self, township_id: int | None) -> list[str]:
        """The active villages of a recorded task's own township, in its clerk's order (a
        reviewer's or the mechanism's own unit has none: its townships have them)."""
        if township_id is None:
            return [v.name for v in self.villages()]
        with self.ctx.unit_of_work() as s:
            page = units_repo.page(s, township_id, include_inactive=False, limit=1_000_000)
            return [v.name for v in page.rows]

    def past_end(
        self,
        today: dt.date | None = None,
        limit: int | None = None,
        townships: tuple[int, ...] = (),
    ) -> list[Task]:
        """Temporary or staged tasks whose end date has passed: to be withdrawn (the first
        ``limit``, longest past first; of ``townships`` only when given)."""
        with self.ctx.unit_of_work() as s:
            return repo.past_end_tasks(s, today or self.today(), limit, townships)

    # ---- prints

    def negative_refusal(self, task_id: int) -> NoticeLetter:
        """The refusal notice for a task on the negative list, citing the list item."""
        from jianfu.reports.letter import NoticeLetter

        task = self.get(task_id)
        if task.data.decision is not TaskDecision.NEGATIVE:
            raise ValidationError(
                FieldProblem("decision", "只有审核结论为“负面”的事项才能出具拒绝告知")
            )
        if task.mismatch:
            # the letter would call the assisting item a negative-list one
            raise ValidationError(
                FieldProblem(
                    "item_name",
                    f"{task.mismatch}，不能据此出具拒绝告知书：请先在“已登记事项”中选中这条记录，"
                    "点“更正审核结论…”",
                )
            )
        with self.ctx.unit_of_work() as s:
            # the letter is the task's township's, whoever prints it (a county's reviewer, the
            # owner of several townships)
            row = s.get(TaskRequestRow, task_id)
            town_id = row.township_id if row is not None else None
            settings = (
                settings_repo.load_for(s, town_id)
                if town_id is not None
                else settings_repo.load_township(s)
            )
            item = s.get(ListItemRow, task.data.item_id) if task.data.item_id else None
            # the basis its own clause: （依据：《…》（厅字〔2022〕28号）） closed two brackets
            # in a row around one inside the other
            cited = item.basis.strip().rstrip("。；;，,") if item is not None and item.basis else ""
            basis = f"，其依据为{cited}" if cited else ""
        doc = f"（{task.data.document_number}）" if task.data.document_number else ""
        issuer = f"{settings.township_name}党委组织办" if settings.township_name else ""
        # "我乡镇(街道)" is the township by its name; the date is when the notice reached us
        # (the notice's own issue date is not recorded, so it is not claimed).
        town = settings.township_name or "我乡镇(街道)"
        letter = NoticeLetter(
            title="关于不予承接负面清单事项的告知书",
            addressee=task.data.department,
            paragraphs=(
                f"{town}于{_cn_date(task.data.received_on)}收到贵单位下发的"
                f"《{task.data.title}》{doc}。其中要求村(社区)承担的工作，经对照本地区施行中的村(社区)工作事项准入清单，"
                f"属于《村(社区)不应承担的工作事项清单》（负面清单）中的"
                f"“{task.data.item_name}”{basis}。",
                "按照为基层减负的有关规定，负面清单所列事项不得要求村(社区)承担，"
                "村(社区)有权拒绝；该项工作请由贵单位依职责自行办理，"
                "不得以任何形式转嫁给村(社区)，也不得就此对村(社区)进行考核、评比或通报。",
                f"特此告知。如有疑问，请与{town}党委组织办联系"
                + (f"（电话：{settings.phone}）" if settings.phone else "")
                + "。",
            ),
            issuer=issuer,
            date=self.today(),
        )
        return with_id_numbers_masked(letter)  # an ID number in the notice's title, masked

    def print_negative_refusal(
        self, task_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The refusal notice as PDF bytes; refused with UnprintableError when no installed
        font has a character of it, unless ``allow_missing`` (then it prints as □)."""
        from jianfu.reports.fonts import find_fonts, refuse_unprintable, text_of
        from jianfu.reports.letter import build_letter_pdf

        font_set = fonts or find_fonts()
        letter = self.negative_refusal(task_id)
        refuse_unprintable(font_set, text_of(letter), allow_missing)  # type: ignore[arg-type]
        return build_letter_pdf(letter, fonts=font_set)  # type: ignore[arg-type]

    # ---- helpers

    @staticmethod
    def _village_ids(s: Session, names: tuple[str, ...]) -> list[int]:
        if not names:
            return []
        town = units_repo.township(s)
        known = {}
        if town is not None:
            known = {
                r.name: r.id
                for r in s.execute(
                    select(UnitRow.id, UnitRow.name).where(UnitRow.parent_id == town.id)
                )
            }
        missing = [n for n in names if n not in known]
        if missing:
            raise ValidationError(
                FieldProblem("villages", "没有这些村(社区)：" + "、".join(missing[:5]))
            )
        return [known[n] for n in names]


def _refuse_item_of_another_finding(s: Session, data: TaskInput) -> None:
    """A finding citing an item of another list is refused at its item: 负面 with an 协助办理事项
    was recorded, and its refusal letter called the assisting task a negative-list item."""
    wanted = CITED_MEANING.get(data.decision) if data.decision else None
    if wanted is None or data.item_id is None:
        return
    found = s.execute(
        select(ListKindRow.name, ListKindRow.meaning)
        .join(ListItemRow, ListItemRow.kind_id == ListKindRow.id)
        .where(ListItemRow.id == data.item_id)
    ).first()
    if found is None or found.meaning == wanted.value:
        return
    should = "负面清单中的事项" if wanted is KindMeaning.REFUSE else "依法履职或协助办理事项"
    raise ValidationError(
        FieldProblem(
            "item_name",
            f"所选“{data.item_name}”是{found.name}，与审核结论“{data.decision}”不符："
            f"请改选{should}，或改审核结论",
        )
    )


def _cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _audit_view(task: Task) -> dict[str, object]:
    """The task for the audit trail, without the (long) notice text and candidates."""
    view = snapshot(task.data)
    view.pop("candidates", None)
    view["text"] = f"（{len(task.data.text)} 字）"
    return view
