"""A list of ids in 首页's plain reading on a server is bound as one array (``db.plain_server``)."""

from __future__ import annotations

from jianfu.db.plain_server import ARRAY_FROM, JOIN_FROM, _arrays


def test_a_long_list_of_ids_is_one_array_and_the_other_values_keep_their_places():
    ids = tuple(range(1, ARRAY_FROM + 2))
    marks = ", ".join("?" * len(ids))
    sql = (
        f"SELECT 1 FROM t WHERE d > ? AND township_id IN ({marks}) "
        "AND status NOT IN (?, ?) AND type IN (?, ?, ?) AND flag = ?"
    )
    values = ("2026-07-01", *ids, "摘除", "合并", "村", "城市社区", "涉农社区", True)
    bound, out = _arrays(sql, values)
    assert bound == (
        "SELECT 1 FROM t WHERE d > ? AND township_id = ANY(?::bigint[]) "
        "AND status NOT IN (?, ?) AND type IN (?, ?, ?) AND flag = ?"
    )
    assert out == ("2026-07-01", list(ids), "摘除", "合并", "村", "城市社区", "涉农社区", True)
    assert bound.count("?") == len(out)


def test_a_citys_townships_are_joined_to_the_array_other_ids_compared_with_it():
    ids = tuple(range(1, JOIN_FROM + 1))
    marks = ", ".join("?" * len(ids))
    sql = (
        f"SELECT 1 FROM t JOIN unit u ON u.id = t.unit_id WHERE t.township_id IN ({marks}) "
        f"AND u.id IN ({marks}) AND case_id IN ({marks}) AND town_id IN ({marks})"
    )
    bound, out = _arrays(sql, ids * 4)
    assert bound == (
        "SELECT 1 FROM t JOIN unit u ON u.id = t.unit_id "
        "WHERE t.township_id IN (SELECT unnest(?::bigint[])) "
        "AND u.id = ANY(?::bigint[]) AND case_id = ANY(?::bigint[]) AND town_id = ANY(?::bigint[])"
    )
    assert out == (list(ids),) * 4


def test_short_lists_texts_and_booleans_are_sent_as_they_are():
    few = "SELECT 1 FROM t WHERE id IN (?, ?)"
    assert _arrays(few, (1, 2)) == (few, (1, 2))
    many = ", ".join("?" * (ARRAY_FROM + 1))
    texts = tuple(str(i) for i in range(ARRAY_FROM + 1))
    assert _arrays(f"SELECT 1 WHERE x IN ({many})", texts)[1] == texts
    flags = (True,) * (ARRAY_FROM + 1)
    assert _arrays(f"SELECT 1 WHERE x IN ({many})", flags)[1] == flags
    assert _arrays("SELECT 1", ()) == ("SELECT 1", ())
