"""The argument types the ``jianfu`` commands share."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from jianfu.cli.args import date_arg


@pytest.mark.parametrize(
    "typed", ["2026-07-01", "2026/7/1", "2026.7.1", "20260701", "2026年7月1日"]
)
def test_a_date_is_read_in_every_form_a_clerk_writes(typed: str) -> None:
    assert date_arg(typed) == dt.date(2026, 7, 1)


@pytest.mark.parametrize("typed", ["上个月", "2026-02-30", "7/1/2026"])
def test_anything_else_is_a_usage_error_that_shows_the_form(typed: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="2026-07-01"):
        date_arg(typed)


def test_an_empty_date_is_said_to_be_empty() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="日期不能为空"):
        date_arg("  ")
