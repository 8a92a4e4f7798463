"""An index that counts a person's boards by status from the index alone

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06 11:00:00

首页 counts the boards waiting for review (已处置), the flagged ones not dealt with (待处置, not
allowed) and the relapsed ones (复查反弹). On a shared server a person's login sees the boards
of its townships only (row-level security on the township), and no index served both: the
township index found the township's boards and every one was read from the table to test its
status (a county's reviewer: 10,000 boards read for 3,500 flagged, on every start). This index
starts with the township and carries the status and whether the board is allowed, so each
count is read from the index alone. The counts are the same queries'; nothing else changes
(the owner's counts, with no township, read ``ix_signboard_status_allowed`` as before).
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

INDEXES = (("ix_signboard_township_status", ["township_id", "status", "allowed"]),)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "signboard", columns, unique=False)


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="signboard")
