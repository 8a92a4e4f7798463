"""Use cases for the township settings (设置)."""

from __future__ import annotations

from dataclasses import asdict

from jianfu.db.repositories import audit
from jianfu.db.repositories import settings as repo
from jianfu.db.repositories import units as units_repo
from jianfu.domain.settings import TownshipSettings
from jianfu.services.context import AppContext


class SettingsService:
    """Read and save the settings that every print-out reuses."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def load(self) -> TownshipSettings:
        """The current settings (defaults where nothing was saved yet)."""
        with self.ctx.unit_of_work() as s:
            return repo.load_township(s)

    def save(self, settings: TownshipSettings) -> TownshipSettings:
        """Validate and store; the township unit takes the township's name."""
        settings = settings.cleaned()
        with self.ctx.unit_of_work() as s:
            before = repo.load_township(s)
            repo.save_township(s, settings)
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
