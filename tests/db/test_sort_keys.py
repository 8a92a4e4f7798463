"""Migration 0033's stored sort keys of the Chinese names the screens sort by (``db.sort_keys``):
the migration computes the key of every row a database holds and goes down and up; the app
keeps each key equal to ``domain.collation.sort_key`` of its name on every write (the services,
the imports, the ORM's objects, INSERT and UPDATE statements, the ORM's bulk writes); sorts
by them read the ledger's pages from its index. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from openpyxl import Workbook
from sqlalchemy import insert, inspect, select, text, update

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_tasks import AdmissionCaseRow
from jianfu.db.sort_keys import KEYED
from jianfu.domain.boards import BoardFilter, BoardInput
from jianfu.domain.collation import sort_key
from jianfu.domain.lists import ListEdition, ListItem
from jianfu.services.cases import CaseFilter
from jianfu.services.lists import ItemFilter
from jianfu.services.registry import Services

INDEXES = {"ix_signboard_name_key", "ix_signboard_department_key"}


def _rows(con, table: str) -> list[tuple]:
    """(id, name, key, name, key, …) of every row of ``table``, by plain SQL."""
    columns = ", ".join(f"{s}, {k}" for s, k in KEYED[table].items())
    return list(con.execute(text(f"SELECT id, {columns} FROM {table} ORDER BY id")))


def _wrong_keys(ctx) -> dict[str, list[int]]:
    """The rows of each keyed table whose key is not its name's; how many rows were read."""
    wrong: dict[str, list[int]] = {}
    with ctx.database.engine.connect() as con:
        for table in KEYED:
            for row in _rows(con, table):
                pairs = zip(row[1::2], row[2::2], strict=True)
                if any(key != sort_key(name) for name, key in pairs):
                    wrong.setdefault(table, []).append(row[0])
    return wrong


def _columns(ctx, table: str) -> set[str]:
    with ctx.database.engine.connect() as con:
        return {c["name"] for c in inspect(con).get_columns(table)}


def _indexes(ctx) -> set[str]:
    with ctx.database.engine.connect() as con:
        return {i["name"] for i in inspect(con).get_indexes("signboard")}


def test_the_migration_computes_every_rows_keys_and_goes_down_and_up(demo_ctx):
    services = Services.create(demo_ctx)
    by_name = [b.id for b in services.boards.page(BoardFilter(sort="name"), 0, 500).rows]
    assert _wrong_keys(demo_ctx) == {}
    assert _indexes(demo_ctx) >= INDEXES

    cfg = alembic_config()
    with demo_ctx.database.engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0032")
    for table, keys in KEYED.items():
        assert not set(keys.values()) & _columns(demo_ctx, table), table
    assert not INDEXES & _indexes(demo_ctx)
    # names written at 0032 (without keys): the migration computes theirs
    with demo_ctx.database.engine.begin() as con:
        con.execute(text("UPDATE signboard SET name = '乐山村' || name WHERE id % 3 = 0"))
        con.execute(text("UPDATE list_item SET department = '县民政局' WHERE id % 2 = 0"))
        con.execute(text("UPDATE admission_case SET title = '安置' || title"))
        counts = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in KEYED}
    assert all(counts.values()), counts

    upgrade(demo_ctx.database.engine)
    assert _wrong_keys(demo_ctx) == {}
    assert _indexes(demo_ctx) >= INDEXES
    with demo_ctx.database.engine.connect() as con:
        assert {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in KEYED} == counts
    walked = services.boards.page(BoardFilter(sort="name"), 0, 500).rows
    names = [b.name for b in walked]
    assert names == sorted(names, key=sort_key) and len(names) == len(by_name)
    assert sum(n.startswith("乐山村") for n in names) > 10


