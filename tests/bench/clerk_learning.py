"""What the check gains when the clerk teaches it: local synonyms and precedents, measured.

Run from the repository root::

    python tests/bench/clerk_learning.py                  # every open set, both rules, 4 orders
    python tests/bench/clerk_learning.py --set dev --rule word --orders 1
    python tests/bench/clerk_learning.py --json           # one JSON object
    python tests/bench/clerk_learning.py --jobs 1         # one process (default 2)

The app learns from the clerk in two ways (``jianfu.services.checks``): every confirmed
decision is stored as a *precedent* (a near-identical text later gets the confirmed item at
once, ``jianfu.domain.precedents``), and a word the clerk marks as meaning an item
(记为同义词 on the 事项审核 screen, ``jianfu check --confirm ITEM --synonym WORD``) becomes a
*local synonym* of it. Both reach the check through ``Matcher(local_synonyms=...,
precedents=...)``, which is what this script builds, exactly as the list service does: the
matcher of ``matcher_figures.make_matcher`` (the learned table included) given the synonyms
taught so far, then ``Matcher.with_precedents`` with the precedents stored so far.

The data
--------
Only sets whose labels may be read: ``regression``, ``dev`` and the held-out sets already
measured (``matcher_figures.SPENT``), through ``matcher_figures.set_data``. Never ``test``
and never a sealed set (``matcher_figures.SEALED``): the script refuses them. Each set is one
county: its items are the lists in force, its notices (and certificate requests) arrive one
after another.

The simulated clerk
-------------------
The clerk works through a county's notices in a fixed order: the file's order, and three
shuffles seeded by the set's name and 1, 2, 3 (``--orders``), so that no figure rests on one
order. For each notice:

1. the check runs with what the clerk has taught so far;
2. the clerk records the right decision (the label): a ``Precedent`` of the notice's text
   with the labelled item (none for an unlisted notice), as ``ChecksService.confirm`` stores it;
3. where the labelled notice names an item (a listed or a negative one) and the check did not
   name it (or one of its ``also`` names) first, or gave the wrong verdict, the clerk marks one
   piece of the notice as meaning that item: a local synonym, cleaned and refused as the
   service cleans and refuses it (``services.checks.synonym_word``; a pair already taught is
   not taught twice). Nothing else of the label is read, and nothing of a later notice.

Which piece the clerk marks is one of two stated rules (``--rule``), fixed before any figure
was computed and not changed after:

``word``
    The notice's word, by the app's own segmentation (``words.content_words`` of the
    normalised text), that says the most: the highest general-language weight
    (``words.weight``) among its content words that (a) no item of the county's lists contains
    (its name and content, normalised, as a substring: a word an item holds is already met),
    (b) the segmenter's dictionary knows (has_word), and (c) the segmenter does not tag as a
    person's, a place's or an organisation's name (nr, ns, nt, nz). The first of equal
    weights. (b) and (c) stand for what a clerk selects: a first reading showed that without
    them the heaviest "words" are the segmenter's leftovers (屯要, 报上来, 下寨) and village
    names, which weigh most because the dictionary does not know them.
``phrase``
    That word with its neighbour in the notice as the segmenter cuts it: the next word when it
    is a content word meeting (b) and (c), else the previous one on the same terms, else the
    word alone (秸秆 + 禁烧 → 秸秆禁烧). A clerk who selects the whole term, not one word.

When no word meets the rule, nothing is taught (counted as ``no word``).

The figures
-----------
For each set and each order the notices are cut in two halves in that order (the first half
is the smaller one when the count is odd).

* *After the first half*: every notice of the second half checked with what was taught on the
  first half only (``taught``), against the same notices with nothing taught (``none``);
  also with the first half's synonyms only and its precedents only, to tell what each brings;
  and ``online``: the clerk keeps teaching through the second half, each notice checked with
  everything taught before it (what the clerk lives).
* Verdict accuracy over all the second half's notices; top-1 item over those that name one
  (the item or an ``also`` name first).
* Safety: negative notices admitted (tasks) and forbidden requests allowed (certificates),
  with and without teaching. Every case that teaching makes less safe (unsafe taught, safe
  untaught), in any variant and any order, is listed by set, order, rule and id; never only
  counted. Unlisted notices admitted (a task let through that should go for approval) are
  counted beside them.
* Synonyms taught on the first half, how many of them put their own notice right when it is
  checked again at once (the clerk clicks 记为同义词 and sees the check again: a synonym that
  never reaches the score shows here as 0), and notices with no word to teach.
* Resends: each notice of the first half sent again the way departments resend (``resend``):
  every Arabic number one higher (the year, the 文号's number, the dates, counts), every month
  named in Chinese one later, the first quarter the next, and a department renamed by a fixed
  table of renames of the recent institutional reforms (农业农村局 → 农业农村和水利局,
  卫生健康局 → 卫生健康委员会 …; the table is ``RENAMES``). Checked with what was taught on
  the first half: *at once* when the check answers from a precedent (``CheckResult.precedent``)
  and its answer is the confirmed decision (the verdict and, when the decision names an item,
  that item first); beside it the same resends checked with nothing taught. A notice with no
  number, month, quarter or department of the table comes back unchanged: such resends are
  counted apart (``unchanged``), and ``at_once_changed`` counts only the others.

Certificates: precedents serve them exactly as tasks (registering a request stores one), and
the matcher reads a local synonym of any item. The app's screens let the clerk mark a word only
on the 事项审核 (task) screen, so the certificate figures with synonyms say what the mechanism
would give, not what the screens let a clerk do today; the precedents-only figure is what they
do.

A speed-only note: ``precedents.fingerprint`` is cached by text in this process (it is a pure
function of the text; the precedent index is rebuilt from every precedent after each decision,
as the list service does), which changes no answer.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import functools
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matcher_figures as mf

from jianfu.domain import precedents as precedents_module
from jianfu.domain.errors import ValidationError
from jianfu.domain.lists import ListItem, ListKind
from jianfu.domain.matching import CheckResult, Matcher
from jianfu.domain.normalize import cjk_count, normalize
from jianfu.domain.precedents import Precedent
from jianfu.domain.verdicts import validate_text
from jianfu.domain.words import LOW_WEIGHT, _jieba, content_words, weight
from jianfu.services.checks import SYNONYM_MAX, synonym_word

#: The open sets: those whose labels may be read.
OPEN_SETS = ("regression", "dev", *mf.SPENT)
RULES = ("word", "phrase")
#: The orders: the file's, then shuffles seeded by the set's name and these numbers.
SEEDS = (None, 1, 2, 3)
PURPOSES = ("task", "certificate")
#: The verdict a check must never give to a notice of the other side: admitted for a negative
#: notice, allowed for a forbidden request (expected, got).
UNSAFE = {"task": ("negative", "admitted"), "certificate": ("forbidden", "allowed")}
YES = {"task": "admitted", "certificate": "allowed"}
#: Tags of the segmenter for names: a person's, a place's, an organisation's, another's.
PROPER_TAGS = ("nr", "ns", "nt", "nz")
FIRST_DAY = dt.date(2027, 1, 4)

# a pure function of the text, rebuilt into the index after every decision: cached for speed
precedents_module.fingerprint = functools.lru_cache(maxsize=None)(  # type: ignore[assignment]
    precedents_module.fingerprint
)


def refuse_closed(name: str) -> None:
    """Refuse a set whose labels may not be read here (``test``, a sealed set)."""
    if name not in OPEN_SETS:
        raise SystemExit(f"{name}: only open sets (regression, dev, spent held-out sets)")


# ------------------------------------------------------------------ the clerk's choice


def _known(word: str) -> bool:
    """A word of the segmenter's dictionary that is no name of a person, place or body."""
    jb = _jieba()
    if not jb.has_word(word):
        return False
    tags = jb.tag(word)
    return not (len(tags) == 1 and tags[0][1].startswith(PROPER_TAGS))


