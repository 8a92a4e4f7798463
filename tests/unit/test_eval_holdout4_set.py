"""The fourth held-out set (tests/data/eval_holdout4, sealed) loads into the figures script.

Only loading and counting: no test runs the check on it and nothing here prints or asserts a
figure of the check (the set is measured once, see its README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf


def test_the_fourth_holdout_set_loads_as_one_split_with_its_counts():
    assert mf.counts_for("eval_holdout4") == {
        "items": {
            "duty": 10,
            "assist": 9,
            "negative": 6,
            "cert_allowed": 6,
            "cert_forbidden": 7,
        },
        "tasks": {"admitted": 57, "negative": 49, "unlisted": 52},
        "certs": {"allowed": 22, "forbidden": 21, "unlisted": 22},
    }


def test_the_fourth_holdout_set_is_sealed():
    assert "eval_holdout4" not in mf.SETS
    assert "eval_holdout4" in mf.HELD_OUT
    assert "eval_holdout4" in mf.SEALED and "eval_holdout4" not in mf.SPENT
    assert "eval_holdout4" in mf.NO_MISSES


def test_misses_refuse_the_fourth_holdout_set():
    with pytest.raises(SystemExit):
        mf.main(["--set", "eval_holdout4", "--misses"])


def test_count_only_runs_no_check(monkeypatch, capsys):
    def no_check(*args, **kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", "eval_holdout4", "--count-only"])
    out = capsys.readouterr().out
    assert "eval_holdout4: counts only" in out
    assert "tasks  158" in out and "certs   65" in out
