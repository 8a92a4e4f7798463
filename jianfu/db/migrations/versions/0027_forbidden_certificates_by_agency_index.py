"""An index that counts the agencies asking for forbidden certificates from the index alone

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 08:00:00

The 证明 screen's figures and the period report rank the agencies (索要单位) that asked for
certificates on the may-not-issue list over a period: the requests of the period whose verdict
is forbidden, grouped by agency and item. No index served it: the date index found the
period's rows (a city's quarter: 18,190 of 300,000 requests) and every one was read from the
table to test its verdict and read its agency, though only a quarter of them are forbidden.
This index starts with the verdict and the day, so the period's forbidden requests are one
range of it, and carries the township (the report names its townships; a login's row-level
policy tests it), the agency and the item, so the table is not read. The counts are the same
queries'; nothing else changes.
"""

from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_certificate_request_forbidden_agency",
        ["verdict", "request_date", "township_id", "agency", "item_name"],
    ),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "certificate_request", columns, unique=False)


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="certificate_request")
