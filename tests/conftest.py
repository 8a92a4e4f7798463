"""Shared fixtures: offscreen Qt, and a fresh database per test on SQLite and PostgreSQL.

Database tests take the ``ctx`` fixture; they run on a SQLite file always and, when
``JIANFU_TEST_DATABASE_URL`` names a PostgreSQL database, on that server too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL_ENV = "JIANFU_TEST_DATABASE_URL"
DATA_DIR_ENV = "JIANFU_DATA_DIR"
OPERATOR = "测试员"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_URL_ENV) else ["sqlite"]


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data directory and no database URL from outside."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("JIANFU_DATA_DIR", str(data))
    monkeypatch.delenv("JIANFU_DATABASE_URL", raising=False)
    return data


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or the test PostgreSQL database wiped clean."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    url = os.environ[PG_URL_ENV]
    _reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo township, seeded once per test run (seeding takes ~1 s)."""
    from jianfu.services.database import open_app
    from jianfu.services.demo import seed_demo

    folder = tmp_path_factory.mktemp("demo-template")
    os.environ[DATA_DIR_ENV] = str(folder / "userdata")
    try:
        context = open_app(str(folder / "demo.db"))
        context.operator = OPERATOR
        seed_demo(context)
        context.database.close()
    finally:
        del os.environ[DATA_DIR_ENV]
    return folder / "demo.db"


@pytest.fixture
def ctx(db_url: str, request: pytest.FixtureRequest) -> Iterator:
    """An ``AppContext`` on a freshly created, migrated database.

    When the test also uses ``demo_ctx`` on SQLite, the database starts as a copy of the demo
    template, so the demo is seeded once per run instead of once per test.
    """
    from jianfu.services.database import open_app

    if "demo_ctx" in request.fixturenames and not db_url.startswith("postgresql"):
        shutil.copyfile(request.getfixturevalue("_demo_template"), db_url)
    context = open_app(db_url)
    context.operator = OPERATOR
    yield context
    context.database.close()


@pytest.fixture
def demo_ctx(ctx):
    """``ctx`` filled with the demo township (a copy of the template on SQLite)."""
    from jianfu.services.demo import seed_demo

    seed_demo(ctx)
    return ctx
