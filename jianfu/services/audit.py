"""The audit trail for the screen and the command line: browse, filter, check the chain."""

from __future__ import annotations

from dataclasses import replace

from jianfu.db.repositories import audit as repo
from jianfu.domain.audit import AuditEntry, AuditFilter, ChainCheck
from jianfu.domain.paging import Page
from jianfu.services import audit_anchor
from jianfu.services.context import AppContext


class AuditService:
    """Read-only access to the hash-chained 操作记录."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def page(self, f: AuditFilter, offset: int = 0, limit: int = 200) -> Page[AuditEntry]:
        """One page of the entries matching ``f``, newest first."""
        from jianfu.services.people import lists_townships

        with self.ctx.unit_of_work() as s:
            page = repo.page(s, f, offset, limit)
            if not page.rows or not lists_townships(self.ctx):
                return page
            # several townships' entries: each operator with their unit
            units = repo.operator_units(s, {e.operator for e in page.rows})
        rows = [replace(e, operator_unit=units.get(e.operator, "")) for e in page.rows]
        return replace(page, rows=rows)

    def choices(self) -> dict[str, list[str]]:
        """The operators, entity types and actions seen so far, for the filter boxes."""
        with self.ctx.unit_of_work() as s:
            return {c: repo.distinct(s, c) for c in ("operator", "entity", "action")}

    def count(self) -> int:
        """How many entries the trail holds."""
        with self.ctx.unit_of_work() as s:
            return repo.count(s)

    def verify(self) -> ChainCheck:
        """Check every entry's hash against its content and the previous entry, and (SQLite)
        that the newest entries the anchor beside the database saw are still there."""
        with self.ctx.unit_of_work() as s:
            check = repo.check_chain(s)
            path = self.ctx.database.sqlite_path
            if path is None:
                return check
            audit_anchor.flush(path)  # the anchor due after the last saves, first
            problem, note = audit_anchor.compare(
                s, audit_anchor.read(audit_anchor.anchor_file(path))
            )
            if not problem and check.ok:  # from now on this state is what later checks compare
                audit_anchor.update_after_commit(s, path)
            return replace(check, anchor_problem=problem, anchor_note=note)
