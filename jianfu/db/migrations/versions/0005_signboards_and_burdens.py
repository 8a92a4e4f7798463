"""Signboards: categories, the allowed set, boards, photos, inspections

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:00:00

Only the signboard tables; the other burdens are in 0006.
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

DEFAULT_CATEGORIES = ("门牌", "吊牌", "方牌", "制度牌", "桌牌", "阵地标识", "其他")
DEFAULT_RULES = (
    ("村(社区)党组织", "党支部、党总支、党委、支部委员会、总支部委员会、党组织", "外部"),
    ("村(居)民委员会", "村民委员会、居民委员会、村委会、居委会", "外部"),
    ("村(居)务监督委员会", "村务监督委员会、居务监督委员会、务监督委员会", "外部"),
    ("集体经济组织", "经济合作社、股份经济合作社、经济联合社、集体经济组织、股份合作社", "外部"),
    ("党群服务中心(阵地标识)", "党群服务中心", "外部"),
    ("新时代文明实践站(阵地标识)", "新时代文明实践站", "外部"),
)


def upgrade() -> None:
    op.create_table('board_allowed_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('keywords', sa.Text(), nullable=False),
    sa.Column('placement', sa.String(length=4), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_allowed_rule'))
    )
    op.create_table('board_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_category')),
    sa.UniqueConstraint('name', name=op.f('uq_board_category_name'))
    )
    op.create_table('signboard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('placement', sa.String(length=4), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('size_material', sa.String(length=60), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('disposition', sa.String(length=4), nullable=True),
    sa.Column('disposed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=6), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('approved_addition', sa.Boolean(), nullable=False),
    sa.Column('approval_document', sa.String(length=120), nullable=False),
    sa.Column('first_reviewer', sa.String(length=20), nullable=False),
    sa.Column('second_reviewer', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('allowed', sa.Boolean(), nullable=False),
    sa.Column('relapse_count', sa.Integer(), nullable=False),
    sa.Column('relapsed_on', sa.Date(), nullable=True),
    sa.Column('last_inspected_on', sa.Date(), nullable=True),
    sa.Column('photo_count', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['board_category.id'], name=op.f('fk_signboard_category_id_board_category')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_signboard_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signboard'))
    )
    with op.batch_alter_table('signboard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signboard_category_id'), ['category_id'], unique=False)
        batch_op.create_index('ix_signboard_disposed_on', ['disposed_on'], unique=False)
        batch_op.create_index('ix_signboard_status_allowed', ['status', 'allowed'], unique=False)
        batch_op.create_index('ix_signboard_unit_name', ['unit_id', 'name'], unique=False)
        batch_op.create_index('ix_signboard_unit_status', ['unit_id', 'status'], unique=False)

    op.create_table('board_inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('inspector', sa.String(length=20), nullable=False),
    sa.Column('finding', sa.Text(), nullable=False),
    sa.Column('found_hanging', sa.Boolean(), nullable=False),
    sa.Column('relapse', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['signboard.id'], name=op.f('fk_board_inspection_board_id_signboard'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_inspection'))
    )
    with op.batch_alter_table('board_inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_inspection_board_id'), ['board_id'], unique=False)

    op.create_table('board_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=4), nullable=False),
    sa.Column('file', sa.String(length=200), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('added_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['signboard.id'], name=op.f('fk_board_photo_board_id_signboard'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_photo'))
    )
    with op.batch_alter_table('board_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_photo_board_id'), ['board_id'], unique=False)

    categories = sa.table(
        "board_category",
        sa.column("name", sa.String),
        sa.column("sort_order", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(categories, [
        {"name": name, "sort_order": (i + 1) * 10, "active": True}
        for i, name in enumerate(DEFAULT_CATEGORIES)
    ])
    rules = sa.table(
        "board_allowed_rule",
        sa.column("name", sa.String),
        sa.column("keywords", sa.Text),
        sa.column("placement", sa.String),
        sa.column("sort_order", sa.Integer),
    )
    op.bulk_insert(rules, [
        {"name": name, "keywords": keywords, "placement": placement, "sort_order": (i + 1) * 10}
        for i, (name, keywords, placement) in enumerate(DEFAULT_RULES)
    ])


def downgrade() -> None:
    with op.batch_alter_table('board_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_photo_board_id'))

    op.drop_table('board_photo')
    with op.batch_alter_table('board_inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_inspection_board_id'))

    op.drop_table('board_inspection')
    with op.batch_alter_table('signboard', schema=None) as batch_op:
        batch_op.drop_index('ix_signboard_unit_status')
        batch_op.drop_index('ix_signboard_unit_name')
        batch_op.drop_index('ix_signboard_status_allowed')
        batch_op.drop_index('ix_signboard_disposed_on')
        batch_op.drop_index(batch_op.f('ix_signboard_category_id'))

    op.drop_table('signboard')
    op.drop_table('board_category')
    op.drop_table('board_allowed_rule')
