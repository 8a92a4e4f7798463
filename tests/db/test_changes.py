"""Every commit tells the context's listeners what it changed (db/changes.py), nothing else."""

from __future__ import annotations

import pytest

from jianfu.domain.departments import DepartmentInput
from jianfu.domain.errors import ValidationError
from jianfu.services.registry import Services


def test_a_commit_tells_the_listeners_the_kinds_and_ids_it_changed(demo_ctx):
    heard: list[dict] = []
    demo_ctx.on_commit.append(heard.append)
    services = Services.create(demo_ctx)
    services.settings.load()
    assert heard == []  # reading changes nothing
    services.departments.add_department(DepartmentInput("南屏县数据管理局", "县数据局"))
    assert set(heard[-1]) == {"department", "audit"}
    with pytest.raises(ValidationError):
        services.departments.add_department(DepartmentInput(""))
    assert len(heard) == 1  # refused: nothing saved, nothing told
    unit = services.units.list_page("", offset=0, limit=1).rows[0]
    services.units.set_active(unit.id, False, unit.version)
    assert heard[-1]["unit"] == frozenset({unit.id})
