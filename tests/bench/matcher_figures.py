"""Figures of the list matcher: verdicts, items found, confusion, confidence and latency.

Run from the repository root::

    python tests/bench/matcher_figures.py                 # every set, then latency
    python tests/bench/matcher_figures.py --set dev       # only the dev split
    python tests/bench/matcher_figures.py --set dev --misses   # and the cases it gets wrong
    python tests/bench/matcher_figures.py --json          # one JSON object
    python tests/bench/matcher_figures.py --set dev --part added   # only cases added later
    python tests/bench/matcher_figures.py --set eval_holdout   # the held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout --count-only   # load and count
    python tests/bench/matcher_figures.py --set eval_holdout2  # the second held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout3  # the third held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout4  # the fourth held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout5  # the fifth held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout6  # the sixth held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout7  # the seventh held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout8  # the eighth held-out set, once
    python tests/bench/matcher_figures.py --set eval_holdout9  # the ninth held-out set, once

Sets: ``regression`` is the old labelled set (tests/data/task_checks.jsonl and
cert_checks*.jsonl) against the demo lists; ``dev`` and ``test`` are the two halves of the
evaluation set built from real published lists (tests/data/eval, see its README). Tune on
``dev`` only and report ``test``: ``--misses`` therefore lists no case of ``test``.

``eval_holdout`` is a second, held-out edition and set (tests/data/eval_holdout, see its README):
other regions' lists, cases nobody tuned on, evaluated as one split. It is never part of the
default run and only runs when named with ``--set eval_holdout``; ``--misses`` refuses it, and
``--count-only`` loads any set and counts items and cases without running the check.
``eval_holdout2`` (tests/data/eval_holdout2) is a third edition and set, built blind after the
first held-out set had been used; the same rules apply. ``eval_holdout3``
(tests/data/eval_holdout3) is a fourth, built blind and sealed after the second had been used;
the same rules applied. All three have been measured once, as their READMEs record: they are
now ``SPENT``, read as dev material (``--misses`` lists them), and a gain on them is fitting,
not a measure. A new measure needs a new sealed set (``SEALED``).
``eval_holdout4`` (tests/data/eval_holdout4) is a fifth, built blind and sealed after the
third had been used, measured once on 2026-12-06 (its README) and now ``SPENT`` too.
``eval_holdout5`` (tests/data/eval_holdout5) is a sixth, built blind after the fourth had been
used, measured once on 2026-12-06 (its README) and now ``SPENT`` too.
``eval_holdout6`` (tests/data/eval_holdout6) is a seventh, built blind after the fifth had been
used, measured once on 2026-12-06 (its README) and now ``SPENT`` too.
``eval_holdout7`` (tests/data/eval_holdout7) is an eighth, built blind after the sixth had been
used, measured once on 2026-12-06 (its README) and now ``SPENT`` too.
``eval_holdout8`` and ``eval_holdout9`` (tests/data/eval_holdout8, eval_holdout9) are a ninth and a
tenth, built blind in parallel after the seventh had been used (the ninth from northern and
eastern material), measured once on 2026-12-06 (their READMEs) and now ``SPENT`` too.
``eval_holdout10`` (tests/data/eval_holdout10) is an eleventh, built blind while they were
measured (from 吉林, 陕西, 宁夏, 江苏 and 西藏 material), measured once on 2026-12-06 (its
README) and now ``SPENT`` too. ``eval_holdout11`` (tests/data/eval_holdout11, 苎溪县) is a
twelfth, built blind while the tenth was measured, measured once on 2026-12-06 (its README) and
now ``SPENT`` too; so is ``eval_holdout12`` (蓼塘县), measured once on 2026-12-06 (its README).
``eval_holdout13`` (tests/data/eval_holdout13, 蒿坪县) is a fourteenth, built blind after the
twelfth, measured once on 2026-12-06 (its README) and now ``SPENT`` too; so are
``eval_holdout14`` (荇川县), ``eval_holdout15`` (蘅塘县) and ``eval_holdout16`` (芩溪县), the
fifteenth to seventeenth, each built blind and measured once on 2026-12-06 (their READMEs).
``eval_holdout17`` (tests/data/eval_holdout17, 荻岗县), an eighteenth, built blind after the
seventeenth, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout18`` (tests/data/eval_holdout18, 蕤水县), a nineteenth, built blind after the
eighteenth, was measured once on 2026-12-06 (its README) and is ``SPENT`` too. ``eval_holdout19``
(tests/data/eval_holdout19, 菖湾县), a twentieth, built blind while the nineteenth was sealed,
was measured once on 2026-12-06 (its README) and is ``SPENT`` too. ``eval_holdout20``
(tests/data/eval_holdout20, 芷陂县), a twenty-first, built blind while the nineteenth and
twentieth were sealed, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout21`` (tests/data/eval_holdout21, 蔺泉县), a twenty-second, built blind while the
twenty-first was sealed, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout22`` (tests/data/eval_holdout22, 蓍原县), a twenty-third, built blind while the
twenty-second was sealed, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout23`` (tests/data/eval_holdout23, 茭湖县), a twenty-fourth, built blind while the
twenty-third was sealed, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout24`` (tests/data/eval_holdout24, 蕖阳县), a twenty-fifth, built blind while the
twenty-fourth was sealed, was measured once on 2026-12-06 (its README) and is ``SPENT`` too.
``eval_holdout25`` (tests/data/eval_holdout25, 莼江县), a twenty-sixth, built blind while the
twenty-fourth and twenty-fifth were sealed, was measured once on 2026-12-06 (its README) and is
``SPENT`` too. ``eval_holdout26`` (tests/data/eval_holdout26, 荇洲县), a twenty-seventh, built
blind while the twenty-fifth and twenty-sixth were sealed, was measured once on 2026-12-06 (its
README) and is ``SPENT`` too. ``eval_holdout27``
(tests/data/eval_holdout27, 蕙岭县), a twenty-eighth, built blind while the twenty-seventh was
sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too. ``eval_holdout28``
(tests/data/eval_holdout28, 茆湾县), a twenty-ninth, built blind while the twenty-eighth was
sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout29`` (tests/data/eval_holdout29, 菱港县), a thirtieth, built blind while the
twenty-ninth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout30`` (tests/data/eval_holdout30, 苇岸县), a thirty-first, built blind while the
thirtieth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout31`` (tests/data/eval_holdout31, 葭浦县), a thirty-second, built blind while the
thirty-first was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout32`` (tests/data/eval_holdout32, 茗岗县), a thirty-third, built blind while the
thirty-second was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout33`` (tests/data/eval_holdout33, 芪山县), a thirty-fourth, built blind while the
thirty-third was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout34`` (tests/data/eval_holdout34, 茱岭县), a thirty-fifth, built blind while the
thirty-fourth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout35`` (tests/data/eval_holdout35, 楮原县), a thirty-sixth, built blind while the
thirty-fifth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout36`` (tests/data/eval_holdout36, 榧川县), a thirty-seventh, built blind while the
thirty-sixth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout37`` (tests/data/eval_holdout37, 樗坂县), a thirty-eighth, built blind while the
thirty-seventh was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout38`` (tests/data/eval_holdout38, 楝溪县), a thirty-ninth, built blind while the
thirty-eighth was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout39`` (tests/data/eval_holdout39, 椴岭县), a fortieth, built blind after the
thirty-ninth was measured, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout40`` (tests/data/eval_holdout40, 砚塘县), a forty-first, built blind in parallel with
the fortieth after the thirty-ninth was spent, was measured once on 2026-12-07 (its README) and
is ``SPENT`` too.
``eval_holdout41`` (tests/data/eval_holdout41, 鹳河县), a forty-second, built blind while the
forty-first was sealed, was measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout42`` (tests/data/eval_holdout42, 秫坪县), a forty-third, built blind in
parallel with the forty-fourth while the forty-first and forty-second were sealed, was
measured once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout43`` (tests/data/eval_holdout43, 琨阳县), a forty-fourth, built blind in parallel
with the forty-third while the forty-first and forty-second were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout44`` (tests/data/eval_holdout44, 箬岭县), a forty-fifth, built blind in parallel
with the forty-sixth while the forty-fourth was sealed, was measured once on 2026-12-07 (its
README) and is ``SPENT`` too.
``eval_holdout45`` (tests/data/eval_holdout45, 缣塘县), a forty-sixth, built blind in parallel
with the forty-fifth while the forty-fourth was sealed, was measured once on 2026-12-07 (its
README) and is ``SPENT`` too.
``eval_holdout46`` (tests/data/eval_holdout46, 磐江县), a forty-seventh, built blind in
parallel with the forty-eighth while the forty-fifth and forty-sixth were sealed, was measured
once on 2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout47`` (tests/data/eval_holdout47, 璋原县), a forty-eighth, built blind in parallel
with the forty-seventh while the forty-fifth and forty-sixth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout48`` (tests/data/eval_holdout48, 鹇川县), a forty-ninth, built blind in parallel
with the fiftieth while the forty-seventh and forty-eighth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout49`` (tests/data/eval_holdout49, 鲂溪县), a fiftieth, built blind in parallel
with the forty-ninth while the forty-seventh and forty-eighth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout50`` (tests/data/eval_holdout50, 楸坪县), a fifty-first, built blind in parallel
with the fifty-second while the forty-seventh to fiftieth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout51`` (tests/data/eval_holdout51, 璩山县), a fifty-second, built blind in parallel
with the fifty-first while the forty-seventh to fiftieth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout52`` (tests/data/eval_holdout52, 溱川县), a fifty-third, built blind in parallel
with the fifty-fourth while the forty-ninth to fifty-second were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout53`` (tests/data/eval_holdout53, 铎山县), a fifty-fourth, built blind in parallel
with the fifty-third while the forty-ninth to fifty-second were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout54`` (tests/data/eval_holdout54, 篁溪县), a fifty-fifth, built blind in parallel
with the fifty-sixth while the fifty-first to fifty-fourth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout55`` (tests/data/eval_holdout55, 磬川县), a fifty-sixth, built blind in parallel
with the fifty-fifth while the fifty-first to fifty-fourth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout56`` (tests/data/eval_holdout56, 菰塘县), a fifty-seventh, built blind in parallel
with the fifty-eighth while the fifty-fifth and fifty-sixth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout57`` (tests/data/eval_holdout57, 烽台县), a fifty-eighth, built blind in parallel
with the fifty-seventh while the fifty-fifth and fifty-sixth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout58`` (tests/data/eval_holdout58, 霁峰县), a fifty-ninth, built blind in parallel
with the sixtieth while the fifty-seventh and fifty-eighth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout59`` (tests/data/eval_holdout59, 陔原县), a sixtieth, built blind in parallel
with the fifty-ninth while the fifty-seventh and fifty-eighth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout60`` (tests/data/eval_holdout60, 绫溪县), a sixty-first, built blind in parallel
with the sixty-second while the fifty-ninth and sixtieth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout61`` (tests/data/eval_holdout61, 骢岭县), a sixty-second, built blind in parallel
with the sixty-first while the fifty-ninth and sixtieth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout62`` (tests/data/eval_holdout62, 筇江县), a sixty-third, built blind in parallel
with the sixty-fourth while the sixtieth to sixty-second were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout63`` (tests/data/eval_holdout63, 鹬滩县), a sixty-fourth, built blind in parallel
with the sixty-third while the sixty-first and sixty-second were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout64`` (tests/data/eval_holdout64, 岫源县), a sixty-fifth, built blind in parallel
with the sixty-sixth while the sixty-third and sixty-fourth were sealed, was measured once on
2026-12-07 (its README) and is ``SPENT`` too.
``eval_holdout65`` (tests/data/eval_holdout65, 霈源县), a sixty-sixth, built blind in parallel
with the sixty-fifth while the sixty-third and sixty-fourth were sealed, was measured once on
2026-12-08 (its README) and is ``SPENT`` too.
``eval_holdout66`` (tests/data/eval_holdout66, 鳜溪县), a sixty-seventh, built blind in parallel
with the sixty-eighth while the sixty-sixth was sealed, was measured once on
2026-12-08 (its README) and is ``SPENT`` too.
``eval_holdout67`` (tests/data/eval_holdout67, 榛川县), a sixty-eighth, built blind in parallel
with the sixty-seventh while the sixty-sixth was sealed, was measured once on
2026-12-08 (its README) and is ``SPENT`` too.
``eval_holdout68`` (tests/data/eval_holdout68, 蒹浦县), a sixty-ninth, built blind in parallel
with the seventieth while the sixty-sixth to sixty-eighth were sealed, was measured once on
2026-12-08 (its README) and is ``SPENT`` too.
``eval_holdout69`` (tests/data/eval_holdout69, 崮阳县), a seventieth, built blind in parallel
with the sixty-ninth while the sixty-sixth to sixty-eighth were sealed, is sealed.
``eval_holdout70`` (tests/data/eval_holdout70, 蜩岭县), a seventy-first, built blind in parallel
with the seventy-second while the sixty-ninth and seventieth were sealed, is sealed.
``eval_holdout71`` (tests/data/eval_holdout71, 镢河县), a seventy-second, built blind in parallel
with the seventy-first while the sixty-ninth and seventieth were sealed, is sealed.
``eval_holdout72`` (tests/data/eval_holdout72, 骝塘县), a seventy-third, built blind in parallel
with the seventy-fourth while the seventieth to seventy-second were sealed, is sealed.
``eval_holdout73`` (tests/data/eval_holdout73, 粟川县), a seventy-fourth, built blind in parallel
with the seventy-third while the seventieth to seventy-second were sealed, is sealed.

The unit tests use the same functions (``evaluate``) to hold the regression figures above
their floors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jianfu.demo.lists import load_demo_lists  # noqa: E402
from jianfu.domain.lists import SEED_KINDS, ListItem, ListKind  # noqa: E402
from jianfu.domain.matching import CheckResult, Matcher  # noqa: E402

LISTS = ROOT / "resources" / "demo" / "county_lists.json"
TASKS = ROOT / "tests" / "data" / "task_checks.jsonl"
CERTS = ROOT / "tests" / "data" / "cert_checks.jsonl"
AGENCIES = ROOT / "tests" / "data" / "cert_checks_agencies.jsonl"
EVAL = ROOT / "tests" / "data" / "eval"
EVAL_ITEMS = EVAL / "items.jsonl"
EVAL_TASKS = EVAL / "tasks.jsonl"
EVAL_CERTS = EVAL / "certs.jsonl"

#: The sets of the default run.
SETS = ("regression", "dev", "test")
#: Held-out sets already measured once: they run only when named with ``--set``, and their
#: misses may now be listed, as dev material (a gain claimed on them is not a measure).
SPENT = (
    "eval_holdout",
    "eval_holdout2",
    "eval_holdout3",
    "eval_holdout4",
    "eval_holdout5",
    "eval_holdout6",
    "eval_holdout7",
    "eval_holdout8",
    "eval_holdout9",
    "eval_holdout10",
    "eval_holdout11",
    "eval_holdout12",
    "eval_holdout13",
    "eval_holdout14",
    "eval_holdout15",
    "eval_holdout16",
    "eval_holdout17",
    "eval_holdout18",
    "eval_holdout19",
    "eval_holdout20",
    "eval_holdout21",
    "eval_holdout22",
    "eval_holdout23",
    "eval_holdout24",
    "eval_holdout25",
    "eval_holdout26",
    "eval_holdout27",
    "eval_holdout28",
    "eval_holdout29",
    "eval_holdout30",
    "eval_holdout31",
    "eval_holdout32",
    "eval_holdout33",
    "eval_holdout34",
    "eval_holdout35",
    "eval_holdout36",
    "eval_holdout37",
    "eval_holdout38",
    "eval_holdout39",
    "eval_holdout40",
    "eval_holdout41",
    "eval_holdout42",
    "eval_holdout43",
    "eval_holdout44",
    "eval_holdout45",
    "eval_holdout46",
    "eval_holdout47",
    "eval_holdout48",
    "eval_holdout49",
    "eval_holdout50",
    "eval_holdout51",
    "eval_holdout52",
    "eval_holdout53",
    "eval_holdout54",
    "eval_holdout55",
    "eval_holdout56",
    "eval_holdout57",
    "eval_holdout58",
    "eval_holdout59",
    "eval_holdout60",
    "eval_holdout61",
    "eval_holdout62",
    "eval_holdout63",
    "eval_holdout64",
    "eval_holdout65",
    "eval_holdout66",
    "eval_holdout67",
    "eval_holdout68",
)
#: Sealed held-out sets: never by default, never with ``--misses``, run once each.
SEALED: tuple[str, ...] = (
    "eval_holdout69",
    "eval_holdout70",
    "eval_holdout71",
    "eval_holdout72",
    "eval_holdout73",
)
HELD_OUT = (*SPENT, *SEALED)
#: Sets whose wrong cases are never listed.
NO_MISSES = ("test", *SEALED)
TASK_VERDICTS = ("admitted", "negative", "unlisted")
CERT_VERDICTS = ("allowed", "forbidden", "unlisted")


@dataclasses.dataclass
class Figures:
    """What one set of cases gives: verdicts, items found, confusion and confidence.

    ``top1``/``top3`` count a case when its item, or any of its ``also`` names, is the first
    candidate / among the first three; only cases that name an item count. ``high_share`` and
    ``high_accuracy`` are ``None`` when results carry no ``confidence``.
    """

    precision: dict[str, float]
    recall: dict[str, float]
    top3: float
    accuracy: float
    confusion: Counter  # (expected, got) -> count
    total: int
    top1: float = 0.0
    with_item: int = 0
    negative_admitted: int = 0
    high_share: float | None = None
    high_accuracy: float | None = None
    misses: list[dict] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict:
        """The figures as plain JSON-able data (misses left out)."""
        verdicts = _verdicts(self.confusion)
        return {
            "n": self.total,
            "accuracy": round(self.accuracy, 4),
            "precision": {v: round(p, 4) for v, p in self.precision.items()},
            "recall": {v: round(r, 4) for v, r in self.recall.items()},
            "with_item": self.with_item,
            "top1_item_recall": round(self.top1, 4),
            "top3_item_recall": round(self.top3, 4),
            "negative_admitted": self.negative_admitted,
            "confusion": {e: {g: self.confusion[e, g] for g in verdicts} for e in verdicts},
            "high_confidence_share": _round(self.high_share),
            "high_confidence_accuracy": _round(self.high_accuracy),
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _verdicts(confusion: Counter) -> list[str]:
    seen = {e for e, _ in confusion} | {g for _, g in confusion}
    known = [v for v in (*TASK_VERDICTS, *CERT_VERDICTS) if v in seen]
    return list(dict.fromkeys(known + sorted(seen - set(known))))


# ------------------------------------------------------------------ data


def demo_items() -> list[ListItem]:
    """The items of the demo county lists."""
    return load_demo_lists(LISTS)[1]


def eval_kinds() -> tuple[ListKind, ...]:
    """The kinds of the evaluation edition: the five seeded kinds."""
    return SEED_KINDS


def eval_items(path: Path = EVAL_ITEMS) -> list[ListItem]:
    """The evaluation edition as domain items (names as published, no content)."""
    codes = {k.code for k in eval_kinds()}
    items = []
    for row in load_cases(path):
        if row["kind"] not in codes:
            raise ValueError(f"{path.name}: unknown kind {row['kind']!r}")
        items.append(
            ListItem(
                kind=row["kind"],
                name=row["name"],
                number=row.get("number", ""),
                content=row.get("content", ""),
                basis=row.get("basis", ""),
                department=row.get("department", ""),
            )
        )
    return items


def load_cases(path: Path) -> list[dict]:
    """The lines of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def split_cases(path: Path, split: str) -> list[dict]:
    """The cases of one split of an evaluation file."""
    return [c for c in load_cases(path) if c["split"] == split]


