"""Opening the app's database: the default file, the demo file, or a server URL."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from jianfu import paths

if TYPE_CHECKING:
    from jianfu.services.context import AppContext

DATABASE_URL_ENV = "JIANFU_DATABASE_URL"


def resolve_url(url: str | None) -> str | None:
    """``--database`` wins, then ``JIANFU_DATABASE_URL``; ``None`` means the default file."""
    return url or os.environ.get(DATABASE_URL_ENV) or None


def with_password(url: str, password: str) -> str:
    """The server address ``url`` with ``password`` written into it (any other replaced).

    The window asks for a password the server wants (``ui.widgets.password_dialog``); the
    address carries it to every connection of the start (首页's plain reading, the ORM's
    pool, the change feed's listening one) and is never shown (``db.engine.describe``).
    """
    scheme, slashes, rest = url.strip().partition("://")
    netloc, slash, tail = rest.partition("/")
    userinfo, at, host = netloc.rpartition("@")
    user = userinfo.partition(":")[0] if at else ""
    return f"{scheme}{slashes}{user}:{quote(password, safe='')}@{host}{slash}{tail}"


def open_app(
    url: str | None = None,
    *,
    demo: bool = False,
    create: bool = True,
    on_backup: Callable[[Path], None] | None = None,
) -> AppContext:
    """Open (create, upgrade) the chosen database and return the services' context.

    Raises ``DatabaseError`` with a message for the clerk; nothing is changed in that case.
    """
    from jianfu.db.engine import open_database
    from jianfu.services.context import AppContext

    default = paths.demo_database_file() if demo else paths.default_database_file()
    chosen = None if demo and url is None else resolve_url(url)
    database = open_database(chosen, default_path=default, create=create, on_backup=on_backup)
    ctx = AppContext(database)
    from jianfu.services.settings import use_preparer_as_operator

    use_preparer_as_operator(ctx)
    return ctx


def plain_file(url: str | None, *, demo: bool = False) -> Path | None:
    """The SQLite file ``open_app(url, demo=demo)`` opens when the choice is a file path (the
    default or demo file included), resolved as the engine resolves it; ``None`` for a URL.
    Plain Python, for the start-up (``services.first_screen``) before SQLAlchemy is imported."""
    chosen = None if demo and url is None else resolve_url(url)
    if chosen is None:
        default = paths.demo_database_file() if demo else paths.default_database_file()
        return default.expanduser().resolve()
    raw = chosen.strip()
    if not raw or "://" in raw:
        return None
    return Path(raw).expanduser().resolve()


def database_file(url: str) -> Path | None:
    """The SQLite file that ``url`` names, or ``None`` for a database server."""
    from jianfu.db.engine import parse_url

    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)
