"""PostgreSQL through libpq's own functions (``ctypes``), for 首页's reading at start-up.

Importing psycopg loads some 160 modules (asyncio, importlib.metadata, ctypes.util, its
adapters): about 100 ms of CPU on the way to 首页 on a server, as long as a bare window takes to
show. 首页's reading (``db.plain_server``) needs one connection, a read-only transaction and
some thirty statements' rows, which libpq gives by itself. So this module loads the very libpq
psycopg-binary ships and psycopg would connect with, and speaks to it as psycopg does for
that reading:

- the connection is made from the same parameters with the same deadline (libpq's own rules
  for the address, the password, the password file, SSL; ``connect_timeout``, at least 2 s,
  as psycopg's ``timeout_from_conninfo``);
- a statement's parameters are sent as psycopg sends them (a ``str`` untyped, an ``int`` as
  int2, int4, int8 or numeric by its size, a ``bool`` as bool, ``None`` as NULL), in text,
  through the extended protocol; a statement without parameters through the simple one;
- rows are read in text and turned into what psycopg's loaders give (``int``, ``bool``,
  ``str``, ``date``, ``datetime``, ``Decimal``, ``float``).

Anything else is not read here and the caller uses psycopg: another system than Linux (the
library's place is known only for psycopg-binary's Linux wheels), psycopg-binary missing, a
connection that fails (psycopg then tries and words the failure as it always has), a client
encoding other than UTF8, a ``DateStyle`` other than ISO, a column of another type (an
``Error``).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

#: libpq's ConnStatusType, PostgresPollingStatusType and ExecStatusType values used here
CONNECTION_BAD = 1
POLLING_FAILED, POLLING_READING, POLLING_WRITING, POLLING_OK = 0, 1, 2, 3
PGRES_COMMAND_OK, PGRES_TUPLES_OK = 1, 2
PGRES_PIPELINE_SYNC = 10
#: pipeline mode came with libpq 14
PIPELINE_VERSION = 140000
#: what statements sent ahead run in, rolled back after each
AHEAD_SAVEPOINT = "jianfu_ahead"

#: psycopg's ``timeout_from_conninfo``: no ``connect_timeout`` (or 0) waits 130 s, at least 2 s
DEFAULT_CONNECT_TIMEOUT = 130


class Error(Exception):
    """A statement the server refused, a lost connection, or a value not read here."""


class ConnectTimeoutError(Exception):
    """No connection within the deadline (psycopg says "connection timeout expired")."""


def library_path() -> Path | None:
    """The libpq of psycopg-binary (``psycopg_binary.libs/libpq-*.so*`` beside the package,
    where its extension modules look for it), or ``None``: not Linux, no psycopg-binary or
    psycopg, or not one such file."""
    if not sys.platform.startswith("linux"):
        return None
    from importlib.util import find_spec

    try:
        binary, psycopg = find_spec("psycopg_binary"), find_spec("psycopg")
    except (ImportError, ValueError):
        return None
    if binary is None or psycopg is None or not binary.submodule_search_locations:
        return None
    package = Path(next(iter(binary.submodule_search_locations)))
    found = sorted((package.parent / "psycopg_binary.libs").glob("libpq-*.so*"))
    return found[0] if len(found) == 1 else None


_LIB: ctypes.CDLL | None = None
#: the same library for the functions that only read a result in memory: called without
#: releasing the interpreter lock (each release lets the GUI thread take it, and getting it
#: back can wait a switch interval: thousands of values would wait so), without argtypes (a
#: result is passed as a ``c_void_p``, row and column as C ints)
_READ: ctypes.PyDLL | None = None
_NOTICE_PROCESSOR = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)
#: the server's notices are dropped, as psycopg drops them when no handler is added (libpq's
#: own processor would print them on stderr)
_DROP_NOTICE = _NOTICE_PROCESSOR(lambda _arg, _message: None)


def _library(path: Path) -> ctypes.CDLL:
    """libpq loaded once, with the signatures of the functions used here."""
    global _LIB
    if _LIB is not None:
        return _LIB
    lib = ctypes.CDLL(str(path))
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    strings = ctypes.POINTER(ctypes.c_char_p)
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "PQconnectStartParams": (p, [strings, strings, i]),
        "PQconnectPoll": (i, [p]),
        "PQstatus": (i, [p]),
        "PQsocket": (i, [p]),
        "PQerrorMessage": (s, [p]),
        "PQparameterStatus": (s, [p, s]),
        "PQfinish": (None, [p]),
        "PQexec": (p, [p, s]),
        "PQexecParams": (
            p,
            [p, s, i, ctypes.POINTER(ctypes.c_uint), strings, ctypes.c_void_p, p, i],
        ),
        "PQresultStatus": (i, [p]),
        "PQresultErrorMessage": (s, [p]),
        "PQntuples": (i, [p]),
        "PQnfields": (i, [p]),
        "PQftype": (ctypes.c_uint, [p, i]),
        "PQgetvalue": (s, [p, i, i]),
        "PQgetisnull": (i, [p, i, i]),
        "PQclear": (None, [p]),
        "PQescapeIdentifier": (p, [p, s, ctypes.c_size_t]),
        "PQfreemem": (None, [p]),
        "PQsetNoticeProcessor": (p, [p, _NOTICE_PROCESSOR, p]),
        "PQlibVersion": (i, []),
        "PQsetnonblocking": (i, [p, i]),
        "PQenterPipelineMode": (i, [p]),
        "PQexitPipelineMode": (i, [p]),
        "PQpipelineSync": (i, [p]),
        "PQsendQueryParams": (
            i,
            [p, s, i, ctypes.POINTER(ctypes.c_uint), strings, ctypes.c_void_p, p, i],
        ),
        "PQflush": (i, [p]),
        "PQconsumeInput": (i, [p]),
        "PQgetResult": (p, [p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    global _READ
    read = ctypes.PyDLL(str(path))
    for name, restype in (
        ("PQntuples", ctypes.c_int),
        ("PQnfields", ctypes.c_int),
        ("PQftype", ctypes.c_uint),
        ("PQgetvalue", ctypes.c_char_p),
        ("PQgetisnull", ctypes.c_int),
    ):
        getattr(read, name).restype = restype
    _LIB, _READ = lib, read
    return lib


def connect_timeout(params: Mapping[str, str]) -> float:
    """Seconds psycopg waits for a connection (``timeout_from_conninfo``)."""
    try:
        seconds = int(float(params.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT)))
    except ValueError:
        seconds = DEFAULT_CONNECT_TIMEOUT
    return DEFAULT_CONNECT_TIMEOUT if seconds <= 0 else max(seconds, 2)


class Connection:
    """One libpq connection (blocking; used by one thread)."""

    def __init__(self, lib: ctypes.CDLL, conn: int) -> None:
        self._lib, self._conn = lib, conn

    @classmethod
    def connect(cls, path: Path, params: Mapping[str, str]) -> Connection | None:
        """A connection made from ``params`` (libpq keywords, as psycopg's ``connect`` takes
        them) within psycopg's deadline, or ``None`` when it failed at once or the server
        refused (psycopg then tries again and says why, in its words);
        ``ConnectTimeoutError`` when the deadline passed."""
        import select

        lib = _library(path)
        keys = (ctypes.c_char_p * (len(params) + 1))(*(k.encode() for k in params), None)
        values = (ctypes.c_char_p * (len(params) + 1))(*(v.encode() for v in params.values()), None)
        conn = lib.PQconnectStartParams(keys, values, 0)
        if not conn:
            return None
        deadline = time.monotonic() + connect_timeout(params)
        try:
            while True:
                if lib.PQstatus(conn) == CONNECTION_BAD:
                    lib.PQfinish(conn)
                    return None
                status = lib.PQconnectPoll(conn)
                if status == POLLING_OK:
                    break
                if status not in (POLLING_READING, POLLING_WRITING):
                    lib.PQfinish(conn)
                    return None
                poll = select.poll()
                event = select.POLLIN if status == POLLING_READING else select.POLLOUT
                poll.register(lib.PQsocket(conn), event)
                while not poll.poll(100):
                    if time.monotonic() >= deadline:
                        raise ConnectTimeoutError
        except BaseException:
            lib.PQfinish(conn)
            raise
        lib.PQsetNoticeProcessor(conn, _DROP_NOTICE, None)
        return cls(lib, conn)

    def parameter(self, name: str) -> str | None:
        """A setting the server reported (``PQparameterStatus``)."""
        value = self._lib.PQparameterStatus(self._conn, name.encode())
        return None if value is None else value.decode()

    def quote_identifier(self, name: str) -> str:
        """``name`` as an identifier in SQL (``PQescapeIdentifier``, as psycopg's
        ``sql.Identifier``)."""
        raw = name.encode()
        quoted = self._lib.PQescapeIdentifier(self._conn, raw, len(raw))
        if not quoted:
            raise Error(self._error())
        try:
            return ctypes.string_at(quoted).decode()
        finally:
            self._lib.PQfreemem(quoted)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows:
        """The rows of ``sql``, whose parameters are written ``$1``, ``$2``…"""
        lib = self._lib
        if not parameters:
            res = lib.PQexec(self._conn, sql.encode())
        else:
            res = lib.PQexecParams(self._conn, sql.encode(), *_bound(parameters), None, None, 0)
        if not res:
            raise Error(self._error())
        try:
            return Rows(self._result_rows(res))
        finally:
            lib.PQclear(res)

    def _result_rows(self, res: int) -> list[tuple[Any, ...]]:
        status = self._lib.PQresultStatus(res)
        if status not in (PGRES_COMMAND_OK, PGRES_TUPLES_OK):
            message = self._lib.PQresultErrorMessage(res) or b""
            raise Error(message.decode(errors="replace").strip() or self._error())
        assert _READ is not None  # loaded with _LIB
        return _rows(_READ, ctypes.c_void_p(res))

    def send_ahead(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> Ahead | None:
        """Send ``statements`` to the server at once (libpq's pipeline mode) without waiting
        for their rows: the server works on them while this process does other things, and
        :meth:`Ahead.rows` collects them. Each runs in a savepoint rolled back after it, so
        that neither an error of one nor a setting it makes reaches the next, or the statements
        asked after them; the transaction and its snapshot go on as before. ``None`` when this
        libpq has no pipeline mode or it could not be entered (nothing was sent then);
        ``Error`` when the sending failed (the connection is then not to be used)."""
        lib, conn = self._lib, self._conn
        if not statements or lib.PQlibVersion() < PIPELINE_VERSION:
            return None
        if lib.PQsetnonblocking(conn, 1) != 0:
            return None
        if lib.PQenterPipelineMode(conn) != 1:
            lib.PQsetnonblocking(conn, 0)
            return None
        try:
            self._send(f"SAVEPOINT {AHEAD_SAVEPOINT}", ())
            for sql, parameters in statements:
                self._send(sql, parameters)
                self._sync()  # an error skips what follows only up to here
                self._send(f"ROLLBACK TO SAVEPOINT {AHEAD_SAVEPOINT}", ())
            self._sync()
            self._flush()
        except Error:
            self.close()
            raise
        return Ahead(self, len(statements))

    def _send(self, sql: str, parameters: Sequence[Any]) -> None:
        bound = _bound(parameters) if parameters else (0, None, None)
        if self._lib.PQsendQueryParams(self._conn, sql.encode(), *bound, None, None, 0) != 1:
            raise Error(self._error())

    def _sync(self) -> None:
        if self._lib.PQpipelineSync(self._conn) != 1:
            raise Error(self._error())

    def _flush(self) -> None:
        """Everything sent (nonblocking), reading what comes meanwhile so that neither side
        waits for the other with full buffers."""
        import select

        lib, conn = self._lib, self._conn
        while (left := lib.PQflush(conn)) == 1:
            poll = select.poll()
            poll.register(lib.PQsocket(conn), select.POLLIN | select.POLLOUT)
            for _fd, event in poll.poll(1000):
                if event & select.POLLIN and lib.PQconsumeInput(conn) != 1:
                    raise Error(self._error())
        if left != 0:
            raise Error(self._error())

    def _next_result(self) -> int:
        res = self._lib.PQgetResult(self._conn)
        if not res:
            raise Error(self._error() or "a result missing from the pipeline")
        return int(res)

    def _end_of_result(self) -> None:
        res = self._lib.PQgetResult(self._conn)
        if res:
            self._lib.PQclear(res)
            raise Error("more results than one statement gives")

    def close(self) -> None:
        if self._conn:
            self._lib.PQfinish(self._conn)
            self._conn = 0

    def _error(self) -> str:
        message = self._lib.PQerrorMessage(self._conn) or b""
        return message.decode(errors="replace").strip()


class Ahead:
    """Statements sent ahead (:meth:`Connection.send_ahead`), their rows still to collect."""

    def __init__(self, con: Connection, count: int) -> None:
        self._con, self._count = con, count

    def rows(self) -> list[Rows | None]:
        """Each statement's rows (``None`` for one the server refused), once the server has
        answered them all; the connection is then back to one statement at a time. ``Error``
        when the answers are not those of the statements sent (the connection is then not to
        be used)."""
        con = self._con
        lib, conn = con._lib, con._conn
        try:
            lib.PQsetnonblocking(conn, 0)
            if self._answer() is None:
                raise Error(con._error() or "no savepoint")
            out: list[Rows | None] = []
            for _ in range(self._count):
                out.append(self._answer())
                self._expect(PGRES_PIPELINE_SYNC)
                self._expect(PGRES_COMMAND_OK)  # the savepoint rolled back
                con._end_of_result()
            self._expect(PGRES_PIPELINE_SYNC)
            if lib.PQexitPipelineMode(conn) != 1:
                raise Error(con._error())
        except Error:
            con.close()
            raise
        return out

    def _answer(self) -> Rows | None:
        """One statement's rows, ``None`` when the server refused it."""
        con = self._con
        res = con._next_result()
        try:
            rows = Rows(con._result_rows(res))
        except Error:
            rows = None
        finally:
            con._lib.PQclear(res)
        con._end_of_result()
        return rows

    def _expect(self, status: int) -> None:
        con = self._con
        res = con._next_result()
        found = con._lib.PQresultStatus(res)
        con._lib.PQclear(res)
        if found != status:
            raise Error(con._error() or f"status {found} in the pipeline, not {status}")


class Rows:
    """A statement's rows, read as psycopg's cursor gives them."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows, self._next = rows, 0

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rest, self._next = self._rows[self._next :], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


def _bound(parameters: Sequence[Any]) -> tuple[int, Any, Any]:
    """``parameters`` as libpq takes them: their count, types and texts."""
    n = len(parameters)
    types = (ctypes.c_uint * n)(*(_oid(v) for v in parameters))
    values = (ctypes.c_char_p * n)(*(_text(v) for v in parameters))
    return n, types, values


def _oid(value: Any) -> int:
    """The type psycopg sends ``value`` as (0: let the server infer it, as for a ``str``)."""
    if value is None or isinstance(value, str):
        return 0
    if isinstance(value, bool):
        return 16
    if isinstance(value, int):
        if -(2**15) <= value < 2**15:
            return 21
        if -(2**31) <= value < 2**31:
            return 23
        return 20 if -(2**63) <= value < 2**63 else 1700
    raise Error(f"a parameter of type {type(value).__name__} is not sent here")


def _text(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return b"t" if value else b"f"
    if isinstance(value, str):
        if "\x00" in value:
            raise Error("a string with a NUL character")
        return value.encode()
    return str(value).encode()


def _decimal(raw: bytes) -> Any:
    from decimal import Decimal

    return Decimal(raw.decode())


def _date(raw: bytes) -> dt.date:
    return dt.date.fromisoformat(raw.decode())


def _timestamp(raw: bytes) -> dt.datetime:
    return dt.datetime.fromisoformat(raw.decode())


def _str(raw: bytes) -> str:
    return raw.decode()


def _bool(raw: bytes) -> bool:
    return raw == b"t"


#: the loaders by type oid: bool; int8, int2, int4, oid; text, varchar, bpchar, name, unknown;
#: date; timestamp (without time zone); numeric; float4, float8
LOADERS: dict[int, Callable[[bytes], Any]] = {
    16: _bool,
    20: int,
    21: int,
    23: int,
    26: int,
    25: _str,
    1043: _str,
    1042: _str,
    19: _str,
    705: _str,
    1082: _date,
    1114: _timestamp,
    1700: _decimal,
    700: float,
    701: float,
}


def _rows(lib: ctypes.PyDLL, res: ctypes.c_void_p) -> list[tuple[Any, ...]]:
    n, m = lib.PQntuples(res), lib.PQnfields(res)
    if not n:
        return []
    value, isnull = lib.PQgetvalue, lib.PQgetisnull
    columns: list[list[Any]] = []
    for c in range(m):
        load = LOADERS.get(lib.PQftype(res, c))
        if load is None:
            raise Error(f"a column of type oid {lib.PQftype(res, c)} is not read here")
        raw = [value(res, r, c) for r in range(n)]
        try:
            columns.append(
                [None if not v and isnull(res, r, c) else load(v) for r, v in enumerate(raw)]
            )
        except ValueError as exc:  # a date psycopg cannot load either (infinity, BC)
            raise Error(str(exc)) from exc
    return list(zip(*columns, strict=True))
