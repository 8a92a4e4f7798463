"""Signboard rules: the allowed set, input checks, dispositions, relapses, counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jianfu.domain.boards import (
    AllowedRule,
    AllowedSet,
    BoardCount,
    BoardCounts,
    BoardInput,
    BoardStatus,
    Disposition,
    Placement,
    Signboard,
    check_status,
    close_out_problem,
    hanging_on,
    inspection_outcome,
    parse_disposition,
    parse_keywords,
    parse_placement,
    status_for,
)
from jianfu.domain.errors import ValidationError

TODAY = dt.date(2026, 11, 20)
CATS = ("门牌", "吊牌", "制度牌")


def board(**kw) -> Signboard:
    base = {
        "id": 1,
        "village_id": 2,
        "village": "岭下村",
        "name": "综治中心",
        "category": "门牌",
        "placement": Placement.OUTSIDE,
        "room": "",
        "department": "县委政法委",
        "basis": "",
        "size_material": "",
        "quantity": 1,
        "disposition": None,
        "disposed_on": None,
        "status": BoardStatus.PENDING,
        "registered_on": dt.date(2026, 3, 1),
        "approved_addition": False,
        "approval_document": "",
        "first_reviewer": "",
        "second_reviewer": "",
        "notes": "",
        "allowed": False,
    }
    base.update(kw)
    return Signboard(**base)


@pytest.mark.parametrize(
    ("name", "placement", "allowed"),
    [
        ("中共岭下村支部委员会", Placement.OUTSIDE, True),
        ("岭下村党总支", Placement.OUTSIDE, True),
        ("岭下村村民委员会", Placement.OUTSIDE, True),
        ("东街社区居民委员会", Placement.OUTSIDE, True),
        ("岭下村村务监督委员会", Placement.OUTSIDE, True),
        ("岭下村股份经济合作社", Placement.OUTSIDE, True),
        ("岭下村党群服务中心", Placement.OUTSIDE, True),
        ("新时代文明实践站", Placement.OUTSIDE, True),
        ("岭下村综治中心", Placement.OUTSIDE, False),
        ("农家书屋", Placement.OUTSIDE, False),
        ("妇女之家", Placement.OUTSIDE, False),
        # The default set is for the outside; inside boards are all reviewed.
        ("岭下村村民委员会", Placement.INSIDE, False),
    ],
)
def test_the_default_allowed_set(name, placement, allowed):
    assert AllowedSet().allows(name, placement) is allowed


def test_a_rule_without_placement_holds_inside_and_outside():
    rules = AllowedSet((AllowedRule("退役军人服务站", ("退役军人服务站",), None),))
    assert rules.allows("岭下村退役军人服务站", Placement.INSIDE)
    assert rules.allows("岭下村退役军人服务站", Placement.OUTSIDE)
    assert rules.rule_for("综治中心", Placement.INSIDE) is None


def test_keywords_match_full_width_brackets_and_spaces():
    rule = AllowedRule("居委会", ("居民委员会",), Placement.OUTSIDE)
    assert rule.matches("东街社区 居民 委员会", Placement.OUTSIDE)
    assert parse_keywords("党支部、党总支,党委 ；支部委员会") == (
        "党支部",
        "党总支",
        "党委",
        "支部委员会",
    )


def test_a_rule_needs_a_keyword():
    with pytest.raises(ValidationError, match="至少要有一个关键词"):
        AllowedRule("空规则", ("  ",)).cleaned()


def test_input_is_cleaned_and_room_dropped_outside():
    data = BoardInput(
        5,
        "  综治中心 ",
        "门牌",
        "室外",
        room="会议室",
        quantity="2",
        disposition="摘牌",
        disposed_on=TODAY,
    ).cleaned(TODAY, CATS)
    assert data.name == "综治中心"
    assert data.placement is Placement.OUTSIDE
    assert data.room == ""
    assert data.quantity == 2
    assert data.disposition is Disposition.REMOVE
    assert data.registered_on == TODAY


def test_a_board_without_village_is_refused():
    with pytest.raises(ValidationError) as err:
        BoardInput(None, "综治中心", "门牌").cleaned(TODAY, CATS)
    assert err.value.for_field("village") == "请选择牌子所在的村(社区)"


def test_a_disposition_date_in_the_future_is_refused():
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        BoardInput(1, "综治中心", "门牌", disposition="摘除", disposed_on=tomorrow).cleaned(
            TODAY, CATS
        )
    assert "晚于今天" in err.value.for_field("disposed_on")


def test_every_bad_field_is_named():
    with pytest.raises(ValidationError) as err:
        BoardInput(1, "", "展板", placement="楼顶", quantity=0, disposition="烧掉").cleaned(
            TODAY, CATS
        )
    fields = {p.field for p in err.value.problems}
    assert fields == {"name", "category", "placement", "quantity", "disposition"}
    assert "可选：门牌、吊牌、制度牌" in err.value.for_field("category")


def test_disposition_and_date_go_together():
    with pytest.raises(ValidationError, match="请填写处置日期"):
        BoardInput(1, "综治中心", "门牌", disposition="摘除").cleaned(TODAY, CATS)
    with pytest.raises(ValidationError, match="请选择处置方式"):
        BoardInput(1, "综治中心", "门牌", disposed_on=TODAY).cleaned(TODAY, CATS)


def test_parsers():
    assert parse_placement("") is Placement.OUTSIDE
    assert parse_placement("室内") is Placement.INSIDE
    assert parse_disposition("") is None
    assert parse_disposition("规范") is Disposition.STANDARDISE
    assert Disposition.MERGE.takes_down and not Disposition.STANDARDISE.takes_down


def test_status_follows_disposition_and_stated_status_is_checked():
    assert status_for(None) is BoardStatus.PENDING
    assert status_for(Disposition.REMOVE) is BoardStatus.DISPOSED
    assert status_for(Disposition.REMOVE, BoardStatus.CLOSED) is BoardStatus.CLOSED
    assert check_status(BoardStatus.PENDING, Disposition.REMOVE) is not None
    assert check_status(BoardStatus.CLOSED, None) is not None
    assert check_status(BoardStatus.RELAPSED, Disposition.KEEP) is not None
    assert check_status(BoardStatus.RELAPSED, Disposition.REMOVE) is None


def test_a_removed_board_found_again_relapses_once():
    removed = board(
        disposition=Disposition.REMOVE, disposed_on=dt.date(2026, 4, 1), status=BoardStatus.CLOSED
    )
    assert inspection_outcome(removed, found_hanging=True) == (BoardStatus.RELAPSED, True)
    relapsed = replace(removed, status=BoardStatus.RELAPSED)
    assert inspection_outcome(relapsed, found_hanging=True) == (BoardStatus.RELAPSED, False)
    assert inspection_outcome(relapsed, found_hanging=False) == (BoardStatus.DISPOSED, False)
    kept = board(disposition=Disposition.KEEP, status=BoardStatus.DISPOSED)
    assert inspection_outcome(kept, found_hanging=True) == (BoardStatus.DISPOSED, False)
    assert inspection_outcome(board(), found_hanging=False) == (BoardStatus.PENDING, False)


def test_close_out_needs_a_disposition():
    assert "还没有处置" in close_out_problem(board())
    assert close_out_problem(board(status=BoardStatus.DISPOSED)) is None
    assert "又挂回" in close_out_problem(board(status=BoardStatus.RELAPSED))


def test_needs_attention():
    assert board().needs_attention
    assert not board(allowed=True).needs_attention
    assert board(allowed=True, status=BoardStatus.RELAPSED).needs_attention


def test_hanging_on_a_day():
    facts = {
        "registered_on": dt.date(2026, 5, 1),
        "approved_addition": False,
        "disposition": Disposition.REMOVE,
        "disposed_on": dt.date(2026, 4, 10),
        "relapsed_on": None,
    }
    assert hanging_on(dt.date(2026, 4, 1), **facts)  # found later, but hung before
    assert not hanging_on(dt.date(2026, 4, 10), **facts)
    relapsed = {**facts, "relapsed_on": dt.date(2026, 6, 1)}
    assert not hanging_on(dt.date(2026, 5, 31), **relapsed)
    assert hanging_on(dt.date(2026, 6, 1), **relapsed)
    added = {**facts, "approved_addition": True, "disposition": None, "disposed_on": None}
    assert not hanging_on(dt.date(2026, 4, 30), **added)
    assert hanging_on(dt.date(2026, 5, 1), **added)


def test_counts_add_up():
    counts = BoardCounts(
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        rows=(
            BoardCount(1, "岭下村", "门牌", before=5, cleaned=3, added=1, now=3),
            BoardCount(1, "岭下村", "制度牌", before=10, cleaned=8, now=2),
            BoardCount(2, "东街社区", "门牌", before=4, cleaned=1, relapsed=1, now=4),
        ),
        categories=("门牌", "制度牌"),
        villages=((1, "岭下村"), (2, "东街社区")),
    )
    assert counts.village_total(1).before == 15
    assert counts.village_total(1).now == 5
    assert counts.category_total("门牌").cleaned == 4
    total = counts.total()
    assert (total.before, total.cleaned, total.added, total.relapsed, total.now) == (
        19,
        12,
        1,
        1,
        9,
    )
    assert total.now == total.before - total.cleaned + total.added + total.relapsed
    assert counts.get(2, "制度牌").now == 0
