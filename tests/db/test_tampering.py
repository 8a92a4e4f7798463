"""Tampering and misuse: a skeleton or altered backup is not restored, a bad database address
and a database held by another writer give Chinese messages; nothing changes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from jianfu.db import engine as db_engine
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput
from jianfu.services.backup import inspect_backup, restore_database
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def town(tmp_path) -> Path:
    path = tmp_path / "town.db"
    ctx = open_app(str(path))
    SettingsService(ctx).save(TownshipSettings(township_name="清溪镇"))
    UnitsService(ctx).add_unit(UnitInput("东山村"))
    ctx.database.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def _skeleton(path: Path) -> Path:
    """Only the five tables an older restore looked at, at the current revision."""
    con = sqlite3.connect(path)
    con.executescript(
        f"""
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
        INSERT INTO alembic_version VALUES ('{SCHEMA_HEAD}');
        CREATE TABLE unit (id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT);
        CREATE TABLE department (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY);
        """
    )
    con.close()
    return path


def test_a_skeleton_backup_is_refused_and_nothing_changes(town, tmp_path):
    before = _digest(town)
    skeleton = _skeleton(tmp_path / "skeleton.db")
    with pytest.raises(DatabaseError, match="不是完整的减负数据库") as err:
        restore_database(town, skeleton, backup_dir=tmp_path / "backups")
    assert "数据表" in str(err.value) and "未做任何改动" in str(err.value)
    assert _digest(town) == before
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_a_backup_missing_a_column_is_refused(town, tmp_path):
    altered = tmp_path / "altered.db"
    shutil.copyfile(town, altered)
    con = sqlite3.connect(altered)
    con.execute("ALTER TABLE unit DROP COLUMN notes")  # a column no index uses
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match=r"unit\.notes 列"):
        inspect_backup(altered)
    before = _digest(town)
    with pytest.raises(DatabaseError):
        restore_database(town, altered, backup_dir=tmp_path / "backups")
    assert _digest(town) == before
    assert inspect_backup(town).units == 1  # the real thing still passes


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql://clerk:secret@localhost:abc/jianfu", "端口必须是"),
        ("postgresql://clerk:secret@localhost:99999/jianfu", "端口 99999 不对"),
        ("postgresql://clerk:secret@local host:5432/jianfu", "格式不对|无法连接数据库服务器"),
        ("mysql://clerk:secret@localhost/jianfu", "不支持的数据库类型"),
    ],
)
def test_a_bad_database_address_gets_a_chinese_message(url, words):
    with pytest.raises(DatabaseError, match=words) as err:
        open_app(url)
    assert "secret" not in str(err.value)


def test_a_database_held_by_another_writer_gives_a_chinese_message(town, monkeypatch):
    monkeypatch.setattr(db_engine, "SQLITE_BUSY_MS", 300)
    ctx = open_app(str(town))
    holder = sqlite3.connect(town, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another app's long import holds the write lock
        with pytest.raises(DatabaseError, match="正被其他操作占用") as err:
            UnitsService(ctx).add_unit(UnitInput("西岭村"))
        assert "database is locked" not in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    names = [u.name for u in UnitsService(ctx).list_page().rows]
    ctx.database.close()
    assert "西岭村" not in names
