"""Build the table of Chinese sort keys (``jianfu/domain/collation_zh.txt.gz``) from ICU.

Run from the repository root on Linux, with PySide6 installed (its wheel carries ICU)::

    python tests/bench/collation_build.py            # writes the shipped table
    python tests/bench/collation_build.py --check    # builds it and compares with the shipped one

The app sorts Chinese text in ICU's order for Chinese (pinyin; the order of Qt's collator for
zh_CN on Linux and of PostgreSQL's ``zh-x-icu``) without ICU at run time: each text gets a key
(:func:`jianfu.domain.collation.sort_key`) whose plain order (code points; SQLite's BINARY,
PostgreSQL's ``COLLATE "C"``) is ICU's. A key holds, level by level as ICU compares, the
weights of the text's collation elements, each weight replaced by its rank among all weights of
its level; the text itself closes it (texts ICU finds equal go by code point, as the window's
comparison did). This script asks ICU (PySide6's own ``libicui18n``, through ctypes) for the
collation elements of every character and writes the ranks:

* ``S``, ``N`` and ``R`` lines: the characters of one primary weight and the common secondary
  and tertiary ones, as runs of code points that take consecutive ranks: the runs' first code
  points (in order), their lengths and their first ranks, decimal, comma-separated (three lines
  a program reads in milliseconds).
* ``X`` lines: every other character: ``X cp L1 / L2 / L3``, the ranks of its weights per level
  (decimal); characters ICU gives the weights of their canonical decomposition (é, 가 …) are
  left out: the app decomposes them (NFD) and looks the parts up.
* ``L`` line: how many ranks the levels have, the common secondary and tertiary ranks, and the
  primary rank ICU's implicit weights come before (U+FFFD and U+FFFF sort after them).

Characters that are in no line have ICU's implicit weights (unassigned, private use): they sort
after all others, by code point (the app does so). Every character is checked: the keys built
from the file sort every character, and random texts, as ICU does.

When ICU's data changes (a newer Qt), the stored keys of every database must be computed again
(a migration like 0033); the file is written again only with such a migration.
"""

from __future__ import annotations

import argparse
import ctypes
import gzip
import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHIPPED = ROOT / "jianfu" / "domain" / "collation_zh.txt.gz"
LOCALE = b"zh_CN"