def listed_texts(items: Iterable[ListItem]) -> list[str]:
    """Each item's name and content, normalised without spaces: what "an item contains" reads."""
    return [normalize(f"{i.name} {i.content}", boilerplate=False).replace(" ", "") for i in items]


def clerk_choice(text: str, listed: Sequence[str], rule: str) -> str | None:
    """The piece of ``text`` the clerk marks as meaning the item, by ``rule`` (see the module's
    docstring), or None when no word of the notice meets it."""
    norm = normalize(text)
    words = [
        w
        for w in content_words(norm)
        if cjk_count(w) >= 2 and _known(w) and not any(w in t for t in listed)
    ]
    if not words:
        return None
    best = max(words, key=weight)  # the first of equal weights
    if rule == "word":
        return best
    if rule != "phrase":
        raise ValueError(f"unknown rule {rule!r}")
    for chunk in norm.split(" "):
        tokens = list(_jieba().cut(chunk))
        if best not in tokens:
            continue
        k = tokens.index(best)
        neighbours = (
            (tokens[k + 1] if k + 1 < len(tokens) else "", False),
            (tokens[k - 1] if k > 0 else "", True),
        )
        for other, before in neighbours:
            phrase = other + best if before else best + other
            if (
                other
                and weight(other) > LOW_WEIGHT
                and _known(other)
                and len(phrase) <= SYNONYM_MAX
            ):
                return phrase
        return best
    return best


