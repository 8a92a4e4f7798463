"""Certificate search through an index for a person's login on PostgreSQL, row security kept

Revision ID: 0019c
Revises: 0022
Create Date: 2026-12-05 21:35:00

Under row-level security PostgreSQL evaluates a query's own conditions after the policies,
and may put one into an index scan only when all its functions are leakproof (only a superuser
can mark one so). ``ILIKE`` is not: for a person's login the trigram index of 0013 was never
used, and a search by the coordination mechanism read the city's 300,000 requests (1-2 s),
whatever its length; the database's owner, who is not subject to the policies, used the index.

Two indexes and one helper:
- ``jianfu_short_grams(text)``: every character and every pair of adjacent characters of the
  lowered text; a GIN index on it over the searchable text answers 1-2 character searches (the
  trigram index needs 3);
- ``jianfu_certificate_candidates(q)``, SECURITY DEFINER: the ids of the requests whose text
  contains ``q`` (``ILIKE``, through either index), among the townships the connected person
  sees (``jianfu_visible_townships_of(session_user)``, the same rule as the policies'
  ``jianfu_visible_townships()`` for ``current_user``). The app asks
  ``id IN (SELECT jianfu_certificate_candidates(q))`` and keeps its own ``ILIKE`` and the
  policies on the rows it reads: the rows found and the rows visible are exactly as before;
  the helper itself answers a person only with ids of rows in their own townships, which they
  may read (a login that switched to a group role with SET ROLE could RESET ROLE anyway).
"""

from alembic import op

revision = '0019c'
down_revision = '0022'
branch_labels = None
depends_on = None

TOWNSHIP = '乡镇(街道)'
#: the searchable text, exactly as 0013's index and db.repositories.certificates write it
TEXT = (
    "({t}applicant_name || chr(10) || {t}subject || chr(10) || {t}purpose || chr(10) || "
    "{t}agency || chr(10) || {t}item_name || chr(10) || {t}notes)"
)

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION jianfu_short_grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    s text := lower(t);
    grams text[] := string_to_array(s, NULL);
BEGIN
    FOR i IN 1 .. length(s) - 1 LOOP
        grams := grams || substr(s, i, 2);
    END LOOP;
    RETURN grams;
END;
$$;

-- jianfu_visible_townships() for the login ``who`` (kept the same: a test compares them)
CREATE OR REPLACE FUNCTION jianfu_visible_townships_of(who name) RETURNS SETOF integer
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE below(id, type) AS (
        SELECT u.id, u.type FROM unit u JOIN app_user a ON a.unit_id = u.id
        WHERE a.login = who AND a.active AND a.role <> 'admin'
        UNION ALL
        SELECT u.id, u.type FROM unit u JOIN below b ON u.parent_id = b.id
        WHERE b.type <> '{TOWNSHIP}'
    )
    SELECT id FROM below WHERE type = '{TOWNSHIP}'
    UNION ALL
    SELECT id FROM unit WHERE type = '{TOWNSHIP}' AND coalesce(
        (SELECT role = 'admin' FROM app_user WHERE login = who AND active), false)
$$;
REVOKE ALL ON FUNCTION jianfu_visible_townships_of(name) FROM PUBLIC;

CREATE OR REPLACE FUNCTION jianfu_certificate_candidates(q text) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    towns integer[] := ARRAY(SELECT jianfu_visible_townships_of(session_user));
BEGIN
    IF q IS NULL OR q = '' THEN
        RETURN;
    END IF;
    IF length(q) < 3 THEN
        RETURN QUERY SELECT c.id FROM certificate_request c
            WHERE jianfu_short_grams({TEXT.format(t="c.")}) @> ARRAY[lower(q)]
              AND c.township_id = ANY (towns);
    ELSE
        RETURN QUERY SELECT c.id FROM certificate_request c
            WHERE {TEXT.format(t="c.")} ILIKE '%' || replace(replace(replace(q, '\\', '\\\\'),
                  '%', '\\%'), '_', '\\_') || '%'
              AND c.township_id = ANY (towns);
    END IF;
END;
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTIONS)
    op.execute(
        'CREATE INDEX ix_certificate_request_short ON certificate_request '
        f'USING gin (jianfu_short_grams({TEXT.format(t="")}))'
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP INDEX ix_certificate_request_short')
    op.execute('DROP FUNCTION jianfu_certificate_candidates(text)')
    op.execute('DROP FUNCTION jianfu_visible_townships_of(name)')
    op.execute('DROP FUNCTION jianfu_short_grams(text)')
