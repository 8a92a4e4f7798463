"""New names for the townships' channels when a person is disabled

Revision ID: 0023c
Revises: 0023b
Create Date: 2026-12-06 00:20:00

A channel's name (0023b) is all a login needs to hear a township's saves, and a person keeps
the names they once read. ``jianfu users disable`` now draws new names for every township
(the open windows hear it and listen again on the names they may still read), so a disabled
or moved person's old names carry nothing more. The administrator runs it as well as the
owner: ``jianfu_renew_change_channels()`` becomes SECURITY DEFINER, executable by the owner
and the administrator group only (``jianfu.db.grants``). SQLite: nothing to do.
"""

from alembic import op

revision = '0023c'
down_revision = '0023b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(
        'ALTER FUNCTION jianfu_renew_change_channels() SECURITY DEFINER SET search_path = public'
    )
    op.execute('REVOKE EXECUTE ON FUNCTION jianfu_renew_change_channels() FROM PUBLIC')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jianfu_admin') THEN "
        "REVOKE EXECUTE ON FUNCTION jianfu_renew_change_channels() FROM jianfu_admin; "
        "END IF; END $$"
    )
    op.execute('ALTER FUNCTION jianfu_renew_change_channels() SECURITY INVOKER RESET search_path')
