"""Department aliases: a 责任单位 as a county list writes it, mapped once by the clerk

Revision ID: 0007
Revises: 0015
Create Date: 2026-12-05 14:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('department_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'],
                            name=op.f('fk_department_alias_department_id_department'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department_alias')),
    sa.UniqueConstraint('alias', name=op.f('uq_department_alias_alias'))
    )
    with op.batch_alter_table('department_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_alias_department_id'), ['department_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('department_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_alias_department_id'))
    op.drop_table('department_alias')
