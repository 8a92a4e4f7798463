"""Figures of the list matcher on the evaluation sets: precision/recall, top-3, latency.

Run from the repository root: ``python tests/bench/matcher_figures.py``. The unit tests use
the same functions (``evaluate``) to hold the figures above their floors.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jianfu.domain.demo_lists import load_demo_lists  # noqa: E402
from jianfu.domain.lists import SEED_KINDS, ListItem  # noqa: E402
from jianfu.domain.matching import CheckResult, Matcher  # noqa: E402

LISTS = ROOT / "resources" / "demo" / "county_lists.json"
TASKS = ROOT / "tests" / "data" / "task_checks.jsonl"
CERTS = ROOT / "tests" / "data" / "cert_checks.jsonl"


@dataclasses.dataclass
class Figures:
    """Precision and recall per verdict, top-3 item recall and the confusion counts."""

    precision: dict[str, float]
    recall: dict[str, float]
    top3: float
    accuracy: float
    confusion: Counter  # (expected, got) -> count
    total: int


def demo_items() -> list[ListItem]:
    """The items of the demo county lists."""
    return load_demo_lists(LISTS)[1]


def load_cases(path: Path) -> list[dict]:
    """The lines of an evaluation set."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def evaluate(cases: list[dict], check: Callable[[str], CheckResult]) -> Figures:
    """Run every case; an item counts in top-3 when it is among the first three candidates."""
    confusion: Counter = Counter()
    with_item = in_top3 = 0
    for case in cases:
        result = check(case["text"])
        confusion[case["expected"], str(result.verdict)] += 1
        if case.get("item"):
            with_item += 1
            names = [c.item.name for c in result.candidates[:3]]
            in_top3 += case["item"] in names
    verdicts = sorted({e for e, _ in confusion} | {g for _, g in confusion})
    precision, recall = {}, {}
    for v in verdicts:
        got = sum(n for (_, g), n in confusion.items() if g == v)
        exp = sum(n for (e, _), n in confusion.items() if e == v)
        precision[v] = confusion[v, v] / got if got else 1.0
        recall[v] = confusion[v, v] / exp if exp else 1.0
    total = sum(confusion.values())
    correct = sum(n for (e, g), n in confusion.items() if e == g)
    return Figures(
        precision, recall, in_top3 / max(with_item, 1), correct / max(total, 1), confusion, total
    )


_QUALIFIERS = (
    "",
    "农村",
    "城市社区",
    "重点时段",
    "汛期",
    "节假日",
    "年度",
    "季度",
    "专项",
    "常态化",
    "乡镇统筹",
    "网格化",
    "辖区",
)


def generate_items(base: list[ListItem], n: int = 1000) -> list[ListItem]:
    """``n`` plausible items made deterministically from ``base`` (names with qualifiers)."""
    out: list[ListItem] = []
    i = 0
    while len(out) < n:
        item = base[i % len(base)]
        qualifier = _QUALIFIERS[(i // len(base)) % len(_QUALIFIERS)]
        round_ = i // (len(base) * len(_QUALIFIERS))
        suffix = f"（第{round_ + 1}批）" if round_ else ""
        out.append(
            dataclasses.replace(
                item,
                name=f"{qualifier}{item.name}{suffix}",
                number=f"{item.number}-{i:04d}",
                content=f"{qualifier}{item.content}",
            )
        )
        i += 1
    return out


def latency(matcher: Matcher, texts: list[str], repeat: int = 3) -> list[float]:
    """Milliseconds per check, every text ``repeat`` times."""
    times = []
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            matcher.check(text)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _print(title: str, fig: Figures) -> None:
    print(
        f"\n== {title} ({fig.total} cases) accuracy {fig.accuracy:.3f}, top-3 item recall "
        f"{fig.top3:.3f}"
    )
    for v in fig.precision:
        print(f"  {v:<10} precision {fig.precision[v]:.3f}  recall {fig.recall[v]:.3f}")
    verdicts = list(fig.precision)
    print("  confusion (rows expected, columns got):")
    print("  " + " " * 11 + "".join(f"{v:>11}" for v in verdicts))
    for e in verdicts:
        print(f"  {e:<11}" + "".join(f"{fig.confusion[e, g]:>11}" for g in verdicts))


def main() -> None:
    """Print all figures."""
    items = demo_items()
    matcher = Matcher(items, SEED_KINDS)
    tasks, certs = load_cases(TASKS), load_cases(CERTS)
    _print("task checks", evaluate(tasks, matcher.check))
    _print("certificate checks", evaluate(certs, matcher.check_certificate))

    start = time.perf_counter()
    big = Matcher(generate_items(items, 1000), SEED_KINDS)
    build_ms = (time.perf_counter() - start) * 1000
    times = latency(big, [c["text"] for c in tasks])
    long_text = "".join(c["text"] for c in tasks)
    long_text = (long_text * (20_000 // len(long_text) + 1))[:20_000]
    long_ms = latency(big, [long_text], repeat=3)
    print(f"\n== latency, 1,000 items (index built in {build_ms:.0f} ms)")
    print(
        f"  {len(times)} checks: median {statistics.median(times):.2f} ms, "
        f"p95 {sorted(times)[int(len(times) * 0.95)]:.2f} ms, worst {max(times):.2f} ms"
    )
    print(f"  20,000-character notice: worst {max(long_ms):.1f} ms")


if __name__ == "__main__":
    main()
