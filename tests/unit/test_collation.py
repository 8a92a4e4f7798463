"""``domain.collation``: the key whose plain order is ICU's order for Chinese (pinyin), computed
without ICU or Qt (tests/ui/test_chinese_order.py holds it to Qt's collator; the table's builder,
tests/bench/collation_build.py, to ICU itself on every character)."""

from __future__ import annotations

import random

from jianfu.domain import collation
from jianfu.domain.collation import SEPARATOR, compare, sort_key, sorted_texts


def test_villages_and_departments_by_pinyin():
    villages = ["张村", "安村", "北村", "乐山村", "陈家村", "李村", "王村", "赵村", "岭下村"]
    assert sorted_texts(villages) == [
        "安村", "北村", "陈家村", "乐山村", "李村", "岭下村", "王村", "张村", "赵村",
    ]  # fmt: skip
    departments = ["县住房和城乡建设局", "县委政法委", "县民政局", "县发展和改革局"]
    assert sorted_texts(departments) == departments[::-1]  # fa, min, wei, zhu


def test_icus_order_where_the_usual_readings_tie():
    # 防 before 房 (both fang2); 阿 (a) first of all; 乐 as le4, after 拉 (la)
    assert sorted_texts(["房屋", "防汛"]) == ["防汛", "房屋"]
    assert sorted_texts(["拉", "乐", "阿"]) == ["阿", "拉", "乐"]


def test_spaces_punctuation_digits_chinese_then_letters():
    texts = ["村A", "村1", "村（一）", "村 ", "村一", "村"]
    assert sorted_texts(texts) == ["村", "村 ", "村（一）", "村1", "村一", "村A"]


def test_a_shorter_text_first_and_ties_by_code_point():
    assert sort_key("安") < sort_key("安村") < sort_key("安村村")
    # full and half width, upper and lower case: ICU sets them apart at its third level
    assert sorted_texts(["村Ａ", "村A", "村a"]) == ["村a", "村A", "村Ａ"]
    # equal to ICU (canonically the same): by code point, never equal keys
    composed, decomposed = "ǜ村", "u\u0308\u0300村"
    assert compare(composed, decomposed) > 0 and sort_key(composed) != sort_key(decomposed)
    assert sort_key(composed).split(SEPARATOR)[:3] == sort_key(decomposed).split(SEPARATOR)[:3]
    assert compare("安村", "安村") == 0


def test_characters_beyond_the_table_sort_last_by_code_point():
    unassigned, private = "\U000e0080", "\ue000"
    assert sorted_texts([unassigned, "安", private, "a", "1"]) == [
        "1",
        "安",
        "a",
        private,
        unassigned,
    ]
    assert sort_key("\ufffd") > sort_key(unassigned)  # U+FFFD after everything, as in ICU


def test_keys_are_plain_text_that_a_database_stores():
    rnd = random.Random(1)
    for _ in range(200):
        text = "".join(chr(rnd.randrange(0x20, 0x30000)) for _ in range(rnd.randint(0, 6)))
        text = text.encode("utf-8", "replace").decode("utf-8")
        key = sort_key(text)
        assert key.endswith(text) and "\x00" not in key
        key.encode("utf-8")  # no lone surrogate


def test_the_table_knows_every_common_chinese_character():
    table = collation._the_table()
    implicit = table.char(0x10FFFD)[0][0]
    han = range(0x4E00, 0x9FA6)
    assert all(table.char(cp)[0][0] != implicit for cp in han)
    assert len({table.char(cp)[0] for cp in han}) > 20000