def _expected(case: dict) -> str:
    return case["expect"] if "expect" in case else case["expected"]


# ------------------------------------------------------------------ evaluation


def evaluate(cases: list[dict], check: Callable[[str], CheckResult]) -> Figures:
    """Run every case through ``check`` and count."""
    confusion: Counter = Counter()
    with_item = in_top1 = in_top3 = negative_admitted = 0
    confidences: list[tuple[str, bool]] = []
    misses = []
    for case in cases:
        result = check(case["text"])
        expected, got = _expected(case), str(result.verdict)
        confusion[expected, got] += 1
        negative_admitted += expected == "negative" and got == "admitted"
        confidence = getattr(result, "confidence", None)
        if confidence is not None:
            confidences.append((str(confidence), expected == got))
        names = [c.item.name for c in result.candidates]
        hit1 = hit3 = True
        if case.get("item"):
            wanted = {case["item"], *case.get("also", ())}
            with_item += 1
            hit1 = bool(names[:1]) and names[0] in wanted
            hit3 = bool(wanted & set(names[:3]))
            in_top1 += hit1
            in_top3 += hit3
        if expected != got or not hit3:
            misses.append(
                {
                    "id": case.get("id", ""),
                    "expected": expected,
                    "got": got,
                    "item": case.get("item"),
                    "top3": names[:3],
                    "text": case["text"],
                }
            )
    verdicts = _verdicts(confusion)
    precision, recall = {}, {}
    for v in verdicts:
        got_v = sum(n for (_, g), n in confusion.items() if g == v)
        exp_v = sum(n for (e, _), n in confusion.items() if e == v)
        precision[v] = confusion[v, v] / got_v if got_v else 1.0
        recall[v] = confusion[v, v] / exp_v if exp_v else 1.0
    total = sum(confusion.values())
    correct = sum(n for (e, g), n in confusion.items() if e == g)
    high = [ok for level, ok in confidences if level == "high"]
    return Figures(
        precision=precision,
        recall=recall,
        top3=in_top3 / max(with_item, 1),
        accuracy=correct / max(total, 1),
        confusion=confusion,
        total=total,
        top1=in_top1 / max(with_item, 1),
        with_item=with_item,
        negative_admitted=negative_admitted,
        high_share=len(high) / len(confidences) if confidences else None,
        high_accuracy=(sum(high) / len(high) if high else None) if confidences else None,
        misses=misses,
    )


