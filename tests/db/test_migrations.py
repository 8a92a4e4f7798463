"""Schema creation, upgrade, and the databases that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from jianfu.db import engine as engine_module
from jianfu.db import schema
from jianfu.db.migrate import head_revision
from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.domain.errors import DatabaseError
from jianfu.services.database import open_app

#: Indexes only PostgreSQL gets, not in the models: pg_trgm where the server allows (0013), the
#: characters-and-pairs index of 0019c, the boards' days that 首页 above the township reads by
#: (0032: a server keeps each village's standing boards), and those with a day after a given one
#: (0034: by the latest of their days, read from the index alone), and those taken down before
#: they were registered (0035: counted from the boards, not from the months kept).
OPTIONAL_INDEXES = {
    "ix_signboard_down_before_registered",
    "ix_signboard_last_day",
    "ix_certificate_request_search",
    "ix_certificate_request_short",
    "ix_signboard_registered_on",
    "ix_signboard_relapsed_on",
}
#: PostgreSQL only (0019): a child row's township for its row-level policy, kept by a trigger
#: and never read by the app, so not in the models (SQLite has no policies)
CHILD_TABLES = ("task_candidate", "task_village", "case_step", "board_photo", "board_inspection")
#: also a township column on a server only: the audit trail's, under row-level security (0038)
CHILD_TABLES += ("audit_log",)
#: PostgreSQL only (0023b): each township's LISTEN/NOTIFY channel, kept by the server's triggers
#: and read by the listening connection with plain SQL (``db.notify``), not through the models;
#: (0032) each village's standing boards, kept by the triggers on ``signboard`` and read by
#: 首页's plain reading (``db.plain_reads``); (0034) each village's certificates per month, kept
#: by the triggers on ``certificate_request`` and read by the same; (0035) each township's boards
#: as dated changes per month and their sums, kept by the triggers on ``signboard`` and ``unit``,
#: read by the same
SERVER_TABLES = (
    "change_channel",
    "board_standing",
    "certificate_month",
    "board_month",
    "board_town",
)


def _policy_township(d: tuple, dialect: str) -> bool:
    if dialect != "postgresql":
        return False
    if d[0] == "remove_column":
        return d[2] in CHILD_TABLES and d[3].name == "township_id"
    return d[0] == "remove_index" and d[1].name in {f"ix_{t}_township_id" for t in CHILD_TABLES}


def _sqlite_register_numbering(d: tuple, dialect: str) -> bool:
    """SQLite keeps its file's UNIQUE(year, seq) (one township per file; dropping it would copy
    the table); a unique index carries the models' (township_id, year, seq)."""
    if dialect != "sqlite" or d[0] not in ("remove_constraint", "add_constraint", "remove_index"):
        return False
    obj = d[1]
    return obj.table.name == "certificate_request" and {c.name for c in obj.columns} <= {
        "township_id",
        "year",
        "seq",
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_head_constant_matches_the_scripts():
    assert head_revision() == SCHEMA_HEAD


def test_upgrade_from_empty_equals_the_models(ctx):
    with ctx.database.engine.connect() as con:
        mc = MigrationContext.configure(con, opts={"compare_type": True})
        diff = [
            d
            for d in compare_metadata(mc, schema.metadata)
            if not (d[0] in ("add_table", "remove_table") and "_fts" in str(d[1]))
            and not (d[0] == "remove_index" and d[1].name in OPTIONAL_INDEXES)
            and not _sqlite_register_numbering(d, con.dialect.name)
            and not _policy_township(d, con.dialect.name)
            and not (d[0] == "remove_table" and d[1].name in SERVER_TABLES)
        ]
    assert diff == []


def test_a_newer_schema_is_refused_and_the_file_left_unchanged(tmp_path):
    path = tmp_path / "newer.db"
    open_app(str(path)).database.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="比本程序新"):
        open_app(str(path))
    assert _digest(path) == before


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes("这不是数据库\n".encode() * 100)
    before = _digest(path)
    with pytest.raises(DatabaseError, match="不是 SQLite 数据库文件"):
        open_app(str(path))
    assert _digest(path) == before


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="不是减负数据库"):
        open_app(str(path))
    assert _digest(path) == before


