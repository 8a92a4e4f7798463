"""The boards per township and month the server keeps as dated changes (migration 0035,
PostgreSQL only).

``board_month`` holds, per township of the boards, month and township of their village, the
quantities registered as approved additions, registered otherwise, taken down and found
hanging again; ``board_town`` the sum of every month's changes per township and town. 首页
above the township reads them for spans of whole months instead of counting boards
(``db.plain_reads._monthly_board_figures``; the figures are compared with the service's in
``tests/db/test_report_rollup.py``, ``test_home_figures_agree.py`` and the UI's
``test_first_screen_plain_server.py``). Here: the triggers keep it equal to the boards through
every way a board is written (the app as a clerk adding, disposing, finding again, correcting,
deleting and importing many; plain SQL moving a board, changing many at once, taking one down
before its registration, emptying the table) and every change of a village that moves its
boards (another township, another type), in the same transaction; row-level security lets each
person read their own townships' rows and nobody write them; and the reading of whole months
equals the reading of the boards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from kept_sums import Traced, assert_read_by_township_and_written_by_none, connect

from jianfu.domain.boards import BoardFilter, BoardInput, Inspection
from jianfu.domain.units import UnitType
from jianfu.services.boards import BoardsService
from jianfu.services.database import open_app

TAKES_DOWN = ("摘除", "合并")
VILLAGE_TYPES = tuple(t.value for t in UnitType.village_types())

Key = tuple[int, int, dt.date]


def _kept(con) -> dict[Key, tuple[int, int, int, int]]:
    rows = con.execute(
        "SELECT township_id, town_id, month, added, found_hanging, taken_down, hanging_again "
        "FROM board_month"
    ).fetchall()
    return {(t, w, m): tuple(c) for t, w, m, *c in rows if any(c)}


def _totals(con) -> dict[tuple[int, int], int]:
    rows = con.execute("SELECT township_id, town_id, standing FROM board_town").fetchall()
    return {(t, w): q for t, w, q in rows if q}


def _totals_of(months: dict[Key, tuple[int, int, int, int]]) -> dict[tuple[int, int], int]:
    """The sum of every month's change of each township and town."""
    out: dict[tuple[int, int], int] = {}
    for (town, parent, _month), (added, found, down, back) in months.items():
        out[(town, parent)] = out.get((town, parent), 0) + added + found - down + back
    return {k: q for k, q in out.items() if q}


def _expected(con) -> dict[Key, tuple[int, int, int, int]]:
    """Each board's dated changes, computed here from the boards and their villages."""
    out: dict[Key, list[int]] = {}

    def add(key: Key, column: int, quantity: int) -> None:
        out.setdefault(key, [0, 0, 0, 0])[column] += quantity

    for town, parent, type_, quantity, approved, registered, disposition, down, back in con.execute(
        "SELECT b.township_id, v.parent_id, v.type, b.quantity, b.approved_addition, "
        "b.registered_on, b.disposition, b.disposed_on, b.relapsed_on "
        "FROM signboard b JOIN unit v ON v.id = b.unit_id"
    ):
        taken = disposition in TAKES_DOWN and down is not None
        if town is None or parent is None or type_ not in VILLAGE_TYPES:
            continue
        if taken and down < registered:  # counted from the boards, not kept
            continue
        add((town, parent, registered.replace(day=1)), 0 if approved else 1, quantity)
        if taken:
            add((town, parent, down.replace(day=1)), 2, quantity)
            if back is not None and back >= down:
                add((town, parent, back.replace(day=1)), 3, quantity)
    return {k: tuple(c) for k, c in out.items() if any(c)}


@pytest.fixture
def owner(pg_county):
    with connect(pg_county.url, autocommit=True) as con:
        yield con


def _same(owner) -> dict[Key, tuple[int, int, int, int]]:
    kept = _kept(owner)
    assert kept == _expected(owner)
    assert _totals(owner) == _totals_of(kept)
    return kept


