"""The embedded demo's records are signed by its 填表人, never by the computer's login name."""

from __future__ import annotations

from sqlalchemy import select

from jianfu.db.models import AuditRow
from jianfu.db.models_tasks import CaseStepRow
from jianfu.demo.township import seed_demo
from jianfu.services.context import default_operator
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService


def test_the_demo_cases_and_audit_name_the_demo_clerk(tmp_path):
    ctx = open_app(str(tmp_path / "demo.db"))
    try:
        assert ctx.operator == default_operator()  # nothing chose the operator
        assert seed_demo(ctx)
        preparer = SettingsService(ctx).load().preparer
        assert preparer and preparer != default_operator()
        with ctx.unit_of_work() as s:
            steps = set(s.execute(select(CaseStepRow.operator)).scalars())
            signed = set(s.execute(select(AuditRow.operator)).scalars())
        assert steps and default_operator() not in steps
        assert preparer in signed and default_operator() not in signed
    finally:
        ctx.database.close()
