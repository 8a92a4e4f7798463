"""The third held-out set (tests/data/eval_holdout3, sealed) loads into the figures script.

Only loading and counting: no test runs the check on it and nothing here prints or asserts a
figure of the check (the set is measured once, see its README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf


def test_the_third_holdout_set_loads_as_one_split_with_its_counts():
    assert mf.counts_for("eval_holdout3") == {
        "items": {
            "duty": 7,
            "assist": 11,
            "negative": 7,
            "cert_allowed": 9,
            "cert_forbidden": 11,
        },
        "tasks": {"admitted": 61, "negative": 46, "unlisted": 56},
        "certs": {"allowed": 22, "forbidden": 25, "unlisted": 21},
    }


def test_the_third_holdout_set_only_runs_when_named():
    assert "eval_holdout3" not in mf.SETS
    assert "eval_holdout3" in mf.HELD_OUT
    assert "eval_holdout3" in mf.SPENT  # measured once: now dev material