def test_the_months_follow_every_change_of_a_board(pg_county, owner, tmp_path):
    qingxi, shimen = pg_county.ids["清溪镇"], pg_county.ids["石门乡"]
    kept = _same(owner)  # the migration's first months of the demo's boards
    assert kept and all(town == qingxi == parent for town, parent, _month in kept)

    ctx = open_app(pg_county.urls["clerk"])
    try:
        boards = BoardsService(ctx)
        village = boards.villages()[0].id
        category = boards.categories()[0].name
        added = boards.add_board(
            BoardInput(village, "新挂的牌子", category=category, quantity=5, department="县某局")
        )
        month = dt.date.today().replace(day=1)
        assert (
            _kept(owner)[(qingxi, qingxi, month)][1]
            == kept.get((qingxi, qingxi, month), (0, 0, 0, 0))[1] + 5
        )
        _same(owner)
        today = dt.date.today()
        boards.dispose([added.id], "摘除", today)  # taken down
        _same(owner)
        back, _board = boards.record_inspection(
            Inspection(added.id, today, "检查员", found_hanging=True)
        )
        assert back.relapse
        _same(owner)  # found hanging again
        changed = BoardInput(
            village, "新挂的牌子", category=category, quantity=8, department="县某局"
        )
        boards.update_board(added.id, changed, boards.get(added.id).version)
        _same(owner)
        boards.delete_board(added.id, boards.get(added.id).version)
        _same(owner)
        rows = boards.page(BoardFilter(), limit=60).rows
        many = [b.id for b in rows if b.status != "已销号"]
        assert len(many) > 10
        boards.dispose(many, "合并", today, redo=True)
        _same(owner)
        # an import of many boards: the ledger written out, renamed, read back in
        ledger = tmp_path / "牌子台账.xlsx"
        count = boards.export(ledger)
        owner.execute("UPDATE signboard SET name = name || '（旧）'")
        _same(owner)
        preview = boards.preview_import(ledger)
        assert preview.ok, preview.problems[:3]
        assert boards.commit_import(preview) == count > 50
        _same(owner)
    finally:
        ctx.database.close()

    # another tool: a board moved to another township's village, many at once, one taken down
    # before the day it was registered, each column of the days changed
    other_village = owner.execute(
        "SELECT id FROM unit WHERE parent_id = %s ORDER BY id", (shimen,)
    ).fetchone()[0]
    with owner.transaction():
        owner.execute(
            "UPDATE signboard SET unit_id = %s, township_id = %s WHERE id = "
            "(SELECT min(id) FROM signboard WHERE disposition IS NULL)",
            (other_village, shimen),
        )
        owner.execute("UPDATE signboard SET quantity = quantity + 1 WHERE id % 3 = 0")
        owner.execute("UPDATE signboard SET registered_on = registered_on - 45 WHERE id % 4 = 0")
        owner.execute(
            "UPDATE signboard SET approved_addition = NOT approved_addition WHERE id % 6 = 0"
        )
        owner.execute(
            "UPDATE signboard SET relapsed_on = disposed_on + 40 WHERE id % 5 = 0 "
            "AND disposed_on IS NOT NULL"
        )
        owner.execute(
            "UPDATE signboard SET disposed_on = registered_on - 10, disposition = '摘除' "
            "WHERE id % 7 = 0"
        )
        owner.execute("UPDATE signboard SET disposition = '规范' WHERE id % 11 = 0")
        owner.execute("UPDATE signboard SET disposed_on = NULL WHERE id % 13 = 0")
        owner.execute("DELETE FROM board_inspection WHERE board_id % 17 = 0")
        owner.execute("DELETE FROM board_photo WHERE board_id % 17 = 0")
        owner.execute("DELETE FROM signboard WHERE id % 17 = 0")
    kept = _same(owner)
    assert any(town == shimen for town, _parent, _month in kept)
    assert owner.execute(
        "SELECT count(*) FROM signboard WHERE disposition IN ('摘除', '合并') "
        "AND disposed_on < registered_on"
    ).fetchone()[0]

    # a village moved to another township, its type changed, then back
    moved = owner.execute(
        "SELECT unit_id FROM signboard WHERE township_id = %s GROUP BY unit_id "
        "ORDER BY count(*) DESC LIMIT 1",
        (qingxi,),
    ).fetchone()[0]
    owner.execute("UPDATE unit SET parent_id = %s WHERE id = %s", (shimen, moved))
    kept = _same(owner)
    assert any(town == qingxi and parent == shimen for town, parent, _month in kept)
    owner.execute("UPDATE unit SET type = %s WHERE id = %s", (UnitType.TOWNSHIP.value, moved))
    _same(owner)
    owner.execute(
        "UPDATE unit SET type = %s, parent_id = %s WHERE id = %s",
        (UnitType.URBAN_COMMUNITY.value, qingxi, moved),
    )
    _same(owner)
    owner.execute("UPDATE unit SET name = name || '村' WHERE id = %s", (moved,))  # not a move
    _same(owner)

    owner.execute("TRUNCATE signboard CASCADE")
    assert _same(owner) == {}
    assert owner.execute("SELECT count(*) FROM board_month").fetchone()[0] == 0
    assert owner.execute("SELECT count(*) FROM board_town").fetchone()[0] == 0