# ------------------------------------------------------------------ resends

#: Renames of the recent institutional reforms (old -> new), applied longest first, once each.
RENAMES: dict[str, str] = {
    "乡村振兴局": "农业农村局",
    "农业农村局": "农业农村和水利局",
    "农业局": "农业农村局",
    "水利局": "水务局",
    "卫生健康局": "卫生健康委员会",
    "卫健局": "卫生健康委员会",
    "卫生健康委员会": "卫生健康局",
    "卫健委": "卫生健康局",
    "卫计局": "卫生健康局",
    "民政局": "民政和社会事务局",
    "人力资源和社会保障局": "人力资源社会保障局",
    "人社局": "人力资源社会保障局",
    "市场监督管理局": "市场监管局",
    "市场监管局": "市场监督管理局",
    "自然资源局": "自然资源和规划局",
    "国土资源局": "自然资源局",
    "住房和城乡建设局": "住房城乡建设局",
    "住建局": "住房和城乡建设局",
    "环保局": "生态环境局",
    "生态环境局": "生态环境分局",
    "安监局": "应急管理局",
    "应急管理局": "应急管理和综合执法局",
    "教育局": "教育体育局",
    "文化和旅游局": "文化广电旅游体育局",
    "文旅局": "文化广电旅游体育局",
    "扶贫办": "乡村振兴局",
    "综治办": "平安建设办公室",
    "退役军人事务局": "退役军人服务中心",
}
_RENAME = re.compile("|".join(sorted(map(re.escape, RENAMES), key=len, reverse=True)))
_NUMBER = re.compile(r"[0-9０-９]+")
_CN_MONTH = re.compile(r"(十[一二]|[一二三四五六七八九十])月")
_CN_NUMS = "一二三四五六七八九十"
_QUARTER = re.compile(r"第([一二三四])季度")


def _month_after(m: re.Match[str]) -> str:
    n = (
        (10 + "一二".index(m.group(1)[1]) + 1)
        if len(m.group(1)) == 2
        else _CN_NUMS.index(m.group(1)) + 1
    )
    n = n % 12 + 1
    return (_CN_NUMS[n - 1] if n <= 10 else "十" + _CN_NUMS[n - 11]) + "月"


