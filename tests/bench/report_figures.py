"""Figures for the period statistics report and the dashboard on a large synthetic township.

Run from the repository root:  python tests/bench/report_figures.py [--villages 300]
(with JIANFU_TEST_DATABASE_URL set, the same is measured on that PostgreSQL database too;
that database is wiped first).

Data: N villages with a year (2026) of records written straight into the flows' tables —
per village about 6 tasks of its own plus 40 township-wide tasks, 25 certificate requests,
15 signboards (a third cleaned during the year), 12 other burdens; 120 admission cases with
their steps. Measured: counting the report (quarter and whole year), the PDF (time, size,
pages), the Excel export, and the dashboard's open time (from the refresh to the figures on
screen, offscreen Qt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select  # noqa: E402

from jianfu.db.models import UnitRow  # noqa: E402
from jianfu.db.models_boards import BoardCategoryRow, SignboardRow  # noqa: E402
from jianfu.db.models_burdens import BurdenRow, BurdenTypeRow  # noqa: E402
from jianfu.db.models_certificates import CertificateRequestRow  # noqa: E402
from jianfu.db.models_tasks import (  # noqa: E402
    AdmissionCaseRow,
    CaseStepRow,
    TaskRequestRow,
    TaskVillageRow,
)
from jianfu.domain.periods import parse_period  # noqa: E402
from jianfu.domain.settings import TownshipSettings  # noqa: E402
from jianfu.services.database import open_app  # noqa: E402
from jianfu.services.registry import Services  # noqa: E402

YEAR = 2026
START = dt.date(YEAR, 1, 1)
DEPARTMENTS = [
    "县住建局",
    "县民政局",
    "县卫健局",
    "县农业农村局",
    "县应急局",
    "县公安局",
    "县市场监管局",
]


def _day(rnd: random.Random) -> dt.date:
    return START + dt.timedelta(days=rnd.randrange(365))


def fill(ctx, villages: int, seed: int = 7) -> dict[str, int]:
    """Write the synthetic year; returns how many rows each table got."""
    rnd = random.Random(seed)
    Services.create(ctx).settings.save(
        TownshipSettings(
            township_name="示范镇",
            preparer="张三",
            reviewer="李四",
            phone="0593-6123456",
            report_baseline=f"{YEAR}-01-01",
        )
    )
    counts: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        town = s.execute(select(UnitRow.id).where(UnitRow.parent_id.is_(None))).scalar_one()
        s.execute(
            insert(UnitRow),
            [
                {
                    "parent_id": town,
                    "name": f"第{i:03d}{'村' if i % 4 else '社区'}",
                    "type": "村" if i % 4 else "城市社区",
                    "sort_order": i * 10,
                    "active": True,
                    "notes": "",
                    "version": 1,
                }
                for i in range(1, villages + 1)
            ],
        )
        unit_ids = list(s.execute(select(UnitRow.id).where(UnitRow.parent_id == town)).scalars())
        names = dict(
            s.execute(select(UnitRow.id, UnitRow.name).where(UnitRow.parent_id == town)).all()
        )

        # tasks: 40 for every village, and about 6 per village for a few villages each
        tasks = []
        for n in range(40 + villages * 6 // 3):
            everyone = n < 40
            decision = rnd.choices(["清单内", "清单外", "负面"], [0.75, 0.2, 0.05])[0]
            tasks.append(
                {
                    "title": f"工作事项{n}",
                    "department": rnd.choice(DEPARTMENTS),
                    "received_on": _day(rnd),
                    "decision": decision,
                    "all_villages": everyone,
                    "recorded_by": "测试员",
                    "text": "",
                    "document_number": "",
                    "demands": "",
                    "notes": "",
                    "item_name": "",
                    "item_kind": "",
                    "version": 1,
                }
            )
        s.execute(insert(TaskRequestRow), tasks)
        task_rows = s.execute(
            select(TaskRequestRow.id, TaskRequestRow.all_villages, TaskRequestRow.received_on)
        ).all()
        links = []
        for tid, everyone, _received in task_rows:
            if not everyone:
                for uid in rnd.sample(unit_ids, 3):
                    links.append({"task_id": tid, "unit_id": uid})
        s.execute(insert(TaskVillageRow), links)
        counts["tasks"] = len(tasks)

        # admission cases, with steps; a third approved, a third refused
        unlisted = [r for r in task_rows if not r.all_villages][:120]
        for tid, _everyone, received in unlisted:
            chosen = rnd.sample(unit_ids, 3)
            case = AdmissionCaseRow(
                task_id=tid,
                status="已受理",
                level="县",
                decision_working_days=15,
                title="准入申请",
                department=rnd.choice(DEPARTMENTS),
                content="内容",
                villages="、".join(names[u] for u in chosen),
                received_on=received,
            )
            s.add(case)
            s.flush()
            at = dt.datetime.combine(received, dt.time(9))
            steps = [("已受理", "受理", at)]
            fate = rnd.randrange(3)
            if fate:
                later = at + dt.timedelta(days=20)
                steps.append(
                    ("批准准入", "批准", later) if fate == 1 else ("不予准入", "不予准入", later)
                )
                case.status = steps[-1][0]
            for seq, (status, action, when) in enumerate(steps, start=1):
                s.add(
                    CaseStepRow(
                        case_id=case.id,
                        seq=seq,
                        status=status,
                        action=action,
                        at=when,
                        operator="测试员",
                    )
                )
        counts["cases"] = len(unlisted)

        # certificates
        certs = []
        for seq in range(1, villages * 25 + 1):
            verdict = rnd.choices(["allowed", "forbidden", "unlisted"], [0.6, 0.25, 0.15])[0]
            outcome = {
                "allowed": "出具",
                "forbidden": "不予出具并告知替代途径",
                "unlisted": rnd.choice(["议事协商后出具", "待办理", "转部门核查"]),
            }[verdict]
            day = _day(rnd)
            certs.append(
                {
                    "year": YEAR,
                    "seq": seq,
                    "request_date": day,
                    "applicant_name": "王五",
                    "id_number": "",
                    "id_masked": "",
                    "village_id": rnd.choice(unit_ids),
                    "subject": "居住证明",
                    "purpose": "",
                    "agency": rnd.choice(["某银行", "某保险公司", ""])
                    if verdict == "forbidden"
                    else "",
                    "check_verdict": verdict,
                    "candidates": "[]",
                    "verdict": verdict,
                    "item_name": "",
                    "item_kind": "",
                    "outcome": outcome,
                    "outcome_date": day,
                    "basis": "",
                    "alternative": "",
                    "referred_to": "",
                    "fact": "",
                    "handler": "",
                    "signer": "",
                    "sealed": False,
                    "attachments": "",
                    "notes": "",
                    "consult_participants": "",
                    "consult_signer": "",
                    "version": 1,
                }
            )
        s.execute(insert(CertificateRequestRow), certs)
        counts["certificates"] = len(certs)

        # signboards: 15 per village, a third taken down during the year
        category = s.execute(select(BoardCategoryRow.id).limit(1)).scalar_one()
        boards = []
        for uid in unit_ids:
            for k in range(15):
                cleaned = k % 3 == 0
                boards.append(
                    {
                        "unit_id": uid,
                        "name": f"牌子{k}",
                        "category_id": category,
                        "placement": "外部",
                        "room": "",
                        "department": rnd.choice(DEPARTMENTS),
                        "basis": "",
                        "size_material": "",
                        "quantity": 1,
                        "disposition": "摘除" if cleaned else None,
                        "disposed_on": _day(rnd) if cleaned else None,
                        "status": "已处置" if cleaned else "待处置",
                        "registered_on": START,
                        "approved_addition": k == 14,
                        "approval_document": "",
                        "first_reviewer": "",
                        "second_reviewer": "",
                        "notes": "",
                        "allowed": not cleaned,
                        "relapse_count": 0,
                        "photo_count": 0,
                        "version": 1,
                    }
                )
        s.execute(insert(SignboardRow), boards)
        counts["signboards"] = len(boards)

        # other burdens: 12 per village, a quarter merged during the year
        types = dict(s.execute(select(BurdenTypeRow.code, BurdenTypeRow.id)).all())
        burdens = []
        for uid in unit_ids:
            for k in range(12):
                code = ("mechanism", "form", "channel", "inspection")[k % 4]
                merged = k % 4 == 0 and k % 8 == 0
                burdens.append(
                    {
                        "unit_id": uid,
                        "type_id": types[code],
                        "name": f"{code}{k}",
                        "department": "",
                        "frequency": "",
                        "basis": "",
                        "action": "撤并" if merged else None,
                        "action_date": _day(rnd) if merged else None,
                        "notes": "",
                        "version": 1,
                    }
                )
        s.execute(insert(BurdenRow), burdens)
        counts["burdens"] = len(burdens)
    return counts


def _timed(fn, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def measure(url: str, villages: int) -> None:
    ctx = open_app(url)
    try:
        t0 = time.perf_counter()
        counts = fill(ctx, villages)
        print(
            f"  data: {villages} villages, "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
            + f" ({time.perf_counter() - t0:.1f} s to write)"
        )
        services = Services.create(ctx)
        for code in ("2026Q3", "2026"):
            period = parse_period(code)
            seconds, report = _timed(lambda p=period: services.report.build(p))
            print(
                f"  count {code}: {seconds * 1000:.0f} ms ({len(report.rows)} rows, "
                f"previous period and cumulative included)"
            )
        report = services.report.build(parse_period("2026Q3"))
        seconds, pdf = _timed(lambda: services.report.pdf(report))
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"  PDF 2026Q3: {seconds:.2f} s, {len(pdf) / 1024:.0f} KB, {pages} pages")

        def xlsx() -> int:
            buffer = io.BytesIO()
            services.report.xlsx(report, buffer)
            return len(buffer.getvalue())

        seconds, size = _timed(xlsx)
        print(f"  Excel 2026Q3: {seconds * 1000:.0f} ms, {size / 1024:.0f} KB")
        print(f"  dashboard open: {dashboard_open(services) * 1000:.0f} ms (median of 3)")
    finally:
        ctx.database.close()


def dashboard_open(services) -> float:
    """Time from the dashboard's refresh to its figures and reminders on screen."""
    import statistics

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from jianfu.ui.background import TaskRunner
    from jianfu.ui.dashboard import DashboardWidget

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    widget = DashboardWidget(services, runner, lambda _k: widget)
    widget.resize(1100, 720)
    widget.show()
    times = []
    for _ in range(3):
        loop = QEventLoop()
        widget.sig_loaded.connect(loop.quit)
        QTimer.singleShot(60000, loop.quit)
        t0 = time.perf_counter()
        widget.refresh()
        widget._handle.sig_failed.connect(loop.quit)
        loop.exec()
        if widget.dashboard is None:
            raise SystemExit(f"dashboard failed: {widget.status_label.text()}")
        app.processEvents()
        times.append(time.perf_counter() - t0)
        widget.sig_loaded.disconnect(loop.quit)
    runner.wait_all()
    widget.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JIANFU_DATA_DIR"] = tmp
        print("SQLite:")
        measure(str(Path(tmp) / "bench.db"), args.villages)
    pg = os.environ.get("JIANFU_TEST_DATABASE_URL")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as con:
            con.execute(text("DROP SCHEMA public CASCADE"))
            con.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        print("PostgreSQL:")
        measure(pg, args.villages)


if __name__ == "__main__":
    main()
