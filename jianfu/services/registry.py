"""All the services of one open database, each built (and its module imported) on first use.

Start-up needs only the first screen's services; building every service up front imported
ReportLab, Excel reading and every repository before the clerk saw a figure (see
``tests/bench/startup.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from jianfu.services.context import AppContext

if TYPE_CHECKING:
    from jianfu.services.audit import AuditService
    from jianfu.services.boards import BoardsService
    from jianfu.services.burdens import BurdensService
    from jianfu.services.calendar import CalendarService
    from jianfu.services.cases import CasesService
    from jianfu.services.certificates import CertificatesService
    from jianfu.services.checks import ChecksService
    from jianfu.services.departments import DepartmentsService
    from jianfu.services.lists import ListsService
    from jianfu.services.report import ReportService
    from jianfu.services.settings import SettingsService
    from jianfu.services.tasks import TasksService
    from jianfu.services.units import UnitsService

T = TypeVar("T")
_BUILD_LOCK = threading.RLock()  # screens' background jobs may ask for a service first


class _Lazy(Generic[T]):
    """A service attribute built by ``factory(services)`` the first time it is read."""

    def __init__(self, factory: Callable[[Services], T]) -> None:
        self._factory = factory
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type) -> _Lazy[T]: ...
    @overload
    def __get__(self, obj: Services, owner: type) -> T: ...
    def __get__(self, obj: Services | None, owner: type) -> Any:
        if obj is None:
            return self
        built = obj.__dict__.get(self._name)
        if built is None:
            with _BUILD_LOCK:
                built = obj.__dict__.get(self._name)
                if built is None:
                    built = self._factory(obj)
                    obj.__dict__[self._name] = built
        return built


def _units(s: Services) -> UnitsService:
    from jianfu.services.units import UnitsService

    return UnitsService(s.ctx)


def _departments(s: Services) -> DepartmentsService:
    from jianfu.services.departments import DepartmentsService

    return DepartmentsService(s.ctx)


def _settings(s: Services) -> SettingsService:
    from jianfu.services.settings import SettingsService

    return SettingsService(s.ctx)


def _lists(s: Services) -> ListsService:
    from jianfu.services.lists import ListsService

    return ListsService(s.ctx)


def _tasks(s: Services) -> TasksService:
    from jianfu.services.tasks import TasksService

    return TasksService(s.ctx, s.lists)


def _cases(s: Services) -> CasesService:
    from jianfu.services.cases import CasesService

    return CasesService(s.ctx, s.lists)


def _burdens(s: Services) -> BurdensService:
    from jianfu.services.burdens import BurdensService

    return BurdensService(s.ctx)


def _certificates(s: Services) -> CertificatesService:
    from jianfu.services.certificates import CertificatesService

    return CertificatesService(s.ctx, s.lists)


def _boards(s: Services) -> BoardsService:
    from jianfu.services.boards import BoardsService

    return BoardsService(s.ctx)


def _report(s: Services) -> ReportService:
    from jianfu.services.report import ReportService

    return ReportService(s.ctx)


def _audit(s: Services) -> AuditService:
    from jianfu.services.audit import AuditService

    return AuditService(s.ctx)


def _checks(s: Services) -> ChecksService:
    from jianfu.services.checks import ChecksService

    return ChecksService(s.ctx)


def _calendar(s: Services) -> CalendarService:
    from jianfu.services.calendar import CalendarService

    return CalendarService(s.ctx)


class Services:
    """The service objects the screens call, one set per open database."""

    units = _Lazy(_units)
    departments = _Lazy(_departments)
    settings = _Lazy(_settings)
    lists = _Lazy(_lists)
    tasks = _Lazy(_tasks)
    cases = _Lazy(_cases)
    burdens = _Lazy(_burdens)
    certificates = _Lazy(_certificates)
    boards = _Lazy(_boards)
    report = _Lazy(_report)
    audit = _Lazy(_audit)
    checks = _Lazy(_checks)
    calendar = _Lazy(_calendar)

    def __init__(self, ctx: AppContext, **given: object) -> None:
        """``given`` sets some services up front (tests hand in ones with a fixed clock)."""
        self.ctx = ctx
        for name, service in given.items():
            if not isinstance(getattr(type(self), name, None), _Lazy):
                raise TypeError(f"no service named {name!r}")
            self.__dict__[name] = service

    @classmethod
    def create(cls, ctx: AppContext) -> Services:
        """The services of ``ctx``; each is built the first time it is used."""
        return cls(ctx)

    def replace(self, **given: object) -> Services:
        """A copy with some services swapped (the others are shared with this one)."""
        built = {k: v for k, v in self.__dict__.items() if k != "ctx"}
        return Services(self.ctx, **{**built, **given})