class Icu:
    """ICU's collator for ``LOCALE`` from the library PySide6 ships."""

    def __init__(self) -> None:
        import PySide6

        lib = Path(PySide6.__file__).parent / "Qt" / "lib"
        found = sorted(lib.glob("libicui18n.so.*"))
        if not found:
            raise SystemExit(f"no ICU beside PySide6 in {lib}")
        path = found[-1]
        self.version = path.name.split(".so.")[1].split(".")[0]
        for uc in sorted(lib.glob("libicuuc.so.*")) + sorted(lib.glob("libicudata.so.*")):
            ctypes.CDLL(str(uc), mode=ctypes.RTLD_GLOBAL)
        i18n = ctypes.CDLL(str(path))

        def fn(name: str, restype: object, *argtypes: object) -> Callable[..., object]:
            f = getattr(i18n, f"{name}_{self.version}")
            f.restype, f.argtypes = restype, list(argtypes)
            return f  # type: ignore[no-any-return]

        err = ctypes.c_int(0)
        p, i32, ip = ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_int)
        self._coll = fn("ucol_open", p, ctypes.c_char_p, ip)(LOCALE, ctypes.byref(err))
        if err.value > 0:
            raise SystemExit(f"ucol_open: ICU error {err.value}")
        self._key = fn("ucol_getSortKey", i32, p, ctypes.c_char_p, i32, ctypes.c_char_p, i32)
        self._open = fn("ucol_openElements", p, p, ctypes.c_char_p, i32, ip)
        self._next = fn("ucol_next", i32, p, ip)
        self._close = fn("ucol_closeElements", None, p)
        self._buf = ctypes.create_string_buffer(4096)

    def sort_key(self, text: str) -> bytes:
        """ICU's own sort key of ``text``."""
        raw = text.encode("utf-16-le")
        n = self._key(self._coll, raw, len(raw) // 2, self._buf, len(self._buf))
        return self._buf.raw[:n]

    def elements(self, text: str) -> list[int]:
        """``text``'s collation elements (ICU's 32-bit form)."""
        raw = text.encode("utf-16-le")
        err = ctypes.c_int(0)
        it = self._open(self._coll, raw, len(raw) // 2, ctypes.byref(err))
        out = []
        while (ce := self._next(it, ctypes.byref(err))) != -1:  # UCOL_NULLORDER
            out.append(ce & 0xFFFFFFFF)
        self._close(it)
        return out


Weights = tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]


def weights(icu: Icu, char: str, lead: dict[int, int] | None) -> Weights:
    """``char``'s weights per level, as ICU compares them (the primary's first byte as in its
    sort keys, through ``lead``: Chinese is reordered before Latin there). A continuation
    element lengthens the weights of the element before it; the tertiary's two case bits do
    not count."""
    levels: tuple[list[bytes], list[bytes], list[bytes]] = ([], [], [])
    cur: list[bytearray] | None = None

    def close() -> None:
        if cur is not None:
            for level, weight in zip(levels, cur, strict=True):
                if weight:
                    level.append(bytes(weight))

    for ce in icu.elements(char):
        p, s, t = ce >> 16, (ce >> 8) & 0xFF, ce & 0xFF
        pb = p.to_bytes(2, "big").rstrip(b"\0") if p else b""
        if (t & 0xC0) == 0xC0 and cur is not None:  # a continuation
            cur[0] += pb
            cur[1] += bytes([s]) if s else b""
            cur[2] += bytes([t & 0x3F]) if t & 0x3F else b""
            continue
        close()
        if pb and lead is not None:
            pb = bytes([lead[pb[0]]]) + pb[1:]
        cur = [
            bytearray(pb),
            bytearray([s] if s else []),
            bytearray([t & 0x3F] if t & 0x3F else []),
        ]
    close()
    return tuple(levels[0]), tuple(levels[1]), tuple(levels[2])


def _implicit(key: bytes) -> bool:
    """ICU's implicit weights (unassigned code points, private use): first byte 0xFE."""
    return key[:1] == b"\xfe"


def build(icu: Icu) -> str:
    """The table's text."""
    chars = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    keys = {cp: icu.sort_key(chr(cp)) for cp in chars}
    # the first byte of each primary in ICU's sort keys, from characters of one primary
    lead: dict[int, int] = {}
    for cp in chars:
        if not _implicit(keys[cp]):
            raw = weights(icu, chr(cp), None)[0]
            if len(raw) == 1 and lead.setdefault(raw[0][0], keys[cp][0]) != keys[cp][0]:
                raise SystemExit(f"U+{cp:04X}: its primary's first byte is reordered apart")
    table = {cp: weights(icu, chr(cp), lead) for cp in chars if not _implicit(keys[cp])}
    for cp, w in table.items():  # one primary: as in ICU's own key
        if len(w[0]) == 1 and keys[cp].split(b"\x01")[0] != w[0][0]:
            raise SystemExit(f"U+{cp:04X}: primary {w[0][0].hex()} is not ICU's {keys[cp].hex()}")
    ranks = [sorted({x for w in table.values() for x in w[level]}) for level in range(3)]
    rank = [{x: r for r, x in enumerate(level)} for level in ranks]
    common = (rank[1][b"\x05"], rank[2][b"\x05"])
    # the implicit weights (first byte 0xFE) come between these ranks (U+FFFD and U+FFFF last)
    at = sum(1 for x in ranks[0] if x[0] < 0xFE)
    if any(x[0] != 0xFF for x in ranks[0][at:]):
        raise SystemExit("primaries above the implicit ones that are not 0xFF …")

    def ranked(w: Weights) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(rank[level][x] for x in w[level]) for level in range(3))

    simple: dict[int, int] = {}
    other: dict[int, tuple[tuple[int, ...], ...]] = {}
    for cp, w in table.items():
        r = ranked(w)
        if len(r[0]) == 1 and r[1] == (common[0],) and r[2] == (common[1],):
            simple[cp] = r[0][0]
        else:
            other[cp] = r
    # characters that expand to their canonical decomposition's weights: the app decomposes
    for cp in list(other):
        parts = unicodedata.normalize("NFD", chr(cp))
        if parts == chr(cp) or any(ord(c) not in table for c in parts):
            continue
        joined = tuple(sum((ranked(table[ord(c)])[lv] for c in parts), ()) for lv in range(3))
        if joined == other[cp]:
            del other[cp]

    starts: list[int] = []
    lengths: list[int] = []
    firsts: list[int] = []
    for cp in sorted(simple):
        if starts and cp == starts[-1] + lengths[-1] and simple[cp] == firsts[-1] + lengths[-1]:
            lengths[-1] += 1
        else:
            starts.append(cp)
            lengths.append(1)
            firsts.append(simple[cp])
    lines = [
        "# Chinese sort keys: ICU's collation for zh (pinyin), the ranks of its weights.",
        f"# Built by tests/bench/collation_build.py from ICU {icu.version} (PySide6's).",
        f"L {len(ranks[0])} {len(ranks[1])} {len(ranks[2])} {common[0]} {common[1]} {at}",
        "S " + ",".join(map(str, starts)),
        "N " + ",".join(map(str, lengths)),
        "R " + ",".join(map(str, firsts)),
    ]
    for cp in sorted(other):
        levels = " / ".join(" ".join(map(str, level)) for level in other[cp])
        lines.append(f"X {cp} {levels}")
    return "\n".join(lines) + "\n"


