"""Use cases for villages/communities (村(社区) management)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from jianfu.db.models import UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories import units as repo
from jianfu.domain.errors import FieldProblem, NotFoundError, ValidationError
from jianfu.domain.paging import Page
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import Unit, UnitInput, UnitType, VillageTownships, township_label
from jianfu.services.context import AppContext
from jianfu.services.records import load_for_update, snapshot

VILLAGE_TYPE_VALUES = tuple(t.value for t in UnitType.village_types())


def above_name(ctx: AppContext, s: Session) -> str | None:
    """The name of the county or city the connected person works for, whose prints and
    exports (a register, a ledger, a 销号清单) are theirs, not their first township's;
    ``None`` at a township (or in a file)."""
    above = UnitsService(ctx).above_township
    row = s.get(UnitRow, above) if above is not None else None
    return row.name if row is not None else None


def print_settings(ctx: AppContext, s: Session) -> TownshipSettings:
    """The settings a print is headed and signed with: the township's own; above it named
    after the county or city whose print it is, with the signed-in person as 填表人 and no
    township's 审核人 or telephone (the city's 销号清单 was signed by its first township's)."""
    settings = settings_repo.load_township(s)
    name = above_name(ctx, s)
    if name is None:
        return settings
    person = getattr(ctx.person, "display_name", "") or ctx.operator
    return replace(settings, township_name=name, preparer=person, reviewer="", phone="")


def township_name(ctx: AppContext, s: Session, township_id: int) -> str:
    """A township's name as a print above it is titled with one township's (石门乡; led by its
    county, 南屏县/石门乡, where the lists name counties)."""
    row = s.get(UnitRow, township_id)
    if row is None:
        raise NotFoundError("找不到这个乡镇(街道)。")
    up = row.parent.name if row.parent and counties_named(ctx, s) else ""
    return township_label(row.name, up)


def villages(ctx: AppContext, *, include_inactive: bool = False) -> list[Unit]:
    """The villages/communities a screen offers as choices, in the clerk's order.

    At a township (or in a township's file): its villages. Above a township (a county's
    reviewer, the mechanism): those of every township below, each with its township's name,
    as the villages screen lists them. Inactive ones only when asked, after the active ones.
    Every flow's ``villages()`` is this.
    """
    above = UnitsService(ctx).above_township
    with ctx.unit_of_work() as s:
        named = False
        if above is not None:
            parents: int | list[int] = repo.townships_below(s, above)
            named = counties_named(ctx, s)
        else:
            town = repo.township(s)
            if town is None:
                return []
            parents = town.id
        page = repo.page(
            s,
            parents,
            include_inactive=include_inactive,
            offset=0,
            limit=1_000_000,
            with_county=named,
        )
        return list(page.rows)


def village_townships(ctx: AppContext) -> VillageTownships | None:
    """Above the township: every village's township and place (inactive ones too), for a
    print or an export of several townships' villages; ``None`` at a township."""
    if UnitsService(ctx).above_township is None:
        return None
    return VillageTownships.of(villages(ctx, include_inactive=True))


def counties_named(ctx: AppContext, s: Session) -> bool:
    """The lists name each township led by its county (南屏县/城关镇, ``township_label``): the
    reader's area (their unit's; the whole database's for a file or its owner) holds more than
    one county, and a township's name repeats across counties (two 石门乡 read as one)."""
    unit = getattr(ctx.person, "unit_id", None)
    return repo.counties_in_area(s, unit) > 1


def townships_in_view(ctx: AppContext, session: Session) -> list[int] | None:
    """The townships whose villages the connected person's figures list: a clerk's own, every
    one below a reviewer's or the mechanism's unit; None without a person (a township's file,
    the server's owner) or for an administrator, who see every village.
    """
    person = ctx.person
    unit_id = getattr(person, "unit_id", None)
    if person is None or unit_id is None or getattr(person, "role", None) == "admin":
        return None
    return repo.townships_below(session, unit_id)


