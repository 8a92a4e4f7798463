"""Figures of the certificate check: the labelled set, and a second set phrased the way
agencies' demands reach the register (tests/data/cert_checks_agencies.jsonl), then both.

Run from the repository root: ``python tests/bench/certificate_figures.py``. The second set
is kept apart because it holds known misses (illness and lost-licence phrasings) that the
floors of ``tests/unit/test_matching.py`` do not cover yet.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import matcher_figures as mf  # noqa: E402

from jianfu.domain.lists import SEED_KINDS  # noqa: E402
from jianfu.domain.matching import Matcher  # noqa: E402

AGENCIES = ROOT / "tests" / "data" / "cert_checks_agencies.jsonl"


def main() -> None:
    matcher = Matcher(mf.demo_items(), SEED_KINDS)
    labelled = mf.load_cases(mf.CERTS)
    agencies = mf.load_cases(AGENCIES)
    for title, cases in (
        ("certificate checks", labelled),
        ("agency-phrased requests", agencies),
        ("both sets", labelled + agencies),
    ):
        mf._print(title, mf.evaluate(cases, matcher.check_certificate))
    misses = [
        (c["text"], c["expected"], str(matcher.check_certificate(c["text"]).verdict))
        for c in labelled + agencies
    ]
    print("\n== misses")
    for text, expected, got in misses:
        if expected != got:
            print(f"  expected {expected:<9} got {got:<9} {text}")


if __name__ == "__main__":
    main()
