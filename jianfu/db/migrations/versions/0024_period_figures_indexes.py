"""Indexes that count a period's figures from the period's rows (首页, the period report)

Revision ID: 0024
Revises: 0023c
Create Date: 2026-12-06 02:30:00

The period report (and 首页, which shows its quarter) counts a township's certificate
requests, tasks and boards by ``township_id`` and a span of days. Only the single-column
index on ``township_id`` served those queries, so both SQLite and PostgreSQL read every
request of every township in the report and then dropped those outside the period: a city's
quarter read all 300,000 requests for its 18,000 (``tests/bench/city_figures.py``). The new
indexes start with the township and the day, so each township's period is one range of the
index; the certificates' and the boards' carry every column their counts read, so those are
counted from the index alone. The figures are the same query's: nothing else changes, and
row-level security on PostgreSQL applies to them as before (a township reads only its own).
"""

from alembic import op

revision = "0024"
down_revision = "0023c"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "certificate_request",
        "ix_certificate_request_township_date",
        ["township_id", "request_date", "village_id", "outcome", "verdict"],
    ),
    (
        "signboard",
        "ix_signboard_township_counts",
        [
            "township_id",
            "unit_id",
            "registered_on",
            "approved_addition",
            "disposition",
            "disposed_on",
            "relapsed_on",
            "quantity",
        ],
    ),
    ("task_request", "ix_task_request_township_received", ["township_id", "received_on"]),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in INDEXES:
        op.drop_index(name, table_name=table)
