"""Signboards (牌子): categories, placement, the allowed set, dispositions, re-inspections.

Plain rules, no storage: a board outside the allowed set is *flagged* for disposition; a
disposition (保留/规范/合并/摘除) with its date moves the board to 已处置; a re-inspection that
finds a removed board hanging again marks a relapse (复查反弹). Categories and the allowed set
are data the clerk can edit; the defaults below follow domain research §4.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.text import check_length, check_required, clean

NAME_MAX = 100
ROOM_MAX = 40
DEPARTMENT_MAX = 60
BASIS_MAX = 500
SIZE_MAX = 60
PERSON_MAX = 20
NOTES_MAX = 500
CATEGORY_MAX = 20
QUANTITY_MAX = 999


class Placement(StrEnum):
    """Where a board hangs: outside the building, or inside (then in which room)."""

    OUTSIDE = "外部"
    INSIDE = "内部"


class Disposition(StrEnum):
    """What the clean-up decided for a board."""

    KEEP = "保留"
    STANDARDISE = "规范"
    MERGE = "合并"
    REMOVE = "摘除"

    @property
    def takes_down(self) -> bool:
        """True when the board no longer hangs afterwards (摘除, or merged into another)."""
        return self in (Disposition.MERGE, Disposition.REMOVE)


class BoardStatus(StrEnum):
    """Where a board is in the clean-up."""

    PENDING = "待处置"
    DISPOSED = "已处置"
    CLOSED = "已销号"
    RELAPSED = "复查反弹"


#: What the clerk reads for a board inside the allowed set that is stored 待处置 (nobody has
#: yet recorded 保留 or 规范): "待处置" beside a 村民委员会 门牌 reads as "to be taken down".
IN_RANGE_PENDING = "待核定"


def status_text(status: BoardStatus, allowed: bool) -> str:
    """The status as the clerk reads it: 待核定 for a board in range not yet dealt with."""
    if status is BoardStatus.PENDING and allowed:
        return IN_RANGE_PENDING
    return status.value


class PhotoStage(StrEnum):
    """A photo taken before or after the board was dealt with."""

    BEFORE = "整改前"
    AFTER = "整改后"


#: The board categories a fresh database starts with (Guangyuan's five plus site markers).
DEFAULT_CATEGORIES: tuple[str, ...] = ("门牌", "吊牌", "方牌", "制度牌", "桌牌", "阵地标识", "其他")


@dataclass(frozen=True)
class BoardCategory:
    """A category of board; categories are data (some counties count 衔牌, 展板 …)."""

    name: str
    sort_order: int = 0
    active: bool = True
    id: int | None = None


def clean_category_name(name: str) -> str:
    """A category name trimmed and checked, or ``ValidationError``."""
    name = clean(name)
    problems = check_required("name", "类别名称", name, CATEGORY_MAX)
    if problems:
        raise ValidationError(problems)
    return name


# ---------------------------------------------------------------- the allowed set


def _squash(text: str) -> str:
    """Text for matching: NFKC (full-width brackets → ASCII), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class AllowedRule:
    """One kind of board that may hang: a board whose name contains any keyword matches.

    ``placement`` ``None`` means the rule holds outside and inside.
    """

    name: str
    keywords: tuple[str, ...]
    placement: Placement | None = Placement.OUTSIDE
    sort_order: int = 0
    id: int | None = None

    def matches(self, board_name: str, placement: Placement) -> bool:
        """True when a board of this name, hanging there, is covered by the rule."""
        if self.placement is not None and self.placement != placement:
            return False
        name = _squash(board_name)
        return any(_squash(k) and _squash(k) in name for k in self.keywords)

    @property
    def placement_text(self) -> str:
        """外部, 内部 or 不限."""
        return self.placement.value if self.placement else "不限"

    def cleaned(self) -> AllowedRule:
        """A trimmed copy, or ``ValidationError``."""
        name = clean(self.name)
        keywords = tuple(dict.fromkeys(k for k in (clean(k) for k in self.keywords) if k))
        problems = check_required("name", "规则名称", name, 40)
        if not keywords:
            problems.append(
                FieldProblem("keywords", f"规则“{name or '（未命名）'}”至少要有一个关键词")
            )
        for k in keywords:
            problems += check_length("keywords", "关键词", k, 40)
        if problems:
            raise ValidationError(problems)
        return replace(self, name=name, keywords=keywords)


def parse_keywords(text: str) -> tuple[str, ...]:
    """关键词 typed as 党支部、党总支 / 党支部,党总支 → ("党支部", "党总支")."""
    return tuple(k for k in (clean(p) for p in re.split(r"[、,，;；/\s]+", text or "")) if k)