def test_the_app_keeps_the_keys_on_every_write(demo_ctx, tmp_path):
    services = Services.create(demo_ctx)
    boards = services.boards
    village = boards.villages()[0].id
    # a board added, then renamed, through the service (ORM objects)
    board = boards.add_board(BoardInput(village, "张村综治中心", "吊牌", department="县委政法委"))
    board = boards.update_board(
        board.id,
        replace(BoardInput(village, "安村综治中心", "吊牌"), department="县民政局"),
        board.version,
    )
    # boards imported from a workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["村(社区)", "牌子名称", "类别", "悬挂位置", "要求挂牌部门"])
    village_name = boards.villages()[0].name
    sheet.append([village_name, "北村老年协会", "吊牌", "外部", "县民政局"])
    sheet.append([village_name, "陈家村调解室", "吊牌", "外部", "县司法局"])
    book.save(tmp_path / "台账.xlsx")
    preview = boards.preview_import(tmp_path / "台账.xlsx")
    assert preview.ok, preview.problems
    assert boards.commit_import(preview) == 2

    lists = services.lists
    draft = lists.create_edition(ListEdition(name="2026年版"))  # the items copied
    first = lists.items_page(ItemFilter(draft.id)).rows[0]
    lists.save_item(replace(first, name="乐山村" + first.name, basis="《村民委员会组织法》"))
    lists.save_item(ListItem(kind="duty", name="安全生产宣传", edition_id=draft.id))

    cases = services.cases
    case = cases.page(CaseFilter()).rows[0].case
    with demo_ctx.unit_of_work() as s:
        ids = list(s.execute(select(SignboardRow.id).order_by(SignboardRow.id)).scalars())
        # UPDATE statements, ORM-enabled and Core: the names only, the keys added
        s.execute(update(SignboardRow).where(SignboardRow.id == ids[0]).values(name="赵村"))
        s.execute(
            update(SignboardRow)
            .where(SignboardRow.id.in_(ids[1:4]))
            .values({"department": "县发展和改革局", "notes": "已核"})
        )
        versions = s.execute(
            select(SignboardRow.id, SignboardRow.version).where(SignboardRow.id.in_(ids[4:8]))
        ).all()
        s.execute(
            update(SignboardRow),
            [
                {"id": i, "version": v, "name": f"王村{i}号", "department": "县住房和城乡建设局"}
                for i, v in versions
            ],
        )  # fmt: skip (an ORM bulk update by primary key)
        table = SignboardRow.__table__
        s.execute(table.update().where(table.c.id == ids[8]).values(name="李村"))
        s.execute(
            update(AdmissionCaseRow)
            .where(AdmissionCaseRow.id == case.id)
            .values(title="岭下村文化活动", department="县文化和旅游局")
        )
        # INSERT statements: the city demo's bulk inserts and a Core one
        model = s.execute(select(table).where(table.c.id == ids[9])).mappings().one()
        row = {k: v for k, v in model.items() if k not in ("id", "name_key", "department_key")}
        s.execute(
            insert(SignboardRow), [{**row, "name": "清溪村便民服务站"}, {**row, "name": "石门村"}]
        )
        s.execute(table.insert().values({**row, "name": "洋垄村", "department": ""}))
    assert _wrong_keys(demo_ctx) == {}
    with demo_ctx.unit_of_work() as s:
        named = dict(s.execute(select(SignboardRow.name, SignboardRow.name_key)).all())
        assert named["赵村"] == sort_key("赵村") and named["洋垄村"] == sort_key("洋垄村")
        assert named["安村综治中心"] == sort_key("安村综治中心")
    # the ledger by name: every board, the new ones in their places
    walked = boards.page(BoardFilter(sort="name"), 0, 1000).rows
    names = [b.name for b in walked]
    assert names == sorted(names, key=sort_key)
    assert {"赵村", "李村", "洋垄村", "北村老年协会", f"王村{ids[4]}号"} <= set(names)


def test_a_name_set_by_sql_without_its_key_is_refused(demo_ctx):
    with pytest.raises(ValueError, match="name_key"), demo_ctx.unit_of_work() as s:
        s.execute(update(SignboardRow).values(name=SignboardRow.room))


def test_the_city_demos_bulk_inserts_have_their_keys(db_template):
    from tests.conftest import seed_city

    ctx, _ = db_template("city", seed_city)
    with ctx.database.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM signboard")).scalar() > 500
    assert _wrong_keys(ctx) == {}


def test_the_pages_by_name_are_read_from_the_index(demo_ctx):
    """The ledger's first page by name or by department, and a later one by key (keyset), walk
    the key's index in order: no sort of the ledger (SQLite's plan; PostgreSQL's with the
    table's scan and sorting made dear, as its planner prefers them on the demo's few rows)."""
    from sqlalchemy import event

    engine = demo_ctx.database.engine
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "ORDER BY" in statement and "LIMIT" in statement:
            sent.append((statement, parameters))

    boards = Services.create(demo_ctx).boards
    event.listen(engine, "before_cursor_execute", record)
    try:
        for sort in ("name", "department"):
            for descending in (False, True):
                f = BoardFilter(sort=sort, descending=descending)
                boards.page(f, 0, 10)
                boards.page(f, 10, 10)  # by key, after the first page's last row
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(sent) == 8
    with engine.begin() as con:
        sqlite = con.dialect.name == "sqlite"
        if not sqlite:
            con.exec_driver_sql("SET LOCAL enable_seqscan = off")
            con.exec_driver_sql("SET LOCAL enable_sort = off")
        for statement, parameters in sent:
            key = "name_key" if "ORDER BY signboard.name_key" in statement else "department_key"
            explain = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            plan = " ".join(
                str(r[-1]) for r in con.exec_driver_sql(explain + statement, parameters)
            )
            assert f"ix_signboard_{key}" in plan, plan
            assert ("TEMP B-TREE" if sqlite else " Sort ") not in plan, plan
