"""Administrative units: the township itself and its villages/communities (村(社区))."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.text import check_length, check_required, clean

T = TypeVar("T")

NAME_MAX = 40
NOTES_MAX = 500


class UnitType(StrEnum):
    """What kind of unit a record is; the value is what the clerk reads."""

    CITY = "市"
    COUNTY = "县(市、区)"
    TOWNSHIP = "乡镇(街道)"
    VILLAGE = "村"
    URBAN_COMMUNITY = "城市社区"
    RURAL_COMMUNITY = "涉农社区"

    @classmethod
    def village_types(cls) -> tuple[UnitType, ...]:
        """The types a village/community can have (everything but the township)."""
        return (cls.VILLAGE, cls.URBAN_COMMUNITY, cls.RURAL_COMMUNITY)


@dataclass(frozen=True)
class Unit:
    """A village or community (or the township itself) as the rest of the app sees it."""

    id: int
    name: str
    type: UnitType
    sort_order: int
    active: bool
    notes: str = ""
    version: int = 1
    township: str = ""  # the township of a village, listed above the township level
    township_id: int | None = None  # that township's id (set with ``township``)


@dataclass(frozen=True)
class UnitInput:
    """What the clerk typed into the unit form, before validation."""

    name: str
    type: UnitType = UnitType.VILLAGE
    sort_order: int = 0
    notes: str = ""

    def cleaned(self) -> UnitInput:
        """Return a copy with the text fields trimmed, or raise ``ValidationError``."""
        name, notes = clean(self.name), clean(self.notes)
        problems: list[FieldProblem] = []
        problems += check_required("name", "名称", name, NAME_MAX)
        problems += check_length("notes", "备注", notes, NOTES_MAX)
        if self.type not in UnitType.village_types():
            problems.append(FieldProblem("type", "类型只能是 村、城市社区 或 涉农社区"))
        if not 0 <= self.sort_order <= 99999:
            problems.append(FieldProblem("sort_order", "排序号应在 0 到 99999 之间"))
        if problems:
            raise ValidationError(problems)
        return UnitInput(name=name, type=self.type, sort_order=self.sort_order, notes=notes)


def township_label(name: str, county: str = "") -> str:
    """A township led by its county as units are written where names repeat across counties
    (南屏县/城关镇), or its name alone without one."""
    return f"{county}/{name}" if county else name


def village_label(township: str, name: str, between: str = " ") -> str:
    """A village led by its township (石门乡 清溪村), or the village alone without one."""
    return f"{township}{between}{name}" if township else name


@dataclass(frozen=True)
class VillageTownships:
    """Each village's township and place in the lists of several townships (a county's or a
    city's): township by township, each in its own order. A county has villages of one name
    in several townships, so what it lists, prints or exports names the village's township.
    Empty (no village has a township) at a township, whose villages need none."""

    places: Mapping[int, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, villages: Iterable[Unit]) -> VillageTownships:
        """From the villages in the order listed, each with its ``township`` (set above the
        township)."""
        return cls({v.id: (i, v.township) for i, v in enumerate(villages)})

    def township(self, village_id: int | None) -> str:
        """The village's township; "" for one not known (or at a township)."""
        return self.places.get(village_id or 0, (0, ""))[1]

    def label(self, village_id: int | None, name: str, between: str = " ") -> str:
        """The village's name led by its township (see :func:`village_label`)."""
        return village_label(self.township(village_id), name, between)

    def in_order(self, items: Iterable[T], village_of: Callable[[T], int | None]) -> list[T]:
        """``items`` township by township, in each one's order of its villages; stable, so
        the items of a village keep their order, and those of unknown villages come last."""
        last = len(self.places)
        return sorted(items, key=lambda item: self.places.get(village_of(item) or 0, (last,))[0])
