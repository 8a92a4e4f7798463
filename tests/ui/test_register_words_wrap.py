"""事项审核's 已登记事项 at 1366×768: the 要求 and 涉及村(社区) columns hold lists
(报表台账、考核评比/督查检查; 清溪村、岭下村) and wrapped inside an item (督查检/查: Qt breaks
Chinese between any two characters). They now wrap only between the items and the halves
of one."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.domain.tasks import TaskDemand, demands_text
from jianfu.domain.units import UnitType
from jianfu.ui.widgets.tables import WrappingDelegate, keep_words

pytestmark = pytest.mark.usefixtures("qtbot")

#: The places a list's line may end: after the 、 between two items, after the / inside one.
ENDS = "、/"


def _ends_between_words(lines: list[str]) -> bool:
    return all(line[-1] in ENDS for line in lines[:-1])


def test_keep_words_joins_each_word_and_leaves_the_breaks():
    text = "报表台账、考核评比/督查检查"
    kept = keep_words(text)
    assert kept.replace("\u2060", "") == text
    assert "报\u2060表\u2060台\u2060账" in kept and "考\u2060核" in kept
    assert "、考" in kept and "/督" in kept  # a line may break after the 、 and the /

    assert keep_words("甲\n乙") == "甲\n乙"


def test_the_registers_lists_wrap_between_their_items_at_1366(window, qtbot, demo_ctx):
    from sqlalchemy import select, update

    from jianfu.db.models import UnitRow
    from jianfu.db.models_tasks import TaskRequestRow, TaskVillageRow

    demands = demands_text(tuple(TaskDemand))  # every demand: the longest list
    with demo_ctx.unit_of_work() as s:
        s.execute(update(TaskRequestRow).values(demands=demands))
        task = s.execute(select(TaskRequestRow).order_by(TaskRequestRow.id)).scalars().first()
        kinds = [t.value for t in UnitType.village_types()]
        villages = s.execute(select(UnitRow.id).where(UnitRow.type.in_(kinds))).all()
        task.all_villages = False
        s.execute(TaskVillageRow.__table__.delete().where(TaskVillageRow.task_id == task.id))
        for (unit_id,) in villages[:6]:
            s.add(TaskVillageRow(task_id=task.id, unit_id=unit_id))
    window.showNormal()
    window.resize(1366, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == 1366)
    page = window.show_screen("tasks")
    page.tabs.setCurrentIndex(1)
    page.refresh_register()
    table, model = page.table, page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20000)
    qtbot.wait(50)  # the resize's fit runs from the event loop
    heads = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
    delegate = table.itemDelegate()
    assert isinstance(delegate, WrappingDelegate)
    plain = WrappingDelegate()  # Qt's breaks, for comparison
    wrapped = {}
    split_before = set()
    for head in ("要求", "涉及村(社区)"):
        col = heads[head]
        assert not table.isColumnHidden(col)
        for row in range(model.rowCount()):
            index = model.index(row, col)
            text = index.data() or ""
            lines = delegate.lines(table, index)
            assert "".join(lines) == text.replace("\n", "\u2028"), (head, lines)
            assert _ends_between_words(lines), (head, row, lines)
            if len(lines) > 1:
                wrapped[head] = lines
                # the row grows tall enough for every line
                need = len(lines) * table.fontMetrics().lineSpacing()
                qtbot.waitUntil(lambda r=row, n=need: table.rowHeight(r) >= n)
            if not _ends_between_words(plain.lines(table, index)):
                split_before.add(head)
    # both lists wrap at this width, and Qt's own breaks split an item of the demands (whether
    # they split a village's name too depends on the font's widths: on some machines Qt's own
    # break falls on a 、 there)
    assert set(wrapped) == {"要求", "涉及村(社区)"}, wrapped
    assert "要求" in split_before, split_before
