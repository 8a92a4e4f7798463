"""Demo burdens (其他负担): a share of realistic entries per village, some cleaned up."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from jianfu.db.models_burdens import BurdenRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import burdens as repo
from jianfu.db.township import township_id_of_session
from jianfu.demo.resources import demo_file
from jianfu.domain.burdens import CleanupAction
from jianfu.services.burdens import ENTITY, BurdensService
from jianfu.services.context import AppContext


def seed_demo_burdens(ctx: AppContext, today: dt.date | None = None) -> int:
    """Give each demo village a share of realistic burdens, some already cleaned up.

    Does nothing (returns 0) when the township's ledger already holds entries.
    """
    today = today or dt.date.today()
    entries = json.loads(demo_file("burdens.json").read_text("utf-8"))["entries"]
    with ctx.unit_of_work() as s:
        mine = BurdenRow.township_id == township_id_of_session(s)
        if s.execute(select(func.count()).select_from(BurdenRow).where(mine)).scalar_one():
            return 0
        type_ids = repo.type_ids(s)
        villages = BurdensService._villages(s)
        added = 0
        for v, unit in enumerate(villages):
            for e, (code, name, department, frequency, basis) in enumerate(entries):
                if (v + e) % 3 == 2:
                    continue  # not every village has every burden
                turn = (v * 7 + e * 3) % 10
                action: CleanupAction | None = None
                on: dt.date | None = None
                if turn < 3:
                    action, on = CleanupAction.MERGED, today - dt.timedelta(days=20 + 9 * turn)
                elif turn < 6:
                    action, on = CleanupAction.CANCELLED, today - dt.timedelta(days=15 + 11 * turn)
                elif turn == 6:
                    action, on = CleanupAction.KEPT, today - dt.timedelta(days=40)
                s.add(
                    BurdenRow(
                        unit_id=unit.id,
                        type_id=type_ids[code],
                        name=name,
                        department=department,
                        frequency=frequency,
                        basis=basis,
                        action=action.value if action else None,
                        action_date=on,
                        notes="",
                    )
                )
                added += 1
        s.flush()
        audit.record(
            s, operator=ctx.operator, action="导入演示数据", entity=ENTITY, after={"entries": added}
        )
    return added