def resend(text: str) -> tuple[str, bool]:
    """``text`` as its department sends it again, and whether a department was renamed."""
    out = _NUMBER.sub(lambda m: str(int(m.group(0)) + 1), text)
    out = _CN_MONTH.sub(_month_after, out)
    out = _QUARTER.sub(lambda m: f"第{'二三四一'['一二三四'.index(m.group(1))]}季度", out)
    renamed = _RENAME.sub(lambda m: RENAMES[m.group(0)], out)
    return renamed, renamed != out


# ------------------------------------------------------------------ one run


@dataclasses.dataclass(frozen=True)
class Seen:
    """One check of one case: the verdict expected and got, and the item first or not."""

    id: str
    expected: str
    got: str
    top1: bool | None  # None: the case names no item
    by_precedent: bool = False

    @property
    def right(self) -> bool:
        return self.expected == self.got


def look(case: dict, result: CheckResult) -> Seen:
    """What one check gave for ``case``."""
    names = [c.item.name for c in result.candidates]
    top1 = None
    if case.get("item"):
        top1 = bool(names) and names[0] in {case["item"], *case.get("also", ())}
    return Seen(
        case["id"], mf._expected(case), str(result.verdict), top1, result.precedent is not None
    )


def cases_of(name: str) -> dict[str, tuple[list[ListItem], list[dict]]]:
    """The items and the cases of each purpose of one open set (an id for each case)."""
    refuse_closed(name)
    items, tasks, certs = mf.set_data(name)
    out = {}
    for purpose, cases in (("task", tasks), ("certificate", certs)):
        out[purpose] = (
            items,
            [{**c, "id": c.get("id") or f"{purpose[0]}{n:03d}"} for n, c in enumerate(cases)],
        )
    return out


class Clerk:
    """What one clerk has taught one county's check: synonyms and precedents."""

    def __init__(
        self, items: list[ListItem], kinds: Sequence[ListKind], purpose: str, rule: str
    ) -> None:
        self.items, self.kinds, self.purpose, self.rule = items, kinds, purpose, rule
        self.listed = listed_texts(items)
        self.synonyms: dict[str, list[str]] = {}
        self.precedents: list[Precedent] = []
        self.base = mf.make_matcher(items, kinds)
        self._with_synonyms = self.base
        names = {i.name for i in self.base.items}
        self.item_names = names
        self.taught = 0
        self.no_word = 0
        self.refused = 0
        self.own_fixed = 0

    def matcher(self, *, synonyms: bool = True, precedents: bool = True) -> Matcher:
        """The check as the app builds it from what was taught (or part of it)."""
        m = self._with_synonyms if synonyms else self.base
        return m.with_precedents(self.precedents if precedents else ())

    def check(self, matcher: Matcher, text: str) -> CheckResult:
        return matcher.check(text) if self.purpose == "task" else matcher.check_certificate(text)

    def teach(self, case: dict, seen: Seen, day: dt.date) -> None:
        """The clerk records the decision, and marks a word where the check missed the item."""
        item = case.get("item")
        if item and (seen.top1 is False or not seen.right) and item in self.item_names:
            self._teach_synonym(case, item)
        kind = next((i.kind for i in self.base.items if i.name == item), None) if item else None
        self.precedents.append(
            Precedent(
                validate_text(case["text"]),
                item or None,
                kind,
                day,
                len(self.precedents) + 1,
                self.purpose,
            )
        )

    def _teach_synonym(self, case: dict, item: str) -> None:
        choice = clerk_choice(case["text"], self.listed, self.rule)
        if choice is None:
            self.no_word += 1
            return
        try:
            word = synonym_word(choice)
        except ValidationError:
            self.refused += 1
            return
        if item in self.synonyms.get(word, ()):
            return
        self.synonyms.setdefault(word, []).append(item)
        self.taught += 1
        self._with_synonyms = mf.make_matcher(self.items, self.kinds, local_synonyms=self.synonyms)
        # the clerk sees the check again at once (before recording the decision)
        again = look(case, self.check(self.matcher(), case["text"]))
        self.own_fixed += again.right and again.top1 is not False


