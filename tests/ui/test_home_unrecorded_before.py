"""首页 says what 统计报表 says of a previous period before a ledger's first record: no
previous bar, no 比上期 change, 上期无记录 instead; read at start-up and after a save
(``first_screen_plain``) and through the services (the ORM) alike. The demo's quarter
compares its boards with the quarter before and not its tasks (first received in it)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.periods import chinese_date
from jianfu.services import first_screen_plain
from jianfu.services.dashboard import KEY_FIGURES, load_dashboard
from jianfu.services.registry import Services
from jianfu.ui.dashboard.charts import BarChartWidget, Series
from jianfu.ui.dashboard.widget import CHART_FIGURES, view_of

TODAY = dt.date.today()
TASKS = "事项审核和准入审批"


def _day(ctx) -> dt.date:
    """A day whose quarter compares with a quarter before the demo's first task (the demo is
    dated relative to the day it was made): today when its tasks began inside this
    quarter, else the last day of the quarter they began in."""
    from jianfu.domain.periods import current_period
    from jianfu.services.report import ReportService

    first = ReportService(ctx).build(current_period(TODAY), today=TODAY).first_records[TASKS]
    if first > current_period(TODAY).previous().end:
        return TODAY
    return current_period(first).end


def _both(ctx):
    """首页 as a start (and a save) reads it, and as the services read it, on ``_day``."""
    day = _day(ctx)
    plain = first_screen_plain.read_open(ctx.database, day)
    assert plain is not None
    return {"plain": plain, "orm": load_dashboard(Services.create(ctx), today=day)}


@pytest.mark.parametrize("way", ["plain", "orm"])
def test_a_ledger_begun_after_the_previous_period_is_not_compared(demo_ctx, way):
    dashboard = _both(demo_ctx)[way]
    report = dashboard.report
    first = report.first_records
    # the demo's tasks begin inside the quarter; the boards (and so on) before it
    assert first[TASKS] > report.previous_period.end
    late = report.uncompared
    assert {"tasks_applied", "tasks_unadmitted"} <= late
    # the demo's boards begin before the quarter on most days it is made; on a day whose
    # tasks began in the first days of their quarter the boards did too: either way the
    # boards are compared exactly when they were recorded before it
    boards_before = first["牌子台账"] <= report.previous_period.end
    assert ("boards_cleaned" not in late) is boards_before
    view = view_of(dashboard)
    for key, _label in KEY_FIGURES:
        _value, _unit, change, note = view["cards"][key]
        if key in late:  # not 比上期 +39 from 0
            assert change is None and note.endswith("上期无记录"), (key, note)
        else:
            assert change == report.change[key] and note == "", key
    previous, current = view["compare"]["values"]
    for (key, _label), before, now in zip(CHART_FIGURES, previous, current, strict=True):
        assert now == report.total[key]
        assert before == (None if key in late else report.previous_total[key]), key
    since = chinese_date(first[TASKS])
    last_line = view["status"].splitlines()[-1]
    if boards_before:
        assert last_line == f"{TASKS}自{since}起登记，上期无记录，不作比较"
    else:  # both ledgers begun in the quarter: both named on the line
        assert TASKS in last_line and last_line.endswith("上期无记录，不作比较")


def test_both_ways_of_reading_show_the_same(demo_ctx):
    both = _both(demo_ctx)
    assert both["plain"].report.first_records == both["orm"].report.first_records
    plain, orm = (view_of(both[w]) for w in ("plain", "orm"))
    for part in ("cards", "compare", "status", "title"):
        assert plain[part] == orm[part], part


def test_the_screen_shows_no_previous_bar_and_says_why(qtbot, demo_ctx):
    from jianfu.ui.background import TaskRunner
    from jianfu.ui.dashboard import DashboardWidget

    runner = TaskRunner()
    widget = DashboardWidget(Services.create(demo_ctx), runner, lambda _k: widget)
    runner.setParent(widget)
    qtbot.addWidget(widget)
    # the kept first screen is shown from its JSON (services.first_screen)
    import json

    widget.show_view(json.loads(json.dumps(view_of(_both(demo_ctx)["plain"]))))
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    assert "上期无记录" in widget.cards["tasks_applied"].change_label.text()
    assert "比上期" not in widget.cards["tasks_unadmitted"].change_label.text()
    assert widget.compare_chart.values[0][0] is None
    widget.compare_chart.grab()  # drawn without a bar there


def test_a_chart_without_a_previous_figure_draws(qtbot):
    chart = BarChartWidget("本期与上期主要数据对比")
    qtbot.addWidget(chart)
    chart.set_data(
        ["甲", "乙"], [Series("上期", chart.palette().text().color())] * 2, [[None, 3], [5, 4]]
    )
    chart.resize(300, 240)
    assert not chart.grab().isNull()
    chart.set_data(["甲"], [Series("上期", chart.palette().text().color())] * 2, [[None], [0]])
    assert chart.is_empty
    chart.grab()
