"""The period report of a county (a row per township) and of a city (a row per county).

The database holds a city with two counties and five townships; two townships of different
counties share a name (城关镇) and three townships each have a 东岭村. A county's figures must be
the sum of its townships' own reports, and a city's the sum of its counties', on SQLite and on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update

from jianfu.cli import main
from jianfu.db.models import UnitRow
from jianfu.db.models_boards import BoardCategoryRow, SignboardRow
from jianfu.db.models_burdens import BurdenRow, BurdenTypeRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, CaseStepRow, TaskRequestRow, TaskVillageRow
from jianfu.domain.errors import NotFoundError, ValidationError
from jianfu.domain.period_report import COLUMN_KEYS, Figures
from jianfu.domain.periods import parse_period
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitType
from jianfu.services.report import ReportService
from jianfu.services.settings import SettingsService

D = dt.date
Q3 = parse_period("2026Q3")
TODAY = D(2026, 10, 8)

#: city -> county -> township -> villages (in print order)
TREE = {
    "南屏县": {
        "清溪镇": ["东岭村", "西溪社区"],
        "石门乡": ["石门村", "东岭村", "上坪村"],
        "城关镇": ["城关社区"],
    },
    "北川县": {
        "城关镇": ["北关村", "南关社区"],
        "河口乡": ["河口村", "东岭村"],
    },
}


def _unit(s, name: str, type_: UnitType, parent: UnitRow | None, order: int = 0) -> UnitRow:
    row = UnitRow(
        name=name,
        type=type_.value,
        parent_id=parent.id if parent is not None else None,
        sort_order=order,
    )
    s.add(row)
    s.flush()
    return row


def _fill_township(s, n: int, town: UnitRow, villages: list[UnitRow], seq: list[int]) -> None:
    """Records of one township; ``n`` (1, 2, …) makes each township's figures differ."""
    first, last = villages[0], villages[-1]
    dongling = next((v for v in villages if v.name == "东岭村"), first)

    def task(title, decision, received, links=None, department="县住建局"):
        row = TaskRequestRow(
            township_id=town.id,
            title=title,
            department=department,
            received_on=received,
            decision=decision,
            all_villages=links is None,
            recorded_by="测试员",
        )
        s.add(row)
        s.flush()
        for v in links or ():
            s.add(TaskVillageRow(task_id=row.id, unit_id=v.id))
        return row

    task("清单内事项", "清单内", D(2026, 8, 1))  # every village of this township
    for k in range(n):
        task(f"负面事项{k}", "负面", D(2026, 9, 1), [first], department="县民政局")
    task("上季度的", "清单内", D(2026, 6, 15), [first])
    applied = task("申请准入", "清单外", D(2026, 7, 9), [dongling])
    case = AdmissionCaseRow(
        township_id=town.id,
        task_id=applied.id,
        status="批准准入",
        level="县",
        decision_working_days=15,
        title="临时人口排查",
        department="县住建局",
        content="排查",
        villages=dongling.name,  # a name: looked up in this township only
        received_on=D(2026, 7, 10),
    )
    s.add(case)
    s.flush()
    for k, (status, at) in enumerate(
        (("已受理", dt.datetime(2026, 7, 10, 9)), ("批准准入", dt.datetime(2026, 8, 20, 10))),
        start=1,
    ):
        s.add(
            CaseStepRow(
                case_id=case.id, seq=k, status=status, action=status, at=at, operator="测试员"
            )
        )
    for _k in range(n):
        seq[0] += 1  # SQLite keeps one register numbering per file
        s.add(
            CertificateRequestRow(
                year=2026,
                seq=seq[0],
                request_date=D(2026, 7, 2),
                applicant_name="王五",
                village_id=first.id,
                subject="居住证明",
                check_verdict="allowed",
                verdict="allowed",
                outcome="出具",
            )
        )
    category = s.execute(select(BoardCategoryRow.id).limit(1)).scalar_one()
    s.add(
        SignboardRow(
            unit_id=last.id,
            category_id=category,
            placement="外部",
            name="某某工作站",
            quantity=n,
            status="已处置",
            registered_on=D(2026, 1, 5),
            disposition="摘除",
            disposed_on=D(2026, 8, 1),
        )
    )
    types = dict(s.execute(select(BurdenTypeRow.code, BurdenTypeRow.id)).all())
    s.add(BurdenRow(unit_id=first.id, type_id=types["form"], name="月报表"))


