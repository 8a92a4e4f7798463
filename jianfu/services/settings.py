"""Use cases for the township settings (设置)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jianfu.db import locks
from jianfu.db.models import UnitRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as repo
from jianfu.db.repositories import units as units_repo
from jianfu.db.township import (
    chosen_township,
    connected_person,
    is_database_owner,
    server_login,
    township_id_of_session,
    unregistered_person,
)
from jianfu.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from jianfu.domain.settings import TownshipSettings
from jianfu.domain.units import UnitType
from jianfu.services.context import AppContext, default_operator
from jianfu.services.people import write_refusal

CONFLICT_MESSAGE = "乡镇设置刚被其他人修改过，未保存。请对照对方保存的内容后再改。"


def use_preparer_as_operator(ctx: AppContext) -> None:
    """Sign the clerk's work with the 填表人 of the settings, not the computer's login name.

    Left alone when someone chose the operator explicitly (a test, a named database login).
    """
    with ctx.unit_of_work() as s:
        person = connected_person(s)
        login = server_login(s)
        if login and person is None and not is_database_owner(s):
            # a login of the server with no person here: not the administrator
            person = unregistered_person(login)
        preparer = "" if person is not None else repo.load_township(s).preparer
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


#: what the picker and ``jianfu settings`` call the database-wide defaults
DEFAULTS_LABEL = "各乡镇默认设置"


class SettingsService:
    """Read and save the settings that every print-out reuses, per township.

    A clerk reads and saves their township's settings; an administrator (and the reviewer or
    the mechanism, who only read) the database-wide defaults every township falls back to. A
    single file, or the database's owner on a server with one township, works on that
    township's; the owner of a server with several townships on the defaults.

    ``township_id`` (the methods' last argument): one particular township's settings instead
    of the person's own, for the administrator (or the owner) of several townships; a clerk
    may name only their own township, the reviewer and the mechanism read those below them.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def edits_defaults(self, township_id: int | None = None) -> bool:
        """True when this person's settings (or ``township_id``'s) are the defaults."""
        return self.scope(township_id) is None

    def scope(self, township_id: int | None = None) -> int | None:
        """The township whose settings are meant (``township_id`` checked against the
        person's reach, else the person's own); None: the defaults."""
        with self.ctx.unit_of_work() as s:
            return self._target(s, township_id, write=False)

    def load(self, township_id: int | None = None) -> TownshipSettings:
        """The current settings (defaults where nothing was saved yet)."""
        with self.ctx.unit_of_work() as s:
            return repo.load_for(s, self._target(s, township_id, write=False))

    def own_fields(self, township_id: int | None = None) -> frozenset[str]:
        """The fields the township has set itself (the others follow the defaults); the
        defaults themselves: none. The township's name is always its own."""
        with self.ctx.unit_of_work() as s:
            scope = self._target(s, township_id, write=False)
            if scope is None:
                return frozenset()
            prefix = repo.PREFIX
            own = {k[len(prefix) :] for k in repo.load_raw(s, scope) if k.startswith(prefix)}
            return frozenset(own | {"township_name"})

    def defaults(self) -> TownshipSettings:
        """The database-wide defaults every township falls back to."""
        with self.ctx.unit_of_work() as s:
            return repo.load_defaults(s)

    def townships(self) -> list[tuple[int, str]]:
        """The townships whose own settings this person may edit one by one, as (id, label):
        for the administrator (or the database's owner) of more than one township, every
        township, named ``县/乡镇`` where names repeat; else [] (a clerk edits their own, a
        single file its one township)."""
        if getattr(self.ctx.person, "role", None) not in (None, "admin"):
            return []
        with self.ctx.unit_of_work() as s:
            if units_repo.township_count(s) < 2:
                return []
            rows = units_repo.townships_with_parents(s)
        repeated = Counter(name for _id, name, _parent in rows)
        return [
            (town_id, f"{parent}/{name}" if repeated[name] > 1 and parent else name)
            for town_id, name, parent in rows
        ]

    def township_named(self, name: str) -> tuple[int, str]:
        """The township called ``name`` (``县/乡镇`` when names repeat, as ``jianfu report
        --unit``) and its full name, checked against the connected person's reach."""
        with self.ctx.unit_of_work() as s:
            row = units_repo.named_one(s, name, empty="请填写乡镇(街道)名称，如 清溪镇。")
            if row.type != UnitType.TOWNSHIP.value:
                raise ValidationError(
                    FieldProblem(
                        "unit",
                        f"“{row.name}”是{row.type}：设置按乡镇(街道)保存，请填乡镇(街道)的名称"
                        "（不写 --unit 时是各乡镇的默认设置）。"
                        if row.type in (UnitType.COUNTY.value, UnitType.CITY.value)
                        else f"“{row.name}”是{row.type}：设置按乡镇(街道)保存，"
                        "请填它所属的乡镇(街道)。",
                    )
                )
            self._target(s, row.id, write=False)
            parent = row.parent.name if row.parent is not None else ""
            return row.id, f"{parent}/{row.name}" if parent else row.name

    def save(
        self,
        settings: TownshipSettings,
        expected: TownshipSettings | None = None,
        township_id: int | None = None,
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
            return self._save(settings, expected, township_id)
        except IntegrityError as exc:  # another first save inserted the same keys first
            raise ConflictError(CONFLICT_MESSAGE) from exc

    def _save(
        self,
        settings: TownshipSettings,
        expected: TownshipSettings | None,
        township_id: int | None,
    ) -> TownshipSettings:
        with self.ctx.unit_of_work() as s:
            # One lock for every settings save, taken before anything is read: whose settings
            # are meant can change while a colleague's save waits (a file's first save makes
            # its township), so it is decided under the lock. Settings are saved rarely.
            locks.serialise(s, locks.SETTINGS)
            scope = self._target(s, township_id, write=True)
            before = repo.load_for(s, scope)
            if expected is not None and before != expected:
                raise ConflictError(CONFLICT_MESSAGE)
            if scope is None and not units_repo.has_township(s):  # the file's first save
                scope = units_repo.ensure_township(s, settings.cleaned().township_name).id
            settings = settings.cleaned(defaults=scope is None)
            repo.save(s, settings, scope)
            if (
                settings.preparer
                and township_id is None  # one's own settings, not another township's
                and not self.ctx.login  # on a server the connection names who is working
                and self.ctx.operator in (default_operator(), before.preparer)
            ):
                self.ctx.operator = settings.preparer
            if scope is not None:
                unit = s.get(UnitRow, scope)
                if unit is not None and settings.township_name != unit.name:
                    unit.name = settings.township_name
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

    def _target(self, s: Session, township_id: int | None, *, write: bool) -> int | None:
        """The township whose settings are meant (None: the defaults), or a Chinese refusal
        when it is outside the connected person's reach."""
        person = self.ctx.person or connected_person(s)
        if township_id is None:
            return _scope(s, self.ctx.person)
        unit = s.get(UnitRow, township_id)
        if unit is None or unit.type != UnitType.TOWNSHIP.value:
            raise NotFoundError(f"编号为 {township_id} 的单位不存在或不是乡镇(街道)。")
        role = getattr(person, "role", None)
        unit_id = getattr(person, "unit_id", None)
        if role == "clerk" and unit_id != township_id:
            raise ValidationError(
                FieldProblem(
                    "unit",
                    f"乡镇经办人员只能查看和修改本乡镇（{getattr(person, 'unit_name', '')}）"
                    f"的设置，不能查看或修改“{unit.name}”的设置。",
                )
            )
        if role in ("reviewer", "mechanism") and (
            unit_id is None or township_id not in units_repo.townships_below(s, unit_id)
        ):
            raise ValidationError(
                FieldProblem(
                    "unit",
                    f"“{unit.name}”不在您的单位（{getattr(person, 'unit_name', '')}）之内，"
                    "不能查看它的设置。",
                )
            )
        if write and role not in (None, "admin", "clerk"):  # also an unregistered login
            raise ValidationError(
                FieldProblem(
                    "unit",
                    "乡镇的设置由本乡镇经办人员或管理员修改；"
                    f"{write_refusal(person) or '当前登录的账号只能查看。'}",
                )
            )
        return township_id


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
