"""The audit trail cannot lose its newest entries unnoticed: the anchor kept beside the
database (and with each backup) remembers its length and end; on PostgreSQL only the owner
may change or delete entries."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text, update

from jianfu.db.models import AuditRow
from jianfu.db.repositories.audit import _digest
from jianfu.domain.errors import DatabaseError
from jianfu.domain.units import UnitInput
from jianfu.services.audit import AuditService
from jianfu.services.backup import copy_sqlite, inspect_backup, restore_database
from jianfu.services.database import open_app
from jianfu.services.units import UnitsService


@pytest.fixture
def trail(ctx):
    units = UnitsService(ctx)
    for n in range(5):
        units.add_unit(UnitInput(f"锚点{n}村"))
    check = AuditService(ctx).verify()
    assert check.ok, check.message()
    return ctx


def _sqlite_only(ctx):
    if ctx.database.sqlite_path is None:
        pytest.skip("the anchor file is kept beside SQLite databases")


def test_deleting_the_newest_entries_is_detected(trail):
    _sqlite_only(trail)
    with trail.unit_of_work() as s:
        newest = s.execute(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(2)).scalars()
        s.execute(AuditRow.__table__.delete().where(AuditRow.id.in_(list(newest))))
    check = AuditService(trail).verify()
    assert not check.ok
    assert "最新的记录被删除" in check.message() and "已校验" not in check.message()


def test_deleting_every_entry_is_detected(trail):
    _sqlite_only(trail)
    con = sqlite3.connect(trail.database.sqlite_path)  # behind the app's back
    con.execute("DELETE FROM audit_log")
    con.commit()
    con.close()
    check = AuditService(trail).verify()
    assert not check.ok and "被删除" in check.message()


def test_an_edited_entry_with_a_recomputed_chain_is_detected(trail):
    _sqlite_only(trail)
    with trail.unit_of_work() as s:
        rows = list(s.execute(select(AuditRow).order_by(AuditRow.id)).scalars())
        rows[1].operator = "冒名者"
        prev = rows[0].hash
        for row in rows[1:]:  # a careful forger recomputes every later hash
            row.prev_hash = prev
            row.hash = _digest(prev, row)
            prev = row.hash
    check = AuditService(trail).verify()
    assert not check.ok and "校验码不同" in check.message()


def test_backups_carry_the_anchor_and_restore_installs_it(trail, tmp_path):
    _sqlite_only(trail)
    path = trail.database.sqlite_path
    backup = copy_sqlite(path, tmp_path / "周一.db")
    assert inspect_backup(backup).audit_entries >= 5
    forged = tmp_path / "forged.db"
    forged.write_bytes(backup.read_bytes())
    (tmp_path / "forged.db.audit-anchor.json").write_bytes(
        (tmp_path / "周一.db.audit-anchor.json").read_bytes()
    )
    con = sqlite3.connect(forged)
    con.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="备份后被改动过"):
        inspect_backup(forged)
    UnitsService(trail).add_unit(UnitInput("备份后新村"))
    trail.database.close()
    restore_database(path, backup, backup_dir=tmp_path / "backups")
    again = open_app(str(path))
    try:  # the older trail is not taken for a truncated one
        check = AuditService(again).verify()
        assert check.ok, check.message()
    finally:
        again.database.close()


def _as_clerk(ctx, statement) -> None:
    with ctx.unit_of_work() as s:
        s.execute(text("SET LOCAL ROLE jianfu_test_clerk"))
        s.execute(statement)


def test_on_postgresql_only_the_owner_may_change_entries(trail):
    if trail.database.sqlite_path is not None:
        pytest.skip("PostgreSQL roles")
    with trail.unit_of_work() as s:
        s.execute(text("DROP OWNED BY jianfu_test_clerk") if _role_exists(s) else text("SELECT 1"))
        s.execute(text("DROP ROLE IF EXISTS jianfu_test_clerk"))
        s.execute(text("CREATE ROLE jianfu_test_clerk"))
        schema = s.execute(text("SELECT current_schema()")).scalar_one()
        s.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO jianfu_test_clerk'))
        s.execute(text("GRANT ALL ON audit_log TO jianfu_test_clerk"))  # granted too much
        # A registered person, so that the append-only rule itself is what refuses (an
        # unregistered login is refused every write before it, see test_unregistered_writes).
        s.execute(text("GRANT SELECT ON app_user TO jianfu_test_clerk"))
        # the trail's row-level policy (0038) reads the units, as every group may
        s.execute(text("GRANT SELECT ON unit TO jianfu_test_clerk"))
        s.execute(
            text(
                "INSERT INTO app_user (login, role, unit_id, display_name, active, created_at)"
                " SELECT 'jianfu_test_clerk', 'clerk', min(id), '测试', true, now() FROM unit"
            )
        )
    try:
        before = AuditService(trail).verify().checked
        for statement in (
            update(AuditRow).values(operator="冒名者"),
            AuditRow.__table__.delete(),
            text("TRUNCATE audit_log"),
        ):
            with pytest.raises(DatabaseError, match="只能追加"):
                _as_clerk(trail, statement)
        check = AuditService(trail).verify()
        assert check.ok and check.checked == before >= 5
    finally:
        with trail.unit_of_work() as s:
            s.execute(text("DELETE FROM app_user WHERE login = 'jianfu_test_clerk'"))
            s.execute(text("DROP OWNED BY jianfu_test_clerk"))
            s.execute(text("DROP ROLE jianfu_test_clerk"))


def _role_exists(s) -> bool:
    return bool(
        s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'jianfu_test_clerk'")).first()
    )


# ------------------------------------------- the anchor written once per burst of saves


def _kept(ctx):
    from jianfu.services.audit_anchor import anchor_file, read

    return read(anchor_file(ctx.database.sqlite_path))


def _newest(ctx) -> tuple[int, int]:
    with ctx.unit_of_work() as s:
        count = s.execute(select(func.count()).select_from(AuditRow)).scalar_one()
        return count, s.execute(select(func.max(AuditRow.id))).scalar_one()


def test_a_burst_of_saves_writes_the_anchor_once_when_it_ends(trail, monkeypatch):
    _sqlite_only(trail)
    from jianfu.services import audit_anchor

    written = []
    real = audit_anchor._write_file
    monkeypatch.setattr(
        audit_anchor, "_write_file", lambda path, a: (written.append(a), real(path, a))
    )
    monkeypatch.setattr(audit_anchor, "QUIET_S", 0.3)
    before = _kept(trail)
    units = UnitsService(trail)
    for n in range(8):
        units.add_unit(UnitInput(f"连录{n}村"))
    assert written == [] and _kept(trail) == before  # during the burst: the older anchor
    deadline = time.monotonic() + 10
    while not written and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.4)  # no second write follows
    count, last_id = _newest(trail)
    assert [(a.count, a.last_id) for a in written] == [(count, last_id)]
    assert (_kept(trail).count, _kept(trail).last_id) == (count, last_id)
    assert AuditService(trail).verify().ok


def test_a_steady_stream_of_saves_still_writes_the_anchor(trail, monkeypatch):
    _sqlite_only(trail)
    from jianfu.services import audit_anchor

    monkeypatch.setattr(audit_anchor, "QUIET_S", 0.4)
    monkeypatch.setattr(audit_anchor, "MAX_LAG_S", 0.5)
    before = _kept(trail)
    units = UnitsService(trail)
    started = time.monotonic()
    n = 0
    while _kept(trail) == before and time.monotonic() - started < 10:
        units.add_unit(UnitInput(f"不停{n}村"))  # a save every 0.2 s: never quiet for 0.4 s
        n += 1
        time.sleep(0.2)
    assert _kept(trail) != before and time.monotonic() - started < 3


def test_rolled_back_during_the_burst_is_still_detected(trail, monkeypatch):
    """The due anchor is taken at the commit: written after the trail was cut back, it
    still names the entries that were saved."""
    _sqlite_only(trail)
    from jianfu.services import audit_anchor

    monkeypatch.setattr(audit_anchor, "QUIET_S", 60.0)
    units = UnitsService(trail)
    for n in range(3):
        units.add_unit(UnitInput(f"回滚{n}村"))
    con = sqlite3.connect(trail.database.sqlite_path)  # behind the app's back, before it ends
    con.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    con.commit()
    con.close()
    check = AuditService(trail).verify()
    assert not check.ok and "最新的记录被删除" in check.message()


def test_closing_and_backing_up_write_the_due_anchor(trail, monkeypatch, tmp_path):
    _sqlite_only(trail)
    from jianfu.services import audit_anchor

    monkeypatch.setattr(audit_anchor, "QUIET_S", 60.0)
    UnitsService(trail).add_unit(UnitInput("备份前村"))
    copy_sqlite(trail.database.sqlite_path, tmp_path / "b.db")
    assert (_kept(trail).count, _kept(trail).last_id) == _newest(trail)
    UnitsService(trail).add_unit(UnitInput("关闭前村"))
    count, last_id = _newest(trail)
    trail.database.close()
    assert (_kept(trail).count, _kept(trail).last_id) == (count, last_id)


_CRASH = """
import os, sys
from jianfu.domain.units import UnitInput
from jianfu.services import audit_anchor
from jianfu.services.database import open_app
from jianfu.services.units import UnitsService

audit_anchor.QUIET_S = 60.0
ctx = open_app(sys.argv[1])
units = UnitsService(ctx)
for n in range(4):
    units.add_unit(UnitInput(f"崩溃前{n}村"))
os._exit(0)  # killed before the burst ended: no close, no exit handlers
"""


def test_a_crash_before_the_burst_ends_leaves_a_valid_older_anchor(trail):
    _sqlite_only(trail)
    path = trail.database.sqlite_path
    before = _kept(trail)
    trail.database.close()
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    again = open_app(str(path))
    try:
        assert _kept(again) == before  # behind the trail by the four saves
        assert _newest(again)[0] == before.count + 4
        check = AuditService(again).verify()
        assert check.ok, check.message()
    finally:
        again.database.close()