@pytest.fixture
def city(ctx):
    """宁川市 → 2 counties → 5 townships → 10 villages, each township with its records."""
    ids: dict[str, int] = {}
    seq = [0]
    with ctx.unit_of_work() as s:
        city_row = _unit(s, "宁川市", UnitType.CITY, None)
        ids["宁川市"] = city_row.id
        n = 0
        for c, (county, towns) in enumerate(TREE.items(), start=1):
            county_row = _unit(s, county, UnitType.COUNTY, city_row, c)
            ids[county] = county_row.id
            for t, (town, villages) in enumerate(towns.items(), start=1):
                n += 1
                town_row = _unit(s, town, UnitType.TOWNSHIP, county_row, t)
                ids[f"{county}/{town}"] = town_row.id
                rows = [
                    _unit(s, v, UnitType.VILLAGE, town_row, i)
                    for i, v in enumerate(villages, start=1)
                ]
                for row in rows:
                    ids[f"{county}/{town}/{row.name}"] = row.id
                _fill_township(s, n, town_row, rows, seq)
        s.execute(update(UnitRow).values(created_at=dt.datetime(2026, 1, 1, 9)))
    return ids


def _build(ctx, unit, period=Q3):
    return ReportService(ctx).build(period, unit=unit, today=TODAY)


def test_a_township_report_holds_only_its_own_villages(ctx, city):
    report = _build(ctx, city["南屏县/石门乡"])
    assert report.township == "石门乡"
    assert report.row_label == "村(社区)" and not report.rolled_up
    # neither the county, the city, nor other townships' villages are rows
    assert [r.name for r in report.rows] == ["石门村", "东岭村", "上坪村"]
    rows = {r.name: r.figures for r in report.rows}
    # the task for all villages reaches this township's three villages, no others
    assert [rows[v]["tasks_listed"] for v in ("石门村", "东岭村", "上坪村")] == [1, 1, 1]
    assert report.total["tasks_listed"] == 3
    # the case names 东岭村: this township's one, not 清溪镇's or 河口乡's
    assert (rows["东岭村"]["tasks_applied"], rows["东岭村"]["tasks_approved"]) == (1, 1)
    assert report.total["tasks_applied"] == 1
    assert rows["石门村"]["tasks_unadmitted"] == 2 and rows["石门村"]["certs_issued"] == 2
    assert rows["上坪村"]["boards_cleaned"] == 2
    assert report.previous_total["tasks_listed"] == 1
    assert report.distinct_tasks["tasks_listed"] == 1
    assert report.missing_sources == ()


def test_the_default_report_is_the_township_of_the_file(ctx, city):
    report = ReportService(ctx).build(Q3, today=TODAY)
    assert report.township == "清溪镇"
    assert [r.name for r in report.rows] == ["东岭村", "西溪社区"]
    assert report.total["tasks_applied"] == 1 and report.total["certs_issued"] == 1


def _sum(figures) -> list[int]:
    return Figures.total(figures).as_list()


def test_a_county_is_the_sum_of_its_townships_reports(ctx, city):
    SettingsService(ctx).save(
        TownshipSettings(township_name="清溪镇", report_baseline="2026-01-01")
    )
    for county, towns in TREE.items():
        report = _build(ctx, county)
        assert report.township == county and report.row_label == "乡镇(街道)"
        assert report.rolled_up
        assert [r.name for r in report.rows] == list(towns)
        assert [r.villages for r in report.rows] == [len(v) for v in towns.values()]
        assert report.village_count == sum(len(v) for v in towns.values())
        own = [_build(ctx, city[f"{county}/{town}"]) for town in towns]
        for row, township in zip(report.rows, own, strict=True):
            assert row.figures.as_list() == township.total.as_list(), row.name
        assert report.total.as_list() == _sum(t.total for t in own)
        assert report.previous_total.as_list() == _sum(t.previous_total for t in own)
        assert report.cumulative.as_list() == _sum(t.cumulative for t in own)
        assert report.distinct_tasks.as_list() == _sum(t.distinct_tasks for t in own)
        assert report.total["tasks_listed"] == report.village_count  # every village once
        assert not report.total.is_empty
        # the preparer of one township's settings does not sign a county's table
        assert report.preparer == ""
    text = _build(ctx, "南屏县").summary_text()
    assert "南屏县共有乡镇(街道)3个、村(社区)6个" in text