def shuffled(cases: list[dict], name: str, seed: int | None) -> list[dict]:
    """The cases in the file's order (``seed`` None) or shuffled by the set's name and seed."""
    out = list(cases)
    if seed is not None:
        random.Random(f"{name}:{seed}").shuffle(out)
    return out


def tally(seen: Iterable[Seen], purpose: str) -> dict:
    """Verdicts right, top-1 items, unsafe and unlisted-let-through counts of some checks."""
    seen = list(seen)
    bad = UNSAFE[purpose]
    with_item = [s for s in seen if s.top1 is not None]
    return {
        "n": len(seen),
        "right": sum(s.right for s in seen),
        "with_item": len(with_item),
        "top1": sum(bool(s.top1) for s in with_item),
        "unsafe": sum((s.expected, s.got) == bad for s in seen),
        "unlisted_let_through": sum(
            s.expected == "unlisted" and s.got == YES[purpose] for s in seen
        ),
        "by_precedent": sum(s.by_precedent for s in seen),
    }


def run(
    name: str,
    purpose: str,
    rule: str,
    seed: int | None,
    items: list[ListItem],
    kinds: Sequence[ListKind],
    cases: list[dict],
    untaught: dict[str, Seen],
) -> dict:
    """One clerk through one county's cases in one order: the figures of the second half."""
    order = shuffled(cases, name, seed)
    half = len(order) // 2
    clerk = Clerk(items, kinds, purpose, rule)
    online: list[Seen] = []
    frozen: Clerk | None = None
    for n, case in enumerate(order):
        if n == half:
            frozen = copy.copy(clerk)
            frozen.synonyms = copy.deepcopy(clerk.synonyms)
            frozen.precedents = list(clerk.precedents)
        seen = look(case, clerk.check(clerk.matcher(), case["text"]))
        if n >= half:
            online.append(seen)
        clerk.teach(case, seen, FIRST_DAY + dt.timedelta(days=n))
    assert frozen is not None or not order
    second = order[half:]
    figures: dict = {"set": name, "purpose": purpose, "rule": rule, "order": seed or "file"}
    variants = {"none": [untaught[c["id"]] for c in second], "online": online}
    if frozen is not None:
        for variant, syn, prec in (
            ("taught", True, True),
            ("synonyms_only", True, False),
            ("precedents_only", False, True),
        ):
            m = frozen.matcher(synonyms=syn, precedents=prec)
            variants[variant] = [look(c, frozen.check(m, c["text"])) for c in second]
    figures["second_half"] = {v: tally(s, purpose) for v, s in variants.items()}
    bad = UNSAFE[purpose]
    less_safe = []
    for variant, seen in variants.items():
        for s in seen:
            if (s.expected, s.got) == bad and (s.expected, untaught[s.id].got) != bad:
                less_safe.append({"variant": variant, "id": s.id, "got": s.got})
    figures["less_safe"] = less_safe
    figures["safer"] = [
        s.id
        for s in variants.get("taught", [])
        if (s.expected, s.got) != bad and (s.expected, untaught[s.id].got) == bad
    ]
    taught_first = frozen or clerk
    figures["synonyms"] = {
        "taught": taught_first.taught,
        "own_notice_put_right": taught_first.own_fixed,
        "no_word": taught_first.no_word,
        "refused": taught_first.refused,
        "pairs": sorted((w, i) for w, names in taught_first.synonyms.items() for i in names),
    }
    figures["resends"] = resends(order[:half], frozen) if frozen is not None else {}
    return figures


