"""Signboards, categories, photos, inspections; other burdens

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
