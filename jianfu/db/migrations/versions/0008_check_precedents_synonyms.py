"""What the check learns from the clerk: precedents and local synonyms

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-05 13:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('check_precedent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('item_name', sa.String(length=200), nullable=False),
    sa.Column('item_kind', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_by', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_precedent'))
    )
    with op.batch_alter_table('check_precedent', schema=None) as batch_op:
        batch_op.create_index('ix_check_precedent_purpose', ['purpose', 'decided_on'], unique=False)
    op.create_table('item_synonym',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('word', sa.String(length=40), nullable=False),
    sa.Column('item_name', sa.String(length=200), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_synonym')),
    sa.UniqueConstraint('word', 'item_name', name='uq_item_synonym_word_item')
    )
    with op.batch_alter_table('item_synonym', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_synonym_item_name'), ['item_name'], unique=False)


def downgrade() -> None:
    op.drop_table('item_synonym')
    op.drop_table('check_precedent')
