"""Normalisation before matching."""

from __future__ import annotations

import time

import pytest

from jianfu.domain.normalize import (
    fold_variants,
    fold_width,
    looks_chinese,
    normalize,
    strip_boilerplate,
    to_simplified,
)


def test_traditional_to_simplified() -> None:
    assert to_simplified("請各村組織開展愛國衛生運動") == "请各村组织开展爱国卫生运动"
    assert to_simplified("abc") == "abc"
    assert to_simplified("爱国卫生") == "爱国卫生"


@pytest.mark.parametrize(
    ("raw", "simplified"),
    [
        ("我爺爺還活著嗎", "我爷爷还活着吗"),  # the particle, as Taiwan-standard text writes it
        ("門口貼著通知，大家等著", "门口贴着通知，大家等着"),
        ("睡不著覺", "睡不着觉"),
        ("這本書很著名，影響顯著", "这本书很著名，影响显著"),  # 著 that is 著 stays
        ("說點什麼", "说点什么"),  # nothing else of the Taiwan conversion is taken
    ],
)
def test_the_particle_zhe_written_the_taiwan_way_is_simplified(raw: str, simplified: str) -> None:
    assert to_simplified(raw) == simplified


def test_full_width_folds() -> None:
    assert fold_width("ＡＰＰ１２３（试点）") == "APP123(试点)"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("上报安全隐患排查台帐", "上报安全隐患排查台账"),
        ("记帐", "记账"),
        ("砼路面", "混凝土路面"),
        ("身分证", "身份证"),
        ("搭帐篷", "搭帐篷"),
        ("蚊帐", "蚊帐"),
    ],
)
def test_variants(raw: str, folded: str) -> None:
    assert fold_variants(raw) == folded


def test_boilerplate_goes() -> None:
    text = (
        "各村(社区)：根据南委办发〔2025〕18号文件精神，请于4月30日前报送爱国卫生月活动小结。"
        "联系人：林晓燕，电话：0593-6123456。特此通知。"
    )
    out = normalize(text)
    assert "爱国卫生月活动小结" in out
    for gone in ("2025", "18号", "4月30日", "报送", "林晓燕", "0593", "特此通知", "各村"):
        assert gone not in out
    assert "〔" not in strip_boilerplate("〔2025〕3号")


def test_punctuation_becomes_one_space() -> None:
    assert normalize("防汛、防台风——人员转移！！") == "防汛 防台风 人员转移"
    assert normalize("村(社区)") == "村"
    assert normalize("村（社区）两委") == "村两委"


def test_normalize_keeps_what_matters() -> None:
    assert normalize("組織開展愛國衛生運動") == "组织开展爱国卫生运动"
    assert normalize("ＡＰＰ打卡") == "app打卡"


def test_language_detection() -> None:
    assert looks_chinese("请各村报送")
    assert not looks_chinese("Please report by Friday")
    assert not looks_chinese("来週までに防災訓練の参加者名簿を提出してください")
    assert looks_chinese("请各村下载APP")


def test_long_text_is_fast() -> None:
    text = "请各村组织开展爱国卫生运动，于4月30日前报送。" * 800
    normalize(text)  # warm the converter
    start = time.perf_counter()
    normalize(text)
    assert time.perf_counter() - start < 2.0  # generous: guards against pathological regexes


def test_village_forms_keep_a_following_word() -> None:
    from jianfu.domain.normalize import normalize

    assert normalize("各村居要落实") == "各村要落实"
    assert "居住" in normalize("我在本村居住三年")
    assert "居民" in normalize("本村居民")
