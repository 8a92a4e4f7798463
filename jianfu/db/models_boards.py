"""ORM rows: signboards (牌子) with categories, photos and inspections; other burdens (其他负担)."""

from __future__ import annotations
