"""ORM rows: The certificate register (证明事项)."""

from __future__ import annotations
