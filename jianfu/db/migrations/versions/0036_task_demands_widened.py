"""A task's demands as long as every box of 对村(社区)的要求 ticked

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07 12:00:00

事项审核's 对村(社区)的要求 gained a box for each form of work the check reads that had none
(责任状, 指标/任务数/摊派, … 迎检作秀, 代答测评/代填问卷: 21 boxes instead of 6). A task's
demands are stored as their names joined by 、 (``domain.tasks.demands_text``), as before: every
box ticked is 132 characters, and ``task_request.demands`` held 100. PostgreSQL's column is made
400 long (a longer varchar is a change of the catalogue only, no row rewritten); SQLite checks
no length, and its column is left as it is (the model declares 100 there).
"""

import sqlalchemy as sa
from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "task_request",
        "demands",
        type_=sa.String(400),
        existing_type=sa.String(100),
        existing_nullable=False,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(  # refused while a task holds more than 100 characters of demands
        "task_request",
        "demands",
        type_=sa.String(100),
        existing_type=sa.String(400),
        existing_nullable=False,
    )
