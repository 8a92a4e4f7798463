"""The statements a reading of 首页 kept for the next start to send ahead are run as the login:
only queries are taken from the file (a file changed to hold another statement sends none)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jianfu import __version__
from jianfu.db import plain_server
from jianfu.db.schema_version import SCHEMA_HEAD

DAY = dt.date(2026, 12, 7)
URL = "postgresql+psycopg://clerk@db.example/jianfu"


@pytest.fixture
def where(tmp_path, monkeypatch):
    monkeypatch.setenv("JIANFU_DATA_DIR", str(tmp_path))
    found = plain_server.address(URL)
    assert found is not None
    return found


def _keep(where, statements):
    path = plain_server.statements_file(where)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {"version": __version__, "schema": SCHEMA_HEAD, "on": DAY.isoformat()}
    path.write_text(json.dumps({**kept, "statements": statements}), "utf-8")


def test_queries_kept_are_sent_ahead(where):
    plain_server.keep_statements(
        where,
        [("SELECT 1 FROM unit WHERE id = %s", (3,)), ("WITH t AS (SELECT 1) SELECT * FROM t", ())],
        DAY,
    )
    assert [sql for sql, _ in plain_server.kept_statements(where, DAY)] == [
        "SELECT 1 FROM unit WHERE id = %s",
        "WITH t AS (SELECT 1) SELECT * FROM t",
    ]


@pytest.mark.parametrize(
    "sql",
    [
        "COMMIT",
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
        "SELECT 1; DELETE FROM unit",
        "DELETE FROM unit",
    ],
)
def test_a_file_holding_another_statement_sends_none(where, sql):
    _keep(where, [["SELECT 1", []], [sql, []]])
    assert plain_server.kept_statements(where, DAY) == []
