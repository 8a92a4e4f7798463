"""Demo signboards: a realistic ledger for each demo village, part of it already cleaned."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from jianfu.db.models import UnitRow
from jianfu.db.models_boards import BoardInspectionRow, SignboardRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import boards as repo
from jianfu.db.township import township_id_of_session
from jianfu.domain.boards import BoardStatus, Disposition, Placement
from jianfu.services.context import AppContext

# (name pattern, category, placement, room, department)
_OUTSIDE_ALLOWED = (
    ("中共{v}支部委员会", "门牌", "", "乡镇党委"),
    ("{v}村民委员会", "门牌", "", "乡镇人民政府"),
    ("{v}村务监督委员会", "门牌", "", "乡镇纪委"),
    ("{v}股份经济合作社", "门牌", "", "县农业农村局"),
    ("{v}党群服务中心", "阵地标识", "", "县委组织部"),
    ("新时代文明实践站", "阵地标识", "", "县委宣传部"),
)
_OUTSIDE_FLAGGED = (
    ("{v}综治中心", "吊牌", "县委政法委"),
    ("{v}农家书屋", "吊牌", "县委宣传部"),
    ("{v}妇女之家", "方牌", "县妇联"),
    ("{v}老年人协会", "方牌", "县民政局"),
    ("{v}人民调解委员会", "吊牌", "县司法局"),
    ("{v}计划生育协会", "方牌", "县卫生健康局"),
    ("{v}禁毒工作站", "吊牌", "县公安局"),
    ("{v}网格化服务管理工作站", "方牌", "县委政法委"),
    ("{v}退役军人服务站", "方牌", "县退役军人事务局"),
    ("{v}科普活动站", "方牌", "县科协"),
)
_INSIDE = (
    ("村两委议事规则", "制度牌", "会议室", "乡镇党委"),
    ("四议两公开工作流程", "制度牌", "会议室", "乡镇党委"),
    ("财务管理制度", "制度牌", "办公室", "县农业农村局"),
    ("值班制度", "制度牌", "办公室", "乡镇人民政府"),
    ("安全生产工作职责", "制度牌", "办公室", "县应急管理局"),
    ("调解员岗位职责", "制度牌", "调解室", "县司法局"),
    ("图书借阅制度", "制度牌", "阅览室", "县委宣传部"),
    ("党员活动室", "门牌", "二楼", "乡镇党委"),
    ("便民服务代办点", "桌牌", "服务大厅", "乡镇人民政府"),
    ("社保业务窗口", "桌牌", "服务大厅", "县人力资源和社会保障局"),
)


def seed_demo_boards(ctx: AppContext, today: dt.date | None = None) -> int:
    """Fill the ledger of every village of the session's township once; returns how many."""
    today = today or dt.date.today()
    rng = random.Random(20250812)
    with ctx.unit_of_work() as s:
        town = township_id_of_session(s)
        mine = SignboardRow.township_id == town
        if s.execute(select(SignboardRow.id).where(mine).limit(1)).first() is not None:
            return 0
        villages = s.execute(
            select(UnitRow.id, UnitRow.name)
            .where(UnitRow.parent_id == town)
            .order_by(UnitRow.sort_order)
        ).all()
        cats = repo.category_ids(s)
        rules = repo.allowed_set(s)
        found_on = today - dt.timedelta(days=150)
        added = 0
        for village_id, village in villages:
            short = village
            rows: list[tuple[str, str, Placement, str, str]] = []
            rows += [
                (n.format(v=short), c, Placement.OUTSIDE, "", d) for n, c, _r, d in _OUTSIDE_ALLOWED
            ]
            for n, c, d in rng.sample(_OUTSIDE_FLAGGED, rng.randint(4, 8)):
                rows.append((n.format(v=short), c, Placement.OUTSIDE, "", d))
            for n, c, room, d in rng.sample(_INSIDE, rng.randint(5, 9)):
                rows.append((n, c, Placement.INSIDE, room, d))
            for name, cat, placement, room, dept in rows:
                allowed = rules.allows(name, placement)
                row = SignboardRow(
                    unit_id=village_id,
                    name=name,
                    category_id=cats[cat],
                    placement=placement.value,
                    room=room,
                    department=dept,
                    basis="",
                    size_material="铝合金 60×40cm" if placement is Placement.OUTSIDE else "",
                    quantity=1,
                    registered_on=found_on,
                    allowed=allowed,
                    status=BoardStatus.PENDING.value,
                    first_reviewer="",
                    second_reviewer="",
                )
                roll = rng.random()
                if allowed:
                    row.disposition = Disposition.KEEP.value
                    row.disposed_on = found_on + dt.timedelta(days=10)
                    row.status = BoardStatus.DISPOSED.value
                elif roll < 0.55:
                    row.disposition = Disposition.REMOVE.value
                    row.disposed_on = found_on + dt.timedelta(days=rng.randint(10, 90))
                    row.status = (
                        BoardStatus.CLOSED.value if roll < 0.35 else BoardStatus.DISPOSED.value
                    )
                    row.first_reviewer = "林晓燕"
                    if row.status == BoardStatus.CLOSED.value:
                        row.second_reviewer = "陈建国"
                elif roll < 0.65:
                    row.disposition = Disposition.MERGE.value
                    row.disposed_on = found_on + dt.timedelta(days=rng.randint(10, 90))
                    row.status = BoardStatus.DISPOSED.value
                    row.first_reviewer = "林晓燕"
                s.add(row)
                added += 1
        s.flush()
        # One relapse: a removed board found hanging again at the re-inspection.
        removed = s.execute(
            select(SignboardRow)
            .where(mine, SignboardRow.disposition == Disposition.REMOVE.value)
            .order_by(SignboardRow.id)
            .limit(2)
        ).scalars()
        for row in removed:
            checked_on = min(today, (row.disposed_on or today) + dt.timedelta(days=30))
            s.add(
                BoardInspectionRow(
                    board_id=row.id,
                    inspected_on=checked_on,
                    inspector="陈建国",
                    finding="迎检前又挂回原处",
                    found_hanging=True,
                    relapse=True,
                )
            )
            row.status = BoardStatus.RELAPSED.value
            row.relapse_count = 1
            row.relapsed_on = checked_on
            row.last_inspected_on = checked_on
        audit.record(
            s,
            operator=ctx.operator,
            action="导入演示数据",
            entity="signboard",
            after={"boards": added},
        )
        return added
