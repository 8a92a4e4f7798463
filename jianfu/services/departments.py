"""Use cases for departments (部门 management)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from jianfu.db.models import DepartmentRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import departments as repo
from jianfu.domain.departments import Department, DepartmentInput
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.paging import Page
from jianfu.services.context import AppContext
from jianfu.services.records import load_for_update, snapshot


class DepartmentsService:
    """Add, edit, deactivate and list departments."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def list_page(
        self, query: str = "", *, include_inactive: bool = True, offset: int = 0, limit: int = 200
    ) -> Page[Department]:
        """One page of departments matching ``query`` (name or short name)."""
        with self.ctx.unit_of_work() as s:
            return repo.page(
                s,
                query=query.strip(),
                include_inactive=include_inactive,
                offset=offset,
                limit=limit,
            )

    def get(self, department_id: int) -> Department:
        """One department."""
        with self.ctx.unit_of_work() as s:
            return repo.to_domain(load_for_update(s, DepartmentRow, department_id, None, "部门"))

    def add_department(self, data: DepartmentInput) -> Department:
        """Create a department; full names are unique."""
        data = data.cleaned()
        with self.ctx.unit_of_work() as s:
            self._check_unique(s, data.name, None)
            row = DepartmentRow(
                name=data.name,
                short_name=data.short_name,
                level=data.level.value,
                sort_order=data.sort_order or repo.max_sort_order(s) + 10,
                active=True,
            )
            s.add(row)
            s.flush()
            dep = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="新增",
                entity="department",
                entity_id=row.id,
                after=snapshot(dep),
            )
            return dep

    def update_department(
        self, department_id: int, data: DepartmentInput, expected_version: int
    ) -> Department:
        """Save an edit; refused when someone else changed the record since it was read."""
        data = data.cleaned()
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, DepartmentRow, department_id, expected_version, "部门")
            before = snapshot(repo.to_domain(row))
            self._check_unique(s, data.name, row.id)
            row.name, row.short_name, row.level = data.name, data.short_name, data.level.value
            row.sort_order = data.sort_order
            s.flush()
            dep = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="修改",
                entity="department",
                entity_id=row.id,
                before=before,
                after=snapshot(dep),
            )
            return dep

    def set_active(self, department_id: int, active: bool, expected_version: int) -> Department:
        """Deactivate or reactivate; a department is never deleted (records point to it)."""
        with self.ctx.unit_of_work() as s:
            row = load_for_update(s, DepartmentRow, department_id, expected_version, "部门")
            before = snapshot(repo.to_domain(row))
            row.active = active
            s.flush()
            dep = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action="启用" if active else "停用",
                entity="department",
                entity_id=row.id,
                before=before,
                after=snapshot(dep),
            )
            return dep

    @staticmethod
    def _check_unique(s: Session, name: str, own_id: int | None) -> None:
        other = repo.find_by_name(s, name)
        if other is not None and other.id != own_id:
            raise ValidationError(FieldProblem("name", f"已有名为“{name}”的部门"))
