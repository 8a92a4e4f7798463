"""The demo's issued certificates speak of their own unit: a village's of 村, a community's of
社区 (a village's certificate reading 积极参加村(社区)公益活动 was the list's wording, not the
village's)."""

from __future__ import annotations

from jianfu.demo.certificates import _issued_fact


def test_a_villages_certificate_speaks_of_the_village() -> None:
    fact = _issued_fact("发展党员政治审查情况证明", "后垅村")
    assert "村公益活动" in fact and "(社区)" not in fact


def test_a_communitys_certificate_speaks_of_the_community() -> None:
    assert "社区公益活动" in _issued_fact("发展党员政治审查情况证明", "溪南社区")
    assert _issued_fact("居民身份证明", "溪南社区") == "经核对户籍和社区档案，情况属实"
    assert _issued_fact("居民身份证明", "后垅村") == "经核对户籍和村档案，情况属实"
