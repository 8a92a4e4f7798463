"""A person's login writes under their own name and leaves the county's tree as it is.

Tried with plain SQL, as another tool connected with the login would (migration 0038): the
audit trail and a case's steps take only entries signed with the person's own name, the audit
trail only entries that continue its hash chain; a township's clerk neither moves their
township to another parent nor makes a township, county or city of a unit. Runs only against
a server (``JIANFU_TEST_DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jianfu.domain.tasks import TaskDecision, TaskInput
from jianfu.services.database import open_app
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TasksService
from tests.db import test_township_roles as roles

#: a county of two townships with a clerk, the county reviewer and the mechanism (a fixture)
county = roles.county
_as = roles._as

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

_ENTRY = text(
    "INSERT INTO audit_log (at, operator, action, entity, entity_id, before, after, prev_hash,"
    " hash) VALUES (:at, :operator, '删除', 'certificate_request', '1', NULL, NULL, :prev, :hash)"
)


def _entry(con, operator: str, prev: str | None = None) -> dict[str, object]:
    """An entry as the app would write it: chained to the trail's last one and hashed."""
    if prev is None:
        last = con.execute(text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        prev = last.scalar_one_or_none() or ""
    at = dt.datetime(2026, 12, 8, 9, 30, 0, 123456)
    payload = "\x1f".join(
        [prev, at.isoformat(timespec="microseconds"), operator, "删除",
         "certificate_request", "1", "", ""]
    )  # fmt: skip
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return {"at": at, "operator": operator, "prev": prev, "hash": digest}


def _name(con) -> str:
    return con.execute(
        text("SELECT display_name FROM app_user WHERE login = current_user")
    ).scalar_one()


def test_the_audit_trail_takes_only_the_logins_own_chained_entries(county):
    url, _ids, logins = county
    for who in ("clerk", "reviewer", "mechanism"):
        engine = _as(url, logins[who])
        with engine.connect() as con:
            me = _name(con)
            forged = _entry(con, "王丽萍" if me != "王丽萍" else "林晓燕")
            with pytest.raises(DBAPIError, match="本人"):
                con.execute(_ENTRY, forged)
            con.rollback()
            unchained = _entry(con, me, prev="0" * 64)
            with pytest.raises(DBAPIError, match="接续"):
                con.execute(_ENTRY, unchained)
            con.rollback()
            bad_hash = dict(_entry(con, me), hash="f" * 64)
            with pytest.raises(DBAPIError, match="校验值"):
                con.execute(_ENTRY, bad_hash)
            con.rollback()
            con.execute(_ENTRY, _entry(con, me))  # signed by the person and chained: taken
            con.commit()
        engine.dispose()
    # the chain the three left is whole
    owner = open_app(url)
    try:
        from jianfu.services.audit import AuditService

        assert AuditService(owner).verify().ok
    finally:
        owner.database.close()


def test_the_app_still_writes_the_trail_as_the_clerk(county):
    url, _ids, logins = county
    from sqlalchemy.engine import make_url

    ctx = open_app(make_url(url).set(username=logins["clerk"]).render_as_string(False))
    try:
        TasksService(ctx, ListsService(ctx)).record(
            TaskInput(
                title="入户走访登记",
                department="县民政局",
                received_on=dt.date(2026, 12, 8),
                decision=TaskDecision.UNLISTED,
            )
        )
        with ctx.unit_of_work() as s:
            last = s.execute(
                text("SELECT operator FROM audit_log ORDER BY id DESC LIMIT 1")
            ).scalar_one()
        assert last == ctx.operator
    finally:
        ctx.database.close()


def test_a_cases_step_is_signed_by_the_person_who_writes_it(county):
    url, ids, logins = county
    engine = _as(url, logins["mechanism"])
    step = text(
        "INSERT INTO case_step (case_id, seq, status, action, at, operator, comment) "
        "SELECT :case, coalesce(max(seq), 0) + 1, '批准准入', '批准', now(), :operator, '' "
        "FROM case_step WHERE case_id = :case"
    )
    with engine.connect() as con, pytest.raises(DBAPIError, match="本人"):
        con.execute(step, {"case": ids["case清溪镇"], "operator": "另一位审批人"})
    engine.dispose()


def test_a_clerk_keeps_their_township_where_the_county_put_it(county):
    url, ids, logins = county
    own, village = ids["清溪镇"], ids["清溪镇一村"]
    engine = _as(url, logins["clerk"])
    new_unit = (
        "INSERT INTO unit (name, type, parent_id, sort_order, active, notes, version, "
        "created_at, updated_at) VALUES (:name, :type, :own, 0, true, '', 1, now(), now())"
    )
    refused = (
        ("UPDATE unit SET parent_id = NULL WHERE id = :own", {}),
        ("UPDATE unit SET parent_id = :village WHERE id = :own", {}),
        ("UPDATE unit SET type = '县(市、区)' WHERE id = :own", {}),
        ("UPDATE unit SET type = '乡镇(街道)' WHERE id = :village", {}),
        (new_unit, {"name": "新乡", "type": "乡镇(街道)"}),
        (new_unit, {"name": "新县", "type": "县(市、区)"}),
    )
    for statement, extra in refused:
        with engine.connect() as con, pytest.raises(DBAPIError, match="管理员"):
            con.execute(text(statement), {"own": own, "village": village, **extra})
    # what a clerk keeps doing: name their township, retype a village, add one
    with engine.begin() as con:
        con.execute(text("UPDATE unit SET notes = '镇政府' WHERE id = :own"), {"own": own})
        con.execute(text("UPDATE unit SET type = '涉农社区' WHERE id = :v"), {"v": village})
        con.execute(text(new_unit), {"own": own, "name": "新村", "type": "村"})
    engine.dispose()


def test_a_clerk_reads_only_their_townships_and_the_shared_part_of_the_trail(county):
    """The trail held every township's certificates (applicants, what they asked for) for any
    login to read; now row-level security shows a person their townships' entries and the
    shared ones, and the chain is still written and checked through everyone's."""
    from sqlalchemy.engine import make_url

    from jianfu.db.repositories import audit as audit_repo
    from jianfu.domain.audit import AuditFilter
    from jianfu.services.audit import AuditService

    url, ids, logins = county
    owner = open_app(url)
    try:
        with owner.unit_of_work() as s:
            for town, applicant in (("清溪镇", "申请人甲"), ("石门乡", "申请人乙")):
                audit_repo.record(
                    s, operator=owner.operator, action="登记", entity="certificate_request",
                    entity_id=ids[f"cert{town}"], after={"applicant_name": applicant},
                )  # fmt: skip
            audit_repo.record(
                s, operator=owner.operator, action="新增", entity="department", entity_id=1,
                after={"name": "县民政局"},
            )  # fmt: skip
    finally:
        owner.database.close()
    engine = _as(url, logins["clerk"])
    with engine.connect() as con:
        seen = con.execute(text("SELECT after FROM audit_log")).scalars().all()
    engine.dispose()
    assert any("申请人甲" in (a or "") for a in seen)
    assert any("县民政局" in (a or "") for a in seen)
    assert not any("申请人乙" in (a or "") for a in seen)
    clerk = open_app(make_url(url).set(username=logins["clerk"]).render_as_string(False))
    try:
        trail = AuditService(clerk)
        texts = [str(e.after) for e in trail.page(AuditFilter()).rows]
        assert not any("申请人乙" in t for t in texts)
        assert trail.verify().ok
        TasksService(clerk, ListsService(clerk)).record(
            TaskInput(
                title="入户走访登记",
                department="县民政局",
                received_on=dt.date(2026, 12, 8),
                decision=TaskDecision.UNLISTED,
            )
        )  # chained after 石门乡's entry, which the clerk cannot read
    finally:
        clerk.database.close()
    reviewer = _as(url, logins["reviewer"])
    with reviewer.connect() as con:
        seen = con.execute(text("SELECT after FROM audit_log")).scalars().all()
    reviewer.dispose()
    assert any("申请人乙" in (a or "") for a in seen)  # the county reads both townships
    owner = open_app(url)
    try:
        assert AuditService(owner).verify().ok
    finally:
        owner.database.close()
