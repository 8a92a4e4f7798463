"""首页's reading on a PostgreSQL server through libpq's C API (``ctypes``), without psycopg.

Why libpq directly: a start on a server reads 首页 before anything else of the database
loads (``db.plain_server``), and psycopg's import was the largest part of that reading's CPU
(107–146 ms on the 2-core test machine: its package pulls in asyncio, ``importlib.metadata``
and its adapters), while ``ctypes`` and libpq load in 12–16 ms. libpq is the library made for
the job, the one psycopg itself calls (psycopg-binary bundles it); the few calls 首页's
reading needs are wrapped here: a connection made with libpq's own rules (the same keywords,
so the same password, password file, service file and SSL settings as the app's connections),
statements with text parameters and no statement prepared on the server, and answers read as
text and converted by their column's type (the types 首页's statements return; any other is
:class:`UnreadError`, and the caller reads with psycopg instead).

Which libpq: the system's (by its soname, as ``ctypes.util.find_library("pq")`` names it, or
found by that), else the one the installed psycopg-binary bundles (found by
``importlib.util.find_spec``, which does not import it).
Where libpq itself is the problem (none found, one too old for pipeline mode or not knowing
an option of the address, an answer of a type not read here), ``db.plain_server`` connects
through psycopg exactly as before. A connection not made for a reason psycopg would meet too
(the server unreachable, the login refused) is :class:`ConnectError`, said at once: psycopg
tried again, and an unreachable server kept the clerk waiting for its timeout twice.

Statements sent ahead (:meth:`LibpqReads.send_ahead`) use libpq's pipeline mode, and each
answer is read when its statement is asked (not all of them at the first one): a call into
libpq that waits for the server lets go of the interpreter's lock, so the start's imports run
while the server works.
"""

from __future__ import annotations

import ctypes
import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: pipeline mode came with libpq 14
MIN_VERSION = 140000

# ConnStatusType, ExecStatusType, PGTransactionStatusType (libpq-fe.h)
CONNECTION_OK = 0
PGRES_COMMAND_OK, PGRES_TUPLES_OK = 1, 2
PGRES_PIPELINE_SYNC = 10

#: the parameters' types as psycopg sends them (an integer by its size; a text as unknown, so
#: the server reads it as the column it is compared with; a list as unknown text, cast in SQL)
_BOOL, _INT2, _INT4, _INT8, _NUMERIC, _FLOAT8, _DATE = 16, 21, 23, 20, 1700, 701, 1082


class Error(Exception):
    """The server refused a statement or the connection was lost: the reading fails, as a
    ``psycopg.Error`` makes it fail."""


