"""Row-level policies that let the township_id index choose the rows

Revision ID: 0016
Revises: 0010
Create Date: 2026-12-05 18:10:00

Migration 0010's read and change policies asked ``township_id IN (SELECT
jianfu_visible_townships())``. PostgreSQL runs that as a hashed filter over every row of the
table: on the city demo a clerk counting the 2,144 certificate requests of their township read
all 300,000 (22 ms, against 0.9 ms for the same rows chosen by township_id as the owner;
``tests/bench/levels_figures.py``). ``township_id = ANY (ARRAY(SELECT ...))`` computes the
visible townships once per query and hands them to the index on township_id (0.5 ms). The rows
each person sees are the same: NULL and an empty set match nothing either way. SQLite has no
policies: nothing to do there.
"""

from alembic import op

revision = "0016"
down_revision = "0010"
branch_labels = None
depends_on = None

OWNED = ("task_request", "admission_case", "certificate_request", "signboard", "burden")
NEW = "township_id = ANY (ARRAY(SELECT jianfu_visible_townships()))"
OLD = "township_id IN (SELECT jianfu_visible_townships())"


def _policies(visible: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in OWNED:
        op.execute(f"ALTER POLICY {table}_read ON {table} USING ({visible})")
        op.execute(
            f"ALTER POLICY {table}_change ON {table} USING ({visible}) WITH CHECK ({visible})"
        )


def upgrade() -> None:
    _policies(NEW)


def downgrade() -> None:
    _policies(OLD)
