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


def test_a_department_written_short_is_offered_by_its_full_name_only(demo_ctx):
    """The completer offered both 南屏县民政局 (部门) and 县民政局 (written on boards) for one
    department. A name used that is another way of writing a department of 部门 (the county
    left out or kept as 县, its 简称) is not offered beside it, and the forms say its full
    name; a department 部门 does not know (县科协, 南屏县水利局) is still offered as used."""
    boards, burdens = BoardsService(demo_ctx), BurdensService(demo_ctx)
    offered = boards.departments()
    assert "南屏县民政局" in offered and "县民政局" not in offered
    assert "县妇联" not in offered and "县委宣传部" not in offered
    assert "县科协" in offered and "乡镇党委" in offered  # not in 部门: kept as used
    known = [d for d in offered if d.startswith(("南屏县", "宁川市", "清溪镇"))]
    assert offered[: len(known)] == known  # 部门 first
    forms = boards.department_forms()
    assert forms["县民政局"] == forms["民政局"] == "南屏县民政局"
    assert forms["县妇联"] == "南屏县妇女联合会"
    assert forms["县委宣传部"] == "南屏县委宣传部"
    assert "县科协" not in forms and "南屏县民政局" not in forms
    assert burdens.department_forms() == forms
    assert "南屏县水利局" in burdens.department_names()


def test_two_departments_sharing_a_form_give_it_to_neither():
    from jianfu.domain.departments import written_forms

    forms = written_forms(
        [("南屏县农业农村局", "农业局"), ("南屏县农业机械管理局", "农业局")],
        "南屏县",
        [("县农办", "南屏县农业农村局"), ("县农机站", "已撤销的局")],
    )
    assert "农业局" not in forms
    assert forms["县农业农村局"] == forms["县农办"] == "南屏县农业农村局"
    assert "县农机站" not in forms  # mapped to a department no longer active
