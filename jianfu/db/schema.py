"""The whole schema: importing this module registers every table on ``Base.metadata``.

``models`` holds the shared rows (villages, departments, lists, settings, audit) and each flow
keeps its tables in a module of its own that builds on them, so nothing in ``models`` imports
a flow. Whatever needs every table (the engine, Alembic, the schema tests) imports this module;
it also loads ``township``, whose flush hook stamps each township-owned row.
"""

from __future__ import annotations

from jianfu.db import (  # noqa: F401 - imported for their tables and the flush hook
    models,
    models_boards,
    models_burdens,
    models_certificates,
    models_check,
    models_tasks,
    township,
)
from jianfu.db.base import Base

metadata = Base.metadata
"""Every table of the app."""
