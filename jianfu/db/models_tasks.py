"""ORM rows: task requests (事项审核), admission cases (准入审批) and steps, workday overrides."""

from __future__ import annotations
