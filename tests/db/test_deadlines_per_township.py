"""Above the township a case's deadline is its own township's, never the connected person's.

Two townships of one county keep different time limits (settings per township, migration
0017): 清溪镇 decides in 10 working days, 石门乡 in 25, the county's default is 15. Each clerk
receives a case under their own login; the reviewer's and the mechanism's queues, reminders
and first screen, and the administrator receiving a case for a township, count each case's
deadline with its township's limit and name its township's mechanism.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import replace

import pytest
from sqlalchemy.engine import make_url

from jianfu.cli import main
from jianfu.db.models import UnitRow
from jianfu.db.repositories import settings as settings_repo
from jianfu.domain.lists import ItemNature
from jianfu.domain.matching import Verdict
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.tasks import TaskDecision, TaskInput
from jianfu.domain.units import UnitType
from jianfu.services.cases import CaseFilter
from jianfu.services.dashboard import load_dashboard
from jianfu.services.database import open_app
from jianfu.services.registry import Services
from tests.conftest import _copy_pg_template

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

RECEIVED = dt.date(2026, 11, 2)  # a Monday; no holiday for the next six weeks
LIMITS = {"清溪镇": 10, "石门乡": 25}
MECHANISMS = {"清溪镇": "清溪镇减负工作组", "石门乡": "南屏县减负工作组"}
TEXT = (
    "关于开展全县村级电动自行车充电桩使用情况摸底的通知：请各村(社区)安排专人每周统计"
    "辖区充电桩数量和使用频次，于每周五前报送县发改局。"
)


def _record_task(services: Services, title: str) -> int:
    """A task found on no list, recorded by the clerk."""
    return services.tasks.record(
        TaskInput(
            title=title,
            department="南屏县发改局",
            received_on=RECEIVED,
            decision=TaskDecision.UNLISTED,
            text=TEXT,
            verdict=Verdict.UNLISTED,  # the county's lists are not this test's
        )
    ).id


def _receive(services: Services, task_id: int) -> int:
    """Receive the task's case (受理)."""
    cases = services.cases
    request = replace(
        cases.request_for_task(task_id),
        start_date=dt.date(2027, 3, 1),
        nature=ItemNature.LONG_TERM,
        funding="县财政保障",
    )
    return cases.open_case(task_id, request, accept_short_notice=True).id


def _open_case(services: Services, title: str) -> int:
    """Record a task found on no list and receive its case, as the clerk does."""
    return _receive(services, _record_task(services, title))


@pytest.fixture
def county(_pg_empty_template):
    """南屏县 with 清溪镇 (10 working days) and 石门乡 (25); default 15. A login per role and
    one per township's clerk; each clerk's case sent up to the county."""
    url = os.environ["JIANFU_TEST_DATABASE_URL"]
    _copy_pg_template(url, _pg_empty_template)  # migrated, empty
    ctx = open_app(url)
    towns: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        county = UnitRow(name="南屏县", type=UnitType.COUNTY.value)
        s.add(county)
        s.flush()
        for name in LIMITS:
            town = UnitRow(name=name, type=UnitType.TOWNSHIP.value, parent_id=county.id)
            s.add(town)
            s.flush()
            s.add(UnitRow(name=name + "一村", type=UnitType.VILLAGE.value, parent_id=town.id))
            towns[name] = town.id
        defaults = TownshipSettings(county_name="南屏县", decision_working_days=15)
        settings_repo.save(s, defaults, None)
        for name, days in LIMITS.items():
            own = replace(
                defaults, township_name=name, decision_working_days=days,
                mechanism_name=MECHANISMS[name],
            )  # fmt: skip
            settings_repo.save(s, own, towns[name])
    ctx.database.close()
    suffix = uuid.uuid4().hex[:6]
    people = {
        "清溪镇": ("clerk", "清溪镇"),
        "石门乡": ("clerk", "石门乡"),
        "reviewer": ("reviewer", "南屏县"),
        "mechanism": ("mechanism", "南屏县"),
        "admin": ("admin", "南屏县"),
    }
    urls = {}
    for who, (role, unit) in people.items():
        login = f"d{role}{len(urls)}_{suffix}"
        assert main(["--database", url, "users", "add", login, "--role", role, "--unit", unit]) == 0
        urls[who] = make_url(url).set(username=login).render_as_string(hide_password=False)
    case_ids = {}
    for town in LIMITS:
        services = Services.create(open_app(urls[town]))
        try:
            case_ids[town] = _open_case(services, f"{town}的充电桩摸底")
            services.cases.forward(case_ids[town], "同意上报")
            services.cases.forward(case_ids[town], "请县里审核")
        finally:
            services.ctx.database.close()
    return url, urls, case_ids, towns


