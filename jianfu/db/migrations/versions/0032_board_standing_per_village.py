"""Each village's standing boards kept by the server, so that 首页 above the township does not
read every board

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06 22:00:00

首页 of a county's reviewer or a city's mechanism shows the boards standing at the start and
at the end of the quarter and of the quarter before. Those are counts of every board of the
area (a board hangs on a day unless it was taken down by then and not found hanging again):
the city demo's 100,244 boards were read and tested on every start, 85-125 ms of the
mechanism's reading.

A board all of whose days (registered, taken down, found hanging again) lie before the
quarters 首页 shows counts the same on every day it asks about: its quantity when it still
hangs, nothing when it was taken down for good. ``board_standing`` keeps, per township and
village, the sum of those quantities over all its boards (``STEADY``), and statement triggers
on ``signboard`` keep it in the same transaction as every insert, change and delete (a
truncation empties it). 首页's reading (``db.plain_reads.board_figures_of`` on a server) then
reads these sums and only the boards with a day after the day before the earlier quarter
(``ix_signboard_registered_on``, ``ix_signboard_disposed_on``, ``ix_signboard_relapsed_on``),
counting those as before; the figures are the same (``tests/db/test_board_standing.py``).

The table is the server's: row-level security lets each person read the sums of the townships
whose boards they may read, and nobody writes it but the triggers (SECURITY DEFINER, the
search path pinned as 0028 does). The dispositions that take a board down are 摘除 and 合并
(``db.repositories.boards.TAKES_DOWN``, written here as they are stored). SQLite has one
township per file and no such reading: nothing changes there.
"""

from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

#: a board's quantity when it hangs on every day after all of its own days, else 0: taken
#: down (摘除, 合并) on a known day and not found hanging again since
STEADY = (
    "CASE WHEN disposition IN ('摘除', '合并') AND disposed_on IS NOT NULL "
    "AND NOT coalesce(relapsed_on >= disposed_on, false) THEN 0 ELSE quantity END"
)

#: the boards' own days 首页 asks about, each searched by its index
INDEXES = (
    ("ix_signboard_registered_on", "registered_on"),
    ("ix_signboard_relapsed_on", "relapsed_on"),
)

_TABLE = f"""
CREATE TABLE board_standing (
    township_id integer NOT NULL,
    unit_id integer NOT NULL,
    quantity bigint NOT NULL,
    PRIMARY KEY (township_id, unit_id)
);
COMMENT ON TABLE board_standing IS
    'per township and village, the boards hanging after all their days (migration 0032): '
    'kept by the triggers on signboard';
ALTER TABLE board_standing ENABLE ROW LEVEL SECURITY;
CREATE POLICY board_standing_read ON board_standing FOR SELECT
    USING (township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
INSERT INTO board_standing (township_id, unit_id, quantity)
    SELECT township_id, unit_id, sum({STEADY}) FROM signboard
    WHERE township_id IS NOT NULL GROUP BY township_id, unit_id;
"""


def _changes(*tables: tuple[str, str]) -> str:
    """The changes of the boards of ``tables`` (name, sign) to the villages' sums, one row per
    township and village that changes, in key order (concurrent writers lock alike)."""
    parts = " UNION ALL ".join(
        f"SELECT township_id, unit_id, {sign}({STEADY}) AS q FROM {name}" for name, sign in tables
    )
    return (
        "INSERT INTO board_standing AS s (township_id, unit_id, quantity) "
        f"SELECT township_id, unit_id, sum(q) FROM ({parts}) d "
        "WHERE township_id IS NOT NULL GROUP BY township_id, unit_id HAVING sum(q) <> 0 "
        "ORDER BY township_id, unit_id "
        "ON CONFLICT (township_id, unit_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity"
    )


_FUNCTIONS = f"""
-- SECURITY DEFINER: the writer of a board may not write the sums (nobody but these may)
CREATE OR REPLACE FUNCTION jianfu_board_standing() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_changes(("new_rows", ""))};
    ELSIF TG_OP = 'DELETE' THEN
        {_changes(("old_rows", "-"))};
    ELSE
        {_changes(("new_rows", ""), ("old_rows", "-"))};
    END IF;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION jianfu_board_standing_emptied() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    DELETE FROM board_standing;
    RETURN NULL;
END;
$$;
CREATE TRIGGER signboard_standing_insert AFTER INSERT ON signboard
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_standing();
CREATE TRIGGER signboard_standing_update AFTER UPDATE ON signboard
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_standing();
CREATE TRIGGER signboard_standing_delete AFTER DELETE ON signboard
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_standing();
CREATE TRIGGER signboard_standing_truncate AFTER TRUNCATE ON signboard
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_standing_emptied();
REVOKE EXECUTE ON FUNCTION jianfu_board_standing() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jianfu_board_standing_emptied() FROM PUBLIC;
"""

#: the search path of 0028: the functions' own schema, then pg_temp
PIN = (
    "DO $$ BEGIN "
    "EXECUTE pg_catalog.format('ALTER FUNCTION jianfu_board_standing() "
    "SET search_path = %I, pg_temp', pg_catalog.current_schema()); "
    "EXECUTE pg_catalog.format('ALTER FUNCTION jianfu_board_standing_emptied() "
    "SET search_path = %I, pg_temp', pg_catalog.current_schema()); END $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in INDEXES:
        op.create_index(name, "signboard", [column], unique=False)
    op.execute(_TABLE)
    op.execute(_FUNCTIONS)
    op.execute(PIN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger in ("insert", "update", "delete", "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS signboard_standing_{trigger} ON signboard")
    op.execute("DROP FUNCTION IF EXISTS jianfu_board_standing()")
    op.execute("DROP FUNCTION IF EXISTS jianfu_board_standing_emptied()")
    op.execute("DROP TABLE IF EXISTS board_standing")
    for name, _column in INDEXES:
        op.drop_index(name, table_name="signboard")
