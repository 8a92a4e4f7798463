"""The held-out evaluation set loads into the figures script: counted, never checked here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf


def test_the_holdout_set_loads_as_one_split_with_its_counts():
    assert mf.counts_for("eval_holdout") == {
        "items": {
            "duty": 21,
            "assist": 21,
            "negative": 14,
            "cert_allowed": 1,
            "cert_forbidden": 18,
        },
        "tasks": {"admitted": 47, "negative": 34, "unlisted": 43},
        "certs": {"allowed": 6, "forbidden": 26, "unlisted": 21},
    }


def test_the_holdout_set_is_never_part_of_the_default_run():
    assert "eval_holdout" not in mf.SETS
    assert "eval_holdout" in mf.HELD_OUT


def test_count_only_prints_counts_and_runs_no_check(capsys, monkeypatch):
    def no_check(*_args, **_kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", "eval_holdout", "--count-only"])
    out = capsys.readouterr().out
    assert "eval_holdout: counts only" in out
    assert "tasks  124" in out and "certs   53" in out


def test_misses_refuse_a_sealed_set(monkeypatch):
    monkeypatch.setattr(mf, "NO_MISSES", (*mf.NO_MISSES, "eval_holdout"))
    with pytest.raises(SystemExit):
        mf.main(["--set", "eval_holdout", "--misses"])


def test_a_spent_set_lists_its_misses_as_dev_material(capsys):
    assert "eval_holdout" in mf.SPENT and "eval_holdout" not in mf.NO_MISSES
    mf.main(["--set", "eval_holdout", "--misses"])
    assert "== misses, eval_holdout: task checks" in capsys.readouterr().out
