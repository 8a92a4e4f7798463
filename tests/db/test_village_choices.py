"""Every flow offers the same villages/communities, as ``Unit``s, from one place."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from jianfu.db.models import UnitRow
from jianfu.domain.units import UnitInput, UnitType
from jianfu.services import units
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from jianfu.services.certificates import CertificatesService
from jianfu.services.lists import ListsService
from jianfu.services.tasks import TasksService
from jianfu.services.units import UnitsService


def _flows(ctx):
    lists = ListsService(ctx)
    return {
        "boards": BoardsService(ctx),
        "certificates": CertificatesService(ctx, lists),
        "tasks": TasksService(ctx, lists),
    }


def test_every_flow_offers_the_townships_active_villages_in_order(demo_ctx):
    service = UnitsService(demo_ctx)
    first = service.list_page().rows[0]
    service.set_active(first.id, False, first.version)
    active = list(service.list_page(include_inactive=False, limit=1000).rows)
    assert first.id not in {u.id for u in active}
    assert units.villages(demo_ctx) == active
    for name, flow in _flows(demo_ctx).items():
        assert flow.villages() == active, name
    # the other-burdens ledger still names the village no longer active, after the others
    offered = BurdensService(demo_ctx).villages()
    assert [u.id for u in offered] == [*(u.id for u in active), first.id]


def test_above_a_township_every_township_below_and_nothing_else(demo_ctx):
    """A county's reviewer is offered the villages of its townships, never a township."""
    service = UnitsService(demo_ctx)
    with demo_ctx.unit_of_work() as s:
        is_township = UnitRow.type == UnitType.TOWNSHIP.value
        town = s.execute(select(UnitRow).where(is_township)).scalar_one()
        county = UnitRow(name="南屏县", type=UnitType.COUNTY.value)
        s.add(county)
        s.flush()
        town.parent_id = county.id
        other = UnitRow(name="东岭镇", type=UnitType.TOWNSHIP.value, parent_id=county.id)
        s.add(other)
        s.flush()
        s.add(UnitRow(name="东岭村", type=UnitType.VILLAGE.value, parent_id=other.id))
        ids = (county.id, town.name)
    at_township = units.villages(demo_ctx)
    demo_ctx.person = SimpleNamespace(role="reviewer", unit_id=ids[0])
    offered = units.villages(demo_ctx)
    assert [u.name for u in offered] == [*(u.name for u in at_township), "东岭村"]
    assert {u.township for u in offered} == {ids[1], "东岭镇"}
    assert BoardsService(demo_ctx).villages() == offered
    assert service.list_page(limit=1000).rows == offered


def test_no_township_yet_offers_nothing(ctx):
    assert units.villages(ctx) == []
    assert UnitsService(ctx).list_page(include_inactive=True).total == 0
    UnitsService(ctx).add_unit(UnitInput("清溪村"))
    assert [u.name for u in units.villages(ctx)] == ["清溪村"]
