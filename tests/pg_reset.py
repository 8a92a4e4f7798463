"""A worker's PostgreSQL test database put back to a template's state without copying the
template again, when a test changed only rows.

``CREATE DATABASE ... TEMPLATE`` (with the ``DROP DATABASE`` before it, which forces a
checkpoint of the whole server) took 0.1-0.3 s a test quiet and up to a second at load 5, for
a township of 730 rows. Most tests change a few rows or none. So after the first copy of a
template the worker keeps one connection to its database and remembers the template's rows (in
``COPY`` binary form, read from that fresh copy) and a state: a digest of the database's
catalogue, an md5 of each table's rows in the order a sequential scan returns them, and each
sequence's value. Before the next test that asks for the same template:

- every other session on the database is ended (as ``DROP DATABASE ... WITH (FORCE)`` did) and
  the state is read again;
- the same state: nothing to do (a test that only read);
- only tables' rows or sequences differ: those tables are emptied and loaded again from the
  template's rows, with triggers and foreign-key checks off for the load
  (``session_replication_role = replica``), the sequences set back, and the state read once
  more, which must then equal the template's, rows in the same order included (else the
  tables are truncated and loaded again, else the template is copied after all);
- anything else differs (a table, column, grant, policy, trigger, function, setting of the
  database: what a migration, ``jianfu users add`` or a schema wipe changes), or the
  connection is gone, or a session does not end: the template is copied as before.

So every test starts from a database equal to a fresh copy of its template in its catalogue,
its rows, their order and its sequences. ``JIANFU_TEST_PG_RESET_CHECK=1`` also compares each
put-back database with a fresh copy by ``pg_dump`` (6 December 2026: all 323 put-backs of a
run of tests/db the same).

The templates that hold only rows beyond the empty one are made as copies of it (the demo
township, the city, the county in tests/conftest.py), so their tables have the same oids and
a test of the demo township after one of an empty database costs a load of rows, no copy.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import os
import subprocess
import time
from collections.abc import Callable
from typing import Any

#: A digest of what a test could change in the database besides rows and sequences: every
#: object the database's catalogues hold beyond the built-in ones (oid 16384 and up), with
#: its definition, owner and grants, and the database's own grants and settings. Left out:
#: what vacuum, analyze and truncation change in ``pg_class`` (sizes, counters, file
#: number) and the namespaces PostgreSQL keeps for temporary tables.
_CATALOGUE_DIGEST = r"""
SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
  SELECT 'db ' || row(datdba, encoding, datcollate, datctype, datistemplate, datallowconn,
                      datconnlimit, datacl)::text AS x
    FROM pg_database WHERE datname = current_database()
  UNION ALL SELECT 'dbset ' || row(setrole, setconfig)::text FROM pg_db_role_setting
    WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL SELECT 'prepared ' || count(*) FROM pg_prepared_xacts
    WHERE database = current_database()
  UNION ALL SELECT 'class ' || (to_jsonb(c) - '{relpages,reltuples,relallvisible,relfrozenxid,
    relminmxid,relfilenode,relhasindex,relhasrules,relhastriggers,relhassubclass}'::text[])::text
    FROM pg_class c WHERE oid >= 16384
  UNION ALL SELECT 'ns ' || t::text FROM pg_namespace t
    WHERE (oid >= 16384 OR nspname = 'public') AND nspname !~ '^pg_(toast_)?temp_'
  UNION ALL SELECT 'att ' || t::text FROM pg_attribute t WHERE attrelid >= 16384
  UNION ALL SELECT 'index ' || t::text FROM pg_index t WHERE indexrelid >= 16384
  UNION ALL SELECT 'seq ' || t::text FROM pg_sequence t WHERE seqrelid >= 16384
  UNION ALL SELECT 'desc ' || t::text FROM pg_description t WHERE objoid >= 16384
  UNION ALL SELECT 'inh ' || t::text FROM pg_inherits t
  UNION ALL SELECT 'type ' || t::text FROM pg_type t WHERE oid >= 16384
  UNION ALL SELECT 'proc ' || t::text FROM pg_proc t WHERE oid >= 16384
  UNION ALL SELECT 'con ' || t::text FROM pg_constraint t WHERE oid >= 16384
  UNION ALL SELECT 'def ' || t::text FROM pg_attrdef t WHERE oid >= 16384
  UNION ALL SELECT 'trig ' || t::text FROM pg_trigger t WHERE oid >= 16384
  UNION ALL SELECT 'pol ' || t::text FROM pg_policy t WHERE oid >= 16384
  UNION ALL SELECT 'rule ' || t::text FROM pg_rewrite t WHERE oid >= 16384
  UNION ALL SELECT 'enum ' || t::text FROM pg_enum t WHERE oid >= 16384
  UNION ALL SELECT 'dacl ' || t::text FROM pg_default_acl t
  UNION ALL SELECT 'evt ' || t::text FROM pg_event_trigger t
  UNION ALL SELECT 'ext ' || t::text FROM pg_extension t
  UNION ALL SELECT 'lo ' || t::text FROM pg_largeobject_metadata t
  UNION ALL SELECT 'pub ' || t::text FROM pg_publication t
  UNION ALL SELECT 'stx ' || t::text FROM pg_statistic_ext t
  UNION ALL SELECT 'other ' || o FROM (
    SELECT 'op ' || t::text AS o FROM pg_operator t WHERE oid >= 16384
    UNION ALL SELECT 'opc ' || t::text FROM pg_opclass t WHERE oid >= 16384
    UNION ALL SELECT 'opf ' || t::text FROM pg_opfamily t WHERE oid >= 16384
    UNION ALL SELECT 'cast ' || t::text FROM pg_cast t WHERE oid >= 16384
    UNION ALL SELECT 'coll ' || t::text FROM pg_collation t WHERE oid >= 16384
    UNION ALL SELECT 'conv ' || t::text FROM pg_conversion t WHERE oid >= 16384
    UNION ALL SELECT 'lang ' || t::text FROM pg_language t WHERE oid >= 16384
    UNION ALL SELECT 'fdw ' || t::text FROM pg_foreign_data_wrapper t
    UNION ALL SELECT 'srv ' || t::text FROM pg_foreign_server t
    UNION ALL SELECT 'um ' || t::text FROM pg_user_mapping t
    UNION ALL SELECT 'tscfg ' || t::text FROM pg_ts_config t WHERE oid >= 16384
    UNION ALL SELECT 'tsdict ' || t::text FROM pg_ts_dict t WHERE oid >= 16384
    UNION ALL SELECT 'am ' || t::text FROM pg_am t WHERE oid >= 16384
    UNION ALL SELECT 'transform ' || t::text FROM pg_transform t
  ) other
) parts
"""

_TABLES = """
SELECT format('%I.%I', n.nspname, c.relname),
       (SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) FROM pg_attribute
         WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped AND attgenerated = '')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast_)?temp_'
 ORDER BY 1
