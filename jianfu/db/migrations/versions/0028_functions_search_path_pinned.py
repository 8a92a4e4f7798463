"""Every function of the schema that names a table looks it up in the schema, not first in
the session's temporary tables

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06 11:00:00

PostgreSQL looks a table up in the session's temporary schema first whenever ``pg_temp`` is
not named in the search path, and every login may create temporary tables (``TEMPORARY`` is
granted to PUBLIC on a new database). The row-level policies ask ``jianfu_visible_townships()``,
``jianfu_own_township()``, ``jianfu_is_admin()`` …, which read ``app_user`` and ``unit`` by
their bare names with the caller's search path: a clerk who made a temporary ``app_user``
naming themselves 'admin' (psql is enough) read and wrote every township's rows. The SECURITY
DEFINER helpers (``SET search_path = public``) had the same gap as the owner:
``jianfu_certificate_candidates`` answered another township's request ids.

Now each such function runs with ``search_path = <its schema>, pg_temp``: a temporary table
comes last, a schema of the caller's never. The four that name no table (``jianfu_short_grams``
of an index, ``jianfu_case_name``, ``jianfu_role_label``, ``jianfu_case_steps``) are left
as they are, so they are still inlined. Nothing else changes; on SQLite nothing at all.

What it costs: a function with its own search path sets and restores it on each call. The read
policies call theirs once per statement (``= ANY (ARRAY(SELECT …))``); the write policies'
``jianfu_own_township() OR jianfu_is_admin()`` is called per row written: 100,000 calls took
1,142 ms against 752 ms unpinned (medians of 5, alternating, machine at load 3.4), about 4 µs
more per row written.
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

#: functions that name no table, left unpinned (a SET clause would stop their inlining)
PURE = ("jianfu_short_grams", "jianfu_case_name", "jianfu_role_label", "jianfu_case_steps")

_EACH = """
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS sig, p.prosecdef AS definer, n.nspname AS schema
        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = pg_catalog.current_schema() AND p.proname LIKE 'jianfu\\_%'
          AND p.proname <> ALL (ARRAY[{pure}])
    LOOP
        {action}
    END LOOP;
END;
$$
"""


def _each(action: str) -> str:
    pure = ", ".join(f"'{name}'" for name in PURE)
    return _EACH.format(pure=pure, action=action)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        _each(
            "EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = %I, pg_temp', "
            "f.sig, f.schema);"
        )
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # as before: the SECURITY DEFINER ones with search_path = public, the others without
    op.execute(
        _each(
            "IF f.definer THEN EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = "
            "public', f.sig); ELSE EXECUTE pg_catalog.format('ALTER FUNCTION %s RESET "
            "search_path', f.sig); END IF;"
        )
    )
