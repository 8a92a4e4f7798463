"""首页 of a database holding several townships (a city's SQLite trial file, the server's
owner) counts the township the file works for, and now lists that township's reminders only:
it listed every township's (deadlines, tasks past their end, boards, requests waiting) beside
one township's figures. The reading through ``sqlite3`` before SQLAlchemy loads says the same."""

from __future__ import annotations

from sqlalchemy import select

from jianfu.db.models_boards import SignboardRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow
from jianfu.db.township import township_id_of_session
from jianfu.domain.boards import BoardFilter, BoardStatus
from jianfu.services.dashboard import load_dashboard
from jianfu.services.registry import Services
from tests.conftest import CITY_DAY, seed_city

TABLES = {"case": AdmissionCaseRow, "task": TaskRequestRow, "request": CertificateRequestRow}


def test_a_citys_first_screen_lists_the_reminders_of_the_township_it_counts(qtbot, db_template):
    ctx, _ = db_template("city", seed_city)
    services = Services.create(ctx)
    with ctx.unit_of_work() as s:
        town = township_id_of_session(s)
        assert len(set(s.scalars(select(AdmissionCaseRow.township_id)))) > 1
    # the city's other townships have reminders of their own
    everyone = services.cases.reminders(CITY_DAY)
    assert any(r.case.township_id != town for r in everyone if r.case)
    assert services.boards.waiting_review() > services.boards.waiting_review((town,))

    dashboard = load_dashboard(services, today=CITY_DAY)
    shown = {kind: [r for r in dashboard.reminders if r.entity == kind] for kind in TABLES}
    assert shown["case"] and shown["task"] and shown["request"]
    with ctx.unit_of_work() as s:
        for kind, rows in shown.items():
            ids = [r.record_id for r in rows]
            towns = set(s.scalars(select(TABLES[kind].township_id).where(TABLES[kind].id.in_(ids))))
            assert towns == {town}, kind
    # the board counts are the township's
    waiting = services.boards.count(
        BoardFilter(status=BoardStatus.DISPOSED.value, townships=(town,))
    )
    assert any(r.text.startswith(f"{waiting} 块牌子已处置") for r in dashboard.reminders)
    with ctx.unit_of_work() as s:
        everywhere = s.scalar(
            select(SignboardRow.id).where(
                SignboardRow.status == BoardStatus.DISPOSED.value, SignboardRow.township_id != town
            )
        )
        assert everywhere is not None  # another township's boards, not counted

    path = ctx.database.sqlite_path
    if path is None:
        return  # a server's owner is read through plain psycopg: the server's tests
    from jianfu.services import first_screen_plain

    ctx.database.close()
    plain = first_screen_plain.read(path, CITY_DAY)
    assert plain is not None
    orm = load_dashboard(Services.create(ctx), today=CITY_DAY)
    assert plain.dashboard.reminders == orm.reminders == dashboard.reminders