def test_a_change_rolled_back_leaves_the_months_as_they_were(pg_county, owner):
    before = _same(owner)
    moved = owner.execute("SELECT min(unit_id) FROM signboard").fetchone()[0]
    with owner.transaction(force_rollback=True):
        owner.execute("UPDATE signboard SET quantity = quantity + 100")
        owner.execute(
            "UPDATE unit SET parent_id = %s WHERE id = %s", (pg_county.ids["石门乡"], moved)
        )
        assert _kept(owner) == _expected(owner) != before  # its own months, at once
        assert _totals(owner) == _totals_of(_kept(owner))
    assert _same(owner) == before


def test_each_person_reads_their_townships_months_and_nobody_writes_them(pg_county, owner):
    qingxi = pg_county.ids["清溪镇"]

    def totals_agree(con, months) -> None:
        assert _totals(con) == _totals_of(months)

    assert_read_by_township_and_written_by_none(
        pg_county,
        owner,
        _kept,
        _same,
        (
            "UPDATE board_month SET added = added + 1",
            "DELETE FROM board_month",
            f"INSERT INTO board_month VALUES ({qingxi}, '2026-01-01', {qingxi}, 1, 0, 0, 0)",
            "UPDATE board_town SET standing = standing + 1",
            "DELETE FROM board_town",
            f"INSERT INTO board_town VALUES ({qingxi}, {qingxi}, 1)",
        ),
        totals_agree,
    )


def _quarters(day: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The quarter of ``day`` and the one before, as 首页 asks."""
    start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    before = dt.date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
    return [(start, (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)),
            (before, start - dt.timedelta(days=1))]  # fmt: skip


def test_the_reading_counts_whole_months_from_them_and_equals_the_boards(pg_county, owner):
    from jianfu.db import plain_reads, plain_server

    shimen = pg_county.ids["石门乡"]
    # odd boards: taken down before registered (some found again), a township's own unit,
    # a village of the other township, an approved addition taken down in its quarter
    owner.execute(
        "UPDATE signboard SET disposition = '摘除', disposed_on = registered_on - 20, "
        "relapsed_on = CASE WHEN id % 2 = 0 THEN registered_on + 5 END WHERE id % 9 = 0"
    )
    owner.execute("UPDATE signboard SET unit_id = township_id WHERE id % 10 = 1")
    owner.execute(
        "UPDATE signboard SET approved_addition = true, disposition = '合并', "
        "disposed_on = registered_on + 3 WHERE id % 8 = 3"
    )
    owner.execute(
        "UPDATE unit SET parent_id = %s WHERE id = (SELECT max(unit_id) FROM signboard)", (shimen,)
    )
    _same(owner)
    days = sorted(d for (d,) in owner.execute("SELECT registered_on FROM signboard"))
    middle = days[len(days) // 2]
    part = [(middle + dt.timedelta(days=3), middle + dt.timedelta(days=40))]
    for who in ("mechanism", "reviewer"):
        con = plain_server.connect(plain_server.address(pg_county.urls[who]))
        assert con is not None
        try:
            towns = [pg_county.ids["清溪镇"], shimen]
            for spans in (_quarters(middle), _quarters(days[-1]), part):
                traced = Traced(con)
                got = plain_reads.board_figures_of(traced, spans, towns, True, True)
                assert got == plain_reads.board_figures_of(con, spans, towns, True)
                assert got == plain_reads._standing_board_figures(con, spans, towns)
                assert any(figures for figures in got)
                monthly = "board_month" in " ".join(traced.sent)
                assert monthly == (spans is not part)
        finally:
            con.close()
