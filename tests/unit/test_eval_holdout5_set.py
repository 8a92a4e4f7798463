"""The fifth held-out set (tests/data/eval_holdout5) loads into the figures script.

It was sealed until its one measure (see its README.md) and is now spent: dev material whose
misses may be listed. These tests only count it: they run no check on its cases.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf


def test_the_fifth_holdout_set_loads_as_one_split_with_its_counts():
    assert mf.counts_for("eval_holdout5") == {
        "items": {
            "duty": 7,
            "assist": 10,
            "negative": 13,
            "cert_allowed": 6,
            "cert_forbidden": 3,
        },
        "tasks": {"admitted": 58, "negative": 48, "unlisted": 53},
        "certs": {"allowed": 22, "forbidden": 20, "unlisted": 24},
    }


def test_the_fifth_holdout_set_is_spent_and_runs_only_when_named():
    assert "eval_holdout5" not in mf.SETS
    assert "eval_holdout5" in mf.HELD_OUT
    assert "eval_holdout5" in mf.SPENT and "eval_holdout5" not in mf.SEALED
    assert "eval_holdout5" not in mf.NO_MISSES


def test_count_only_runs_no_check(monkeypatch, capsys):
    def no_check(*args, **kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", "eval_holdout5", "--count-only"])
    out = capsys.readouterr().out
    assert "eval_holdout5: counts only" in out
    assert "tasks  159" in out and "certs   66" in out
