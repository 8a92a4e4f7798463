"""Sample list items for the PDF tests and the benchmark (plain data, realistic Chinese)."""

from __future__ import annotations

from jianfu.domain.lists import SEED_KINDS, AlternativeRoute, ItemNature, ListItem

_DUTY_NAMES = (
    "宣传贯彻党的路线方针政策",
    "组织开展村民自治",
    "管理村集体资产资源",
    "调解民间纠纷",
    "开展爱国卫生运动",
    "组织召开村民会议",
    "关爱帮扶留守儿童和老年人",
    "开展应急演练和灾害信息报送",
)
_ASSIST_NAMES = (
    "协助开展城乡居民医疗保险参保登记",
    "协助开展退役军人信息采集",
    "协助做好人口普查入户登记",
    "协助开展农村危房排查",
    "协助开展森林防火宣传",
)


def make_items(count: int) -> list[ListItem]:
    """``count`` items spread over the five seed kinds, with realistic Chinese text."""
    items: list[ListItem] = []
    for n in range(count):
        kind = SEED_KINDS[n % 5].code
        number = f"{kind[:2].upper()}-{n + 1:03d}"
        if kind == "duty":
            name = f"{_DUTY_NAMES[n % len(_DUTY_NAMES)]}（第{n + 1}项）"
            items.append(
                ListItem(
                    kind,
                    name,
                    number=number,
                    content="组织村(社区)“两委”成员按规定开展工作，及时公开村务、党务、财务，"
                    "接受村民监督；按季度向乡镇(街道)报告工作情况。",
                    basis="《中华人民共和国村民委员会组织法》第二条、第八条",
                    department="乡镇党委组织办",
                    nature=ItemNature.LONG_TERM,
                )
            )
        elif kind == "assist":
            name = f"{_ASSIST_NAMES[n % len(_ASSIST_NAMES)]}（第{n + 1}项）"
            items.append(
                ListItem(
                    kind,
                    name,
                    number=number,
                    content="协助入户宣传、通知相关人员，发现问题及时报告主管部门，不承担审核责任。",
                    basis="《社会保险法》第八十二条；省人社厅〔2023〕5号",
                    department="县人力资源和社会保障局",
                    nature=ItemNature.STAGED,
                )
            )
        elif kind == "negative":
            items.append(
                ListItem(
                    kind,
                    f"要求村(社区)开展招商引资任务（第{n + 1}项）",
                    number=number,
                    content="不得将招商引资、协税护税、行政执法等任务交由村(社区)承担。",
                    basis="厅字〔2022〕28号",
                    department="县发展和改革局",
                )
            )
        elif kind == "cert_allowed":
            items.append(
                ListItem(
                    kind,
                    f"村民居住情况证明（第{n + 1}项）",
                    number=number,
                    purpose="办理子女入学、户籍登记时证明实际居住情况",
                    basis="《村民委员会组织法》",
                )
            )
        else:
            items.append(
                ListItem(
                    kind,
                    f"亲属关系证明（第{n + 1}项）",
                    number=number,
                    purpose="办理继承、保险理赔",
                    alternative_route=AlternativeRoute.DEPARTMENT_CHECK,
                    alternative_detail="由公安机关通过户籍信息核查",
                )
            )
    return items
