"""Certificate register

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('request_date', sa.Date(), nullable=False),
    sa.Column('applicant_name', sa.String(length=40), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('id_masked', sa.String(length=18), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('agency', sa.String(length=120), nullable=False),
    sa.Column('check_verdict', sa.String(length=10), nullable=False),
    sa.Column('candidates', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=10), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('item_name', sa.String(length=200), nullable=False),
    sa.Column('item_kind', sa.String(length=30), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('outcome_date', sa.Date(), nullable=True),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('alternative', sa.Text(), nullable=False),
    sa.Column('referred_to', sa.String(length=120), nullable=False),
    sa.Column('fact', sa.Text(), nullable=False),
    sa.Column('handler', sa.String(length=40), nullable=False),
    sa.Column('signer', sa.String(length=40), nullable=False),
    sa.Column('sealed', sa.Boolean(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('consult_date', sa.Date(), nullable=True),
    sa.Column('consult_participants', sa.Text(), nullable=False),
    sa.Column('consult_agreed', sa.Boolean(), nullable=True),
    sa.Column('consult_signer', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['list_item.id'], name=op.f('fk_certificate_request_item_id_list_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['village_id'], ['unit.id'], name=op.f('fk_certificate_request_village_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_request')),
    sa.UniqueConstraint('year', 'seq', name='uq_certificate_request_year_seq')
    )
    with op.batch_alter_table('certificate_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_request_agency'), ['agency'], unique=False)
        batch_op.create_index('ix_certificate_request_date', ['request_date', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_request_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_request_village_id'), ['village_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('certificate_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_request_village_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_request_item_id'))
        batch_op.drop_index('ix_certificate_request_date')
        batch_op.drop_index(batch_op.f('ix_certificate_request_agency'))

    op.drop_table('certificate_request')
