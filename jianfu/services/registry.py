"""All the services of one open database, built once and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from jianfu.services.audit import AuditService
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from jianfu.services.calendar import CalendarService
from jianfu.services.cases import CasesService
from jianfu.services.certificates import CertificatesService
from jianfu.services.checks import ChecksService
from jianfu.services.context import AppContext
from jianfu.services.departments import DepartmentsService
from jianfu.services.lists import ListsService
from jianfu.services.report import ReportService
from jianfu.services.settings import SettingsService
from jianfu.services.tasks import TasksService
from jianfu.services.units import UnitsService


@dataclass(frozen=True)
class Services:
    """The service objects the screens call."""

    ctx: AppContext
    units: UnitsService
    departments: DepartmentsService
    settings: SettingsService
    lists: ListsService
    tasks: TasksService
    cases: CasesService
    burdens: BurdensService
    certificates: CertificatesService
    boards: BoardsService
    report: ReportService
    audit: AuditService
    checks: ChecksService
    calendar: CalendarService

    @classmethod
    def create(cls, ctx: AppContext) -> Services:
        """Build every service on ``ctx``."""
        lists = ListsService(ctx)
        return cls(
            ctx=ctx,
            units=UnitsService(ctx),
            departments=DepartmentsService(ctx),
            settings=SettingsService(ctx),
            lists=lists,
            tasks=TasksService(ctx, lists),
            cases=CasesService(ctx, lists),
            burdens=BurdensService(ctx),
            certificates=CertificatesService(ctx, lists),
            boards=BoardsService(ctx),
            report=ReportService(ctx),
            audit=AuditService(ctx),
            checks=ChecksService(ctx),
            calendar=CalendarService(ctx),
        )