def test_a_folder_that_cannot_be_created_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="无法创建数据文件夹"):
        open_app(str(blocker / "sub" / "jianfu.db"))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "不支持的数据库类型"),
        ("postgresql+psycopg://", "无法连接数据库服务器"),
        ("postgresql+psycopg://u:secret@127.0.0.1:1/db", "无法连接数据库服务器"),
        ("://nonsense", "数据库地址格式不对"),
        # an @ in the password, the port not a number: neither part of the password shown
        ("postgresql+psycopg://u:sec@secret@127.0.0.1:abc/db", "端口必须是"),
        ("postgresql+psycopg://u:se:c@secret@h:abc/db", "端口必须是"),
        # SQLAlchemy reads 'secret@127.0.0.1' as the host: refused before it is looked up
        ("postgresql+psycopg://u:sec@secret@127.0.0.1:1/db", "多个 @"),
        ("postgresql+psycopg://u:sec@secret@h:99999/db", "多个 @"),
    ],
)
def test_bad_urls_give_a_clear_message_without_the_password(url, message):
    with pytest.raises(DatabaseError) as err:
        open_app(url)
    assert message in str(err.value)
    assert "secret" not in str(err.value) and "sec@" not in str(err.value)


def test_a_database_is_backed_up_before_it_is_upgraded(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    ctx = open_app(str(path))
    from jianfu.domain.units import UnitInput
    from jianfu.services.units import UnitsService

    UnitsService(ctx).add_unit(UnitInput("岭下村"))
    ctx.database.close()
    # Pretend this app is one revision ahead of the file: it must copy the file first.
    monkeypatch.setattr(engine_module, "SCHEMA_HEAD", "0002_pretend")
    backups: list[Path] = []
    open_app(str(path), on_backup=backups.append).database.close()
    assert len(backups) == 1
    assert backups[0].parent == tmp_path / "backups"
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT name FROM unit WHERE name='岭下村'").fetchone() == ("岭下村",)
    con.close()


def test_sqlite_pragmas_are_set(ctx):
    if not ctx.database.is_sqlite:
        pytest.skip("SQLite only")
    with ctx.database.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_persons_login_does_not_upgrade_a_shared_server(db_url):
    """A reviewer or clerk who opens a server that needs an upgrade is told that only the
    owner can do it, in Chinese, before anything is tried (their login cannot alter the
    owner's tables: the upgrade failed midway with 'must be owner of table')."""
    if not db_url.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL server")
    import uuid

    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from jianfu.db.migrate import alembic_config, upgrade

    previous = ScriptDirectory.from_config(alembic_config()).get_revision(SCHEMA_HEAD)
    owner = create_engine(db_url)
    upgrade(owner, str(previous.down_revision))
    login = f"reader_{uuid.uuid4().hex[:6]}"
    with owner.begin() as con:
        con.execute(text(f"CREATE ROLE {login} LOGIN IN ROLE jianfu_reviewer"))
    person = make_url(db_url).set(username=login).render_as_string(hide_password=False)
    with pytest.raises(DatabaseError) as refused:
        open_app(person)
    message = str(refused.value)
    assert f"→ {SCHEMA_HEAD}）" in message and "只有数据库的所有者" in message
    assert "数据库未做任何改动" in message and "must be owner" not in message
    with owner.connect() as con:
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == str(
            previous.down_revision
        )
    owner.dispose()
    open_app(db_url).database.close()  # the owner upgrades it


def test_two_upgrades_at_once_in_one_process_run_one_after_the_other(tmp_path, monkeypatch):
    """Alembic keeps a run's environment in module-wide proxies: two daily backups checking
    their copies at once (each migrates a scratch database) mixed their runs and ended the
    process with a segmentation fault. The first run waits, inside Alembic, for the second to
    come in too; the second must not come in before the first is done."""
    import threading

    from alembic import command
    from sqlalchemy import create_engine

    from jianfu.db import migrate

    real = command.upgrade
    inside: list[str] = []
    overlapped: list[list[str]] = []
    second_started = threading.Event()

    def watched(cfg, target, *args, **kwargs):
        name = threading.current_thread().name
        inside.append(name)
        if len(inside) > 1:
            overlapped.append(list(inside))
        if name == "first":
            second_started.wait(3)  # the second is started and could come in now
        try:
            return real(cfg, target, *args, **kwargs)
        finally:
            inside.remove(name)

    monkeypatch.setattr(command, "upgrade", watched)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        engine = create_engine(f"sqlite:///{tmp_path / name}.db")
        try:
            migrate.upgrade(engine)
        except Exception as exc:  # noqa: BLE001  (kept for the assertion below)
            errors.append(exc)
        finally:
            engine.dispose()

    first = threading.Thread(target=run, args=("first",), name="first")
    first.start()
    while "first" not in inside and first.is_alive():
        second_started.wait(0.01)
    second = threading.Thread(target=run, args=("second",), name="second")
    second.start()
    second_started.set()
    first.join()
    second.join()
    assert errors == []
    assert overlapped == []
    for name in ("first", "second"):
        con = sqlite3.connect(tmp_path / f"{name}.db")
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
                SCHEMA_HEAD,
            )
        finally:
            con.close()
