"""Learn a lexicon for the matcher (notice word -> item words) from labelled checks.

Run from the repository root::

    python tests/bench/lexicon_build.py                 # prints the table of every allowed set
    python tests/bench/lexicon_build.py --out FILE      # writes it to FILE

    python tests/bench/lexicon_build.py --shipped       # writes the table the app ships

The app ships the table of every allowed set, tasks only (jianfu/domain/learned_lexicon.json,
see jianfu.domain.lexicon): on nine sets it did not carry to sets it had not learned from, on
nineteen it did (tests/data/eval/README.md, "A learned lexicon, tried" and "…, shipped").
Learn it again whenever a held-out set is spent (a unit test holds the file to this script).

What it learns from: every labelled case of the sets the matcher may be tuned on
(``ALLOWED``: the ``dev`` split of tests/data/eval, the ``regression`` set and the spent
held-out sets, ``SPENT`` in matcher_figures.py). Never the ``test`` split, never a sealed set:
:func:`allowed_sets` refuses them.

How: each case's text is cut into its content words (:func:`jianfu.domain.words.content_words`
of the normalised text); its item (and its ``also`` items) into the words the matcher meets it
by (:meth:`jianfu.domain.matching.Matcher.item_words`). A notice word ``n`` and an item word
``m`` the notice does not hold co-occur once per case. Over the training sets:

* support: the pair co-occurs in at least ``min_support`` cases, of at least ``min_sets``
  different sets (one set's wording cannot make an entry);
* precision: ``P(m | n)`` — the share of all cases holding ``n`` (unlisted ones too) whose
  item holds ``m`` unsaid — is at least ``min_p``;
* lift: ``P(m | n) / P(m)`` is at least ``min_lift`` (``m`` is not simply a word most items
  hold);
* at most ``top`` item words per notice word, best ``P`` first; item words weighing less than
  ``min_item_weight`` are left out (they would add nothing).

Tasks and certificate requests are learned apart, each from its own cases. Deterministic:
the same sets give the same file, byte for byte. The knobs are chosen on the mean of the
leave-one-set-out estimate (tests/bench/lexicon_cv.py), never per set.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for _p in (str(ROOT), str(Path(__file__).resolve().parent)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import matcher_figures as mf  # noqa: E402

from jianfu.domain.lexicon import EMPTY_LEXICON, LEARNED_CREDIT, Lexicon  # noqa: E402
from jianfu.domain.lists import SEED_KINDS  # noqa: E402
from jianfu.domain.matching import Matcher  # noqa: E402
from jianfu.domain.normalize import normalize  # noqa: E402
from jianfu.domain.words import content_words, weight  # noqa: E402

#: The table the app ships.
SHIPPED = ROOT / "jianfu" / "domain" / "learned_lexicon.json"
#: The sets a table may be learned from: tuned-on material only.
ALLOWED: tuple[str, ...] = ("dev", "regression", *mf.SPENT)


@dataclass(frozen=True)
class Knobs:
    """The method's few knobs (chosen on the cross-validated mean, see lexicon_cv.py)."""

    min_sets: int = 2
    min_support: float = 4.0
    min_p: float = 0.3
    min_lift: float = 3.0
    top: int = 3
    min_item_weight: float = 5.0
    credit: float = LEARNED_CREDIT
    #: learn a certificate table too (leave-one-set-out over the nineteen allowed sets: mean
    #: certificate accuracy 0.922 -> 0.920 with it, so the app ships none)
    certs: bool = False
    #: ``cooc``: raw co-occurrence; ``ibm1``: each unsaid item word is shared out among the
    #: notice's words (and a null word) by IBM model 1's EM, so a word that co-occurs only
    #: beside the word that explains it gets little.
    method: str = "cooc"
    #: learn from negative (and forbidden) cases too, or only from listed ones
    negatives: bool = True
    #: notice words weighing less are not keys
    min_word_weight: float = 0.0
    #: keep only entries whose effect on the training sets' own verdicts is at least this
    #: (verdicts made right minus made wrong, a negative admitted counting three); None: all
    prune: float | None = None
    #: an item word must be a word of the lists of at least this many training sets (a word
    #: only one list uses cannot carry to another list)
    min_item_lists: int = 1


