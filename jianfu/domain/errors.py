"""Errors that carry a message a clerk can read (Simplified Chinese)."""

from __future__ import annotations

from dataclasses import dataclass


class JianfuError(Exception):
    """Base of every error the app expects; ``str(err)`` is shown to the clerk as it is."""


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of a form, e.g. ``("name", "名称不能为空")``."""

    field: str
    message: str


class ValidationError(JianfuError):
    """The input was refused; ``problems`` say which field is wrong and why."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        if isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("；".join(p.message for p in self.problems))

    def for_field(self, field: str) -> str | None:
        """The message for ``field``, or ``None`` when that field is fine."""
        for p in self.problems:
            if p.field == field:
                return p.message
        return None


class NotFoundError(JianfuError):
    """A record that the caller named does not exist (any more)."""


class ConflictError(JianfuError):
    """Someone else changed the record since it was read; nothing was saved."""


class DatabaseError(JianfuError):
    """The database cannot be opened or used; the message says why and what to do."""


class PasswordRefusedError(DatabaseError):
    """The server wants a password for the login, or refused the one given; the window asks
    for it (``wrong``: one was given). ``login`` is the address's user ("" when it names none),
    ``server`` the server as the status bar names it."""

    def __init__(self, message: str, *, login: str, server: str, wrong: bool) -> None:
        super().__init__(message)
        self.login = login
        self.server = server
        self.wrong = wrong
