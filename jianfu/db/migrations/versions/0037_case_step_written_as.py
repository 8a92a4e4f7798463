"""Each step of a case keeps the box its comment was written in

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07 15:00:00

The 审批表's 县级审核意见 is the comment of 报协调机制 (db6744d). Before that, a township's own
file asked its clerk for the 县级审核意见 in the box of 提交县级审核, and printed it from there when
报协调机制 said nothing; since, the same box asks for the township's 报送说明, which must never
print as the county's opinion. Nothing stored told the two apart (a step kept its action,
status, time, operator and comment; no release marks the change, and demo or imported steps
are backdated, so no date does either): older cases printed an empty 县级审核意见 line.

``case_step.written_as`` keeps the box's name (``domain.cases.comment_label``) with every step
written since, "" before. Here the steps of 提交县级审核 with a comment are marked as written in
the box of 县级审核意见:

- in a SQLite file (one township, its clerk recording every level's step: the box said so);
- on PostgreSQL only where nobody is registered (``app_user`` empty: the owner alone records
  the steps, as in a township's file, and the box said so too). Where people are registered
  the county's reviewer writes the county's opinion himself on 报协调机制, and the clerk's box
  of 提交县级审核 said 报送说明 (since e5e5bad): nothing is marked, a clerk's note is never
  taken for the county's opinion.

The sheet prints a marked comment only when 报协调机制 has none (``CasesService.
approval_sheet_data``). On PostgreSQL 0018's guard of the steps names the column when it
refuses to change it (意见栏目), as it names the others. Downgrade drops the column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

#: the box 提交县级审核 asked for in a township's own file before db6744d
COUNTY_OPINION = "县级审核意见"
#: 0018's labels of the step's columns, as its guard ends them, and with the new one
_LABELS = '"township_id": "所属乡镇(街道)"}'
_LABELS_NEW = '"township_id": "所属乡镇(街道)", "written_as": "意见栏目"}'


def _guard(bind: sa.Connection, old: str, new: str) -> None:
    """0018's guard of the steps with ``old`` of its labels replaced by ``new``."""
    body = bind.execute(
        sa.text("SELECT pg_get_functiondef('jianfu_case_step_guard()'::regprocedure)")
    ).scalar_one()
    if body.count(old) != 1:
        raise RuntimeError("jianfu_case_step_guard() is not 0018's: its labels not found")
    op.execute(body.replace(old, new))


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column(
        "case_step",
        sa.Column("written_as", sa.String(20), nullable=False, server_default=""),
    )
    alone = ""
    if bind.dialect.name == "postgresql":
        _guard(bind, _LABELS, _LABELS_NEW)
        alone = " AND NOT EXISTS (SELECT 1 FROM app_user)"
    bind.execute(
        sa.text(
            "UPDATE case_step SET written_as = :box "
            f"WHERE action = '提交县级审核' AND comment <> ''{alone}"
        ),
        {"box": COUNTY_OPINION},
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # in place (a batch would copy the table)
        op.execute("ALTER TABLE case_step DROP COLUMN written_as")
        return
    _guard(bind, _LABELS_NEW, _LABELS)
    op.drop_column("case_step", "written_as")
