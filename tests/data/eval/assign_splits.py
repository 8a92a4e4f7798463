"""Give every case of tasks.jsonl and certs.jsonl a ``split`` (dev or test), once.

Within each expected verdict the cases are ordered by a seeded hash of their id and the
first half (rounded up) goes to ``dev``, the rest to ``test``. A case that already has a
split keeps it, so running this again after adding cases never moves an old case between
the splits. Run from the repository root: ``python tests/data/eval/assign_splits.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = "jianfu-eval-2026-12"


def _key(case_id: str) -> str:
    return hashlib.sha256(f"{SEED}:{case_id}".encode()).hexdigest()


def assign(path: Path) -> None:
    cases = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    by_expect: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        if not case.get("split"):
            by_expect[case["expect"]].append(case)
    for group in by_expect.values():
        group.sort(key=lambda c: _key(c["id"]))
        half = (len(group) + 1) // 2
        for i, case in enumerate(group):
            case["split"] = "dev" if i < half else "test"
    order = ("id", "text", "expect", "item", "also", "split", "note")
    with path.open("w", encoding="utf-8") as f:
        for case in cases:
            row = {k: case[k] for k in order if k in case}
            row.update({k: v for k, v in case.items() if k not in row})
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for name in ("tasks.jsonl", "certs.jsonl"):
        assign(HERE / name)