def test_a_city_is_the_sum_of_its_counties(ctx, city):
    report = _build(ctx, "宁川市")
    assert report.row_label == "县(市、区)"
    assert [r.name for r in report.rows] == list(TREE)
    counties = [_build(ctx, county) for county in TREE]
    for row, county in zip(report.rows, counties, strict=True):
        assert row.figures.as_list() == county.total.as_list()
        assert row.villages == county.village_count
    assert report.total.as_list() == _sum(c.total for c in counties)
    assert report.village_count == 10
    # five townships, 1 + 2 + 3 + 4 + 5 certificates and negative tasks
    assert report.total["certs_issued"] == 15 == report.total["tasks_unadmitted"]
    assert report.total["tasks_applied"] == 5
    assert sorted(COLUMN_KEYS) == sorted(report.total.values)


def _plain_report(db_url, unit_id: int, name: str, type_: UnitType, period):
    """The report as 首页's plain reading counts it at start-up (``first_screen_plain``),
    through ``sqlite3`` on a file and plain psycopg as the owner on a server (there the
    standing boards from the sums the server keeps, migration 0032)."""
    from pathlib import Path

    from jianfu.db import plain_reads, plain_server
    from jianfu.services.first_screen_plain import _Report

    if db_url.startswith("postgresql"):
        where = plain_server.address(db_url)
        assert where is not None
        con = plain_server.connect(where)
    else:
        con = plain_reads.connect(Path(db_url))
    assert con is not None
    try:
        server = db_url.startswith("postgresql")
        return _Report(con, (unit_id, name, type_.value), server=server).build(period, today=TODAY)
    finally:
        con.close()


def _shown(report):
    """What 首页 shows of a report (its rows, totals, the previous quarter's, the tasks counted
    once, the departments)."""
    return (
        [(r.unit_id, r.name, r.figures.as_list(), r.note, r.villages) for r in report.rows],
        report.total.as_list(),
        report.previous_total.as_list(),
        report.distinct_tasks.as_list(),
        report.departments,
        report.village_count,
    )


