"""Admission lists (准入清单): kinds, editions and items, as plain data.

List kinds are data, not a fixed enum: five are seeded (duty, assist, negative for work
items; cert-allowed and cert-forbidden for certificates) and a clerk may add more. What a
kind *means* for a check is one of the fixed ``KindMeaning`` values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from jianfu.domain.imports import ImportProblem
from jianfu.domain.item_nature import ItemNature as ItemNature  # where it was always named


class KindMeaning(StrEnum):
    """What it means for a check when the best match is an item of this kind."""

    ADMITTED = "admitted"  # duty / assist: the village does it
    REFUSE = "refuse"  # negative list: must not be pushed down
    MAY_ISSUE = "may_issue"  # certificate the village may issue
    MAY_NOT_ISSUE = "may_not_issue"  # certificate the village must not issue

    @property
    def label(self) -> str:
        """The meaning in Chinese."""
        return {
            KindMeaning.ADMITTED: "准入",
            KindMeaning.REFUSE: "拒绝",
            KindMeaning.MAY_ISSUE: "可出具",
            KindMeaning.MAY_NOT_ISSUE: "不应出具",
        }[self]

    @property
    def holds_certificates(self) -> bool:
        """True for the certificate kinds."""
        return self in (KindMeaning.MAY_ISSUE, KindMeaning.MAY_NOT_ISSUE)

    @property
    def family(self) -> ListFamily:
        """Which kind of list document holds items of this meaning."""
        return ListFamily.CERTIFICATE if self.holds_certificates else ListFamily.WORK


class ListFamily(StrEnum):
    """What a list document lists: work items (checked for tasks) or certificates."""

    WORK = "work"
    CERTIFICATE = "certificate"

    @property
    def label(self) -> str:
        """The family in Chinese."""
        return {ListFamily.WORK: "工作事项", ListFamily.CERTIFICATE: "证明事项"}[self]


@dataclass(frozen=True)
class ListDocument:
    """A list as a county publishes it, with editions of its own.

    E.g. 村(社区)工作事项准入清单 (kinds 依法履职 / 协助 / 负面) or 村(社区)出具证明事项清单
    (可出具 / 不应出具). Its editions come into force and are repealed on their own.
    """

    code: str
    name: str
    family: ListFamily
    sort_order: int = 0
    id: int | None = None


def companion_edition_name(name: str, family: ListFamily) -> str:
    """The name of the ``family`` edition read from the same file as a work-item edition.

    Edition names are unique across lists, so a workbook holding both lists gives two names:
    ``…工作事项准入清单…`` becomes ``…出具证明事项清单…``, anything else gets ``（证明事项）``.
    """
    if family is ListFamily.WORK:
        return name
    if "工作事项准入清单" in name:
        return name.replace("工作事项准入清单", "出具证明事项清单")
    return f"{name}（{family.label}）"


#: The two list documents every database starts with.
SEED_DOCUMENTS: tuple[ListDocument, ...] = (
    ListDocument("work", "村(社区)工作事项准入清单", ListFamily.WORK, 10),
    ListDocument("certificate", "村(社区)出具证明事项清单", ListFamily.CERTIFICATE, 20),
)


@dataclass(frozen=True)
class ListKind:
    """A kind of list, e.g. code ``duty``, name 依法履职事项."""

    code: str
    name: str
    meaning: KindMeaning
    sort_order: int = 0
    id: int | None = None

    @property
    def holds_certificates(self) -> bool:
        """True when the items of this kind are certificates, not work items."""
        return self.meaning.holds_certificates


#: The five kinds every database starts with (code, name, meaning).
SEED_KINDS: tuple[ListKind, ...] = (
    ListKind("duty", "依法履职事项", KindMeaning.ADMITTED, 10),
    ListKind("assist", "协助办理事项", KindMeaning.ADMITTED, 20),
    ListKind("negative", "负面事项", KindMeaning.REFUSE, 30),
    ListKind("cert_allowed", "可出具证明事项", KindMeaning.MAY_ISSUE, 40),
    ListKind("cert_forbidden", "不应出具证明事项", KindMeaning.MAY_NOT_ISSUE, 50),
)


class EditionStatus(StrEnum):
    """The life of a list edition: one edition is in force at a time."""

    DRAFT = "草稿"
    IN_FORCE = "施行中"
    REPEALED = "已废止"


class ItemStatus(StrEnum):
    """Whether an item is still on the list."""

    VALID = "有效"
    WITHDRAWN = "已退出"


class Scope(StrEnum):
    """Which villages/communities an item applies to."""

    VILLAGE = "村"
    URBAN_COMMUNITY = "城市社区"
    RURAL_COMMUNITY = "涉农社区"


class AlternativeRoute(StrEnum):
    """The other route to the same proof, for certificates a village must not issue."""

    DEPARTMENT_CHECK = "部门核查"
    WRITTEN_PROMISE = "告知承诺"
    DATA_SHARING = "数据共享"
    LICENCE = "证照"


ALL_SCOPES: tuple[Scope, ...] = tuple(Scope)


@dataclass(frozen=True)
class ListEdition:
    """One edition of one list document, e.g. 〔县〕村(社区)工作事项准入清单(2025年版).

    ``document`` is the list document's code (``work``, ``certificate`` …).
    """

    name: str
    issuing_body: str = ""
    document_number: str = ""
    effective_date: dt.date | None = None
    status: EditionStatus = EditionStatus.DRAFT
    notes: str = ""
    id: int | None = None
    version: int = 1
    document: str = "work"


@dataclass(frozen=True)
class ListItem:
    """One item of a list edition: a work item or a certificate.

    ``kind`` is the kind's code (``duty``, ``cert_forbidden`` …); ``department`` is the
    responsible department's name as written in the list.
    """

    kind: str
    name: str
    number: str = ""
    section: str = ""  # the subject heading the item stands under (一、党的建设)
    content: str = ""
    basis: str = ""
    department: str = ""
    participation: str = ""
    nature: ItemNature | None = None
    funding: str = ""
    scopes: tuple[Scope, ...] = ALL_SCOPES
    status: ItemStatus = ItemStatus.VALID
    withdrawn_on: dt.date | None = None
    withdrawn_reason: str = ""
    notes: str = ""
    # certificate items only
    purpose: str = ""
    procedure: str = ""
    model_text: str = ""
    alternative_route: AlternativeRoute | None = None
    alternative_detail: str = ""
    id: int | None = None
    edition_id: int | None = None
    version: int = 1
    extra: dict[str, str] = field(default_factory=dict, compare=False)


#: Field names and their labels, in the order of a published table (also the export order).
ITEM_FIELD_LABELS: dict[str, str] = {
    "number": "编号",
    "kind": "类别",
    "section": "所属领域",
    "name": "事项名称",
    "content": "事项内容",
    "basis": "设定依据",
    "department": "责任单位",
    "participation": "协助方式",
    "nature": "事项性质",
    "funding": "经费保障",
    "scopes": "适用范围",
    "status": "状态",
    "withdrawn_on": "退出日期",
    "withdrawn_reason": "退出原因",
    "notes": "备注",
    "purpose": "办理用途",
    "procedure": "办理流程",
    "model_text": "证明式样",
    "alternative_route": "替代途径",
    "alternative_detail": "替代途径说明",
}


ITEM_NAME_MAX = 200
ITEM_NUMBER_MAX = 20
ITEM_DEPARTMENT_MAX = 200


def file_item_problems(
    items: list[ListItem], sources: list[tuple[str, int]]
) -> list[ImportProblem]:
    """What is wrong across the items of one imported file, each with its sheet and row.

    An 编号 used twice for the same kind in one file is refused (which item would it name?),
    and so is text holding control characters (NUL and the like come from broken files).
    """
    import dataclasses
    import re

    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    problems: list[ImportProblem] = []
    first: dict[tuple[str, str], tuple[str, int]] = {}
    for item, (sheet, row) in zip(items, sources, strict=False):
        number = (item.number or "").strip()
        if number:
            seen = first.get((item.kind, number))
            if seen is None:
                first[(item.kind, number)] = (sheet, row)
            else:
                where = f"第 {seen[1]} 行"
                if seen[0] != sheet:
                    where = f"工作表“{seen[0]}”" + where
                message = f"编号“{number}”与{where}重复，同一清单中编号不能重复"
                problems.append(ImportProblem(sheet, row, None, message, field="number"))
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if isinstance(value, str) and control.search(value):
                message = (
                    f"事项“{control.sub('', item.name)[:30]}”中有不可见的控制字符"
                    "（如 NUL），请删去后重新导入"
                )
                problems.append(ImportProblem(sheet, row, None, message, field=f.name))
                break
    return problems


def clean_item(item: ListItem, known_kinds: set[str]) -> ListItem:
    """``item`` with its text trimmed, or ``ValidationError`` naming each bad field."""
    from jianfu.domain.errors import FieldProblem, ValidationError
    from jianfu.domain.text import check_length, check_required, clean, with_texts

    texts = {
        name: clean(getattr(item, name))
        for name in ("name", "number", "section", "content", "basis", "department", "participation",
                     "funding", "withdrawn_reason", "notes", "purpose", "procedure",
                     "model_text", "alternative_detail")
    }  # fmt: skip
    problems: list[FieldProblem] = []
    problems += check_required("name", "事项名称", texts["name"], ITEM_NAME_MAX)
    problems += check_length("number", "编号", texts["number"], ITEM_NUMBER_MAX)
    problems += check_length("department", "责任单位", texts["department"], ITEM_DEPARTMENT_MAX)
    if item.kind not in known_kinds:
        problems.append(FieldProblem("kind", f"没有“{item.kind}”这个清单类别"))
    if not item.scopes:
        problems.append(FieldProblem("scopes", "适用范围至少选一项"))
    if item.status is ItemStatus.WITHDRAWN and not texts["withdrawn_reason"]:
        problems.append(FieldProblem("withdrawn_reason", "退出事项须写明退出原因"))
    if problems:
        raise ValidationError(problems)
    return with_texts(item, texts)
