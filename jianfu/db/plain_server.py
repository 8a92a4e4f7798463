"""首页's reading on a PostgreSQL server through libpq or plain ``psycopg``, before SQLAlchemy.

A start on a shared server used to import SQLAlchemy, map the models and compile 首页's
statements before the first figure showed (about 8.6 times a bare window's start). The
start-up now connects here first, as the same login the app connects as (the address's user,
its password or the password file: libpq's own rules), and runs ``db.plain_reads``' queries
on that connection. So the server's grants and row-level security decide what the reading
sees, exactly as for the ORM's: nothing here widens or narrows it; a login the server refuses
is refused here too (and the start then reports it through the ORM as before).

Only a database at this version's schema is read (else it is the ORM's to upgrade or refuse),
in one read-only snapshot (``REPEATABLE READ``), without preparing statements on the server
(as ``db.engine``'s connections).

The connection is libpq's own (``db.libpq``) where psycopg-binary ships the library: psycopg's
import (about 100 ms of CPU, as long as a bare window takes to show) then comes after 首页,
with the ORM. Elsewhere, and whenever libpq's connection fails (psycopg tries again and words
the failure as the ORM does), it is psycopg's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from jianfu.db.schema_version import SCHEMA_HEAD
from jianfu.db.server_refusals import refusal

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


class ReadError(Exception):
    """A statement of the reading failed: the server refused it, the connection was lost, or a
    value came that is not read here. The reading leaves 首页 to the ORM."""


class ServerReads:
    """A connection answering ``db.plain_reads``' queries (``?`` marks): libpq's own
    (``db.libpq``) or psycopg's. It notes each statement it is asked (``sent``); those of the
    last reading, sent ahead (:meth:`send_ahead`), are answered from what the server gave
    them, each once, when asked again with the same parameters."""

    def __init__(self, con: Any, *, libpq: bool = False) -> None:
        self.con, self.libpq = con, libpq
        self._errors: tuple[type[Exception], ...]
        if libpq:
            from jianfu.db.libpq import Error

            self._errors = (Error,)
        else:
            import psycopg

            self._errors = (psycopg.Error,)
        self.sent: list[Statement] = []
        self._ahead: Any = None  # libpq.Ahead, until collected
        self._ahead_keys: list[tuple[Any, ...]] = []
        self._answers: dict[tuple[Any, ...], list[Any]] = {}
        #: how many statements were answered from those sent ahead
        self.answered = 0

    def send_ahead(self, statements: Sequence[Statement]) -> None:
        """Send ``statements`` to the server before they are asked, in one go (libpq only:
        ``libpq.Connection.send_ahead``), so that it works on them while 首页's modules load;
        in the same snapshot, so each answer is what asking it later would give."""
        if not self.libpq or not statements:
            return
        try:
            self._ahead = self.con.send_ahead([(_numbered(q), p) for q, p in statements])
        except self._errors as exc:
            raise ReadError(str(exc)) from exc
        if self._ahead is not None:
            self._ahead_keys = [_key(q, p) for q, p in statements]

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        values = tuple(parameters)
        self.sent.append((sql, values))
        try:
            if self._ahead is not None:
                ahead, self._ahead = self._ahead, None
                for key, rows in zip(self._ahead_keys, ahead.rows(), strict=True):
                    if rows is not None:
                        self._answers.setdefault(key, []).append(rows)
            answers = self._answers.get(_key(sql, values))
            if answers:
                self.answered += 1
                return answers.pop(0)
            if self.libpq:
                return self.con.execute(_numbered(sql), values)
            return self.con.execute(sql.replace("%", "%%").replace("?", "%s"), values)
        except self._errors as exc:
            raise ReadError(str(exc)) from exc

    def quote_identifier(self, name: str) -> str:
        if self.libpq:
            return str(self.con.quote_identifier(name))
        from psycopg import sql

        return sql.Identifier(name).as_string(self.con)

    def close(self) -> None:
        self.con.close()


#: a statement with its parameters
Statement = tuple[str, tuple[Any, ...]]


def _key(sql: str, parameters: Sequence[Any]) -> tuple[Any, ...]:
    """A statement as sent: 1 and True are sent as different types."""
    return (sql, *((type(v).__name__, v) for v in parameters))


def _numbered(sql: str) -> str:
    """``?`` marks as libpq's ``$1``, ``$2``… (psycopg turns its ``%s`` into the same)."""
    first, *rest = sql.split("?")
    return first + "".join(f"${n}{part}" for n, part in enumerate(rest, 1))


def connect(where: ServerAddress) -> ServerReads | None:
    """A read-only snapshot on the server as the address's login, or ``None`` when it is not
    read here: psycopg missing, no rights on the schema, a database at another schema than
    this version's. A server that cannot be reached or refuses the login raises
    ``DatabaseError`` with the message the ORM's opening gives.

    The connection is libpq's own when this system's psycopg-binary ships one
    (``db.libpq``: psycopg is not imported on the way to 首页), else psycopg's; a connection
    libpq could not make is made again through psycopg, which says why as the ORM says it."""
    reads = _connect_libpq(where) or _connect_psycopg(where)
    if reads is None:
        return None
    try:
        if not _pin_search_path(reads):
            reads.close()
            return None
        row = reads.execute("SELECT version_num FROM alembic_version").fetchone()
    except ReadError:
        reads.close()
        return None
    if row is None or row[0] != SCHEMA_HEAD:
        reads.close()
        return None
    reads.sent.clear()
    try:
        reads.send_ahead(remembered(where))
    except ReadError:  # the connection is lost: the ORM says why
        reads.close()
        return None
    return reads


