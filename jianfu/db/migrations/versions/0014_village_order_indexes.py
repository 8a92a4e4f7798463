"""Indexes for lists in village order (signboard ledger keyset pages)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 13:45:00
"""

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index('ix_unit_sort_order_id', ['sort_order', 'id'], unique=False)
    with op.batch_alter_table('signboard', schema=None) as batch_op:
        batch_op.create_index('ix_signboard_unit_id_id', ['unit_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signboard', schema=None) as batch_op:
        batch_op.drop_index('ix_signboard_unit_id_id')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index('ix_unit_sort_order_id')
