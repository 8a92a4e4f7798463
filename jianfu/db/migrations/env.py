"""Alembic environment: runs on the connection the app hands over (or on alembic.ini's URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool
from sqlalchemy.schema import SchemaItem

from jianfu.db import schema

config = context.config
target_metadata = schema.metadata


def _include_object(
    obj: SchemaItem,
    name: str | None,
    type_: str,
    reflected: bool,
    compare_to: SchemaItem | None,
) -> bool:
    """Leave full-text-search shadow tables out of autogenerate comparisons."""
    return not (type_ == "table" and name and "_fts" in name)


def _run(connection: Connection) -> None:
    # a cancellable run (``jianfu.db.migrate.upgrade`` with a progress) stops between steps
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=_include_object,
        on_version_apply=config.attributes.get("on_version_apply"),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.begin() as conn:
        _run(conn)
