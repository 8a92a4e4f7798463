"""Chinese names sorted by a stored key, not by a comparison called back into Python

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06 23:00:00

The screens sort names by pinyin (牌子's 名称 and 要求挂牌部门, 清单's 事项名称, 责任单位 and
依据, 准入审批's 事项名称 and 申请单位). SQLite sorted them with a collation registered on each
connection, which called Python for every comparison: on the city demo's 100,244 boards the
first page by name took 211 ms (80 ms by code point), page 301 by keyset 391 ms (39 ms).

Each of those names gets a key column beside it (``name`` → ``name_key``) holding
``domain.collation.sort_key(name)``, whose plain order is ICU's pinyin order; every existing row's
keys are computed here, and the app keeps them on every write (``db.sort_keys``). The ledger's
two keys are indexed with the board's id, the order and the keyset of its pages, so a page by
name or by department is read from the index. A key compares byte by byte: SQLite's BINARY and,
on PostgreSQL, the column's own ``COLLATE "C"`` (the server sorts by the key too: the same order
as SQLite's, on any server, with or without ICU, and from an index).

On PostgreSQL migration 0018's guard of the cases knows which level may change which column: the
keys of 事项名称 and 申请单位 go with them (the township's request).

On the city demo (``tests/bench/name_order_figures.py``, load 5-6): the upgrade takes 2.3 s on
SQLite (the file 345 -> 368 MB) and 11.9 s on PostgreSQL; then the first page by name takes
7-27 ms and page 301 by keyset 8-24 ms on SQLite, 19-35 and 20-60 ms on PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

from jianfu.domain.collation import sort_key

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

#: table -> (name column, its key column) …
KEYS = {
    "signboard": (("name", "name_key"), ("department", "department_key")),
    "list_item": (
        ("name", "name_key"),
        ("department", "department_key"),
        ("basis", "basis_key"),
    ),
    "admission_case": (("title", "title_key"), ("department", "department_key")),
}
INDEXES = (
    ("ix_signboard_name_key", "signboard", ["name_key", "id"]),
    ("ix_signboard_department_key", "signboard", ["department_key", "id"]),
)
#: rows read and written at a time
BATCH = 20_000

#: 0018's guard: the township's request, without and with the keys
_REQUEST = '"title": "事项名称", "department": "申请单位"'
_REQUEST_KEYED = (
    '"title": "事项名称", "title_key": "事项名称", '
    '"department": "申请单位", "department_key": "申请单位"'
)


def _key_type() -> sa.types.TypeEngine:
    return sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def _fill(bind: sa.Connection, table: str, pairs: tuple[tuple[str, str], ...]) -> None:
    """Every row's keys, computed from its names."""
    names = ", ".join(source for source, _key in pairs)
    server = bind.dialect.name == "postgresql"
    if server:  # one statement a batch (the statement triggers on signboard run once)
        sets = ", ".join(f"{key} = v.{key}" for _source, key in pairs)
        arrays = ", ".join(f"CAST(:{key} AS text[])" for _source, key in pairs)
        columns = ", ".join(key for _source, key in pairs)
        write = sa.text(
            f"UPDATE {table} AS t SET {sets} FROM unnest(CAST(:id AS integer[]), {arrays}) "
            f"AS v(id, {columns}) WHERE t.id = v.id"
        )
    else:
        sets = ", ".join(f"{key} = :{key}" for _source, key in pairs)
        write = sa.text(f"UPDATE {table} SET {sets} WHERE id = :id")
    read = sa.text(f"SELECT id, {names} FROM {table} WHERE id > :last ORDER BY id LIMIT {BATCH}")
    last = -1
    while rows := bind.execute(read, {"last": last}).all():
        last = rows[-1][0]
        keyed = [
            {"id": r[0], **{key: sort_key(r[i] or "") for i, (_s, key) in enumerate(pairs, 1)}}
            for r in rows
        ]
        if server:
            bind.execute(write, {k: [row[k] for row in keyed] for k in keyed[0]})
        else:
            bind.execute(write, keyed)


def _guard(bind: sa.Connection, old: str, new: str) -> None:
    """0018's guard of the cases with ``old`` of its request's columns replaced by ``new``."""
    body = bind.execute(
        sa.text("SELECT pg_get_functiondef('jianfu_case_levels_guard()'::regprocedure)")
    ).scalar_one()
    if body.count(old) != 1:
        raise RuntimeError("jianfu_case_levels_guard() is not 0018's: its columns not found")
    op.execute(body.replace(old, new))  # as 0018 created it


def upgrade() -> None:
    bind = op.get_bind()
    for table, pairs in KEYS.items():
        for _source, key in pairs:
            op.add_column(table, sa.Column(key, _key_type(), nullable=False, server_default=""))
    for table, pairs in KEYS.items():
        _fill(bind, table, pairs)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    if bind.dialect.name == "postgresql":
        _guard(bind, _REQUEST, _REQUEST_KEYED)
        for table in KEYS:  # the planner's figures of the new columns at once
            op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _guard(bind, _REQUEST_KEYED, _REQUEST)
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
    for table, pairs in KEYS.items():
        for _source, key in pairs:
            if bind.dialect.name == "sqlite":  # in place (a batch would copy the table)
                op.execute(f"ALTER TABLE {table} DROP COLUMN {key}")
            else:
                op.drop_column(table, key)
