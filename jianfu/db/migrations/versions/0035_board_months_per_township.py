"""Each township's boards kept by the server as dated changes per month, so that 首页 above the
township reads a few rows per township instead of counting boards

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07 03:30:00

首页 of a county's reviewer or a city's mechanism shows, for the quarter and the one before,
the boards standing on the eve and at the end (期初, 期末), those taken down (清理) and the
approved additions (新增). Since 0032/0034 it read the sums kept per village and counted every
board with a day after the day before the earlier quarter: on the city demo 18,526 boards, nine
sums each, 38 ms of the mechanism's start.

Each of those figures is a sum of dated changes of each board. With R its day registered, D its
day taken down (摘除 or 合并 on a known day) and X its day found hanging again (on or after D),
a board hangs on a day d (``boards._hanging``) exactly by +quantity from R, -quantity from D,
+quantity from X, as long as D is not before R. So, for a span of whole months from p to e
(``plain_reads._board_columns``, each span counting the boards registered by its end):

- 期末 is the sum of the changes of the months up to e's;
- 期初 the sum of the changes of the months before p's, plus the boards registered in the span
  that are not approved additions (found hanging when registered: they hung before it);
- 清理 the boards taken down in the span (the -quantity changes of its months), 新增 the
  approved additions registered in it.

``board_month`` keeps, per township of the boards, month and township of their village (the
village's parent, by which 首页 adds them up), the quantities registered as approved additions,
registered otherwise, taken down and found hanging again, and ``board_town`` per township and
township of the village the sum of the changes of every month (the boards standing after all
their days). So 首页 reads each township's sum
and its months from the day before the earlier quarter on (a range of the key's index per
township), whatever the years of boards before; only the boards of a village's type
(村, 城市社区, 涉农社区) with a township, and not the odd ones taken down before they were
registered (``DOWN_BEFORE_REGISTERED``: their days do not add up so; 首页 counts those few from
the boards, found by a partial index). Statement triggers on ``signboard`` keep both in the same
transaction as every insert, change and delete (a truncation empties them); a statement trigger
on ``unit`` moves a village's boards' changes when the village's township or type changes.
Nobody writes them but the triggers (SECURITY DEFINER, the search path pinned as 0028 does);
row-level security lets each person read the rows of the townships whose boards they may read.
The dispositions that take a board down are 摘除 and 合并 (``db.repositories.boards.
TAKES_DOWN``), the village types ``domain.units.UnitType.village_types()``, written here as
they are stored.

SQLite has one township per file and no such reading: nothing changes there.
"""

from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

TAKES_DOWN = "('摘除', '合并')"
VILLAGE_TYPES = "('村', '城市社区', '涉农社区')"
#: a board taken down on a day before it was registered: not kept, counted from the boards
DOWN_BEFORE_REGISTERED = f"disposition IN {TAKES_DOWN} AND disposed_on < registered_on"
#: taken down on a known day
DOWN = f"b.disposition IN {TAKES_DOWN} AND b.disposed_on IS NOT NULL"
#: the boards kept (``b``, joined to their village ``v``)
KEPT = (
    f"b.township_id IS NOT NULL AND v.parent_id IS NOT NULL AND v.type IN {VILLAGE_TYPES} "
    f"AND NOT coalesce(b.disposition IN {TAKES_DOWN} AND b.disposed_on < b.registered_on, false)"
)
#: the columns of each month's changes
COLUMNS = ("added", "found_hanging", "taken_down", "hanging_again")


def _month(day: str) -> str:
    return f"date_trunc('month', {day})::date"


