"""``db.locks.serialise``: a colleague's read-then-write waits for ours to commit.

The settings save, the register number and the audit chain read before they write; two
clerks at once must not read the same state (a first-save race on SQLite let both settings
saves through, because Python's driver reads outside any transaction).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from jianfu.db import locks
from jianfu.services.database import open_app

# Each test takes ``ctx`` so that its database is a copy of the run's migrated template, not
# migrated by the first ``open_app`` here.


def test_second_holder_waits_until_the_first_commits(ctx, db_url):
    first, second = open_app(db_url), open_app(db_url)
    order: list[str] = []
    started = threading.Event()

    def colleague():
        with second.unit_of_work() as s:
            started.set()
            locks.serialise(s, locks.SETTINGS)
            order.append("colleague holds the lock")

    try:
        with first.unit_of_work() as s:
            locks.serialise(s, locks.SETTINGS)
            thread = threading.Thread(target=colleague)
            thread.start()
            started.wait(5)
            thread.join(0.5)  # still waiting: the lock is ours until we commit
            order.append("we commit")
        thread.join(30)
        assert order == ["we commit", "colleague holds the lock"]
    finally:
        first.database.close()
        second.database.close()


def test_other_keys_do_not_wait_on_a_server(ctx, db_url):
    """On PostgreSQL keys are independent; SQLite has one write lock for everything."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one write lock")
    first, second = open_app(db_url), open_app(db_url)
    try:
        with first.unit_of_work() as s:
            locks.serialise(s, locks.SETTINGS)
            with second.unit_of_work() as s2:
                # a lock that did wait fails the test instead of hanging it
                s2.execute(text("SET LOCAL lock_timeout = '5s'"))
                locks.serialise(s2, locks.CERTIFICATE_SERIAL, 2026)  # returns at once
                locks.serialise(s2, locks.SETTINGS, 1)  # another sub-key
    finally:
        first.database.close()
        second.database.close()