class ConnectError(Error):
    """The connection was not made: the server not reached, the login refused (``reason``:
    libpq's message, its first line). psycopg, which calls libpq to connect, would meet the
    same."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.reason = (message.strip().splitlines() or [""])[0]


class UnreadError(Error):
    """An answer of a type not read here, or a value this reading cannot send: read with
    psycopg instead."""


#: what a call here raises when libpq or a value cannot be used as this module expects: the
#: caller then reads through psycopg
FAILURES: tuple[type[Exception], ...] = (
    Error,
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    ctypes.ArgumentError,
)

_lib: ctypes.CDLL | None = None
_tried = False


#: the system's libpq by its name as the loader finds it (what ``ctypes.util.find_library``
#: answers on Linux, without the ``ldconfig`` it runs and the modules it imports)
SONAMES = {"linux": "libpq.so.5", "darwin": "libpq.5.dylib", "win32": "libpq.dll"}


def _candidates() -> Iterator[str]:
    """The system's libpq, then psycopg-binary's (without importing either package), then
    whatever ``ctypes.util.find_library`` finds."""
    import sys

    soname = SONAMES.get(sys.platform)
    if soname:
        yield soname
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("psycopg_binary")
        folders = list(spec.submodule_search_locations or []) if spec else []
    except (ImportError, ValueError):
        folders = []
    for folder in folders:
        here = Path(folder)
        for libs in (here.parent / "psycopg_binary.libs", here / ".dylibs"):
            for pattern in ("libpq*.so*", "libpq*.dylib", "libpq*.dll"):
                yield from sorted(str(p) for p in libs.glob(pattern))
    import ctypes.util

    found = ctypes.util.find_library("pq")
    if found:
        yield found


class _Option(ctypes.Structure):
    """``PQconninfoOption`` (libpq-fe.h): one connection keyword libpq knows."""

    _fields_ = [
        ("keyword", ctypes.c_char_p),
        ("envvar", ctypes.c_char_p),
        ("compiled", ctypes.c_char_p),
        ("val", ctypes.c_char_p),
        ("label", ctypes.c_char_p),
        ("dispchar", ctypes.c_char_p),
        ("dispsize", ctypes.c_int),
    ]


def _declare(lib: ctypes.CDLL) -> None:
    p, i, u, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_char_p
    strings = ctypes.POINTER(ctypes.c_char_p)
    oids, ints = ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_int)
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "PQlibVersion": (i, []),
        "PQconndefaults": (ctypes.POINTER(_Option), []),
        "PQconninfoFree": (None, [ctypes.POINTER(_Option)]),
        "PQconnectdbParams": (p, [strings, strings, i]),
        "PQstatus": (i, [p]),
        "PQerrorMessage": (s, [p]),
        "PQfinish": (None, [p]),
        "PQexecParams": (p, [p, s, i, oids, strings, ints, ints, i]),
        "PQsendQueryParams": (i, [p, s, i, oids, strings, ints, ints, i]),
        "PQgetResult": (p, [p]),
        "PQenterPipelineMode": (i, [p]),
        "PQexitPipelineMode": (i, [p]),
        "PQpipelineSync": (i, [p]),
        "PQresultStatus": (i, [p]),
        "PQresultErrorMessage": (s, [p]),
        "PQntuples": (i, [p]),
        "PQnfields": (i, [p]),
        "PQftype": (u, [p, i]),
        "PQgetvalue": (s, [p, i, i]),
        "PQgetisnull": (i, [p, i, i]),
        "PQclear": (None, [p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def load() -> ctypes.CDLL | None:
    """libpq (:func:`_candidates`' first that loads, has every call used here and is recent
    enough for pipeline mode), loaded once; ``None`` when there is none."""
    global _lib, _tried
    if _tried:
        return _lib
    _tried = True
    for candidate in _candidates():
        try:
            lib = ctypes.CDLL(candidate)
            _declare(lib)
            if lib.PQlibVersion() < MIN_VERSION:
                continue
        except (OSError, AttributeError):
            continue
        _lib = lib
        break
    return _lib


def _array(values: Sequence[Any]) -> str:
    """A list as PostgreSQL's array text (``{1,2,3}``, ``{"a","b"}``)."""
    items = []
    for v in values:
        if type(v) is int:
            items.append(str(v))
        elif type(v) is str:
            items.append('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            raise UnreadError(type(v).__name__)
    return "{" + ",".join(items) + "}"


def _parameter(value: Any) -> tuple[int, bytes | None]:
    """(type, text) of one parameter, as psycopg sends it."""
    kind = type(value)
    if value is None:
        return 0, None
    if kind is bool:
        return _BOOL, b"t" if value else b"f"
    if kind is int:
        if -(2**15) <= value < 2**15:
            oid = _INT2
        elif -(2**31) <= value < 2**31:
            oid = _INT4
        elif -(2**63) <= value < 2**63:
            oid = _INT8
        else:
            oid = _NUMERIC
        return oid, str(value).encode()
    if kind is str:
        return 0, value.encode("utf-8")
    if kind is float:
        return _FLOAT8, repr(value).encode()
    if kind is dt.date:
        return _DATE, value.isoformat().encode()
    if kind in (list, tuple):
        return 0, _array(value).encode("utf-8")
    raise UnreadError(kind.__name__)


def _texts(values: list[bytes]) -> list[Any]:
    return list(map(bytes.decode, values))


def _ints(values: list[bytes]) -> list[Any]:
    return list(map(int, values))


def _floats(values: list[bytes]) -> list[Any]:
    return list(map(float, values))


def _bools(values: list[bytes]) -> list[Any]:
    return [v == b"t" for v in values]


def _numerics(values: list[bytes]) -> list[Any]:
    from decimal import Decimal

    return list(map(Decimal, map(bytes.decode, values)))


def _dates(values: list[bytes]) -> list[Any]:
    return list(map(dt.date.fromisoformat, map(bytes.decode, values)))


def _timestamps(values: list[bytes]) -> list[Any]:
    # timestamptz with the offset the server's session gives (psycopg: its time zone)
    return list(map(dt.datetime.fromisoformat, map(bytes.decode, values)))


#: how a column's texts are read, by its type's OID (``pg_type``): as psycopg reads them
CONVERTERS: dict[int, Callable[[list[bytes]], list[Any]]] = {
    16: _bools,
    20: _ints,  # int8
    21: _ints,  # int2
    23: _ints,  # int4
    26: _ints,  # oid
    19: _texts,  # name
    25: _texts,  # text
    1042: _texts,  # bpchar
    1043: _texts,  # varchar
    700: _floats,  # float4
    701: _floats,  # float8
    1700: _numerics,
    1082: _dates,
    1114: _timestamps,
    1184: _timestamps,
}


class Rows:
    """A statement's answer, read whole: what the readers ask of a psycopg cursor."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


class Connection:
    """One libpq connection (a ``PGconn``), closed by :meth:`close`."""

    def __init__(self, lib: ctypes.CDLL, handle: int) -> None:
        self.lib, self.handle = lib, handle

    def close(self) -> None:
        if self.handle:
            self.lib.PQfinish(self.handle)
            self.handle = 0

    def _message(self) -> str:
        message = self.lib.PQerrorMessage(self.handle) or b""
        return message.decode("utf-8", "replace").strip()

    def execute(self, sql: str, values: Sequence[Any] = ()) -> Rows:
        """``sql`` (``$1`` marks) run with ``values`` as text parameters (unnamed, not
        prepared: one round trip of the extended protocol, as psycopg sends it)."""
        arguments = _arguments(values)
        result = self.lib.PQexecParams(self.handle, sql.encode("utf-8"), *arguments, 0)
        return self._answer(result)

    def send(self, sql: str, values: Sequence[Any] = ()) -> None:
        """``sql`` sent in pipeline mode; its answer is :meth:`next_answer`'s, in order."""
        arguments = _arguments(values)
        if not self.lib.PQsendQueryParams(self.handle, sql.encode("utf-8"), *arguments, 0):
            raise Error(self._message())

    def next_answer(self) -> Rows:
        """The next answer of a statement sent in pipeline mode."""
        result = self.lib.PQgetResult(self.handle)
        answer = self._answer(result)
        self.lib.PQgetResult(self.handle)  # NULL: the end of this statement's answer
        return answer

    def _answer(self, result: int | None) -> Rows:
        lib = self.lib
        if not result:
            raise Error(self._message())
        try:
            status = lib.PQresultStatus(result)
            if status == PGRES_COMMAND_OK:
                return Rows([])
            if status != PGRES_TUPLES_OK:
                message = lib.PQresultErrorMessage(result) or b""
                raise Error(message.decode("utf-8", "replace").strip() or self._message())
            return Rows(_rows(lib, result))
        finally:
            lib.PQclear(result)

    def enter_pipeline(self) -> None:
        if not self.lib.PQenterPipelineMode(self.handle):
            raise Error(self._message())

    def sync(self) -> None:
        if not self.lib.PQpipelineSync(self.handle):
            raise Error(self._message())

    def leave_pipeline(self) -> None:
        """After every answer was read: the sync's answer, then out of pipeline mode."""
        result = self.lib.PQgetResult(self.handle)
        status = self.lib.PQresultStatus(result) if result else -1
        if result:
            self.lib.PQclear(result)
        if status != PGRES_PIPELINE_SYNC or not self.lib.PQexitPipelineMode(self.handle):
            raise Error(self._message())


def _arguments(values: Sequence[Any]) -> tuple[Any, ...]:
    """``PQexecParams``' arguments from ``nParams`` to ``paramFormats`` (all text)."""
    n = len(values)
    if not n:
        return 0, None, None, None, None
    typed = [_parameter(v) for v in values]
    types = (ctypes.c_uint * n)(*(t for t, _ in typed))
    texts = (ctypes.c_char_p * n)(*(v for _, v in typed))
    return n, types, texts, None, None


def _rows(lib: ctypes.CDLL, result: int) -> list[tuple[Any, ...]]:
    """Every row of ``result``, each column's values converted by its type (a column at a
    time: libpq's accessors are called through :data:`_quick`, which keeps the interpreter's
    lock, and the texts converted by ``map``)."""
    quick = _quick(lib)
    handle = ctypes.c_void_p(result)
    n, width = quick.PQntuples(handle), quick.PQnfields(handle)
    value, isnull = quick.PQgetvalue, quick.PQgetisnull
    rows = range(n)
    columns: list[list[Any]] = []
    for col in range(width):
        oid = quick.PQftype(handle, col)
        convert = CONVERTERS.get(oid)
        if convert is None:
            raise UnreadError(f"type {oid}")
        texts = [value(handle, row, col) for row in rows]
        try:
            if b"" not in texts:
                columns.append(convert(texts))
                continue
            # libpq gives "" for a NULL: only then is it asked which it is
            nulls = {r for r in rows if not texts[r] and isnull(handle, r, col)}
            read = iter(convert([t for r, t in enumerate(texts) if r not in nulls]))
            columns.append([None if r in nulls else next(read) for r in rows])
        except ValueError as exc:  # what PostgreSQL writes and Python does not: BC, infinity
            raise UnreadError(str(exc)) from exc
    if not columns:
        return [() for _ in rows]
    return list(zip(*columns, strict=True))


_quicks: dict[str, Any] = {}


def _quick(lib: ctypes.CDLL) -> Any:
    """``lib``'s result accessors called without letting go of the interpreter's lock
    (``ctypes.PyDLL``: they only read the result in memory, and a worker reading tens of
    thousands of values would hand the lock to the GUI thread at each otherwise), without
    declared arguments (the result is passed as a ``c_void_p``): half a ``CDLL`` call's cost."""
    quick = _quicks.get(lib._name)
    if quick is None:
        quick = ctypes.PyDLL(lib._name)
        quick.PQgetvalue.restype = ctypes.c_char_p
        quick.PQftype.restype = ctypes.c_uint
        _quicks[lib._name] = quick
    return quick


_keywords: dict[str, frozenset[str]] = {}


def _known_keywords(lib: ctypes.CDLL) -> frozenset[str]:
    """The connection keywords ``lib`` knows (``PQconndefaults``)."""
    known = _keywords.get(lib._name)
    if known is None:
        options = lib.PQconndefaults()
        if not options:  # out of memory
            return frozenset()
        names = set()
        n = 0
        while (keyword := options[n].keyword) is not None:
            names.add(keyword.decode("ascii", "replace"))
            n += 1
        lib.PQconninfoFree(options)
        known = _keywords[lib._name] = frozenset(names)
    return known


def connect(params: dict[str, str], timeout: int) -> Connection | None:
    """A connection with ``params`` (libpq's keywords, as ``psycopg.connect`` takes them),
    its answers in UTF-8; ``None`` when libpq is the problem: it cannot be loaded, does not
    know a keyword of ``params`` (an older libpq than psycopg's), or the address names another
    encoding (the caller tries psycopg). A connection not made (the server unreachable, the
    login refused) raises :class:`ConnectError`."""
    named = params.get("client_encoding", "UTF8").upper().replace("-", "").replace("_", "")
    if named not in ("UTF8", "UNICODE"):  # texts are read as UTF-8 here
        return None
    lib = load()
    if lib is None:
        return None
    keywords = {"connect_timeout": str(timeout), "client_encoding": "UTF8", **params}
    if not set(keywords) <= _known_keywords(lib):
        return None
    n = len(keywords)
    names = (ctypes.c_char_p * (n + 1))(*(k.encode("utf-8") for k in keywords), None)
    values = (ctypes.c_char_p * (n + 1))(*(v.encode("utf-8") for v in keywords.values()), None)
    handle = lib.PQconnectdbParams(names, values, 0)
    if not handle:
        return None
    con = Connection(lib, handle)
    if lib.PQstatus(handle) != CONNECTION_OK:
        message = con._message()
        con.close()
        raise ConnectError(message)
    return con


def numbered(sql: str) -> str:
    """psycopg's form of a statement (``%s`` marks, ``%%`` for ``%``) in libpq's (``$1``)."""
    parts = sql.split("%%")
    n = 0
    out = []
    for part in parts:
        pieces = part.split("%s")
        numbered_part = pieces[0]
        for piece in pieces[1:]:
            n += 1
            numbered_part += f"${n}{piece}"
        out.append(numbered_part)
    return "%".join(out)


def _frozen(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


class LibpqReads:
    """``plain_server.ServerReads`` over libpq: the same statements (psycopg's form, ``?``
    marks turned into ``%s`` and lists into arrays there), the same snapshot, what was asked
    and sent ahead kept alike. ``errors``: what a failed reading raises."""

    errors: tuple[type[Exception], ...] = (Error,)
    #: a reading that failed with these is read again through psycopg
    retry: tuple[type[Exception], ...] = (UnreadError,)

    def __init__(self, con: Connection, prepare: Callable[[str, tuple[Any, ...]], Any]) -> None:
        self.con = con
        #: ``plain_server``'s ``(sql, values)`` -> psycopg's form
        self._prepare = prepare
        self.asked: list[tuple[str, tuple[Any, ...]]] = []
        #: answers read from the pipeline before their statement was asked
        self.ahead: dict[tuple[str, tuple[Any, ...]], deque[Rows]] = {}
        self.sent: list[tuple[str, tuple[Any, ...]]] = []
        #: statements sent ahead whose answers are not read yet, in the order sent
        self._pending: deque[tuple[str, tuple[Any, ...]]] = deque()
        self._piped = False

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        sql, values = self._prepare(sql, tuple(parameters))
        self.asked.append((sql, values))
        key = (sql, _frozen(values))
        read = self.ahead.get(key)
        if read:
            return read.popleft()
        if key in self._pending:  # its answer after those sent before it
            while True:
                sent = self._pending.popleft()
                answer = self.con.next_answer()
                if sent == key:
                    return answer
                self.ahead.setdefault(sent, deque()).append(answer)
        self._leave_pipeline()
        return self.con.execute(numbered(sql), values)

    def _leave_pipeline(self) -> None:
        """Every answer sent ahead read (kept for when asked), out of pipeline mode."""
        if not self._piped:
            return
        while self._pending:
            sent = self._pending.popleft()
            self.ahead.setdefault(sent, deque()).append(self.con.next_answer())
        self.con.leave_pipeline()
        self._piped = False

    def send_ahead(self, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        """As ``ServerReads.send_ahead``: in libpq's pipeline mode, one sync after the last;
        each answer is read when its statement is asked."""
        if not statements:
            return
        self.sent = list(statements)
        self.con.enter_pipeline()
        self._piped = True
        for sql, values in statements:
            self.con.send(numbered(sql), values)
            self._pending.append((sql, _frozen(values)))
        self.con.sync()

    def close(self) -> None:
        self.con.close()
