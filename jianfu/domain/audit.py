"""The audit trail as plain data: entries, filters, the chain check, field-by-field changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: How the screen and the command line name the entity types that services write.
ENTITY_LABELS: dict[str, str] = {
    "unit": "村(社区)",
    "department": "部门",
    "settings": "乡镇设置",
    "list_kind": "清单类别",
    "list_edition": "清单版本",
    "list_item": "清单事项",
    "task": "下派事项",
    "admission_case": "准入审批",
    "signboard": "牌子",
    "certificate_request": "证明申请",
    "burden": "其他负担",
    "demo": "演示数据",
    "database": "数据库",
    "app_user": "登录账号",
    "board_category": "牌子类别",
    "board_allowed_rule": "允许挂牌范围",
    "workday_override": "工作日调整",
    "official_schedule": "节假日安排",
    "precedent": "审核先例",
    "synonym": "同义词",
}

#: Field names seen in before/after snapshots, in Chinese; unknown fields show as they are.
FIELD_LABELS: dict[str, str] = {
    "id": "记录号",
    "login": "登录名",
    "role": "角色",
    "unit": "单位",
    "name": "名称",
    "type": "类型",
    "sort_order": "排序号",
    "notes": "备注",
    "active": "在用",
    "parent_id": "上级",
    "short_name": "简称",
    "level": "层级",
    "code": "代码",
    "meaning": "含义",
    "kind": "类别",
    "number": "编号",
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
    "purpose": "办理用途",
    "procedure": "办理流程",
    "model_text": "匹配文本",
    "alternative_route": "替代途径",
    "alternative_detail": "替代途径说明",
    "edition_id": "清单版本",
    "issuing_body": "发布机关",
    "document_number": "文号",
    "effective_date": "施行日期",
    "copied_items": "复制事项数",
    "repealed": "同时废止",
    "file": "文件",
    "items": "事项数",
    "by_kind": "各类别事项数",
    "activated": "导入后施行",
    "new_departments": "新增部门",
    "township_name": "乡镇(街道)名称",
    "county_name": "县(市、区)名称",
    "city_name": "市名称",
    "mechanism_name": "协调机制名称",
    "mechanism_level": "协调机制层级",
    "preparer": "填表人",
    "reviewer": "审核人",
    "phone": "联系电话",
    "notice_working_days": "提前申请工作日数",
    "decision_working_days": "审批时限工作日数",
    "departments": "部门",
    "units": "村(社区)",
    "all_villages": "涉及全部村(社区)",
    "villages": "涉及村(社区)",
    "decision": "处理决定",
    "demands": "工作要求",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "received_on": "收文日期",
    "item_id": "对应清单事项记录号",
    "item_kind": "对应清单类别",
    "item_name": "对应清单事项名称",
    "text": "通知内容",
    "title": "标题",
    "verdict": "审核结论",
    "conditions": "附加条件",
    "last_step": "最近一步",
    "serial_number": "编号",
    "entries": "条目",
    "boards": "牌子",
    "agency": "索要单位",
    "alternative": "替代途径",
    "applicant_name": "申请人",
    "attachments": "附件",
    "candidates": "相近清单事项",
    "check_verdict": "对照清单结论",
    "consultation": "议事协商记录",
    "fact": "证明事项",
    "handler": "经办人",
    "id_masked": "身份证号(脱敏)",
    "outcome": "办理结果",
    "outcome_date": "办理日期",
    "referred_to": "转交部门",
    "request_date": "申请日期",
    "sealed": "已盖章",
    "seq": "序号",
    "signer": "签发人",
    "subject": "证明对象",
    "village": "村(社区)",
    "village_id": "村(社区)编号",
    "year": "年度",
    "daily_backup_keep": "每日自动备份保留份数",
    "report_baseline": "统计累计起始日期",
    "document": "清单",
    "item": "清单事项",
    "score": "相似度",
    "agreed": "同意出具",
    "date": "日期",
    "participants": "参加人员",
    "action": "环节",
    "comment": "意见",
    "written_as": "意见栏目",
    "operator": "经办人",
    "start": "开始日期",
    "end": "结束日期",
    "staffing": "人员保障",
    # 牌子, its 复查 and photos
    "category": "类别",
    "placement": "位置",
    "room": "房间",
    "size_material": "规格/材质",
    "quantity": "数量",
    "disposition": "处置",
    "disposed_on": "处置日期",
    "registered_on": "登记日期",
    "approved_addition": "经批准新增",
    "approval_document": "批准文件",
    "first_reviewer": "初审人",
    "second_reviewer": "复审人",
    "allowed": "在允许范围内",
    "relapse_count": "反弹次数",
    "relapsed_on": "反弹日期",
    "last_inspected_on": "最近复查日期",
    "photo_count": "照片数",
    "board_id": "牌子记录号",
    "inspected_on": "复查日期",
    "inspector": "复查人",
    "found_hanging": "仍挂着",
    "relapse": "复查反弹",
    "finding": "复查情况",
    "stage": "照片类别",
    "original_name": "原文件名",
    "width": "宽度(像素)",
    "height": "高度(像素)",
    "size_bytes": "文件大小(字节)",
    "keywords": "关键词",
    # 其他负担
    "unit_id": "村(社区)编号",
    "unit_name": "村(社区)",
    "frequency": "频次",
    "action_date": "清理日期",
    "aliases": "别名",
    # 准入审批
    "request": "申请内容",
    "history": "办理经过",
    "task_id": "下派事项记录号",
    "list_item_id": "列入的清单事项记录号",
    "township_id": "乡镇(街道)编号",
    "department_id": "申请单位编号",
    "delegated_powers": "下放权限",
    "support": "人员培训及保障",
    "assessment": "考核方式",
    "contact": "联系人",
    "at": "时间",
    # 工作日设置 and the holiday notices
    "day": "日期",
    "is_workday": "设为工作日",
    "note": "说明",
    "correction_note": "更正说明",
    "first": "起始日期",
    "last": "截止日期",
    "source": "来源",
    "holidays": "放假日期",
    "workdays": "调休上班日期",
    "days": "天数",
    # imports, batches and the demo
    "count": "数量",
    "ids": "记录号",
    "rules": "规则",
    "boards_changed": "重新标记的牌子数",
    "by_category": "各类别数量",
    "by_type": "各类别数量",
    "by_village": "各村(社区)数量",
    "editions": "清单版本",
    "department_aliases": "部门别称",
    "county": "县(市、区)",
    "townships": "乡镇(街道)",
    "scale": "规模",
    "seed": "随机种子",
    # others
    "township": "乡镇(街道)",
    "section": "所属领域",
    "extra": "其他列",
}

#: Snapshot values stored as codes, per field, in Chinese (filled on first use).
_VALUE_LABELS: dict[str, dict[str, str]] = {}


def _value_labels() -> dict[str, dict[str, str]]:
    if not _VALUE_LABELS:
        from jianfu.domain.lists import SEED_KINDS
        from jianfu.domain.verdicts import Verdict  # not the matcher: its patterns compile

        verdicts = {v.value: v.label for v in Verdict}
        kinds = {k.code: k.name for k in SEED_KINDS}
        _VALUE_LABELS.update(
            verdict=verdicts,
            check_verdict=verdicts,
            item_kind=kinds,
            kind=kinds,
            document={"work": "村(社区)工作事项准入清单", "certificate": "村(社区)证明事项清单"},
        )
    return _VALUE_LABELS


#: Per entity, the value labels that differ from the common ones.
_ENTITY_VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {}


def _entity_value_labels(entity: str) -> dict[str, dict[str, str]]:
    if entity == "burden" and entity not in _ENTITY_VALUE_LABELS:
        from jianfu.domain.burdens import DEFAULT_BURDEN_TYPES, type_names

        # a burden's 类别 is stored as its code: 其他负担's detail showed 类型 mechanism
        _ENTITY_VALUE_LABELS[entity] = {"type": type_names(DEFAULT_BURDEN_TYPES)}
    if entity == "certificate_request" and entity not in _ENTITY_VALUE_LABELS:
        from jianfu.domain.certificates import verdict_label
        from jianfu.domain.verdicts import Verdict

        # a request on neither list goes to 议事协商, not to approval as a task does
        verdicts = {v.value: verdict_label(v) for v in Verdict}
        _ENTITY_VALUE_LABELS[entity] = {"verdict": verdicts, "check_verdict": verdicts}
    return _ENTITY_VALUE_LABELS.get(entity, {})


def entity_field_label(field: str, entity: str = "") -> str:
    """The Chinese name of a snapshot field of a record of kind ``entity``: a burden and a
    board name their fields as their forms do (a burden's 清理方式 read 环节)."""
    if entity == "burden":
        from jianfu.domain.burdens import FIELD_LABELS as BURDEN_FIELDS

        if field in BURDEN_FIELDS:
            return BURDEN_FIELDS[field]
    if entity == "signboard" and field in SIGNBOARD_FIELDS:
        return SIGNBOARD_FIELDS[field]
    return field_label(field)


#: A board's fields as the ledger names them (its 要求挂牌部门 read 责任单位, 依据文件 设定依据).
SIGNBOARD_FIELDS = {"name": "牌子名称", "department": "要求挂牌部门", "basis": "依据文件"}


def value_label(field: str, value: Any, entity: str = "") -> str:
    """A snapshot value of ``field`` as the clerk reads it (codes turned into their names);
    ``entity``: the kind of record it belongs to, where a code reads differently there."""
    if isinstance(value, str):
        named = _entity_value_labels(entity).get(field, {}).get(value)
        if named is None:
            named = _value_labels().get(field, {}).get(value)
        if named is not None:
            return named
    return show_value(value)


def entity_label(entity: str) -> str:
    """The Chinese name of an entity type (the code itself when unknown)."""
    return ENTITY_LABELS.get(entity, entity)


def field_label(field: str) -> str:
    """The Chinese name of a snapshot field (the name itself when unknown)."""
    return FIELD_LABELS.get(field, field)


@dataclass(frozen=True)
class AuditEntry:
    """One audit entry: who did what to which record, when, with the values before/after."""

    id: int
    at: dt.datetime
    operator: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    #: the operator's unit (清溪镇, 南屏县) where the reader sees several townships' entries
    operator_unit: str = ""

    @property
    def operator_shown(self) -> str:
        """The operator as the list shows them: with their unit above the township (each
        township numbers its own certificates: 2026-0014 曾碧云 was any of four)."""
        return f"{self.operator}（{self.operator_unit}）" if self.operator_unit else self.operator

    @property
    def entity_name(self) -> str:
        """The entity type in Chinese."""
        return entity_label(self.entity)

    @property
    def record_name(self) -> str:
        """The record's name as it was after (or before) the change, for the list."""
        for values in (self.after, self.before):
            if values:
                if values.get("seq") and values.get("year"):  # a certificate request
                    who = values.get("applicant_name") or ""
                    return f"{values['year']}-{int(values['seq']):04d} {who}".strip()
                for key in ("name", "title", "fact", "township_name", "file", "day"):
                    if values.get(key):
                        return str(values[key])
                if values.get("first"):  # a range of days (工作日设置)
                    return f"{values['first']} 至 {values.get('last') or values['first']}"
        # records without an id of their own (a day of the calendar) were named "None"
        return "" if self.entity_id in ("None", "") else self.entity_id

    def changes(self) -> list[FieldChange]:
        """Every field whose value differs between before and after (all fields of a new one)."""
        return diff_values(self.before, self.after, entity=self.entity)


@dataclass(frozen=True)
class FieldChange:
    """One field of a before/after pair, as text."""

    field: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """True when the two values differ."""
        return self.before != self.after


def show_value(value: Any) -> str:
    """A snapshot value as a clerk reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):
            # records in a list (相近清单事项, 办理经过): each its own part, split by "；", their
            # fields within it by "，"
            text = ""
            for v in value:
                if text and not text.endswith(SENTENCE_ENDS):
                    text += "；"
                text += _show_record(v, "，") if isinstance(v, dict) else show_value(v)
            return text
        return "、".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return _show_record(value, "；")
    return str(value)


def _show_record(value: dict[str, Any], sep: str) -> str:
    """A record of a snapshot (a step, a candidate) as the clerk reads it, its fields split
    by ``sep``."""
    if {"item", "score"} <= value.keys():
        # a candidate of the check: the item's name, its kind and its likeness, not its id
        kind = value_label("kind", value.get("kind", ""))
        return f"{value['item']}（{kind + '，' if kind else ''}相似度{value['score']:g}）"
    text = ""
    for k, v in value.items():
        # an opinion that ends its sentence takes no separator after it (…不予准入。经办人)
        if text and not text.endswith(SENTENCE_ENDS):
            text += sep
        text += f"{field_label(str(k))}：{value_label(str(k), v)}"
    return text


#: What ends a part of a shown value by itself (no "；" is added after it).
SENTENCE_ENDS = ("。", "；", "！", "？")


def diff_values(
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    only_changed: bool = False,
    entity: str = "",
) -> list[FieldChange]:
    """Field-by-field comparison in the order the fields first appear (values of a record of
    kind ``entity``)."""
    before, after = before or {}, after or {}
    if entity == "signboard":
        before, after = _board_as_shown(before), _board_as_shown(after)
    keys = list(dict.fromkeys([*before, *after]))
    rows = [
        FieldChange(
            k,
            entity_field_label(k, entity),
            value_label(k, before.get(k), entity),
            value_label(k, after.get(k), entity),
        )
        for k in keys
    ]
    return [r for r in rows if r.changed] if only_changed else rows


def _board_as_shown(values: dict[str, Any]) -> dict[str, Any]:
    """A board's snapshot with its 状态 as the ledger names it: a board in the allowed set
    stored 待处置 read 待处置 in 操作记录 where the ledger says 待核定."""
    from jianfu.domain.boards import BoardStatus, status_text

    status = values.get("status")
    if status != BoardStatus.PENDING.value or not values.get("allowed"):
        return values
    return {**values, "status": status_text(BoardStatus.PENDING, True)}


@dataclass(frozen=True)
class AuditFilter:
    """What the clerk narrows the trail to; empty fields do not filter."""

    operator: str = ""
    entity: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class ChainCheck:
    """The result of checking the hash chain from the first entry to the last."""

    checked: int
    broken_id: int | None = None
    broken_at: dt.datetime | None = None
    #: What the anchor kept outside the trail says is missing ('' when it agrees or is absent).
    anchor_problem: str = ""
    #: A note on the anchor itself (none kept yet, unreadable), not a sign of tampering.
    anchor_note: str = ""
    #: The newest entry's hash: the 末条校验码 a printed 统计表 shows, to compare with.
    last_hash: str = ""

    @property
    def ok(self) -> bool:
        """True when every entry fits the chain and the anchor finds nothing missing."""
        return self.broken_id is None and not self.anchor_problem

    def message(self) -> str:
        """A sentence for the clerk."""
        if self.anchor_problem and self.broken_id is None:
            return f"操作记录已被改动：{self.anchor_problem}"
        if self.ok:
            note = f"（{self.anchor_note}）" if self.anchor_note else ""
            code = f"末条校验码 {self.last_hash[:12]}。" if self.last_hash else ""
            return f"操作记录完整：已校验 {self.checked} 条，未发现改动。{code}{note}"
        when = self.broken_at.strftime("%Y-%m-%d %H:%M:%S") if self.broken_at else "时间不明"
        return (
            f"操作记录已被改动：第一条对不上的记录编号 {self.broken_id}（{when}）。"
            "这条或它之前的一条记录在写入后被修改或删除过。"
        )
