"""操作记录: browse and filter the audit trail, see before/after side by side, check the chain."""

from __future__ import annotations

from jianfu.ui.audit.browser import AuditWidget, make_audit_widget

__all__ = ["AuditWidget", "make_audit_widget"]
