"""Leave-one-set-out estimate of what the learned lexicon carries to a set it did not learn from.

Run from the repository root::

    python tests/bench/lexicon_cv.py                      # the knobs of lexicon_build.Knobs
    python tests/bench/lexicon_cv.py --min-p 0.4 --credit 0.4   # other knobs
    python tests/bench/lexicon_cv.py --json

For each allowed set S (``ALLOWED`` of lexicon_build.py: dev, regression and the spent
held-out sets; never ``test``, never a sealed set) the table is learned from the *other*
allowed sets only, and the check is run on S with that table and with none. It prints per
set tasks and certificates accuracy before/after, negative tasks admitted and forbidden
requests called allowed before/after, and the mean gain over the sets. Knobs are chosen on
the mean, never per set.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexicon_build as lb
import matcher_figures as mf

from jianfu.domain.lexicon import EMPTY_LEXICON, Lexicon
from jianfu.domain.lists import SEED_KINDS
from jianfu.domain.matching import Matcher


@functools.cache
def baseline(name: str) -> dict:
    """The figures of set ``name`` without a learned table (computed once per run)."""
    return run(name, EMPTY_LEXICON)


def run(name: str, lexicon: Lexicon) -> dict:
    """Tasks and certificate figures of set ``name`` with ``lexicon``."""
    items, tasks, certs = mf.set_data(name)
    kinds = SEED_KINDS if name == "regression" else mf.eval_kinds()
    matcher = Matcher(items, kinds, lexicon=lexicon)
    t = mf.evaluate(tasks, matcher.check)
    c = mf.evaluate(certs, matcher.check_certificate)
    wrong = {m["id"] or m["text"] for m in (*t.misses, *c.misses) if m["expected"] != m["got"]}
    return {
        "wrong": frozenset(wrong),
        "tasks": round(t.accuracy, 4),
        "tasks_top3": round(t.top3, 4),
        "neg_admitted": t.negative_admitted,
        "certs": round(c.accuracy, 4),
        "certs_top3": round(c.top3, 4),
        "forbidden_allowed": c.confusion["forbidden", "allowed"],
    }


def cross_validate(knobs: lb.Knobs, sets: tuple[str, ...] = lb.ALLOWED) -> dict[str, dict]:
    """Per held-out set: the figures without a table and with one learned from the others."""
    out = {}
    for held in sets:
        others = [s for s in lb.ALLOWED if s != held]
        lexicon = Lexicon(
            lb.learn(others, "tasks", knobs),
            lb.learn(others, "certs", knobs) if knobs.certs else {},
            knobs.credit,
        )
        out[held] = {
            "before": baseline(held),
            "after": run(held, lexicon),
            "entries": len(lexicon.tasks) + len(lexicon.certs),
        }
    return out


def summary(results: dict[str, dict]) -> dict:
    """Mean gains over the held-out sets, and whether any set admits more negatives."""

    def mean(key: str, when: str) -> float:
        return statistics.mean(r[when][key] for r in results.values())

    made_right = sum(len(r["before"]["wrong"] - r["after"]["wrong"]) for r in results.values())
    made_wrong = sum(len(r["after"]["wrong"] - r["before"]["wrong"]) for r in results.values())
    return {
        "tasks_top3_before": round(mean("tasks_top3", "before"), 4),
        "tasks_top3_after": round(mean("tasks_top3", "after"), 4),
        "made_right": made_right,
        "made_wrong": made_wrong,
        "tasks_before": round(mean("tasks", "before"), 4),
        "tasks_after": round(mean("tasks", "after"), 4),
        "certs_before": round(mean("certs", "before"), 4),
        "certs_after": round(mean("certs", "after"), 4),
        "gain": round(
            (mean("tasks", "after") - mean("tasks", "before"))
            + (mean("certs", "after") - mean("certs", "before")),
            4,
        ),
        "unsafe_sets": [
            s
            for s, r in results.items()
            if r["after"]["neg_admitted"] > r["before"]["neg_admitted"]
            or r["after"]["forbidden_allowed"] > r["before"]["forbidden_allowed"]
        ],
    }


#: The knobs the nested estimate chooses among (the region the plain sweep found best).
NESTED_GRID: dict[str, tuple] = {
    "min_support": (3.0, 4.0, 6.0),
    "min_sets": (2, 3),
    "credit": (0.5, 0.7),
}


def _gain(before: dict, after: dict) -> float:
    return (after["tasks"] - before["tasks"]) + (after["certs"] - before["certs"])


def nested(base: lb.Knobs, grid: dict[str, tuple] = NESTED_GRID) -> dict[str, dict]:
    """The honest estimate of the method *with its knobs tuned*: for each set S the knobs are
    chosen by the leave-one-set-out mean over the other sets only (tables learned without S
    and without the inner held-out set), then a table learned from every set but S with those
    knobs is run on S. A gain chosen as the best of many knob settings on the plain estimate
    is biased upward; this one is not."""
    sets = lb.ALLOWED
    configs = [
        dataclasses.replace(base, **dict(zip(grid, values, strict=True)))
        for values in itertools.product(*grid.values())
    ]
    # gain of config k with a table learned from all sets but {S, T}, run on T
    inner: dict[tuple[int, str, str], float] = {}
    outer: dict[tuple[int, str], dict] = {}
    for k, knobs in enumerate(configs):
        for a, b in itertools.combinations(sets, 2):
            others = [s for s in sets if s not in (a, b)]
            lexicon = _lexicon(others, knobs)
            for held, out in ((a, b), (b, a)):
                inner[k, out, held] = _gain(baseline(held), run(held, lexicon))
        for held in sets:
            lexicon = _lexicon([s for s in sets if s != held], knobs)
            outer[k, held] = run(held, lexicon)
    out = {}
    for held in sets:
        rest = [s for s in sets if s != held]
        scores = [statistics.mean(inner[k, held, t] for t in rest) for k in range(len(configs))]
        best = max(range(len(configs)), key=lambda k: (scores[k], -k))
        out[held] = {
            "before": baseline(held),
            "after": outer[best, held],
            "knobs": {g: getattr(configs[best], g) for g in grid},
            "inner_gain": round(scores[best], 4),
        }
    return out


def _lexicon(others: list[str], knobs: lb.Knobs) -> Lexicon:
    return Lexicon(
        lb.learn(others, "tasks", knobs),
        lb.learn(others, "certs", knobs) if knobs.certs else {},
        knobs.credit,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = lb.Knobs()
    for f in dataclasses.fields(lb.Knobs):
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool", bool):
            parser.add_argument(flag, type=lambda v: v.lower() in ("1", "true", "yes"))
        else:
            default = getattr(defaults, f.name)
            parser.add_argument(flag, type=float if default is None else type(default))
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--nested", action="store_true", help="choose the knobs within each fold (NESTED_GRID)"
    )
    args = parser.parse_args(argv)
    knobs = dataclasses.replace(
        defaults,
        **{
            f.name: getattr(args, f.name)
            for f in dataclasses.fields(lb.Knobs)
            if getattr(args, f.name) is not None
        },
    )
    results = nested(knobs) if args.nested else cross_validate(knobs)
    summ = summary(results)
    if args.json:
        for r in results.values():
            for when in ("before", "after"):
                r[when] = {k: v for k, v in r[when].items() if k != "wrong"}
        print(json.dumps({"knobs": dataclasses.asdict(knobs), "sets": results, **summ}))
        return
    print(f"knobs: {dataclasses.asdict(knobs)}")
    print(
        f"{'held-out set':<14} {'entries':>7}  {'tasks':>13}  {'certs':>13}  "
        f"{'top3 tasks':>13}  {'neg adm':>7}  {'forb->allow':>11}"
    )
    for s, r in results.items():
        b, a = r["before"], r["after"]
        print(
            f"{s:<14} {r.get('entries', ''):>7}  {b['tasks']:.3f} → {a['tasks']:.3f}  "
            f"{b['certs']:.3f} → {a['certs']:.3f}  {b['tasks_top3']:.3f} → {a['tasks_top3']:.3f}  "
            f"{b['neg_admitted']:>2} → {a['neg_admitted']:<2}  "
            f"{b['forbidden_allowed']:>4} → {a['forbidden_allowed']:<4}"
            + (f"  knobs {r['knobs']}" if "knobs" in r else "")
        )
    print(
        f"{'mean':<14} {'':>7}  {summ['tasks_before']:.3f} → {summ['tasks_after']:.3f}  "
        f"{summ['certs_before']:.3f} → {summ['certs_after']:.3f}"
    )
    print(
        f"mean gain (tasks + certs): {summ['gain']:+.4f}; tasks top-3 "
        f"{summ['tasks_top3_before']:.3f} → {summ['tasks_top3_after']:.3f}; verdicts made right "
        f"{summ['made_right']}, made wrong {summ['made_wrong']}; sets less safe: "
        f"{summ['unsafe_sets']}"
    )


if __name__ == "__main__":
    main()