def test_first_screen_above_the_township_sums_each_township_on_the_server(ctx, city, db_url):
    """Above the township 首页's plain reading has the server add each township's villages up
    (a city's quarter: 150 townships' sums, not 3,000 villages' rows read back). It shows what
    the report counts village by village, also for records the report counts in no row or in
    another township's: a board, a burden and a certificate of a township's own unit, a
    certificate with no village, a task naming a village of another township; and for a
    village that left and one that joined during the quarter."""
    qingxi, shimen = city["南屏县/清溪镇"], city["南屏县/石门乡"]
    with ctx.unit_of_work() as s:
        category = s.execute(select(BoardCategoryRow.id).limit(1)).scalar_one()
        types = dict(s.execute(select(BurdenTypeRow.code, BurdenTypeRow.id)).all())

        def board(unit, quantity, registered, **more):
            s.add(
                SignboardRow(
                    unit_id=unit,
                    category_id=category,
                    placement="外部",
                    name=f"牌子{unit}-{quantity}",
                    quantity=quantity,
                    status=more.pop("status", "待处置"),
                    registered_on=registered,
                    **more,
                )
            )

        board(qingxi, 7, D(2026, 1, 5))  # on the township's own unit: in no row
        board(city["南屏县/清溪镇/东岭村"], 3, D(2026, 8, 3), approved_addition=True)
        board(
            city["北川县/河口乡/河口村"],
            4,
            D(2026, 2, 1),
            disposition="摘除",
            disposed_on=D(2026, 7, 20),
            relapsed_on=D(2026, 10, 2),
            status="复查反弹",
        )
        board(city["北川县/城关镇/北关村"], 6, D(2026, 11, 1))  # found after the quarter
        # boards whose days all lie before the quarters asked about, or some after them
        nanguan, shangping = city["北川县/城关镇/南关社区"], city["南屏县/石门乡/上坪村"]
        down = {"disposition": "摘除", "status": "已处置"}
        board(nanguan, 11, D(2025, 5, 1), disposed_on=D(2026, 2, 1), **down)
        board(nanguan, 13, D(2025, 5, 1), disposed_on=D(2025, 9, 1), relapsed_on=D(2026, 1, 15),
              **down)  # fmt: skip
        board(nanguan, 17, D(2025, 12, 1), approved_addition=True)
        board(nanguan, 19, D(2027, 2, 1))  # registered after every quarter shown
        board(shangping, 23, D(2025, 1, 1), relapsed_on=D(2025, 6, 1), disposed_on=D(2026, 5, 1),
              disposition="合并", status="已处置")  # fmt: skip
        board(shangping, 29, D(2025, 3, 1), disposition="摘除")  # no day: still hangs
        board(shangping, 31, D(2025, 3, 1), disposition="规范", disposed_on=D(2026, 9, 9))
        # taken down before the day registered (not kept per month on a server, migration
        # 0035: counted from the boards), and an approved addition taken down in its quarter
        board(nanguan, 37, D(2026, 9, 1), disposed_on=D(2026, 8, 1), **down)
        board(shangping, 41, D(2026, 10, 5), disposed_on=D(2025, 6, 1), relapsed_on=D(2026, 11, 1),
              disposition="合并", status="复查反弹")  # fmt: skip
        board(nanguan, 43, D(2026, 7, 10), approved_addition=True, disposed_on=D(2026, 9, 30),
              **down)  # fmt: skip
        s.add(BurdenRow(unit_id=qingxi, type_id=types["form"], name="乡镇的报表"))
        for seq, village in ((950, qingxi), (951, None)):
            s.add(
                CertificateRequestRow(
                    year=2026,
                    seq=seq,
                    request_date=D(2026, 8, 5),
                    applicant_name="钱七",
                    village_id=village,
                    subject="居住证明",
                    check_verdict="unlisted",
                    verdict="unlisted",
                    outcome="不予出具并告知替代途径",
                )
            )
        task = TaskRequestRow(
            township_id=qingxi,
            title="跨乡镇的事项",
            department="县城管局",
            received_on=D(2026, 8, 9),
            decision="清单外",  # no admission case: pushed down without admission
            all_villages=False,
            recorded_by="测试员",
        )
        s.add(task)
        s.flush()
        for unit in (city["南屏县/石门乡/东岭村"], qingxi, city["南屏县/清溪镇/西溪社区"]):
            s.add(TaskVillageRow(task_id=task.id, unit_id=unit))
        s.add(
            TaskRequestRow(
                township_id=shimen,
                title="各村都要做的",
                department="县民政局",
                received_on=D(2026, 10, 9),
                decision="清单内",
                all_villages=True,
                recorded_by="测试员",
            )
        )
        left = s.get(UnitRow, city["北川县/河口乡/河口村"])
        left.active = False
        s.flush()
        left.updated_at = dt.datetime(2026, 8, 10, 9)
        joined = _unit(s, "新建村", UnitType.VILLAGE, s.get(UnitRow, shimen), 9)
        joined.created_at = dt.datetime(2026, 8, 15, 9)
    q4 = parse_period("2026Q4")
    units = {
        "南屏县": UnitType.COUNTY,
        "北川县": UnitType.COUNTY,
        "宁川市": UnitType.CITY,
    }
    for name, type_ in units.items():
        for period in (Q3, q4):
            service = ReportService(ctx).build(period, unit=name, today=TODAY)
            plain = _plain_report(db_url, city[name], name, type_, period)
            assert _shown(plain) == _shown(service), (name, period.label)
            assert plain.rolled_up and not service.total.is_empty
    # the odd records were counted where the report counts them, and only there
    city_q3 = ReportService(ctx).build(Q3, unit="宁川市", today=TODAY)
    assert city_q3.total["certs_refused"] == 0  # neither the township's own nor no village
    assert city_q3.total["boards_added"] == 3 + 43  # 东岭村's and 南关社区's additions
    nanping = _build(ctx, "南屏县")
    shimen_row = next(r for r in nanping.rows if r.name == "石门乡")
    assert shimen_row.figures["tasks_unadmitted"] == 2 + 1  # its own two, 清溪镇's task once