class UnitsService:
    """Add, edit, deactivate and list the township's villages/communities."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def list_page(
        self, query: str = "", *, include_inactive: bool = True, offset: int = 0, limit: int = 200
    ) -> Page[Unit]:
        """One page of villages/communities matching ``query`` (name or notes); above the
        township (a county's reviewer, the mechanism) those of every township below, each
        with its township's name."""
        with self.ctx.unit_of_work() as s:
            above = self.above_township
            if above is not None:
                return repo.page(
                    s,
                    repo.townships_below(s, above),
                    query=query.strip(),
                    include_inactive=include_inactive,
                    offset=offset,
                    limit=limit,
                    with_county=counties_named(self.ctx, s),
                )
            town = repo.ensure_township(s, "")
            return repo.page(
                s,
                town.id,
                query=query.strip(),
                include_inactive=include_inactive,
                offset=offset,
                limit=limit,
            )

    @property
    def above_township(self) -> int | None:
        """The county or city the connected person works for; None at a township (or a file)."""
        person = self.ctx.person
        if (
            getattr(person, "role", None) in (None, "clerk")
            or getattr(person, "unit_id", None) is None
        ):
            return None
        with self.ctx.unit_of_work() as s:
            row = s.get(UnitRow, getattr(person, "unit_id", None))
            if row is None or row.type in (UnitType.TOWNSHIP.value, *VILLAGE_TYPE_VALUES):
                return None
            return row.id

    def get(self, unit_id: int) -> Unit:
        """One village/community."""
        with self.ctx.unit_of_work() as s:
            return repo.to_domain(self._row(s, unit_id))

    def add_unit(self, data: UnitInput) -> Unit:
        """Create a village/community; names are unique within the township."""
        data = data.cleaned()
        with self.ctx.unit_of_work() as s:
            town = repo.ensure_township(s, "")
            self._check_unique(s, town.id, data.name, None)
            sort_order = data.sort_order or self._next_order(s, town.id)
            row = UnitRow(
                parent_id=town.id,
                name=data.name,
                type=data.type.value,
                sort_order=sort_order,
                notes=data.notes,
                active=True,
            )
            s.add(row)
            s.flush()
            unit = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity="unit",
                entity_id=row.id,
                after=snapshot(unit),
            )
            return unit

    def update_unit(self, unit_id: int, data: UnitInput, expected_version: int) -> Unit:
        """Save an edit; refused when someone else changed the record since it was read."""
        data = data.cleaned()
        with self.ctx.unit_of_work() as s:
            row = self._row(s, unit_id, expected_version)
            before = snapshot(repo.to_domain(row))
            assert row.parent_id is not None
            self._check_unique(s, row.parent_id, data.name, row.id)
            row.name, row.type, row.notes = data.name, data.type.value, data.notes
            row.sort_order = data.sort_order
            s.flush()
            unit = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改",
                entity="unit",
                entity_id=row.id,
                before=before,
                after=snapshot(unit),
            )
            return unit

    def set_active(self, unit_id: int, active: bool, expected_version: int) -> Unit:
        """Deactivate (撤并/停用) or reactivate; records are kept, never deleted."""
        with self.ctx.unit_of_work() as s:
            row = self._row(s, unit_id, expected_version)
            before = snapshot(repo.to_domain(row))
            row.active = active
            s.flush()
            unit = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="启用" if active else "停用",
                entity="unit",
                entity_id=row.id,
                before=before,
                after=snapshot(unit),
            )
            return unit

    # ---- helpers

    @staticmethod
    def _row(s: Session, unit_id: int, expected_version: int | None = None) -> UnitRow:
        row = load_for_update(s, UnitRow, unit_id, expected_version, "村(社区)")
        if row.parent_id is None or row.type not in {t.value for t in UnitType.village_types()}:
            raise NotFoundError("乡镇本身不能在这里修改，请在“设置”中改名称。")
        return row

    @staticmethod
    def _check_unique(s: Session, parent_id: int, name: str, own_id: int | None) -> None:
        other = repo.find_by_name(s, parent_id, name)
        if other is not None and other.id != own_id:
            raise ValidationError(FieldProblem("name", f"本乡镇已有名为“{name}”的村(社区)"))

    @staticmethod
    def _next_order(s: Session, parent_id: int) -> int:
        return repo.max_sort_order(s, parent_id) + 10
