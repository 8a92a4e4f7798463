"""首页's reading on a PostgreSQL server through libpq (``db.libpq``) or plain ``psycopg``,
before SQLAlchemy is imported.

A start on a shared server used to import SQLAlchemy, map the models and compile 首页's
statements before the first figure showed (about 8.6 times a bare window's start). The
start-up now connects here first, as the same login the app connects as (the address's user,
its password or the password file: libpq's own rules), and runs ``db.plain_reads``' queries
on that connection. So the server's grants and row-level security decide what the reading
sees, exactly as for the ORM's: nothing here widens or narrows it; a login the server refuses
is refused here too (and the start then reports it through the ORM as before).

The start reads through libpq's C API (``db.libpq``: psycopg's import was most of this
reading's CPU); where libpq cannot be loaded or used, through psycopg as before
(:func:`connect`). Only a database at this version's schema is read (else it is the
ORM's to upgrade or refuse), in one read-only snapshot (``REPEATABLE READ``), without
preparing statements on the server (as ``db.engine``'s connections).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.db.server_refusals import refusal

if TYPE_CHECKING:
    from jianfu.db.libpq import LibpqReads

#: the schemes ``db.engine.parse_url`` opens with psycopg
SCHEMES = ("postgresql", "postgresql+psycopg")
#: as ``db.engine.make_engine``'s connections
CONNECT_TIMEOUT = 5


@dataclass(frozen=True)
class ServerAddress:
    """Where to connect (``psycopg.connect``'s keywords) and how the status bar names it."""

    params: dict[str, str]
    description: str


def address(url: str) -> ServerAddress | None:
    """The server ``url`` names, parsed as SQLAlchemy's ``make_url`` parses it; ``None`` for a
    file, another kind of database, or an address this plain parser leaves to SQLAlchemy
    (several hosts, an IPv6 host, a repeated option: the ORM opens those as before)."""
    raw = url.strip()
    if "://" not in raw:
        return None
    parts = urlsplit(raw)
    # urlsplit lowers the scheme, SQLAlchemy does not (it refuses POSTGRESQL://)
    if raw.partition("://")[0] not in SCHEMES or parts.fragment:
        return None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    # a second @ (SQLAlchemy takes the password up to the first and the rest as the host), a
    # host written with % escapes (SQLAlchemy does not decode them): the ORM would connect
    # elsewhere, or not at all, so the reading must not send the login and password here
    if "@" in userinfo or any(c in hostport for c in "[],/%"):
        return None
    host, colon, port = hostport.partition(":")
    if (port or colon) and not (port.isdigit() and 0 < int(port) < 65536):
        return None
    user, has_password, password = userinfo.partition(":")
    params: dict[str, str] = {}
    if user:
        params["user"] = unquote(user)
    if has_password:
        params["password"] = unquote(password)
    if host:
        params["host"] = unquote(host)
    if port:
        port = str(int(port))
        params["port"] = port
    database = unquote(parts.path[1:]) if parts.path.startswith("/") else ""
    if database:
        params["dbname"] = database
    query = parse_qsl(parts.query, keep_blank_values=True)
    if len({k for k, _v in query}) != len(query):
        return None
    for key, value in query:
        if key in params or key in ("connect_timeout", "prepare_threshold"):
            return None
        params[key] = value
    # as ``db.engine.describe`` names it (no password)
    who = f"{params['user']}@" if "user" in params else ""
    where = params.get("host") or "localhost"
    description = f"PostgreSQL：{who}{where}{':' + port if port else ''}/{database}"
    return ServerAddress(params, description)


#: a list of ``?`` marks after IN (not NOT IN): ``x IN (?, ?, ?)``
_IN_LIST = re.compile(r"(?<!NOT )\bIN \((\?(?:, \?)*)\)")
#: lists longer than this are bound as an array
ARRAY_FROM = 8
#: the column before such a list is a township's id (``township_id``, ``t.township_id``)
_TOWNSHIPS = re.compile(r"\btownship_id $")
#: lists of townships at least this long are joined to the array, shorter ones compared with
#: it (a city's 150 townships: its mechanism's statements 61.8 -> 53.7 ms; a county's 15: its
#: reviewer's 14.9 ms compared, 15.9 ms joined)
JOIN_FROM = 50


class ServerReads:
    """A psycopg connection answering ``db.plain_reads``' queries (``?`` marks).

    A list of ids (``township_id IN (?, ?, …)``: a city's 150 townships) is sent as one array
    (the same rows): with the list written out, the planner read a city's counts of
    certificates per month by a scan of the whole table, testing each row against both the
    list and the row-level policy's townships; with the array it reads the townships' ranges
    from the key's index (0034's 15,343 rows of 102,263). A long list of townships (a city's)
    is joined to the array's elements (``township_id IN (SELECT unnest(?))``), not compared
    with it (``= ANY(?)``): the row-level policy already finds the rows by their township (the
    planner takes its array, which it cannot see, for 10 townships), and as a second index
    condition the list made the planner read a city's tasks through the township index (all
    20,007, in a bitmap to AND with the quarter's 2,940) instead of the index on township and
    day; as a join each row found is checked against the ids hashed. A county's few townships,
    and other ids (a unit's, a case's), are compared with the array."""

    #: what a failed reading raises (``psycopg.Error``); ``retry``: none of it is read again
    #: another way (``libpq.LibpqReads``' answers of a type it does not read are)
    errors: tuple[type[Exception], ...]
    retry: tuple[type[Exception], ...] = ()

    def __init__(self, con: Any) -> None:
        import psycopg

        self.errors = (psycopg.Error,)
        self.con = con
        #: every statement asked, in order (psycopg's form): what :func:`keep_statements` keeps
        self.asked: list[tuple[str, tuple[Any, ...]]] = []
        #: the cursors of statements sent ahead (:meth:`send_ahead`), by statement and values
        self.ahead: dict[tuple[str, tuple[Any, ...]], deque[Any]] = {}
        self.sent: list[tuple[str, tuple[Any, ...]]] = []
        self._pipeline: Any = None

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        sql, values = psycopg_form(sql, tuple(parameters))
        self.asked.append((sql, values))
        sent = self.ahead.get((sql, _frozen(values)))
        if sent:  # sent ahead in this snapshot: its answer, as asking now would give it
            return sent.popleft()
        return self.con.execute(sql, values)

    def send_ahead(self, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        """Send ``statements`` (psycopg's form) now, in this snapshot, without waiting for
        their answers (psycopg's pipeline mode): the server works on them while the start
        imports 首页's modules; :meth:`execute` hands out an answer when the same statement
        with the same values is asked, in the order sent. A statement never asked is read
        and dropped; one asked and not sent is sent when asked, as before."""
        if not statements:
            return
        self.sent = list(statements)
        self._pipeline = self.con.pipeline()  # left in pipeline mode until closed
        self._pipeline.__enter__()
        for sql, values in statements:
            cursor = self.con.execute(sql, values)
            self.ahead.setdefault((sql, _frozen(values)), deque()).append(cursor)

    def close(self) -> None:
        self.con.close()
        if self._pipeline is not None:  # closed first: the answers not asked are not awaited
            with contextlib.suppress(Exception):
                self._pipeline.__exit__(None, None, None)
            self._pipeline = None


def psycopg_form(sql: str, values: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """A reading's statement (``?`` marks) as both transports send it and keep it: lists of
    ids as arrays (:func:`_arrays`), in psycopg's form (``%s`` marks, ``%%`` for ``%``)."""
    sql, values = _arrays(sql, values)
    return sql.replace("%", "%%").replace("?", "%s"), values


def _frozen(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


def _arrays(sql: str, values: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """``sql`` with each ``IN (?, …)`` of more than ``ARRAY_FROM`` integers bound as one
    array: ``JOIN_FROM`` townships or more joined to its elements (``IN (SELECT
    unnest(?::bigint[]))``), other ids compared with it (``= ANY(?::bigint[])``; integer
    columns compare with it by their index); other lists (texts, a few values, NOT IN) as
    they are."""
    found = list(_IN_LIST.finditer(sql))
    if not found:
        return sql, values
    parts: list[str] = []
    out: list[Any] = []
    at = index = 0
    for match in found:
        before = sql[at : match.start()]
        k = before.count("?")
        out += values[index : index + k]
        index += k
        n = match.group(1).count("?")
        chunk = values[index : index + n]
        index += n
        at = match.end()
        ints = all(type(v) is int for v in chunk)
        if n >= JOIN_FROM and ints and _TOWNSHIPS.search(before):
            parts.append(f"{before}IN (SELECT unnest(?::bigint[]))")
            out.append(list(chunk))
        elif n > ARRAY_FROM and ints:
            parts.append(f"{before}= ANY(?::bigint[])")
            out.append(list(chunk))
        else:
            parts.append(before + match.group(0))
            out += chunk
    out += values[index:]
    parts.append(sql[at:])
    return "".join(parts), tuple(out)


#: the ways to the server :func:`connect` tries, in order: libpq through ``ctypes``
#: (``db.libpq``: no psycopg imported), then psycopg
TRANSPORTS: tuple[str, ...] = ("libpq", "psycopg")


def connect(
    where: ServerAddress, transports: Sequence[str] | None = None
) -> ServerReads | LibpqReads | None:
    """A read-only snapshot on the server as the address's login, or ``None`` when it is not
    read here: psycopg missing, no rights on the schema, a database at another schema than
    this version's. Through libpq first (:func:`_connect_libpq`); where libpq cannot be used
    (none, too old, an error once connected), through psycopg as before. A server that cannot
    be reached or refuses the login raises ``DatabaseError`` with the message the ORM's
    opening gives, from the first attempt (libpq's, or psycopg's without libpq)."""
    transports = TRANSPORTS if transports is None else transports
    if "libpq" in transports:
        read = _connect_libpq(where)
        if read is not False:
            return read
    if "psycopg" not in transports:
        return None
    return _connect_psycopg(where)


def _connect_libpq(where: ServerAddress) -> LibpqReads | Literal[False] | None:
    """:func:`connect` through libpq: the reads, ``None`` where psycopg's would be ``None``
    too (no schema the login may use, another schema version), ``False`` where psycopg must
    try (libpq not loaded or not able to, an error once connected). A connection not made
    raises ``DatabaseError`` as psycopg's does."""
    from jianfu.db import libpq

    try:
        con = libpq.connect(where.params, CONNECT_TIMEOUT)
    except libpq.ConnectError as exc:
        # the server unreachable or the login refused: said at once, as psycopg's refusal
        # (trying psycopg too made the clerk wait for an unreachable server twice)
        raise refusal(where.description, where.params.get("user", ""), exc.reason) from exc
    except libpq.FAILURES:  # a libpq this module cannot call: psycopg connects
        return False
    if con is None:
        return False
    try:
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        schema = con.execute("SELECT pg_catalog.current_schema()").fetchone()
        if schema is None or schema[0] is None:
            con.close()
            return None
        path = f"{_identifier(schema[0])}, pg_temp"
        con.execute("SELECT pg_catalog.set_config('search_path', $1, false)", (path,))
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except libpq.FAILURES:
        con.close()
        return False
    if row is None or row[0] != SCHEMA_HEAD:
        con.close()
        return None
    return libpq.LibpqReads(con, psycopg_form)


def _identifier(name: str) -> str:
    """``name`` quoted as an SQL identifier (as libpq's ``PQescapeIdentifier`` quotes it)."""
    return '"' + name.replace('"', '""') + '"'


def _connect_psycopg(where: ServerAddress) -> ServerReads | None:
    """:func:`connect` through psycopg."""
    try:
        import psycopg
        from psycopg.conninfo import make_conninfo
    except ImportError:  # the ORM says how to install it
        return None
    try:
        con = psycopg.connect(
            make_conninfo("", **where.params),
            connect_timeout=CONNECT_TIMEOUT,
            prepare_threshold=None,
        )
    except psycopg.OperationalError as exc:
        # said as ``db.engine.open_database`` says it, at once: trying again through the ORM
        # would make the clerk wait for an unreachable server twice
        reason = (str(exc).strip().splitlines() or [""])[0]
        raise refusal(where.description, where.params.get("user", ""), reason) from exc
    except psycopg.Error:
        return None
    try:
        if not _begin_snapshot(con):
            con.close()
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.Error:
        con.close()
        return None
    if row is None or row[0] != SCHEMA_HEAD:
        con.close()
        return None
    return ServerReads(con)


#: the statements 首页's last reading asked, per server and login, sent ahead on the next start
#: (:func:`kept_statements`); under the data folder
STATEMENTS_DIR = "first-screen-statements"


def statements_file(where: ServerAddress) -> Path:
    """Where the statements of ``where``'s login are kept: named by a digest of the address
    without its password (the login, host, port, database and options)."""
    import hashlib
    import json

    from jianfu.paths import data_dir

    named = {k: v for k, v in where.params.items() if k != "password"}
    digest = hashlib.sha256(json.dumps(named, sort_keys=True).encode("utf-8")).hexdigest()
    return data_dir() / STATEMENTS_DIR / f"{digest[:32]}.json"


def _encoded(value: Any) -> Any:
    if value is None or type(value) in (int, str, bool, float):
        return value
    if type(value) is dt.date:
        return {"date": value.isoformat()}
    if type(value) is list and all(type(v) in (int, str) for v in value):
        return value
    raise TypeError(type(value).__name__)


def _decoded(value: Any, kept_on: str, today: dt.date) -> Any:
    """A kept value; the day it was kept on (as a date, or ISO text) stands for ``today``."""
    if isinstance(value, dict):
        day = dt.date.fromisoformat(value["date"])
        return today if value["date"] == kept_on else day
    if isinstance(value, list):
        return list(value)
    if value == kept_on:
        return today.isoformat()
    return value


def keep_statements(
    where: ServerAddress, asked: Sequence[tuple[str, tuple[Any, ...]]], today: dt.date | None
) -> None:
    """Keep the statements a reading of 首页 as of ``today`` asked (nothing when it asked one
    with a value not kept here), for the next start to send ahead. Never fails the reading."""
    import json

    from jianfu import __version__, files

    try:
        statements = [[sql, [_encoded(v) for v in values]] for sql, values in asked]
    except TypeError:
        return
    kept = {
        "version": __version__,
        "schema": SCHEMA_HEAD,
        "on": (today or dt.date.today()).isoformat(),
        "statements": statements,
    }
    try:
        target = statements_file(where)
        files.private_dir(target.parent)
        files.write_bytes(target, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass


def kept_statements(
    where: ServerAddress, today: dt.date | None = None
) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements kept by the last reading of ``where``'s login, by this version at this
    schema, with the day they were kept on made ``today`` (a reading of another day asks
    those); ``[]`` when none are kept or they cannot be read."""
    import json

    from jianfu import __version__

    today = today or dt.date.today()
    try:
        kept = json.loads(statements_file(where).read_text("utf-8"))
        if kept["version"] != __version__ or kept["schema"] != SCHEMA_HEAD:
            return []
        on = str(kept["on"])
        statements = [
            (str(sql), tuple(_decoded(v, on, today) for v in values))
            for sql, values in kept["statements"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    # The file is the user's own, but what it holds is run as the login: only one query each,
    # as 首页's reading asks them (the snapshot is read-only besides).
    if not all(_A_QUERY.fullmatch(sql) for sql, _ in statements):
        return []
    return statements


#: One query that reads: a SELECT (or WITH … SELECT), no second statement after a ";".
_A_QUERY = re.compile(r"\s*(?:SELECT|WITH)\b[^;]*", re.IGNORECASE | re.DOTALL)


def forget_statements(where: ServerAddress) -> None:
    """Drop the kept statements (a reading with them sent ahead failed)."""
    with contextlib.suppress(OSError):
        statements_file(where).unlink(missing_ok=True)


def open_ahead(
    url: str, today: dt.date | None = None, *, transports: Sequence[str] | None = None
) -> tuple[ServerAddress, ServerReads | LibpqReads] | None:
    """:func:`connect` to ``url``'s server, then the statements its login's last reading of
    首页 asked sent ahead (:func:`kept_statements`, :meth:`ServerReads.send_ahead`) in the
    snapshot, not waited for; ``None`` where the ORM reads 首页 (see :func:`connect`).
    ``transports``: as :func:`connect`'s."""
    where = address(url)
    if where is None:
        return None
    reads = connect(where, transports)
    if reads is None:
        return None
    try:
        reads.send_ahead(kept_statements(where, today))
    except reads.errors:
        reads.close()
        forget_statements(where)
        return None
    return where, reads


@contextmanager
def snapshot(con: Any) -> Iterator[ServerReads | None]:
    """An idle psycopg connection of the app's pool (``db.engine``'s: the same login) read as
    :func:`connect` reads a new one: one read-only ``REPEATABLE READ`` snapshot with the
    search path pinned; ``None`` for a login with no schema it may use. Everything is undone
    after (the transaction rolled back, which also puts back the search path; the isolation
    level and read-only put back), so the pool's next user gets the connection as it was. A
    ``psycopg.Error`` passes on: the caller drops the connection from the pool."""
    import psycopg

    if con.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        con.rollback()
    isolation, read_only = con.isolation_level, con.read_only
    try:
        yield ServerReads(con) if _begin_snapshot(con) else None
    finally:
        con.rollback()
        con.isolation_level, con.read_only = isolation, read_only


def _begin_snapshot(con: Any) -> bool:
    """Read-only ``REPEATABLE READ`` from the next statement on, the search path pinned in
    that transaction (:func:`_pin_search_path`); False where that cannot be."""
    import psycopg

    con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    con.read_only = True
    return _pin_search_path(con)


def _pin_search_path(con: Any) -> bool:
    """Read only the schema the ORM opens: the login's ``current_schema()`` (the first schema
    of its ``search_path`` that exists, ``engine._server_schema_state``), with the temporary
    schema last (``pg_catalog`` is searched first, as always when not named). A schema later
    in the login's path, a temporary table, or a schema first in the path that holds some of
    the tables but no ``alembic_version`` can then not stand in for a table, a function or an
    operator the reading names. False for a login with no schema it may use (the ORM says
    so). Both statements name ``pg_catalog``'s functions; the path is a parameter."""
    from psycopg import sql

    schema = con.execute("SELECT pg_catalog.current_schema()").fetchone()[0]
    if schema is None:
        return False
    path = f"{sql.Identifier(schema).as_string(con)}, pg_temp"
    con.execute("SELECT pg_catalog.set_config('search_path', %s, false)", (path,))
    return True


#: the connected login is a superuser, owns the database, or owns its tables (the role that
#: ran the migrations): ``db.township.is_database_owner``
IS_DATABASE_OWNER = (
    "SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'USAGE') "
    "OR coalesce(pg_has_role(current_user, (SELECT tableowner FROM pg_tables "
    "WHERE tablename = 'alembic_version' AND schemaname = current_schema()), "
    "'USAGE'), false) "
    "FROM pg_roles r, pg_database d "
    "WHERE r.rolname = current_user AND d.datname = current_database()"
)


@dataclass(frozen=True)
class Person:
    """``db.township.connected_person`` with the type of the person's unit."""

    login: str
    role: str
    unit_id: int
    unit_name: str
    unit_type: str
    display_name: str


def person(reads: ServerReads | LibpqReads) -> Person | None:
    """The active ``app_user`` entry of the connected login (``connected_person``); ``None``
    for a login with none (the database's owner, a superuser, an unregistered login)."""
    row = reads.execute(
        "SELECT a.login, a.role, a.unit_id, u.name, u.type, a.display_name FROM app_user a "
        "JOIN unit u ON u.id = a.unit_id WHERE a.login = current_user AND a.active"
    ).fetchone()
    if row is None:
        return None
    login, role, unit_id, unit_name, unit_type, display_name = row
    return Person(login, role, int(unit_id), unit_name, unit_type, display_name or login)


def owner_login(reads: ServerReads | LibpqReads) -> str | None:
    """The connected login when it is the database's owner (or a superuser): the 管理员 of
    a database without an ``app_user`` entry; ``None`` for any other login."""
    owns = reads.execute(IS_DATABASE_OWNER).fetchone()
    if owns is None or not owns[0]:
        return None
    row = reads.execute("SELECT current_user").fetchone()
    return str(row[0]) if row is not None else None
