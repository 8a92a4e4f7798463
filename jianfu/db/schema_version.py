"""The newest Alembic revision this app knows; a test keeps it equal to the scripts' head.

Kept as a constant so that a normal start compares one string and never imports Alembic.
"""

SCHEMA_HEAD = "0038"

#: Older revisions, back from the head without a gap, whose SQLite file 首页's plain reading
#: (``db.plain_reads``) reads as at the head: on SQLite their migrations since add indexes or
#: nothing (PostgreSQL-only steps), or a table and triggers the reading does not read (0019b's
#: index of characters and pairs for the certificate search, an index in all but name), or
#: columns it does not read (0033's sort keys of the names, filled as the migration runs; 0037's
#: box a step's comment was written in). The first start after such an upgrade shows 首页 read
#: from the file before the migration runs (without Alembic or SQLAlchemy), as any other start.
#: A migration that changes a table, a column or a stored value the reading reads ends it;
#: ``tests/ui/test_first_screen_plain.py`` reads the demo at each and compares. (A file at 0017
#: reads alike too, but 0017 has no way back to make an older file with: it is the one before,
#: upgraded first, which the tests of that start make by taking the demo back to it.)
SCHEMA_READ_ALIKE = (
    "0037",
    "0036",
    "0035",
    "0034",
    "0033",
    "0032",
    "0031",
    "0030",
    "0029",
    "0028",
    "0027",
    "0026",
    "0024",
    "0023c",
    "0023b",
    "0023",
    "0019d",
    "0019c",
    "0022",
    "0019b",
    "0018",
    "0019",
)