def test_units_named_wrongly_are_refused_in_chinese(ctx, city):
    with pytest.raises(NotFoundError, match="没有名为“南平县”的乡镇"):
        _build(ctx, "南平县")
    with pytest.raises(ValidationError) as ambiguous:
        _build(ctx, "城关镇")
    assert "有 2 个单位名为“城关镇”（南屏县/城关镇、北川县/城关镇）" in str(ambiguous.value)
    with pytest.raises(ValidationError, match="“西溪社区”是村，统计表按乡镇"):
        _build(ctx, "西溪社区")
    with pytest.raises(ValidationError, match="请填写要统计的单位名称"):
        _build(ctx, " ")
    north = _build(ctx, "北川县/城关镇")
    assert [r.name for r in north.rows] == ["北关村", "南关社区"]


def test_county_pdf_and_workbook_name_townships_as_rows(ctx, city):
    service = ReportService(ctx)
    report = _build(ctx, "南屏县")
    pdf = PdfReader(io.BytesIO(service.pdf(report)))
    first = pdf.pages[0].extract_text()
    assert "南屏县2026年第三季度村(社区)减负工作情况统计表" in first.replace("\n", "")
    assert "乡镇(街道)" in first and "清溪镇" in first and "石门乡" in first
    assert "村(社区)" not in first.replace("村(社区)减负工作情况统计表", "")
    summary = "".join(p.extract_text() for p in pdf.pages[1:])
    assert "最多的乡镇(街道)" in summary
    buffer = io.BytesIO()
    service.xlsx(report, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["统计表"]
    assert ws.cell(4, 2).value == "乡镇(街道)"
    assert [ws.cell(r, 2).value for r in range(6, 9)] == ["清溪镇", "石门乡", "城关镇"]
    assert ws.cell(9, 1).value == "合计"
    tasks_listed = 3  # the first figure column
    assert ws.cell(9, tasks_listed).value == report.total["tasks_listed"] == 6


def test_report_command_for_a_county(ctx, city, db_url, tmp_path, capsys):
    ctx.database.close()
    pdf, xlsx = tmp_path / "南屏县.pdf", tmp_path / "南屏县.xlsx"
    args = ["--database", db_url, "report", "--period", "2026Q3"]
    assert main([*args, "--unit", "南屏县", "--out", str(pdf), "--xlsx", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "乡镇(街道) 3 个（村(社区) 6 个）" in out
    assert pdf.read_bytes().startswith(b"%PDF-") and xlsx.stat().st_size > 0
    assert main([*args, "--unit", "南平县", "--summary"]) != 0
    err = capsys.readouterr().err
    assert "没有名为“南平县”的乡镇(街道)、县(市、区)或市" in err
    assert main([*args, "--summary"]) == 0  # the township report stays the default
    assert "村(社区) 2 个" in capsys.readouterr().out


def _waiting_case(ctx, town_id: int, status: str = "县级审核") -> int:
    """A case of ``town_id`` received on 1 July that waits at ``status`` (overdue by October)."""
    with ctx.unit_of_work() as s:
        row = AdmissionCaseRow(
            township_id=town_id,
            status=status,
            level="县",
            decision_working_days=15,
            title="电动车充电桩统计",
            department="县发改局",
            content="每周统计",
            villages="东岭村",
            received_on=D(2026, 7, 1),
        )
        s.add(row)
        s.flush()
        s.add(
            CaseStepRow(
                case_id=row.id,
                seq=1,
                status="已受理",
                action="受理",
                at=dt.datetime(2026, 7, 1, 9),
                operator="测试员",
            )
        )
        s.add(
            CertificateRequestRow(  # a township's own reminder: 清单外证明待签字
                year=2026,
                seq=900,
                request_date=D(2026, 10, 1),
                applicant_name="赵六",
                village_id=s.execute(
                    select(UnitRow.id).where(UnitRow.parent_id == town_id).limit(1)
                ).scalar_one(),
                subject="无犯罪记录证明",
                check_verdict="unlisted",
                verdict="unlisted",
                outcome="待办理",
            )
        )
        return row.id


def test_a_reviewers_dashboard_shows_the_county_and_their_own_queue(ctx, city):
    from jianfu.db.township import ConnectedPerson
    from jianfu.services.dashboard import load_dashboard
    from jianfu.services.registry import Services

    case_id = _waiting_case(ctx, city["南屏县/清溪镇"])
    clerk = load_dashboard(Services.create(ctx), today=TODAY)
    assert clerk.report.row_label == "村(社区)" and clerk.report.township == "清溪镇"
    assert "清单外证明待签字" in {r.kind for r in clerk.reminders}

    ctx.person = ConnectedPerson("rev", "reviewer", city["南屏县"], "南屏县", "县审核员")
    reviewer = load_dashboard(Services.create(ctx), today=TODAY)
    report = reviewer.report
    assert report.township == "南屏县" and report.row_label == "乡镇(街道)"
    assert [r.name for r in report.rows] == list(TREE["南屏县"])
    kinds = {r.kind for r in reviewer.reminders}
    assert kinds <= {"待办案件", "审批期限"}, kinds  # not a township's ledgers
    assert reviewer.reminders[0].kind in ("审批期限", "待办案件")
    queue = next(r for r in reviewer.reminders if r.kind == "待办案件")
    assert queue.text == "1 件准入审批案件在“县级审核”环节等您办理"
    overdue = [r for r in reviewer.reminders if r.record_id == case_id]
    assert overdue and overdue[0].urgent
    # a township outside the reviewer's county is refused, in Chinese
    with pytest.raises(ValidationError, match="“河口乡”不在您的单位（南屏县）之内"):
        _build(ctx, "河口乡")
    assert _build(ctx, "石门乡").township == "石门乡"  # below the county: allowed


def test_each_level_counts_what_its_login_may_read_on_the_server(ctx, city, db_url):
    """PostgreSQL with real login roles: row-level security lets each level read exactly the
    townships below it, so its report equals the owner's report of the same unit."""
    if not db_url.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL server")
    import uuid

    from sqlalchemy.engine import make_url

    from jianfu.services.database import open_app

    owner = {unit: _build(ctx, unit).total.as_list() for unit in ("南屏县", "宁川市")}
    owner_town = _build(ctx, city["南屏县/清溪镇"]).total.as_list()
    # 首页 of each level: the quarter of TODAY, the one before it (Q3, the records') beside it
    quarter = parse_period("2026Q4")
    owner_first = {unit: _shown(_build(ctx, unit, quarter)) for unit in ("南屏县", "宁川市")}
    ctx.database.close()
    suffix = uuid.uuid4().hex[:6]
    people = {"clerk": "南屏县/清溪镇", "reviewer": "南屏县", "mechanism": "宁川市"}
    urls = {}
    for role in people:
        login = f"{role}_{suffix}"
        unit = people[role].rpartition("/")[2]
        if role == "clerk":  # two townships are called 城关镇, but 清溪镇 is one
            unit = "清溪镇"
        assert (
            main(["--database", db_url, "users", "add", login, "--role", role, "--unit", unit]) == 0
        )
        urls[role] = make_url(db_url).set(username=login).render_as_string(hide_password=False)

    def report_as(role, unit=None):
        context = open_app(urls[role])
        try:
            return ReportService(context).build(Q3, unit=unit, today=TODAY)
        finally:
            context.database.close()

    reviewer = report_as("reviewer")
    assert reviewer.township == "南屏县" and reviewer.row_label == "乡镇(街道)"
    assert reviewer.total.as_list() == owner["南屏县"]
    mechanism = report_as("mechanism")
    assert [r.name for r in mechanism.rows] == list(TREE)
    assert mechanism.total.as_list() == owner["宁川市"]
    clerk = report_as("clerk")
    assert clerk.township == "清溪镇" and clerk.total.as_list() == owner_town
    with pytest.raises(ValidationError, match="“南屏县”不在您的单位（清溪镇）之内"):
        report_as("clerk", "南屏县")
    # 首页 read at start-up, the server adding each township up as the login: the reviewer's
    # figures are its county's alone (北川县's records are not in them), the mechanism's the city's
    from jianfu.services import first_screen_plain

    for role, unit in (("reviewer", "南屏县"), ("mechanism", "宁川市")):
        read = first_screen_plain.read_server(urls[role], TODAY)
        assert read is not None and read.above
        assert _shown(read.dashboard.report) == owner_first[unit], role
        assert read.dashboard.report.previous_total.as_list() == owner[unit]
    assert owner["南屏县"] != owner["宁川市"]
    # 村(社区) above the township: the county's villages with their townships
    from jianfu.services.units import UnitsService

    context = open_app(urls["reviewer"])
    try:
        villages = UnitsService(context).list_page().rows
    finally:
        context.database.close()
    assert [(v.township, v.name) for v in villages] == [
        (town, village) for town, names in TREE["南屏县"].items() for village in names
    ]


def test_the_settings_sign_only_the_township_they_name(ctx, city):
    """Settings per township: on a county's server a second township's report must not
    carry the first township's name, preparer and phone, and each carries its own."""
    with ctx.acting_for(city["南屏县/清溪镇"]):
        SettingsService(ctx).save(
            TownshipSettings(township_name="清溪镇", preparer="张三", phone="0593-6123456")
        )
    mine = _build(ctx, city["南屏县/清溪镇"])
    assert (mine.township, mine.preparer, mine.phone) == ("清溪镇", "张三", "0593-6123456")
    other = _build(ctx, city["南屏县/石门乡"])
    assert (other.township, other.preparer, other.phone) == ("石门乡", "", "")
    assert other.title.startswith("石门乡2026年第三季度")
    with ctx.acting_for(city["南屏县/石门乡"]):
        SettingsService(ctx).save(TownshipSettings(township_name="石门乡", preparer="李四"))
    other = _build(ctx, city["南屏县/石门乡"])
    assert (other.township, other.preparer) == ("石门乡", "李四")
    mine = _build(ctx, city["南屏县/清溪镇"])
    assert (mine.township, mine.preparer) == ("清溪镇", "张三")


def test_a_cases_approval_sheet_takes_its_townships_settings(ctx, city):
    from jianfu.services.cases import CasesService
    from jianfu.services.lists import ListsService

    with ctx.acting_for(city["北川县/河口乡"]):
        SettingsService(ctx).save(TownshipSettings(township_name="河口乡", county_name="北川县"))
    case_id = _waiting_case(ctx, city["北川县/河口乡"])
    # the owner's own township is the first one (南屏县's 清溪镇): not the case's
    assert CasesService(ctx, ListsService(ctx)).approval_sheet_data(case_id).region == "北川县"


def test_the_units_a_level_may_report_on(ctx, city):
    from jianfu.db.township import ConnectedPerson

    service = ReportService(ctx)
    assert service.reporting_units() == []  # a file's township: its own table only
    ctx.person = ConnectedPerson("m", "mechanism", city["宁川市"], "宁川市", "协调机制")
    labels = [label for _id, label in service.reporting_units()]
    assert labels == [
        "宁川市（全市）",
        "　南屏县",
        "　　清溪镇",
        "　　石门乡",
        "　　城关镇",
        "　北川县",
        "　　城关镇",
        "　　河口乡",
    ]
    ids = [uid for uid, _label in service.reporting_units()]
    assert ids[-2] == city["北川县/城关镇"]  # the right one of the two 城关镇
    ctx.person = ConnectedPerson("r", "reviewer", city["北川县"], "北川县", "县审核")
    assert [label for _id, label in service.reporting_units()] == [
        "北川县（全县）",
        "　城关镇",
        "　河口乡",
    ]


def test_townships_and_counties_are_never_taken_for_villages(ctx, city):
    """A unit with a parent is not always a village: in a tree townships and counties have
    parents too. The board ledger's villages, its counts and the certificate figures hold
    villages only, and a board cannot be registered on a township."""
    from jianfu.domain.boards import BoardInput
    from jianfu.services.boards import BoardsService
    from jianfu.services.certificates import CertificatesService

    not_villages = {"宁川市", *TREE, *(t for towns in TREE.values() for t in towns)}
    boards = BoardsService(ctx)
    names = {v.name for v in boards.villages()}
    assert names and not names & not_villages
    counted = {name for _id, name in boards.counts(D(2026, 7, 1), D(2026, 9, 30)).villages}
    assert counted and not counted & not_villages
    certificates = CertificatesService(ctx).figures(D(2026, 7, 1), D(2026, 9, 30))
    assert not {v.village for v in certificates.villages} & not_villages
    with pytest.raises(ValidationError, match="请选择牌子所在的村"):
        boards.add_board(BoardInput(city["南屏县/石门乡"], "乡镇的牌子", category="门牌"))