#: Outside: the village party organisation, the villagers'/residents' committee, the affairs
#: supervision committee and the collective economic organisation, plus two site markers.
DEFAULT_ALLOWED_RULES: tuple[AllowedRule, ...] = (
    AllowedRule(
        "村(社区)党组织",
        ("党支部", "党总支", "党委", "支部委员会", "总支部委员会", "党组织"),
        Placement.OUTSIDE,
        10,
    ),
    AllowedRule(
        "村(居)民委员会",
        ("村民委员会", "居民委员会", "村委会", "居委会"),
        Placement.OUTSIDE,
        20,
    ),
    AllowedRule(
        "村(居)务监督委员会",
        ("村务监督委员会", "居务监督委员会", "务监督委员会"),
        Placement.OUTSIDE,
        30,
    ),
    AllowedRule(
        "集体经济组织",
        ("经济合作社", "股份经济合作社", "经济联合社", "集体经济组织", "股份合作社"),
        Placement.OUTSIDE,
        40,
    ),
    AllowedRule("党群服务中心(阵地标识)", ("党群服务中心",), Placement.OUTSIDE, 50),
    AllowedRule("新时代文明实践站(阵地标识)", ("新时代文明实践站",), Placement.OUTSIDE, 60),
)


@dataclass(frozen=True)
class AllowedSet:
    """The rules in force; a board that no rule covers is flagged for disposition."""

    rules: tuple[AllowedRule, ...] = DEFAULT_ALLOWED_RULES

    def rule_for(self, board_name: str, placement: Placement) -> AllowedRule | None:
        """The first rule that covers the board, or ``None`` (flagged)."""
        for rule in self.rules:
            if rule.matches(board_name, placement):
                return rule
        return None

    def allows(self, board_name: str, placement: Placement) -> bool:
        """True when the board may hang where it is."""
        return self.rule_for(board_name, placement) is not None


# ---------------------------------------------------------------- boards


@dataclass(frozen=True)
class Signboard:
    """One board of the ledger as the rest of the app sees it."""

    id: int
    village_id: int
    village: str
    name: str
    category: str
    placement: Placement
    room: str
    department: str
    basis: str
    size_material: str
    quantity: int
    disposition: Disposition | None
    disposed_on: dt.date | None
    status: BoardStatus
    registered_on: dt.date
    approved_addition: bool
    approval_document: str
    first_reviewer: str
    second_reviewer: str
    notes: str
    allowed: bool
    relapse_count: int = 0
    relapsed_on: dt.date | None = None
    last_inspected_on: dt.date | None = None
    photo_count: int = 0
    version: int = 1

    @property
    def flagged(self) -> bool:
        """Outside the allowed set: the board needs a disposition."""
        return not self.allowed

    @property
    def status_text(self) -> str:
        """The status shown and printed (待核定 in range, else the stored status)."""
        return status_text(self.status, self.allowed)

    @property
    def place_text(self) -> str:
        """外部, or 内部·会议室."""
        if self.placement is Placement.INSIDE and self.room:
            return f"{self.placement.value}·{self.room}"
        return self.placement.value

    @property
    def needs_attention(self) -> bool:
        """Flagged and not dealt with yet, or hanging again after removal."""
        return (self.flagged and self.status is BoardStatus.PENDING) or (
            self.status is BoardStatus.RELAPSED
        )


def _text(value: object) -> str:
    return clean(value if isinstance(value, str) else ("" if value is None else str(value)))


