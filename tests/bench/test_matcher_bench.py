"""One check against 1,000 generated items (pytest-benchmark; run with --benchmark-enable)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matcher_figures as mf

from jianfu.domain.lists import SEED_KINDS
from jianfu.domain.matching import Matcher, Verdict

NOTICE = (
    "各村(社区)：近期电信诈骗案件高发，请各村利用大喇叭、村民会议开展反诈宣传，"
    "重点提醒老年人不要轻信陌生来电，于5月20日前报送宣传照片。特此通知。"
)


def test_check_against_1000_items(benchmark) -> None:
    matcher = Matcher(mf.generate_items(mf.demo_items(), 1000), SEED_KINDS)
    result = benchmark(matcher.check, NOTICE)
    assert result.verdict is Verdict.ADMITTED


def test_build_index_for_1000_items(benchmark) -> None:
    items = mf.generate_items(mf.demo_items(), 1000)
    matcher = benchmark(Matcher, items, SEED_KINDS)
    assert len(matcher.items) == 1000
