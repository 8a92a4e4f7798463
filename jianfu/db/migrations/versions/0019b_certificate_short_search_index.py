"""Certificate search by one or two characters through an index on SQLite

Revision ID: 0019b
Revises: 0018
Create Date: 2026-12-05 21:20:00

The trigram index of 0013 answers 3 characters or more; a surname (王) or two characters (王小)
read every row of the register (a city's 300,000: 0.4-1 s). SQLite gets a second full-text
table, contentless and without positions (FTS5 ``detail=none``), whose document for a request
is every single character and every pair of adjacent characters of each searchable column,
separated by spaces: the pair 王小 is a token of its own, so "contains 王小" is one token's
list of rows. Triggers keep it in the same transaction as the row, in plain SQL (a table of
positions 1..2000 cuts the text; a value longer than that, which the app never writes, marks its
row with a token that every short search also takes). The index only chooses candidates: the
search still applies its own test to them (``db.repositories.certificates``), so it finds
exactly the rows it found before. PostgreSQL: nothing here (row-level security keeps a
non-leakproof search condition off every index for a person's login; see the module).
"""

from alembic import op

revision = '0019b'
down_revision = '0018'
branch_labels = None
depends_on = None

TABLE = 'certificate_request_short_fts'
POSITIONS = 'certificate_request_short_fts_n'
#: the longest text a position reaches (the app's longest searchable field: notes, 2,000)
LONGEST = 2000
#: the token of a row with a longer value: every short search takes such rows as candidates
OVERLONG = 'jianfuoverlong'
COLUMNS = ('applicant_name', 'subject', 'purpose', 'agency', 'item_name', 'notes')


def document(row: str) -> str:
    """SQL for the index document of ``row`` (``new``, ``old`` or a table alias)."""
    values = ' UNION ALL '.join(
        f'SELECT {k} AS k, {row}.{c} AS v' for k, c in enumerate(COLUMNS)
    )
    longest = ', '.join(f'length({row}.{c})' for c in COLUMNS)
    return (
        f"(SELECT coalesce(group_concat(g, ' '), '') || "
        f"CASE WHEN max({longest}) > {LONGEST} THEN ' {OVERLONG}' ELSE '' END "
        f"FROM (SELECT substr(v, n, 1) || ' ' || substr(v, n, 2) AS g "
        f"FROM ({values}) JOIN {POSITIONS} ON n <= length(v) ORDER BY k, n))"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.execute(f'CREATE TABLE {POSITIONS} (n INTEGER PRIMARY KEY)')
    op.execute(
        f'WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < {LONGEST}) '
        f'INSERT INTO {POSITIONS} (n) SELECT n FROM p'
    )
    op.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, content='', detail=none, "
        "columnsize=0, tokenize='unicode61 remove_diacritics 0')"
    )
    watched = ', '.join(COLUMNS)
    op.execute(
        f'CREATE TRIGGER {TABLE}_ai AFTER INSERT ON certificate_request BEGIN '
        f'INSERT INTO {TABLE} (rowid, grams) VALUES (new.id, {document("new")}); END'
    )
    op.execute(
        f'CREATE TRIGGER {TABLE}_ad AFTER DELETE ON certificate_request BEGIN '
        f"INSERT INTO {TABLE} ({TABLE}, rowid, grams) VALUES ('delete', old.id, "
        f'{document("old")}); END'
    )
    op.execute(
        f'CREATE TRIGGER {TABLE}_au AFTER UPDATE OF {watched} ON certificate_request BEGIN '
        f"INSERT INTO {TABLE} ({TABLE}, rowid, grams) VALUES ('delete', old.id, "
        f'{document("old")}); '
        f'INSERT INTO {TABLE} (rowid, grams) VALUES (new.id, {document("new")}); END'
    )
    op.execute(
        f'INSERT INTO {TABLE} (rowid, grams) '
        f'SELECT r.id, {document("r")} FROM certificate_request r'
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for trigger in ('ai', 'ad', 'au'):
        op.execute(f'DROP TRIGGER IF EXISTS {TABLE}_{trigger}')
    op.execute(f'DROP TABLE IF EXISTS {TABLE}')
    op.execute(f'DROP TABLE IF EXISTS {POSITIONS}')
