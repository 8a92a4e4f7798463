"""Argument types shared by the ``jianfu`` commands."""

from __future__ import annotations

import argparse
import datetime as dt

from jianfu.domain.errors import ValidationError
from jianfu.domain.periods import parse_date


def date_arg(text: str) -> dt.date:
    """A date option, typed as a clerk writes one: 2026-07-01, 2026/7/1, 2026.7.1, 20260701 or
    2026年7月1日; anything else is a usage error that shows the form to use."""
    try:
        return parse_date(text, "date", "日期")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].message) from None
