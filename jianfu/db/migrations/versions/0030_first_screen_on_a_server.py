"""首页's statements on a shared server: the row-level policies' helper planned once per
connection, and an index of the tasks past their end

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06 16:00:00

Every read policy asks ``township_id = ANY (ARRAY(SELECT jianfu_visible_townships()))``, which
PostgreSQL evaluates once per statement. The function was written in SQL with its own search
path (0028), so it was never inlined and PostgreSQL planned its recursive query again on every
call, together with the ``jianfu_is_admin()`` inside it; the plan it chose walked down the
unit tree by hashing a scan of every unit (3,161 on the city demo). One reading of 首页 calls
it about 22 times: 10 of the county reviewer's 25 ms of statements, 6 of a clerk's 7 ms.

Now it is PL/pgSQL, whose statements are planned once per connection and kept, and it walks
down the tree by the index on ``parent_id`` (a LATERAL subquery that the planner may not merge
into a hash join: ``OFFSET 0``). The rule is the same, word for word: the townships at or below
the connected person's unit (an active login, not an administrator), or every township for an
active administrator; nobody else sees any. It is still SECURITY INVOKER and STABLE, with the
search path of 0028 (its schema, then ``pg_temp``). A call on the city demo, planned with the
statement around it as the app sends it: the county reviewer 700 µs -> 80 µs, a clerk 260 µs
-> 45 µs (SQLite has no policies).

首页 also reminds of the temporary and staged in-list tasks past their end date, longest past
first. No index served it: the owner's reading scanned every task (20,007 on the city demo)
for the 2,421 past their end (8-11 ms), a county's reviewer found the county's 2,021 tasks by
township and read each (4 ms). ``ix_task_request_past_end`` holds those tasks alone (the
models' ``PAST_END_WHERE``, 2,700 of the city's 20,000) by end date: the owner 1.9 ms, the
reviewer 0.6 ms (the township index and this one ANDed), a clerk 0.6 -> 0.3 ms. SQLite gets it
too, as the models declare it (its planner cannot use it for a statement with bound values).
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

TOWNSHIP = "乡镇(街道)"

NEW = f"""
CREATE OR REPLACE FUNCTION jianfu_visible_townships() RETURNS SETOF integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    WITH RECURSIVE below(id, type) AS (
        SELECT u.id, u.type FROM unit u JOIN app_user a ON a.unit_id = u.id
        WHERE a.login = current_user AND a.active AND a.role <> 'admin'
        UNION ALL
        SELECT c.id, c.type FROM below b CROSS JOIN LATERAL (
            -- each level by the index on parent_id (OFFSET 0: not merged into a hash join
            -- that scans every unit)
            SELECT u.id, u.type FROM unit u WHERE u.parent_id = b.id OFFSET 0
        ) c
        WHERE b.type <> '{TOWNSHIP}'
    )
    SELECT below.id FROM below WHERE below.type = '{TOWNSHIP}'
    UNION ALL
    SELECT unit.id FROM unit WHERE unit.type = '{TOWNSHIP}' AND EXISTS (
        SELECT FROM app_user a WHERE a.login = current_user AND a.active AND a.role = 'admin'
    );
END;
$$
"""

#: as 0010 made it (and 0028 pinned its search path)
OLD = f"""
CREATE OR REPLACE FUNCTION jianfu_visible_townships() RETURNS SETOF integer
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE below(id, type) AS (
        SELECT u.id, u.type FROM unit u JOIN app_user a ON a.unit_id = u.id
        WHERE a.login = current_user AND a.active AND a.role <> 'admin'
        UNION ALL
        SELECT u.id, u.type FROM unit u JOIN below b ON u.parent_id = b.id
        WHERE b.type <> '{TOWNSHIP}'
    )
    SELECT id FROM below WHERE type = '{TOWNSHIP}'
    UNION ALL
    SELECT id FROM unit WHERE type = '{TOWNSHIP}' AND jianfu_is_admin()
$$
"""

#: CREATE OR REPLACE drops the function's settings: its search path as 0028 pins it
PIN = (
    "DO $$ BEGIN EXECUTE pg_catalog.format('ALTER FUNCTION jianfu_visible_townships() "
    "SET search_path = %I, pg_temp', pg_catalog.current_schema()); END $$"
)


def _replace(definition: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(definition)
    op.execute(PIN)


#: 首页's reminders of the temporary and staged in-list tasks past their end date
PAST_END = "ix_task_request_past_end"
PAST_END_WHERE = "decision = '清单内' AND nature IN ('临时', '阶段')"


def upgrade() -> None:
    _replace(NEW)
    op.create_index(
        PAST_END,
        "task_request",
        ["end_date", "id"],
        sqlite_where=sa.text(PAST_END_WHERE),
        postgresql_where=sa.text(PAST_END_WHERE),
    )


def downgrade() -> None:
    op.drop_index(PAST_END, table_name="task_request")
    _replace(OLD)
