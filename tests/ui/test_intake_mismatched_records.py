"""已登记事项: records saved before the form refused a finding citing another list's item
(负面 with a 协助办理事项) are shown as such, listed on demand and corrected by the clerk."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt

from jianfu.db.models import ListItemRow, ListKindRow
from jianfu.db.repositories.tasks import new_task_row
from jianfu.domain.tasks import TaskDecision, TaskInput
from tests.ui.conftest import read_screen

pytestmark = pytest.mark.usefixtures("qtbot")

ASSISTING = "协助开展城乡居民基本医疗保险参保登记"


def _item(s, name: str) -> tuple[int, str]:
    row = s.execute(
        select(ListItemRow.id, ListKindRow.code)
        .join(ListKindRow, ListItemRow.kind_id == ListKindRow.id)
        .where(ListItemRow.name == name)
        .order_by(ListItemRow.id.desc())
    ).first()
    assert row is not None
    return row.id, row.code


@pytest.fixture
def mismatched(demo_ctx) -> int:
    """A 负面 record citing the assisting item, as the form saved it before 2026-12-07."""
    with demo_ctx.unit_of_work() as s:
        item_id, kind = _item(s, ASSISTING)
        row = new_task_row(
            TaskInput(
                title="关于做好2027年度城乡居民医保征缴工作的通知",
                department="南屏县医疗保障局",
                received_on=dt.date(2026, 12, 7),
                decision=TaskDecision.NEGATIVE,
                text="请各村(社区)做好城乡居民医保费征缴工作，代收代缴参保费用。",
                document_number="南医保〔2026〕41号",
                item_id=item_id,
                item_name=ASSISTING,
                item_kind=kind,
            ),
            [],
            None,
            "林晓燕",
        )
        s.add(row)
        s.flush()
        return row.id


def test_the_clerk_finds_a_mismatched_record_and_corrects_it(
    window, qtbot, mismatched, monkeypatch
):
    from jianfu.ui.intake import correct

    page = read_screen(window, qtbot, "tasks")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.model.reloading)
    bar = page.mismatch_bar
    assert bar.isVisible()
    said = page.mismatch_label.text()
    assert "有 1 条记录的审核结论与对应清单事项不符" in said and "只看这些记录" in said
    assert "选中后点“更正审核结论…”" in said
    # the link lists only them
    page.mismatch_label.linkActivated.emit("show")
    qtbot.waitUntil(lambda: not page.model.reloading and page.model.total == 1)
    assert "只看这些记录" not in page.mismatch_label.text()
    task = page.model.row_at(0)
    assert task.id == mismatched
    heads = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    cell = page.model.index(0, heads.index("结论"))
    assert page.model.data(cell) == "负面（不符）"
    tip = page.model.data(cell, Qt.ItemDataRole.ToolTipRole)  # what is wrong, what to do
    assert ASSISTING in tip and "更正审核结论" in tip
    assert not page.correct_button.isEnabled()
    assert page.select_task(mismatched)
    assert page.correct_button.isEnabled()
    assert not page.refusal_button.isEnabled()  # the letter would call it a negative item

    asked = {}

    def ask(parent, task, items):
        asked["task"], asked["items"] = task, items
        return task.data.item_id, "当时误选"

    monkeypatch.setattr(correct.CorrectFindingDialog, "ask", classmethod(
        lambda cls, parent, task, items: ask(parent, task, items)))  # fmt: skip
    monkeypatch.setattr("jianfu.ui.intake.screen.notify", lambda parent, text: asked.update(n=text))
    page.correct_button.click()
    assert asked["task"].id == mismatched and asked["items"]
    qtbot.waitUntil(lambda: not page.model.reloading and not page.mismatch_bar.isVisible())
    assert "已更正" in asked["n"] and "“清单内”" in asked["n"]
    fixed = window.services.tasks.get(mismatched)
    assert fixed.data.decision is TaskDecision.IN_LIST and fixed.mismatch == ""


def test_the_dialog_offers_both_ways_and_the_finding_follows_the_item(qtbot, demo_ctx, mismatched):
    from jianfu.services.registry import Services
    from jianfu.ui.intake.correct import CorrectFindingDialog

    tasks = Services.create(demo_ctx).tasks
    task = tasks.get(mismatched)
    items = tasks.correction_items(mismatched)
    dialog = CorrectFindingDialog(task, items)
    qtbot.addWidget(dialog)
    assert dialog.follow_radio.text() == f"改为“清单内”，对应事项仍为“{ASSISTING}”"
    assert dialog.keep_radio.text() == "保留“负面”，改选负面清单事项："
    assert dialog.chosen() == (task.data.item_id, "")
    dialog.keep_radio.setChecked(True)
    dialog.item_combo.setCurrentIndex(1)
    dialog.reason_edit.setText("代收代缴属负面清单")
    assert dialog.chosen() == (items[1][0], "代收代缴属负面清单")
