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
