"""The owner acting for one township after another (``AppContext.acting_for``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from jianfu.db.models import UnitRow
from jianfu.db.models_tasks import TaskRequestRow
from jianfu.db.repositories import units as units_repo
from jianfu.domain.errors import ValidationError
from jianfu.domain.tasks import TaskDecision, TaskInput
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TasksService
from tests.conftest import two_townships

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def county(ctx):
    """Two townships under a county, one village each."""
    return ctx, two_townships(ctx, villages=True)


def _record(ctx, title: str) -> int:
    tasks = TasksService(ctx, ListsService(ctx), today=lambda: TODAY)
    task = tasks.record(
        TaskInput(
            title=title, department="南屏县农业农村局", received_on=TODAY,
            decision=TaskDecision.UNLISTED,
        )
    )  # fmt: skip
    with ctx.unit_of_work() as s:
        return s.execute(
            select(TaskRequestRow.township_id).where(TaskRequestRow.id == task.id)
        ).scalar_one()


def test_records_go_to_the_township_acted_for_and_back_after(county):
    ctx, ids = county
    assert _record(ctx, "关于秋冬种农情报送的通知") == ids["清溪镇"]  # the first township
    with ctx.acting_for(ids["石门乡"]):
        assert _record(ctx, "关于森林防火宣传的通知") == ids["石门乡"]
        with ctx.unit_of_work() as s:
            assert units_repo.township(s).name == "石门乡"
            villages = units_repo.page(s, units_repo.township(s).id).rows
        assert [v.name for v in villages] == ["石门乡一村"]
    assert ctx.township_id is None
    assert _record(ctx, "关于燃气安全排查的通知") == ids["清溪镇"]


@pytest.mark.parametrize("what", ["南屏县", "村", "nothing"])
def test_only_a_township_can_be_acted_for(county, what):
    ctx, ids = county
    with ctx.unit_of_work() as s:
        village = s.execute(select(UnitRow.id).where(UnitRow.name == "石门乡一村")).scalar_one()
    unit = {"南屏县": ids["南屏县"], "村": village, "nothing": 99_999}[what]
    with (
        ctx.acting_for(unit),
        pytest.raises(ValidationError, match="不存在或不是乡镇"),
        ctx.unit_of_work(),
    ):
        pass
