"""首页 read from a SQLite file before SQLAlchemy is imported (a start with nothing kept).

When ``services.first_screen`` has nothing to show (the first start, after another program
wrote, a crash, an upgrade, a longer absence), the start-up reads 首页 here through
``db.plain_reads`` (``sqlite3``) and shows it, and only then opens the database through the
ORM for the other screens. :func:`load_dashboard` itself makes 首页 from what it reads:
``services.plain_dashboard``'s objects answer it as the services would (the same period
report through ``services.report_rows``, the same reminders through the domain's rules), so
the figures are those the ORM's reading gives (``tests/db/test_first_screen_plain.py``
compares both).

Only a file at this version's schema is read here, or at an older one that reads alike
(``db.schema_version.SCHEMA_READ_ALIKE``: it is upgraded after 首页 is shown); a file to be
created, filled (the demo's first start) or upgraded from further back is opened through the
ORM first, then read here.

A server database at this version's schema is read here too (:func:`read_server`), through
libpq itself or plain psycopg as the connected login (``db.plain_server``: the server's grants
and row-level security decide what it sees), for a person of a township (乡镇经办) and one
above it (县级审核, 协调机制 of a county or a city): their level's report and reminders, as
``load_dashboard`` makes them through the services; and for the database's owner (its first
township's report and that township's reminders, as on a file). An administrator and a login
that is no person of the database are read through the ORM, as before.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from jianfu.db.plain_server import ServerAddress, ServerReads
    from jianfu.services.dashboard import Dashboard
    from jianfu.services.registry import Services


@dataclass(frozen=True)
class PlainFirstScreen:
    """首页 as read, and the township's name for the window's title (on a server: the
    window's title, who is connected and where, and whether the person works above a
    township, as ``MainWindow`` says them once the database is open)."""

    dashboard: Dashboard
    township_name: str
    database: str = ""
    above: bool = False


def read(
    path: Path, today: dt.date | None = None, *, demo: bool = False
) -> PlainFirstScreen | None:
    """首页 of the SQLite file ``path`` as of ``today``; ``None`` when the file is not one
    this reader may read (missing, not at this version's schema or one read alike, not a
    database) or, for the ``demo``, one the start fills first (``demo.township.has_data``)."""
    if not path.is_file():
        return None
    from jianfu.db import plain_reads as reads
    from jianfu.domain.units import UnitType
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.plain_dashboard import Plain

    con = reads.connect(path)
    if con is None:
        return None
    try:
        with _snapshot(con):
            if demo and not reads.has_data(con):
                return None
            town = reads.township(con)
            target = (*town, UnitType.TOWNSHIP.value) if town is not None else None
            plain = Plain(con, target, path)
            dashboard = load_dashboard(cast("Services", plain), today=today)
            if dashboard.problems:  # a reminder not read: the ORM reads 首页 instead
                return None
            return PlainFirstScreen(dashboard, reads.township_name(con, town))
    except sqlite3.Error:
        return None
    finally:
        con.close()


def read_server(url: str, today: dt.date | None = None) -> PlainFirstScreen | None:
    """首页 of the server database ``url`` as of ``today``, read as its login; ``None`` when
    it is read through the ORM instead (see the module docstring, ``db.plain_server``)."""
    from jianfu.db import plain_server

    where = plain_server.address(url)
    if where is None:
        return None
    # connected, and the last reading's statements sent ahead: the server answers them while
    # 首页's modules load (``plain_server.send_ahead``)
    con = plain_server.connect(where)
    if con is None:
        return None
    try:
        from jianfu.db import plain_reads as reads
        from jianfu.domain.case_levels import ROLE_LABELS
        from jianfu.services.dashboard import load_dashboard
        from jianfu.services.plain_dashboard import SERVER_QUEUES, UNITS, Plain

        person = plain_server.person(con)
        if person is None:
            return _read_as_owner(con, where, today)
        if person.unit_type not in UNITS.get(person.role, ()):
            return None
        plain = Plain(
            con,
            (person.unit_id, person.unit_name, person.unit_type),
            None,
            queue=SERVER_QUEUES[person.role],
        )
        dashboard = load_dashboard(cast("Services", plain), today=today)
        if dashboard.problems:
            # a reminder not read (the server dropped the connection, a statement refused,
            # and every statement after it in the snapshot): load_dashboard would show the
            # error's text in place of the reminders; the ORM reads 首页 instead
            return None
        if person.role == "clerk":  # MainWindow's title: the township's name of its settings
            title = reads.township_name(con, (person.unit_id, person.unit_name))
        else:  # the county or city it works for
            title = person.unit_name
        operator = person.display_name[:40]  # services.settings.use_preparer_as_operator
        who = f"当前用户：{operator}（{ROLE_LABELS[person.role]}，{person.unit_name}）"
        plain_server.remember(where, con.sent)  # sent ahead at the next start
        return PlainFirstScreen(
            dashboard,
            title,
            f"{who}　数据库：{where.description}",
            above=person.role != "clerk",
        )
    except plain_server.ReadError:
        return None
    finally:
        con.close()


def _read_as_owner(
    con: ServerReads, where: ServerAddress, today: dt.date | None
) -> PlainFirstScreen | None:
    """The database's owner (or a superuser): the first township's report and its
    reminders, as on a file (``township_id_of_session``); ``None`` for a login that
    is no person of the database and does not own it (read through the ORM)."""
    from jianfu.db import plain_reads as reads
    from jianfu.db import plain_server
    from jianfu.domain.units import UnitType
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.plain_dashboard import Plain

    login = plain_server.owner_login(con)
    if login is None:
        return None
    town = reads.township(con)
    target = (*town, UnitType.TOWNSHIP.value) if town is not None else None
    dashboard = load_dashboard(cast("Services", Plain(con, target, None)), today=today)
    if dashboard.problems:  # as in read_server
        return None
    # MainWindow's title: the settings of the owner's scope (``settings._scope``): the
    # defaults' when the database holds several townships, else its township's
    several = reads.township_count(con) > 1
    title = reads.township_name(con, None if several else town)
    who = f"当前用户：{login}（数据库所有者，管理员）"  # ``people.describe_connected``
    plain_server.remember(where, con.sent)  # sent ahead at the next start
    return PlainFirstScreen(dashboard, title, f"{who}　数据库：{where.description}")


@contextmanager
def _snapshot(con: sqlite3.Connection) -> Iterator[None]:
    """Every query in one read transaction: one moment's figures, as one unit of work reads."""
    con.execute("BEGIN")
    try:
        yield
    finally:
        con.rollback()