@dataclass(frozen=True)
class BoardInput:
    """What the clerk typed for a board (a form, a grid row or an imported row)."""

    village_id: int | None
    name: str
    category: str = ""
    placement: Placement | str = Placement.OUTSIDE
    room: str = ""
    department: str = ""
    basis: str = ""
    size_material: str = ""
    quantity: int = 1
    disposition: Disposition | str | None = None
    disposed_on: dt.date | None = None
    registered_on: dt.date | None = None
    approved_addition: bool = False
    approval_document: str = ""
    first_reviewer: str = ""
    second_reviewer: str = ""
    notes: str = ""

    def cleaned(self, today: dt.date, categories: Iterable[str] = ()) -> BoardInput:
        """A trimmed, checked copy, or ``ValidationError`` naming every bad field."""
        problems: list[FieldProblem] = []
        name = _text(self.name)
        room = _text(self.room)
        if self.village_id is None:
            problems.append(FieldProblem("village", "请选择牌子所在的村(社区)"))
        problems += check_required("name", "牌子名称", name, NAME_MAX)
        category = _text(self.category)
        known = list(categories)
        if not category:
            problems.append(FieldProblem("category", "请选择牌子类别"))
        elif known and category not in known:
            problems.append(
                FieldProblem("category", f"类别“{category}”不存在；可选：{'、'.join(known)}")
            )
        try:
            placement = parse_placement(self.placement)
        except ValueError as exc:
            problems.append(FieldProblem("placement", str(exc)))
            placement = Placement.OUTSIDE
        if placement is Placement.OUTSIDE:
            room = ""
        problems += check_length("room", "房间", room, ROOM_MAX)
        department = _text(self.department)
        problems += check_length("department", "要求挂牌部门", department, DEPARTMENT_MAX)
        basis = _text(self.basis)
        problems += check_length("basis", "依据文件", basis, BASIS_MAX)
        size_material = _text(self.size_material)
        problems += check_length("size_material", "规格/材质", size_material, SIZE_MAX)
        try:
            quantity = int(self.quantity)
        except (TypeError, ValueError):
            quantity = 0
        if not 1 <= quantity <= QUANTITY_MAX:
            problems.append(FieldProblem("quantity", f"数量应在 1 到 {QUANTITY_MAX} 之间"))
        try:
            disposition = parse_disposition(self.disposition)
        except ValueError as exc:
            problems.append(FieldProblem("disposition", str(exc)))
            disposition = None
        problems += check_disposition(disposition, self.disposed_on, today)
        registered_on = self.registered_on or today
        if registered_on > today:
            problems.append(FieldProblem("registered_on", "登记日期不能晚于今天"))
        approval_document = _text(self.approval_document)
        problems += check_length("approval_document", "批准文件", approval_document, 120)
        first, second = _text(self.first_reviewer), _text(self.second_reviewer)
        problems += check_length("first_reviewer", "初审人", first, PERSON_MAX)
        problems += check_length("second_reviewer", "复审人", second, PERSON_MAX)
        notes = _text(self.notes)
        problems += check_length("notes", "备注", notes, NOTES_MAX)
        if problems:
            raise ValidationError(problems)
        return BoardInput(
            village_id=self.village_id,
            name=name,
            category=category,
            placement=placement,
            room=room,
            department=department,
            basis=basis,
            size_material=size_material,
            quantity=quantity,
            disposition=disposition,
            disposed_on=self.disposed_on if disposition else None,
            registered_on=registered_on,
            approved_addition=bool(self.approved_addition),
            approval_document=approval_document,
            first_reviewer=first,
            second_reviewer=second,
            notes=notes,
        )

    def duplicate_key(self) -> tuple[int | None, str, str, str]:
        """Boards with the same key are the same board (more of them: raise the quantity)."""
        placement = self.placement.value if isinstance(self.placement, Placement) else ""
        return (self.village_id, _squash(self.name), placement, _squash(self.room))


_PLACEMENTS = {
    "外部": Placement.OUTSIDE,
    "外": Placement.OUTSIDE,
    "室外": Placement.OUTSIDE,
    "户外": Placement.OUTSIDE,
    "门外": Placement.OUTSIDE,
    "外墙": Placement.OUTSIDE,
    "内部": Placement.INSIDE,
    "内": Placement.INSIDE,
    "室内": Placement.INSIDE,
    "屋内": Placement.INSIDE,
}


def parse_placement(value: Placement | str | None) -> Placement:
    """外部/内部 (also 室外, 室内 …); blank means 外部."""
    if isinstance(value, Placement):
        return value
    text = _squash(value or "")
    if not text:
        return Placement.OUTSIDE
    if text in _PLACEMENTS:
        return _PLACEMENTS[text]
    raise ValueError(f"位置应为“外部”或“内部”，现为“{value}”")


_DISPOSITIONS = {
    "保留": Disposition.KEEP,
    "规范": Disposition.STANDARDISE,
    "规范保留": Disposition.STANDARDISE,
    "规范设置": Disposition.STANDARDISE,
    "合并": Disposition.MERGE,
    "整合": Disposition.MERGE,
    "摘除": Disposition.REMOVE,
    "摘牌": Disposition.REMOVE,
    "拆除": Disposition.REMOVE,
    "取消": Disposition.REMOVE,
    "清理": Disposition.REMOVE,
}


