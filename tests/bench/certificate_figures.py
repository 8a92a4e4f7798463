"""Figures of the certificate check alone, for every set, with the regression misses.

Run from the repository root: ``python tests/bench/certificate_figures.py``. The figures come
from ``matcher_figures`` (which prints tasks and certificates together); this script is the
short view for the certificate check. Misses are listed for the regression and dev sets only.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import matcher_figures as mf  # noqa: E402


def main() -> None:
    for name in mf.SETS:
        fig = mf.figures_for(name)["certs"]
        mf._print(f"{name}: certificate checks", fig)
        if name != "test":
            mf._print_misses(f"{name}: certificate checks", fig)


if __name__ == "__main__":
    main()
