"""The standing boards per village the server keeps (migration 0032, PostgreSQL only).

``board_standing`` holds, per township and village, the quantities of the boards that hang on
every day after all their own days (not taken down for good). 首页 above the township reads it
instead of every board of the area (``db.plain_reads.board_figures_of``; the figures are
compared with the service's in ``tests/db/test_report_rollup.py``). Here: the triggers keep it
equal to the boards through every way a board is written (the app as a clerk, a disposal of
many, an inspection that finds a board again, a correction, a deletion; plain SQL changing a
board's village, many boards at once, and emptying the table), in the same transaction; and
row-level security lets each person read their own townships' sums and nobody write them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from kept_sums import assert_read_by_township_and_written_by_none, connect

from jianfu.domain.boards import BoardFilter, BoardInput, Inspection
from jianfu.services.boards import BoardsService
from jianfu.services.database import open_app

TAKES_DOWN = ("摘除", "合并")


def _steady(quantity, disposition, disposed_on, relapsed_on) -> int:
    """A board's quantity once all its days are past: 0 when taken down on a known day and not
    found hanging again since (``domain.boards.hanging_on`` on a late enough day)."""
    down = disposition in TAKES_DOWN and disposed_on is not None
    back = relapsed_on is not None and disposed_on is not None and relapsed_on >= disposed_on
    return 0 if down and not back else quantity


def _kept(con) -> dict[tuple[int, int], int]:
    rows = con.execute("SELECT township_id, unit_id, quantity FROM board_standing").fetchall()
    return {(t, u): q for t, u, q in rows if q}


def _expected(con) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for town, unit, *board in con.execute(
        "SELECT township_id, unit_id, quantity, disposition, disposed_on, relapsed_on "
        "FROM signboard WHERE township_id IS NOT NULL"
    ):
        out[(town, unit)] = out.get((town, unit), 0) + _steady(*board)
    return {k: q for k, q in out.items() if q}


@pytest.fixture
def owner(pg_county):
    with connect(pg_county.url, autocommit=True) as con:
        yield con


def _same(owner) -> dict[tuple[int, int], int]:
    kept = _kept(owner)
    assert kept == _expected(owner)
    return kept


def test_the_sums_follow_every_change_of_a_board(pg_county, owner):
    kept = _same(owner)  # the migration's first sums of the demo's boards
    assert kept and all(town == pg_county.ids["清溪镇"] for town, _unit in kept)

    ctx = open_app(pg_county.urls["clerk"])
    try:
        boards = BoardsService(ctx)
        village = boards.villages()[0].id
        category = boards.categories()[0].name
        added = boards.add_board(
            BoardInput(village, "新挂的牌子", category=category, quantity=5, department="县某局")
        )
        assert (
            _kept(owner)[(pg_county.ids["清溪镇"], village)]
            == kept.get((pg_county.ids["清溪镇"], village), 0) + 5
        )
        _same(owner)
        today = dt.date.today()
        boards.dispose([added.id], "摘除", today)  # taken down: no longer standing
        _same(owner)
        back, _board = boards.record_inspection(
            Inspection(added.id, today, "检查员", found_hanging=True)
        )
        assert back.relapse
        _same(owner)  # found hanging again: standing again
        current = boards.get(added.id)
        changed = BoardInput(
            village, "新挂的牌子", category=category, quantity=8, department="县某局"
        )
        boards.update_board(added.id, changed, current.version)
        _same(owner)
        boards.delete_board(added.id, boards.get(added.id).version)
        _same(owner)
        rows = boards.page(BoardFilter(), limit=60).rows
        many = [b.id for b in rows if b.status != "已销号"]
        assert len(many) > 10
        boards.dispose(many, "合并", today, redo=True)
        _same(owner)
    finally:
        ctx.database.close()

    # another tool: a board moved to another township's village, many at once, then none
    other_village = owner.execute(
        "SELECT id FROM unit WHERE parent_id = %s", (pg_county.ids["石门乡"],)
    ).fetchone()[0]
    with owner.transaction():
        owner.execute(
            "UPDATE signboard SET unit_id = %s, township_id = %s WHERE id = "
            "(SELECT min(id) FROM signboard WHERE disposition IS NULL)",
            (other_village, pg_county.ids["石门乡"]),
        )
        owner.execute("UPDATE signboard SET quantity = quantity + 1 WHERE id % 3 = 0")
        owner.execute(
            "UPDATE signboard SET relapsed_on = disposed_on + 1 WHERE id % 5 = 0 "
            "AND disposed_on IS NOT NULL"
        )
    kept = _same(owner)
    assert (pg_county.ids["石门乡"], other_village) in kept
    owner.execute("TRUNCATE signboard CASCADE")
    assert _same(owner) == {}
    assert owner.execute("SELECT count(*) FROM board_standing").fetchone()[0] == 0


def test_a_change_rolled_back_leaves_the_sums_as_they_were(pg_county, owner):
    before = _same(owner)
    with owner.transaction(force_rollback=True):
        owner.execute("UPDATE signboard SET quantity = quantity + 100")
        assert _kept(owner) == _expected(owner) != before  # its own sums, at once
    assert _same(owner) == before


def test_each_person_reads_their_townships_sums_and_nobody_writes_them(pg_county, owner):
    qingxi = pg_county.ids["清溪镇"]
    assert_read_by_township_and_written_by_none(
        pg_county,
        owner,
        _kept,
        _same,
        (
            "UPDATE board_standing SET quantity = quantity + 1",
            "DELETE FROM board_standing",
            f"INSERT INTO board_standing VALUES ({qingxi}, {qingxi}, 1)",
        ),
    )