def resends(first: list[dict], clerk: Clerk) -> dict:
    """The first half sent again: answered at once from the clerk's precedents, or not."""
    taught = clerk.matcher()
    at_once = at_once_changed = unchanged = 0
    other_answer = renamed = right_untaught = right_taught = 0
    for case in first:
        text, was_renamed = resend(case["text"])
        renamed += was_renamed
        unchanged += text == case["text"]
        now = look(case, clerk.check(taught, text))
        before = look(case, clerk.check(clerk.base, text))
        confirmed = now.right and now.top1 is not False
        at_once += now.by_precedent and confirmed
        at_once_changed += now.by_precedent and confirmed and text != case["text"]
        other_answer += now.by_precedent and not confirmed
        right_taught += confirmed
        right_untaught += before.right and before.top1 is not False
    return {
        "n": len(first),
        "department_renamed": renamed,
        "unchanged": unchanged,
        "at_once": at_once,
        "at_once_changed": at_once_changed,
        "precedent_other_answer": other_answer,
        "confirmed_taught": right_taught,
        "confirmed_untaught": right_untaught,
    }


def set_figures(job: tuple[str, Sequence[str], Sequence[int | None]]) -> list[dict]:
    """Every run of one set (each purpose, rule and order)."""
    name, rules, seeds = job
    kinds = mf.eval_kinds()
    out = []
    for purpose, (items, cases) in cases_of(name).items():
        if not cases:
            continue
        base = mf.make_matcher(items, kinds)
        check = base.check if purpose == "task" else base.check_certificate
        untaught = {c["id"]: look(c, check(c["text"])) for c in cases}
        for rule in rules:
            for seed in seeds:
                out.append(run(name, purpose, rule, seed, items, kinds, cases, untaught))
    return out


# ------------------------------------------------------------------ summing up


def pooled(runs: list[dict], key: str) -> dict:
    """The second-half tallies of ``runs`` summed, and the synonyms and resends."""
    total: dict = defaultdict(lambda: defaultdict(int))
    for r in runs:
        for variant, t in r["second_half"].items():
            for k, v in t.items():
                total[variant][k] += v
    syn: dict = defaultdict(int)
    res: dict = defaultdict(int)
    for r in runs:
        for k in ("taught", "own_notice_put_right", "no_word", "refused"):
            syn[k] += r["synonyms"][k]
        for k, v in r["resends"].items():
            res[k] += v
    return {
        "key": key,
        "second_half": {v: dict(t) for v, t in total.items()},
        "synonyms": dict(syn),
        "resends": dict(res),
        "less_safe": [
            {"set": r["set"], "order": r["order"], **x} for r in runs for x in r["less_safe"]
        ],
        "safer": sum(len(r["safer"]) for r in runs),
    }


def _rate(t: dict, what: str) -> float:
    base = t["n"] if what == "right" else t["with_item"]
    return t[what] / base if base else float("nan")


def _line(label: str, p: dict) -> str:
    h = p["second_half"]
    none, taught = h["none"], h.get("taught", h["none"])
    s, r = p["synonyms"], p["resends"]
    return (
        f"  {label:<16} n {none['n']:>5}  verdicts {_rate(none, 'right'):.3f} -> "
        f"{_rate(taught, 'right'):.3f} (syn only {_rate(h['synonyms_only'], 'right'):.3f}, "
        f"prec only {_rate(h['precedents_only'], 'right'):.3f}, online "
        f"{_rate(h['online'], 'right'):.3f})  top-1 {_rate(none, 'top1'):.3f} -> "
        f"{_rate(taught, 'top1'):.3f} (online {_rate(h['online'], 'top1'):.3f})  unsafe "
        f"{none['unsafe']} -> {taught['unsafe']} (online {h['online']['unsafe']})  unlisted "
        f"let through {none['unlisted_let_through']} -> {taught['unlisted_let_through']}  "
        f"synonyms {s['taught']} (own notice right {s['own_notice_put_right']}, no word "
        f"{s['no_word']})  resends at once {r.get('at_once', 0)}/{r.get('n', 0)} "
        f"(changed {r.get('n', 0) - r.get('unchanged', 0)}, of them at once "
        f"{r.get('at_once_changed', 0)}; renamed {r.get('department_renamed', 0)}; other answer "
        f"{r.get('precedent_other_answer', 0)}; confirmed untaught "
        f"{r.get('confirmed_untaught', 0)})"
    )