def _dated(boards: str, village: str) -> str:
    """Each board of ``boards`` (an alias ``b``, its village as ``v``: ``village`` joins it)
    as its dated changes, up to three rows: (township, town: the village's township, month,
    added, found, taken down, found hanging again)."""
    return (
        "SELECT b.township_id, v.parent_id AS town_id, e.month, e.added, e.found_hanging, "
        f"e.taken_down, e.hanging_again FROM {boards} {village} CROSS JOIN LATERAL (VALUES "
        f"({_month('b.registered_on')}, "
        "CASE WHEN b.approved_addition THEN b.quantity ELSE 0 END, "
        "CASE WHEN b.approved_addition THEN 0 ELSE b.quantity END, 0, 0), "
        f"(CASE WHEN {DOWN} THEN {_month('b.disposed_on')} END, 0, 0, b.quantity, 0), "
        f"(CASE WHEN {DOWN} AND b.relapsed_on >= b.disposed_on "
        f"THEN {_month('b.relapsed_on')} END, 0, 0, 0, b.quantity)"
        ") e(month, added, found_hanging, taken_down, hanging_again) "
        f"WHERE {KEPT} AND e.month IS NOT NULL"
    )


def _boards(boards: str) -> str:
    """The dated changes of the boards of ``boards`` with their village as it is now."""
    return _dated(f"{boards} b", "JOIN unit v ON v.id = b.unit_id")


#: a month's change of the boards standing
NET = "added + found_hanging - taken_down + hanging_again"


def _apply(*parts: tuple[str, str], first: str = "") -> str:
    """The changes of ``parts`` (their dated changes, sign) added to the months, one row per
    township, month and town that changes, and to the townships' totals, in key order
    (concurrent writers lock alike); ``first``: a CTE they read."""
    union = " UNION ALL ".join(
        f"SELECT township_id, town_id, month, {', '.join(f'{sign}{c} AS {c}' for c in COLUMNS)} "
        f"FROM ({dated}) p{i}"
        for i, (dated, sign) in enumerate(parts)
    )
    sums = ", ".join(f"sum({c}) AS {c}" for c in COLUMNS)
    return (
        f"WITH {first + ', ' if first else ''}"
        f"d AS MATERIALIZED (SELECT township_id, town_id, month, {sums} FROM ({union}) u "
        "GROUP BY township_id, town_id, month "
        f"HAVING {' OR '.join(f'sum({c}) <> 0' for c in COLUMNS)}), "
        f"months AS (INSERT INTO board_month AS m (township_id, month, town_id, {', '.join(COLUMNS)}) "
        f"SELECT township_id, month, town_id, {', '.join(COLUMNS)} FROM d "
        "ORDER BY township_id, month, town_id "
        "ON CONFLICT (township_id, month, town_id) DO UPDATE SET "
        + ", ".join(f"{c} = m.{c} + EXCLUDED.{c}" for c in COLUMNS)
        + ") INSERT INTO board_town AS t (township_id, town_id, standing) "
        f"SELECT township_id, town_id, sum({NET}) FROM d GROUP BY township_id, town_id "
        f"HAVING sum({NET}) <> 0 ORDER BY township_id, town_id "
        "ON CONFLICT (township_id, town_id) DO UPDATE SET standing = t.standing + "
        "EXCLUDED.standing"
    )


_TABLE = f"""
CREATE TABLE board_month (
    township_id integer NOT NULL,
    month date NOT NULL,
    town_id integer NOT NULL,
    added bigint NOT NULL,
    found_hanging bigint NOT NULL,
    taken_down bigint NOT NULL,
    hanging_again bigint NOT NULL,
    -- the changes in the key's index too: a township's months from one on read from the
    -- index alone
    PRIMARY KEY (township_id, month, town_id) INCLUDE ({', '.join(COLUMNS)})
);
COMMENT ON TABLE board_month IS
    'per township, month and township of the village, the boards registered (approved '
    'additions, others), taken down and found hanging again (migration 0035): kept by the '
    'triggers on signboard and unit';
CREATE TABLE board_town (
    township_id integer NOT NULL,
    town_id integer NOT NULL,
    standing bigint NOT NULL,
    PRIMARY KEY (township_id, town_id) INCLUDE (standing)
);
COMMENT ON TABLE board_town IS
    'per township and township of the village, the sum of board_month''s changes of every '
    'month (migration 0035): kept by the triggers on signboard and unit';
ALTER TABLE board_month ENABLE ROW LEVEL SECURITY;
CREATE POLICY board_month_read ON board_month FOR SELECT
    USING (township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
ALTER TABLE board_town ENABLE ROW LEVEL SECURITY;
CREATE POLICY board_town_read ON board_town FOR SELECT
    USING (township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
{_apply((_boards("signboard"), ""))};
CREATE INDEX ix_signboard_down_before_registered ON signboard (unit_id)
    WHERE {DOWN_BEFORE_REGISTERED};
"""