"""

_SEQUENCES = """
SELECT format('%I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND n.nspname !~ '^pg_(toast_)?temp_'
 ORDER BY 1
"""

#: Set (to anything) to compare the database after each put-back with a fresh copy of the
#: template by ``pg_dump`` (a test's set-up fails on a difference); about 0.5 s a test.
CHECK_ENV = "JIANFU_TEST_PG_RESET_CHECK"

_OTHERS = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"

#: How long the sessions a test left open may take to end before the template is copied.
_SESSIONS_END_WITHIN = 10.0


@dataclasses.dataclass
class _Template:
    """A template's rows and state as read from a fresh copy of it."""

    tables: dict[str, tuple[str, bytes]]  # qualified name -> (columns, COPY binary rows)
    sequences: list[str]
    state_query: str
    state: dict[str, str]


@dataclasses.dataclass
class ResetCounts:
    """What the worker did before each test that asked for a template (reported at the end
    of the run with ``JIANFU_TEST_PG_RESETS``)."""

    copies: int = 0
    untouched: int = 0
    reloads: int = 0
    reloaded_tables: int = 0


class _StillDifferentError(Exception):
    """Leave the reload's transaction (rolled back) and copy the template."""


class WorkerDatabases:
    """The worker's test databases (by URL), each with a connection opened after the last
    copy of a template into it, and the templates read from such fresh copies.

    The connection stands for the database: ``DROP DATABASE`` cannot run while it is open (or,
    ``WITH (FORCE)``, ends it), so while it works its database is the one copied then,
    changed only by what the tests did since; what they did is read from the state.
    """

    def __init__(self, copy_template: Callable[[str, str], None]) -> None:
        self._copy_template = copy_template
        self._templates: dict[tuple[str, int], _Template | None] = {}  # by name and oid
        self._connections: dict[str, Any] = {}
        self.counts = ResetCounts()

    def make(self, url: str, template: str) -> None:
        """The database of ``url`` as a fresh copy of ``template`` would be."""
        con = self._connections.get(url)
        if con is not None:
            try:
                if self._put_back(con, template):
                    if os.environ.get(CHECK_ENV):
                        self._check(url, template)
                    return
            except Exception:  # noqa: BLE001  # a session the test broke: copy as before
                pass
        self._copy(url, template)

    def _check(self, url: str, template: str) -> None:
        """The database compared with a fresh copy of the template (``<database>_check``) by
        ``pg_dump``: definitions, grants, rows in their order, sequences."""
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        check = parsed.set(database=f"{parsed.database}_check")
        self._copy_template(check.render_as_string(hide_password=False), template)
        ours, fresh = _dump(parsed), _dump(check)
        if ours != fresh:
            diff = difflib.unified_diff(fresh.splitlines(), ours.splitlines(), lineterm="")
            raise AssertionError(
                f"{parsed.database} put back is not a fresh copy of {template}:\n"
                + "\n".join(itertools.islice(diff, 60))
            )

    def close(self) -> None:
        for con in self._connections.values():
            con.close()
        self._connections.clear()

    def _copy(self, url: str, template: str) -> None:
        import psycopg

        self.counts.copies += 1
        con = self._connections.pop(url, None)
        if con is not None:
            con.close()
        self._copy_template(url, template)
        con = psycopg.connect(_conninfo(url), autocommit=True)
        _quiet(con)
        key = (template, _oid(con, template))
        if key not in self._templates:
            self._templates[key] = _read_template(con)
        if self._templates[key] is not None:
            self._connections[url] = con
        else:
            con.close()

    def _put_back(self, con: Any, name: str) -> bool:
        template = self._templates.get((name, _oid(con, name)))
        if template is None:  # not read in this worker yet, or rebuilt, or not of rows only
            return False
        con.execute(f"SELECT pg_terminate_backend(pid) {_OTHERS}")
        deadline = time.monotonic() + _SESSIONS_END_WITHIN
        while con.execute(f"SELECT count(*), pg_stat_clear_snapshot() {_OTHERS}").fetchone()[0]:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        state = _state(con, template)
        if state == template.state:
            self.counts.untouched += 1
            return True
        changed = [name for name, value in template.state.items() if state.get(name) != value]
        tables = [name for name in changed if name in template.tables]
        sequences = [name for name in changed if name in template.sequences]
        if len(tables) + len(sequences) < len(changed) or state.keys() != template.state.keys():
            return False
        try:
            with con.transaction():
                con.execute("SET LOCAL session_replication_role = replica")
                # Emptied by DELETE (no new files, unlike TRUNCATE) and loaded again. Should
                # the rows then come back in another order (vacuum left room in earlier
                # pages), every table is truncated and loaded, as in a fresh copy.
                if not _reload(con, template, tables, sequences, truncate=False):
                    tables = list(template.tables)
                    if not _reload(con, template, tables, sequences, truncate=True):
                        raise _StillDifferentError
        except _StillDifferentError:
            return False
        self.counts.reloads += 1
        self.counts.reloaded_tables += len(tables)
        return True


def _reload(
    con: Any, template: _Template, tables: list[str], sequences: list[str], *, truncate: bool
) -> bool:
    """``tables`` emptied and loaded with the template's rows, ``sequences`` set back: whether
    the database's state is now the template's."""
    if truncate:
        con.execute(f"TRUNCATE {', '.join(tables)}")
    for name in tables:
        if not truncate:
            con.execute(f"DELETE FROM {name}")
        columns, rows = template.tables[name]
        with con.cursor().copy(f"COPY {name} ({columns}) FROM STDIN (FORMAT binary)") as copy:
            copy.write(rows)
    for name in sequences:
        last_value, is_called = template.state[name].split()
        con.execute(
            "SELECT setval(%s::regclass, %s, %s)", (name, int(last_value), is_called == "true")
        )
    return _state(con, template) == template.state


def _dump(url: Any) -> str:
    """``pg_dump`` of the database, without the random key of its ``\\restrict`` lines."""
    dump = subprocess.run(
        ["pg_dump", "-h", url.host, "-p", str(url.port), "-U", url.username, url.database],
        env={**os.environ, "PGPASSWORD": url.password or ""},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return "".join(
        line
        for line in dump.splitlines(True)
        if not line.startswith(("\\restrict ", "\\unrestrict "))
    )


def _oid(con: Any, database: str) -> int:
    return con.execute("SELECT oid FROM pg_database WHERE datname = %s", (database,)).fetchone()[0]


def _conninfo(url: str) -> str:
    from psycopg.conninfo import make_conninfo
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return make_conninfo(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
    )


def _quiet(con: Any) -> None:
    """The digests read rows in one order: a sequential scan from the first page, in one
    process."""
    con.execute("SET max_parallel_workers_per_gather = 0")
    con.execute("SET synchronize_seqscans = off")


def _read_template(con: Any) -> _Template | None:
    """The rows and state of a fresh copy of a template; ``None`` when its rows are not
    all in plain tables (a materialized view, a partitioned or a foreign table): then it is
    copied before every test."""
    kinds = con.execute(
        "SELECT count(*) FROM pg_class WHERE relkind IN ('m', 'p', 'f') OR relispartition"
    ).fetchone()[0]
    if kinds:
        return None
    tables: dict[str, tuple[str, bytes]] = {}
    for name, columns in con.execute(_TABLES).fetchall():
        rows = bytearray()
        with con.cursor().copy(f"COPY {name} ({columns}) TO STDOUT (FORMAT binary)") as copy:
            for chunk in copy:
                rows += chunk
        tables[name] = (columns, bytes(rows))
    sequences = [name for (name,) in con.execute(_SEQUENCES).fetchall()]
    parts = [f"SELECT 'catalogue', ({_CATALOGUE_DIGEST})"]
    parts += [
        f"SELECT {_literal(name)}, md5(coalesce(string_agg(t::text, E'\\n'), '')) FROM {name} t"
        for name in tables
    ]
    parts += [
        f"SELECT {_literal(name)}, last_value || ' ' || is_called FROM {name}" for name in sequences
    ]
    read = _Template(tables, sequences, " UNION ALL ".join(parts), {})
    read.state = _state(con, read)
    return read


def _literal(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _state(con: Any, template: _Template) -> dict[str, str]:
    return dict(con.execute(template.state_query).fetchall())


_WORKER: WorkerDatabases | None = None


def worker_databases(copy_template: Callable[[str, str], None]) -> WorkerDatabases:
    """The worker's one ``WorkerDatabases`` (``copy_template(url, template)`` copies)."""
    global _WORKER
    if _WORKER is None:
        _WORKER = WorkerDatabases(copy_template)
    return _WORKER


def close_worker_databases() -> ResetCounts | None:
    """Close the worker's connections at the end of the run: what it did, if anything."""
    if _WORKER is None:
        return None
    _WORKER.close()
    return _WORKER.counts
