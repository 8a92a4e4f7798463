"""Other burdens: mechanisms, forms, chat groups and apps, inspections

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('burden_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_burden_type')),
    sa.UniqueConstraint('code', name=op.f('uq_burden_type_code')),
    sa.UniqueConstraint('name', name=op.f('uq_burden_type_name'))
    )
    op.create_table('burden',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('frequency', sa.String(length=40), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=4), nullable=True),
    sa.Column('action_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['burden_type.id'], name=op.f('fk_burden_type_id_burden_type')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_burden_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_burden')),
    sa.UniqueConstraint('unit_id', 'type_id', 'name', name='uq_burden_unit_type_name')
    )
    with op.batch_alter_table('burden', schema=None) as batch_op:
        batch_op.create_index('ix_burden_type_action', ['type_id', 'action'], unique=False)
        batch_op.create_index(batch_op.f('ix_burden_unit_id'), ['unit_id'], unique=False)

    # The default types (jianfu.domain.burdens.DEFAULT_BURDEN_TYPES, written out: a migration
    # must not change when the code does).
    types = sa.table(
        'burden_type',
        sa.column('code', sa.String),
        sa.column('name', sa.String),
        sa.column('sort_order', sa.Integer),
        sa.column('aliases', sa.Text),
    )
    op.bulk_insert(types, [
        {'code': 'mechanism', 'name': '工作机制/专人专岗', 'sort_order': 10,
         'aliases': '工作机制、机制、专人专岗、领导小组、工作站、机构、工作机构'},
        {'code': 'form', 'name': '报表台账', 'sort_order': 20,
         'aliases': '报表、台账、表格、报表/台账、填报'},
        {'code': 'channel', 'name': '工作群/政务APP', 'sort_order': 30,
         'aliases': '工作群、微信群、政务APP、APP、小程序、公众号、群'},
        {'code': 'inspection', 'name': '督查检查/考核评比/观摩', 'sort_order': 40,
         'aliases': '督查检查、督查、检查、考核评比、考核、评比、观摩、创建示范、督查检查考核'},
    ])


def downgrade() -> None:
    with op.batch_alter_table('burden', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_burden_unit_id'))
        batch_op.drop_index('ix_burden_type_action')

    op.drop_table('burden')
    op.drop_table('burden_type')
