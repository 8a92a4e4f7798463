"""Imported holiday schedules: one source of truth per year, audit-logged, estimates flagged."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from jianfu.domain.audit import AuditFilter
from jianfu.domain.errors import ValidationError
from jianfu.domain.lists import ItemNature
from jianfu.domain.tasks import TaskDecision
from jianfu.domain.workdays import DaySource
from jianfu.services.audit import AuditService
from jianfu.services.calendar import CalendarService
from jianfu.services.cases import CasesService
from jianfu.services.registry import Services
from jianfu.services.tasks import TasksService
from tests.db.test_tasks_cases_service import UNLISTED_TEXT, _record

D = dt.date
NOTICES = Path(__file__).parents[1] / "data" / "holiday_notices"
#: A made-up 2027 schedule, labelled as a test fixture in the file itself (no 2027 notice yet).
TEST_2027 = NOTICES / "test_2027_schedule.txt"


@pytest.fixture
def calendar(ctx) -> CalendarService:
    return CalendarService(ctx, now=lambda: dt.datetime(2026, 12, 5, 10, 0))


def test_import_wins_for_its_year_and_is_audited(ctx, calendar):
    before = calendar.year(2027)
    assert before.source is DaySource.ESTIMATED
    # the statutory days that fall on weekdays (除夕 and 初三 of 春节, 清明, 端午, 中秋 …)
    assert before.holidays == (
        D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 8), D(2027, 4, 5), D(2027, 6, 9),
        D(2027, 9, 15), D(2027, 10, 1),
    )  # fmt: skip
    estimate = calendar.after(D(2027, 1, 20), 15)
    assert estimate.value == D(2027, 2, 12) and "2027年" in estimate.warning

    schedule = calendar.read_file(TEST_2027)
    assert calendar.year(2027).source is DaySource.ESTIMATED  # reading saves nothing
    calendar.save(schedule, TEST_2027.name)
    after = calendar.year(2027)
    assert after.source is DaySource.IMPORTED
    assert after.holidays == schedule.holidays and after.workdays == schedule.workdays
    exact = calendar.after(D(2027, 1, 20), 15)
    assert exact.value == D(2027, 2, 17) and exact.warning == ""
    assert [i.year for i in calendar.imported()] == [2027]

    entries = AuditService(ctx).page(AuditFilter(action="导入节假日安排")).rows
    (entry,) = entries
    assert entry.entity_id == "2027" and "2027-02-08" in str(entry.after)

    # importing the same year again replaces it; removing it brings the estimate back
    calendar.save(schedule, "again.txt")
    assert [i.source for i in calendar.imported()] == ["again.txt"]
    calendar.remove(2027)
    assert calendar.year(2027).source is DaySource.ESTIMATED
    assert calendar.year(2026).source is DaySource.PACKAGE


def test_a_bad_notice_saves_nothing(tmp_path, calendar):
    bad = tmp_path / "notice.txt"
    bad.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月5日（周一）至12日放假调休，共8天。\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="第 2 行") as err:
        calendar.import_file(bad)
    assert "星期五" in str(err.value)
    assert calendar.imported() == []


def test_a_table_is_accepted_and_its_mistakes_named(tmp_path, calendar):
    wb = Workbook()
    ws = wb.active
    ws.title = "2027年安排"
    ws.append(["日期", "放假/上班", "说明"])
    ws.append([D(2027, 2, 8), "放假", "春节"])
    ws.append(["2027-02-20", "上班", "春节调休"])
    path = tmp_path / "安排.xlsx"
    wb.save(path)
    schedule = calendar.read_file(path)
    assert schedule.year == 2027
    assert schedule.holidays == (D(2027, 2, 8),) and schedule.workdays == (D(2027, 2, 20),)
    ws.append(["2027-02-21", "加班", ""])
    wb.save(path)
    with pytest.raises(ValidationError, match="第 4 行") as err:
        calendar.read_file(path)
    assert "放假" in str(err.value) and "上班" in str(err.value)
    csv = tmp_path / "安排.csv"
    csv.write_text("日期,放假/上班,说明\n2027-02-08,放假,春节\n", encoding="utf-8")
    assert calendar.read_file(csv).holidays == (D(2027, 2, 8),)


def test_case_deadlines_say_when_estimated(demo_ctx):
    services = Services.create(demo_ctx)
    clock = lambda: dt.datetime(2027, 1, 20, 9, 0)  # noqa: E731
    tasks = TasksService(demo_ctx, services.lists, today=lambda: clock().date())
    cases = CasesService(demo_ctx, services.lists, now=clock)
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, received_on=D(2027, 1, 20))
    request = replace(
        cases.request_for_task(task.id),
        content="每周统计并报送辖区电动自行车充电桩数量和使用频次",
        nature=ItemNature.TEMPORARY,
        start_date=D(2027, 4, 1),
        end_date=D(2027, 6, 30),
        funding="县发改局按每村每年 2000 元拨付",
    )
    case = cases.open_case(task.id, request)
    summary = cases.summary(case, D(2027, 1, 20))
    assert summary.warning and "2027年" in summary.warning
    count, warning = cases.estimated_deadlines(D(2027, 1, 20))
    assert count >= 1 and "导入" in warning
    for day in (D(2027, 1, 20), D(2027, 2, 26), D(2028, 1, 5)):  # 准入审批 reads both at once
        both = cases.reminders_and_estimates(day)
        assert both == (cases.reminders(day), cases.estimated_deadlines(day))
        assert [r.heading for r in both[0]] == [r.heading for r in cases.reminders(day)]
    sheet = cases.approval_sheet_data(case.id)
    assert "估计日期" in sheet.notes and "2027年" in sheet.notes
    pdf = PdfReader(io.BytesIO(cases.print_approval_sheet(case.id)))
    assert "估计" in "".join("".join(p.extract_text() for p in pdf.pages).split())

    services.calendar.save(services.calendar.read_file(TEST_2027), TEST_2027.name)
    exact = cases.summary(case, D(2027, 1, 20))
    assert exact.warning == "" and exact.due != summary.due
    assert "估计" not in cases.approval_sheet_data(case.id).notes


def test_dashboard_points_to_the_import(demo_ctx):
    from jianfu.services.dashboard import _calendar

    services = Services.create(demo_ctx)
    clock = lambda: dt.datetime(2027, 1, 20, 9, 0)  # noqa: E731
    tasks = TasksService(demo_ctx, services.lists, today=lambda: clock().date())
    cases = CasesService(demo_ctx, services.lists, now=clock)
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, received_on=D(2027, 1, 20))
    request = replace(
        cases.request_for_task(task.id),
        content="每周统计并报送辖区电动自行车充电桩数量",
        nature=ItemNature.TEMPORARY,
        start_date=D(2027, 4, 1),
        end_date=D(2027, 6, 30),
        funding="县发改局拨付",
    )
    cases.open_case(task.id, request)
    (reminder,) = _calendar(services, D(2027, 1, 20))
    assert reminder.entity == "workdays" and "导入" in reminder.detail
    services.calendar.save(services.calendar.read_file(TEST_2027), TEST_2027.name)
    assert _calendar(services, D(2027, 1, 20)) == []


def test_cases_list_and_reminders_print_the_estimate(demo_ctx, capsys):
    from jianfu.cli import tasks as tasks_cli

    services = Services.create(demo_ctx)
    clock = lambda: dt.datetime(2027, 1, 20, 9, 0)  # noqa: E731
    cases = CasesService(demo_ctx, services.lists, now=clock)
    services = services.replace(cases=cases)
    tasks = TasksService(demo_ctx, services.lists, today=lambda: clock().date())
    task = _record(tasks, UNLISTED_TEXT, decision=TaskDecision.UNLISTED, received_on=D(2027, 1, 20))
    request = replace(
        cases.request_for_task(task.id), content="每周统计充电桩数量",
        nature=ItemNature.TEMPORARY, start_date=D(2027, 4, 1), end_date=D(2027, 6, 30),
        funding="县发改局拨付",
    )  # fmt: skip
    case = cases.open_case(task.id, request)
    assert tasks_cli._cases_list(services, None) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith(str(case.id)))
    assert line.endswith("（估计）")
    assert "注意：" in out and "jianfu calendar import" in out and "2027年" in out
    assert tasks_cli._reminders(services, None) == 0
    out = capsys.readouterr().out
    assert "（估计）" in out and "jianfu calendar import" in out
    services.calendar.save(services.calendar.read_file(TEST_2027), TEST_2027.name)
    assert tasks_cli._cases_list(services, None) == 0
    out = capsys.readouterr().out
    assert "估计" not in out and "注意" not in out


def test_a_docx_notice_reads_like_its_text(tmp_path, calendar):
    from docx import Document

    from jianfu.domain.holiday_notice import parse_notice

    text = (NOTICES / "2026.txt").read_text(encoding="utf-8")
    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    path = tmp_path / "国务院办公厅关于2026年部分节假日安排的通知.docx"
    doc.save(path)
    assert calendar.read_file(path) == parse_notice(text)
    with pytest.raises(ValidationError, match="不支持"):
        calendar.read_file(tmp_path / "notice.wps")


def test_the_calendar_in_use_is_kept_while_others_are_built(ctx, monkeypatch):
    """The calendars kept are those used last: one built long ago by another reading (an
    earlier database of the same days) and used now is not the first to go when a new one
    is built (it went, and the next reading built it again)."""
    from jianfu.db.repositories import calendar as calendar_repo

    monkeypatch.setattr(calendar_repo, "_BUILT", {})
    cases = Services.create(ctx).cases
    first = cases.calendar()
    for n in range(calendar_repo._BUILT_KEPT - 1):  # others' calendars, built after it
        calendar_repo._BUILT[("other", n)] = first
    assert cases.calendar() is first  # used now
    monday = D(2026, 12, 7)
    cases.set_override(monday, False, "停电")
    assert cases.calendar() is not first  # built: the oldest used of the others goes
    cases.remove_override(monday)
    assert cases.calendar() is first


def test_readings_share_one_calendar_until_its_days_change(ctx):
    """Each reading of deadlines (准入审批's list, its reminders, 首页's) built a calendar of
    its own, which worked out each year's working days again; readings of the same overrides
    and schedules now share one, and a day set or removed is counted at the next reading."""
    cases = Services.create(ctx).cases
    first = cases.calendar()
    assert cases.calendar() is first
    monday = D(2026, 12, 7)
    assert first.is_workday(monday)
    cases.set_override(monday, False, "停电")
    changed = cases.calendar()
    assert changed is not first and not changed.is_workday(monday)
    assert changed.add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 8)
    assert first.is_workday(monday)  # the one shared before is never changed
    cases.remove_override(monday)
    assert cases.calendar() is first
