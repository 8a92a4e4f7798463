"""The act-on-object forms of a notice (demands._pairs) read by bisection give what setting
every act beside every object gave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jianfu.domain import demands as dm
from jianfu.domain.normalize import normalize

TASKS = Path(__file__).resolve().parents[1] / "data" / "task_checks.jsonl"


def every_act_by_every_object(text: str, negations: bool = True) -> dict[dm.Demand, list[str]]:
    """The reading before bisection: each act against each object of the text."""
    out: dict[dm.Demand, list[str]] = {}
    for demand, act, obj in dm._PAIRS:
        objects = [(m.start(), m.end(), m.group(0)) for m in obj.finditer(text)]
        for a in act.finditer(text):
            if negations and dm._negated(text, a.start(), a.end()):
                continue
            for start, end, word in objects:
                gap = max(start - a.end(), a.start() - end)
                if gap <= dm.PAIR_WINDOW and not (start < a.end() and a.start() < end):
                    out.setdefault(demand, []).extend((a.group(0), word))
    return out


def _texts() -> list[str]:
    notices = [json.loads(line)["text"] for line in TASKS.read_text(encoding="utf-8").splitlines()]
    para = (
        "各村要开展安全生产突击检查，对检查发现的问题应付了事的要通报，迎接县督查组检查时人员到位，"
        "演示消防器材使用，过期设备及时换新。"
    )
    built = [
        para * 40,
        "上传照片" * 300,
        "检查突击" * 300,
        "请下载注册APP，" + "无关的话" * 10 + "关注公众号并打卡签到",
        "热线工单" + "。" * 24 + "承办" + "，" * 25 + "12345",
        "不用上传照片，不再打卡，上传不打卡的村的照片",
        "照片" + "一" * 24 + "上传" + "二" * 24 + "视频" + "三" * 25 + "发送",
    ]
    return [normalize(t) for t in (*notices, *built)]


@pytest.mark.parametrize("negations", [True, False])
def test_bisection_reads_the_same_pairs_as_every_act_by_every_object(negations: bool) -> None:
    for text in _texts():
        assert dm._pairs(text, negations) == every_act_by_every_object(text, negations)