def set_data(name: str) -> tuple[list[ListItem], list[dict], list[dict]]:
    """The items, task cases and certificate cases of one set (nothing is checked)."""
    if name == "regression":
        return demo_items(), load_cases(TASKS), load_cases(CERTS) + load_cases(AGENCIES)
    if name in ("dev", "test"):
        return eval_items(), split_cases(EVAL_TASKS, name), split_cases(EVAL_CERTS, name)
    if name in HELD_OUT:
        # One split: every case of the held-out set counts.
        folder = ROOT / "tests" / "data" / name
        return (
            eval_items(folder / "items.jsonl"),
            load_cases(folder / "tasks.jsonl"),
            load_cases(folder / "certs.jsonl"),
        )
    raise ValueError(f"unknown set {name!r}; choose from {', '.join((*SETS, *HELD_OUT))}")


def counts_for(name: str) -> dict:
    """Items per kind and cases per expected verdict of one set, without running the check."""
    items, tasks, certs = set_data(name)
    return {
        "items": dict(Counter(str(i.kind) for i in items)),
        "tasks": dict(Counter(_expected(c) for c in tasks)),
        "certs": dict(Counter(_expected(c) for c in certs)),
    }


def in_part(case: dict, part: str) -> bool:
    """True when ``case`` belongs to ``part``: ``all``, ``original`` (the cases the set was
    made with) or ``added`` (cases added later, marked with the date they were added)."""
    return part == "all" or (part == "added") == ("added" in case)