def report(runs: list[dict], rules: Sequence[str], seeds: Sequence[int | None]) -> dict:
    """Per set (file order) and overall (each order, and all orders pooled)."""
    out: dict = {}
    for purpose in PURPOSES:
        for rule in rules:
            mine = [r for r in runs if r["purpose"] == purpose and r["rule"] == rule]
            if not mine:
                continue
            key = f"{purpose}/{rule}"
            per_order = {
                str(seed or "file"): pooled([r for r in mine if r["order"] == (seed or "file")], "")
                for seed in seeds
            }
            per_set = {}
            for name in dict.fromkeys(r["set"] for r in mine):
                runs_of_set = [r for r in mine if r["set"] == name]
                per_set[name] = pooled(runs_of_set, name)
            out[key] = {
                "orders": per_order,
                "all_orders": pooled(mine, "all"),
                "sets_all_orders": per_set,
            }
    return out


def print_report(summary: dict) -> None:
    for key, s in summary.items():
        print(f"\n== {key}: second halves, taught on the first half (none -> taught)")
        for name, p in s["sets_all_orders"].items():
            print(_line(name, p))
        for order, p in s["orders"].items():
            print(_line(f"ALL, order {order}", p))
        print(_line("ALL, all orders", s["all_orders"]))
        worst = min(
            s["sets_all_orders"].items(),
            key=lambda kv: (
                _rate(kv[1]["second_half"]["taught"], "right")
                - _rate(kv[1]["second_half"]["none"], "right")
            ),
        )
        print(_line(f"worst: {worst[0]}", worst[1]))
        less = s["all_orders"]["less_safe"]
        safer = s["all_orders"]["safer"]
        distinct = sorted({f"{x['set']} {x['id']}" for x in less})
        print(
            f"  less safe with teaching: {len(less)} checks of {len(distinct)} cases"
            f" ({', '.join(distinct) or 'none'}); made safer, taught: {safer}"
        )
        for x in less:
            print(f"    {x['set']} order {x['order']} {x['variant']}: {x['id']} -> {x['got']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", choices=OPEN_SETS)
    parser.add_argument("--rule", action="append", dest="rules", choices=RULES)
    parser.add_argument("--orders", type=int, default=len(SEEDS), choices=range(1, 5))
    parser.add_argument("--jobs", type=int, default=2, choices=(1, 2))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", action="store_true", help="with --json: every run too")
    parser.add_argument("--out", type=Path, help="also write the JSON (every run) to this file")
    args = parser.parse_args(argv)
    sets = args.sets or list(OPEN_SETS)
    for name in sets:
        refuse_closed(name)
    rules = args.rules or list(RULES)
    seeds = SEEDS[: args.orders]
    jobs = [(name, rules, seeds) for name in sets]
    if args.jobs == 1:
        results = [set_figures(j) for j in jobs]
    else:
        with Pool(args.jobs) as pool:
            results = pool.map(set_figures, jobs, chunksize=1)
    runs = [r for rs in results for r in rs]
    summary = report(runs, rules, seeds)
    if args.out:
        args.out.write_text(
            json.dumps({"summary": summary, "runs": runs}, ensure_ascii=False, default=str),
            "utf-8",
        )
    if args.json:
        whole = {"summary": summary, **({"runs": runs} if args.runs else {})}
        print(json.dumps(whole, ensure_ascii=False, indent=1, default=str))
        return
    print_report(summary)


if __name__ == "__main__":
    main()
