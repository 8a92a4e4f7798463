"""The sixth to seventy-fourth held-out sets (tests/data/eval_holdout6 to eval_holdout73) load
into the figures script, and have the form of the evaluation set.

The sixth to sixty-ninth were sealed until their one measure (see their README.md) and are
now spent: dev material whose misses may be listed. The seventieth to seventy-fourth are sealed.
These tests only count the sets and check their form: they run no check on their cases and print
none of them (a failure names a case id, never a text).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import matcher_figures as mf

DATA = Path(__file__).resolve().parents[1] / "data"
#: every set's folder, oldest first: a set shares nothing with the ones before it
ORDER = ("eval", *mf.HELD_OUT)
#: the sets checked here: their case ids' prefix, and their counts per kind and label
SETS = {
    "eval_holdout6": (
        "h6",
        {
            "items": {
                "duty": 4,
                "assist": 9,
                "negative": 6,
                "cert_allowed": 8,
                "cert_forbidden": 16,
            },
            "tasks": {"admitted": 51, "negative": 45, "unlisted": 54},
            "certs": {"allowed": 24, "forbidden": 24, "unlisted": 22},
        },
    ),
    "eval_holdout7": (
        "h7",
        {
            "items": {
                "duty": 6,
                "assist": 9,
                "negative": 5,
                "cert_allowed": 5,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 48, "negative": 30, "unlisted": 34},
            "certs": {"allowed": 16, "forbidden": 13, "unlisted": 16},
        },
    ),
    "eval_holdout8": (
        "h8",
        {
            "items": {
                "duty": 9,
                "assist": 9,
                "negative": 5,
                "cert_allowed": 2,
                "cert_forbidden": 8,
            },
            "tasks": {"admitted": 48, "negative": 32, "unlisted": 45},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout9": (
        "h9",
        {
            "items": {
                "duty": 8,
                "assist": 6,
                "negative": 3,
                "cert_allowed": 2,
                "cert_forbidden": 7,
            },
            "tasks": {"admitted": 44, "negative": 32, "unlisted": 44},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout10": (
        "h10",
        {
            "items": {
                "duty": 5,
                "assist": 4,
                "negative": 8,
                "cert_allowed": 5,
                "cert_forbidden": 9,
            },
            "tasks": {"admitted": 50, "negative": 35, "unlisted": 44},
            "certs": {"allowed": 18, "forbidden": 17, "unlisted": 15},
        },
    ),
    "eval_holdout11": (
        "h11",
        {
            "items": {
                "duty": 6,
                "assist": 2,
                "negative": 12,
                "cert_allowed": 5,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 44, "negative": 36, "unlisted": 43},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 17},
        },
    ),
    "eval_holdout12": (
        "h12",
        {
            "items": {
                "duty": 8,
                "assist": 10,
                "negative": 8,
                "cert_allowed": 4,
                "cert_forbidden": 7,
            },
            "tasks": {"admitted": 46, "negative": 38, "unlisted": 42},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 17},
        },
    ),
    "eval_holdout13": (
        "h13",
        {
            "items": {
                "duty": 9,
                "assist": 8,
                "negative": 12,
                "cert_allowed": 3,
                "cert_forbidden": 8,
            },
            "tasks": {"admitted": 46, "negative": 43, "unlisted": 42},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 17},
        },
    ),
    "eval_holdout14": (
        "h14",
        {
            "items": {
                "duty": 9,
                "assist": 9,
                "negative": 12,
                "cert_allowed": 2,
                "cert_forbidden": 9,
            },
            "tasks": {"admitted": 51, "negative": 41, "unlisted": 51},
            "certs": {"allowed": 17, "forbidden": 18, "unlisted": 17},
        },
    ),
    "eval_holdout15": (
        "h15",
        {
            "items": {
                "duty": 9,
                "assist": 9,
                "negative": 12,
                "cert_allowed": 3,
                "cert_forbidden": 7,
            },
            "tasks": {"admitted": 48, "negative": 49, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 17},
        },
    ),
    "eval_holdout16": (
        "h16",
        {
            "items": {
                "duty": 10,
                "assist": 9,
                "negative": 12,
                "cert_allowed": 3,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 51, "negative": 48, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 17},
        },
    ),
    "eval_holdout17": (
        "h17",
        {
            "items": {
                "duty": 8,
                "assist": 10,
                "negative": 14,
                "cert_allowed": 2,
                "cert_forbidden": 6,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 47},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout18": (
        "h18",
        {
            "items": {
                "duty": 12,
                "assist": 9,
                "negative": 12,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 47},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout19": (
        "h19",
        {
            "items": {
                "duty": 9,
                "assist": 8,
                "negative": 15,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 48, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout20": (
        "h20",
        {
            "items": {
                "duty": 10,
                "assist": 7,
                "negative": 16,
                "cert_allowed": 2,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 48, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout21": (
        "h21",
        {
            "items": {
                "duty": 9,
                "assist": 7,
                "negative": 15,
                "cert_allowed": 2,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout22": (
        "h22",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 15,
                "cert_allowed": 2,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 48, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout23": (
        "h23",
        {
            "items": {
                "duty": 7,
                "assist": 10,
                "negative": 14,
                "cert_allowed": 2,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout24": (
        "h24",
        {
            "items": {
                "duty": 6,
                "assist": 8,
                "negative": 14,
                "cert_allowed": 2,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 48, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout25": (
        "h25",
        {
            "items": {
                "duty": 7,
                "assist": 8,
                "negative": 11,
                "cert_allowed": 3,
                "cert_forbidden": 6,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout26": (
        "h26",
        {
            "items": {
                "duty": 7,
                "assist": 8,
                "negative": 11,
                "cert_allowed": 3,
                "cert_forbidden": 5,
            },
            "tasks": {"admitted": 45, "negative": 44, "unlisted": 43},
            "certs": {"allowed": 16, "forbidden": 16, "unlisted": 16},
        },
    ),
    "eval_holdout27": (
        "h27",
        {
            "items": {
                "duty": 10,
                "assist": 8,
                "negative": 9,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 47, "negative": 47, "unlisted": 46},
            "certs": {"allowed": 17, "forbidden": 17, "unlisted": 16},
        },
    ),
    "eval_holdout28": (
        "h28",
        {
            "items": {
                "duty": 10,
                "assist": 8,
                "negative": 6,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 45, "negative": 43, "unlisted": 42},
            "certs": {"allowed": 16, "forbidden": 16, "unlisted": 16},
        },
    ),
    "eval_holdout29": (
        "h29",
        {
            "items": {
                "duty": 7,
                "assist": 7,
                "negative": 8,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 42, "negative": 40, "unlisted": 43},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 14},
        },
    ),
    "eval_holdout30": (
        "h30",
        {
            "items": {
                "duty": 10,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 44, "negative": 40, "unlisted": 42},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout31": (
        "h31",
        {
            "items": {
                "duty": 7,
                "assist": 7,
                "negative": 8,
                "cert_allowed": 4,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 38, "negative": 38, "unlisted": 38},
            "certs": {"allowed": 14, "forbidden": 14, "unlisted": 14},
        },
    ),
    "eval_holdout32": (
        "h32",
        {
            "items": {
                "duty": 8,
                "assist": 9,
                "negative": 4,
                "cert_allowed": 2,
                "cert_forbidden": 2,
            },
            "tasks": {"admitted": 48, "negative": 36, "unlisted": 40},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout33": (
        "h33",
        {
            "items": {
                "duty": 10,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 2,
            },
            "tasks": {"admitted": 46, "negative": 34, "unlisted": 40},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout34": (
        "h34",
        {
            "items": {
                "duty": 8,
                "assist": 5,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 44, "negative": 34, "unlisted": 41},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout35": (
        "h35",
        {
            "items": {
                "duty": 8,
                "assist": 7,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 3,
            },
            "tasks": {"admitted": 46, "negative": 34, "unlisted": 40},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout36": (
        "h36",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 46, "negative": 34, "unlisted": 40},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout37": (
        "h37",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout38": (
        "h38",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 46, "negative": 34, "unlisted": 40},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout39": (
        "h39",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout40": (
        "h40",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout41": (
        "h41",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout42": (
        "h42",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout43": (
        "h43",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout44": (
        "h44",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout45": (
        "h45",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout46": (
        "h46",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout47": (
        "h47",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout48": (
        "h48",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout49": (
        "h49",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout50": (
        "h50",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout51": (
        "h51",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout52": (
        "h52",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout53": (
        "h53",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout54": (
        "h54",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout55": (
        "h55",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout56": (
        "h56",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout57": (
        "h57",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout58": (
        "h58",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout59": (
        "h59",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout60": (
        "h60",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout61": (
        "h61",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout62": (
        "h62",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout63": (
        "h63",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout64": (
        "h64",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout65": (
        "h65",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout66": (
        "h66",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout67": (
        "h67",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout68": (
        "h68",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout69": (
        "h69",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout70": (
        "h70",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout71": (
        "h71",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout72": (
        "h72",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
    "eval_holdout73": (
        "h73",
        {
            "items": {
                "duty": 8,
                "assist": 8,
                "negative": 5,
                "cert_allowed": 3,
                "cert_forbidden": 4,
            },
            "tasks": {"admitted": 47, "negative": 34, "unlisted": 39},
            "certs": {"allowed": 15, "forbidden": 15, "unlisted": 15},
        },
    ),
}
#: the sets of SETS still sealed (never measured): the rest are spent
SEALED_HERE: set[str] = {
    "eval_holdout69",
    "eval_holdout70",
    "eval_holdout71",
    "eval_holdout72",
    "eval_holdout73",
}
ITEM_KEYS = {
    "list",
    "kind",
    "number",
    "section",
    "name",
    "content",
    "basis",
    "department",
    "source",
}
CASE_KEYS = {"id", "text", "expect", "item", "also", "split", "note"}
#: the kinds an item cited for each verdict may be
KINDS_FOR = {
    "admitted": {"duty", "assist"},
    "negative": {"negative"},
    "allowed": {"cert_allowed"},
    "forbidden": {"cert_forbidden"},
}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_the_held_out_sets_are_listed_in_the_order_they_were_made():
    """``ORDER`` (and the earlier-set checks that read it) rests on ``HELD_OUT`` being the sets
    oldest first: eval_holdout, then eval_holdout2, 3 … (two written at once may land in either
    order, so a number may be missing for a while, never out of order)."""
    assert mf.HELD_OUT[0] == "eval_holdout"
    numbers = [int(n.removeprefix("eval_holdout")) for n in mf.HELD_OUT[1:]]
    assert numbers == sorted(set(numbers)) and numbers[0] == 2
    on_disk = {p.name for p in DATA.glob("eval_holdout*") if p.is_dir()}
    assert on_disk == set(mf.HELD_OUT)


@pytest.fixture(params=sorted(SETS))
def name(request: pytest.FixtureRequest) -> str:
    return request.param


def test_the_set_loads_as_one_split_with_its_counts(name):
    assert mf.counts_for(name) == SETS[name][1]


def test_the_set_is_spent_or_sealed_and_runs_only_when_named(name):
    assert name not in mf.SETS
    assert name in mf.HELD_OUT
    if name in SEALED_HERE:
        assert name in mf.SEALED and name not in mf.SPENT
        assert name in mf.NO_MISSES
    else:
        assert name in mf.SPENT and name not in mf.SEALED
        assert name not in mf.NO_MISSES


@pytest.mark.parametrize("sealed", sorted(SEALED_HERE))
def test_misses_are_refused_for_a_sealed_set(sealed):
    with pytest.raises(SystemExit):
        mf.main(["--set", sealed, "--misses"])


def test_count_only_runs_no_check(name, monkeypatch, capsys):
    def no_check(*args, **kwargs):
        raise AssertionError("--count-only must not run the check")

    monkeypatch.setattr(mf, "figures_for", no_check)
    monkeypatch.setattr(mf, "evaluate", no_check)
    mf.main(["--set", name, "--count-only"])
    out = capsys.readouterr().out
    counts = SETS[name][1]
    assert f"{name}: counts only" in out
    tasks, certs = sum(counts["tasks"].values()), sum(counts["certs"].values())
    assert f"tasks  {tasks:3d}" in out and f"certs  {certs:3d}" in out


def test_items_and_cases_have_the_formats_of_the_evaluation_set(name):
    folder_of_set = DATA / name
    items = _jsonl(folder_of_set / "items.jsonl")
    assert all(set(i) == ITEM_KEYS for i in items)
    assert all(i["source"].startswith("http") for i in items)
    assert all(not i["content"] for i in items)
    for kind in KINDS_FOR.values():
        for k in kind:
            numbers = [int(i["number"]) for i in items if i["kind"] == k]
            assert numbers == list(range(1, len(numbers) + 1)), k
    assert len({i["name"] for i in items}) == len(items)
    for part, prefix in (("tasks.jsonl", "t"), ("certs.jsonl", "c")):
        cases = _jsonl(folder_of_set / part)
        assert all(set(c) == CASE_KEYS for c in cases)
        assert [c["id"] for c in cases] == [
            f"{SETS[name][0]}{prefix}{n:03d}" for n in range(1, len(cases) + 1)
        ]
        assert all(c["split"] == "holdout" and c["note"] for c in cases)
        assert len({c["text"] for c in cases}) == len(cases)


def test_labels_name_items_of_the_edition_of_the_verdicts_kind(name):
    folder_of_set = DATA / name
    kind_of = {i["name"]: i["kind"] for i in _jsonl(folder_of_set / "items.jsonl")}
    for part, verdicts in (
        ("tasks.jsonl", {"admitted", "negative", "unlisted"}),
        ("certs.jsonl", {"allowed", "forbidden", "unlisted"}),
    ):
        for case in _jsonl(folder_of_set / part):
            assert case["expect"] in verdicts, case["id"]
            if case["expect"] == "unlisted":
                assert case["item"] is None and case["also"] == [], case["id"]
                continue
            assert case["item"] not in case["also"], case["id"]
            for name in (case["item"], *case["also"]):
                assert kind_of.get(name) in KINDS_FOR[case["expect"]], case["id"]


def test_about_a_third_of_each_part_is_unlisted(name):
    folder_of_set = DATA / name
    for part in ("tasks.jsonl", "certs.jsonl"):
        counts = Counter(c["expect"] for c in _jsonl(folder_of_set / part))
        share = counts["unlisted"] / sum(counts.values())
        assert 0.28 <= share <= 0.40, (part, share)


def test_no_item_name_or_case_text_is_shared_with_an_earlier_set(name):
    folder_of_set = DATA / name
    texts = {c["text"] for p in ("tasks.jsonl", "certs.jsonl") for c in _jsonl(folder_of_set / p)}
    own = _jsonl(folder_of_set / "items.jsonl")
    for folder in ORDER[: ORDER.index(name)]:
        theirs = {i["name"] for i in _jsonl(DATA / folder / "items.jsonl")}
        # this set's own rows only, never the earlier (maybe sealed) set's
        again = [i.get("number", "?") for i in own if i["name"] in theirs]
        assert not again, f"{name} items {again} are named as in {folder}"
        earlier = {
            c["text"] for p in ("tasks.jsonl", "certs.jsonl") for c in _jsonl(DATA / folder / p)
        }
        shared = len(texts & earlier)  # a count, so that a failure prints no case
        assert shared == 0, folder


def test_no_source_of_an_earlier_set_is_used_again(name):
    folder_of_set = DATA / name
    own = _jsonl(folder_of_set / "items.jsonl")
    for folder in ORDER[: ORDER.index(name)]:
        theirs = {i["source"] for i in _jsonl(DATA / folder / "items.jsonl")}
        # this set's own rows only: a failure must print nothing of an earlier (maybe sealed) set
        again = [f"{i.get('kind')} {i.get('number')}" for i in own if i["source"] in theirs]
        assert not again, f"{name} items {again} cite a source of {folder}"


def test_no_case_copies_eight_characters_of_an_item(name):
    folder_of_set = DATA / name
    names = {i["name"] for i in _jsonl(folder_of_set / "items.jsonl")}
    pieces = {n[k : k + 8] for n in names for k in range(len(n) - 7)} | names
    for part in ("tasks.jsonl", "certs.jsonl"):
        for case in _jsonl(folder_of_set / part):
            assert not [p for p in pieces if p in case["text"]], case["id"]
