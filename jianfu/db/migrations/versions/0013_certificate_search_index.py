"""Certificate search by index: trigram full text on SQLite, pg_trgm on PostgreSQL

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 13:40:00

SQLite: an FTS5 table with the trigram tokenizer over the register's searchable text, kept by
triggers (queries of 3+ characters; shorter ones use LIKE, see ``db.repositories.certificates``).
PostgreSQL: a GIN trigram index on the same text joined by line breaks, when the server lets
the database owner create the ``pg_trgm`` extension (a trusted extension since PostgreSQL 13);
without it the search still works, by a scan.
"""

from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

FTS_COLUMNS = "applicant_name, subject, purpose, agency, item_name, notes"
#: The text the PostgreSQL index holds; db.repositories.certificates searches the same one.
PG_SEARCH_TEXT = (
    "(applicant_name || chr(10) || subject || chr(10) || purpose || chr(10) || agency"
    " || chr(10) || item_name || chr(10) || notes)"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        new = ", ".join(f"new.{c}" for c in FTS_COLUMNS.split(", "))
        old = ", ".join(f"old.{c}" for c in FTS_COLUMNS.split(", "))
        op.execute(
            f"CREATE VIRTUAL TABLE certificate_request_fts USING fts5({FTS_COLUMNS}, "
            "content='certificate_request', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER certificate_request_fts_ai AFTER INSERT ON certificate_request BEGIN "
            f"INSERT INTO certificate_request_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END"
        )
        op.execute(
            "CREATE TRIGGER certificate_request_fts_ad AFTER DELETE ON certificate_request BEGIN "
            f"INSERT INTO certificate_request_fts(certificate_request_fts, rowid, {FTS_COLUMNS}) "
            f"VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            "CREATE TRIGGER certificate_request_fts_au AFTER UPDATE ON certificate_request BEGIN "
            f"INSERT INTO certificate_request_fts(certificate_request_fts, rowid, {FTS_COLUMNS}) "
            f"VALUES ('delete', old.id, {old}); "
            f"INSERT INTO certificate_request_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END"
        )
        op.execute("INSERT INTO certificate_request_fts(certificate_request_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(
            "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; "
            "EXCEPTION WHEN insufficient_privilege OR undefined_file THEN "
            "RAISE NOTICE 'pg_trgm not available: certificate search scans'; END $$"
        )
        op.execute(
            "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
            "CREATE INDEX ix_certificate_request_search ON certificate_request "
            f"USING gin ({PG_SEARCH_TEXT} gin_trgm_ops); END IF; END $$"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS certificate_request_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS certificate_request_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_certificate_request_search")