#: Check with the shipped learned lexicon (``--lexicon``), without it (``--no-lexicon``), or as
#: the app does (None: ``jianfu.domain.lexicon.SHIPPED_IN_USE``).
USE_LEXICON: bool | None = None


def make_matcher(
    items: list[ListItem],
    kinds: Iterable[ListKind],
    *,
    lexicon: bool | None = None,
    local_synonyms: Mapping[str, Iterable[str]] | None = None,
) -> Matcher:
    """The matcher as the app builds it, or with/without the shipped learned lexicon
    (``lexicon``, else ``USE_LEXICON``). A ``jianfu/`` measured beside the head (a round's
    start) that predates the switch reads the table as it then did (shipped and read from
    2b103a8 to 8598ed7 and since 2026-12-07; none before). ``local_synonyms`` are the clerk's
    (word -> item names), as the app gives them from its database."""
    use = USE_LEXICON if lexicon is None else lexicon
    taught = {"local_synonyms": local_synonyms} if local_synonyms else {}
    try:
        from jianfu.domain.lexicon import app_lexicon, shipped_lexicon
    except ImportError:
        try:
            from jianfu.domain.lexicon import shipped_lexicon
        except ImportError:
            return Matcher(items, kinds, **taught)
        app_lexicon = shipped_lexicon
    if use is None:
        return Matcher(items, kinds, lexicon=app_lexicon(), **taught)
    return Matcher(items, kinds, lexicon=shipped_lexicon() if use else None, **taught)


