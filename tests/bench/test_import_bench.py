"""Reading a 10,000-item list workbook (pytest-benchmark; run with --benchmark-enable)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_figures as imf


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imf.make_workbook(tmp_path_factory.mktemp("bench") / "bench.xlsx", 10_000)


def test_parse_10000_items(benchmark, workbook: Path) -> None:
    result = benchmark.pedantic(imf.parse, args=(workbook,), rounds=3, iterations=1)
    assert len(result.items) == 10_000
    assert result.problems == []