@dataclass(frozen=True)
class Case:
    """One case, as the learner sees it: its words, its text, its item's words (or None)."""

    words: frozenset[str]
    text: str
    item_words: frozenset[str] | None
    expect: str = ""
    raw: str = ""


def allowed_sets(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` checked: each an allowed set (never ``test``, never a sealed set)."""
    out = tuple(names)
    for name in out:
        if name not in ALLOWED or name == "test" or name in mf.SEALED:
            raise ValueError(f"{name!r} may not be learned from (allowed: {', '.join(ALLOWED)})")
    return out


@cache
def set_vocab(name: str) -> dict[str, frozenset[str]]:
    """The words of the task items and of the certificate items of set ``name``'s lists."""
    allowed_sets([name])
    items, _, _ = mf.set_data(name)
    kinds = SEED_KINDS if name == "regression" else mf.eval_kinds()
    matcher = Matcher(items, kinds, lexicon=EMPTY_LEXICON)
    words_of = matcher.item_words()
    out: dict[str, set[str]] = {"tasks": set(), "certs": set()}
    for item in matcher.items:
        kind = "certs" if matcher.kinds[item.kind].meaning.holds_certificates else "tasks"
        out[kind] |= words_of.get(item.name, frozenset())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def set_cases(name: str) -> dict[str, tuple[Case, ...]]:
    """The cases of one allowed set, tasks and certificates, as the learner sees them."""
    allowed_sets([name])
    items, tasks, certs = mf.set_data(name)
    kinds = SEED_KINDS if name == "regression" else mf.eval_kinds()
    words_of = Matcher(items, kinds, lexicon=EMPTY_LEXICON).item_words()
    out = {}
    for kind, cases in (("tasks", tasks), ("certs", certs)):
        rows = []
        for case in cases:
            text = normalize(case["text"])
            names = [n for n in (case.get("item"), *case.get("also", ())) if n]
            gold = None
            if names:
                gold = frozenset().union(*(words_of.get(n, frozenset()) for n in names))
            expect = case.get("expect", case.get("expected", ""))
            rows.append(
                Case(
                    frozenset(content_words(text)),
                    text.replace(" ", ""),
                    gold,
                    expect,
                    case["text"],
                )
            )
        out[kind] = tuple(rows)
    return out


def learn(names: Iterable[str], kind: str, knobs: Knobs = Knobs()) -> dict[str, tuple[str, ...]]:
    """The table learned from the ``kind`` cases (``tasks`` or ``certs``) of sets ``names``."""
    names = allowed_sets(sorted(set(names)))
    pair = Counter[tuple[str, str]]()
    pair_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    df = Counter[str]()
    base = Counter[str]()
    total = 0
    aligned: list[tuple[list[str], list[str]]] = []
    for name in names:
        for case in set_cases(name)[kind]:
            total += 1
            keys = sorted(w for w in case.words if weight(w) >= knobs.min_word_weight)
            df.update(keys)
            if not case.item_words or (
                not knobs.negatives and case.expect in ("negative", "forbidden")
            ):
                continue
            unsaid = sorted(
                m
                for m in case.item_words
                if m not in case.text and weight(m) >= knobs.min_item_weight
            )
            base.update(unsaid)
            aligned.append((keys, unsaid))
            for n in keys:
                for m in unsaid:
                    pair[n, m] += 1
                    pair_sets[n, m].add(name)
    if knobs.method == "ibm1":
        pair = _ibm1(aligned)
    lists = Counter[str]()
    for name in names:
        lists.update(set_vocab(name)[kind])
    by_word: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for (n, m), c in pair.items():
        if c < knobs.min_support or len(pair_sets[n, m]) < knobs.min_sets:
            continue
        if lists[m] < knobs.min_item_lists:
            continue
        p = c / df[n]
        if p < knobs.min_p or p / (base[m] / total) < knobs.min_lift:
            continue
        by_word[n].append((-p, -c, m))
    table = {
        n: tuple(m for _, _, m in sorted(rows)[: knobs.top]) for n, rows in sorted(by_word.items())
    }
    if knobs.prune is not None:
        table = _pruned(table, names, kind, knobs)
    return table


def _matcher(name: str, lexicon: Lexicon) -> Matcher:
    items, _, _ = mf.set_data(name)
    kinds = SEED_KINDS if name == "regression" else mf.eval_kinds()
    return Matcher(items, kinds, lexicon=lexicon)


@cache
def _baseline(name: str, kind: str) -> tuple[str, ...]:
    """The verdicts of the ``kind`` cases of set ``name`` without a learned table."""
    matcher = _matcher(name, EMPTY_LEXICON)
    check = matcher.check if kind == "tasks" else matcher.check_certificate
    return tuple(str(check(c.raw).verdict) for c in set_cases(name)[kind])


def _pruned(
    table: dict[str, tuple[str, ...]], names: Iterable[str], kind: str, knobs: Knobs
) -> dict[str, tuple[str, ...]]:
    """``table`` without the entries whose effect on the training cases that hold them is
    under ``knobs.prune``: each case a table word is in is checked with and without the
    table; a verdict made right counts +1 for every word that fired, made wrong -1, and a
    negative task admitted (or a forbidden request allowed) -3."""
    lexicon = (
        Lexicon(table, {}, knobs.credit) if kind == "tasks" else Lexicon({}, table, knobs.credit)
    )
    effect = Counter[str]()
    for name in names:
        check = None
        for case, before in zip(set_cases(name)[kind], _baseline(name, kind), strict=True):
            fired = [k for k in table if k in case.text]
            if not fired:
                continue
            if check is None:
                matcher = _matcher(name, lexicon)
                check = matcher.check if kind == "tasks" else matcher.check_certificate
            after = str(check(case.raw).verdict)
            if after == before:
                continue
            delta = (after == case.expect) - (before == case.expect)
            if after in ("admitted", "allowed") and case.expect in ("negative", "forbidden"):
                delta -= 2
            for k in fired:
                effect[k] += delta
    return {k: v for k, v in table.items() if effect[k] >= knobs.prune}


def _ibm1(pairs: list[tuple[list[str], list[str]]], rounds: int = 8) -> Counter:
    """Expected alignment counts (notice word, item word) after IBM model 1's EM, with a
    null notice word in every case (it takes the item words no notice word explains)."""
    null = ""
    t: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    counts: Counter = Counter()
    for _ in range(rounds):
        counts = Counter()
        totals: Counter = Counter()
        for keys, unsaid in pairs:
            source = [null, *keys]
            for m in unsaid:
                denom = sum(t[n, m] for n in source)
                for n in source:
                    share = t[n, m] / denom
                    counts[n, m] += share
                    totals[n] += share
        t = defaultdict(float, {(n, m): c / totals[n] for (n, m), c in counts.items()})
    return Counter({k: v for k, v in counts.items() if k[0] != null})


def build(names: Iterable[str] = ALLOWED, knobs: Knobs = Knobs()) -> dict:
    """The whole table as JSON-able data, with where it comes from."""
    names = allowed_sets(sorted(set(names)))
    return {
        "source": "tests/bench/lexicon_build.py",
        "sets": list(names),
        "knobs": dataclasses.asdict(knobs),
        "credit": knobs.credit,
        "tasks": learn(names, "tasks", knobs),
        "certs": learn(names, "certs", knobs) if knobs.certs else {},
    }


def dumps(data: dict) -> str:
    """The table as the file holds it (sorted keys, one entry a line: stable diffs)."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print (or write) the table learned from every allowed set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the table to this file")
    parser.add_argument("--shipped", action="store_true", help=f"write it to {SHIPPED}")
    args = parser.parse_args(argv)
    text = dumps(build())
    if args.shipped:
        args.out = SHIPPED
    if args.out is None:
        print(text, end="")
    else:
        args.out.write_text(text, "utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
