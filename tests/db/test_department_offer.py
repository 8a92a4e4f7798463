"""The department names the 牌子 and 其他负担 forms offer, read in one place: the active
departments in the table's order, then the names the flow's records used, each once."""

from __future__ import annotations

from jianfu.domain.boards import BoardInput
from jianfu.domain.burdens import BurdenInput
from jianfu.domain.departments import DepartmentInput
from jianfu.domain.units import UnitInput
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from jianfu.services.departments import DepartmentsService
from jianfu.services.units import UnitsService


def test_both_forms_offer_the_table_then_the_names_their_records_used(ctx):
    departments = DepartmentsService(ctx)
    departments.add_department(DepartmentInput("县民政局", sort_order=2))
    departments.add_department(DepartmentInput("县委组织部", sort_order=1))
    closed = departments.add_department(DepartmentInput("县档案局", sort_order=3))
    departments.set_active(closed.id, False, closed.version)
    village = UnitsService(ctx).add_unit(UnitInput("岭下村")).id
    boards = BoardsService(ctx)
    for name, department in (
        ("村务公开栏", "县民政局"),
        ("综治中心", "县委政法委"),
        ("宣传栏", ""),
    ):
        boards.add_board(BoardInput(village, name, category="门牌", department=department))
    burdens = BurdensService(ctx)
    code = burdens.types()[0].code
    for name, department in (("报表甲", "镇农业办"), ("报表乙", "县委组织部"), ("报表丙", "")):
        burdens.add(BurdenInput(village, code, name, department=department))
    assert boards.departments() == ["县委组织部", "县民政局", "县委政法委"]
    assert burdens.department_names() == ["县委组织部", "县民政局", "镇农业办"]
