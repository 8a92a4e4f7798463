"""Two clerks on one database (two AppContexts, two connection pools): nothing is overwritten
silently, the second save is refused, and the audit chain stays whole."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from jianfu.db.models import UnitRow
from jianfu.domain.audit import AuditFilter
from jianfu.domain.departments import DepartmentInput, DepartmentLevel
from jianfu.domain.errors import ConflictError
from jianfu.domain.units import UnitInput
from jianfu.services.audit import AuditService
from jianfu.services.database import open_app
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import ListsService
from jianfu.services.units import UnitsService


@pytest.fixture
def clerks(ctx, db_url):
    """林 and 陈, each with an app of their own on the same database (``ctx`` makes it a copy
    of the run's migrated template instead of migrating it on the first open)."""
    lin, chen = open_app(db_url), open_app(db_url)
    lin.operator, chen.operator = "林晓燕", "陈志强"
    yield lin, chen
    lin.database.close()
    chen.database.close()


def test_second_unit_save_is_refused_and_nothing_is_lost(clerks):
    lin, chen = clerks
    opened = UnitsService(lin).add_unit(UnitInput("东山村", notes="原备注"))
    seen_by_chen = UnitsService(chen).get(opened.id)
    UnitsService(lin).update_unit(
        opened.id, UnitInput("东山村", sort_order=opened.sort_order, notes="林改的"), opened.version
    )
    with pytest.raises(ConflictError, match="刚被其他人修改过"):
        UnitsService(chen).update_unit(
            opened.id, UnitInput("东山新村", sort_order=10, notes="陈改的"), seen_by_chen.version
        )
    stored = UnitsService(chen).get(opened.id)
    assert (stored.name, stored.notes, stored.version) == ("东山村", "林改的", 2)
    with pytest.raises(ConflictError):
        UnitsService(chen).set_active(opened.id, False, seen_by_chen.version)
    # after reloading, 陈's edit goes in on top of 林's
    saved = UnitsService(chen).update_unit(
        opened.id, UnitInput("东山新村", sort_order=10, notes="林改的"), stored.version
    )
    assert saved.version == 3
    entries = AuditService(lin).page(AuditFilter())
    assert [(e.operator, e.action) for e in entries.rows] == [
        ("陈志强", "修改"),
        ("林晓燕", "修改"),
        ("林晓燕", "新增"),
    ]
    assert AuditService(chen).verify().ok


def test_a_save_racing_past_the_version_check_is_refused_at_write_time(clerks):
    lin, chen = clerks
    unit = UnitsService(lin).add_unit(UnitInput("西岭村"))

    def lin_saves_after_chen() -> None:
        with lin.unit_of_work() as s:
            row = s.get(UnitRow, unit.id)  # 林 has read version 1 ...
            assert row is not None and row.version == 1
            UnitsService(chen).update_unit(  # ... 陈 saves version 2 meanwhile ...
                unit.id, UnitInput("西岭村", sort_order=unit.sort_order, notes="陈"), unit.version
            )
            row.notes = "林"  # ... and 林's UPDATE ... WHERE version = 1 finds no row

    with pytest.raises(ConflictError):
        lin_saves_after_chen()
    stored = UnitsService(lin).get(unit.id)
    assert (stored.notes, stored.version) == ("陈", 2)


def test_departments_conflict(clerks):
    lin, chen = clerks
    dep = DepartmentsService(lin).add_department(
        DepartmentInput("南屏县民政局", "民政局", DepartmentLevel.COUNTY)
    )
    DepartmentsService(chen).update_department(
        dep.id, DepartmentInput("南屏县民政局", "县民政", DepartmentLevel.COUNTY, 10), dep.version
    )
    with pytest.raises(ConflictError):
        DepartmentsService(lin).update_department(
            dep.id, DepartmentInput("南屏县民政局", "民政", DepartmentLevel.COUNTY, 10), dep.version
        )
    assert DepartmentsService(lin).get(dep.id).short_name == "县民政"


def test_list_items_conflict(clerks):
    from jianfu.domain.lists import ListEdition, ListItem

    lin, chen = clerks
    lists_lin, lists_chen = ListsService(lin), ListsService(chen)
    edition = lists_lin.create_edition(ListEdition(name="2026年草稿"), copy_in_force=False)
    item = lists_lin.save_item(
        ListItem(kind="duty", name="组织开展村民代表会议", edition_id=edition.id)
    )
    theirs = lists_chen.save_item(
        replace(lists_chen.get_item(item.id), basis="《村民委员会组织法》")
    )
    assert theirs.version == item.version + 1
    with pytest.raises(ConflictError):
        lists_lin.save_item(replace(item, content="林填写的内容"))
    now = lists_lin.get_item(item.id)
    assert (now.basis, now.content) == ("《村民委员会组织法》", "")


def test_audit_chain_stays_whole_under_simultaneous_saves(clerks):
    lin, chen = clerks
    UnitsService(lin).list_page()  # the township row exists, as after any first start
    errors: list[BaseException] = []

    def work(ctx, prefix):
        try:
            for i in range(15):
                UnitsService(ctx).add_unit(UnitInput(f"{prefix}{i:02d}村"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, p)) for c, p in ((lin, "甲"), (chen, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    check = AuditService(lin).verify()
    assert check.ok and check.checked == 30
    assert UnitsService(chen).list_page().total == 30


def test_a_stale_settings_form_is_refused(clerks):
    from jianfu.domain.settings import TownshipSettings
    from jianfu.services.settings import SettingsService

    lin, chen = clerks
    SettingsService(lin).save(TownshipSettings(township_name="清溪镇", phone="0593-1"))
    lin_form = SettingsService(lin).load()
    chen_form = SettingsService(chen).load()
    SettingsService(chen).save(replace(chen_form, phone="0593-2222"), expected=chen_form)
    with pytest.raises(ConflictError, match="乡镇设置刚被其他人修改过"):
        SettingsService(lin).save(replace(lin_form, preparer="林晓燕"), expected=lin_form)
    stored = SettingsService(lin).load()
    assert stored.phone == "0593-2222" and stored.preparer == ""  # 陈's change kept


def test_simultaneous_first_saves_of_settings_give_no_database_error(clerks):
    from jianfu.domain.settings import TownshipSettings
    from jianfu.services.settings import SettingsService

    lin, chen = clerks
    empty = SettingsService(lin).load()
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def work(ctx, name):
        barrier.wait()
        try:
            SettingsService(ctx).save(TownshipSettings(township_name=name), expected=empty)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcomes.append(exc)

    threads = [
        threading.Thread(target=work, args=(c, n)) for c, n in ((lin, "清溪镇"), (chen, "东岭镇"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, outcomes)) == ["conflict", "saved"], outcomes
    assert SettingsService(chen).load().township_name in ("清溪镇", "东岭镇")


def test_simultaneous_certificate_registrations_all_get_a_number(demo_ctx, db_url):
    import datetime as dt

    from jianfu.domain.certificates import CertificateInput
    from jianfu.services.certificates import CertificatesService

    clerks = [open_app(db_url) for _ in range(6)]
    village = CertificatesService(demo_ctx).villages()[0].id
    result = CertificatesService(demo_ctx).check("居住证明")
    barrier = threading.Barrier(len(clerks))
    serials: list[str] = []
    errors: list[BaseException] = []

    def work(ctx, n):
        service = CertificatesService(ctx)
        barrier.wait()
        for i in range(4):
            try:
                request = service.register(
                    CertificateInput(
                        request_date=dt.date(2015, 5, 6),
                        applicant_name=f"申请人{n}{i}",
                        subject="居住证明",
                        village_id=village,
                    ),
                    result=result,
                )
                serials.append(request.serial)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, n)) for n, c in enumerate(clerks)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for c in clerks:
            c.database.close()
    assert errors == []
    assert sorted(serials) == [f"2015-{n:04d}" for n in range(1, 25)]
