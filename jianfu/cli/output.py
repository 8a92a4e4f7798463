"""What every ``--json`` option prints: one JSON object on one line, Chinese kept readable."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def _plain(value: object) -> object:
    """Dates as ISO text; anything else json cannot write, as its text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def print_json(data: Any) -> None:
    """Print ``data`` as one line of JSON (UTF-8 text, not ``\\u`` escapes)."""
    print(json.dumps(data, ensure_ascii=False, default=_plain))
