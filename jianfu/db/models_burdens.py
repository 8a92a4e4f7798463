"""ORM rows: the other burdens (其他负担) of each village: mechanisms, forms, groups, checks."""

from __future__ import annotations
