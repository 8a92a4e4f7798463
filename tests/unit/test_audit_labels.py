"""操作记录 names every kind of record in Chinese: no table name shows on screen."""

from __future__ import annotations

import re
from pathlib import Path

import jianfu
from jianfu.domain.audit import entity_label, field_label

_RECORD = re.compile(r"audit\.record\((?:[^()]|\([^()]*\))*?entity=\"([a-z_]+)\"", re.S)


def _audited_entities() -> set[str]:
    root = Path(jianfu.__file__).parent
    found: set[str] = set()
    for path in root.rglob("*.py"):
        found.update(_RECORD.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_audited_entity_has_a_chinese_label() -> None:
    entities = _audited_entities()
    assert {"app_user", "workday_override", "synonym"} <= entities  # the scan finds them
    untranslated = sorted(e for e in entities if entity_label(e) == e)
    assert untranslated == []


def test_login_fields_are_chinese() -> None:
    assert [field_label(f) for f in ("login", "role", "unit")] == ["登录名", "角色", "单位"]


def test_every_field_of_an_audited_record_has_a_chinese_name() -> None:
    """A board's 操作记录 showed allowed, category, placement, quantity … in English."""
    from dataclasses import fields

    from jianfu.domain import boards, burdens, cases, certificates, lists, settings, tasks, units

    audited = (
        boards.Signboard,
        boards.Inspection,
        boards.BoardPhoto,
        boards.AllowedRule,
        burdens.BurdenRecord,
        burdens.BurdenType,
        certificates.CertificateRequest,
        cases.CaseInput,
        cases.AdmissionCase,
        cases.ApprovalConditions,
        cases.CaseStep,
        tasks.TaskInput,
        lists.ListItem,
        lists.ListEdition,
        lists.ListKind,
        settings.TownshipSettings,
        units.Unit,
    )
    english = sorted(
        f"{cls.__name__}.{f.name}"
        for cls in audited
        for f in fields(cls)
        if f.name != "version" and field_label(f.name) == f.name
    )
    assert english == []


def _snapshot_keys() -> dict[str, str]:
    """Every key of a dict written literally as an audit entry's before/after (in the call,
    or assigned to ``before``/``after`` in the function that makes it): key -> where."""
    import ast

    found: dict[str, str] = {}
    root = Path(jianfu.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            values: list[ast.AST] = []
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "audit"
                ):
                    values += [k.value for k in node.keywords if k.arg in ("before", "after")]
                elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in ("before", "after") for t in node.targets
                ):
                    values.append(node.value)
            for value in values:
                for d in ast.walk(value):
                    if isinstance(d, ast.Dict):
                        for k in d.keys:
                            if isinstance(k, ast.Constant) and isinstance(k.value, str):
                                found.setdefault(k.value, f"{path.name}:{fn.name}")
    return found


def test_every_field_an_audit_entry_is_written_with_has_a_chinese_name() -> None:
    """操作记录 of 工作日设置 showed day, is_workday, note (and the record as "None"); a batch
    disposal count, ids; an import by_village …"""
    keys = _snapshot_keys()
    assert {"is_workday", "by_village", "ids"} <= set(keys)  # the scan finds them
    english = sorted(
        f"{k} ({where})" for k, where in keys.items() if k.isascii() and field_label(k) == k
    )
    assert english == []


def test_a_day_of_the_calendar_is_named_by_its_date_not_none() -> None:
    import datetime as dt

    from jianfu.domain.audit import AuditEntry

    at = dt.datetime(2026, 12, 6, 9, 50)
    removed = AuditEntry(
        1,
        at,
        "林晓燕",
        "取消工作日设置",
        "workday_override",
        "None",
        {"day": "2026-12-06", "is_workday": False, "note": "防汛调休"},
        None,
    )
    assert removed.record_name == "2026-12-06"
    assert [c.label for c in removed.changes()] == ["日期", "设为工作日", "说明"]
    ranged = AuditEntry(
        2,
        at,
        "林晓燕",
        "设置工作日",
        "workday_override",
        "None",
        None,
        {"first": "2027-03-01", "last": "2027-03-03", "is_workday": False, "note": ""},
    )
    assert ranged.record_name == "2027-03-01 至 2027-03-03"


def test_a_step_whose_opinion_ends_its_sentence_takes_no_semicolon_after_it() -> None:
    """The audit's 最近一步 read 意见：…不予准入。；经办人：吴秀琴 (seen as the city's
    mechanism)."""
    from jianfu.domain.audit import show_value

    step = {"opinion": "属于转嫁工作，不予准入。", "operator": "吴秀琴"}
    shown = show_value(step)
    assert "。；" not in shown and shown.endswith("不予准入。经办人：吴秀琴")
    assert show_value({"opinion": "同意", "operator": "吴秀琴"}).endswith("同意；经办人：吴秀琴")


