"""The fourth held-out set (tests/data/eval_holdout4) loads into the figures script.

It was measured once (see its README.md) and is now spent: dev material, its misses listed.
"""

from __future__ import annotations

import sys
from pathlib import Path

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


def test_the_fourth_holdout_set_is_spent_and_runs_only_when_named():
    assert "eval_holdout4" not in mf.SETS
    assert "eval_holdout4" in mf.HELD_OUT
    assert "eval_holdout4" in mf.SPENT and "eval_holdout4" not in mf.SEALED
    assert "eval_holdout4" not in mf.NO_MISSES


def test_count_only_runs_no_check(monkeypatch, capsys):
    def no_check(*args, **kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", "eval_holdout4", "--count-only"])
    out = capsys.readouterr().out
    assert "eval_holdout4: counts only" in out
    assert "tasks  158" in out and "certs   65" in out
