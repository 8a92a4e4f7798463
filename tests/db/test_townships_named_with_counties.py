"""A city's counties have townships of one name (two 石门乡 stood in the city mechanism's list,
one of 南屏县 and one of 北岭县, and nothing told them apart). Where the reader's area holds
more than one county, 准入审批 names each case's township led by its county, as units are
written where names repeat (南屏县/城关镇): in the list, its detail, the reminders, 首页 (read
plainly before SQLAlchemy loads as through the ORM) and the printed 办理记录; 事项审核's register
of recorded tasks alike. A county's reviewer, whose area is one county, reads the township's
name alone."""

from __future__ import annotations

from typing import Any

import pytest

from jianfu.db.models import UnitRow
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow
from jianfu.db.township import ConnectedPerson
from jianfu.domain.cases import CaseStatus
from jianfu.domain.units import UnitType
from jianfu.services.cases import CaseFilter
from jianfu.services.registry import Services
from jianfu.services.tasks import TaskFilter
from tests.conftest import put_under_county, read_plain


def _two_counties(ctx) -> dict[str, Any]:
    """宁川市 over 南屏县 (the demo's township) and 北岭县, which has a township of the same
    name; the demo's case waiting at 乡镇意见 is sent on to the mechanism and moved to the
    other county's twin with its recorded task. The ids by name ("twin" the other county's
    township, "case", "task")."""
    cases = Services.create(ctx).cases
    case = next(
        s.case
        for s in cases.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    assert case.id is not None
    cases.forward(case.id, "同意上报")
    cases.forward(case.id, "县级审核同意")
    with ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        city = UnitRow(name="宁川市", type=UnitType.CITY.value)
        s.add(city)
        s.flush()
        county.parent_id = city.id
        other = UnitRow(name="北岭县", type=UnitType.COUNTY.value, parent_id=city.id)
        s.add(other)
        s.flush()
        twin = UnitRow(name=town.name, type=UnitType.TOWNSHIP.value, parent_id=other.id)
        s.add(twin)
        s.flush()
        s.get(AdmissionCaseRow, case.id).township_id = twin.id
        assert case.task_id is not None
        s.get(TaskRequestRow, case.task_id).township_id = twin.id
        return {
            "宁川市": city.id,
            "南屏县": county.id,
            "北岭县": other.id,
            "twin": twin.id,
            "town": town.id,
            "case": case.id,
            "task": case.task_id,
            "name": town.name,
        }


def _as(ctx, role: str, unit_id: int, unit: str) -> Services:
    ctx.person = ConnectedPerson(role, role, unit_id, unit, role)
    return Services.create(ctx)


def test_the_city_reads_each_township_with_its_county_a_county_without(demo_ctx):
    ids = _two_counties(demo_ctx)
    name, case_id = ids["name"], ids["case"]
    cases = _as(demo_ctx, "mechanism", ids["宁川市"], "宁川市").cases
    rows = cases.page(CaseFilter(), 0, 50).rows
    towns = {s.case.id: s.township for s in rows}
    assert towns.pop(case_id) == f"北岭县/{name}"
    assert set(towns.values()) == {f"南屏县/{name}"}  # the demo's other cases
    # the reminders of the mechanism's queue, 首页's among them
    summary = next(s for s in rows if s.case.id == case_id)
    assert summary.due is not None
    found = cases.reminders(today=summary.due)
    assert [r.heading for r in found if r.case_id == case_id] == [
        f"北岭县/{name}：{summary.case.request.title}"
    ]
    assert cases.reminders_and_estimates(summary.due)[0] == found
    # 首页 read plainly before SQLAlchemy loads names them alike
    from jianfu.services.first_screen_plain import SERVER_QUEUES, _Cases

    queue = SERVER_QUEUES["mechanism"]
    plain = read_plain(
        demo_ctx, lambda con: _Cases(con, queue, ids["宁川市"]).reminders(summary.due)
    )
    assert [r.heading for r in plain] == [r.heading for r in found]
    # the printed 办理记录 says whose case it is
    facts = dict(cases.history_data(case_id).facts)
    assert facts["乡镇(街道)"] == f"北岭县/{name}"
    # the 审批表 by its unit's county, not by the settings' (the demo's are 南屏县's)
    assert cases.approval_sheet_data(case_id).township == f"北岭县{name}"
    # and its title is the county's (it read the settings' 南屏县, or nothing without them)
    assert cases.approval_sheet_data(case_id).title.startswith("北岭县村(社区)")
    # a county's reviewer: one county, the township's name alone
    cases = _as(demo_ctx, "reviewer", ids["南屏县"], "南屏县").cases
    towns = {s.case.id: s.township for s in cases.page(CaseFilter(), 0, 50).rows}
    assert set(towns.values()) == {name}
    assert dict(cases.history_data(case_id).facts)["乡镇(街道)"] == name
    # the township's clerk prints no township: the case is their own
    clerk = _as(demo_ctx, "clerk", ids["town"], name).cases
    assert "乡镇(街道)" not in dict(clerk.history_data(case_id).facts)


@pytest.fixture
def city_window(qtbot, demo_ctx):
    """The city mechanism's window on :func:`_two_counties`, and its ids."""
    from jianfu.ui.main_window import MainWindow

    ids = _two_counties(demo_ctx)
    window = MainWindow(_as(demo_ctx, "mechanism", ids["宁川市"], "宁川市"))
    qtbot.addWidget(window)
    window.show()
    yield window, ids
    window.tasks.wait_all()


def _townships_shown(qtbot, window, key: str) -> tuple[Any, list[tuple[Any, str]]]:
    """The screen ``key`` once its list is read (on a worker), and each row with what its
    乡镇(街道) column shows."""
    from PySide6.QtCore import Qt

    page = window.show_screen(key)
    qtbot.waitUntil(lambda: not page.model.reloading)
    model = page.model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = heads.index("乡镇(街道)")
    return page, [(model.row_at(r), model.index(r, column).data()) for r in range(model.rowCount())]


def test_the_city_mechanisms_screen_names_the_county_in_the_list_and_the_detail(qtbot, city_window):
    window, ids = city_window
    name, case_id = ids["name"], ids["case"]
    page, rows = _townships_shown(qtbot, window, "cases")
    shown = {row.case.id: text for row, text in rows}
    # on two lines after the slash: the column keeps its width
    assert shown[case_id] == f"北岭县/\u2028{name}"
    assert page.select_case(case_id)
    assert f"乡镇(街道)\n北岭县/{name}\n" in page.detail.toPlainText()
    # the reminders, read on a worker (the demo's case is overdue)
    qtbot.waitUntil(lambda: f"北岭县/{name}：" in page.reminder_label.text())


def test_the_city_reads_each_tasks_township_with_its_county_a_county_without(demo_ctx):
    """事项审核's register of recorded tasks names townships as 准入审批 does."""
    ids = _two_counties(demo_ctx)
    name, task_id = ids["name"], ids["task"]
    tasks = _as(demo_ctx, "mechanism", ids["宁川市"], "宁川市").tasks
    towns = {t.id: t.township for t in tasks.page(TaskFilter(), 0, 500).rows}
    assert towns.pop(task_id) == f"北岭县/{name}"
    assert set(towns.values()) == {f"南屏县/{name}"}  # the demo's other tasks
    assert tasks.get(task_id).township == f"北岭县/{name}"
    # a county's reviewer: one county, the township's name alone
    tasks = _as(demo_ctx, "reviewer", ids["南屏县"], "南屏县").tasks
    assert {t.township for t in tasks.page(TaskFilter(), 0, 500).rows} == {name}
    assert tasks.get(task_id).township == name


def test_the_city_mechanisms_task_register_names_the_county_in_the_list_and_the_detail(
    qtbot, city_window
):
    window, ids = city_window
    name, task_id = ids["name"], ids["task"]
    page, rows = _townships_shown(qtbot, window, "tasks")
    shown = {row.id: text for row, text in rows}
    # on two lines after the slash, as 准入审批's list: the column keeps its width
    assert shown[task_id] == f"北岭县/\u2028{name}"
    assert page.select_task(task_id)
    assert page.detail_values["township"].text() == f"北岭县/{name}"


def _village_to_twin(ctx, ids: dict[str, Any]) -> tuple[int, str]:
    """One of the demo's villages with certificate requests moved, with its requests, to the
    other county's township of the same name: (its id, its name)."""
    from sqlalchemy import select, update

    from jianfu.db.models_certificates import CertificateRequestRow as Request

    with ctx.unit_of_work() as s:
        village_id = s.execute(
            select(Request.village_id).where(Request.village_id.is_not(None)).limit(1)
        ).scalar_one()
        village = s.get(UnitRow, village_id)
        village.parent_id = ids["twin"]
        s.execute(
            update(Request).where(Request.village_id == village_id).values(township_id=ids["twin"])
        )
        return village_id, village.name


def test_the_city_reads_each_certificates_township_with_its_county_a_county_without(demo_ctx):
    """证明's register and its figures' township rows, and the village choices of 证明, 牌子
    and 其他负担, name townships as 准入审批 does."""
    import datetime as dt

    from jianfu.services.certificates import CertificateFilter
    from jianfu.services.units import village_townships, villages

    ids = _two_counties(demo_ctx)
    name = ids["name"]
    moved, village = _village_to_twin(demo_ctx, ids)
    start, end = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    services = _as(demo_ctx, "mechanism", ids["宁川市"], "宁川市")
    rows = services.certificates.page(CertificateFilter(), 0, 1000).rows
    assert {r.township for r in rows if r.village_id == moved} == {f"北岭县/{name}"}
    assert {r.township for r in rows if r.village_id != moved} == {f"南屏县/{name}"}
    figures = services.certificates.figures(start, end).villages
    placed = {v.village_id: v.township for v in figures if v.village_id is not None}
    assert placed.pop(moved) == f"北岭县/{name}"
    assert set(placed.values()) == {f"南屏县/{name}"}
    # the village choices (证明, 牌子, 其他负担) and what their prints name
    choices = {v.id: v.township for v in villages(services.ctx)}
    assert choices.pop(moved) == f"北岭县/{name}"
    assert set(choices.values()) == {f"南屏县/{name}"}
    places = village_townships(services.ctx)
    assert places is not None and places.label(moved, village) == f"北岭县/{name} {village}"
    assert services.burdens._title(moved) == f"北岭县/{name}{village}其他负担台账"
    # a county's reviewer: one county, the township's name alone
    services = _as(demo_ctx, "reviewer", ids["南屏县"], "南屏县")
    rows = services.certificates.page(CertificateFilter(), 0, 1000).rows
    assert rows and {r.township for r in rows} == {name}
    figures = services.certificates.figures(start, end).villages
    assert {v.township for v in figures if v.village_id is not None} == {name}
    assert {v.township for v in villages(services.ctx)} == {name}
    assert services.burdens._title(next(v.id for v in villages(services.ctx))).startswith(name)


def test_the_city_mechanisms_certificates_name_the_county_in_the_register_and_figures(
    qtbot, demo_ctx
):
    from jianfu.ui.main_window import MainWindow

    ids = _two_counties(demo_ctx)
    name = ids["name"]
    moved, village = _village_to_twin(demo_ctx, ids)
    window = MainWindow(_as(demo_ctx, "mechanism", ids["宁川市"], "宁川市"))
    qtbot.addWidget(window)
    window.show()
    page, rows = _townships_shown(qtbot, window, "certificates")
    shown = {row.village_id == moved: text for row, text in rows}
    # on two lines after the slash, as 准入审批's list: the column keeps its width
    assert shown == {True: f"北岭县/\u2028{name}", False: f"南屏县/\u2028{name}"}
    # the figures' township rows, of the whole period (the demo's requests are of many years)
    page.period_combo.setCurrentIndex(page.period_combo.findData("all"))
    page.tabs.setCurrentWidget(page.figures)
    qtbot.waitUntil(lambda: any("/" in t[0] for t in page.figures.village_texts()))
    townships = {t[0] for t in page.figures.village_texts() if "/" in t[0]}
    assert townships == {f"北岭县/{name}", f"南屏县/{name}"}
    combo = page.village_combo
    qtbot.waitUntil(lambda: combo.count() > 1)
    assert f"北岭县/{name} {village}" in [combo.itemText(i) for i in range(combo.count())]
    window.tasks.wait_all()


def test_the_city_demos_certificate_register_leads_each_township_by_its_county(db_template):
    """On the city demo (two counties at its size here): the mechanism's register and figures
    name 县/乡镇, each township by its own county; the county's reviewer the township alone."""
    from sqlalchemy import select

    from jianfu.services.certificates import CertificateFilter
    from tests.conftest import CITY_DAY, seed_city

    ctx, _ = db_template("city", seed_city)
    with ctx.unit_of_work() as s:
        units = {u.id: u for u in s.execute(select(UnitRow)).scalars()}
        city = next(u for u in units.values() if u.type == UnitType.CITY.value)
        county = next(u for u in units.values() if u.type == UnitType.COUNTY.value)
        expected = {
            u.name: f"{units[u.parent_id].name}/{u.name}"
            for u in units.values()
            if u.type == UnitType.TOWNSHIP.value and u.parent_id is not None
        }
        city_id, city_name, county_id, county_name = city.id, city.name, county.id, county.name
    assert len({v.split("/")[0] for v in expected.values()}) > 1  # several counties
    certificates = _as(ctx, "mechanism", city_id, city_name).certificates
    rows = certificates.page(CertificateFilter(), 0, 200).rows
    assert rows and {r.township for r in rows} <= set(expected.values())
    assert len({r.township.split("/")[0] for r in rows}) > 1
    figures = certificates.figures(CITY_DAY.replace(month=1, day=1), CITY_DAY).villages
    assert {v.township for v in figures if v.village_id} <= set(expected.values())
    certificates = _as(ctx, "reviewer", county_id, county_name).certificates
    rows = certificates.page(CertificateFilter(), 0, 200).rows
    # (on SQLite every township's: only the server keeps a county to its own)
    assert rows and {r.township for r in rows} <= set(expected)


def test_the_city_mechanisms_burdens_put_county_township_and_village_on_lines_of_their_own(
    qtbot, city_window
):
    """其他负担's 村(社区) column: 南屏县/ over 清溪镇 over the village (北岭县/清溪镇 broke
    inside the township's name in the column's width)."""
    window, ids = city_window
    page = window.show_screen("burdens")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    texts = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert all(t.startswith(f"南屏县/\u2028{ids['name']}\u2028") for t in texts), texts[:3]


def test_the_city_mechanisms_villages_screen_names_county_and_township_on_one_line(
    qtbot, city_window
):
    """村(社区)'s rows are one line high: 南屏县/清溪镇 whole on it (on two lines it showed
    南屏县/…)."""
    window, ids = city_window
    page = window.show_screen("units")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    texts = {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    assert texts == {f"南屏县/{ids['name']}"}