def _connect_libpq(where: ServerAddress) -> ServerReads | None:
    """The snapshot through libpq itself, or ``None`` to make it through psycopg (no such
    libpq here, a connection that failed, a session whose values are not read here)."""
    from jianfu.db import libpq

    path = libpq.library_path()
    if path is None:
        return None
    params = {**where.params, "connect_timeout": str(CONNECT_TIMEOUT)}
    try:
        con = libpq.Connection.connect(path, params)
    except libpq.ConnectTimeoutError:
        if not _one_attempt(where):  # psycopg may find another address of the name
            return None
        # psycopg's one attempt, with the same deadline, would have timed out too
        raise refusal(
            where.description, where.params.get("user", ""), "connection timeout expired"
        ) from None
    except OSError:  # the library did not load
        return None
    if con is None:
        return None
    # values read as psycopg reads them only in UTF-8 and ISO dates
    if (
        con.parameter("client_encoding") != "UTF8"
        or not (con.parameter("DateStyle") or "").startswith("ISO")
        or con.parameter("integer_datetimes") != "on"
    ):
        con.close()
        return None
    try:  # psycopg's start of a transaction at REPEATABLE READ, read only
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    except libpq.Error:
        con.close()
        return None
    return ServerReads(con, libpq=True)


def _one_attempt(where: ServerAddress) -> bool:
    """psycopg makes one attempt at this address (an IP address or a socket's folder; a host
    name may stand for several addresses, each tried with the whole deadline)."""
    import ipaddress

    host = where.params.get("host", "")
    if host.startswith("/"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _connect_psycopg(where: ServerAddress) -> ServerReads | None:
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
    con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    con.read_only = True
    return ServerReads(con)


def _pin_search_path(reads: ServerReads) -> bool:
    """Read only the schema the ORM opens: the login's ``current_schema()`` (the first schema
    of its ``search_path`` that exists, ``engine._server_schema_state``), with the temporary
    schema last (``pg_catalog`` is searched first, as always when not named). A schema later
    in the login's path, a temporary table, or a schema first in the path that holds some of
    the tables but no ``alembic_version`` can then not stand in for a table, a function or an
    operator the reading names. False for a login with no schema it may use (the ORM says
    so). Both statements name ``pg_catalog``'s functions; the path is a parameter."""
    schema = reads.execute("SELECT pg_catalog.current_schema()").fetchone()[0]
    if schema is None:
        return False
    path = f"{reads.quote_identifier(schema)}, pg_temp"
    reads.execute("SELECT pg_catalog.set_config('search_path', ?, false)", (path,))
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


def person(reads: ServerReads) -> Person | None:
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


def owner_login(reads: ServerReads) -> str | None:
    """The connected login when it is the database's owner (or a superuser): the 管理员 of
    a database without an ``app_user`` entry; ``None`` for any other login."""
    owns = reads.execute(IS_DATABASE_OWNER).fetchone()
    if owns is None or not owns[0]:
        return None
    return str(reads.execute("SELECT current_user").fetchone()[0])


# ---------------------------------------------------------------- statements sent ahead

#: the statements of the last reading on each server, for the next start (``remember``)
AHEAD_FILE = "server-first-screen.json"
#: how many servers (address and login) are remembered, the most recent first
AHEAD_SERVERS = 8
#: a reading whose statements take more is not remembered
AHEAD_MAX_CHARS = 200_000
_PLAIN = (str, int, bool, type(None))


def _ahead_key(where: ServerAddress) -> str:
    """The server and login (never the password)."""
    import json

    return json.dumps(sorted((k, v) for k, v in where.params.items() if k != "password"))


def remembered(where: ServerAddress) -> list[Statement]:
    """The statements of the last reading as this login on this server at this schema (what
    the next reading most likely asks); none when there are none or they are not plain
    reads (``SELECT`` or ``WITH``, parameters of the kinds the reading sends)."""
    import json

    from jianfu.paths import data_dir

    try:
        kept = json.loads((data_dir() / AHEAD_FILE).read_text(encoding="utf-8"))
        entry = kept["servers"][_ahead_key(where)]
        if entry["schema"] != SCHEMA_HEAD:
            return []
        statements = [(str(q), tuple(p)) for q, p in entry["statements"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    for sql, values in statements:
        if not sql.startswith(("SELECT ", "WITH ")) or not all(
            isinstance(v, _PLAIN) for v in values
        ):
            return []
    return statements


def remember(where: ServerAddress, statements: Sequence[Statement]) -> None:
    """Keep the statements of a reading for the next start on this server as this login
    (``remembered``); quietly not when they cannot be written."""
    import json
    import os

    from jianfu.paths import data_dir

    if not all(isinstance(v, _PLAIN) for _q, values in statements for v in values):
        return
    entry = {"schema": SCHEMA_HEAD, "statements": [[q, list(p)] for q, p in statements]}
    if len(json.dumps(entry, ensure_ascii=False)) > AHEAD_MAX_CHARS:
        return
    path = data_dir() / AHEAD_FILE
    try:
        servers = json.loads(path.read_text(encoding="utf-8"))["servers"]
        if not isinstance(servers, dict):
            servers = {}
    except (OSError, ValueError, KeyError, TypeError):
        servers = {}
    key = _ahead_key(where)
    servers.pop(key, None)
    servers = {key: entry, **dict(list(servers.items())[: AHEAD_SERVERS - 1])}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # two apps at once
        temporary.write_text(json.dumps({"servers": servers}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