#: the villages whose township or type changed, as they were and are
_MOVES = (
    "moves AS MATERIALIZED (SELECT o.id, o.parent_id AS old_parent, o.type AS old_type, "
    "n.parent_id AS new_parent, n.type AS new_type "
    "FROM old_rows o JOIN new_rows n ON n.id = o.id "
    "WHERE n.parent_id IS DISTINCT FROM o.parent_id OR n.type IS DISTINCT FROM o.type)"
)


def _moved(which: str) -> str:
    """The dated changes of the boards of the villages in ``moves``, each village as it was
    (``which``: old) or is (new)."""
    return _dated(
        "signboard b",
        f"JOIN (SELECT id, {which}_parent AS parent_id, {which}_type AS type FROM moves) v "
        "ON v.id = b.unit_id",
    )


_FUNCTIONS = f"""
-- SECURITY DEFINER: the writer of a board or a unit may not write the months (nobody but
-- these may)
CREATE OR REPLACE FUNCTION jianfu_board_month() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_apply((_boards("new_rows"), ""))};
    ELSIF TG_OP = 'DELETE' THEN
        {_apply((_boards("old_rows"), "-"))};
    ELSE
        {_apply((_boards("new_rows"), ""), (_boards("old_rows"), "-"))};
    END IF;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION jianfu_board_month_emptied() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    DELETE FROM board_month;
    DELETE FROM board_town;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION jianfu_board_month_units() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE n.parent_id IS DISTINCT FROM o.parent_id OR n.type IS DISTINCT FROM o.type
    ) THEN
        RETURN NULL;
    END IF;
    {_apply((_moved("new"), ""), (_moved("old"), "-"), first=_MOVES)};
    RETURN NULL;
END;
$$;
CREATE TRIGGER signboard_month_insert AFTER INSERT ON signboard
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_month();
CREATE TRIGGER signboard_month_update AFTER UPDATE ON signboard
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_month();
CREATE TRIGGER signboard_month_delete AFTER DELETE ON signboard
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_month();
CREATE TRIGGER signboard_month_truncate AFTER TRUNCATE ON signboard
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_month_emptied();
CREATE TRIGGER unit_board_month_update AFTER UPDATE ON unit
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_board_month_units();
REVOKE EXECUTE ON FUNCTION jianfu_board_month() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jianfu_board_month_emptied() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jianfu_board_month_units() FROM PUBLIC;
"""

FUNCTIONS = ("jianfu_board_month", "jianfu_board_month_emptied", "jianfu_board_month_units")

#: the search path of 0028: the functions' own schema, then pg_temp
PIN = (
    "DO $$ BEGIN "
    + " ".join(
        f"EXECUTE pg_catalog.format('ALTER FUNCTION {name}() "
        "SET search_path = %I, pg_temp', pg_catalog.current_schema());"
        for name in FUNCTIONS
    )
    + " END $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_TABLE)
    op.execute(_FUNCTIONS)
    op.execute(PIN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger in ("insert", "update", "delete", "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS signboard_month_{trigger} ON signboard")
    op.execute("DROP TRIGGER IF EXISTS unit_board_month_update ON unit")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute("DROP TABLE IF EXISTS board_month")
    op.execute("DROP TABLE IF EXISTS board_town")
    op.execute("DROP INDEX IF EXISTS ix_signboard_down_before_registered")
