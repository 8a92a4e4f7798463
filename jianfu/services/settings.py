"""Use cases for the township settings (设置)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.exc import IntegrityError

from jianfu.db import locks
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import connected_person, server_login
from jianfu.domain.errors import ConflictError
from jianfu.domain.settings import TownshipSettings
from jianfu.services.context import AppContext, default_operator

CONFLICT_MESSAGE = "乡镇设置刚被其他人修改过，未保存。请对照对方保存的内容后再改。"


def use_preparer_as_operator(ctx: AppContext) -> None:
    """Sign the clerk's work with the 填表人 of the settings, not the computer's login name.

    Left alone when someone chose the operator explicitly (a test, a named database login).
    """
    with ctx.unit_of_work() as s:
        preparer = repo.load_township(s).preparer
        person = connected_person(s)
        login = server_login(s)
    ctx.login = login or ""
    if person is not None:  # a named login on a shared server signs as that person
        ctx.person = person
        ctx.operator = person.display_name[:40]
        return
    if login and ctx.operator in (default_operator(), ""):
        # the owner or a superuser on a shared server: the login role, never the OS login
        ctx.operator = login[:40]
        return
    if preparer and ctx.operator in (default_operator(), ""):
        ctx.operator = preparer


class SettingsService:
    """Read and save the settings that every print-out reuses."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def load(self) -> TownshipSettings:
        """The current settings (defaults where nothing was saved yet)."""
        with self.ctx.unit_of_work() as s:
            return repo.load_township(s)

    def save(
        self, settings: TownshipSettings, expected: TownshipSettings | None = None
    ) -> TownshipSettings:
        """Validate and store; the township unit takes the township's name.

        ``expected`` is the settings as the form loaded them: when another clerk saved
        different settings since, ``ConflictError`` is raised and nothing is saved (the form
        then shows both versions side by side, as for other records). Saves are serialised
        (``db.locks``), so two first saves on an empty database give one
        saved version and one conflict, never a raw database error.
        """
        settings = settings.cleaned()
        try:
            return self._save(settings, expected)
        except IntegrityError as exc:  # another first save inserted the same keys first
            raise ConflictError(CONFLICT_MESSAGE) from exc

    def _save(
        self, settings: TownshipSettings, expected: TownshipSettings | None
    ) -> TownshipSettings:
        with self.ctx.unit_of_work() as s:
            locks.serialise(s, locks.SETTINGS)
            before = repo.load_township(s)
            if expected is not None and before != expected:
                raise ConflictError(CONFLICT_MESSAGE)
            repo.save_township(s, settings)
            if (
                settings.preparer
                and not self.ctx.login  # on a server the connection names who is working
                and self.ctx.operator in (default_operator(), before.preparer)
            ):
                self.ctx.operator = settings.preparer
            units_repo.ensure_township(s, settings.township_name)
            if before != settings:
                audit.record(
                    s,
                    operator=self.ctx.operator,
                    action="修改",
                    entity="settings",
                    before=asdict(before),
                    after=asdict(settings),
                )
            return settings
