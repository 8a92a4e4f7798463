"""All the services of one open database, built once and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from jianfu.services.context import AppContext
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import ListsService
from jianfu.services.settings import SettingsService
from jianfu.services.units import UnitsService


@dataclass(frozen=True)
class Services:
    """The service objects the screens call."""

    ctx: AppContext
    units: UnitsService
    departments: DepartmentsService
    settings: SettingsService
    lists: ListsService

    @classmethod
    def create(cls, ctx: AppContext) -> Services:
        """Build every service on ``ctx``."""
        return cls(
            ctx=ctx,
            units=UnitsService(ctx),
            departments=DepartmentsService(ctx),
            settings=SettingsService(ctx),
            lists=ListsService(ctx),
        )
