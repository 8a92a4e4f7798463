"""Serialise a read-then-write against other clerks on the same database.

A save that first reads (the settings as they stand, the last register number, the last
audit hash) and then writes must not interleave with the same save by a colleague. On
PostgreSQL a transaction-scoped advisory lock does this per key. On SQLite the read has to
happen under the write lock: Python's driver opens a transaction only at the first write, so
a plain read runs outside it and two clerks can read the same state. A write that changes
nothing takes the lock (waiting up to the busy timeout for a colleague's commit), and every
later read in the transaction sees the committed state.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: Advisory lock ids (the first key of ``pg_advisory_xact_lock``), one per serialised save.
AUDIT_CHAIN = 7_406_511
SETTINGS = 7_406_512
CERTIFICATE_SERIAL = 7_406_513
CASE_SERIAL = 7_406_514


def serialise(session: Session, key: int, sub: int = 0) -> None:
    """Hold the lock for ``key`` (and ``sub``) until the session's transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k, :s)"), {"k": key, "s": sub})
    else:
        # Takes SQLite's write lock; matches no row, so nothing is written.
        session.execute(text("UPDATE alembic_version SET version_num = version_num WHERE 0"))
