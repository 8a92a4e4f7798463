"""Each village's certificates per month kept by the server, and the boards with a day after a
given day found by one index, so that 首页 above the township reads less

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 01:30:00

首页 of a county's reviewer or a city's mechanism counts, for the quarter and the one before,
the certificates issued, refused and asked for though not listed per township, and the boards
standing, cleaned and added. On the city demo that read and tested 43,837 certificate requests
(the two quarters' share of 300,000) and found the boards with a day after the day before the
earlier quarter by testing all 100,244 boards of the area in the index on township and status
(the policy's array of townships makes the planner expect a few hundred rows).

``certificate_month`` keeps, per township, month and village, how many requests of that month
(``request_date``) were issued (出具, 议事协商后出具), refused (不予出具并告知替代途径) and not
listed (verdict ``unlisted``), as ``db.plain_reads``' per-township reading counts them; statement
triggers on ``certificate_request`` keep it in the same transaction as every insert, change and
delete (a truncation empties it). A request with no township or no village is counted in no
row of the report above the township and is not kept. 首页 reads the months of a span of whole
months from it (15,554 rows for the demo's two quarters), through the village's unit as before
(its township and type at the time of reading), the counts from the key's index alone. Nobody
writes it but the triggers (SECURITY DEFINER, the search path pinned as 0028 does); row-level
security lets each person read the months of the townships whose requests they may read.

The boards: an index on the township and the latest of a board's three days (registered, taken
down, found hanging again), with the columns the counting reads, finds those with a day after a
given one by a range per township and reads them from the index alone (``db.plain_reads``'
``_standing_board_figures`` asks for ``GREATEST(registered_on, disposed_on, relapsed_on) >
since``: PostgreSQL's GREATEST passes over NULLs, as the three days OR-ed before). 0032's
indexes on each day stay (a filter of the boards by a day may use them).

SQLite has one township per file and no such reading: nothing changes there. The outcomes and
the verdict are written here as they are stored (``plain_reads.CERT_ISSUED`` and the others).
"""

from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

#: the latest of a board's own days (NULLs passed over), as the reading writes it
LAST_DAY = "GREATEST(registered_on, disposed_on, relapsed_on)"
#: what the counting reads of such a board (``plain_reads._STEADY``, ``_board_columns``)
READ = "unit_id, quantity, disposition, approved_addition, registered_on, disposed_on, relapsed_on"

#: a request's counts, each 1 or 0, as ``plain_reads.ReportSources`` counts them
COUNTS = (
    "CASE WHEN outcome IN ('出具', '议事协商后出具') THEN 1 ELSE 0 END",
    "CASE WHEN outcome = '不予出具并告知替代途径' THEN 1 ELSE 0 END",
    "CASE WHEN verdict = 'unlisted' THEN 1 ELSE 0 END",
)
#: the month a request counts in
MONTH = "date_trunc('month', request_date)::date"
#: the requests kept: those with a township and a village
KEPT = "township_id IS NOT NULL AND village_id IS NOT NULL AND request_date IS NOT NULL"

_TABLE = f"""
CREATE TABLE certificate_month (
    township_id integer NOT NULL,
    month date NOT NULL,
    village_id integer NOT NULL,
    issued integer NOT NULL,
    refused integer NOT NULL,
    unlisted integer NOT NULL,
    -- the counts in the key's index too: a span's months read from the index alone
    PRIMARY KEY (township_id, month, village_id) INCLUDE (issued, refused, unlisted)
);
COMMENT ON TABLE certificate_month IS
    'per township, month and village, the certificate requests issued, refused and not listed '
    '(migration 0034): kept by the triggers on certificate_request';
ALTER TABLE certificate_month ENABLE ROW LEVEL SECURITY;
CREATE POLICY certificate_month_read ON certificate_month FOR SELECT
    USING (township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
INSERT INTO certificate_month (township_id, month, village_id, issued, refused, unlisted)
    SELECT township_id, {MONTH}, village_id, {", ".join(f"sum({c})" for c in COUNTS)}
    FROM certificate_request WHERE {KEPT} GROUP BY 1, 2, 3;
"""


def _changes(*tables: tuple[str, str]) -> str:
    """The changes of the requests of ``tables`` (name, sign) to the months' counts, one row per
    township, month and village that changes, in key order (concurrent writers lock alike)."""
    parts = " UNION ALL ".join(
        f"SELECT township_id, {MONTH} AS month, village_id, "
        + ", ".join(f"{sign}({c}) AS n{i}" for i, c in enumerate(COUNTS))
        + f" FROM {name} WHERE {KEPT}"
        for name, sign in tables
    )
    return (
        "INSERT INTO certificate_month AS m "
        "(township_id, month, village_id, issued, refused, unlisted) "
        "SELECT township_id, month, village_id, sum(n0), sum(n1), sum(n2) "
        f"FROM ({parts}) d GROUP BY township_id, month, village_id "
        "HAVING sum(n0) <> 0 OR sum(n1) <> 0 OR sum(n2) <> 0 "
        "ORDER BY township_id, month, village_id "
        "ON CONFLICT (township_id, month, village_id) DO UPDATE SET "
        "issued = m.issued + EXCLUDED.issued, refused = m.refused + EXCLUDED.refused, "
        "unlisted = m.unlisted + EXCLUDED.unlisted"
    )


_FUNCTIONS = f"""
-- SECURITY DEFINER: the writer of a request may not write the counts (nobody but these may)
CREATE OR REPLACE FUNCTION jianfu_certificate_month() RETURNS trigger
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
CREATE OR REPLACE FUNCTION jianfu_certificate_month_emptied() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    DELETE FROM certificate_month;
    RETURN NULL;
END;
$$;
CREATE TRIGGER certificate_request_month_insert AFTER INSERT ON certificate_request
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_certificate_month();
CREATE TRIGGER certificate_request_month_update AFTER UPDATE ON certificate_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_certificate_month();
CREATE TRIGGER certificate_request_month_delete AFTER DELETE ON certificate_request
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_certificate_month();
CREATE TRIGGER certificate_request_month_truncate AFTER TRUNCATE ON certificate_request
    FOR EACH STATEMENT EXECUTE FUNCTION jianfu_certificate_month_emptied();
REVOKE EXECUTE ON FUNCTION jianfu_certificate_month() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jianfu_certificate_month_emptied() FROM PUBLIC;
"""

#: the search path of 0028: the functions' own schema, then pg_temp
PIN = (
    "DO $$ BEGIN "
    "EXECUTE pg_catalog.format('ALTER FUNCTION jianfu_certificate_month() "
    "SET search_path = %I, pg_temp', pg_catalog.current_schema()); "
    "EXECUTE pg_catalog.format('ALTER FUNCTION jianfu_certificate_month_emptied() "
    "SET search_path = %I, pg_temp', pg_catalog.current_schema()); END $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX ix_signboard_last_day ON signboard (township_id, ({LAST_DAY})) "
        f"INCLUDE ({READ})"
    )
    op.execute(_TABLE)
    op.execute(_FUNCTIONS)
    op.execute(PIN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger in ("insert", "update", "delete", "truncate"):
        op.execute(
            f"DROP TRIGGER IF EXISTS certificate_request_month_{trigger} ON certificate_request"
        )
    op.execute("DROP FUNCTION IF EXISTS jianfu_certificate_month()")
    op.execute("DROP FUNCTION IF EXISTS jianfu_certificate_month_emptied()")
    op.execute("DROP TABLE IF EXISTS certificate_month")
    op.execute("DROP INDEX IF EXISTS ix_signboard_last_day")
