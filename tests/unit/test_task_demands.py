"""事项审核's 对村(社区)的要求: every form of work the check reads has a box of its own."""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand
from jianfu.domain.tasks import TaskDemand, demands_text, parse_demands, task_demands


@pytest.mark.parametrize("demand", list(Demand))
def test_every_demand_the_check_reads_ticks_a_box(demand: Demand) -> None:
    """代答测评/代填问卷, 迎检作秀, 参加会议, 会议文件层层传达 … were read and shown in the
    check's lines, but ticked no box: the record said nothing of them."""
    assert len(task_demands((demand,))) == 1


def test_a_box_of_its_own_by_the_checks_name() -> None:
    """A form the check reads by a name of its own has the box of that name (拍照留痕/打卡
    stays the 工作群/APP it always ticked)."""
    for demand in Demand:
        if demand not in (Demand.TRACE, Demand.ASSESSMENT, Demand.APPS, Demand.CERTIFICATE,
                          Demand.SIGNBOARD):  # fmt: skip
            assert task_demands((demand,)) == (TaskDemand(demand.value),)
    assert task_demands((Demand.SURVEY, Demand.FORMS)) == (TaskDemand.FORMS, TaskDemand.SURVEY)


def test_stored_demands_read_as_before_and_the_new_ones_too() -> None:
    old = "报表台账、挂牌、工作机制/专人专岗、考核评比/督查检查、工作群/APP、证明"
    assert demands_text(parse_demands(old)) == old
    every = tuple(TaskDemand)
    assert parse_demands(demands_text(every)) == every
    # a word an older or newer version stored that this one does not know is left out
    assert parse_demands("迎检作秀、某种新要求") == (TaskDemand.SHOW,)
