"""The boards with a day after a given day found by one index, read from it alone

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 01:30:00

首页 above the township (a county's reviewer, a city's mechanism) counts the standing boards
from the sums the server keeps per village (0032) and the boards with a day (registered, taken
down, found hanging again) after the day before the earlier quarter, which it counts as before.
Those were found by testing every board of the area in the index on township and status (the
policy's array of townships makes the planner expect a few hundred rows, so it took that index
over the three days' indexes): on the city demo 100,244 boards read to keep 18,526, 27 ms of
the mechanism's 100 ms of statements.

An index on the township and the latest of a board's three days, with the columns the
counting reads, finds them by a range per township and reads them from the index alone
(``db.plain_reads``' ``_standing_board_figures`` asks for ``GREATEST(registered_on,
disposed_on, relapsed_on) > since``: PostgreSQL's GREATEST passes over NULLs, as the three
days OR-ed before). 0032's indexes on each day stay (a filter of the boards by a day may use
them).
SQLite has one township per file and no such reading: nothing changes there.
"""

from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

#: the latest of a board's own days (NULLs passed over), as the reading writes it
LAST_DAY = "GREATEST(registered_on, disposed_on, relapsed_on)"
#: what the counting reads of such a board (``plain_reads._STEADY``, ``_board_columns``)
READ = "unit_id, quantity, disposition, approved_addition, registered_on, disposed_on, relapsed_on"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX ix_signboard_last_day ON signboard (township_id, ({LAST_DAY})) "
        f"INCLUDE ({READ})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_signboard_last_day")
