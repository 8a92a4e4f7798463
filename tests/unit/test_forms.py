"""Validation of what the clerk types into the forms."""

from __future__ import annotations

import pytest

from jianfu.domain.departments import DepartmentInput
from jianfu.domain.errors import ValidationError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitInput, UnitType


def test_unit_name_is_trimmed_including_full_width_spaces():
    assert UnitInput("\u3000 清溪村 ").cleaned().name == "清溪村"


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_empty_unit_name_is_refused_on_the_name_field(name):
    with pytest.raises(ValidationError) as err:
        UnitInput(name).cleaned()
    assert err.value.for_field("name") == "名称不能为空"


def test_overlong_unit_name_says_how_long_it_is():
    with pytest.raises(ValidationError) as err:
        UnitInput("村" * 41).cleaned()
    assert "不能超过 40 个字" in err.value.for_field("name")
    assert "41" in err.value.for_field("name")


def test_a_village_cannot_be_typed_as_the_township():
    with pytest.raises(ValidationError) as err:
        UnitInput("清溪村", type=UnitType.TOWNSHIP).cleaned()
    assert err.value.for_field("type")


def test_department_problems_name_each_field():
    with pytest.raises(ValidationError) as err:
        DepartmentInput("", short_name="简" * 21).cleaned()
    assert err.value.for_field("name") == "部门名称不能为空"
    assert "简称" in err.value.for_field("short_name")


def test_settings_need_a_township_name_and_a_sane_phone():
    with pytest.raises(ValidationError) as err:
        TownshipSettings(township_name="", phone="abc").cleaned()
    assert err.value.for_field("township_name")
    assert err.value.for_field("phone")
    assert err.value.for_field("county_name") is None


def test_settings_accept_a_landline_with_extension():
    s = TownshipSettings(township_name=" 清溪镇 ", phone="0593-6123456转8001").cleaned()
    assert s.township_name == "清溪镇"


def test_settings_working_days_range():
    with pytest.raises(ValidationError) as err:
        TownshipSettings(township_name="清溪镇", decision_working_days=0).cleaned()
    assert err.value.for_field("decision_working_days")
