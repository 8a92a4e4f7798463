"""The period report service: figures from every flow's tables, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update

from jianfu.db.models import UnitRow
from jianfu.db.models_boards import BoardCategoryRow, SignboardRow
from jianfu.db.models_burdens import BurdenRow, BurdenTypeRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, CaseStepRow, TaskRequestRow, TaskVillageRow
from jianfu.domain.period_report import COLUMN_KEYS
from jianfu.domain.periods import date_range, parse_period
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput, UnitType
from jianfu.services.report import ReportService
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService

D = dt.date
Q3 = parse_period("2026Q3")


@pytest.fixture
def township(ctx):
    """清溪镇 with 东岭村, 西溪社区 and 𠮷祥村 (rare character), set up on 2026-01-01."""
    SettingsService(ctx).save(
        TownshipSettings(
            township_name="清溪镇", preparer="张三", reviewer="李四", phone="0593-6123456"
        )
    )
    units = UnitsService(ctx)
    ids = {}
    for name, type_ in (
        ("东岭村", UnitType.VILLAGE),
        ("西溪社区", UnitType.URBAN_COMMUNITY),
        ("𠮷祥村", UnitType.VILLAGE),
    ):
        ids[name] = units.add_unit(UnitInput(name, type_)).id
    with ctx.unit_of_work() as s:
        s.execute(update(UnitRow).values(created_at=dt.datetime(2026, 1, 1, 9)))
    return ids


def _task(s, title, decision, received, *, department="县住建局", villages=None):
    row = TaskRequestRow(
        title=title,
        department=department,
        received_on=received,
        decision=decision,
        all_villages=villages is None,
        recorded_by="测试员",
    )
    s.add(row)
    s.flush()
    for uid in villages or ():
        s.add(TaskVillageRow(task_id=row.id, unit_id=uid))
    return row


def _case(s, task, villages, received, steps):
    row = AdmissionCaseRow(
        task_id=task.id if task else None,
        status=steps[-1][0] if steps else "已受理",
        level="县",
        decision_working_days=15,
        title="临时人口排查",
        department="县住建局",
        content="排查",
        villages=villages,
        received_on=received,
    )
    s.add(row)
    s.flush()
    for seq, (status, at) in enumerate(steps, start=1):
        s.add(
            CaseStepRow(
                case_id=row.id, seq=seq, status=status, action=status, at=at, operator="测试员"
            )
        )


def _certificate(s, seq, village_id, day, verdict, outcome, agency=""):
    s.add(
        CertificateRequestRow(
            year=day.year,
            seq=seq,
            request_date=day,
            applicant_name="王五",
            village_id=village_id,
            subject="居住证明",
            agency=agency,
            check_verdict=verdict,
            verdict=verdict,
            outcome=outcome,
        )
    )


def _fill(ctx, ids):
    east, west, rare = ids["东岭村"], ids["西溪社区"], ids["𠮷祥村"]
    with ctx.unit_of_work() as s:
        _task(s, "清单内事项", "清单内", D(2026, 8, 1))  # all three villages
        _task(s, "擅自下派", "清单外", D(2026, 8, 2), villages=[west], department="县民政局")
        _task(s, "负面事项", "负面", D(2026, 9, 30), villages=[rare])
        _task(s, "上季度的", "清单内", D(2026, 6, 30), villages=[east])
        applied = _task(s, "申请准入", "清单外", D(2026, 7, 5), villages=[east, west])
        _case(
            s,
            applied,
            "东岭村、西溪社区",
            D(2026, 7, 6),
            [("已受理", dt.datetime(2026, 7, 6, 9)), ("批准准入", dt.datetime(2026, 8, 5, 10))],
        )
        _case(
            s,
            None,
            "𠮷祥村",
            D(2026, 5, 6),
            [("已受理", dt.datetime(2026, 5, 6, 9)), ("不予准入", dt.datetime(2026, 6, 5, 10))],
        )

        _certificate(s, 1, east, D(2026, 7, 2), "allowed", "出具")
        _certificate(s, 2, east, D(2026, 7, 3), "forbidden", "不予出具并告知替代途径", "县公安局")
        _certificate(s, 3, west, D(2026, 8, 3), "unlisted", "议事协商后出具")
        _certificate(s, 4, west, D(2026, 4, 3), "forbidden", "不予出具并告知替代途径", "县公安局")

        cat = s.execute(select(BoardCategoryRow.id).limit(1)).scalar_one()
        common = {"category_id": cat, "placement": "外部"}
        s.add(
            SignboardRow(
                unit_id=east,
                name="某某工作站",
                quantity=2,
                status="已处置",
                registered_on=D(2026, 1, 5),
                disposition="摘除",
                disposed_on=D(2026, 8, 1),
                **common,
            )
        )
        s.add(
            SignboardRow(
                unit_id=west,
                name="党群服务中心",
                status="待处置",
                registered_on=D(2026, 8, 10),
                approved_addition=True,
                **common,
            )
        )
        s.add(
            SignboardRow(
                unit_id=west,
                name="老牌子",
                status="已处置",
                registered_on=D(2026, 1, 5),
                disposition="摘除",
                disposed_on=D(2026, 5, 1),
                **common,
            )
        )

        types = dict(s.execute(select(BurdenTypeRow.code, BurdenTypeRow.id)).all())
        s.add(
            BurdenRow(
                unit_id=east,
                type_id=types["mechanism"],
                name="领导小组A",
                action="撤并",
                action_date=D(2026, 9, 1),
            )
        )
        s.add(BurdenRow(unit_id=east, type_id=types["mechanism"], name="领导小组B"))
        s.add(BurdenRow(unit_id=west, type_id=types["form"], name="月报表"))
        s.add(BurdenRow(unit_id=rare, type_id=types["channel"], name="工作群"))
        s.add(BurdenRow(unit_id=rare, type_id=types["inspection"], name="季度检查"))


def test_an_empty_database_gives_an_empty_report(ctx, township):
    report = ReportService(ctx).build(Q3, today=D(2026, 10, 8))
    assert [r.name for r in report.rows] == ["东岭村", "西溪社区", "𠮷祥村"]
    assert report.is_empty and report.total.is_empty
    assert set(report.missing_sources) == {
        "事项审核和准入审批",
        "牌子台账",
        "证明台账",
        "其他负担台账",
    }
    assert "暂无减负工作数据记录" in report.summary_text()
    assert report.title == "清溪镇2026年第三季度村(社区)减负工作情况统计表"
    assert ReportService(ctx).pdf(report).startswith(b"%PDF-")


def test_figures_from_every_flow(ctx, township):
    _fill(ctx, township)
    service = ReportService(ctx)
    report = service.build(Q3, today=D(2026, 10, 8))
    rows = {r.name: r.figures for r in report.rows}
    east, west, rare = rows["东岭村"], rows["西溪社区"], rows["𠮷祥村"]
    # tasks: one listed task for all villages, one case for east + west, approved in August
    assert [east["tasks_listed"], west["tasks_listed"], rare["tasks_listed"]] == [1, 1, 1]
    assert (east["tasks_applied"], west["tasks_applied"], rare["tasks_applied"]) == (1, 1, 0)
    assert (east["tasks_approved"], west["tasks_approved"]) == (1, 1)
    assert (west["tasks_unadmitted"], rare["tasks_unadmitted"], east["tasks_unadmitted"]) == (
        1,
        1,
        0,
    )
    assert report.total["tasks_refused"] == 0
    # the refusal fell in Q2
    assert report.previous_total["tasks_refused"] == 1
    assert report.previous_total["tasks_listed"] == 1
    # certificates by request date
    assert (east["certs_issued"], east["certs_refused"]) == (1, 1)
    assert (west["certs_issued"], west["certs_unlisted"]) == (1, 1)
    # boards: 2 taken down in August; 1 approved addition; the old one went in Q2
    assert (east["boards_opening"], east["boards_cleaned"], east["boards_closing"]) == (2, 2, 0)
    assert (west["boards_opening"], west["boards_added"], west["boards_closing"]) == (0, 1, 1)
    assert report.previous_total["boards_cleaned"] == 1
    # other burdens
    assert (east["mechanisms_existing"], east["mechanisms_merged"]) == (1, 1)
    assert (west["forms"], rare["channels"], rare["inspections"]) == (1, 1, 1)
    # totals, change, township-level task counts, departments
    assert report.total["tasks_listed"] == 3
    assert report.change["tasks_listed"] == 2
    assert report.distinct_tasks["tasks_listed"] == 1
    assert report.missing_sources == ()
    assert {(d.name, d.unlisted_tasks, d.forbidden_certificates) for d in report.departments} == {
        ("县住建局", 1, 0),
        ("县公安局", 0, 1),
        ("县民政局", 1, 0),
    }
    text = report.summary_text()
    assert "本期部门向村(社区)布置工作事项4项（落到各村(社区)共7项次）" in text
    assert "清理2块" in text and "县公安局（要求出具不应出具的证明1件）" in text


def test_the_audit_line_under_the_table_says_what_it_is_for(ctx, township):
    """本表生成时操作记录 2 条，末条校验码 … (用于核对操作记录是否被删改): a clerk did not know
    what the code is for or where to check it."""
    _fill(ctx, township)
    report = ReportService(ctx).build(Q3, today=D(2026, 10, 8))
    line = next(n for n in report.notes if "校验码" in n)
    assert line.startswith("本表生成时本软件有操作记录 ")
    assert "在“操作记录”中点“校验”，可查出本表打印后有无记录被删除或改动" in line


def test_cumulative_figures_since_the_baseline(ctx, township):
    _fill(ctx, township)
    settings = SettingsService(ctx)
    settings.save(TownshipSettings(**{**settings.load().__dict__, "report_baseline": "2026-01-01"}))
    report = ReportService(ctx).build(Q3, today=D(2026, 10, 8))
    assert report.baseline == D(2026, 1, 1)
    assert report.cumulative is not None
    assert report.cumulative["tasks_refused"] == 1
    assert report.cumulative["boards_cleaned"] == 3
    assert report.cumulative["certs_refused"] == 2
    assert "自2026年1月1日以来，累计清理牌子3块" in report.summary_text()
    # A baseline after the period: no cumulative row
    settings.save(TownshipSettings(**{**settings.load().__dict__, "report_baseline": "2027-01-01"}))
    assert ReportService(ctx).build(Q3).cumulative is None


def test_the_boards_are_read_once_for_the_period_the_one_before_and_the_cumulative(ctx, township):
    """The boards' standing counts of the period, the period before and the days since the
    baseline come from one reading of the boards (a city's 100,000 were read for each), and
    are what each span counted alone gives."""
    from sqlalchemy import event

    _fill(ctx, township)
    settings = SettingsService(ctx)
    settings.save(TownshipSettings(**{**settings.load().__dict__, "report_baseline": "2026-01-01"}))
    sent: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        sent.append(statement)

    event.listen(ctx.database.engine, "before_cursor_execute", record)
    try:
        report = ReportService(ctx).build(Q3, today=D(2026, 10, 8))
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", record)
    assert len([st for st in sent if "FROM signboard" in st and "GROUP BY" in st]) == 1, sent
    # what test_figures_from_every_flow and test_cumulative_figures_since_the_baseline count
    east = {r.name: r.figures for r in report.rows}["东岭村"]
    assert (east["boards_opening"], east["boards_cleaned"], east["boards_closing"]) == (2, 2, 0)
    assert report.total["boards_added"] == 1
    assert report.previous_total["boards_cleaned"] == 1
    assert report.cumulative is not None and report.cumulative["boards_cleaned"] == 3


def test_villages_joining_and_leaving(ctx, township):
    units = UnitsService(ctx)
    new = units.add_unit(UnitInput("新城社区", UnitType.URBAN_COMMUNITY))
    with ctx.unit_of_work() as s:
        s.execute(
            update(UnitRow)
            .where(UnitRow.id == new.id)
            .values(created_at=dt.datetime(2026, 8, 10, 9))
        )
    west = units.get(township["西溪社区"])
    units.set_active(west.id, False, west.version)
    service = ReportService(ctx)
    assert "新城社区" not in [r.name for r in service.build(parse_period("2026Q2")).rows]
    q3 = service.build(Q3)
    assert {r.name: r.note for r in q3.rows}["新城社区"] == "8月10日新设"
    today = dt.date.today()
    around_today = service.build(date_range(today - dt.timedelta(days=3), today))
    note = {r.name: r.note for r in around_today.rows}["西溪社区"]
    assert note == f"{today.month}月{today.day}日撤并(停用)"
    later = service.build(date_range(today + dt.timedelta(days=1), today + dt.timedelta(days=9)))
    assert "西溪社区" not in [r.name for r in later.rows]


def test_pdf_and_xlsx_of_a_filled_report(ctx, township):
    _fill(ctx, township)
    service = ReportService(ctx)
    report = service.build(Q3, today=D(2026, 10, 8))
    assert service.pdf(report, situation="手改的情况报告。").startswith(b"%PDF-")
    buffer = io.BytesIO()
    service.xlsx(report, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["统计表"]
    names = [ws.cell(r, 2).value for r in range(6, 9)]
    assert names == ["东岭村", "西溪社区", "𠮷祥村"]


def test_a_period_before_a_ledgers_first_record_is_not_compared(ctx, township):
    """The year 2026 against 2025 said 期末牌子增加145块: boards registered in 2026 read as if
    hung that year, against a 2025 with nothing recorded. Each ledger's first record decides."""
    _fill(ctx, township)
    service = ReportService(ctx)
    report = service.build(parse_period("2026"), today=D(2026, 12, 7))
    assert report.first_records == {
        "事项审核和准入审批": D(2026, 5, 6),
        "牌子台账": D(2026, 1, 5),
        "证明台账": D(2026, 4, 3),
        "其他负担台账": D(2026, 9, 1),
    }
    assert report.nothing_before and set(report.uncompared) == set(COLUMN_KEYS)
    text = report.summary_text()
    assert "本软件自2026年1月5日起登记，上期（2025年）无记录，不作比较。" in text
    assert "相比" not in text
    pdf = PdfReader(io.BytesIO(service.pdf(report)))
    shown = "".join(p.extract_text() for p in pdf.pages)
    assert "上期（2025年）无记录，不作比较（表中以“—”表示）" in shown.replace("\n", "")
    # Q3 against Q2: the tasks, boards and certificates were recorded in Q2, the burdens not
    report = service.build(Q3, today=D(2026, 10, 8))
    assert set(report.unrecorded_before) == {"其他负担台账"}
    assert report.change_cells(str)[COLUMN_KEYS.index("tasks_listed")] == "2"
    assert report.change_cells(str)[COLUMN_KEYS.index("mechanisms_merged")] == "—"
    assert "其他负担台账自2026年9月1日起登记，上期（2026年第二季度）无记录" in report.summary_text()