def test_a_certificate_request_off_both_lists_reads_as_consultation_not_approval() -> None:
    """A certificate request's 对照清单结论 read 清单外事项（需报批）, a task's wording: the
    request goes to 议事协商, as the register and the dialog say."""
    import datetime as dt

    from jianfu.domain.audit import AuditEntry

    values = {"year": 2026, "seq": 23, "verdict": "unlisted", "check_verdict": "unlisted"}
    entry = AuditEntry(
        1,
        dt.datetime(2026, 12, 7, 7, 1),
        "林晓燕",
        "登记",
        "certificate_request",
        "23",
        None,
        values,
    )
    shown = {c.label: c.after for c in entry.changes()}
    assert shown["审核结论"] == shown["对照清单结论"] == "清单外证明（须议事协商）"
    task = AuditEntry(
        2,
        dt.datetime(2026, 12, 7, 7, 2),
        "林晓燕",
        "登记事项",
        "task",
        "5",
        None,
        {"verdict": "unlisted"},
    )
    assert [c.after for c in task.changes()] == ["清单外事项（需报批）"]


def test_the_checks_candidates_read_as_items_with_their_likeness_not_ids() -> None:
    from jianfu.domain.audit import field_label, show_value

    shown = show_value(
        [
            {"item": "婚姻状况证明", "item_id": 71, "kind": "cert_forbidden", "score": 100.0},
            {"item": "收养人婚姻状况证明", "item_id": 65, "kind": "cert_allowed", "score": 55.6},
        ]
    )
    assert shown == (
        "婚姻状况证明（不应出具证明事项，相似度100）；收养人婚姻状况证明（可出具证明事项，相似度55.6）"
    )
    assert "71" not in shown
    # a bare id says it is a record number
    assert field_label("item_id") == "对应清单事项记录号"


def test_records_in_a_list_are_parts_and_their_fields_within() -> None:
    from jianfu.domain.audit import show_value

    steps = [{"action": "受理", "comment": "同意。"}, {"action": "退回", "comment": "补正"}]
    assert show_value(steps) == "环节：受理，意见：同意。环节：退回，意见：补正"


def test_a_burden_reads_with_its_forms_names_and_its_type_in_chinese() -> None:
    """其他负担's entry showed 类型 mechanism, and its 清理方式 as 环节."""
    from jianfu.domain.audit import diff_values

    after = {"type": "mechanism", "action": "撤并", "department": "县林业局", "name": "巡查"}
    shown = {c.label: c.after for c in diff_values(None, after, entity="burden")}
    assert shown == {
        "类别": "工作机制/专人专岗",
        "清理方式": "撤并",
        "要求部门": "县林业局",
        "名称": "巡查",
    }
    # other records keep the common names
    assert {c.label for c in diff_values(None, {"action": "受理"}, entity="admission_case")} == {
        "环节"
    }


def test_a_board_reads_with_its_ledgers_names() -> None:
    """A board's entry in 操作记录 showed 责任单位 for its 要求挂牌部门 (and 设定依据, 名称)."""
    from jianfu.domain.audit import diff_values

    after = {"department": "乡人民政府", "basis": "民发〔2019〕3号", "name": "村民委员会"}
    shown = {c.label: c.after for c in diff_values(None, after, entity="signboard")}
    assert shown == {
        "要求挂牌部门": "乡人民政府",
        "依据文件": "民发〔2019〕3号",
        "牌子名称": "村民委员会",
    }


def test_a_board_in_range_not_yet_dealt_with_reads_as_the_ledger_names_it() -> None:
    """An in-range board stored 待处置 showed 状态 待处置 in 操作记录; the ledger says 待核定."""
    from jianfu.domain.audit import diff_values

    before = {"name": "村民委员会", "status": "待处置", "allowed": True}
    after = {"name": "村民委员会", "status": "已处置", "allowed": True}
    shown = {c.label: (c.before, c.after) for c in diff_values(before, after, entity="signboard")}
    assert shown["状态"] == ("待核定", "已处置")
    # a board outside the set is 待处置, as the ledger says
    out = {"name": "综治中心", "status": "待处置", "allowed": False}
    assert {c.label: c.after for c in diff_values(None, out, entity="signboard")}[
        "状态"
    ] == "待处置"
    # other records' 状态 are untouched
    case = {"status": "待处置", "allowed": True}
    assert {c.label: c.after for c in diff_values(None, case, entity="task")}["状态"] == "待处置"