def check(icu: Icu, key: Callable[[str], str], seed: int = 1) -> None:
    """``key`` sorts every character, and random texts, as ICU does (ties by code point)."""
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]

    def icu_order(texts: list[str]) -> list[str]:
        return sorted(texts, key=lambda t: (icu.sort_key(t), t))

    if icu_order(chars) != sorted(chars, key=key):
        raise SystemExit("the keys do not sort the characters as ICU")
    rnd = random.Random(seed)
    assigned = [c for c in chars if unicodedata.category(c) not in ("Cn", "Co", "Cs")]
    han = [chr(cp) for cp in range(0x4E00, 0xA000)] + [chr(cp) for cp in range(0x3400, 0x4DC0)]
    mixed = [chr(cp) for cp in range(0x20, 0x7F)] + [chr(cp) for cp in range(0xFF01, 0xFF5F)]
    mixed += [chr(cp) for cp in range(0x3000, 0x3040)] + [chr(cp) for cp in range(0x2460, 0x2500)]
    mixed += [chr(cp) for cp in range(0xC0, 0x180)] + [chr(cp) for cp in range(0x3200, 0x3400)]
    mixed += ["\u0300", "\u0301", "\u200b", "\u00ad", "\ue000", "\U00030000", "\ufffd"]
    mixed += han[::50]
    for name, pool in (("every character", assigned), ("Chinese", han), ("mixed", mixed)):
        texts: set[str] = set()
        for _ in range(4000):
            t = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 7)))
            i = rnd.randrange(len(t))
            texts |= {t, t[:i], t + rnd.choice(pool), t[:i] + rnd.choice(pool) + t[i + 1 :]}
        texts.discard("")
        want, got = icu_order(list(texts)), sorted(texts, key=key)
        if want != got:
            i = next(i for i, (w, g) in enumerate(zip(want, got, strict=True)) if w != g)
            raise SystemExit(
                f"the keys do not sort random texts ({name}) as ICU: {want[i]!a} before {got[i]!a}"
            )
        print(f"  {len(texts):,} random texts ({name}): ICU's order", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    parser.add_argument("--out", type=Path, default=SHIPPED, help="write the table there")
    args = parser.parse_args()
    icu = Icu()
    print(f"ICU {icu.version}: building …", flush=True)
    text = build(icu)
    if args.check:
        shipped = gzip.decompress(SHIPPED.read_bytes()).decode("ascii")
        print("the same as the shipped table" if shipped == text else "DIFFERS from the shipped")
    else:
        # mtime 0: the same table gives the same file, byte for byte
        args.out.write_bytes(gzip.compress(text.encode("ascii"), 9, mtime=0))
        print(f"wrote {args.out}: {len(text):,} characters")
    from jianfu.domain import collation

    collation.load_table(text)
    check(icu, collation.sort_key)
    print("every character sorts as in ICU")


if __name__ == "__main__":
    main()