def figures_for(name: str, part: str = "all") -> dict[str, Figures]:
    """Task and certificate figures of one set (``regression``, ``dev``, ``test`` or
    ``eval_holdout``), of its cases in ``part`` (see :func:`in_part`)."""
    items, tasks, certs = set_data(name)
    tasks = [c for c in tasks if in_part(c, part)]
    certs = [c for c in certs if in_part(c, part)]
    matcher = make_matcher(items, SEED_KINDS if name == "regression" else eval_kinds())
    return {
        "tasks": evaluate(tasks, matcher.check),
        "certs": evaluate(certs, matcher.check_certificate),
    }


# ------------------------------------------------------------------ latency

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
                content=f"{qualifier}{item.content}" if item.content else "",
            )
        )
        i += 1
    return out


def latency(matcher: Matcher, texts: Iterable[str], repeat: int = 3) -> list[float]:
    """Milliseconds per check, every text ``repeat`` times."""
    texts = list(texts)
    times = []
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            matcher.check(text)
            times.append((time.perf_counter() - start) * 1000)
    return times


def latency_figures(n_items: int = 1000) -> dict:
    """One check against ``n_items`` items made from the evaluation edition: median and worst."""
    texts = [c["text"] for c in load_cases(EVAL_TASKS)]
    start = time.perf_counter()
    big = make_matcher(generate_items(eval_items(), n_items), eval_kinds())
    build_ms = (time.perf_counter() - start) * 1000
    times = latency(big, texts)
    long_text = "".join(texts)
    long_text = (long_text * (20_000 // len(long_text) + 1))[:20_000]
    long_ms = latency(big, [long_text], repeat=3)
    return {
        "items": n_items,
        "build_ms": round(build_ms, 1),
        "checks": len(times),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(sorted(times)[int(len(times) * 0.95)], 2),
        "worst_ms": round(max(times), 2),
        "notice_20000_chars_worst_ms": round(max(long_ms), 1),
    }


# ------------------------------------------------------------------ output


def _print(title: str, fig: Figures) -> None:
    print(f"\n== {title}: n {fig.total}, verdict accuracy {fig.accuracy:.3f}")
    print(
        f"  item recall ({fig.with_item} cases with an item): top-1 {fig.top1:.3f}, "
        f"top-3 {fig.top3:.3f}"
    )
    if any(e == "negative" for e, _ in fig.confusion):
        print(f"  negative tasks admitted: {fig.negative_admitted}")
    if fig.high_share is not None:
        acc = "n/a" if fig.high_accuracy is None else f"{fig.high_accuracy:.3f}"
        print(f"  high-confidence verdicts: share {fig.high_share:.3f}, accuracy {acc}")
    else:
        print("  confidence: not given by the matcher")
    for v in fig.precision:
        print(f"  {v:<10} precision {fig.precision[v]:.3f}  recall {fig.recall[v]:.3f}")
    verdicts = list(fig.precision)
    print("  confusion (rows expected, columns got):")
    print("  " + " " * 11 + "".join(f"{v:>11}" for v in verdicts))
    for e in verdicts:
        print(f"  {e:<11}" + "".join(f"{fig.confusion[e, g]:>11}" for g in verdicts))


def _print_misses(title: str, fig: Figures) -> None:
    print(f"\n== misses, {title} ({len(fig.misses)})")
    for m in fig.misses:
        top = " | ".join(n[:18] for n in m["top3"])
        print(f"  {m['id'] or '-':<5} expected {m['expected']:<9} got {m['got']:<9} [{top}]")
        print(f"        {m['text'][:90]}")


def main(argv: list[str] | None = None) -> None:
    """Print the figures (or one JSON object with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=(*SETS, *HELD_OUT), dest="sets")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--part",
        choices=("all", "original", "added"),
        default="all",
        help="only the cases the set was made with, or only those added later",
    )
    parser.add_argument("--misses", action="store_true", help="list wrong cases (not of test)")
    parser.add_argument(
        "--latency", action="store_true", help="measure latency even when --set is given"
    )
    lexicon = parser.add_mutually_exclusive_group()
    lexicon.add_argument(
        "--lexicon",
        action="store_true",
        help="check with the shipped learned lexicon (jianfu.domain.lexicon) whatever the app does",
    )
    lexicon.add_argument(
        "--no-lexicon", action="store_true", help="check without it, whatever the app does"
    )
    parser.add_argument(
        "--count-only",
        action="store_true",
        help="load the sets and count items and cases; run no check",
    )
    args = parser.parse_args(argv)
    global USE_LEXICON
    USE_LEXICON = True if args.lexicon else False if args.no_lexicon else None
    sets = args.sets or list(SETS)
    do_latency = args.latency or not args.sets
    if args.misses and args.sets and set(sets) & set(NO_MISSES):
        parser.error("--misses lists dev, regression and spent sets only: tune on dev, report test")
    if args.count_only:
        counts = {name: counts_for(name) for name in sets}
        if args.json:
            print(json.dumps({"counts": counts}, ensure_ascii=False, indent=1))
            return
        for name, c in counts.items():
            print(f"== {name}: counts only, no check run")
            for part in ("items", "tasks", "certs"):
                detail = ", ".join(f"{k} {n}" for k, n in c[part].items())
                print(f"  {part:<5} {sum(c[part].values()):>4}: {detail}")
        return
    results = {name: figures_for(name, args.part) for name in sets}
    lat = latency_figures() if do_latency else None
    if args.json:
        out: dict = {
            "sets": {
                name: {kind: fig.as_dict() for kind, fig in figs.items()}
                for name, figs in results.items()
            }
        }
        if lat is not None:
            out["latency"] = lat
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    part = "" if args.part == "all" else f" ({args.part} cases)"
    for name, figs in results.items():
        if figs["tasks"].total:
            _print(f"{name}{part}: task checks", figs["tasks"])
        if figs["certs"].total:
            _print(f"{name}{part}: certificate checks", figs["certs"])
    if args.misses:
        for name, figs in results.items():
            if name in NO_MISSES:
                continue
            _print_misses(f"{name}: task checks", figs["tasks"])
            _print_misses(f"{name}: certificate checks", figs["certs"])
    if lat is not None:
        print(f"\n== latency, {lat['items']:,} items (index built in {lat['build_ms']:.0f} ms)")
        print(
            f"  {lat['checks']} checks: median {lat['median_ms']:.2f} ms, "
            f"p95 {lat['p95_ms']:.2f} ms, worst {lat['worst_ms']:.2f} ms"
        )
        print(f"  20,000-character notice: worst {lat['notice_20000_chars_worst_ms']:.1f} ms")


if __name__ == "__main__":
    main()