def parse_disposition(value: Disposition | str | None) -> Disposition | None:
    """保留/规范/合并/摘除 (also 摘牌, 拆除, 取消 …); blank is ``None``."""
    if value is None or isinstance(value, Disposition):
        return value
    text = _squash(value)
    if not text:
        return None
    if text in _DISPOSITIONS:
        return _DISPOSITIONS[text]
    raise ValueError(f"处置应为“保留”“规范”“合并”或“摘除”，现为“{value}”")


def check_disposition(
    disposition: Disposition | None, disposed_on: dt.date | None, today: dt.date
) -> list[FieldProblem]:
    """A disposition needs its date, a date needs a disposition, and no date in the future."""
    problems: list[FieldProblem] = []
    if disposed_on is not None and disposed_on > today:
        problems.append(
            FieldProblem(
                "disposed_on",
                f"处置日期 {disposed_on.isoformat()} 晚于今天，不能登记尚未发生的处置",
            )
        )
    if disposition is not None and disposed_on is None:
        problems.append(
            FieldProblem("disposed_on", f"已选处置“{disposition.value}”，请填写处置日期")
        )
    if disposition is None and disposed_on is not None:
        problems.append(FieldProblem("disposition", "填了处置日期，请选择处置方式"))
    return problems


def status_for(disposition: Disposition | None, current: BoardStatus | None = None) -> BoardStatus:
    """The status after a disposition was recorded (or cleared)."""
    if disposition is None:
        return BoardStatus.PENDING
    if current is BoardStatus.CLOSED:
        return BoardStatus.CLOSED
    return BoardStatus.DISPOSED


_STATUSES = {s.value: s for s in BoardStatus} | {
    IN_RANGE_PENDING: BoardStatus.PENDING,
    "反弹": BoardStatus.RELAPSED,
    "销号": BoardStatus.CLOSED,
}


def parse_status(value: BoardStatus | str | None) -> BoardStatus | None:
    """待处置 (待核定)/已处置/已销号/复查反弹; blank is ``None`` (from the disposition)."""
    if value is None or isinstance(value, BoardStatus):
        return value
    text = _squash(value)
    if not text:
        return None
    if text in _STATUSES:
        return _STATUSES[text]
    raise ValueError(f"状态应为“待处置”“待核定”“已处置”“已销号”或“复查反弹”，现为“{value}”")


def check_status(status: BoardStatus, disposition: Disposition | None) -> str | None:
    """Why a stated status does not fit the disposition, or ``None``."""
    if status is BoardStatus.PENDING and disposition is not None:
        return f"状态为“待处置”，但已填写处置“{disposition.value}”"
    if status in (BoardStatus.DISPOSED, BoardStatus.CLOSED) and disposition is None:
        return f"状态为“{status.value}”，但没有填写处置"
    if status is BoardStatus.RELAPSED and (disposition is None or not disposition.takes_down):
        return "状态为“复查反弹”，但处置不是“摘除”或“合并”"
    return None


def close_out_problem(board: Signboard) -> str | None:
    """Why a board cannot be closed out (销号) now, or ``None``."""
    if board.status is BoardStatus.CLOSED:
        return f"“{board.name}”已经销号"
    if board.status is BoardStatus.RELAPSED:
        return f"“{board.name}”复查时发现又挂回，请重新处置后再销号"
    if board.status is not BoardStatus.DISPOSED:
        return f"“{board.name}”还没有处置，不能销号"
    return None


@dataclass(frozen=True)
class BoardPhoto:
    """A photo of a board kept in the app's data folder; ``file`` is relative to it."""

    id: int
    board_id: int
    stage: PhotoStage
    file: str
    original_name: str = ""
    width: int = 0
    height: int = 0
    size_bytes: int = 0


# ---------------------------------------------------------------- inspections


@dataclass(frozen=True)
class Inspection:
    """A (re-)inspection of one board: who looked, when, what was found."""

    board_id: int
    inspected_on: dt.date
    inspector: str
    finding: str = ""
    found_hanging: bool = False
    relapse: bool = False
    id: int | None = None

    def cleaned(self, today: dt.date) -> Inspection:
        """A trimmed copy, or ``ValidationError``."""
        inspector, finding = clean(self.inspector), clean(self.finding)
        problems = check_required("inspector", "检查人", inspector, PERSON_MAX)
        problems += check_length("finding", "检查情况", finding, NOTES_MAX)
        if self.inspected_on > today:
            problems.append(FieldProblem("inspected_on", "检查日期不能晚于今天"))
        if problems:
            raise ValidationError(problems)
        return replace(self, inspector=inspector, finding=finding)


