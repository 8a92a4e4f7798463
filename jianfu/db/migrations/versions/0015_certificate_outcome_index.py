"""Index on the certificate register's outcome and verdict (the requests still waiting)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 13:55:00
"""

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('certificate_request', schema=None) as batch_op:
        batch_op.create_index(
            'ix_certificate_request_outcome_verdict', ['outcome', 'verdict'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('certificate_request', schema=None) as batch_op:
        batch_op.drop_index('ix_certificate_request_outcome_verdict')
