"""Backups and restores of the SQLite database: consistency, checks, refusals, rotation."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jianfu.db.migrate import upgrade
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput
from jianfu.services.backup import (
    POSTGRES_HOWTO,
    copy_sqlite,
    daily_backup_if_due,
    daily_backups,
    inspect_backup,
    restore_database,
    run_daily_backup,
)
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


def _units(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM unit WHERE parent_id IS NOT NULL")]
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def town(tmp_path):
    """A closed database with two villages."""
    path = tmp_path / "town.db"
    ctx = open_app(str(path))
    SettingsService(ctx).save(TownshipSettings(township_name="清溪镇"))
    for name in ("东山村", "西岭村"):
        UnitsService(ctx).add_unit(UnitInput(name))
    ctx.database.close()
    return path


def test_backup_while_the_app_writes_holds_only_committed_work(town, tmp_path):
    ctx = open_app(str(town))
    try:
        UnitsService(ctx).add_unit(UnitInput("南坑村"))  # committed, still in the WAL
        with ctx.unit_of_work() as s:
            s.execute(
                text(
                    "INSERT INTO unit (parent_id, name, type, sort_order, active, notes, "
                    "version) VALUES (1, '未提交村', '村', 99, 1, '', 1)"
                )
            )
            s.flush()
            copy = copy_sqlite(town, tmp_path / "copy.db")
            s.rollback()
    finally:
        ctx.database.close()
    assert sorted(_units(copy)) == sorted(["东山村", "西岭村", "南坑村"])
    info = inspect_backup(copy)
    assert info.township_name == "清溪镇" and info.units == 3 and info.revision == SCHEMA_HEAD
    assert not Path(f"{copy}-wal").exists() and not (tmp_path / "copy.db.part").exists()


def test_restore_replaces_the_database_and_keeps_a_copy_of_the_old_one(town, tmp_path):
    backup = copy_sqlite(town, tmp_path / "monday.db")
    ctx = open_app(str(town))
    UnitsService(ctx).add_unit(UnitInput("星期二新村"))
    ctx.database.close()

    result = restore_database(town, backup, backup_dir=tmp_path / "backups")
    assert sorted(_units(town)) == ["东山村", "西岭村"]
    assert result.safety_copy is not None and result.safety_copy.parent == tmp_path / "backups"
    assert "星期二新村" in _units(result.safety_copy)
    assert not list(tmp_path.glob(".*restoring*"))
    ctx = open_app(str(town))  # the restored file opens and works
    try:
        assert UnitsService(ctx).list_page().total == 2
    finally:
        ctx.database.close()


def test_restore_refused_while_the_database_is_open(town, tmp_path):
    backup = copy_sqlite(town, tmp_path / "b.db")
    ctx = open_app(str(town))  # another clerk's app, idle but connected
    UnitsService(ctx).list_page()
    UnitsService(ctx).add_unit(UnitInput("还开着村"))
    try:
        with pytest.raises(DatabaseError, match="正被打开着"):
            restore_database(town, backup, backup_dir=tmp_path / "backups")
        assert "还开着村" in [u.name for u in UnitsService(ctx).list_page().rows]
    finally:
        ctx.database.close()
    assert "还开着村" in _units(town)
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
    assert not list(tmp_path.glob(".*restoring*"))


def _truncated(src: Path, dest: Path) -> Path:
    dest.write_bytes(src.read_bytes()[: src.stat().st_size // 3])
    return dest


def _corrupted(src: Path, dest: Path) -> Path:
    data = bytearray(src.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page * 2, page * 6):  # scribble over the b-tree pages after the first
        data[i] = 0xA5
    dest.write_bytes(bytes(data))
    return dest


def _foreign(_src: Path, dest: Path) -> Path:
    con = sqlite3.connect(dest)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    return dest


def _newer(src: Path, dest: Path) -> Path:
    copy_sqlite(src, dest)
    con = sqlite3.connect(dest)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    return dest


def _text(_src: Path, dest: Path) -> Path:
    dest.write_text("这不是备份", encoding="utf-8")
    return dest


def _empty(_src: Path, dest: Path) -> Path:
    dest.write_bytes(b"")
    return dest


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "不完整"),
        (_corrupted, "损坏"),
        (_foreign, "不是减负的数据库备份"),
        (_newer, "比本程序"),
        (_text, "不是减负的备份文件"),
        (_empty, "不是减负的备份文件"),
    ],
)
def test_bad_backups_are_refused_and_nothing_is_replaced(town, tmp_path, make, message):
    bad = make(town, tmp_path / "bad.db")
    before = _digest(town)
    with pytest.raises(DatabaseError, match=message) as err:
        restore_database(town, bad, backup_dir=tmp_path / "backups")
    assert "bad.db" in str(err.value) and "未做任何改动" in str(err.value)
    assert _digest(town) == before
    assert not (tmp_path / "backups").exists()
    assert not list(tmp_path.glob(".*restoring*"))


def test_a_missing_backup_file_is_named(town, tmp_path):
    with pytest.raises(DatabaseError, match="不存在"):
        restore_database(town, tmp_path / "nowhere.db", backup_dir=tmp_path / "backups")


def test_restore_onto_itself_is_refused(town, tmp_path):
    with pytest.raises(DatabaseError, match="就是当前数据库"):
        restore_database(town, town, backup_dir=tmp_path / "backups")


def test_restore_into_a_new_place(town, tmp_path):
    target = tmp_path / "elsewhere" / "new.db"
    target.parent.mkdir()
    result = restore_database(target, town, backup_dir=tmp_path / "backups")
    assert result.safety_copy is None and sorted(_units(target)) == ["东山村", "西岭村"]


def test_daily_backups_are_made_once_a_day_and_rotated(town, tmp_path):
    folder = tmp_path / "backups"
    day = dt.datetime(2026, 3, 1, 9, 0)
    made = [daily_backup_if_due(town, folder, keep=3, now=day)]
    assert made[0] is not None and inspect_backup(made[0]).units == 2
    assert daily_backup_if_due(town, folder, keep=3, now=day + dt.timedelta(hours=23)) is None
    for n in range(1, 5):
        made.append(daily_backup_if_due(town, folder, keep=3, now=day + dt.timedelta(days=n)))
    kept = daily_backups(town, folder)
    assert kept == made[-3:] and all(p.exists() for p in kept)
    assert not made[0].exists() and not made[1].exists()
    # other backups in the same folder (before a migration or a restore) are never rotated away
    other = folder / "town-20250101-000000-before-restore.db"
    other.write_bytes(town.read_bytes())
    daily_backup_if_due(town, folder, keep=1, now=day + dt.timedelta(days=9))
    assert other.exists() and len(daily_backups(town, folder)) == 1
    assert daily_backup_if_due(town, folder, keep=0, now=day + dt.timedelta(days=20)) is None


def test_daily_backup_at_start_up_follows_the_setting(ctx):
    if not ctx.database.is_sqlite:
        assert run_daily_backup(ctx) is None
        return
    made = run_daily_backup(ctx)
    assert made is not None and made.parent == ctx.database.sqlite_path.parent / "backups"
    assert run_daily_backup(ctx) is None  # not due again today
    settings = SettingsService(ctx)
    settings.save(TownshipSettings(township_name="清溪镇", daily_backup_keep=0))
    made.unlink()
    assert run_daily_backup(ctx) is None


def test_a_real_migration_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0002")
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO unit (name, type, sort_order, active, notes, version) "
                "VALUES ('清溪镇', '乡镇', 0, 1, '', 1)"
            )
        )
    engine.dispose()
    backups: list[Path] = []
    ctx = open_app(str(path), on_backup=backups.append)
    ctx.database.close()
    assert len(backups) == 1 and backups[0].name.endswith(f"-before-{SCHEMA_HEAD}.db")
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        assert con.execute("SELECT name FROM unit").fetchall() == [("清溪镇",)]
    finally:
        con.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    con.close()


def test_postgres_backups_point_to_pg_dump():
    assert "pg_dump" in POSTGRES_HOWTO and "pg_restore" in POSTGRES_HOWTO
