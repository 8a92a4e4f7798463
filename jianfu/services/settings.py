"""Use cases for the township settings (设置)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jianfu.db import locks
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import (
    chosen_township,
    connected_person,
    server_login,
    township_id_of_session,
)
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
    """Read and save the settings that every print-out reuses, per township.

    A clerk reads and saves their township's settings; an administrator (and the reviewer or
    the mechanism, who only read) the database-wide defaults every township falls back to. A
    single file, or the database's owner on a server with one township, works on that
    township's; the owner of a server with several townships on the defaults.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def edits_defaults(self) -> bool:
        """True when this person's settings are the database-wide defaults."""
        with self.ctx.unit_of_work() as s:
            return _scope(s, self.ctx.person) is None

    def load(self) -> TownshipSettings:
        """The current settings (defaults where nothing was saved yet)."""
        with self.ctx.unit_of_work() as s:
            return repo.load_for(s, _scope(s, self.ctx.person))

    def save(
        self, settings: TownshipSettings, expected: TownshipSettings | None = None
    ) -> TownshipSettings:
        """Validate and store; the township unit takes the township's name.

        ``expected`` is the settings as the form loaded them: when another clerk of the same
        township saved different settings since, ``ConflictError`` is raised and nothing is
        saved (the form then shows both versions side by side, as for other records). Saves
        of one township are serialised (``db.locks``), so two first saves on an empty
        database give one saved version and one conflict, never a raw database error.
        """
        settings.cleaned(defaults=True)  # the form's problems before any conflict
        try:
            return self._save(settings, expected)
        except IntegrityError as exc:  # another first save inserted the same keys first
            raise ConflictError(CONFLICT_MESSAGE) from exc

    def _save(
        self, settings: TownshipSettings, expected: TownshipSettings | None
    ) -> TownshipSettings:
        with self.ctx.unit_of_work() as s:
            locks.serialise(s, locks.SETTINGS, _scope(s, self.ctx.person) or 0)
            scope = _scope(s, self.ctx.person)
            before = repo.load_for(s, scope)
            if expected is not None and before != expected:
                raise ConflictError(CONFLICT_MESSAGE)
            if scope is None and not units_repo.has_township(s):  # the file's first save
                scope = units_repo.ensure_township(s, settings.cleaned().township_name).id
            settings = settings.cleaned(defaults=scope is None)
            repo.save(s, settings, scope)
            if (
                settings.preparer
                and not self.ctx.login  # on a server the connection names who is working
                and self.ctx.operator in (default_operator(), before.preparer)
            ):
                self.ctx.operator = settings.preparer
            if scope is not None:
                units_repo.ensure_township(s, settings.township_name)
            if before != settings:
                audit.record(
                    s,
                    operator=self.ctx.operator,
                    action="修改",
                    entity="settings",
                    entity_id=scope if scope is not None else "",
                    before=asdict(before),
                    after=asdict(settings),
                )
            return settings


def _scope(session: Session, person: object | None = None) -> int | None:
    """Whose settings the connected person works on: a township's id, None for the defaults.

    ``person``: the context's (``AppContext.person``), else the connection's.
    """
    person = person or connected_person(session)
    role = getattr(person, "role", None)
    if role == "clerk":
        unit_id = getattr(person, "unit_id", None)
        return int(unit_id) if unit_id is not None else township_id_of_session(session)
    if person is not None:
        return None
    if units_repo.township_count(session) > 1:
        return chosen_township(session)  # the owner acting for one township, else defaults
    return township_id_of_session(session)
