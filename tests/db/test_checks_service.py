"""What the check learns from the clerk, on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.errors import ValidationError
from jianfu.domain.matching import Confidence, Verdict
from jianfu.domain.tasks import TaskDecision, TaskInput, snapshot_candidates
from jianfu.services.checks import ChecksService
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TasksService

DAY = dt.date(2026, 11, 20)
NOTICE = (
    "南屏县文旅局关于举办2026年“村晚”春节联欢活动的通知：请各村组织文艺骨干排练节目，"
    "1月20日前报送节目单，春节期间在村文化广场演出不少于两场。"
)
RESENT = (
    "南屏县文化和旅游局关于举办2027年“村晚”春节联欢活动的通知：请各村组织文艺骨干排练节目，"
    "2月1日前报送节目单，春节期间在村文化广场演出不少于两场。"
)


@pytest.fixture
def lists(demo_ctx) -> ListsService:
    return ListsService(demo_ctx)


@pytest.fixture
def checks(demo_ctx) -> ChecksService:
    return ChecksService(demo_ctx, today=lambda: DAY)


def test_confirmed_unlisted_comes_back_for_the_resent_notice(lists, checks) -> None:
    checks.confirm(NOTICE, "清单外")
    result = lists.check_task(RESENT)
    assert result.verdict is Verdict.UNLISTED
    assert result.precedent is not None and result.precedent.item_name is None
    assert result.confidence is Confidence.HIGH
    assert "2026-11-20" in result.note and "清单外" in result.note


def test_confirmed_item_comes_back_and_a_certificate_confirmation_does_not(lists, checks) -> None:
    item = next(c.item.name for c in lists.check_task(NOTICE).candidates if c.kind == "duty")
    checks.confirm(NOTICE, item)
    result = lists.check_task(RESENT)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == item
    cert = lists.check_certificate(RESENT)
    assert cert.precedent is None


def test_confirming_an_item_not_on_the_list_is_refused_and_nothing_saved(lists, checks) -> None:
    with pytest.raises(ValidationError, match="没有名为“编造的事项”"):
        checks.confirm(NOTICE, "编造的事项")
    with pytest.raises(ValidationError, match="证明事项清单中没有"):
        checks.confirm("开个婚姻状况证明", "组织开展爱国卫生运动", certificate=True)
    assert lists.check_task(RESENT).precedent is None


def test_local_synonyms_are_stored_shown_and_used(lists, checks) -> None:
    text = "请各村端午节前组队参加全县龙舟赛"
    item = "开展群众性文化体育活动"
    assert all("龙舟赛" not in c.matched for c in lists.check_task(text).candidates)
    checks.add_synonym("龙舟赛", item)
    assert checks.synonyms_of(item) == ["龙舟赛"]
    result = lists.check_task(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == item
    with pytest.raises(ValidationError, match="已是"):
        checks.add_synonym("龙舟赛", item)
    with pytest.raises(ValidationError, match="两个汉字"):
        checks.add_synonym("x", item)
    checks.remove_synonym("龙舟赛", item)
    assert checks.synonyms_of(item) == []


def test_recording_a_task_is_a_precedent(demo_ctx, lists) -> None:
    tasks = TasksService(demo_ctx, lists, today=lambda: DAY)
    result = tasks.check(NOTICE)
    tasks.record(
        TaskInput(
            title="村晚",
            department="南屏县民政局",
            received_on=DAY,
            decision=TaskDecision.UNLISTED,
            text=NOTICE,
            verdict=result.verdict,
            candidates=snapshot_candidates(result),
        )
    )
    assert lists.check_task(RESENT).precedent is not None


def test_a_confirmed_text_is_kept_with_its_id_numbers_masked(demo_ctx, checks) -> None:
    """The decisions learned are every township's to read (``check_precedent`` has no
    township): an ID number in a confirmed notice or certificate request is kept masked."""
    from sqlalchemy import text

    checks.confirm(NOTICE + "联系人身份证号11010519491231002X。", "清单外")
    with demo_ctx.unit_of_work() as s:
        kept = s.execute(text("SELECT text FROM check_precedent")).scalars().all()
    assert not any("11010519491231002X" in t for t in kept)
    assert any("1101**********002X" in t for t in kept)