def inspection_outcome(board: Signboard, found_hanging: bool) -> tuple[BoardStatus, bool]:
    """(new status, is this a relapse) after an inspection of ``board``.

    A board that was taken down (摘除/合并) and is found hanging again relapses (复查反弹);
    a relapsed board found gone is back to 已处置 (it still needs 销号).
    """
    removed = board.disposition is not None and board.disposition.takes_down
    if removed and found_hanging:
        if board.status is BoardStatus.RELAPSED:
            return BoardStatus.RELAPSED, False  # the same relapse, seen again
        return BoardStatus.RELAPSED, True
    if removed and board.status is BoardStatus.RELAPSED and not found_hanging:
        return BoardStatus.DISPOSED, False
    return board.status, False


# ---------------------------------------------------------------- counts


def hanging_on(
    day: dt.date,
    *,
    registered_on: dt.date,
    approved_addition: bool,
    disposition: Disposition | None,
    disposed_on: dt.date | None,
    relapsed_on: dt.date | None,
) -> bool:
    """Whether a board hung on ``day``, from its latest recorded facts.

    A board found during the clean-up (not an approved addition) is taken to have hung from
    before any period; an approved addition hangs from its registration date.
    """
    if approved_addition and registered_on > day:
        return False
    if disposition is None or not disposition.takes_down or disposed_on is None:
        return True
    if disposed_on > day:
        return True
    return relapsed_on is not None and disposed_on <= relapsed_on <= day


@dataclass(frozen=True)
class BoardCount:
    """Boards of one village and category over a period: 期初 / 清理 / 新增(经批准) / 期末.

    ``relapsed`` counts boards found hanging again in the period, so that
    ``now == before - cleaned + added + relapsed`` holds.
    """

    village_id: int
    village: str
    category: str
    before: int = 0
    cleaned: int = 0
    added: int = 0
    relapsed: int = 0
    now: int = 0

    def plus(self, other: BoardCount) -> BoardCount:
        """The sum of two counts (names of ``self`` kept)."""
        return replace(
            self,
            before=self.before + other.before,
            cleaned=self.cleaned + other.cleaned,
            added=self.added + other.added,
            relapsed=self.relapsed + other.relapsed,
            now=self.now + other.now,
        )


@dataclass(frozen=True)
class BoardCounts:
    """The period's counts per village and category, with the sums the report needs."""

    start: dt.date
    end: dt.date
    rows: tuple[BoardCount, ...] = ()
    categories: tuple[str, ...] = ()
    villages: tuple[tuple[int, str], ...] = ()

    def _sum(
        self, rows: Iterable[BoardCount], village_id: int, village: str, category: str
    ) -> BoardCount:
        total = BoardCount(village_id, village, category)
        for r in rows:
            total = total.plus(r)
        return total

    def village_total(self, village_id: int) -> BoardCount:
        """One village, all categories."""
        name = dict(self.villages).get(village_id, "")
        return self._sum((r for r in self.rows if r.village_id == village_id), village_id, name, "")

    def category_total(self, category: str) -> BoardCount:
        """One category, all villages."""
        return self._sum((r for r in self.rows if r.category == category), 0, "合计", category)

    def total(self) -> BoardCount:
        """Everything."""
        return self._sum(self.rows, 0, "合计", "")

    def get(self, village_id: int, category: str) -> BoardCount:
        """One cell (zeros when there is no board of that kind)."""
        for r in self.rows:
            if r.village_id == village_id and r.category == category:
                return r
        return BoardCount(village_id, dict(self.villages).get(village_id, ""), category)


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class BoardFilter:
    """What the ledger asks for; empty fields do not filter."""

    village_id: int | None = None
    category: str = ""
    status: str = ""
    flagged: bool | None = None
    attention: bool = False
    query: str = ""
    sort: str = "entry"
    descending: bool = False
    #: only these townships' boards (empty: every one the session reads)
    townships: tuple[int, ...] = ()


SORT_KEYS: tuple[str, ...] = (
    "entry",
    "village",
    "name",
    "category",
    "placement",
    "department",
    "disposition",
    "disposed_on",
    "status",
)


@dataclass
class BoardImportRow:
    """One board read from a file, with where it came from (sheet, row) and its status."""

    sheet: str
    row: int
    village: str
    data: BoardInput
    status: BoardStatus | None = None
    extra: dict[str, str] = field(default_factory=dict)


def summarise_categories(boards: Sequence[Signboard]) -> dict[str, int]:
    """Boards per category, in first-seen order (quantities counted)."""
    out: dict[str, int] = {}
    for b in boards:
        out[b.category] = out.get(b.category, 0) + b.quantity
    return out
