"""An index that counts the certificate register's figures of a period from the index alone

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-06 03:20:00

The 证明 screen opens on this quarter's register and its figures: requests per village, outcome
and verdict over the chosen dates. Read by a township's file, or by the server's owner or an
administrator, that count names no township, so 0024's index (township first) could not serve
it: the date index found the quarter's rows and every one of them was read from the table (a
city's quarter, 18,000 of 300,000 requests, was most of the screen's database time). This index
starts with the day and carries what the count groups by, so the period is one range of the
index and the table is not read. The figures are the same query's; nothing else changes.
"""

from alembic import op

revision = "0026"
down_revision = "0024"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_certificate_request_date_counts", ["request_date", "village_id", "outcome", "verdict"]),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "certificate_request", columns, unique=False)


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="certificate_request")
