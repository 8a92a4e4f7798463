"""The newest Alembic revision this app knows; a test keeps it equal to the scripts' head.

Kept as a constant so that a normal start compares one string and never imports Alembic.
"""

SCHEMA_HEAD = "0026"