def _due(services: Services, days: int) -> dt.date:
    due = services.cases.calendar().deadline(RECEIVED, days).value
    assert isinstance(due, dt.date)
    return due


def _check_level(services: Services, case_ids: dict[str, int]) -> None:
    """The person's queue, reminders and first screen: each case by its township's limit."""
    cases = services.cases
    rows = {s.case.id: s for s in cases.page(CaseFilter(statuses=cases.queue())).rows}
    assert set(rows) == set(case_ids.values())
    for town, case_id in case_ids.items():
        assert rows[case_id].township == town
        assert rows[case_id].due == _due(services, LIMITS[town]), town
        assert rows[case_id].case.decision_working_days == LIMITS[town]
    # the day after 清溪镇's deadline: its case is overdue, 石门乡's has weeks to go
    today = _due(services, LIMITS["清溪镇"]) + dt.timedelta(days=1)
    reminded = {r.case_id: r for r in cases.reminders(today)}
    assert set(reminded) == {case_ids["清溪镇"]} and reminded[case_ids["清溪镇"]].overdue
    first = load_dashboard(services, today=today)
    shown = {r.record_id for r in first.reminders if r.kind == "审批期限"}
    assert shown == {case_ids["清溪镇"]}
    # each case names its own township's mechanism (协调机制审批 → 石门乡's 南屏县减负工作组审批)
    for town, case_id in case_ids.items():
        assert rows[case_id].mechanism_name == MECHANISMS[town]


def test_the_reviewer_and_the_mechanism_count_each_case_by_its_townships_limit(county, qtbot):
    _url, urls, case_ids, _towns = county
    reviewer = Services.create(open_app(urls["reviewer"]))
    try:
        _check_level(reviewer, case_ids)
        for case_id in case_ids.values():
            reviewer.cases.forward(case_id, "同意")
    finally:
        reviewer.ctx.database.close()
    mechanism = Services.create(open_app(urls["mechanism"]))
    try:
        _check_level(mechanism, case_ids)
        from jianfu.ui.background import TaskRunner
        from jianfu.ui.cases.screen import CasesWidget

        runner = TaskRunner()  # the reminders are read on it
        widget = CasesWidget(mechanism.cases, runner)
        qtbot.addWidget(widget)
        for town, case_id in case_ids.items():
            assert widget.select_case(case_id)
            shown = widget.detail.toPlainText()
            assert f"当前环节：{MECHANISMS[town]}审批" in shown, town
            history = mechanism.cases.history_data(case_id)
            assert history.status == f"{MECHANISMS[town]}审批"
            assert f"{MECHANISMS[town]}审批" in {step.step for step in history.steps}
        assert runner.wait_all()  # the reminders' read ends before the database closes
        qtbot.wait(20)
    finally:
        mechanism.ctx.database.close()


def test_the_administrator_receives_a_townships_task_under_its_settings(county):
    """The administrator receives a case for 石门乡's task without choosing a township first:
    the case is 石门乡's, with 石门乡's limit (not the first township's, 清溪镇)."""
    _url, urls, _case_ids, towns = county
    clerk = Services.create(open_app(urls["石门乡"]))
    try:
        task = _record_task(clerk, "石门乡登记、管理员受理的事项")
    finally:
        clerk.ctx.database.close()
    admin = Services.create(open_app(urls["admin"]))
    try:
        case_id = _receive(admin, task)
        case = admin.cases.get(case_id)
        assert case.township_id == towns["石门乡"]
        assert case.decision_working_days == LIMITS["石门乡"]
        summary = admin.cases.summary(case)
        assert summary.due == _due(admin, LIMITS["石门乡"])
    finally:
        admin.ctx.database.close()
