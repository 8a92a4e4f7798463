"""On PostgreSQL only the owner of audit_log may change or delete its entries

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-05 13:30:00

A clerk's role on a shared server may have been granted more than it needs; a trigger refuses
UPDATE, DELETE and TRUNCATE of the audit trail to every role but the table's owner (the one
that runs the migrations). SQLite has no roles: there the anchor file beside the database
catches entries removed behind the app's back.
"""

from alembic import op


revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None

_GUARD = """
CREATE OR REPLACE FUNCTION jianfu_audit_log_guard() RETURNS trigger AS $$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT tableowner FROM pg_tables
            WHERE tablename = 'audit_log' AND schemaname = TG_TABLE_SCHEMA), 'USAGE') THEN
        RAISE EXCEPTION '操作记录只能追加，不能修改或删除（只有数据库所有者可以）'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        RETURN NEW;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_GUARD)
    op.execute(
        "CREATE TRIGGER audit_log_owner_only_rows BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION jianfu_audit_log_guard()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_owner_only_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION jianfu_audit_log_guard()"
    )
    op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_owner_only_truncate ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS audit_log_owner_only_rows ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS jianfu_audit_log_guard()")
